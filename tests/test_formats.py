"""Every format a user brings parses with its structure and a locator a person can follow.

Fixtures are tiny files in tests/data (the Office and scan ones written by
tests/data/make_fixtures.py); figures and names in them are invented.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import DATA, one_page_pdf, write_pdf

from assistant.chunking import chunk_document
from assistant.errors import InputFileError
from assistant.ingest import SUPPORTED_SUFFIXES, ingest_file
from assistant.lexical import lexical_hits
from assistant.settings import Settings
from assistant.types import Chunk

SETTINGS = Settings()


def chunks_of(name: str) -> list[Chunk]:
    return chunk_document(ingest_file(DATA / name, SETTINGS), SETTINGS)


def only(chunks: list[Chunk], text: str) -> Chunk:
    found = [c for c in chunks if text in c.text]
    assert len(found) == 1, (text, [c.text for c in chunks])
    return found[0]


# ---- Word ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def word() -> list[Chunk]:
    return chunks_of("toolkit.docx")


def test_word_heading_styles_give_the_section_path(word):
    assert only(word, "three tracks").section == "Curriculum"
    assert only(word, "Cloud procurement").section == "Curriculum > Modules"


def test_word_list_stays_with_its_lead_in(word):
    chunk = only(word, "Cloud procurement")
    assert chunk.kind == "list"
    assert chunk.text.startswith("The curriculum covers the following modules:\n- Service design")


def test_word_table_keeps_its_header_row(word):
    table = only(word, "Beginners")
    assert table.kind == "table"
    assert table.text.split("\n")[:2] == ["Track | Trainees | Cost (EUR)", "Beginners | 1200 | 48000"]


def test_word_text_boxes_and_footnotes_are_kept(word):
    box = only(word, "pair every trainee with a mentor")
    assert box.text.count("pair every trainee") == 1  # the box is read once, not per fallback
    assert "text box" in box.locator
    note = only(word, "Costs are for the 2024 budget year")
    assert note.section == "Footnotes" and note.text.startswith("[1] ")


def test_word_locator_is_the_paragraph_number_and_a_word_file_has_no_page(word):
    assert only(word, "three tracks").locator == "¶ 3"
    assert all(c.page is None for c in word)  # Word reflows: the paragraph says where


# ---- PowerPoint ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def deck() -> list[Chunk]:
    return chunks_of("roadmap.pptx")


def test_slide_is_a_page_and_its_title_heads_the_section(deck):
    chunk = only(deck, "Pilot of the business registry")
    assert (chunk.page, chunk.section, chunk.locator) == (2, "Action areas", "slide 2")
    assert chunk.text.startswith("The project works in three areas:\n- Strategy and roadmap")


def test_speaker_notes_are_kept_and_marked(deck):
    notes = only(deck, "registry pilot starts in June")
    assert notes.page == 2
    assert notes.section == "Action areas > Speaker notes"
    assert notes.locator == "slide 2, speaker notes"


def test_slide_table_is_a_table(deck):
    table = only(deck, "Registry pilot live")
    assert (table.kind, table.page, table.section) == ("table", 3, "Milestones")
    assert table.text.split("\n")[:2] == ["Milestone | Quarter", "Registry pilot live | Q3 2024"]


def test_deck_metadata_counts_slides():
    meta = ingest_file(DATA / "roadmap.pptx", SETTINGS).meta
    assert (meta.format, meta.doc_type, meta.pages) == ("pptx", "presentation", 4)
    assert meta.title == "Freedonia e-Services Roadmap"


# ---- Spreadsheets -------------------------------------------------------------------------


def test_each_sheet_is_a_table_whose_rows_name_their_columns():
    chunks = chunks_of("scores.xlsx")
    table = only(chunks, "Freedonia | Composite")
    assert table.kind == "table"
    assert (table.page, table.section) == (None, "Scores")  # a sheet is no page
    assert "Country: Sylvania | Composite: 0.5732 | Rank: 30" in table.text.split("\n")
    assert table.locator == "sheet 1 'Scores', rows 4-6"
    sources = only(chunks, "Freedonia Statistics Office")
    assert (sources.page, sources.section, sources.locator) == (None, "Sources", "sheet 2 'Sources', rows 2-3")


def test_a_title_row_above_the_header_is_text_and_hidden_sheets_are_skipped():
    chunks = chunks_of("scores.xlsx")
    title = only(chunks, "Online service readiness, 2024")
    assert title.kind == "text" and title.locator == "sheet 1 'Scores', row 1"
    assert not any("secret draft" in c.text for c in chunks)
    assert ingest_file(DATA / "scores.xlsx", SETTINGS).meta.pages == 2


def test_rows_whose_first_cell_is_empty_are_kept(tmp_path):
    # openpyxl's read-only rows start with an EmptyCell, which has no row number: such rows
    # (a note in column C, a table row without its first value) were silently dropped.
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Systems"
    sheet["C1"] = "A system is defined as a software component that fulfils a function."
    sheet.append([])
    sheet.append(["ID", "Name", "Hosting"])
    sheet.append(["S1", "Registry", "cloud"])
    sheet.append([None, "Exchange layer", "on premise"])
    path = tmp_path / "systems.xlsx"
    book.save(path)
    chunks = chunk_document(ingest_file(path, SETTINGS), SETTINGS)
    note = only(chunks, "software component")
    assert note.locator == "sheet 1 'Systems', row 1"
    table = only(chunks, "Exchange layer")
    assert "Name: Exchange layer | Hosting: on premise" in table.text


def test_csv_delimiter_is_sniffed_and_rows_are_cited_by_number():
    table = only(chunks_of("scores.csv"), "Freedonia")
    assert "Country: Freedonia | Composite: 0.61 | Rank: 12" in table.text.split("\n")
    assert table.locator == "rows 2-3"


def test_one_long_row_cut_in_pieces_keeps_its_row_number(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("Country,Notes\nFreedonia," + "word " * 400 + "\nSylvania,short\n")
    chunks = chunk_document(ingest_file(path, SETTINGS), SETTINGS)
    pieces = [c for c in chunks if "word word" in c.text]
    assert len(pieces) >= 2
    # Each piece cites row 2; the last one also holds all of row 3.
    assert [c.locator for c in pieces] == ["row 2"] * (len(pieces) - 1) + ["rows 2-3"]


# ---- Web pages and Markdown ---------------------------------------------------------------


def test_web_page_keeps_headings_lists_tables_and_drops_boilerplate():
    chunks = chunks_of("digital-id.html")
    text = "\n".join(c.text for c in chunks)
    assert "Copyright" not in text and "Contact" not in text
    assert only(chunks, "Privacy by design").kind == "list"
    table = only(chunks, "Estonia")
    assert table.kind == "table" and table.section == "Adoption by country"
    assert only(chunks, "faster adoption").section == "Adoption by country > Lessons"


def test_markdown_markup_never_reaches_the_text():
    chunks = chunks_of("gitbook-page.md")
    text = "\n".join(c.text for c in chunks)
    for markup in ("&#x20;", "&#x26;", "{%", "<", "**", "_**", "](", "description:"):
        assert markup not in text, markup
    assert "Procurement & contracts" in text


def test_gitbook_tabs_and_summaries_become_sections():
    chunks = chunks_of("gitbook-page.md")
    assert only(chunks, "help desk").section == "Why it matters > Run"
    assert only(chunks, "academy for digital officials").section == "Why it matters > Sylvania"
    table = only(chunks, "Strategy alignment")
    assert table.text.split("\n")[:2] == ["Competency | Who", "A.1. Strategy alignment | Policy makers"]


# ---- Scans --------------------------------------------------------------------------------

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract-ocr is not installed (test.sh installs it)"
)


@needs_tesseract
def test_a_page_without_text_layer_is_read_by_ocr_and_marked(tmp_path):
    doc = ingest_file(DATA / "scanned-survey.pdf", Settings(ocr_cache_dir=tmp_path))  # no reading cached
    assert doc.meta.ocr_pages == 1
    assert doc.meta.title == "Logistics Survey 2022"  # the tallest line, read as a heading
    [chunk] = chunk_document(doc, SETTINGS)
    assert chunk.ocr and chunk.page == 1 and chunk.locator == "p. 1"
    assert "efficiency of customs clearance" in chunk.text
    assert chunk.section == "Customs"  # taller than the body text: a heading


@needs_tesseract
def test_a_scan_read_again_comes_from_the_ocr_cache_and_a_changed_one_is_read(
    tmp_path, monkeypatch
):
    """A scan ingested again (into another index, after a parser upgrade) takes its text
    from the cache instead of minutes of OCR; a file whose bytes differ is read anew."""
    import pytesseract

    reads = []
    image_to_data = pytesseract.image_to_data
    monkeypatch.setattr(pytesseract, "image_to_data",
                        lambda *a, **k: reads.append(1) or image_to_data(*a, **k))
    settings = Settings(ocr_cache_dir=tmp_path / "ocr")
    first = ingest_file(DATA / "scanned-survey.pdf", settings)
    assert reads
    reads.clear()
    again = ingest_file(DATA / "scanned-survey.pdf", settings)
    assert not reads
    assert [b.text for b in again.blocks] == [b.text for b in first.blocks]
    changed = tmp_path / "scanned-survey.pdf"
    changed.write_bytes((DATA / "scanned-survey.pdf").read_bytes() + b"\n% saved again\n")
    assert [b.text for b in ingest_file(changed, settings).blocks] == [b.text for b in first.blocks]
    assert reads


def test_the_ocr_cache_keeps_to_its_size_by_dropping_the_readings_used_longest_ago(tmp_path):
    import os

    from assistant.parsers.ocr import _limit_size

    for age, name in enumerate(["used-now", "used-yesterday", "used-last-week"]):
        entry = tmp_path / name[:2] / f"{name}.json"
        entry.parent.mkdir(exist_ok=True)
        entry.write_text("x" * 400)
        os.utime(entry, (1e9 - age * 86400, 1e9 - age * 86400))
    _limit_size(tmp_path, 900)
    assert sorted(f.stem for f in tmp_path.glob("*/*.json")) == ["used-now", "used-yesterday"]
    _limit_size(tmp_path, 900)  # already within its size: nothing more goes
    assert len(list(tmp_path.glob("*/*.json"))) == 2


@needs_tesseract
def test_an_ocr_cache_of_size_zero_keeps_no_reading(tmp_path):
    ingest_file(DATA / "scanned-survey.pdf", Settings(ocr_cache_dir=tmp_path, ocr_cache_max_mb=0))
    assert not list(tmp_path.rglob("*.json"))


@needs_tesseract
def test_a_cache_that_cannot_be_written_costs_only_time(tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    settings = Settings(ocr_cache_dir=tmp_path / "a-file" / "ocr")
    doc = ingest_file(DATA / "scanned-survey.pdf", settings)
    assert doc.meta.ocr_pages == 1 and "customs clearance" in " ".join(b.text for b in doc.blocks)


def test_without_tesseract_a_scan_fails_with_how_to_install_it(monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(InputFileError) as error:
        ingest_file(DATA / "scanned-survey.pdf", SETTINGS)
    message = str(error.value)
    assert "\n" not in message and "apt-get install tesseract-ocr" in message


# ---- Languages ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "language"),
    [("maturite-fr.md", "fr"), ("reinginerie-ro.txt", "ro"), ("toolkit.docx", "en")],
)
def test_document_language_is_detected_and_copied_to_chunks(name, language):
    doc = ingest_file(DATA / name, SETTINGS)
    assert doc.meta.language == language
    assert {c.language for c in chunk_document(doc, SETTINGS)} == {language}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("compétences des fonctionnaires", "maturite-fr.md"),
        ("competences fonctionnaires", "maturite-fr.md"),  # typed without accents
        ("simplificarea procedurilor administrative", "reinginerie-ro.txt"),
        ("instituțiile publice", "reinginerie-ro.txt"),
        ("trainees mentor", "toolkit.docx"),
    ],
)
def test_bm25_finds_each_document_by_its_own_words(query, expected):
    chunks = [c for name in ("maturite-fr.md", "reinginerie-ro.txt", "toolkit.docx")
              for c in chunks_of(name)]
    hits = lexical_hits(chunks, query, 3)
    assert hits and hits[0].source == expected


@pytest.mark.parametrize("name", ["roadmap.pptx", "toolkit.docx", "scores.xlsx"])
def test_language_locator_page_and_ocr_survive_the_store_round_trip(name):
    chunk = chunks_of(name)[1]
    chunk = Chunk(**{**chunk.__dict__, "ocr": True, "language": "fr"})
    metadata = chunk.to_metadata()
    assert None not in metadata.values()  # Chroma refuses None
    back = Chunk.from_metadata(chunk.id, chunk.text, metadata)
    assert back == chunk


# ---- Titles and types ---------------------------------------------------------------------


def test_a_contents_page_never_becomes_the_title(tmp_path):
    path = write_pdf(tmp_path / "methodology.pdf", [
        [(20, "Table of contents"), (10, "1. Scope ........ 2")],
        [(20, "Open Budget Methodology"), (10, "The survey scores budget transparency.")],
    ])
    assert ingest_file(path, SETTINGS).meta.title == "Open Budget Methodology"


def test_every_advertised_suffix_has_a_parser():
    from assistant.ingest import parser_for

    for suffix in SUPPORTED_SUFFIXES:
        fmt, parse = parser_for(suffix)
        assert fmt and callable(parse)


# ---- PDF text repairs ---------------------------------------------------------------------


def test_split_glued_and_hyphenated_words_are_repaired_from_the_documents_own_words():
    from assistant.parsers.spacing import respace, word_counts

    counts = word_counts([
        "Customs data in machine readable format. The machine, the customs office, the total.",
        "In total, in the machine room, in time.",
        "Democracy and democracy. The cost of it.",
    ])
    assert respace("cus toms and tota l", counts) == "customs and total"
    assert respace("Availability inmachine readable format", counts).endswith(
        "in machine readable format"
    )
    assert respace("democ- racy and cost- benefit", counts) == "democracy and cost-benefit"
    assert respace("on line in to", counts) == "on line in to"  # common words stay apart


def test_two_column_page_reads_down_each_column():
    from assistant.parsers.pdf_columns import read_columns

    left = [f"Left column sentence number {n} goes on." for n in range(10)]
    right = [f"Right column sentence number {n} goes on." for n in range(10)]
    lines = [f"{a:<50}{b}" for a, b in zip(left, right, strict=True)]
    assert [ln.strip() for ln in read_columns(lines) if ln.strip()] == left + right


def test_a_table_is_not_mistaken_for_two_columns():
    from assistant.parsers.pdf_columns import read_columns

    lines = [f"{c:<14}{r:<12}{s:<10}{k}" for c, r, s, k in
             [("Country", "Region", "Score", "Rank")]
             + [(f"Country{n}", "Asia", f"0.{n}1", str(n)) for n in range(10)]]
    assert read_columns(lines) == lines


def test_a_table_whose_first_row_is_data_takes_its_header_from_the_lines_above():
    from assistant.parsers.pdf_layout import layout_blocks

    lines = [  # header lines of two cells each: they do not align as a table row
        "Country          Population",
        "                 (millions)       Rank",
        "Freedonia        31.6             12",
        "Sylvania         5.2              40",
        "Grand Fenwick    0.1              99",
    ]
    [table] = layout_blocks(lines, 1, {}, [])
    assert table.kind == "table"
    assert table.header == "Country | Population (millions) | Rank"
    assert table.rows[0] == "Freedonia | 31.6 | 12"


def test_a_caption_above_goes_with_its_table_and_a_broken_table_keeps_its_header():
    from assistant.parsers.pdf_layout import layout_blocks

    lines = [
        "Table 2: Survey partners by country",
        "",
        "Country          Coverage              Company               Sample",
        "Albania          National              IDRA Research         1000",
        "Algeria          National              Partner Ltd           1000",
        "                                 WJP in collaboration with local",
        "Angola           National              MSC                   1010",
        "Argentina        National              StatMark              759",
        "Australia        National              Big Picture           1067",
    ]
    [table, rest] = layout_blocks(lines, 1, {}, [])
    assert table.kind == "table"
    assert table.text.startswith("Table 2: Survey partners by country\nCountry | Coverage")
    assert table.header == "Country | Coverage | Company | Sample"
    assert table.rows[2:4] == ("Angola | National | MSC | 1010", "Argentina | National | StatMark | 759")
    assert table.header not in table.rows
    assert rest.text == "WJP in collaboration with local"


def test_a_table_continued_on_the_next_page_reuses_the_real_header_not_a_data_row():
    from assistant.parsers.pdf_layout import layout_blocks

    page_1 = [
        "State          System        Seats        Population",
        "Freedonia      Federal       120          31.6",
        "Sylvania       Unitary       80           5.2",
        "",
        "Grand Fenwick Civil Law    Unitary      12",  # a part whose columns ran together
        "Latveria       Unitary       40",
        "Genovia        Unitary       30",
    ]
    page_2 = [
        "Zembla         Federal       200          12.5",
        "Ruritania      Unitary       90           3.3",
        "Pottsylvania   Unitary       60           2.1",
    ]
    first = layout_blocks(page_1, 1, {}, [])
    [continued] = layout_blocks(page_2, 2, {}, first)
    assert continued.header == "State | System | Seats | Population"
    assert continued.rows[0] == "Zembla | Federal | 200 | 12.5"


def positioned_pdf(path, lines: list[list[tuple[float, str]]]):
    """A one-page PDF whose lines hold cells drawn at given x positions (points), 9 pt
    Helvetica, 14 pt apart: tables as a PDF lays them out, for pypdf's layout mode."""

    def escape(text: str) -> str:
        return text.replace("(", "\\(").replace(")", "\\)")

    ops = [f"BT /F1 9 Tf {x:g} {780 - 14 * n:g} Td ({escape(text)}) Tj ET"
           for n, cells in enumerate(lines) for x, text in cells]
    stream = "\n".join(ops).encode("latin-1")
    path.write_bytes(one_page_pdf(stream))
    return path


def test_two_tables_side_by_side_are_read_apart_each_under_its_own_header(tmp_path):
    """A long list set in two halves next to each other, each half repeating the header:
    every row keeps its own cells, and no row of one half joins a row of the other."""
    left = [("Freedonia", "1000", "2018"), ("Sylvania", "1043", "2017"),
            ("Grand Fenwick", "513/500", "2018/2022"), ("Latveria", "759", "2022")]
    right = [("Ruritania", "1010", "2019"), ("Zembla", "2508", "2021"),
             ("Genovia", "500", "2022")]
    header = [(40, "Country"), (150, "Sample"), (220, "Year"),
              (320, "Country"), (430, "Sample"), (500, "Year")]
    lines = [header]
    for n in range(len(left)):
        cells = [(40, left[n][0]), (150, left[n][1]), (220, left[n][2])]
        if n < len(right):
            cells += [(320, right[n][0]), (430, right[n][1]), (500, right[n][2])]
        lines.append(cells)
    doc = ingest_file(positioned_pdf(tmp_path / "halves.pdf", lines), Settings())
    tables = [b for b in doc.blocks if b.kind == "table"]
    assert [t.header for t in tables] == ["Country | Sample | Year"] * 2
    assert tables[0].rows == tuple(" | ".join(r) for r in left)
    assert tables[1].rows == tuple(" | ".join(r) for r in right)


def test_a_header_over_two_lines_names_each_column_upper_then_lower():
    from assistant.parsers.pdf_layout import layout_blocks

    lines = [  # "Population" and "Parliament seats" each span the two columns under them
        "                  Population              Parliament seats",
        "Country           Total      Urban        Upper House    Lower House",
        "Freedonia         31.6       12.0         Appointed      Elected",
        "Sylvania          5.2        2.1          None           Elected",
        "Grand Fenwick     0.1        0.1          None           Appointed",
    ]
    [table] = layout_blocks(lines, 1, {}, [])
    assert table.header == ("Country | Population: Total | Population: Urban | "
                            "Parliament seats: Upper House | Parliament seats: Lower House")
    assert table.rows[0] == "Freedonia | 31.6 | 12.0 | Appointed | Elected"


def test_a_table_printed_without_a_header_row_has_none_and_every_row_is_quotable(tmp_path):
    """No data row is promoted to the header: the table says it has none, its chunk is
    "rows", and each row is quoted as a row (none stands over the others as its header)."""
    from assistant.evidence import units

    rows = [("Net labor cost", "0", "146,169"), ("Net cost of resources", "0", "256,401"),
            ("Total benefits", "0", "402,569")]
    lines = [[(40, "The example below sets out the benefits.")], [],
             *[[(40, a), (200, b), (300, c)] for a, b, c in rows]]
    doc = ingest_file(positioned_pdf(tmp_path / "rows.pdf", lines), Settings())
    [table] = [b for b in doc.blocks if b.kind == "table"]
    assert table.header is None
    assert table.rows == tuple(" | ".join(r) for r in rows)
    [chunk] = [c for c in chunk_document(doc, Settings()) if c.kind == "rows"]
    quoted = [u for u in units(chunk) if u.kind == "row"]
    assert [u.quote for u in quoted] == list(table.rows)
    assert all(u.header is None for u in quoted)


def test_a_spread_of_two_pages_each_in_two_columns_reads_down_each_column():
    from assistant.parsers.pdf_columns import read_columns

    def page(name: str) -> list[str]:
        left = [f"{name} left sentence number {n} goes on." for n in range(10)]
        right = ([f"{n}.    {name} right item {n} runs on here." for n in (1, 2)]
                 + [f"{name} right sentence number {n} goes on." for n in range(8)])
        return [f"{a:<45}{b}" for a, b in zip(left, right, strict=True)]

    lines = [f"{a:<95}{b}" for a, b in zip(page("A"), page("B"), strict=True)]
    read = [ln.strip() for ln in read_columns(lines) if ln.strip()]
    assert read[0].startswith("A left sentence number 0")
    assert read[10].startswith("1.") and "A right item 1" in read[10]
    assert read[20].startswith("B left sentence number 0")


def test_a_quoted_sheet_row_is_cited_by_its_own_row():
    from assistant.locators import quote_locator

    table = only(chunks_of("scores.xlsx"), "Freedonia | Composite")
    quote = "Country: Sylvania | Composite: 0.5732 | Rank: 30"
    assert quote_locator(table, quote) == "sheet 1 'Scores', row 5"
    assert quote_locator(table, "Country | Composite | Rank") == "sheet 1 'Scores', rows 4-6"


def test_pdf_words_are_spaced_by_glyph_positions_not_by_a_character_grid(tmp_path):
    """A justified line drawn in pieces, each placed by its own text matrix: a character
    spacing set inside one q/Q pair must not leak into later lines (pypdf keeps it), and a
    letter positioned on its own joins its word ("th" + "e"), two words a space apart stay
    two words."""

    # Helvetica at 11 pt: "beginning of th" is 6560/1000 em wide, so "e" starts at 56 + 72.16.
    stream = (
        b"q BT /F1 11 Tf 1 0 0 1 56 760 Tm 0.9 Tc (Spaced heading) Tj ET Q\n"
        b"q BT /F1 11 Tf 1 0 0 1 56 700 Tm (beginning of th) Tj ET Q\n"
        b"q BT /F1 11 Tf 1 0 0 1 128.16 700 Tm (e budget year) Tj ET Q\n"
        b"q BT /F1 11 Tf 1 0 0 1 56 680 Tm (the budget) Tj ET Q\n"
        b"q BT /F1 11 Tf 1 0 0 1 111.1 680 Tm (year ends) Tj ET Q\n"
    )
    pdf = one_page_pdf(stream)
    path = tmp_path / "justified.pdf"
    path.write_bytes(pdf)
    text = " ".join(b.text for b in ingest_file(path, Settings()).blocks)
    assert "beginning of the budget year" in text
    assert "the budget year ends" in text


def test_the_spacing_measure_counts_glued_and_split_words_but_not_addresses_or_names():
    from assistant.evals.spacing import spacing_errors

    errors = spacing_errors(
        ["Availabilityof data inmachine readable format", "digital tool s t o improve",
         "see www.internationalbudget.org and Saisana, or go on line in T a j i k i s t a n"],
        "en",
    )
    assert sorted(errors.glued) == ["Availabilityof", "inmachine"]
    assert errors.split == ["tool s", "t o", *["T a j i k i s t a n"] * 9]


# ---- Provenance end to end ------------------------------------------------------------------


@pytest.mark.slow
def test_questions_on_word_slides_and_sheets_cite_their_locator_and_no_page_where_none(tmp_path):
    """`assistant ask --json` on a Word toolkit, a deck and a workbook: each citation names
    where to look; `page` is the slide number for the deck and null for Word and Excel."""
    import json

    from click.testing import CliRunner

    from assistant.cli import main

    folder = tmp_path / "docs"
    folder.mkdir()
    for name in ("toolkit.docx", "roadmap.pptx", "scores.xlsx"):
        shutil.copy(DATA / name, folder / name)
    index = str(tmp_path / "index")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(folder), "--index", index]).exit_code == 0
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join(json.dumps(q) for q in [
        {"id": "docx", "question": "How many trainees are in the Beginners track?"},
        {"id": "pptx", "question": "When does the registry pilot go live?"},
        {"id": "xlsx", "question": "What is the composite score of Sylvania?"},
    ]))
    result = runner.invoke(main, ["ask", "--questions", str(questions), "--index", index, "--json"])
    assert result.exit_code == 0, result.output
    answers = {a["id"]: a for a in map(json.loads, result.stdout.splitlines())}
    cited = {k: (a["citations"][0]["source"], a["citations"][0]["page"],
                 a["citations"][0]["locator"]) for k, a in answers.items()}
    assert "1200" in answers["docx"]["answer"] and "0.5732" in answers["xlsx"]["answer"]
    assert "Q3 2024" in answers["pptx"]["answer"]
    assert cited == {
        "docx": ("toolkit.docx", None, "¶ 10, table"),
        "pptx": ("roadmap.pptx", 3, "slide 3"),
        "xlsx": ("scores.xlsx", None, "sheet 1 'Scores', row 5"),
    }
