"""Evidence units (the quotable spans inside chunks) and the numbered citation list.

A citation quotes one unit exactly as it is printed: a sentence, a list item with its
lead-in, or a table row. Table rows are rendered with " | " between cells; every other
character is the page's own text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.countries import find_countries
from assistant.query import content_terms
from assistant.types import Chunk, Citation

# Semicolons are not sentence ends here: "(1) ...; (2) ..." enumerations stay whole.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'“\d])")
_CAPTION = re.compile(r"^(Table|Figure|Fig\.)\s+\d+", re.IGNORECASE)
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*%?")


@dataclass(frozen=True)
class Evidence:
    """One quotable unit of a chunk."""

    chunk: Chunk
    text: str
    kind: str  # sentence | item | row | caption
    header: str | None = None  # table column header or list lead-in
    rank: int = 0  # retrieval rank of its chunk (0 = best)
    group: int = 0  # items of one list share a group within their chunk

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(find_countries(self.text))


def units(chunk: Chunk, rank: int = 0) -> list[Evidence]:
    """Split a chunk into sentences, list items and table rows."""
    out: list[Evidence] = []
    lines = chunk.text.split("\n")
    if chunk.kind == "table":
        body = [ln for ln in lines if ln.strip()]
        caption = body.pop(0) if body and _CAPTION.match(body[0]) else None
        header = body.pop(0) if body else None
        if caption:
            out.append(Evidence(chunk, caption, "caption", header, rank))
        out.extend(Evidence(chunk, row, "row", header, rank) for row in body)
        return out
    lead: str | None = None
    group = 0
    in_list = False
    for line in lines:
        if line.startswith("- "):
            group += 0 if in_list else 1
            in_list = True
            out.append(Evidence(chunk, line[2:].strip(), "item", lead, rank, group))
            continue
        in_list = False
        # The line just above a list introduces it, colon or not ("3 Types of Connections").
        lead = line.strip() or None
        for sentence in split_sentences(line):
            out.append(Evidence(chunk, sentence, "sentence", None, rank))
    return out


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


class TermWeights:
    """Inverse document frequency of content terms over all indexed chunks."""

    def __init__(self, chunks: Iterable[Chunk]) -> None:
        df: Counter[str] = Counter()
        total = 0
        for chunk in chunks:
            total += 1
            df.update(set(content_terms(chunk.embedding_text())))
        self.df = df
        self.total = max(total, 1)

    def idf(self, term: str) -> float:
        # Squared so that a rare, telling word outweighs several common ones: in a
        # workshop report "workshop" and "members" say little, "conclusions" a lot.
        return math.log(1 + self.total / (1 + self.df.get(term, 0))) ** 2

    def known(self, term: str) -> bool:
        return self.df.get(term, 0) > 0


@dataclass
class CitationList:
    """Numbered citations, one per distinct quoted span, in order of first use."""

    items: list[Citation] = field(default_factory=list)

    def cite(self, evidence: Evidence) -> int:
        return self.cite_span(evidence.chunk, evidence.text)

    def cite_span(self, chunk: Chunk, text: str) -> int:
        for citation in self.items:
            if citation.chunk_id == chunk.id and citation.text == text:
                return citation.n
        n = len(self.items) + 1
        self.items.append(
            Citation(
                n=n,
                document=chunk.document,
                source=chunk.source,
                page=chunk.page,
                section=chunk.section,
                text=text,
                chunk_id=chunk.id,
            )
        )
        return n


def numbers_in(text: str) -> list[str]:
    """Numbers as printed ("0.6612", "3.5%", "184"), without [n] citation markers."""
    return NUMBER.findall(re.sub(r"\[\d+\]", " ", text))


def markers(ns: Sequence[int]) -> str:
    return "".join(f"[{n}]" for n in dict.fromkeys(ns))
