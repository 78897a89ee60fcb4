"""`lovecli audit`: the guided weekly review, kept with its date and who answered."""

from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from lovecli import store
from lovecli.cli import clock
from lovecli.cli.terminal import console, interactive, print_json, print_wrapped
from lovecli.errors import NeedsTerminal, UsageProblem

WEEKS_SHOWN = 10


def audit(
    ctx: typer.Context,
    window: Annotated[str | None, typer.Option(metavar="yes|no", help="Did this week's spontaneity window happen?", show_default=False)] = None,
    felt: Annotated[str | None, typer.Option(metavar="TEXT", help="How the window felt.", show_default=False)] = None,
    went_well: Annotated[str | None, typer.Option(metavar="TEXT", help="What went well between you.", show_default=False)] = None,
    drifted: Annotated[str | None, typer.Option(metavar="TEXT", help="Where you drifted.", show_default=False)] = None,
    more_of: Annotated[str | None, typer.Option(metavar="TEXT", help="What you want more of.", show_default=False)] = None,
    win: Annotated[str | None, typer.Option(metavar="TEXT", help="One small win.", show_default=False)] = None,
    who: Annotated[str | None, typer.Option("--as", metavar="NAME", help="Who answered (default: both of you).", show_default=False)] = None,
    week: Annotated[str | None, typer.Option(metavar="YYYY-Www", help="The week reviewed (default: this week).", show_default=False)] = None,
    show: Annotated[bool, typer.Option("--show", metavar="", help="Only show the last ten weeks of audits.")] = False,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print JSON.")] = False,
) -> None:
    """The weekly intimacy audit: did the window happen, what went well, where you drifted, what you want more of, one small win.

    Asks on a terminal; from scripts pass --window yes|no and any of the other answers.
    """
    from lovecli.core.planning import iso_week, monday_of, shorter_window_reason
    from lovecli.model import Audit

    home: Path = ctx.obj
    state = store.load(home)
    now = clock.now(state.profile)
    this_week = iso_week(now.date() - timedelta(days=now.weekday()))
    if week is not None:
        try:
            week = iso_week(monday_of(week))
        except ValueError:
            raise UsageProblem(f"--week must look like 2026-W49, not {week!r}") from None
    week = week or this_week

    if show:
        _show_recent(state.audits, this_week, as_json)
        return

    by = _who(state.profile, who)
    answers = {"felt": felt, "went_well": went_well, "drifted": drifted, "more_of": more_of, "win": win}
    happened = _yes_no(window) if window is not None else None
    if happened is None or (interactive() and all(value is None for value in answers.values())):
        if not interactive():
            raise NeedsTerminal(["--window yes|no (and any of --felt, --went-well, --drifted, --more-of, --win)"])
        happened, answers = _ask(home, happened, answers)

    record = Audit(now, by, week, happened, **{key: (value or "").strip() for key, value in answers.items()})
    with store.update(home) as fresh:
        fresh.audits.append(record)
        audits = list(fresh.audits)
    if as_json:
        print_json(_audit_json(record))
        return
    console().print(f"\nSaved the audit for {week}.")
    _show_recent(audits, this_week, False)
    happened_list = [a.window_happened for a in sorted(audits, key=lambda a: (a.week, a.at))]
    reason = shorter_window_reason(happened_list)
    if reason:
        print_wrapped(console(), f"Next time you plan: {reason}.", indent=0)


def _who(profile, given: str | None) -> str:
    if given is None:
        return f"{profile.name} & {profile.partner}" if profile else "both"
    if profile is not None:
        from lovecli.core.answers import partner_named

        return partner_named(profile.names, given)
    return given.strip()


def _yes_no(value: str) -> bool:
    from lovecli.core.answers import yes_or_no

    answer = yes_or_no(value)
    if answer is None:
        raise UsageProblem(f"--window must be yes or no, not {value!r}")
    return answer


def _ask(home: Path, happened: bool | None, answers: dict) -> tuple[bool, dict]:
    import questionary

    from lovecli.cli.rituals import library
    from lovecli.core.planning import AUDIT_ID

    # The questions are content: the weekly-audit ritual's five prompts, the couple's own file first.
    audit_ritual = next((r for r in library(home) if r.id == AUDIT_ID), None)
    if audit_ritual is None or len(audit_ritual.prompts) != 5:
        raise UsageProblem(f"the {AUDIT_ID} ritual needs its five prompts; restore it or fix HOME/rituals/{AUDIT_ID}.toml")
    prompts = audit_ritual.prompts
    out = console()
    out.print("\n[bold]Weekly intimacy audit[/bold] [dim]· about 30 minutes · Ctrl-C stops without saving[/dim]")
    if audit_ritual.avoid:
        out.print("[dim]Avoid: " + " ".join(audit_ritual.avoid) + "[/dim]\n")
    if happened is None:
        happened = questionary.select(
            "Did your spontaneity window happen this week?",
            choices=[questionary.Choice("Yes", True, shortcut_key="y"), questionary.Choice("No", False, shortcut_key="n")],
            use_shortcuts=True,
        ).unsafe_ask()
    fields = ["felt", "went_well", "drifted", "more_of", "win"]
    questions = [
        "How did it feel?" if happened else "What got in the way? (no blame, just what happened)",
        *prompts[1:],
    ]
    for field, question in zip(fields, questions):
        if answers[field] is None:
            answers[field] = questionary.text(question).unsafe_ask()
    return happened, answers


def _audit_json(record) -> dict:
    data = record._asdict()
    data["at"] = record.at.isoformat(timespec="seconds")
    return data


def _show_recent(audits, this_week: str, as_json: bool) -> None:
    from lovecli.core.planning import iso_week, monday_of

    monday = monday_of(this_week)
    weeks = [iso_week(monday - timedelta(weeks=back)) for back in range(WEEKS_SHOWN - 1, -1, -1)]
    recent = [a for a in sorted(audits, key=lambda a: (a.week, a.at)) if a.week in weeks]
    if as_json:
        print_json([_audit_json(a) for a in recent])
        return
    out = console()
    if not audits:
        out.print("No audits yet. Your first: lovecli audit")
        return
    first_week = min(a.week for a in audits)
    weeks = [week for week in weeks if week >= first_week]  # the strip starts when you did
    happened = {a.week for a in recent if a.window_happened}
    audited = {a.week for a in recent}

    def mark(week: str) -> str:
        if week in happened:
            return "[green]●[/green]"
        return "[yellow]◐[/yellow]" if week in audited else "[dim]○[/dim]"

    strip = " ".join(mark(week) for week in weeks)
    out.print(f"\nLast {len(weeks)} week{'s' if len(weeks) != 1 else ''}: {strip}  [dim]● audit and window · ◐ audit only · ○ neither[/dim]")
    if len(audited) < len(weeks):
        out.print("[dim]A missed week is not a failure: resume, don't reset.[/dim]")
    for a in recent:
        window = "window happened" if a.window_happened else "no window"
        details = " · ".join(
            f"{label}: {text}"
            for label, text in (("felt", a.felt), ("went well", a.went_well), ("drifted", a.drifted), ("more of", a.more_of), ("win", a.win))
            if text
        )
        print_wrapped(out, f"{a.week} · {a.by} · {window}" + (f" · {details}" if details else ""), indent=2, hanging=2)
    out.print()
