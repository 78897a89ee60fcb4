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


def ask_yes_no(message: str) -> bool:
    """A yes/no question with no default: a safety question must be answered, never defaulted."""
    import questionary

    from lovecli.core.answers import yes_or_no

    answer = questionary.text(
        f"{message} (type yes or no)",
        validate=lambda text: yes_or_no(text) is not None or "Please type yes or no.",
    ).unsafe_ask()
    return bool(yes_or_no(answer))


def show_unsafe_message() -> None:
    """The plain message for someone who feels unsafe, paragraph by paragraph."""
    from lovecli.content.safety import unsafe_message

    out = console()
    out.print()
    for paragraph in unsafe_message().split("\n\n"):
        print_wrapped(out, paragraph.replace("\n", " "), indent=0)
        out.print()


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


def print_wrapped(out, text: str, style: str = "", indent: int = 2, hanging: int = 0) -> None:
    """Print `text` wrapped to the terminal, keeping its left margin on every line."""
    import textwrap

    from rich.text import Text

    width = max(20, out.width - 1)
    lines = textwrap.wrap(
        text, width, initial_indent=" " * indent, subsequent_indent=" " * (indent + hanging)
    )
    for line in lines:
        out.print(Text(line, style=style), soft_wrap=True)
