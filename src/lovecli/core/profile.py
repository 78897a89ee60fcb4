"""Checking what a couple tells `lovecli init`."""

import unicodedata

from lovecli.errors import UsageProblem

MAX_NAME_LENGTH = 60


def clean_name(value: str, flag: str) -> str:
    """`value` with its spaces tidied; names end up in calendars and prompts, so no control characters."""
    if any(unicodedata.category(char).startswith("C") for char in value):
        raise UsageProblem(f"{flag} must not contain control or invisible characters (such as a line break)")
    name = " ".join(value.split())
    if not name:
        raise UsageProblem(f"{flag} must not be empty")
    if len(name) > MAX_NAME_LENGTH:
        raise UsageProblem(f"{flag} is longer than {MAX_NAME_LENGTH} characters")
    return name


def check_timezone(value: str, known: set[str]) -> str:
    """`value` if it is an IANA zone name in `known`, else an error suggesting close names."""
    name = value.strip()
    if name in known:
        return name
    import difflib

    lowered = {zone.lower(): zone for zone in known}
    if name.lower() in lowered:
        return lowered[name.lower()]
    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    hint = f"; did you mean {' or '.join(close)}?" if close else " (e.g. Europe/Berlin, America/Chicago, UTC)"
    raise UsageProblem(f"unknown timezone {value!r}; use an IANA name{hint}")
