"""Tiny fixtures for the answer stages: a deterministic embedder and hand-made chunks, so
each stage is tested in milliseconds without the real model or an index."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from types import SimpleNamespace

import numpy as np

from assistant.countries import find_countries
from assistant.select import Selection, select
from assistant.settings import AnswerSettings
from assistant.text import terms
from assistant.types import Chunk, Hit
from assistant.understand import Question
from assistant.unitvec import UnitVectors

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


def reader(chunks: Sequence[Chunk]) -> Callable[[Chunk, int], Chunk | None]:
    """A Neighbour over one document printed in this order: the chunk ``step`` places
    after another (before it when negative)."""
    printed = list(chunks)

    def neighbour(of: Chunk, step: int) -> Chunk | None:
        at = printed.index(of) + step
        return printed[at] if 0 <= at < len(printed) else None
    return neighbour


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


class FakeEvidence:
    """What the mode composers ask of the loaded index (assistant.evidence_source.Evidence), over a
    few hand-made chunks: retrieval keeps the chunks about the countries asked for, in the
    order given; selection is the real ``select`` with the word-hash embedder."""

    def __init__(self, *chunks: Chunk, min_support: float = 0.15) -> None:
        self.chunks = list(chunks)
        # The word-hash vectors of a one-sentence unit and a query agree less than MiniLM's
        # (0.2-0.3 where MiniLM gives 0.5+), so the support floor is set to that scale.
        self.settings = SimpleNamespace(answer=AnswerSettings(min_support=min_support))
        self.vectors = UnitVectors(word_hash_embed)

    def retrieve(self, query: str, question: Question, k: int | None = None,
                 countries: Sequence[str] | None = None) -> list[Hit]:
        chosen = [c for c in self.chunks
                  if not countries or set(countries) & _about(c)]
        return hits(*chosen[:k])

    def prepare(self, queries: Sequence[str]) -> None:
        """The word-hash embedder is instant: nothing to batch."""

    def embed_ahead(self, queries: Sequence[str]) -> None:
        """Nor to embed ahead."""

    def select(self, question: Question, found: Sequence[Hit], about: str | None = None
               ) -> Selection:
        query = word_hash_embed([about or question.text])[0]
        return select(question, found, query, self.vectors, lambda t: 1.0, {},
                      self.settings.answer)

    def named_documents(self, text: str) -> list[str]:
        """The given chunks' documents whose title the text names."""
        return sorted({c.source for c in self.chunks
                       if c.document and c.document.lower() in text.lower()})

    def neighbour(self, chunk: Chunk, step: int) -> Chunk | None:
        """The chunk ``step`` places after this one among the given chunks of its document."""
        return reader([c for c in self.chunks if c.source == chunk.source])(chunk, step)

    @property
    def known_countries(self) -> set[str]:
        return set().union(*(_about(c) for c in self.chunks))

    def printed(self, term: str) -> bool:
        """Whether a given chunk holds the (stemmed) term."""
        return any(term in terms(c.text) for c in self.chunks)

    def begins_printed(self, term: str) -> bool:
        """Whether a term of a given chunk starts with this (stemmed) one."""
        return any(t.startswith(term) for c in self.chunks for t in terms(c.text))

    def supported(self, selection: Selection, share: float = 1.0) -> bool:
        return bool(selection.scored) and (
            selection.best >= share * self.settings.answer.min_support
        )


def _about(c: Chunk) -> set[str]:
    return set(c.countries) | set(find_countries(f"{c.section or ''}\n{c.text}"))


KENYA_CHALLENGES = chunk(
    "Kenya faces challenges in rural connectivity and the cost of devices, which hold back "
    "the uptake of online services.",
    section="FINDINGS > Kenya",
)
NORWAY_CHALLENGES = chunk(
    "Norway reports a shortage of digital skills among older residents as the main challenge "
    "for its online services.",
    section="FINDINGS > Norway",
)
