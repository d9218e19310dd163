"""One file's embedding at ingest: each evidence unit once, and each chunk's vector pooled
from its units' vectors instead of a second pass of the same words through the model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from stage_fixtures import chunk, word_hash_embed

from assistant.evidence import units
from assistant.ingest_steps import Prepared, embed_file
from assistant.settings import Settings
from assistant.unitvec import UnitVectors

PASSAGE = chunk("Funding is short. Skills are scarce.\nThe plan covers:\n- rural schools\n- clinics",
                section="Report > Challenges")
OTHER = chunk("Funding is short. Kenya trains civil servants.", section="Report > Challenges")


class Recording:
    name = "recording"

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return word_hash_embed(texts)


class _NoProgress:
    def files(self, done: int, total: int, name: str) -> None:
        pass

    def batches(self, done: int, total: int) -> None:
        pass


def prepared(*chunks) -> Prepared:
    return Prepared("notes.md", None, chunks, tuple(tuple(u.context for u in units(c)) for c in chunks))


def test_a_chunks_vector_is_the_length_weighted_mean_of_its_units_each_embedded_once(tmp_path: Path):
    embedder = Recording()
    store = UnitVectors(embedder.embed, tmp_path)
    file = prepared(PASSAGE)
    vectors = embed_file(file, embedder, Settings(), _NoProgress(), store)
    contexts = file.units[0]
    assert sorted(embedder.embedded) == sorted(contexts)  # the units; never the chunk whole
    weighted = np.array([len(t) for t in contexts]) @ word_hash_embed(list(contexts))
    assert np.allclose(vectors[0], weighted / np.linalg.norm(weighted), atol=1e-6)
    assert store.missing(list(contexts)) == []  # kept for questions to look up


def test_units_stored_before_are_looked_up_not_embedded_again(tmp_path: Path):
    embedder = Recording()
    store = UnitVectors(embedder.embed, tmp_path)
    embed_file(prepared(PASSAGE), embedder, Settings(), _NoProgress(), store)
    embedder.embedded.clear()
    vectors = embed_file(prepared(OTHER), embedder, Settings(), _NoProgress(), store)
    assert embedder.embedded == ["Challenges \nKenya trains civil servants."]
    contexts = [u.context for u in units(OTHER)]
    weighted = np.array([len(t) for t in contexts]) @ word_hash_embed(contexts)
    assert np.allclose(vectors[0], weighted / np.linalg.norm(weighted), atol=2e-3)  # float16
