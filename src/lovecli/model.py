"""What lovecli remembers about a couple, as plain data (no I/O: `store` reads and writes it)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

SCHEMA = 1


class Profile(NamedTuple):
    name: str
    partner: str
    timezone: str
    free: tuple[str, ...] = ()  # weekly free time, e.g. "mon-fri 19:00-22:00"; empty: the defaults

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


class PlannedEvent(NamedTuple):
    """One ritual occurrence as last planned and exported."""

    uid: str
    week: str
    ritual: str
    title: str
    start: datetime
    end: datetime
    sequence: int
    digest: str  # of what a calendar shows, so a changed event gets a higher SEQUENCE


class Audit(NamedTuple):
    """One weekly audit, as answered by one partner (or both together)."""

    at: datetime
    by: str
    week: str
    window_happened: bool
    felt: str = ""
    went_well: str = ""
    drifted: str = ""
    more_of: str = ""
    win: str = ""


@dataclass
class State:
    profile: Profile | None = None
    # question id -> every time it was asked; a table of arrays keeps ten years of daily use
    # small and quick to parse compared with one table per ask.
    asked: dict[str, list[datetime]] = field(default_factory=dict)
    assessments: list[Assessment] = field(default_factory=list)
    planned: list[PlannedEvent] = field(default_factory=list)
    pickers: dict[str, str] = field(default_factory=dict)  # ISO week -> who picks that week's surprise
    audits: list[Audit] = field(default_factory=list)
    # Top-level keys this version does not know (written by a newer minor release, or by hand):
    # carried through every save unchanged so nothing is lost.
    unknown: dict = field(default_factory=dict)

    def record_asked(self, question_id: str, when: datetime) -> None:
        self.asked.setdefault(question_id, []).append(when)

    def last_asked(self) -> dict[str, datetime]:
        return {qid: max(times) for qid, times in self.asked.items() if times}

    def times_asked(self) -> int:
        return sum(len(times) for times in self.asked.values())
