"""The ritual library: one TOML file per ritual, in the top-level `rituals/` folder."""

from pathlib import Path
from typing import NamedTuple

from lovecli.errors import ContentError
from lovecli.paths import rituals_dir

CADENCES = ("daily", "weekly", "monthly", "seasonal", "as-needed")
BEST_TIMES = ("morning", "daytime", "evening", "weekend", "any")


class Ritual(NamedTuple):
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
    prompts: tuple[str, ...] = ()  # questions to answer together (the weekly audit's)
    avoid: tuple[str, ...] = ()  # traps to steer clear of


def load_ritual(path: Path) -> Ritual:
    # The schema module loads only here: a warm content cache never needs it.
    from lovecli.content.fields import Field, all_of, between, each, length, non_empty, one_of, read_toml, slug, validate

    spec = {
        "id": Field(str, check=slug),
        "name": Field(str, check=length(1, 60)),
        "summary": Field(str, check=length(1, 200)),
        "minutes": Field(int, check=between(1, 240)),
        "cadence": Field(str, check=one_of(*CADENCES)),
        "best_time": Field(list, item_kind=str, check=all_of(non_empty, each(one_of(*BEST_TIMES)))),
        "tags": Field(list, item_kind=str, check=all_of(non_empty, each(slug))),
        "steps": Field(list, item_kind=str, check=all_of(non_empty, each(length(1, 300)))),
        "adapt": Field(str, required=False, check=length(1, 300)),
        "prompts": Field(list, required=False, item_kind=str, check=each(length(1, 200))),
        "avoid": Field(list, required=False, item_kind=str, check=each(length(1, 200))),
    }
    entry = validate(read_toml(path), spec, path)
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
        prompts=tuple(entry.get("prompts", ())),
        avoid=tuple(entry.get("avoid", ())),
    )


def load_library(folder: Path | None = None) -> list[Ritual]:
    """Every ritual in `folder`, sorted by id; by default the packaged library, through the cache."""
    if folder is not None:
        return [load_ritual(path) for path in sorted(folder.glob("*.toml"))]
    from lovecli.cache import cached

    files = sorted(rituals_dir().glob("*.toml"))
    return cached("rituals", files, lambda: [load_ritual(path) for path in files], _to_plain, _from_plain)


def load_with_overrides(home: Path) -> tuple[list[Ritual], list[str]]:
    """The packaged library plus the couple's own files in HOME/rituals/, which win on the same id.

    A bad file of theirs is reported (file and field) and skipped; the others still load.
    """
    by_id = {ritual.id: ritual for ritual in load_library()}
    problems = []
    own = home / "rituals"
    if own.is_dir():
        for path in sorted(own.glob("*.toml")):
            try:
                ritual = load_ritual(path)
            except ContentError as problem:
                problems.append(str(problem))
                continue
            by_id[ritual.id] = ritual
    return sorted(by_id.values(), key=lambda ritual: ritual.id), problems


def _to_plain(rituals: list[Ritual]) -> tuple:
    return tuple((*r[:9], str(r.source), r.prompts, r.avoid) for r in rituals)


def _from_plain(plain: tuple) -> list[Ritual]:
    return [Ritual(*row[:9], source=Path(row[9]), prompts=tuple(row[10]), avoid=tuple(row[11])) for row in plain]
