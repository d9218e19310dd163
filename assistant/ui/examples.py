"""The Ask tab's example questions and the question box's hint: the corpus's own, or generic.

A corpus folder may list example questions in its ``manifest.json`` beside the documents
it describes (``"examples": [{"question": ..., "mode": ...}]``). They are offered only
while the index holds every document that manifest lists: an index of another corpus gets
generic examples built from what it holds (the countries it names). The page is the only
reader: nothing else may depend on them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "manifest.json"
HINT = "Your question"


@dataclass(frozen=True)
class Examples:
    rows: list[list[str]]  # [question, mode] for gr.Examples
    placeholder: str  # the question box's hint


def corpus_examples(corpus_dir: Path, sources: Collection[str], modes: Collection[str]
                    ) -> list[list[str]] | None:
    """The manifest's examples when the index holds all its documents; else None.

    A malformed list is reported on stderr (one line naming the file) and ignored."""
    path = corpus_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or "examples" not in data:
        return None
    documents = {d.get("file") for d in data.get("documents") or [] if isinstance(d, dict)}
    if not documents or not documents <= set(sources):
        return None  # the index is another corpus (or lost one of these documents)
    rows = []
    for item in data["examples"] if isinstance(data["examples"], list) else [None]:
        question = item.get("question") if isinstance(item, dict) else None
        mode = item.get("mode", "auto") if isinstance(item, dict) else None
        if not isinstance(question, str) or not isinstance(mode, str) or mode not in modes \
                or not question.strip():
            print(f"warning: {path}: each of 'examples' needs a 'question' and a 'mode' of "
                  f"{', '.join(sorted(modes))}; showing generic examples", file=sys.stderr)
            return None
        rows.append([question.strip(), mode])
    return rows or None


def generic_examples(countries: Sequence[str]) -> list[list[str]]:
    """Examples that fit any corpus of policy documents, naming countries it holds."""
    rows = [["What are the main recommendations?", "auto"]]
    if len(countries) >= 2:
        rows.append([f"Compare {countries[0]} and {countries[1]}", "compare"])
    if countries:
        rows.append([f"Country brief: {countries[0]}", "brief"])
    rows.append(["Discussion prompts on the main challenges", "prompts"])
    return rows


def examples_for(corpus_dir: Path, sources: Collection[str], countries: Sequence[str],
                 modes: Collection[str]) -> Examples:
    """The examples to show and the box's hint (an example asked in the plain mode)."""
    rows = corpus_examples(corpus_dir, sources, modes) or generic_examples(sorted(countries))
    plain = next((q for q, mode in rows if mode == "auto"), None)
    return Examples(rows, f"{HINT}, e.g. {plain}" if plain else HINT)
