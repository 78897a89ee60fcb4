"""`lovecli plan-week`: spontaneity windows, the weekly audit and other rituals, placed in free time."""

import hashlib
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated

import typer

from lovecli import store
from lovecli.cli import clock
from lovecli.cli.terminal import console, interactive, print_json
from lovecli.errors import EXIT_FAILURE, UsageProblem


def plan_week(
    ctx: typer.Context,
    week: Annotated[str | None, typer.Option(metavar="YYYY-Www", help="The ISO week to plan, e.g. 2026-W49.", show_default=False)] = None,
    start: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Plan from this day (its week, from that day on).", show_default=False)] = None,
    weeks: Annotated[int, typer.Option(min=1, max=52, metavar="N", help="How many weeks to plan (1-52).")] = 1,
    busy: Annotated[list[Path], typer.Option("--busy", metavar="FILE.ics", help="Your own calendar export; its events are avoided (repeat for several).", show_default=False)] = [],
    ritual: Annotated[list[str], typer.Option("--ritual", metavar="ID", help="Also place this ritual at its cadence (repeat).", show_default=False)] = [],
    window_minutes: Annotated[int | None, typer.Option(min=30, metavar="MIN", help="Length of the spontaneity window (default 45, at least 30).", show_default=False)] = None,
    remind: Annotated[int, typer.Option(min=0, metavar="MIN", help="Reminder before each event, in minutes (0 = none).")] = 15,
    seed: Annotated[int | None, typer.Option(metavar="N", help="Vary the placement; the same seed gives the same plan.", show_default=False)] = None,
    out: Annotated[str | None, typer.Option(metavar="FILE.ics", help="Write the plan as iCalendar to FILE (- for standard output).", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print the events as a JSON list.")] = False,
    allow_partial: Annotated[bool, typer.Option("--allow-partial", metavar="", help="Keep what fits and list what does not, instead of failing.")] = False,
    show: Annotated[bool, typer.Option("--show", metavar="", help="Show the current plan (and export it with --out) without planning again.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", metavar="", help="Save without asking for confirmation on a terminal.")] = False,
) -> None:
    """Plan the week's rituals around your free time and busy calendars, and export them as iCalendar.

    Each week gets a spontaneity window (a new time each week; you take turns picking the surprise) and the weekly audit on a later day.
    """
    if as_json and out == "-":
        raise UsageProblem("--json and --out - would both write to standard output; choose one")
    home: Path = ctx.obj
    state = store.load(home)
    profile = state.profile
    if profile is None:
        raise UsageProblem("plan-week needs your names and timezone: run `lovecli init` first")
    zone = clock.zone(profile.timezone)
    now = clock.now(profile)

    import random

    from lovecli.cli.rituals import library

    by_id = {r.id: r for r in library(home)}
    if show:
        from lovecli.core.planning import iso_week

        if week is not None:
            chosen = iso_week(_first_day(week, None, now.date()))
            upcoming = sorted((e for e in state.planned if e.week == chosen), key=lambda e: e.start)
        else:
            upcoming = sorted((e for e in state.planned if e.end >= now), key=lambda e: e.start)
        _report(upcoming, [], as_json, note=None if upcoming else "No plan yet. Make one with: lovecli plan-week", to_stderr=out == "-")
        if out is not None and upcoming:
            _export(upcoming, by_id, state.pickers, profile, out, remind)
            if out != "-" and not as_json:
                console().print(f"Calendar file: {out}")
        return

    from lovecli.core import planning
    from lovecli.core.availability import DEFAULT_FREE, parse_free
    from lovecli.core.daily import couple_key

    first_day = _first_day(week, start, now.date())
    if first_day + timedelta(days=6 - first_day.weekday()) < now.date():
        raise UsageProblem(f"{planning.iso_week(first_day - timedelta(days=first_day.weekday()))} is in the past; plan this week or later")
    monday = first_day - timedelta(days=first_day.weekday())
    mondays = [monday + timedelta(weeks=offset) for offset in range(weeks)]
    last_day = mondays[-1] + timedelta(days=6)

    notes = []
    if profile.free:
        free = [parse_free(spec) for spec in profile.free]
    else:
        free = [parse_free(spec) for spec in DEFAULT_FREE]
        notes.append(f"Using default free time ({', '.join(DEFAULT_FREE)}); set yours with lovecli init --free.")

    from lovecli.calendar import read_busy

    busy_times = [event for path in busy for event in read_busy(path, zone, first_day, last_day)]
    # Days before --start are off limits in the first week.
    busy_times.append(planning.Busy(datetime.combine(monday, datetime.min.time(), zone), datetime.combine(first_day, datetime.min.time(), zone)))

    for needed in (planning.WINDOW_ID, planning.AUDIT_ID):
        if needed not in by_id:
            raise UsageProblem(f"the ritual library has no {needed!r}; restore it or add HOME/rituals/{needed}.toml")
    extras = []
    for ritual_id in dict.fromkeys(ritual):
        if ritual_id not in by_id:
            raise UsageProblem(f"no ritual {ritual_id!r}; see `lovecli rituals`")
        if ritual_id in (planning.WINDOW_ID, planning.AUDIT_ID):
            continue  # placed every week anyway
        extra = by_id[ritual_id]
        extras.append(planning.Want(extra.id, extra.name, extra.minutes, extra.best_time, extra.cadence))

    if window_minutes is None:
        happened = [audit.window_happened for audit in sorted(state.audits, key=lambda a: (a.week, a.at))]
        reason = planning.shorter_window_reason(happened)
        window_minutes = planning.SHORTER_WINDOW_MINUTES if reason else 45
        if reason:
            notes.append(reason[0].upper() + reason[1:] + ".")

    names = profile.names
    key = couple_key(names)
    previous_week = planning.iso_week(monday - timedelta(weeks=1))
    picker = planning.picker_for(planning.iso_week(monday), state.pickers, names)
    previous_window = next(
        (e.start for e in state.planned if e.week == previous_week and e.ritual == planning.WINDOW_ID), None
    )
    window_ritual, audit_ritual = by_id[planning.WINDOW_ID], by_id[planning.AUDIT_ID]
    plans = []
    for index, week_monday in enumerate(mondays):
        week_id = planning.iso_week(week_monday)
        window = planning.Want(window_ritual.id, f"Spontaneity window: {picker} picks the surprise", window_minutes, window_ritual.best_time, "weekly")
        audit = planning.Want(audit_ritual.id, audit_ritual.name, audit_ritual.minutes, audit_ritual.best_time, "weekly")
        rng = random.Random(planning.week_seed(key, week_id, seed))
        plan = planning.plan_week(week_monday, zone, free, busy_times, window, audit, extras, picker, previous_window, index, rng)
        plans.append(plan)
        previous_window = next((e.start for e in plan.placed if e.ritual == planning.WINDOW_ID), None)
        picker = planning.other(names, picker)

    placed = [event for plan in plans for event in plan.placed]
    missed = [miss for plan in plans for miss in plan.missed]
    blocking = [miss for miss in missed if miss.blocking]
    if not placed or (blocking and not allow_partial):
        out_err = console(stderr=True)
        for miss in blocking or missed:
            out_err.print(f"{miss.week}: {miss.ritual}: {miss.reason}", highlight=False)
        hint = "" if not placed else ", or pass --allow-partial"
        out_err.print(f"Nothing was written. Widen your free time (lovecli init --free) or drop a --busy file{hint}.")
        raise typer.Exit(EXIT_FAILURE)

    from lovecli.calendar import event_uid
    from lovecli.model import PlannedEvent

    stored = {event.uid: event for event in state.planned}
    pickers = {plan.week: plan.picker for plan in plans}
    couple = key.hex()[:16]
    events = []
    for event in placed:
        description = _description(event, by_id, pickers)
        uid = event_uid(couple, event.ritual, event.week, event.occurrence)
        digest = hashlib.sha256(f"{event.title}\n{event.start.isoformat()}\n{event.end.isoformat()}\n{description}\n{remind}".encode()).hexdigest()[:16]
        before = stored.get(uid)
        sequence = 0 if before is None else before.sequence + (before.digest != digest)
        events.append(PlannedEvent(uid, event.week, event.ritual, event.title, event.start, event.end, sequence, digest))

    # With --out - the calendar owns standard output, so the preview goes to standard error.
    _report(events, missed, as_json, note=" ".join(notes) or None, to_stderr=out == "-")
    if interactive() and not yes and not as_json:
        import questionary

        target = f" and write {out}" if out and out != "-" else ""
        if not questionary.confirm(f"Save this plan{target}?", default=True).unsafe_ask():
            console().print("Nothing was saved.")
            return

    planned_weeks = {plan.week for plan in plans}
    with store.update(home) as fresh:
        fresh.planned = [e for e in fresh.planned if e.week not in planned_weeks] + events
        fresh.pickers.update(pickers)
        if out is not None:
            _export(events, by_id, pickers, profile, out, remind)
    if not as_json and out != "-":
        saved = f"Saved the plan for {', '.join(sorted(planned_weeks))}."
        console().print(saved + (f" Calendar file: {out}" if out else " Export it with --out FILE.ics."))


def _first_day(week: str | None, start: str | None, today: date) -> date:
    import re

    from lovecli.core.planning import monday_of

    if week and start:
        raise UsageProblem("choose one of --week and --start")
    if week:
        match = re.fullmatch(r"(\d{4})-[Ww](\d{1,2})", week.strip())
        if not match:
            raise UsageProblem(f"--week must look like 2026-W49, not {week!r}")
        try:
            return monday_of(week.strip())
        except ValueError:
            raise UsageProblem(f"{match.group(1)} has no week {int(match.group(2))}") from None
    if start:
        return clock.parse_day(start, None, flag="--start")
    return today + timedelta(days=7 - today.weekday())  # next Monday


def _description(event, by_id: dict, pickers: dict[str, str]) -> str:
    from lovecli.core.planning import WINDOW_ID, describe

    source = by_id.get(event.ritual)
    if source is None:  # a ritual file removed since the plan was made
        return event.title
    return describe(source, pickers.get(event.week) if event.ritual == WINDOW_ID else None)


def _export(events, by_id: dict, pickers: dict[str, str], profile, out: str, remind: int) -> None:
    from lovecli.calendar import CalendarEvent, to_ical

    zone = clock.zone(profile.timezone)
    calendar_events = [
        CalendarEvent(
            event.uid,
            event.title,
            event.start.astimezone(zone),
            event.end.astimezone(zone),
            _description(event, by_id, pickers),
            event.sequence,
        )
        for event in sorted(events, key=lambda e: (e.start, e.uid))
    ]
    data = to_ical(
        calendar_events,
        name=f"lovecli: {profile.name} & {profile.partner}",
        zone_name=profile.timezone,
        stamp=datetime.now(timezone.utc).replace(microsecond=0),
        remind_minutes=remind,
    )
    if out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    target = Path(out).expanduser()
    try:
        temp = target.with_name(f".{target.name}.tmp")
        temp.write_bytes(data)
        temp.replace(target)
    except OSError as exc:
        raise UsageProblem(f"cannot write {target}: {exc.strerror or exc}") from None


def _report(events, missed, as_json: bool, note: str | None, to_stderr: bool = False) -> None:
    if as_json:
        print_json(
            [
                {
                    "ritual": e.ritual,
                    "title": e.title,
                    "start": e.start.isoformat(),
                    "end": e.end.isoformat(),
                    "week": e.week,
                    "uid": e.uid,
                }
                for e in events
            ]
        )
        return
    from rich.table import Table

    out = console(stderr=to_stderr)
    if note:
        out.print(f"[yellow]{note}[/yellow]", soft_wrap=True)
    if events:
        table = Table(box=None, pad_edge=False, show_edge=False)
        for column in ("week", "day", "time", "ritual"):
            table.add_column(column, no_wrap=column != "ritual")
        for event in events:
            table.add_row(event.week, f"{event.start:%a %-d %b}", f"{event.start:%H:%M}-{event.end:%H:%M}", event.title)
        out.print(table)
    for miss in missed:
        out.print(f"[yellow]did not fit[/yellow] {miss.week}: {miss.ritual}: {miss.reason}", highlight=False)
