"""How an index was built: ``manifest.json`` beside the store, and what a change means.

The manifest names the embedding model and variant (fp32 or int8, as the Chroma collection
records it), the chunking parameters, the parser version and
the format versions of the stored chunks and of the BM25 files. Ingest compares it with
the settings: when the chunks a file yields would differ, every indexed document is
re-chunked, so a changed ``ASSISTANT_CHUNK_MAX_CHARS`` is never silently ignored. The file
is plain JSON so a person can read it (bm25s keeps ``params.index.json`` the same way).

It lives in the index folder, with the BM25 index and the ingest lock, also when the
chunks are on a Chroma server; ``store`` records which store it describes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from assistant.embedding import FP32, new_index_precision, variant_name
from assistant.errors import IndexMismatchError
from assistant.settings import Settings

MANIFEST_FILE = "manifest.json"
MANIFEST_VERSION = 1
# Bump when ingest.py or chunking.py change the chunks a file yields (parsing, splitting,
# page or section assignment, chunk metadata such as countries): indexes built by an
# older parser are then re-chunked by the next ingest instead of mixing two versions.
# 2: PDF spacing from glyph positions; no page for Word, sheets, web.
# 3: Markdown and web pages read from markdown-it-py's token stream.
# 4: PDF tables: side-by-side halves apart, two-level headers, "rows" (no header row).
# 5: Markdown headings inside a tab or <details> sit under its title.
# 6: two-column PDF pages read down the left column, then the right (parsers/pdf_columns.py).
# 7: spreadsheet rows whose first cell is empty are kept (they were dropped).
# 8: a table row too long for a chunk is cut between cells, each piece naming its row.
# 9: a PDF or Word line naming a person's part ("Moderator: Ms. X") or a name alone is never
#    a heading.
# 10: a first cell spanning printed rows is carried to each row; wrapped header labels joined.
# 11: a title line right above a table without column names is its caption (chunking).
# 12: a PDF table's upper column labels, repeated at the top of every page, are kept (they
#    were stripped as running heads).
# 13: a row cut into pieces repeats its short name cells past a long one, and a cell too long
#    for a piece is cut between sentences under its column name (chunking).
# 14: a note repeated at the foot of every PDF page ("NB. Données à jour au 1er janvier
#    2018", footnotes "(3) ...") is kept where first printed, not stripped as a running line.
# 15: a PDF's numbered headings nest by their numbers ("7 ..." after "5 ..." is its sibling),
#     not only by font (section_path.py); PDF table rows are assembled as printed: a cell
#     line above its row's first line, a country row with most cells empty
#     (parsers/pdf_table_rows.py).
# 16: among a PDF's numbered chapters an unnumbered heading is a part of the open one
#     whatever its font; an appendix, annex or reference list ends the chapters and is a
#     top heading (section_path.py, data answers.json "back_matter_headings").
PARSER_VERSION = 16
# Bump when Chunk.to_metadata() stores other fields in Chroma (Chunk.from_metadata reads them).
CHUNK_FORMAT = 1
# Bump when lexical.BM25Index.save() writes other files or the terms it indexes change;
# the BM25 index is then rebuilt. 2: chunks are read by text.terms (issue 12).
# 3: also no chunk text; a memory-mapped chunk table and corpus statistics beside it.
# 4: "ai", "eu", "un" are terms in English text (acronyms), no longer French stopwords.
# 5: "non-technical" is one term, "nontechn" (text.words), not "non" and "technic".
# 6: two stopwords joined by a hyphen are one term ("as-is": "asis").
# 7: the chunk table names the passages a document repeats from another (repeats.py).
# 8: the chunk table records each document's language, a translation's from its own passages.
BM25_FORMAT = 8

# Fields whose change alters the chunks themselves (so documents must be re-chunked).
CHUNKING_FIELDS = ("chunk_max_chars", "chunk_overlap_sentences", "parser_version", "chunk_format")


@dataclass(frozen=True)
class IndexManifest:
    embedding_model: str
    chunk_max_chars: int
    chunk_overlap_sentences: int
    parser_version: int = PARSER_VERSION
    chunk_format: int = CHUNK_FORMAT
    bm25_format: int = BM25_FORMAT
    # Which store the manifest describes: "embedded" or the Chroma server URL, and collection.
    store: str = "embedded"
    collection: str = "policy_assistant"
    manifest_version: int = MANIFEST_VERSION
    # Which vectors (embedding.variant_name); manifests written before int8 lack it: fp32.
    embedding_variant: str = FP32

    @classmethod
    def from_settings(cls, settings: Settings) -> IndexManifest:
        """The manifest an ingest with these settings writes into a new index (into an
        existing one, the settings carry its precision: indexing.index_paths)."""
        return cls(
            embedding_model=settings.embedding_model,
            embedding_variant=variant_name(new_index_precision(settings)),
            chunk_max_chars=settings.chunk_max_chars,
            chunk_overlap_sentences=settings.chunk_overlap_sentences,
            store=settings.chroma_url or "embedded",
            collection=settings.collection,
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IndexManifest:
        """Raises ValueError when a field is missing or of the wrong type."""
        known = {f.name: f.type for f in fields(cls)}
        values: dict[str, Any] = {}
        for name, kind in known.items():
            if name == "embedding_variant" and name not in data:
                continue  # written before the variant was recorded: the default, fp32
            if name not in data:
                raise ValueError(f"manifest lacks '{name}'")
            value = data[name]
            wanted = int if kind == "int" else str
            if not isinstance(value, wanted) or isinstance(value, bool):
                raise ValueError(f"manifest field '{name}' is not {wanted.__name__}")
            values[name] = value
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def manifest_path(settings: Settings) -> Path:
    return settings.index_dir / MANIFEST_FILE


def read_manifest(settings: Settings) -> IndexManifest | None:
    """The recorded manifest; None when there is none or it cannot be read (an index
    built before manifests existed, or a damaged file: both mean "built unknown how")."""
    try:
        data = json.loads(manifest_path(settings).read_text(encoding="utf-8"))
        return IndexManifest.from_json(data) if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


def write_manifest(
    settings: Settings, manifest: IndexManifest, *, repeats: Sequence[str] = ()
) -> None:
    """Write to a temporary file and rename it over the old one: never half a manifest.
    ``repeats`` (documents that repeat another's text) is recorded for a person to read;
    it takes no part in comparing manifests."""
    path = manifest_path(settings)
    tmp = path.with_name(path.name + ".tmp")
    data = {**manifest.to_json(), **({"repeats": list(repeats)} if repeats else {})}
    tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def differences(
    recorded: IndexManifest, wanted: IndexManifest, names: tuple[str, ...]
) -> list[str]:
    """Human-readable 'field: index X, settings Y' for each named field that differs."""
    old, new = recorded.to_json(), wanted.to_json()
    return [f"{n}: index {old[n]}, settings {new[n]}" for n in names if old[n] != new[n]]


@dataclass(frozen=True)
class RebuildPlan:
    """What an ingest must redo because the index was built differently."""

    rechunk: bool = False  # re-chunk (and re-embed) every indexed document
    rebuild_bm25: bool = False  # the BM25 files are in an older format
    reason: str = ""  # one line naming the difference, for the report


def plan_rebuild(settings: Settings, indexed_sources: set[str]) -> RebuildPlan:
    """Compare the manifest with the settings. An empty index needs nothing; an index
    without a manifest was built by an older version with unknown settings: re-chunk."""
    if not indexed_sources:
        return RebuildPlan()
    recorded = read_manifest(settings)
    wanted = IndexManifest.from_settings(settings)
    if recorded is None:
        return RebuildPlan(
            rechunk=True, rebuild_bm25=True, reason="the index has no readable manifest"
        )
    if (recorded.store, recorded.collection) != (wanted.store, wanted.collection):
        return RebuildPlan(
            rechunk=True,
            rebuild_bm25=True,
            reason=f"the manifest describes {recorded.store} collection {recorded.collection}",
        )
    changed = differences(recorded, wanted, CHUNKING_FIELDS)
    if changed:
        return RebuildPlan(rechunk=True, rebuild_bm25=True, reason="; ".join(changed))
    if recorded.bm25_format != wanted.bm25_format:
        return RebuildPlan(
            rebuild_bm25=True, reason="; ".join(differences(recorded, wanted, ("bm25_format",)))
        )
    return RebuildPlan()


def files_to_rechunk(
    recorded_paths: dict[str, str], named: set[str], *, prune: bool, reason: str
) -> list[Path]:
    """Files of indexed documents (document key -> resolved path) that are not among
    ``named`` (the resolved paths of this ingest's files), to re-chunk them too.

    A document whose file is gone cannot be re-chunked: with ``prune`` it is dropped
    anyway; otherwise the ingest is refused, naming the difference and how to rebuild.
    """
    extra: list[Path] = []
    gone: list[str] = []
    for source, recorded in sorted(recorded_paths.items()):
        if recorded in named:
            continue
        if recorded and Path(recorded).is_file():
            extra.append(Path(recorded))
        else:
            gone.append(source)
    if gone and not prune:
        raise IndexMismatchError(
            f"the index must be re-chunked ({reason}) but the files of {len(gone)} document(s) "
            f"are gone ({', '.join(gone[:3])}{', ...' if len(gone) > 3 else ''}); put them back, "
            "or drop those documents with `assistant ingest --prune PATH...`"
        )
    return extra


def stale_settings(settings: Settings) -> list[str]:
    """For `assistant info`: how the settings differ from the recorded manifest."""
    recorded = read_manifest(settings)
    if recorded is None:
        return []
    names = (*CHUNKING_FIELDS, "bm25_format")  # another model is refused, not rebuilt
    return differences(recorded, IndexManifest.from_settings(settings), names)
