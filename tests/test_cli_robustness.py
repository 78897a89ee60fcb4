"""What users see when things are not ideal: cron, two runs at once, a crash mid-save, a bad file."""

import fcntl
import json
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


def test_shell_completion_offers_commands_and_categories(cli):
    def complete(words: str, index: int) -> list[str]:
        env = {"_LOVECLI_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(index)}
        return cli(env=env).stdout.split()

    assert complete("lovecli to", 1) == ["today"]
    assert complete("lovecli ask -c me", 3) == ["memories"]


def test_a_hand_edited_unknown_timezone_is_a_clear_error_and_init_repairs_it(couple):
    text = couple.state_file.read_text().replace("Europe/Berlin", "Europe/Berln")
    couple.state_file.write_text(text)
    result = couple("today", "--plain")
    assert result.returncode == 2
    assert "timezone 'Europe/Berln' is not a known IANA zone" in result.stderr
    assert "lovecli init --timezone" in result.stderr
    assert couple.state_file.read_text() == text

    assert couple("init", "--name", "Alex").returncode == 2, "init must not save the broken zone again"
    assert couple("init", "--timezone", "Europe/Berlin").returncode == 0
    assert couple("today", "--plain").returncode == 0


def test_an_empty_home_option_is_refused(cli, tmp_path):
    result = subprocess.run([LOVECLI, "--home", "", "ask", "--plain"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == "error: --home must not be empty\n"
    assert not (tmp_path / "state.toml").exists()


def test_home_option_after_the_command_gets_a_pointed_hint(cli):
    result = cli("ask", "--home", "/tmp/somewhere")
    assert result.returncode == 2
    assert result.stderr == "error: --home goes before the command: lovecli --home PATH ask ...\n"


def test_a_home_that_is_a_file_is_a_usage_error(tmp_path, cli):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    result = cli("--home", str(not_a_folder), "ask", "--plain")
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: cannot use {not_a_folder} as the lovecli home: ")


def test_a_question_that_could_not_be_shown_is_not_recorded(couple):
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [LOVECLI, "ask", "--plain"], stdout=full, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "LOVECLI_HOME": str(couple.home)},
        )
    assert result.returncode != 0
    assert "No space left on device" in result.stderr
    assert store.load(couple.home).times_asked() == 0


def test_a_bad_lock_timeout_setting_is_a_usage_error(couple):
    result = couple("ask", "--plain", env={"LOVECLI_LOCK_TIMEOUT": "soon"})
    assert result.returncode == 2
    assert result.stderr == "error: LOVECLI_LOCK_TIMEOUT must be a positive number of seconds, not 'soon'\n"


@pytest.mark.parametrize("depth, expected", [("light", 1), ("Brave", 3), ("2", 2)])
def test_depth_by_number_or_name(couple, depth, expected):
    result = couple("ask", "--json", "--no-record", "-d", depth)
    assert json.loads(result.stdout)["depth"] == expected


def test_an_unknown_depth_explains_the_choices(couple):
    result = couple("ask", "-d", "0")
    assert result.returncode == 2
    assert result.stderr == "error: --depth must be 1 (light), 2 (deep) or 3 (brave), not '0'\n"


def test_a_date_that_does_not_exist_says_so(couple):
    result = couple("today", "--date", "2027-02-29")
    assert result.returncode == 2
    assert result.stderr == "error: --date 2027-02-29 is not a day in the calendar\n"


def test_ctrl_c_says_nothing_was_saved(couple):
    worker = subprocess.Popen(
        [LOVECLI, "init"], env={**os.environ, "LOVECLI_HOME": str(couple.home), "LOVECLI_LOCK_TIMEOUT": "30"},
        stderr=subprocess.PIPE, text=True,
    )
    holder = os.open(couple.home / store.LOCK_FILE_NAME, os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        time.sleep(1.0)
        worker.send_signal(signal.SIGINT)
        _, stderr = worker.communicate(timeout=30)
    finally:
        os.close(holder)
    assert worker.returncode == 130
    assert stderr.strip() == "interrupted; nothing was saved"
