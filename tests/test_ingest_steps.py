"""A file's vectors at ingest: each evidence unit is embedded once, and a chunk's vector is
pooled from its units' vectors (a new index) or embedded whole (an index built before)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from stage_fixtures import chunk, word_hash_embed

from assistant.evidence import units
from assistant.indexing import index_paths
from assistant.ingest_steps import Prepared, embed_file
from assistant.store import ChromaStore
from assistant.unitvec import UnitVectors

LIST = "Egypt reports these challenges:\n- weak broadband in rural areas\n- few digital skills"
PROSE = "Kenya digitised land records. Citizens pay fees online. Kenya trains civil servants."


class CountingEmbedder:
    """word_hash_embed, remembering every text it was given."""

    name = "all-MiniLM-L6-v2"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        return word_hash_embed(texts)


class NoProgress:
    def files(self, done: int, total: int, name: str) -> None:
        pass

    def batches(self, done: int, total: int) -> None:
        pass


def prepared(*texts: str) -> Prepared:
    chunks = tuple(chunk(t, section=f"Section {n}") for n, t in enumerate(texts))
    return Prepared("report.pdf", None, chunks, tuple(tuple(u.context for u in units(c))
                                                      for c in chunks))


def pooled(contexts: tuple[str, ...]) -> np.ndarray:
    """The normalised length-weighted mean of the units' own vectors."""
    mean = np.array([len(t) for t in contexts], dtype=np.float32) @ word_hash_embed(list(contexts))
    return mean / np.linalg.norm(mean)


def test_a_chunks_vector_is_pooled_from_its_units_which_are_embedded_once(tmp_path: Path):
    file = prepared(LIST, PROSE, PROSE.replace("Kenya", "Ghana"))
    embedder, store = CountingEmbedder(), UnitVectors(word_hash_embed, tmp_path / "units")
    vectors = embed_file(file, embedder, 64, NoProgress(), store)
    contexts = [t for texts in file.units for t in texts]
    assert sorted(embedder.seen) == sorted(set(contexts))  # no chunk text, no unit twice
    for row, texts in enumerate(file.units):
        assert np.allclose(vectors[row], pooled(texts), atol=1e-3)  # units stored as float16
        # A chunk says what its units say: its pooled vector is near its own.
        whole = word_hash_embed([file.chunks[row].embedding_text()])[0]
        assert float(vectors[row] @ whole) > 0.8
    assert len(store) == len(set(contexts))


def test_units_stored_by_an_earlier_file_are_not_embedded_again(tmp_path: Path):
    store = UnitVectors(word_hash_embed, tmp_path / "units")
    first = embed_file(prepared(PROSE), CountingEmbedder(), 64, NoProgress(), store)
    embedder = CountingEmbedder()
    again = embed_file(prepared(PROSE, LIST), embedder, 64, NoProgress(), store)
    assert not set(embedder.seen) & set(prepared(PROSE).units[0])
    assert np.allclose(again[0], first[0])


def test_an_index_built_before_pooling_keeps_embedding_chunks_whole(tmp_path: Path):
    file = prepared(LIST, PROSE)
    embedder, store = CountingEmbedder(), UnitVectors(word_hash_embed, tmp_path / "units")
    vectors = embed_file(file, embedder, 64, NoProgress(), store, pooled=False)
    whole = [c.embedding_text() for c in file.chunks]
    assert np.allclose(vectors, word_hash_embed(whole))
    assert set(embedder.seen) == set(whole) | {t for texts in file.units for t in texts}


def test_a_chunk_without_units_is_embedded_whole(tmp_path: Path):
    table = chunk("Country | EGDI", kind="table")  # a header row alone: no unit
    file = Prepared("report.pdf", None, (table,), ((),))
    vectors = embed_file(file, CountingEmbedder(), 64, NoProgress(),
                         UnitVectors(word_hash_embed, tmp_path / "units"))
    assert np.allclose(vectors[0], word_hash_embed([table.embedding_text()])[0])


def test_the_index_records_how_its_chunk_vectors_were_made(make_settings, tmp_path: Path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "kenya.md").write_text(f"# Kenya\n\n## Services\n\n{PROSE}\n")
    fresh = make_settings(index_dir=tmp_path / "new")
    index_paths([notes], fresh, embedder=CountingEmbedder())
    assert ChromaStore(fresh).pooled_chunk_vectors
    # An index bound to its model before chunk vectors were pooled keeps embedding chunks
    # whole, so that its chunks' vectors stay of one kind.
    older = make_settings(index_dir=tmp_path / "old")
    store = ChromaStore(older, create=True)
    store.chunks.modify(metadata={"embedding_model": "all-MiniLM-L6-v2",
                                  "embedding_variant": "int8-v1"})
    index_paths([notes], older, embedder=CountingEmbedder())
    store = ChromaStore(older)
    assert not store.pooled_chunk_vectors
    got = store.chunks.get(include=["embeddings", "documents", "metadatas"])
    for vector, text, meta in zip(got["embeddings"], got["documents"], got["metadatas"],
                                  strict=True):
        whole = f"{meta['section']}\n{text}" if meta["section"] else text
        assert np.allclose(vector, word_hash_embed([whole])[0], atol=1e-5)


def test_files_are_parsed_and_embedded_smallest_first(make_settings, tmp_path: Path):
    # Embedding waits for the first parse: a large file first leaves a core idle for all of it.
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a-kenya.md").write_text(f"# Kenya\n\n## Services\n\n{PROSE * 20}\n")
    (notes / "b-egypt.md").write_text("# Egypt\n\n## Services\n\nEgypt pays pensions online.\n")
    embedder = CountingEmbedder()
    index_paths([notes], make_settings(), embedder=embedder)
    assert "Egypt pays pensions online" in embedder.seen[0]
    assert any("Kenya" in text for text in embedder.seen)


def test_of_two_files_wanting_one_key_the_first_named_keeps_it_whatever_their_sizes(
    make_settings, tmp_path: Path
):
    first, second = tmp_path / "a" / "report.md", tmp_path / "b" / "report.md"
    for path, text in [(first, PROSE * 20), (second, "Egypt pays pensions online.")]:
        path.parent.mkdir()
        path.write_text(f"# Report\n\n## Services\n\n{text}\n")
    settings = make_settings()
    index_paths([first, second], settings, embedder=CountingEmbedder())
    sources = {d.source: d for d in ChromaStore(settings).documents().values()}
    assert sorted(sources) == ["b/report.md", "report.md"]
    assert sources["report.md"].sha256 != sources["b/report.md"].sha256
    chunks = {c.source: c.text for c in ChromaStore(settings).iter_chunks()}
    assert "Kenya" in chunks["report.md"]
