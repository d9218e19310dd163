"""Countries: the 193 UN member states, their names, codes and groupings.

Used to tag chunks with the countries they mention, to detect country filters in questions
and to read the entity of a table row. Names, official names and ISO 3166 alpha-2/alpha-3
codes come from pycountry (the maintained ISO dataset); what it lacks (UN membership, the
canonical names stored in indexes, former names, demonyms, groups) is in data/countries.json.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

from assistant.text import STOPWORDS

DATA_FILE = Path(__file__).with_name("data") / "countries.json"


@dataclass(frozen=True)
class Country:
    name: str  # canonical: what chunk metadata stores and filters on
    variants: tuple[str, ...]
    demonyms: tuple[str, ...]
    alpha_2: str = ""
    alpha_3: str = ""


def _load(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuntimeError(
            f"{path}: cannot read the country data ({exc}); reinstall the package"
        ) from exc


def _expand(items: list[str]) -> tuple[str, ...]:
    """A trailing "+" also adds the plural: "Iranian+" -> "Iranian", "Iranians"."""
    out: list[str] = []
    for item in items:
        out += [item[:-1], item[:-1] + "s"] if item.endswith("+") else [item]
    return tuple(out)


def _iso_names(record: Any) -> list[str]:
    """Every spelling pycountry has for a country, plus the two forms its inverted names
    take in tables: "Korea, Republic of" -> "Republic of Korea", "Korea (Republic of)"."""
    names: list[str] = []
    for name in (
        record.name,
        getattr(record, "official_name", None),
        getattr(record, "common_name", None),
    ):
        if not name:
            continue
        name = re.sub(r"^the ", "", name)  # "the State of Eritrea"
        names.append(name)
        if ", " in name:
            head, tail = name.split(", ", 1)
            names += [
                re.sub(r"^the ", "", f"{tail} {head}", flags=re.IGNORECASE),
                f"{head} ({tail})",
            ]
    return names


def _countries(data: dict[str, Any]) -> tuple[Country, ...]:
    countries = []
    for code, extra in data["members"].items():
        record = pycountry.countries.get(alpha_3=code)
        if record is None:
            raise RuntimeError(f"{DATA_FILE}: {code} is not an ISO 3166 alpha-3 code; fix the file")
        name = extra.get("name") or getattr(record, "common_name", None) or record.name
        spellings = [*_iso_names(record), *extra.get("variants", ())]
        variants = tuple(dict.fromkeys(s for s in spellings if s != name))
        demonyms = _expand(extra.get("demonyms", []))
        countries.append(Country(name, variants, demonyms, record.alpha_2, record.alpha_3))
    return tuple(sorted(countries, key=lambda c: _fold(c.name)))


_SEP = r"[\s\-]+"  # spaces, line breaks and hyphens are interchangeable between words
_FOLD_SPECIAL = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "`": "'",
    "\u0131": "i",
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
}


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    # Strictly one char in, one char out, so match offsets map back to the original text.
    if c in _FOLD_SPECIAL:
        return _FOLD_SPECIAL[c]
    base = "".join(ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch))
    base = base.lower() if len(base) == 1 else c.lower()
    return base if len(base) == 1 else c


def _fold(text: str) -> str:
    """Lower-case and strip diacritics, preserving length."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


def _key(s: str) -> str:
    return re.sub(r"[\s\-]+", " ", _fold(s)).strip()


_DATA = _load(DATA_FILE)
COUNTRIES: tuple[Country, ...] = _countries(_DATA)
_BY_CODE: dict[str, str] = {
    **{c.alpha_3: c.name for c in COUNTRIES},
    **{c.alpha_2: c.name for c in COUNTRIES},
}
_NAME_OF = {c.alpha_3: c.name for c in COUNTRIES}
GROUPS: dict[str, tuple[str, ...]] = {
    group: tuple(_NAME_OF[code] for code in spec["members"])
    for group, spec in _DATA["groups"].items()
}
_GROUP_VARIANTS: dict[str, tuple[str, ...]] = {
    group: tuple(spec["variants"]) for group, spec in _DATA["groups"].items()
}
_EXTRA: dict[str, str | None] = {
    phrase: _NAME_OF[code] if code else None for phrase, code in _DATA["not_countries"].items()
}
_NEEDS_CAPITAL = frozenset(_DATA["needs_capital"])
_NEEDS_UPPER = frozenset(_DATA["needs_upper"])
_AMBIGUOUS_ALPHA3 = frozenset(_DATA["alpha3_ambiguous"])
_AMBIGUOUS_ALPHA2 = frozenset(_DATA["alpha2_ambiguous"])
_ALPHA2_ALIASES = {alias: _NAME_OF[code] for alias, code in _DATA["alpha2_aliases"].items()}


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
    for alias, target in _EXTRA.items():
        if _key(alias) in lookup:
            raise ValueError(f"extra phrase {alias!r} collides with a country alias")
        lookup[_key(alias)] = target
    return lookup, re.compile(_alternation(lookup))


@lru_cache(maxsize=1)
def _group_index() -> tuple[dict[str, str], re.Pattern[str]]:
    lookup = {_key(v): g for g, vs in _GROUP_VARIANTS.items() for v in (g, *vs)}
    return lookup, re.compile(_alternation(lookup))


def canonical(name: str) -> str | None:
    """Any name, variant or demonym (case/diacritic-insensitive) -> canonical name.

    ISO codes are not names ("can", "per" would match): use ``country_of_code``.
    """
    k = _key(name)
    k = re.sub(r"^the ", "", re.sub(r"'s?$", "", k))  # "the Gambia", "Egypt's"
    return _index()[0].get(k)


def country_of_code(code: str, *, column_of_codes: bool = False) -> str | None:
    """An upper-case ISO alpha-3 or alpha-2 code -> canonical name ("KEN", "KE" -> "Kenya").

    Two-letter codes that are often something else in a cell ("NA", "IT") count only when
    the caller knows the column holds codes.
    """
    if not (code.isascii() and code.isalpha() and code.isupper() and len(code) in (2, 3)):
        return None
    if len(code) == 2:
        if code in _AMBIGUOUS_ALPHA2 and not column_of_codes:
            return None
        return _ALPHA2_ALIASES.get(code) or _BY_CODE.get(code)
    return _BY_CODE.get(code)


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
    if key in _NEEDS_UPPER:
        return original.isupper()
    if key in _NEEDS_CAPITAL:
        return original[0].isupper()
    return True


_CODE = re.compile(r"(?<![\w\-/&.])[A-Z]{3}(?![\w\-/&]|\.\w)")
_NUMBERS_ONLY = re.compile(r"(?:\s*[-+]?[\d.,]+%?)+\s*")
_LONG_CAPS_WORD = re.compile(r"\b[A-Z]{4,}\b")


def _codes_in_line(line: str, offset: int, column_of_codes: bool) -> list[tuple[int, str]]:
    """(position, country) for the ISO codes of one line: any code standing as a table cell
    ("KEN | 0.61") or heading a row of numbers ("KEN 0.61 12"); in running text only two or
    more codes that are no English word or common abbreviation, on a line not all capitals."""
    found: list[tuple[int, str]] = []
    if "|" in line:
        cells = line.split("|")
        position = offset
        numeric = sum(bool(re.search(r"\d", c)) for c in cells)
        first = next((i for i, c in enumerate(cells) if c.strip()), -1)
        for i, cell in enumerate(cells):
            code = cell.strip()
            # A word-like code ("EST", "PER") elsewhere in a row may be a word: it counts in
            # the row's first cell or in a column of codes.
            leads = i == first or column_of_codes
            if (
                len(code) == 3
                and (leads or code not in _AMBIGUOUS_ALPHA3)
                or (i == first and numeric)
            ):
                name = country_of_code(code, column_of_codes=column_of_codes)
                if name:
                    found.append((position + cell.find(code), name))
            position += len(cell) + 1
        return found
    matches = list(_CODE.finditer(line))
    if not matches:
        return found
    rest = line[matches[0].end() :]
    if (
        len(matches) == 1
        and line[: matches[0].start()].strip() == ""
        and _NUMBERS_ONLY.fullmatch(rest)
    ):
        name = country_of_code(matches[0].group())
        return [(offset + matches[0].start(), name)] if name else []
    # A lone capitalised trigram in prose is usually an acronym ("factor analysis (BFA)");
    # codes are meant when several stand together ("KEN, URY and BRA", chart labels).
    # Among such codes, a word-like one ("BRA", "CAN") is a code too.
    clear = {m.group() for m in matches if m.group() in _BY_CODE} - _AMBIGUOUS_ALPHA3
    shouting = not any(c.islower() for c in line) and _LONG_CAPS_WORD.search(line)
    if shouting or len(clear) < 2:
        return found
    return [(offset + m.start(), _BY_CODE[m.group()]) for m in matches if m.group() in _BY_CODE]


def _find_codes(text: str) -> list[tuple[int, str]]:
    if not re.search(r"[A-Z]{2}", text):
        return []
    lines = text.split("\n")
    found: list[tuple[int, str]] = []
    offset = 0
    column_of_codes = _rows_start_with_codes(lines)
    for line in lines:
        found += _codes_in_line(line, offset, column_of_codes)
        offset += len(line) + 1
    return found


def _rows_start_with_codes(lines: list[str]) -> bool:
    """Two or more table rows open with a code, one of them unmistakable ("DE", "KEN"):
    then "IT" and "NA" in that column are Italy and Namibia too."""
    firsts = [line.strip(" |").split("|")[0].strip() for line in lines if "|" in line]
    codes = [f for f in firsts if country_of_code(f, column_of_codes=True)]
    return len(codes) >= 2 and any(country_of_code(f) for f in codes)


def find_countries(text: str) -> list[str]:
    """Canonical names mentioned in text, in order of first appearance, no duplicates.

    Names, variants and demonyms anywhere; ISO codes as described in ``_codes_in_line``.
    """
    return list(_countries_in(text))


# The evidence stage asks again about the same passages and units for every question.
@lru_cache(maxsize=8192)
def _countries_in(text: str) -> tuple[str, ...]:
    lookup, pattern = _index()
    mentions: list[tuple[int, str]] = []
    for m in pattern.finditer(_fold(text)):
        k = re.sub(r"[\s\-]+", " ", m.group())
        name = lookup.get(k)
        start, end = m.span()
        if name and _accept(k, text[start:end], text[end : end + 1]):
            mentions.append((start, name))
    mentions += _find_codes(text)
    return tuple(dict.fromkeys(name for _, name in sorted(mentions)))


def without_countries(text: str, names: Iterable[str]) -> str:
    """The text with its mentions of these countries (canonical names) cut out, under any
    of their names: "Islamic Republic of Iran's E-Health" without Iran is "'s E-Health"."""
    wanted = set(names)
    lookup, pattern = _index()
    kept, last = [], 0
    for m in pattern.finditer(_fold(text)):
        start, end = m.span()
        k = re.sub(r"[\s\-]+", " ", m.group())
        if lookup.get(k) in wanted and _accept(k, text[start:end], text[end : end + 1]):
            kept.append(text[last:start])
            last = end
    return "".join(kept) + text[last:]


def find_groups(text: str) -> dict[str, tuple[str, ...]]:
    """Groups mentioned in text (e.g. "D-8 members") -> their member canonical names."""
    lookup, pattern = _group_index()
    found: dict[str, tuple[str, ...]] = {}
    for m in pattern.finditer(_fold(text)):
        g = lookup[re.sub(r"[\s\-]+", " ", m.group())]
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
    """The one-word names a word of ``length`` letters can be close to: difflib's ratio is
    at most 2 min(a, b) / (a + b) for lengths a and b, so no other name can reach the
    cutoff (difflib skips them too, after comparing each)."""
    return [name for name in _one_word_names()
            if 2.0 * min(len(name), length) / (len(name) + length) >= _SLIP_CUTOFF]


@lru_cache(maxsize=8192)  # questions share their words: each is compared with the names once
def _slip_of(word: str) -> str | None:
    """The country a word of six or more letters is a slip for, or None."""
    names = _one_word_names()
    lower = word.lower()
    if lower in names or lower in STOPWORDS or canonical(word):
        return None
    close = difflib.get_close_matches(lower, _names_near(len(lower)), n=1, cutoff=_SLIP_CUTOFF)
    # A slip keeps the first letter and about the length ("portal" is no "Portugal").
    if close and close[0][0] == lower[0] and abs(len(close[0]) - len(lower)) <= 1:
        return names[close[0]]
    return None
