"""Select evidence: retrieved chunks -> quotable units scored by how well they support the
question (the third stage of answering).

A unit is what a citation quotes: a sentence, a list item with its lead-in, or a table row
with its header row and caption. Each unit is scored by meaning (MiniLM similarity of the
question and the unit in its context) fused with lexical evidence (the rarity-weighted share
of the question's topic terms the unit, its heading, caption or header contain). Only
units that could answer at all are scored (``admissible.py`` decides), and small
preferences by the kind of answer asked for (``preferences``) order close ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Protocol

import numpy as np

from assistant.admissible import admissible
from assistant.countries import find_countries
from assistant.document_kinds import kind_terms
from assistant.evidence import Evidence, units
from assistant.headings import Neighbour
from assistant.measures import names_base, relative_base, shows_unit, unit_words
from assistant.naming import (
    found_terms,
)
from assistant.ordinal import labels_asked
from assistant.passages import continued, cut_off
from assistant.people_lines import people_listed
from assistant.pieces import things_read
from assistant.preferences import preference
from assistant.question_names import described_languages
from assistant.settings import AnswerSettings
from assistant.subject import activity_asked, spelled_asked, spelled_out, subject_is
from assistant.text import fold_accents, stem, terms
from assistant.types import Chunk, Hit
from assistant.understand import Question, asks_fields
from assistant.unitvec import UnitVectors
from assistant.value_types import states_type, type_words
from assistant.vocabulary import attendance_terms, form_terms, kinds_asked, vocabulary

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
# Credit for a topic term found in the unit's passage but not in the unit or its frame.
_NEARBY = 0.5
# Share of the question's other words a unit must hold before the sign of the unit asked
# ("17%" for "what percentage of egyptians use the gateway") confirms it: a share of
# something else shows the sign too.
_UNIT_CONFIRMS = 0.5
# "What does X do?", a sentence whose subject is X ("The Department works in ...").
_SUBJECT_ASKED = 0.1


class Around(Protocol):
    """What the index knows around a passage: the title slides printed before it, and
    whether its document names a country anywhere."""

    def titles(self, chunk: Chunk) -> str: ...

    def document_names(self, source: str, country: str) -> bool: ...

    def named_documents(self, text: str) -> Sequence[str]: ...

    def neighbour(self, chunk: Chunk, step: int) -> Chunk | None: ...


@dataclass(frozen=True)
class Scored:
    unit: Evidence
    score: float  # support for the question, fused
    dense: float
    lexical: float
    rank: int  # retrieval rank of the unit's chunk
    fit: float = 0.0  # the part of ``score`` that is a preference by kind, not evidence
    # Its support read by the thing it names that is closest to the question (a quoted
    # sentence naming things one by one: ``pieces``); 0 for any other unit.
    by_thing: float = 0.0
    # It states a value asked that a sign shows ("+370 5 215 7444" for "what phone
    # number"): no words for MiniLM to find close, so never unrelated by meaning alone.
    shown: bool = False


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
        return max((max(s.score - s.fit, _MEANING_ALONE * s.dense, s.by_thing)
                    for s in self.scored if s.dense >= _UNRELATED or s.shown), default=0.0)


TermWeight = Callable[[str], float]


def coverage(
    topic: Sequence[str], unit: Evidence, weight: TermWeight, expansions: dict[str, str],
    alternatives: Sequence[Sequence[str]] = (), given: frozenset[str] = frozenset(),
    given_nearby: frozenset[str] = frozenset(), optional: frozenset[str] = frozenset(),
) -> float:
    """Rarity-weighted share of the topic terms found in the unit or what frames it. An
    abbreviation the corpus spells out matches its expansion, and a shared five-letter
    prefix matches ("satisfied" ~ "satisfactory"), which stemming alone misses. Each group
    of ``alternatives`` (an aspect's synonyms: challenge, problem, obstacle) counts once,
    found when any of its terms is. ``given``: terms the unit holds though it does not print
    them (the expansion of an abbreviation asked is the abbreviation); ``given_nearby``:
    those its passage holds. ``optional``: terms that count only where the unit holds them
    (the words of how a question is put: "mention", "flagged", "the delegation")."""
    if not topic:
        return 0.0
    found = found_terms(unit, expansions) | given
    folded, prefixes = _folded(found)

    def has(term: str) -> bool:
        # Accents aside: a French question typed without them ("evaluation", "etape") asks
        # for the words its documents print with them ("évaluation", "étape").
        term = _unaccented(term)
        return term in folded or (len(term) >= 5 and term[:5] in prefixes)

    # A term the unit's passage names elsewhere ("Joshi and Islam" a sentence earlier,
    # "this model" here) is half found: the passage is about it, the unit may not be.
    nearby = _passage_terms(unit.chunk) | given_nearby

    def credit(term: str) -> float:
        return 1.0 if has(term) else _NEARBY if term in nearby else 0.0

    grouped = {t for group in alternatives for t in group}
    counted = [(weight(t), credit(t)) for t in topic
               if t not in grouped and (t not in optional or has(t))] + [
        (max(weight(t) for t in group), max(credit(t) for t in group))
        for group in alternatives if group
    ]
    total = sum(w for w, _ in counted)
    return sum(w * c for w, c in counted) / total if total else 0.0


@lru_cache(maxsize=4096)
def _folded(found: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """A unit's terms and their five-letter prefixes, accents folded (once per unit: see
    ``found_terms``)."""
    folded = frozenset(map(_unaccented, found))
    return folded, frozenset(f[:5] for f in folded if len(f) >= 5)


def _unaccented(term: str) -> str:
    """A term as stemmed without its accents ("étape" -> "etap", as "etape" stems)."""
    return term if term.isascii() else stem(fold_accents(term))


@lru_cache(maxsize=4096)
def _passage_terms(chunk: Chunk) -> frozenset[str]:
    """A chunk's terms, once per chunk: every unit of a retrieved chunk asks for them."""
    return frozenset(terms(chunk.text))


def score_parts(dense: float, lexical: float, fit: float, rank: int, hits: int,
                config: AnswerSettings) -> tuple[float, float, float, float]:
    """The parts a unit's score adds: its meaning (MiniLM similarity) and its words
    (coverage), weighted; its preference by kind (``fit``); its passage's retrieval rank
    among ``hits`` passages, as a bonus."""
    return (config.dense_weight * dense, (1 - config.dense_weight) * lexical, fit,
            config.rank_weight * (hits - rank) / hits)


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
    # Each unit with the text it is judged on (``whole_sentence``), and its chunk's rank.
    candidates: list[tuple[Evidence, Evidence, int]] = []
    seen: set[tuple[str, str]] = set()
    named = frozenset(around.named_documents(question.text)) if around else frozenset()
    base = relative_base(question.text)
    described = _documents_described(question, hits, around)
    for rank, hit in enumerate(hits):
        if described is not None and hit.chunk.source not in described:
            continue  # another country's document
        # what a title slide before may name: the country, the year or the item asked
        before = (around.titles(hit.chunk) if around and (
            question.countries or question.years or labels_asked(question.text)) else "")
        for unit in units(hit.chunk):
            key = (unit.chunk.source, unit.text)
            if key in seen:
                continue
            read = whole_sentence(unit, around.neighbour if around is not None else None)
            # A line stopping on "of" says nothing (``cut_off``), a cut sentence read whole.
            if cut_off(read, unit, around is not None) or not admissible(
                    question, read, expansions, before):
                continue
            if base and not names_base(base, f"{read.context} {unit.chunk.text}"):
                continue  # "as a % of prison population": a share of GDP is another figure
            seen.add(key)
            candidates.append((unit, read, rank))
    if not candidates:
        return Selection(question)
    similarity = vectors([read.context for _, read, _ in candidates]) @ query
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
    # Words of how the question is put, and the kind of body it asks to be named ("which
    # UN agency"), count only where a unit prints them.
    optional = form_terms() | kinds_asked(question.text)
    # "By what percent?": a passage shows the unit by its sign ("17%"), not the word.
    in_unit = unit_words(question.text, question.unit)
    # One word asked, however many forms name it ("percentage" and "percent").
    alternatives = question.alternatives + ((tuple(in_unit),) if in_unit else ())
    besides_unit = [t for t in topic if t not in in_unit]
    # "What phone number ...?": a unit shows one ("+33 1 ..."), never the words.
    by_sign = type_words(question.text, question.types)
    scored = []
    for (unit, read, rank), dense in zip(candidates, similarity, strict=True):
        held, nearby = spelled_out(spelled, read, unit.chunk.text)
        about = thing is not None and subject_is(thing, unit, expansions)
        if about:
            held |= subject
        if attending and people_listed(unit.chunk):
            held |= attending
        # "What do the slides say about X?": a deck's passage is on the slides, unprinted.
        held |= kind_terms(unit.chunk.source, unit.chunk.doc_type)
        if in_unit and question.unit and shows_unit(question.unit, read.context) and (
                not besides_unit or coverage(besides_unit, read, weight, expansions,
                                             question.alternatives, held, nearby,
                                             optional) >= _UNIT_CONFIRMS):
            held |= in_unit
        shown = bool(by_sign) and states_type(question.types, read.context)
        if shown:
            held |= by_sign
        lexical = (
            coverage(topic, read, weight, expansions, alternatives, held, nearby, optional)
            if question.topic else 0.5
        )
        fit = preference(question, unit, expansions) + (_SUBJECT_ASKED if about else 0.0)
        if named & {unit.chunk.source, unit.chunk.document}:
            fit += _NAMED_DOCUMENT  # the reader said where to look
            if unit.kind == "row" and fields:
                # "What information does the report collect?": its table's header says,
                # whatever its sample rows hold.
                fit += _FIELDS_ASKED
        meaning, words, fit, bonus = score_parts(float(dense), lexical, fit, rank, len(hits),
                                                 config)
        scored.append(Scored(unit, meaning + words + (fit + bonus), float(dense), lexical,
                             rank, fit, shown=shown))
    scored.sort(key=lambda s: -s.score)
    return _read_by_things(Selection(question, scored), query, vectors, config)


def _read_by_things(selection: Selection, query: np.ndarray, vectors: UnitVectors,
                    config: AnswerSettings) -> Selection:
    """The units an answer quotes (at least ``keep_ratio`` of the best) with their support
    read by the closest thing each names one by one, when that is closer to the question
    than the whole: "did they mention people damaging or stealing equipment?" is about
    one of "privacy and security concerns, and infrastructure vandalization and theft",
    whose whole sentence MiniLM finds further from it. Only the support: the order of the
    units stays as their whole text scored it (a thing read alone ranked a list's sentence
    above the passage that answers "which cities were classed low"). Only when the whole
    units leave the question unsupported: the things are embedded as asked (~10 ms each),
    and support past ``min_support`` decides nothing more."""
    scored = selection.scored
    if not scored or selection.support >= config.min_support:
        return selection
    quoted = config.keep_ratio * scored[0].score
    named = [(n, thing) for n, s in enumerate(scored) if s.score >= quoted
             for thing in things_read(s.unit)]
    if not named:
        return selection
    closest: dict[int, float] = {}
    for (n, _), similarity in zip(named, vectors([text for _, text in named]) @ query,
                                  strict=True):
        closest[n] = max(closest.get(n, -1.0), float(similarity))
    read = list(scored)
    for n, thing in closest.items():
        s = scored[n]
        if thing > s.dense:
            read[n] = replace(s, by_thing=max(
                s.score - s.fit + config.dense_weight * (thing - s.dense),
                _MEANING_ALONE * thing))
    return Selection(selection.question, read)


def whole_sentence(unit: Evidence, neighbour: Neighbour | None) -> Evidence:
    """A sentence a page or column break cut, judged as printed whole: its end opens the
    next passage ("... representatives from supreme audit" / "institutions in 10 countries
    were invited ... on a subset of 25 indicators"), where alone it is no statement, and
    what the sentence says is often all in it. Composing quotes both parts
    (``passages.continued``). Only a sentence's own start (a capital, a number): a piece of
    a line such as "(including" is no sentence whole with its end either. Any other unit
    as it is."""
    opens = unit.text[:1].isupper() or unit.text[:1].isdigit()
    end = continued(unit, neighbour) if opens else None
    return unit if end is None else replace(unit, text=f"{unit.text} {end.text}")


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


def _documents_described(question: Question, hits: Sequence[Hit], around: Around | None
                         ) -> set[str] | None:
    """The documents a question may mean when it names one by a country's adjective ("the
    Moldovan methodology"): those naming the country; None when any may answer. An adjective
    that is also a language's name ("the Romanian methodology") may say the language of the
    document, of its title or of its original: then a document in that language, or any
    when no document retrieved names the country."""
    if not question.described:
        return None
    sources = {h.chunk.source for h in hits}
    named = {s for s in sources if around and all(
        around.document_names(s, c) for c in question.described)}
    languages = described_languages(question.text, question.described)
    if not languages:
        return named
    named |= {h.chunk.source for h in hits if h.chunk.language in languages}
    return named or None


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
