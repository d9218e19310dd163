"""The vocabulary's patterns compiled once read texts as the patterns read them one by one."""

from __future__ import annotations

import re

import pytest

from assistant.measures import unit_asked
from assistant.vocabulary import attendance_terms, matches_vocabulary, vocabulary

TEXTS = [
    "Which countries were compared with all the others?",
    "WHERE was the workshop held, and who took part?",
    "how much did it cost, in euros?",
    "Which source says so? Who came from Egypt?",
    "what is the EGDI of malaysia",
    "",
]


@pytest.mark.parametrize("path", [("country_asked",), ("countries_asked",), ("source_asked",),
                                  ("place_asked", "asked"), ("person_asked", "asked"),
                                  ("compared_with_all",)])
def test_matches_vocabulary_is_any_of_the_patterns_case_apart(path):
    listed = vocabulary()
    for key in path:
        listed = listed[key]
    for text in TEXTS + [t.upper() for t in TEXTS]:
        expected = any(re.search(p, text, re.IGNORECASE) for p in listed)
        assert matches_vocabulary(text, *path) == expected


def test_some_texts_match_and_some_do_not():
    assert matches_vocabulary("WHERE WAS IT HELD?", "place_asked", "asked")
    assert not matches_vocabulary("what is the EGDI of malaysia", "place_asked", "asked")


def test_unit_and_attendance_read_as_before():
    assert unit_asked("how much did it cost, in EUROS?") == "euro"
    assert unit_asked("what is the EGDI of malaysia") is None
    assert attendance_terms("Who took part from Egypt?")
    assert not attendance_terms("what is the EGDI of malaysia")


def test_an_amount_asked_after_its_payment_verb_asks_for_money() -> None:
    """"Do the reviewers get paid, and how much?": the trailing "how much" asks how much
    they are paid, so only a passage showing an amount of money can answer it."""
    assert unit_asked("do the reviewers get paid for their work, and how much?") == "money"
    assert unit_asked("does the portal charge a fee and how much") == "money"
    assert unit_asked("who paid for the survey, and how much time did it take?") != "money"
    assert unit_asked("how much did the reviewers do?") is None
