"""The exported .ics as real calendar software reads it: khal, recurring-ical-events, icalendar."""

import json
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from conftest import Cli

KHAL = Path(sys.executable).with_name("khal")
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def berlin_couple(cli):
    result = cli("init", "--name", "Alex", "--partner", "Sam", "--timezone", "Europe/Berlin", "--free", "daily 01:00-04:00", "--free", "daily 18:00-22:00")
    assert result.returncode == 0, result.stderr
    return cli


class Khal:
    """khal with a throw-away configuration, calendar folder and database."""

    def __init__(self, root: Path):
        self.root = root
        (root / "calendar").mkdir(parents=True)
        self.config = root / "khal.conf"
        self.config.write_text(
            "[calendars]\n[[lovecli]]\n"
            f"path = {root / 'calendar'}\ntype = calendar\n"
            f"[sqlite]\npath = {root / 'khal.db'}\n"
            "[locale]\nlocal_timezone = Europe/Berlin\ndefault_timezone = Europe/Berlin\n"
            "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
        )
        self.env = {**os.environ, "HOME": str(root), "XDG_CONFIG_HOME": str(root / "config"), "XDG_DATA_HOME": str(root / "data"), "TZ": "UTC"}

    def run(self, *args: str) -> str:
        result = subprocess.run([str(KHAL), "-c", str(self.config), *args], env=self.env, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def import_file(self, path: Path) -> None:
        self.run("import", "--batch", "-a", "lovecli", str(path))

    def listed(self, first: str, last: str) -> list[str]:
        out = self.run("list", "--format", "{start-date} {start-time} {title}", "--day-format", "", first, last)
        return [line.strip() for line in out.splitlines() if line.strip()]


def planned(cli, *args) -> list[dict]:
    result = cli("plan-week", *args, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def local_lines(events) -> list[str]:
    lines = []
    for event in events:
        start = datetime.fromisoformat(event["start"]).astimezone(BERLIN)
        lines.append(f"{start:%Y-%m-%d %H:%M} {event['title']}")
    return sorted(lines)


def test_khal_lists_the_events_at_the_planned_local_times_across_a_dst_change(berlin_couple, tmp_path):
    # 2027-W12 and W13: clocks in Berlin spring forward on Sunday 28 March.
    ics = tmp_path / "plan.ics"
    events = planned(berlin_couple, "--week", "2027-W12", "--weeks", "2", "--out", str(ics), "--seed", "3")
    assert len(events) == 4
    for event in events:
        start, end = (datetime.fromisoformat(event[k]).astimezone(BERLIN) for k in ("start", "end"))
        if start.date().isoformat() == "2027-03-28":
            assert not (2 <= start.hour < 3) and not (2 <= end.hour < 3)
    khal = Khal(tmp_path / "khal")
    khal.import_file(ics)
    assert sorted(khal.listed("2027-03-22", "2027-04-05")) == local_lines(events)


def test_reimporting_an_updated_plan_updates_instead_of_duplicating(berlin_couple, tmp_path):
    khal = Khal(tmp_path / "khal")
    first, second = tmp_path / "first.ics", tmp_path / "second.ics"
    planned(berlin_couple, "--week", "2027-W20", "--out", str(first), "--seed", "1")
    khal.import_file(first)
    updated = planned(berlin_couple, "--week", "2027-W20", "--out", str(second), "--seed", "2", "--window-minutes", "60")
    khal.import_file(second)
    assert sorted(khal.listed("2027-05-17", "2027-05-24")) == local_lines(updated)
    sequences = [int(e["SEQUENCE"]) for e in icalendar.Calendar.from_ical(second.read_bytes()).walk("VEVENT")]
    assert max(sequences) >= 1


def test_recurring_ical_events_sees_exactly_the_plan(berlin_couple, tmp_path):
    ics = tmp_path / "plan.ics"
    events = planned(berlin_couple, "--week", "2027-W30", "--weeks", "3", "--ritual", "ten-second-hug", "--out", str(ics))
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    found = recurring_ical_events.of(calendar).between(datetime(2027, 7, 1, tzinfo=BERLIN), datetime(2027, 9, 1, tzinfo=BERLIN))
    expanded = sorted((str(e["UID"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in found)
    expected = sorted((e["uid"], datetime.fromisoformat(e["start"]), datetime.fromisoformat(e["end"])) for e in events)
    assert expanded == expected
    assert len(events) == 3 * (2 + 7)


def test_the_file_has_what_calendars_need(berlin_couple, tmp_path):
    ics = tmp_path / "plan.ics"
    planned(berlin_couple, "--week", "2027-W05", "--out", str(ics), "--remind", "20")
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    assert str(calendar["PRODID"]).startswith("-//lovecli//")
    assert str(calendar["VERSION"]) == "2.0"
    assert "Alex & Sam" in str(calendar["X-WR-CALNAME"])
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    for event in calendar.walk("VEVENT"):
        assert str(event["UID"]).endswith("@lovecli")
        assert "DTSTAMP" in event and "SEQUENCE" in event
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY" and alarm.decoded("TRIGGER").total_seconds() == -20 * 60
        assert "1. " in str(event["DESCRIPTION"])
    audit = next(e for e in calendar.walk("VEVENT") if "audit" in str(e["SUMMARY"]).lower())
    description = str(audit["DESCRIPTION"])
    assert "What went well between us?" in description and "blame" in description


def test_same_inputs_and_seed_give_the_same_bytes_apart_from_dtstamp(tmp_path):
    files = []
    for name in ("one", "two"):
        cli = Cli(tmp_path / name)
        cli("init", "--name", "Alex", "--partner", "Sam", "--timezone", "Europe/Berlin")
        out = tmp_path / f"{name}.ics"
        assert cli("plan-week", "--week", "2027-W10", "--weeks", "2", "--seed", "9", "--out", str(out)).returncode == 0
        files.append(re.sub(rb"DTSTAMP:[0-9TZ]+\r\n", b"", out.read_bytes()))
    assert files[0] == files[1]
    assert files[0].count(b"BEGIN:VEVENT") == 4


def test_names_cannot_inject_properties_or_components(cli, tmp_path):
    cli.home.mkdir()
    (cli.home / "state.toml").write_text(
        'schema = 1\n[profile]\nname = "Alex\\nBEGIN:VEVENT\\nSUMMARY:injected"\n'
        'partner = "Sam;X-EVIL=1,\\r\\nATTACH:http://x"\ntimezone = "Europe/Berlin"\n'
    )
    (cli.home / "rituals").mkdir()
    (cli.home / "rituals" / "sneaky.toml").write_text(
        'id = "sneaky"\nname = "Tea\\nEND:VEVENT\\nBEGIN:VTODO"\nsummary = "x"\nminutes = 10\ncadence = "weekly"\n'
        'best_time = ["any"]\ntags = ["play"]\nsteps = ["Line one\\nDTSTART:19700101T000000"]\n'
    )
    out = tmp_path / "plan.ics"
    result = cli("plan-week", "--week", "2027-W10", "--ritual", "sneaky", "--out", str(out))
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes().decode()
    lines = raw.split("\r\n")
    assert lines.count("BEGIN:VEVENT") == 3 and "BEGIN:VTODO" not in lines
    assert not any(line.startswith(("SUMMARY:injected", "ATTACH:", "X-EVIL")) for line in lines)
    assert sum(line.startswith("DTSTART") for line in lines) == 3 + lines.count("BEGIN:STANDARD") + lines.count("BEGIN:DAYLIGHT")
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert len(calendar.walk("VEVENT")) == 3
    assert "BEGIN:VEVENT" in str(calendar["X-WR-CALNAME"])  # kept as text, escaped
