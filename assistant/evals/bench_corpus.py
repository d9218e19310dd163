"""The benchmark's synthetic corpora: the bundled documents' real chunks plus variants with
other country names and perturbed numbers, a few embedded for real and the rest noisy copies
of those vectors (see ``assistant.evals.bench``)."""

from __future__ import annotations

import json
import random
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from assistant.types import Chunk

NOISE = 0.1  # norm of the noise added to a reused vector (cosine to its source ~0.995)
_DECIMAL = re.compile(r"\b\d+\.\d+\b")
_INTEGER = re.compile(r"(?<![\d.])\b\d{2,}\b(?![.\d])")


def perturb(text: str, swap: dict[str, str], rng: random.Random) -> str:
    """Other country names and other numbers, same shape."""
    for old, new in swap.items():
        text = re.sub(rf"\b{re.escape(old)}\b", new, text)
    text = _DECIMAL.sub(lambda m: f"{rng.uniform(0, 1):.{len(m.group(0).split('.')[1])}f}", text)
    return _INTEGER.sub(lambda m: str(rng.randint(10 ** (len(m.group(0)) - 1), 10 ** len(m.group(0)) - 1)), text)


def synthetic_corpus(
    base: list[Chunk], base_vectors: np.ndarray, size: int, real: int, embedder, seed: int = 7
) -> tuple[list[Chunk], np.ndarray, int]:
    """``size`` chunks: the real ones, then perturbed variants (one document per variant)."""
    from assistant.country_data import COUNTRIES

    rng = random.Random(seed)
    names = [c.name for c in COUNTRIES]
    chunks = list(base[:size])
    variant = 0
    while len(chunks) < size:
        variant += 1
        for chunk in base:
            if len(chunks) >= size:
                break
            swap = {c: rng.choice(names) for c in chunk.countries}
            source = f"synthetic-{variant:05d}-{chunk.source}"
            chunks.append(
                replace(
                    chunk,
                    id=f"{source}:{chunk.id}",
                    text=perturb(chunk.text, swap, rng),
                    source=source,
                    document=f"{chunk.document} (synthetic variant {variant})",
                    countries=tuple(dict.fromkeys(swap.values())),
                    doc_sha=f"synthetic-{variant}",
                )
            )
    n_base = len(base[:size])
    embed_count = min(real, len(chunks) - n_base)
    vectors = np.zeros((len(chunks), base_vectors.shape[1]), dtype=np.float32)
    vectors[:n_base] = base_vectors[:n_base]
    if embed_count:
        texts = [c.embedding_text() for c in chunks[n_base : n_base + embed_count]]
        vectors[n_base : n_base + embed_count] = embedder.embed(texts)
    noise_rng = np.random.default_rng(seed)
    for i in range(n_base + embed_count, len(chunks)):
        # Reuse a really embedded variant of the same source chunk, moved a little.
        source = n_base + (i - n_base) % embed_count
        noise = noise_rng.standard_normal(vectors.shape[1]).astype(np.float32)
        vector = vectors[source] + NOISE * noise / np.linalg.norm(noise)
        vectors[i] = vector / np.linalg.norm(vector)
    return chunks, vectors, embed_count


def save_corpus(folder: Path, chunks: list[Chunk], vectors: np.ndarray) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "vectors.npy", vectors)
    with (folder / "chunks.jsonl").open("w", encoding="utf-8") as fh:
        for c in chunks:
            fh.write(json.dumps({"id": c.id, "text": c.text, "meta": c.to_metadata(), "ordinal": c.ordinal}) + "\n")


def corpus_at(data: Path, size: int, base: list[Chunk], base_vectors: np.ndarray, real: int,
              embedder, log: Callable[[str], None]) -> dict[str, Any]:
    """The synthetic corpus of ``size`` chunks saved in ``data`` (reused when a finished one
    is there: ``corpus.json`` is written last) and its figures."""
    done = data / "corpus.json"
    if done.exists():
        figures = json.loads(done.read_text())
        if figures["real_embeddings"] == real:
            log(f"{size:,} chunks: reusing the synthetic corpus at {data}")
            return figures
    log(f"{size:,} chunks: making the synthetic corpus")
    started = time.perf_counter()
    chunks, vectors, embedded = synthetic_corpus(base, base_vectors, size, real, embedder)
    embed_seconds = time.perf_counter() - started
    shutil.rmtree(data, ignore_errors=True)
    save_corpus(data, chunks, vectors)
    figures = {
        "real_chunks": min(size, len(base)),
        "embedded_variants": embedded,
        "noisy_copies": size - min(size, len(base)) - embedded,
        "embed_seconds": round(embed_seconds, 1),
        "embed_chunks_per_s": round(embedded / embed_seconds, 1) if embedded else None,
        "real_embeddings": real,
    }
    done.write_text(json.dumps(figures) + "\n")
    return figures
