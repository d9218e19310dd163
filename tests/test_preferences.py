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
