"""The repair flow's words: steps, feelings, needs, topics, closings, coach patterns, betrayal stages."""

import re
from pathlib import Path
from typing import NamedTuple

from lovecli.errors import ContentError
from lovecli.paths import PACKAGE_DIR

STEP_KINDS = ("text", "feelings", "parts", "closing")


class Step(NamedTuple):
    id: str
    title: str
    why: str
    prompt: str
    for_each: bool
    kind: str
    parts: tuple[str, ...]


class CoachPattern(NamedTuple):
    id: str
    label: str
    patterns: tuple[re.Pattern, ...]
    why: str
    unless: tuple[re.Pattern, ...] = ()  # kind or curious uses that look alike ("you always make me laugh")

    def matches(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns) and not any(p.search(text) for p in self.unless)


class RepairContent(NamedTuple):
    intro: str
    safety_question: str
    cool_off_why: str
    cool_off_cues: tuple[str, ...]
    steps: tuple[Step, ...]
    feelings: tuple[str, ...]
    needs: tuple[str, ...]
    topics: tuple[str, ...]
    closings: tuple[str, ...]
    coach: tuple[CoachPattern, ...]


class Stage(NamedTuple):
    id: str
    name: str
    action: str
    typical: str
    until_week: int
    checkins: tuple[str, ...]


class BetrayalTrack(NamedTuple):
    intro: str
    stages: tuple[Stage, ...]


def _file(name: str) -> Path:
    return PACKAGE_DIR / "content" / name


def load_repair(path: Path | None = None) -> RepairContent:
    from lovecli.content.fields import Field, each, length, non_empty, one_of, read_toml, slug, validate

    path = path or _file("repair.toml")
    words = Field(list, item_kind=str, check=non_empty)
    document = validate(
        read_toml(path),
        {
            "intro": Field(str, check=length(1, 400)),
            "safety_question": Field(str, check=length(1, 160)),
            "cool_off_why": Field(str, check=length(1, 400)),
            "cool_off_cues": words,
            "step": Field(list, item_kind=dict, check=non_empty),
            "feelings": words,
            "needs": words,
            "topics": Field(list, item_kind=str, check=each(slug)),
            "closings": words,
            "coach": Field(list, item_kind=dict, check=non_empty),
        },
        path,
    )
    step_spec = {
        "id": Field(str, check=slug),
        "title": Field(str, check=length(1, 60)),
        "why": Field(str, check=length(1, 400)),
        "prompt": Field(str, check=length(1, 400)),
        "for_each": Field(bool),
        "kind": Field(str, check=one_of(*STEP_KINDS)),
        "parts": Field(list, required=False, item_kind=str),
    }
    steps = []
    for index, entry in enumerate(document["step"]):
        validate(entry, step_spec, path, f"step[{index}].")
        if entry["kind"] == "parts" and not entry.get("parts"):
            raise ContentError(str(path), f"step[{index}].parts", "a 'parts' step needs its prompts")
        steps.append(Step(entry["id"], entry["title"], entry["why"], entry["prompt"], entry["for_each"], entry["kind"], tuple(entry.get("parts", ()))))
    coach_spec = {
        "id": Field(str, check=slug),
        "label": Field(str, check=length(1, 40)),
        "patterns": Field(list, item_kind=str, check=non_empty),
        "unless": Field(list, required=False, item_kind=str),
        "why": Field(str, check=length(1, 300)),
    }
    coach = []
    for index, entry in enumerate(document["coach"]):
        validate(entry, coach_spec, path, f"coach[{index}].")

        def compiled(field: str) -> tuple[re.Pattern, ...]:
            result = []
            for number, pattern in enumerate(entry.get(field, [])):
                try:
                    result.append(re.compile(pattern, re.IGNORECASE))
                except re.error as exc:
                    raise ContentError(str(path), f"coach[{index}].{field}[{number}]", f"not a valid pattern ({exc})") from None
            return tuple(result)

        coach.append(CoachPattern(entry["id"], entry["label"], compiled("patterns"), entry["why"], compiled("unless")))
    return RepairContent(
        intro=document["intro"],
        safety_question=document["safety_question"],
        cool_off_why=document["cool_off_why"],
        cool_off_cues=tuple(document["cool_off_cues"]),
        steps=tuple(steps),
        feelings=tuple(document["feelings"]),
        needs=tuple(document["needs"]),
        topics=tuple(document["topics"]),
        closings=tuple(document["closings"]),
        coach=tuple(coach),
    )


def load_betrayal(path: Path | None = None) -> BetrayalTrack:
    from lovecli.content.fields import Field, between, length, non_empty, read_toml, slug, validate

    path = path or _file("betrayal.toml")
    document = validate(
        read_toml(path),
        {"intro": Field(str, check=length(1, 600)), "stage": Field(list, item_kind=dict, check=non_empty)},
        path,
    )
    spec = {
        "id": Field(str, check=slug),
        "name": Field(str, check=length(1, 40)),
        "action": Field(str, check=length(1, 200)),
        "typical": Field(str, check=length(1, 40)),
        "until_week": Field(int, check=between(1, 260)),
        "checkins": Field(list, item_kind=str, check=non_empty),
    }
    stages = []
    for index, entry in enumerate(document["stage"]):
        validate(entry, spec, path, f"stage[{index}].")
        if stages and entry["until_week"] <= stages[-1].until_week:
            raise ContentError(str(path), f"stage[{index}].until_week", "must be later than the stage before")
        stages.append(Stage(entry["id"], entry["name"], entry["action"], entry["typical"], entry["until_week"], tuple(entry["checkins"])))
    return BetrayalTrack(document["intro"], tuple(stages))
