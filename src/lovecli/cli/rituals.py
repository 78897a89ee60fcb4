"""`lovecli rituals`: the ritual library, with the couple's own files in HOME/rituals/."""

from pathlib import Path
from typing import Annotated

import typer

from lovecli.cli.terminal import console, print_json, print_wrapped
from lovecli.errors import UsageProblem

app = typer.Typer(
    help="The ritual library: list, filter and read rituals. Add your own as HOME/rituals/ID.toml.",
    invoke_without_command=True,
)


def library(home: Path) -> list:
    """The rituals with the couple's overrides; their broken files are reported, not fatal."""
    from lovecli.content.rituals import load_with_overrides

    rituals, problems = load_with_overrides(home)
    for problem in problems:
        console(stderr=True).print(f"warning: skipped {problem}", highlight=False, soft_wrap=True)
    return rituals


def ritual_json(ritual, full: bool = True) -> dict:
    data = {
        "id": ritual.id,
        "name": ritual.name,
        "summary": ritual.summary,
        "minutes": ritual.minutes,
        "cadence": ritual.cadence,
        "best_time": list(ritual.best_time),
        "tags": list(ritual.tags),
    }
    if full:
        data |= {"steps": list(ritual.steps), "prompts": list(ritual.prompts), "avoid": list(ritual.avoid), "adapt": ritual.adapt}
    return data


def _complete_id(ctx: typer.Context, incomplete: str) -> list[str]:
    from lovecli.content.rituals import load_library

    return [ritual.id for ritual in load_library() if ritual.id.startswith(incomplete)]


@app.callback()
def rituals(
    ctx: typer.Context,
    tag: Annotated[list[str], typer.Option("--tag", metavar="TAG", help="Only rituals with this tag (repeat: any of them).", show_default=False)] = [],
    cadence: Annotated[str | None, typer.Option(metavar="CADENCE", help="daily, weekly, monthly, seasonal or as-needed.", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print a JSON list.")] = False,
) -> None:
    """List the rituals: how long, how often, when they fit best."""
    if ctx.invoked_subcommand is not None:
        return
    from lovecli.content.rituals import CADENCES

    if cadence is not None and cadence not in CADENCES:
        raise UsageProblem(f"--cadence must be one of {', '.join(CADENCES)}, not {cadence!r}")
    everything = library(ctx.obj)
    wanted = {t.lower() for t in tag}
    known_tags = {t for ritual in everything for t in ritual.tags}
    unknown = sorted(wanted - known_tags)
    if unknown:
        raise UsageProblem(f"no ritual has the tag {unknown[0]!r}; tags in use: {', '.join(sorted(known_tags))}")
    chosen = [
        ritual
        for ritual in everything
        if (not wanted or wanted & set(ritual.tags)) and (cadence is None or ritual.cadence == cadence)
    ]
    if as_json:
        print_json([ritual_json(ritual, full=False) for ritual in chosen])
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("minutes", justify="right")
    table.add_column("how often")
    table.add_column("best")
    table.add_column("what")
    for ritual in chosen:
        table.add_row(ritual.id, str(ritual.minutes), ritual.cadence, ", ".join(ritual.best_time), ritual.name)
    out = console()
    if not chosen:
        out.print("No ritual matches those filters.")
        return
    out.print(table)
    out.print(f"\n[dim]{len(chosen)} ritual{'s' if len(chosen) != 1 else ''}. Read one with: lovecli rituals show ID[/dim]")


@app.command("show")
def show(
    ctx: typer.Context,
    ritual_id: Annotated[str, typer.Argument(help="Ritual id.", autocompletion=_complete_id)],
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Print a JSON object.")] = False,
) -> None:
    """One ritual in full: its steps, what to avoid, and how to adapt it."""
    by_id = {ritual.id: ritual for ritual in library(ctx.obj)}
    if ritual_id not in by_id:
        import difflib

        close = difflib.get_close_matches(ritual_id, list(by_id), n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else "; see `lovecli rituals`"
        raise UsageProblem(f"no ritual {ritual_id!r}{hint}")
    ritual = by_id[ritual_id]
    if as_json:
        print_json(ritual_json(ritual))
        return
    out = console()
    out.print(f"\n[bold]{ritual.name}[/bold] [dim]· {ritual.minutes} min · {ritual.cadence} · best: {', '.join(ritual.best_time)}[/dim]")
    print_wrapped(out, ritual.summary)
    out.print()
    for number, step in enumerate(ritual.steps, 1):
        print_wrapped(out, f"{number}. {step}", indent=2, hanging=3)
    if ritual.prompts:
        out.print("\n[magenta]Ask each other[/magenta]")
        for prompt in ritual.prompts:
            print_wrapped(out, f"• {prompt}", indent=2, hanging=2)
    if ritual.avoid:
        out.print("\n[magenta]Avoid[/magenta]")
        for trap in ritual.avoid:
            print_wrapped(out, f"• {trap}", indent=2, hanging=2)
    if ritual.adapt:
        out.print()
        print_wrapped(out, ritual.adapt, style="italic")
    from lovecli.paths import PACKAGE_DIR

    origin = "from the lovecli library" if ritual.source.is_relative_to(PACKAGE_DIR) else f"from {ritual.source}"
    out.print(f"\n[dim]tags: {', '.join(ritual.tags)} · {origin}[/dim]", soft_wrap=True)
    out.print()
