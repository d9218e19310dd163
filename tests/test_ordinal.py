"""One item of a list asked by its place: "the fourth level", "step 3", "the last phase"."""

from __future__ import annotations

import pytest
from stage_fixtures import chunk, hits, word_hash_embed

from assistant.admissible import admissible
from assistant.compose import compose_items
from assistant.draft import CitationList
from assistant.evidence import units
from assistant.ordinal import (
    LAST,
    Ordinal,
    labels_asked,
    ordinal_asked,
    pick_from,
    pick_item,
)
from assistant.select import Selection, select
from assistant.settings import AnswerSettings
from assistant.types import Chunk
from assistant.understand import parse_question
from assistant.unitvec import UnitVectors


@pytest.mark.parametrize(("question", "asked"), [
    ("Who is the fourth level of stakeholders to consult?", Ordinal((4,), "level")),
    ("what is step 3", Ordinal((3,), "step", (3,))),
    ("and the second pillar?", Ordinal((2,), "pillar")),
    ("what is the last phase of the reform", Ordinal((LAST,), "phase")),
    ("whats step 2 and what's the last step", Ordinal((2, LAST), "step", (2,))),
    ("quelle est la deuxième étape ?", Ordinal((2,), "étape")),
    ("care este a doua etapă?", Ordinal((2,), "etapă")),
    # Two labels side by side are two items compared, whatever follows the second.
    ("what is the difference between level 1 and level 2 administrators?",
     Ordinal((1, 2), "level", (1, 2))),
    ("stage 2 vs stage 3 - the practical difference?", Ordinal((2, 3), "stage", (2, 3))),
    ("steps 2 or 3, which one comes with a fee?", Ordinal((2, 3), "step", (2, 3))),
    ("what is stage four?", Ordinal((4,), "stage", (4,))),  # its number spelled
    ("examples of transactional services (stage 3) from the slides",
     Ordinal((3,), "stage", (3,))),
])
def test_the_place_and_the_name_of_the_item_asked_are_read(question, asked):
    assert ordinal_asked(question) == asked


@pytest.mark.parametrize("question", [
    "How many women were level 1 administrators in 2023?",  # a category, not an item
    "share of women among top (level 1) ministry administrators?",
    "When did the first phase of data collection begin?",  # about the item, not for it
    "what are the first steps of the reform",  # no one step
    "which step came first?",
    "does level 2 always come after level 1?",  # yes or no, about the levels
    "le niveau 2 vient-il forcément après le niveau 1 ?",
])
def test_no_item_is_asked_by_its_place(question):
    assert ordinal_asked(question) is None


def _picked(question: str, *chunks: Chunk) -> list[str]:
    q = parse_question(question)
    selection = select(q, hits(*chunks), word_hash_embed([q.text])[0],
                       UnitVectors(word_hash_embed), lambda t: 1.0, {}, AnswerSettings())
    picked = pick_item(selection, 0.0)
    return [] if picked is selection else [s.unit.text for s in picked.scored]


LEVELS = chunk(
    "The third level of stakeholders to be consulted are beneficiaries.\n"
    "The fourth level of interested parties to be consulted are interministerial committees.")
STEPS = chunk("10 Steps for Successful Programme Fulfillment\n"
              "I | Step 1: | Identify the problem\nI | Step 2: | Form a commission\n"
              "II | Step 3: | Review the results", kind="rows")
PHASES = chunk("The reform went through these phases:\n- Planning the reform\n"
               "- Piloting in two ministries\n- Rolling out nationwide")
TRENDS = chunk("Recent trends:\n- Ageing society\n- Mobile services\n- Open data")


def test_the_sentence_naming_the_place_asked_answers_not_a_neighbouring_level():
    assert _picked("what is the fourth level of stakeholders to consult?", LEVELS) == [
        "The fourth level of interested parties to be consulted are interministerial committees."]


def test_rows_are_picked_by_their_printed_step_and_the_last_by_position():
    assert _picked("programme fulfillment: what is step 2 and what is the last step",
                   STEPS) == ["I | Step 2: | Form a commission", "II | Step 3: | Review the results"]


def test_an_unnumbered_list_gives_the_item_at_the_place_asked():
    assert _picked("what is the second phase of the reform", PHASES) == [
        "Piloting in two ministries"]


def test_a_list_not_called_by_the_word_asked_is_not_picked_from():
    assert _picked("what is the second stage of recent trends", TRENDS) == []


def test_a_place_given_as_a_label_is_not_counted_in_an_unnumbered_list():
    # "Action Area 2" names a part of the deck, not the second item of its activities.
    assert _picked("what does phase 2 of the reform involve", PHASES) == []


def test_picked_items_are_quoted_alone_each_with_its_citation():
    q = parse_question("what is step 2 and the last step of programme fulfillment")
    selection = select(q, hits(STEPS), word_hash_embed([q.text])[0],
                       UnitVectors(word_hash_embed), lambda t: 1.0, {}, AnswerSettings())
    picked: Selection = pick_item(selection, 0.0)
    text = compose_items([s.unit for s in picked.scored], CitationList())
    assert text == "- I – Step 2: Form a commission [1]\n- II – Step 3: Review the results [2]"


def test_a_series_of_dated_titles_gives_the_phase_at_the_place_asked():
    # "the second phase of X" where the phases are slide titles, not a printed list.
    titles = units(chunk("Infrastructure (1987 ~ 2002)\nFull-Fledged Implementation (2003 ~ 2007)\n"
                         "Further Advancement (2008 ~ 2012)"))
    asked = ordinal_asked("what was the second phase and the last phase of the programme")
    assert asked == Ordinal((2, LAST), "phase")
    assert [u.text for u in pick_from(list(titles), asked)] == [
        "Full-Fledged Implementation (2003 ~ 2007)", "Further Advancement (2008 ~ 2012)"]
    assert pick_from(list(titles[:1]), asked) == []  # one title is no series


@pytest.mark.parametrize(("question", "asked"), [
    ("korea's category two result at the 2012 UN PSA?", (("category", 2),)),
    ("what is step 3", (("step", 3),)),
    ("How many women were level 1 administrators in 2023?", (("level", 1),)),
    ("what is the second pillar", ()),  # a place, not a printed label
    ("how many countries got an 'a' on question 31?", (("question", 31),)),
    ("at stage four, how is information passed on?", (("stage", 4),)),
])
def test_numbered_labels_asked_are_read_with_spelled_numbers(question, asked):
    assert labels_asked(question) == asked


AWARDS = chunk("2012 UN PSA Achievements - Republic of Korea\n"
               "- Category 1 – Preventing corruption. Ranked 1st place from Asia\n"
               "- Category 4 – Advancing knowledge management. Ranked 2nd place from Asia\n"
               "Korea has ranked 1st place twice in a row in the survey.")


def test_a_label_asked_is_answered_only_by_a_passage_printing_that_label():
    asked, _, _, ranked = units(AWARDS)
    q = parse_question("korea's category two result at the 2012 UN PSA?")
    # "Ranked 2nd place" is a place, not category 2; a passage naming no category is not it.
    assert not admissible(q, units(AWARDS)[2], {})
    assert not admissible(q, ranked, {})
    assert admissible(parse_question("korea's category one result at the 2012 UN PSA?"),
                      units(AWARDS)[1], {})


def test_a_count_asked_of_a_numbered_question_is_not_answered_by_the_survey_overall():
    # "how many countries got an 'a' on question 31": the survey's country count is of no
    # question; a passage printing question 31 may be.
    q = parse_question("How many countries got an 'a' on question 31 in the 2023 round?")
    overall = units(chunk("The 2023 round covered 125 countries.", year=2023))[0]
    assert not admissible(q, overall, {})
    printed = units(chunk("Question 31: in 2023, 40 countries got an 'a'.", year=2023))[0]
    assert admissible(q, printed, {})


def test_an_item_asked_by_its_place_may_be_a_passage_printing_no_label():
    # "stage 2 of ..." asks for an item (answered as a list): a numbered list ("2. Enhanced")
    # under "Four Stages of ..." need not print "Stage 2".
    stages = units(chunk("Four Stages of Service Development\n1. Emerging: websites inform\n"
                         "2. Enhanced: citizens download forms\n3. Transactional: citizens pay"))
    assert admissible(parse_question("what can citizens do at stage 2 of service development"),
                      stages[2], {})


def test_a_passage_under_a_label_asked_answers_though_its_sentence_prints_none() -> None:
    """A deck prints the stage's label over its slide ("Stage 2 – Enhanced ...") or on the
    slide before ("Stage 4 – Connected services"): the sentences under it are that stage's,
    and those under another stage's label are not."""
    slide = chunk("Stage 2 – Enhanced information services\nGovernment websites deliver "
                  "downloadable forms. The sites have audio and video and are multi-lingual.")
    label, forms, media = units(slide)
    asked = parse_question("stage 2 enhanced info services... are the sites multilingual?")
    assert admissible(asked, media, {})
    assert not admissible(parse_question("stage 3 transactions... are they multilingual?"),
                          media, {})
    later = units(chunk("Information is transferred from agencies through integrated "
                        "applications."))[0]
    q = parse_question("at stage four, how is information passed on from agencies?")
    assert admissible(q, later, {}, titles="Stage 4 – Connected services")
    assert not admissible(q, later, {}, titles="Stage 3 – Transactional services")
    assert not admissible(q, later, {})  # under no label: not the stage asked


def test_a_title_picked_by_its_place_says_what_follows_it_until_the_next_title() -> None:
    from assistant.answer_one import _until_next

    slide = units(chunk("Infrastructure (1987 ~ 2002)\nHigh-speed network\n"
                        "Further Advancement (2008 ~ 2012)\nSeamless delivery of services\n"
                        "Real-time safety network"))
    series = [u for u in slide if "~" in u.text]
    last = pick_from(series, Ordinal((LAST,), "phase"))
    assert [u.text for u in _until_next(last[0], series)] == [
        "Seamless delivery of services", "Real-time safety network"]
    assert [u.text for u in _until_next(series[0], series)] == ["High-speed network"]
    # Two places that are one item ("the second and last" of two) quote it once.
    assert len(pick_from(series, Ordinal((2, LAST), "phase"))) == 1


def test_a_label_the_text_refers_to_does_not_frame_the_lines_after_it() -> None:
    """"Refer to Question 13 for details ... Key estimates include: - ..." under "Question
    83 asks ...": the list is question 83's; question 13 is where the reader is sent."""
    guide = chunk("Question 83 asks whether the review updates borrowing estimates.\n"
                  "Refer to Question 13 for details on estimates of borrowing. Key estimates "
                  "include:\n- the amount of net new borrowing;\n- the total debt burden.")
    item = next(u for u in units(guide) if "net new borrowing" in u.text and u.kind == "item")
    assert admissible(parse_question("question 83 asks about borrowing - which key estimates "
                                     "does that cover?"), item, {})
    assert not admissible(parse_question("question 84 asks about borrowing - which key "
                                         "estimates does that cover?"), item, {})


def test_a_passage_under_a_span_of_numbered_items_answers_on_each_item_of_it():
    # "Questions 25 through 30" is the guidance of question 30 as much as of 25; not of 31.
    guidance = units(chunk("Questions 25 through 30 cover revenues. a. Two years prior to the "
                           "budget year. b. Three years prior to the budget year.",
                           section="Questions 25 through 30 cover revenues"))[-1]
    assert admissible(parse_question("question 30 on revenue actuals: what options are there?"),
                      guidance, {})
    assert not admissible(parse_question("question 31 on revenue actuals: what options are "
                                         "there?"), guidance, {})
