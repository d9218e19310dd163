"""The thing a question asks about by name, and the units that name it (part of the select
stage): what a question asks the doings of ("what does UN DESA do?"), a sentence whose
subject that thing is ("The Department works in ..."), an abbreviation asked that a unit
spells out ("The Department of Economic and Social Affairs" for "UNDESA").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.evidence import Evidence
from assistant.text import acronyms_typed_apart, terms, whole_word
from assistant.understand import Question
from assistant.vocabulary import vocabulary

# Most of an abbreviation's expansion printed names it ("Department of Economic and Social
# Affairs ... United Nations" for "UN Department of Economic and Social Affairs").
_SPELLED_SHARE = 0.75
# Words joining a name's parts ("Department of Economic and Social Affairs"), not a verb.
_NAME_JOINS = frozenset({"of", "and", "for", "the", "on", "in", "at", "to", "&"})
# A verb right after a subject: "is", "has", "works", "compiled", "will".
_VERB = re.compile(r"(?:is|are|was|were|has|have|had|will|can|may|must|should|would|could"
                   r"|[a-z]{2,}(?<!s)s|[a-z]{2,}ed)$")


@lru_cache(maxsize=1)
def _activity_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE)
                 for p in vocabulary()["activity_asked"]["patterns"])


@lru_cache(maxsize=256)
def activity_asked(text: str) -> str | None:
    """The thing a question asks the doings or purpose of ("what does UN DESA actually
    do?": "UN DESA"; "the point of the D-8": "the D-8"), or None: data/answers.json."""
    match = next((m for p in _activity_patterns() if (m := p.search(text))), None)
    return match["thing"] if match else None


def subject_words(text: str) -> list[str]:
    """The words a sentence opens with when its verb follows them, or follows one aside set
    off by commas: up to its first lower-case word that joins no name ("The Department
    works in ..." -> ["the", "department"]; "D-8, also known as Developing-8, is ..." ->
    ["d-8"]). Empty when no verb comes there (a line of names: "Division for Public
    Administration ... (UNDESA)"; "UN DESA, through its Division ..., in collaboration with
    ..., organized")."""
    words = text.split()
    start = next((i for i, w in enumerate(words)
                  if w[:1].islower() and w not in _NAME_JOINS), None)
    if not start:
        return []  # no capitalised opening: a line continued from the one before
    verb = start
    if words[start - 1].endswith(","):
        # One aside: the verb is the word after the comma that closes it.
        verb = next((i + 1 for i in range(start, len(words) - 1) if words[i].endswith(",")),
                    len(words))
    if verb >= len(words) or not _VERB.match(words[verb]):
        return []
    subject = words[:start]
    subject[-1] = subject[-1].rstrip(",")
    return [w.strip("()[],;:.'’\"").lower() for w in subject]


def subject_is(thing: str, unit: Evidence, expansions: dict[str, str]) -> bool:
    """Whether a sentence's subject is the thing asked: both name the same head word, the
    last before "of", "in" or "for" ("The Department works ..." for "the UN Department of
    Economic and Social Affairs", or for "UN DESA", which the corpus spells out so; "D-8
    is ..." for "the D-8"; not "Finally, D-8 Members require ...")."""
    if unit.kind != "sentence":
        return False
    capitals = re.findall(r"\b[A-Z][A-Z0-9-]+\b", thing)
    spelled = [expansions[a] for a in [*capitals, "".join(capitals)] if a in expansions]
    heads = {head_word(name) for name in [thing, *spelled]} - {""}
    return head_word(" ".join(subject_words(unit.text))) in heads


def head_word(name: str) -> str:
    """The word a name ends in before "of", "in", "for" ...: "department" for "the UN
    Department of Economic and Social Affairs"."""
    named = re.split(r"\s+(?:of|in|for|on|at|as|to|with)\s+", name.lower(), maxsplit=1)[0]
    return named.split()[-1].strip("()[],;:.'’\"") if named.split() else ""


# An abbreviation asked: the question's terms for it, its expansion's terms in order, and
# the abbreviation as the documents print it.
Spelled = tuple[frozenset[str], tuple[str, ...], str]


def spelled_asked(question: Question, expansions: dict[str, str]) -> list[Spelled]:
    """The abbreviations asked that the corpus spells out, as (the question's terms for
    them, their expansion's terms, the abbreviation printed); one typed in parts ("UN
    DESA") as the documents join it ("UNDESA")."""
    asked = [(a, a) for a in question.acronyms] + acronyms_typed_apart(question.text)
    return [(frozenset(terms(typed)), tuple(terms(expansions[key])), key)
            for typed, key in asked if len(expansions.get(key, "").split()) > 1]


def spelled_out(spelled: Sequence[Spelled], unit: Evidence, passage: str,
                ) -> tuple[frozenset[str], frozenset[str]]:
    """The abbreviations asked that the unit prints or spells out ("The Department of
    Economic and Social Affairs ..." for "UNDESA"), and those its passage (``passage``:
    its text) prints or spells out. Spelled out is most of the expansion's words in a run,
    as a name is printed: "National Spatial Data Infrastructure ... for development ...
    technologies" has three of the words of "National Information Technology Development
    Agency", and names another body."""
    held: set[str] = set()
    nearby: set[str] = set()
    for asked, expansion, printed in spelled:
        if _names(expansion, printed, f"{unit.context} \n{unit.chunk.document}"):
            held |= asked
        elif _names(expansion, printed, passage):
            nearby |= asked
    return frozenset(held), frozenset(nearby)


def _names(expansion: Sequence[str], printed: str, text: str) -> bool:
    """Whether a text prints an abbreviation, or most of its expansion's words in a run."""
    if printed in text and whole_word(printed).search(text):
        return True
    least = _SPELLED_SHARE * len(expansion)
    words = _ordered_terms(text)
    if len(set(expansion) & set(words)) < least:
        return False
    return _longest_run(expansion, words) >= least


@lru_cache(maxsize=4096)
def _ordered_terms(text: str) -> tuple[str, ...]:
    return tuple(terms(text))


def _longest_run(phrase: Sequence[str], words: Sequence[str]) -> int:
    """The most consecutive terms of a phrase found consecutive, in its order, in words."""
    best = 0
    previous = [0] * (len(phrase) + 1)
    for word in words:
        current = [0] * (len(phrase) + 1)
        for i, term in enumerate(phrase, 1):
            if term == word:
                current[i] = previous[i - 1] + 1
                best = max(best, current[i])
        previous = current
    return best

