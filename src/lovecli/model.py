"""What lovecli remembers about a couple, as plain data (no I/O: `store` reads and writes it)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

SCHEMA = 1


class Profile(NamedTuple):
    name: str
    partner: str
    timezone: str

    @property
    def names(self) -> tuple[str, str]:
        return (self.name, self.partner)


class Assessment(NamedTuple):
    """One person's answers to one instrument, with what they scored at the time."""

    instrument: str
    at: datetime
    by: str
    answers: list[int]
    areas: dict[str, float]
    score: int | None = None
    max_score: int | None = None
    band: str | None = None


@dataclass
class State:
    profile: Profile | None = None
    # question id -> every time it was asked; a table of arrays keeps ten years of daily use
    # small and quick to parse compared with one table per ask.
    asked: dict[str, list[datetime]] = field(default_factory=dict)
    assessments: list[Assessment] = field(default_factory=list)
    # Top-level keys this version does not know (written by a newer minor release, or by hand):
    # carried through every save unchanged so nothing is lost.
    unknown: dict = field(default_factory=dict)

    def record_asked(self, question_id: str, when: datetime) -> None:
        self.asked.setdefault(question_id, []).append(when)

    def last_asked(self) -> dict[str, datetime]:
        return {qid: max(times) for qid, times in self.asked.items() if times}

    def times_asked(self) -> int:
        return sum(len(times) for times in self.asked.values())
