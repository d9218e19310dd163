"""The benchmark's synthetic corpus: variants look like the real chunks but name other
countries and print other numbers, so a bench question is answered by its real chunk."""

from __future__ import annotations

import numpy as np

from assistant.evals.bench_corpus import synthetic_corpus
from assistant.types import Chunk

REAL = Chunk(
    id="d8.pdf:p3:0", text="Kenya ranks 12 with an index of 0.61 in 2022.", source="d8.pdf",
    document="Report", page=3, section=None, doc_type="report", year=2022, publisher=None,
    countries=("Kenya",), kind="text",
)


class _CountingEmbedder:
    def __init__(self) -> None:
        self.embedded = 0

    def embed(self, texts: list[str]) -> np.ndarray:
        self.embedded += len(texts)
        return np.tile(np.eye(4, dtype=np.float32)[1], (len(texts), 1))


def test_variants_swap_the_country_and_the_numbers_and_name_their_own_document() -> None:
    embedder = _CountingEmbedder()
    vectors = np.eye(4, dtype=np.float32)[:1]
    chunks, out, embedded = synthetic_corpus([REAL], vectors, size=5, real=2, embedder=embedder)
    assert len(chunks) == 5 and chunks[0] == REAL and embedded == 2 == embedder.embedded
    for variant in chunks[1:]:
        assert variant.source != REAL.source and variant.id.endswith(REAL.id)
        assert "Kenya" not in variant.text or variant.countries == ("Kenya",)
        assert variant.text != REAL.text  # seeded: the same variants on every run
    # Variants past the embedded ones reuse a real vector moved a little, still unit length.
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)
    assert 0.9 < float(out[4] @ out[2]) < 1.0


def test_a_corpus_no_larger_than_the_real_chunks_is_only_them() -> None:
    chunks, out, embedded = synthetic_corpus([REAL], np.eye(4, dtype=np.float32)[:1], 1, 2, None)
    assert chunks == [REAL] and embedded == 0 and out.shape == (1, 4)
