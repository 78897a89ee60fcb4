"""Errors lovecli reports to people, each with the exit code it ends the program with.

Anything raised as a `LoveError` is shown as one `error: ...` line on stderr, never as a
traceback; the CLI's single exit point (`lovecli.cli.app.main`) does the showing.
"""

EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_SOFTWARE = 70  # sysexits' EX_SOFTWARE: a bug in lovecli, please report it
EXIT_BUSY = 75  # sysexits' EX_TEMPFAIL: try again later (a cron wrapper can retry on it)
EXIT_INTERRUPTED = 130


class LoveError(Exception):
    """A problem the person can fix; the message says how."""

    exit_code = EXIT_USAGE


class UsageProblem(LoveError):
    """A wrong option value or a combination of options that does not make sense."""


class NeedsTerminal(LoveError):
    """The command would have to ask something, but nobody is there to answer."""

    def __init__(self, flags: list[str], joiner: str = "and"):
        names = ", ".join(flags[:-1]) + (f" {joiner} " if len(flags) > 1 else "") + flags[-1]
        super().__init__(f"no terminal to ask on; pass {names}")


class StateError(LoveError):
    """The state file cannot be used as it is; it has been left untouched."""


class ContentError(LoveError):
    """A question, ritual or other content file is malformed."""

    def __init__(self, file: str, field: str, problem: str):
        self.file, self.field, self.problem = file, field, problem
        where = f"{file}: {field}" if field else file
        super().__init__(f"{where}: {problem}")


class StateBusy(LoveError):
    """Another lovecli held the state lock for longer than we are willing to wait."""

    exit_code = EXIT_BUSY


class Paused(LoveError):
    """Ctrl-C in a flow that keeps its progress: the message says how to continue (not an error)."""

    exit_code = EXIT_INTERRUPTED
