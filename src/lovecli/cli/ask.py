"""`lovecli ask`: one deep question, never repeating until every matching one has been asked."""

import random
import sys
from pathlib import Path
from typing import Annotated

import typer

from lovecli import store
from lovecli.cli import clock
from lovecli.cli.terminal import console, output_mode, print_json, print_wrapped
from lovecli.content.questions import DEPTH_NAMES, Bank, Question, load_bank
from lovecli.core.asking import matching, pick_seeded, pick_unasked
from lovecli.errors import UsageProblem


def _complete_category(incomplete: str) -> list[str]:
    return [slug for slug in load_bank().categories if slug.startswith(incomplete.lower())]


def ask(
    ctx: typer.Context,
    category: Annotated[
        list[str],
        typer.Option(
            "--category",
            "-c",
            metavar="CATEGORY",
            help="Only this category (repeat for several), e.g. -c emotional -c memories.",
            autocompletion=_complete_category,
            show_default=False,
        ),
    ] = [],
    depth: Annotated[
        str | None,
        typer.Option(
            "--depth",
            "-d",
            metavar="LEVEL",
            help="1 or light, 2 or deep, 3 or brave.",
            autocompletion=lambda: ["light", "deep", "brave"],
            show_default=False,
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            metavar="N",
            help="Pick reproducibly: the same seed and filters give the same question (still recorded unless --no-record).",
            show_default=False,
        ),
    ] = None,
    plain: Annotated[bool, typer.Option("--plain", metavar="", help="Print the question text alone on one line.")] = False,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print a JSON object: id, text, category, depth.")] = False,
    no_record: Annotated[bool, typer.Option("--no-record", metavar="", help="Do not add the question to the history.")] = False,
) -> None:
    """Ask one deep question.

    Without --seed, no question comes back until every question matching the filters has been asked; then the round starts again from the one asked longest ago.
    """
    mode = output_mode(plain, as_json)
    home: Path = ctx.obj
    bank = load_bank()
    candidates = matching(bank, category, parse_depth(depth))
    if no_record:
        state = store.load(home) if seed is None else None
        _show(_choose(candidates, seed, state), bank, mode)
        return
    with store.update(home) as state:
        # Chosen under the lock, so two runs at the same moment never pick the same question;
        # shown before the save, so a question that could not be shown is not recorded.
        question = _choose(candidates, seed, state)
        state.record_asked(question.id, clock.now(state.profile))
        _show(question, bank, mode)


def parse_depth(value: str | None) -> int | None:
    if value is None:
        return None
    by_name = {name: level for level, name in DEPTH_NAMES.items()}
    text = value.strip().lower()
    if text in by_name:
        return by_name[text]
    if text in {"1", "2", "3"}:
        return int(text)
    raise UsageProblem(f"--depth must be 1 (light), 2 (deep) or 3 (brave), not {value!r}")


def _choose(candidates: list[Question], seed: int | None, state) -> Question:
    if seed is not None:
        return pick_seeded(candidates, seed)
    return pick_unasked(candidates, state.last_asked(), random.Random())


def question_json(question: Question) -> dict:
    return {"id": question.id, "text": question.text, "category": question.category, "depth": question.depth}


def _show(question: Question, bank: Bank, mode: str) -> None:
    if mode == "json":
        print_json(question_json(question))
    elif mode == "plain":
        print(question.text)
    else:
        out = console()
        category = bank.categories[question.category].name
        out.print()
        print_wrapped(out, question.text, style="bold")
        out.print(f"  [magenta]{category}[/magenta] [dim]· {DEPTH_NAMES[question.depth]} · {question.id}[/dim]")
        out.print()
    sys.stdout.flush()
