"""Lists an answer gives as a series: numbered or dated headings the question names ("the
levels of service development": "Level 1. Nonexistent", ...; "the phases of Korea's
e-Government": its dated titles), and whether close evidence lists as many things as a
counted question asks ("the names of the seven levels").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.evidence import Evidence as Unit
from assistant.evidence import announces, siblings, slide_labels
from assistant.evidence_source import Evidence
from assistant.headings import dated_series, numbered_paragraphs, numbered_series
from assistant.naming import heading_named
from assistant.select import Selection
from assistant.text import terms, words
from assistant.types import Chunk, Hit
from assistant.understand import Question
from assistant.vocabulary import vocabulary

# A heading named by the question counts when it has at least two words (a one-word
# heading, "Overview", says too little).
HEADING_WORDS = 2
# A list question asking for this many things or more is declined when no close evidence
# lists them; the best this many units are looked at.
COUNTED_LIST, _LIST_LOOK = 3, 5
_ENUMERATION = re.compile(r"[,;]")
# A period named by what happened in it: "in the infrastructure period", "during the
# expansion phase" (one asked by its place, "in the first phase", is an ordinal).
_PERIODS = "|".join(vocabulary()["period_words"])
_IN_ONE_PERIOD = re.compile(rf"\b(?:in|during|within) the (?:[\w-]+ ){{1,3}}?(?:{_PERIODS})\b",
                            re.IGNORECASE)


def names_items(unit: Unit, count: int) -> bool:
    """Whether a sentence names as many things after a colon ("three main stages that
    capture the following dimensions: presence, communication, and integration")."""
    _, colon, tail = unit.text.partition(":")
    return unit.kind == "sentence" and bool(colon) and len(
        [p for p in _ENUMERATION.split(re.sub(r"\band\b", ",", tail)) if p.strip()]) >= count


def lists(selection: Selection, count: int, floor: float) -> bool:
    """Whether close evidence lists about ``count`` things: a list item or table row among
    as many (or one fewer, a list cut by a page), or a sentence naming as many."""
    for scored in selection.scored[:_LIST_LOOK]:
        unit = scored.unit
        if scored.score < floor:
            break
        if unit.kind == "row" or (unit.kind == "item" and len(siblings(unit)) >= count - 1):
            return True
        if unit.kind == "sentence" and _enumerates(unit, count):
            return True
    return False


def _enumerates(unit: Unit, count: int) -> bool:
    """Whether a sentence names ``count`` things: after a colon, as many as the number
    before it says ("across 6 categories: ..." names six), else one per comma; or it
    announces a list printed after it."""
    head, colon, tail = unit.text.partition(":")
    if colon and tail.strip():
        spelled = vocabulary()["number_words"]
        stated = [int(w) if w.isdigit() else spelled[w] for w in words(head)
                  if w.isdigit() or w in spelled]
        if stated:
            return stated[-1] >= count
        return len(_ENUMERATION.split(tail)) >= count - 1
    return announces(unit) or len(_ENUMERATION.split(unit.text)) >= count


def dated_titles(question: Question, selection: Selection, hits: Sequence[Hit],
           evidence: Evidence) -> list[Unit]:
    """For "the phases of Korea's e-Government", the dated titles about what is asked
    ("... Development (1987 ~ 2002)"), the best evidence's document first; none when the
    best list is itself introduced as phases, or when the question asks what happened in
    one period it names ("which initiatives were launched in the infrastructure period")."""
    if question.kind != "list" or not selection.scored or (
            not question.ordinal and _IN_ONE_PERIOD.search(question.text)):
        return []
    best = selection.scored[0].unit
    periods = set(terms(" ".join(vocabulary()["period_words"])))
    if not set(question.topic) & periods:
        return []
    chunks = sorted((h.chunk for h in hits), key=lambda c: c.source != best.chunk.source)
    series = dated_series(chunks, evidence.neighbour, lambda c: _about(question, c, evidence))
    if not series or question.count and len(series) != question.count:
        return []
    if set(terms(best.context)) & periods:
        # The best list is introduced as phases ("Implementation Strategy Phases of SMART
        # Government"): it answers, unless the dated titles name as much of what is asked
        # ("the phases of Korea's e-Government development").
        asked = set(question.topic) - periods
        titled = asked & set(terms(" ".join(u.text for u in series)))
        if len(titled) < len(asked & set(terms(best.context))):
            return []
    return series


def series_asked(question: Question, selection: Selection, hits: Sequence[Hit],
            evidence: Evidence) -> list[Unit]:
    """For a list question, numbered headings (the best evidence's document first) that the
    question names ("the levels of service development": "Level 1. Nonexistent", ...), as
    many as it asks for."""
    best = selection.scored[0].unit
    if question.kind != "list":
        return []
    if dated := dated_titles(question, selection, hits, evidence):
        return dated
    # The best evidence's document first: its series is the likelier answer.
    chunks = sorted((h.chunk for h in hits), key=lambda c: c.source != best.chunk.source)
    for chunk in chunks:
        # "the three focus areas": a slide titled so, its lists each under a label.
        labels = slide_labels(chunk, set(question.topic))
        if labels and (not question.count or len(labels) == question.count):
            return labels
    if best.kind in ("item", "row") or names_items(best, question.count or COUNTED_LIST):
        # A list printed as a list, a table's rows, or a sentence naming the things ("three
        # main stages: presence, communication and integration") answers first.
        return []
    series = numbered_series(question.topic, chunks, evidence.neighbour)
    if not series and heading_named(question, best, evidence.retriever.acronyms,
                                    least=HEADING_WORDS):
        # "What principles ... does the methodology set out?" under "2 The principles of
        # ...", whose "2.1 ...", "2.2 ..." titles were printed into their paragraphs.
        series = numbered_paragraphs(evidence.section(best.chunk))
    return series if not question.count or len(series) == question.count else []


def _about(question: Question, chunk: Chunk, evidence: Evidence) -> bool:
    """Whether a passage, or one beside it, names a country asked about (a deck names its
    country on the title slide, not on the timeline after it)."""
    if not question.countries:
        return True
    beside = [chunk, evidence.neighbour(chunk, -1), evidence.neighbour(chunk, 1)]
    return any(set(c.countries) & set(question.countries) for c in beside if c is not None)
