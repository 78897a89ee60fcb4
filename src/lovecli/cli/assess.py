"""`lovecli assess`: self-assessments with open scoring, dated history and partner comparison."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from lovecli import store
from lovecli.cli import clock
from lovecli.cli.terminal import console, interactive, print_json
from lovecli.errors import EXIT_FAILURE, NeedsTerminal, UsageProblem
from lovecli.model import Assessment, Profile

# The instruments, the scoring engine and the screens load inside each command, so registering
# `assess` costs `ask` and `today` (the cron paths) nothing.

app = typer.Typer(
    help="Self-assessments: take one, see your history, compare views. Reflection aids, not diagnoses.",
    invoke_without_command=True,
)


def _complete_instrument(incomplete: str) -> list[str]:
    from lovecli.content.instruments import load_instruments

    return [name for name in load_instruments() if name.startswith(incomplete)]


def _instrument(name: str):
    from lovecli.content.instruments import load_instruments

    instruments = load_instruments()
    if name not in instruments:
        raise UsageProblem(f"unknown instrument {name!r}; choose from: {', '.join(instruments)}")
    return instruments[name]


def _partner(profile: Profile | None, given: str | None) -> str:
    """Who answered: one of the profile's names (any case), the first name by default."""
    if profile is None:
        if given is None:
            raise UsageProblem("who is answering? run `lovecli init` first, or pass --as NAME")
        return given.strip()
    if given is None:
        return profile.name
    from lovecli.core.answers import partner_named

    return partner_named(profile.names, given)


@app.callback()
def assess(ctx: typer.Context) -> None:
    """Self-assessments from the seeds: an intimacy inventory, checklists, a skills audit and more.

    Scores are shown openly and kept with their date. They are reflection aids, not diagnoses.
    """
    if ctx.invoked_subcommand is not None:
        return
    from lovecli.cli import assess_view
    from lovecli.content.instruments import load_instruments

    instruments = load_instruments()
    if not interactive():
        assess_view.show_list(instruments.values())
        return
    import questionary

    choice = questionary.select(
        "Which assessment?",
        choices=[questionary.Choice(f"{i.name} ({len(i.items)} items, ~{i.minutes} min)", i.id) for i in instruments.values()],
    ).unsafe_ask()
    take(ctx, choice)


@app.command("list")
def list_instruments(
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print a JSON list.")] = False,
) -> None:
    """The instruments, with item counts and minutes."""
    from lovecli.cli import assess_view
    from lovecli.content.instruments import load_instruments

    instruments = load_instruments().values()
    if as_json:
        print_json([{"id": i.id, "name": i.name, "items": len(i.items), "minutes": i.minutes, "summary": i.summary} for i in instruments])
    else:
        assess_view.show_list(instruments)


@app.command("take")
def take(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Instrument id (see `lovecli assess list`).", autocompletion=_complete_instrument)],
    answers: Annotated[
        str | None,
        typer.Option("--answers", metavar="LIST", help='All answers in order, e.g. "y,n,3,..." (yes/no as y/n, yes/no or 1/0).', show_default=False),
    ] = None,
    answers_file: Annotated[
        Path | None,
        typer.Option("--answers-file", metavar="FILE", help="Read the answers from FILE (- for stdin): commas, spaces or lines; # comments.", show_default=False),
    ] = None,
    who: Annotated[
        str | None,
        typer.Option("--as", metavar="NAME", help="Which partner is answering (default: the profile's first name).", show_default=False),
    ] = None,
    no_save: Annotated[bool, typer.Option("--no-save", metavar="", help="Show the result without keeping it.")] = False,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print the result as JSON.")] = False,
) -> None:
    """Take an assessment: one item per screen, or all answers at once with --answers."""
    from lovecli.cli import assess_view
    from lovecli.core.scoring import parse_answers, says_unsafe, score, split_answers, suggest_rituals

    home: Path = ctx.obj
    instrument = _instrument(name)
    if answers is not None and answers_file is not None:
        raise UsageProblem("choose one of --answers and --answers-file")
    profile = store.load(home).profile
    person = _partner(profile, who)

    if answers is not None or answers_file is not None:
        text = answers if answers is not None else _read_answers(answers_file)
        raw = split_answers(text)
        if says_unsafe(instrument, raw):  # before any complaint about the other answers
            assess_view.show_unsafe(instrument, as_json)
            return
        values = parse_answers(instrument, raw)
    elif interactive():
        values = assess_view.ask_items(instrument, person)
    else:
        raise NeedsTerminal(["--answers", "--answers-file"], joiner="or")

    result = score(instrument, values) if len(values) == len(instrument.items) else None
    if result is None or result.unsafe:
        assess_view.show_unsafe(instrument, as_json)
        return

    now = clock.now(profile)
    from lovecli.content.rituals import load_library

    rituals = suggest_rituals(result, load_library(), now.date())
    if not no_save:
        with store.update(home) as state:
            state.assessments.append(
                Assessment(
                    instrument=instrument.id,
                    at=now,
                    by=person,
                    answers=list(values),
                    areas={area.area.id: round(area.mean, 3) for area in result.areas},
                    score=result.score,
                    max_score=result.max_score,
                    band=result.band.label if result.band else None,
                )
            )
    if as_json:
        print_json(assess_view.result_json(result, person, now, rituals, saved=not no_save))
    else:
        assess_view.show_result(result, person, now, rituals, saved=not no_save)


def _read_answers(path: Path) -> str:
    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageProblem(f"cannot read --answers-file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageProblem(f"--answers-file {path} is not UTF-8 text") from None


@app.command("history")
def history(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(help="Only this instrument.", autocompletion=_complete_instrument, show_default=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print a JSON list, oldest first.")] = False,
) -> None:
    """Every result with its date and partner, and a trend line per area."""
    from lovecli.cli import assess_view
    from lovecli.content.instruments import load_instruments

    instruments = load_instruments()
    if name is not None:
        _instrument(name)
    records = sorted(
        (r for r in store.load(ctx.obj).assessments if name is None or r.instrument == name),
        key=lambda record: record.at,
    )
    if as_json:
        print_json([assess_view.record_json(record) for record in records])
        return
    assess_view.show_history(records, instruments, name)


@app.command("compare")
def compare_views(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Instrument id.", autocompletion=_complete_instrument)],
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print the comparison as JSON.")] = False,
) -> None:
    """Both partners' latest results side by side: where views differ, what to talk about. No totals, no winner."""
    from lovecli.cli import assess_view
    from lovecli.content.questions import load_bank
    from lovecli.core.scoring import compare, conversation_questions

    instrument = _instrument(name)
    state = store.load(ctx.obj)
    if state.profile is None:
        raise UsageProblem("compare needs both names: run `lovecli init` first")
    latest = {}
    for person in state.profile.names:
        mine = [r for r in state.assessments if r.instrument == name and r.by.casefold() == person.casefold()]
        if mine:
            latest[person] = max(mine, key=lambda record: record.at)
    missing = [person for person in state.profile.names if person not in latest]
    if missing:
        out = console(stderr=True)
        for person in missing:
            out.print(
                f"No {instrument.name} result from {person} yet. {person} can add one with:\n"
                f"  lovecli assess take {name} --as {person}"
            )
        raise typer.Exit(EXIT_FAILURE)
    first, second = (latest[person] for person in state.profile.names)
    views = compare(instrument, first.areas, second.areas)
    questions = conversation_questions(views, load_bank().questions, clock.now(state.profile).date())
    if as_json:
        print_json(assess_view.comparison_json(instrument, first, second, views, questions))
    else:
        assess_view.show_comparison(instrument, first, second, views, questions)
