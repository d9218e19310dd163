"""An answer read as statements: its body without the Sources section, its sentences line
by line, the [n] markers that cover each, their content tokens and the numbers they state.

The verify stage checks an answer's numbers against its citations with these, and the
evaluation metrics (metrics.py) score the same statements.

* Numbers are compared by value (``0.40`` equals ``0.4``, ``6,400`` equals ``6400``); on the
  answer side a digit run glued to letters (``D-8``, ``COVID-19``, ``SDG16``) is a name, not
  a number, and ``[n]`` citation markers and list enumerators (``1.`` at line start) are
  ignored.
* Only the answer's body counts: a trailing "Sources" / "References" section (a heading
  with that name and everything after it) lists citations, it states nothing.
* A statement is a sentence with 2+ content tokens that is not a question. A statement
  without a marker is covered by the next marker on its line (one marker after a quoted
  multi-sentence span covers the span).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from assistant.text import NUMBERED_LABEL, STOPWORDS, stem, words
from assistant.types import Citation

_MARKER = re.compile(r"\[(\d+)\]")
_ENUMERATOR = re.compile(r"^\s*(?:[-*]\s+)?\d+[.)]\s+", re.MULTILINE)
# A number in answer text: not glued to letters on the left ("D-8", "SDG16") or the right
# ("4IR"), though an ordinal suffix ("184th") is allowed.
_ANSWER_NUMBER = re.compile(
    r"(?<!\w)(?<![A-Za-z]-)(\d+(?:[.,]\d+)*)(?:st|nd|rd|th)?(?![A-Za-z0-9])"
)
_ANY_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS_COMMA = re.compile(r",(?=\d{3}(?!\d))")
# A sentence runs to . ! or ? (and any closing quote) followed by space; the [n] markers
# right after it stay with it.
_SENTENCE = re.compile(r"\S.*?(?:[.!?][\"'”’)]*(?:\s*\[\d+\])*(?=\s|$)|$)")
_SOURCES_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s*|\*\*)(?:sources|references)\b.*$", re.IGNORECASE | re.MULTILINE
)
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}")


def answer_body(answer_text: str) -> str:
    """The answer without a trailing Sources/References section.

    >>> answer_body("Malaysia: 0.7892 [1].\\n\\n## Sources\\n- [1] p. 3")
    'Malaysia: 0.7892 [1].'
    """
    match = _SOURCES_HEADING.search(answer_text)
    return (answer_text[: match.start()] if match else answer_text).rstrip()


def _number_value(text: str) -> Decimal | None:
    """A printed number as a value: thousands commas dropped, decimal commas read as points."""
    cleaned = _THOUSANDS_COMMA.sub("", text).replace(",", ".")
    if cleaned.count(".") > 1:
        return None  # dotted identifiers such as 1.2.3 are not quantities
    try:
        value = Decimal(cleaned).normalize()
    except InvalidOperation:
        return None
    # normalize() writes 2020 as 2.02E+3; whole numbers are kept in plain digits.
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def answer_numbers(answer_text: str) -> list[Decimal]:
    """Quantities stated in an answer: no [n] markers, list enumerators or name digits.

    >>> [str(n) for n in answer_numbers("1. Malaysia (D-8) scored 0.7892, 47th [2].")]
    ['0.7892', '47']
    """
    text = _ENUMERATOR.sub(" ", _MARKER.sub(" ", answer_body(answer_text)))
    values = (_number_value(m.group(1)) for m in _ANSWER_NUMBER.finditer(text))
    return [v for v in values if v is not None]


def passage_numbers(text: str) -> set[Decimal]:
    """Every number printed in a passage, by value (digits glued to letters included).

    >>> sorted(str(n) for n in passage_numbers("EPI2020: 0.40 and 6,400"))
    ['0.4', '2020', '6400']
    """
    values = (_number_value(m.group(0)) for m in _ANY_NUMBER.finditer(text))
    return {v for v in values if v is not None}


def cited_numbers(citation: Citation) -> set[Decimal]:
    """Numbers a citation prints: in its quote, its section heading and its document title
    (an answer may name the passage it quotes, e.g. "Global Trends in e-Government 2012").

    >>> citation = Citation(1, "Report 2022", "r.pdf", 4, "Trends 2012", "0.43")
    >>> sorted(map(str, cited_numbers(citation)))
    ['0.43', '2012', '2022']
    """
    return passage_numbers(" ".join((citation.document, citation.section or "", citation.text)))


def content_tokens(text: str) -> set[str]:
    """Content words (3+ letters, no stop words, stemmed: the tokens of ``text.terms``) and
    numbers (by value) of a text.

    >>> sorted(content_tokens("The cities of Malaysia scored 0.5125 [1]"))
    ['0.5125', 'citi', 'malaysia', 'score']
    """
    tokens: set[str] = set()
    for token in words(_MARKER.sub(" ", text)):
        if token[0].isdigit():
            value = _number_value(token)
            if value is not None:
                tokens.add(str(value))
        elif len(token) >= 3 and token not in STOPWORDS:
            tokens.add(stem(token))
    return tokens


def answer_lines(answer_text: str) -> list[list[str]]:
    """Sentences of a Markdown answer, line by line; headings, table headers and
    separators dropped, a trailing run of markers kept with its sentence.

    >>> answer_lines(
    ...     "## Scores\\n| Country | Score |\\n|---|---|\\n| Malaysia | 0.79 [1] |\\n"
    ...     "It leads. [2] “Turkey follows.” [3]"
    ... )
    [['| Malaysia | 0.79 [1] |'], ['It leads. [2]', '“Turkey follows.” [3]']]
    """
    lines = answer_body(answer_text).splitlines()
    out: list[list[str]] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or _TABLE_SEPARATOR.match(stripped):
            continue
        next_line = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if stripped.startswith("|") and _TABLE_SEPARATOR.match(next_line):
            continue  # a table's header row states nothing
        sentences: list[str] = []
        for m in _SENTENCE.finditer(stripped):
            if sentences and (NUMBERED_LABEL.match(sentences[-1])
                              or _closes_bracket(sentences[-1], m.group(0))):
                # "Level 1." names what follows it; a sentence does not end in brackets
                sentences[-1] += " " + m.group(0)
            else:
                sentences.append(m.group(0))
        out.append(sentences)
    return out


def _closes_bracket(before: str, piece: str) -> bool:
    """Whether a piece closes a bracket the sentence before it left open: a sentence does
    not end inside brackets ("Hindi (What are the major challenges? Regulations: Digital
    Skills; S.no: 1), according to ..." is one sentence, as ``text.split_sentences`` reads
    a passage)."""
    return before.count("(") > before.count(")") and piece.count(")") > piece.count("(")


def answer_sentences(answer_text: str) -> list[str]:
    """All sentences of ``answer_lines`` in order."""
    return [sentence for line in answer_lines(answer_text) for sentence in line]


def cited_statements(answer_text: str, min_tokens: int = 2) -> list[tuple[str, list[int]]]:
    """Statements with the citation numbers that cover them.

    A statement is a sentence with at least ``min_tokens`` content tokens that is not a
    question (a question asserts nothing). A sentence without markers is covered by the
    markers of the next marked sentence on the same line: one marker after a quoted
    multi-sentence span covers the span.

    >>> cited_statements("Istanbul is Very High. Kuala Lumpur is High. [2] Why? Lagos is Middle.")
    [('Istanbul is Very High.', [2]), ('Kuala Lumpur is High. [2]', [2]), ('Lagos is Middle.', [])]
    """
    out: list[tuple[str, list[int]]] = []
    for line in answer_lines(answer_text):
        pending: list[str] = []
        for sentence in line:
            is_question = sentence.rstrip("\"'”’) ").endswith("?")
            if is_question or len(content_tokens(sentence)) < min_tokens:
                continue
            markers = [int(n) for n in _MARKER.findall(sentence)]
            pending.append(sentence)
            if markers:
                out += [(s, markers) for s in pending]
                pending = []
        out += [(s, []) for s in pending]
    return out
