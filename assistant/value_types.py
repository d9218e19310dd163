"""The type of value a question asks for ("the URL of his page", "by what date", "which
organisation") and whether a text states one: a unit close in words but stating no value
of the type asked cannot answer (admissible.py). The types and their words are data
(data/answers.json "types_asked")."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from functools import cache, lru_cache

from assistant.text import split_sentences, terms
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


def type_words(text: str, kinds: Sequence[str]) -> frozenset[str]:
    """The terms of the words asking for a type a unit shows by a sign, not by that word
    (data "_signs": "what phone number" -> phone, number; "+33 1 ..." prints neither)."""
    signs = set(vocabulary()["types_asked"]["_signs"])
    return frozenset(t for kind in kinds if kind in signs for p in _patterns()[kind][0]
                     for found in p.finditer(text) for t in terms(found.group()))


@cache
def _patterns() -> dict[str, tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]]:
    """Each type's patterns asking for it (any case) and stating one (as written: capitals
    tell a name)."""
    return {kind: (tuple(re.compile(p, re.IGNORECASE) for p in spec["asked"]),
                   tuple(re.compile(p) for p in spec["stated"]))
            for kind, spec in vocabulary()["types_asked"].items() if not kind.startswith("_")}


def relations_asked(text: str) -> tuple[str, ...]:
    """What a question asks of a body or a person that only a unit saying it answers: "who
    founded NSTC" -> ("founder",), "how is it funded" -> ("funder",), "where is it
    headquartered" -> ("seat",), "who leads the project" -> ("head",) (data/answers.json
    "relations_asked")."""
    return tuple(kind for kind, (asked, _) in _relations().items()
                 if any(p.search(text) for p in asked))


def states_relation(kinds: Sequence[str], text: str) -> bool:
    """Whether a text says one of the relations asked ("founded by", "funded by",
    "headquartered in", "Director of"), not only names the body: of two asked, one is
    enough."""
    return any(p.search(text) for kind in kinds for p in _relations()[kind][1])


@lru_cache(maxsize=256)  # asked of every candidate unit
def related_body(text: str) -> str | None:
    """The body a relation is asked of, when the question names it where its pattern says
    ("who founded the V-Dem Institute" -> "the V-Dem Institute", "how is the nstc funded"
    -> "the nstc"): a unit saying the relation of another body does not answer."""
    for asked, _ in _relations().values():
        for pattern in asked:
            match = pattern.search(text)
            if match and "thing" in pattern.groupindex and match["thing"]:
                return str(match["thing"]).strip()
    return None


@cache
def _relations() -> dict[str, tuple[tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]]:
    """Each relation's patterns asking for it (any case) and saying it (as written: a
    capitalised "Fund" is a name's)."""
    return {kind: (tuple(re.compile(p, re.IGNORECASE) for p in spec["asked"]),
                   tuple(re.compile(p) for p in spec["stated"]))
            for kind, spec in vocabulary()["relations_asked"].items() if not kind.startswith("_")}


@lru_cache(maxsize=256)  # asked of every candidate unit
def events_asked(text: str) -> tuple[re.Pattern[str], ...]:
    """The events a question names whose date or organiser it may ask: "by what date did
    they have to submit" -> the forms of "submit" (data/answers.json "events_asked")."""
    return tuple(p for p in _events() if p.search(text))


def names_event(events: Sequence[re.Pattern[str]], text: str) -> bool:
    """Whether a text names one of the events asked, in any of its forms ("submission")."""
    return any(p.search(text) for p in events)


def of_events(kinds: Sequence[str]) -> tuple[str, ...]:
    """Those of the types asked whose value is an event's (a day, an organisation), not a
    thing's (a web address)."""
    return tuple(k for k in kinds if k in vocabulary()["events_asked"]["types"])


def stated_with_event(events: Sequence[re.Pattern[str]], states: Callable[[str], bool],
                      text: str, frames: Sequence[str]) -> bool:
    """Whether a unit states the value asked as the event's: in a sentence of its own that
    names the event ("Forms must be submitted by 15 March"), under a frame (a heading, a
    caption, a header, a lead-in) naming it ("Submission" over "15 March"), or in a
    frame's sentence naming it. A date beside another event ("the fiscal period ending
    June 2021") is no date of a submission, though both are in one passage."""
    if any(states(s) and names_event(events, s) for s in split_sentences(text) or [text]):
        return True
    if states(text) and any(names_event(events, f) for f in frames):
        return True
    return any(states(s) and names_event(events, s) for f in frames for s in split_sentences(f))


@cache
def _events() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"\b(?:{p})\b", re.IGNORECASE)
                 for p in vocabulary()["events_asked"]["events"])


@lru_cache(maxsize=4096)  # the same units, question after question
def values_stated(text: str) -> frozenset[str]:
    """The kinds of value a text states in words (data/answers.json "values_in_words"):
    "three-fourths of the experts" -> {"share"}, "within one month" -> {"duration"},
    "Annually." -> {"frequency"}; "the annual report" states none."""
    return frozenset(kind for kind, (_, stated) in _values_in_words().items()
                     if stated.search(text))


def measure_kinds(measure: Collection[str]) -> frozenset[str]:
    """The kinds of value a figure question's measure terms ask for: "share" -> {"share"},
    "time" (in "how much time") -> {"duration"}."""
    given = set(measure)
    return frozenset(kind for kind, (words, _) in _values_in_words().items() if given & words)


@cache
def _values_in_words() -> dict[str, tuple[frozenset[str], re.Pattern[str]]]:
    """Each kind's measure terms and the pattern stating a value of it (read once)."""
    return {kind: (frozenset(t for w in spec["measures"] for t in terms(w)),
                   re.compile(rf"\b(?:{'|'.join(spec['stated'])})", re.IGNORECASE))
            for kind, spec in vocabulary()["values_in_words"].items()
            if not kind.startswith("_")}
