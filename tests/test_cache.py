"""The content cache is a shortcut only: it never serves content older than its files."""

import os

from lovecli.cache import NO_CACHE_ENV, cached


def build_counter(path, calls):
    def build():
        calls.append(1)
        return path.read_text()

    return build


def test_served_from_cache_until_a_file_changes(tmp_path):
    source = tmp_path / "data.txt"
    source.write_text("first")
    calls: list[int] = []
    fetch = lambda: cached("test-entry", [source], build_counter(source, calls), lambda v: (v,), lambda p: p[0])  # noqa: E731

    assert fetch() == "first"
    assert fetch() == "first"
    assert len(calls) == 1

    source.write_text("second, longer")
    assert fetch() == "second, longer"
    assert len(calls) == 2


def test_a_damaged_cache_entry_is_rebuilt(tmp_path):
    source = tmp_path / "data.txt"
    source.write_text("value")
    calls: list[int] = []
    fetch = lambda: cached("damaged", [source], build_counter(source, calls), lambda v: (v,), lambda p: p[0])  # noqa: E731
    fetch()
    entry = tmp_path / "cache" / "lovecli" / "damaged.marshal"
    assert entry.exists()
    entry.write_bytes(b"\x00garbage")
    assert fetch() == "value"
    assert len(calls) == 2


def test_the_cache_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv(NO_CACHE_ENV, "1")
    source = tmp_path / "data.txt"
    source.write_text("value")
    calls: list[int] = []
    for _ in range(2):
        cached("off", [source], build_counter(source, calls), lambda v: (v,), lambda p: p[0])
    assert len(calls) == 2
    assert not (tmp_path / "cache" / "lovecli" / "off.marshal").exists()


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    source = tmp_path / "data.txt"
    source.write_text("value")
    assert cached("x", [source], lambda: "built", lambda v: (v,), lambda p: p[0]) == "built"
    assert os.path.isfile(blocked)
