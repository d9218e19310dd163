"""Lists written as headings: section titles that are the items of a list.

Reports often print a list as a run of headings, each with its paragraph: "Level 1.
Nonexistent", "Level 2. Initial", ... or, under "Gartner's model includes:", one section per
level. A question asking for those levels is answered by the titles, each cited to its own
section. Both readers walk the document through ``Neighbour`` (the chunk printed n places
after another), so nothing here reads more than the sections in question.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from assistant.evidence import Evidence, units
from assistant.text import terms, words
from assistant.types import Chunk, Hit
from assistant.vocabulary import QUESTION_WORDS

if TYPE_CHECKING:
    from assistant.chunktable import ChunkTable

__all__ = ["Neighbour", "dated_series", "numbered_paragraphs", "numbered_series", "subsections",
           "title_slides", "detail_slide"]

# The chunk printed n places after (n < 0: before) a chunk in its document, if any.
Neighbour = Callable[[Chunk, int], "Chunk | None"]

_MOST_ITEMS, _MOST_CHUNKS_AHEAD, _MOST_TITLE_WORDS = 20, 80, 10
_MOST_TITLE_SLIDES = 3
# The slides read under a title slide; the decks' sections run three to eight.
_MOST_UNDER_TITLE = 8
# A numbered title: "Level 3. Repeatable", "Stage 2 – Enhanced", "Phase IV", "Step 10:".
_NUMBERED_TITLE = re.compile(r"^(?P<word>[^\W\d_]{3,})\s+(?P<number>\d{1,2}|[IVX]{1,4})\b")
# A dated title: "Full-Fledged Implementation of e-Government (2003 ~ 2007)", "Phase two,
# 2015-present".
_DATED_TITLE = re.compile(
    r"\b(?P<year>(?:19|20)\d{2})\s*(?:~|–|—|-|to)\s*(?:(?:19|20)\d{2}|present|today)\)?\s*$",
    re.IGNORECASE,
)


def subsections(chunk: Chunk, neighbour: Neighbour | None) -> list[Evidence]:
    """The titles of the sections right under the one a chunk ends ("Gartner's 5 level
    maturity model includes:" then "Level 1: Initial", ...), each cited to its own section."""
    if neighbour is None or not chunk.section:
        return []
    parent = chunk.section + " > "
    items: list[Evidence] = []
    seen: set[str] = set()
    for step in range(1, _MOST_CHUNKS_AHEAD):
        after = neighbour(chunk, step)
        section = (after.section or "") if after is not None else ""
        if after is None or not section.startswith(parent):
            break
        title = section[len(parent):].split(" > ")[0]
        if title not in seen:
            seen.add(title)
            items.append(Evidence(after, title, "item", None, None, -1, -1))
        if len(items) == _MOST_ITEMS:
            break
    return items


def _numbered(chunk: Chunk, wanted: set[str]) -> tuple[tuple[str, str, str], str, str] | None:
    """(series key, number, title) of the deepest numbered title in a chunk's heading path
    whose word the question uses ("Stage 1" in "Stage 1 > Basic Services > Activity 2"):
    the key is the document, the path above the title and the title's word."""
    parts = (chunk.section or "").split(" > ")
    # A slide prints its numbered title as its first line, under the deck's running title.
    first_line = chunk.text.split("\n", 1)[0].strip()
    if len(first_line.split()) <= _MOST_TITLE_WORDS and _NUMBERED_TITLE.match(first_line):
        parts.append(first_line)
    for depth in range(len(parts) - 1, -1, -1):
        match = _NUMBERED_TITLE.match(parts[depth])
        if match and set(terms(match["word"])) & wanted:
            key = (chunk.source, " > ".join(parts[:depth]), match["word"].lower())
            # "Stage 1 > Basic Services": the title is the name under the number.
            title = parts[depth] + (f": {parts[depth + 1]}" if depth + 1 < len(parts) else "")
            return key, match["number"], title
    return None


def numbered_series(
    topic: Sequence[str], chunks: Sequence[Chunk], neighbour: Neighbour | None
) -> list[Evidence]:
    """The numbered titles of the first series the question names by its word ("levels",
    "stages") that one of ``chunks`` (best first) sits in or is printed just before: the
    whole series, from its first title, each title cited to its own section. Empty when
    no such series has three titles."""
    if neighbour is None:
        return []
    wanted = set(topic)

    def key(chunk: Chunk | None) -> tuple[str, str, str] | None:
        found = _numbered(chunk, wanted) if chunk is not None else None
        return found[0] if found else None

    for chunk in chunks:
        # In the series, or its lead-in one or two passages before it.
        for start in (chunk, neighbour(chunk, 1), neighbour(chunk, 2)):
            series = key(start)
            if start is None or series is None:
                continue
            items = _walk(start, series, wanted, neighbour)
            if len(items) >= 3:
                return items
    return []


def _walk(start: Chunk, series: tuple[str, str, str], wanted: set[str],
          neighbour: Neighbour) -> list[Evidence]:
    """The series ``start`` is in, from its first title to its last, one item per number."""
    first = start
    for _ in range(_MOST_CHUNKS_AHEAD):
        before = neighbour(first, -1)
        found = _numbered(before, wanted) if before is not None else None
        if before is None or found is None or found[0] != series:
            break
        first = before
    items: list[Evidence] = []
    seen: set[str] = set()
    current: Chunk | None = first
    for _ in range(_MOST_CHUNKS_AHEAD):
        found = _numbered(current, wanted) if current is not None else None
        if current is None or found is None or found[0] != series or len(items) == _MOST_ITEMS:
            break
        if found[1] not in seen:
            seen.add(found[1])
            items.append(Evidence(current, found[2], "item", None, None, -1, -1))
        current = neighbour(current, 1)
    return items


# A section's number ("2 The principles of ..."), and a paragraph opening with a number
# under it and its title run into the text ("2.3 Provision of services through multiple
# channels This principle implies ...").
_MOST_RUN_IN_TITLE_WORDS = 15
_SECTION_NUMBER = re.compile(r"^(\d{1,2})\.?\s")
_SUBNUMBERED = re.compile(r"^(?P<number>\d{1,2})\.(?P<sub>\d{1,2})\.?\s+(?P<rest>\S.*)", re.S)


def numbered_paragraphs(section: Sequence[Chunk]) -> list[Evidence]:
    """The titles a numbered section's paragraphs open with, when its subsection headings
    were printed into the text: "2.1 Focusing on the beneficiaries of public services",
    "2.2 Accessible and Inclusive Services", ... under "2 The principles of ...", in order
    from the first, each cited to its own passage. Empty when fewer than three."""
    heading = (section[0].section or "").split(" > ")[-1] if section else ""
    number = _SECTION_NUMBER.match(heading)
    if number is None:
        return []
    items: list[Evidence] = []
    for chunk in section:
        for unit in units(chunk):
            match = _SUBNUMBERED.match(unit.text) if unit.kind == "sentence" else None
            if match and match["number"] == number.group(1) and int(match["sub"]) == len(
                    items) + 1:
                title = f"{match['number']}.{match['sub']} {_run_in_title(match['rest'])}"
                items.append(Evidence(chunk, title, "item", None, None, -1, -1))
    return items if len(items) >= 3 else []


def _run_in_title(text: str) -> str:
    """A title run into its paragraph, up to the capitalised word that starts the first
    sentence ("Accessible and Inclusive Services One of the major ..." -> "Accessible and
    Inclusive Services"); an acronym ("ICT") is part of the title."""
    words = text.split()
    for i in range(1, min(len(words) - 2, _MOST_RUN_IN_TITLE_WORDS + 1)):
        word, after = words[i], words[i + 1 : i + 3]
        if word[:1].isupper() and not word.isupper() and all(w.isalpha() and w.islower()
                                                               for w in after):
            return " ".join(words[:i])
    return " ".join(words[:_MOST_RUN_IN_TITLE_WORDS]).rstrip(".")


def dated_series(chunks: Sequence[Chunk], neighbour: Neighbour | None,
                 about: Callable[[Chunk], bool]) -> list[Evidence]:
    """Titles of one passage that each end in a period of years, three or more in order
    ("e-Government Infrastructure Development (1987 ~ 2002)", "Full-Fledged Implementation
    of e-Government (2003 ~ 2007)", ...): the phases of a timeline. Looked for in each of
    ``chunks`` (best first) and the passage after it (a title slide, then its timeline),
    where ``about`` holds."""
    if neighbour is None:
        return []
    for chunk in chunks:
        for start in (chunk, neighbour(chunk, 1)):
            if start is None or not about(start):
                continue
            titles = [
                (line, int(match["year"]))
                for line in (raw.strip() for raw in start.text.split("\n"))
                if not line.startswith(("-", "•", "*")) and len(line.split()) <= _MOST_TITLE_WORDS
                and (match := _DATED_TITLE.search(line))
            ]
            years = [year for _, year in titles]
            if len(titles) >= 3 and years == sorted(years):
                return [Evidence(start, line, "item", None, None, -1, -1) for line, _ in titles]
    return []


def is_title_slide(chunk: Chunk) -> bool:
    """A slide of one line: a deck's section title ("Korea Leading e-Government")."""
    return chunk.kind == "slide" and "\n" not in chunk.text.strip()


def under_title(chunk: Chunk, neighbour: Neighbour | None) -> list[Chunk]:
    """The passages a title slide heads: those printed after it up to the next title slide,
    at most ``_MOST_UNDER_TITLE`` (the slides that no longer name the subject)."""
    under: list[Chunk] = []
    while neighbour is not None and len(under) < _MOST_UNDER_TITLE:
        after = neighbour(chunk, len(under) + 1)
        if after is None or is_title_slide(after):
            break
        under.append(after)
    return under


def with_titled(hits: list[Hit], countries: Sequence[str], neighbour: Neighbour | None
                ) -> list[Hit]:
    """The hits and, after a title slide naming a country asked, the slides it heads, which
    no longer name it ("Korea Leading e-Government", then the phases of its e-government)."""
    known = {h.chunk.id for h in hits}
    out = list(hits)
    for hit in hits:
        if is_title_slide(hit.chunk) and set(countries) & set(hit.chunk.countries):
            for chunk in under_title(hit.chunk, neighbour):
                if chunk.id not in known:
                    known.add(chunk.id)
                    out.append(Hit(chunk, hit.score))
    return out


def title_slides(chunk: Chunk, neighbour: Neighbour | None) -> str:
    """The one-line slides printed just before a passage, nearest first, up to three: a deck
    states its subject on a title slide ("Korea Leading e-Government", "Outlook of 2014 UN
    E-Government Survey") and says it no more on the slides about it."""
    if neighbour is None:
        return ""
    titles: list[str] = []
    for step in range(1, _MOST_TITLE_SLIDES + 1):
        before = neighbour(chunk, -step)
        if before is None or not is_title_slide(before):
            break
        titles.append(before.text.strip())
    continued = _continued_title(chunk, neighbour)
    return "\n".join([*titles, continued] if continued else titles)


def cover_country(chunk: Chunk, neighbour: Neighbour) -> str | None:
    """The one country a passage's document is about by its title page: the only country
    its first passage names ("REPUBLIC OF ESTONIA ... KRATT" over the Kratt vision paper,
    whose passages seldom name Estonia again)."""
    cover = neighbour(chunk, -chunk.ordinal) if chunk.ordinal > 0 else None
    own = cover.countries if cover is not None else ()
    return own[0] if len(own) == 1 else None


def _continued_title(chunk: Chunk, neighbour: Neighbour) -> str:
    """The title of the slide before a slide's section, when the slide's own title goes on
    with its subject ("Korea Moving forward to SMART Government", then "Implementation
    Strategy Phases of SMART Government"): a word of both titles the deck's own title does
    not use (that word is the whole deck's subject, "Government", and ties no two slides)."""
    if chunk.doc_type != "presentation" or not chunk.section:
        return ""
    before = neighbour(chunk, -1)
    steps = 1
    while before is not None and before.section == chunk.section and steps < _MOST_UNDER_TITLE:
        steps += 1
        before = neighbour(chunk, -steps)
    if before is None or not before.section:
        return ""
    deck = set(terms(chunk.document))
    title, previous = (section.rpartition(" > ")[2] for section in (chunk.section, before.section))
    return previous if (set(terms(title)) & set(terms(previous))) - deck else ""


# A list item's label: "2. Enhanced: Gov't websites deliver ..." -> 2, "Enhanced".
_ITEM_LABEL = re.compile(r"^(?:(?P<number>\d{1,2})[.)]\s+)?(?P<label>[^:]{2,40}):\s")


def detail_slide(item: Evidence, neighbour: Neighbour | None) -> list[Chunk]:
    """The slide that a summary list's item opens into: "2. Enhanced: Gov't websites deliver
    ..." on an overview slide, then a slide of its own further on, "Stage 2 – Enhanced
    information services", saying more; a title alone on its slide ("Stage 4 – Connected
    services") with the untitled slide after it. Titled on its first line with the item's
    label (and number, if it has one); none when the item has no label."""
    match = _ITEM_LABEL.match(item.text)
    if item.kind != "item" or match is None or neighbour is None:
        return []
    label, number = set(terms(match.group("label"))), match.group("number")
    for step in range(1, _MOST_CHUNKS_AHEAD + 1):
        chunk = neighbour(item.chunk, step)
        if chunk is None:
            return []
        title, _, body = chunk.text.strip().partition("\n")
        numbered = _NUMBERED_TITLE.match(title)
        if (chunk.kind == "slide" and label <= set(terms(title))
                and (number is None or numbered is not None and numbered["number"] == number)):
            after = neighbour(chunk, 1)
            if body.strip() or after is None or after.section != chunk.section:
                return [chunk] if body.strip() else []
            return [chunk, after]  # the title's slide, then the lines it heads
    return []


# The heading ranking: a section path must hold this many of the question's terms, and
# this share of their rarity; at most this many sections are ranked.
_HEADING_TERMS = 2
_HEADING_SHARE = 0.3
_HEADING_SECTIONS = 3
# A section of more chunks is not ranked by its heading: the heading names a passage when its
# section is short; a long one's chunks, ranked in reading order, pushed better passages down
# (outside R@1 0.78 -> 0.80 without them, the bundled sets' retrieval unchanged).
_HEADING_CHUNKS = 3


def by_heading(table: ChunkTable, idf: Callable[[str], float], query: str, n: int,
               mask: np.ndarray | None, topic: Sequence[str] = ()) -> list[str]:
    """Ids of the chunks under the headings that name the question's words, best heading
    first. "Challenges in the workshop conclusions" finds "CONCLUSIONS AND NEXT STEPS >
    Challenges", whose passage may share neither words nor meaning with the question
    (MiniLM scores it 0.16): the heading is the reader's table of contents."""
    asked = set(terms(" ".join(w for w in words(query) if w not in QUESTION_WORDS)))
    wanted = asked | set(topic)  # synonyms may match; the share is of the words asked
    total = sum(idf(t) for t in asked)
    matched: dict[int, set[str]] = {}
    for term in wanted:
        for code in table.heading_terms.get(term, ()):
            matched.setdefault(code, set()).add(term)
    # Two of the question's words, or every word of the path ("Suggestions" for "what
    # did they suggest"): one word of a long path ("Egypt > Challenges") is too loose.
    sizes = table.heading_sizes
    ranked = sorted(
        ((sum(idf(t) for t in found), code) for code, found in matched.items()
         if len(found) >= min(_HEADING_TERMS, sizes[code])),
        reverse=True,
    )
    codes = [code for score, code in ranked if score >= _HEADING_SHARE * total]
    rows: list[int] = []
    for code in codes[:_HEADING_SECTIONS]:
        section = table.section_rows(code)
        if len(section) > _HEADING_CHUNKS:
            continue  # a chapter or a whole table, in reading order: no pointer
        rows.extend(int(r) for r in section if mask is None or mask[r])
    return [table.id_of(r) for r in rows[:n]]
