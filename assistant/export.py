"""Export an answer (a country brief) to Markdown or Word (.docx with python-docx)."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.types import Answer

_BOLD = re.compile(r"\*\*(.+?)\*\*")


def brief_to_markdown(answer: Answer) -> str:
    """The brief as written, with each source's quoted text appended for traceability."""
    quotes = "\n".join(f'> [{c.n}] "{c.text}"' for c in answer.citations)
    return f"{answer.answer}\n\n## Quoted evidence\n{quotes}\n" if quotes else answer.answer


def brief_to_docx(answer: Answer, path: Path) -> Path:
    """Write the brief's Markdown (headings, bullets, bold) and its quotes to a .docx file."""
    from docx import Document

    doc = Document()
    for line in answer.answer.splitlines():
        if not line.strip():
            continue
        if line.startswith("# "):
            doc.add_heading(line[2:].strip(), level=0)
        elif line.startswith("## "):
            doc.add_heading(line[3:].strip(), level=1)
        elif line.startswith("- "):
            _add_runs(doc.add_paragraph(style="List Bullet"), line[2:])
        else:
            _add_runs(doc.add_paragraph(), line)
    if answer.citations:
        doc.add_heading("Quoted evidence", level=1)
        for c in answer.citations:
            paragraph = doc.add_paragraph(style="List Number")
            paragraph.add_run(f"[{c.n}] {c.document}, {c.where}: ").bold = True
            paragraph.add_run(f"\u201c{c.text}\u201d")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _add_runs(paragraph, text: str) -> None:  # noqa: ANN001 - docx paragraph
    """Markdown **bold** spans become bold runs; everything else is plain text."""
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position : match.start()])
        paragraph.add_run(match.group(1)).bold = True
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:])
