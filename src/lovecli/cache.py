"""A disposable cache of parsed data, so the cron paths skip re-parsing TOML they have seen before.

Two kinds of entry, both checked before use:
- content (questions, rituals): used while every source file keeps the size and modification
  time it had when the entry was written, and the same lovecli version wrote it;
- state: used only for exactly the bytes it was made from (keyed by their BLAKE2 digest), so a
  state file changed in any way, by anyone, is parsed and validated afresh.
Losing the cache, or failing to read or write it, never matters: it is only a shortcut.
"""

import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from lovecli import __version__

NO_CACHE_ENV = "LOVECLI_NO_CACHE"

Value = TypeVar("Value")


def _cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("lovecli", appauthor=False)


def enabled() -> bool:
    return not os.environ.get(NO_CACHE_ENV)


def load(name: str, stamp: object) -> object | None:
    """The plain value stored under `name`, if it was stored with exactly `stamp`."""
    if not enabled():
        return None
    try:
        stored_stamp, plain = marshal.loads((_cache_dir() / f"{name}.marshal").read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return plain if stored_stamp == (__version__, stamp) else None


def save(name: str, stamp: object, plain: object) -> None:
    """Store `plain` (marshal-able: tuples, lists, dicts, str, numbers) under `name`."""
    if not enabled():
        return
    entry = _cache_dir() / f"{name}.marshal"
    temp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        data = marshal.dumps(((__version__, stamp), plain))
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temp, entry)
    except (OSError, ValueError):
        try:
            temp.unlink()
        except OSError:
            pass


def cached(
    name: str,
    files: list[Path],
    build: Callable[[], Value],
    to_plain: Callable[[Value], tuple],
    from_plain: Callable[[tuple], Value],
) -> Value:
    """`build()`'s result, from the cache while `files` are unchanged since it was stored."""
    if not enabled():
        return build()
    stamp = tuple((str(path), *_size_and_mtime(path)) for path in files)
    plain = load(name, stamp)
    if plain is not None:
        try:
            return from_plain(plain)
        except (TypeError, ValueError, IndexError, KeyError):
            pass  # an entry from an incompatible layout: rebuild it
    value = build()
    save(name, stamp, to_plain(value))
    return value


def _size_and_mtime(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns
