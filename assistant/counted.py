"""The things a count question counts: "how many national roadmaps, technical training
modules and e-government services are planned?" counts three, each answered by its own
quote ("Development of 3 National Roadmaps", "Identification of 5 e-Government Services")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence import Evidence
from assistant.text import STOPWORDS, terms
from assistant.vocabulary import QUESTION_WORDS

# A plural noun of up to three words joined to the one before by a comma, "and" or "or".
_JOINED = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
                     r"((?:(?!(?:and|or)\b)[a-z-]+\s+){0,2}[a-z-]{3,}s)\b", re.IGNORECASE)
# The first thing "how many" counts: a plural noun, with one word before it.
_FIRST = re.compile(r"\bhow many\s+((?:(?!(?:and|or)\b)[a-z-]+\s+)?[a-z-]{3,}s)\b",
                    re.IGNORECASE)


def joined_counts(rest: str) -> list[list[str]]:
    """The words of each plural noun joined to a counted one at the start of ``rest``
    (", technical training modules and e-government services are planned"), up to an
    asking word or a stopword: "how many countries, and which scored best?" counts one."""
    phrases: list[list[str]] = []
    while joined := _JOINED.match(rest):
        phrase: list[str] = []
        end = joined.start(1)
        for word in re.finditer(r"[a-z-]+", joined.group(1), re.IGNORECASE):
            if word.group().lower() in QUESTION_WORDS or word.group().lower() in STOPWORDS:
                break
            phrase.append(word.group().lower())
            end = joined.start(1) + word.end()
        if not phrase or not phrase[-1].endswith("s"):
            break
        phrases.append(phrase)
        rest = rest[end:]
    return phrases


def things_counted(question: str) -> list[frozenset[str]]:
    """The terms of each thing a "how many" question counts, the first and those joined to
    it; [] when it counts none."""
    first = _FIRST.search(question)
    if first is None:
        return []
    return [frozenset(terms(first.group(1))), *(
        frozenset(terms(" ".join(p))) for p in joined_counts(question[first.end():]))]


def one_per_thing(question: str, chosen: Sequence[Evidence]) -> list[Evidence]:
    """The quotes of a count of several things, in order, each counting a thing no quote
    before it names ("Concept for 3 Technical Training Modules" after "Development of 3
    Technical Training Modules" adds nothing); [] when the question counts one thing."""
    things = things_counted(question)
    if len(things) < 2:
        return []
    kept: list[Evidence] = []
    named: set[frozenset[str]] = set()
    for unit in chosen:
        found = {t for t in things if t <= set(terms(unit.context))} - named
        if found:
            kept.append(unit)
            named |= found
    return kept
