"""A chunk's section path from the headings above it.

Headings nest by level (font size and style, from the parser). Where a document numbers its
headings, the numbers say more than the fonts: "7 Validate ..." after "5 Performing ..." is
its sibling even when it is set in another size, or when a line in capitals between them
was read as a chapter of its own. So a numbered heading that continues the numbering of an
earlier one at its depth takes that one's place: the path goes back to its ancestors.
Among numbered chapters an unnumbered heading is a part of the open one, whatever its font
(a strategy's name set in bold capitals, "ELIMINATE", is no chapter of its own), unless it
opens the back matter ("Appendix no. 2. ...", "References"), which the chapters end.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from assistant.vocabulary import vocabulary

# "7 Validate ...", "4.1 Mapping ...", "1. Introduction": one or two digits a part (a year
# such as "2020 Survey" is no heading number), then the title.
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(?=[^\W\d])")
# How far a heading's number may jump past the last one at its depth and still continue it
# (a chapter the parser did not read as a heading leaves a gap).
_MAX_GAP = 3


def heading_number(text: str) -> tuple[int, ...] | None:
    """(4, 1) for "4.1 Mapping the legal basis"; None for a heading without a number."""
    match = _NUMBERED.match(text.strip())
    return tuple(int(p) for p in match.group(1).split(".")) if match else None


def opens_back_matter(text: str) -> bool:
    """Whether a heading opens an appendix, annex or reference list (its first word; data
    answers.json "back_matter_headings")."""
    first = text.strip().split(maxsplit=1)[:1]
    return bool(first) and first[0].lower().rstrip(".:") in _BACK_MATTER


_BACK_MATTER = frozenset(vocabulary()["back_matter_headings"])


class _Open(NamedTuple):
    level: int
    title: str
    numbered: bool


class SectionPath:
    """The open headings, outermost first; ``enter`` one heading after another."""

    def __init__(self, *, numbers_nest: bool = True) -> None:
        self.open: list[_Open] = []
        # Off where the format states heading levels itself (Markdown, Word styles): there
        # a number opening a heading is as likely a count ("5 levels of ...").
        self.numbers_nest = numbers_nest
        # Per numbering prefix ((4,) for 4.1, 4.2): the last number seen there and the
        # headings that were open above it.
        self._numbered: dict[tuple[int, ...], tuple[int, list[_Open]]] = {}

    def clear(self) -> None:
        self.open.clear()
        self._numbered.clear()

    def enter(self, level: int, text: str, title: str) -> None:
        """Open heading ``text`` (shown as ``title``) at ``level``, closing what it ends."""
        number = heading_number(text) if self.numbers_nest else None
        earlier = self._numbered.get(number[:-1]) if number else None
        if number and earlier and 0 < number[-1] - earlier[0] <= _MAX_GAP:
            self.open = list(earlier[1])
        elif self.numbers_nest and not number and opens_back_matter(text):
            # The chapters end, and their numbering; an appendix is a top heading whatever
            # its font, so its own headings nest in it until the next one.
            self.clear()
            level = 0
        else:
            # Fonts close headings, except that an unnumbered one never closes a numbered
            # one (only a sequel of its number does, above).
            while (self.open and self.open[-1].level >= level
                   and (number or not self.open[-1].numbered)):
                self.open.pop()
        if number:
            # Deeper numbering restarts under a new number (4.1 after 3.2 is no sequel).
            for prefix in [p for p in self._numbered if len(p) >= len(number)]:
                del self._numbered[prefix]
            self._numbered[number[:-1]] = (number[-1], list(self.open))
        self.open.append(_Open(level, title, number is not None))

    def path(self) -> str | None:
        return " > ".join(heading.title for heading in self.open) or None
