"""`lovecli today`: the daily prompt, made for cron. It reads state and never writes it."""

from pathlib import Path
from typing import Annotated

import typer

from lovecli import store
from lovecli.cli import clock
from lovecli.cli.ask import question_json
from lovecli.cli.terminal import console, output_mode, print_json, print_wrapped
from lovecli.content.questions import DEPTH_NAMES, load_bank
from lovecli.cli.rituals import library
from lovecli.content.rituals import Ritual
from lovecli.core.daily import couple_key, question_of_the_day, ritual_of_the_day


def today(
    ctx: typer.Context,
    date: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="Another day's prompt (default: today).", show_default=False),
    ] = None,
    plain: Annotated[bool, typer.Option("--plain", metavar="", help="Two short lines: the question, then the ritual.")] = False,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print a JSON object: date, question, ritual.")] = False,
) -> None:
    """Today's question and small ritual, the same on both your machines.

    Made for cron, e.g.: 0 8 * * * lovecli today --plain
    """
    mode = output_mode(plain, as_json)
    home: Path = ctx.obj
    profile = store.load(home).profile
    day = clock.parse_day(date, profile)
    key = couple_key(profile.names if profile else ())
    bank = load_bank()
    question = question_of_the_day(bank.questions, key, day)
    daily = [ritual for ritual in library(home) if ritual.cadence == "daily"]
    ritual = ritual_of_the_day(daily, key, day) if daily else None

    if mode == "json":
        print_json(
            {
                "date": day.isoformat(),
                "question": question_json(question),
                "ritual": _ritual_json(ritual),
            }
        )
    elif mode == "plain":
        print(question.text)
        print(f"Ritual: {ritual.name} ({ritual.minutes} min)" if ritual else "Ritual: none in the library")
    else:
        out = console()
        couple = f" · {profile.name} & {profile.partner}" if profile else ""
        out.print(f"\n[bold]{day:%A %-d %B %Y}[/bold]{couple}\n")
        category = bank.categories[question.category].name
        out.print(f"[magenta]Question[/magenta] [dim]· {category} · {DEPTH_NAMES[question.depth]}[/dim]")
        print_wrapped(out, question.text, style="bold")
        out.print()
        if ritual:
            out.print(f"[magenta]Ritual[/magenta] [dim]· {ritual.minutes} min · {', '.join(ritual.best_time)}[/dim]")
            print_wrapped(out, ritual.name, style="bold")
            print_wrapped(out, ritual.summary)
            for number, step in enumerate(ritual.steps, 1):
                print_wrapped(out, f"{number}. {step}", indent=4, hanging=3)
            if ritual.adapt:
                print_wrapped(out, ritual.adapt, style="italic")
        if profile is None:
            out.print(
                "\n[dim]Tip: run `lovecli init` so you and your partner get the same prompt each day.[/dim]"
            )
        out.print()


def _ritual_json(ritual: Ritual | None) -> dict | None:
    if ritual is None:
        return None
    return {
        "id": ritual.id,
        "name": ritual.name,
        "minutes": ritual.minutes,
        "summary": ritual.summary,
        "steps": list(ritual.steps),
        "adapt": ritual.adapt,
    }
