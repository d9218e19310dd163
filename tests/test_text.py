"""The text toolkit: abbreviations a passage defines (used by retrieval and definitions)."""

import pytest

from assistant.text import abbreviations, starts_with_slip, terms


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


def test_ai_eu_and_un_are_terms_in_english() -> None:
    # bm25s's French list has "ai", "eu", "un" (have, had, a); in English they are acronyms.
    assert terms("Estonia's AI plans for EU and UN members") == [
        "estonia", "ai", "plan", "eu", "un", "member"]
    assert terms("les plans de la ville") == ["plan", "vill"]


def test_a_negating_prefix_makes_one_term() -> None:
    # "non-technical" is the opposite of "technical": a question on technical skills must not
    # find the non-technical ones by that word; spelled with or without the hyphen, one term.
    assert terms("Suggested non-technical focus areas") == ["suggest", "nontechn", "focus", "area"]
    assert terms("nontechnical") == terms("Non-technical") == terms("NON-TECHNICAL")
    assert "technic" not in terms("un-technical or non-technical")
    # a prefix that keeps the topic, and the UN's name, stay apart
    assert terms("anti-corruption UN-Habitat e-services") == [
        "anti", "corrupt", "un", "habitat", "servic"]


def test_two_stopwords_joined_by_a_hyphen_are_a_term() -> None:
    # the "as-is" map is found by "as-is", which "as" and "is" alone never name
    assert terms("the as-is map and the to-be map") == ["asi", "map", "tobe", "map"]
    assert terms("as is") == []


def test_a_parenthesised_label_is_no_abbreviation() -> None:
    assert abbreviations("factual indicators (A*) as with Type") == []
    assert abbreviations("Research and Development (R&D)") == [("R&D", "Research and Development")]


def test_an_acronym_typed_in_lower_case_is_one_of_four_letters_or_more_and_no_word() -> None:
    from assistant.knowledge import lower_case_acronyms

    assert lower_case_acronyms(["DPGA", "DIAL", "OSS", "CC2020"], {"dial", "oss"}) == {
        "dpga": "DPGA"}


@pytest.mark.parametrize(
    ("word", "start", "slipped"),
    [
        ("chalenges", "challenge", True),  # a letter dropped
        ("chaallenges", "challenge", True),  # a letter added
        ("challnege", "challenge", True),  # two letters swapped
        ("chbllenges", "challenge", True),  # a letter changed
        ("challenge", "challenge", False),  # as written: no slip
        ("chlnges", "challenge", False),  # two letters dropped
        ("change", "challenge", False),
        # The first letter slipped: each kept apart from words starting otherwise.
        ("hallenges", "challenge", True),  # dropped
        ("xchallenge", "challenge", True),  # added
        ("hcallenge", "challenge", True),  # swapped with the second
        ("shallenges", "challenge", True),  # changed
        ("strategy", "challenge", False),
    ],
)
def test_a_word_typed_with_one_letter_slipped_is_told_apart(word: str, start: str,
                                                            slipped: bool) -> None:
    assert starts_with_slip(word, start) is slipped
