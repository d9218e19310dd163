"""Incremental, crash-safe ingestion: files -> chunks -> vectors -> Chroma + BM25.

Per file: parse, chunk, embed, upsert (ids derive from content, so a repeat is a no-op),
delete the file's stale chunks, and only then write its registry record. A file whose
SHA-256 matches its record is skipped without parsing or loading the model.

A document's key is its path relative to the folder named on the command line (a file
named directly: its name). The same file keeps its key however it is reached; another file
whose key is taken gets a longer part of its own path as key, so two files never share
one and neither replaces the other.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path

import numpy as np

from assistant.chroma_client import forget_cached_client
from assistant.embedding import (
    Embedder,
    Precision,
    embedder_for,
    index_precision,
    variant_name,
)
from assistant.errors import AssistantError, InputFileError
from assistant.ingest import SUPPORTED_SUFFIXES, SUPPORTED_TYPES
from assistant.ingest_steps import (
    Prepared,
    ProgressSink,
    parsed_ahead,
    prepare_file,
    sha256_of,
    store_file,
)
from assistant.lexical import BM25Index, content_digest, fingerprint
from assistant.locking import ingest_lock, local_copy_lock
from assistant.manifest import (
    IndexManifest,
    RebuildPlan,
    files_to_rechunk,
    plan_rebuild,
    write_manifest,
)
from assistant.settings import Settings
from assistant.store import ChromaStore
from assistant.storecopy import write_copy
from assistant.types import Chunk, FileFailure, IngestReport
from assistant.unitvec import UnitVectors

# Files that describe a corpus folder rather than belong to it.
_FOLDER_META = {"readme.md", "manifest.json", "license", "license.md", ".gitkeep"}


class _NoProgress:
    def files(self, done: int, total: int, name: str) -> None:
        pass

    def batches(self, done: int, total: int) -> None:
        pass


def discover(paths: Sequence[Path]) -> tuple[list[Path], list[FileFailure]]:
    """Expand folders (recursively, sorted); name what cannot be ingested."""
    files: list[Path] = []
    failures: list[FileFailure] = []
    for path in paths:
        try:
            if path.is_dir():
                found_before = len(files) + len(failures)
                for root, dirs, names in os.walk(path, followlinks=False, onerror=None):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(names):
                        if name.startswith(".") or name.lower() in _FOLDER_META:
                            continue
                        candidate = Path(root) / name
                        if candidate.suffix.lower() in SUPPORTED_SUFFIXES:
                            files.append(candidate)
                        else:
                            failures.append(
                                FileFailure(
                                    str(candidate),
                                    f"unsupported file type '{candidate.suffix or name}' "
                                    f"(supported: {SUPPORTED_TYPES})",
                                )
                            )
                # A folder named on the command line that holds nothing is a mistake to report.
                if len(files) + len(failures) == found_before:
                    failures.append(
                        FileFailure(
                            str(path), f"folder holds no supported files ({SUPPORTED_TYPES})"
                        )
                    )
            elif path.exists() or path.is_symlink():
                files.append(path)
            else:
                failures.append(FileFailure(str(path), "no such file or directory"))
        except OSError as exc:
            failures.append(FileFailure(str(path), f"cannot read ({exc.strerror or exc})"))
    return files, failures


def index_paths(
    paths: Sequence[Path],
    settings: Settings,
    *,
    prune: bool = False,
    progress: ProgressSink | None = None,
    embedder: Embedder | None = None,
) -> IngestReport:
    """Ingest files and folders into the index; returns what changed."""
    started = time.monotonic()
    sink = progress or _NoProgress()
    report = IngestReport()
    files, report.failed = discover(paths)
    with ingest_lock(settings):
        forget_cached_client(settings)  # write on what is on disk now, not a stale copy
        store = ChromaStore(settings, create=True)
        # An existing index keeps its variant; a new one gets the settings' (int8 by default).
        precision = index_precision(settings, store.embedding_variant, store.location)
        store.claim_model(settings.embedding_model, variant_name(precision))
        settings = settings.model_copy(update={"embedding_precision": precision})
        registry = store.documents()
        recorded = store.document_paths()
        plan = plan_rebuild(settings, set(registry))
        if plan.rechunk:
            files = _with_rechunk(files, recorded, plan, prune=prune)
            report.rechunked, report.rechunk_reason = len(registry), plan.reason
        # Re-chunking forgets the recorded hashes, so that every file is chunked again.
        known = {} if plan.rechunk else registry
        keys = DocumentKeys(recorded, registry, settings.max_file_mb * 1024 * 1024)
        model = _LazyEmbedder(settings, embedder, precision)
        unit_store = UnitVectors(model.embed, settings.units_dir)
        changed = plan.rebuild_bm25
        todo: list[tuple[Path, str]] = []
        for path in _distinct(files):  # keys in the order named: the first file named wins
            try:
                todo.append((path, keys.assign(path, _relative_key(path, paths))))
            except InputFileError as exc:
                report.failed.append(FileFailure(str(path), str(exc)))
        todo.sort(key=lambda item: _size(item[0]))

        def prepare(item: tuple[Path, str]) -> Prepared:
            return prepare_file(item[0], item[1], settings, known)

        for done, ((path, _), parsing) in enumerate(parsed_ahead(todo, prepare)):
            sink.files(done, len(todo), path.name)
            try:
                prepared = parsing.result()
                if prepared.doc is None:
                    if recorded.get(prepared.key, "") != _real(path):
                        store.record_document_path(prepared.key, _real(path))  # moved
                    report.unchanged += 1
                    continue
                report.embed_seconds += store_file(
                    prepared, _real(path), settings, store, sink, model, unit_store
                )
                report.added += 1
                report.embedded_chunks += len(prepared.chunks)
                changed = True
            except InputFileError as exc:
                report.failed.append(FileFailure(str(path), str(exc)))
            except AssistantError:
                raise
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
                report.failed.append(
                    FileFailure(str(path), f"unexpected error: {type(exc).__name__}: {exc}"[:200])
                )
        sink.files(len(todo), len(todo), "")
        if prune:
            for source, recorded_path in store.document_paths().items():
                if recorded_path and not Path(recorded_path).exists():
                    store.forget_document(source)
                    report.removed += 1
                    changed = True
        lexical = refresh_bm25(store, settings, force=changed)
        report.repeats = [r.note() for r in lexical.table.repeats]
        _record_manifest(settings, plan, report, set(recorded.values()))
        report.documents = len(store.documents())
        report.chunks = store.count()
    report.seconds = time.monotonic() - started
    return report


def _with_rechunk(
    files: list[Path], recorded: dict[str, str], plan: RebuildPlan, *, prune: bool
) -> list[Path]:
    """The files of this ingest plus those of every other indexed document: the index
    was chunked differently (``plan.reason``), so all its documents are chunked again."""
    named = {_real(path) for path in files}
    return files + files_to_rechunk(recorded, named, prune=prune, reason=plan.reason)


def _record_manifest(
    settings: Settings, plan: RebuildPlan, report: IngestReport, indexed_files: set[str]
) -> None:
    """Write the manifest once the index matches the settings. An indexed document that
    failed to re-chunk keeps its old chunks: the old manifest then stays, so the next
    ingest tries again."""
    if plan.rechunk and any(_real(Path(f.file)) in indexed_files for f in report.failed):
        return
    write_manifest(settings, IndexManifest.from_settings(settings), repeats=report.repeats)


def _real(path: Path) -> str:
    """The absolute path with links resolved; a link loop stays as it is (never raises)."""
    return os.path.realpath(path)


def _relative_key(path: Path, roots: Sequence[Path]) -> str:
    """The file's path relative to the folder it was found in, or its name."""
    for root in roots:
        try:
            if root.is_dir() and path.is_relative_to(root):
                return path.relative_to(root).as_posix()
        except OSError:
            continue
    return path.name


class DocumentKeys:
    """Gives each file the key it keeps in the index (see the module docstring)."""

    def __init__(self, recorded: dict[str, str], registry: dict, max_bytes: float) -> None:
        self.owner = dict(recorded)  # key -> resolved path of the file it belongs to
        self.registry = registry
        self.max_bytes = max_bytes

    def assign(self, path: Path, wanted: str) -> str:
        resolved = _real(path)
        for key, owner in self.owner.items():
            if owner == resolved:
                return key  # the same file, reached another way: it keeps its key
        parts = Path(resolved).parts
        options = [wanted] + ["/".join(parts[-n:]) for n in range(2, len(parts))]
        for key in options:
            taken_by = self.owner.get(key)
            if taken_by is None or self._moved_here(key, taken_by, path):
                self.owner[key] = resolved
                return key
        raise InputFileError(
            f"another document already has every key this file could take "
            f"({wanted}); rename the file"
        )

    def _moved_here(self, key: str, owner: str, path: Path) -> bool:
        """A recorded file that is gone, with the same content as ``path``: it moved."""
        if not owner or Path(owner).exists() or key not in self.registry:
            return False
        return bool(self.registry[key].sha256) and self.registry[key].sha256 == sha256_of(
            path, self.max_bytes
        )


def _size(path: Path) -> int:
    """Bytes of a file (0 when unreadable: its error then comes first). Files go smallest
    first because embedding waits for the first parse, one core idle, while the last file's
    embedding runs alone on every core: a large file first kept a core idle for its whole
    parse (on the text PDFs of corpus-real the first named took 13 of the 25 CPU s of
    parsing)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _distinct(files: list[Path]) -> list[Path]:
    """Each file once (named twice, as a file and within its folder: indexed once)."""
    seen: set[str] = set()
    out = []
    for path in files:
        if _real(path) not in seen:
            seen.add(_real(path))
            out.append(path)
    return out


class _LazyEmbedder:
    """The settings' embedder at the index's precision, loaded when a file first needs
    embedding: an ingest of unchanged files never loads the model."""

    def __init__(self, settings: Settings, embedder: Embedder | None, precision: Precision) -> None:
        self.settings = settings
        self.name = settings.embedding_model
        self.precision = precision
        self._embedder = embedder

    def embed(self, texts: list[str]) -> np.ndarray:
        if self._embedder is None:
            self._embedder = embedder_for(self.settings, self.precision)
        return self._embedder.embed(texts)


def refresh_bm25(store: ChromaStore, settings: Settings, *, force: bool = False) -> BM25Index:
    """Rebuild the BM25 index from the store unless it holds exactly the store's chunks:
    same ids and same texts and metadata (a digest), files intact. A stale, tampered or
    garbled BM25 index is therefore repaired by every ingest.

    Chunks of a document with no registry record belong to an interrupted ingest; they are
    deleted here so that neither retriever ever sees half a document.
    """
    documents = store.documents()
    version = store.version()
    existing = None if force else BM25Index.load(settings.bm25_dir)
    chunks: list[Chunk] = []
    orphans: list[Chunk] = []
    for chunk in store.iter_chunks():
        (chunks if chunk.source in documents else orphans).append(chunk)
    if orphans:
        store.delete_chunks([c.id for c in orphans])
    if (
        existing is not None
        and existing.fingerprint == fingerprint(c.id for c in chunks)
        and existing.content == content_digest(chunks)
        and existing.version == version
    ):
        index = existing
    else:
        index = BM25Index.build(chunks, version)
        with local_copy_lock(settings) if settings.chroma_url else nullcontext():
            index.save(settings.bm25_dir)
    # Questions read a small store from its copy (storecopy.py): written again by every
    # ingest, after the BM25 index of the same version.
    write_copy(store, [c.id for c in chunks])
    return index
