"""Rank fusion of the dense, lexical and heading rankings, and maximal marginal relevance:
the top passages are not near-copies of each other."""

from __future__ import annotations

import numpy as np
from stage_fixtures import chunk

from assistant import fusion
from assistant.fusion import mmr
from assistant.settings import Settings
from assistant.types import Chunk, Hit

LAM = 0.85


def _hits_and_vectors() -> tuple[list[Hit], dict[str, np.ndarray]]:
    ranking = chunk("Kenya ranks first in the region."), chunk("Kenya ranks first in Africa."), \
        chunk("Ghana adopted an open data policy."), chunk("Egypt trained civil servants.")
    vectors = [np.array([1.0, 0.0, 0.0]), np.array([0.995, 0.1, 0.0]),
               np.array([0.0, 1.0, 0.0]), np.array([0.6, 0.0, 0.8])]
    hits = [Hit(c, s) for c, s in zip(ranking, [1.0, 0.99, 0.9, 0.5], strict=True)]
    return hits, {c.id: v.astype(np.float32) for c, v in zip(ranking, vectors, strict=True)}


def test_a_near_copy_of_a_passage_taken_gives_way_to_a_less_relevant_different_one():
    hits, vectors = _hits_and_vectors()
    picked = mmr(hits, vectors, 3, LAM)
    # The second passage says what the first does; the third and fourth say other things
    # (the fourth half like the first, and far less relevant).
    assert picked == [hits[0], hits[2], hits[1]]


def test_every_hit_is_taken_when_k_exceeds_them_and_fused_order_without_vectors():
    hits, vectors = _hits_and_vectors()
    assert sorted(h.chunk.id for h in mmr(hits, vectors, 10, LAM)) == \
        sorted(h.chunk.id for h in hits)
    del vectors[hits[1].chunk.id]
    assert mmr(hits, vectors, 2, LAM) == hits[:2]


def _chunk(name: str) -> Chunk:
    return Chunk(id=name, text=name, source="doc.pdf", document="Doc", page=1, section=None,
                 doc_type="report", year=None, publisher=None, countries=(), kind="text")


def test_a_retrievers_first_place_outranks_a_middling_agreement() -> None:
    # The passage one retriever puts first is more often the answer than one both put
    # sixth (R@1 on the outside, wording-dev and golden-fresh sets rose with rrf_k 20).
    first, middling = _chunk("first"), _chunk("middling")
    filler = [_chunk(f"f{i}") for i in range(12)]
    dense = [first, *filler[:4], middling]
    lexical = [*filler[:5], middling, *filler[5:11], first]
    fused = fusion.fuse([dense, lexical], set(), Settings().rrf_k)
    order = [h.chunk.id for h in fused]
    assert order.index("first") < order.index("middling")


def _mmr_step_by_step(hits: list[Hit], vectors: dict[str, np.ndarray], k: int,
                      lam: float) -> list[Hit]:
    """MMR as defined: at each step every candidate against every hit taken."""
    matrix = np.array([vectors[h.chunk.id] for h in hits], dtype=np.float32)
    relevance = np.array([h.score for h in hits]) / max(h.score for h in hits)
    chosen: list[int] = []
    candidates = list(range(len(hits)))
    while candidates and len(chosen) < k:
        redundancy = ((matrix[candidates] @ matrix[chosen].T).max(axis=1) if chosen
                      else np.zeros(len(candidates)))
        values = lam * relevance[candidates] - (1 - lam) * redundancy
        best = candidates[int(np.argmax(values))]
        chosen.append(best)
        candidates.remove(best)
    return [hits[i] for i in chosen]


def test_mmr_takes_the_passages_the_step_by_step_definition_takes():
    # A question's 48 fused passages, the top 12 taken: each hit's likeness to those taken
    # is kept up to date, not recomputed, and the same passages come out in the same order.
    rng = np.random.default_rng(7)
    for trial in range(20):
        ranking = [chunk(f"Passage {trial}-{i} on open data.") for i in range(48)]
        raw = rng.normal(size=(48, 16)).astype(np.float32)
        raw[1::3] = raw[::3][: len(raw[1::3])] + 0.05 * raw[1::3]  # near-copies
        unit = raw / np.linalg.norm(raw, axis=1, keepdims=True)
        vectors = {c.id: v for c, v in zip(ranking, unit, strict=True)}
        hits = [Hit(c, float(s)) for c, s in
                zip(ranking, np.sort(rng.uniform(0.2, 1.0, 48))[::-1], strict=True)]
        assert mmr(hits, vectors, 12, LAM) == _mmr_step_by_step(hits, vectors, 12, LAM)


def _masked_mmr(hits: list[Hit], vectors: dict[str, np.ndarray], k: int, lam: float) -> list[Hit]:
    """MMR as first written: the open hits masked out and their indices mapped back."""
    matrix = np.array([vectors[h.chunk.id] for h in hits], dtype=np.float32)
    relevance = np.array([h.score for h in hits])
    relevance = relevance / relevance.max()
    redundancy = np.full(len(hits), -np.inf, dtype=np.float32)
    open_ = np.ones(len(hits), dtype=bool)
    chosen: list[int] = []
    while len(chosen) < min(k, len(hits)):
        values = lam * relevance - (1 - lam) * (redundancy if chosen else 0.0)
        best = int(np.flatnonzero(open_)[np.argmax(values[open_])])
        chosen.append(best)
        open_[best] = False
        np.maximum(redundancy, matrix @ matrix[best], out=redundancy)
    return [hits[i] for i in chosen]


def test_mmr_picks_what_masking_the_hits_taken_picked_ties_to_the_earlier_hit() -> None:
    rng = np.random.default_rng(7)
    for trial in range(200):
        n = int(rng.integers(2, 40))
        chunks = [chunk(f"Passage {trial} {i}.") for i in range(n)]
        raw = rng.normal(size=(n, 8)).astype(np.float32)
        raw[rng.integers(0, n, size=n // 3)] = raw[0]  # copies: equal values to break
        vectors = {c.id: v / np.linalg.norm(v) for c, v in zip(chunks, raw, strict=True)}
        scores = np.round(rng.uniform(0.1, 1.0, size=n), 1)  # ties in relevance too
        hits = [Hit(c, float(s)) for c, s in zip(chunks, scores, strict=True)]
        k = int(rng.integers(1, n + 2))
        assert mmr(hits, vectors, k, LAM) == _masked_mmr(hits, vectors, k, LAM)


def test_the_rerank_lifts_the_hit_holding_the_rare_terms_asked_over_a_better_fused_one():
    from assistant.text import terms

    fused_first, covering = chunk("Kenya trained civil servants."), chunk("Kenya's open data portal.")
    hits = [Hit(fused_first, 1.0), Hit(covering, 0.8)]
    rare = {"portal": 5.0, "open": 2.0, "data": 2.0}

    def chunk_terms(c: Chunk) -> tuple[frozenset[str], frozenset[str]]:
        found = frozenset(terms(c.text))
        return found, frozenset(t[:5] for t in found if len(t) >= 5)

    ranked = fusion.rerank_by_coverage(terms("open data portal"), hits,
                                       lambda t: rare.get(t, 1.0), chunk_terms)
    assert [h.chunk for h in ranked] == [covering, fused_first]
    assert fusion.rerank_by_coverage([], hits, lambda t: 1.0, chunk_terms) == hits


def test_a_passage_one_retriever_ranks_among_its_first_is_kept_past_the_top_k() -> None:
    # Fusion favours the passages both retrievers list; the short one only MiniLM finds,
    # third by meaning, falls below the top two but is kept after them.
    agreed = [chunk(f"Passage {n} on online services.") for n in range(2)]
    alone = chunk('The value "0" indicates that the service is not available online.')
    dense, lexical = [*agreed, alone], agreed
    fused = fusion.fuse([dense, lexical], set(), 20)
    top = fused[:2]
    assert alone.id not in {h.chunk.id for h in top}
    kept = fusion.with_firsts(top, fused, [dense, lexical], 3)
    assert [h.chunk.id for h in kept] == [*(h.chunk.id for h in top), alone.id]
    assert fusion.with_firsts(top, fused, [dense, lexical], 2) == top
