"""`lovecli init` without a terminal: flags, validation, and updates that never wipe."""

from lovecli import store
from lovecli.model import Profile


def test_flags_create_the_profile(cli):
    result = cli("init", "--name", "Alex", "--partner", "Sam", "--timezone", "Europe/Berlin")
    assert result.returncode == 0, result.stderr
    assert store.load(cli.home).profile == Profile("Alex", "Sam", "Europe/Berlin")
    assert "Alex" in result.stdout and "Europe/Berlin" in result.stdout


def test_without_a_terminal_missing_answers_name_the_flags(cli):
    result = cli("init", "--name", "Alex")
    assert result.returncode == 2
    assert result.stderr == "error: no terminal to ask on; pass --partner and --timezone\n"
    assert not cli.state_file.exists()


def test_rerunning_updates_one_field_and_keeps_the_rest(couple):
    couple("ask", "--plain")
    result = couple("init", "--timezone", "Asia/Tokyo")
    assert result.returncode == 0, result.stderr
    state = store.load(couple.home)
    assert state.profile == Profile("Alex", "Sam", "Asia/Tokyo")
    assert state.times_asked() == 1


def test_unknown_timezone_suggests_close_names(cli):
    result = cli("init", "--name", "A", "--partner", "B", "--timezone", "Europe/Berln")
    assert result.returncode == 2
    assert "unknown timezone 'Europe/Berln'" in result.stderr and "Europe/Berlin" in result.stderr


def test_timezone_case_is_forgiven(cli):
    assert cli("init", "--name", "A", "--partner", "B", "--timezone", "europe/paris").returncode == 0
    assert store.load(cli.home).profile.timezone == "Europe/Paris"


def test_names_with_control_characters_are_refused(cli):
    result = cli("init", "--name", "Alex\nBEGIN:VEVENT", "--partner", "Sam", "--timezone", "UTC")
    assert result.returncode == 2
    assert "must not contain control or invisible characters" in result.stderr


def test_an_existing_profile_with_no_flags_and_no_terminal_changes_nothing(couple):
    before = couple.state_file.read_bytes()
    result = couple("init")
    assert result.returncode == 0
    assert "Unchanged" in result.stdout
    assert couple.state_file.read_bytes() == before
