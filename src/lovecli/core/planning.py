"""Placing rituals into a couple's free time, week by week, around their busy events.

Everything works in the couple's local wall-clock time: a ritual planned for 19:00 stays at 19:00
across daylight-saving changes, and no event starts, ends or spans a local time that does not
exist (the spring-forward gap) or happens twice (the autumn fold).
"""

import hashlib
import random
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import NamedTuple

from lovecli.core.availability import FreeTime

STEP_MINUTES = 15
WINDOW_ID = "spontaneity-window"
AUDIT_ID = "weekly-audit"
SHORTER_WINDOW_MINUTES = 30
# How often a ritual recurs across planned weeks: every week, or every Nth planned week.
WEEK_STRIDE = {"weekly": 1, "monthly": 4, "seasonal": 13, "as-needed": 0}


class Busy(NamedTuple):
    start: datetime  # aware
    end: datetime


class Want(NamedTuple):
    """One ritual to place: its id, title, length and when it fits best."""

    ritual: str
    title: str
    minutes: int
    best_time: tuple[str, ...]
    cadence: str


class Placed(NamedTuple):
    week: str  # ISO week, e.g. 2026-W49
    ritual: str
    title: str
    start: datetime  # aware, in the couple's zone
    end: datetime
    occurrence: int  # 0.. within the week, for rituals placed more than once


class Missed(NamedTuple):
    week: str
    ritual: str
    reason: str
    blocking: bool = True  # False for a daily ritual's busy day: skipped, not a failed plan


class WeekPlan(NamedTuple):
    week: str
    picker: str
    placed: tuple[Placed, ...]
    missed: tuple[Missed, ...]


def iso_week(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(week: str) -> date:
    """The Monday of an ISO week written 2026-W49 (ValueError when there is no such week)."""
    year, _, number = week.upper().partition("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def picker_for(week: str, pickers: dict[str, str], names: tuple[str, str]) -> str:
    """Who picks the surprise in `week`: as already planned, else the other one from the most
    recent planned week before it (however long ago), else the first name."""
    if week in pickers:
        return pickers[week]
    earlier = [planned for planned in pickers if planned < week]
    return other(names, pickers[max(earlier)]) if earlier else names[0]


def wall_time(day: date, clock: time, zone: tzinfo) -> datetime | None:
    """`day` at `clock` in `zone`, or None when that local time does not exist or is ambiguous."""
    naive = datetime.combine(day, clock)
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != second.utcoffset():
        return None  # in a gap or a fold: the clock shows this time never, or twice
    back = first.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None)
    return first if back == naive else None


def candidate_slots(day: date, free: Sequence[FreeTime], zone: tzinfo, minutes: int) -> list[tuple[datetime, datetime]]:
    """Every start on the quarter hour where `minutes` fit inside the day's free time."""
    slots = []
    length = timedelta(minutes=minutes)
    for window in free:
        if day.weekday() not in window.days:
            continue
        cursor = datetime.combine(day, window.start)
        last_end = datetime.combine(day, window.end)
        while cursor + length <= last_end:
            start = wall_time(day, cursor.time(), zone)
            end = wall_time(day, (cursor + length).time(), zone) if (cursor + length).date() == day else None
            # Real elapsed time must equal the wall-clock length: nothing spans a DST change.
            if start and end and end.astimezone(timezone.utc) - start.astimezone(timezone.utc) == length:
                slots.append((start, end))
            cursor += timedelta(minutes=STEP_MINUTES)
    return slots


def fits_best_time(start: datetime, best_time: Iterable[str]) -> bool:
    hour = start.hour
    checks = {
        "morning": hour < 12,
        "daytime": 9 <= hour < 17,
        "evening": hour >= 17,
        "weekend": start.weekday() >= 5,
        "any": True,
    }
    return any(checks.get(name, False) for name in best_time)


def _overlaps(start: datetime, end: datetime, others: Iterable) -> bool:
    return any(start < other.end and other.start < end for other in others)


def week_seed(couple_key: bytes, week: str, seed: int | None) -> int:
    material = couple_key + week.encode() + (b"" if seed is None else str(seed).encode())
    return int.from_bytes(hashlib.sha256(material).digest()[:8], "big")


def plan_week(
    monday: date,
    zone: tzinfo,
    free: Sequence[FreeTime],
    busy: Sequence[Busy],
    window: Want,
    audit: Want,
    extras: Sequence[Want],
    picker: str,
    previous_window: datetime | None,
    week_index: int,
    rng: random.Random,
) -> WeekPlan:
    """One week: the spontaneity window, the audit on a later day, then any extra rituals."""
    week = iso_week(monday)
    days = [monday + timedelta(days=offset) for offset in range(7)]
    taken: list = list(busy)
    placed: list[Placed] = []
    missed: list[Missed] = []

    def free_slots(want: Want, allowed_days: Sequence[date]) -> list[tuple[datetime, datetime]]:
        slots = [
            slot
            for day in allowed_days
            for slot in candidate_slots(day, free, zone, want.minutes)
            if not _overlaps(*slot, taken)
        ]
        preferred = [slot for slot in slots if fits_best_time(slot[0], want.best_time)]
        return preferred or slots

    def place(want: Want, slot: tuple[datetime, datetime], occurrence: int = 0) -> Placed:
        event = Placed(week, want.ritual, want.title, slot[0], slot[1], occurrence)
        placed.append(event)
        taken.append(Busy(*slot))
        return event

    window_slots = free_slots(window, days)
    if previous_window is not None:
        # A different time from last week's window, and a different day when there is one.
        def same_time(slot):
            return slot[0].time() == previous_window.time() and slot[0].weekday() == previous_window.weekday()

        window_slots = [slot for slot in window_slots if not same_time(slot)]
        other_days = [slot for slot in window_slots if slot[0].weekday() != previous_window.weekday()]
        window_slots = other_days or window_slots
    # Leave room for the audit: prefer days with a free audit slot on some later day.
    audit_days = {slot[0].date() for slot in free_slots(audit, days)}
    with_room = [slot for slot in window_slots if any(day > slot[0].date() for day in audit_days)]
    window_slots = with_room or window_slots
    placed_window = None
    if window_slots:
        placed_window = place(window, rng.choice(window_slots))
    else:
        missed.append(Missed(week, window.ritual, f"no free {window.minutes}-minute slot that week"))

    if placed_window is not None:
        later_days = [day for day in days if day > placed_window.start.date()]
        audit_slots = free_slots(audit, later_days)
        if audit_slots:
            place(audit, rng.choice(audit_slots))
        else:
            missed.append(
                Missed(week, audit.ritual, f"no free {audit.minutes}-minute slot after the window on {placed_window.start:%a %-d %b}")
            )
    else:
        missed.append(Missed(week, audit.ritual, "it follows the spontaneity window, which did not fit"))

    for want in extras:
        if want.cadence == "daily":
            for occurrence, day in enumerate(days):
                slots = free_slots(want, [day])
                if slots:
                    place(want, rng.choice(slots), occurrence)
                else:
                    missed.append(Missed(week, want.ritual, f"skipped {day:%a %-d %b}: no free {want.minutes}-minute slot", blocking=False))
            continue
        stride = WEEK_STRIDE.get(want.cadence, 1)
        due = week_index == 0 if stride == 0 else week_index % stride == 0
        if not due:
            continue
        slots = free_slots(want, days)
        if slots:
            place(want, rng.choice(slots))
        else:
            missed.append(Missed(week, want.ritual, f"no free {want.minutes}-minute slot that week"))

    return WeekPlan(week, picker, tuple(sorted(placed, key=lambda event: event.start)), tuple(missed))


def other(names: tuple[str, str], name: str) -> str:
    return names[1] if name.casefold() == names[0].casefold() else names[0]


def describe(ritual, picker: str | None = None) -> str:
    """The text a calendar shows for a ritual: what it is, its steps, prompts and traps."""
    parts = [ritual.summary]
    if picker:
        parts.append(f"This week {picker} picks the surprise.")
    parts.append("\n".join(f"{number}. {step}" for number, step in enumerate(ritual.steps, 1)))
    if ritual.prompts:
        parts.append("Ask each other:\n" + "\n".join(f"- {prompt}" for prompt in ritual.prompts))
    if ritual.avoid:
        parts.append("Avoid:\n" + "\n".join(f"- {trap}" for trap in ritual.avoid))
    if ritual.adapt:
        parts.append(ritual.adapt)
    parts.append("Planned with lovecli.")
    return "\n\n".join(parts)


def shorter_window_reason(windows_happened: Sequence[bool]) -> str | None:
    """Why the next window should be shorter: it did not happen two weeks running."""
    if len(windows_happened) >= 2 and not any(windows_happened[-2:]):
        return (
            f"the spontaneity window did not happen two weeks running, so this plan proposes a shorter "
            f"one ({SHORTER_WINDOW_MINUTES} minutes); a small window that happens beats a long one that doesn't"
        )
    return None
