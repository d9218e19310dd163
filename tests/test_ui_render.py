"""The UI's presentation and file-serving rules, without a browser."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from conftest import DATA
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.types import Answer, Citation
from assistant.ui import render
from assistant.ui.sources import panel_html
from assistant.ui.web import BasicAuthMiddleware, add_corpus_route, find_corpus_file

XSS = '<script>alert(1)</script> <img src=x onerror=alert(1)>'


def _answer(text: str = "Indonesia scored 0.6612 [1].", **extras: object) -> Answer:
    citation = Citation(
        n=1,
        document="D-8 workshop <b>report</b>",
        source="d8 workshop.pdf",
        page=3,
        section="Background",
        text=f"Indonesia | Asia | High | 0.6612 | 88 {XSS}",
    )
    return Answer("What is Indonesia's EGDI score?", "answer", text, False, [citation],
                  "grounded", extras=dict(extras))


def test_document_text_in_sources_panel_is_escaped_and_terms_marked() -> None:
    html = panel_html([_answer()])
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<mark>Indonesia</mark>" in html
    assert 'href="/corpus/d8%20workshop.pdf#page=3"' in html
    assert "page 3 · Background" in html


def test_highlight_never_marks_inside_escaped_entities() -> None:
    assert render.highlight("AT&T <amp>", ["amp"]) == "AT&amp;T &lt;<mark>amp</mark>&gt;"


def test_answer_markdown_neutralises_html_but_keeps_markdown() -> None:
    text = f"| Country | Score |\n|---|---|\n| Egypt | 0.5527 [1] |\n\n> quoted {XSS}"
    shown = render.answer_markdown(_answer(text))
    assert "<" not in shown
    assert shown.startswith("| Country | Score |") and "\n> quoted" in shown


def test_streamed_pieces_grow_to_the_full_answer_and_never_cut_a_table_row() -> None:
    text = "First point [1]. Second point [2].\n\n| A | B |\n|---|---|\n| x. y | 1 |\nEnd."
    pieces = render.stream_pieces(text, limit=50)
    assert pieces[0] == "First point [1]. " and pieces[-1] == text
    assert all(b.startswith(a) and len(b) > len(a) for a, b in itertools.pairwise(pieces))
    assert not any(p.endswith("| x. ") for p in pieces)
    long_text = "A sentence. " * 100
    few = render.stream_pieces(long_text, limit=24)
    assert len(few) <= 24 and few[-1] == long_text


@pytest.fixture
def corpus_roots(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    uploads = corpus / "uploads"
    (corpus / "sub").mkdir(parents=True)
    uploads.mkdir()
    (corpus / "report.pdf").write_bytes(b"%PDF-1.4 report")
    (corpus / "sub" / "nested.md").write_text("# nested")
    (uploads / "mine.txt").write_text("uploaded")
    (corpus / "manifest.json").write_text("{}")
    (tmp_path / "secret.txt").write_text("outside")
    (corpus / "link.txt").symlink_to(tmp_path / "secret.txt")
    return corpus, uploads


def test_corpus_files_are_found_by_document_key_only(corpus_roots: tuple[Path, Path]) -> None:
    corpus, uploads = corpus_roots
    roots = [corpus, uploads]
    assert find_corpus_file("report.pdf", roots) == (corpus / "report.pdf").resolve()
    assert find_corpus_file("sub/nested.md", roots) == (corpus / "sub" / "nested.md").resolve()
    assert find_corpus_file("mine.txt", roots) == (uploads / "mine.txt").resolve()
    # The index's recorded path wins over a same-named file elsewhere in the folders.
    recorded = str(corpus / "sub" / "nested.md")
    assert find_corpus_file("nested.md", roots, recorded) == Path(recorded).resolve()
    for bad in ["../secret.txt", "nested.md", "/etc/passwd", "..", "manifest.json",
                "link.txt", "secret.txt", "", "report.pdf\x00.txt", "*.pdf", "[[[.pdf",
                "sub/*.md", "sub/../report.pdf", "./report.pdf"]:
        assert find_corpus_file(bad, roots) is None, bad
    # A recorded path outside the folders is never served.
    assert find_corpus_file("secret.txt", roots, str(corpus.parent / "secret.txt")) is None


def test_corpus_route_serves_pdfs_inline_and_refuses_traversal(
    corpus_roots: tuple[Path, Path],
) -> None:
    corpus, uploads = corpus_roots
    app = FastAPI()
    add_corpus_route(app, [corpus, uploads])
    client = TestClient(app)
    got = client.get("/corpus/report.pdf")
    assert got.status_code == 200
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["content-disposition"].startswith("inline")
    assert client.get("/corpus/sub%2Fnested.md").status_code == 200  # a key with a folder
    for bad in ["%2e%2e%2fsecret.txt", "..%2Fsecret.txt", "%2Fetc%2Fpasswd", "link.txt",
                "nested.md", "%2A.pdf", "%5B%5B%5B.pdf", "manifest.json", "..%5Csecret.txt"]:
        assert client.get(f"/corpus/{bad}").status_code == 404, bad


@pytest.mark.parametrize(("name", "content_type"), [
    ("toolkit.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("roadmap.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ("scores.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("scores.csv", "text/csv; charset=utf-8"),
    ("digital-id.html", "text/html; charset=utf-8"),
])
def test_every_ingested_format_is_served_and_office_and_html_only_as_downloads(
    corpus_roots: tuple[Path, Path], name: str, content_type: str,
) -> None:
    """A citation's source link works for every format; a web page from the corpus is
    downloaded, never rendered under the UI's origin (it may carry scripts)."""
    corpus, uploads = corpus_roots
    (corpus / name).write_bytes((DATA / name).read_bytes())
    (corpus / "sub" / name).write_bytes(b"<script>alert(1)</script>")
    app = FastAPI()
    add_corpus_route(app, [corpus, uploads])
    got = TestClient(app).get(f"/corpus/{name}")
    assert got.status_code == 200 and got.content == (DATA / name).read_bytes()
    assert got.headers["content-type"] == content_type
    assert got.headers["content-disposition"].startswith("attachment")
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-security-policy"] == "sandbox"
    assert find_corpus_file(f"../{name}", [corpus / "sub"]) is None


def test_basic_auth_guards_every_route(corpus_roots: tuple[Path, Path]) -> None:
    corpus, _ = corpus_roots
    app = FastAPI()
    add_corpus_route(app, [corpus])
    app.add_middleware(BasicAuthMiddleware, user="staff", password="s3cret")
    client = TestClient(app)
    refused = client.get("/corpus/report.pdf")
    assert refused.status_code == 401 and "Basic" in refused.headers["www-authenticate"]
    assert client.get("/corpus/report.pdf", auth=("staff", "wrong")).status_code == 401
    assert client.get("/corpus/report.pdf", auth=("staff", "s3cret")).status_code == 200


def test_a_facilitator_note_is_set_apart_beneath_the_prompts() -> None:
    note = f"**Facilitator note.** Read the cited passage first. {XSS}"
    shown = render.answer_markdown(_answer("1. **Egypt**: “Training” [1] Why?",
                                           facilitator_note=note))
    prompts, box = shown.split('\n\n<div class="facilitator" role="note">\n\n')
    assert prompts == "1. **Egypt**: “Training” [1] Why?"
    assert box.startswith("**Facilitator note.** Read the cited passage first.")
    assert box.endswith("</div>") and "<script" not in box
