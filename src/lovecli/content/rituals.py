"""The ritual library: one TOML file per ritual, in the top-level `rituals/` folder."""

from dataclasses import dataclass
from pathlib import Path

from lovecli.content.fields import (
    Field,
    all_of,
    between,
    each,
    length,
    one_of,
    read_toml,
    slug,
    validate,
)
from lovecli.errors import ContentError
from lovecli.paths import rituals_dir

CADENCES = ("daily", "weekly", "monthly", "seasonal", "as-needed")
BEST_TIMES = ("morning", "daytime", "evening", "weekend", "any")


@dataclass(frozen=True)
class Ritual:
    id: str
    name: str
    summary: str
    minutes: int
    cadence: str
    best_time: tuple[str, ...]
    tags: tuple[str, ...]
    steps: tuple[str, ...]
    adapt: str | None
    source: Path


def _non_empty(values: list) -> str | None:
    return None if values else "must not be empty"


RITUAL = {
    "id": Field(str, check=slug),
    "name": Field(str, check=length(1, 60)),
    "summary": Field(str, check=length(1, 200)),
    "minutes": Field(int, check=between(1, 240)),
    "cadence": Field(str, check=one_of(*CADENCES)),
    "best_time": Field(list, item_kind=str, check=all_of(_non_empty, each(one_of(*BEST_TIMES)))),
    "tags": Field(list, item_kind=str, check=all_of(_non_empty, each(slug))),
    "steps": Field(list, item_kind=str, check=all_of(_non_empty, each(length(1, 300)))),
    "adapt": Field(str, required=False, check=length(1, 300)),
}


def load_ritual(path: Path) -> Ritual:
    entry = validate(read_toml(path), RITUAL, path)
    if entry["id"] != path.stem:
        raise ContentError(str(path), "id", f"{entry['id']!r} must match the file name {path.stem!r}")
    return Ritual(
        id=entry["id"],
        name=entry["name"],
        summary=entry["summary"],
        minutes=entry["minutes"],
        cadence=entry["cadence"],
        best_time=tuple(entry["best_time"]),
        tags=tuple(entry["tags"]),
        steps=tuple(entry["steps"]),
        adapt=entry.get("adapt"),
        source=path,
    )


def load_library(folder: Path | None = None) -> list[Ritual]:
    """Every ritual in `folder` (the packaged library by default), sorted by id."""
    folder = folder or rituals_dir()
    return [load_ritual(path) for path in sorted(folder.glob("*.toml"))]
