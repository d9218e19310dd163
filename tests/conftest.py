"""Shared fixtures: the real embedding model and one index of the bundled corpus per session."""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pypdf
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
# llama.cpp's OpenMP threads spin while they wait; on a machine whose cores are shared
# (CI runners, a busy dev box) that made SmolLM2 generate 1 token/s instead of 20. Passive
# waiting, set before llama.cpp loads, here and in the servers the tests start.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from assistant.pipeline import PolicyAssistant
from assistant.settings import PROJECT_ROOT, Settings

CORPUS = PROJECT_ROOT / "corpus"
D8_PDF = CORPUS / "d8-workshop-2022-new-approaches-egov-sdg.pdf"
SLIDES_PDF = CORPUS / "egovernance-emerging-issues-unpog.pdf"
DATA = Path(__file__).parent / "data"


@pytest.fixture
def make_settings(tmp_path: Path):
    """Settings with a private index folder; keyword overrides apply."""

    def factory(**overrides: object) -> Settings:
        values: dict[str, object] = {"index_dir": tmp_path / "index", "corpus_dir": CORPUS}
        values.update(overrides)
        return Settings(**values)  # type: ignore[arg-type]

    return factory


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """An index of the bundled corpus, built once per test session (read-only for tests)."""
    index_dir = tmp_path_factory.mktemp("corpus-index")
    settings = Settings(index_dir=index_dir, corpus_dir=CORPUS)
    report = PolicyAssistant(settings).ingest([CORPUS])
    assert not report.failed, report.failed
    return settings


@pytest.fixture(scope="session")
def assistant(corpus_settings: Settings) -> PolicyAssistant:
    """One PolicyAssistant on the shared corpus index (model and indexes loaded once)."""
    return PolicyAssistant(corpus_settings)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus folder."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def pdf_bytes(pages: list[list[tuple[float, str]]]) -> bytes:
    """A minimal text PDF: each page a list of (font size, line) drawn top-down in Helvetica.

    Enough for pypdf to extract text, font sizes (headings) and page numbers, so tests can
    make small documents without a PDF library.
    """

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]  # pages tree filled in below
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for lines in pages:
        y, ops = 800.0, []
        for size, text in lines:
            y -= size * 1.6
            ops.append(f"BT /F1 {size:g} Tf 56 {y:.1f} Td ({escape(text)}) Tj ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
            b"<< /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % len(objects)
        )
        kids.append(len(objects))
    refs = " ".join(f"{k} 0 R" for k in kids).encode()
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    return assemble_pdf(objects)


def one_page_pdf(stream: bytes) -> bytes:
    """A one-page PDF (A4, Helvetica as /F1) whose page draws the given content stream."""
    return assemble_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
    ])


def assemble_pdf(objects: list[bytes]) -> bytes:
    """A PDF file from its numbered objects (object 1 is the catalog), with the xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def write_pdf(path: Path, pages: list[list[tuple[float, str]]]) -> Path:
    path.write_bytes(pdf_bytes(pages))
    return path


def write_encrypted_pdf(path: Path, user_password: str) -> Path:
    """A one-page PDF encrypted with pypdf; an empty user password opens without one."""
    writer = pypdf.PdfWriter(
        clone_from=io.BytesIO(pdf_bytes([[(16, "Heading"), (10, "Body text.")]]))
    )
    writer.encrypt(user_password=user_password, owner_password="owner")
    writer.write(path)
    return path


# Files ingest must refuse: name -> (how to make it at a path, the reason it must give).
BAD_FILES: dict[str, tuple[Callable[[Path], object], str]] = {
    "corrupt.pdf": (
        lambda p: p.write_bytes(b"%PDF-1.4\n" + os.urandom(4000)),
        "corrupt or truncated PDF",
    ),
    "truncated.pdf": (
        lambda p: p.write_bytes(D8_PDF.read_bytes()[: D8_PDF.stat().st_size // 2]),
        "corrupt or truncated PDF",
    ),
    "empty.pdf": (lambda p: p.write_bytes(b""), "empty file (0 bytes)"),
    "empty.txt": (lambda p: p.write_bytes(b""), "empty file (0 bytes)"),
    "locked.pdf": (lambda p: write_encrypted_pdf(p, "secret"), "encrypted PDF"),
    "junk.pdf": (lambda p: p.write_bytes(os.urandom(2000)), "not a PDF"),
    "junk.txt": (lambda p: p.write_bytes(os.urandom(2000)), "binary data, not text"),
    "report.docx": (
        lambda p: p.write_bytes(b"PK\x03\x04 not really a docx"),
        "corrupt or unreadable .docx",
    ),
    "slides.pptx": (lambda p: p.write_bytes(b"not a zip"), "corrupt or unreadable .pptx"),
    "budget.xlsx": (lambda p: p.write_bytes(b"not a zip"), "corrupt or unreadable .xlsx"),
    "report.odt": (lambda p: p.write_bytes(b"PK\x03\x04 odt"), "unsupported file type '.odt'"),
    "chart.png": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n"), "unsupported file type '.png'"),
    "scanned.pdf": (lambda p: write_pdf(p, [[]]), "no extractable text"),
}


@pytest.fixture
def make_pdf():
    """write_pdf as a fixture: make_pdf(path, pages) -> path."""
    return write_pdf


# The unit tests of the stages: tiny fixtures, the word-hash embedder, no index. They are
# marked `unit` (`pytest -m unit` runs them all in seconds) and the real embedding model is
# unloadable while they run, so a test that would quietly load MiniLM fails instead.
UNIT_MODULES = {
    "test_understand", "test_evidence", "test_select", "test_compose", "test_verify",
    "test_modes", "test_chunking", "test_metrics", "test_statements", "test_countries",
    "test_knowledge", "test_ui_render", "test_unitvec", "test_ingest_steps",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = getattr(item, "module", None)  # a doctest item has none
        if module is not None and module.__name__ in UNIT_MODULES:
            item.add_marker(pytest.mark.unit)


@pytest.fixture(autouse=True)
def _no_model_in_unit_tests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.node.get_closest_marker("unit") is None:
        return

    def refuse(name: str) -> None:
        raise AssertionError(f"a unit test loaded the embedding model {name}: use word_hash_embed")

    from assistant import embedding

    monkeypatch.setattr(embedding, "_load_model", refuse)


# ---- the UI in a browser (test_ui*.py): one server and one Chromium per session --------------
# Here, not in a test module: a session fixture imported into a second module would start a
# second Playwright in the same thread, which Playwright refuses.
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def ui_server(corpus_settings: Settings, tmp_path_factory: pytest.TempPathFactory
              ) -> Iterator[int]:
    """The UI on the shared corpus index, in a thread of this process (model loaded once)."""
    from assistant.evals.servers import serve_in_thread
    from assistant.ui.app import create_app

    settings = corpus_settings.model_copy(
        update={"upload_dir": tmp_path_factory.mktemp("ui-uploads")}
    )
    with serve_in_thread(create_app(PolicyAssistant(settings))) as port:
        yield port


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory):
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium); run scripts/setup")
    with playwright_api.sync_playwright() as pw:
        # Playwright gives each launch a fresh temporary profile itself (it refuses
        # --user-data-dir in launch()); everything else that phones home is switched off.
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-quic", "--no-first-run"],
        )
        yield chromium
        chromium.close()
