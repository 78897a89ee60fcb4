"""Content files are checked on load, and every error names the file and the field."""

from pathlib import Path

import pytest

from lovecli.content.questions import load_bank
from lovecli.content.rituals import CADENCES, load_library, load_ritual
from lovecli.errors import ContentError

GOOD_RITUAL = """\
id = "slow-hello"
name = "Slow hello"
summary = "Greet each other properly before talking about anything else."
minutes = 1
cadence = "daily"
best_time = ["evening"]
tags = ["emotional", "touch"]
steps = ["Stop what you are doing.", "Say hello with your full attention."]
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def test_a_good_ritual_loads(tmp_path):
    ritual = load_ritual(write(tmp_path, "slow-hello.toml", GOOD_RITUAL))
    assert ritual.minutes == 1 and ritual.steps[0] == "Stop what you are doing." and ritual.adapt is None


@pytest.mark.parametrize(
    "change, field, problem",
    [
        (("minutes = 1", "minutes = 0"), "minutes", "must be from 1 to 240"),
        (("minutes = 1", 'minutes = "one"'), "minutes", "must be a whole number"),
        (("minutes = 1", "minutes = true"), "minutes", "must be a whole number"),
        (('cadence = "daily"', 'cadence = "hourly"'), "cadence", "must be one of"),
        (('best_time = ["evening"]', 'best_time = ["midnight"]'), "best_time", "must be one of"),
        (('steps = ["Stop what you are doing.", "Say hello with your full attention."]', "steps = []"), "steps", "must not be empty"),
        (('steps = ["Stop what you are doing.", "Say hello with your full attention."]', "steps = [1, 2]"), "steps[0]", "must be text"),
        (('id = "slow-hello"', 'id = "Slow Hello"'), "id", "not a slug"),
        (('id = "slow-hello"', 'id = "quick-hello"'), "id", "must match the file name"),
        (('name = "Slow hello"\n', ""), "name", "missing"),
        (("minutes = 1", "minutes = 1\nstpes = []"), "stpes", "unknown field"),
    ],
)
def test_ritual_errors_name_file_and_field(tmp_path, change, field, problem):
    old, new = change
    path = write(tmp_path, "slow-hello.toml", GOOD_RITUAL.replace(old, new))
    with pytest.raises(ContentError) as error:
        load_ritual(path)
    assert error.value.file == str(path)
    assert error.value.field == field
    assert problem in error.value.problem
    assert str(error.value).startswith(f"{path}: {field}: ")


def test_invalid_toml_names_the_file(tmp_path):
    write(tmp_path, "broken.toml", 'id = "broken\n')
    with pytest.raises(ContentError, match=r"broken\.toml: invalid TOML"):
        load_library(tmp_path)


QUESTIONS = """\
category = "tiny"
name = "Tiny"
summary = "A test category."

[[question]]
id = "tiny-first"
depth = 1
text = "What made you smile today?"
"""


def test_a_question_file_loads(tmp_path):
    write(tmp_path, "tiny.toml", QUESTIONS)
    bank = load_bank(tmp_path)
    assert [q.id for q in bank.questions] == ["tiny-first"]
    assert bank.categories["tiny"].name == "Tiny"


@pytest.mark.parametrize(
    "old, new, field",
    [
        ("depth = 1", "depth = 4", "question[0].depth"),
        ('text = "What made you smile today?"', 'text = "Why?"', "question[0].text"),
        ('id = "tiny-first"', 'id = "tiny first"', "question[0].id"),
        ('name = "Tiny"\n', "", "name"),
    ],
)
def test_question_errors_name_file_and_field(tmp_path, old, new, field):
    path = write(tmp_path, "tiny.toml", QUESTIONS.replace(old, new))
    with pytest.raises(ContentError) as error:
        load_bank(tmp_path)
    assert (error.value.file, error.value.field) == (str(path), field)


def test_duplicate_question_ids_across_files_are_refused(tmp_path):
    write(tmp_path, "tiny.toml", QUESTIONS)
    write(tmp_path, "other.toml", QUESTIONS.replace('category = "tiny"', 'category = "other"'))
    with pytest.raises(ContentError, match="already used"):
        load_bank(tmp_path)


def test_the_packaged_library_has_the_daily_micro_rituals():
    library = {ritual.id: ritual for ritual in load_library()}
    for expected in ("three-appreciations", "digital-sunset", "ten-second-hug", "gratitude-text", "highs-and-lows", "eye-gazing"):
        assert library[expected].cadence == "daily"
    assert all(ritual.cadence in CADENCES for ritual in library.values())
    assert all(1 <= ritual.minutes <= 30 for ritual in library.values() if ritual.cadence == "daily")


def instrument_text(**changes):
    from lovecli.content.instruments import instruments_dir

    text = (instruments_dir() / "checklist.toml").read_text()
    for old, new in changes.values():
        assert old in text
        text = text.replace(old, new, 1)
    return text


@pytest.mark.parametrize(
    "change, field",
    [
        (("[[band]]\nmin = 9", "[[band]]\nmin = 8"), "band"),
        (("scale = \"yes-no\"", "scale = \"1-7\""), "scale"),
        (("total = true", "total = 1"), "total"),
    ],
)
def test_instrument_errors_name_file_and_field(tmp_path, change, field):
    from lovecli.content.instruments import load_instrument

    path = write(tmp_path, "checklist.toml", instrument_text(edit=change))
    with pytest.raises(ContentError) as error:
        load_instrument(path)
    assert (error.value.file, error.value.field) == (str(path), field)


def test_an_item_in_an_unknown_area_is_named(tmp_path):
    from lovecli.content.instruments import load_instrument

    text = instrument_text()
    first_area = text.split('area = "', 1)[1].split('"', 1)[0]
    path = write(tmp_path, "checklist.toml", text.replace(f'area = "{first_area}"', 'area = "nowhere"', 1))
    with pytest.raises(ContentError, match=r"item\[0\]\.area: 'nowhere' is not one of the areas"):
        load_instrument(path)
