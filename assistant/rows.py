"""Table rows in an answer: a row framed by its column names, or as a list item.

A row of an index table is framed around its subject ("Malaysia's Score is 0.7892 (Global
Rank 47), according to Table 1 ... [1]."); a spreadsheet row that names its columns and
is about no country, by the column asked ("Lead Organization: DIAL (...) [1]."). The
values are copied from the row, the column names from its header. Answers read over a
whole table (the rows holding a value, the extreme row) are in ``whole_table``.
"""

from __future__ import annotations

import re

from assistant.cities import cities_named
from assistant.evidence import Evidence
from assistant.knowledge import index_name_stems
from assistant.measures import same_measure
from assistant.text import NUMBER, and_joined, folded, terms
from assistant.understand import Question

# A framed table row shows this many of its cells: a reader needs every column of a
# methodology row (company, method, sample, year), not the first three.
_FRAMED_CELLS = 7
# A cell longer than this, or of two sentences (a description), is not repeated in a
# row's frame: the citation shows it.
_FRAMED_CELL_CHARS = 120
# ... unless it holds what is asked: its column names a question term, or it holds this many.
_ASKED_TERMS = 3
# Where one sentence of a description ends and another starts ("... users. It is ..."); not
# the abbreviations of a coded cell ("Ind. Maj. + Nom.", "Prop. + Nom.").
_SENTENCE_END = re.compile(r"\b[^\W\d_][a-zà-ÿ]{3,}\. [^\W\d_]")
# A header row names what its table records when it has this many columns or more.
_FIELDS = 3


def frame(unit: Evidence, question: Question, n: int, cells: int = _FRAMED_CELLS,
          as_city: bool = True) -> str:
    """'Malaysia's Score is 0.7892 (Global Rank 47; EGDI Group Very High), according to
    Table 1 D-8 Members ... 2020 [1].' The values are copied from the row; the column
    names from its header; the edition from its caption or document. A row that names its
    columns and is about no country is framed by them: 'Lead Organization: DIAL (Activity
    ID: 3.1.2; ...), according to High Level Road Map [1].' A long cell (a description)
    is left to the citation, which shows the whole row. ``as_city``: the row of a city
    asked about as itself is framed as the city's (not in a country's line of a
    comparison, where it stands as the country's)."""
    city = _city_asked(unit, question) if as_city else None
    # "Where did Mombasa place?": the city's row is its figure, the city named first.
    ordered = [pair for pair in columns(unit, question) if pair != city]
    if not ordered:
        return f"{unit.text} [{n}]"
    asked = [(h, v) for h, v in ordered[1:]
             if not _SENTENCE_END.search(v) and _cell_asked(h, v, question)]
    (first, value), rest = ordered[0], [*asked, *(
        (h, v) for h, v in ordered[1:] if len(v) <= _FRAMED_CELL_CHARS
        and not _SENTENCE_END.search(v) and (h, v) not in asked)][: cells - 1]
    source = table_name(unit)
    if unit.entity is None and labelled(unit):
        detail = f" ({'; '.join(f'{h}: {v}' for h, v in rest)})" if rest else ""
        return f"{first}: {value}{detail}, according to {source} [{n}]."
    if city is not None:
        # "LOSI for Mombasa?": framed as the city's, its country beside ("Mombasa's Score
        # is 0.41 (Kenya; ...)"), not the country's.
        rest = [("", subject(unit)), *rest][: cells - 1]
    detail = f" ({'; '.join(f'{h} {v}'.strip() for h, v in rest)})" if rest else ""
    named = city[1] if city is not None else subject(unit)
    return f"{possessive(named)} {first} is {value}{detail}, according to {source} [{n}]."


def _city_asked(unit: Evidence, question: Question) -> tuple[str, str] | None:
    """The row's cell (column, value) naming a city the question asks about as itself."""
    asked = {city for city, _ in cities_named(question.text)}
    return next(((h, v) for h, v in unit.cells.items()
                 if " ".join(folded(v).split()) in asked), None) if asked else None


def possessive(name: str) -> str:
    """A name's possessive: "Malaysia's", "Solomon Islands'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _cell_asked(column: str, value: str, question: Question) -> bool:
    """Whether a cell holds what the question asks, long as it may be: its column names a
    question term ("number of visits" and "Number of iterations needed ... (Example"), or
    its value holds three of them ("which potential outsourced activities ... scope
    of work": "Prepare Scope of Work (potential outsourced activities): Landscape ...")."""
    topic = set(question.topic)
    return bool(set(terms(column)) & topic) or len(set(terms(value)) & topic) >= _ASKED_TERMS


def table_name(unit: Evidence) -> str:
    """What a row's table is called: its caption, else its document's title."""
    return (unit.caption or unit.chunk.document).rstrip(". ")


def fields(unit: Evidence) -> str | None:
    """What a table records, named by its header row, to be cited ("Country Who's Who Report
    records: Name, Email, Institution, Role and LinkedIn Profile"); None for a header of
    fewer than three columns."""
    names = [h.strip() for h in (unit.header or "").split("|") if h.strip()]
    if len(names) < _FIELDS:
        return None
    return f"{table_name(unit)} records: {and_joined(names)}"


def labelled(unit: Evidence) -> bool:
    """Whether a row names its columns itself ("Timeline: TBD | Lead Organization: DIAL")."""
    return _labelled_value(unit) is not None


def subject(unit: Evidence) -> str:
    """What a row is about: its first cell's value ("Malaysia"; "OI 3.1" of a spreadsheet
    row that names its columns, "Indicator: OI 3.1")."""
    return _labelled_value(unit) or unit.text.split("|")[0].strip()


def _labelled_value(unit: Evidence) -> str | None:
    """The value of a row's first cell when the cell names its column, else None."""
    first = unit.text.split("|")[0].strip()
    return next((v for h, v in unit.cells.items() if first == f"{h}: {v}"), None)


def frames(unit: Evidence, question: Question) -> bool:
    """A row is framed when its first column is one the question names or a figure;
    otherwise it is quoted as printed (its citation shows the header)."""
    named_first = columns(unit, question)
    if not named_first:
        return False
    name, value = named_first[0]
    named = bool(set(terms(name)) & set(question.topic))
    # A figure frames an index table's row; a spreadsheet row's "Activity ID: 3.1.2" says
    # nothing the question asked, so such a row is framed only by a column it names.
    if unit.entity is None and labelled(unit):
        return named
    return named or bool(NUMBER.fullmatch(value.strip()))


def columns(unit: Evidence, question: Question) -> list[tuple[str, str]]:
    """A row's (column, value) pairs other than its subject, the ones the question names
    most first, then figures, then the rest. A row that names its columns keeps its first
    cell: "Stage: Scoping" is a value the question may ask for."""
    own = None if labelled(unit) else subject(unit)
    cells = [(h, v) for h, v in unit.cells.items() if _says(v) and v != own]
    # "how many people": the column "Population" is the one asked.
    topic = same_measure(question.topic)
    # The words of the table's title and caption name every row's table before one of its
    # columns: "the languages of Kenya in the Index of States" asks no "Forms of State",
    # though a column the question names only by them is still the one asked.
    untitled = topic - set(terms(f"{unit.chunk.document} {unit.caption or ''}"))
    # In a figure question, a column that names the index but holds no figure ("EGDI
    # Group: High") is not the index's value: "Indonesia's EGDI" asks for its score.
    index_words = index_name_stems(question.indices) if question.kind == "figure" else frozenset()

    def order(pair: tuple[str, str]) -> tuple[int, int, int, int]:
        figure = bool(NUMBER.fullmatch(pair[1].strip()))
        words = set(terms(pair[0]))
        named = words - (frozenset() if figure else index_words)
        return (-len(named & untitled), -len(named & topic), 0 if figure else 1,
                -len(words & topic))

    return sorted(cells, key=order)


def as_item(row: Evidence) -> str:
    """A table row as a list item: its first cell, then the others by their column
    ("C.1. User Support (Stakeholders Involved: IT personnel, End Users)")."""
    cells = [(k, v) for k, v in row.cells.items() if _says(v)]
    if not cells:
        return _joined_cells(row.text)
    rest = "; ".join(f"{k}: {v}" for k, v in cells[1:])
    return f"{cells[0][1]} ({rest})" if rest else cells[0][1]


def _says(value: str) -> bool:
    """Whether a cell holds a word or a figure: a matrix's marks ("● ● ●", "✓") and
    placeholder dashes ("-----") read as nothing once out of their grid, so a row's frame
    leaves them to the citation, which shows the row as printed."""
    return any(c.isalnum() for c in value)


def _joined_cells(text: str) -> str:
    """A row without column names read as a line: "I | Step 1: | Identification" ->
    "I – Step 1: Identification" (a label ending in a colon runs on into its cell)."""
    out = ""
    for cell in (c.strip() for c in text.split("|")):
        if cell:
            out = f"{out}{' ' if not out or out.endswith(':') else ' – '}{cell}"
    return out.strip()


