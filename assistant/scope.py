"""Whether a unit is about what a question scopes it to (``admissible``): the country asked
(not a passage about another, nor a line naming it alone), a member of the group asked
("which African country"), and every term glued to a digit asked ("5G").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.cities import cities_named, is_capital
from assistant.countries import find_countries, find_groups
from assistant.country_data import GROUP_VARIANTS, GROUPS, MEMBER_NOUNS
from assistant.evidence import Evidence
from assistant.knowledge import scores_cities
from assistant.programme import names_someone
from assistant.text import folded
from assistant.understand import Question
from assistant.vocabulary import topic_terms

# A question asking for names ("who is on the project team?").
NAMES_ASKED = re.compile(r"\W*who\b", re.IGNORECASE)


def about_country(question: Question, unit: Evidence, titles: str) -> bool:
    """Whether a unit says something about a country asked: a passage about another
    country cannot answer, nor a line naming the country alone ("Pakistan" on a
    programme's list of presentations)."""
    if (not question.groups or question.aspects) and _members_listed(unit):
        # "eight countries: Bangladesh, ..., Pakistan and Turkey" says only that; a group
        # named ("at the d-8 workshop") may ask of its members, but no members list states
        # the challenges or the support of one of them.
        return False
    involved = countries_involved(unit) | set(find_countries(titles))
    if NAMES_ASKED.match(question.text) and names_someone(unit.text):
        # "Who chaired ...?": "Moderator: Ms. X" chairs the session its passage prints, so
        # the countries presenting in it ("Malaysia", "Nigeria" under "Session 3: Country
        # Presentations"); it says nothing else about them (their challenges).
        involved |= set(find_countries(unit.chunk.text))
    return bool(involved & set(question.countries)) and bool(
        topic_terms(unit.text, question.countries))


def names_city_asked(question: Question, unit: Evidence, titles: str) -> bool:
    """Whether a unit, its frames or its titles name a city a question asks about, or that
    city's country, when the question names no country ("did Lagos improve its local
    index"): a passage on the index in general says nothing of that city. A question naming
    only capitals may mean their governments ("how Ankara organised"); one naming another
    city too ("cairo or lagos, which did better") is answered by a unit on any of them."""
    if question.countries:
        return True  # "a mission to Abuja: what did Nigeria ask for": the country is asked
    named = _cities_asked(question.text, scores_cities(question.indices))
    if not named:
        return True
    where = f"{unit.context} {titles}"
    folded_where = " ".join(folded(where).split())
    if any(re.search(rf"\b{re.escape(city)}\b", folded_where) for city, _ in named):
        return True
    # Its country's unit, unless it is about another city of it ("Kenya | Nairobi |
    # ..." for Mombasa).
    others = {country for _, country in cities_named(where)}
    return bool({country for _, country in named} & set(find_countries(where)) - others)


@lru_cache(maxsize=256)  # asked of every candidate unit
def _cities_asked(text: str, local: bool) -> tuple[tuple[str, str], ...]:
    """Every city the text names with its country, when one of them is no capital or an
    index of cities is asked (``local``); else none."""
    named = cities_named(text)
    return tuple(named) if local or not all(is_capital(city) for city, _ in named) else ()


def names_group_and_codes(question: Question, unit: Evidence, titles: str) -> bool:
    """Whether a unit is about a member of the group asked ("which African country won
    ...": not a passage on Korea's winners) and its passage prints every term glued to a
    digit asked ("5G rollout plans": not a passage on strategies that never says 5G)."""
    if _members_asked(question) and not _about_group(question, unit, titles):
        return False
    chunk = unit.chunk
    return not question.codes or _prints_codes(
        question.codes, f"{unit.context} {chunk.text} {chunk.document}")


def _prints_codes(codes: Sequence[str], text: str) -> bool:
    """Whether a text prints every term glued to a digit that is asked ("5G", "IPv6")."""
    return all(re.search(rf"(?<![\w.,]){re.escape(code)}(?!\w)", text, re.IGNORECASE)
               for code in codes)


def _members_asked(question: Question) -> bool:
    """Whether a question asks about the members of a group or region it names ("which
    African country", "D-8 member states"), not about its event ("the D-8 workshop"), and
    names no country of its own."""
    if question.countries or question.mode or not question.groups:
        return False
    return _names_members(question.text, question.groups)


@lru_cache(maxsize=256)  # asked of every candidate unit
def _names_members(text: str, groups: tuple[str, ...]) -> bool:
    names = "|".join(re.escape(v) for g in groups for v in (g, *GROUP_VARIANTS[g]))
    nouns = "|".join(MEMBER_NOUNS)
    return re.search(rf"\b(?:{names})\s+(?:{nouns})\b", text, re.IGNORECASE) is not None


def _about_group(question: Question, unit: Evidence, titles: str) -> bool:
    """Whether a unit is about a group or region asked (data/countries.json "groups"): it,
    its frame, title slides or document name the group or one of its members."""
    where = f"{unit.context} {unit.chunk.document} {titles}"
    named = countries_involved(unit) | set(unit.chunk.countries) | set(find_countries(where))
    members = {m for group in question.groups for m in GROUPS[group]}
    return bool(named & members) or not set(find_groups(where)).isdisjoint(question.groups)


def _members_listed(unit: Evidence) -> bool:
    """Whether a unit lists every member of a group of countries (data/countries.json
    "groups"): it says who the members are, nothing of any one of them."""
    return _lists_members(unit.text)


@lru_cache(maxsize=20000)  # every question about a country asks it of the units it found
def _lists_members(text: str) -> bool:
    named = set(find_countries(text))
    return any(set(members) <= named for members in GROUPS.values())


@lru_cache(maxsize=20000)
def countries_involved(unit: Evidence) -> frozenset[str]:
    """The countries a unit is about: named in it, its row, its heading or its lead-in."""
    involved = set(unit.countries) | set(find_countries(unit.chunk.section or ""))
    if unit.kind != "row":
        involved |= set(find_countries(unit.header or ""))
    return frozenset(involved)
