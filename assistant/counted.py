"""The things a count question counts: "how many national roadmaps, technical training
modules and e-government services are planned?" counts three, each answered by its own
quote ("Development of 3 National Roadmaps", "Identification of 5 e-Government Services");
the words counting the same things; the numbers counting nothing (a footnote's)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.evidence import Evidence, units
from assistant.text import STOPWORDS, terms
from assistant.vocabulary import QUESTION_WORDS, vocabulary

if TYPE_CHECKING:
    from assistant.understand import Question

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


def synonyms_counting(question: Question) -> frozenset[str]:
    """The synonyms of a question's measure that count the same things ("editions" for
    "versions"), less those counting only a part of them: "4 respondents" are not the
    participants asked (data/answers.json "counted_parts")."""
    measure = set(question.measure)
    synonyms = set().union(*(g for g in question.alternatives if measure & set(g)))
    return frozenset(synonyms - {part for part, wholes in _counted_parts().items()
                                 if measure & wholes and part not in measure})


@lru_cache(maxsize=1)
def _counted_parts() -> dict[str, frozenset[str]]:
    """Each word counting a part of what its words count, as terms."""
    return {term: frozenset(t for w in wholes for t in terms(w))
            for part, wholes in vocabulary()["counted_parts"]["parts"].items()
            for term in terms(part)}


# A number opening a line, then a capitalised word: "14 The service is under
# development.", "17 Government Decision no. 330/2012 ...".
_NOTE_MARK = re.compile(r"^\s*(\d{1,3})\s+([A-Z][a-z]*)\b")


def without_note_mark(unit: Evidence, text: str) -> str:
    """The text without the number a footnote or a numbered line opens with: one a
    capitalised stopword follows ("14 The service ...", "2 This is because ..."), which
    never follows a count, or one of a run its passage numbers ("13 ...", "14 ...", or
    "8. Connected services" above "9 Similar services")."""
    mark = _NOTE_MARK.match(text)
    if mark is None:
        return text
    number = int(mark.group(1))
    # Looked for in its passage's lines as printed (an item's "8." is no part of its unit)
    # and as units (a line wrapped in the middle is one unit).
    lines = "\n".join([unit.chunk.text, *(u.text for u in units(unit.chunk))])
    if mark.group(2).lower() in STOPWORDS or re.search(
            rf"(?m)^\s*(?:{number - 1}|{number + 1})[.)]?\s+[A-Z]", lines):
        return text[mark.start(2):]
    return text
