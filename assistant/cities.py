"""Cities named for their countries: "what did abuja ask the UN for", "which goals did
cairo's presenters single out" ask about Nigeria's and Egypt's delegations. The capitals and
large cities of the UN member states are data (data/cities.json, from GeoNames), read once,
when a question first needs them."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from assistant.country_data import COUNTRIES
from assistant.text import folded

DATA_FILE = Path(__file__).with_name("data") / "cities.json"


@cache
def _data() -> dict[str, Any]:
    return dict(json.loads(DATA_FILE.read_text(encoding="utf-8")))


@cache
def _cities() -> tuple[dict[str, str], re.Pattern[str], frozenset[str]]:
    """Each city's folded name -> its country's canonical name; one pattern for them all
    (longest first, so "New Delhi" beats "Delhi"); the folded names that count only
    capitalised."""
    data = _data()
    names = {c.alpha_3: c.name for c in COUNTRIES}
    countries = {_key(city): names[code] for city, code in data["cities"].items()}
    alternation = "|".join(r"[\s-]+".join(map(re.escape, c.split()))
                           for c in sorted(countries, key=len, reverse=True))
    return (countries, re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"),
            frozenset(_key(c) for c in data["needs_capital"]))


def _key(name: str) -> str:
    """A name as looked up: folded, its words one space apart ("Nur-Sultan": "nur sultan")."""
    return " ".join(re.split(r"[\s-]+", folded(name)))


def _named_cities(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Each city the text names, with its country's canonical name. A city name that is also
    an English word ("Male") counts only capitalised, past the text's first word."""
    countries, pattern, needs_capital = _cities()
    for match in pattern.finditer(folded(text)):
        key = _key(match.group())
        if key in needs_capital and (not text[match.start()].isupper()
                                     or not text[:match.start()].strip()):
            continue  # "male staff", "Male and female staff"
        yield match, countries[key]


def without_cities(text: str, cities: Collection[str]) -> str:
    """The text with these cities (as folded, ``cities_named``) cut out where each is listed
    with another city, with the word joining them ("LOSI for mombasa and nairobi", Mombasa:
    "LOSI for nairobi"). A city set apart from the others ("mombasa's score, compared to
    nairobi") is the subject of its own question and stays."""
    named = list(_named_cities(text))
    starts = {m.start() for m, _ in named}
    ends = {m.end() for m, _ in named}
    for match, _ in reversed(named):
        if match.group() not in cities:
            continue
        start, end = match.span()
        after = re.match(_JOINT, text[end:])
        before = re.search(_JOINT + "$", text[:start])
        if after and end + after.end() in starts:
            text = f"{text[:start]}{text[end + after.end():]}"
        elif before and before.start() in ends:
            text = f"{text[:before.start()]}{text[end:]}"
    return text


# What joins two places asked together: "mombasa and nairobi", "Lyon, Paris", "A or B".
_JOINT = r"\s*(?:,|&|/|\band\b|\bor\b|\bvs\b\.?|\bversus\b)\s*"


def read_as_countries(text: str) -> str:
    """The text with each city it names read as the city's country ("what did abuja ask
    for" -> "what did nigeria ask for"; "cairo's" -> "egypt's"), in the text's case: a name
    put into lower-case words is lower-case too, so it is read as typed."""
    lower = text == text.lower()
    out, end = [], 0
    for match, country in _named_cities(text):
        out += [text[end:match.start()], country.lower() if lower else country]
        end = match.end()
    return "".join([*out, text[end:]])


# "stockholm's country", "the country of Nairobi": a city naming the country asked.
_CITYS_COUNTRY = re.compile(r"['’]s\s+(?:home\s+)?country\b", re.IGNORECASE)
_COUNTRY_OF = re.compile(r"\bcountry\s+(?:of|containing)\s+$", re.IGNORECASE)


def cities_as_their_country(text: str) -> str:
    """The text with each city named as the way to its country read as that country (in
    the text's case): "stockholm's country row" -> "sweden's country row", "the country of
    Nairobi" -> "the country of Kenya". Other cities are left as typed: "ankara's local
    score" is the city's own."""
    lower = text == text.lower()
    out, end = [], 0
    for match, country in _named_cities(text):
        if _CITYS_COUNTRY.match(text, match.end()) or _COUNTRY_OF.search(text[:match.start()]):
            out += [text[end:match.start()], country.lower() if lower else country]
            end = match.end()
    return "".join([*out, text[end:]])


def countries_of_cities(text: str) -> list[str]:
    """The countries of the cities the text names ("what did abuja ask for": Nigeria)."""
    return list(dict.fromkeys(country for _, country in _named_cities(text)))


def cities_named(text: str) -> list[tuple[str, str]]:
    """The cities a text names, as folded, with their countries' canonical names ("what does
    the office in nairobi do": ("nairobi", "Kenya"))."""
    return list(_cities_named(text))


# Asked of every candidate unit of a question naming a city, and of the same units and
# questions again (795 look-ups of 241 texts a golden batch).
@lru_cache(maxsize=8192)
def _cities_named(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(dict.fromkeys((match.group(), country) for match, country in _named_cities(text)))


def cities_countries(text: str) -> list[str]:
    """The countries of the cities a text names, each once, in order ("mombasa versus
    lyon": Kenya, France): what two cities compared are compared by."""
    return list(dict.fromkeys(country for _, country in cities_named(text)))


def cities_asked_as_themselves(text: str, local: bool = False) -> list[tuple[str, str]]:
    """The cities a text names that are not their country's capital, as folded, with their
    countries ("did Lagos improve its local index": ("lagos", "Nigeria")): a capital may
    stand for its government ("how Ankara organised", "Cairo's programme"), another city
    is asked about as itself; with ``local`` (an index of cities asked) every city is."""
    return [(city, country) for city, country in cities_named(text)
            if local or not is_capital(city)]


def is_capital(city: str) -> bool:
    """Whether a city, as written or folded, is its country's capital (data "capitals")."""
    return _key(city) in _capitals()


@cache
def _capitals() -> frozenset[str]:
    return frozenset(_key(c) for c in _data()["capitals"])
