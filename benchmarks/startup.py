"""Start-up time of the cron paths, measured side by side with a bare one-command Typer app.

    python benchmarks/startup.py [--rounds 40] [--check]

Each round runs every case once, in a shuffled order, so drift in machine load touches all cases
alike. The ten-year home is saved through lovecli's own store, so its parsed-state cache is warm
as after any real run that saved something; a cold case (as after a hand edit) is shown too.
Prints the median wall time of each case and the ratios the project targets:
  ask / today            <= 1.15 x the bare Typer app (same home: empty)
  ten-year home          <= 1.25 x the empty home (same command)
`--check` exits 1 when a target is missed. Nothing here runs in the test suite: timings belong
to benchmarks, not to pass/fail tests.
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_home import make_home  # noqa: E402

BARE_APP = '''
import typer

app = typer.Typer()


@app.command()
def main(plain: bool = False) -> None:
    print("What did you notice today?")


if __name__ == "__main__":
    app()
'''

COLD = "today (ten-year, cold)"
TARGET_VS_BARE = 1.15
TARGET_VS_EMPTY = 1.25


def lovecli_command() -> list[str]:
    script = Path(sys.executable).with_name("lovecli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "lovecli"]


def time_once(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="lovecli-bench-"))
    try:
        bare = work / "bare.py"
        bare.write_text(BARE_APP)
        empty_home, ten_year_home = work / "empty", work / "ten-years"
        empty_home.mkdir()
        # Generated through lovecli's store, as lovecli itself would have saved it, so the parsed-
        # state cache is warm, as it is after any real run that saved something.
        os.environ["XDG_CACHE_HOME"] = str(work / "cache")
        make_home(ten_year_home)

        lovecli = lovecli_command()
        cases = {
            "bare typer app": ([sys.executable, str(bare)], empty_home),
            "ask (empty home)": ([*lovecli, "ask", "--plain", "--no-record"], empty_home),
            "today (empty home)": ([*lovecli, "today", "--plain"], empty_home),
            "ask (ten-year home)": ([*lovecli, "ask", "--plain", "--no-record"], ten_year_home),
            "today (ten-year home)": ([*lovecli, "today", "--plain"], ten_year_home),
            # For information, no target: the state file edited by hand since lovecli last saved it.
            COLD: ([*lovecli, "today", "--plain"], ten_year_home),
        }
        base_env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache")}
        cold_env = {**os.environ, "XDG_CACHE_HOME": str(work / "cold-cache")}

        def env_for(name: str, home: Path) -> dict:
            return {**(cold_env if name == COLD else base_env), "LOVECLI_HOME": str(home)}

        times: dict[str, list[float]] = {name: [] for name in cases}
        for name, (command, home) in cases.items():  # warm-up: bytecode and content caches
            time_once(command, env_for(name, home))
        for _ in range(args.rounds):
            order = list(cases.items())
            random.shuffle(order)
            for name, (command, home) in order:
                times[name].append(time_once(command, env_for(name, home)))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    median = {name: statistics.median(values) * 1000 for name, values in times.items()}
    print(f"Python {sys.version.split()[0]}, {args.rounds} alternating rounds, median wall time:")
    for name, value in median.items():
        print(f"  {name:26} {value:7.1f} ms")
    checks = [
        ("ask / bare", median["ask (empty home)"] / median["bare typer app"], TARGET_VS_BARE),
        ("today / bare", median["today (empty home)"] / median["bare typer app"], TARGET_VS_BARE),
        ("ask ten-year / empty", median["ask (ten-year home)"] / median["ask (empty home)"], TARGET_VS_EMPTY),
        ("today ten-year / empty", median["today (ten-year home)"] / median["today (empty home)"], TARGET_VS_EMPTY),
    ]
    print(f"  (cold: state parsed afresh, as after a hand edit: {median[COLD] / median['today (empty home)']:.2f}x the empty home; no target)")
    print("Ratios (target):")
    missed = False
    for label, ratio, target in checks:
        verdict = "ok" if ratio <= target else "MISSED"
        missed |= ratio > target
        print(f"  {label:24} {ratio:5.2f}x  (<= {target:.2f}x)  {verdict}")
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
