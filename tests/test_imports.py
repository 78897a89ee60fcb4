"""The cron paths stay light: no prompt toolkit and no calendar library on ask, today or --help."""

import json
import os
import subprocess
import sys

import pytest

HEAVY = {"questionary", "prompt_toolkit", "icalendar"}

PROBE = """
import json, sys
from lovecli.cli.app import run
code = run(sys.argv[1:])
sys.stdout.flush()
print(json.dumps(sorted(name.split('.')[0] for name in sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "command",
    [["ask", "--plain", "--no-record"], ["ask", "--json"], ["today", "--plain"], ["today"], ["--help"], ["ask", "--help"]],
)
def test_cron_paths_do_not_import_heavy_modules(couple, command):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *command],
        env={**os.environ, "LOVECLI_HOME": str(couple.home)},
        capture_output=True, text=True, timeout=60,
    )
    loaded = set(json.loads(result.stderr.strip().splitlines()[-1]))
    assert "lovecli" in loaded
    assert loaded & HEAVY == set()


def test_the_probe_would_notice_a_heavy_import(couple):
    """The check above can fail: init's interactive path does load questionary."""
    result = subprocess.run(
        [sys.executable, "-c", "import questionary\n" + PROBE, "today", "--plain"],
        env={**os.environ, "LOVECLI_HOME": str(couple.home)},
        capture_output=True, text=True, timeout=60,
    )
    assert "questionary" in set(json.loads(result.stderr.strip().splitlines()[-1]))
