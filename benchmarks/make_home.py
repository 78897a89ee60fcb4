"""Generate a lovecli home holding ten years of daily use, for benchmarks and soak tests.

    python benchmarks/make_home.py PATH [--years 10]

Written through lovecli's own store, so the file has exactly the shape lovecli writes: 3,650 asked
questions, 120 assessments, 520 weekly audits with the 1,040 planned events they reviewed, and 200
repairs. Records that later features add belong here as those features land.
"""

import argparse
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from lovecli import store
from lovecli.content.instruments import load_instruments
from lovecli.content.questions import load_bank
from lovecli.core.scoring import score
from lovecli.core.planning import iso_week
from lovecli.model import Assessment, Audit, PlannedEvent, Profile, RepairEpisode


def make_home(home: Path, years: int = 10) -> None:
    zone = "Europe/Berlin"
    days = 365 * years
    first = datetime(2016, 1, 4, 8, 0, tzinfo=ZoneInfo(zone))
    ids = sorted(question.id for question in load_bank().questions)
    with store.update(home) as state:
        state.profile = Profile(name="Alex", partner="Sam", timezone=zone)
        for day in range(days):
            # One question a day, walking the bank in order and starting over when it runs out.
            state.record_asked(ids[day % len(ids)], first + timedelta(days=day, minutes=day % 90))
        # 120 assessments: one a month, taking turns, across the instruments.
        instruments = list(load_instruments().values())
        for month in range(12 * years):
            instrument = instruments[month % len(instruments)]
            answers = [
                item.low if item.safety else item.low + (month + index) % (item.high - item.low + 1)
                for index, item in enumerate(instrument.items)
            ]
            result = score(instrument, answers)
            state.assessments.append(
                Assessment(
                    instrument=instrument.id,
                    at=first + timedelta(days=30 * month, hours=12),
                    by=("Alex", "Sam")[month % 2],
                    answers=answers,
                    areas={area.area.id: round(area.mean, 3) for area in result.areas},
                    score=result.score,
                    max_score=result.max_score,
                    band=result.band.label if result.band else None,
                )
            )
        # 520 weekly audits, and the plans they reviewed: a window and an audit each week.
        for week in range(52 * years):
            monday = (first + timedelta(weeks=week)).date()
            week_id = iso_week(monday)
            window = first + timedelta(weeks=week, days=4, hours=11)
            audit = window + timedelta(days=2)
            state.pickers[week_id] = ("Alex", "Sam")[week % 2]
            for ritual, start, minutes in (("spontaneity-window", window, 45), ("weekly-audit", audit, 30)):
                state.planned.append(
                    PlannedEvent(f"{ritual}-{week_id}@lovecli", week_id, ritual, ritual.replace("-", " ").title(), start, start + timedelta(minutes=minutes), 0, "0" * 16)
                )
            state.audits.append(
                Audit(audit + timedelta(minutes=30), "Alex & Sam", week_id, week % 5 != 0, "fun", "long walk on Sunday", "phones at dinner", "more slow mornings", "made pancakes")
            )
        # 200 repairs, about one every 18 days, half guided and half logged afterwards.
        topics = ["money", "chores", "phones", "family", "plans", "tone", "time-together", "work"]
        for number in range(20 * years):
            started = first + timedelta(days=18 * number, hours=21)
            guided = number % 2 == 0
            state.repairs.append(
                RepairEpisode(
                    started=started,
                    finished=started + timedelta(minutes=75 if guided else 0),
                    tags=[topics[number % len(topics)]],
                    steps=["acknowledge", "feelings", "reflect", "responsibility", "next-time", "closing"] if guided else [],
                    before={"Alex": 3, "Sam": 4},
                    after={"Alex": 7, "Sam": 8},
                    took_minutes=None if guided else 180,
                    logged=not guided,
                )
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    make_home(args.home, args.years)
    state = store.load(args.home)
    print(
        f"wrote {state.times_asked()} asked questions, {len(state.assessments)} assessments, "
        f"{len(state.audits)} audits, {len(state.planned)} planned events and {len(state.repairs)} repairs to {args.home}"
    )


if __name__ == "__main__":
    main()
