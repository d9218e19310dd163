"""Select evidence: retrieved chunks -> quotable units scored by how well they support the
question (the third stage of answering).

A unit is what a citation quotes: a sentence, a list item with its lead-in, or a table row
with its header row and caption. Each unit is scored by meaning (MiniLM similarity of the
question and the unit in its context) fused with lexical evidence (the rarity-weighted share
of the question's topic terms the unit, its heading, caption or header contain). A unit
that cannot answer by construction is dropped: navigation and furniture, a passage about
another country or year than the one asked, a unit without a figure when a figure is asked,
a unit that never names the abbreviation asked about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

import numpy as np

from assistant.countries import find_countries
from assistant.evidence import Evidence, announces, following, siblings, units
from assistant.instructions import quotable
from assistant.knowledge import index_info
from assistant.measures import shows_unit
from assistant.naming import (
    cell_named,
    found_terms,
    heading_named,
    heads_entry,
    is_heading,
    label_named,
    names_defined,
    names_index,
    names_role,
    term_pattern,
)
from assistant.passages import sentence_tail
from assistant.settings import AnswerSettings
from assistant.text import NUMBER, terms
from assistant.types import Chunk, Hit
from assistant.understand import Question, names_an_aspect
from assistant.unitvec import UnitVectors
from assistant.vocabulary import vocabulary

# Preference for a unit under a heading that names the country asked about.
_COUNTRY_HEADING = 0.05
# A unit of a document the question names by its title or file name.
_NAMED_DOCUMENT = 0.1
# MiniLM similarity below which a unit is about something else, whatever words it shares
# with the question ("it points to the need ..." for "the point of the workshop").
_UNRELATED = 0.2
# A tie-break, smaller than any real difference in support.
_OTHER_LANGUAGE = 0.02
# Credit for a topic term found in the unit's passage but not in the unit or its frame.
_NEARBY = 0.5
# A defining verb; "is published", "are considered" (a passive) say what happens to it.
_DEFINES = re.compile(
    r"\b(is|are|refers to|means|stands for|defined as|is defined|also known as|consists of)\b"
    r"(?!\s+(?:not\s+)?[a-z]+ed\b)",
    re.IGNORECASE,
)
_COUNT_WORD = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|thousand|million|billion|dozen|first|second|third|"
    r"\d{1,3}(?:st|nd|rd|th))\b",  # a rank is a figure too: "ranked 1st", "the third"
    re.IGNORECASE,
)


# A question asking for a reason or a manner.
_REASON = re.compile(r"\W*(?:why|how)\b(?! (?:many|much)\b)", re.IGNORECASE)
# "presentation by Alexei Tikhomirov", "prepared by Dr. Jane Doe": a title line crediting
# a person answers "who presented / wrote it", though it is printed as a heading.
_CREDITED = re.compile(r"\bby\s+(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][\w'’-]+)+")
_WHO = re.compile(r"\W*who\b", re.IGNORECASE)
_PERSON = re.compile(rf"{_CREDITED.pattern}|\b(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+[A-Z][a-z]+")
# A question asking for names ("who is on the project team?").
_NAMES_ASKED = re.compile(r"\W*who\b", re.IGNORECASE)


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
        return max((s.score - s.fit for s in self.scored if s.dense >= _UNRELATED),
                   default=0.0)


TermWeight = Callable[[str], float]


def coverage(
    topic: Sequence[str], unit: Evidence, weight: TermWeight, expansions: dict[str, str],
    alternatives: Sequence[Sequence[str]] = (),
) -> float:
    """Rarity-weighted share of the topic terms found in the unit or what frames it. An
    abbreviation the corpus spells out matches its expansion, and a shared five-letter
    prefix matches ("satisfied" ~ "satisfactory"), which stemming alone misses. Each group
    of ``alternatives`` (an aspect's synonyms: challenge, problem, obstacle) counts once,
    found when any of its terms is."""
    if not topic:
        return 0.0
    found = found_terms(unit, expansions)
    prefixes = {f[:5] for f in found if len(f) >= 5}

    def has(term: str) -> bool:
        return term in found or (len(term) >= 5 and term[:5] in prefixes)

    # A term the unit's passage names elsewhere ("Joshi and Islam" a sentence earlier,
    # "this model" here) is half found: the passage is about it, the unit may not be.
    nearby = _passage_terms(unit.chunk)

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
def _passage_terms(chunk: Chunk) -> frozenset[str]:
    """A chunk's terms, once per chunk: every unit of a retrieved chunk asks for them."""
    return frozenset(terms(chunk.text))


def admissible(question: Question, unit: Evidence, expansions: dict[str, str],
               titles: str = "") -> bool:
    """Whether a unit could answer the question at all; ``titles``: the title slides printed
    before its passage, which may name its country or year."""
    chunk = unit.chunk
    if not _states_something(question, unit):
        return False
    if question.kind == "definition" and question.defined and not names_defined(
            question.defined, unit, expansions):
        return False
    if question.role and not names_role(question.role, unit, expansions):
        return False  # "who is the project manager": a passage naming no project manager
    if question.asks_country and not (_involved(unit) or find_countries(titles)):
        return False  # "from which delegation?": a passage about no country cannot say
    if question.countries:
        involved = _involved(unit) | set(find_countries(titles))
        if not involved & set(question.countries):
            return False  # a passage about another country cannot answer this one
    if question.years:
        # The edition may be said only by the file's name ("2023-OBS-Questionnaire.pdf"); what
        # a survey found, by the sentence before ("The Survey which launched in 2020 showed
        # ... Some of the new approaches include ...") though a figure only by its own frame.
        passage = chunk.text if question.kind != "figure" else ""
        where = f"{unit.context} {chunk.document} {chunk.source} {titles} {passage}"
        if not any(y == chunk.year or str(y) in where for y in question.years):
            return False
        if question.kind == "figure" and not _of_edition(question.years, unit.context):
            return False  # a 2020 table in a 2022 report gives no 2022 figure
    if question.indices:
        # An index asked for must be named where the unit is (its row's header, its heading,
        # its caption, its document): a figure of another index is no answer. Of two asked
        # ("OSI vs EGDI"), either. What is said about it may name it sentences before ("...
        # compare LOSI scores with OSI scores ... The gap between the two indices is ...").
        passage = chunk.text if question.kind != "figure" else ""
        where = f"{unit.context} {chunk.document} {passage}".lower()
        if not any(names_index(name, where) for index in question.indices
                   for name in index_info(index).terms):
            return False
    if question.index_words:
        # An index the data files do not know ("the cybersecurity index") is named by its
        # words: most of them where the unit is, or the unit is about another index.
        named = set(terms(f"{unit.context} {chunk.document}")) & set(question.index_words)
        if 3 * len(named) < 2 * len(question.index_words):
            return False
    if unit.kind == "row" and not _names_subject(question, unit):
        return False  # a row is about its entity: Iceland's row does not answer on Greenland
    return question.kind != "figure" or _gives_figure(question, unit)


_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")


def _of_edition(years: Sequence[int], context: str) -> bool:
    """Whether a figure may be of the edition asked: the years its own text, caption, header
    or heading state include one asked, or it states none (then its document's says)."""
    stated = {int(y) for y in _YEAR.findall(context)}
    return not stated or bool(stated & set(years))


def _states_something(question: Question, unit: Evidence) -> bool:
    """Whether a unit says anything a reader could be given as an answer: not furniture,
    a caption, a reference, a heading, a question printed in a questionnaire, or (unless
    a list is asked for) a bare label."""
    if unit.chunk.kind == "furniture" or unit.kind in ("caption", "reference"):
        return False
    if not quotable(unit.text):
        return False
    if unit.kind == "sentence" and is_heading(unit) and not (
            _WHO.match(question.text) and _CREDITED.search(unit.text)):
        return False  # a heading alone answers nothing; it frames the units under it
    cells = unit.text.split("|")
    if unit.kind == "row" and len(cells) > 1 and not any(c.strip() for c in cells[1:]):
        return False  # a title printed across a table's row ("10 Steps for ... |  | ")
    if unit.kind == "sentence" and sentence_tail(unit.chunk) is unit:
        return False  # the end of a sentence cut by a page break ("pair."): quoted with its start
    if unit.kind == "item" and len(unit.text.split()) <= 2 and (
            _REASON.match(question.text) or question.kind != "list"
            and not _NAMES_ASKED.match(question.text)):
        # A bare label ("Open", "Closed") neither defines, gives a reason nor says what a
        # thing is like; a list of labels answers a question asking for a list or names.
        return False
    if unit.kind == "sentence" and unit.text.rstrip().endswith(":"):
        # A lead-in whose list is not under it ("Gartner's 5 level maturity model
        # includes:" above a paragraph) says nothing; one that ends its passage may open
        # the next one's list, which composing brings.
        after = following(unit)
        if after is not None and after.kind not in ("item", "row"):
            return False
    # A question printed in a document (a questionnaire's) states nothing.
    return not (unit.kind == "sentence" and unit.text.rstrip().endswith("?"))


def _gives_figure(question: Question, unit: Evidence) -> bool:
    """Whether a unit states the figure a figure question asks for, of its measure and
    subject."""
    if unit.kind == "row" and question.topic:
        # A row answers a figure question through a column the question names ("score",
        # "global rank"), not through words of its caption ("most populous cities").
        columns = set(terms(unit.header or ""))
        # Two rows the question names by their entities ("cairo or lagos, which did
        # better") are compared on the table's figures, though no column is named.
        compared = cell_named(question.text, unit) and sum(
            cell_named(question.text, u) for u in units(unit.chunk) if u.kind == "row") >= 2
        if not columns & set(question.topic) and not compared:
            return False
    # A count of levels must mention levels, a budget a budget (in a row: its caption,
    # header or cells; or the unit asked, a header's "(billions)"): the figure of another
    # measure is no answer. A figure asked in euros must be shown in euros.
    shown = question.unit is not None and shows_unit(question.unit, unit.context)
    if question.unit and not shown:
        return False
    if question.measure and not set(question.measure) & set(terms(unit.context)) and not shown:
        return False
    if not _names_subject(question, unit):
        return False  # a figure is about its subject: "the LOSI score of Paris" needs Paris
    # The figure must be one the question does not already state ("DigComp 2.2").
    asked = set(NUMBER.findall(question.text))
    # "At which level ...?": the level may be the passage's heading ("Level 4: Managed").
    stated = f"{unit.text} {heading_number(question, unit) or ''}"
    figures = [n for n in NUMBER.findall(stated) if n not in asked]
    return bool(figures) or bool(_COUNT_WORD.search(unit.text))


# "At which level / stage / phase ...?": a step of a series, which its heading numbers.
_STEP_ASKED = re.compile(r"\bwhich (?:[\w-]+ ){0,3}?(?:level|stage|phase|step|tier)\b",
                         re.IGNORECASE)


def heading_number(question: Question, unit: Evidence) -> str | None:
    """The heading that numbers a unit's step of a series ("Level 4: Managed (Fully
    Digital)"), when the question asks at which step something happens."""
    heading = (unit.chunk.section or "").split(" > ")[-1]
    if _STEP_ASKED.search(question.text) and NUMBER.search(heading):
        return heading
    return None


def _names_subject(question: Question, unit: Evidence) -> bool:
    """Whether the unit, its heading or its document names every proper name the
    question asks about (a city, a territory, a programme)."""
    where = f"{unit.context} {unit.chunk.section or ''} {unit.chunk.document}".lower()
    return all(re.search(rf"\b{re.escape(n.lower())}", where) for n in question.names)


def _column_named(question: Question, unit: Evidence) -> bool:
    """Whether the question names every word of a filled column of the row, two words or
    more ("organization" and "leads" for "Lead Organization")."""
    topic = set(question.topic)
    return any(len(named := set(terms(column))) >= 2 and named <= topic
               for column, value in unit.cells.items() if value)


def _involved(unit: Evidence) -> set[str]:
    """The countries a unit is about: named in it, its row, its heading or its lead-in."""
    involved = set(unit.countries) | set(find_countries(unit.chunk.section or ""))
    if unit.kind != "row":
        involved |= set(find_countries(unit.header or ""))
    return involved


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
    scored = []
    for (unit, rank), dense in zip(candidates, similarity, strict=True):
        lexical = (
            coverage(question.topic, unit, weight, expansions, question.alternatives)
            if question.topic else 0.5
        )
        score = config.dense_weight * float(dense) + (1 - config.dense_weight) * lexical
        fit = _fit(question, unit, expansions)
        if named & {unit.chunk.source, unit.chunk.document}:
            fit += _NAMED_DOCUMENT  # the reader said where to look
        score += fit + config.rank_weight * (len(hits) - rank) / len(hits)
        scored.append(Scored(unit, score, float(dense), lexical, rank, fit))
    scored.sort(key=lambda s: -s.score)
    return Selection(question, scored)


def _fit(question: Question, unit: Evidence, expansions: dict[str, str]) -> float:
    """Small preferences by the kind of answer asked for."""
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
        if re.search(rf"\b{term}\b\W+(?:[\w’'-]+\W+){{0,3}}?{_DEFINES.pattern}", unit.text,
                     re.IGNORECASE):
            bonus += 0.1
            # "A Citizens Budget is a nontechnical presentation ...": the term, then what it is.
            if re.match(rf"\W*(?:an?\s+|the\s+)?{term}\b[^.]{{0,40}}?\s{_DEFINES.pattern}",
                        unit.text, re.IGNORECASE):
                bonus += 0.1
        elif heads_entry(question.defined, unit.text):
            bonus += 0.2  # the term heads its entry of a glossary: what it means follows
    if _WHO.match(question.text) and _PERSON.search(unit.text):
        bonus += 0.08  # "who presented ...": a passage naming a person
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
    heading = (unit.chunk.section or "").split(" > ")[-1]
    if question.countries and set(find_countries(heading)) & set(question.countries):
        bonus += _COUNTRY_HEADING  # the section is about the country, not a passing mention
    if question.language and unit.chunk.language not in ("", question.language):
        # The same passage in a translated twin: quote the one in the reader's language.
        bonus -= _OTHER_LANGUAGE
    return bonus
