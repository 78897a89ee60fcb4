"""`lovecli today`, the daily prompt for cron."""

import json
import os

from conftest import Cli


def test_plain_is_two_short_lines(couple):
    result = couple("today", "--plain", "--date", "2026-11-22")
    assert result.returncode == 0
    question, ritual = result.stdout.splitlines()
    assert question.endswith("?")
    assert ritual.startswith("Ritual: ") and ritual.endswith("min)")


def test_json_shape(couple):
    data = json.loads(couple("today", "--json", "--date", "2026-11-22").stdout)
    assert data["date"] == "2026-11-22"
    assert set(data["question"]) >= {"id", "text", "category", "depth"}
    assert set(data["ritual"]) >= {"id", "name", "minutes"}


def test_same_day_same_prompt_and_the_next_day_differs(couple):
    first = couple("today", "--json", "--date", "2027-02-14").stdout
    assert couple("today", "--json", "--date", "2027-02-14").stdout == first
    assert couple("today", "--json", "--date", "2027-02-15").stdout != first


def test_both_partners_machines_agree_without_sharing_state(tmp_path):
    mine, theirs = Cli(tmp_path / "mine"), Cli(tmp_path / "theirs")
    assert mine("init", "--name", "Alex", "--partner", "Sam", "--timezone", "Europe/Berlin").returncode == 0
    assert theirs("init", "--name", " sam", "--partner", "ALEX ", "--timezone", "America/Chicago").returncode == 0
    for day in ("2026-11-22", "2026-11-23", "2027-06-01"):
        assert mine("today", "--json", "--date", day).stdout == theirs("today", "--json", "--date", day).stdout


def test_today_never_writes_state(couple):
    couple("ask", "--plain")
    before = couple.state_file.read_bytes()
    stamp = os.stat(couple.state_file).st_mtime_ns
    listing = sorted(p.name for p in couple.home.iterdir())
    assert couple("today").returncode == 0
    assert couple.state_file.read_bytes() == before
    assert os.stat(couple.state_file).st_mtime_ns == stamp
    assert sorted(p.name for p in couple.home.iterdir()) == listing


def test_works_before_init_and_creates_nothing(cli):
    result = cli("today")
    assert result.returncode == 0
    assert "lovecli init" in result.stdout
    assert not cli.home.exists()


def test_bad_date_is_a_usage_error(couple):
    result = couple("today", "--date", "22/11/2026")
    assert result.returncode == 2
    assert result.stderr == "error: --date must look like 2026-11-22, not '22/11/2026'\n"
