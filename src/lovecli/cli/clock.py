"""The couple's clock: dates and times in the profile's timezone (the system's without one)."""

from datetime import date, datetime

from lovecli.errors import StateError, UsageProblem
from lovecli.model import Profile


def now(profile: Profile | None) -> datetime:
    # Microseconds are kept: two questions asked within one second must still have an order,
    # or "start over from the oldest" could not tell them apart.
    if profile is None:
        return datetime.now().astimezone()
    return datetime.now(zone(profile.timezone))


def zone(name: str):
    """The tzinfo for the profile's zone, or a clear error if the state names an unknown one."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise StateError(
            f"the profile's timezone {name!r} is not a known IANA zone; "
            "fix it with: lovecli init --timezone AREA/CITY"
        ) from None


def parse_day(value: str | None, profile: Profile | None, flag: str = "--date") -> date:
    if value is None:
        return now(profile).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        if len(value) == 10 and value[4] == value[7] == "-":
            raise UsageProblem(f"{flag} {value} is not a day in the calendar") from None
        raise UsageProblem(f"{flag} must look like 2026-11-22, not {value!r}") from None
