"""What a loaded index keeps per chunk: its terms, as the rerank weighs them."""

from __future__ import annotations

import pytest

from assistant.chunkcache import ChunkCache
from assistant.text import terms
from assistant.types import Chunk


def _chunk(text: str, section: str | None, document: str) -> Chunk:
    return Chunk(id="c1", text=text, source="doc.pdf", document=document, page=1,
                 section=section, doc_type="report", year=2020, publisher=None,
                 countries=(), kind="text")


@pytest.mark.parametrize(("text", "section", "document"), [
    pytest.param("Non-technical skills and e-services\nun-\nfunded to-be plans", "Skills > As-is",
                 "UN-Habitat Report", id="hyphens-at-the-edges"),
    pytest.param("Digital government strategies.", None, "E-Government Survey 2020",
                 id="no-section"),
    pytest.param("Sri Lanka's e-Gov", "Country presentations > Non-state actors", "",
                 id="no-title"),
])
def test_a_chunks_terms_are_those_of_its_heading_text_and_title_as_embedded(
        text: str, section: str | None, document: str) -> None:
    # The rerank counts a query's terms in what was embedded and indexed: the heading path
    # and text (``embedding_text``) and the document's title, read as one text.
    chunk = _chunk(text, section, document)
    found, prefixes = ChunkCache(None).terms(chunk)  # type: ignore[arg-type]  # no store read
    assert found == frozenset(terms(f"{chunk.embedding_text()} {chunk.document}"))
    assert prefixes == frozenset(t[:5] for t in found if len(t) >= 5)
