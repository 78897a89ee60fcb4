"""`lovecli assess` through the installed command."""

import json

from lovecli import store

CHECKLIST_7 = "y,y,y,n,y,y,n,y,y,n"


def test_list_shows_every_instrument_with_items_and_minutes(couple):
    data = json.loads(couple("assess", "list", "--json").stdout)
    by_id = {entry["id"]: entry for entry in data}
    assert by_id["checklist"]["items"] == 10 and by_id["checklist"]["minutes"] >= 1
    plain = couple("assess", "list").stdout
    assert "inventory" in plain and "warning-signs" in plain


def test_bare_assess_without_a_terminal_prints_the_list(couple):
    result = couple("assess")
    assert result.returncode == 0
    assert "checklist" in result.stdout and "not diagnoses" in result.stdout


def test_take_with_answers_prints_json_and_saves(couple):
    result = couple("assess", "take", "checklist", "--answers", CHECKLIST_7, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["instrument"] == "checklist"
    assert (data["score"], data["max_score"], data["band"]) == (7, 10, "Room to grow")
    assert data["areas"] and data["by"] == "Alex" and data["saved"]
    (record,) = store.load(couple.home).assessments
    assert (record.instrument, record.by, record.score) == ("checklist", "Alex", 7)


def test_result_screen_shows_band_advice_bars_and_two_rituals(couple):
    result = couple("assess", "take", "inventory", "--answers", "8,3,9,2,6", "--no-save")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "█" in out and "Biggest gaps" in out and "Rituals to try" in out
    assert "not a diagnosis" in out.lower()
    assert store.load(couple.home).assessments == []


def test_answers_file_and_stdin(couple, tmp_path):
    answers = tmp_path / "answers.txt"
    answers.write_text("# checklist\ny\ny\ny\ny\ny\ny\ny\ny\ny # nine\ny\n")
    assert json.loads(couple("assess", "take", "checklist", "--answers-file", str(answers), "--json").stdout)["score"] == 10
    from_stdin = couple("assess", "take", "checklist", "--answers-file", "-", "--json", "--no-save", input="n " * 10)
    assert json.loads(from_stdin.stdout)["score"] == 0


def test_wrong_count_out_of_range_and_text_each_exit_2_naming_the_item(couple):
    wrong_count = couple("assess", "take", "checklist", "--answers", "y,n")
    assert wrong_count.returncode == 2 and "checklist has 10 items, but 2 answers were given" in wrong_count.stderr
    out_of_range = couple("assess", "take", "skills", "--answers", "3,3,3,3,9,3,3")
    assert out_of_range.returncode == 2 and "item 5 (" in out_of_range.stderr and "9 is outside 1-5" in out_of_range.stderr
    text = couple("assess", "take", "inventory", "--answers", "5,five,5,5,5")
    assert text.returncode == 2 and "item 2 (" in text.stderr
    assert store.load(couple.home).assessments == []


def test_without_a_terminal_the_flags_are_named(couple):
    result = couple("assess", "take", "checklist")
    assert result.returncode == 2
    assert result.stderr == "error: no terminal to ask on; pass --answers or --answers-file\n"


def test_unknown_instrument_lists_the_valid_ones(couple):
    result = couple("assess", "take", "horoscope", "--answers", "y")
    assert result.returncode == 2 and "inventory" in result.stderr


def test_as_chooses_the_partner_and_must_be_one_of_them(couple):
    assert couple("assess", "take", "checklist", "--answers", CHECKLIST_7, "--as", "sam").returncode == 0
    assert store.load(couple.home).assessments[0].by == "Sam"
    stranger = couple("assess", "take", "checklist", "--answers", CHECKLIST_7, "--as", "Robin")
    assert stranger.returncode == 2 and "--as must be Alex or Sam" in stranger.stderr


def test_unsafe_answer_stops_with_help_and_saves_nothing(couple):
    signs = json.loads(couple("assess", "list", "--json").stdout)
    count = next(entry["items"] for entry in signs if entry["id"] == "warning-signs")
    answers = ",".join(["y"] + ["n"] * (count - 1))
    result = couple("assess", "take", "warning-signs", "--answers", answers)
    assert result.returncode == 0
    assert "emergency" in result.stdout and "helpline" in result.stdout
    assert "Score" not in result.stdout and "Areas" not in result.stdout
    as_json = json.loads(couple("assess", "take", "warning-signs", "--answers", answers, "--json").stdout)
    assert as_json["unsafe"] is True and "score" not in as_json
    assert store.load(couple.home).assessments == []


def test_several_warning_signs_recommend_outside_support(couple):
    signs = json.loads(couple("assess", "list", "--json").stdout)
    count = next(entry["items"] for entry in signs if entry["id"] == "warning-signs")
    answers = ",".join(["n"] + ["y"] * 3 + ["n"] * (count - 4))
    data = json.loads(couple("assess", "take", "warning-signs", "--answers", answers, "--json").stdout)
    assert data["support"] is True and data["score"] == 3


def test_history_is_oldest_first_with_partners_and_a_trend_chart(couple):
    for answers, who in (("5,5,5,5,5", "Alex"), ("6,4,6,4,6", "Sam"), ("8,6,7,5,9", "Alex")):
        assert couple("assess", "take", "inventory", "--answers", answers, "--as", who).returncode == 0
    data = json.loads(couple("assess", "history", "inventory", "--json").stdout)
    assert [entry["by"] for entry in data] == ["Alex", "Sam", "Alex"]
    assert [entry["at"] for entry in data] == sorted(entry["at"] for entry in data)
    assert data[-1]["areas"]["emotional"] == 8
    chart = couple("assess", "history").stdout
    assert "Trends" in chart and "5 → 8" in chart
    assert any(spark in chart for spark in "▁▂▃▄▅▆▇█")


def test_history_with_nothing_yet_says_how_to_start(couple):
    result = couple("assess", "history")
    assert result.returncode == 0 and "lovecli assess take" in result.stdout


def test_compare_highlights_differences_without_totals(couple):
    couple("assess", "take", "inventory", "--answers", "9,3,8,4,6", "--as", "Alex")
    couple("assess", "take", "inventory", "--answers", "4,4,8,3,6", "--as", "Sam")
    data = json.loads(couple("assess", "compare", "inventory", "--json").stdout)
    areas = {area["id"]: area for area in data["areas"]}
    assert areas["emotional"]["talk_about_this"] and not areas["intellectual"]["talk_about_this"]
    assert areas["physical"]["shared_low"] and len(data["questions"]) == 2
    assert "score" not in json.dumps(data)
    screen = couple("assess", "compare", "inventory").stdout
    assert "talk about this" in screen and "no winner" in screen.lower()


def test_compare_with_one_partner_missing_says_how_to_add_it(couple):
    couple("assess", "take", "checklist", "--answers", CHECKLIST_7)
    result = couple("assess", "compare", "checklist")
    assert result.returncode == 1
    assert "No Healthy" in result.stderr or "No " in result.stderr
    assert "lovecli assess take checklist --as Sam" in result.stderr


def test_a_safety_yes_is_answered_first_even_when_the_count_is_wrong(couple):
    result = couple("assess", "take", "warning-signs", "--answers", "y,n,n")
    assert result.returncode == 0
    assert "helpline" in result.stdout and "items" not in result.stderr
