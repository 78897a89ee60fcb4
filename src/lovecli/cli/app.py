"""The `lovecli` command: global options, the commands, and the single exit point."""

import os
import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from lovecli import __version__
from lovecli.cli import ask, assess, audit, init, plan_week, repair, rituals, today
from lovecli.errors import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_SOFTWARE, LoveError, Paused, UsageProblem
from lovecli.paths import resolve_home

DEBUG_ENV = "LOVECLI_DEBUG"

app = typer.Typer(
    name="lovecli",
    help="A private, local toolkit for a couple who want to practise intimacy on purpose.\n\n"
    "Deep questions, a daily prompt for cron, and rituals, all kept on this machine.",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    invoke_without_command=True,
)


def _print_version(value: bool) -> None:
    if value:
        print(f"lovecli {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    home: Annotated[
        str | None,
        typer.Option(
            "--home",
            metavar="PATH",
            help="Folder holding state.toml. Default: $LOVECLI_HOME, else your user data folder.",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", metavar="", callback=_print_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    if home is not None and not home.strip():
        raise UsageProblem("--home must not be empty")
    ctx.obj = resolve_home(Path(home) if home is not None else None)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


app.command("init")(init.init)
app.command("ask")(ask.ask)
app.command("today")(today.today)
app.command("plan-week")(plan_week.plan_week)
app.command("audit")(audit.audit)
app.add_typer(assess.app, name="assess")
app.add_typer(rituals.app, name="rituals")
app.add_typer(repair.app, name="repair")


def run(argv: list[str] | None = None) -> int:
    """Run lovecli and return its exit code; every error becomes one `error: ...` line."""
    # Output to a closed pipe (`lovecli today | head -1`) ends the program the way it ends cat,
    # with SIGPIPE; commands flush before they save, so what was never shown is never recorded.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        result = app(args=argv, prog_name="lovecli", standalone_mode=False)
        # Typer turns Ctrl-C inside a command into exit code 130 before it reaches us.
        if result == EXIT_INTERRUPTED:
            raise KeyboardInterrupt
        return result if isinstance(result, int) else 0
    except Paused as exc:
        print(f"\n{exc}", file=sys.stderr)
        return exc.exit_code
    except LoveError as exc:
        return _fail(str(exc), exc.exit_code)
    except typer.TyperException as exc:  # usage errors: bad option, missing value...
        return _fail(_usage_message(exc), exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        print("\ninterrupted; nothing was saved", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        where = f": {exc.filename}" if exc.filename else ""
        return _fail(f"{exc.strerror or exc}{where}", EXIT_FAILURE)
    except Exception as exc:  # a bug: say so in one line, show the traceback only on request
        if os.environ.get(DEBUG_ENV):
            raise
        return _fail(
            f"unexpected {type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 for details and please report it)",
            EXIT_SOFTWARE,
        )


def _usage_message(exc: typer.TyperException) -> str:
    command = getattr(getattr(exc, "ctx", None), "command_path", None)
    if getattr(exc, "option_name", None) == "--home" and command and command != "lovecli":
        return f"--home goes before the command: lovecli --home PATH {command.split()[-1]} ..."
    hint = f" (see '{command} --help')" if command and exc.exit_code == 2 else ""
    return exc.format_message() + hint


def _fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def main() -> None:
    sys.exit(run())
