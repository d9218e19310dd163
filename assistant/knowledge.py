"""General knowledge the stages read: names of e-government and governance indices.

The names, acronyms and spelled-out forms live in data/indices.json so that adding an index
is an edit to data, not to code. Everything here is read-only and loaded once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from assistant.text import STOPWORDS, terms
from assistant.vocabulary import matches_vocabulary, vocabulary

INDICES_FILE = Path(__file__).with_name("data") / "indices.json"


@dataclass(frozen=True)
class IndexInfo:
    """One index (or sub-index, dimension, survey) as documents name it."""

    id: str  # stable key: "EGDI", "WGI-GE", "VDEM-LDI"
    name: str  # spelled out: "E-Government Development Index"
    acronyms: tuple[str, ...]  # matched in capitals only
    aliases: tuple[str, ...]  # other spelled-out forms, matched case-insensitively
    publisher: str
    kind: str  # composite index | sub-index | supplementary index | dimension | survey | ...
    part_of: str | None = None  # id of the composite a sub-index belongs to
    source: str | None = None  # id of the survey that publishes it
    scale: str | None = None  # "0 to 1", as the publisher fixes it
    components: tuple[str, ...] = ()  # ids of sub-indices, or names of unlisted factors
    groups: tuple[str, ...] = ()  # rating groups: "Very High", "High", ...
    editions: tuple[int, ...] = ()
    note: str | None = None  # known clashes of the acronym or name
    scores: str = "countries"  # what it scores: "cities" for a local index

    @property
    def terms(self) -> tuple[str, ...]:
        """Every way a document writes it: acronyms, name and aliases."""
        return (*self.acronyms, self.name, *self.aliases)


def _read(path: Path) -> tuple[IndexInfo, ...]:
    try:
        records: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["indices"]
    except (OSError, ValueError, KeyError) as exc:
        raise RuntimeError(
            f"{path}: cannot read the index names ({exc}); fix or restore the file"
        ) from exc
    infos = []
    for r in records:
        tuples = {
            k: tuple(r.get(k, ()))
            for k in ("acronyms", "aliases", "components", "groups", "editions")
        }
        infos.append(IndexInfo(**{**r, **tuples}))
    ids = [i.id for i in infos]
    if len(ids) != len(set(ids)):
        raise RuntimeError(f"{path}: an index id is listed twice; ids must be unique")
    return tuple(infos)


INDICES: tuple[IndexInfo, ...] = _read(INDICES_FILE)
_BY_ID = {i.id: i for i in INDICES}


def scores_cities(indices: Sequence[str]) -> bool:
    """Whether an index among these scores cities (data/indices.json "scores"): a city
    named with it, capital or not, is asked about as itself ("what LOSI score did Canberra
    get" is Canberra's, not Sydney's on Australia's row)."""
    return any(index_info(i).scores == "cities" for i in indices)


def levels_asked(text: str) -> list[str]:
    """The indices scoring the levels of government a text names without naming an index
    ("both nationally and for its biggest city": EGDI, LOSI): a city level is scored by the
    indices scoring cities, a national one beside it by the composite index of their survey
    (data/answers.json "levels_asked"). None when no city level is named: a national level
    alone is what a comparison of standing compares anyway."""
    if not matches_vocabulary(text, "levels_asked", "cities"):
        return []
    local = [i for i in INDICES if i.scores == "cities"]
    national = [i.id for i in INDICES if i.kind == "composite index" and i.scores == "countries"
                and i.source in {c.source for c in local}] if matches_vocabulary(
        text, "levels_asked", "countries") else []
    return [*national, *(i.id for i in local)]


def index_info(index_id: str) -> IndexInfo:
    """The index with this id; KeyError names the id when it is unknown."""
    try:
        return _BY_ID[index_id]
    except KeyError:
        raise KeyError(f"unknown index id {index_id!r}; see {INDICES_FILE.name}") from None


def index_name_stems(index_ids: Iterable[str]) -> frozenset[str]:
    """The stemmed words of every name of these indices (acronyms, name, aliases)."""
    return frozenset(t for i in index_ids for name in index_info(i).terms for t in terms(name))


def with_acronym(acronym: str) -> tuple[IndexInfo, ...]:
    """Indices abbreviated so (several when an acronym is shared: HCI)."""
    return tuple(i for i in INDICES if acronym in i.acronyms)


def spelled_out(acronym: str) -> str | None:
    """'EGDI' -> 'E-Government Development Index'; None when unknown or when two indices
    with different names share the acronym."""
    # "Human Capital Index (World Bank)" and the EGDI's "Human Capital Index" spell out alike.
    names = {re.sub(r" \(.*\)$", "", i.name) for i in with_acronym(acronym)}
    return names.pop() if len(names) == 1 else None


def components_of(index_id: str) -> tuple[IndexInfo, ...]:
    """The listed sub-indices or dimensions of a composite: EGDI -> OSI, TII, HCI."""
    return tuple(_BY_ID[c] for c in index_info(index_id).components if c in _BY_ID)


def _key(text: str) -> str:
    return re.sub(r"[\s\-]+", " ", text.lower()).strip()


@lru_cache(maxsize=1)
def index_terms() -> dict[str, tuple[str, ...]]:
    """Lower-case term (acronym, name, alias; hyphens as spaces) -> ids it may mean, in
    file order: {'egdi': ('EGDI',), 'e government development index': ('EGDI',), ...}."""
    terms: dict[str, tuple[str, ...]] = {}
    for info in INDICES:
        for term in info.terms:
            ids = terms.get(_key(term), ())
            terms[_key(term)] = ids if info.id in ids else (*ids, info.id)
    return terms


_LOWER_CASE_ACRONYM = 4


def lower_case_acronyms(acronyms: Iterable[str], language: Collection[str]) -> dict[str, str]:
    """Acronyms as typed in lower case ("dpga": DPGA), as an index's acronym is read: those
    of four letters or more that are no word of the language ("dial"); a shorter one may be
    a word or a part of one."""
    return {acronym.lower(): acronym for acronym in acronyms
            if len(acronym) >= _LOWER_CASE_ACRONYM and acronym.isalpha()
            and acronym.lower() not in language}


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    names: dict[str, tuple[str, ...]] = {}
    joined: dict[str, tuple[str, ...]] = {}  # the same, words run together: the lookup key
    acronyms: dict[str, tuple[str, ...]] = {}
    for info in INDICES:
        if info.kind == "dimension":  # "Government Effectiveness" is mostly plain prose
            continue
        for name in (info.name, *info.aliases):
            names[_key(name)] = (*names.get(_key(name), ()), info.id)
            joined[_joined(name)] = names[_key(name)]
        for acronym in info.acronyms:
            acronyms[acronym] = (*acronyms.get(acronym, ()), info.id)
    # Words of a name may be written with spaces, hyphens or nothing: "e-government",
    # "eGovernment", "e government".
    spelled = sorted(names, key=len, reverse=True)
    name_re = "|".join(r"[\s\-]*".join(map(re.escape, k.split(" "))) for k in spelled)
    acronym_re = "|".join(sorted(map(re.escape, acronyms), key=len, reverse=True))
    # Typed in lower case ("nigeria vs egypt on egdi"), an acronym of four letters or more
    # still names its index; a shorter one ("osi", "epi") may be a word or a part of one.
    long = [a for a in acronyms if len(a) >= _LOWER_CASE_ACRONYM and a.isalpha()]
    lower_re = "|".join(sorted((re.escape(a.lower()) for a in long), key=len, reverse=True))
    for acronym in long:
        acronyms[acronym.lower()] = acronyms[acronym]
    pattern = re.compile(
        rf"(?<![\w])(?i:(?P<name>{name_re}))(?![\w])"
        rf"|(?<![A-Za-z0-9])(?P<acronym>{acronym_re}|{lower_re})s?(?![A-Za-z])"
    )
    return pattern, joined, acronyms


def _joined(text: str) -> str:
    return re.sub(r"[\s\-]+", "", text.lower())


def find_indices(text: str) -> list[str]:
    """Ids of the indices a text names, in order of first mention, no duplicates.

    "the E-Government Development Index (EGDI) and LOSI" -> ["EGDI", "LOSI"]. An acronym
    counts in capitals only ("osi" is no index); a shared acronym gives every index it may
    mean. WGI dimensions are looked up by id, not found in prose.
    """
    found: dict[str, None] = {}
    for _, ids in index_mentions(text):
        found.update(dict.fromkeys(ids))
    return list(found)


def index_mentions(text: str) -> list[tuple[re.Match[str], tuple[str, ...]]]:
    """Where a text names an index, each mention with the ids it may mean ("LOSI" ->
    ("LOSI",)), in order."""
    pattern, names, acronyms = _pattern()
    return [(m, names[_joined(m["name"])] if m["name"] else acronyms[m["acronym"]])
            for m in pattern.finditer(text)]


def names_index_words(words: Sequence[str], alternatives: Sequence[Sequence[str]], where: str,
                      expansions: dict[str, str], title: Sequence[str] = ()) -> bool:
    """Whether a text names most of the words by which a question names an index the data
    files do not know ("the cybersecurity index", or a law: "the digital security act"),
    and every word of its ``title`` (those written capitalised): "EGDI performance ...
    average score" names two words of "the mean Environmental Performance Index", not the
    one that tells it from EGDI; "the world legal systems index" only describes "Index of
    States and their Legal Systems". The words left out may only be the first ones, those
    farthest from the noun, which place or qualify it ("world", "mean"): the words next to
    it tell one index from another ("press freedom" in "the world press freedom index", which
    "the Freedom House indices ... the World Bank" does not name), typed in capitals or
    not. A word is named by any word of its group of
    ``alternatives`` ("gov": "e-Government"), by an abbreviation the documents spell out
    with it (``expansions``), or by another name or the publisher of an index the text
    names ("the world justice project index": "Steps to Produce the WJP Rule of Law
    Index", published by the World Justice Project)."""
    present = set(terms(where))

    def named(word: str) -> bool:
        return word in present or any(word in group and not present.isdisjoint(group)
                                      for group in alternatives)

    def enough() -> bool:
        # A third of the words at most, from the first: "world" of three.
        return all(at < len(words) // 3 for at, word in enumerate(words) if not named(word)) \
            and all(map(named, title))
    if enough():
        return True
    present |= _other_names(where, frozenset(expansions.items()))
    return enough()


# An abbreviation as printed: "WJP", "ISORA", "e-CF".
_ABBREVIATION = re.compile(r"\b[A-Za-z]*[A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*\b")


@lru_cache(maxsize=4096)
def _other_names(where: str, expansions: frozenset[tuple[str, str]]) -> frozenset[str]:
    """The terms of what a text names by other names: its abbreviations spelled out, and the
    names and publishers of the indices it names."""
    spelled = dict(expansions)
    found = [spelled[a] for a in set(_ABBREVIATION.findall(where)) if a in spelled]
    for index in find_indices(where):
        info = index_info(index)
        found += [*info.terms, info.publisher]
    return frozenset(t for name in found for t in terms(name))


@cache
def _part_named() -> tuple[re.Pattern[str], frozenset[str]]:
    """The pattern of a part of an index named (data "index_parts"), and the terms of the
    ordinal words, which name no part ("the first criterion"), built once: every figure
    question is read through them."""
    nouns = "|".join(map(re.escape, vocabulary()["index_parts"]["words"]))
    ordinals = frozenset(terms(" ".join(w for w in vocabulary()["ordinal_words"]
                                        if not w.startswith("_"))))
    return re.compile(rf"\b(?:on|for|in|under)\s+(?:the|its|their)\s+((?:[a-z-]+\s+){{1,3}}?)"
                      rf"(?:{nouns})\b", re.IGNORECASE), ordinals


def index_part(text: str) -> list[str]:
    """The terms of a part of an index asked ("on the content provision criterion":
    content, provision; data "index_parts"): its figure, not the index's."""
    pattern, ordinals = _part_named()
    return [t for m in pattern.finditer(text) for t in terms(m.group(1))
            if t not in STOPWORDS and t not in ordinals]


def index_parts_named(text: str) -> list[str]:
    """The parts of an index a question asks as it names them ("content provision
    criterion"), for saying what no document covers."""
    pattern, _ = _part_named()
    return [text[m.start(1):m.end()] for m in pattern.finditer(text)]
