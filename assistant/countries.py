"""Countries in text: the names, variants, demonyms and ISO codes of the 193 UN member
states (country_data.py) and of their groups, found in passages and questions.

Used to tag chunks with the countries they mention, to detect country filters in questions
and to read the entity of a table row. Matching ignores case, diacritics and how words are
joined ("Guinea-Bissau", "Guinea Bissau"); the longest name wins ("Papua New Guinea" over
"Guinea"); codes are read as country_codes.py says.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Iterator
from functools import lru_cache

from assistant.country_codes import codes_asked, find_codes
from assistant.country_data import (
    COUNTRIES,
    GROUP_VARIANTS,
    GROUPS,
    NEEDS_CAPITAL,
    NEEDS_UPPER,
    NOT_COUNTRIES,
    country_of_code,
)
from assistant.text import STOPWORDS, folded, one_edit, ratio_reachable, terms

_SEP = r"[\s\-]+"  # spaces, line breaks and hyphens are interchangeable between words
_SEPARATORS = re.compile(_SEP)


def _spaced(folded_phrase: str) -> str:
    """A folded phrase with its separators one space each: the key it is looked up by."""
    return _SEPARATORS.sub(" ", folded_phrase)


def _key(s: str) -> str:
    return _spaced(folded(s)).strip()


def _alternation(phrases: Iterable[str]) -> str:
    """One regex for many phrases, as a trie: "guinea(?:[\\s\\-]+bissau)?|..." is tried
    once per position instead of once per phrase (a thousand aliases). A greedy optional
    branch makes the longest phrase win, so "Papua New Guinea" beats "Guinea"."""
    trie: dict = {}
    for phrase in set(phrases):
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # end of a phrase
    return rf"(?<!\w)(?:{_trie_pattern(trie)})(?!\w)"


def _trie_pattern(node: dict) -> str:
    ends = "" in node
    branches = [
        (_SEP if char == " " else re.escape(char)) + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, str | None], re.Pattern[str]]:
    lookup: dict[str, str | None] = {}
    for c in COUNTRIES:
        for alias in (c.name, *c.variants, *c.demonyms):
            k = _key(alias)
            if lookup.setdefault(k, c.name) != c.name:
                raise ValueError(f"alias {alias!r} maps to {lookup[k]!r} and {c.name!r}")
    for alias, target in NOT_COUNTRIES.items():
        if _key(alias) in lookup:
            raise ValueError(f"extra phrase {alias!r} collides with a country alias")
        lookup[_key(alias)] = target
    return lookup, re.compile(_alternation(lookup))


@lru_cache(maxsize=1)
def _group_index() -> tuple[dict[str, str], re.Pattern[str]]:
    lookup = {_key(v): g for g, vs in GROUP_VARIANTS.items() for v in (g, *vs)}
    return lookup, re.compile(_alternation(lookup))


def canonical(name: str) -> str | None:
    """Any name, variant or demonym (case/diacritic-insensitive) -> canonical name.

    ISO codes are not names ("can", "per" would match): use ``country_data.country_of_code``.
    """
    k = _key(name)
    k = re.sub(r"^the ", "", re.sub(r"'s?$", "", k))  # "the Gambia", "Egypt's"
    return _index()[0].get(k)


_FOOTNOTE = re.compile(r"(?:\s*[*†‡]+|\s*\(\d{1,2}\)|\s*\[\w{1,3}\])+$")


def country_of_cell(text: str, *, column_of_codes: bool = False) -> str | None:
    """The country a table cell names, or None: "KEN", "Kenya", "Korea, Rep.", "Türkiye*".

    A cell naming two countries ("Kenya and Uganda") or a sentence names no single entity.
    """
    cell = _FOOTNOTE.sub("", text.strip()).strip(" :")
    if not cell or len(cell) > 60:
        return None
    by_code = country_of_code(cell, column_of_codes=column_of_codes)
    if by_code or len(cell) <= 3 and cell.isupper():
        return by_code
    named = canonical(cell)
    if named:
        return named
    found = find_countries(cell)
    return found[0] if len(found) == 1 and len(cell.split()) <= 6 else None


def _accept(key: str, original: str, following: str) -> bool:
    if following == "$":  # "US$ 5 million" is a currency, not a country mention
        return False
    if key in NEEDS_UPPER:
        return original.isupper()
    if key in NEEDS_CAPITAL:
        return original[0].isupper()
    return True


def find_countries(text: str) -> list[str]:
    """Canonical names mentioned in text, in order of first appearance, no duplicates.

    Names, variants and demonyms anywhere; ISO codes as country_codes.py reads them.
    """
    return list(_countries_in(text))


def country_terms(text: str) -> set[str]:
    """The stemmed words of the countries a text names ("Egypt's cybersecurity index":
    {egypt}): its subject, never what it asks or names."""
    return {t for c in find_countries(text) for t in terms(c)}


def mentions(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, canonical name) of each name, variant or demonym the text mentions."""
    lookup, pattern = _index()
    for m in pattern.finditer(folded(text)):
        k = _spaced(m.group())
        name = lookup.get(k)
        start, end = m.span()
        if name and _accept(k, text[start:end], text[end : end + 1]):
            yield start, end, name


# The evidence stage asks again about the same passages and units for every question.
@lru_cache(maxsize=8192)
def _countries_in(text: str) -> tuple[str, ...]:
    found = [(start, name) for start, _, name in mentions(text)] + find_codes(text)
    return tuple(dict.fromkeys(name for _, name in sorted(found)))


def without_countries(text: str, names: Iterable[str]) -> str:
    """The text with its mentions of these countries (canonical names) cut out, under any
    of their names: "Islamic Republic of Iran's E-Health" without Iran is "'s E-Health"."""
    wanted = set(names)
    kept, last = [], 0
    for start, end, name in mentions(text):
        if name in wanted:
            kept.append(text[last:start])
            last = end
    return "".join(kept) + text[last:]


def find_groups(text: str) -> dict[str, tuple[str, ...]]:
    """Groups mentioned in text (e.g. "D-8 members") -> their member canonical names."""
    lookup, pattern = _group_index()
    found: dict[str, tuple[str, ...]] = {}
    for m in pattern.finditer(folded(text)):
        g = lookup[_spaced(m.group())]
        found.setdefault(g, GROUPS[g])
    return found


def lower_case_countries(text: str) -> list[str]:
    """Countries in a question typed all in lower case: there "turkey" or "chad" is no
    common noun written small but a name nobody capitalised (a document keeps the rule
    that such names need their capital)."""
    # Acronyms in capitals ("GDP", "EGDI") and a capital opening the question are no sign
    # that names were capitalised: "What is the GDP of turkey" is typed in lower case.
    rest = re.sub(r"\b[A-Z][A-Z0-9-]+\b", " ", text).strip()
    if any(ch.isupper() for ch in rest[1:]):
        return []
    return find_countries(re.sub(r"\b[a-z]", lambda m: m.group().upper(), text))


def named_countries(text: str) -> list[str]:
    """The countries a question names however typed: capitalised, all in lower case
    ("brief on turkey") or with a slip ("nigera")."""
    return list(dict.fromkeys(
        [*find_countries(text), *lower_case_countries(text), *misspelt_countries(text)]))


def asked_countries(text: str, spelled_out: Collection[str] = ()) -> list[str]:
    """The countries a question names however typed (``named_countries``) or by ISO code
    ("and SGP - which languages?", ``codes_asked``; ``spelled_out``: the abbreviations the
    documents spell out as something else)."""
    return list(dict.fromkeys([*named_countries(text), *codes_asked(text, spelled_out)]))


def misspelt_countries(text: str) -> list[str]:
    """Countries typed with a slip ("nigera", "bangaldesh", "egpyt"): a word of five or more
    letters that no country name matches exactly but one matches closely, or with two
    neighbouring letters swapped."""
    found = []
    for word in re.findall(r"[A-Za-z]{5,}", text):
        country = _swap_of(word) or (_slip_of(word) if len(word) >= 6 else None)
        if country:
            found.append(country)
    return found


def misspelt_names(text: str, words_known: Collection[str] = ()) -> list[tuple[int, int, str]]:
    """(start, end, name) of each country name of several words typed with a slip in one of
    its words ("sudi arabia", "south afrika", "new zeland", "sri lnka"): the other words as
    the name's, the slipped one of four letters or more, one letter off (``one_edit``) with
    its first letter kept, and no word of ``words_known`` (a word of the language: "iraq" is
    no slip of "iran")."""
    typed = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[a-z]+", folded(text))]
    found = []
    for i, (_, _, word) in enumerate(typed):
        for at, name_words, name in _several_word_names().get(word, ()):
            first = i - at
            window = typed[first:first + len(name_words)] if first >= 0 else []
            if len(window) != len(name_words):
                continue
            off = [(w, n) for (_, _, w), n in zip(window, name_words, strict=True) if w != n]
            if len(off) == 1 and _slip_of_name_word(*off[0], words_known):
                found.append((window[0][0], window[-1][1], name))
    return list(dict.fromkeys(found))


def _slip_of_name_word(typed: str, word: str, words_known: Collection[str]) -> bool:
    return (len(word) >= 4 and typed[0] == word[0] and typed not in words_known
            and one_edit(typed, word))


@lru_cache(maxsize=1)
def _several_word_names() -> dict[str, list[tuple[int, tuple[str, ...], str]]]:
    """For each word of a country's name of several words, (its place, the name's words, the
    canonical name): "arabia" -> (1, ("saudi", "arabia"), "Saudi Arabia")."""
    by_word: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
    for country in COUNTRIES:
        for name in (country.name, *country.variants):
            name_words = tuple(re.findall(r"[a-z]+", folded(name)))
            if len(name_words) < 2:
                continue
            for at, word in enumerate(name_words):
                by_word.setdefault(word, []).append((at, name_words, country.name))
    return by_word


@lru_cache(maxsize=8192)
def _swap_of(word: str) -> str | None:
    """The country whose one-word name the word is with two neighbouring letters swapped
    ("egpyt", "paksitan"), the commonest slip, which difflib's ratio scores low in a short
    name; the first letter kept."""
    lower = word.lower()
    names = _one_word_names()
    if lower in names:
        return None
    for i in range(1, len(lower) - 1):
        swapped = lower[:i] + lower[i + 1] + lower[i] + lower[i + 2:]
        if swapped in names:
            return names[swapped]
    return None


@lru_cache(maxsize=1)
def _one_word_names() -> dict[str, str]:
    return {n.lower(): c.name for c in COUNTRIES for n in (c.name, *c.variants) if " " not in n}


# How close (difflib's ratio) a word must be to a country's name to be a slip for it.
_SLIP_CUTOFF = 0.88


@lru_cache(maxsize=64)
def _names_near(length: int) -> list[str]:
    """The one-word names a word of ``length`` letters can be close to (``ratio_reachable``)."""
    return [name for name in _one_word_names() if ratio_reachable(len(name), length, _SLIP_CUTOFF)]


@lru_cache(maxsize=1024)
def _names_alike(first: str, length: int) -> list[str]:
    """The one-word names a slip of a word could be: its first letter, a length within one."""
    return [name for name in _names_near(length)
            if name[0] == first and abs(len(name) - length) <= 1]


@lru_cache(maxsize=8192)  # questions share their words: each is compared with the names once
def _slip_of(word: str) -> str | None:
    """The country a word of six or more letters is a slip for, or None."""
    names = _one_word_names()
    lower = word.lower()
    if lower in names or lower in STOPWORDS or canonical(word):
        return None
    # The closest name is a slip only if it is one of these: when none of them reaches the
    # cutoff, no name is a slip, and the others need no comparing (most words of a question).
    if not difflib.get_close_matches(lower, _names_alike(lower[0], len(lower)), n=1,
                                     cutoff=_SLIP_CUTOFF):
        return None
    close = difflib.get_close_matches(lower, _names_near(len(lower)), n=1, cutoff=_SLIP_CUTOFF)
    # A slip keeps the first letter and about the length ("portal" is no "Portugal").
    if close and close[0][0] == lower[0] and abs(len(close[0]) - len(lower)) <= 1:
        return names[close[0]]
    return None
