"""The interactive `init` driven through a real pseudo-terminal, keystroke by keystroke."""

import io
import os

import pexpect
import pytest

from conftest import LOVECLI
from lovecli import store
from lovecli.model import Profile


def spawn(home, *args):
    env = {**os.environ, "LOVECLI_HOME": str(home), "TERM": "xterm", "COLUMNS": "100", "LINES": "40"}
    child = pexpect.spawn(LOVECLI, list(args), env=env, encoding="utf-8", timeout=20, dimensions=(40, 100))
    child.logfile_read = io.StringIO()  # the whole screen output, for checks after the run
    return child


def with_profile(home, timezone: str = "UTC"):
    with store.update(home) as state:
        state.profile = Profile("Robin", "Kai", timezone)


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


def answer_checklist(child, keys):
    for number, key in enumerate(keys, 1):
        child.expect(rf"\({number}/10\)")
        child.send(key)
        child.send("\r")


def test_assess_take_answered_by_keystrokes(home):
    with_profile(home)
    child = spawn(home, "assess", "take", "checklist")
    child.expect("answering as Robin")
    answer_checklist(child, "yyynyynyyn")
    assert wait_for_exit(child, "Room to grow") == 0
    (record,) = store.load(home).assessments
    assert record.answers == [1, 1, 1, 0, 1, 1, 0, 1, 1, 0] and record.score == 7


def test_assess_scale_items_take_number_keys(home):
    with_profile(home)
    child = spawn(home, "assess", "take", "inventory", "--as", "kai")
    for number, rating in enumerate(["7", "3", "9", "10", "5"], 1):
        child.expect(rf"\({number}/5\)")
        child.sendline(rating)
    assert wait_for_exit(child, "Biggest gaps") == 0
    (record,) = store.load(home).assessments
    assert (record.by, record.answers) == ("Kai", [7, 3, 9, 10, 5])


def test_ctrl_c_in_the_middle_of_an_assessment_leaves_state_unchanged(home):
    with_profile(home)
    before = (home / "state.toml").read_bytes()
    child = spawn(home, "assess", "take", "checklist")
    answer_checklist(child, "yyyy")
    child.expect(r"\(5/10\)")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert (home / "state.toml").read_bytes() == before


def test_saying_unsafe_stops_the_assessment_at_once(home):
    with_profile(home)
    child = spawn(home, "assess", "take", "warning-signs")
    child.expect(r"\(1/\d+\)")
    child.send("y")
    child.send("\r")
    assert wait_for_exit(child, "emergency") == 0
    screen = child.logfile_read.getvalue()
    assert "(1/" in screen and "(2/" not in screen
    assert store.load(home).assessments == []


def test_bare_assess_on_a_terminal_offers_a_picker(home):
    with_profile(home)
    child = spawn(home, "assess")
    child.expect("Which assessment")
    child.expect("Healthy intimacy checklist")
    child.send("\x1b[B\x1b[B")  # down twice: attachment, availability, checklist
    child.send("\r")
    child.expect("answering as Robin")
    answer_checklist(child, "y" * 10)
    assert wait_for_exit(child, "Strong foundations") == 0
    assert store.load(home).assessments[0].instrument == "checklist"


def test_audit_asks_each_question_and_keeps_the_answers(home):
    with_profile(home)
    child = spawn(home, "audit")
    child.expect("Did your spontaneity window happen")
    child.send("y")
    child.send("\r")
    for prompt, answer in (
        ("How did it feel", "giddy"),
        ("What went well", "Sunday pancakes"),
        ("drift", "late phones"),
        ("more of", "walks"),
        ("small win", "laughed a lot"),
    ):
        child.expect(prompt)
        child.sendline(answer)
    assert wait_for_exit(child, "Last 1 week") == 0
    (audit,) = store.load(home).audits
    assert audit.window_happened and audit.felt == "giddy" and audit.win == "laughed a lot"


def test_plan_week_previews_then_asks_before_saving(home, tmp_path):
    with_profile(home)
    out = tmp_path / "plan.ics"
    child = spawn(home, "plan-week", "--week", "2027-W02", "--out", str(out))
    child.expect("Spontaneity window: Robin picks the surprise")
    child.expect("Save this plan")
    child.sendline("n")
    assert wait_for_exit(child, "Nothing was saved") == 0
    assert not out.exists() and store.load(home).planned == []

    child = spawn(home, "plan-week", "--week", "2027-W02", "--out", str(out))
    child.expect("Save this plan")
    child.sendline("y")
    assert wait_for_exit(child, "Saved the plan") == 0
    assert out.exists() and len(store.load(home).planned) == 2


def answer_step(child, kind):
    """Answer one partner's turn in a repair step, whatever its kind."""
    if kind == "feelings":
        child.expect("Pick the words")
        child.send(" ")  # tick the first word
        child.send("\r")
    elif kind == "parts":
        for _ in range(3):
            child.expect(r"\?")
            child.sendline("something true")
    elif kind == "closing":
        child.expect("Choose a closing ritual")
        child.send("\r")
    else:
        child.expect("Note")
        child.sendline("said it aloud")


REPAIR_STEPS = [("acknowledge", "text", 2), ("feelings", "feelings", 2), ("reflect", "text", 2), ("responsibility", "parts", 2), ("next-time", "text", 2), ("closing", "closing", 1)]


def start_repair(child):
    child.expect("Repair after a fight")
    child.expect(r"unsafe|afraid")
    child.send("n")
    child.send("\r")
    for name in ("Robin", "Kai"):
        child.expect(f"{name}, how do you feel right now")
        child.sendline("3")


def finish_repair(child):
    child.expect("What was it about")
    child.send(" ")
    child.send("\r")
    child.expect("Other topics")
    child.sendline("late-night phones")
    for name in ("Robin", "Kai"):
        child.expect(f"{name}, how do you feel now")
        child.sendline("8")
    return wait_for_exit(child, "Thank you both")


def test_saying_unsafe_when_resuming_drops_the_paused_repair(home):
    with_profile(home)
    child = spawn(home, "repair", "--cool-off", "0")
    start_repair(child)
    child.expect("Step 1 of 6")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert store.load(home).repair_session is not None
    child = spawn(home, "repair", "--resume")
    child.expect(r"unsafe|afraid")
    child.sendline("yes")
    assert wait_for_exit(child, "emergency") == 0
    assert store.load(home).repair_session is None


def test_repair_unsafe_answer_ends_with_help_and_nothing_else(home):
    with_profile(home)
    child = spawn(home, "repair", "--cool-off", "0")
    child.expect(r"unsafe|afraid")
    child.send("y")
    child.send("\r")
    assert wait_for_exit(child, "emergency") == 0
    screen = child.logfile_read.getvalue()
    assert "how do you feel" not in screen and "Step 1" not in screen
    state = store.load(home)
    assert state.repairs == [] and state.repair_session is None


def test_a_full_guided_repair_with_the_countdown_skipped(home):
    with_profile(home)
    child = spawn(home, "repair", "--cool-off", "0", "--keep-notes")
    start_repair(child)
    for number, (step_id, kind, turns) in enumerate(REPAIR_STEPS, 1):
        child.expect(f"Step {number} of 6")
        for _ in range(turns):
            answer_step(child, kind)
    assert finish_repair(child) == 0
    state = store.load(home)
    (episode,) = state.repairs
    assert episode.steps == [step for step, _, _ in REPAIR_STEPS]
    assert episode.before == {"Robin": 3, "Kai": 3} and episode.after == {"Robin": 8, "Kai": 8}
    assert "late-night-phones" in episode.tags and episode.notes
    assert state.repair_session is None


def test_an_interrupted_repair_resumes_to_the_end_and_notes_stay_in_memory(home):
    with_profile(home)
    child = spawn(home, "repair", "--cool-off", "0")
    start_repair(child)
    child.expect("Step 1 of 6")
    answer_step(child, "text")
    answer_step(child, "text")
    child.expect("Step 2 of 6")
    child.expect("Pick the words")
    child.sendcontrol("c")
    child.expect("repair --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    session = store.load(home).repair_session
    assert session.next_step == 1 and session.notes == {}
    assert "said it aloud" not in (home / "state.toml").read_text()

    child = spawn(home, "repair", "--resume")
    child.expect(r"unsafe|afraid")  # asked again on every return
    child.sendline("no")
    child.expect("Continuing from step 2 of 6")
    for number, (step_id, kind, turns) in enumerate(REPAIR_STEPS[1:], 2):
        child.expect(f"Step {number} of 6")
        for _ in range(turns):
            answer_step(child, kind)
    assert finish_repair(child) == 0
    (episode,) = store.load(home).repairs
    assert len(episode.steps) == 6 and episode.notes == {}


def test_ctrl_c_during_the_countdown_moves_on_to_the_steps(home, tmp_path):
    with_profile(home)
    back = tmp_path / "back.ics"
    child = spawn(home, "repair", "--cool-off", "20", "--return-ics", str(back))
    start_repair(child)
    child.expect("Come back together at")
    child.expect("left")
    child.sendcontrol("c")
    child.expect("Step 1 of 6")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert back.exists() and b"Come back together" in back.read_bytes()
