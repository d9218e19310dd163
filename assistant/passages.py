"""What a quote brings from around it: a list item its whole list, across the chunks a long
list was split into; a sentence cut by a page or column break its end; a lead-in the list or
table that opens the next passage; a short set-up or a sentence that goes on about the quote
the sentence after it, also when it opens the next page ("Example: ..."); a sentence
pointing back ("This plan ...") the one before it. The
composers group what they quote into such blocks."""

from __future__ import annotations

import re

from assistant.evidence import Evidence, announces, following, siblings, units
from assistant.headings import Neighbour, subsections
from assistant.programme import names_someone
from assistant.types import Chunk
from assistant.vocabulary import vocabulary

# A sentence that goes on about the one before: "This is often used to ...", "To solve the
# issue, the country will ...", "Hence ...".
GOES_ON = re.compile(
    r"^(?:(?:This|These|It|Its|They|Such|As such|In other words|Hence|Therefore|Thus|"
    r"As a result|In (?:this|that|such) cases?|"
    # what the sentence before named, by its parts or instances ("Some of the new
    # approaches include ...", "For example, ...", "Example: ...")
    r"Some of (?:the|these|those|them)|Among (?:them|these|those)|For (?:example|instance)|"
    r"Examples? (?:include|are)|"
    r"To (?:solve|address|tackle|overcome|remedy|fix|meet) (?:this|these|that|the|those)\b)\b"
    r"|(?:Examples?|E\.g\.)\s*:)")

# A sentence that names what it is about only by pointing back ("This stage includes ...",
# "These plans ..."): read alone it does not say which stage or plans.
_POINTS_BACK = re.compile(r"^(?:This|These|Those|Such)\b|^In (?:this|these|that) \w+\b")

_ENDED = re.compile(r"[.!?:;\"”’)\]]\s*$")
# A sentence reporting what people were asked ("When asked what they liked most ...,
# multiple answers were received.", "Respondents were asked about ..."): it says what was
# asked, the sentences after it what was answered.
_ASKED_OF = re.compile(r"^(?:When|Once) asked\b|^Asked (?:about|what|whether|which|how)\b"
                       r"|\b(?:were|was) (?:also )?asked (?:about|what|whether|which|how|to)\b",
                       re.IGNORECASE)
# The answers such a sentence brings: a few sentences, up to the next question reported.
_MOST_ANSWERS = 3

# A word no statement ends on (data/answers.json "unfinished_ends").
_UNFINISHED_WORDS = vocabulary()["unfinished_ends"]
_UNFINISHED = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, _UNFINISHED_WORDS))})\s*$",
                         re.IGNORECASE)
_LONGEST_UNFINISHED = max(map(len, _UNFINISHED_WORDS))


def _ends_on(pattern: re.Pattern[str], text: str, longest: int) -> bool:
    """Whether ``pattern``, which matches only at the end of a text (before its trailing
    spaces) and spans at most ``longest`` characters there, matches ``text``. Searched from
    where such a match can start, not from every character: every candidate unit of every
    question is checked, and _UNFINISHED tried at each position of a sentence took ~40 µs a
    unit, ~0.3 s of a golden batch's CPU. A lookbehind still reads the text before it."""
    return pattern.search(text, max(0, len(text.rstrip()) - longest)) is not None


def ended(text: str) -> bool:
    """Whether a text ends as a statement or a quote does: a full stop, a colon, a closing
    quote or bracket."""
    return _ends_on(_ENDED, text, 1)


def cut_off(read: Evidence, unit: Evidence, next_known: bool) -> bool:
    """Whether a sentence, as read with any end a page break cut (``read``), stops on a word
    no statement ends on ("Release deadlines for ... OBS 2023 Number of": a line cut from a
    table's header): it says nothing. Judged only where its end could have been found: a
    line followed in its passage, or one whose next passage was looked at (``next_known``)."""
    return read.kind == "sentence" and _ends_on(_UNFINISHED, read.text, _LONGEST_UNFINISHED) and (
        next_known or following(unit) is not None)


def continued(unit: Evidence, neighbour: Neighbour | None) -> Evidence | None:
    """The rest of a sentence cut by a page or column break: the first sentence of the
    next chunk, when this unit ends its chunk unfinished and that one starts in lower case."""
    if neighbour is None or unit.kind != "sentence" or ended(unit.text):
        return None
    if units(unit.chunk)[-1] != unit:
        return None
    after = neighbour(unit.chunk, 1)
    return sentence_tail(after) if after is not None else None


def sentence_tail(chunk: Chunk) -> Evidence | None:
    """The end of a sentence the page before cut, when a chunk opens with one: its first
    unit past any figure caption printed at the top of the page, starting in lower case
    ("Figure 5 OSI2020 and LOSI2020 comparison ..." then "pair."). A slide's lines start as
    they like ("presentation by ..."): a slide continues no sentence of the one before."""
    if chunk.kind == "slide" or chunk.doc_type == "presentation":
        return None  # a slide's list passage too ("e-Government Infrastructure (1987 ~ ...)")
    first = next((u for u in units(chunk) if u.kind != "caption"), None)
    if first is not None and first.kind == "sentence" and first.text[:1].islower():
        return first
    return None


def whole_list(item: Evidence, neighbour: Neighbour | None) -> list[Evidence]:
    """A list item's whole list, across the chunks a long list was split into: a chunk
    continues the list of the one before when it opens with items under the same lead-in
    (the chunker repeats it) or with items and no lead-in at all (a page break)."""
    items = siblings(item)
    if neighbour is None:
        return _own_question(item, items)
    chunk = item.chunk
    while (before := neighbour(chunk, -1)) is not None and _continues(items[0], chunk, before):
        items = [*siblings(units(before)[-1]), *items]
        chunk = before
    chunk = item.chunk
    while (after := neighbour(chunk, 1)) is not None and units(chunk)[-1] == items[-1]:
        start = next((u for u in units(after) if u.kind == "item"), None)
        if start is None or not _continues(start, after, chunk):
            break
        items += siblings(start)
        chunk = after
    return _own_question(item, items + _lettered_after(items[-1], chunk, neighbour))


def _own_question(item: Evidence, items: list[Evidence]) -> list[Evidence]:
    """The items of a list up to the next item that asks a question, when the items before
    it do not: a questionnaire's next question ("Does the Mid-Year Review present ...?")
    and its answer options, printed as items right after this question's options, are
    another list. A list of questions (every item asking) is one list."""
    if item not in items:
        return items
    at, start, end = items.index(item), 0, len(items)
    for n in range(1, len(items)):
        if _asks(items[n]) and not _asks(items[n - 1]):
            if at < n:
                end = n
                break
            start = n
    return items[start:end]


def _asks(unit: Evidence) -> bool:
    return unit.text.rstrip().endswith("?")


# A lettered or numbered item's label: "(A*)", "(B)", "C.", "3)".
_LABEL = re.compile(r"^\(?([A-Za-z]|\d{1,2})\*?[.)]")
# Passages of an item's own paragraphs a lettered list may run on through.
_RUN_ON_CHUNKS = 3


def _lettered_after(last: Evidence, chunk: Chunk, neighbour: Neighbour) -> list[Evidence]:
    """The rest of a lettered list whose items run on in paragraphs of their own: "(A) ...",
    two paragraphs on it, "(B) ...", "(C) ...". The next passages of the same section are
    read while their first item carries the next label ("(B)" after "(A)"); passages
    without items between them are the last item's paragraphs."""
    found: list[Evidence] = []
    skipped = 0
    if _LABEL.match(last.text) is None:
        return found  # an unlabelled list has no next label to look for
    while skipped < _RUN_ON_CHUNKS and (after := neighbour(chunk, 1)) is not None and (
            after.section == chunk.section):
        chunk = after
        start = _first_item(after)
        if start is None:
            skipped += 1
            continue
        if not _follows(last, start):
            break
        found += siblings(start)
        last, skipped = found[-1], 0
    return found


def _follows(before: Evidence, item: Evidence) -> bool:
    """Whether an item's label comes right after another's: "(B)" after "(A)" or "(A*)"."""
    first, second = _LABEL.match(before.text), _LABEL.match(item.text)
    if first is None or second is None:
        return False
    a, b = first.group(1), second.group(1)
    if a.isdigit() and b.isdigit():
        return int(b) == int(a) + 1
    return a.isalpha() and b.isalpha() and len(a) == len(b) == 1 and ord(b) == ord(a) + 1


def _continues(start: Evidence, chunk: Chunk, before: Chunk) -> bool:
    """Whether ``start``, the first item of ``chunk``, continues a list that ends ``before``."""
    if before.section != chunk.section or start != _first_item(chunk):
        return False
    tail = units(before)[-1] if units(before) else None
    if tail is None or tail.kind != "item":
        return False
    same_lead = start.header == tail.header and start.group == 1
    if _slide(chunk):
        # A page break cuts a document's list anywhere; a slide is written whole, its
        # bullets its own points (the next slide under the same title makes points of its
        # own): it goes on with the list before only under the same, printed lead-in.
        return same_lead and start.header is not None
    return same_lead or (units(chunk)[0] == start and start.header is None)


def _slide(chunk: Chunk) -> bool:
    return chunk.kind == "slide" or chunk.doc_type == "presentation"


def _first_item(chunk: Chunk) -> Evidence | None:
    return next((u for u in units(chunk) if u.kind == "item"), None)


_STRAY = re.compile(r"[\d\s,;.*†‡]+")
# A line that leads in what is printed under it ("UN DESA participants included: |  |"):
# what it opens, not the end of a short line before it.
_LEADS_IN = re.compile(r":[\s|]*$")
# A list written on one line: three things or more set apart by commas, no sentence's stop
# ("Juwang Zhu, Vincenzo Aquaro, Wai Min Kwok").
_LISTED_LINE = re.compile(r"[^.!?:;,]+(?:,[^.!?:;,]+){2,}")


def list_opening(chunk: Chunk, neighbour: Neighbour | None) -> list[Evidence]:
    """The whole list the next passage of the same section opens with, if it does."""
    after = neighbour(chunk, 1) if neighbour is not None else None
    if after is None or after.section != chunk.section or not units(after):
        return []
    first = units(after)[0]
    if first.kind == "row":  # "The following are the relevant e-competencies:" and a table
        return [u for u in units(after) if u.kind == "row"]
    if first.kind == "sentence" and _LISTED_LINE.fullmatch(first.text.strip()):
        return [first]  # "UN DESA participants included:" and the line of their names
    return whole_list(first, neighbour) if first.kind == "item" else []


def going_on(chunk: Chunk, neighbour: Neighbour | None, used: set[Evidence]) -> list[Evidence]:
    """The sentence opening the next passage of the same section when it goes on about the
    one this passage ends with (``GOES_ON``: "Example: ...", "This means ..."). A slide's
    first line starts a slide, not what the slide before said ("This year the country ...")."""
    if chunk.kind == "slide" or chunk.doc_type == "presentation":
        return []
    after = neighbour(chunk, 1) if neighbour is not None else None
    if after is None or after.section != chunk.section or not units(after):
        return []
    first = units(after)[0]
    return [first] if (first.kind == "sentence" and first not in used
                       and GOES_ON.match(first.text)) else []


def with_context(
    chosen: list[Evidence], neighbour: Neighbour | None = None
) -> list[list[Evidence]]:
    """Group what is quoted into blocks: a list item brings its whole list; a sentence
    that introduces a list ("... as follows:", "... are -") brings the list; a short
    set-up sentence brings the sentence after it; a sentence cut by a page break brings its
    end (both cited); a sentence naming its subject only by pointing back ("This plan was
    then followed by Vision 2041") brings the sentence before it, which names it."""
    blocks: list[list[Evidence]] = []
    used: set[Evidence] = set()
    for unit in chosen:
        if unit in used:
            continue
        if unit.kind == "item":
            block = whole_list(unit, neighbour)
        else:
            block = [unit]
            nxt = following(unit)
            while nxt is not None and _STRAY.fullmatch(nxt.text):
                nxt = following(nxt)  # "1,2": footnote marks printed after the sentence
            if nxt is None and announces(unit):
                # It ends its passage: the list starts the next one, or is the sections below.
                block = [unit, *(list_opening(unit.chunk, neighbour)
                                 or subsections(unit.chunk, neighbour))]
            elif nxt is not None and nxt not in used:
                if unit.kind == "sentence" and _ASKED_OF.search(unit.text):
                    block = [unit, *_answers(nxt, used)]
                elif (announces(unit) or heads_list(unit, nxt)) and nxt.kind == "item":
                    block = [unit, *whole_list(nxt, neighbour)]
                elif unit.kind == "sentence" and nxt.kind == "sentence" and (
                        (len(unit.text) < 90 and not names_someone(unit.text)
                         and not _LEADS_IN.search(nxt.text))
                        or GOES_ON.match(nxt.text)):
                    # A short set-up, or a sentence that goes on about this one ("This is
                    # used for ..."), comes with the sentence after it; a title over a
                    # subtitle heading a list ("Full-Fledged Implementation (2003 ~ 2007)",
                    # "Expansion of Services", its bullets) with the list, what it titles.
                    block = [unit, nxt]
                    after = following(nxt)
                    if after is not None and heads_list(nxt, after) and after not in used:
                        block += whole_list(after, neighbour)
            rest = continued(block[-1], neighbour)
            if rest is not None:
                block.append(rest)
            elif block[-1].kind == "sentence" and units(block[-1].chunk)[-1] == block[-1]:
                # It ends its passage, and the next, past a page break, goes on about it
                # ("... the recommendation is to remove the service." "Example: ...").
                block += going_on(block[-1].chunk, neighbour, used)
            before = _preceding(unit)
            if (unit.kind == "sentence" and _POINTS_BACK.match(unit.text) and before is not None
                    and before.kind == "sentence" and not before.text.startswith("(")
                    and before not in used and before not in chosen):
                block = [before, *block]  # what "this" is
        used.update(block)
        blocks.append(block)
    return blocks


def heads_list(unit: Evidence, nxt: Evidence) -> bool:
    """Whether a line without an ending of its own is the title the list after it is printed
    under ("Expansion of e-Government Services" over its bullets): read alone it says
    nothing, the list is what it names."""
    return (unit.kind == "sentence" and nxt.kind == "item" and nxt.header is not None
            and nxt.header.endswith(unit.text) and not ended(unit.text))


def _preceding(unit: Evidence) -> Evidence | None:
    """The unit printed right before this one in its chunk, if any."""
    around = units(unit.chunk)
    index = around.index(unit)
    return around[index - 1] if index else None


def _answers(first: Evidence, used: set[Evidence]) -> list[Evidence]:
    """The sentences from ``first`` on that answer a question reported just before them: a
    few, up to the next question reported, the end of the passage or a sentence quoted
    already."""
    answers: list[Evidence] = []
    unit: Evidence | None = first
    while (unit is not None and unit.kind == "sentence" and unit not in used
           and len(answers) < _MOST_ANSWERS and not _ASKED_OF.search(unit.text)):
        answers.append(unit)
        unit = following(unit)
    return answers
