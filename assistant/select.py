"""Select evidence: retrieved chunks -> quotable units scored by how well they support the
question (the third stage of answering).

A unit is what a citation quotes: a sentence, a list item with its lead-in, or a table row
with its header row and caption. Each unit is scored by meaning (MiniLM similarity of the
question and the unit in its context) fused with lexical evidence (the rarity-weighted share
of the question's topic terms the unit, its heading, caption or header contain). Only
units that could answer at all are scored (``admissible.py`` decides), and small
preferences by the kind of answer asked for order close ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

import numpy as np

from assistant.admissible import NAMES_ASKED, PERSON, admissible, people_listed
from assistant.countries import find_countries
from assistant.evidence import Evidence, announces, following, siblings, units
from assistant.figures_asked import STEP_ASKED, counts_measure
from assistant.naming import (
    found_terms,
    heading_named,
    heads_entry,
    label_named,
    term_pattern,
)
from assistant.programme import role_named
from assistant.settings import AnswerSettings
from assistant.subject import activity_asked, spelled_asked, spelled_out, subject_is
from assistant.text import terms
from assistant.types import Chunk, Hit
from assistant.understand import Question, asks_fields, names_an_aspect
from assistant.unitvec import UnitVectors
from assistant.vocabulary import attendance_terms, vocabulary

# Preference for a unit under a heading that names the country asked about.
_COUNTRY_HEADING = 0.05
# A unit of a document the question names by its title or file name.
_NAMED_DOCUMENT = 0.1
_FIELDS_ASKED = 0.3  # a named document's table, asked what it records
# MiniLM similarity below which a unit is about something else, whatever words it shares
# with the question ("it points to the need ..." for "the point of the workshop").
_UNRELATED = 0.2
# Support by meaning alone: a unit MiniLM puts this close to the question supports it however
# few of its words the unit prints ("our grid is unreliable ... how are they dealing with
# power?" and "Nigeria ... has an inadequate power supply"). 0.72 x similarity clears
# min_support (0.425) from 0.59 up; no development negative's unit reaches 0.54, while two
# answerable questions in users' own words were declined at 0.61 and 0.65.
_MEANING_ALONE = 0.72
# A tie-break, smaller than any real difference in support.
_OTHER_LANGUAGE = 0.02
# Credit for a topic term found in the unit's passage but not in the unit or its frame.
_NEARBY = 0.5
# A count asked ("how many countries"), a unit counting that measure ("38 countries").
_COUNTS_MEASURE = 0.1
# A country asked, a row about a place within it (its city's): data/answers.json.
_PLACE_WITHIN = 0.05
_PLACE_COLUMNS = frozenset(terms(" ".join(vocabulary()["place_columns"]["words"])))
# "Which level ...?", a unit naming a numbered one ("level 3").
_STEP_NAMED = 0.05
# "How often ...?", a unit stating how often ("once a year"); "what is planned next?", one
# stating a plan ("will organize"): data/answers.json "kinds_stated".
_KIND_STATED = 0.1
_KINDS_STATED = [
    tuple(re.compile(rf"\b(?:{'|'.join(spec[side])})\b", re.IGNORECASE)
          for side in ("asked", "stated"))
    for name, spec in vocabulary()["kinds_stated"].items() if name != "_about"]
# "What does X do?", a sentence whose subject is X ("The Department works in ...").
_SUBJECT_ASKED = 0.1
# A defining verb; "is published", "are considered important" (a passive) say what happens
# to it, though "is considered the time it takes ..." says what it is.
_DEFINES = re.compile(
    r"\b(is|are|refers to|means|stands for|defined as|is defined|also known as|consists of"
    r"|(?:is|are) considered(?: to be)?(?=\s+(?:the|an?)\s))\b"
    r"(?!\s+(?:not\s+)?[a-z]+ed\b)",
    re.IGNORECASE,
)
# A question's word between a term and "is" asks about the term ("the activity (i.e., what
# is the reason for ...)"), it does not define it.
_ASKS = r"(?:what|which|who|how|why|where|when)\b"


class Around(Protocol):
    """What the index knows around a passage: the title slides printed before it, and
    whether its document names a country anywhere."""

    def titles(self, chunk: Chunk) -> str: ...

    def document_names(self, source: str, country: str) -> bool: ...

    def named_documents(self, text: str) -> Sequence[str]: ...


@dataclass(frozen=True)
class Scored:
    unit: Evidence
    score: float  # support for the question, fused
    dense: float
    lexical: float
    rank: int  # retrieval rank of the unit's chunk
    fit: float = 0.0  # the part of ``score`` that is a preference by kind, not evidence


@dataclass
class Selection:
    """The units that may answer a question, best first."""

    question: Question
    scored: list[Scored] = field(default_factory=list)

    @property
    def best(self) -> float:
        return self.scored[0].score if self.scored else 0.0

    @property
    def support(self) -> float:
        """How well the best evidence supports the question, without the preferences by
        kind (a list item for a list question): a preference orders the evidence, it does
        not make a member list answer "what challenges did Pakistan present"."""
        return max((max(s.score - s.fit, _MEANING_ALONE * s.dense)
                    for s in self.scored if s.dense >= _UNRELATED), default=0.0)


TermWeight = Callable[[str], float]


def coverage(
    topic: Sequence[str], unit: Evidence, weight: TermWeight, expansions: dict[str, str],
    alternatives: Sequence[Sequence[str]] = (), given: frozenset[str] = frozenset(),
    given_nearby: frozenset[str] = frozenset(),
) -> float:
    """Rarity-weighted share of the topic terms found in the unit or what frames it. An
    abbreviation the corpus spells out matches its expansion, and a shared five-letter
    prefix matches ("satisfied" ~ "satisfactory"), which stemming alone misses. Each group
    of ``alternatives`` (an aspect's synonyms: challenge, problem, obstacle) counts once,
    found when any of its terms is. ``given``: terms the unit holds though it does not print
    them (the expansion of an abbreviation asked is the abbreviation); ``given_nearby``:
    those its passage holds."""
    if not topic:
        return 0.0
    found = found_terms(unit, expansions) | given
    prefixes = _prefixes(found)

    def has(term: str) -> bool:
        return term in found or (len(term) >= 5 and term[:5] in prefixes)

    # A term the unit's passage names elsewhere ("Joshi and Islam" a sentence earlier,
    # "this model" here) is half found: the passage is about it, the unit may not be.
    nearby = _passage_terms(unit.chunk) | given_nearby

    def credit(term: str) -> float:
        return 1.0 if has(term) else _NEARBY if term in nearby else 0.0

    grouped = {t for group in alternatives for t in group}
    counted = [(weight(t), credit(t)) for t in topic if t not in grouped] + [
        (max(weight(t) for t in group), max(credit(t) for t in group))
        for group in alternatives if group
    ]
    total = sum(w for w, _ in counted)
    return sum(w * c for w, c in counted) / total if total else 0.0


@lru_cache(maxsize=4096)
def _prefixes(found: frozenset[str]) -> frozenset[str]:
    """The five-letter prefixes of a unit's terms (once per unit: see ``found_terms``)."""
    return frozenset(f[:5] for f in found if len(f) >= 5)


@lru_cache(maxsize=4096)
def _passage_terms(chunk: Chunk) -> frozenset[str]:
    """A chunk's terms, once per chunk: every unit of a retrieved chunk asks for them."""
    return frozenset(terms(chunk.text))








def _column_named(question: Question, unit: Evidence) -> bool:
    """Whether the question names every word of a filled column of the row, two words or
    more ("organization" and "leads" for "Lead Organization")."""
    topic = set(question.topic)
    return any(len(named := set(terms(column))) >= 2 and named <= topic
               for column, value in unit.cells.items() if value)




def _states_count(text: str, count: int) -> bool:
    """Whether a sentence states a number of things: "5" or "five"."""
    words = [w for w, v in vocabulary()["number_words"].items() if v == count and " " not in w]
    return re.search(rf"\b({'|'.join([str(count), *words])})\b", text, re.IGNORECASE) is not None


def select(
    question: Question,
    hits: Sequence[Hit],
    query: np.ndarray,
    vectors: UnitVectors,
    weight: TermWeight,
    expansions: dict[str, str],
    config: AnswerSettings,
    around: Around | None = None,
) -> Selection:
    """Score every admissible unit of the retrieved chunks; best first. ``around``: the title
    slides before a passage, when a country or year is asked, and the countries its
    document names, when the question names a document by its country ("the Moldovan
    methodology")."""
    candidates: list[tuple[Evidence, int]] = []
    seen: set[tuple[str, str]] = set()
    named = frozenset(around.named_documents(question.text)) if around else frozenset()
    for rank, hit in enumerate(hits):
        if question.described and not (around and all(
                around.document_names(hit.chunk.source, c) for c in question.described)):
            continue  # another country's document
        before = (around.titles(hit.chunk) if around and (question.countries or question.years)
                  else "")
        for unit in units(hit.chunk):
            key = (unit.chunk.source, unit.text)
            if key in seen or not admissible(question, unit, expansions, before):
                continue
            seen.add(key)
            candidates.append((unit, rank))
    if not candidates:
        return Selection(question)
    similarity = vectors([u.context for u, _ in candidates]) @ query
    fields = asks_fields(question.text)
    # "Which delegations said X?" is about X: the words asking for countries are in few
    # passages and in no answer's own words (``per_country`` names the countries).
    asking = _countries_asking(question) if question.across else frozenset()
    topic = [t for t in question.topic if t not in asking] or list(question.topic)
    spelled = spelled_asked(question, expansions)
    thing = activity_asked(question.text)
    # "What does UN DESA do?": "The Department works in ..." is about it, by its subject.
    subject = frozenset(terms(thing)) if thing else frozenset()
    # "Who came from Egypt?": a list of participants says who took part, never in those words.
    attending = attendance_terms(question.text) if question.attendance else frozenset()
    scored = []
    for (unit, rank), dense in zip(candidates, similarity, strict=True):
        held, nearby = spelled_out(spelled, unit, expansions,
                                   _passage_terms(unit.chunk))
        about = thing is not None and subject_is(thing, unit, expansions)
        if about:
            held |= subject
        if attending and people_listed(unit.chunk):
            held |= attending
        lexical = (
            coverage(topic, unit, weight, expansions, question.alternatives,
                     held, nearby)
            if question.topic else 0.5
        )
        score = config.dense_weight * float(dense) + (1 - config.dense_weight) * lexical
        fit = _fit(question, unit, expansions) + (_SUBJECT_ASKED if about else 0.0)
        if named & {unit.chunk.source, unit.chunk.document}:
            fit += _NAMED_DOCUMENT  # the reader said where to look
            if unit.kind == "row" and fields:
                # "What information does the report collect?": its table's header says,
                # whatever its sample rows hold.
                fit += _FIELDS_ASKED
        score += fit + config.rank_weight * (len(hits) - rank) / len(hits)
        scored.append(Scored(unit, score, float(dense), lexical, rank, fit))
    scored.sort(key=lambda s: -s.score)
    return Selection(question, scored)


def _fit(question: Question, unit: Evidence, expansions: dict[str, str]) -> float:
    """Small preferences by the kind of answer asked for."""
    bonus = _kind_fit(question, unit)
    if NAMES_ASKED.match(question.text) and PERSON.search(unit.text) and role_named(
            unit.text, question.topic) is not False:
        # "who presented ...": a passage naming a person, over one about what was
        # presented that holds every other word asked (0.08 lost to it); a line labelled
        # with another role than the one asked ("Moderator: ..." for "who spoke") not
        bonus += 0.15
    if question.aspects and names_an_aspect(question, unit.chunk.section or ""):
        bonus += 0.08
    elif heading_named(question, unit, expansions) or label_named(question, unit):
        # "who is on the project team": the passage under "Project team"; "what
        # characterizes connected services": the item "4. Connected: Gov't websites ...".
        bonus += 0.08
    if unit.kind == "row" and question.kind != "figure" and _column_named(question, unit):
        # "Which organization leads the training?": the row whose "Lead Organization" says.
        bonus += 0.1
    if question.kind == "figure" and unit.kind == "row" and unit.entity in question.countries:
        bonus += 0.1
        if _place_within(question, unit):
            bonus -= _PLACE_WITHIN  # "malaysia's world ranking": not Kuala Lumpur's
    if question.kind == "figure" and counts_measure(question, unit.text):
        bonus += _COUNTS_MEASURE
    if any(asked.search(question.text) and stated.search(unit.text)
           for asked, stated in _KINDS_STATED):
        bonus += _KIND_STATED
    if (step := STEP_ASKED.search(question.text)) and re.search(
            rf"\b{step['step']}s?\s+\d", unit.text, re.IGNORECASE):
        # "What maturity level must a service have?": "only services with maturity level 3
        # and above", not the sentence on what a maturity level is.
        bonus += _STEP_NAMED
    heading = (unit.chunk.section or "").split(" > ")[-1]
    if question.countries and set(find_countries(heading)) & set(question.countries):
        bonus += _COUNTRY_HEADING  # the section is about the country, not a passing mention
    if question.language and unit.chunk.language not in ("", question.language):
        # The same passage in a translated twin: quote the one in the reader's language.
        bonus -= _OTHER_LANGUAGE
    return bonus


def _place_within(question: Question, unit: Evidence) -> bool:
    """Whether a row is about a place within the country asked ("Malaysia | Kuala Lumpur"
    under "Country | City"), which the question names neither by its column nor its value,
    nor by an index."""
    if question.indices:
        return False
    asked = set(question.topic) | set(terms(question.text))
    return any(value and set(terms(column)) & _PLACE_COLUMNS
               and not set(terms(column)) & asked and not set(terms(value)) <= asked
               for column, value in unit.cells.items())


def _kind_fit(question: Question, unit: Evidence) -> float:
    """A list item for a list, a lead-in that opens one, the defining sentence of a term."""
    bonus = 0.0
    if question.kind == "list" and unit.kind == "item":
        bonus += 0.1
        if question.count and len(siblings(unit)) == question.count:
            bonus += 0.15  # "the four stages": a list of exactly four
    if question.kind == "list" and announces(unit) and following(unit) is None:
        # "Gartner's 5 level model includes:" ending its passage opens the sections after
        # it, a list written as headings (a list printed under it scores by its items).
        bonus += 0.1
        if question.count and _states_count(unit.text, question.count):
            bonus += 0.15
    if question.kind == "definition" and unit.kind in ("sentence", "item") and question.defined:
        term = term_pattern(question.defined)
        # The term, then within a few words what it is ("... the Citizens Budget is a ...").
        if re.search(rf"\b{term}\b\W+(?:(?!{_ASKS})[\w’'-]+\W+){{0,3}}?{_DEFINES.pattern}",
                     unit.text, re.IGNORECASE):
            bonus += 0.1
            # "A Citizens Budget is a nontechnical presentation ...": the term, then what it is.
            if re.match(rf"\W*(?:an?\s+|the\s+)?{term}\b[^.]{{0,40}}?\s{_DEFINES.pattern}",
                        unit.text, re.IGNORECASE):
                bonus += 0.1
        elif heads_entry(question.defined, unit.text):
            bonus += 0.2  # the term heads its entry of a glossary: what it means follows
    return bonus


def per_country(selection: Selection, floor: float, weight: TermWeight) -> list[Scored]:
    """Each country's best unit at or above ``floor`` that itself names the question's
    rarest topic term, in document order: the answer to "which delegations named digital
    literacy", gathered from one section per country (a workshop's country presentations).
    A unit's country is the one its section path names; units under no country's heading
    (a summary, a table) are not a country's own word. A country's section that only
    shares the common words ("challenges") does not say what was asked."""
    question = selection.question
    # Not the words asking for countries ("delegations", "named") nor an aspect's synonyms
    # ("problems"): every country's section has those.
    asking = _countries_asking(question)
    grouped = {t for group in question.alternatives for t in group}
    topic = [t for t in question.topic if t not in asking and t not in grouped]
    # A word no passage found holds ("money" for "budget constraints") tells no country's
    # section from another: the rarest one some close unit names does.
    held = [t for t in topic if any(
        s.score >= floor and _names_term(t, s.unit.text) for s in selection.scored)]
    rarest = max(held or topic, key=weight) if topic else None
    best: dict[str, Scored] = {}
    for s in selection.scored:
        owner = section_country(s.unit)
        if (owner and owner not in best and s.score >= floor
                and (rarest is None or _names_term(rarest, s.unit.text))):
            best[owner] = s
    return sorted(best.values(), key=lambda s: (
        s.unit.chunk.source, s.unit.chunk.page or 0, s.unit.chunk.section or "", s.unit.position))


def _countries_asking(question: Question) -> frozenset[str]:
    """The question's words asking which countries said something ("which delegations",
    "named", "brought up"): data/answers.json "countries_asked" and "said_words"."""
    own, said = _asking_words()
    asking = {t for p in vocabulary()["countries_asked"]
              for m in re.finditer(p, question.text, re.IGNORECASE)
              for t in terms(m.group(0)) if t in own}
    return frozenset(asking) | said


@lru_cache(maxsize=1)
def _asking_words() -> tuple[frozenset[str], frozenset[str]]:
    """The terms of the countries-asked patterns' own words, and of the said words; once.
    Only the patterns' own words ask: a group between them ("which EEA countries", "which
    African countries") is what the question is about."""
    patterns = " ".join(vocabulary()["countries_asked"])
    return (frozenset(terms(" ".join(re.findall(r"[a-z]{3,}", patterns)))),
            frozenset(terms(" ".join(vocabulary()["said_words"]["words"]))))


def _names_term(term: str, text: str) -> bool:
    """A term or a word sharing its first five letters ("literate" ~ "literacy")."""
    found = set(terms(text))
    return term in found or (len(term) >= 5 and any(f[:5] == term[:5] for f in found))


def section_country(unit: Evidence) -> str | None:
    """The country whose section holds the unit ("COUNTRY PRESENTATIONS > Egypt > ...")."""
    return next(iter(find_countries(unit.chunk.section or "")), None)
