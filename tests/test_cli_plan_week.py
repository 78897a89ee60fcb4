"""`lovecli plan-week`, `lovecli audit` and `lovecli rituals` through the installed command."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from lovecli import store

BERLIN = ZoneInfo("Europe/Berlin")


def plan_json(cli, *args):
    result = cli("plan-week", *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_lists_events_with_iso_offsets_and_keeps_the_plan(couple):
    events = plan_json(couple, "--week", "2027-W02")
    assert [e["ritual"] for e in events] == ["spontaneity-window", "weekly-audit"]
    for event in events:
        assert datetime.fromisoformat(event["start"]).utcoffset() is not None
    shown = json.loads(couple("plan-week", "--show", "--json").stdout)
    assert [e["uid"] for e in shown] == [e["uid"] for e in events]


def test_the_surprise_picker_alternates_and_continues_across_runs(couple):
    first = plan_json(couple, "--week", "2027-W02", "--weeks", "2")
    titles = [e["title"] for e in first if e["ritual"] == "spontaneity-window"]
    assert titles == ["Spontaneity window: Alex picks the surprise", "Spontaneity window: Sam picks the surprise"]
    later = plan_json(couple, "--week", "2027-W04")
    assert later[0]["title"] == "Spontaneity window: Alex picks the surprise"
    again = plan_json(couple, "--week", "2027-W03")
    assert again[0]["title"].startswith("Spontaneity window: Sam")


def test_default_free_time_is_announced(couple):
    result = couple("plan-week", "--week", "2027-W02")
    assert result.returncode == 0
    assert "default free time" in result.stdout


def test_nothing_outside_free_time_and_busy_events_are_avoided(cli, tmp_path):
    cli("init", "--name", "Alex", "--partner", "Sam", "--timezone", "Europe/Berlin", "--free", "mon-sun 19:00-21:00")
    busy = tmp_path / "busy.ics"
    busy.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        # Every evening busy 19:00-20:30 by a daily recurring event, except it ends on Thursday.
        "BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20270104T190000\r\n"
        "DTEND;TZID=Europe/Berlin:20270104T203000\r\nRRULE:FREQ=DAILY;COUNT=4\r\nEND:VEVENT\r\n"
        # An all-day busy Friday.
        "BEGIN:VEVENT\r\nUID:b\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;VALUE=DATE:20270108\r\nDTEND;VALUE=DATE:20270109\r\nEND:VEVENT\r\n"
        # A transparent event on Saturday does not block.
        "BEGIN:VEVENT\r\nUID:c\r\nDTSTAMP:20270101T000000Z\r\nDTSTART;TZID=Europe/Berlin:20270109T190000\r\n"
        "DTEND;TZID=Europe/Berlin:20270109T210000\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    for seed in range(4):
        events = plan_json(cli, "--week", "2027-W01", "--busy", str(busy), "--seed", str(seed))
        for event in events:
            start = datetime.fromisoformat(event["start"]).astimezone(BERLIN)
            end = datetime.fromisoformat(event["end"]).astimezone(BERLIN)
            assert 19 <= start.hour and (end.hour, end.minute) <= (21, 0)
            assert start.weekday() not in (0, 1, 2, 3, 4), event  # Mon-Thu busy evenings, Friday all day
        assert {datetime.fromisoformat(e["start"]).weekday() for e in events} <= {5, 6}


def test_when_nothing_fits_it_exits_1_writes_nothing_and_says_why(cli, tmp_path):
    cli("init", "--name", "Alex", "--partner", "Sam", "--timezone", "UTC", "--free", "sun 10:00-10:50")
    out = tmp_path / "plan.ics"
    result = cli("plan-week", "--week", "2027-W02", "--out", str(out))
    assert result.returncode == 1
    assert "2027-W02: weekly-audit:" in result.stderr and "Nothing was written" in result.stderr
    assert not out.exists()
    assert store.load(cli.home).planned == []

    partial = cli("plan-week", "--week", "2027-W02", "--out", str(out), "--allow-partial")
    assert partial.returncode == 0
    assert "did not fit" in partial.stdout and out.exists()
    assert [e.ritual for e in store.load(cli.home).planned] == ["spontaneity-window"]


def test_two_missed_windows_make_the_next_plan_shorter_and_say_why(couple):
    couple("audit", "--window", "no", "--week", "2027-W01")
    couple("audit", "--window", "no", "--week", "2027-W02", "--drifted", "busy weeks")
    result = couple("plan-week", "--week", "2027-W03")
    assert "two weeks running" in result.stdout
    window = next(e for e in store.load(couple.home).planned if e.ritual == "spontaneity-window")
    assert (window.end - window.start).total_seconds() == 30 * 60


@pytest.mark.parametrize(
    "args, message",
    [
        (["--week", "2027-53"], "--week must look like 2026-W49"),
        (["--week", "2027-W02", "--start", "2027-01-11"], "choose one of --week and --start"),
        (["--window-minutes", "20"], "--window-minutes"),
        (["--ritual", "nap"], "no ritual 'nap'"),
        (["--busy", "/nonexistent.ics"], "--busy /nonexistent.ics"),
        (["--json", "--out", "-"], "choose one"),
    ],
)
def test_bad_options_exit_2(couple, args, message):
    result = couple("plan-week", *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_plan_week_needs_a_profile(cli):
    result = cli("plan-week")
    assert result.returncode == 2 and "lovecli init" in result.stderr


def test_out_dash_writes_the_calendar_to_stdout(couple):
    result = couple("plan-week", "--week", "2027-W02", "--out", "-")
    assert result.returncode == 0
    assert result.stdout.startswith("BEGIN:VCALENDAR") and result.stdout.rstrip().endswith("END:VCALENDAR")


def test_audit_by_flags_is_kept_with_date_and_who(couple):
    result = couple("audit", "--window", "yes", "--felt", "silly, good", "--went-well", "the walk", "--as", "sam", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["by"] == "Sam" and data["window_happened"] is True and data["felt"] == "silly, good"
    (saved,) = store.load(couple.home).audits
    assert saved.went_well == "the walk" and saved.at.utcoffset() is not None


def test_audit_shows_ten_weeks_and_does_not_shame_a_gap(couple):
    couple("audit", "--window", "yes", "--week", "2026-W30")  # outside the last ten weeks
    result = couple("audit", "--window", "yes", "--win", "tea in the garden")
    assert "Last 10 weeks" in result.stdout and "resume" in result.stdout
    shown = json.loads(couple("audit", "--show", "--json").stdout)
    assert [a["win"] for a in shown] == ["tea in the garden"]


def test_audit_without_a_terminal_names_the_flags(couple):
    result = couple("audit")
    assert result.returncode == 2 and "--window yes|no" in result.stderr
    assert couple("audit", "--window", "maybe").returncode == 2


def test_rituals_list_filter_and_show(couple):
    every = json.loads(couple("rituals", "--json").stdout)
    assert len(every) >= 20
    weekly = json.loads(couple("rituals", "--cadence", "weekly", "--json").stdout)
    assert weekly and all(r["cadence"] == "weekly" for r in weekly)
    tagged = json.loads(couple("rituals", "--tag", "long-distance", "--json").stdout)
    assert {r["id"] for r in tagged} >= {"digital-date"}
    shown = json.loads(couple("rituals", "show", "dream-walk", "--json").stdout)
    assert shown["steps"] and shown["minutes"] > 0 and shown["best_time"]
    assert "did you mean dream-walk" in couple("rituals", "show", "dream-wlk").stderr


def test_a_couples_own_ritual_overrides_and_a_bad_one_is_named_while_others_load(couple):
    own = couple.home / "rituals"
    own.mkdir()
    (own / "dream-walk.toml").write_text(
        'id = "dream-walk"\nname = "Our dream walk"\nsummary = "Ours."\nminutes = 25\ncadence = "weekly"\n'
        'best_time = ["weekend"]\ntags = ["spiritual"]\nsteps = ["Walk.", "Dream."]\n'
    )
    (own / "broken.toml").write_text('id = "broken"\nname = "Broken"\nminutes = "ten"\n')
    result = couple("rituals", "show", "dream-walk", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["name"] == "Our dream walk"
    assert "broken.toml" in result.stderr and "warning" in result.stderr
    listing = json.loads(couple("rituals", "--json").stdout)
    assert len(listing) >= 20


def test_past_weeks_and_impossible_weeks_are_refused(couple):
    past = couple("plan-week", "--week", "2020-W10")
    assert past.returncode == 2 and "is in the past" in past.stderr
    impossible = couple("plan-week", "--week", "2027-W53")
    assert impossible.returncode == 2 and "2027 has no week 53" in impossible.stderr


def test_the_picker_alternates_from_the_last_planned_week_even_after_a_gap(couple):
    assert plan_json(couple, "--week", "2027-W10")[0]["title"].startswith("Spontaneity window: Alex")
    assert plan_json(couple, "--week", "2027-W20")[0]["title"].startswith("Spontaneity window: Sam")


def test_a_busy_day_skips_a_daily_ritual_without_failing_the_plan(cli, tmp_path):
    cli("init", "--name", "Alex", "--partner", "Sam", "--timezone", "UTC", "--free", "sat-sun 10:00-20:00")
    events = plan_json(cli, "--week", "2027-W10", "--ritual", "ten-second-hug")
    hugs = [e for e in events if e["ritual"] == "ten-second-hug"]
    assert len(hugs) == 2  # only Saturday and Sunday have free time


def test_nothing_placed_at_all_fails_even_with_allow_partial(cli, tmp_path):
    cli("init", "--name", "Alex", "--partner", "Sam", "--timezone", "UTC", "--free", "mon 10:00-10:20")
    out = tmp_path / "plan.ics"
    result = cli("plan-week", "--week", "2027-W10", "--allow-partial", "--out", str(out))
    assert result.returncode == 1 and not out.exists()


def test_free_time_can_go_back_to_the_defaults(couple):
    couple("init", "--free", "mon-fri 18:00-20:00")
    assert store.load(couple.home).profile.free == ("mon-fri 18:00-20:00",)
    result = couple("init", "--free", "default")
    assert result.returncode == 0 and "the defaults" in result.stdout
    assert store.load(couple.home).profile.free == ()
