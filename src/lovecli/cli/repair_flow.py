"""The guided repair, screen by screen. Progress is saved after every step so it can be resumed."""

import sys
import time
from datetime import timedelta
from pathlib import Path

from lovecli import store
from lovecli.cli import clock
from lovecli.cli.terminal import ask_yes_no, console, print_wrapped, show_unsafe_message
from lovecli.errors import Paused, UsageProblem


def run(home: Path, profile, cool_off: int, resume: bool, keep_notes: bool, return_ics: Path | None, note: str | None) -> None:
    import questionary

    from lovecli.content.repair import load_repair
    from lovecli.model import RepairSession

    content = load_repair()
    out = console()
    session = store.load(home).repair_session
    names = profile.names

    if resume and session is None:
        raise UsageProblem("there is no unfinished repair to resume; start one with: lovecli repair")
    if session is not None and not resume:
        choice = questionary.select(
            f"An unfinished repair from {session.started:%a %-d %b, %H:%M} is waiting.",
            choices=[questionary.Choice("Continue it", "continue"), questionary.Choice("Start a new one (the unfinished one is dropped)", "new")],
        ).unsafe_ask()
        resume = choice == "continue"

    out.print("\n[bold]Repair after a fight[/bold]")
    if not resume:
        print_wrapped(out, content.intro, indent=0)
    out.print()
    # Asked every time, resuming included: how someone feels can change between sessions.
    if ask_yes_no(content.safety_question):
        _stop_for_safety(home)
        return
    if not resume:
        before = {name: _score(questionary, f"{name}, how do you feel right now? (0 = awful, 10 = fine)") for name in names}
        now = clock.now(profile)
        session = RepairSession(
            started=now,
            next_step=0,
            before=before,
            keep_notes=keep_notes,
            notes={},
            return_at=now + timedelta(minutes=cool_off) if cool_off else None,
        )
        _save_session(home, session)
        if cool_off:
            _cool_off(content, session, cool_off, note, return_ics, profile)
    elif session.next_step < len(content.steps):
        out.print(f"[bold]Welcome back.[/bold] Continuing from step {session.next_step + 1} of {len(content.steps)}.")
    else:
        out.print("[bold]Welcome back.[/bold] All the steps are done; just the last questions are left.")

    for index in range(session.next_step, len(content.steps)):
        step = content.steps[index]
        try:
            notes = _run_step(questionary, content, step, index, names)
        except KeyboardInterrupt:
            raise Paused(
                f"Paused after {index} of {len(content.steps)} steps; your progress is saved. "
                "Continue together with: lovecli repair --resume"
            ) from None
        session = session._replace(
            next_step=index + 1,
            notes={**session.notes, **notes} if session.keep_notes else {},
        )
        _save_session(home, session)

    _finish(questionary, home, content, session, names, profile)


def _stop_for_safety(home: Path) -> None:
    with store.update(home) as state:
        state.repair_session = None  # a paused repair is not picked up again after this answer
    show_unsafe_message()


def _score(questionary, message: str) -> int:
    def valid(text: str) -> bool | str:
        return (text.strip().isdigit() and 0 <= int(text) <= 10) or "Type a whole number from 0 to 10."

    return int(questionary.text(message, validate=valid).unsafe_ask())


def _save_session(home: Path, session) -> None:
    with store.update(home) as state:
        state.repair_session = session


def _cool_off(content, session, minutes: int, note: str | None, return_ics: Path | None, profile) -> None:
    out = console()
    back = session.return_at
    out.print(f"\n[bold]Pause: {minutes} minutes apart.[/bold] Come back together at [bold]{back:%H:%M}[/bold].")
    print_wrapped(out, content.cool_off_why, indent=0)
    if note:
        print_wrapped(out, note, style="yellow", indent=0)
    if return_ics is not None:
        _return_event(return_ics, back, profile)
        out.print(f"[dim]Calendar event for {back:%H:%M} written to {return_ics}[/dim]")
    out.print("[dim]Ctrl-C ends the countdown early and moves on.[/dim]\n")
    cues = content.cool_off_cues
    width = max(40, out.width - 1)
    deadline = time.monotonic() + minutes * 60
    try:
        while (left := deadline - time.monotonic()) > 0:
            cue = cues[int(left) // 10 % len(cues)]
            line = f"  {int(left) // 60:02d}:{int(left) % 60:02d} left · {cue}"
            if len(line) > width:
                line = line[: width - 1] + "…"
            sys.stdout.write("\r" + line.ljust(width))
            sys.stdout.flush()
            time.sleep(min(1.0, left))
    except KeyboardInterrupt:
        pass
    sys.stdout.write("\r" + " " * width + "\r")
    out.print("Welcome back. Take a breath together before you start.\n")


def _return_event(path: Path, back, profile) -> None:
    from datetime import datetime

    from lovecli.calendar import CalendarEvent, event_uid, to_ical

    zone = clock.zone(profile.timezone)
    start = back.astimezone(zone).replace(second=0, microsecond=0)
    event = CalendarEvent(
        event_uid("repair", "come-back", start.isoformat(), 0),
        "Come back together to talk",
        start,
        start + timedelta(minutes=30),
        "The agreed time to come back after a cool-off. Start with: lovecli repair --resume",
        0,
    )
    data = to_ical([event], f"lovecli: {profile.name} & {profile.partner}", profile.timezone, datetime.now(zone).replace(microsecond=0), 0)
    try:
        path.expanduser().write_bytes(data)
    except OSError as exc:
        raise UsageProblem(f"cannot write {path}: {exc.strerror or exc}") from None


def _run_step(questionary, content, step, index: int, names) -> dict[str, str]:
    from lovecli.core.repair import turns

    out = console()
    out.print(f"\n[bold magenta]Step {index + 1} of {len(content.steps)}: {step.title}[/bold magenta]")
    print_wrapped(out, step.why, style="dim", indent=0)
    notes: dict[str, str] = {}
    for speaker in turns(index, step.for_each, names):
        if speaker is not None:
            out.print(f"\n[bold]{speaker}'s turn.[/bold]")
        print_wrapped(out, step.prompt, indent=0)
        key = f"{step.id}:{speaker or 'together'}"
        if step.kind == "feelings":
            picked = questionary.checkbox("Pick the words that fit (space to tick, enter when done):", choices=list(content.feelings)).unsafe_ask()
            notes[key] = ", ".join(picked)
            if picked:
                out.print(f"  {speaker}: [bold]{', '.join(picked)}[/bold]", highlight=False)
        elif step.kind == "parts":
            answers = [questionary.text(part).unsafe_ask() for part in step.parts]
            notes[key] = " | ".join(answers)
        elif step.kind == "closing":
            notes[key] = questionary.select(
                "Choose a closing ritual together:", choices=[*content.closings, "Something else we agree on"]
            ).unsafe_ask()
        else:
            notes[key] = questionary.text("Note (optional; press Enter once you've said it aloud):").unsafe_ask()
    return notes


def _finish(questionary, home: Path, content, session, names, profile) -> None:
    from lovecli.core.repair import check_tags
    from lovecli.model import RepairEpisode

    out = console()
    out.print("\n[bold]You made it through.[/bold] A few last questions, for your history.")
    tags = questionary.checkbox("What was it about? (space to tick)", choices=list(content.topics)).unsafe_ask()

    def valid_topics(text: str) -> bool | str:
        try:
            check_tags([word for word in text.split(",") if word.strip()])
            return True
        except UsageProblem as problem:
            return str(problem)

    extra = questionary.text("Other topics, comma-separated (optional):", validate=valid_topics).unsafe_ask()
    tags = check_tags([*tags, *(word for word in extra.split(",") if word.strip())])
    after = {name: _score(questionary, f"{name}, how do you feel now? (0 = awful, 10 = fine)") for name in names}
    episode = RepairEpisode(
        started=session.started,
        finished=clock.now(profile),
        tags=tags,
        steps=[step.id for step in content.steps[: session.next_step]],
        before=session.before,
        after=after,
        notes=session.notes if session.keep_notes else {},
    )
    with store.update(home) as state:
        state.repairs.append(episode)
        state.repair_session = None
        episodes = list(state.repairs)
    changes = ", ".join(f"{name} {session.before.get(name)} → {after[name]}" for name in names)
    out.print(f"\nSaved: {changes}. Thank you both for coming back to each other.")
    warn_recurring(episodes, only=tags)


def warn_recurring(episodes, only=None) -> None:
    """Say plainly when a fight keeps returning; `only` limits it to the tags just recorded."""
    from lovecli.core.repair import RECURRING_DAYS, recurring_tags

    for tag, count in recurring_tags(episodes).items():
        if only is not None and tag not in only:
            continue
        print_wrapped(
            console(),
            f"The same fight keeps coming back: '{tag}' came up {count} times within {RECURRING_DAYS} days. "
            "That is common, and a couples therapist can help you find what sits underneath it.",
            style="yellow",
            indent=0,
        )
