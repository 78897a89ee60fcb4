"""The state store, in-process: atomic, locked, strict about what it reads, never destructive."""

import fcntl
import os
import stat
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lovecli import store
from lovecli.errors import StateBusy, StateError
from lovecli.model import SCHEMA, Profile

BERLIN_WINTER = timezone(timedelta(hours=1))


def test_missing_home_reads_as_empty_and_creates_nothing(home):
    state = store.load(home)
    assert state.profile is None and state.asked == {}
    assert not home.exists()


def test_round_trip_keeps_profile_and_history(home):
    when = datetime(2026, 11, 22, 8, 0, tzinfo=BERLIN_WINTER)
    with store.update(home) as state:
        state.profile = Profile("Alex", "Sam", "Europe/Berlin")
        state.record_asked("emotional-x", when)
        state.record_asked("emotional-x", when + timedelta(days=3))
    loaded = store.load(home)
    assert loaded.profile == Profile("Alex", "Sam", "Europe/Berlin")
    assert loaded.asked == {"emotional-x": [when, when + timedelta(days=3)]}
    assert store.state_file(home).read_text().splitlines()[1] == f"schema = {SCHEMA}"


def test_file_is_0600_and_new_folder_0700(home):
    with store.update(home) as state:
        state.profile = Profile("Alex", "Sam", "UTC")
    assert stat.S_IMODE(os.stat(home / "state.toml").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o700


def test_an_exception_inside_update_leaves_the_file_untouched(home):
    with store.update(home) as state:
        state.profile = Profile("Alex", "Sam", "UTC")
    before = (home / "state.toml").read_bytes()
    with pytest.raises(KeyboardInterrupt):
        with store.update(home) as state:
            state.profile = Profile("Changed", "Mind", "UTC")
            raise KeyboardInterrupt
    assert (home / "state.toml").read_bytes() == before


def test_unchanged_state_is_not_rewritten(home):
    with store.update(home) as state:
        state.profile = Profile("Alex", "Sam", "UTC")
    first = os.stat(home / "state.toml").st_ino
    with store.update(home):
        pass
    assert os.stat(home / "state.toml").st_ino == first


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"schema = 1\n[profile\nname = 'x'\n", "state.toml:2:"),
        (b"schema = 1\nasked = 3\n", "asked: must be a table"),
        (b"schema = 1\n[profile]\nname = 4\npartner = 'S'\ntimezone = 'UTC'\n", "profile.name"),
        (b"schema = 1\n[asked]\nq = [2026-01-01T08:00:00]\n", "asked.q"),
        (b"schema = 99\n", "newer lovecli (schema 99"),
        (b"schema = 'one'\n", "whole number"),
        (b"[profile]\nname = 'A'\n", "no `schema` key"),
        (b"schema = 1\nnote = '\xff'\n", "not UTF-8"),
    ],
)
def test_unreadable_state_is_reported_and_left_byte_for_byte(home, content, expected):
    home.mkdir()
    path = home / "state.toml"
    path.write_bytes(content)
    with pytest.raises(StateError) as error:
        with store.update(home) as state:
            state.profile = Profile("A", "B", "UTC")
    assert expected in str(error.value)
    assert str(path) in str(error.value)
    assert path.read_bytes() == content


def test_toml_errors_name_line_and_column(home):
    home.mkdir()
    (home / "state.toml").write_text("schema = 1\n\n[profile]\nname = \n")
    with pytest.raises(StateError, match=r"state\.toml:4:8: invalid TOML"):
        store.load(home)


def test_unknown_top_level_keys_survive_a_save(home):
    home.mkdir()
    (home / "state.toml").write_text('schema = 1\n[later_feature]\nkept = "yes"\n')
    with store.update(home) as state:
        state.profile = Profile("Alex", "Sam", "UTC")
    assert store.load(home).unknown == {"later_feature": {"kept": "yes"}}


def test_older_schema_is_migrated_and_the_old_file_kept(home, monkeypatch):
    def rename_people(document):
        document["profile"] = document.pop("people")
        document["schema"] = 1
        return document

    monkeypatch.setitem(store.MIGRATIONS, 0, rename_people)
    home.mkdir()
    old = b'schema = 0\n[people]\nname = "Alex"\npartner = "Sam"\ntimezone = "UTC"\n'
    (home / "state.toml").write_bytes(old)

    assert store.load(home).profile == Profile("Alex", "Sam", "UTC")
    assert (home / "state.toml").read_bytes() == old, "reading alone must not write"

    with store.update(home) as state:
        state.record_asked("q", datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert (home / "state.toml.schema-0.bak").read_bytes() == old
    assert "schema = 1" in (home / "state.toml").read_text()
    assert store.load(home).profile == Profile("Alex", "Sam", "UTC")


def test_schema_without_a_migration_is_refused(home):
    home.mkdir()
    (home / "state.toml").write_text("schema = 0\n")
    with pytest.raises(StateError, match="schema 0 is not one lovecli knows"):
        store.load(home)


def test_a_held_lock_gives_a_clear_error_not_a_hang(home, monkeypatch):
    monkeypatch.setenv(store.LOCK_TIMEOUT_ENV, "0.2")
    home.mkdir()
    holder = os.open(home / store.LOCK_FILE_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        with pytest.raises(StateBusy, match="in use by another lovecli"):
            with store.update(home):
                pass
    finally:
        os.close(holder)


def test_stale_temp_files_from_a_killed_save_are_cleaned_up(home):
    home.mkdir()
    stale = home / ".state.toml.12345.tmp"
    stale.write_text("half a file")
    with store.update(home) as state:
        state.profile = Profile("A", "B", "UTC")
    assert not stale.exists()


names = st.text(min_size=1, max_size=40).filter(lambda s: s.strip())
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)
).map(lambda moment: moment.replace(microsecond=0))


@settings(max_examples=60, deadline=None)
@given(
    name=names,
    partner=names,
    asked=st.dictionaries(st.from_regex(r"[a-z]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True), st.lists(moments, min_size=1, max_size=4), max_size=5),
)
def test_any_names_and_history_round_trip(tmp_path_factory, name, partner, asked):
    home = tmp_path_factory.mktemp("home")
    with store.update(home) as state:
        state.profile = Profile(name, partner, "UTC")
        state.asked = {key: list(value) for key, value in asked.items()}
    loaded = store.load(home)
    assert loaded.profile == Profile(name, partner, "UTC")
    assert loaded.asked == asked


def test_an_empty_state_file_is_a_fresh_start(home):
    home.mkdir()
    (home / "state.toml").write_bytes(b"")
    assert store.load(home).profile is None
    with store.update(home) as state:
        state.profile = Profile("A", "B", "UTC")
    assert store.load(home).profile == Profile("A", "B", "UTC")


def test_typos_in_the_profile_are_named(home):
    home.mkdir()
    (home / "state.toml").write_text('schema = 1\n[profile]\nname = "A"\npartnr = "B"\ntimezone = "UTC"\n')
    with pytest.raises(StateError, match=r"profile\.partnr: unknown field"):
        store.load(home)
    (home / "state.toml").write_text('schema = 1\n[profile]\nname = "A"\ntimezone = "UTC"\n')
    with pytest.raises(StateError, match=r"profile\.partner: missing"):
        store.load(home)


def test_assessments_round_trip_and_bad_ones_are_named(home):
    from lovecli.model import Assessment

    when = datetime(2026, 11, 22, 20, 0, tzinfo=BERLIN_WINTER)
    record = Assessment("checklist", when, "Sam", [1, 0, 1], {"openness": 0.5}, score=2, max_score=3, band="Room")
    profile_only = Assessment("inventory", when, "Alex", [5, 5, 5, 5, 5], {"emotional": 5.0})
    with store.update(home) as state:
        state.assessments += [record, profile_only]
    assert store.load(home).assessments == [record, profile_only]

    text = (home / "state.toml").read_text().replace('by = "Sam"', "by = 7")
    (home / "state.toml").write_text(text)
    with pytest.raises(StateError, match=r"assessments\[0\]\.by: must be non-empty text"):
        store.load(home)


def test_the_parsed_state_cache_matches_the_file_and_never_outlives_an_edit(home, tmp_path):
    from lovecli.model import Assessment

    when = datetime(2026, 11, 22, 8, 0, tzinfo=BERLIN_WINTER)
    with store.update(home) as state:
        state.profile = Profile("Alex", "Sam", "Europe/Berlin")
        state.record_asked("q-one", when)
        state.assessments.append(Assessment("checklist", when, "Sam", [1, 0], {"a": 0.5}, 1, 2, "Band"))
    cache_files = list((tmp_path / "cache" / "lovecli").glob("state-*.marshal"))
    assert len(cache_files) == 1

    raw = (home / "state.toml").read_bytes()
    assert store.load(home) == store._decode(raw, home / "state.toml")[0]

    (home / "state.toml").write_text(raw.decode().replace('name = "Alex"', 'name = "Alexis"'))
    assert store.load(home).profile.name == "Alexis"


def test_reading_alone_never_writes_a_cache_entry(home, tmp_path):
    home.mkdir()
    (home / "state.toml").write_text('schema = 1\n[profile]\nname = "A"\npartner = "B"\ntimezone = "UTC"\n')
    store.load(home)
    assert not list((tmp_path / "cache").rglob("state-*"))
