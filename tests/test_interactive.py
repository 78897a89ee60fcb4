"""The interactive `init` driven through a real pseudo-terminal, keystroke by keystroke."""

import os

import pexpect
import pytest

from conftest import LOVECLI
from lovecli import store
from lovecli.model import Profile


def spawn(home, *args):
    env = {**os.environ, "LOVECLI_HOME": str(home), "TERM": "xterm", "COLUMNS": "100", "LINES": "40"}
    child = pexpect.spawn(LOVECLI, list(args), env=env, encoding="utf-8", timeout=20, dimensions=(40, 100))
    return child


def wait_for_exit(child, final_text: str) -> int:
    child.expect(final_text)
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def test_init_asks_for_names_and_timezone(home):
    child = spawn(home, "init")
    child.expect("Your name")
    child.sendline("Robin")
    child.expect("partner")
    child.sendline("Kai")
    child.expect("Timezone")
    # Clear the suggested default, then type a zone.
    child.send("\x7f" * 40)
    child.sendline("America/Chicago")
    assert wait_for_exit(child, "Saved") == 0
    assert store.load(home).profile == Profile("Robin", "Kai", "America/Chicago")


def test_rerun_offers_current_values_and_keeps_them_on_enter(home):
    with store.update(home) as state:
        state.profile = Profile("Robin", "Kai", "Asia/Tokyo")
    child = spawn(home, "init")
    for prompt in ("Your name", "partner", "Timezone"):
        child.expect(prompt)
        child.sendline("")
    assert wait_for_exit(child, "Unchanged") == 0
    assert store.load(home).profile == Profile("Robin", "Kai", "Asia/Tokyo")


@pytest.mark.parametrize("answers_before_interrupt", [0, 1, 2])
def test_ctrl_c_exits_130_and_leaves_state_as_it_was(home, answers_before_interrupt):
    with store.update(home) as state:
        state.profile = Profile("Robin", "Kai", "Asia/Tokyo")
    before = (home / "state.toml").read_bytes()
    child = spawn(home, "init")
    for prompt in ("Your name", "partner", "Timezone")[:answers_before_interrupt]:
        child.expect(prompt)
        child.sendline("Changed")
    child.expect(("Your name", "partner", "Timezone")[answers_before_interrupt])
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in child.before
    assert (home / "state.toml").read_bytes() == before
