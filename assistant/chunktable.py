"""What a process needs to know about every chunk, without holding the chunks.

Built at ingest beside the BM25 index, in the BM25 index's row order (chunk ids sorted), and
memory-mapped when loaded, so a process that answers questions over a million chunks keeps
no per-chunk Python object:

- columns (numpy arrays): chunk id, document key, title, doc type, year, ordinal, section,
  kind, so a filter becomes a 0/1 mask over BM25 rows by array comparisons;
- countries as a sparse table (the rows of each country), for country filters;
- a reading-order index (rows sorted by document and ordinal), so "the next chunk" and
  "the chunks under this heading" are binary searches, not scans;
- corpus statistics computed once: document frequency of every content term (for term
  rarity), the countries and languages present, and acronyms the documents spell out;
- the passages a document repeats from another (assistant.repeats), left to the original.

Chunk text and metadata are never here: they are read from the store for the hits only.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from assistant.document_kinds import of_kind_said
from assistant.language import document_language
from assistant.question_names import version_languages
from assistant.repeats import Repeat, find_repeats
from assistant.text import abbreviations, terms
from assistant.types import Chunk

_COLUMNS = ("ids", "source", "document", "doc_type", "year", "ordinal", "section", "kind",
            "country_offsets", "country_rows", "position_key", "position_rows",
            "df_terms", "df_counts")
_LOOKUPS = "lookups.json"
# A question names a document when it holds two of the name's terms, and this share.
_NAME_TERMS = 2
_NAME_SHARE = 0.6
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")  # longer, a word in capitals
_TITLE_PARTS = re.compile(r"\s+\|\s+|:\s+")

def spelled_acronyms(chunks: Sequence[Chunk]) -> dict[str, str]:
    """Abbreviations the documents spell out, first spelling kept: 'Open Source Software
    (OSS)' -> OSS: 'Open Source Software'. Only all-capital ones: a query names them."""
    found: dict[str, str] = {}
    for chunk in chunks:
        for short, long in abbreviations(chunk.embedding_text()):
            if short.isupper():
                found.setdefault(short, long)
    return found


def _codes(values: Sequence[str]) -> tuple[list[str], np.ndarray]:
    names = sorted(set(values))
    index = {name: i for i, name in enumerate(names)}
    return names, np.array([index[v] for v in values], dtype=np.int32)


@dataclass
class ChunkTable:
    """Per-row columns and corpus statistics (see the module docstring)."""

    columns: dict[str, np.ndarray]
    lookups: dict  # code -> name lists, statistics that are small

    # ---- build and persist --------------------------------------------------------------
    @classmethod
    def build(cls, chunks: Sequence[Chunk]) -> ChunkTable:
        """``chunks`` in BM25 row order."""
        sources, source = _codes([c.source for c in chunks])
        documents, document = _codes([c.document for c in chunks])
        doc_types, doc_type = _codes([c.doc_type for c in chunks])
        sections, section = _codes([c.section or "" for c in chunks])
        kinds, kind = _codes([c.kind for c in chunks])
        ordinal = np.array([c.ordinal for c in chunks], dtype=np.int64)
        by_country: dict[str, list[int]] = {}
        for row, chunk in enumerate(chunks):
            for country in chunk.countries:
                by_country.setdefault(country, []).append(row)
        countries = sorted(by_country)
        offsets = np.cumsum([0] + [len(by_country[c]) for c in countries]).astype(np.int64)
        country_rows = np.array([r for c in countries for r in by_country[c]], dtype=np.int32)
        # Reading order: (document, ordinal, row); the row breaks ties as the id order did.
        position_key = (source.astype(np.int64) << 32) | ordinal
        position_rows = np.lexsort((np.arange(len(chunks)), ordinal, source)).astype(np.int32)
        df: Counter[str] = Counter()
        for chunk in chunks:
            df.update(set(terms(chunk.embedding_text())))
        df_terms = sorted(df)
        repeats = find_repeats(chunks, document_language)
        columns = {
            "ids": np.array([c.id.encode("utf-8") for c in chunks], dtype=np.bytes_)
            if chunks else np.zeros(0, dtype="S1"),
            "source": source, "document": document, "doc_type": doc_type,
            "year": np.array([c.year or 0 for c in chunks], dtype=np.int32),
            "ordinal": ordinal, "section": section, "kind": kind,
            "country_offsets": offsets, "country_rows": country_rows,
            "position_key": position_key[position_rows], "position_rows": position_rows,
            "df_terms": np.array(df_terms, dtype=np.str_) if df_terms else np.zeros(0, "U1"),
            "df_counts": np.array([df[t] for t in df_terms], dtype=np.int32),
        }
        lookups = {
            "sources": sources, "documents": documents, "doc_types": doc_types,
            "sections": sections, "kinds": kinds, "countries": countries,
            "languages": sorted({c.language or "en" for c in chunks}) or ["en"],
            "document_languages": {**{c.source: c.language for c in chunks if c.language},
                                   **repeats.languages},
            "acronyms": spelled_acronyms(chunks),
            "repeats": [vars(r) for r in repeats.found],
            "hidden": sorted(repeats.hidden),
            "total": len(chunks),
        }
        return cls(columns, lookups)

    def save(self, directory: Path) -> None:
        for name in _COLUMNS:
            np.save(directory / f"table.{name}.npy", self.columns[name], allow_pickle=False)
        (directory / _LOOKUPS).write_text(json.dumps(self.lookups, ensure_ascii=False))

    @classmethod
    def load(cls, directory: Path) -> ChunkTable:
        """Memory-mapped: pages are read when a question touches them. Plain arrays over
        the maps: np.memmap's own indexing (a Python method) cost more than the lookups."""
        columns = {
            name: np.asarray(
                np.load(directory / f"table.{name}.npy", mmap_mode="r", allow_pickle=False))
            for name in _COLUMNS
        }
        return cls(columns, json.loads((directory / _LOOKUPS).read_text()))

    # ---- statistics ----------------------------------------------------------------------
    def __len__(self) -> int:
        return int(self.lookups["total"])

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(self.lookups["countries"])

    @property
    def languages(self) -> list[str]:
        return list(self.lookups["languages"])

    @property
    def acronyms(self) -> dict[str, str]:
        return dict(self.lookups["acronyms"])

    @property
    def repeats(self) -> list[Repeat]:
        return [Repeat(**r) for r in self.lookups.get("repeats", [])]

    @cached_property
    def hidden(self) -> frozenset[str]:
        """Ids of chunks a copy repeats from its original: answers cite the original's."""
        return frozenset(self.lookups.get("hidden", []))

    def document_frequency(self, term: str) -> int:
        """Chunks whose text holds the content term (0 when none does)."""
        vocabulary = self.columns["df_terms"]
        at = int(vocabulary.searchsorted(term))
        if at < len(vocabulary) and vocabulary[at] == term:
            return int(self.columns["df_counts"][at])
        return 0

    def terms_starting(self, prefix: str) -> list[str]:
        """Every indexed term that starts with ``prefix`` (one range of the sorted
        vocabulary)."""
        vocabulary = self.columns["df_terms"]
        low = int(vocabulary.searchsorted(prefix))
        high = int(vocabulary.searchsorted(prefix + "\U0010ffff"))
        return [str(t) for t in vocabulary[low:high]]

    def commonest_starting(self, prefix: str) -> str | None:
        """The indexed term with the most chunks among those that start with ``prefix``
        (the sorted vocabulary holds them as one range), or None."""
        vocabulary = self.columns["df_terms"]
        low = int(vocabulary.searchsorted(prefix))
        # Every term starting with the prefix sorts before prefix + the last code point.
        high = int(vocabulary.searchsorted(prefix + "\U0010ffff"))
        if low >= high:
            return None
        counts = np.asarray(self.columns["df_counts"][low:high])
        return str(vocabulary[low + int(np.argmax(counts))])

    @cached_property
    def heading_terms(self) -> dict[str, list[int]]:
        """Term -> codes of the section paths that hold it (built on first use, from the
        distinct headings only: far fewer than chunks)."""
        index: dict[str, list[int]] = {}
        for code, section in enumerate(self.lookups["sections"]):
            for term in set(terms(section)):
                index.setdefault(term, []).append(code)
        return index

    @cached_property
    def heading_sizes(self) -> list[int]:
        """How many distinct terms each section path holds, by code."""
        return [len(set(terms(section))) for section in self.lookups["sections"]]

    def section_rows(self, code: int) -> np.ndarray:
        """Rows under one section path (any document), furniture left out, in row order."""
        keep = np.asarray(self.columns["section"]) == code
        furniture = _position(self.lookups["kinds"], "furniture")
        if furniture is not None:
            keep &= np.asarray(self.columns["kind"]) != furniture
        return np.flatnonzero(keep)

    # ---- rows ------------------------------------------------------------------------------
    def id_of(self, row: int) -> str:
        return bytes(self.columns["ids"][row]).decode("utf-8")

    def rows_of(self, *, countries: Sequence[str] = (), documents: Sequence[str] = (),
                doc_types: Sequence[str] = (), years: Sequence[int] = ()) -> np.ndarray:
        """A 0/1 mask over rows: every restriction given must hold (a country filter: any
        of the countries; a document filter: its key or its title)."""
        mask = np.ones(len(self), dtype=bool)
        if countries:
            wanted = np.zeros(len(self), dtype=bool)
            offsets, rows = self.columns["country_offsets"], self.columns["country_rows"]
            names = self.lookups["countries"]
            for country in countries:
                at = _position(names, country)
                if at is not None:
                    wanted[rows[offsets[at]: offsets[at + 1]]] = True
            mask &= wanted
        if documents:
            mask &= (self._isin("source", "sources", documents)
                     | self._isin("document", "documents", documents))
        if doc_types:
            mask &= self._isin("doc_type", "doc_types", doc_types)
        if years:
            mask &= np.isin(self.columns["year"], np.array(list(years), dtype=np.int32))
        return mask.astype(np.float32)

    def _isin(self, column: str, names: str, wanted: Sequence[str]) -> np.ndarray:
        codes = [at for name in wanted if (at := _position(self.lookups[names], name)) is not None]
        return np.isin(self.columns[column], np.array(codes, dtype=np.int32))

    def reading_order(self, source: str) -> np.ndarray:
        """Rows of one document by ordinal (ties by id)."""
        code = _position(self.lookups["sources"], source)
        if code is None:
            return np.zeros(0, dtype=np.int32)
        keys = self.columns["position_key"]
        low = int(keys.searchsorted(code << 32))
        high = int(keys.searchsorted((code + 1) << 32))
        return np.asarray(self.columns["position_rows"][low:high])

    def section_ids(self, source: str, section: str | None) -> list[str]:
        """Ids of the chunks under one heading of a document, furniture left out, in
        reading order."""
        rows = self.reading_order(source)
        code = _position(self.lookups["sections"], section or "")
        furniture = _position(self.lookups["kinds"], "furniture")
        if code is None or not len(rows):
            return []
        keep = self.columns["section"][rows] == code
        if furniture is not None:
            keep &= self.columns["kind"][rows] != furniture
        return [self.id_of(int(r)) for r in rows[keep]]

    def named_documents(self, text: str) -> list[str]:
        """The documents (keys or titles, as a document filter takes them) a question names
        by title or file name ("the Country Who's Who report", "the high-level roadmap",
        "the EIGE gender statistics database"): at least two of the name's terms, and most
        of them (years, folder and extension aside), are in the text; or a kind of file
        and a word of its name ("the roadmap spreadsheet", ``document_kinds``)."""
        keys = self._names[0]
        named = list(dict.fromkeys(keys[at] for at in self._named_at(text)))
        named = self._in_language_named(text, named)
        return of_kind_said(text, named, self.lookups["sources"], _name_term_list)

    def _in_language_named(self, text: str, named: list[str]) -> list[str]:
        """``named`` read in the language the text names as a version's ("the french
        maturity page", "the Romanian version"): the named documents written in it, else
        the translations of the named ones (the documents repeating them), else every
        document written in it; ``named`` when the text names no version's language."""
        languages = version_languages(text)
        written = self.lookups.get("document_languages", {})
        in_language = [s for s in self.lookups["sources"] if written.get(s) in languages]
        if not in_language:
            return named
        originals = {r["copy"]: r["original"] for r in self.lookups["repeats"]}
        return ([n for n in named if n in in_language]
                or [s for s in in_language if originals.get(s) in named] or in_language)

    def naming_terms(self, text: str) -> set[str]:
        """The text's terms that name a document it names ("eige", and "european",
        "institut", "gender", "equal" when the acronym is spelled out): they find the
        document, not a passage in it."""
        heads = self._names[1]
        named = {t for at in self._named_at(text) for t in heads[at]}
        return named & set(terms(text))

    def _named_at(self, text: str) -> list[int]:
        """The names (their places in ``_names``) the text holds."""
        _, heads, _, index = self._names
        asked = set(terms(text))
        matched: Counter[int] = Counter()
        for term in asked:
            matched.update(index.get(term, ()))
        # An abbreviation in capitals names a document alone ("the UNPOG presentation",
        # "egovernance-emerging-issues-unpog.pdf"): a common word of a name never does.
        acronyms = {t for a in _ACRONYM.findall(text) for t in terms(a)}
        named = [at for at, found in sorted(matched.items())
                 if found >= _NAME_TERMS and found >= _NAME_SHARE * len(heads[at])
                 or acronyms.intersection(heads[at])]
        return sorted({*named, *self._named_by_head(text, matched)})

    def _named_by_head(self, text: str, matched: Counter[int]) -> list[int]:
        """The names the text calls by their head, the words a reader shortens a long title
        to ("the index of states", "the states index"): its first terms (two or more), said
        together, and not qualifying the next word, when that is another document's name's
        ("the open budget questionnaire" is not the "Open Budget Survey 2023 Methodology").
        A subtitle's head names nothing ("capacity building workshop" is a phrase)."""
        _, heads, leading, index = self._names
        # The text's terms in order, a word without any (of, the, with) as "".
        said = [t for word in text.split() for t in terms(word) or [""]]
        places = [i for i, term in enumerate(said) if term]
        found = []
        for at, count in sorted(matched.items()):
            if count < _NAME_TERMS or not leading[at]:
                continue
            head = set(heads[at][:count])
            for first, last in zip(places, places[count - 1:], strict=False):
                after = said[last + 1] if last + 1 < len(said) else ""
                if ({said[i] for i in places if first <= i <= last} == head
                        and (after in heads[at] or after not in index)):
                    found.append(at)
                    break
        return found

    @cached_property
    def _names(self) -> tuple[list[str], list[list[str]], list[bool], dict[str, list[int]]]:
        """Every name's document (key or title), its distinct terms in order, whether it
        leads (a file name or a title's first part), and term -> names. A title's parts
        name it too: "Indicator: ... | Gender Statistics Database | European ..."."""
        named = [(key, key, True) for key in self.lookups["sources"]] + [
            (part, title, at == 0) for title in self.lookups["documents"]
            for at, part in enumerate(_TITLE_PARTS.split(title))]
        heads = [list(dict.fromkeys(_name_term_list(name))) for name, _, _ in named]
        index: dict[str, list[int]] = {}
        for at, found in enumerate(heads):
            for term in found:
                index.setdefault(term, []).append(at)
        return [key for _, key, _ in named], heads, [lead for _, _, lead in named], index

    def neighbour_id(self, source: str, ordinal: int, step: int) -> str | None:
        """The id of the document's chunk ``step`` ordinals after this one (before it when
        negative), if any. Found once per chunk: the composers walk the same passages'
        neighbours for question after question (2,382 look-ups a golden batch)."""
        key = (source, ordinal + step)
        found = self._neighbour_ids
        if key not in found:
            if len(found) > 100_000:
                found.clear()
            found[key] = self._chunk_at(source, ordinal + step)
        return found[key]

    @cached_property
    def _neighbour_ids(self) -> dict[tuple[str, int], str | None]:
        return {}

    def _chunk_at(self, source: str, ordinal: int) -> str | None:
        """The id of the document's chunk at ``ordinal``, if any."""
        code = _position(self.lookups["sources"], source)
        if code is None or ordinal < 0:
            return None
        keys = self.columns["position_key"]
        wanted = (code << 32) | ordinal
        at = int(keys.searchsorted(wanted))
        if at < len(keys) and int(keys[at]) == wanted:
            return self.id_of(int(self.columns["position_rows"][at]))
        return None


def _name_term_list(name: str) -> list[str]:
    """The terms of a title or file name in order: the folder, extension and numbers left
    out, "KrattVisionPaper" read as three words, "v-dem_methodology" as "v dem methodology"."""
    stem = name.rsplit("/", 1)[-1]
    if "/" in name:
        stem = stem.rsplit(".", 1)[0]
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", stem)
    return [t for t in terms(spaced) if not t.isdigit()]


def _position(names: list[str], name: str) -> int | None:
    """Where ``name`` is in a sorted list of names, or None."""
    import bisect

    at = bisect.bisect_left(names, name)
    return at if at < len(names) and names[at] == name else None

