"""Whether a unit is of the time a question asks about: of a year or an edition asked
("the 2024 survey", "in 2020"), and whether it states a time at all ("when", "what year").
One concept of the admissibility rules (admissible.py), with the patterns it needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache

from assistant.evidence import Evidence
from assistant.question_names import without_plan_years
from assistant.text import YEAR, split_sentences
from assistant.types import Chunk
from assistant.understand import Question
from assistant.vocabulary import spelled_numbers, vocabulary

# A span of years: "1987-2002", "(87-2002)", "2003 to 2007".
_PERIOD = re.compile(r"\b(?:19|20)?\d\d\s*(?:-|–|~|to)\s*(?:19|20)\d\d\b")
# A period asked: a span, or a time up to or since a year ("up to 2002", "since 2018").
PERIOD_ASKED = re.compile(rf"{_PERIOD.pattern}|\b(?:up to|until|till|through|since|before|"
                           r"after)\s+(?:19|20)\d\d\b", re.IGNORECASE)


def of_year_asked(question: Question, unit: Evidence, titles: str, passage: str) -> bool:
    """Whether a unit may be of a year asked. The edition may be said only by the file's
    name ("2023-OBS-Questionnaire.pdf"); what a survey found, by the sentence before ("The
    Survey which launched in 2020 showed ... Some of the new approaches include ...")
    though a figure only by its own frame."""
    chunk = unit.chunk

    def names_year(where: str) -> bool:
        return any(y == chunk.year or str(y) in where for y in question.years)

    where = f"{unit.context} {chunk.document} {chunk.source} {titles} {passage} " \
        f"{said_before(unit)}"
    # Spans are cut only where a year asked is printed: a span cut leaves no year it did not
    # hold (it becomes a space), and two units in five print none.
    if not names_year(where):
        return False
    if _edition_asked(question.text) and not names_year(_PERIOD.sub(" ", where)):
        return False  # "the 2024 survey" asks for an edition: a plan "2020 - 2024" is of none
    # A 2020 table in a 2022 report gives no 2022 figure; nor does a sentence on 2020 say
    # anything of "the 2022 edition" (data/answers.json "edition_words").
    if question.kind != "figure" and question.indices and (
            unit.kind == "row" or _edition_asked(question.text)):
        # An index asked of an edition however put ("egdi of iran in the 2022 un egov
        # survey?") is of the edition its unit's frame names: a row's caption or heading
        # (its cells' years are fields: a poll's "Year 2018" in the 2023 index), a
        # sentence's own text or heading.
        return _of_edition(question.years, unit, cells=unit.kind != "row")
    return (question.kind != "figure" and not _edition_word().search(question.text)
            or _of_edition(question.years, unit))


# A year a change is measured from ("up from its 2012 position", "since 2012", "than in
# 2012", "compared with 2012"): where the asker starts, not the year whose figure is asked.
_FROM_YEAR = re.compile(r"\b(?:from|since|than(?:\s+in)?|compared\s+(?:with|to))\s+"
                        r"(?:(?:its|the|their|his|her|our)\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)


def years_reached(question: Question) -> tuple[int, ...]:
    """The years a question asks a change to, when it names the year the change starts
    from ("did it move up from its 2012 position in the 2014 survey?" -> (2014,)); ()
    when it names no such start."""
    start = {int(y) for y in _FROM_YEAR.findall(question.text)}
    return tuple(y for y in question.years if y not in start) if start else ()


def reaches_year(question: Question, units: Sequence[Evidence],
                 titles: Callable[[Chunk], str]) -> bool:
    """Whether one of the units is of a year a change is asked to (``years_reached``):
    the 2012 rank says neither whether a country moved up by 2014 nor its 2014 rank.
    ``titles``: the title slides printed before a unit's passage."""
    reached = years_reached(question)
    if not reached:
        return True
    asked = replace(question, years=reached)
    return any(of_year_asked(asked, u, titles(u.chunk),
                             "" if question.kind == "figure" else u.chunk.text) for u in units)


# A sentence going on from the one before: "It was implemented for 12 countries" after "We
# implemented a pilot of the V-Dem survey in 2011".
_GOES_ON = re.compile(r"^\W*(?:It|This|That|They|These|Those|Its|Their)\b")


def said_before(unit: Evidence) -> str:
    """The sentence before a sentence that points back at it by a pronoun, in its passage
    ("We implemented a pilot ... in 2011. It was implemented for 12 countries"): the time
    of what "it" is; "" for any other unit."""
    if unit.kind != "sentence" or not _GOES_ON.match(unit.text):
        return ""
    at = unit.chunk.text.find(unit.text[:40])
    before = unit.chunk.text[:at].rstrip() if at > 0 else ""
    return re.split(r"(?<=[.!?])\s+", before)[-1] if before else ""


@lru_cache(maxsize=1)
def _edition_word() -> re.Pattern[str]:
    words = "|".join(vocabulary()["edition_words"]["words"])
    # "the 2022 edition", "the 2022 survey edition", "the 2019 OBS round", "round of 2019"
    return re.compile(rf"\b(?:19|20)\d\d\s+(?:[\w-]+\s+){{0,2}}?(?:{words})\b"
                      rf"|\b(?:{words})\s+(?:of\s+)?(?:19|20)\d\d\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _edition() -> re.Pattern[str]:
    """A year naming an edition of a document: "the 2024 UN e-gov survey", "Survey 2020"
    (data/answers.json "document_nouns")."""
    nouns = "|".join(vocabulary()["document_nouns"])
    return re.compile(rf"\b(?:19|20)\d\d\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})\b"
                      rf"|\b(?:{nouns})\s+(?:of\s+)?(?:19|20)\d\d\b", re.IGNORECASE)


@lru_cache(maxsize=256)  # asked of every candidate unit: a long alternation, ~30 us a search
def _edition_asked(question: str) -> bool:
    return _edition().search(question) is not None


@lru_cache(maxsize=1)
def month() -> re.Pattern[str]:
    """A month's name, capitalised as printed: "may" is a verb."""
    months = "|".join(m.capitalize() for m in vocabulary()["date_asked"]["months"])
    return re.compile(rf"\b(?:{months})\b")


# A time asked and a time stated, in any words: "when did the phase run", "what time did
# it start"; "(1987 ~ 2002)", "6AM" (data/answers.json "time_asked"; a month's name is
# date_asked's, as printed).
_TIME_ASKED, _TIME_STATED = (
    re.compile("|".join(vocabulary()["time_asked"][side]), re.IGNORECASE)
    for side in ("asked", "stated"))


# A year inside a law's or a decision's number ("Government Decision 330/2012"): it
# numbers the text, it dates nothing asked of it; a month's number has two digits at most.
_NUMBERED = re.compile(r"\b\d{3,}\s*/\s*(?:19|20)\d\d\b")


def dated(unit: Evidence) -> bool:
    return states_time(unit.context)


_AHEAD_ASKED, _AHEAD, _DONE = (
    re.compile("|".join(vocabulary()["time_ahead"][side]), re.IGNORECASE)
    for side in ("asked", "ahead", "done"))


@lru_cache(maxsize=256)  # asked of every candidate unit
def time_ahead_asked(question: str) -> bool:
    """Whether a question asks the time of what will be ("in what year will ...")."""
    return _AHEAD_ASKED.search(question) is not None


def dated_ahead(unit: Evidence) -> bool:
    """Whether a unit states a time in a sentence not said only of what was done: "polls
    have been conducted in 83 countries ... in the 2023 Index" dates what is done, and
    "will be conducted in future editions" states no time of what will be
    (data/answers.json "time_ahead"); nor does a year up to its document's own, unless
    said of what will be (a poll's "Year 2018" or "Year 2023" in a 2023 methodology; its
    document's year is its edition's or the latest its file's name prints)."""
    chunk = unit.chunk
    written = chunk.year or max(map(int, YEAR.findall(f"{chunk.document} {chunk.source}")),
                                default=0)

    def ahead(sentence: str) -> bool:
        if _AHEAD.search(sentence):
            return True
        years = [int(y) for y in YEAR.findall(sentence)]
        return not _DONE.search(sentence) and not (years and max(years) <= written)
    return any(states_time(s) and ahead(s)
               for s in split_sentences(unit.context) or [unit.context])


def states_time(text: str) -> bool:
    """Whether a text states a time: a year or a month ("in 2019", "Dec 2013"), a time of
    day ("6AM"), a span counted from something ("within 18 months") or a quarter ("Q3").
    A year naming a plan ("Egypt Vision 2030") or inside a text's number ("330/2012")
    dates nothing."""
    context = _NUMBERED.sub(" ", without_plan_years(text))
    return bool(YEAR.search(context) or month().search(context)
                or _TIME_STATED.search(context) or _time_otherwise().search(context))


@lru_cache(maxsize=1)
def _time_otherwise() -> re.Pattern[str]:
    """A time stated otherwise than by a year, a month or a time of day (data/answers.json
    date_asked "stated", "spans")."""
    words = vocabulary()
    numbers = spelled_numbers()
    spans = "|".join(words["date_asked"]["spans"])
    stated = "|".join(words["date_asked"]["stated"])
    return re.compile(rf"\b(?:\d+|{numbers})\s+(?:{spans})\b|{stated}", re.IGNORECASE)


def _of_edition(years: Sequence[int], unit: Evidence, cells: bool = True) -> bool:
    """Whether a figure may be of the edition asked: the years the innermost of its own
    text (unless ``cells`` is false), header, caption and heading that states any include
    one asked, or none states a year (then its document's says). A sentence giving the
    2016 count under a heading "leading up to 2022" gives no 2022 count."""
    frames = (unit.text if cells else "", unit.header, unit.labels, unit.caption,
              (unit.chunk.section or "").split(" > ")[-1])
    for frame in frames:
        stated = {int(y) for y in YEAR.findall(frame or "")}
        if stated:
            return bool(stated & set(years))
    return True


def asks_time(question: str) -> bool:
    """Whether a question asks a time, in any words ("when", "what year", "how long")."""
    return _TIME_ASKED.search(question) is not None


def states_time_asked(question: str, text: str) -> bool:
    """Whether a question asks when (in any words) and a text states a time."""
    return bool(asks_time(question) and (_TIME_STATED.search(text)
                                                  or month().search(text)))
