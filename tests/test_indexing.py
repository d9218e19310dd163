"""Incremental, crash-safe indexing: unchanged files are skipped, changed ones replaced,
deleted ones pruned, and an interrupted ingest is finished by the next run without
duplicates. After every run the BM25 index matches the vector store chunk for chunk.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from stage_fixtures import chunk

from assistant.chunking import chunk_document
from assistant.embedding import Embedder, OneByOne, get_embedder
from assistant.errors import IndexLockedError
from assistant.filters import Filters
from assistant.indexing import index_paths, ingest_lock
from assistant.ingest import ingest_file
from assistant.lexical import BM25Index, fingerprint
from assistant.retrieve import HybridRetriever
from assistant.settings import Settings
from assistant.store import ChromaStore

EGYPT = "# Egypt notes\n\n## Services\n\nEgypt digitised land registration for every governorate.\n"
NIGERIA = "# Nigeria notes\n\n## Challenges\n\nNigeria reports an inadequate power supply for data centres.\n"


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "egypt.md").write_text(EGYPT)
    (folder / "nigeria.md").write_text(NIGERIA)
    return folder


def assert_consistent(settings: Settings) -> ChromaStore:
    """Store, registry and BM25 index describe the same chunks, none twice."""
    store = ChromaStore(settings)
    ids = store.chunks.get(include=[])["ids"]
    assert len(ids) == len(set(ids))
    assert len(ids) == sum(d.chunks for d in store.documents().values())
    assert {c.source for c in store.iter_chunks()} == set(store.documents())
    bm25 = BM25Index.load(settings.bm25_dir)
    assert bm25 is not None
    assert bm25.fingerprint == fingerprint(ids)
    assert sorted(bm25.table.id_of(row) for row in range(len(bm25))) == sorted(ids)
    return store


def texts(store: ChromaStore) -> str:
    return "\n".join(c.text for c in store.iter_chunks())


@pytest.mark.slow
def test_second_ingest_of_unchanged_corpus_only_hashes_files(make_settings, corpus_copy):
    settings = make_settings()
    first = index_paths([corpus_copy], settings)
    assert (first.added, first.unchanged, first.failed) == (2, 0, [])
    assert first.embedded_chunks == first.chunks and first.embed_seconds > 0
    second = index_paths([corpus_copy], settings)
    assert second.embedded_chunks == 0
    assert (second.documents, second.added, second.unchanged, second.removed) == (2, 0, 2, 0)
    assert second.chunks == first.chunks
    assert second.seconds < 0.25 * first.seconds, (first.seconds, second.seconds)
    assert_consistent(settings)


def test_changed_file_has_its_chunks_replaced(make_settings, notes):
    settings = make_settings()
    index_paths([notes], settings)
    (notes / "egypt.md").write_text(EGYPT.replace("land registration", "e-signatures"))
    report = index_paths([notes], settings)
    assert (report.added, report.unchanged) == (1, 1)
    store = assert_consistent(settings)
    assert "e-signatures" in texts(store)
    assert "land registration" not in texts(store)
    found = [cid for cid, _ in BM25Index.load(settings.bm25_dir).search("registration", k=5)]
    assert "egypt.md" not in {c.source for c in store.get_chunks(found)}


def test_prune_drops_documents_whose_files_are_gone(make_settings, notes):
    settings = make_settings()
    index_paths([notes], settings)
    (notes / "nigeria.md").unlink()
    kept = index_paths([notes], settings)
    assert (kept.removed, kept.documents) == (0, 2)  # without --prune nothing is dropped
    pruned = index_paths([notes], settings, prune=True)
    assert (pruned.removed, pruned.documents, pruned.unchanged) == (1, 1, 1)
    store = assert_consistent(settings)
    assert set(store.documents()) == {"egypt.md"}
    assert "power supply" not in texts(store)


def _upsert_without_record(settings: Settings, path: Path, keep: slice = slice(None)) -> int:
    """What an ingest killed after embedding but before its registry record leaves behind."""
    chunks = chunk_document(ingest_file(path, settings), settings)[keep]
    vectors = get_embedder(settings.embedding_model).embed([c.embedding_text() for c in chunks])
    store = ChromaStore(settings, create=True)
    store.claim_model(settings.embedding_model)
    store.upsert(chunks, vectors)
    return len(chunks)


def test_ingest_after_crash_before_registry_record_finishes_without_duplicates(
    make_settings, notes, tmp_path
):
    clean = make_settings(index_dir=tmp_path / "clean")
    expected = index_paths([notes], clean).chunks
    settings = make_settings()
    assert _upsert_without_record(settings, notes / "egypt.md") > 0
    report = index_paths([notes], settings)
    assert (report.added, report.chunks) == (2, expected)
    assert_consistent(settings)


def test_changed_file_crashed_half_way_is_redone(make_settings, notes, tmp_path):
    settings = make_settings()
    index_paths([notes], settings)
    (notes / "egypt.md").write_text(EGYPT + "\n## Plans\n\nEgypt plans a cloud-first policy.\n")
    _upsert_without_record(settings, notes / "egypt.md", keep=slice(0, 1))  # old record stays
    report = index_paths([notes], settings)
    assert report.added == 1
    clean = make_settings(index_dir=tmp_path / "clean")
    assert report.chunks == index_paths([notes], clean).chunks
    assert "cloud-first" in texts(assert_consistent(settings))


def test_chunks_of_an_abandoned_file_are_cleared_by_the_next_ingest(make_settings, notes, tmp_path):
    settings = make_settings()
    index_paths([notes], settings)
    ghost = tmp_path / "ghost.md"
    ghost.write_text("# Ghost\n\nHalf-indexed text about Bhutan.\n")
    _upsert_without_record(settings, ghost)
    report = index_paths([notes], settings)  # nothing changed on disk
    assert (report.added, report.unchanged) == (0, 2)
    store = assert_consistent(settings)
    assert "Bhutan" not in texts(store)


def _stored_rows(index_dir: Path) -> int:
    """Rows Chroma has written so far (read-only peek at its SQLite log while it runs)."""
    try:
        with sqlite3.connect(f"file:{index_dir / 'chroma.sqlite3'}?mode=ro", uri=True) as db:
            return db.execute("SELECT count(*) FROM embeddings_queue").fetchone()[0]
    except sqlite3.Error:
        return 0  # not created yet, or busy


@pytest.mark.slow
def test_ingest_killed_mid_run_is_completed_by_the_next_run(
    make_settings, corpus_copy, corpus_settings
):
    settings = make_settings()
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "ingest", str(corpus_copy),
         "--index", str(settings.index_dir), "--json"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 180
    # Kill as soon as the first chunks are written: the first document is half-stored.
    while proc.poll() is None and _stored_rows(settings.index_dir) == 0:
        assert time.monotonic() < deadline, "ingest wrote nothing within 3 minutes"
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be interrupted"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert len(ChromaStore(settings).documents()) < 2
    report = index_paths([corpus_copy], settings)
    assert report.failed == []
    assert report.documents == 2
    assert report.chunks == ChromaStore(corpus_settings).count()
    assert_consistent(settings)


def test_second_writer_is_refused_while_the_lock_is_held(make_settings, notes):
    settings = make_settings()
    with ingest_lock(settings), pytest.raises(IndexLockedError, match="another ingest"):
        index_paths([notes], settings)
    assert index_paths([notes], settings).added == 2  # the lock is released afterwards


def test_a_filtered_lexical_search_ranks_the_allowed_chunks_as_the_whole_index_does():
    chunks = [
        chunk("Egypt digitised land registration.", source="egypt.pdf", countries=("Egypt",)),
        chunk("Land registration in Kenya moved online; registration is free.",
              source="kenya.pdf", countries=("Kenya",)),
        chunk("Kenya reports land registration backlogs.", source="kenya.pdf", page=2,
              countries=("Kenya",)),
        chunk("Nigeria reports an inadequate power supply.", source="nigeria.pdf",
              countries=("Nigeria",)),
    ]
    index = BM25Index.build(chunks)
    everywhere = index.search("land registration", k=4)
    kenya = index.search("land registration", k=4,
                         mask=index.table.rows_of(countries=["Kenya"]))
    kenyan = {c.id for c in chunks if "Kenya" in c.countries}
    assert kenya == [(cid, score) for cid, score in everywhere if cid in kenyan]
    assert len(kenya) == 2
    assert index.search("power supply", k=4, mask=index.table.rows_of(countries=["Kenya"])) == []


def test_a_filtered_dense_search_returns_the_allowed_chunks_nearest_the_question(assistant):
    retriever = assistant.retriever
    source = "egovernance-emerging-issues-unpog.pdf"
    question = "challenges of digital literacy"
    hits = retriever.retrieve(question, k=5, filters=Filters.of(documents=[source]),
                              method="dense", mmr=False)
    stored = retriever.store.chunks.get(where={"source": source}, include=["embeddings"])
    vector = retriever.vector(question)
    similarity = {cid: float(np.dot(v, vector) / (np.linalg.norm(v) * np.linalg.norm(vector)))
                  for cid, v in zip(stored["ids"], stored["embeddings"], strict=True)}
    assert [h.chunk.id for h in hits] == sorted(similarity, key=lambda c: -similarity[c])[:5]


def test_a_batch_embeds_its_questions_on_a_thread_of_their_own_as_each_alone(
        assistant, corpus_settings):
    """`ask --questions` embeds its questions while it answers the first ones; each gets
    the vector it gets when asked alone, and only the batch's questions are embedded there."""
    questions = ["Which country ranks first in the EGDI?", "What did Egypt ask support for?"]
    batch = HybridRetriever.open(corpus_settings)
    threads: list[str] = []

    class Recording:
        name = batch.embedder.name

        def embed(self, texts: list[str], inner: Embedder = batch.embedder) -> np.ndarray:
            threads.append(threading.current_thread().name)
            return inner.embed(texts)

    batch.embedder = OneByOne(Recording())
    batch.prepare(questions, search=True)
    for question in questions:
        assert np.array_equal(batch.vector(question), assistant.retriever.vector(question))
    batch.vector("digital literacy of civil servants")  # asked later: embedded by the asker
    assert len(threads) == 3 and all(t.startswith("embed-ahead") for t in threads[:2])
    assert threads[2] == threading.current_thread().name


def test_a_composers_queries_are_embedded_ahead_each_alone_off_the_answering_thread(
        assistant, corpus_settings):
    """A brief's sections (``prepare`` without search) and a question's parts
    (``embed_ahead``) are embedded on a thread of their own while the caller answers with
    the first ones, each getting the vector it gets when asked alone, and once."""
    sections = ["Egypt digital government strategy", "Egypt e-participation"]
    parts = ["What did Egypt ask support for?"]
    composer = HybridRetriever.open(corpus_settings)
    threads: list[str] = []

    class Recording:
        name = composer.embedder.name

        def embed(self, texts: list[str], inner: Embedder = composer.embedder) -> np.ndarray:
            threads.append(threading.current_thread().name)
            return inner.embed(texts)

    composer.embedder = OneByOne(Recording())
    composer.prepare(sections)
    composer.embed_ahead(parts + sections)
    for query in sections + parts:
        assert np.array_equal(composer.vector(query), assistant.retriever.vector(query))
    assert len(threads) == 3 and all(t.startswith("embed-next") for t in threads)
