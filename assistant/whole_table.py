"""Answers read over a table's rows, not one row: the rows holding a value a question names
("which states have a monarchical form of government"), and the rows at a measure's
extreme ("which country has the lowest EGDI"), read through the whole table (its chunks
either side of the one retrieved), each row then framed or listed by ``rows``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from assistant.evidence import Evidence, units
from assistant.headings import Neighbour
from assistant.knowledge import index_name_stems
from assistant.measures import SUPERLATIVE, SUPERLATIVES
from assistant.naming import cell_named
from assistant.rows import columns, frames, labelled, subject, table_name
from assistant.select import Selection
from assistant.settings import AnswerSettings
from assistant.text import NUMBER, and_joined, terms
from assistant.understand import Question
from assistant.vocabulary import vocabulary

# Rows listed for a cell value a question names ("monarchical": every row reading so).
_MOST_VALUED_ROWS = 20
# A table's chunks read either side of a row's own for the rows holding a value.
_MOST_TABLE_CHUNKS = 60
# The share of a table's rows a word may be printed in and still set the rows apart.
_MOST_HOLDING = 0.75
# Chunks without rows (a page's footnotes) a table's parts may have between them.
_TABLE_GAP = 1
# The words after "which": what is asked for, a noun among them ("which d-8 capitals or big
# cities were ...").
# The superlatives' own terms: what an extreme is of is the question's other words.
_SUPERLATIVE_TERMS = frozenset(terms(" ".join(SUPERLATIVES)))
_ASKED_NOUN = re.compile(r"\W*(?:which|what)\s+((?:[\w'’-]+\s+){0,5})", re.IGNORECASE)
# Rows a question may name by an entity cell ("cairo or lagos") and get framed.
_MOST_NAMED_ROWS = 4
# Columns of positions (data/answers.json).
_POSITION_WORDS = frozenset(vocabulary()["position_words"]["words"])


class Shared(NamedTuple):
    """Rows of a table holding one value: its column ("" when unnamed), the value, each row
    by the name it is listed under (at most ``_MOST_VALUED_ROWS``), and how many hold it."""

    column: str
    value: str
    rows: list[tuple[str, Evidence]]
    total: int
    noted: bool = False  # the value is a note on the rows' names: "Somalia (in transition)"


_NONE_SHARED = Shared("", "", [], 0)


def sharing_value(selection: Selection, neighbour: Neighbour | None = None) -> Shared:
    """For a list question answered by a table row, the cell value the question names and
    every row of that document holding it, best first, each by what the question asks for
    ("which states ... with a monarchical form of government": each row reading
    "Monarchical", by its subject; "which cities were in the Low group": by its City cell);
    no rows unless two or more hold it."""
    question = selection.question
    first = selection.scored[0].unit if selection.scored else None
    if question.kind != "list" or first is None:
        return _NONE_SHARED
    if first.kind != "row":
        # A footnote explaining a note ("Composantes en transition") may rank above the
        # rows the note is printed on.
        return _noted(selection, neighbour)
    topic = set(question.topic)
    # The column the question names ("a mixed legal system": Legal System) holds the value
    # asked, though another column holds the word alone (Constitutional Controls: Mixed).
    asked = _ASKED_NOUN.match(question.text)
    # "Which cities": the words of the things listed, whose column lists, not holds.
    listed_words = set(terms(asked.group(1))) if asked else set()
    named = [h for h in _columns_named(first, topic) if not set(terms(h)) <= listed_words]
    # The value the question names most fully, in the best row holding it: "which states
    # have Muslim Law" is ranked nearest a row reading "Mixed Civil Law/Muslim Law" but
    # asks for the rows reading "Muslim Law" itself.
    holding = [(len(found), -rank, u, c)
               for rank, u in enumerate(s.unit for s in selection.scored)
               if u.kind == "row" and u.chunk.source == first.chunk.source
               for h, c in list(u.cells.items())[1:] or [("", c) for c in _cells(u)[1:]]
               if (found := set(terms(c))) and found <= topic and not NUMBER.search(c)
               and (not named or h in named)]
    if not holding and (noted := _noted(selection, neighbour)).rows:
        return noted
    if not holding and len(named) == 1 and not question.countries:
        return _partly_holding(first, named[0], topic, neighbour)
    if not holding:
        return _NONE_SHARED
    _, _, best, value = max(holding, key=lambda n: n[:2])
    ranked = [s.unit for s in selection.scored if s.unit.kind == "row"]
    # A question naming a country asks about its row ("is Canada plurilingual?"), not for
    # the whole table's rows sharing its value.
    whole = [] if question.countries else _table_rows(best, neighbour)
    rows = [u for u in dict.fromkeys([*ranked, *whole])
            if u.chunk.source == best.chunk.source and value in _cells(u)]
    if len(rows) < 2:
        return _NONE_SHARED
    column = next((h for h, v in best.cells.items() if v == value), "")
    # "Which cities": the column named by one of those words, when the table has it.
    by = next((h for h in best.cells if len(said := terms(h)) == 1 and said[0] in listed_words),
              None)
    # "Which are African, and what sub-region is each in": another column the question
    # names is read of each row too; not one named only by the words of the value's column
    # and of the things listed ("which states have a monarchical form of government" names
    # no Forms of State, nor "which are in the Southern Asia sub-region" a Region).
    also = [h for h in named
            if h != column and set(terms(h)) - set(terms(column)) - listed_words]
    listed = [(_with_cells((u.cells.get(by) if by else None) or subject(u), u, also), u)
              for u in rows[:_MOST_VALUED_ROWS]]
    return Shared(column, value, listed, len(rows))


def _noted(selection: Selection, neighbour: Neighbour | None) -> Shared:
    """The rows of a table whose names carry the note the question names ("which states are
    marked as in transition": "Somalia (in transition)", "South Sudan (in transition)"),
    over the whole table of the best row carrying it, as printed; none unless two do."""
    topic = set(question_topic := selection.question.topic)
    noted = [(len(found), -rank, u, n)
             for rank, u in enumerate(s.unit for s in selection.scored) if u.kind == "row"
             for n in _notes(u) if (found := set(terms(n))) and found <= topic]
    if not noted or selection.question.countries or not question_topic:
        return _NONE_SHARED
    _, _, best, note = max(noted, key=lambda n: n[:2])
    rows = [u for u in dict.fromkeys([best, *_table_rows(best, neighbour)])
            if same_table(u, best) and note in _notes(u)]
    if len(rows) < 2:
        return _NONE_SHARED
    rows.sort(key=lambda u: (u.chunk.ordinal, u.position))  # as printed
    # The name without its note nor the note's footnote mark: "Libya (in transition) 2".
    return Shared("", note, [(_FOOTNOTE.sub("", _NOTE.sub("", subject(u))).strip(), u)
                             for u in rows[:_MOST_VALUED_ROWS]], len(rows), noted=True)


def _with_cells(name: str, row: Evidence, columns_asked: Sequence[str]) -> str:
    """A row's name with the cells of the columns asked: "Egypt (Sub-Region Northern Africa)"."""
    cells = [f"{h} {v}" for h in columns_asked if (v := row.cells.get(h, "").strip())]
    return f"{name} ({'; '.join(cells)})" if cells else name


def shared_sentence(shared: Shared, cite: Callable[[Evidence], int]) -> str:
    """The rows holding a value as one sentence, each cited: "Group is Low for Tehran [1]
    and Karachi [2], according to Table 2 ..."."""
    named = and_joined([f"{name} [{cite(u)}]" for name, u in shared.rows])
    table = table_name(shared.rows[0][1])
    # A long list says it is cut, so that nobody reads the first rows as all of them (in
    # words: a number the cited rows do not print would not be checked).
    more = " among others" if shared.total > len(shared.rows) else ""
    if shared.noted:
        return f"{table} marks {named}{more} as “{shared.value}”."
    if shared.column:
        return f"{shared.column} is {shared.value} for {named}{more}, according to {table}."
    return f"{table} gives {shared.value} for {named}{more}."


def _columns_named(row: Evidence, topic: set[str]) -> list[str]:
    """The columns (not the first, the rows' subject) whose every word the question uses
    ("a mixed legal system": Legal System)."""
    return [h for h in list(row.cells)[1:] if (words := set(terms(h))) and words <= topic]


def _partly_holding(row: Evidence, column: str, topic: set[str], neighbour: Neighbour | None
                    ) -> Shared:
    """Rows of ``row``'s table whose ``column`` holds the question's other words among
    more ("a mixed legal system": "Mixed Civil Law/Muslim Law", "Mixed Common Law/..."),
    each named with its cell; no rows unless two or more hold them."""
    cells = [(u, u.cells.get(column, "")) for u in _table_rows(row, neighbour)
             if same_table(u, row)]
    printed = set().union(*(terms(c) for _, c in cells)) if cells else set()
    wanted = (topic - set(terms(column))) & printed
    rows = [(u, c) for u, c in cells if wanted and wanted <= set(terms(c))]
    if not 2 <= len(rows) <= _MOST_HOLDING * len(cells):
        return _NONE_SHARED  # a word nearly every row prints ("Law") sets none apart
    rows.sort(key=lambda held: (held[0].chunk.ordinal, held[0].position))  # as printed
    word = next(w for w in rows[0][1].split() if set(terms(w)) & wanted)
    return Shared(column, word, [(f"{subject(u)} ({c})", u) for u, c in rows[:_MOST_VALUED_ROWS]],
                  len(rows))


def _table_rows(row: Evidence, neighbour: Neighbour | None) -> list[Evidence]:
    """The rows of the table a row is in, read through the chunks printed before and after
    its own while they hold rows under the same header (a long table is split into chunks,
    and only some of them are retrieved), past a page's footnotes between its parts."""
    out = [u for u in units(row.chunk) if u.kind == "row"]
    if neighbour is None:
        return out
    for step in (-1, 1):
        at, apart = row.chunk, 0
        for _ in range(_MOST_TABLE_CHUNKS):
            nxt = neighbour(at, step)
            if nxt is None:
                break
            at = nxt
            rows = [u for u in units(nxt) if u.kind == "row"]
            same = [u for u in rows if same_table(u, row)]
            if same:
                out += same
                apart = 0
            elif rows or (apart := apart + 1) > _TABLE_GAP:
                break  # another table, or more than a footnote between two parts
    return out


def same_table(row: Evidence, other: Evidence) -> bool:
    """Whether two rows are of one table: of one document, under the same column names (a
    page's part may print its header with an empty column more)."""
    return row.chunk.source == other.chunk.source and _names(row.header) == _names(other.header)


def _names(header: str | None) -> tuple[str, ...]:
    return tuple(n for h in (header or "").split("|") if (n := h.strip()))


def _cells(row: Evidence) -> list[str]:
    return [c.strip() for c in row.text.split("|")]


# A footnote mark after a row's name: "Libya (in transition) 2".
_FOOTNOTE = re.compile(r"\s+\d{1,2}\s*$")
# A note in brackets after a row's name: "Somalia (in transition)".
_NOTE = re.compile(r"\s*\(([^()]+)\)")


def _notes(row: Evidence) -> list[str]:
    """The notes in brackets on a row's name ("in transition" of "Somalia (in transition)"),
    not a figure ("(2022)")."""
    return [n.strip() for n in _NOTE.findall(subject(row)) if not NUMBER.search(n)]


def answering_figure(selection: Selection, config: AnswerSettings,
                     neighbour: Neighbour | None = None) -> list[Evidence]:
    """Table rows that answer a figure question: one per asked country (or the extreme
    row of the best table, read whole, when the question asks for the highest or lowest)."""
    question = selection.question
    rows = [s for s in selection.scored if s.unit.kind == "row" and s.unit.cells
            and (s.unit.entity or not labelled(s.unit) or frames(s.unit, question))]
    if not rows:
        return []
    by_entity = [s.unit for s in rows if cell_named(question.text, s.unit)]
    named_rows = list({u.text: u for u in by_entity}.values())
    if len(named_rows) >= 2 and not question.countries:
        # "istanbul vs dhaka, how big is the gap": the rows whose entity cells the question
        # names are compared, though a sentence on another gap scores above them.
        return named_rows[:_MOST_NAMED_ROWS]
    if question.extreme and not question.countries and not named_rows and not placed(
            question.text):
        # "Which country has the highest EGDI": the table's extreme answers, though a
        # sentence on "higher groups" shares more of the words.
        extreme = _extreme_rows(rows[0].unit, [s.unit for s in rows], question, neighbour)
        if extreme:
            return extreme
    if rows[0].score < config.keep_ratio * selection.best:
        return []
    if question.countries:
        picked: list[Evidence] = []
        for country in question.countries:
            match = next((s.unit for s in rows if s.unit.entity == country), None)
            if match is not None:
                picked.append(match)
        return picked
    if named_rows:
        return named_rows[:_MOST_NAMED_ROWS]  # "Lagos's score?": the row its entity cell names
    return [rows[0].unit]


# A superlative saying where in a document or table: "on its last page", "the top of the
# table" (data/answers.json "document_parts").
_PLACED = re.compile(
    rf"\b(?:{'|'.join(SUPERLATIVES)})\s+(?:of\s+the\s+|[\w-]+\s+)?"
    rf"(?:{'|'.join(vocabulary()['document_parts']['words'])})\b", re.IGNORECASE)


def placed(text: str) -> bool:
    """Whether every superlative of a question says where something is printed ("which
    states are marked on its last page"), not which row is at a measure's extreme."""
    return len(_PLACED.findall(text)) >= len(SUPERLATIVE.findall(text)) > 0


def _extreme_rows(best: Evidence, ranked: Sequence[Evidence], question: Question,
                  neighbour: Neighbour | None, named_by: set[str] | None = None
                  ) -> list[Evidence]:
    """The rows at the extreme asked of the column the question names, over the whole of
    ``best``'s table (not only the rows retrieved: "which has the lowest" is worded far
    from the row holding it); none when no figure column is named by the question's words
    (``named_by``, else its topic) or its index."""
    named = columns(best, question)
    if named_by is not None:  # the first figure column, past the column of things listed
        named = [(h, v) for h, v in named if NUMBER.fullmatch(v.strip())]
    if not named or not NUMBER.fullmatch(named[0][1].strip()):
        return []
    column = named[0][0]
    if named_by is None:
        named_by = set(question.topic) | index_name_stems(question.indices)
        if not named_by & set(terms(best.header or "")):
            return []  # a table of other measures
    elif not named_by & set(terms(f"{best.header} {best.caption}")):
        return []
    table = [u for u in dict.fromkeys([*ranked, *_table_rows(best, neighbour)])
             if same_table(u, best)]
    valued = [(u, v) for u in table if (v := _value(u.cells.get(column, ""))) is not None]
    if not valued:
        return []
    # The lowest rank is the largest number; rows tied there ("Dhaka and Tehran, both
    # 75th") are all the answer. "The top and the bottom" asks both ends, the top first.
    ends = ["max", "min"] if question.extreme == "both" else [question.extreme]
    found: list[Evidence] = []
    for end in ends:
        largest = (end == "max") != _positions(column)
        extreme = (max if largest else min)(v for _, v in valued)
        found += [u for u, v in valued if v == extreme and u not in found][:_MOST_NAMED_ROWS]
    return found


def extreme_listed(selection: Selection, neighbour: Neighbour | None) -> list[Evidence]:
    """"Which city has the best local online services?": the things asked are a column of a
    table retrieved (its City cells) and the question's other words name that table (its
    caption or header), though no measure is named: the row at the table's extreme."""
    question = selection.question
    asked = _ASKED_NOUN.match(question.text)
    if not question.extreme or question.kind != "list" or question.countries or not asked \
            or placed(question.text):
        return []
    listed = set(terms(asked.group(1)))
    rows = [s.unit for s in selection.scored if s.unit.kind == "row" and s.unit.cells]
    best = next((u for u in rows if any(
        len(said := terms(h)) == 1 and said[0] in listed for h in u.cells)), None)
    if best is None:
        return []
    rest = {t for t in question.topic if t not in listed and t not in _SUPERLATIVE_TERMS}
    return _extreme_rows(best, [u for u in rows if same_table(u, best)], question, neighbour,
                         named_by=rest)


def _positions(column: str) -> bool:
    """Whether a column holds positions, the best the smallest ("Global Rank")."""
    return bool(set(terms(column)) & _POSITION_WORDS)


def _value(text: str) -> float | None:
    try:
        return float(text.replace(",", "").rstrip("%"))
    except ValueError:
        return None
