"""Choosing questions for `ask`: filters, the no-repeat round, and seeded picks."""

import random
from datetime import datetime, timedelta, timezone

import pytest

from lovecli.content.questions import load_bank
from lovecli.core.asking import matching, pick_seeded, pick_unasked
from lovecli.errors import UsageProblem

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def test_filters_by_several_categories_and_a_depth(bank):
    found = matching(bank, ["memories", "Fears"], 3)
    assert found and {q.category for q in found} == {"memories", "fears"}
    assert {q.depth for q in found} == {3}


def test_no_filters_means_the_whole_bank(bank):
    assert len(matching(bank)) == len(bank.questions)


def test_unknown_category_names_the_valid_ones(bank):
    with pytest.raises(UsageProblem) as error:
        matching(bank, ["emotional", "gossip"])
    assert "'gossip'" in str(error.value)
    assert all(slug in str(error.value) for slug in bank.categories)


def test_never_repeats_until_the_round_is_complete_then_oldest_first(bank):
    candidates = matching(bank, ["play"], 1)
    rng = random.Random(7)
    last_asked: dict[str, datetime] = {}
    first_round = []
    for step in range(len(candidates)):
        question = pick_unasked(candidates, last_asked, rng)
        assert question.id not in last_asked
        last_asked[question.id] = START + timedelta(hours=step)
        first_round.append(question.id)
    assert sorted(first_round) == sorted(q.id for q in candidates)

    second_round = []
    for step in range(len(candidates)):
        question = pick_unasked(candidates, last_asked, rng)
        last_asked[question.id] = START + timedelta(days=10, hours=step)
        second_round.append(question.id)
    assert second_round == first_round


def test_a_question_added_mid_round_comes_before_any_repeat(bank):
    candidates = matching(bank, ["values"], 2)
    last_asked = {q.id: START + timedelta(hours=i) for i, q in enumerate(candidates[:-1])}
    assert pick_unasked(candidates, last_asked, random.Random(1)) == candidates[-1]


def test_seeded_pick_is_reproducible_and_varies_with_the_seed(bank):
    candidates = matching(bank, ["gratitude"])
    assert pick_seeded(candidates, 42) == pick_seeded(list(candidates), 42)
    assert len({pick_seeded(candidates, seed).id for seed in range(30)}) > 10
