"""The typed records the stages exchange: ingest -> Block -> Chunk -> Hit -> Answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

BlockKind = Literal["heading", "paragraph", "list", "table", "caption"]


@dataclass(frozen=True)
class Block:
    """One structural unit of a page: a heading, a paragraph, a list, a table."""

    kind: BlockKind
    text: str
    page: int  # 1-based: PDF page, slide; elsewhere an order (sheet, Word's rendered page)
    level: int = 0  # heading depth, 1 = top
    # Tables keep their header and rows apart so a chunk can repeat the header.
    header: str | None = None
    rows: tuple[str, ...] = ()
    # Where a person finds it when "page N" is not enough: "slide 3, speaker notes",
    # "sheet 'Budget'", "¶ 14". Empty = the page says it all.
    locator: str = ""
    ocr: bool = False  # read by OCR from a page image (no text layer)
    row_numbers: tuple[int, ...] = ()  # a spreadsheet table: the sheet row of each row


@dataclass(frozen=True)
class DocumentMeta:
    """Where a document came from; copied onto every chunk."""

    source: str  # file name, unique key in the index
    title: str
    doc_type: str
    year: int | None
    publisher: str | None
    sha256: str
    pages: int  # pages, slides or sheets
    format: str = ""  # file type: pdf, docx, pptx, xlsx, csv, html, md, txt
    language: str = ""  # ISO 639-1 code of the document's language ("" = unknown)
    ocr_pages: int = 0  # pages read by OCR


@dataclass(frozen=True)
class ParsedDocument:
    meta: DocumentMeta
    blocks: tuple[Block, ...]


# Chroma metadata holds no None: a passage without a page is stored with page 0 (pages
# count from 1) and read back as None.
NO_PAGE = 0


def hashed_once(self: Any) -> int:
    """A frozen dataclass's hash, the one its generated ``__hash__`` gives (of its fields),
    computed once: chunks and their units key the per-process caches of what is worked
    out from them (units, terms, roles), looked up tens of thousands of times a batch."""
    try:
        return self.__dict__["_hash"]
    except KeyError:
        value = self.__dict__["_hash"] = hash(tuple(getattr(self, f.name) for f in fields(self)))
        return value


@dataclass(frozen=True)
class Chunk:
    """A quotable passage with exact provenance.

    ``page`` is the PDF page or slide number; formats without pages (Word, spreadsheets,
    web pages, Markdown and text without form feeds) have ``page=None`` and ``locator``
    says where ("¶ 12", "sheet 1 'Scores', row 5"), under the heading path ``section``.
    """

    id: str
    text: str
    source: str
    document: str  # title
    page: int | None  # None: the format has no pages, ``locator`` says where
    section: str | None
    doc_type: str
    year: int | None
    publisher: str | None
    countries: tuple[str, ...]
    kind: str  # text | table | rows (a table without header) | list | slide | furniture
    doc_sha: str = ""
    ordinal: int = 0  # position in its document, to put passages back in reading order
    # Where to look, for formats whose page number alone does not say it ("sheet
    # 'Budget', rows 2-14", "slide 3, speaker notes", "¶ 12-14"); "p. N" for PDFs.
    locator: str = ""
    language: str = ""  # ISO 639-1 code of the document's language ("" = unknown)
    ocr: bool = False  # the text was read by OCR from a scanned page

    __hash__ = hashed_once

    @property
    def where(self) -> str:
        """Where to look, for a person: the locator, else the page."""
        return self.locator or (f"p. {self.page}" if self.page is not None else "")

    def embedding_text(self) -> str:
        """Text given to the embedder and BM25: the section path adds context."""
        return f"{self.section}\n{self.text}" if self.section else self.text

    def to_metadata(self) -> dict[str, Any]:
        """Flat metadata for Chroma (scalars only; None is not allowed there)."""
        meta: dict[str, Any] = {
            "source": self.source,
            "document": self.document,
            "page": NO_PAGE if self.page is None else self.page,
            "section": self.section or "",
            "doc_type": self.doc_type,
            "year": self.year or 0,
            "publisher": self.publisher or "",
            "countries": "|" + "|".join(self.countries) + "|" if self.countries else "",
            "kind": self.kind,
            "doc_sha": self.doc_sha,
            "ordinal": self.ordinal,
            "locator": self.locator,
            "language": self.language,
            "ocr": self.ocr,
        }
        # One boolean per country so Chroma's `where` can filter on it exactly.
        for country in self.countries:
            meta[f"c:{country}"] = True
        return meta

    @classmethod
    def from_metadata(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> Chunk:
        countries = tuple(c for c in str(meta.get("countries", "")).split("|") if c)
        return cls(
            id=chunk_id,
            text=text,
            source=str(meta["source"]),
            document=str(meta.get("document", meta["source"])),
            page=int(meta["page"]) or None,
            section=str(meta.get("section") or "") or None,
            doc_type=str(meta.get("doc_type", "")),
            year=int(meta.get("year") or 0) or None,
            publisher=str(meta.get("publisher") or "") or None,
            countries=countries,
            kind=str(meta.get("kind", "text")),
            doc_sha=str(meta.get("doc_sha", "")),
            ordinal=int(meta.get("ordinal", 0)),
            locator=str(meta.get("locator") or ""),
            language=str(meta.get("language") or ""),
            ocr=bool(meta.get("ocr", False)),
        )


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk and its fused score."""

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    bm25_rank: int | None = None


@dataclass(frozen=True)
class Citation:
    n: int
    document: str
    source: str
    page: int | None  # PDF page or slide; None for formats without pages (see ``locator``)
    section: str | None
    text: str  # the exact supporting span, as printed on the page
    chunk_id: str = ""
    locator: str = ""  # "p. 4", "slide 3", "sheet 'Budget', rows 2-14", "¶ 12"
    language: str = ""  # ISO 639-1 code of the cited document
    ocr: bool = False  # the quote was read by OCR from a scanned page

    @property
    def where(self) -> str:
        """Where to look, for a person: the locator, else the page."""
        return self.locator or (f"p. {self.page}" if self.page is not None else "")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("chunk_id")
        return data


@dataclass
class Answer:
    question: str
    mode: str
    answer: str  # Markdown with [n] markers
    abstained: bool
    citations: list[Citation]
    backend: str
    timings: dict[str, float] = field(default_factory=dict)
    id: str | None = None
    # Extra structured output of a mode (brief sections, compare table, chart data).
    extras: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.id is not None:
            data["id"] = self.id
        data.update(
            question=self.question,
            mode=self.mode,
            answer=self.answer,
            abstained=self.abstained,
            citations=[c.to_json() for c in self.citations],
            backend=self.backend,
            timings={k: round(v, 1) for k, v in self.timings.items()},
        )
        return data


@dataclass
class FileFailure:
    file: str
    error: str


@dataclass
class IngestReport:
    documents: int = 0
    chunks: int = 0
    added: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[FileFailure] = field(default_factory=list)
    seconds: float = 0.0
    embedded_chunks: int = 0
    embed_seconds: float = 0.0
    # Indexed documents chunked again because the index was built with other settings
    # (they also count as added); the reason names the difference.
    rechunked: int = 0
    rechunk_reason: str = ""
    # Documents that repeat another's passages (assistant.repeats.Repeat.note() each).
    repeats: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "chunks": self.chunks,
            "added": self.added,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "rechunked": self.rechunked,
            "failed": [asdict(f) for f in self.failed],
            "repeats": self.repeats,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class IndexedDocument:
    source: str
    title: str
    doc_type: str
    year: int | None
    pages: int
    chunks: int
    sha256: str
    format: str = ""
    language: str = ""
    ocr_chunks: int = 0
