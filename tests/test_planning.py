"""The planner, in-process: free time, busy time, daylight saving, and the week's shape."""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lovecli.core.availability import parse_free
from lovecli.core.planning import (
    Busy,
    Want,
    candidate_slots,
    iso_week,
    monday_of,
    plan_week,
    shorter_window_reason,
    wall_time,
)
from lovecli.errors import UsageProblem

BERLIN = ZoneInfo("Europe/Berlin")
WINDOW = Want("spontaneity-window", "Spontaneity window", 45, ("weekend", "evening"), "weekly")
AUDIT = Want("weekly-audit", "Weekly audit", 30, ("weekend", "evening"), "weekly")
MONDAY = date(2026, 11, 30)


def plan(free, busy=(), extras=(), previous=None, seed=1, monday=MONDAY, zone=BERLIN):
    return plan_week(monday, zone, [parse_free(f) for f in free], list(busy), WINDOW, AUDIT, list(extras), "Alex", previous, 0, random.Random(seed))


@pytest.mark.parametrize(
    "spec, text",
    [
        ("mon-fri 19:00-22:00", "mon-fri 19:00-22:00"),
        ("Saturday,sun 10:00-21:00", "sat-sun 10:00-21:00"),
        ("daily 07:00-08:00", "mon-sun 07:00-08:00"),
        ("fri-mon 20:00-23:00", "mon,fri-sun 20:00-23:00"),
    ],
)
def test_free_time_is_parsed_and_shown_back(spec, text):
    assert str(parse_free(spec)) == text


@pytest.mark.parametrize("spec", ["mon 22:00-19:00", "funday 10:00-11:00", "mon 10-11", "mon", "mon 25:00-26:00"])
def test_bad_free_time_is_a_usage_problem(spec):
    with pytest.raises(UsageProblem, match="--free"):
        parse_free(spec)


def test_iso_weeks_round_trip():
    assert iso_week(MONDAY) == "2026-W49"
    assert monday_of("2026-W49") == MONDAY
    assert monday_of("2027-W01") == date(2027, 1, 4)


def test_the_audit_comes_on_a_later_day_than_the_window():
    for seed in range(20):
        week = plan(["daily 18:00-22:00"], seed=seed)
        window, audit = week.placed
        assert window.ritual == "spontaneity-window" and audit.ritual == "weekly-audit"
        assert audit.start.date() > window.start.date()


def test_the_window_moves_from_last_weeks_day():
    last_week = datetime(2026, 11, 28, 19, 0, tzinfo=BERLIN)  # a Saturday
    for seed in range(20):
        window = plan(["daily 18:00-22:00"], previous=last_week, seed=seed).placed[0]
        assert window.start.weekday() != last_week.weekday()


def test_nothing_fits_is_reported_with_a_reason():
    week = plan(["mon 19:00-19:30"])
    assert week.placed == ()
    assert [m.ritual for m in week.missed] == ["spontaneity-window", "weekly-audit"]
    assert "45-minute" in week.missed[0].reason


def test_no_room_after_the_window_names_the_audit():
    week = plan(["sun 10:00-11:00"])
    assert [e.ritual for e in week.placed] == ["spontaneity-window"]
    assert week.missed[0].ritual == "weekly-audit" and "after the window" in week.missed[0].reason


def test_daily_extras_land_on_every_day():
    hug = Want("ten-second-hug", "Ten-second hug", 1, ("any",), "daily")
    week = plan(["daily 07:00-09:00", "daily 19:00-22:00"], extras=[hug])
    hugs = [e for e in week.placed if e.ritual == "ten-second-hug"]
    assert sorted(e.start.date() for e in hugs) == [MONDAY + timedelta(days=n) for n in range(7)]
    assert sorted(e.occurrence for e in hugs) == list(range(7))


def test_spring_forward_gap_is_never_used():
    gap_day = date(2027, 3, 28)  # clocks jump from 02:00 to 03:00 in Berlin
    slots = candidate_slots(gap_day, [parse_free("sun 01:00-05:00")], BERLIN, 30)
    starts = {start.time() for start, _ in slots}
    assert time(1, 0) in starts and time(3, 0) in starts
    assert not any(time(1, 31) <= s < time(3, 0) for s in starts)
    assert wall_time(gap_day, time(2, 30), BERLIN) is None
    assert wall_time(date(2027, 10, 31), time(2, 30), BERLIN) is None  # happens twice in autumn


def test_local_wall_clock_holds_across_the_change():
    slots = candidate_slots(date(2027, 3, 29), [parse_free("mon 19:00-20:00")], BERLIN, 60)
    assert [(s.hour, s.utcoffset()) for s, _ in slots] == [(19, timedelta(hours=2))]
    slots = candidate_slots(date(2027, 3, 22), [parse_free("mon 19:00-20:00")], BERLIN, 60)
    assert [(s.hour, s.utcoffset()) for s, _ in slots] == [(19, timedelta(hours=1))]


def test_shorter_window_after_two_missed_weeks_only():
    assert shorter_window_reason([True, False, False])
    assert shorter_window_reason([False, True]) is None
    assert shorter_window_reason([False]) is None


frees = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(6, 21), st.integers(1, 4)),
    min_size=1,
    max_size=4,
)
busies = st.lists(st.tuples(st.integers(0, 7 * 24 * 4 - 1), st.integers(1, 16)), max_size=25)


@settings(max_examples=80, deadline=None, derandomize=True)
@given(frees, busies, st.integers(0, 1000), st.sampled_from(["Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC"]))
def test_random_busy_calendars_never_get_an_overlap_or_an_event_outside_free_time(free_parts, busy_parts, seed, zone_name):
    zone = ZoneInfo(zone_name)
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    free_specs = [
        f"{days[min(a, b)]}-{days[max(a, b)]} {start:02d}:00-{start + hours:02d}:00" for a, b, start, hours in free_parts
    ]
    free = [parse_free(spec) for spec in free_specs]
    week_start = datetime.combine(MONDAY, time.min, tzinfo=zone)
    busy = [Busy(week_start + timedelta(minutes=15 * q), week_start + timedelta(minutes=15 * (q + n))) for q, n in busy_parts]
    extra = Want("dream-walk", "Dream walk", 40, ("weekend",), "weekly")
    week = plan_week(MONDAY, zone, free, busy, WINDOW, AUDIT, [extra], "Alex", None, 0, random.Random(seed))

    placed = list(week.placed)
    for event in placed:
        inside = any(
            event.start.weekday() in window.days and window.start <= event.start.time() and event.end.time() <= window.end
            and event.start.date() == event.end.date()
            for window in free
        )
        assert inside, (event, free_specs)
        assert not any(event.start < b.end and b.start < event.end for b in busy), event
        assert event.end - event.start == timedelta(minutes={"spontaneity-window": 45, "weekly-audit": 30, "dream-walk": 40}[event.ritual])
    for first, second in zip(placed, placed[1:]):
        assert first.end <= second.start
    assert len(placed) + len(week.missed) == 3
