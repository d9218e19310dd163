"""Combining rankings into one list of hits: reciprocal rank fusion with a boost for the
countries asked, a rerank by the query's terms each hit covers, then maximal marginal
relevance so the top k are not near-copies."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from assistant.types import Chunk, Hit

# A chunk that mentions a country named in the question moves up by this factor.
COUNTRY_BOOST = 1.6


def fuse(rankings: list[list[Chunk]], boost: set[str], rrf_k: int) -> list[Hit]:
    """One ranking from several (dense, lexical, headings), each chunk scored by the sum of
    1 / (rrf_k + rank) over the rankings it is in; ``Hit`` keeps its dense and lexical ranks."""
    scores: dict[str, float] = {}
    chunks: dict[str, Chunk] = {}
    ranks: dict[str, list[int | None]] = {}
    for position, ranked in enumerate(rankings):
        for rank, chunk in enumerate(ranked, start=1):
            scores[chunk.id] = scores.get(chunk.id, 0.0) + 1.0 / (rrf_k + rank)
            chunks[chunk.id] = chunk
            ranks.setdefault(chunk.id, [None] * len(rankings))[position] = rank
    if boost:
        for cid, chunk in chunks.items():
            # Each named country a chunk mentions adds to it: a comparison of two
            # countries prefers the passage (often a table) that covers both.
            scores[cid] *= 1 + (COUNTRY_BOOST - 1) * len(boost.intersection(chunk.countries))
    order = sorted(scores, key=lambda cid: (-scores[cid], cid))
    return [Hit(chunks[c], scores[c], ranks[c][0], ranks[c][1]) for c in order]


def rerank_by_coverage(
    query_terms: Sequence[str],
    hits: list[Hit],
    idf: Callable[[str], float],
    chunk_terms: Callable[[Chunk], tuple[frozenset[str], frozenset[str]]],
) -> list[Hit]:
    """Half rank fusion, half term coverage: the share of the query's terms (weighted by
    rarity, ``idf``) that a chunk's heading and text contain (``chunk_terms``: its terms and
    their five-letter prefixes). No cross-encoder can be had offline; this lexical check
    lifts the passage that has every telling word."""
    wanted = list(dict.fromkeys(query_terms))
    if not hits or not wanted:
        return hits
    # Each term weighed once, not once a hit (~20 hits a query).
    weighed = [(t, t[:5], idf(t)) for t in wanted]
    total = sum(weight for _, _, weight in weighed)
    top = max(h.score for h in hits)
    rescored = []
    for hit in hits:
        found, prefixes = chunk_terms(hit.chunk)
        covered = sum(weight for t, prefix, weight in weighed if t in found or prefix in prefixes)
        score = 0.5 * hit.score / top + 0.5 * covered / total
        rescored.append(Hit(hit.chunk, score, hit.dense_rank, hit.bm25_rank))
    return sorted(rescored, key=lambda h: -h.score)


def mmr(hits: list[Hit], vectors: Mapping[str, np.ndarray], k: int, lam: float) -> list[Hit]:
    """Maximal marginal relevance over the hits' chunk vectors: each next hit is the one
    most relevant (``lam``) and least like those taken (1 - ``lam``). Hits in their fused
    order when a vector is missing."""
    if len(vectors) < len(hits):
        return hits[:k]
    matrix = np.array([vectors[h.chunk.id] for h in hits], dtype=np.float32)
    relevance = np.array([h.score for h in hits])
    relevance = relevance / relevance.max()
    # Each hit's likeness to the nearest hit taken, kept up to date with the one just taken:
    # not the product of every candidate with every taken hit again at each step.
    redundancy = np.full(len(hits), -np.inf, dtype=np.float32)
    chosen: list[int] = []
    while len(chosen) < min(k, len(hits)):
        values = lam * relevance - (1 - lam) * (redundancy if chosen else 0.0)
        # Hits taken are out of the running (the first of equal values wins, as before).
        values[chosen] = -np.inf
        best = int(values.argmax())
        chosen.append(best)
        np.maximum(redundancy, matrix @ matrix[best], out=redundancy)
    return [hits[i] for i in chosen]


def with_firsts(hits: list[Hit], fused: Sequence[Hit], rankings: Sequence[Sequence[Chunk]],
                n: int) -> list[Hit]:
    """The hits, then the first ``n`` chunks of each ranking that are not among them (as
    ``fused`` scored them): fusion favours chunks several retrievers agree on, and may lose
    one only one of them ranks among its first."""
    held = {h.chunk.id for h in hits}
    wanted = {c.id for ranked in rankings for c in ranked[:n]} - held
    return hits + [h for h in fused if h.chunk.id in wanted]
