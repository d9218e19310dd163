"""The country dataset: the 193 UN member states, their names, codes and groupings.

Names, official names and ISO 3166 alpha-2/alpha-3 codes come from pycountry (the
maintained ISO dataset); what it lacks (UN membership, the canonical names stored in
indexes, former names, demonyms, groups, the words that look like a country but are not)
is in data/countries.json. Finding countries in text is countries.py's work.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry

from assistant.text import folded

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
    return tuple(sorted(countries, key=lambda c: folded(c.name)))


_DATA = _load(DATA_FILE)
COUNTRIES: tuple[Country, ...] = _countries(_DATA)
# Canonical names by upper-case ISO code, alpha-3 and alpha-2.
BY_CODE: dict[str, str] = {
    **{c.alpha_3: c.name for c in COUNTRIES},
    **{c.alpha_2: c.name for c in COUNTRIES},
}
_NAME_OF = {c.alpha_3: c.name for c in COUNTRIES}
GROUPS: dict[str, tuple[str, ...]] = {
    group: tuple(_NAME_OF[code] for code in spec["members"])
    for group, spec in _DATA["groups"].items()
}
GROUP_VARIANTS: dict[str, tuple[str, ...]] = {
    group: tuple(spec["variants"]) for group, spec in _DATA["groups"].items()
}
# Nouns after a group's name that ask about its members ("African country").
MEMBER_NOUNS: tuple[str, ...] = tuple(_DATA["member_nouns"])
# Phrases that contain a country's name but do not refer to it: None, or the country they
# do refer to.
NOT_COUNTRIES: dict[str, str | None] = {
    phrase: _NAME_OF[code] if code else None for phrase, code in _DATA["not_countries"].items()
}
# Names that are a country only with a capital ("Chad"), or in capitals ("US").
NEEDS_CAPITAL = frozenset(_DATA["needs_capital"])
NEEDS_UPPER = frozenset(_DATA["needs_upper"])
# Codes that are often an English word ("CAN", "PER") or something else in a cell ("NA").
AMBIGUOUS_ALPHA3 = frozenset(_DATA["alpha3_ambiguous"])
ALPHA3_ASKED_AFTER = frozenset(_DATA["alpha3_asked_after"])
ALPHA3_OPENING_BEFORE = frozenset(_DATA["alpha3_opening_before"])
ALPHA3_OWNER_BEFORE = frozenset(_DATA["alpha3_owner"]["before"])
ALPHA3_OWNER_AFTER = frozenset(_DATA["alpha3_owner"]["after"])
ALPHA3_WORDS = frozenset(_DATA["alpha3_words"])
ALPHA3_THING_AFTER = frozenset(_DATA["alpha3_thing_after"])
_AMBIGUOUS_ALPHA2 = frozenset(_DATA["alpha2_ambiguous"])
_ALPHA2_ALIASES = {alias: _NAME_OF[code] for alias, code in _DATA["alpha2_aliases"].items()}


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
        return _ALPHA2_ALIASES.get(code) or BY_CODE.get(code)
    return BY_CODE.get(code)
