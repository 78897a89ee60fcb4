"""The only module that reads or writes a home's state file.

Writes are atomic (a temp file beside the state, flushed and fsynced, `os.replace`d over it, then
the folder fsynced) and happen under an exclusive lock held for the whole read-modify-write, so a
cron run and an interactive run at the same moment never lose each other's entries. A file this
version cannot read is reported and left byte-for-byte as it was.
"""

import fcntl
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from lovecli.errors import StateBusy, StateError
from lovecli.model import SCHEMA, Assessment, Profile, State
from lovecli.paths import state_file

LOCK_FILE_NAME = ".state.lock"
LOCK_TIMEOUT_ENV = "LOVECLI_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 5.0
HEADER = "# lovecli state. Keep a copy before editing by hand; `lovecli` checks it on every run.\n"

# Each entry turns a document of schema N into one of schema N + 1. The old file is kept beside
# the new one (state.toml.schema-N.bak) the first time a migrated state is saved.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


def load(home: Path) -> State:
    """The state of `home` for reading only; a home with no state file yet is empty."""
    path = state_file(home)
    raw = _read(path)
    if raw is None:
        return State()
    return _from_cache(path, raw) or _decode(raw, path)[0]


@contextmanager
def update(home: Path) -> Iterator[State]:
    """Lock `home`, yield its state for changing, and save it if the block ends normally.

    An exception (Ctrl-C included) inside the block leaves the file exactly as it was.
    """
    path = state_file(home)
    timeout = _lock_timeout()
    try:
        _make_home(home)
        lock = _acquire_lock(home, timeout)
    except OSError as exc:
        raise StateError(f"cannot use {home} as the lovecli home: {exc.strerror or exc}") from None
    try:
        _remove_stale_temp_files(path)
        raw = _read(path)
        state, migrated_from = _decode(raw, path) if raw is not None else (State(), None)
        yield state
        encoded = _encode(state)
        if encoded == raw:
            return
        try:
            if raw is not None and migrated_from is not None:
                backup = path.with_name(f"{path.name}.schema-{migrated_from}.bak")
                if not backup.exists():
                    _write_atomic(backup, raw)
            _write_atomic(path, encoded)
        except OSError as exc:
            raise StateError(f"cannot save {path}: {exc.strerror or exc}; it was left as it was") from None
        _to_cache(path, encoded, state)
    finally:
        os.close(lock)  # closing the descriptor releases the lock


# ---------------------------------------------------------------------------------------------
# Reading


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StateError(f"cannot read {path}: {exc.strerror or exc}") from None


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


def _decode(raw: bytes, path: Path) -> tuple[State, int | None]:
    untouched = "the file was left untouched"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StateError(f"{path}: not UTF-8 text (bad byte at offset {exc.start}); {untouched}")
    if not text.strip():
        return State(), None  # an empty file holds nothing to lose: treat it as a fresh start
    import tomllib  # here, not at the top: a home with no state file yet never needs it

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        if position:
            line, column = position.groups()
            reason = message[: position.start()]
            raise StateError(f"{path}:{line}:{column}: invalid TOML ({reason}); {untouched}")
        raise StateError(f"{path}: invalid TOML ({message}); {untouched}")

    schema = document.get("schema")
    if schema is None:
        raise StateError(f"{path}: no `schema` key, so this is not a lovecli state file; {untouched}")
    if type(schema) is not int:
        raise StateError(f"{path}: `schema` must be a whole number; {untouched}")
    if schema > SCHEMA:
        raise StateError(
            f"{path}: written by a newer lovecli (schema {schema}; this version reads up to "
            f"{SCHEMA}); upgrade lovecli. {untouched[0].upper()}{untouched[1:]}"
        )
    migrated_from = schema if schema < SCHEMA else None
    while schema < SCHEMA:
        step = MIGRATIONS.get(schema)
        if step is None:
            raise StateError(f"{path}: schema {schema} is not one lovecli knows; {untouched}")
        document = step(document)
        schema = document["schema"]
    try:
        return _state_from_document(document), migrated_from
    except _FieldProblem as problem:
        raise StateError(f"{path}: {problem.field}: {problem.message}; {untouched}") from None


class _FieldProblem(Exception):
    def __init__(self, field: str, message: str):
        self.field, self.message = field, message


def _table(document: dict, key: str) -> dict:
    value = document.get(key, {})
    if not isinstance(value, dict):
        raise _FieldProblem(key, "must be a table")
    return value


def _text(table: dict, key: str, where: str) -> str:
    if key not in table:
        raise _FieldProblem(f"{where}.{key}", "missing")
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise _FieldProblem(f"{where}.{key}", "must be non-empty text")
    return value


def _no_unknown_keys(table: dict, allowed: tuple[str, ...], where: str) -> None:
    for key in table:
        if key not in allowed:
            raise _FieldProblem(f"{where}.{key}", f"unknown field (allowed: {', '.join(allowed)})")


def _state_from_document(document: dict) -> State:
    known = {"schema", "profile", "asked", "assessments"}
    profile = None
    if "profile" in document:
        table = _table(document, "profile")
        _no_unknown_keys(table, ("name", "partner", "timezone"), "profile")
        profile = Profile(
            name=_text(table, "name", "profile"),
            partner=_text(table, "partner", "profile"),
            timezone=_text(table, "timezone", "profile"),
        )
    asked: dict[str, list[datetime]] = {}
    for question_id, times in _table(document, "asked").items():
        if not isinstance(times, list) or not all(
            isinstance(t, datetime) and t.tzinfo is not None for t in times
        ):
            raise _FieldProblem(f"asked.{question_id}", "must be a list of date-times with a UTC offset")
        asked[question_id] = times
    assessments = [_assessment(entry, index) for index, entry in enumerate(_array(document, "assessments"))]
    unknown = {key: value for key, value in document.items() if key not in known}
    return State(profile=profile, asked=asked, assessments=assessments, unknown=unknown)


def _array(document: dict, key: str) -> list[dict]:
    value = document.get(key, [])
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise _FieldProblem(key, "must be an array of tables")
    return value


def _assessment(entry: dict, index: int) -> Assessment:
    where = f"assessments[{index}]"
    _no_unknown_keys(entry, ("instrument", "at", "by", "answers", "areas", "score", "max_score", "band"), where)
    at = entry.get("at")
    if not isinstance(at, datetime) or at.tzinfo is None:
        raise _FieldProblem(f"{where}.at", "must be a date-time with a UTC offset")
    answers = entry.get("answers")
    if not isinstance(answers, list) or not all(type(a) is int for a in answers):
        raise _FieldProblem(f"{where}.answers", "must be a list of whole numbers")
    areas = entry.get("areas", {})
    if not isinstance(areas, dict) or not all(type(v) in (int, float) for v in areas.values()):
        raise _FieldProblem(f"{where}.areas", "must be a table of numbers")
    for key in ("score", "max_score"):
        if key in entry and type(entry[key]) is not int:
            raise _FieldProblem(f"{where}.{key}", "must be a whole number")
    if "band" in entry and not isinstance(entry["band"], str):
        raise _FieldProblem(f"{where}.band", "must be text")
    return Assessment(
        instrument=_text(entry, "instrument", where),
        at=at,
        by=_text(entry, "by", where),
        answers=answers,
        areas={key: float(value) for key, value in areas.items()},
        score=entry.get("score"),
        max_score=entry.get("max_score"),
        band=entry.get("band"),
    )


# ---------------------------------------------------------------------------------------------
# Writing


def _encode(state: State) -> bytes:
    import tomli_w

    document: dict = {"schema": SCHEMA}
    if state.profile is not None:
        document["profile"] = {
            "name": state.profile.name,
            "partner": state.profile.partner,
            "timezone": state.profile.timezone,
        }
    if state.asked:
        document["asked"] = state.asked
    if state.assessments:
        document["assessments"] = [
            {key: value for key, value in record._asdict().items() if value is not None}
            for record in state.assessments
        ]
    document.update(state.unknown)
    return (HEADER + tomli_w.dumps(document)).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# The parsed-state cache: only writers fill it (a read-only command never writes anywhere), and
# an entry is used only for the exact bytes it was made from.


def _cache_name(path: Path) -> str:
    import hashlib

    return "state-" + hashlib.blake2b(str(path.resolve()).encode(), digest_size=8).hexdigest()


def _digest(raw: bytes) -> str:
    import hashlib

    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def _from_cache(path: Path, raw: bytes) -> State | None:
    from lovecli import cache

    plain = cache.load(_cache_name(path), _digest(raw))
    if plain is None:
        return None
    try:
        profile, asked, assessments = plain
        return State(
            profile=Profile(*profile) if profile else None,
            asked={qid: [datetime.fromisoformat(t) for t in times] for qid, times in asked.items()},
            assessments=[
                Assessment(instrument, datetime.fromisoformat(at), by, list(answers), dict(areas), score, max_score, band)
                for instrument, at, by, answers, areas, score, max_score, band in assessments
            ],
        )
    except (TypeError, ValueError):
        return None


def _to_cache(path: Path, encoded: bytes, state: State) -> None:
    if state.unknown:
        return  # keys from elsewhere may hold values the cache cannot carry; parse those files
    from lovecli import cache

    profile = state.profile
    plain = (
        (profile.name, profile.partner, profile.timezone) if profile else None,
        {qid: [t.isoformat() for t in times] for qid, times in state.asked.items()},
        [
            (r.instrument, r.at.isoformat(), r.by, r.answers, r.areas, r.score, r.max_score, r.band)
            for r in state.assessments
        ],
    )
    cache.save(_cache_name(path), _digest(encoded), plain)


def _make_home(home: Path) -> None:
    if home.exists() and not home.is_dir():
        raise NotADirectoryError(20, "it is a file, not a folder")
    if not home.is_dir():
        home.mkdir(mode=0o700, parents=True, exist_ok=True)


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _write_atomic(path: Path, data: bytes) -> None:
    temp = _temp_name(path)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _remove_stale_temp_files(path: Path) -> None:
    # Only a lock holder writes temp files, so any found while we hold the lock belong to a
    # process that was killed mid-save.
    prefix = f".{path.name}."
    try:
        with os.scandir(path.parent) as entries:
            for entry in entries:
                if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                    Path(entry.path).unlink(missing_ok=True)
    except OSError:
        pass  # tidying up is a courtesy; the save itself reports real problems


def _lock_timeout() -> float:
    setting = os.environ.get(LOCK_TIMEOUT_ENV)
    if not setting:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(setting)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < float("inf"):
        raise StateError(f"{LOCK_TIMEOUT_ENV} must be a positive number of seconds, not {setting!r}")
    return seconds


def _acquire_lock(home: Path, timeout: float) -> int:
    """An open descriptor holding the home's exclusive lock; close it to release."""
    fd = os.open(home / LOCK_FILE_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise StateBusy(f"{home} is in use by another lovecli (waited {timeout:g} s); try again") from None
            time.sleep(0.01)
