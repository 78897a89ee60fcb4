"""One small schema language for every content file: each error names the file and the field."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lovecli.errors import ContentError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

Check = Callable[[Any], str | None]


@dataclass(frozen=True)
class Field:
    kind: type
    required: bool = True
    check: Check | None = None
    item_kind: type | None = None  # for lists: the type every item must have


_KIND_NAMES = {str: "text", int: "a whole number", list: "a list", dict: "a table", bool: "true or false"}


def read_toml(path: Path) -> dict:
    import tomllib  # only on a content-cache miss

    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(str(path), "", f"invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ContentError(str(path), "", "not UTF-8 text") from None


def validate(table: Any, spec: dict[str, Field], file: Path, where: str = "") -> dict:
    """Check `table` against `spec` and return it; unknown keys are errors (they are typos)."""
    if not isinstance(table, dict):
        raise ContentError(str(file), where.rstrip("."), "must be a table")
    for key in table:
        if key not in spec:
            allowed = ", ".join(spec)
            raise ContentError(str(file), f"{where}{key}", f"unknown field (allowed: {allowed})")
    for key, field in spec.items():
        name = f"{where}{key}"
        if key not in table:
            if field.required:
                raise ContentError(str(file), name, "missing")
            continue
        value = table[key]
        # bool is a subclass of int in Python, but `minutes = true` is a mistake.
        if not isinstance(value, field.kind) or (field.kind is int and isinstance(value, bool)):
            raise ContentError(str(file), name, f"must be {_KIND_NAMES[field.kind]}")
        if field.item_kind is not None:
            for index, item in enumerate(value):
                if not isinstance(item, field.item_kind):
                    raise ContentError(
                        str(file), f"{name}[{index}]", f"must be {_KIND_NAMES[field.item_kind]}"
                    )
        if field.check is not None:
            problem = field.check(value)
            if problem:
                raise ContentError(str(file), name, problem)
    return table


def slug(value: str) -> str | None:
    return None if SLUG.match(value) else f"{value!r} is not a slug (lowercase words joined by -)"


def length(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if not low <= len(value) <= high:
            return f"must be {low} to {high} long (is {len(value)})"
        return None

    return check


def one_of(*choices: Any) -> Check:
    def check(value: Any) -> str | None:
        return None if value in choices else f"must be one of {', '.join(map(str, choices))}"

    return check


def each(check: Check) -> Check:
    def check_all(values: list) -> str | None:
        for value in values:
            problem = check(value)
            if problem:
                return problem
        return None

    return check_all


def non_empty(values: list) -> str | None:
    return None if values else "must not be empty"


def between(low: int, high: int) -> Check:
    def check(value: int) -> str | None:
        return None if low <= value <= high else f"must be from {low} to {high} (is {value})"

    return check


def all_of(*checks: Check) -> Check:
    def check(value: Any) -> str | None:
        for one in checks:
            problem = one(value)
            if problem:
                return problem
        return None

    return check
