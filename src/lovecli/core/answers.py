"""Reading people's short answers: yes or no, and which of the two partners someone means."""

from lovecli.errors import UsageProblem

YES = frozenset({"y", "yes", "1", "true"})
NO = frozenset({"n", "no", "0", "false"})


def yes_or_no(text: str) -> bool | None:
    """True, False, or None when `text` is neither."""
    word = text.strip().lower()
    return True if word in YES else False if word in NO else None


def partner_named(names: tuple[str, str], given: str, flag: str = "--as") -> str:
    """The profile's spelling of one of the two names, matched without regard to case."""
    for name in names:
        if name.casefold() == given.strip().casefold():
            return name
    raise UsageProblem(f"{flag} must be {names[0]} or {names[1]}, not {given!r}")
