"""Which units could answer a question at all, before any is scored (part of the select
stage): not navigation or furniture, a heading or a bare label; not a passage about another
country, year, edition, index or numbered item than the one asked; for a figure question,
a unit that states a figure of the measure asked, about the subject asked.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.countries import find_countries
from assistant.dates_asked import (
    PERIOD_ASKED,
    dated,
    dated_ahead,
    month,
    of_year_asked,
    states_time,
    states_time_asked,
    time_ahead_asked,
)
from assistant.evidence import Evidence, following, numbered_caption
from assistant.figures_asked import (
    answered_in_words,
    counts_measure,
    gives_figure,
    names_subject,
)
from assistant.heading_lines import (
    alone_under_heading,
    states_as_sentence,
    title_asked,
    under_heading_asked,
    under_label_asked,
)
from assistant.instructions import quotable
from assistant.knowledge import index_info, names_index_words
from assistant.measures import names_figure
from assistant.naming import is_heading, names_defined, names_index, names_role
from assistant.ordinal import labels_asked, names_other_item
from assistant.passages import sentence_tail
from assistant.people_lines import (
    CREDITED,
    NAMES_ONLY,
    PERSON,
    body_named,
    only_names,
    people_listed,
    person_named,
)
from assistant.programme import names_person, role_named
from assistant.row_field import field_left_empty, holds_field_asked
from assistant.scope import (
    NAMES_ASKED,
    about_country,
    countries_involved,
    names_city_asked,
    names_group_and_codes,
)
from assistant.subject import activity_asked
from assistant.understand import Question
from assistant.value_types import (
    events_asked,
    of_events,
    related_body,
    stated_with_event,
    states_relation,
    states_type,
)
from assistant.vocabulary import matches_vocabulary, vocabulary

# How much of a unit's start finds it in its passage's text (a sentence joined across a
# page break is longer than what its passage prints).
_START_CHARS = 40

# A question asking for a reason or a manner, at its start or at its asking sentence's
# ("teaching a session next week. how do the slides characterise it?").
_REASON = re.compile(r"(?:^|[.!?;:]\s+)\W*(?:why|how)\b(?! (?:many|much)\b)", re.IGNORECASE)
# A sentence that only sends the reader elsewhere: "See mapping table X for ...", "For
# more details, see the Guide ...", "Refer to details at ...".
_POINTER = re.compile(
    r"\W*(?:see|refer to|for (?:more|further|additional|full) (?:details|information)\b"
    r"[^.]{0,80}?\b(?:see|refer to|visit|consult))\b", re.IGNORECASE)
# A share stated ("70%", "70 per cent"), and a web address, whose digits state nothing.
_SHARE_STATED = re.compile(r"\d\s*%|\d\s+per\s*cent\b", re.IGNORECASE)
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# A question asking where to look (data/answers.json "pointer_asked").
POINTER_ASKED = re.compile("|".join(vocabulary()["pointer_asked"]["patterns"]), re.IGNORECASE)


def admissible(question: Question, unit: Evidence, expansions: dict[str, str],
               titles: str = "") -> bool:
    """Whether a unit could answer the question at all; ``titles``: the title slides printed
    before its passage, which may name its country or year."""
    chunk = unit.chunk
    # What is said about an edition or an index may name it sentences before; a figure is
    # of the edition and index its own frame names.
    # A span of years, or a time up to or since one ("in Korea's early years (87-2002)", "up
    # to 2002"), asks about a period, which the passage may state above the unit (a dated
    # title over its list), not about an edition.
    passage = chunk.text if question.kind != "figure" or _asks_period(question.text) else ""
    if not _states_something(question, unit, titles):
        return False
    if field_left_empty(question, [chunk]):
        return False  # the form leaves the field asked blank: its other fields are others'
    if question.kind == "definition" and question.defined and not names_defined(
            question.defined, unit, expansions) and not person_named(question, unit):
        # "Who is Jane Roe?" is answered by her line of a list of people ("Ghana | Ms. Jane
        # Roe | Analyst at ..."), which never names her the way she is asked.
        return False
    if not _gives_what_is_asked(question, unit, expansions, titles):
        return False
    if question.countries and not about_country(question, unit, titles):
        return False
    if not names_city_asked(question, unit, titles):
        return False
    if not names_group_and_codes(question, unit, titles):
        return False
    if question.years and not of_year_asked(question, unit, titles, passage):
        return False
    if question.indices:
        # An index asked for must be named where the unit is (its row's header, its heading,
        # its caption, its document): a figure of another index is no answer. Of two asked
        # ("OSI vs EGDI"), either. What is said about it may name it sentences before ("...
        # compare LOSI scores with OSI scores ... The gap between the two indices is ...").
        where = f"{unit.context} {chunk.document} {passage}".lower()
        if not any(names_index(name, where) for index in question.indices
                   for name in index_info(index).terms):
            return False
    if question.index_words and not names_index_words(
            question.index_words, question.alternatives,
            f"{unit.context} {chunk.document}", expansions, question.index_title):
        # An index the data files do not know ("the cybersecurity index"), or a law ("the
        # digital security act"), is named by its words: most of them where the unit is, or
        # the unit is about another index or text.
        return False
    if question.index_words and _INDEX_NOUN.search(question.text) and not (
            _INDEX_NOUN.search(f"{unit.context} {chunk.document}")
            or unit.kind == "row" and names_figure(unit.header or "")):
        # An index is named as one where it is, or its table gives its figures ("Local
        # E-Government ... | Score | Global Rank"): a sentence on "access to mobile
        # connections" is no "mobile connectivity index".
        return False
    if unit.kind == "row" and not names_subject(question, unit):
        return False  # a row is about its entity: Iceland's row does not answer on Greenland
    if unit.kind == "row" and not holds_field_asked(question, unit):
        return False  # "Moldova's ISO code in the index": its row has no such column
    # "which phone number": a value of the type asked is the figure asked.
    return question.kind != "figure" or gives_figure(question, unit) or bool(
        question.types) and states_type(question.types, unit.text) or answered_in_words(
        question, unit)


@lru_cache(maxsize=256)  # asked of every candidate unit of a figure question
def _asks_period(question: str) -> bool:
    return PERIOD_ASKED.search(question) is not None


@lru_cache(maxsize=256)  # asked of every candidate unit of a question naming one country
def _asks_other_country(question: str) -> bool:
    return matches_vocabulary(question, "other_country_asked", "patterns")


def _gives_what_is_asked(question: Question, unit: Evidence, expansions: dict[str, str],
                         titles: str) -> bool:
    """Whether a unit states the kind of thing the question asks for: the role asked ("who
    is the project manager"), a country ("from which delegation?"), a date ("what year did
    X pass it?"), a person ("which named person?"), a place ("where is it held?": "a
    workshop in October 2022" says only when)."""
    if question.role and not names_role(question.role, unit, expansions):
        return False
    if question.asks_country and not (countries_involved(unit) or find_countries(titles)
                                      or _country_kind().search(unit.text)):
        return False
    if len(question.countries) == 1 and _asks_other_country(question.text) and not (
            countries_involved(unit) - set(question.countries)):
        return False  # "Chile came first; which country was second?": Chile's lines name no other
    if question.date_asked and not dated(unit):
        return False
    if question.date_asked and time_ahead_asked(question.text) and not dated_ahead(unit):
        return False  # "in what year will they ...": the year of what was done is none
    if question.types and not states_type(question.types, unit.context):
        return False  # "the URL of his page": a row with his e-mail gives none
    if not _of_event_asked(question, unit):
        return False  # "by what date did they submit": the date of another event is none
    if question.relations and not _says_relation(question, unit, expansions):
        return False  # "who founded NSTC": a line naming NSTC says nothing of its founder
    if question.person and not (PERSON.search(unit.text) or names_person(unit.context)
                                or people_listed(unit.chunk)):
        return False  # "which named person": a body or an address names nobody
    return not question.place or _names_place(unit.text) and _of_gathering_asked(question, unit)


def _says_relation(question: Question, unit: Evidence, expansions: dict[str, str]) -> bool:
    """Whether a unit says the relation asked (a founder, funding, a seat, a head) of the
    body asked: "the finances of these funds" is no funding of the International Budget
    Partnership, which it does not name (value_types.related_body)."""
    if not states_relation(question.relations, unit.context):
        return False
    body = related_body(question.text)
    return body is None or names_defined(body, unit, expansions)


def _heading_answers(question: Question, unit: Evidence) -> bool:
    """Whether a line printed as a heading itself states what is asked: the time a question
    asking when asks for ("e-Government Infrastructure Development (1987 ~ 2002)", "6AM -
    7AM New York Welcome ..."), a value of a type asked (an e-mail address alone on its
    line under "Contact"), or a count of the measure asked ("Development of 3 National
    Roadmaps" for "how many national roadmaps")."""
    if states_time_asked(question.text, unit.text):
        return True
    if question.types and states_type(question.types, unit.text):
        return True
    return counts_measure(question, unit.text)


# A word naming an index (data/answers.json "index_nouns").
_INDEX_NOUN = re.compile(rf"\b(?:{'|'.join(vocabulary()['index_nouns']['words'])})\b",
                         re.IGNORECASE)
def _of_event_asked(question: Question, unit: Evidence) -> bool:
    """Whether the day, time or organisation a unit states is that of the event asked ("by
    what date did they submit", "which university hosts"), when the question names one:
    the event is named beside it or over it (value_types.stated_with_event)."""
    kinds = of_events(question.types)
    events = events_asked(question.text) if kinds or question.date_asked else ()
    if not events:
        return True
    frames = [f for f in (unit.chunk.section, unit.caption, unit.labels, unit.header) if f]
    return stated_with_event(events, lambda text: states_type(kinds, text) if kinds
                             else states_time(text), unit.text, frames)


def _states_something(question: Question, unit: Evidence, titles: str = "") -> bool:
    """Whether a unit says anything a reader could be given as an answer: not furniture,
    a caption, a reference, a heading, a question printed in a questionnaire, or (unless
    a list is asked for) a bare label."""
    if unit.kind == "reference" and not question.source and not (
            question.kind == "figure" and _SHARE_STATED.search(_ADDRESS.sub(" ", unit.text))):
        # A reference answers only where something comes from; a footnote stating a
        # share with its source ("2 According to a study by the EU Commission, more than
        # 70% of EU countries presented ... http://...") states a finding too.
        return False
    if unit.kind == "caption" and (question.kind != "figure" or numbered_caption(unit.text)):
        # A caption names its table; a title over one may state a count ("10 Steps for
        # ...": how many steps), though never the list itself.
        return False
    # A list of people answers who took part, who holds a role asked ("who is the director
    # of ...": the role is checked by ``names_role``), about someone it names, or about the
    # body or function a country's delegate's line prints (``body_named``).
    attended = bool(question.attendance or question.role) and people_listed(unit.chunk)
    if unit.chunk.kind == "furniture" and not (attended or person_named(question, unit)
                                               or body_named(question, unit)):
        return False
    says_nothing, heading, names_people = _what_it_is(unit)
    if says_nothing and not (POINTER_ASKED.search(question.text) and _POINTER.match(unit.text)):
        return False  # a pointer elsewhere answers only where to look
    if heading and not attended and not (NAMES_ASKED.match(question.text) and names_people) \
            and not person_named(question, unit) and not body_named(question, unit) \
            and not _heading_answers(question, unit) and not role_named(unit.text, question.topic) \
            and not title_asked(question, unit) and not under_label_asked(question, unit):
        # A heading alone answers nothing; it frames the units under it. A line of names
        # under a programme's session ("Mr. A and Ms. B") or of a list of participants
        # ("Ghana | Ms. A | Analyst at ...") says who, though it is short, and the line of
        # the person asked about says where they work ("Ms. A - which delegation?"); so does a role
        # line ("Moderator: Mr. A Officer, UN DESA") of the role the question names; a title
        # may state the time or count asked ("... Development (1987 ~ 2002)"), or be the
        # name asked ("what does the deck call its interpretation of ..."), or be one of
        # the lines listed under a label the question asks by ("Activities").
        return False
    if activity_asked(question.text) and only_names(unit):
        return False  # "what does X do?": a line naming X says nothing of what it does
    # (the passage's text above the unit is looked up only when a label is asked)
    if labels_asked(question.text) and names_other_item(
            question.text, unit.context, _printed_before(unit), titles):
        return False  # "category 2" asked: "Category 4 - ..." is another item
    # A bare label ("Open", "Closed") neither defines, gives a reason nor says what a
    # thing is like; a list of labels answers a question asking for a list or names, or
    # for what its heading names ("what resources are needed?" over "Resources": Human).
    return not (unit.kind == "item" and len(unit.text.split()) <= 2 and (
            _REASON.search(question.text) or question.kind != "list"
            and not NAMES_ASKED.match(question.text) and not under_heading_asked(question, unit)))


def _printed_before(unit: Evidence) -> str:
    """Its passage's text above the unit."""
    at = unit.chunk.text.find(unit.text[:_START_CHARS])
    return unit.chunk.text[:at] if at > 0 else ""


# The same passages come back question after question: what a unit is, whatever is asked,
# is worked out once.
@lru_cache(maxsize=20000)
def _what_it_is(unit: Evidence) -> tuple[bool, bool, bool]:
    """Whether the unit says nothing whatever is asked; whether it is a sentence that is a
    heading (not a lone line that is its section's value); whether it credits or lists
    people ("presentation by ...", "Mr. A and Ms. B")."""
    heading = unit.kind == "sentence" and is_heading(unit) and not alone_under_heading(
        unit) and not states_as_sentence(unit.text)
    names_people = bool(CREDITED.search(unit.text) or NAMES_ONLY.match(unit.text))
    return _says_nothing(unit), heading, names_people


def _says_nothing(unit: Evidence) -> bool:
    """Whether a unit is no statement, whatever is asked: an instruction, a title printed
    across a table's row, a sentence's tail, a lead-in without its list, a pointer
    elsewhere, a question printed in a questionnaire."""
    if not quotable(unit.text):
        return True
    if unit.kind == "row" and "|" in unit.text and not any(
            c.strip() for c in unit.text.split("|")[1:]):
        return True  # a title printed across a table's row ("10 Steps for ... |  | ")
    if unit.kind != "sentence":
        return False
    if sentence_tail(unit.chunk) is unit:
        return True  # the end of a sentence cut by a page break ("pair."): quoted with its start
    if unit.text.rstrip().endswith(":"):
        # A lead-in whose list is not under it ("Gartner's 5 level maturity model
        # includes:" above a paragraph) says nothing; one that ends its passage may open
        # the next one's list, which composing brings.
        after = following(unit)
        if after is not None and after.kind not in ("item", "row"):
            return True
    if _POINTER.match(unit.text):
        return True  # "See table X for ...": it sends the reader elsewhere, says nothing
    # A question printed in a document (a questionnaire's) states nothing; a form's row of
    # column names printed as a line ("System ID | ... | Hosting Cloud, on premise | Which
    # monitoring tools are in place?") names what is filled in, though its last cell asks.
    return unit.text.rstrip().endswith("?") and not _cells_named(unit.text)


def _cells_named(text: str) -> bool:
    """Whether a line holds at least two cells of a table's row ("A | B | C?")."""
    return sum(bool(cell.strip()) for cell in text.split("|")) >= 2


# A capitalised name after "in", "at" or "to": "held in Bangkok", "at Seoul National
# University" (a month or a day is excluded by data/answers.json "place_asked").
_PLACE_NAMED = re.compile(r"\b(?:in|at|to)\s+([A-Z][\w'’-]+)")


def _names_place(text: str) -> bool:
    """Whether a text names a place: a country, a capitalised name after "in", "at" or
    "to" that is no time, or a word of a place ("venue", "online")."""
    place = vocabulary()["place_asked"]
    if find_countries(text):
        return True
    if any(m.group(1).lower() not in place["not_places"] and not month().match(m.group(1))
           for m in _PLACE_NAMED.finditer(text)):
        return True
    return any(re.search(p, text, re.IGNORECASE) for p in place["stated"])


@lru_cache(maxsize=1)
def _gatherings() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"\b(?:{g})\b", re.IGNORECASE)
                 for g in vocabulary()["place_asked"]["gatherings"])


def _of_gathering_asked(question: Question, unit: Evidence) -> bool:
    """Whether the place a unit names is that of the gathering whose place is asked ("in
    which city did the Dec 2012 workshop take place"): stated with it, in its sentence or
    under a frame naming it (value_types.stated_with_event); "Study tour – Visiting ...
    places in Korea", an item of the same timeline, is another event's."""
    asked = tuple(g for g in _gatherings() if g.search(question.text))
    if not asked:
        return True
    frames = [f for f in (unit.chunk.section, unit.caption, unit.labels, unit.header) if f]
    return stated_with_event(asked, _names_place, unit.text, frames)


@lru_cache(maxsize=1)
def _country_kind() -> re.Pattern[str]:
    """A kind of countries named ("between developed and the developing countries",
    "high-income economies"): which countries, though no country is named."""
    kinds = "|".join(vocabulary()["country_kinds"]["words"])
    return re.compile(rf"\b(?:{kinds})\b(?:\s+[\w-]+){{0,3}}?\s+"
                      r"(?:countries|nations|states|economies)\b", re.IGNORECASE)
