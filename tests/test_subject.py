"""The thing a question asks about by name (assistant/subject.py) on tiny fixtures."""

from __future__ import annotations

import pytest
from stage_fixtures import chunk

from assistant.evidence import units
from assistant.subject import activity_asked, spelled_asked, spelled_out, subject_is, subject_words
from assistant.text import terms
from assistant.understand import parse_question


@pytest.mark.parametrize(
    ("question", "thing"),
    [
        ("What does the UN Department of Economic and Social Affairs do?",
         "the UN Department of Economic and Social Affairs"),
        ("what does UN DESA actually do? the report opens with it", "UN DESA"),
        ("a colleague asked me what UN DESA actually does - does the report say?", "UN DESA"),
        ("whats the point of the D-8 as an organisation, in a sentence or two", "the D-8"),
        ("what is the D-8 actually for?", "the D-8"),
        ("What does OSI measure?", None),  # what it measures: a definition, not its doings
        ("What are the challenges of Egypt?", None),
        # "for" inside the clause asks a rationale or a figure, not what the thing is for.
        ("What is the rationale for the transition from governance to e-governance?", None),
        ("What was the registration fee for the March 2022 workshop?", None),
        # What a document said someone should do is not what the document does.
        ("what did the presentation say universities should do about teaching?", None),
    ],
)
def test_a_question_asking_what_a_body_does_names_the_body(question: str,
                                                           thing: str | None) -> None:
    assert activity_asked(question) == thing


@pytest.mark.parametrize(
    ("sentence", "subject"),
    [
        ("The Department works in three main areas.", ["the", "department"]),
        ("D-8 is a global arrangement.", ["d-8"]),
        ("D-8, also known as Developing-8, is an organization.", ["d-8"]),  # an aside
        # No verb right after: a line of names, a subject whose verb is clauses away.
        ("Division for Public Administration (DPADM) UN Department of Economic Affairs", []),
        ("UN DESA, through its Division, in collaboration with partners, organized a workshop.",
         []),
        ("Finally, D-8 Members require support.", []),
        # Opening in lower case: the line goes on from one before, its subject is there.
        ("is responsible for the portal.", []),
        ("are the two tools.", []),
    ],
)
def test_a_sentences_subject_is_what_opens_it_before_its_verb(sentence: str,
                                                              subject: list[str]) -> None:
    assert subject_words(sentence) == subject


def test_a_sentence_is_about_the_body_asked_when_its_head_word_is_the_subject() -> None:
    works, organised = units(chunk(
        "The Department works in three areas. Partners met the Department in May."))
    assert subject_is("the UN Department of Economic and Social Affairs", works, {})
    assert not subject_is("the UN Department of Economic and Social Affairs", organised, {})
    # An abbreviation asked stands for the expansion the corpus prints for it.
    expansions = {"UNDESA": "UN Department of Economic and Social Affairs"}
    assert subject_is("UN DESA", works, expansions) and not subject_is("UN DESA", works, {})


def test_an_abbreviation_asked_is_held_by_the_unit_spelling_it_out() -> None:
    expansions = {"UNDESA": "UN Department of Economic and Social Affairs"}
    # Typed in parts, as the documents join it.
    spelled = spelled_asked(parse_question("What does UN DESA do?"), expansions)
    assert spelled == [(frozenset({"un", "desa"}),
                        tuple(terms("UN Department of Economic and Social Affairs")), "UNDESA")]
    passage = chunk("The Department of Economic and Social Affairs of the United Nations is a "
                    "vital interface. The Department works in three areas.")
    named, after = units(passage)
    assert spelled_out(spelled, named, passage.text) == (frozenset({"un", "desa"}), frozenset())
    # The sentence after it is about it too, as its passage spells it out: half found.
    assert spelled_out(spelled, after, passage.text) == (frozenset(), frozenset({"un", "desa"}))
    other = units(chunk("The Department of Health works in two areas."))[0]
    assert spelled_out(spelled, other, other.text) == (frozenset(), frozenset())
    printed = units(chunk("UNDESA works in three areas."))[0]
    assert spelled_out(spelled, printed, printed.text) == (frozenset({"un", "desa"}),
                                                          frozenset())


def test_an_expansions_words_scattered_over_another_name_spell_out_nothing() -> None:
    expansions = {"NITDA": "National Information Technology Development Agency",
                  "NSDI": "National Spatial Data Infrastructure"}
    spelled = spelled_asked(parse_question("Who chairs the NITDA board?"), expansions)
    assert [key for _, _, key in spelled] == ["NITDA"]
    other = units(chunk("The National Spatial Data Infrastructure (NSDI) is an agency for "
                        "development, relying on information technology."))[0]
    assert spelled_out(spelled, other, other.text) == (frozenset(), frozenset())
    named = units(chunk("The National Information Technology Development Agency chairs "
                        "the board."))[0]
    assert spelled_out(spelled, named, named.text) == (frozenset({"nitda"}), frozenset())


def test_day_to_day_after_does_is_how_often_not_what_is_asked() -> None:
    asked = parse_question("new colleague asked me what UN DESA actually does day to day - "
                           "does the report say?")
    assert "day" not in asked.topic and activity_asked(asked.text) == "UN DESA"
    assert "day" in parse_question("What happens on day two?").topic
