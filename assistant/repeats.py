"""Passages one indexed document repeats from another, found when the lexical index is built.

A page and its partial translation share every section left untranslated; a file copied
under a second name shares all of them. Passages are compared by their content terms in
order, so a copy edited in its small words or punctuation still repeats its original.
Such a passage is one passage for answers: it is cited from the document it belongs to
(the original), and the copy's version never competes with it. Nothing is deleted: the
copy stays indexed, is searched when a question names it, and answers again by itself
once the original is removed (the next build of the lexical index finds no repeat).

The original is the document whose own text (the passages it shares with no other) is in
the shared passages' language: a French page that kept English sections repeats the
English page. When that does not tell (two identical files), the key sorted first.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from assistant.text import terms
from assistant.types import Chunk

# A passage of fewer content terms is a heading or a label: repeating it is no copy.
_MIN_TERMS = 6


@dataclass(frozen=True)
class Repeat:
    """``copy`` repeats ``passages`` of its ``of`` passages from ``original``."""

    copy: str
    original: str
    passages: int
    of: int

    def note(self) -> str:
        """The line ingest prints."""
        return (f"{self.copy} repeats the text of {self.original} ({self.passages} of its "
                f"{self.of} passages); answers cite {self.original} for them")


@dataclass(frozen=True)
class Repeats:
    found: tuple[Repeat, ...] = ()
    hidden: frozenset[str] = frozenset()  # ids of the copies' repeated chunks
    # The language of each document that shares passages, read from the passages it shares
    # with none: a French page keeping English sections is French, whatever most of it is.
    languages: dict[str, str] = field(default_factory=dict)


def passage_key(text: str) -> str:
    """The text as compared: its content terms in order (entities decoded; case,
    punctuation, spacing and stopwords ignored), so an edit such as "These research" to
    "This research" or an added full stop leaves the same passage."""
    return " ".join(terms(html.unescape(text)))


def find_repeats(chunks: Sequence[Chunk], language_of: Callable[[list[str]], str]) -> Repeats:
    """Which documents repeat which, and the chunks answers then leave to the original.
    ``language_of`` names the language most of some passages are in
    (``language.document_language``); it runs only for documents that share passages."""
    by_key: dict[str, list[Chunk]] = {}
    by_source: dict[str, list[Chunk]] = {}
    for chunk in chunks:
        by_source.setdefault(chunk.source, []).append(chunk)
        key = passage_key(chunk.text)
        if key.count(" ") + 1 >= _MIN_TERMS:
            by_key.setdefault(key, []).append(chunk)
    shared = {key: members for key, members in by_key.items()
              if len({c.source for c in members}) > 1}
    if not shared:
        return Repeats()
    pair_texts: dict[tuple[str, str], list[str]] = {}
    for members in shared.values():
        for pair in combinations(sorted({c.source for c in members}), 2):
            pair_texts.setdefault(pair, []).append(members[0].text)
    own: dict[str, str] = {}

    def own_language(source: str) -> str:
        if source not in own:
            texts = [c.text for c in by_source[source] if passage_key(c.text) not in shared]
            own[source] = language_of(texts) if texts else ""
        return own[source]

    # Documents that share a boilerplate page (a publisher's cover, a disclaimer) share it
    # pairwise: n documents make n(n-1)/2 pairs with the same passages, whose language is
    # detected once, not once a pair (at 100k chunks the pairs kept an ingest busy for
    # more than 20 minutes).
    detected: dict[tuple[str, ...], str] = {}
    beaten: dict[str, set[str]] = {}  # copy -> its originals
    for (first, second), texts in pair_texts.items():
        together = tuple(texts)
        if together not in detected:
            detected[together] = language_of(texts)
        language = detected[together]
        original, copy = sorted((first, second), key=lambda s: (own_language(s) != language, s))
        beaten.setdefault(copy, set()).add(original)
    hidden: set[str] = set()
    counts: dict[tuple[str, str], int] = {}
    for members in shared.values():
        sources = {c.source for c in members}
        kept = {s for s in sources if not beaten.get(s, set()) & sources} or {min(sources)}
        for chunk in members:
            if chunk.source in kept:
                continue
            hidden.add(chunk.id)
            original = min(kept)
            counts[(chunk.source, original)] = counts.get((chunk.source, original), 0) + 1
    found = tuple(Repeat(copy, original, n, len(by_source[copy]))
                  for (copy, original), n in sorted(counts.items()))
    return Repeats(found, frozenset(hidden), {s: code for s, code in own.items() if code})
