"""Export answers (a country brief, or a whole conversation) to Markdown or Word (.docx).

Every export carries a title, the date, the question(s) and a sources section with each
cited passage quoted, so a pasted or forwarded copy can still be checked. In Word the
citation numbers stay as written ("[3] ..."): no automatic list numbering, which would
print a second number in front of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from assistant.types import Answer, Citation

AUTHOR = "Policy Assistant"
CONVERSATION_TITLE = "Policy Assistant: conversation"
STOPPED = "stopped"  # the extras key of a stopped answer
STOPPED_NOTE = "(stopped)"
STOPPED_EMPTY_NOTE = "(stopped before any text was shown)"
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}")


def stop_note(answer: Answer) -> str:
    """"(stopped)" for an answer whose writing was stopped in the UI (``extras["stopped"]``:
    its text is what had been shown), else ""."""
    if not answer.extras.get(STOPPED):
        return ""
    return STOPPED_NOTE if answer.answer.strip() else STOPPED_EMPTY_NOTE


def _today(today: date | None) -> str:
    day = today or date.today()
    return f"{day.day} {day:%B %Y}"


def _quote_line(c: Citation) -> str:
    return f"[{c.n}] {c.document} ({c.source}), {c.where}: \u201c{c.text}\u201d"


def _title_and_body(answer: Answer, fallback: str) -> tuple[str, str]:
    """A brief starts with its own '# Title' line; other answers get ``fallback``."""
    first, _, rest = answer.answer.partition("\n")
    if first.startswith("# "):
        return first[2:].strip(), rest.strip("\n")
    return fallback, answer.answer


# ---- Markdown ---------------------------------------------------------------------------
def brief_to_markdown(answer: Answer, today: date | None = None) -> str:
    """The brief with a title, date and question, and each source's quoted text."""
    title, body = _title_and_body(answer, "Country brief")
    parts = [f"# {title}", "", f"*{AUTHOR}, {_today(today)}*", "",
             f"**Question:** {answer.question}", "", body.strip()]
    if answer.citations:
        parts += ["", "## Quoted evidence", ""]
        parts += [f"> {_quote_line(c)}\n" for c in answer.citations]
    return "\n".join(parts).rstrip() + "\n"


def conversation_to_markdown(answers: Sequence[Answer], today: date | None = None) -> str:
    """Each question, its answer and its sources (quoted), in order."""
    parts = [f"# {CONVERSATION_TITLE}", "", f"*{AUTHOR}, {_today(today)}*"]
    for i, answer in enumerate(answers, 1):
        _, body = _title_and_body(answer, "")
        # The answer's own headings go one level down, under its question.
        body = re.sub(r"(?m)^(#{1,4}) ", r"#\1 ", body)
        parts += ["", f"## Question {i}: {answer.question}", "", body.strip()]
        if stop_note(answer):
            parts += ["", f"*{stop_note(answer)}*"]
        if answer.citations:
            parts += ["", f"### Sources of answer {i}", ""]
            parts += [f"> {_quote_line(c)}\n" for c in answer.citations]
    return "\n".join(parts).rstrip() + "\n"


# ---- Word ---------------------------------------------------------------------------------
def _new_document(title: str) -> Any:
    from docx import Document

    doc = Document()
    props = doc.core_properties
    props.author = AUTHOR  # python-docx's template says "python-docx" otherwise
    props.last_modified_by = AUTHOR
    props.title = title
    props.comments = ""
    doc.add_heading(title, level=0)
    doc.add_paragraph().add_run(_today(None)).italic = True
    return doc


def _save(doc: Any, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def brief_to_docx(answer: Answer, path: Path) -> Path:
    """Write the brief (headings, bullets, tables, bold) and its quotes to a .docx file."""
    title, body = _title_and_body(answer, "Country brief")
    doc = _new_document(title)
    _add_runs(doc.add_paragraph(), f"**Question:** {answer.question}")
    add_markdown(doc, body, top_level=1)
    _add_quotes(doc, "Quoted evidence", answer.citations)
    return _save(doc, path)


def conversation_to_docx(answers: Sequence[Answer], path: Path) -> Path:
    """The conversation: each question as a heading, its answer, its quoted sources."""
    doc = _new_document(CONVERSATION_TITLE)
    for i, answer in enumerate(answers, 1):
        _, body = _title_and_body(answer, "")
        doc.add_heading(f"Question {i}: {answer.question}", level=1)
        add_markdown(doc, body, top_level=2)
        if stop_note(answer):
            doc.add_paragraph().add_run(stop_note(answer)).italic = True
        _add_quotes(doc, f"Sources of answer {i}", answer.citations, level=2)
    return _save(doc, path)


def _add_quotes(doc: Any, heading: str, citations: Sequence[Citation], level: int = 1) -> None:
    if not citations:
        return
    doc.add_heading(heading, level=level)
    for c in citations:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"[{c.n}] {c.document} ({c.source}), {c.where}: ").bold = True
        paragraph.add_run(f"\u201c{c.text}\u201d")


def add_markdown(doc: Any, markdown: str, top_level: int = 1) -> None:
    """The composer's Markdown as Word paragraphs: '#' headings from ``top_level`` down,
    '- ' bullets, numbered lines kept as written, '|' tables as Word tables, **bold**."""
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        if not line.strip():
            continue
        heading = re.match(r"^(#{1,6}) (.*)", line)
        if heading:
            level = min(top_level + len(heading.group(1)) - 1, 9)
            doc.add_heading(heading.group(2).strip(), level=level)
        elif line.lstrip().startswith("|"):
            rows = [line]
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(lines[i].rstrip())
                i += 1
            _add_table(doc, rows)
        elif line.startswith(("- ", "* ")):
            _add_runs(doc.add_paragraph(style="List Bullet"), line[2:])
        elif line.startswith("> "):
            _add_runs(doc.add_paragraph(style="Quote"), line[2:])
        else:
            # "1. ..." stays a plain paragraph: its number is the text's own.
            _add_runs(doc.add_paragraph(), line)


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _add_table(doc: Any, rows: list[str]) -> None:
    body = [_cells(r) for r in rows if not _TABLE_RULE.match(r.strip())]
    if not body:
        return
    width = max(len(r) for r in body)
    table = doc.add_table(rows=len(body), cols=width)
    table.style = "Table Grid"
    for r, cells in enumerate(body):
        for c, text in enumerate(cells):
            paragraph = table.cell(r, c).paragraphs[0]
            _add_runs(paragraph, text)
            if r == 0:
                for run in paragraph.runs:
                    run.bold = True


def _add_runs(paragraph: Any, text: str) -> None:
    """Markdown **bold** spans become bold runs; everything else is plain text."""
    position = 0
    for match in _BOLD.finditer(text):
        if match.start() > position:
            paragraph.add_run(text[position : match.start()])
        paragraph.add_run(match.group(1)).bold = True
        position = match.end()
    if position < len(text):
        paragraph.add_run(text[position:])
