"""Unit vectors kept beside the index: written once at ingest, memory-mapped by readers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from stage_fixtures import word_hash_embed

from assistant.unitvec import UnitVectors, key

TEXTS = ["Indonesia's EGDI is 0.6612.", "Nigeria asked for capacity building.",
         "Lagos is the LOSI city of Nigeria."]


def _no_embedding(texts: list[str]) -> np.ndarray:
    raise AssertionError(f"embedded {texts}: the stored vectors should have been used")


def test_stored_vectors_are_memory_mapped_and_never_embedded_again(tmp_path: Path) -> None:
    writer = UnitVectors(word_hash_embed, tmp_path)
    assert writer.persist(TEXTS) == 3
    assert writer.persist(TEXTS[:1] + ["A new unit."]) == 1  # a second shard, new text only
    reader = UnitVectors(_no_embedding, tmp_path)
    assert len(reader) == 4
    assert all(isinstance(s.vectors.base, np.memmap) for s in reader._shards)
    got = reader([TEXTS[2], "A new unit.", TEXTS[0]])
    want = word_hash_embed([TEXTS[2], "A new unit.", TEXTS[0]])
    assert np.allclose(got, want, atol=1e-3)  # float16 on disk
    assert reader.missing(TEXTS + ["Never stored."]) == ["Never stored."]


def test_a_torn_shard_is_skipped_and_an_old_npz_shard_still_read(tmp_path: Path) -> None:
    vectors = word_hash_embed(TEXTS)
    np.savez(tmp_path / "000000.npz", keys=np.array([key(t) for t in TEXTS[:2]]),
             vectors=vectors[:2].astype(np.float16))
    np.save(tmp_path / "000001.vectors.npy", vectors[2:].astype(np.float16))  # no keys: torn
    embedded: list[str] = []

    def embed(texts: list[str]) -> np.ndarray:
        embedded.extend(texts)
        return word_hash_embed(texts)

    reader = UnitVectors(embed, tmp_path)
    assert np.allclose(reader(TEXTS), vectors, atol=1e-3)
    assert embedded == [TEXTS[2]]  # only the torn shard's unit
    assert reader.add([TEXTS[2]], vectors[2:]) == 1
    assert (tmp_path / "000002.keys.npy").exists()  # the torn number is not reused
    assert UnitVectors(_no_embedding, tmp_path)(TEXTS).shape == (3, vectors.shape[1])


def test_a_vector_looked_up_before_a_shard_holds_it_comes_from_the_shard_after(
        tmp_path: Path) -> None:
    # Looked-up vectors are held by text between questions; an ingest adding the unit
    # (a stored vector comes before one embedded on demand) is not hidden by them.
    def halved(texts: list[str]) -> np.ndarray:
        return word_hash_embed(texts) / 2

    vectors = UnitVectors(halved, tmp_path)
    first = vectors([TEXTS[0], TEXTS[0]])
    assert np.array_equal(first[0], first[1])
    assert np.array_equal(vectors([TEXTS[0]])[0], first[0])  # held, not embedded again
    vectors.add(TEXTS[:1], word_hash_embed(TEXTS[:1]))
    assert np.allclose(vectors([TEXTS[0]])[0], word_hash_embed(TEXTS[:1])[0], atol=1e-3)
