"""Preferences by the kind of answer asked (assistant/preferences.py) on tiny fixtures."""

from __future__ import annotations

from stage_fixtures import chunk

from assistant.evidence import units
from assistant.preferences import preference
from assistant.understand import parse_question

_POINTER = chunk(
    "Each form consists of a series of questions. Details on the types of questions, and how "
    "to complete them, are contained in a following section.\n"
    "The common services, detailed in annex no. 1, are open to all institutions.\n"
    "Each form consists of a series of questions, followed by a comment box.")


def test_a_sentence_deferring_to_another_part_ranks_below_the_parts_it_points_to() -> None:
    # It names every word of "what types of questions" and none of the types, which the
    # section it points to lists.
    q = parse_question("What types of questions are in the forms?")
    _, details, annex, plain = units(_POINTER)
    assert preference(q, details, {}) < preference(q, plain, {})
    assert preference(q, annex, {}) < preference(q, plain, {})
    # Asked where to look, the pointer is the answer: no lower than another sentence.
    where = parse_question("Where can I find details on the types of questions?")
    assert preference(where, details, {}) >= preference(where, plain, {})


_COMPETENCES = chunk(
    "Relevant e-Competencies | Stakeholders Involved\n"
    "D.4. Purchasing | Management/Policy makers\n"
    "D.9. Personnel Development | Management/Policy makers, Trainers",
    kind="table")
_SAMPLES = chunk(
    "Country | Coverage | Polling Company | Sample\n"
    "Kenya | Nationally representative | Infinite Insight | 1000",
    kind="table")


def test_a_list_asked_counts_a_row_whose_columns_the_question_prints() -> None:
    # The table whose columns the question names is the list asked, as a list's items are.
    q = parse_question("Which competencies list management/policy makers as the only "
                       "stakeholders?")
    row = next(u for u in units(_COMPETENCES) if u.kind == "row")
    assert preference(q, row, {}) >= 0.1
    # One column word ("Sample") is no list asked: a poll's table only shares the word.
    sample = parse_question("Which institution does the sample profile name?")
    poll = next(u for u in units(_SAMPLES) if u.kind == "row")
    assert preference(sample, poll, {}) < 0.1
