"""Self-assessment instruments: one TOML file each in `content/instruments/`.

Items, areas, bands, advice and goals all live in the files; `core.scoring` scores any of them.
"""

from dataclasses import dataclass
from pathlib import Path

from lovecli.errors import ContentError
from lovecli.paths import PACKAGE_DIR

SCALES = {"yes-no": (0, 1), "1-5": (1, 5), "1-10": (1, 10)}
FOCUS_KINDS = ("none", "lowest-item", "missed-items")


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    goal: str
    question_categories: tuple[str, ...]
    ritual_tags: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    area: str
    scale: str
    goal: str | None
    safety: bool

    @property
    def low(self) -> int:
        return SCALES[self.scale][0]

    @property
    def high(self) -> int:
        return SCALES[self.scale][1]


@dataclass(frozen=True)
class Band:
    min: int
    max: int
    label: str
    advice: str
    support: bool


@dataclass(frozen=True)
class Instrument:
    id: str
    name: str
    summary: str
    minutes: int
    scale: str
    intro: str
    note: str
    total: bool
    higher_is_better: bool
    compare_margin: float
    low_at_or_below: float
    strengths: int
    gaps: int
    focus: str
    scale_labels: tuple[str, ...]
    areas: tuple[Area, ...]
    items: tuple[Item, ...]
    bands: tuple[Band, ...]

    def area(self, area_id: str) -> Area:
        return next(area for area in self.areas if area.id == area_id)

    @property
    def max_score(self) -> int:
        return sum(item.high for item in self.items)

    @property
    def min_score(self) -> int:
        return sum(item.low for item in self.items)


def instruments_dir() -> Path:
    return PACKAGE_DIR / "content" / "instruments"


def load_instruments(folder: Path | None = None) -> dict[str, Instrument]:
    """Every instrument by id, in file-name order."""
    return {instrument.id: instrument for instrument in map(load_instrument, sorted((folder or instruments_dir()).glob("*.toml")))}


def load_instrument(path: Path) -> Instrument:
    from lovecli.content.fields import (
        Field,
        all_of,
        between,
        each,
        length,
        non_empty,
        one_of,
        read_toml,
        slug,
        validate,
    )

    number = (int, float)
    spec = {
        "id": Field(str, check=slug),
        "name": Field(str, check=length(1, 60)),
        "summary": Field(str, check=length(1, 160)),
        "minutes": Field(int, check=between(1, 60)),
        "scale": Field(str, check=one_of(*SCALES)),
        "intro": Field(str, check=length(1, 400)),
        "note": Field(str, check=length(1, 400)),
        "total": Field(bool),
        "higher_is_better": Field(bool),
        "compare_margin": Field(number),
        "low_at_or_below": Field(number),
        "strengths": Field(int, check=between(0, 5)),
        "gaps": Field(int, check=between(0, 5)),
        "focus": Field(str, check=one_of(*FOCUS_KINDS)),
        "scale_labels": Field(list, required=False, item_kind=str),
        "area": Field(list, item_kind=dict, check=non_empty),
        "item": Field(list, item_kind=dict, check=non_empty),
        "band": Field(list, required=False, item_kind=dict),
    }
    area_spec = {
        "id": Field(str, check=slug),
        "name": Field(str, check=length(1, 40)),
        "goal": Field(str, check=length(1, 300)),
        "question_categories": Field(list, item_kind=str, check=all_of(non_empty, each(slug))),
        "ritual_tags": Field(list, item_kind=str, check=each(slug)),
    }
    item_spec = {
        "id": Field(str, check=slug),
        "text": Field(str, check=length(5, 240)),
        "area": Field(str),
        "scale": Field(str, required=False, check=one_of(*SCALES)),
        "goal": Field(str, required=False, check=length(1, 300)),
        "safety": Field(bool, required=False),
    }
    band_spec = {
        "min": Field(int),
        "max": Field(int),
        "label": Field(str, check=length(1, 60)),
        "advice": Field(str, check=length(1, 600)),
        "support": Field(bool),
    }

    document = validate(read_toml(path), spec, path)
    if document["id"] != path.stem:
        raise ContentError(str(path), "id", f"{document['id']!r} must match the file name {path.stem!r}")
    areas = []
    for index, entry in enumerate(document["area"]):
        validate(entry, area_spec, path, f"area[{index}].")
        areas.append(
            Area(entry["id"], entry["name"], entry["goal"], tuple(entry["question_categories"]), tuple(entry["ritual_tags"]))
        )
    area_ids = [area.id for area in areas]
    _unique(area_ids, path, "area")

    items = []
    for index, entry in enumerate(document["item"]):
        where = f"item[{index}]."
        validate(entry, item_spec, path, where)
        if entry["area"] not in area_ids:
            raise ContentError(str(path), f"{where}area", f"{entry['area']!r} is not one of the areas: {', '.join(area_ids)}")
        scale = entry.get("scale", document["scale"])
        if entry.get("safety") and scale != "yes-no":
            raise ContentError(str(path), f"{where}safety", "a safety item must be yes-no")
        if document["focus"] != "none" and "goal" not in entry:
            raise ContentError(str(path), f"{where}goal", f"missing (focus is {document['focus']!r})")
        items.append(Item(entry["id"], entry["text"], entry["area"], scale, entry.get("goal"), entry.get("safety", False)))
    _unique([item.id for item in items], path, "item")
    for area in areas:
        scales_in_area = {item.scale for item in items if item.area == area.id}
        if not scales_in_area:
            raise ContentError(str(path), "area", f"{area.id!r} has no items")
        if len(scales_in_area) > 1:
            raise ContentError(str(path), "item", f"the items of area {area.id!r} must share one scale")

    labels = tuple(document.get("scale_labels", ()))
    scales = {item.scale for item in items}
    expected_labels = {"yes-no": 0, "1-5": 5, "1-10": 2}
    needed = max(expected_labels[scale] for scale in scales)
    if len(labels) != needed and not (needed == 0 and not labels):
        raise ContentError(str(path), "scale_labels", f"needs {needed} labels for the {'/'.join(sorted(scales))} scale")

    bands = []
    for index, entry in enumerate(document.get("band", [])):
        validate(entry, band_spec, path, f"band[{index}].")
        bands.append(Band(entry["min"], entry["max"], entry["label"], entry["advice"], entry["support"]))
    instrument = Instrument(
        id=document["id"],
        name=document["name"],
        summary=document["summary"],
        minutes=document["minutes"],
        scale=document["scale"],
        intro=document["intro"],
        note=document["note"],
        total=document["total"],
        higher_is_better=document["higher_is_better"],
        compare_margin=float(document["compare_margin"]),
        low_at_or_below=float(document["low_at_or_below"]),
        strengths=document["strengths"],
        gaps=document["gaps"],
        focus=document["focus"],
        scale_labels=labels,
        areas=tuple(areas),
        items=tuple(items),
        bands=tuple(sorted(bands, key=lambda band: band.min)),
    )
    _check_bands(instrument, path)
    return instrument


def _unique(ids: list[str], path: Path, kind: str) -> None:
    seen = set()
    for index, value in enumerate(ids):
        if value in seen:
            raise ContentError(str(path), f"{kind}[{index}].id", f"{value!r} is used twice")
        seen.add(value)


def _check_bands(instrument: Instrument, path: Path) -> None:
    """With a total, the bands must cover every possible total exactly once; without, none."""
    if not instrument.total:
        if instrument.bands:
            raise ContentError(str(path), "band", "bands need total = true")
        return
    expected = instrument.min_score
    for band in instrument.bands:
        if band.min != expected or band.max < band.min:
            raise ContentError(
                str(path), "band", f"bands must cover {instrument.min_score}-{instrument.max_score} without gaps or overlaps (problem near {band.min}-{band.max})"
            )
        expected = band.max + 1
    if expected != instrument.max_score + 1:
        raise ContentError(str(path), "band", f"bands must reach the highest possible total, {instrument.max_score}")
