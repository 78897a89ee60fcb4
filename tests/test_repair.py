"""Repair: the coach, patterns over time, the betrayal track, and the commands for scripts."""

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from lovecli import store
from lovecli.content.repair import load_betrayal, load_repair
from lovecli.core.coach import coach
from lovecli.core.repair import betrayal_stage, recurring_tags
from lovecli.model import RepairEpisode

CONTENT = load_repair()

COACH_TABLE = [
    ("You always leave your socks everywhere.", {"you-always"}),
    ("You're always late when it matters to me.", {"you-always"}),
    ("You are always on your phone.", {"you-always"}),
    ("You never listen to me.", {"you-never"}),
    ("You never help with the dishes.", {"you-never"}),
    ("You've never once asked how my day was.", {"you-never"}),
    ("You don't ever call when you say you will.", {"you-never"}),
    ("You should know how I feel by now.", {"you-should"}),
    ("You should have told me earlier.", {"you-should"}),
    ("You need to stop interrupting me.", {"you-should"}),
    ("You'd better be home on time tonight.", {"you-should"}),
    ("Why do you do this every single time?", {"why-do-you"}),
    ("Why can't you just put your plate away?", {"why-do-you"}),
    ("Why don't you ever make plans?", {"why-do-you"}),
    ("Why would you say that in front of my friends?", {"why-do-you"}),
    ("You're such an idiot.", {"name-calling"}),
    ("That was a stupid thing to do.", {"name-calling"}),
    ("You're being so selfish.", {"name-calling"}),
    ("Stop being lazy.", {"name-calling"}),
    ("That's pathetic.", {"name-calling"}),
    ("Oh great, another evening ruined.", {"sarcasm"}),
    ("Yeah right, like you were really busy.", {"sarcasm"}),
    ("Thanks a lot for remembering.", {"sarcasm"}),
    ("Nice job, really.", {"sarcasm"}),
    ("Whatever.", {"sarcasm"}),
    ("You always forget and you never apologise.", {"you-always", "you-never"}),
    ("Why do you always act like such an idiot?", {"why-do-you", "you-always", "name-calling"}),
    ("You never listen, you're so selfish.", {"you-never", "name-calling"}),
    ("Oh great, you never pick up the phone.", {"sarcasm", "you-never"}),
    ("You should stop being so lazy.", {"you-should", "name-calling"}),
    ("Typical. You're just like your mother.", {"name-calling"}),
    ("You always make me laugh, I love that.", set()),
    ("Why do you think that happened?", set()),
    ("I felt hurt when the dishes were left because I need teamwork. Would you be willing to help tonight?", set()),
    ("I'm feeling lonely this week and would love a walk together.", set()),
    ("I felt scared when you drove fast.", set()),
    ("Could we talk about money on Sunday?", set()),
    ("I need some quiet time after work.", set()),
    ("I miss our morning coffees.", set()),
    ("Thank you for making dinner.", set()),
    ("When plans change at the last minute I feel anxious.", set()),
    ("I would like us to plan a weekend away.", set()),
    ("I noticed I snapped at you, and I'm sorry.", set()),
    ("Can you tell me more about what happened at work?", set()),
    ("I feel overwhelmed by the chores and I need help.", set()),
]


def test_the_coach_table_has_at_least_forty_sentences():
    assert len(COACH_TABLE) >= 40


@pytest.mark.parametrize("sentence, expected", COACH_TABLE)
def test_coach_flags(sentence, expected):
    result = coach(sentence, CONTENT.coach)
    assert set(result.flags) == expected
    if expected:
        assert result.suggestion.startswith("I felt ")
        assert " when " in result.suggestion and " because I need " in result.suggestion
        assert "Would you be willing to " in result.suggestion and result.suggestion.endswith("?")
    else:
        assert result.fine and result.suggestion == sentence


def test_the_suggestion_keeps_what_happened_and_never_repeats_an_insult():
    assert "when you didn't help with the dishes" in coach("You never help with the dishes!", CONTENT.coach).suggestion
    assert "Would you be willing to call me" in coach("You should call me more.", CONTENT.coach).suggestion
    assert "idiot" not in coach("Why are you such an idiot?", CONTENT.coach).suggestion
    assert "have called" not in coach("You should have called me.", CONTENT.coach).suggestion


def episode(day: date, *tags: str) -> RepairEpisode:
    moment = datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc)
    return RepairEpisode(moment, moment + timedelta(hours=1), list(tags), [], {"A": 3}, {"A": 7})


def test_the_same_fight_three_times_within_sixty_days_is_noticed():
    start = date(2026, 1, 1)
    within = [episode(start, "money"), episode(start + timedelta(days=30), "money", "chores"), episode(start + timedelta(days=60), "money")]
    assert recurring_tags(within) == {"money": 3}
    spread = [episode(start, "money"), episode(start + timedelta(days=40), "money"), episode(start + timedelta(days=90), "money")]
    assert recurring_tags(spread) == {}
    assert recurring_tags(within[:2]) == {}
    often = [episode(start + timedelta(days=5 * n), "money") for n in range(11)]
    assert recurring_tags(often) == {"money": 11}


def test_betrayal_stages_follow_the_typical_timeline():
    stages = load_betrayal().stages
    assert [s.id for s in stages] == ["acknowledgement", "processing", "rebuilding", "renewal"]
    start = date(2026, 1, 5)
    expected = {1: "acknowledgement", 2: "acknowledgement", 3: "processing", 9: "processing", 10: "rebuilding", 26: "rebuilding", 27: "renewal", 60: "renewal"}
    for week, stage_id in expected.items():
        stage, number = betrayal_stage(stages, start, start + timedelta(weeks=week - 1))
        assert (stage.id, number) == (stage_id, week)


def test_steps_json_shape(cli):
    steps = json.loads(cli("repair", "steps", "--json").stdout)
    assert [s["id"] for s in steps] == ["cool-off", "acknowledge", "feelings", "reflect", "responsibility", "next-time", "closing"]
    for step in steps:
        assert set(step) >= {"id", "title", "why", "prompt", "for_each", "kind", "parts"}
    assert len(steps[4]["parts"]) == 3
    assert not cli.state_file.exists()


def test_steps_plain_is_numbered_lines(cli):
    lines = cli("repair", "steps", "--plain").stdout.splitlines()
    numbered = [line for line in lines if line[:1].isdigit()]
    assert len(numbered) == 7 and numbered[0].startswith("1. ")
    assert any(line.strip().startswith("Choose from:") and "hurt" in line for line in lines)


def test_coach_json(cli):
    data = json.loads(cli("repair", "coach", "You never listen", "--json").stdout)
    assert data["flags"] == ["you-never"] and data["suggestion"].startswith("I felt")
    assert data["feelings"] and data["needs"]
    fine = json.loads(cli("repair", "coach", "I felt hurt and I need a hug.", "--json").stdout)
    assert fine["flags"] == [] and fine["fine"] is True


def test_log_and_history_notice_a_returning_fight(couple):
    for took in ("30m", "2h", "1d"):
        assert couple("repair", "log", "--tag", "money", "--tag", "Time together", "--before", "3", "--after", "7", "--took", took).returncode == 0
    data = json.loads(couple("repair", "history", "--json").stdout)
    assert [e["minutes_to_repair"] for e in data["episodes"]] == [30, 120, 1440]
    assert data["top_tags"][0] == {"tag": "money", "count": 3}
    assert data["recurring"] == [{"tag": "money", "times": 3}, {"tag": "time-together", "times": 3}]
    screen = couple("repair", "history").stdout
    assert "same fight keeps coming back" in screen and "couples therapist" in screen


@pytest.mark.parametrize(
    "args, message",
    [
        (["--tag", "money!", "--before", "3", "--after", "5"], "tag 'money!'"),
        (["--tag", "money", "--before", "11", "--after", "5"], "--before must be from 0 (awful) to 10 (fine), not 11"),
        (["--tag", "money", "--before", "3", "--after", "-1"], "--after must be from 0"),
        (["--before", "3", "--after", "5"], "repair log needs --tag"),
        (["--tag", "money", "--before", "3", "--after", "5", "--took", "soon"], "--took must look like"),
        (["--tag", "money", "--before", "3", "--after", "5", "--as", "Robin"], "--as must be Alex or Sam"),
        (["--tag", "money", "--before", "3", "--after", "5", "--date", "2999-01-01"], "in the future"),
    ],
)
def test_bad_tags_and_numbers_exit_2(couple, args, message):
    result = couple("repair", "log", *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert store.load(couple.home).repairs == []


def test_the_guided_flow_without_a_terminal_points_to_the_script_commands(couple):
    result = couple("repair")
    assert result.returncode == 2 and "repair log" in result.stderr


def test_cool_off_beyond_a_day_is_refused(couple):
    result = couple("repair", "--cool-off", "2000")
    assert result.returncode == 2


def test_betrayal_track_start_stage_and_ics(couple, tmp_path):
    import icalendar

    start = (date.today() - timedelta(weeks=5)).isoformat()
    ics = tmp_path / "trust.ics"
    data = json.loads(couple("repair", "betrayal", "--start", start, "--ics", str(ics), "--json").stdout)
    assert data["stage"]["id"] == "processing" and data["week"] == 6 and len(data["checkins"]) == 2
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    events = calendar.walk("VEVENT")
    # Weeks already behind them get no reminder: from week 6 (processing) to week 52.
    assert len(events) == 47 and "week 6: Emotional processing" in str(events[0]["SUMMARY"])
    assert json.loads(couple("repair", "betrayal", "--json").stdout)["start"] == start
    assert couple("repair", "betrayal", "--stop").returncode == 0
    before_start = json.loads(couple("repair", "betrayal", "--json").stdout)
    assert before_start["started"] is False and len(before_start["stages"]) == 4
    assert couple("repair", "betrayal", "--stop", "--start", start).returncode == 2


@pytest.mark.parametrize("text, minutes", [("45m", 45), ("2h", 120), ("1h30m", 90), ("1d", 1440), ("90", 90)])
def test_durations(text, minutes):
    from lovecli.core.repair import parse_duration

    assert parse_duration(text) == minutes
