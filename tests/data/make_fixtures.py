"""Writes the small Office, web and scan fixtures of tests/data (committed; rerun to change).

    python tests/data/make_fixtures.py

Figures and names are invented; each file holds just enough structure for one behaviour.
"""

from __future__ import annotations

import io
from pathlib import Path

HERE = Path(__file__).parent


def word_toolkit(path: Path) -> None:
    """Title, two heading levels, a lead-in with its list, a table with a repeated header
    row, a text box and a footnote."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import parse_xml

    doc = docx.Document()
    doc.core_properties.title = "Digital Skills Toolkit"
    doc.add_paragraph("Digital Skills Toolkit", style="Title")
    doc.add_heading("Curriculum", level=1)
    doc.add_paragraph("Freedonia trains civil servants in three tracks every year.")
    doc.add_heading("Modules", level=2)
    doc.add_paragraph("The curriculum covers the following modules:")
    for item in ("Service design for online forms", "Data protection basics", "Cloud procurement"):
        doc.add_paragraph(item, style="List Bullet")
    doc.add_heading("Budget", level=2)
    table = doc.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("Track", "Trainees", "Cost (EUR)"),
                                       ("Beginners", "1200", "48000"),
                                       ("Managers", "85", "17000")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    table.rows[0]._tr.get_or_add_trPr().append(
        parse_xml('<w:tblHeader xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
    )
    box = doc.add_paragraph("See the box:")
    box._p.append(parse_xml(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        "<w:p><w:r><w:t>Tip: pair every trainee with a mentor from another ministry.</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    ))
    footnotes = (
        b'<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        b'<w:footnote w:id="1"><w:p><w:r><w:t>Costs are for the 2024 budget year.</w:t></w:r></w:p>'
        b"</w:footnote></w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        footnotes,
        doc.part.package,
    )
    doc.part.relate_to(part, RT.FOOTNOTES)
    doc.save(path)


def powerpoint_deck(path: Path) -> None:
    """A title slide; a slide with bullets under a lead-in, and speaker notes; a table
    slide; a slide without a title."""
    import pptx
    from pptx.util import Inches

    deck = pptx.Presentation()
    deck.core_properties.title = "Freedonia e-Services Roadmap"
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    slide.shapes.title.text = "Freedonia e-Services Roadmap"
    slide.placeholders[1].text = "Workshop, March 2024"

    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Action areas"
    body = slide.placeholders[1].text_frame
    body.text = "The project works in three areas:"
    for text in ("Strategy and roadmap", "Pilot of the business registry", "Training of officials"):
        paragraph = body.add_paragraph()
        paragraph.text = text
        paragraph.level = 1
    slide.notes_slide.notes_text_frame.text = "Stress that the registry pilot starts in June."

    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Milestones"
    shape = slide.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(6), Inches(2))
    for r, cells in enumerate([("Milestone", "Quarter"), ("Registry pilot live", "Q3 2024"),
                               ("First 500 officials trained", "Q1 2025")]):
        for c, text in enumerate(cells):
            shape.table.cell(r, c).text = text

    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1))
    box.text_frame.text = "Contact the programme office for the full workplan."
    deck.save(path)


def excel_scores(path: Path) -> None:
    """A sheet with a title row above its header, a second sheet, a hidden sheet."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Scores"
    sheet.append(["Online service readiness, 2024"])
    sheet.append([])
    sheet.append(["Country", "Composite", "Rank"])
    for row in (["Freedonia", 0.61, 12], ["Sylvania", 0.5732, 30], ["Grand Fenwick", 0.4, 51]):
        sheet.append(row)
    notes = book.create_sheet("Sources")
    notes.append(["Indicator", "Publisher"])
    notes.append(["Composite", "Freedonia Statistics Office"])
    notes.append(["Rank", "Computed from the composite"])
    hidden = book.create_sheet("Scratch")
    hidden.append(["secret draft", "do not index"])
    hidden.sheet_state = "hidden"
    book.save(path)


def scanned_pdf(path: Path) -> None:
    """One page that is only an image of printed text (no text layer): a title and a
    section heading in larger type, then body text."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    draw = ImageDraw.Draw(image)
    lines = [(72, "Logistics Survey 2022"), (54, "Customs"),
             (36, "Rate the efficiency of customs clearance"),
             (36, "in the countries listed below.")]
    y = 160
    for size, line in lines:
        draw.text((120, y), line, fill=0, font=ImageFont.load_default(size=size))
        y += int(size * 1.8)
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=150)
    path.write_bytes(buffer.getvalue())


if __name__ == "__main__":
    word_toolkit(HERE / "toolkit.docx")
    powerpoint_deck(HERE / "roadmap.pptx")
    excel_scores(HERE / "scores.xlsx")
    scanned_pdf(HERE / "scanned-survey.pdf")
