"""Word spacing repaired from a document's own vocabulary.

PDF text extraction guesses spaces from glyph positions, and tightly kerned or loosely
tracked text defeats it: words come out glued ("Availabilityof", "inmachine") or split
("digital tool s", "t o improve", "cus toms"). A document uses most of its words many
times, so its own word counts tell the two apart without a dictionary:

- two fragments join when the joined word occurs elsewhere in the document and one of them
  is rare on its own ("cus toms" -> "customs"; "on line" stays, both are common words);
- a rare long word splits in two when both halves are common words of the document
  ("inmachine" -> "in machine");
- a word hyphenated at a line end is joined ("democ- racy" -> "democracy") when the document
  uses it whole, else it keeps its hyphen ("cost- benefit" -> "cost-benefit").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A word hyphenated at a line end, its lines joined: "democ- racy", "cost- benefit".
_BROKEN = re.compile(r"(?<![^\W\d_])([^\W\d_]+)- ([^\W\d_]+)")
_LONG = re.compile(r"(?<![^\W\d_])[^\W\d_]{6,}(?![^\W\d_])")
# A fragment seen this often on its own is a word of the document, not a piece of one.
_RARE = 2
# Halves of a glued word must each be this common.
_COMMON = 3
# The most frequent words of a document are its function words ("in", "of", "the").
_FREQUENT = 40


def word_counts(texts: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w.lower() for w in _WORD.findall(text))
    return counts


def respace(text: str, counts: Counter[str]) -> str:
    """``text`` with split words joined and glued words split, judged by ``counts``."""

    def split(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        if counts[lower] > 1 or not word[1:].islower():
            return word
        best: tuple[int, int] | None = None
        for k in range(2, len(word) - 1):
            halves = (lower[:k], lower[k:])
            score = min(counts[h] for h in halves)
            # A half of one to three letters must be one of the document's most frequent
            # words ("in", "of", "de"), or suffixes would split off ("Addition al").
            short = [h for h in halves if len(h) <= 3]
            if short and not all(h in frequent for h in short):
                continue
            if score >= _COMMON and (best is None or score > best[0]):
                best = (score, k)
        return word if best is None else f"{word[: best[1]]} {word[best[1]:]}"

    frequent = {w for w, _ in counts.most_common(_FREQUENT)}

    def unbreak(match: re.Match[str]) -> str:
        a, b = match.group(1), match.group(2)
        if b[0].islower() and counts[(a + b).lower()] >= 1:
            return a + b  # "democracy" occurs whole elsewhere
        return f"{a}-{b}"  # a compound: "cost-benefit"

    return _LONG.sub(split, _joined(_BROKEN.sub(unbreak, text), counts))


def _joined(text: str, counts: Counter[str]) -> str:
    """Adjacent fragments (one or two spaces apart) joined where the document says so;
    walks word by word so that "and tota l" can still join "tota l"."""
    words = list(_WORD.finditer(text))
    out: list[str] = []
    last = 0
    i = 0
    while i < len(words):
        a = words[i]
        if i + 1 < len(words):
            b = words[i + 1]
            gap = text[a.end() : b.start()]
            joined = (a.group() + b.group()).lower()
            if (
                gap in (" ", "  ")
                and not b.group()[0].isupper()
                and min(counts[a.group().lower()], counts[b.group().lower()]) <= _RARE
                and counts[joined] >= 2
            ):
                out.append(text[last : a.start()] + a.group() + b.group())
                last = b.end()
                i += 2
                continue
        i += 1
    out.append(text[last:])
    return "".join(out)
