"""Tiny fixtures for the answer stages: a deterministic embedder and hand-made chunks, so
each stage is tested in milliseconds without the real model or an index."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from assistant.types import Chunk, Hit

DIM = 256


def word_hash_embed(texts: list[str]) -> np.ndarray:
    """A bag-of-words vector per text (each word hashed to a dimension), normalised: texts
    sharing words are similar, deterministically, as a real embedder's neighbours are."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in re.findall(r"[a-z0-9]+", text.lower()):
            out[row, int(hashlib.sha256(word.encode()).hexdigest(), 16) % DIM] += 1.0
        norm = np.linalg.norm(out[row])
        if norm:
            out[row] /= norm
    return out


def chunk(text: str, *, kind: str = "text", section: str | None = "Section", page: int = 1,
          source: str = "report.pdf", document: str = "Annual Report 2024",
          countries: tuple[str, ...] = (), year: int | None = 2024) -> Chunk:
    digest = hashlib.sha256(f"{source}{page}{section}{text}".encode()).hexdigest()[:16]
    return Chunk(digest, text, source, document, page, section, "report", year, None,
                 countries, kind)


def hits(*chunks: Chunk) -> list[Hit]:
    return [Hit(c, 1.0 / (i + 1)) for i, c in enumerate(chunks)]


TABLE = chunk(
    "Table 3 Digital Readiness Index 2024.\n"
    "Country | Region | Readiness score | Rank\n"
    "Kenya | Africa | 0.61 | 12\n"
    "URY | Americas | 0.72 | 7\n"
    "Norway | Europe | 0.93 | 1",
    kind="table", section="RESULTS",
)
LIST = chunk(
    "The framework has four pillars:\n- Leadership\n- Skills\n- Infrastructure\n- Data",
    kind="list", section="FRAMEWORK",
)
PROSE = chunk(
    "The U.N. report, e.g. in Fig. 2, shows progress. Kenya expanded mobile services in 2023. "
    "The Digital Readiness Index (DRI) measures how ready governments are for digital services.",
    section="FINDINGS > Kenya",
)
CONTENTS = chunk("Introduction 3\nResults 7\nAnnex 12", kind="furniture", section="CONTENTS")
