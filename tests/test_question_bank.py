"""The packaged question bank: enough questions, every cell filled, no duplicates, sane text."""

import itertools
import re
from collections import Counter

import pytest

from lovecli.content.questions import load_bank

REQUIRED_CATEGORIES = {
    "emotional",
    "intellectual",
    "physical",
    "play",
    "memories",
    "future",
    "fears",
    "gratitude",
    "digital",
    "conflict",
    "values",
}
WORD = re.compile(r"[a-z']+")
# Words too common to tell two questions apart.
STOP_WORDS = set(
    "a an the and or but of to in on at for with about from by as is are was were be been do does did "
    "you your me my i we us our it that this what when how why who which would could can have has had "
    "one something some ever there if so than more most feel".split()
)


@pytest.fixture(scope="module")
def bank():
    return load_bank()


def test_bank_holds_at_least_400_questions(bank):
    assert len(bank.questions) >= 400


def test_every_required_category_exists(bank):
    assert REQUIRED_CATEGORIES <= set(bank.categories)


def test_every_category_and_depth_cell_holds_at_least_ten(bank):
    cells = Counter((q.category, q.depth) for q in bank.questions)
    thin = {
        (category, depth): cells[(category, depth)]
        for category in bank.categories
        for depth in (1, 2, 3)
        if cells[(category, depth)] < 10
    }
    assert not thin


def test_ids_are_unique_slugs(bank):
    ids = [q.id for q in bank.questions]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", qid) for qid in ids)


def test_texts_are_single_questions_of_sane_length(bank):
    for question in bank.questions:
        assert 20 <= len(question.text) <= 200, question.id
        assert question.text.endswith("?"), question.id
        assert "\n" not in question.text, question.id


def test_texts_are_unique_ignoring_case_and_punctuation(bank):
    normalised = Counter(" ".join(WORD.findall(q.text.lower())) for q in bank.questions)
    assert [text for text, count in normalised.items() if count > 1] == []


def test_no_two_questions_are_near_duplicates(bank):
    def content_words(text):
        return frozenset(WORD.findall(text.lower())) - STOP_WORDS

    words = [(q.id, content_words(q.text)) for q in bank.questions]
    close = []
    for (id_a, a), (id_b, b) in itertools.combinations(words, 2):
        if a and b and len(a & b) / len(a | b) >= 0.5:
            close.append((id_a, id_b))
    assert close == []


def test_no_gendered_partner_words(bank):
    gendered = re.compile(r"\b(husband|wife|boyfriend|girlfriend|he|she|him|her|his|hers)\b", re.I)
    assert [q.id for q in bank.questions if gendered.search(q.text)] == []
