"""An answer read as statements: sentences line by line, markers, numbers (the verify stage
and the metrics read answers through these)."""

from __future__ import annotations

import doctest

from assistant import statements
from assistant.statements import answer_lines, answer_sentences


def test_docstring_examples_hold() -> None:
    result = doctest.testmod(statements)
    assert result.attempted >= 8
    assert result.failed == 0


def test_answer_sentences_skip_headings_and_table_headers() -> None:
    answer = (
        "## Malaysia\n\n"
        "| Index | Score |\n|---|---|\n| EGDI | 0.7892 [1] |\n\n"
        "Malaysia is Very High. [1] It plans a Digital Academy [2]."
    )
    assert answer_sentences(answer) == [
        "| EGDI | 0.7892 [1] |",
        "Malaysia is Very High. [1]",
        "It plans a Digital Academy [2].",
    ]


def test_a_numbered_label_is_not_a_statement_of_its_own() -> None:
    assert answer_lines("- Level 1. Nonexistent [1]\nIt grew in 2012. It fell. [2]") == [
        ["- Level 1. Nonexistent [1]"], ["It grew in 2012.", "It fell. [2]"]]


def test_a_sentence_does_not_end_inside_brackets() -> None:
    # A spreadsheet row framed with its other cells, one a column asked as a question.
    framed = ("Languages: Hindi (What are the major challenges? Regulations: Digital Skills; "
              "S.no: 1), according to the RFI [1]. It is offered online. [2]")
    assert answer_lines(framed) == [[
        "Languages: Hindi (What are the major challenges? Regulations: Digital Skills; "
        "S.no: 1), according to the RFI [1].", "It is offered online. [2]"]]
    assert answer_lines("Is it open? Yes (see below). [1]") == [["Is it open?",
                                                              "Yes (see below). [1]"]]
