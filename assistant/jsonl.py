"""Question files (JSON Lines) read strictly: each line's problem named by its number.

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
from typing import Any

from assistant.errors import InputFileError


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
