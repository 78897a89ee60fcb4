"""The repair path after a fight: whose turn it is, patterns over time, and the betrayal track."""

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from lovecli.errors import UsageProblem

TAG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RECURRING_TIMES = 3
RECURRING_DAYS = 60
COOL_OFF_MIN, COOL_OFF_MAX = 20, 24 * 60


def turns(step_index: int, for_each: bool, names: tuple[str, str]) -> list[str | None]:
    """Who speaks in a step: both, taking turns at going first; or both together (None)."""
    if not for_each:
        return [None]
    return list(names) if step_index % 2 == 0 else [names[1], names[0]]


def check_tags(tags: Sequence[str]) -> list[str]:
    cleaned = []
    for tag in tags:
        word = tag.strip().lower().replace(" ", "-")
        if not TAG.match(word) or len(word) > 30:
            raise UsageProblem(f"tag {tag!r} must be a short word or words joined by hyphens, like money or time-together")
        cleaned.append(word)
    return list(dict.fromkeys(cleaned))


def check_score(value: int, flag: str) -> int:
    if not 0 <= value <= 10:
        raise UsageProblem(f"{flag} must be from 0 (awful) to 10 (fine), not {value}")
    return value


def check_cool_off(minutes: int) -> str | None:
    """A note when the pause is shorter than a flooded body needs; an error past a day."""
    if minutes < 0 or minutes > COOL_OFF_MAX:
        raise UsageProblem(f"--cool-off must be 0 (skip) to {COOL_OFF_MAX} minutes (a day), not {minutes}")
    if 0 < minutes < COOL_OFF_MIN:
        return f"A break of at least {COOL_OFF_MIN} minutes helps a flooded body settle; {minutes} may be too short."
    return None


def parse_duration(text: str) -> int:
    """Minutes from '90m', '2h', '1h30m', '1d' or a bare number of minutes."""
    compact = text.lower().replace(" ", "")
    if compact.isdigit():
        return int(compact)
    parts = re.findall(r"(\d+)([dhm])", compact)
    if not parts or "".join(number + unit for number, unit in parts) != compact:
        raise UsageProblem(f"--took must look like 45m, 2h, 1h30m or 1d, not {text!r}")
    return sum(int(number) * {"m": 1, "h": 60, "d": 1440}[unit] for number, unit in parts)


def duration_text(minutes: int) -> str:
    if minutes < 120:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} h"
    return f"{minutes / 1440:.1f} days"


def tag_counts(episodes: Sequence) -> list[tuple[str, int]]:
    return Counter(tag for episode in episodes for tag in episode.tags).most_common()


def recurring_tags(episodes: Sequence, times: int = RECURRING_TIMES, days: int = RECURRING_DAYS) -> dict[str, int]:
    """Tags that came back at least `times` times within some `days`-day span (the same fight
    returning), each with the most times it came up within any such span."""
    by_tag: dict[str, list[datetime]] = {}
    for episode in episodes:
        for tag in episode.tags:
            by_tag.setdefault(tag, []).append(episode.started)
    found = {}
    for tag, moments in sorted(by_tag.items()):
        moments.sort()
        most = max(
            sum(1 for later in moments[index:] if later - first <= timedelta(days=days))
            for index, first in enumerate(moments)
        )
        if most >= times:
            found[tag] = most
    return found


def minutes_to_repair(episode) -> int | None:
    if episode.took_minutes is not None:
        return episode.took_minutes
    if episode.logged:
        return None
    return round((episode.finished - episode.started).total_seconds() / 60)


def stage_for_week(stages: Sequence, week: int):
    """The stage typical for week `week` (1-based) of the track; the last one after that."""
    return next((stage for stage in stages if week <= stage.until_week), stages[-1])


def betrayal_stage(stages: Sequence, start: date, today: date):
    """The stage a couple is typically in, by weeks since the start, and the week number (1-based)."""
    if today < start:
        raise UsageProblem(f"the track starts on {start}, which is after {today}")
    week = (today - start).days // 7 + 1
    return stage_for_week(stages, week), week


def checkins_for_week(stage, week: int, count: int = 2) -> list[str]:
    """This week's check-in prompts: the stage's list, rotating a step each week."""
    return [stage.checkins[(week - 1 + offset) % len(stage.checkins)] for offset in range(count)]
