"""The question bank: one TOML file per category in `content/questions/`.

Adding a question means adding a `[[question]]` entry to a file; adding a category means adding
a file. Both are checked on load.
"""

from dataclasses import dataclass
from pathlib import Path

from lovecli.content.fields import Field, all_of, between, length, read_toml, slug, validate
from lovecli.errors import ContentError
from lovecli.paths import questions_dir

DEPTH_NAMES = {1: "light", 2: "deep", 3: "brave"}


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    category: str
    depth: int


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    summary: str


@dataclass(frozen=True)
class Bank:
    categories: dict[str, Category]
    questions: tuple[Question, ...]


CATEGORY_FILE = {
    "category": Field(str, check=slug),
    "name": Field(str, check=length(1, 40)),
    "summary": Field(str, check=length(1, 160)),
    "question": Field(list, item_kind=dict),
}

QUESTION = {
    "id": Field(str, check=all_of(slug, length(3, 80))),
    "depth": Field(int, check=between(1, 3)),
    "text": Field(str, check=length(15, 240)),
}


def load_bank(folder: Path | None = None) -> Bank:
    folder = folder or questions_dir()
    categories: dict[str, Category] = {}
    questions: list[Question] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.toml")):
        document = validate(read_toml(path), CATEGORY_FILE, path)
        category = document["category"]
        if category in categories:
            raise ContentError(str(path), "category", f"{category!r} is defined twice")
        categories[category] = Category(category, document["name"], document["summary"])
        for index, entry in enumerate(document["question"]):
            validate(entry, QUESTION, path, f"question[{index}].")
            if entry["id"] in seen:
                raise ContentError(
                    str(path), f"question[{index}].id", f"{entry['id']!r} is already used in {seen[entry['id']]}"
                )
            seen[entry["id"]] = path
            questions.append(Question(entry["id"], entry["text"].strip(), category, entry["depth"]))
    if not questions:
        raise ContentError(str(folder), "", "no questions found")
    return Bank(categories, tuple(questions))
