"""The day's question and ritual, the same on both partners' machines without sharing state.

Every question gets a rank from a hash of the couple and its id; sorting by rank gives the
couple's own permutation of the bank, walked one step per day. Only standard hashes are used, so
the walk does not depend on the Python version or on anything stored.
"""

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TypeVar

WALK_START = date(2024, 1, 1)

Item = TypeVar("Item")


def _caseless(name: str) -> str:
    # Unicode's compatibility caseless form (section 3.13), so "ZOË", "zoë" and "Zoë" agree
    # however each machine's keyboard composed the letters.
    nfd = unicodedata.normalize("NFD", name)
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", nfd.casefold()).casefold())
    return " ".join(folded.split())


def couple_key(names: Iterable[str]) -> bytes:
    """The same bytes for the same two names, whatever their order, case or spacing."""
    normalised = sorted(_caseless(name) for name in names)
    return hashlib.sha256("\x1f".join(normalised).encode("utf-8")).digest()


def _walk(items: Sequence[Item], ids: Sequence[str], key: bytes, salt: str, day: date) -> Item:
    def rank(index: int) -> bytes:
        return hashlib.sha256(key + salt.encode() + b"\x00" + ids[index].encode()).digest()

    order = sorted(range(len(items)), key=rank)
    return items[order[(day - WALK_START).days % len(order)]]


def question_of_the_day(questions: Sequence, key: bytes, day: date):
    """Never repeats within len(questions) consecutive days."""
    return _walk(questions, [q.id for q in questions], key, "question", day)


def ritual_of_the_day(rituals: Sequence, key: bytes, day: date):
    return _walk(rituals, [r.id for r in rituals], key, "ritual", day)
