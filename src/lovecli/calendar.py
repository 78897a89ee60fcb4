"""The only module that touches icalendar: writing plans out, reading busy calendars in."""

import uuid
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import NamedTuple

from lovecli import __version__
from lovecli.core.planning import Busy
from lovecli.errors import UsageProblem

PRODID = f"-//lovecli//lovecli {__version__}//EN"
UID_NAMESPACE = uuid.UUID("6f1c3c5e-8a4b-5a7e-9d2c-1f0b6e4d2a91")


class CalendarEvent(NamedTuple):
    uid: str
    title: str
    start: datetime  # aware, with a ZoneInfo so it is written with its TZID
    end: datetime
    description: str
    sequence: int


def event_uid(couple: str, ritual: str, week: str, occurrence: int) -> str:
    """The same UID for the same couple, ritual and week, so a re-export updates, never duplicates."""
    return f"{uuid.uuid5(UID_NAMESPACE, f'{couple}/{ritual}/{week}/{occurrence}')}@lovecli"


def to_ical(events: Sequence[CalendarEvent], name: str, zone_name: str, stamp: datetime, remind_minutes: int) -> bytes:
    from icalendar import Alarm, Calendar, Event, vText

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    # vText so that commas and semicolons in names are escaped (icalendar leaves NAME raw otherwise).
    calendar.add("name", vText(name))
    calendar.add("x-wr-calname", vText(name))
    calendar.add("x-wr-timezone", vText(zone_name))
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("sequence", item.sequence)
        event.add("summary", item.title)
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
        event.add("description", item.description)
        event.add("categories", ["lovecli"])
        if remind_minutes > 0:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", timedelta(minutes=-remind_minutes))
            alarm.add("description", item.title)
            event.add_component(alarm)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def read_busy(path: Path, zone: tzinfo, first: date, last: date) -> list[Busy]:
    """Busy time from an exported calendar between two days (inclusive), recurrences expanded.

    Transparent and cancelled events do not block; all-day events block their whole days;
    floating times are read in the couple's zone.
    """
    import icalendar
    import recurring_ical_events

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageProblem(f"--busy {path}: {exc.strerror or exc}") from None
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as exc:
        raise UsageProblem(f"--busy {path}: not an iCalendar file ({exc})") from None
    busy = []
    window_start = datetime.combine(first, time.min, tzinfo=zone)
    window_end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone)
    try:
        occurrences = recurring_ical_events.of(calendar).between(window_start, window_end)
    except Exception as exc:  # the library raises several kinds for malformed rules
        raise UsageProblem(f"--busy {path}: cannot read its events ({exc})") from None
    for event in occurrences:
        if event.name != "VEVENT":
            continue
        if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
            continue
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND") if "DTEND" in event else None
        if end is None and "DURATION" in event:
            end = start + event.decoded("DURATION")
        if isinstance(start, datetime):
            start = start if start.tzinfo else start.replace(tzinfo=zone)
            end = end if isinstance(end, datetime) else start
            end = end if end.tzinfo else end.replace(tzinfo=zone)
        else:  # an all-day event: block each of its days from midnight to midnight, locally
            end = end if isinstance(end, date) and end > start else start + timedelta(days=1)
            start = datetime.combine(start, time.min, tzinfo=zone)
            end = datetime.combine(end, time.min, tzinfo=zone)
        if end > start:
            busy.append(Busy(start, end))
    return busy
