"""The offline I-statement coach: finds blaming patterns and suggests an I-statement instead.

The shape is observation, feeling, need and request: "I felt ... when ... because I need ...
Would you be willing to ...?". It is a set of rules, not a judge of anyone.
"""

import re
from collections.abc import Sequence
from typing import NamedTuple

BLANK_FEELING = "[a feeling]"
BLANK_NEED = "[a need]"
BLANK_EVENT = "[what happened, as a camera would have seen it]"
BLANK_REQUEST = "[one specific thing]"


class Coaching(NamedTuple):
    text: str
    flags: tuple[str, ...]
    suggestion: str

    @property
    def fine(self) -> bool:
        return not self.flags


def _clean(fragment: str) -> str:
    fragment = re.sub(r"\b(ever|even|again|just)\b\s*", "", fragment, flags=re.IGNORECASE)
    return fragment.strip(" ,;:.!?")


_NEGATIVE_ASK = re.compile(r"\bwhy (?:don't|do not|can't|cannot|won't|will not|didn't|did not) you (?:ever )?(.+)", re.IGNORECASE)
_ASK = re.compile(r"\bwhy (?:do|did|would|are|were|is) you (?:always )?(.+)", re.IGNORECASE)
_NEVER = re.compile(r"\byou(?:'ve| have)? (?:never|don't ever|do not ever|never ever) (.+)", re.IGNORECASE)
_ALWAYS_ARE = re.compile(r"\byou(?:'re| are) always (.+)", re.IGNORECASE)
_ALWAYS = re.compile(r"\byou always (.+)", re.IGNORECASE)
_SHOULD = re.compile(r"\byou (?:should|need to|have to|'d better|had better|ought to|must) (.+)", re.IGNORECASE)


def _event_and_request(text: str) -> tuple[str, str]:
    sentence = text.strip()
    if match := _NEGATIVE_ASK.search(sentence):
        rest = _clean(match.group(1))
        return f"you didn't {rest}", rest
    if match := _NEVER.search(sentence):
        rest = _clean(match.group(1))
        return f"you didn't {rest}", rest
    if match := _ALWAYS_ARE.search(sentence):
        return f"you were {_clean(match.group(1))}", BLANK_REQUEST
    if match := _ALWAYS.search(sentence):
        return f"you {_clean(match.group(1))}", BLANK_REQUEST
    if match := _ASK.search(sentence):
        return f"you {_clean(match.group(1))}", BLANK_REQUEST
    if match := _SHOULD.search(sentence):
        wanted = _clean(match.group(1))
        if wanted.lower().startswith("have "):  # "you should have called": a past wish, not a request
            return BLANK_EVENT, BLANK_REQUEST
        return BLANK_EVENT, wanted
    return BLANK_EVENT, BLANK_REQUEST


def coach(text: str, patterns: Sequence) -> Coaching:
    """The blaming patterns found in `text`, and an I-statement to try instead (or `text` if fine)."""
    flags = tuple(p.id for p in patterns if p.matches(text))
    if not flags:
        return Coaching(text, (), text.strip())
    event, request = _event_and_request(text)
    if "name-calling" in flags:
        event = BLANK_EVENT  # never hand an insult back inside the suggestion
    suggestion = f"I felt {BLANK_FEELING} when {event} because I need {BLANK_NEED}. Would you be willing to {request}?"
    return Coaching(text, flags, suggestion)
