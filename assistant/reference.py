"""A subject's figure asked against a reference ("Is Egypt's EGDI score above the world
average?", "how does Nigeria's LOSI compare with the D-8 average?"): the subject's figure
as asked alone, the reference's figure of the same measure and edition, and first one
sentence saying which is higher (answer.py runs the two through the same stages).

The reference is read from the question's words (data/answers.json "reference_figures");
its figure is the number a passage states of it: the one whose nearest naming before it,
in the same clause, is the reference ("average D-8 EGDI was 0.6015, while the global
average only just lags behind at 0.5988": the world's is 0.5988).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import NamedTuple

from assistant.country_data import GROUP_VARIANTS
from assistant.draft import CitationList, Draft
from assistant.evidence import Evidence
from assistant.evidence_source import Evidence as Source
from assistant.knowledge import index_info
from assistant.rows import columns, subject
from assistant.select import Selection
from assistant.text import NUMBER, YEAR, terms
from assistant.types import Hit
from assistant.understand import Question, parse_question
from assistant.vocabulary import vocabulary

# A clause ends where a number stops belonging to the naming before it.
_CLAUSE_END = re.compile(r"[;:]|\.\s")


@dataclass(frozen=True)
class Reference:
    """The reference a question sets a subject's figure against."""

    label: str  # as an answer names it: "the world average", "the D-8 average"
    owner: str  # "worldwide", "regional" or a group's name: whose figure it is
    span: tuple[int, int]  # where the question's text names it, with "above", "compared to"


@dataclass(frozen=True)
class Figure:
    """A figure as a passage prints it, with the citation that shows it."""

    value: str  # as printed: "0.5527"
    n: int


class _Words(NamedTuple):
    """data/answers.json "reference_figures"."""

    worldwide: list[str]
    regional: list[str]
    statistics: dict[str, str]  # as asked -> as printed and asked of the documents
    rest: list[str]
    setting_against: list[str]


@cache
def _words() -> _Words:
    return _Words(**vocabulary()["reference_figures"])


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _owners() -> dict[str, str]:
    """Each naming of an owner of figures, lower-cased -> the owner: world-wide words,
    regional words and every group's names."""
    words = _words()
    owners = {w: kind for kind, said in (("worldwide", words.worldwide),
                                         ("regional", words.regional)) for w in said}
    return owners | {v.lower(): g for g, vs in GROUP_VARIANTS.items() for v in (g, *vs)}


@cache
def _asked() -> re.Pattern[str]:
    """A reference named in a question, with the words setting the subject against it:
    "above the world average", "compare with the D-8 EGDI mean", "vs the average of the
    D-8", "the rest of the world" (which sets it against by itself)."""
    owner = _alternation(list(_owners()))
    stat = _alternation(list(_words().statistics))
    rest = _alternation(_words().rest)
    against = _alternation(_words().setting_against)
    return re.compile(
        rf"(?P<against>\b(?:{against})\.?\s+)?(?:the\s+)?"
        rf"\b(?:(?P<owner>{owner})(?:['’]s)?\s+(?:[\w-]+\s+){{0,2}}?(?P<stat>{stat})"
        rf"|(?P<stat2>{stat})\s+(?:[\w-]+\s+){{0,2}}?(?:of|across|for|in)\s+(?:the\s+)?"
        rf"(?P<owner2>{owner})"
        rf"|(?:{rest})\s+(?:the\s+)?(?P<owner3>{owner}))\b", re.IGNORECASE)


def reference_asked(question: Question) -> Reference | None:
    """The reference a question about one subject (a country, a city) sets its figure
    against, if it names one; not a group's own figure against another's ("is the D-8
    average above the world's?"): that one the documents state together."""
    # "how far did Central Asia's average rise?" asks for that average, not against it.
    match = next((m for m in _asked().finditer(question.text)
                  if m.group("against") or m.group("owner3")), None)
    if match is None:
        return None
    names = [n for n in question.names if n not in match.group()]  # not "African" in it
    if len(question.countries) + len(names) != 1:
        return None
    said = match.group("owner") or match.group("owner2") or match.group("owner3")
    owner = _owners()[said.lower()]
    stat = (match.group("stat") or match.group("stat2") or "average").lower()
    printed = _words().statistics[stat]
    place = owner if owner in GROUP_VARIANTS else said.lower()
    return Reference(f"the {place} {printed}", owner, match.span())


Answered = Callable[[Question, CitationList], tuple[Draft, list[Hit]]]


def against(question: Question, reference: Reference, evidence: Source, answer: Answered,
            search: Callable[[Question], list[Hit]], cites: CitationList
            ) -> tuple[Draft, list[Hit]]:
    """The subject's figure as ``answer`` gives it asked alone, then the reference's of the
    same measure and edition as ``search`` finds it (or one sentence saying the documents
    state none), and first the sentence saying which is higher. A question asking no figure
    of its subject ("is Malaysia below the regional mean?") is answered as asked; one of a
    figure whose edition nothing states, by the subject's figure alone."""
    alone = subject_question(question, reference)
    if alone.kind != "figure":
        return answer(question, cites)
    before = len(cites.items)
    draft, hits = answer(alone, cites)
    if draft.abstained:
        return draft, hits
    own = subject_figure(alone, cites, before)
    asked = reference_question(alone, reference, own[2] if own else None)
    if not asked.years:
        # Of which edition the subject's figure is, nothing says: a reference of another
        # (the 2012 world average beside a 2020 score) would mislead.
        return draft, hits
    found = search(asked) if asked.indices else []
    selection = evidence.select(asked, found)
    stated = stated_reference(selection, reference,
                              evidence.settings.answer.keep_ratio * selection.best)
    if stated is None:
        return replace(draft, text=f"{draft.text}\n\n{no_reference(reference)}"), hits
    unit, value = stated
    quoted = len(cites.items)
    figure = Figure(value, cites.cite(unit))
    lead = compared(own[0], own[1], reference, figure) if own else None
    texts = [lead, draft.text, None if figure.n <= quoted else f"{unit.text} [{figure.n}]"]
    return replace(draft, text="\n\n".join(t for t in texts if t)), [*hits, *found]


def subject_question(question: Question, reference: Reference) -> Question:
    """The subject's figure asked alone: the question read without the words setting it
    against the reference ("higher than the global average" asks for no "higher EGDI
    group"), nor the group in them (a comparison of its members is not asked); a figure
    when it names an index ("how does Nigeria's LOSI compare ..." asks for its score)."""
    start, end = reference.span
    text = " ".join(f"{question.text[:start]} {question.text[end:]}".split())
    alone = parse_question(text)
    return replace(alone, asked=question.asked, countries=question.countries,
                   language=question.language,
                   kind="figure" if alone.indices and alone.kind == "general" else alone.kind)


def reference_question(question: Question, reference: Reference, framed: Evidence | None
                       ) -> Question:
    """The reference's figure asked alone, of the measure and edition the subject's figure
    is of: the indices the question names (with none, ``against`` searches for no
    reference: a figure of another measure would mislead), the years it names (else those
    its row's caption or heading states)."""
    measure = " ".join(index_info(i).acronyms[0] if index_info(i).acronyms else
                       index_info(i).name for i in question.indices)
    years = [str(y) for y in question.years] or (
        YEAR.findall(f"{framed.caption or ''} {framed.chunk.section or ''}")[:1]
        if framed is not None else [])
    edition = f" in {' and '.join(years)}" if years else ""
    asked = parse_question(f"What is {reference.label} {measure}{edition}?")
    return replace(asked, asked=question.asked, language=question.language)


def subject_figure(question: Question, cites: CitationList, since: int
                   ) -> tuple[str, Figure, Evidence] | None:
    """The subject's figure as its answer framed it from a row cited after ``since``: what
    to call it ("Egypt's EGDI score"), the value, and the row."""
    for n, row in cites.framed:
        if n <= since:
            continue
        ordered = columns(row, question)
        if not ordered or not NUMBER.fullmatch(ordered[0][1].strip()):
            continue
        column, value = ordered[0]
        measure = " ".join(a for i in question.indices for a in index_info(i).acronyms[:1])
        named = column if not measure or set(terms(measure)) <= set(terms(column)) else (
            f"{measure} {column.lower()}")
        # "Istanbul's LOSI": the city asked, which Turkey's row names; "Iran's", not
        # "Iran (Islamic Republic of)'s": the country as the question names it.
        owner = next((name for name in (*question.names, *question.countries)
                      if name in row.cells.values() or name == row.entity), subject(row))
        return f"{owner}'s {named}", Figure(value.strip(), n), row
    return None


def stated_reference(selection: Selection, reference: Reference, floor: float
                     ) -> tuple[Evidence, str] | None:
    """The best unit scoring ``floor`` or more that states the reference's figure, and
    that figure as printed."""
    for scored in selection.scored:
        if scored.score < floor:
            break
        value = figure_of(scored.unit.text, reference.owner)
        if value is not None:
            return scored.unit, value
    return None


def figure_of(text: str, owner: str) -> str | None:
    """The number a text states of an owner: the first whose nearest naming of an owner
    before it, in its clause, is that owner's, in a text naming a statistic ("the world
    average of 0.43")."""
    stats = _alternation(list(_words().statistics))
    if not re.search(rf"\b(?:{stats})\b", text, re.IGNORECASE):
        return None
    named = [(m.end(), _owners()[m.group().lower()]) for m in re.finditer(
        rf"(?<![\w-])(?:{_alternation(list(_owners()))})(?![\w-])", text, re.IGNORECASE)]
    for number in NUMBER.finditer(text):
        if YEAR.fullmatch(number.group()):
            continue
        before = [(end, who) for end, who in named if end <= number.start()]
        if before and before[-1][1] == owner and not _CLAUSE_END.search(
                text, before[-1][0], number.start()):
            return number.group()
    return None


def compared(subject_name: str, figure: Figure, reference: Reference,
             stated: Figure) -> str | None:
    """'Egypt's EGDI score, 0.5527, is below the world average of 0.5988 [1][2].'; None
    when either is not a plain number."""
    mine, theirs = _value(figure.value), _value(stated.value)
    if mine is None or theirs is None:
        return None
    standing = "above" if mine > theirs else "below" if mine < theirs else "equal to"
    return (f"{subject_name}, {figure.value}, is {standing} {reference.label} of "
            f"{stated.value} [{figure.n}][{stated.n}].")


def no_reference(reference: Reference) -> str:
    """The one sentence saying the documents state no reference figure (no number: it
    would stand uncited)."""
    return f"No passage found states a figure for {reference.label} to compare it with."


def _value(printed: str) -> Decimal | None:
    try:
        return Decimal(printed.rstrip("%").replace(",", ""))
    except InvalidOperation:
        return None
