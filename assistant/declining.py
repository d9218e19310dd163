"""A decline: what the documents do not cover, said plainly, with their closest passages
cited so the reader can see what is there (never an invented answer)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.cities import cities_asked_as_themselves, cities_named
from assistant.dates_asked import PERIOD_ASKED
from assistant.draft import CitationList, Draft
from assistant.evidence import Evidence
from assistant.knowledge import index_parts_named, scores_cities
from assistant.question_names import plan_years
from assistant.text import and_joined, terms
from assistant.understand import Question


def decline(question: Question, reason: str, nearby: Sequence[Evidence] = (),
            statement: str | None = None, *, rule: str = "") -> Draft:
    """Say plainly what the documents do not cover (or ``statement``: what was found
    instead), and cite their closest passages so the reader can see what is there.
    ``rule`` names the check that declined (extras "declined_by"), so evaluations can
    count which rule declines answerable questions."""
    text = statement or f"The documents do not cover {reason}."
    cites = CitationList()
    # Two passages in one place are named once: "under X in Y [1][2]", not twice.
    places: dict[str, str] = {}
    for unit in list(dict.fromkeys(nearby))[:2]:
        place = _place(unit)
        places[place] = places.get(place, "") + f"[{cites.cite(unit)}]"
    if places:
        text += " The closest passages are " + " and ".join(
            f"{place} {ns}" for place, ns in places.items()) + "."
    return Draft(text, cites, abstained=True, extras={"declined_by": rule} if rule else {})


def _place(unit: Evidence) -> str:
    section = (unit.chunk.section or "").split(" > ")[-1]
    return f"under “{section}” in {unit.chunk.document}" if section else f"in {unit.chunk.document}"


def what_is_missing(question: Question, known_countries: set[str]) -> str:
    """The subject of a decline: the unknown country, else what the question asks for."""
    unknown = [c for c in question.countries if c not in known_countries]
    if unknown:
        return ", ".join(unknown)
    subject = " ".join(question.indices) or "this question"
    # "the content provision criterion of LOSI": the part asked, not the whole index.
    parts = index_parts_named(question.text)
    if parts:
        subject = f"the {and_joined(parts)}" + (f" of {subject}" if question.indices else "")
    # A city asked about as itself ("what LOSI score did mombasa get") is what is missing.
    cities = [] if question.countries else [city.title() for city, _ in
                                            cities_asked_as_themselves(
                                                question.text, scores_cities(question.indices))]
    if question.countries:
        subject += f" for {', '.join(question.countries)}"
    elif cities:
        subject += f" for {and_joined(cities)}"
    if question.years:
        subject += " for the year asked"  # the year is not repeated: no number unquoted
    return subject


def countries_unnamed(question: Question, known_countries: set[str]) -> str | None:
    """The sentence an answer ends with when it names countries no document names ("the
    score of Chile and Iceland": Chile's figure, and that Iceland is named nowhere), so
    silence on one is not read as an answer; None when every country asked is named."""
    unknown = [c for c in question.countries if c not in known_countries]
    return named_nowhere(unknown) if unknown else None


def named_nowhere(names: Sequence[str]) -> str:
    """The sentence saying that no document names these countries or places."""
    return f"No document names {and_joined(names)}."


def places_unprinted(question: Question, known: Callable[[str], bool]) -> list[str]:
    """The cities (as folded) a question names that no document does, where the city is
    what is asked about (``unprinted``): one of a country no document names, or one asked
    about as itself."""
    return [city for city, country in cities_named(question.text)
            if not all(map(known, terms(city))) and (
                not all(map(known, terms(country))) or not question.countries
                and (city, country) in cities_asked_as_themselves(
                    question.text, scores_cities(question.indices)))]


def unprinted(question: Question, known: Callable[[str], bool],
              begins: Callable[[str], bool] = lambda term: False,
              places: bool = True) -> str | None:
    """Why no passage can be about what a question names, when no document prints it
    (``known``: whether the index holds a term; ``begins``: whether a term starts one it
    holds): a year asked ("in 1983") or naming a plan ("Vision 1992"), a word of the name of
    an index the data files do not know ("the global peace index") or of a publication
    ("the world happiness report"), a city (unless ``places`` is false: a brief's city is
    the asker's occasion). A passage on another year, index or publication only
    sounds close. A period's bounds ("since 1990", "(87-2002)") are no year asked: the
    documents may print the period otherwise. None when every such thing is printed
    somewhere."""
    bounded = {int(y) for m in PERIOD_ASKED.finditer(question.text)
               for y in re.findall(r"\d{4}", m.group())}
    years = [y for y in (*question.years, *plan_years(question.text)) if y not in bounded]
    if any(not known(str(y)) for y in years):
        return "no document prints that year"  # not repeated: no number unquoted
    if any(not known(w) for w in question.index_words):
        return "no document names that index"
    # "what does the UN DESA office in Nairobi do": no passage on UN DESA is about an
    # office in a city no document names, in a country none names. A city of a country
    # the documents name may be the asker's occasion ("a mission to Abuja") or stand for
    # its government ("how Ankara organised", "what did abuja ask for").
    # A city that is no capital is asked about as itself ("what LOSI score did mombasa
    # get"): its country's figure is another city's ("Kenya | Nairobi | ...").
    if places and places_unprinted(question, known):
        return "no document names that place"
    # A word that begins a printed one may be a slip of it ("the open budge questionnaire").
    if any(not known(w) and not begins(w) for w in question.publication_words):
        return "no document names that publication"
    return None
