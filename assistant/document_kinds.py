"""The kind of file a question names a document by ("the roadmap deck", "the roadmap
spreadsheet"): the words and file extensions of data/answers.json "document_kinds". A
kind said with a word of a file's name names that file; of the documents a question names
by a shared title (a deck and a workbook of one project), the one of the kind said."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import PurePosixPath

from assistant.text import terms
from assistant.vocabulary import vocabulary


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[re.Pattern[str], frozenset[str]], ...]:
    """Each kind's words, as one pattern, and its extensions."""
    return tuple(
        (re.compile(r"\b(?:" + "|".join(re.escape(w) for w in spec["words"]) + r")\b",
                    re.IGNORECASE), frozenset(spec["extensions"]))
        for name, spec in vocabulary()["document_kinds"].items() if not name.startswith("_"))


def extensions_said(text: str) -> frozenset[str]:
    """The file extensions of the kinds of document the text names ("deck": .pptx, ...).

    >>> sorted(extensions_said("in the roadmap deck"))
    ['.odp', '.ppt', '.pptx']
    """
    return frozenset(e for pattern, extensions in _kinds() if pattern.search(text)
                     for e in extensions)


def of_kind_said(text: str, named: list[str], sources: Sequence[str],
                 name_terms: Callable[[str], list[str]]) -> list[str]:
    """The documents ``named`` (file keys or titles) narrowed to the kind of file the text
    says, or the files of that kind a word of whose name the text holds; ``named`` as it
    is when the text says no kind or no file of it answers."""
    extensions = extensions_said(text)
    if not extensions:
        return named
    of_kind = [s for s in sources if PurePosixPath(s).suffix.lower() in extensions]
    kept = [n for n in named if n in of_kind]
    if kept:
        return kept
    asked = set(terms(text))
    return [s for s in of_kind if asked.intersection(name_terms(s))] or named


@lru_cache(maxsize=256)
def kind_terms(source: str, doc_type: str) -> frozenset[str]:
    """The terms of the words naming the kind of file a document is: its extension's kind,
    or the kind its type is ("presentation": a deck printed to PDF). Every passage of a deck
    is on "the slides", though none prints the word."""
    suffix = PurePosixPath(source).suffix.lower()
    return frozenset(
        t for name, spec in vocabulary()["document_kinds"].items() if not name.startswith("_")
        and (name == doc_type or suffix in spec["extensions"])
        for word in spec["words"] for t in terms(word))
