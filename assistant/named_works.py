"""The indices, laws and publications a question names by words the data files do not
know ("egypt's cybersecurity index", "its digital security act", "the World Happiness
Report"): a passage that does not name them cannot give their figures or say what they say,
however close its other words. An index the data files know is left to the evidence stage,
which checks it by its names.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.countries import canonical, country_terms
from assistant.country_data import country_of_code
from assistant.knowledge import find_indices
from assistant.text import STOPWORDS, terms
from assistant.vocabulary import vocabulary

# "egypt's cybersecurity index", "the world press freedom index", "its digital security
# act": the words just before "index" or a law's noun (data/answers.json "law_nouns"),
# back to a stopword or a possessive.
_INDEX_NAMED = re.compile(
    r"((?:[A-Za-z][\w-]*\s+){1,4})(?:ind(?:ex|ices)|" + "|".join(vocabulary()["law_nouns"]["words"])
    + r")\b", re.IGNORECASE)


# Words saying what kind or how many of an index is meant, not which (data/answers.json).
_DESCRIBERS = frozenset(vocabulary()["index_describers"]["words"])


def _kind_of_text(match: re.Match[str]) -> bool:
    """Whether the noun is a law's in the plural and lower case ("isolated violent acts",
    "which cybersecurity laws"): the words before it say what kind of acts or laws, not the
    title of one, which a passage would have to print (the "Geneva Conventions" is one)."""
    noun = match.group(0)[len(match.group(1)):]
    return noun.islower() and noun.endswith("s") and not re.fullmatch(
        r"ind(?:ex|ices)", noun, re.IGNORECASE)


def _named_by(match: re.Match[str], countries: set[str], stop: Callable[[str], bool]
              ) -> list[str]:
    """The stemmed words of a name before its noun (the match's first group), read back to
    a word ``stop`` rejects, a stopword, a country's word or a number."""
    words: list[str] = []
    for word in reversed(match.group(1).split()):
        stems = terms(word)
        if not stems or stop(word) or any(
                t in STOPWORDS or t in countries or t.isdigit() for t in stems):
            break
        words = stems + words
    return words


def unknown_index_words(text: str) -> tuple[str, ...]:
    """The stemmed words naming an index that data/indices.json does not know, or a law:
    "egypt's cybersecurity index" -> (cybersecur,), "its digital security act" -> (digit,
    secur). A passage that does not name them cannot give that index's figures or say
    when that law passed, however close its words ("Global Rank" of another index, "ICT
    Policy in 2009")."""
    countries = country_terms(text)
    found: list[str] = []
    for match in _INDEX_NAMED.finditer(text):
        if find_indices(match.group(0)):
            continue  # a known index, which the evidence stage checks by its names
        if _kind_of_text(match):
            continue
        # "full indices" names no index: it says what kind.
        found += _named_by(match, countries, lambda word: word.lower() in _DESCRIBERS)
    return tuple(dict.fromkeys(found))


def unknown_index_title(text: str) -> tuple[str, ...]:
    """The stemmed words of the title of an index the data files do not know, or of a law,
    when it is named by one: the capitalised words before "Index" ("the mean Environmental
    Performance Index" -> (environment, perform)), two or more. A title is a name, each
    word of which counts; lower-case words describe ("the world legal systems index")."""
    countries = country_terms(text)
    for match in _INDEX_NAMED.finditer(text):
        if find_indices(match.group(0)) or _kind_of_text(match):
            continue
        words = _named_by(match, countries, lambda word: not word[0].isupper())
        if len(words) > 1:
            return tuple(dict.fromkeys(words))
    return ()


# "the world happiness report", "the kratt vision paper": the words just before the noun a
# publication's title ends with (data/answers.json "publication_nouns").
_PUBLICATION_NAMED = re.compile(
    r"((?:[A-Za-z][\w'’-]*\s+){1,4})(?:" + "|".join(vocabulary()["publication_nouns"]["words"])
    + r")s?\b", re.IGNORECASE)


def publication_words(text: str) -> tuple[str, ...]:
    """The stemmed words by which a question names a publication, back to a stopword, a
    country or a number: "the World Happiness Report" -> (world, happi), "the 2023 OBS
    guidelines" -> (obs). An index the data files know is left to the evidence stage, which
    checks it by its names."""
    countries = country_terms(text)
    found: list[str] = []
    for match in _PUBLICATION_NAMED.finditer(text):
        if find_indices(match.group(0)):
            continue
        # Back to "the Danish guide", "iranian egov studies", "NGA's report".
        found += _named_by(match, countries, _names_country)
    return tuple(dict.fromkeys(found))


def _names_country(word: str) -> bool:
    """Whether a word names a country: by its name or demonym ("Danish"), or by its ISO code
    in capitals ("NGA's")."""
    return bool(canonical(word) or country_of_code(re.sub(r"['’]s$", "", word)))

