"""Navigation and furniture: text that helps a reader find their way but answers nothing.

Tables of contents, lists of figures, chart axis ticks, lists of participants, reference
lists and page numbers share words with many questions, so word-overlap retrieval brings
them up; quoted as an answer they read as nonsense ("BACKGROUND 6 OBJECTIVE 8 [1]").
Chunking marks them ``kind="furniture"``: they stay searchable, the answer stages skip them.

Every rule looks at the shape of the whole text (share of lines of one form), never at a
document's own words, and errs towards content: a real paragraph must never be hidden.
"""

from __future__ import annotations

import itertools
import re

TABLE_OF_CONTENTS = "table of contents"
LIST_OF_FIGURES = "list of figures or tables"
CHART_LABELS = "chart axis labels or ticks"
LIST_OF_PEOPLE = "list of people (authors, members, participants)"
ACKNOWLEDGEMENTS = "acknowledgements"
REFERENCES = "reference list"
PAGE_NUMBERS = "page numbers or running header"
NO_WORDS = "no words (bullets or symbols only)"

# The last part of a section path ("Annexes > List of Participants") says what follows.
_SECTION = {
    TABLE_OF_CONTENTS: re.compile(r"^(?:table of )?contents?$|^sommaire$|^cuprins$", re.IGNORECASE),
    LIST_OF_FIGURES: re.compile(
        r"^list of (?:figures|tables|boxes|charts|graphs|maps)\b", re.IGNORECASE
    ),
    LIST_OF_PEOPLE: re.compile(
        r"^(?:list of )?(?:participants|contributors|authors|members|delegates|attendees)$"
        r"|^(?:about the )?authors$|^(?:editorial|advisory) (?:board|team|committee)$",
        re.IGNORECASE,
    ),
    ACKNOWLEDGEMENTS: re.compile(r"^acknowledge?ments?$|^remerciements$", re.IGNORECASE),
    REFERENCES: re.compile(
        r"^(?:\d+\s+)?(?:references|bibliography|works cited|sources|"
        r"further reading|literature)$",
        re.IGNORECASE,
    ),
}

_DOT_LEADER = re.compile(r"(?:\.\s?){4,}|…{2,}")
_PAGE_AT_END = re.compile(r"(?<![\d.,])(\d{1,3})\s*$")
_STANDALONE_INT = re.compile(r"(?<![\w.,(\-/#])(\d{1,3})(?![\w.,)%:\-/])")
_NUMBER = re.compile(r"^[-+−]?[\d.,]+%?$|^\(?[\d.,]+\)?$")
_CAPTION_START = re.compile(
    r"^(?:figure|fig\.|table|box|chart|graph|map|exhibit|tableau|graphique|encadré)\s+"
    r"[\dIVX]+[.\-\d]*\b",
    re.IGNORECASE,
)
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|H\.E|Mme|M)\.\s|\bMx\.?\s")
_PAGE_LINE = re.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/|sur|din)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$",
    re.IGNORECASE,
)
# "Almond, G. & Verba, S. (1963), ..." / "World Bank (2020). Title." / "[12] Smith, J. 2019."
_YEAR = r"(?:\((?:19|20)\d\d[a-z]?\)|\b(?:19|20)\d\d[a-z]?[.,)])"
_CITATION = re.compile(
    rf"^(?:\[\d{{1,3}}\]|\d{{1,3}}\.)?\s*(?:"
    rf"[A-Z][\w'’\-]+,\s+(?:[A-Z]\.\s*-?)+.{{0,200}}?{_YEAR}"  # Surname, I. ... year
    rf"|[A-Z][\w&'’\-]*(?:\s[A-Z][\w&'’\-]*){{0,8}}\s\((?:19|20)\d\d[a-z]?\)[.,]"  # Org (2020).
    rf")"
)
_PERSON = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|H\.E)\.?\s+)?"
    r"[A-Z][a-zà-ÿ'’\-]+(?:\s(?:[A-Z]\.|[A-Z][a-zà-ÿ'’\-]+|de|da|van|von|der|bin|binti|al|el|le|la)){1,3}$"
)
# Words that make a capitalised run an organisation, not a person.
_ORGANISATION = re.compile(
    r"\b(?:Bank|Nations|Organi[sz]ation|Ministry|Department|Agency|Programme|Program|Union|"
    r"Institute|University|Council|Commission|Fund|Office|Government|Cent(?:er|re)|Foundation|"
    r"Association|Forum|Division|Secretariat|Committee|Group|Partnership|Network|Services?)\b"
)


def furniture_reason(text: str, *, section: str | None = None, kind: str = "text") -> str | None:
    """Why a chunk (or block) is navigation or furniture, or None when it is content.

    ``section`` is the chunk's section path ("Annexes > List of Participants"); ``kind``
    its kind (text, list, table, slide): a table row ending in a number is no page entry.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return None
    heading = (section or "").split(" > ")[-1].strip()
    for reason, rule in (
        (NO_WORDS, _no_words),
        (PAGE_NUMBERS, _page_numbers),
        (LIST_OF_FIGURES, _list_of_figures),
        (TABLE_OF_CONTENTS, _table_of_contents),
        (REFERENCES, _references),
        (LIST_OF_PEOPLE, _list_of_people),
        (ACKNOWLEDGEMENTS, _acknowledgements),
        (CHART_LABELS, _chart_labels),
    ):
        if rule(lines, heading, kind):
            return reason
    return None


def is_furniture(text: str, *, section: str | None = None, kind: str = "text") -> bool:
    return furniture_reason(text, section=section, kind=kind) is not None


def _no_words(lines: list[str], heading: str, kind: str) -> bool:
    return not any(c.isalnum() for line in lines for c in line)


def _page_numbers(lines: list[str], heading: str, kind: str) -> bool:
    return all(_PAGE_LINE.match(line) for line in lines)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’\-]*", text)


def _lowercase_share(text: str) -> float:
    """Share of words that start lower-case: prose is mostly lower-case, titles are not."""
    words = _words(text)
    return sum(w[0].islower() for w in words) / len(words) if words else 0.0


def _rising(numbers: list[int]) -> bool:
    """Page numbers: at least four, and (almost) never going back."""
    if len(numbers) < 4:
        return False
    steps = list(itertools.pairwise(numbers))
    return sum(b >= a for a, b in steps) >= 0.8 * len(steps)


def _table_of_contents(lines: list[str], heading: str, kind: str) -> bool:
    text = " ".join(lines)
    if kind in ("table", "rows") and any(
        len([c for c in line.split("|") if c.strip()]) > 2 for line in lines
    ):
        return False  # a data row ("Malaysia | Asia | 0.7892 | 47", "Chad | .... | ....")
    if len(_DOT_LEADER.findall(text)) >= 2:
        return True
    if _lowercase_share(text) > (0.5 if _SECTION[TABLE_OF_CONTENTS].match(heading) else 0.35):
        return False
    ends = [int(m.group(1)) for line in lines if (m := _PAGE_AT_END.search(line))]
    if len(lines) >= 4 and len(ends) >= 0.7 * len(lines) and _rising(ends):
        return True
    # All on one line: "182 Methodology Snapshot 183 Methodology 190 Contributing Experts".
    # Each number then sits between different titles, unlike a header row of a table
    # ("Year 0 Year 1 Year 2", "Period 0 1 2 3").
    numbers = [int(n) for n in _STANDALONE_INT.findall(text)]
    titles = [t.strip() for t in _STANDALONE_INT.split(text)[::2] if _words(t)]
    return (
        len(lines) <= 2
        and _rising(numbers)
        and len(_words(text)) <= 8 * len(numbers)
        and len(titles) >= 0.7 * len(numbers)
        and len(set(titles)) >= 0.8 * len(titles)
    )


def _list_of_figures(lines: list[str], heading: str, kind: str) -> bool:
    captions = sum(bool(_CAPTION_START.match(line)) for line in lines)
    if _SECTION[LIST_OF_FIGURES].match(heading):
        return captions >= 2
    return (
        len(lines) >= 3
        and captions >= 0.6 * len(lines)
        and captions >= 3
        and (
            sum(bool(_PAGE_AT_END.search(line) or _DOT_LEADER.search(line)) for line in lines)
            >= 0.5 * len(lines)
        )
    )


def _references(lines: list[str], heading: str, kind: str) -> bool:
    citations = sum(bool(_CITATION.match(line)) for line in lines)
    if _SECTION[REFERENCES].match(heading):
        return citations >= max(1, 0.3 * len(lines))
    return citations >= 2 and citations >= 0.6 * len(lines)


def _list_of_people(lines: list[str], heading: str, kind: str) -> bool:
    text = "\n".join(lines)
    titled = _lowercase_share(text) < 0.35  # names and job titles, not sentences about them
    honorifics = len(_HONORIFIC.findall(text))
    rows_with = sum(bool(_HONORIFIC.search(line)) for line in lines)
    if titled and honorifics >= 3 and rows_with >= 0.5 * len(lines):
        return True  # "Nigeria | Ms. Zainab Saka | Senior Programme Analyst at ..."
    if _SECTION[LIST_OF_PEOPLE].match(heading) and _lowercase_share(text) < 0.25:
        return True  # a row of the list cut loose by the page layout
    items = [i.strip(" -•*;.") for i in re.split(r"[,;\n]", text) if i.strip(" -•*;.")]
    people = [i for i in items if _PERSON.match(i) and not _ORGANISATION.search(i)]
    needed = 0.6 if _SECTION[LIST_OF_PEOPLE].match(heading) else 0.8
    return len(items) >= 5 and len(people) >= needed * len(items)


def _acknowledgements(lines: list[str], heading: str, kind: str) -> bool:
    # An acknowledgement is furniture when it is mostly names, not when it says who wrote
    # what ("prepared by the Division for ..." may answer a question).
    if not (
        _SECTION[ACKNOWLEDGEMENTS].match(heading) or _SECTION[ACKNOWLEDGEMENTS].match(lines[0])
    ):
        return False
    return _lowercase_share(" ".join(lines)) < 0.6


def _chart_labels(lines: list[str], heading: str, kind: str) -> bool:
    """What a chart leaves in the text layer: lines of bare numbers ("0 0.2 0.4 0.6") and
    short labels, with no sentence and no row that labels its figures."""
    if kind in ("table", "rows"):
        return all(not _words(cell) for line in lines for cell in line.split("|"))
    if any("," in line and not re.search(r"\d,\d", line) for line in lines):
        return False  # "2003, 2004, 2005": a list a person wrote
    tokens = [t for line in lines for t in line.split()]
    numeric = [t for t in tokens if _NUMBER.match(t)]
    ticks = [line for line in lines if all(_NUMBER.match(t) for t in line.split())]
    labels = [
        line
        for line in lines
        if len(line.split()) <= 3 and not re.search(r"\d", line) and len(line) <= 30
    ]
    if len(lines) == 1:  # an axis: evenly spaced ("0 0.2 0.4 0.6 0.8", "2010 2012 2014")
        return len(numeric) >= 4 and len(numeric) == len(tokens) and _evenly_spaced(numeric)
    return (
        len(lines) >= 4
        and len(ticks) + len(labels) >= 0.8 * len(lines)
        and len(ticks) >= 0.3 * len(lines)
        and len(numeric) >= 0.4 * len(tokens)
    )


def _evenly_spaced(tokens: list[str]) -> bool:
    try:
        values = [float(t.strip("%()").replace(",", "")) for t in tokens]
    except ValueError:
        return False
    steps = [b - a for a, b in itertools.pairwise(values)]
    return steps[0] != 0 and all(
        abs(step - steps[0]) <= 1e-6 * max(1.0, abs(steps[0])) for step in steps
    )
