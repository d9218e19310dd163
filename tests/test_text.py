"""The text toolkit: abbreviations a passage defines (used by retrieval and definitions)."""

import pytest

from assistant.text import abbreviations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # long form first, lower case (a glossary's usual style)
        ("Data collection on women and men in decision-making (WMID) activity",
         [("WMID", "women and men in decision-making")]),
        # short form first, its long form in the parenthesis
        ("FTE (full-time equivalent) of 1.0 means", [("FTE", "full-time equivalent")]),
        # a leading article or verb is not part of the long form
        ("the Local Online Service Index (LOSI) measures", [("LOSI", "Local Online Service Index")]),
        ("Open Source Software (OSS) and Open Data Standards (ODS)",
         [("OSS", "Open Source Software"), ("ODS", "Open Data Standards")]),
        # a hyphenated prefix and mixed case
        ("the e-Government Development Index (EGDI) is", [("EGDI", "e-Government Development Index")]),
    ],
)
def test_a_defined_abbreviation_gives_its_long_form(text: str, expected: list[tuple[str, str]]) -> None:
    assert abbreviations(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "see Table 3 (2020) for the scores",  # a year in brackets defines nothing
        "the score (0.71) was the highest",  # nor does a figure
        "services (see below) were added",  # nor a remark whose letters do not match
        "the Organisation (OECD) met",  # letters that are not in the words before
    ],
)
def test_brackets_that_define_nothing_give_nothing(text: str) -> None:
    assert abbreviations(text) == []
