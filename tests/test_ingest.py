"""Provenance on the bundled corpus, and how single files are read or refused.

The provenance tests read the shared index (built once per session with the real model)
and check every citation field against the manifest and against pypdf's own page text.
"""

from __future__ import annotations

import json
import re
from functools import cache

import pypdf
import pytest
from conftest import BAD_FILES, CORPUS, D8_PDF, SLIDES_PDF, write_encrypted_pdf

from assistant.errors import InputFileError
from assistant.ingest import ingest_file
from assistant.settings import Settings
from assistant.store import ChromaStore
from assistant.types import Chunk

MANIFEST = {d["file"]: d for d in json.loads((CORPUS / "manifest.json").read_text())["documents"]}


@pytest.fixture(scope="module")
def corpus_chunks(corpus_settings) -> list[Chunk]:
    return list(ChromaStore(corpus_settings).iter_chunks())


@cache
def page_text(source: str, page: int) -> str:
    """pypdf's plain text of a 1-based page: an independent reading of the same PDF."""
    return pypdf.PdfReader(CORPUS / source).pages[page - 1].extract_text()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def the_chunk(chunks: list[Chunk], text: str) -> Chunk:
    found = [c for c in chunks if text in c.text]
    assert len(found) == 1, f"{len(found)} chunks contain {text!r}"
    return found[0]


# ---- provenance ------------------------------------------------------------------------


@pytest.mark.slow
def test_table_chunk_cites_title_file_page_type_year_publisher_and_countries(corpus_chunks):
    chunk = the_chunk(corpus_chunks, "0.7892")
    entry = MANIFEST[D8_PDF.name]
    assert chunk.source == D8_PDF.name
    assert chunk.document == entry["title"]
    assert chunk.page == 3
    assert "0.7892" in page_text(D8_PDF.name, 3)
    assert chunk.doc_type == entry["doc_type"] == "workshop_proceedings"
    assert chunk.year == 2022
    assert chunk.publisher == entry["publisher"]
    assert {"Malaysia", "Indonesia", "Turkey"} <= set(chunk.countries)
    assert chunk.kind == "table"


@pytest.mark.slow
def test_slide_chunk_cites_its_slide(corpus_chunks):
    chunk = the_chunk(corpus_chunks, "Afghanistan rank 184th")
    entry = MANIFEST[SLIDES_PDF.name]
    assert (chunk.source, chunk.document, chunk.page) == (SLIDES_PDF.name, entry["title"], 55)
    assert "Afghanistan rank 184th" in page_text(SLIDES_PDF.name, 55)
    assert chunk.doc_type == "presentation"
    assert chunk.year == 2012
    assert "Afghanistan" in chunk.countries


@pytest.mark.slow
def test_every_chunk_is_printed_on_the_page_it_cites(corpus_chunks):
    """Every word of every chunk is on its cited page, as pypdf's plain text reads it
    (up to the spaces that word-spacing repairs move).

    The opening words must also appear in that order, except in a few chunks where
    layout mode (which we parse) and plain mode read a multi-column region (tables, the
    cover, figure labels) in a different order; so word order is required of 95%.
    """
    assert len(corpus_chunks) > 100
    out_of_order = []
    for chunk in corpus_chunks:
        page_words = words(page_text(chunk.source, chunk.page))
        missing = set(words(chunk.text)) - set(page_words)
        # Spacing repairs ("al ways" -> "always") change where spaces are, never the letters.
        missing = {w for w in missing if w not in "".join(page_words)}
        if missing and " | " in chunk.text.split("\n")[0] and chunk.page > 1:
            # A table (a member list is one, kind furniture) continued from the page before
            # repeats the header printed there.
            header = set(words("\n".join(chunk.text.split("\n")[:2])))
            before = set(words(page_text(chunk.source, chunk.page - 1)))
            missing = {w for w in missing if not (w in header and w in before)}
        assert not missing, f"p.{chunk.page} of {chunk.source} lacks {missing}: {chunk.text[:80]!r}"
        head = " ".join(words(chunk.text[:40])[:-1])  # the 40th character may cut a word
        if f" {head} " not in f" {' '.join(page_words)} ":
            out_of_order.append(chunk)
    assert len(out_of_order) <= 0.05 * len(corpus_chunks), [c.text[:40] for c in out_of_order]


@pytest.mark.slow
def test_registry_lists_both_documents_with_pages_and_chunk_counts(corpus_settings, corpus_chunks):
    docs = ChromaStore(corpus_settings).documents()
    assert set(docs) == set(MANIFEST)
    for source, doc in docs.items():
        assert doc.title == MANIFEST[source]["title"]
        assert doc.pages == MANIFEST[source]["pages"]
        assert doc.chunks == sum(c.source == source for c in corpus_chunks)


# ---- document metadata without a manifest ----------------------------------------------


def test_metadata_falls_back_to_first_heading_and_year_in_title(tmp_path):
    doc = tmp_path / "notes.md"
    doc.write_text("# Digital Government Notes 2021\n\nEgypt launched a portal.\n")
    meta = ingest_file(doc, Settings()).meta
    assert (meta.title, meta.year, meta.doc_type, meta.publisher) == (
        "Digital Government Notes 2021",
        2021,
        "note",
        None,
    )


def test_metadata_uses_pdf_title_when_there_is_no_manifest(tmp_path, make_pdf):
    plain = make_pdf(tmp_path / "plain.pdf", [[(16, "First Heading"), (10, "Body.")]])
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.add_metadata({"/Title": "Open Data Review 2019"})
    titled = tmp_path / "titled.pdf"
    writer.write(titled)
    meta = ingest_file(titled, Settings()).meta
    assert (meta.title, meta.year, meta.doc_type, meta.pages) == (
        "Open Data Review 2019",
        2019,
        "report",
        1,
    )


# ---- files that are refused, each with its reason ---------------------------------------


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_unreadable_file_is_refused_with_its_reason(tmp_path, name):
    make, reason = BAD_FILES[name]
    path = tmp_path / name
    make(path)
    with pytest.raises(InputFileError) as error:
        ingest_file(path, Settings())
    message = str(error.value)
    assert reason in message
    assert "\n" not in message


def test_pdf_encrypted_with_an_empty_user_password_is_read(tmp_path):
    doc = ingest_file(write_encrypted_pdf(tmp_path / "open.pdf", ""), Settings())
    assert [b.text for b in doc.blocks if b.kind == "paragraph"] == ["Body text."]


def test_limits_from_settings_refuse_oversized_input(tmp_path):
    doc = tmp_path / "big.txt"
    doc.write_text("word " * 500)
    with pytest.raises(InputFileError, match="over the 1,000 limit"):
        ingest_file(doc, Settings(max_chars_per_file=1000))
    with pytest.raises(InputFileError, match="ASSISTANT_MAX_FILE_MB"):
        ingest_file(doc, Settings(max_file_mb=0.001))
