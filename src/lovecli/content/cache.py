"""A disposable cache of validated content, so `today` from cron does not re-parse every TOML file.

An entry is used only while every source file has the size and modification time it had when
the entry was written (and the same lovecli version wrote it); otherwise the files are parsed and
validated again. Losing or failing to write the cache never matters: it is only a shortcut.
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


def cached(
    name: str,
    files: list[Path],
    build: Callable[[], Value],
    to_plain: Callable[[Value], tuple],
    from_plain: Callable[[tuple], Value],
) -> Value:
    """`build()`'s result, from the cache when `files` are unchanged since it was stored."""
    if os.environ.get(NO_CACHE_ENV):
        return build()
    stamp = (__version__, tuple((str(path), *_size_and_mtime(path)) for path in files))
    entry = _cache_dir() / f"{name}.marshal"
    try:
        stored_stamp, plain = marshal.loads(entry.read_bytes())
        if stored_stamp == stamp:
            return from_plain(plain)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = build()
    _store(entry, marshal.dumps((stamp, to_plain(value))))
    return value


def _size_and_mtime(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _store(entry: Path, data: bytes) -> None:
    temp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp.write_bytes(data)
        os.replace(temp, entry)
    except OSError:
        try:
            temp.unlink()
        except OSError:
            pass
