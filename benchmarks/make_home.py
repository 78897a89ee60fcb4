"""Generate a lovecli home holding ten years of daily use, for benchmarks and soak tests.

    python benchmarks/make_home.py PATH [--years 10]

Written through lovecli's own store, so the file has exactly the shape lovecli writes. Records
that later features add (audits, assessments, repairs) belong here as those features land:
520 audits, 120 assessments and 200 repairs over ten years.
"""

import argparse
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from lovecli import store
from lovecli.content.questions import load_bank
from lovecli.model import Profile


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    make_home(args.home, args.years)
    print(f"wrote {store.load(args.home).times_asked()} asked questions to {args.home}")


if __name__ == "__main__":
    main()
