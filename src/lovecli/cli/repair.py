"""`lovecli repair`: guided steps after a fight, a cool-off timer, a coach, and patterns over time."""

from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from lovecli import store
from lovecli.cli import clock
from lovecli.cli.terminal import console, interactive, output_mode, print_json, print_wrapped
from lovecli.errors import UsageProblem

app = typer.Typer(
    help="Repair after a fight: the guided steps, a cool-off timer, an I-statement coach and your patterns.",
    invoke_without_command=True,
)


def _profile(home: Path):
    profile = store.load(home).profile
    if profile is None:
        raise UsageProblem("repair needs both names: run `lovecli init` first")
    return profile


@app.callback()
def repair(
    ctx: typer.Context,
    cool_off: Annotated[int, typer.Option("--cool-off", metavar="MIN", help="Minutes to cool off before talking (0 skips; couples research suggests at least 20, at most a day).")] = 20,
    resume: Annotated[bool, typer.Option("--resume", metavar="", help="Continue an interrupted repair where it stopped.")] = False,
    keep_notes: Annotated[bool, typer.Option("--keep-notes", metavar="", help="Keep what you type with the episode (otherwise notes stay in memory only).")] = False,
    return_ics: Annotated[Path | None, typer.Option("--return-ics", metavar="FILE", help="Write a calendar event at the agreed time to come back.", show_default=False)] = None,
) -> None:
    """The guided repair after a fight, for both of you at one keyboard: run `lovecli repair` on its own.

    Safety first, then a cool-off, then six steps taking turns: acknowledge, feelings, reflect back, responsibility, next time, and a closing ritual.
    """
    if ctx.invoked_subcommand is not None:
        return
    if not interactive():
        raise UsageProblem(
            "the guided repair needs a terminal; from scripts record one with "
            "`lovecli repair log --tag TAG --before N --after N`, or read the steps with `lovecli repair steps`"
        )
    from lovecli.core.repair import check_cool_off

    note = check_cool_off(cool_off)
    from lovecli.cli import repair_flow

    repair_flow.run(ctx.obj, _profile(ctx.obj), cool_off, resume, keep_notes, return_ics, note)


@app.command("steps")
def steps(
    plain: Annotated[bool, typer.Option("--plain", metavar="", help="Plain numbered text to read aloud.")] = False,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="A JSON list of the steps.")] = False,
) -> None:
    """The steps to read aloud. Touches no state."""
    from lovecli.content.repair import load_repair

    mode = output_mode(plain, as_json)
    content = load_repair()
    choices = {"feelings": list(content.feelings), "closing": [*content.closings, "Something else you agree on"]}
    listed = [
        {"id": "cool-off", "title": "Pause and cool off", "why": content.cool_off_why, "prompt": "Take at least 20 minutes apart doing something calming, then come back at an agreed time.", "for_each": False, "kind": "pause", "parts": [], "choices": []},
        *({**step._asdict(), "parts": list(step.parts), "choices": choices.get(step.kind, [])} for step in content.steps),
    ]
    if mode == "json":
        print_json(listed)
        return
    out = console()
    if mode == "rich":
        print_wrapped(out, content.intro, indent=0)
        out.print()
    for number, step in enumerate(listed, 1):
        who = " (each of you, taking turns)" if step["for_each"] else ""
        if mode == "plain":
            print(f"{number}. {step['title']}{who}: {step['prompt']}")
            for part in step["parts"]:
                print(f"   - {part}")
            if step["choices"]:
                print(f"   Choose from: {', '.join(step['choices'])}")
            continue
        out.print(f"[bold]{number}. {step['title']}[/bold]{who}")
        print_wrapped(out, step["why"], style="dim", indent=3)
        print_wrapped(out, step["prompt"], indent=3)
        for part in step["parts"]:
            print_wrapped(out, f"- {part}", indent=5, hanging=2)
        if step["choices"]:
            print_wrapped(out, "Choose from: " + ", ".join(step["choices"]), style="dim", indent=3, hanging=2)
        out.print()


@app.command("coach")
def coach_command(
    words: Annotated[list[str], typer.Argument(metavar="TEXT", help='What you want to say (quotes optional), or - to read it from standard input.')],
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print flags and suggestion as JSON.")] = False,
) -> None:
    """Check a sentence for blame and get an I-statement to try instead. Works offline."""
    from lovecli.content.repair import load_repair
    from lovecli.core.coach import coach

    import sys

    text = sys.stdin.read() if words == ["-"] else " ".join(words)
    if not text.strip():
        raise UsageProblem("give the sentence to check, e.g. lovecli repair coach \"You never listen\"")
    text = text.strip()
    content = load_repair()
    result = coach(text, content.coach)
    labels = {pattern.id: pattern for pattern in content.coach}
    if as_json:
        print_json(
            {
                "text": text,
                "flags": list(result.flags),
                "fine": result.fine,
                "suggestion": result.suggestion,
                "feelings": list(content.feelings),
                "needs": list(content.needs),
            }
        )
        return
    out = console()
    if result.fine:
        out.print("[green]Fine as it is:[/green] no blaming patterns found.")
        print_wrapped(out, result.text)
        return
    out.print("[yellow]Found:[/yellow]")
    for flag in result.flags:
        print_wrapped(out, f"{labels[flag].label}: {labels[flag].why}", indent=2, hanging=2)
    out.print("\n[magenta]Try instead[/magenta]")
    print_wrapped(out, result.suggestion, style="bold")
    out.print("\n[dim]Feeling words:[/dim] " + ", ".join(content.feelings[:12]), highlight=False, soft_wrap=True)
    out.print("[dim]Need words:[/dim] " + ", ".join(content.needs[:12]), highlight=False, soft_wrap=True)


@app.command("log")
def log(
    ctx: typer.Context,
    tag: Annotated[list[str], typer.Option("--tag", metavar="TAG", help="What the fight was about (repeat), e.g. --tag money.", show_default=False)] = [],
    before: Annotated[int | None, typer.Option(metavar="0-10", help="How you felt before the repair.", show_default=False)] = None,
    after: Annotated[int | None, typer.Option(metavar="0-10", help="How you felt after it.", show_default=False)] = None,
    took: Annotated[str | None, typer.Option(metavar="DURATION", help="From fight to repair, e.g. 45m, 3h, 1d.", show_default=False)] = None,
    day: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="When it happened (default: now).", show_default=False)] = None,
    who: Annotated[str | None, typer.Option("--as", metavar="NAME", help="Whose feelings --before and --after are (default: the first name).", show_default=False)] = None,
) -> None:
    """Record a repair that happened away from the keyboard."""
    from datetime import datetime

    from lovecli.core.answers import partner_named
    from lovecli.core.repair import check_score, check_tags, parse_duration
    from lovecli.model import RepairEpisode

    home: Path = ctx.obj
    profile = _profile(home)
    missing = [flag for flag, value in (("--tag", tag), ("--before", before), ("--after", after)) if value in (None, [])]
    if missing:
        raise UsageProblem(f"repair log needs {', '.join(missing)}")
    tags = check_tags(tag)
    person = partner_named(profile.names, who) if who else profile.name
    when = clock.now(profile)
    if day is not None:
        chosen = clock.parse_day(day, profile)
        if chosen > when.date():
            raise UsageProblem(f"--date {chosen} is in the future; log a repair once it has happened")
        when = datetime.combine(chosen, when.timetz())
    episode = RepairEpisode(
        started=when,
        finished=when,
        tags=tags,
        steps=[],
        before={person: check_score(before, "--before")},
        after={person: check_score(after, "--after")},
        took_minutes=parse_duration(took) if took else None,
        logged=True,
    )
    with store.update(home) as state:
        state.repairs.append(episode)
        episodes = list(state.repairs)
    console().print(f"Logged a repair about {', '.join(tags)}: {person} {before} → {after}.")
    from lovecli.cli.repair_flow import warn_recurring

    warn_recurring(episodes, only=tags)


@app.command("history")
def history(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print the episodes as JSON, oldest first.")] = False,
) -> None:
    """Repairs over time: topics that come up most, time from fight to repair, returning fights."""
    from lovecli.core.repair import duration_text, minutes_to_repair, recurring_tags, tag_counts

    episodes = sorted(store.load(ctx.obj).repairs, key=lambda e: e.started)
    if as_json:
        print_json(
            {
                "episodes": [
                    {
                        "started": e.started.isoformat(timespec="seconds"),
                        "finished": e.finished.isoformat(timespec="seconds"),
                        "tags": e.tags,
                        "steps": e.steps,
                        "before": e.before,
                        "after": e.after,
                        "minutes_to_repair": minutes_to_repair(e),
                        "logged": e.logged,
                    }
                    for e in episodes
                ],
                "top_tags": [{"tag": tag, "count": count} for tag, count in tag_counts(episodes)],
                "recurring": [{"tag": tag, "times": times} for tag, times in recurring_tags(episodes).items()],
            }
        )
        return
    out = console()
    if not episodes:
        out.print("No repairs recorded yet. After a fight: lovecli repair (or lovecli repair log).")
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("date", "about", "steps", "feelings before → after", "to repair"):
        table.add_column(column)
    for e in episodes:
        feelings = ", ".join(f"{name} {e.before.get(name, '?')}→{e.after.get(name, '?')}" for name in dict.fromkeys([*e.before, *e.after]))
        minutes = minutes_to_repair(e)
        took = "" if minutes is None else duration_text(minutes)
        table.add_row(f"{e.started:%Y-%m-%d}", ", ".join(e.tags), "logged" if e.logged else f"{len(e.steps)}/6", feelings, took)
    out.print(table)
    top = tag_counts(episodes)[:5]
    out.print("\n[magenta]Most frequent topics[/magenta]  " + ", ".join(f"{tag} ({count})" for tag, count in top))
    known = [m for m in (minutes_to_repair(e) for e in episodes) if m is not None]
    if known:
        known.sort()
        out.print(f"[magenta]Typical time from fight to repair[/magenta]  {duration_text(known[len(known) // 2])} (median of {len(known)})")
    out.print()
    from lovecli.cli.repair_flow import warn_recurring

    warn_recurring(episodes)


@app.command("betrayal")
def betrayal(
    ctx: typer.Context,
    start: Annotated[str | None, typer.Option(metavar="YYYY-MM-DD", help="Start (or restart) the track on this day.", show_default=False)] = None,
    ics: Annotated[Path | None, typer.Option("--ics", metavar="FILE", help="Write the weekly stage check-ins as iCalendar.", show_default=False)] = None,
    at: Annotated[str, typer.Option(metavar="HH:MM", help="Time of the weekly check-in in the calendar.")] = "19:00",
    stop: Annotated[bool, typer.Option("--stop", metavar="", help="End the track (its start date is forgotten).")] = False,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print the current stage as JSON.")] = False,
) -> None:
    """Rebuilding trust after a betrayal: the stages, typical timelines, and this week's check-in."""
    from lovecli.content.repair import load_betrayal
    from lovecli.core.repair import betrayal_stage, checkins_for_week

    home: Path = ctx.obj
    profile = _profile(home)
    track = load_betrayal()
    if stop:
        if start is not None or ics is not None:
            raise UsageProblem("--stop ends the track; it cannot be combined with --start or --ics")
        if store.load(home).betrayal_start is None:
            console().print("There is no trust-rebuilding track to stop.")
            return
        with store.update(home) as state:
            state.betrayal_start = None
        console().print("The trust-rebuilding track has ended. Take care of each other.")
        return
    if start is not None:
        begin = clock.parse_day(start, profile, flag="--start")
        with store.update(home) as state:
            state.betrayal_start = begin
    begin = store.load(home).betrayal_start
    if begin is None:
        if ics is not None:
            raise UsageProblem("start the track first: lovecli repair betrayal --start YYYY-MM-DD --ics FILE")
        _show_stages(track, None, as_json)
        return
    today = clock.now(profile).date()
    stage, week = betrayal_stage(track.stages, begin, today)
    prompts = checkins_for_week(stage, week)
    if ics is not None:
        _betrayal_ics(ics, track, begin, at, profile)
    if as_json:
        print_json(
            {
                "started": True,
                "start": begin.isoformat(),
                "week": week,
                "stage": {"id": stage.id, "name": stage.name, "action": stage.action, "typical": stage.typical},
                "checkins": prompts,
                "stages": [{"id": s.id, "name": s.name, "typical": s.typical, "until_week": s.until_week} for s in track.stages],
            }
        )
        return
    out = console()
    print_wrapped(out, track.intro, style="dim", indent=0)
    out.print(f"\nWeek {week} since {begin:%-d %B %Y}\n")
    for s in track.stages:
        marker = "▶ now" if s.id == stage.id else "     "
        print_wrapped(out, f"{marker}  {s.name} ({s.typical}): {s.action}", style="bold" if s.id == stage.id else "", indent=0, hanging=7)
    out.print("\n[magenta]This week's check-in[/magenta]")
    for prompt in prompts:
        print_wrapped(out, f"• {prompt}", indent=2, hanging=2)
    if ics is not None:
        out.print(f"\n[dim]Weekly check-ins written to {ics}[/dim]")
    out.print()


def _show_stages(track, current, as_json: bool) -> None:
    """The stages before any track is started, so a couple can read them first."""
    if as_json:
        print_json({"started": False, "stages": [{"id": s.id, "name": s.name, "typical": s.typical, "until_week": s.until_week} for s in track.stages]})
        return
    out = console()
    print_wrapped(out, track.intro, style="dim", indent=0)
    out.print()
    for s in track.stages:
        print_wrapped(out, f"{s.name} ({s.typical}): {s.action}", indent=2, hanging=2)
    out.print("\nStart the track, with weekly check-ins, with: lovecli repair betrayal --start YYYY-MM-DD\n")


def _betrayal_ics(path: Path, track, begin, at: str, profile) -> None:
    from datetime import datetime, time as clock_time

    from lovecli.calendar import CalendarEvent, event_uid, to_ical
    from lovecli.core.daily import couple_key
    from lovecli.core.planning import wall_time
    from lovecli.core.repair import checkins_for_week, stage_for_week

    try:
        hours, minutes = (int(part) for part in at.split(":"))
        moment = clock_time(hours, minutes)
    except ValueError:
        raise UsageProblem(f"--at must look like 19:00, not {at!r}") from None
    zone = clock.zone(profile.timezone)
    couple = couple_key(profile.names).hex()[:16]
    events = []
    today = clock.now(profile).date()
    for week in range(1, track.stages[-1].until_week + 1):
        day = begin + timedelta(weeks=week - 1)
        if day + timedelta(days=6) < today:
            continue  # weeks already behind you need no reminder
        start = wall_time(day, moment, zone) or datetime.combine(day, moment, tzinfo=zone)
        stage = stage_for_week(track.stages, week)
        prompts = "\n".join(f"- {prompt}" for prompt in checkins_for_week(stage, week))
        description = f"{stage.name} ({stage.typical}): {stage.action}\n\nThis week's check-in:\n{prompts}\n\n{track.intro}"
        events.append(CalendarEvent(event_uid(couple, "trust-check-in", begin.isoformat(), week), f"Trust check-in, week {week}: {stage.name}", start, start + timedelta(minutes=30), description, 0))
    data = to_ical(events, f"lovecli: {profile.name} & {profile.partner}", profile.timezone, datetime.now(zone).replace(microsecond=0), 15)
    try:
        path.expanduser().write_bytes(data)
    except OSError as exc:
        raise UsageProblem(f"cannot write {path}: {exc.strerror or exc}") from None
