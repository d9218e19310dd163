"""Lines about people: a list of people (participants, attendees), a line naming someone
by title, a credit ("presentation by ..."). Which of them answer a question about a person
or a body; used by the select stage's admissibility (admissible.py) and its preferences.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.countries import find_countries
from assistant.evidence import Evidence
from assistant.furniture import LIST_OF_PEOPLE, furniture_reason
from assistant.text import is_title, terms
from assistant.types import Chunk
from assistant.understand import Question
from assistant.vocabulary import attendance_terms

# The share of a question's words a line of a list of people must print to answer on the
# body or function they name (``body_named``).
_BODY_SHARE = 0.75
# "presentation by Alexei Tikhomirov", "prepared by Dr. Jane Doe": a title line crediting
# a person answers "who presented / wrote it", though it is printed as a heading.
CREDITED = re.compile(r"\bby\s+(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][\w'’-]+)+")
PERSON = re.compile(rf"{CREDITED.pattern}|\b(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+[A-Z][a-z]+")
# "Mr. Juwang Zhu and Ms. Rasha Hamdy": people by their titles, and nothing else.
_ONE_NAMED = r"(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"
NAMES_ONLY = re.compile(rf"^\s*{_ONE_NAMED}(?:\s*(?:,|\band\b|&)\s*{_ONE_NAMED})*\s*$")


def only_names(unit: Evidence) -> bool:
    """Whether a line only names a body or a person, without saying anything of it: a
    title slide's line ("Division for Public Administration and Development Management
    (DPADM) UN Department of Economic and Social Affairs (UNDESA)"), a credit ("presentation
    by Alexei Tikhomirov Acting Head UNPOG")."""
    text = unit.text.rstrip()
    return unit.kind == "sentence" and not text.endswith((".", "!", "?")) and (
        is_title(text) or bool(CREDITED.search(text)))


def person_named(question: Question, unit: Evidence) -> bool:
    """Whether a line of a list of people names someone the question names ("prof suleiman
    mohammed - which body was he with?"): that line, with its function and institute,
    answers what the list is otherwise kept out of answers for."""
    if not people_listed(unit.chunk):
        return False
    named = {t for match in re.finditer(_ONE_NAMED, unit.text) for t in terms(match.group())}
    return bool(named & set(question.topic))


def body_named(question: Question, unit: Evidence) -> bool:
    """Whether a line of a list of people, of a country's delegate, prints most of the words
    a question about that country asks by, the body or function it asks about ("who heads
    the e-government center at nigeria's IT development agency": "Nigeria | Prof. A |
    Director at E-Government Center // ... National Information Technology Development
    Agency"): that line says who of the country holds it, and where. Asked of no country
    ("which department handles international relations?"), a delegate's line says nothing."""
    if not question.topic or not question.countries or not people_listed(unit.chunk):
        return False
    if not set(find_countries(unit.text)) & set(question.countries):
        return False
    printed = set(terms(unit.text))
    # The words asking who took part ("which delegate came from ...") no line prints; one
    # it prints ("agency") is the body's.
    attending = attendance_terms(question.text)
    asked = [t for t in question.topic if t in printed or t not in attending]
    return bool(asked) and sum(t in printed for t in asked) >= _BODY_SHARE * len(asked)


@lru_cache(maxsize=1024)
def people_listed(chunk: Chunk) -> bool:
    """Whether a chunk is a list of people (participants, attendees)."""
    return furniture_reason(chunk.text, section=chunk.section) == LIST_OF_PEOPLE
