"""Scoring any instrument openly: totals, bands, per-area means, strengths, gaps and goals."""

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from lovecli.content.instruments import Area, Band, Instrument, Item
from lovecli.core.answers import yes_or_no
from lovecli.errors import UsageProblem


@dataclass(frozen=True)
class AreaScore:
    area: Area
    mean: float
    low: int
    high: int
    higher_is_better: bool

    @property
    def fraction(self) -> float:
        """Where the mean sits between the scale's ends, 0 to 1."""
        return (self.mean - self.low) / (self.high - self.low)

    @property
    def goodness(self) -> float:
        """1 is as good as it gets, whichever way the instrument counts."""
        return self.fraction if self.higher_is_better else 1 - self.fraction


@dataclass(frozen=True)
class Result:
    instrument: Instrument
    answers: tuple[int, ...]
    unsafe: bool
    score: int | None
    band: Band | None
    areas: tuple[AreaScore, ...]
    strengths: tuple[AreaScore, ...]
    gaps: tuple[AreaScore, ...]
    focus: tuple[Item, ...]

    @property
    def max_score(self) -> int | None:
        return self.instrument.max_score if self.instrument.total else None

    def weakest_first(self) -> list[AreaScore]:
        return sorted(self.areas, key=lambda area: area.goodness)


def split_answers(text: str) -> list[str]:
    """Answers separated by commas, spaces or new lines; `#` starts a comment."""
    words: list[str] = []
    for line in text.splitlines():
        words.extend(word for word in line.split("#", 1)[0].replace(",", " ").split())
    return words


def parse_answer(item: Item, number: int, raw: str) -> int:
    where = f"item {number} ({item.id})"
    text = raw.strip().lower()
    if item.scale == "yes-no":
        answer = yes_or_no(text)
        if answer is not None:
            return int(answer)
        raise UsageProblem(f"{where}: {raw!r} is not yes or no (use y/n, yes/no or 1/0)")
    try:
        value = int(text)
    except ValueError:
        raise UsageProblem(f"{where}: {raw!r} is not a whole number from {item.low} to {item.high}") from None
    if not item.low <= value <= item.high:
        raise UsageProblem(f"{where}: {value} is outside {item.low}-{item.high}")
    return value


def says_unsafe(instrument: Instrument, raw: Sequence[str]) -> bool:
    """Whether a safety item was answered yes, whatever else is wrong with the answers."""
    return any(
        item.safety and index < len(raw) and yes_or_no(raw[index]) is True
        for index, item in enumerate(instrument.items)
    )


def parse_answers(instrument: Instrument, raw: Sequence[str]) -> list[int]:
    if len(raw) != len(instrument.items):
        raise UsageProblem(
            f"{instrument.id} has {len(instrument.items)} items, but {len(raw)} answers were given"
        )
    return [parse_answer(item, number, text) for number, (item, text) in enumerate(zip(instrument.items, raw), 1)]


def is_unsafe(item: Item, value: int) -> bool:
    return item.safety and value == 1


def score(instrument: Instrument, answers: Sequence[int]) -> Result:
    if len(answers) != len(instrument.items):
        raise ValueError("one answer per item")
    unsafe = any(is_unsafe(item, value) for item, value in zip(instrument.items, answers))
    areas = []
    for area in instrument.areas:
        values = [value for item, value in zip(instrument.items, answers) if item.area == area.id]
        first = next(item for item in instrument.items if item.area == area.id)
        areas.append(AreaScore(area, sum(values) / len(values), first.low, first.high, instrument.higher_is_better))
    total = sum(answers) if instrument.total else None
    band = next((b for b in instrument.bands if b.min <= total <= b.max), None) if total is not None else None
    by_goodness = sorted(areas, key=lambda area: -area.goodness)
    strengths = tuple(by_goodness[: instrument.strengths])
    gaps = tuple(area for area in reversed(by_goodness) if area.goodness < 1)[: instrument.gaps]
    return Result(
        instrument=instrument,
        answers=tuple(answers),
        unsafe=unsafe,
        score=total,
        band=band,
        areas=tuple(areas),
        strengths=strengths,
        gaps=gaps,
        focus=_focus(instrument, answers),
    )


def _focus(instrument: Instrument, answers: Sequence[int]) -> tuple[Item, ...]:
    def goodness(item: Item, value: int) -> float:
        fraction = (value - item.low) / (item.high - item.low)
        return fraction if instrument.higher_is_better else 1 - fraction

    pairs = [(item, value) for item, value in zip(instrument.items, answers) if not item.safety]
    if instrument.focus == "lowest-item":
        item, value = min(pairs, key=lambda pair: goodness(*pair))
        return (item,) if goodness(item, value) < 1 else ()
    if instrument.focus == "missed-items":
        return tuple(item for item, value in pairs if goodness(item, value) == 0)
    return ()


def _rank(day: date, key: str) -> bytes:
    return hashlib.sha256(f"{day.isoformat()}\x00{key}".encode()).digest()


def suggest_rituals(result: Result, rituals: Iterable, day: date, count: int = 2) -> list:
    """Rituals whose tags match the weakest areas first; the pick rotates from day to day."""
    chosen: list = []
    pool = list(rituals)
    for area in result.weakest_first():
        if area.goodness >= 1 or len(chosen) >= count:
            break
        tags = set(area.area.ritual_tags)
        matching = [r for r in pool if tags & set(r.tags) and r not in chosen]
        chosen.extend(sorted(matching, key=lambda r: _rank(day, r.id))[: count - len(chosen)])
    return chosen


@dataclass(frozen=True)
class AreaView:
    area: Area
    mine: float
    theirs: float
    differs: bool
    shared_low: bool


def compare(instrument: Instrument, mine: Mapping[str, float], theirs: Mapping[str, float]) -> list[AreaView]:
    """Each area side by side: where the two views differ, and where both see it as low. No totals."""

    def low(value: float) -> bool:
        if instrument.higher_is_better:
            return value <= instrument.low_at_or_below
        return value >= instrument.low_at_or_below

    views = []
    for area in instrument.areas:
        if area.id not in mine or area.id not in theirs:
            continue
        a, b = mine[area.id], theirs[area.id]
        views.append(
            AreaView(area, a, b, abs(a - b) >= instrument.compare_margin - 1e-9, low(a) and low(b))
        )
    return views


def conversation_questions(views: Sequence[AreaView], questions: Sequence, day: date, count: int = 2) -> list:
    """Questions from the bank in the categories of areas both partners see as low."""
    categories = [category for view in views if view.shared_low for category in view.area.question_categories]
    if not categories:
        return []
    wanted = set(categories)
    pool = [question for question in questions if question.category in wanted]
    ranked = sorted(pool, key=lambda question: _rank(day, question.id))
    picked: list = []
    for category in dict.fromkeys(categories):  # one per category first, in area order
        picked.extend([q for q in ranked if q.category == category and q not in picked][:1])
    picked.extend(q for q in ranked if q not in picked)
    return picked[:count]
