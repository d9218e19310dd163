"""A subject's figure asked against a reference: the reference read from the question, its
figure read from a passage, and the answer giving both, which is higher first."""

from __future__ import annotations

import pytest
from stage_fixtures import FakeEvidence, chunk

from assistant.answer_one import answer_one
from assistant.draft import CitationList, Draft
from assistant.reference import against, figure_of, reference_asked, subject_question
from assistant.types import Hit
from assistant.understand import Question, parse_question
from assistant.verify import verify

EGDI_TABLE = chunk(
    "Table 1 E-Government Development Index 2020.\n"
    "Country | Region | Score | Global Rank\n"
    "Kenya | Africa | 0.5326 | 119\n"
    "Norway | Europe | 0.9064 | 13",
    kind="table", section="RESULTS",
)
AVERAGES = chunk(
    "For 2020, the average EGDI of African countries was 0.3914, while the global average "
    "stood at 0.5988.",
    section="RESULTS > Regions",
)


@pytest.mark.parametrize(("text", "label", "owner"), [
    ("Is Egypt's EGDI score above the world average?", "the world average", "worldwide"),
    ("how does Nigeria's LOSI compare with the D-8 average?", "the D-8 average", "D-8"),
    ("is Malaysia below the regional mean?", "the regional average", "regional"),
    ("is that above the world avg? (egypt's egdi score 2020)", "the world average",
     "worldwide"),
    ("How does Turkey's EGDI compare with the rest of the D-8?", "the D-8 average", "D-8"),
    ("Kenya's EGDI vs the average of African countries", "the Africa average", "Africa"),
])
def test_the_reference_a_subject_is_set_against_is_read_from_the_question(
        text: str, label: str, owner: str) -> None:
    reference = reference_asked(parse_question(text))
    assert reference is not None
    assert (reference.label, reference.owner) == (label, owner)


@pytest.mark.parametrize("text", [
    "was the d8 average egdi above or below the world average in 2020",  # no one subject
    "What is Egypt's EGDI score?",  # no reference
    "Are Egypt and Nigeria above the world average?",  # two subjects
    # the average asked for, not set against: no word compares
    "how far did Central Asia's average rise in 2012?",
])
def test_no_reference_is_read_without_one_subject_and_a_reference(text: str) -> None:
    assert reference_asked(parse_question(text)) is None


def test_the_subject_is_asked_without_the_words_setting_it_against_the_reference() -> None:
    question = parse_question("Is Bangladesh's EGDI higher than the global average?")
    reference = reference_asked(question)
    assert reference is not None
    alone = subject_question(question, reference)
    # "higher" set it against the average; alone it asks for no extreme, nor the world.
    assert alone.extreme is None and "world" not in alone.topic and "global" not in alone.text
    assert alone.countries == ("Bangladesh",) and alone.kind == "figure"
    assert alone.asked == question.asked


@pytest.mark.parametrize(("owner", "figure"), [
    ("worldwide", "0.5988"), ("D-8", "0.6015"), ("regional", None)])
def test_a_reference_figure_is_the_number_its_own_naming_comes_nearest_before(
        owner: str, figure: str | None) -> None:
    text = ("For 2020, average D-8 EGDI was 0.6015, while the global average only just lags "
            "behind at 0.5988.")
    assert figure_of(text, owner) == figure


def test_a_year_glued_to_an_index_or_a_rank_without_an_average_is_no_reference_figure() -> None:
    text = "The LOSI2020 average across D-8 Members was 0.3656, well below the world average of 0.43."
    assert figure_of(text, "D-8") == "0.3656" and figure_of(text, "worldwide") == "0.43"
    assert figure_of("Egypt rose to a global rank of 111.", "worldwide") is None


def _against(text: str, *chunks: object) -> Draft:
    evidence = FakeEvidence(*chunks)  # type: ignore[arg-type]
    question = parse_question(text)
    reference = reference_asked(question)
    assert reference is not None

    def answer(asked: Question, cites: CitationList) -> tuple[Draft, list[Hit]]:
        found = evidence.retrieve(asked.text, asked)
        return answer_one(asked, found, evidence, cites), found  # type: ignore[arg-type]

    def search(asked: Question) -> list[Hit]:
        return evidence.retrieve(asked.text, asked)

    draft, _ = against(question, reference, evidence, answer, search,  # type: ignore[arg-type]
                       CitationList())
    return verify(draft)


def test_the_answer_says_first_which_figure_is_higher_then_gives_each_cited() -> None:
    draft = _against("Is Kenya's EGDI score above the world average?", EGDI_TABLE, AVERAGES)
    lead, own, stated = draft.text.split("\n\n")
    # Both numbers copied from the cited passages, so verify keeps the sentence.
    assert lead == "Kenya's EGDI score, 0.5326, is below the world average of 0.5988 [1][2]."
    assert own.startswith("Kenya's Score is 0.5326") and own.endswith("[1].")
    assert stated == f"{AVERAGES.text} [2]"
    assert [c.chunk_id for c in draft.cites.items] == [EGDI_TABLE.id, AVERAGES.id]


def test_a_group_reference_reads_the_groups_figure_of_the_same_passage() -> None:
    draft = _against("How does Kenya's EGDI score compare with the average of African countries?",
                     EGDI_TABLE, AVERAGES)
    assert draft.text.startswith(
        "Kenya's EGDI score, 0.5326, is above the Africa average of 0.3914 [1][2].")


def test_without_a_reference_figure_the_answer_says_so_after_the_subjects() -> None:
    draft = _against("Is Kenya's EGDI score above the world average?", EGDI_TABLE)
    own, missing = draft.text.split("\n\n")
    assert own.startswith("Kenya's Score is 0.5326")
    assert missing == "No passage found states a figure for the world average to compare it with."
    assert [c.chunk_id for c in draft.cites.items] == [EGDI_TABLE.id]


def test_the_answer_stage_answers_a_question_set_against_a_reference_so(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from assistant import answer

    # The index's spellings are the question's own here.
    monkeypatch.setattr(answer, "_spelled", lambda question, retriever: question)
    monkeypatch.setattr(answer, "_names_unknown", lambda question, retriever: question)
    evidence = FakeEvidence(EGDI_TABLE, AVERAGES)
    evidence.filters = SimpleNamespace(countries=())  # type: ignore[attr-defined]
    evidence.retriever = SimpleNamespace(acronyms={})  # type: ignore[attr-defined]
    draft, _ = answer._answered(parse_question("Is Kenya's EGDI score below the global mean?"),
                                evidence, None)  # type: ignore[arg-type]
    assert draft.text.startswith(
        "Kenya's EGDI score, 0.5326, is below the global average of 0.5988 [1][2].")
