"""What users see when things are not ideal: cron, two runs at once, a crash mid-save, a bad file."""

import fcntl
import os
import signal
import stat
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from conftest import LOVECLI
from lovecli import store


def test_cron_bare_environment_prints_the_prompt(tmp_path):
    """Cron gives HOME and PATH and little else: no LANG, TERM or LOVECLI_HOME."""
    user = tmp_path / "cronuser"
    user.mkdir()
    path = f"{Path(LOVECLI).parent}:/usr/bin:/bin"
    cron = ["env", "-i", f"HOME={user}", f"PATH={path}"]
    setup = subprocess.run(
        [*cron, "lovecli", "init", "--name", "Zoë", "--partner", "Sam", "--timezone", "Europe/Berlin"],
        capture_output=True, text=True, timeout=60,
    )
    assert setup.returncode == 0, setup.stderr
    result = subprocess.run([*cron, "lovecli", "today", "--plain"], capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    question, ritual = result.stdout.decode("utf-8").splitlines()
    assert question.endswith("?") and ritual.startswith("Ritual: ")
    assert (user / ".local" / "share" / "lovecli" / "state.toml").exists()


def test_two_processes_asking_at_once_lose_no_entry(cli):
    script = f"for i in $(seq 50); do {LOVECLI} ask --plain >/dev/null || exit 1; done"
    env = {**os.environ, "LOVECLI_HOME": str(cli.home), "LOVECLI_LOCK_TIMEOUT": "30"}
    runs = [subprocess.Popen(["sh", "-c", script], env=env) for _ in range(2)]
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    assert store.load(cli.home).times_asked() == 100


def test_killing_a_process_in_the_middle_of_saving_never_leaves_a_broken_file(couple):
    """SIGKILL at random moments while a loop of saves runs: the file always parses."""
    env = {**os.environ, "LOVECLI_HOME": str(couple.home)}
    loop = f"while true; do {LOVECLI} ask --plain >/dev/null; done"
    for attempt in range(12):
        worker = subprocess.Popen(["sh", "-c", loop], env=env, start_new_session=True)
        time.sleep(0.3 + 0.09 * attempt)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        with couple.state_file.open("rb") as file:
            document = tomllib.load(file)
        assert document["schema"] == 1
        assert document["profile"]["name"] == "Alex"
    assert store.load(couple.home).times_asked() > 0
    # The next save cleans up any temp file a killed process left behind.
    assert couple("ask", "--plain").returncode == 0
    assert [p.name for p in couple.home.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize("command", [["ask", "--plain"], ["today", "--plain"], ["init", "--name", "Kim"]])
def test_a_corrupt_state_file_exits_2_and_stays_byte_identical(cli, command):
    cli.home.mkdir()
    corrupt = b'schema = 1\n[profile]\nname = "Alex\npartner = "Sam"\n'
    cli.state_file.write_bytes(corrupt)
    os.chmod(cli.state_file, 0o600)
    before = os.stat(cli.state_file)
    result = cli(*command)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {cli.state_file}:3:")
    assert len(result.stderr.splitlines()) == 1
    assert cli.state_file.read_bytes() == corrupt
    assert os.stat(cli.state_file).st_mtime_ns == before.st_mtime_ns


def test_state_file_is_private(couple):
    couple("ask", "--plain")
    assert stat.S_IMODE(os.stat(couple.state_file).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(couple.home).st_mode) == 0o700


def test_a_busy_home_fails_fast_with_exit_75(couple):
    holder = os.open(couple.home / store.LOCK_FILE_NAME, os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        started = time.monotonic()
        result = couple("ask", "--plain", env={"LOVECLI_LOCK_TIMEOUT": "0.5"})
        assert time.monotonic() - started < 10
    finally:
        os.close(holder)
    assert result.returncode == 75
    assert "in use by another lovecli" in result.stderr


def test_home_option_beats_the_environment(tmp_path, cli):
    other = tmp_path / "elsewhere"
    result = cli("--home", str(other), "ask", "--plain")
    assert result.returncode == 0
    assert (other / "state.toml").exists() and not cli.state_file.exists()


@pytest.mark.parametrize("command", [[], ["init"], ["ask"], ["today"]])
def test_help_works_everywhere(cli, command):
    result = cli(*command, "--help")
    assert result.returncode == 0
    assert "Usage: lovecli" in result.stdout


def test_version(cli):
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("lovecli 0.")


def test_unknown_option_is_one_error_line(cli):
    result = cli("ask", "--colour")
    assert result.returncode == 2
    assert result.stderr == "error: No such option: --colour (see 'lovecli ask --help')\n"


def test_no_color_is_honoured(couple):
    magenta = "\x1b[35m"
    coloured = couple("ask", "--seed", "1", "--no-record", env={"FORCE_COLOR": "1"})
    assert magenta in coloured.stdout
    uncoloured = couple("ask", "--seed", "1", "--no-record", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert magenta not in uncoloured.stdout
    assert uncoloured.stdout.count("?") == coloured.stdout.count("?")


def test_python_dash_m_works(couple):
    result = subprocess.run(
        [sys.executable, "-m", "lovecli", "ask", "--plain", "--no-record"],
        env={**os.environ, "LOVECLI_HOME": str(couple.home)}, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0 and result.stdout.strip().endswith("?")


def test_broken_pipe_is_quiet(couple):
    result = subprocess.run(
        f"{LOVECLI} today | head -c 1 >/dev/null", shell=True, capture_output=True, text=True,
        env={**os.environ, "LOVECLI_HOME": str(couple.home)}, timeout=60,
    )
    assert "Traceback" not in result.stderr
