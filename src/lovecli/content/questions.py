"""The question bank: one TOML file per category in `content/questions/`.

Adding a question means adding a `[[question]]` entry to a file; adding a category means adding
a file. Both are checked on load.
"""

from pathlib import Path
from typing import NamedTuple

from lovecli.errors import ContentError
from lovecli.paths import questions_dir

DEPTH_NAMES = {1: "light", 2: "deep", 3: "brave"}


class Question(NamedTuple):
    id: str
    text: str
    category: str
    depth: int


class Category(NamedTuple):
    slug: str
    name: str
    summary: str


class Bank(NamedTuple):
    categories: dict[str, Category]
    questions: tuple[Question, ...]


def load_bank(folder: Path | None = None) -> Bank:
    """The bank in `folder`, or the packaged bank (through the content cache) by default."""
    if folder is not None:
        return _parse_bank(folder)
    from lovecli.cache import cached

    folder = questions_dir()
    return cached("questions", sorted(folder.glob("*.toml")), lambda: _parse_bank(folder), _to_plain, _from_plain)


def _to_plain(bank: Bank) -> tuple:
    categories = tuple((c.slug, c.name, c.summary) for c in bank.categories.values())
    questions = tuple((q.id, q.text, q.category, q.depth) for q in bank.questions)
    return categories, questions


def _from_plain(plain: tuple) -> Bank:
    categories, questions = plain
    return Bank({row[0]: Category(*row) for row in categories}, tuple(Question(*row) for row in questions))


def _parse_bank(folder: Path) -> Bank:
    # The schema module loads only here: a warm content cache never needs it.
    from lovecli.content.fields import Field, all_of, between, length, read_toml, slug, validate

    category_file = {
        "category": Field(str, check=slug),
        "name": Field(str, check=length(1, 40)),
        "summary": Field(str, check=length(1, 160)),
        "question": Field(list, item_kind=dict),
    }
    question_entry = {
        "id": Field(str, check=all_of(slug, length(3, 80))),
        "depth": Field(int, check=between(1, 3)),
        "text": Field(str, check=length(15, 240)),
    }
    categories: dict[str, Category] = {}
    questions: list[Question] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.glob("*.toml")):
        document = validate(read_toml(path), category_file, path)
        category = document["category"]
        if category in categories:
            raise ContentError(str(path), "category", f"{category!r} is defined twice")
        categories[category] = Category(category, document["name"], document["summary"])
        for index, entry in enumerate(document["question"]):
            validate(entry, question_entry, path, f"question[{index}].")
            if entry["id"] in seen:
                raise ContentError(
                    str(path), f"question[{index}].id", f"{entry['id']!r} is already used in {seen[entry['id']]}"
                )
            seen[entry["id"]] = path
            questions.append(Question(entry["id"], entry["text"].strip(), category, entry["depth"]))
    if not questions:
        raise ContentError(str(folder), "", "no questions found")
    return Bank(categories, tuple(questions))
