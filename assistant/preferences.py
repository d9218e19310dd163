"""Small preferences by the kind of answer asked, added to a unit's support by ``select``:
a list item for a list, the defining sentence of a term, a row whose column the question
names, a person for "who", a unit stating how often or what is planned when that is
asked. Each is smaller than the differences in support it orders (tie-breaks among close
units, not evidence).
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.admissible import NAMES_ASKED, POINTER_ASKED
from assistant.counted import counts_measure
from assistant.countries import find_countries
from assistant.evidence import Evidence, announces, following, siblings
from assistant.figures_asked import STEP_ASKED
from assistant.naming import heading_named, heads_entry, label_named, term_pattern
from assistant.people_lines import PERSON
from assistant.programme import role_named
from assistant.question_names import proper_names
from assistant.text import terms
from assistant.understand import Question, names_an_aspect
from assistant.vocabulary import number_words, vocabulary

# Preference for a unit under a heading that names the country asked about.
_COUNTRY_HEADING = 0.05
# A list asked: the least column words of a table's header the question prints for its rows
# to count as the list's items.
_COLUMNS_NAMED = 2
# A tie-break, smaller than any real difference in support.
_OTHER_LANGUAGE = 0.02
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
# A unit deferring what it names to another part of its document ("Details on the types of
# questions ... are contained in a following section"): it holds every word asked and none
# of the answer, which the units it points to state (data/answers.json "points_elsewhere").
_POINTS_ELSEWHERE = 0.1
_DEFERS = re.compile("|".join(vocabulary()["points_elsewhere"]["patterns"]), re.IGNORECASE)
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


def _column_named(question: Question, unit: Evidence) -> bool:
    """Whether the question names every word of a filled column of the row, two words or
    more ("organization" and "leads" for "Lead Organization")."""
    topic = set(question.topic)
    return any(len(named := set(terms(column))) >= 2 and named <= topic
               for column, value in unit.cells.items() if value)




def _states_count(text: str, count: int) -> bool:
    """Whether a sentence states a number of things: "5" or "five"."""
    words = [w for w, v in number_words().items() if v == count]
    return re.search(rf"\b({'|'.join([str(count), *words])})\b", text, re.IGNORECASE) is not None


def preference(question: Question, unit: Evidence, expansions: dict[str, str]) -> float:
    """Small preferences by the kind of answer asked for, added to a unit's support."""
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
    if any(stated.search(unit.text) for stated in _kinds_asked(question.text)):
        bonus += _KIND_STATED
    if (step := STEP_ASKED.search(question.text)) and re.search(
            rf"\b{step['step']}s?\s+\d", unit.text, re.IGNORECASE):
        # "What maturity level must a service have?": "only services with maturity level 3
        # and above", not the sentence on what a maturity level is.
        bonus += _STEP_NAMED
    heading = (unit.chunk.section or "").split(" > ")[-1]
    if question.countries and set(find_countries(heading)) & set(question.countries):
        bonus += _COUNTRY_HEADING  # the section is about the country, not a passing mention
    if _DEFERS.search(unit.text) and not POINTER_ASKED.search(question.text):
        bonus -= _POINTS_ELSEWHERE
    if question.language and unit.chunk.language not in ("", question.language):
        # The same passage in a translated twin: quote the one in the reader's language.
        bonus -= _OTHER_LANGUAGE
    return bonus


@lru_cache(maxsize=256)  # asked of every candidate unit
def _printed_topic(text: str, topic: tuple[str, ...]) -> frozenset[str]:
    """The question's topic terms it prints itself, its proper names ("GovStack") aside."""
    names = set(terms(" ".join(proper_names(text))))
    return frozenset(set(topic) & set(terms(text)) - names)


@lru_cache(maxsize=256)  # asked of every candidate unit
def _kinds_asked(question: str) -> tuple[re.Pattern[str], ...]:
    """How each kind the question asks for ("how often", "what is planned") is stated."""
    return tuple(stated for asked, stated in _KINDS_STATED if asked.search(question))


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
    if question.kind == "list" and (unit.kind == "item" or unit.kind == "row" and len(
            set(terms(unit.header or "")) & _printed_topic(question.text, question.topic)
    ) >= _COLUMNS_NAMED and not _column_named(question, unit)):
        # A table's row is one of a list too when the question prints its columns' words
        # ("which competencies list management as the only stakeholders": "Relevant
        # e-Competencies | Stakeholders Involved"); not by one word, nor a name a whole
        # corpus prints ("GovStack"), nor a synonym of a word asked ("Goal" for "objectives");
        # a column named whole has its own preference ("Lead Organization").
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
