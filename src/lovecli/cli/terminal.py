"""Whether a person is there to answer, and how output reaches them."""

import sys
from typing import Any

from lovecli.errors import NeedsTerminal, UsageProblem


def interactive() -> bool:
    """True when both ends are a terminal: prompts need a keyboard and a screen."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def require_terminal(flags: list[str]) -> None:
    if not interactive():
        raise NeedsTerminal(flags)


def output_mode(plain: bool, as_json: bool) -> str:
    if plain and as_json:
        raise UsageProblem("choose one of --plain and --json")
    return "json" if as_json else "plain" if plain else "rich"


def print_json(value: Any) -> None:
    import json

    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def console(stderr: bool = False):
    # rich is imported here, not at the top, so --plain and --json runs never pay for it.
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def indented(markup: str, spaces: int = 2):
    """Rich markup that keeps its left margin when it wraps."""
    from rich.padding import Padding

    return Padding(markup, (0, 0, 0, spaces), expand=False)
