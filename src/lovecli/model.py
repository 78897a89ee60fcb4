"""What lovecli remembers about a couple, as plain data (no I/O: `store` reads and writes it)."""

from datetime import date, datetime
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


class RepairEpisode(NamedTuple):
    """One repair after a fight: guided at the keyboard, or logged afterwards."""

    started: datetime
    finished: datetime
    tags: list[str]
    steps: list[str]
    before: dict[str, int]  # partner -> 0..10, how they felt before
    after: dict[str, int]
    took_minutes: int | None = None  # from the fight to the repair, when known
    notes: dict[str, str] = {}  # only with --keep-notes
    logged: bool = False


class RepairSession(NamedTuple):
    """A guided repair in progress, saved after every step so it can be resumed."""

    started: datetime
    next_step: int
    before: dict[str, int]
    keep_notes: bool
    notes: dict[str, str] = {}
    return_at: datetime | None = None


class State:
    """Everything kept for one home. A plain class: `dataclass` costs start-up time on every run."""

    __slots__ = (
        "profile", "asked", "assessments", "planned", "pickers", "audits", "repairs", "repair_session",
        "betrayal_start", "unknown",
    )

    def __init__(
        self,
        profile: Profile | None = None,
        # question id -> every time it was asked; a table of arrays keeps ten years of daily use
        # small and quick to parse compared with one table per ask.
        asked: dict[str, list[datetime]] | None = None,
        assessments: list[Assessment] | None = None,
        planned: list[PlannedEvent] | None = None,
        pickers: dict[str, str] | None = None,  # ISO week -> who picks that week's surprise
        audits: list[Audit] | None = None,
        repairs: list[RepairEpisode] | None = None,
        repair_session: RepairSession | None = None,
        betrayal_start: date | None = None,
        # Top-level keys this version does not know (written by a newer minor release, or by
        # hand): carried through every save unchanged so nothing is lost.
        unknown: dict | None = None,
    ):
        self.profile = profile
        self.asked = asked if asked is not None else {}
        self.assessments = assessments if assessments is not None else []
        self.planned = planned if planned is not None else []
        self.pickers = pickers if pickers is not None else {}
        self.audits = audits if audits is not None else []
        self.repairs = repairs if repairs is not None else []
        self.repair_session = repair_session
        self.betrayal_start = betrayal_start
        self.unknown = unknown if unknown is not None else {}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, State):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    def record_asked(self, question_id: str, when: datetime) -> None:
        self.asked.setdefault(question_id, []).append(when)

    def last_asked(self) -> dict[str, datetime]:
        return {qid: max(times) for qid, times in self.asked.items() if times}

    def times_asked(self) -> int:
        return sum(len(times) for times in self.asked.values())
