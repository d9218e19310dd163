"""The type of value a question asks for ("the URL of his page", "by what date", "which
organisation") and whether a text states one: a unit close in words but stating no value
of the type asked cannot answer (admissible.py). The types and their words are data
(data/answers.json "types_asked")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from assistant.vocabulary import vocabulary


def types_asked(text: str) -> tuple[str, ...]:
    """The types of value a question asks for: "the URL of his linkedin page" -> ("url",),
    "by what date" -> ("day",)."""
    return tuple(kind for kind, (asked, _) in _patterns().items()
                 if any(p.search(text) for p in asked))


def states_type(kinds: Sequence[str], text: str) -> bool:
    """Whether a text states a value of one of the types asked: a web address, an e-mail
    address, a phone number, a day, an organisation's name; of two asked ("which e-mail
    and phone number"), one is enough."""
    return any(p.search(text) for kind in kinds for p in _patterns()[kind][1])


@cache
def _patterns() -> dict[str, tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]]:
    """Each type's patterns asking for it (any case) and stating one (as written: capitals
    tell a name)."""
    return {kind: (tuple(re.compile(p, re.IGNORECASE) for p in spec["asked"]),
                   tuple(re.compile(p) for p in spec["stated"]))
            for kind, spec in vocabulary()["types_asked"].items() if not kind.startswith("_")}
