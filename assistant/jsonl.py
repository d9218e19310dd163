"""Question files (JSON Lines) read strictly, each line's problem named by its number, and
answered in one process.

``assistant ask --questions`` and ``assistant eval --questions`` take files people write by
hand or generate. A line that is not UTF-8, not standard JSON (``NaN``, ``1e400``, which
Python would read as infinity and print back as the invalid ``Infinity``), or whose fields
have the wrong type is reported as ``line N: ...``, never as a traceback.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError, InputFileError

if TYPE_CHECKING:
    from assistant.pipeline import PolicyAssistant


def strict_json(raw: bytes | str) -> Any:
    """JSON as the standard defines it: no NaN or Infinity, no number that overflows to
    infinity ("1e400"). Raises ValueError."""

    def no_constant(name: str) -> Any:
        raise ValueError(f"{name} is not a JSON number")

    def finite(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):
            raise ValueError(f"the number {text[:20]} is out of range")
        return value

    return json.loads(raw, parse_constant=no_constant, parse_float=finite)


def lines_of(path: Path) -> Iterator[tuple[int, str | ValueError]]:
    """(line number, text) of each non-blank line; a ValueError in place of a line that
    is not UTF-8."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(f"cannot read {path}: {exc.strerror}") from None
    for number, raw in enumerate(data.splitlines(), start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield number, ValueError(f"not UTF-8 text (byte {exc.start + 1})")
            continue
        if text.strip():
            yield number, text


def question_row(text: str) -> dict[str, Any]:
    """One question line checked: an object with a string 'question'; 'id' a string or an
    integer; 'mode' a string; 'country' a name or a list of names. Raises ValueError."""
    row = strict_json(text)
    if not isinstance(row, dict):
        raise ValueError("each line must be a JSON object")
    if not isinstance(row.get("question"), str):
        raise ValueError("needs a string 'question'")
    if "id" in row and not (row["id"] is None or isinstance(row["id"], str)
                            or (isinstance(row["id"], int) and not isinstance(row["id"], bool))):
        raise ValueError("'id' must be a string or an integer")
    if row.get("mode") is not None and not isinstance(row["mode"], str):
        raise ValueError("'mode' must be a string")
    country = row.get("country")
    if isinstance(country, str):
        row["country"] = [country]
    elif country is not None and not (isinstance(country, list)
                                      and all(isinstance(c, str) for c in country)):
        raise ValueError("'country' must be a name or a list of names")
    return row


def answer_file(
    assistant: PolicyAssistant,
    path: Path,
    *,
    mode: str = "auto",
    countries: tuple[str, ...] = (),
    k: int | None = None,
) -> Iterator[dict[str, Any]]:
    """One output row per question line, in order: the answer's JSON, or {id, error} naming
    the line when the line or its question is bad (the rest of the file is still answered).
    A line's own mode and country override the defaults given."""
    rows: list[tuple[int, dict[str, Any] | ValueError]] = []
    for line_no, text in lines_of(path):
        try:
            rows.append((line_no, text if isinstance(text, ValueError) else question_row(text)))
        except ValueError as exc:
            rows.append((line_no, exc))
    # A brief's or comparison's text is never searched as typed (its countries' queries are).
    assistant.prepare([r["question"] for _, r in rows if isinstance(r, dict)
                       and (r.get("mode") or mode) not in ("brief", "compare")])
    for line_no, item in rows:
        try:
            if isinstance(item, ValueError):
                raise item
            answer = assistant.ask(
                item["question"],
                mode=item.get("mode") or mode,
                countries=item.get("country") or list(countries),
                k=k,
            )
            answer.id = item.get("id")
            yield answer.to_json()
        except (ValueError, AssistantError) as exc:
            yield {
                "id": item.get("id") if isinstance(item, dict) else None,
                "error": f"line {line_no}: {exc}",
            }
