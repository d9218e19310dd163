"""Tests for assistant.knowledge: index names from data/indices.json."""

import re

import pytest

from assistant.knowledge import (
    INDICES,
    IndexInfo,
    components_of,
    find_indices,
    index_info,
    index_terms,
    spelled_out,
    with_acronym,
)

_ID = re.compile(r"^[A-Z][A-Z0-9\-]+$")


def test_references_between_indices_resolve():
    ids = {i.id for i in INDICES}
    for info in INDICES:
        assert info.part_of in ids | {None}, info.id
        assert info.source in ids | {None}, info.id
        # A component written like an id must be one; plain names ("Civil Justice") may not.
        assert all(c in ids for c in info.components if _ID.match(c)), info.id
        assert all(a.isupper() for a in info.acronyms), info.id


def test_the_indices_the_issue_names_are_there():
    for index_id in ("EGDI", "OSI", "TII", "HCI", "EPI", "LOSI", "OGDI", "WGI", "GTMI", "OBI",
                     "WJP-ROLI", "VDEM-EDI", "VDEM-LDI"):
        assert isinstance(index_info(index_id), IndexInfo)
    with pytest.raises(KeyError, match="NOPE"):
        index_info("NOPE")


def test_every_name_alias_and_acronym_is_found_in_a_sentence():
    for info in INDICES:
        if info.kind == "dimension":
            continue
        for term in info.terms:
            assert info.id in find_indices(f"Scores on the {term} (2022) rose."), term


@pytest.mark.parametrize(("text", "expected"), [
    ("the E-Government Development Index (EGDI) and LOSI", ["EGDI", "LOSI"]),
    ("e-government development index", ["EGDI"]),
    ("E Government Development Index", ["EGDI"]),
    ("eGovernment Development Index", ["EGDI"]),
    ("EGDI2020 and the EGDIs of D-8 members", ["EGDI"]),
    # Typed in lower case, an acronym of four letters or more still names its index; a
    # shorter one may be a word.
    ("the osi model; egdi in lower case", ["EGDI"]),
    ("nigeria vs egypt on losi", ["LOSI"]),
    # The index of cities by what it scores: not the countries' Online Service Index.
    ("is karachi behind on the city online services index?", ["LOSI"]),
    ("the online services index of Kenya", ["OSI"]),
    ("OSIRIS and LOSIng", []),
    ("the WJP Rule of Law Index", ["WJP-ROLI"]),
    ("the rule of law matters", []),
    ("V-Dem's Egalitarian Democracy Index", ["VDEM-EGDI"]),
    ("HCI", ["HCI", "WB-HCI"]),
    ("government effectiveness improved", []),
], ids=lambda v: v if isinstance(v, str) else None)
def test_find_indices(text, expected):
    assert find_indices(text) == expected


def test_spelled_out_and_components():
    assert spelled_out("EGDI") == "E-Government Development Index"
    assert spelled_out("LOSI") == "Local Online Service Index"
    assert spelled_out("HCI") == "Human Capital Index"  # shared, but spelled the same
    assert spelled_out("XYZ") is None
    assert [c.id for c in components_of("EGDI")] == ["OSI", "TII", "HCI"]
    assert [i.id for i in with_acronym("HCI")] == ["HCI", "WB-HCI"]


def test_index_terms_for_question_parsing():
    terms = index_terms()
    assert terms["egdi"] == ("EGDI",)
    assert terms["local online service index"] == ("LOSI",)
    assert terms["e participation index"] == ("EPI",)


@pytest.mark.parametrize(("text", "expected"), [
    ("is A doing better than B both nationally and for its biggest city?", ["EGDI", "LOSI"]),
    ("is A ahead of B locally?", ["LOSI"]),
    ("is A doing better than B nationally?", []),  # the national level is compared anyway
    ("is A doing better than B?", []),
])
def test_levels_asked_name_the_indices_scoring_them(text: str, expected: list[str]) -> None:
    from assistant.knowledge import levels_asked

    assert levels_asked(text) == expected
