"""The couple's clock: dates and times in the profile's timezone (the system's without one)."""

from datetime import date, datetime

from lovecli.errors import UsageProblem
from lovecli.model import Profile


def now(profile: Profile | None) -> datetime:
    # Microseconds are kept: two questions asked within one second must still have an order,
    # or "start over from the oldest" could not tell them apart.
    if profile is None:
        return datetime.now().astimezone()
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(profile.timezone))


def parse_day(value: str | None, profile: Profile | None) -> date:
    if value is None:
        return now(profile).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageProblem(f"--date must look like 2026-11-22, not {value!r}") from None
