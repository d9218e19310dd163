"""Evidence units: the quotable spans inside a chunk (what a citation quotes).

A unit is a sentence, a list item with its lead-in, or a table row with its header row and
caption. Ingest embeds every unit once (``unitvec``) and the select stage scores them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from assistant.countries import country_of_cell, find_countries
from assistant.instructions import quotable
from assistant.programme import names_someone, session_title, time_slot
from assistant.text import split_sentences, terms
from assistant.types import Chunk, hashed_once

_CAPTION = re.compile(r"^(Table|Figure|Fig\.|Chart|Graph|Box)\s*[A-Z]?\d+", re.IGNORECASE)
# A sentence that announces what follows: "... model includes:", "... are listed below."
_ANNOUNCES = re.compile(
    r"(:|\s[-–—]|\b(below|as follows|the following(\s+[^\W\d_]+){0,2}))\W*$"
    r"|^\W*the following (?:are|is|were|was|include|includes)\b",  # "The following are the ..."
    re.IGNORECASE,
)
# "Seamless – Service linkage ...": a term, a dash, what the term means.
_GLOSSARY_LINE = re.compile(r"^[A-Z][^\W\d_'’/&.()-]*(?: [^\W\d'’/&.()-]+){0,3} [–—-] \S")
# A bibliographic reference: "Author, Title. Retrieved 14 January 2007, from <http://...>".
_REFERENCE = re.compile(
    r"\b(?:retrieved|accessed|available)\b[^.]{0,60}?\b(?:from|at|on)\b:?\s*<?(?:https?://|www\.)"
    # a footnote: its number, then a source with its address
    r"|^\d{1,2}\s+[A-Z].*(?:https?://|www\.)",
    re.IGNORECASE,
)
# A numbered line is a list item too: "1. ...", "2) ...", "(a) ...", "iv. ..." (documents
# converted from Word or PDF keep the numbers as text, not as list markup).
_NUMBERED = re.compile(r"^\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)]\s+(?=\S)")
# A numbered label opening a line: "Type-1 : Basic ICT Skills ...", "Step 2: ...".
# The end of a list item that asks a question, when more follows it.
_ASKED_ITEM_END = re.compile(r"(?<=\?)\s+(?=[A-Z])")
_LABELLED = re.compile(r"^[A-Z][^\W\d_]{1,15}[- ]?\d{1,2}\s*:\s*\S")
# A bullet a PDF's symbol font gave as one or two dots (".. via the most common devices;").
_DOT_BULLET = re.compile(r"^\.{1,2}\s+(?=[a-z])")


@dataclass(frozen=True)
class Evidence:
    """One quotable unit of a chunk."""

    chunk: Chunk
    text: str
    kind: str  # sentence | item | row | caption | reference (a source, never an answer)
    header: str | None = None  # a table's header row, or a list's lead-in
    caption: str | None = None  # a table's caption
    group: int = 0  # items of one list share a group within their chunk
    position: int = 0  # order within the chunk
    # a slide's labels above a list's lead-in ("Action Area 3:", "Capacity Strengthening"
    # above "Activities"): what the list is about, though not printed beside it
    labels: str | None = None

    __hash__ = hashed_once

    @cached_property
    def quote(self) -> str:
        """What a citation shows: a table row under its caption and header row, so a reader
        can tell which number is which and from which table; any other unit as printed."""
        if self.kind != "row":
            return self.text
        return "\n".join(p for p in (self.caption, self.header, self.text) if p)

    @cached_property
    def context(self) -> str:
        """The unit with what frames it: its heading, caption and header or lead-in."""
        heading = (self.chunk.section or "").split(" > ")[-1]
        if self.kind == "item" and _parallel(heading, self.header or ""):
            heading = ""  # "ODS aspects" under "OSS Aspects" heads a list of its own
        if cut_off(heading):
            heading = ""  # a body line taken for a heading frames nothing under it
        return " \n".join(
            p for p in (heading, self.caption, self.labels, self.header, self.text) if p)

    @cached_property
    def countries(self) -> tuple[str, ...]:
        if self.kind == "row":
            entity = self.entity
            return (entity,) if entity else ()
        return tuple(find_countries(self.text))

    @cached_property
    def cells(self) -> dict[str, str]:
        """A table row as {column header: value}; empty when the columns do not line up."""
        if self.kind != "row" or not self.header:
            return {}
        names = [h.strip() for h in self.header.split("|")]
        values = [v.strip() for v in self.text.split("|")]
        # A spreadsheet row names its columns ("Lead Organization: DIAL | Timeline: TBD"),
        # its empty cells left out; the header line shows each name's first words, and of a
        # wide sheet only the first columns' ("... | ..."), so a piece of a row cut past
        # them names columns the header line does not.
        labelled = [v.partition(": ") for v in values]
        shown = [h for h in names if h and h != "..."]
        if len(values) >= 2 and all(
            sep and (names[-1] == "..." or any(name.startswith(h) for h in shown))
            for name, sep, _ in labelled
        ):
            return {name: value for name, _, value in labelled}
        if len(names) == len(values) >= 2:
            return dict(zip(names, values, strict=True))
        return {}

    @cached_property
    def entity(self) -> str | None:
        """The country a table row is about: a cell naming it, by name, variant or code."""
        cells = [v.strip() for v in self.text.split("|")[:3]]
        for value in cells:
            country = country_of_cell(value)
            if country:
                return country
        # A cell that names it in passing: "Swiss (Switzerland)", "Republic of Kenya".
        return next((c for v in cells for c in find_countries(v)), None)


def _labelled_lines(lines: list[str]) -> set[int]:
    """Lines of a slide printed under a label of their own, without bullets: "Activities"
    above "Training on e-government building blocks", "Training on change management ...",
    "Communities of Practice ...", up to the next label ("Implemented by"). Two or more
    lines of three words or more make the label's list."""
    found: set[int] = set()
    run: list[int] = []
    labelled = False
    for i, line in enumerate([*lines, ""]):
        text = line.strip()
        words = len(text.split())
        # A "Duration: 01/2022 - 03/2025" line is a field of its own, not an item.
        if labelled and words >= _LABEL_ITEM_WORDS and not text.startswith("- ") \
                and not text.endswith(":") and not FIELD.match(text):
            run.append(i)
            continue
        if len(run) >= 2:
            found.update(run)
        run = []
        labelled = 0 < words <= _LABEL_WORDS and not text.endswith((".", ";", ","))
    return found


def _glossary_lines(lines: list[str]) -> set[int]:
    """Lines of a run of three or more "Term – what it means" lines (a slide spelling out
    SMART: "Seamless – ...", "Mobile – ..."): the items of a list without bullets."""
    found: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if _GLOSSARY_LINE.match(line):
            run.append(i)
            continue
        if len(run) >= 3:
            found.update(run)
        run = []
    return found


# A slide's label line ("Activities", "Technical Design") and the lines under it.
_LABEL_WORDS, _LABEL_ITEM_WORDS = 3, 3
FIELD = re.compile(r"^(?:\S+\s+){0,3}\S+:\s")


# A line that goes on with the sentence above it opens with a lower-case word.
_WRAPPED_END = re.compile(r"\s*[a-z]")
_STOPS = (".", ":", ";", "?", "!")


@lru_cache(maxsize=20000)
def units(chunk: Chunk) -> tuple[Evidence, ...]:
    """Split a chunk into sentences, list items (with their lead-in) and table rows."""
    out: list[Evidence] = []
    lines = chunk.text.split("\n")
    if chunk.kind in ("table", "rows"):
        body = [ln for ln in lines if ln.strip()]
        # A "rows" table's first line without cells is its title (chunking puts it there).
        titled = chunk.kind == "rows" and len(body) > 1 and " | " not in body[0] \
            and " | " in body[1]
        caption = body.pop(0) if body and (titled or _CAPTION.match(body[0])) else None
        # "rows": a table printed without a header row, every line a row of data.
        header = body.pop(0) if body and chunk.kind == "table" else None
        if caption:
            out.append(Evidence(chunk, caption, "caption", header, caption, 0, 0))
        out.extend(
            Evidence(chunk, row, "row", header, caption, 0, i)
            for i, row in enumerate(body, start=len(out))
        )
        return tuple(out)
    lines = _unwrapped(lines)
    lead: str | None = None
    labels: str | None = None
    group = 0
    in_list = False
    glossary = _glossary_lines(lines) | (
        _labelled_lines(lines) if chunk.doc_type == "presentation" else set())
    # Where each list line's text starts (after its bullet or number); None: not a list line.
    listed = [0 if i in glossary and _item_start(line) is None else _item_start(line)
              for i, line in enumerate(lines)]
    session: str | None = None  # the programme session the lines below belong to
    announced: str | None = None  # a plain line ending with a colon, just above
    taken: set[int] = set()  # a person's title, quoted with the person's line above it
    for i, line in enumerate(lines):
        marker = listed[i]
        above, announced = announced, None
        if i in taken:
            continue
        if session_title(line) and (time_slot(line) or marker == 0):
            session = line.strip()
        if marker is None and names_someone(line):
            # "Moderator: Ms. Jane Roe" and her title on the next line, under its session:
            # who did what where, one quote ("who moderated the closing session").
            text = line.strip()
            if i + 1 < len(lines) and listed[i + 1] is None and _titles_person(lines[i + 1]):
                taken.add(i + 1)
                text = f"{text} {lines[i + 1].strip()}"  # joined as a wrapped line is
                lead = lines[i + 1].strip()
            else:
                lead = text
            out.append(Evidence(chunk, text, "sentence", session, None, 0, len(out)))
            in_list = False
            continue
        if marker is not None:
            text = line[marker:].strip()
            if text.endswith(":") and i + 1 < len(lines) and listed[i + 1] is not None:
                # "Expected outcomes:" printed as a bullet among bullets: the lead-in of the
                # items after it, not an item of its own.
                lead, in_list = text, False
                out.append(Evidence(chunk, text, "sentence", None, None, 0, len(out)))
                continue
            group += 0 if in_list else 1
            in_list = True
            text, *after = _ASKED_ITEM_END.split(text, maxsplit=1)
            out.append(Evidence(chunk, text, "item", lead, None, group, len(out), labels))
            # What follows an item that asks a question is the document speaking again (a
            # note, the next paragraph run on): its own sentences, out of the list.
            for sentence in split_sentences(after[0]) if after else ():
                out.append(Evidence(chunk, sentence, "sentence", None, None, 0, len(out)))
                in_list = False
            continue
        in_list = False
        sentences = _entries(line, split_sentences(line))
        if above and len(sentences) == 1 and sentences[0].count(",") >= 2 \
                and not FIELD.match(sentences[0]):
            # "The delivery models included are:" / "Seminar/workshop, Instructor Led
            # Training, e-Learning.": a list run in on one line is its lead-in's item (not
            # a label's value: "Action Area 1:" / "Strategy Development"). A line with a
            # label of its own ("Implementing Partners: ITU, DIAL, EstDev") is the next
            # field of a form; the label above it ("Partner Countries:") was left empty.
            group += 1
            out.append(Evidence(chunk, sentences[0], "item", above, None, group, len(out)))
            continue
        announced = line.strip() if line.strip().endswith(":") else None
        # The line just above a list introduces it, colon or not ("3 Types of Connections").
        lead = line.strip() or None
        labels = _labels_above(lines, listed, i) if chunk.doc_type == "presentation" else None
        reference = _REFERENCE.search(line) is not None
        for sentence in sentences:
            kind = "caption" if _CAPTION.match(sentence) else "sentence"
            kind = "reference" if reference else kind
            out.append(Evidence(chunk, sentence, kind, None, None, 0, len(out)))
    return tuple(out)


def _unwrapped(lines: list[str]) -> list[str]:
    """Lines with a sentence's wrapped end joined back: a line opening in lower case, no
    bullet before it, under a line of words ending without a stop ("... and regional
    e-Government" / "ranking, and global e-participation ranking.") goes on with that
    line's sentence. A label of a few words ("Description") stays a line of its own."""
    out: list[str] = []
    for line in lines:
        previous = out[-1].rstrip() if out else ""
        if (len(previous.split()) > _LABEL_WORDS and _WRAPPED_END.match(line)
                and _item_start(line) is None and not previous.endswith(_STOPS)):
            out[-1] = f"{previous} {line.strip()}"
        else:
            out.append(line)
    return out


def _labels_above(lines: list[str], listed: list[int | None], at: int) -> str | None:
    """The label lines printed right above line ``at`` of a slide (short, not sentences, not
    list lines), top first: "Action Area 3: Capacity Strengthening" above "Activities"."""
    above: list[str] = []
    for i in range(at - 1, -1, -1):
        text = lines[i].strip()
        if not text or listed[i] is not None or len(text.split()) > _LABEL_WORDS \
                or text.endswith((".", ";", ",")):
            break
        above.insert(0, text)
    return " ".join(above) or None


# "Director, Division for ... (7 min)": a person's title and organisation, or their time.
_DURATION_END = re.compile(r"\(\d{1,3}\s*(?:min|minutes|mn)\.?\)\s*$", re.IGNORECASE)


def _titles_person(line: str) -> bool:
    """Whether a line under a person's name is that person's title or time slot ("Chief,
    Digital Government Branch, UN DESA", "Secretary-General of the D-8 (7 min)")."""
    text = line.strip()
    return bool(text) and not names_someone(text) and not time_slot(text) and (
        "," in text or _DURATION_END.search(text) is not None)


def _item_start(line: str) -> int | None:
    """Where a list line's text starts after its bullet or number (0: a labelled line,
    "Step 2: ..."); None for a line that is not a list item."""
    if line.startswith("- "):
        return 2
    if (m := _NUMBERED.match(line)) or (m := _DOT_BULLET.match(line)):
        return m.end()
    return 0 if _LABELLED.match(line) else None


# A glossary run into one paragraph: "...; process map – visual representation of ...;
# universal design – designing products ...": a term of a few words (a remark in brackets
# allowed), a spaced dash, what it means.
_ENTRY = r"[^\W\d_][^;:.?!–—]{0,80}?\s[–—-]\s+\S"
_NEXT_ENTRY = re.compile(rf";\s+(?={_ENTRY})")
_FIRST_ENTRY = re.compile(rf"^\W*{_ENTRY}")


def _entries(line: str, sentences: list[str]) -> list[str]:
    """The sentences of a line, each entry of a glossary run into it on its own (a unit
    defines one term): cut after the semicolon before each entry, when the line holds two
    entries or more."""
    if len(_NEXT_ENTRY.findall(line)) + bool(_FIRST_ENTRY.match(line)) < 2:
        return sentences
    pieces = []
    for sentence in sentences:
        start = 0
        for match in _NEXT_ENTRY.finditer(sentence):
            pieces.append(sentence[start : match.start() + 1])
            start = match.end()
        pieces.append(sentence[start:])
    return [p.strip() for p in pieces if p.strip()]


def slide_labels(chunk: Chunk, topic: set[str]) -> list[Evidence]:
    """The labels of a slide whose title names ``topic``'s words ("Digital Government: Focus
    Areas" above "Strategy", "Technical Design" and "Capacity Strengthening", each leading
    lines of its own): the things the slide lists. Empty unless two lists or more each have
    a label."""
    all_units = units(chunk)
    if chunk.doc_type != "presentation" or not all_units or all_units[0].kind != "sentence":
        return []
    if not (named := set(terms(all_units[0].text))) or not named <= topic:
        return []
    heads = list(dict.fromkeys(u.header for u in all_units if u.kind == "item"))
    labels = [next((u for u in all_units if u.kind == "sentence" and u.text == head), None)
              for head in heads]
    if len(labels) < 2 or any(u is None or len(u.text.split()) > _LABEL_WORDS
                              or u.text.endswith(":") for u in labels):
        return []
    # Quoted under the title, as a list under its lead-in.
    return [replace(u, header=all_units[0].text) for u in labels if u is not None]


@lru_cache(maxsize=20000)
def opens_line(unit: Evidence) -> bool:
    """Whether a unit opens a line of its passage (a title, a label, a person's line with
    their title joined), not a sentence following another on a paragraph's line."""
    text = unit.text.strip()
    return any(line and (line.startswith(text) or text.startswith(line))
               for line in (ln.strip() for ln in _unwrapped(unit.chunk.text.split("\n"))))


def siblings(unit: Evidence) -> list[Evidence]:
    """The other items of a unit's list (the whole list, in order), without any item that
    may not be quoted (an instruction planted among them, ``assistant.instructions``)."""
    return [u for u in units(unit.chunk)
            if u.kind == "item" and u.group == unit.group and (u is unit or quotable(u.text))]


def numbered_caption(text: str) -> bool:
    """Whether a caption is a numbered one ("Table 3 ..."), not a title over a table."""
    return _CAPTION.match(text) is not None


def announces(unit: Evidence) -> bool:
    """Whether a sentence introduces what follows it (a list, or sections under it)."""
    return unit.kind == "sentence" and _ANNOUNCES.search(unit.text) is not None


def following(unit: Evidence) -> Evidence | None:
    """The unit printed right after this one in its chunk, if any (none after a unit read
    with more than its chunk prints: a sentence with its end from the next chunk)."""
    all_units = units(unit.chunk)
    index = all_units.index(unit) if unit in all_units else len(all_units)
    return all_units[index + 1] if index + 1 < len(all_units) else None


def cut_off(heading: str) -> bool:
    """Whether a heading breaks off inside a bracket it opened ("Cooperative compliance
    arrangements (also known as 'horizontal monitoring' and"): the first line of a
    paragraph a parser took for a title, which would lend its words to every passage after
    it."""
    return heading.count("(") > heading.count(")")


def _parallel(heading: str, lead_in: str) -> bool:
    """Whether a list's lead-in is a heading beside its section's own, not under it: as
    long, ending in the same word, without an ending of its own ("OSS Aspects" and "ODS
    aspects"; "Education challenges" and "Health challenges")."""
    first, second = heading.lower().split(), lead_in.lower().rstrip(":").split()
    return (0 < len(first) == len(second) <= 4 and first[-1] == second[-1] and first != second
            and not lead_in.rstrip().endswith((".", ";")))
