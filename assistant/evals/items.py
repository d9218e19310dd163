"""Question-set items: one JSONL line per question, with the facts and pages that answer it.

The fields are described in ``evals/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InputFileError
from assistant.evals.sets import QuestionSet
from assistant.jsonl import lines_of, question_row

MODES = ("answer", "compare", "brief", "prompts")
Page = tuple[str, int | None]  # (file name, page); None for formats without pages


@dataclass(frozen=True)
class GoldenItem:
    id: str
    question: str
    mode: str
    countries: tuple[str, ...]
    history: tuple[str, ...]
    answerable: bool
    facts: tuple[tuple[str, ...], ...]
    source: str | None
    pages: tuple[int, ...]

    @property
    def expected_pages(self) -> set[Page]:
        """(file name, page) pairs: a set may name a file by its path in the corpus. A
        passage of a format without pages (Word, sheets, web pages) has page None: the file
        is where it is, so it counts as found on any expected page of that file."""
        if not self.source:
            return set()
        name = Path(self.source).name
        return {(name, p) for p in self.pages} | {(name, None)}


def load_set(question_set: QuestionSet) -> list[GoldenItem]:
    """Every item of a set's files, ids unique across them."""
    items = [item for path in question_set.files for item in load_golden(path)]
    seen: set[str] = set()
    twice = [i.id for i in items if i.id in seen or seen.add(i.id)]  # type: ignore[func-returns-value]
    if twice:
        raise InputFileError(f"the {question_set.name} set repeats ids: {', '.join(twice)}")
    return items


def load_golden(path: Path) -> list[GoldenItem]:
    """Golden items from a JSONL file; a malformed line is an error naming its line."""
    items: list[GoldenItem] = []
    for number, line in lines_of(path):
        try:
            if isinstance(line, ValueError):
                raise line
            row = question_row(line)
            item = GoldenItem(
                id=str(row["id"]),
                question=row["question"],
                mode=str(row.get("mode") or "answer"),
                countries=tuple(row.get("country") or ()),
                history=tuple(row.get("history") or ()),
                answerable=bool(row["answerable"]),
                facts=tuple(tuple(alternatives) for alternatives in row["facts"]),
                source=row.get("source"),
                pages=tuple(int(p) for p in row.get("pages") or ()),
            )
        except (ValueError, KeyError, TypeError) as exc:
            reason = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            raise InputFileError(
                f"{path}: line {number}: bad question ({reason}); see evals/README.md for the "
                "fields"
            ) from None
        if item.mode not in MODES:
            raise InputFileError(
                f"{path}:{number}: unknown mode '{item.mode}'; use one of {', '.join(MODES)}"
            )
        items.append(item)
    if not items:
        raise InputFileError(f"the golden set {path} is empty; add one JSON object per line")
    return items

