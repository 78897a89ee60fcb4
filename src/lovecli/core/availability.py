"""Weekly free time: parsing "mon-fri 19:00-22:00" and turning it into dated slots."""

from datetime import time
from typing import NamedTuple

from lovecli.errors import UsageProblem

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_FREE = ("mon-fri 19:00-21:30", "sat-sun 10:00-20:00")


class FreeTime(NamedTuple):
    days: tuple[int, ...]  # 0 = Monday
    start: time
    end: time

    def __str__(self) -> str:
        return f"{_days_text(self.days)} {self.start:%H:%M}-{self.end:%H:%M}"


def _days_text(days: tuple[int, ...]) -> str:
    if days == tuple(range(7)):
        return "mon-sun"
    runs: list[str] = []
    run_start = previous = days[0]
    for day in (*days[1:], None):
        if day is not None and day == previous + 1:
            previous = day
            continue
        runs.append(DAY_NAMES[run_start] if run_start == previous else f"{DAY_NAMES[run_start]}-{DAY_NAMES[previous]}")
        if day is not None:
            run_start = previous = day
    return ",".join(runs)


FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day(word: str, spec: str) -> int:
    text = word.strip().lower()
    for index, full in enumerate(FULL_DAY_NAMES):
        if len(text) >= 3 and full.startswith(text):
            return index
    raise UsageProblem(f"--free {spec!r}: {word!r} is not a day (use mon, tue, wed, thu, fri, sat, sun)")


def _clock(text: str, spec: str) -> time:
    try:
        hours, minutes = text.split(":")
        if text == "24:00":
            return time(23, 59)
        return time(int(hours), int(minutes))
    except ValueError:
        raise UsageProblem(f"--free {spec!r}: {text!r} is not a time like 19:30") from None


def parse_free(spec: str) -> FreeTime:
    """'mon-fri 19:00-22:00', 'sat,sun 10:00-21:00', 'daily 07:00-08:00'."""
    parts = spec.split()
    if len(parts) != 2 or parts[1].count("-") != 1:
        raise UsageProblem(f"--free {spec!r} must look like 'mon-fri 19:00-22:00'")
    day_part, time_part = parts
    days: set[int] = set()
    if day_part.lower() in {"daily", "every-day", "all"}:
        days = set(range(7))
    else:
        for piece in day_part.split(","):
            if "-" in piece:
                first, last = (_day(word, spec) for word in piece.split("-", 1))
                span = range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)]
                days.update(span)
            else:
                days.add(_day(piece, spec))
    start_text, end_text = time_part.split("-")
    start, end = _clock(start_text, spec), _clock(end_text, spec)
    if end <= start:
        raise UsageProblem(f"--free {spec!r}: the end must be after the start on the same day")
    return FreeTime(tuple(sorted(days)), start, end)
