"""Evidence-unit vectors pooled from their chunk's token vectors ("late chunking").

Embedding every unit on its own, in its context (heading, caption, header or lead-in), costs
as many tokens again as the chunks do. Instead, the chunk's one pass through the model gives
a vector for each of its tokens, each read in the light of the whole chunk, and a unit's
vector is the mean of the token vectors of its text and of the parts of its context printed
in the chunk, scaled to unit length. The chunk's own vector is unchanged. A unit whose text
is not found in the chunk, or lies past the model's token limit, is embedded on its own as
before (the caller does that).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np

from assistant.evidence import units
from assistant.types import Chunk

Span = tuple[int, int]


@runtime_checkable
class TokenEmbedder(Protocol):
    """An embedder that also gives each text's token vectors (``OnnxEmbedder``)."""

    def embed_tokens(self, texts: list[str]) -> tuple[np.ndarray, list[TokenVectors]]: ...


@dataclass(frozen=True)
class TokenVectors:
    """One text's token vectors (rows, special tokens left out) and each token's
    (start, end) in the text; ``complete`` False when the model's limit cut the text."""

    vectors: np.ndarray
    offsets: list[Span]
    complete: bool = True


@dataclass(frozen=True)
class UnitSpans:
    """Where a unit's words are in its chunk's embedded text; ``context`` is the text its
    vector is stored under (``Evidence.context``); ``spans`` empty when not found."""

    context: str
    spans: tuple[Span, ...]


def unit_spans(chunk: Chunk) -> tuple[UnitSpans, ...]:
    """Each unit of the chunk with the character spans, in ``chunk.embedding_text()``, of
    its text, caption, header or lead-in, and its heading (the section path's last part)."""
    text = chunk.text
    start = len(chunk.section) + 1 if chunk.section else 0  # embedding_text: section, "\n"
    heading = (chunk.section or "").split(" > ")[-1]
    heading_span = [(start - 1 - len(heading), start - 1)] if heading else []
    out = []
    cursor = 0
    for unit in units(chunk):
        at = text.find(unit.text, cursor)
        if at < 0:
            out.append(UnitSpans(unit.context, ()))
            continue
        cursor = at + len(unit.text)
        spans = [*heading_span, (start + at, start + cursor)]
        for part in (unit.caption, unit.header):
            where = text.rfind(part, 0, at) if part and part != unit.text else -1
            if part and where >= 0:
                spans.append((start + where, start + where + len(part)))
        out.append(UnitSpans(unit.context, tuple(spans)))
    return tuple(out)


def pool(tokens: TokenVectors, spans: Sequence[Span]) -> np.ndarray | None:
    """The unit-length mean of the tokens overlapping the spans; None when there are no
    spans or a span runs past the tokens of a truncated text."""
    if not spans or not tokens.offsets:
        return None
    offsets = np.asarray(tokens.offsets)
    if not tokens.complete and max(end for _, end in spans) > offsets[-1, 1]:
        return None
    covered = np.zeros(len(offsets), dtype=bool)
    for a, b in spans:
        covered |= (offsets[:, 0] < b) & (offsets[:, 1] > a)
    if not covered.any():
        return None
    mean = tokens.vectors[covered].mean(axis=0)
    return (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)


def embed_with_units(
    embedder: TokenEmbedder,
    texts: list[str],
    spans: Sequence[Sequence[UnitSpans]],
    wanted: set[str],
    batches: list[list[int]],
    progress: Callable[[int, int], None],
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The texts' (chunks') vectors, rows in the order given, and a pooled vector for each
    wanted unit context found in them (the first chunk holding it gives it). ``batches``
    are lists of row numbers (similar lengths together); ``progress(done, total)``."""
    parts: list[np.ndarray] = []
    pooled: dict[str, np.ndarray] = {}
    for n, rows in enumerate(batches):
        progress(n, len(batches))
        vectors, tokens = embedder.embed_tokens([texts[i] for i in rows])
        parts.append(vectors)
        for row, token_vectors in zip(rows, tokens, strict=True):
            for unit in spans[row]:
                if unit.context in wanted and unit.context not in pooled:
                    vector = pool(token_vectors, unit.spans)
                    if vector is not None:
                        pooled[unit.context] = vector
    progress(len(batches), len(batches))
    out = np.empty((len(texts), parts[0].shape[1] if parts else 0), dtype=np.float32)
    if parts:
        out[[i for rows in batches for i in rows]] = np.concatenate(parts)
    return out, pooled
