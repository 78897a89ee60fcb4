"""Scoring every packaged instrument: band edges, areas, goals, the unsafe answer, comparisons."""

from datetime import date

import pytest

from lovecli.content.instruments import load_instruments
from lovecli.content.questions import load_bank
from lovecli.content.rituals import load_library
from lovecli.core.scoring import compare, conversation_questions, parse_answers, score, split_answers, suggest_rituals
from lovecli.errors import UsageProblem

INSTRUMENTS = load_instruments()
REQUIRED = {"inventory", "checklist", "skills", "availability", "growth", "attachment", "warning-signs"}


def answers_totalling(instrument, target):
    """Answers (no safety item set) whose total is `target`, filling items in order."""
    values = [item.low for item in instrument.items]
    remaining = target - sum(values)
    for index, item in enumerate(instrument.items):
        if item.safety:
            continue
        step = min(item.high - item.low, remaining)
        values[index] += step
        remaining -= step
    assert remaining == 0
    return values


def band_edges():
    for instrument in INSTRUMENTS.values():
        reachable = sum(item.high for item in instrument.items if not item.safety)
        for band in instrument.bands:
            for total in sorted({band.min, min(band.max, reachable)}):
                if total <= reachable:
                    yield pytest.param(instrument.id, total, band.label, id=f"{instrument.id}-{total}")


def test_all_seven_instruments_ship():
    assert REQUIRED <= set(INSTRUMENTS)


@pytest.mark.parametrize("instrument_id, total, label", list(band_edges()))
def test_every_band_edge(instrument_id, total, label):
    instrument = INSTRUMENTS[instrument_id]
    result = score(instrument, answers_totalling(instrument, total))
    assert result.score == total
    assert result.band.label == label


def test_checklist_bands_follow_the_seeds():
    checklist = INSTRUMENTS["checklist"]
    assert len(checklist.items) == 10
    spans = [(band.min, band.max, band.support) for band in checklist.bands]
    assert spans == [(0, 4, True), (5, 8, False), (9, 10, False)]


def test_inventory_profiles_five_areas_with_strengths_gaps_and_goals():
    inventory = INSTRUMENTS["inventory"]
    assert [area.id for area in inventory.areas] == ["emotional", "physical", "intellectual", "spiritual", "experiential"]
    result = score(inventory, [8, 3, 9, 5, 6])
    assert result.score is None and result.band is None
    assert [area.area.id for area in result.strengths] == ["intellectual", "emotional"]
    assert [area.area.id for area in result.gaps] == ["physical", "spiritual"]
    assert all(area.area.goal for area in result.gaps)


def test_skills_lowest_item_becomes_the_one_goal():
    skills = INSTRUMENTS["skills"]
    assert len(skills.items) == 7
    answers = [4, 5, 4, 2, 4, 5, 4]
    result = score(skills, answers)
    assert result.focus == (skills.items[3],)
    assert result.focus[0].goal


def test_availability_missing_statements_become_growth_edges():
    availability = INSTRUMENTS["availability"]
    assert len(availability.items) == 7
    result = score(availability, [1, 0, 1, 1, 0, 1, 1])
    assert [item.id for item in result.focus] == [availability.items[1].id, availability.items[4].id]


def test_growth_fewer_than_seven_is_called_out():
    growth = INSTRUMENTS["growth"]
    assert len(growth.items) == 10
    assert score(growth, answers_totalling(growth, 6)).band.max == 6
    assert score(growth, answers_totalling(growth, 7)).band.min == 7


def test_attachment_is_a_profile_of_four_tendencies_never_a_label():
    attachment = INSTRUMENTS["attachment"]
    assert 12 <= len(attachment.items) <= 20
    assert [area.id for area in attachment.areas] == ["secure", "anxious", "avoidant", "fearful-avoidant"]
    assert not attachment.total and not attachment.bands
    assert "not a diagnosis" in attachment.note.lower()
    result = score(attachment, [3] * len(attachment.items))
    assert result.band is None and result.score is None
    assert {area.area.id for area in result.areas} == {"secure", "anxious", "avoidant", "fearful-avoidant"}


def test_warning_signs_count_flags_and_the_first_item_asks_about_safety():
    signs = INSTRUMENTS["warning-signs"]
    assert signs.items[0].safety and not signs.higher_is_better
    several = score(signs, answers_totalling(signs, 3))
    assert several.band.support
    unsafe = score(signs, [1] + [0] * (len(signs.items) - 1))
    assert unsafe.unsafe


@pytest.mark.parametrize(
    "given, message",
    [
        ("y,n,y", "checklist has 10 items, but 3 answers were given"),
        ("y,n,y,y,maybe,y,y,y,y,y", "item 5 ("),
    ],
)
def test_answer_errors_name_the_item(given, message):
    with pytest.raises(UsageProblem, match=message.replace("(", r"\(")):
        parse_answers(INSTRUMENTS["checklist"], split_answers(given))


def test_out_of_range_and_text_in_number_fields_name_the_item():
    skills = INSTRUMENTS["skills"]
    with pytest.raises(UsageProblem, match=rf"item 3 \({skills.items[2].id}\): 6 is outside 1-5"):
        parse_answers(skills, ["3", "3", "6", "3", "3", "3", "3"])
    with pytest.raises(UsageProblem, match=rf"item 2 \({skills.items[1].id}\): 'three' is not a whole number"):
        parse_answers(skills, ["3", "three", "3", "3", "3", "3", "3"])


def test_yes_no_accepts_the_usual_spellings():
    assert parse_answers(INSTRUMENTS["checklist"], split_answers("y n YES no 1 0 Y N yes No")) == [1, 0, 1, 0, 1, 0, 1, 0, 1, 0]


def test_answer_files_allow_lines_and_comments():
    assert split_answers("y  # talk openly\nn,\n3 # skills\n\n") == ["y", "n", "3"]


def test_rituals_match_the_weakest_areas():
    inventory = INSTRUMENTS["inventory"]
    result = score(inventory, [9, 9, 9, 2, 9])
    picked = suggest_rituals(result, load_library(), date(2026, 11, 22))
    assert len(picked) == 2
    assert all("spiritual" in ritual.tags for ritual in picked)


def test_compare_flags_differences_and_shared_lows_without_totals():
    inventory = INSTRUMENTS["inventory"]
    mine = {"emotional": 8, "physical": 3, "intellectual": 9, "spiritual": 4, "experiential": 6}
    theirs = {"emotional": 4, "physical": 4, "intellectual": 8, "spiritual": 5, "experiential": 6}
    views = {view.area.id: view for view in compare(inventory, mine, theirs)}
    assert views["emotional"].differs and not views["intellectual"].differs
    assert views["physical"].shared_low and views["spiritual"].shared_low
    assert not views["experiential"].shared_low
    questions = conversation_questions(list(views.values()), load_bank().questions, date(2026, 11, 22))
    assert len(questions) == 2
    allowed = set(inventory.area("physical").question_categories) | set(inventory.area("spiritual").question_categories)
    assert {question.category for question in questions} <= allowed
