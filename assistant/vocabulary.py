"""The general vocabulary the answer stages read (data/answers.json): the words of asking,
the aspects a question or heading can name, the parts of a brief, the words that ask for a
mode. Not keyed to any document: edit the data file, not code."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from assistant.country_data import COUNTRIES
from assistant.text import terms

DATA = Path(__file__).parent / "data" / "answers.json"


@cache
def vocabulary() -> dict[str, Any]:
    """The general vocabulary of data/answers.json."""
    data: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return data


@cache
def number_words() -> dict[str, int]:
    """Numbers written as one word ("four": 4), which stand where digits do
    (data/answers.json "number_words", less its phrases: "a couple of")."""
    return {w: n for w, n in vocabulary()["number_words"].items() if " " not in w}


@cache
def spelled_numbers() -> str:
    """The one-word numbers as a pattern's alternatives, longest first."""
    return "|".join(map(re.escape, sorted(number_words(), key=len, reverse=True)))


# Words of asking, not of the topic ("tell me", "according to the documents", "please").
QUESTION_WORDS = frozenset(vocabulary()["asking_words"]) | frozenset(
    w for language, words in vocabulary()["asking_words_in_other_languages"].items()
    if not language.startswith("_") for w in words)
# The same words as the stemmed terms a question's topic is made of.
ASKING_TERMS = frozenset(t for w in QUESTION_WORDS for t in terms(w))


def topic_terms(text: str, countries: Sequence[str] = ()) -> tuple[str, ...]:
    """Content terms of the question other than country names and asking words."""
    return _topic_terms(text, tuple(countries))


# Asked of every candidate unit when a country is asked (1,820 look-ups of 578 a golden batch).
@lru_cache(maxsize=8192)
def _topic_terms(text: str, countries: tuple[str, ...]) -> tuple[str, ...]:
    names = _name_terms(countries)
    return tuple(dict.fromkeys(
        t for t in terms(text) if t not in names and t not in ASKING_TERMS))


@cache
def _name_terms(countries: tuple[str, ...]) -> frozenset[str]:
    """The terms of the countries' names, variants, demonyms and ISO alpha-3 codes ("BEL"
    asks for Belgium; once per set of countries: selection asks for every candidate unit)."""
    return frozenset(
        t for country in COUNTRIES if country.name in countries
        for name in (country.name, *country.variants, *country.demonyms, country.alpha_3)
        for t in terms(name))


@cache
def form_terms() -> frozenset[str]:
    """The terms of the words about how a question is put, not what it is about ("did they
    mention", "the delegation flagged", "treated as"; data/answers.json "form_words"): a
    passage need not print them to answer."""
    return frozenset(terms(" ".join(vocabulary()["form_words"]["words"])))


@cache
def vocabulary_terms(key: str) -> frozenset[str]:
    """The terms of a word list of data/answers.json, under ``key`` itself or its "words"
    ("position_words": "rank" -> "rank", "position" -> "posit"), each word stemmed alone."""
    listed: Any = vocabulary()[key]
    words = listed["words"] if isinstance(listed, dict) else listed
    return frozenset(t for word in words for t in terms(word))


def conjunction(language: str) -> str:
    """The word that joins the last of a list in a language ("et" in French; data/answers.json
    "conjunctions"), "and" where unknown: a document's own list is joined in its words."""
    return str(vocabulary()["conjunctions"].get(language, "and"))


def matches_vocabulary(text: str, *path: str) -> bool:
    """Whether ``text`` matches, case apart, any pattern of the vocabulary's list at ``path``
    (``"place_asked", "asked"``: data/answers.json's "place_asked" -> "asked")."""
    return any(pattern.search(text) for pattern in _patterns(path))


@cache
def _patterns(path: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    # Compiled once: re's own cache holds 512 patterns, fewer than a batch of questions
    # uses, and those it dropped were compiled again question after question.
    found: Any = vocabulary()
    for key in path:
        found = found[key]
    return tuple(re.compile(pattern, re.IGNORECASE) for pattern in found)


@cache
def other_language_words(key: str) -> re.Pattern[str]:
    """One pattern of the words of a per-language list of data/answers.json ("figure_words",
    "list_words"), each matched as whole words: the cues by which a question in French or
    Romanian asks what its English twin asks by the English cues in code."""
    return re.compile(r"(?<!\w)(?:" + "|".join(
        word for language, words in vocabulary()[key].items()
        if not language.startswith("_") for word in words) + r")(?!\w)", re.IGNORECASE)


def attendance_terms(text: str) -> frozenset[str]:
    """The terms of the words by which a question asks who took part ("which un desa people
    took part", "who came from egypt"; data/answers.json "attendance_asked"): a list of
    participants holds them, though it never prints them."""
    lower = text.lower()
    return frozenset(t for cue in _attendance_cues()
                     for found in cue.finditer(lower) for t in terms(found.group()))


@cache
def _attendance_cues() -> tuple[re.Pattern[str], ...]:
    # Compiled once: every unit check of a question reads them (~12,000 searches a golden
    # batch, each a lookup in re's own cache).
    return tuple(re.compile(rf"\b{cue}") for key, cues in vocabulary()["attendance_asked"].items()
                 if not key.startswith("_") for cue in cues)


def kinds_asked(text: str) -> frozenset[str]:
    """The terms of the kind of body or place a question asks to be named ("which UN agency",
    "which polling firm", "which city"; data/answers.json "kinds_asked"): the answer names
    one (UNICEF, Kigali), seldom its kind."""
    return frozenset(t for found in _kinds_asked().finditer(text) for t in terms(found.group(1)))


@cache
def _kinds_asked() -> re.Pattern[str]:
    kinds = "|".join(vocabulary()["kinds_asked"]["words"])
    # Up to two words naming it more closely ("which UN agency"), not a verb or article
    # ("what does the agency do" asks about an agency named before).
    other = r"(?!(?:is|are|was|were|do|does|did|has|have|had|the|a|an)\b)[\w-]+\s+"
    return re.compile(rf"\b(?:which|what)\s+(?:{other}){{0,2}}?({kinds})\b", re.IGNORECASE)
