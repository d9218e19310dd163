"""Two-column PDF pages read down each column; single-column pages and tables as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import one_page_pdf

from assistant.parsers.pdf import parse_pdf
from assistant.parsers.pdf_columns import columns_on_page, read_columns
from assistant.settings import Settings

SETTINGS = Settings()
OBS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus-real" / "pdf" / (
    "IBP-OBS-Methdology-Note-2023.pdf"
)


def placed_pdf(pieces: list[tuple[float, float, str]]) -> bytes:
    """A one-page PDF with each (x, y, text) drawn at its position in 10 pt Helvetica."""
    ops = [f"BT /F1 10 Tf {x:g} {y:g} Td ({text}) Tj ET" for x, y, text in pieces]
    stream = "\n".join(ops).encode("latin-1")
    return one_page_pdf(stream)


def page_text(data: bytes) -> str:
    return " ".join(b.text for b in parse_pdf(data, SETTINGS).blocks)


LEFT = [f"Left column line {n} of the survey method." for n in range(12)]
RIGHT = [f"Right column line {n} on the open data." for n in range(12)]


def test_a_two_column_page_reads_the_left_column_then_the_right():
    title = [(56, 790, "A title across the whole width of the page above both columns")]
    body = [(56, 760 - 14 * n, text) for n, text in enumerate(LEFT)]
    body += [(310, 760 - 14 * n, text) for n, text in enumerate(RIGHT)]
    footer = [(56, 560, "A closing paragraph that runs the full width of the page, below both")]
    text = page_text(placed_pdf(title + body + footer))
    order = [text.index(line) for line in [title[0][2], *LEFT, *RIGHT, footer[0][2]]]
    assert order == sorted(order), text


def test_a_single_column_page_and_a_table_are_read_as_before():
    prose = [(56, 790 - 14 * n, f"Line {n} of one column of prose that runs on and on.")
             for n in range(12)]
    rows = [("Country", "Region", "Score", "Rank")] + [
        (f"Country{n}", "Asia", f"0.{n}1", str(n)) for n in range(10)
    ]
    table = [(56 + 130 * col, 600 - 14 * n, cell)
             for n, row in enumerate(rows) for col, cell in enumerate(row)]
    blocks = parse_pdf(placed_pdf(prose + table), SETTINGS).blocks
    assert any(b.kind == "table" and "Country3 | Asia | 0.31 | 3" in b.text for b in blocks)
    text = " ".join(b.text for b in blocks)
    order = [text.index(f"Line {n} ") for n in range(12)]
    assert order == sorted(order)


def test_table_cells_either_side_of_a_gutter_are_not_columns():
    lines = [f"{'Term ' + str(n):<20}{'Short definition ' + str(n):<30}" for n in range(12)]
    lines += [f"{'Country' + str(n):<14}{'Asia':<12}{'0.5':<10}{n}" for n in range(10)]
    assert read_columns(lines) is lines


@pytest.mark.skipif(not OBS.is_file(), reason=f"the real corpus is not at {OBS.parent}")
def test_the_obs_methodology_note_reads_each_column_whole():
    data = OBS.read_bytes()
    text = page_text(data)
    assert (
        "Weighting the Relative Importance of Key Budget Documents and Implications on Scores"
        in text
    )
    assert "The OBS 2023 uses the remaining 36 questions to measure the extent to which" in text
    import pypdf

    from assistant.parsers.pdf_text import page_text as layout_of

    page = pypdf.PdfReader(OBS).pages[4]
    assert columns_on_page(layout_of(page).layout.split("\n"))
