"""Chunking: the structure of a page survives as quotable passages with exact provenance.

Parsing needs no model, so these tests run the real ingest and chunker on the bundled PDFs
and on small Markdown / text files written here.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import D8_PDF, SLIDES_PDF

from assistant.chunking import chunk_document
from assistant.evidence import units
from assistant.ingest import ingest_file
from assistant.settings import Settings
from assistant.types import Block, Chunk, DocumentMeta, ParsedDocument

EGDI_HEADER = "Country | Region | Sub-Region | EGDI Group | Score | Global Rank"
LOSI_HEADER = "Country | City | LOSI Group | Score | Global Rank"


def chunks_of(path: Path, **overrides: object) -> list[Chunk]:
    settings = Settings(**overrides)  # type: ignore[arg-type]
    return chunk_document(ingest_file(path, settings), settings)


@pytest.fixture(scope="module")
def d8_chunks() -> list[Chunk]:
    return chunks_of(D8_PDF)


@pytest.fixture(scope="module")
def slide_chunks() -> list[Chunk]:
    return chunks_of(SLIDES_PDF)


def the_chunk(chunks: list[Chunk], text: str) -> Chunk:
    found = [c for c in chunks if text in c.text]
    assert len(found) == 1, f"{len(found)} chunks contain {text!r}"
    return found[0]


# ---- tables ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "header"),
    [
        ("Malaysia | Asia | South-Eastern Asia | Very High | 0.7892 | 47", EGDI_HEADER),
        ("Indonesia | Asia | South-Eastern Asia | High | 0.6612 | 88", EGDI_HEADER),
        ("Turkey | Istanbul | Very High | 0.7625 | 12", LOSI_HEADER),
    ],
)
def test_table_row_is_read_under_its_column_header(d8_chunks, row, header):
    chunk = the_chunk(d8_chunks, row)
    lines = chunk.text.split("\n")
    assert chunk.kind == "table"
    assert chunk.page == 3
    assert header in lines
    assert lines.index(header) < lines.index(row)


def test_table_caption_travels_with_the_table(d8_chunks):
    chunk = the_chunk(d8_chunks, "Malaysia | Asia | South-Eastern Asia")
    assert chunk.text.startswith("Table 1 D-8 Members in the United Nations E-Government Survey")


def test_long_table_is_split_by_rows_and_each_part_repeats_the_header(tmp_path):
    rows = [f"| Country {i} | Region {i} | 0.{5000 + i} | {i} |" for i in range(40)]
    doc = tmp_path / "table.md"
    doc.write_text(
        "# Scores\n\n| Country | Region | Score | Rank |\n|---|---|---|---|\n" + "\n".join(rows)
    )
    parts = [c for c in chunks_of(doc, chunk_max_chars=400) if c.kind == "table"]
    assert len(parts) > 1
    for part in parts:
        assert part.text.startswith("Country | Region | Score | Rank\n")
        assert len(part.text) <= 400
    body_rows = [ln for p in parts for ln in p.text.split("\n")[1:]]
    assert body_rows == [r.strip("| ").replace(" | ", " | ") for r in rows]


# ---- headings and section paths --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "section", "page"),
    [
        ("Egypt's challenges were", "COUNTRY PRESENTATIONS > Egypt > Challenges", 7),
        (
            "Malaysia is mainly in need of capacities",
            "COUNTRY PRESENTATIONS > Malaysia > Required support",
            10,
        ),
        ("Nigeria's digital transformation framework", "COUNTRY PRESENTATIONS > Nigeria", 10),
        (
            "Generally, there is a lack of access to and affordability",
            "CONCLUSIONS AND NEXT STEPS > Challenges",
            15,
        ),
    ],
)
def test_headings_give_each_chunk_its_section_path(d8_chunks, text, section, page):
    chunk = the_chunk(d8_chunks, text)
    assert chunk.section == section
    assert chunk.page == page


def test_a_chunk_never_spans_two_sections(d8_chunks):
    """The Egypt challenges chunk must not run on into Egypt's opportunities."""
    chunk = the_chunk(d8_chunks, "Egypt's challenges were")
    assert "Egypt's main opportunities" not in chunk.text
    assert the_chunk(d8_chunks, "Egypt's main opportunities").section.endswith(
        "Egypt > Opportunities"
    )


def test_bold_lead_in_sentence_is_not_a_section(d8_chunks):
    chunk = the_chunk(d8_chunks, "- Changing Mindsets in Public Institutions to Implement")
    assert chunk.section == "THE WAY FORWARD > Curriculum on Governance for the SDGs"
    assert not any("covers the following topics" in (c.section or "") for c in d8_chunks)


def test_cover_title_is_metadata_not_a_section(d8_chunks):
    assert not any(c.section and "New Approaches to E-Government" in c.section for c in d8_chunks)


# ---- slides ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "page", "section"),
    [
        ("Afghanistan rank 184th out of 190", 55, "Cooperation with Government of Afghanistan"),
        (
            "world average of 0.4877 as compared to 0.4406 in 2010",
            20,
            "Global Trends in e-Government 2012",
        ),
        (
            "Kazakhstan is now the sub-regional leader",
            22,
            "Major findings of 2012 Survey: Kazakhstan",
        ),
    ],
)
def test_slide_chunks_carry_their_slide_page_and_title(slide_chunks, text, page, section):
    chunk = the_chunk(slide_chunks, text)
    assert chunk.page == page
    assert chunk.section == section
    assert chunk.doc_type == "presentation"


def test_slides_are_never_merged_across_pages(slide_chunks):
    afghanistan = [
        c for c in slide_chunks if c.section == "Cooperation with Government of Afghanistan"
    ]
    assert {c.page for c in afghanistan} == {55, 56, 57}
    assert not any("Education challenges" in c.text for c in afghanistan if c.page != 57)


@pytest.mark.parametrize(
    ("page", "title"),
    [
        (37, "Three Main Criteria are Same"),
        (38, "Open Gov't Data Newly Included in Online Service Index"),
    ],
)
def test_a_slide_that_is_only_a_title_is_still_quotable(slide_chunks, page, title):
    assert [c.text for c in slide_chunks if c.page == page] == [title]


def test_large_font_sentences_on_a_slide_are_text_not_titles(slide_chunks):
    chunk = the_chunk(slide_chunks, "Government websites have changed the way to communicate")
    assert chunk.page == 28
    assert chunk.section == "Four Stages of Online Service Development"


def test_plain_slide_text_is_marked_as_slide(slide_chunks):
    kinds = {c.kind for c in slide_chunks}
    assert "slide" in kinds
    assert "text" not in kinds  # a presentation's prose chunks are slides


# ---- running headers and footers -------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "running_header"),
    [
        (
            "d8_chunks",
            "New Approaches to E-Government for SDG Implementation - Capacity Building Workshop, 15-16 March 2022",
        ),
        ("slide_chunks", "E-Governance: emerging issues in development and education"),
    ],
)
def test_running_headers_and_page_numbers_are_stripped(request, fixture, running_header):
    chunks = request.getfixturevalue(fixture)
    for chunk in chunks:
        lines = [" ".join(ln.split()) for ln in chunk.text.split("\n")]
        assert running_header not in lines, chunk.text
        assert not any(re.fullmatch(r"Page \d+", ln) for ln in lines), chunk.text
        assert not re.search(r"\bPage \d+\b", chunk.text), chunk.text


def test_headers_repeated_on_most_pages_of_a_generated_pdf_are_dropped(tmp_path, make_pdf):
    countries = ["Malaysia", "Egypt", "Nigeria", "Turkey"]
    pages = [
        [
            (9, f"Digital Government Review 2023   Page {n}"),
            (16, f"Chapter {n}: {country}"),
            (10, f"{country} reported progress on online services in {2018 + n}."),
            (10, f"Item {n} of the national plan: broadband for every district of {country}."),
            (10, f"{country} asked for support on data governance."),
            (9, f"Review of {len(countries)} countries - {n} / {len(countries)}"),
        ]
        for n, country in enumerate(countries, start=1)
    ]
    cover = [(24, "Annual Review of Digital Government")]
    chunks = chunks_of(make_pdf(tmp_path / "review.pdf", [cover, *pages]))
    assert chunks[0].document == "Annual Review of Digital Government"  # first heading
    assert [c.page for c in chunks] == [2, 3, 4, 5]
    assert [c.section for c in chunks] == [f"Chapter {n}: {c}" for n, c in enumerate(countries, 1)]
    for n, (chunk, country) in enumerate(zip(chunks, countries, strict=True), start=1):
        assert "Digital Government Review" not in chunk.text
        assert "Review of 4 countries" not in chunk.text
        # Body lines that differ from page to page only by a number are kept.
        assert f"Item {n} of the national plan" in chunk.text
        assert chunk.text.endswith(f"{country} asked for support on data governance.")


def test_a_note_repeated_at_the_foot_of_every_page_is_kept_once(tmp_path, make_pdf):
    # A footnote or "NB." line printed on every page is no running head: it says
    # something (the date the figures are as of), so it stays where it is first printed.
    pages = [
        [
            (16, f"Chapter {n}: {country}"),
            (10, f"{country} reported progress on online services in {2018 + n}."),
            (10, f"{country} asked for support on data governance."),
            (8, "(3) Figures exclude the overseas territories of the state."),
            (8, "NB. Data as of 1 January 2018."),
        ]
        for n, country in enumerate(["Malaysia", "Egypt", "Nigeria", "Turkey"], start=1)
    ]
    chunks = chunks_of(make_pdf(tmp_path / "notes.pdf", [[(24, "Annual Review")], *pages]))
    text = [c.text for c in chunks]
    assert sum("NB. Data as of 1 January 2018." in t for t in text) == 1, text
    assert sum("(3) Figures exclude the overseas territories" in t for t in text) == 1, text
    assert "Data as of 1 January 2018" in chunks[0].text  # where first printed


# ---- lists -----------------------------------------------------------------------------


def test_pdf_list_stays_with_its_lead_in_sentence(d8_chunks):
    chunk = the_chunk(d8_chunks, "following three guiding questions:")
    assert chunk.kind == "list"
    lead, first_item = chunk.text.split("\n")[:2]
    assert lead.endswith("the following three guiding questions:")
    assert first_item.startswith("- What are some of the challenges")


@pytest.mark.parametrize("fixture", ["d8_chunks", "slide_chunks"])
def test_list_items_carry_one_marker_not_the_pdf_bullet_glyphs(request, fixture):
    items = [
        ln
        for c in request.getfixturevalue(fixture)
        for ln in c.text.split("\n")
        if ln.startswith("- ")
    ]
    assert len(items) > 20
    assert not [ln for ln in items if re.match(r"- [\u25b6\u2756\u2022>\x7f\ue000-\uf8ff]", ln)]


def test_long_list_is_split_by_items_and_each_part_repeats_the_lead_in(tmp_path):
    items = "\n".join(
        f"- Item {i}: train civil servants in digital skill number {i}." for i in range(30)
    )
    doc = tmp_path / "plan.md"
    doc.write_text(f"# Plan\n\nThe ministry will do the following:\n{items}\n")
    parts = chunks_of(doc, chunk_max_chars=300)
    assert len(parts) > 1
    for part in parts:
        assert part.kind == "list"
        assert part.text.startswith("The ministry will do the following:\n- Item ")
        assert len(part.text) <= 300
    assert sum(p.text.count("\n- Item ") for p in parts) == 30


# ---- sizes -----------------------------------------------------------------------------


def test_prose_chunks_fit_the_size_limits(d8_chunks):
    limit = Settings().chunk_max_chars
    prose = [c for c in d8_chunks if c.kind != "table"]
    assert all(len(c.text) <= limit for c in prose)
    in_range = [c for c in d8_chunks if 300 <= len(c.text) <= limit]
    assert len(in_range) >= 0.7 * len(d8_chunks)


def test_long_paragraph_is_split_at_sentences_with_one_sentence_overlap(tmp_path):
    sentences = [
        f"Sentence {i} explains one reform of the public service in detail." for i in range(20)
    ]
    doc = tmp_path / "long.txt"
    doc.write_text(" ".join(sentences))
    parts = chunks_of(doc, chunk_max_chars=300)
    assert len(parts) > 2
    for part in parts:
        assert len(part.text) <= 300
        assert part.text.startswith("Sentence ") and part.text.endswith("detail.")
    for before, after in itertools.pairwise(parts):
        last_sentence = before.text.rsplit("Sentence ", 1)[1]
        assert after.text.startswith("Sentence " + last_sentence)


# ---- chunk ids -------------------------------------------------------------------------

_IDS_SCRIPT = """
import json, sys
from pathlib import Path
from assistant.chunking import chunk_document
from assistant.ingest import ingest_file
from assistant.settings import Settings
s = Settings()
print(json.dumps([c.id for c in chunk_document(ingest_file(Path(sys.argv[1]), s), s)]))
"""


def test_chunk_ids_are_the_same_in_another_process(d8_chunks):
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", _IDS_SCRIPT, str(D8_PDF)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    )
    assert json.loads(out.stdout) == [c.id for c in d8_chunks]


def test_chunk_ids_are_unique_and_follow_the_content(tmp_path):
    doc = tmp_path / "note.md"
    doc.write_text(
        "# Note\n\n## Egypt\n\nEgypt digitised land registration.\n\n## Malaysia\n\nMalaysia runs MyDigital.\n"
    )
    before = chunks_of(doc)
    doc.write_text(doc.read_text().replace("MyDigital", "MyDigital and 4IR"))
    after = chunks_of(doc)
    assert len({c.id for c in before}) == len(before)
    assert before[0].id == after[0].id  # Egypt unchanged
    assert before[1].id != after[1].id  # Malaysia edited


# ---- Markdown and plain text -----------------------------------------------------------

MARKDOWN = """# Country Notes 2023

## Malaysia

### Challenges

Malaysia faces an unbalanced supply and demand of digitalization experts.

The government will act on the following:
- upskill public servants
- reskill ICT staff
  across all agencies
- expand digital infrastructure

## Scores

| Country | Score | Rank |
|---------|------:|-----:|
| Malaysia | 0.7892 | 47 |
| Egypt | 0.5527 | 111 |

Setext Heading
--------------

Text under the setext heading.
"""


@pytest.fixture
def markdown_chunks(tmp_path) -> list[Chunk]:
    doc = tmp_path / "notes.md"
    doc.write_text(MARKDOWN)
    return chunks_of(doc)


def test_markdown_headings_build_section_paths_and_title(markdown_chunks):
    chunk = the_chunk(markdown_chunks, "unbalanced supply and demand")
    assert chunk.section == "Malaysia > Challenges"
    assert chunk.document == "Country Notes 2023"
    assert chunk.year == 2023
    assert chunk.countries == ("Malaysia",)
    assert the_chunk(markdown_chunks, "Text under the setext").section == "Setext Heading"


def test_markdown_list_keeps_lead_in_and_wrapped_items(markdown_chunks):
    chunk = the_chunk(markdown_chunks, "upskill public servants")
    assert "The government will act on the following:\n- upskill public servants\n" in chunk.text
    assert "- reskill ICT staff across all agencies" in chunk.text


def test_markdown_pipe_table_becomes_header_and_rows(markdown_chunks):
    chunk = the_chunk(markdown_chunks, "Malaysia | 0.7892 | 47")
    assert chunk.kind == "table"
    assert chunk.section == "Scores"
    assert chunk.text == "Country | Score | Rank\nMalaysia | 0.7892 | 47\nEgypt | 0.5527 | 111"


def test_form_feeds_separate_pages_in_text_files(tmp_path):
    doc = tmp_path / "minutes.txt"
    doc.write_text("Opening remarks on e-participation.\fSession two on open data.\f\fClosing.")
    chunks = chunks_of(doc)
    assert [(c.page, c.text) for c in chunks] == [
        (1, "Opening remarks on e-participation."),
        (2, "Session two on open data."),
        (4, "Closing."),
    ]
    assert ingest_file(doc, Settings()).meta.pages == 4


def test_plain_text_does_not_treat_hash_lines_as_headings(tmp_path):
    doc = tmp_path / "plain.txt"
    doc.write_text("# not a heading in a .txt file\n\nBody.\n")
    (chunk,) = chunks_of(doc)
    assert chunk.section is None
    assert chunk.text.startswith("# not a heading")


def test_a_row_too_long_for_a_chunk_is_cut_between_cells_naming_its_row() -> None:
    from assistant.chunking import _cut_row

    row = ("Indicator: OI 3.1 | Activity ID: 3.1.2 | Description: " + "training " * 20
           + "| Lead Organization: DIAL | Timeline: TBD")
    pieces = _cut_row(row, 250)
    assert len(pieces) == 2 and all(len(p) <= 250 for p in pieces)
    assert all(p.startswith("Indicator: OI 3.1 | Activity ID: 3.1.2 | ") for p in pieces)
    assert pieces[1].endswith("Lead Organization: DIAL | Timeline: TBD")



def test_a_cut_row_is_named_past_a_long_cell_and_a_long_cell_is_cut_between_sentences() -> None:
    from assistant.chunking import _cut_row

    # A request form's row: the long "Service ID [...]" cell does not end the row's name, so
    # the piece holding the languages still says which service they are of.
    row = ("S.no: 1 | Service ID [If an internal ID is not available: Example Service 1 | "
           "Service Name: Driving licence | Description: " + "A civilian asks for it. " * 12
           + "| Languages: Hindi, French")
    pieces = _cut_row(row, 200)
    assert all(len(p) <= 200 for p in pieces)
    assert pieces[0].startswith("S.no: 1 | Service ID [If an internal ID")  # as printed
    assert all(p.startswith("S.no: 1 | Service Name: Driving licence | ") for p in pieces[1:])
    assert pieces[-1].endswith("Languages: Hindi, French")
    # The description is cut between its sentences, each part under its column's name.
    described = [p.split(" | ")[2] for p in pieces[1:-1]]
    assert described and all(d.startswith("Description: A civilian") and d.endswith("it.")
                             for d in described)


def test_a_numbered_caption_ending_a_chunk_goes_with_what_it_captions() -> None:
    paragraph = "The team needs relevant and diverse skills, knowledge and competences. " * 11
    skills = "- " + "\n- ".join(["ICT knowledge", "Human resources work experience",
                                 "Finance work experience"] * 12)
    blocks = (Block("paragraph", f"{paragraph}\nBox 1. Skills needed by the team", 11),
              Block("list", skills, 11))
    meta = DocumentMeta("method.pdf", "Method", "report", 2020, None, "sha", 11)
    chunks = chunk_document(ParsedDocument(meta, blocks), Settings())
    box = next(c for c in chunks if "ICT knowledge" in c.text)
    assert box.text.startswith("Box 1. Skills needed by the team\n- ICT knowledge")
    assert not any(c.text.endswith("Box 1. Skills needed by the team") for c in chunks)


# ---- a title above a table without column names ----------------------------------------

STEP_ROWS = ("I | Step 1: | Identify the problem", "I | Step 2: | Form a commission",
             "II | Step 3: | Review the results")


def _steps_document(above: Block, header: str | None = None) -> ParsedDocument:
    rows = STEP_ROWS[1:] if header else STEP_ROWS
    table = Block("table", "\n".join(filter(None, (header, *rows))), 3, header=header, rows=rows)
    meta = DocumentMeta("deck.pdf", "Deck", "presentation", 2020, None, "sha", 4)
    return ParsedDocument(meta, (Block("heading", "Technical Aspects", 3, level=1), above, table))


def test_title_line_above_a_table_without_column_names_is_its_caption():
    title = Block("list", "- 3 Steps for Successful Programme Fulfillment", 3)
    chunks = chunk_document(_steps_document(title), Settings())
    # The title is not a passage of its own (it was the answer to "list the steps ...").
    assert [c.kind for c in chunks] == ["rows"]
    found = units(chunks[0])
    assert [u.kind for u in found] == ["caption", "row", "row", "row"]
    assert {u.caption for u in found} == {"3 Steps for Successful Programme Fulfillment"}
    assert [u.text for u in found[1:]] == list(STEP_ROWS)


@pytest.mark.parametrize("above", [
    Block("paragraph", "The commission then reviewed what each step costs.", 3),  # a sentence
    Block("paragraph", "Steps agreed\nby the board in two meetings", 3),  # two lines
])
def test_a_sentence_above_a_table_without_column_names_stays_text(above):
    chunks = chunk_document(_steps_document(above), Settings())
    assert [c.kind for c in chunks] == ["slide", "rows"]
    assert all(u.kind == "row" for u in units(chunks[1]))


def test_a_table_with_column_names_keeps_the_title_as_text():
    title = Block("paragraph", "Programme Steps", 3)
    chunks = chunk_document(_steps_document(title, header=STEP_ROWS[0]), Settings())
    assert [c.kind for c in chunks] == ["slide", "table"]


# ---- numbered headings ------------------------------------------------------------------

def _sections(source: str, headings: list[tuple[str, int]]) -> list[str | None]:
    """The section path of a paragraph under each heading, in order."""
    blocks = [b for i, (text, level) in enumerate(headings)
              for b in (Block("heading", text, i + 1, level=level),
                        Block("paragraph", f"Body text number {i} of the report.", i + 1))]
    meta = DocumentMeta(source, "Method", "report", 2020, None, "sha", len(blocks))
    chunks = chunk_document(ParsedDocument(meta, tuple(blocks)), Settings())
    return [next(c.section for c in chunks if f"number {i} " in c.text)
            for i in range(len(headings))]


def test_a_pdf_heading_that_continues_the_numbering_is_a_sibling_whatever_its_font():
    # Fonts vary and a line in capitals read as a chapter sits between the chapters.
    headings = [("5 Performing the work", 24), ("ELIMINATE", 10), ("7 Validate the map", 22),
                ("8 Conditions for implementation", 27), ("Action plan", 33),
                ("9 Piloting the service", 23), ("9.1 Choosing a site", 30),
                ("Cost", 33), ("9.2 Running the pilot", 29)]
    assert _sections("method.pdf", headings) == [
        "5 Performing the work", "5 Performing the work > ELIMINATE", "7 Validate the map",
        "8 Conditions for implementation", "8 Conditions for implementation > Action plan",
        "9 Piloting the service", "9 Piloting the service > 9.1 Choosing a site",
        "9 Piloting the service > 9.1 Choosing a site > Cost",
        "9 Piloting the service > 9.2 Running the pilot"]


def test_numbers_do_not_nest_headings_where_the_format_gives_levels_or_numbers_jump():
    # Markdown states its levels; "5 levels of maturity" is a count, not chapter 5.
    markdown = [("3 Scope", 2), ("Private sector", 2), ("5 levels of maturity", 3)]
    assert _sections("page.md", markdown)[-1] == "Private sector > 5 levels of maturity"
    # In a PDF a number far past the last one ("2020 ...", "40 ...") continues nothing.
    pdf = [("3 Scope", 20), ("40 countries surveyed", 30)]
    assert _sections("report.pdf", pdf)[-1] == "3 Scope > 40 countries surveyed"


def test_among_numbered_pdf_chapters_an_unnumbered_heading_is_a_part_until_the_appendix():
    # A strategy's name in bold capitals ("ELIMINATE") is read as the top style, but a
    # numbered chapter is only ended by its sequel or by the back matter, which the
    # chapters end whatever its font; headings in an appendix nest in it.
    headings = [("4 Mapping the service", 24), ("PETITIONS AND COMPLAINTS", 10),
                ("Administrative burden", 29), ("Appendix no. 1. The infrastructure", 32),
                ("Appendix no. 2. Identification of services", 26), ("Inventory", 29),
                ("Service costs", 29), ("References", 33)]
    assert _sections("method.pdf", headings) == [
        "4 Mapping the service", "4 Mapping the service > PETITIONS AND COMPLAINTS",
        "4 Mapping the service > PETITIONS AND COMPLAINTS > Administrative burden",
        "Appendix no. 1. The infrastructure", "Appendix no. 2. Identification of services",
        "Appendix no. 2. Identification of services > Inventory",
        "Appendix no. 2. Identification of services > Service costs", "References"]
    # Without numbered chapters, fonts alone decide, as before.
    plain = [("SESSION ONE", 10), ("Open discussion", 22), ("SESSION TWO", 10)]
    assert _sections("report.pdf", plain) == [
        "SESSION ONE", "SESSION ONE > Open discussion", "SESSION TWO"]
