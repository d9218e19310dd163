"""The plain "tutorial" RAG pipeline the assistant is measured against.

pypdf ``extract_text()`` per page, fixed 1,000-character splits with 200 characters of
overlap, the same MiniLM embedder, an embedded Chroma collection and top-4 dense retrieval.
Its "answer" is the first sentence of each of the top 4 chunks, cited [1]..[4] with the
chunk's page, and it never declines: that is what such a pipeline shows a user.
(``langchain_text_splitters`` is not installed here, so the split is done by hand.)
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.embedding import Embedder
from assistant.types import Answer, Citation

CHUNK_CHARS = 1000
OVERLAP_CHARS = 200
TOP_K = 4
_FIRST_SENTENCE = re.compile(r"^.+?[.!?](?=\s|$)", re.DOTALL)


@dataclass(frozen=True)
class BaselineChunk:
    text: str
    source: str
    page: int  # 1-based


@dataclass(frozen=True)
class BaselineIngest:
    pages: int
    chunks: int
    seconds: float
    embed_seconds: float


def split_text(text: str, size: int = CHUNK_CHARS, overlap: int = OVERLAP_CHARS) -> list[str]:
    """Windows of at most ``size`` characters, each starting ``overlap`` characters before
    the previous one ended; a window ends at its last whitespace when it has one.

    >>> [len(w) for w in split_text("x" * 2500)]
    [1000, 1000, 900]
    """
    text = text.strip()
    windows: list[str] = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            space = text.rfind(" ", start + overlap + 1, end)
            end = space if space > 0 else end
        windows.append(text[start:end].strip())
        if end >= len(text):
            break
        start = end - overlap
    return [w for w in windows if w]


def pdf_pages(path: Path) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


def first_sentence(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    match = _FIRST_SENTENCE.match(flat)
    return (match.group(0) if match else flat)[:limit]


class BaselinePipeline:
    """Embedded Chroma collection of fixed-size page splits, searched by dense vectors only."""

    def __init__(self, embedder: Embedder, directory: Path, collection: str = "baseline") -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        self.embedder = embedder
        self.client = chromadb.PersistentClient(
            path=str(directory), settings=ChromaSettings(anonymized_telemetry=False)
        )
        self.collection = self.client.get_or_create_collection(
            collection, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
        )

    def ingest(self, pdfs: list[Path], batch_size: int = 64) -> BaselineIngest:
        started = time.perf_counter()
        chunks: list[BaselineChunk] = []
        pages = 0
        for pdf in pdfs:
            for number, text in enumerate(pdf_pages(pdf), start=1):
                pages += 1
                chunks.extend(BaselineChunk(part, pdf.name, number) for part in split_text(text))
        embed_started = time.perf_counter()
        vectors = self.embedder.embed([c.text for c in chunks])
        embed_seconds = time.perf_counter() - embed_started
        self.add(chunks, vectors, batch_size=5000)
        return BaselineIngest(pages, len(chunks), time.perf_counter() - started, embed_seconds)

    def add(self, chunks: list[BaselineChunk], vectors: np.ndarray, batch_size: int = 5000) -> None:
        offset = self.collection.count()
        for start in range(0, len(chunks), batch_size):
            part = chunks[start : start + batch_size]
            self.collection.add(
                ids=[f"c{offset + start + i}" for i in range(len(part))],
                embeddings=vectors[start : start + batch_size],
                documents=[c.text for c in part],
                metadatas=[{"source": c.source, "page": c.page} for c in part],
            )

    def retrieve(self, question: str, k: int = TOP_K) -> list[BaselineChunk]:
        vector = self.embedder.embed([question])[0]
        return self.search(vector, k)

    def search(self, vector: np.ndarray, k: int) -> list[BaselineChunk]:
        got = self.collection.query(
            query_embeddings=[vector], n_results=k, include=["documents", "metadatas"]
        )
        return [
            BaselineChunk(text, str(meta["source"]), int(meta["page"]))
            for text, meta in zip(got["documents"][0], got["metadatas"][0], strict=True)
        ]

    def answer(self, question: str, mode: str = "answer") -> Answer:
        started = time.perf_counter()
        top = self.retrieve(question, TOP_K)
        retrieved = time.perf_counter()
        lines = [f"{first_sentence(c.text)} [{n}]" for n, c in enumerate(top, start=1)]
        citations = [
            Citation(n=n, document=c.source, source=c.source, page=c.page, section=None, text=c.text)
            for n, c in enumerate(top, start=1)
        ]
        return Answer(
            question=question,
            mode=mode,
            answer="\n".join(lines),
            abstained=False,
            citations=citations,
            backend="baseline",
            timings={
                "retrieve_ms": (retrieved - started) * 1000,
                "answer_ms": (time.perf_counter() - retrieved) * 1000,
            },
        )
