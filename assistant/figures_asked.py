"""Whether a unit states the figure a figure question asks for (part of the select stage's
admissibility): of the measure asked (a count of levels mentions levels, a budget a
budget), about the subject asked, a number the question does not already state; a table
row through a column the question names; a count joined to what it counts. Whether a
country's row holds the field asked, whatever is asked, is row_field.py's.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from assistant.counted import (
    AMOUNT_ASKED,
    COUNT_ASKED,
    COUNT_WORD,
    counted_phrases,
    counts_measure,
    synonyms_counting,
    without_note_mark,
    without_other_counts,
)
from assistant.countries import find_countries
from assistant.country_codes import country_of_small_code
from assistant.dates_asked import asks_time, states_time_asked
from assistant.evidence import Evidence, units
from assistant.knowledge import index_part
from assistant.measures import names_figure, same_measure, shows_unit
from assistant.naming import cell_named
from assistant.pieces import numbered_lead, without_enumerators
from assistant.text import NUMBER, STOPWORDS, YEAR, terms, unligatured
from assistant.types import Chunk
from assistant.understand import Question
from assistant.value_types import measure_kinds, values_stated
from assistant.vocabulary import vocabulary

_DATE = re.compile(r"\b\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d\b")
_ORDINALS = frozenset({"first", "second", "third"})
_TIMES_WORDS = frozenset({"twice", "thrice"})
_TIMES_ASKED = re.compile(r"\b(?:times|often)\b", re.IGNORECASE)
# A question asking which countries or members, not for a number.
_ENTITIES_ASKED = re.compile(r"^\W*(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:countr(?:y|ies)|"
                             r"members?|states?|nations?|delegations?|economies)\b", re.IGNORECASE)


def gives_figure(question: Question, unit: Evidence) -> bool:
    """Whether a unit states the figure a figure question asks for, of its measure and
    subject."""
    if unit.kind == "row" and question.topic:
        # A row answers a figure question through a column the question names ("score",
        # "global rank"), not through words of its caption ("most populous cities").
        columns = set(terms(unit.header or ""))
        # Two rows the question names by their entities ("cairo or lagos, which did
        # better") are compared on the table's figures, though no column is named.
        compared = cell_named(question.text, unit) and _rows_named(question.text,
                                                                   unit.chunk) >= 2
        # A cell counting what is asked ("hosting of 4 communities of practice") also does.
        # "how many people live there" names no column; its measure, a population, does.
        # The words naming an unknown index name its table ("the legal and constitutional
        # systems index"), not a column ("Legal System").
        words_asked = same_measure(set(question.topic) - set(question.index_words)
                                   | set(question.measure))
        if not columns & words_asked and not compared and not counts_measure(
                question, unit.text):
            return False
        asked_cells = [value for name, value in unit.cells.items()
                       if set(terms(name)) & words_asked]
        if asked_cells and not any(asked_cells):
            # The row leaves the column asked blank: the footnote mark by its name
            # ("Somalia (in transition) 3 | ... |  ") is no figure of it.
            return False
    if unit.kind != "row" and _answers_time_asked(question, unit):
        return True
    # A count of levels must mention levels, a budget a budget (in a row: its caption,
    # header or cells; or the unit asked, a header's "(billions)"): the figure of another
    # measure is no answer. A figure asked in euros must be shown in euros.
    shown = question.unit is not None and shows_unit(question.unit, unit.context,
                                                      unit.chunk.language)
    if question.unit and not shown:
        return False
    if question.measure and not _measure_named(question, unit):
        # The unit shown is no measure named: a row shows it in the column of another
        # measure ("GDP (billions)" for "hospital beds in billions"), a sentence for another
        # figure ("share in GDP from 3.5% to 5%" for "the share of military spending, from
        # what % to what %").
        return False
    if not names_subject(question, unit):
        return False  # a figure is about its subject: "the LOSI score of Paris" needs Paris
    if (_ENTITIES_ASKED.match(question.text) and unit.kind == "sentence"
            and find_countries(unit.text) and not question.countries):
        # "Which members lead on e-participation scores?" asks for countries, which a
        # sentence naming them on the measure gives without a number ("Malaysia and Turkey
        # are the leading countries in terms of EPI scores").
        return True
    # The figure must be one the question does not already state ("DigComp 2.2").
    asked = set(NUMBER.findall(question.text))
    # "At which level ...?": the level may be the passage's heading ("Level 4: Managed").
    counting = bool(COUNT_ASKED.search(question.text))
    amount = AMOUNT_ASKED.search(question.text) is not None
    text = without_note_mark(unit, _unasked_sizes(question, unit.text, counting))
    if counting:
        text = _IDENTIFIER.sub(" ", without_other_counts(question, text))
        lead = numbered_lead(text)
        if lead is not None and question.measure and not set(question.measure) & set(terms(lead)):
            # "(1) ...; (4) Lacking infrastructure in villages": the numbers count the
            # things its lead-in names (challenges), not villages.
            text = without_enumerators(text)
    if counting or amount:
        text = _DATE.sub(" ", text)  # "last upload on 12.12.2023" states no amount
        text = _without_things_counted(question, text)
    stated = f"{text} {heading_number(question, unit) or ''}"
    figures = [n for n in NUMBER.findall(_REFERENCE.sub(" ", stated)) if n not in asked]
    words = COUNT_WORD.findall(text)
    if counting or amount or question.measure and not asks_time(question.text):
        # "from January 2017", "its ICT Development Index for 2020": a year dates the
        # figure asked, it is no count, amount or score (a measure the question names),
        # unless a time is what is asked.
        figures = [n for n in figures if not YEAR.fullmatch(n)]
    if counting or amount:
        # A count or an amount is no rank ("completed first", "Second, by providing ..."),
        # unless the question asks that rank too ("and which one is completed first?").
        said = set(re.findall(r"\w+", question.text.lower()))
        # Nor is "twice" a count of things ("ranked 1st for twice in a row"), unless
        # times are counted.
        words = [w for w in words if w.lower() in said or not (
            w.lower() in _ORDINALS or w[0].isdigit()
            or w.lower() in _TIMES_WORDS and not _TIMES_ASKED.search(question.text))]
    if question.indices and not counting:
        # An index's value or rank is no count of things: "four countries went up to a
        # higher EGDI group" gives no average EGDI; "ranked 1st", "the third" do rank.
        words = [w for w in words if w.lower() in _ORDINALS or w[0].isdigit()]
    # A share, a duration or a frequency in words ("three-fourths", "within one month",
    # "Annually.") is a value stated, though no count of things nor an index's value.
    in_words = not (counting or question.indices or amount) and bool(values_stated(text))
    return bool(figures) or bool(words) or in_words or bool(
        _SIDE_ASKED.search(question.text) and _SIDE_STATED.search(text))


def _answers_time_asked(question: Question, unit: Evidence) -> bool:
    """Whether a unit states the time a question asks when, in any words, of its subject:
    "how long has the UN run the survey, and how many countries does it cover" asks a time
    and a count, and "Since 2001, the Survey has tracked ..." answers the time, though it
    names no countries. A time the question states itself ("the 2014 edition") is none."""
    asked = set(NUMBER.findall(question.text))
    text = NUMBER.sub(lambda m: " " if m.group() in asked else m.group(), unit.text)
    return states_time_asked(question.text, text) and names_subject(question, unit)


@lru_cache(maxsize=1024)
def _rows_named(question: str, chunk: Chunk) -> int:
    """How many rows of a table the question names by a cell (asked once per question and
    table, not for each of its rows)."""
    return sum(cell_named(question, u) for u in units(chunk) if u.kind == "row")


# "a three-day workshop", "a 10-min slot": a number joined to what it sizes.
_SIZE = re.compile(rf"(?:\d+|{COUNT_WORD.pattern})-(?P<sized>[^\W\d_]+)", re.IGNORECASE)


_UNIT_BEFORE = 5  # how far before a number its unit is printed ("USD 5,000", "€ 200")
_PLURAL = re.compile(r"[^\W\d_]{2,}s")  # a thing counted: "countries", "months", "questions"


def _without_things_counted(question: Question, text: str) -> str:
    """The text without the numbers counting things, for an amount asked in a unit ("how
    much does it pay"): "125 countries", "83 questions", "16 months" are no sum of money;
    "USD 5,000", "5 million", "200 euros", "45 per cent", "5,000 per workshop" show the
    unit around it, or no plural noun after it ("145 scored questions" counts questions)."""
    unit = question.unit
    if unit is None or not AMOUNT_ASKED.search(question.text):
        return text

    def amount(found: re.Match[str]) -> bool:
        after = list(itertools.takewhile(lambda w: w not in STOPWORDS,
                                         found.group(2).lower().split()))
        return not any(_PLURAL.fullmatch(w) and not COUNT_WORD.fullmatch(w[:-1])
                       for w in after) or shows_unit(
            unit, f"{text[max(0, found.start() - _UNIT_BEFORE):found.start()]} {found.group(2)}")
    return counted_phrases().sub(lambda m: m.group() if amount(m) else " ", text)


def _unasked_sizes(question: Question, text: str, counting: bool) -> str:
    """The text without the sizes of things the question does not ask about: "a three-day
    workshop" says how long, not how many people attended it. Unless a count is asked, a
    size that is a value in words stays: "two-thirds" is a share, "a three-day workshop"
    says how long."""
    return _SIZE.sub(lambda m: m.group() if set(terms(m.group("sized"))) & set(
        question.topic) or not counting and values_stated(m.group()) else " ", text)


# "Out of how many countries?" asks the size of the field a rank is of; "184th out of 190"
# states it, though it does not say of what.
_TOTAL_ASKED = re.compile(r"\bout of how many\b", re.IGNORECASE)
_TOTAL_STATED = re.compile(r"\bout of (?:a total of )?\d+", re.IGNORECASE)


def _measure_named(question: Question, unit: Evidence) -> bool:
    """Whether the unit names the measure asked, or a synonym of it (data/answers.json
    "synonyms"): "how many minutes" is answered by "(20 min)", "how many versions" by
    "three editions"; or, asked the size of a ranking's field, states it."""
    if _TOTAL_ASKED.search(question.text) and _TOTAL_STATED.search(unit.text):
        return True
    measure = set(question.measure)
    part = set(index_part(question.text))
    if part and not part <= set(terms(unit.context)):
        # "on the content provision criterion": the part's own figure, not the index's
        # "Score" (a row of overall scores names no criterion).
        return False
    named = same_measure(measure) | synonyms_counting(question)
    if unit.kind == "row" and names_figure(unit.header or "") and not named & set(
            terms(f"{unit.header} {unit.text}")) and not set(
            question.topic) & _figure_columns(unit):
        # "Table 2 ... the most populous cities" over "City | Score | Global Rank": the
        # caption says how the rows were chosen; a row gives the figures its columns name,
        # by the measure or by another word asked ("the composite score": "Composite").
        return False
    # A share, a time or a frequency asked is named by a value of its kind, in words or
    # not: "Three-fourths of the Country Experts" gives a share, "two working days" a time.
    return bool(named & set(terms(unit.context))) or bool(
        measure_kinds(measure) & values_stated(unit.context))


def _figure_columns(row: Evidence) -> set[str]:
    """The terms of a row's columns of figures: those whose cell holds a number, not a name
    ("City: Dhaka" names which city; "Score: 0.15" is a figure)."""
    return set(terms(" ".join(column for column, value in row.cells.items()
                              if NUMBER.search(value))))


# "in Figure 5", "see Table 1": the number of a figure, table or section is no value.
_REFERENCE = re.compile(r"\b(?:figures?|fig\.|tables?|sections?|chapters?|annex(?:es)?|"
                        r"pages?|p\.)\s*\d+(?:\.\d+)*\b", re.IGNORECASE)


def prints_value(text: str) -> bool:
    """Whether text prints a number that is no reference to a figure, table or page."""
    return NUMBER.search(_REFERENCE.sub(" ", text)) is not None


# An item's identifier, which counts nothing: an outline number ("Activity ID: 3.1.3"), a
# number after a code in capitals ("OI 3.1", "ISO 27001").
_IDENTIFIER = re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w.])"
                         r"|\b[A-Z]{2,}\s+\d+(?:\.\d+)*(?![\w.])")
# "is Asia above or below the world average?": which side, which a sentence may state
# without a figure ("Asia has a higher level ... than the world average").
_SIDE_ASKED = re.compile(r"\b(?:above|below|higher|lower|better|worse|ahead|behind)\s+or\s+"
                         r"(?:above|below|higher|lower|better|worse|ahead|behind)\b",
                         re.IGNORECASE)
_SIDE_STATED = re.compile(r"\b(?:higher|lower|better|worse|more|less|greater|smaller)\b"
                          r"(?:\s+[\w-]+){0,5}?\s+than\b|\b(?:above|below|ahead of|behind)\b",
                          re.IGNORECASE)
# "At which level / stage / phase ...?": a step of a series, which its heading numbers.
STEP_ASKED = re.compile(
    r"\b(?:which|what) (?:[\w-]+ ){0,3}?(?P<step>level|stage|phase|step|tier)\b", re.IGNORECASE)


def heading_number(question: Question, unit: Evidence) -> str | None:
    """The heading that numbers a unit's step of a series ("Level 4: Managed (Fully
    Digital)"), when the question asks at which step something happens."""
    step = STEP_ASKED.search(question.text)
    if not step:
        return None
    heading = (unit.chunk.section or "").split(" > ")[-1]
    if NUMBER.search(heading):
        return heading
    # A slide printing its step as its first line under the series' title ("Four Stages
    # ..." over "Stage 3 – Transactional services").
    first = unit.chunk.text.split("\n", 1)[0].strip()
    if first != unit.text and re.match(rf"{step['step']}\s*\d", first, re.IGNORECASE):
        return first
    return None


def names_subject(question: Question, unit: Evidence) -> bool:
    """Whether the unit, its heading, the title over its list or its document names every
    proper name the question asks about (a city, a territory, a programme, a phase)."""
    where = unligatured(f"{unit.context} {unit.chunk.section or ''} {_title_over(unit)} "
                        f"{unit.chunk.document}").lower()  # "Ofﬁcial Languages"
    return all(_names(n, unit, where) for n in question.names)


def _names(name: str, unit: Evidence, where: str) -> bool:
    """Whether a unit names a name asked: a country's code typed in lower case ("bel") by
    a country's row as its own (Belgium's row, not Belize's, which "bel" begins), and by
    anything else as the question's own words find it (a passage on Korea's phases need not
    print "kor"); any other name by its word where the unit is."""
    country = country_of_small_code(name)
    if country:
        return not (unit.kind == "row" and unit.entity) or unit.entity == country
    return re.search(rf"\b{re.escape(name.lower())}", where) is not None


_TITLE_LINES = 2  # a list's lead-in and the title printed over it


def _title_over(unit: Evidence) -> str:
    """The lines printed right above an item's list, back to the list before it: a slide's
    "Full-Fledged Implementation of e-Government (2003 ~ 2007)" over "Expansion of
    e-Government Services" and its items says what phase they are of."""
    if unit.kind != "item":
        return ""
    found = units(unit.chunk)
    first = next(i for i, u in enumerate(found) if u.kind == "item" and u.group == unit.group)
    above: list[str] = []
    for before in reversed(found[:first]):
        if before.kind == "item" or len(above) == _TITLE_LINES:
            break
        above.append(before.text)
    return " ".join(above)


# An asking sentence opened by an auxiliary ("..., does it still count towards the score?",
# "... - does it prescribe an optimal maturity level?"): asked yes or no.
_YES_NO_ASKED = re.compile(r"(?:^|[.?!;:,]\s+|\s[-–—]\s+)\W*(?:does|do|did|is|are|was|were|can|"
                           r"could|will|would|should|may|must)\s+([^.?!;]*)\??\s*$",
                           re.IGNORECASE)


def answered_in_words(question: Question, unit: Evidence) -> bool:
    """Whether a figure asked yes or no ("does it prescribe an optimal maturity level?") is
    answered by a sentence saying no in words ("There is not a prescribed optimal level"):
    it names the thing the asking sentence ends on, says no (a "yes" comes with its
    figure, which ``gives_figure`` admits) and prints no figure of its own, which would be
    another figure, not the one asked."""
    asked = _YES_NO_ASKED.search(question.text)
    # "is its score above 0.5?", "how many": a figure is asked all the same.
    if asked is None or NUMBER.search(asked.group(1)) or COUNT_ASKED.search(
            asked.group(1)) or AMOUNT_ASKED.search(asked.group(1)) or prints_value(unit.text):
        return False
    words = terms(asked.group(1))
    return bool(words) and words[-1] in terms(unit.context) and _NEGATION.search(
        unit.text) is not None


# A word saying no (data/answers.json "negations"): a "yes" would come with its figure.
_NEGATION = re.compile(rf"(?<!\w)(?:{'|'.join(vocabulary()['negations']['words'])})(?!\w)"
                       r"|n['’]t\b", re.IGNORECASE)
