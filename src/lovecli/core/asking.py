"""Choosing the question `lovecli ask` shows."""

import random
from collections.abc import Iterable, Mapping
from datetime import datetime

from lovecli.content.questions import Bank, Question
from lovecli.errors import UsageProblem


def matching(bank: Bank, categories: Iterable[str] = (), depth: int | None = None) -> list[Question]:
    """The questions in any of `categories` (all when none) at `depth` (any when None), by id."""
    wanted = {category.strip().lower() for category in categories}
    unknown = sorted(wanted - bank.categories.keys())
    if unknown:
        valid = ", ".join(sorted(bank.categories))
        label = "categories" if len(unknown) > 1 else "category"
        raise UsageProblem(f"unknown {label} {', '.join(map(repr, unknown))}; choose from: {valid}")
    found = [
        question
        for question in bank.questions
        if (not wanted or question.category in wanted) and (depth is None or question.depth == depth)
    ]
    if not found:
        raise UsageProblem("no question matches those filters")
    return sorted(found, key=lambda question: question.id)


def pick_unasked(
    candidates: list[Question], last_asked: Mapping[str, datetime], rng: random.Random
) -> Question:
    """A question not asked yet; once all have been, the one asked longest ago.

    So no question comes back until every candidate has had its turn, and later rounds keep
    the order of the first.
    """
    fresh = [question for question in candidates if question.id not in last_asked]
    if fresh:
        return rng.choice(fresh)
    return min(candidates, key=lambda question: (last_asked[question.id], question.id))


def pick_seeded(candidates: list[Question], seed: int) -> Question:
    """The same question for the same seed and filters, whatever has been asked before."""
    return random.Random(seed).choice(candidates)
