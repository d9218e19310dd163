"""The store's copy for questions (assistant/storecopy.py): a small embedded index is read
from the copy every ingest writes, exactly as from the store, and only while the copy is
the store's."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant import storecopy
from assistant.embedding import question_embedder
from assistant.errors import IndexMismatchError
from assistant.indexing import index_paths
from assistant.pipeline import PolicyAssistant
from assistant.settings import Settings
from assistant.store import ChromaStore
from assistant.storecopy import CopiedStore, copy_path, open_store, passages_ahead, read_copy
from assistant.text import _sentences, remember_sentences, sentence_rules
from assistant.types import Chunk, DocumentMeta

QUESTION = "How many open data sets does Ruritania publish?"


@pytest.fixture
def small_index(tmp_path: Path) -> Settings:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "ruritania.md").write_text(
        "# Ruritania open data\n\nRuritania publishes 310 open data sets.\n\n"
        "## Portal\n\nThe national portal lists every data set with its licence.\n")
    (notes / "zembla.md").write_text(
        "# Zembla e-services\n\nZembla offers 42 online services to its citizens.\n")
    settings = Settings(index_dir=tmp_path / "index")
    index_paths([notes], settings)
    return settings


def test_a_small_index_is_read_from_its_copy_exactly_as_from_the_store(
    small_index: Settings,
) -> None:
    store, copied = ChromaStore(small_index), open_store(small_index)
    assert isinstance(copied, CopiedStore)
    chunks = sorted(store.iter_chunks(), key=lambda c: c.id)
    ids = [c.id for c in chunks]
    assert sorted(copied.iter_chunks(), key=lambda c: c.id) == chunks
    assert copied.get_chunks([*reversed(ids), "no-such-id"]) == store.get_chunks(ids[::-1])
    stored, held = store.get_vectors(ids), copied.get_vectors(ids)
    assert set(held) == set(stored) == set(ids)
    for cid in ids:  # bit for bit, and of the same type: scores and MMR do not move
        assert held[cid].dtype == stored[cid].dtype and np.array_equal(held[cid], stored[cid])
    assert copied.registry_records() == store.registry_records()
    assert copied.documents() == store.documents()
    assert copied.registered() == store.registered() == {"ruritania.md", "zembla.md"}
    assert copied.document_count() == store.document_count() == 2
    assert copied.count() == store.count()
    assert (copied.version(), copied.changed()) == (store.version(), store.changed())
    assert (copied.embedding_model, copied.embedding_variant) == \
        (store.embedding_model, store.embedding_variant)
    assert copied._live is None  # none of it opened the store


def test_an_index_named_by_a_relative_path_is_read_from_its_copy(
    small_index: Settings, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `assistant ask --index index` from the project's folder: the copy's check opened the
    # store's SQLite file by a URI, which a relative path cannot be, and the question failed.
    monkeypatch.chdir(small_index.index_dir.parent)
    relative = Settings(index_dir=Path(small_index.index_dir.name))
    assert isinstance(open_store(relative), CopiedStore)
    assert "310" in PolicyAssistant(relative).ask(QUESTION).answer


def test_a_question_on_a_copied_index_never_imports_chromadb(small_index: Settings) -> None:
    script = ("import sys; from pathlib import Path\n"
              "from assistant.pipeline import PolicyAssistant\n"
              "from assistant.settings import Settings\n"
              f"a = PolicyAssistant(Settings(index_dir=Path({str(small_index.index_dir)!r})))\n"
              f"print(a.ask({QUESTION!r}).answer)\n"
              "print('chromadb' in sys.modules, 'syntok' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True, env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=240)
    *answer, imported = done.stdout.strip().splitlines()
    # Nor syntok: the passages' sentences were split at ingest.
    assert "310" in "\n".join(answer) and imported == "False False", done.stdout


def test_after_another_writer_changes_the_store_its_copy_is_not_believed(
    small_index: Settings,
) -> None:
    reader = PolicyAssistant(small_index)
    assert "310" in reader.ask(QUESTION).answer
    meta = DocumentMeta(source="extra.md", title="Extra", doc_type="report", year=2020,
                        publisher="", sha256="sha-extra", pages=1)
    ChromaStore(small_index, create=True).record_document(meta, 0, "extra.md")  # no ingest
    assert type(open_store(small_index)) is ChromaStore
    assert "310" in reader.ask(QUESTION).answer  # read from the store itself
    assert "extra.md" in reader.retriever.store.registered()


def test_a_garbled_copy_is_not_used_and_the_next_ingest_writes_it_again(
    small_index: Settings, tmp_path: Path,
) -> None:
    path = copy_path(small_index)
    data = path.read_bytes()
    path.write_bytes(data.replace(b"310 open data", b"999 open data"))
    assert type(open_store(small_index)) is ChromaStore
    answer = PolicyAssistant(small_index).ask(QUESTION).answer
    assert "310" in answer and "999" not in answer
    index_paths([tmp_path / "notes"], small_index)
    assert isinstance(open_store(small_index), CopiedStore)
    assert b"310 open data" in path.read_bytes()


def test_a_damaged_store_is_not_answered_from_its_copy(small_index: Settings) -> None:
    os.truncate(small_index.index_dir / "chroma.sqlite3", 1000)
    assert storecopy.current_copy(small_index) is None  # ChromaStore then reports it


def test_an_index_of_more_chunks_than_the_bound_keeps_no_copy(
    small_index: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert copy_path(small_index).exists()
    monkeypatch.setattr(storecopy, "COPIED_CHUNKS", ChromaStore(small_index).count() - 1)
    index_paths([tmp_path / "notes"], small_index)
    assert not copy_path(small_index).exists()
    assert type(open_store(small_index)) is ChromaStore
    assert "310" in PolicyAssistant(small_index).ask(QUESTION).answer


def test_what_ingest_works_out_ahead_is_what_a_question_works_out(
    corpus_settings: Settings,
) -> None:
    copy = read_copy(copy_path(corpus_settings))
    assert copy is not None and copy.sentence_rules == sentence_rules()
    assert len(copy.sentences) > 100
    for text, found in copy.sentences.items():
        assert _sentences.__wrapped__(text) == found
    # Sentences a page break cut, completed by the next page, as select reads them: the
    # vector each gets alone, bit for bit (the bundled PDFs have several).
    assert copy.unit_vectors
    embedder = question_embedder(corpus_settings, "int8")
    for text, vector in copy.unit_vectors.items():
        assert vector.dtype == np.float32 and np.array_equal(embedder.embed([text])[0], vector)


def _chunk(ordinal: int, text: str, kind: str = "text") -> Chunk:
    return Chunk(id=f"c{ordinal}", text=text, source="report.pdf", document="Report",
                 page=ordinal + 1, section="Findings", doc_type="report", year=2020,
                 publisher=None, countries=(), kind=kind, ordinal=ordinal)


def test_a_sentence_a_page_break_cut_is_read_ahead_whole() -> None:
    chunks = [_chunk(0, "Ruritania trained 300 officials. The portal was built by the"),
              _chunk(1, "ministry of digital affairs in 2019. It lists 310 data sets.")]
    sentences, completed = passages_ahead(chunks)
    assert sentences[chunks[1].text] == (
        "ministry of digital affairs in 2019.", "It lists 310 data sets.")
    assert completed == ["Findings \nThe portal was built by the ministry of digital affairs "
                         "in 2019."]


def test_the_things_a_sentence_names_are_read_ahead_each_alone() -> None:
    chunks = [_chunk(0, "Challenges include weak connectivity, scarce skills and low trust.")]
    _, embedded = passages_ahead(chunks)
    assert embedded == ["Findings \nChallenges include: weak connectivity",
                        "Findings \nChallenges include: scarce skills and low trust"]


def test_sentences_split_under_other_rules_are_not_used() -> None:
    text = "Ruritania publishes data. Zembla does not, yet."
    assert not remember_sentences({text: ("Ruritania publishes data. Zembla",)}, "other rules")
    assert remember_sentences({text: _sentences.__wrapped__(text)}, sentence_rules())


def test_a_copy_forged_with_its_digest_is_rewritten_from_the_store_by_the_next_ingest(
    small_index: Settings, tmp_path: Path,
) -> None:
    # Whoever can write the index folder can write the store too; what the copy adds is
    # repaired as the BM25 files are: every ingest writes it again from the store's text.
    import hashlib

    path = copy_path(small_index)
    header, _, body = path.read_bytes().partition(b"\n")
    forged = body.replace(b"310 open data", b"999 open data")
    path.write_bytes(header.replace(hashlib.sha256(body).hexdigest().encode(),
                                    hashlib.sha256(forged).hexdigest().encode()) + b"\n" + forged)
    assert isinstance(open_store(small_index), CopiedStore)  # self-consistent
    index_paths([tmp_path / "notes"], small_index)
    answer = PolicyAssistant(small_index).ask(QUESTION).answer
    assert "310" in answer and "999" not in answer


def test_a_long_lived_reader_of_a_copy_reads_the_store_once_another_writer_changed_it(
    small_index: Settings,
) -> None:
    # A HybridRetriever kept open (the LangChain retriever) is never reloaded: its store
    # leaves the copy for the store itself as soon as the store's mark moves.
    store = open_store(small_index)
    assert isinstance(store, CopiedStore)
    assert store.registered() == {"ruritania.md", "zembla.md"} and store._live is None
    ChromaStore(small_index, create=True).forget_document("zembla.md")
    assert store.version() == ChromaStore(small_index).version()  # looked at at once
    time.sleep(1.05)  # the rest as of at most a second ago, as the registry was read
    assert store.registered() == {"ruritania.md"}
    assert {c.source for c in store.iter_chunks()} == {"ruritania.md"}
    assert store.version() == ChromaStore(small_index).version()


def test_a_long_lived_reader_of_a_copy_sees_a_document_retitled_by_another_writer(
    small_index: Settings,
) -> None:
    # A new title is a registry write like any other: it moves the mark, so a reader of
    # the copy written before it reads the store, and the next process the copy written
    # after it (both with the new title, as citations print it).
    store = open_store(small_index)
    assert isinstance(store, CopiedStore)
    before = ChromaStore(small_index).changed()
    assert PolicyAssistant(small_index).retitle("zembla.md", "Zembla services 2026")
    assert ChromaStore(small_index).changed() != before
    time.sleep(1.05)
    for reader in (store, open_store(small_index)):
        titles = {c.source: c.document for c in reader.iter_chunks()}
        assert titles["zembla.md"] == "Zembla services 2026"
        assert reader.registry_records()["zembla.md"]["title"] == "Zembla services 2026"
    assert isinstance(open_store(small_index), CopiedStore)  # the copy written after it


def test_an_index_of_another_model_or_precision_is_refused_from_its_copy_as_from_the_store(
    small_index: Settings,
) -> None:
    # The copy holds the collection's model and variant: the same checks refuse it.
    assert isinstance(open_store(small_index), CopiedStore)
    for other in ({"embedding_model": "another-model"}, {"embedding_precision": "fp32"}):
        with pytest.raises(IndexMismatchError):
            PolicyAssistant(small_index.model_copy(update=other)).ask(QUESTION)


def test_a_store_on_a_chroma_server_never_reads_a_copy_in_its_folder(
    small_index: Settings,
) -> None:
    assert storecopy.current_copy(small_index) is not None
    served = small_index.model_copy(update={"chroma_url": "http://localhost:1"})
    assert storecopy.current_copy(served) is None
