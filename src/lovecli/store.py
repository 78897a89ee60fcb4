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
from datetime import date, datetime
from pathlib import Path

from lovecli.errors import StateBusy, StateError
from lovecli.model import SCHEMA, Assessment, Audit, PlannedEvent, Profile, RepairEpisode, RepairSession, State
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
        document = _document(state)
        encoded = _encode(document)
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
        _to_cache(path, encoded, document)
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


def _is_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_moment(value) -> bool:
    return isinstance(value, datetime) and value.tzinfo is not None


# What each kind of field must hold, and how to say so when it does not.
_KINDS = {
    "text": (_is_text, "must be non-empty text"),
    "any-text": (lambda v: isinstance(v, str), "must be text"),
    "int": (lambda v: type(v) is int, "must be a whole number"),
    "bool": (lambda v: isinstance(v, bool), "must be true or false"),
    "moment": (_is_moment, "must be a date-time with a UTC offset"),
    "ints": (lambda v: isinstance(v, list) and all(type(i) is int for i in v), "must be a list of whole numbers"),
    "texts": (lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v), "must be a list of text"),
    "numbers": (
        lambda v: isinstance(v, dict) and all(type(n) in (int, float) for n in v.values()),
        "must be a table of numbers",
    ),
    "scores": (
        lambda v: isinstance(v, dict) and all(type(n) is int and 0 <= n <= 10 for n in v.values()),
        "must be a table of whole numbers from 0 to 10",
    ),
    "notes": (lambda v: isinstance(v, dict) and all(isinstance(n, str) for n in v.values()), "must be a table of text"),
    "day": (lambda v: isinstance(v, date) and not isinstance(v, datetime), "must be a date like 2026-11-22"),
}

# Field name -> kind; a kind ending in "?" may be left out.
_PROFILE = {"name": "text", "partner": "text", "timezone": "text", "free": "texts?"}
_ASSESSMENT = {
    "instrument": "text", "at": "moment", "by": "text", "answers": "ints", "areas": "numbers",
    "score": "int?", "max_score": "int?", "band": "any-text?",
}
_PLANNED = {
    "uid": "text", "week": "text", "ritual": "text", "title": "text", "start": "moment", "end": "moment",
    "sequence": "int", "digest": "text",
}
_REPAIR = {
    "started": "moment", "finished": "moment", "tags": "texts", "steps": "texts", "before": "scores",
    "after": "scores", "took_minutes": "int?", "notes": "notes?", "logged": "bool?",
}
_SESSION = {
    "started": "moment", "next_step": "int", "before": "scores", "keep_notes": "bool", "notes": "notes?",
    "return_at": "moment?",
}
_AUDIT = {
    "at": "moment", "by": "text", "week": "text", "window_happened": "bool", "felt": "any-text?",
    "went_well": "any-text?", "drifted": "any-text?", "more_of": "any-text?", "win": "any-text?",
}


def _record(entry, fields: dict[str, str], where: str) -> dict:
    """The entry's fields, checked against `fields`; unknown keys are typos and are named."""
    if not isinstance(entry, dict):
        raise _FieldProblem(where, "must be a table")
    for key in entry:
        if key not in fields:
            raise _FieldProblem(f"{where}.{key}", f"unknown field (allowed: {', '.join(fields)})")
    values = {}
    for key, kind in fields.items():
        optional = kind.endswith("?")
        if key not in entry:
            if not optional:
                raise _FieldProblem(f"{where}.{key}", "missing")
            continue
        check, message = _KINDS[kind.rstrip("?")]
        if not check(entry[key]):
            raise _FieldProblem(f"{where}.{key}", message)
        values[key] = entry[key]
    return values


def _records(document: dict, key: str, fields: dict[str, str]) -> list[dict]:
    value = document.get(key, [])
    if not isinstance(value, list):
        raise _FieldProblem(key, "must be an array of tables")
    return [_record(entry, fields, f"{key}[{index}]") for index, entry in enumerate(value)]


def _table(document: dict, key: str) -> dict:
    value = document.get(key, {})
    if not isinstance(value, dict):
        raise _FieldProblem(key, "must be a table")
    return value


def _state_from_document(document: dict) -> State:
    known = {
        "schema", "profile", "asked", "assessments", "planned", "pickers", "audits", "repairs",
        "repair_session", "betrayal",
    }
    profile = None
    if "profile" in document:
        values = _record(_table(document, "profile"), _PROFILE, "profile")
        profile = Profile(**{**values, "free": tuple(values.get("free", ()))})
    asked: dict[str, list[datetime]] = {}
    for question_id, times in _table(document, "asked").items():
        if not isinstance(times, list) or not all(_is_moment(t) for t in times):
            raise _FieldProblem(f"asked.{question_id}", "must be a list of date-times with a UTC offset")
        asked[question_id] = times
    pickers = _table(document, "pickers")
    for week, name in pickers.items():
        if not _is_text(name):
            raise _FieldProblem(f"pickers.{week}", "must be non-empty text")
    return State(
        profile=profile,
        asked=asked,
        assessments=[
            Assessment(**{**values, "areas": {k: float(v) for k, v in values["areas"].items()}})
            for values in _records(document, "assessments", _ASSESSMENT)
        ],
        planned=[PlannedEvent(**values) for values in _records(document, "planned", _PLANNED)],
        pickers=dict(pickers),
        audits=[Audit(**values) for values in _records(document, "audits", _AUDIT)],
        repairs=[RepairEpisode(**values) for values in _records(document, "repairs", _REPAIR)],
        repair_session=(
            RepairSession(**_record(document["repair_session"], _SESSION, "repair_session"))
            if "repair_session" in document
            else None
        ),
        betrayal_start=_record(_table(document, "betrayal"), {"start": "day?"}, "betrayal").get("start"),
        unknown={key: value for key, value in document.items() if key not in known},
    )


# ---------------------------------------------------------------------------------------------
# Writing


def _document(state: State) -> dict:
    """The TOML document for `state`: only what is set, optional fields left out when empty."""

    def without_empty(record) -> dict:
        return {key: value for key, value in record._asdict().items() if value is not None and value != ""}

    document: dict = {"schema": SCHEMA}
    if state.profile is not None:
        document["profile"] = without_empty(state.profile._replace(free=list(state.profile.free) or None))
    if state.asked:
        document["asked"] = state.asked
    if state.assessments:
        document["assessments"] = [without_empty(record) for record in state.assessments]
    if state.pickers:
        document["pickers"] = state.pickers
    if state.planned:
        document["planned"] = [record._asdict() for record in state.planned]
    if state.audits:
        document["audits"] = [without_empty(record) for record in state.audits]
    if state.repairs:
        document["repairs"] = [
            without_empty(record._replace(notes=record.notes or None, logged=record.logged or None))
            for record in state.repairs
        ]
    if state.repair_session is not None:
        session = state.repair_session
        document["repair_session"] = without_empty(session._replace(notes=session.notes or None))
    if state.betrayal_start is not None:
        document["betrayal"] = {"start": state.betrayal_start}
    document.update(state.unknown)
    return document


def _encode(document: dict) -> bytes:
    import tomli_w

    return (HEADER + tomli_w.dumps(document)).encode("utf-8")


# ---------------------------------------------------------------------------------------------
# The parsed-state cache: only writers fill it (a read-only command never writes anywhere), and
# an entry is used only for the exact bytes it was made from. It holds the document with its
# date-times as text, and goes through the same checks as a freshly parsed file.

_MOMENT_TAG = "\x00moment"
_DAY_TAG = "\x00day"


def _cache_name(path: Path) -> str:
    import hashlib

    return "state-" + hashlib.blake2b(str(path.resolve()).encode(), digest_size=8).hexdigest()


def _digest(raw: bytes) -> str:
    import hashlib

    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def _to_plain(value):
    if isinstance(value, dict):
        return {key: _to_plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_to_plain(item) for item in value]
    if isinstance(value, datetime) and value.tzinfo is not None:
        return (_MOMENT_TAG, value.isoformat())
    if isinstance(value, date) and not isinstance(value, datetime):
        return (_DAY_TAG, value.isoformat())
    if isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(type(value).__name__)  # dates, local times...: not worth caching


def _from_plain(value):
    if isinstance(value, dict):
        return {key: _from_plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_from_plain(item) for item in value]
    if isinstance(value, tuple):
        return datetime.fromisoformat(value[1]) if value[0] == _MOMENT_TAG else date.fromisoformat(value[1])
    return value


def _from_cache(path: Path, raw: bytes) -> State | None:
    from lovecli import cache

    plain = cache.load(_cache_name(path), _digest(raw))
    if plain is None:
        return None
    try:
        return _state_from_document(_from_plain(plain))
    except (_FieldProblem, TypeError, ValueError, IndexError):
        return None


def _to_cache(path: Path, encoded: bytes, document: dict) -> None:
    from lovecli import cache

    try:
        plain = _to_plain(document)
    except TypeError:
        return
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
