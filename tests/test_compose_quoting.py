"""Which close seconds an answer quotes beside its best unit (assistant/compose.py): a
definition's lead-in with its items, a list's own page's sentences, a section named by the
question only when it holds what answers, on tiny fixtures."""

from __future__ import annotations

from dataclasses import replace

from stage_fixtures import chunk

from assistant.choose import same_role_placed
from assistant.compose import (
    _section_answers,
    compose_answer,
    with_antecedent,
    with_elaboration,
    without_repeats,
)
from assistant.draft import CitationList
from assistant.evidence import Evidence, units
from assistant.select import Scored, Selection
from assistant.settings import AnswerSettings
from assistant.understand import parse_question

CONFIG = AnswerSettings()


def _scored(*pairs: tuple[Evidence, float]) -> list[Scored]:
    return [Scored(u, s, s, s, 0) for u, s in pairs]


def test_a_definition_joined_to_a_lead_in_brings_the_items_it_announces() -> None:
    passage = chunk("Question 31 asks whether core information on debt is provided. "
                    "The core information includes:\n- total debt outstanding;\n"
                    "- interest payments on the debt;\n- maturity profile of the debt.")
    question = parse_question("What is the core information on debt?")
    assert question.kind == "definition"
    first = units(passage)[0]
    text = compose_answer(Selection(question, _scored((first, 0.9))), CONFIG, CitationList())
    # Never the lead-in alone: its items follow it.
    assert "The core information includes" in text
    assert "total debt outstanding" in text and "maturity profile of the debt" in text


def test_a_list_answer_keeps_a_close_sentence_of_its_own_page_not_of_another() -> None:
    listed = chunk("Rights are set per form:\n- The columns Save or Submit may be checked "
                   "for each correspondent.\n- Coordinators may certify forms.\n"
                   "This is because the same system is also used for other surveys.",
                   page=12)
    other = chunk("Other surveys are run each year by the fund.", page=30)
    _, item, second, sentence = units(listed)
    question = parse_question("Why does the form distinguish Save and Submit rights?")
    scored = _scored((item, 0.90), (second, 0.82), (sentence, 0.80), (units(other)[0], 0.80))
    text = compose_answer(Selection(question, scored), CONFIG, CitationList())
    assert "Coordinators may certify forms" in text  # the list, whole
    assert "other surveys. [" in text  # the reason on its page
    assert "run each year" not in text  # another page's close second adds no list's fact


def test_a_named_section_answers_only_when_it_holds_what_answers_best() -> None:
    named = chunk("- Based on user-oriented service integration\n- Expand partnerships",
                  section="Phases of Smart Government", page=48)
    best = chunk("- Strategies are formulated as a part of socio economic strategies",
                 section="New Sub-stage: Smart Government", page=16)
    question = parse_question("Smart government strategies are formulated as part of what?")
    far = Selection(question, _scored((units(best)[0], 0.91), (units(named)[0], 0.79)))
    assert not _section_answers(far, [named])
    # All but tied with the best, or holding it: the section answers.
    tied = Selection(question, _scored((units(best)[0], 0.91), (units(named)[0], 0.86)))
    assert _section_answers(tied, [named])
    assert _section_answers(far, [best])
    # A subsection of the best unit's own section ("A recap of the challenges ..." over
    # "... > Challenges") answers too.
    recap = chunk("A recap was provided of the challenges.", section="Conclusions")
    under = chunk("- Weak connectivity", section="Conclusions > Challenges")
    led = Selection(question, _scored((units(recap)[0], 0.91), (units(under)[0], 0.5)))
    assert _section_answers(led, [under])
    # A section whose path names more of the question than the best unit's answers too.
    kenya = chunk("Kenya's delegation presented the challenges it faces.", section="Kenya")
    ends = chunk("- Connectivity remains poor", section="Conclusions > Challenges")
    asked = parse_question("What challenges did members face according to the conclusions?")
    named = Selection(asked, _scored((units(kenya)[0], 0.91), (units(ends)[0], 0.5)))
    assert _section_answers(named, [ends])


def test_an_added_point_goes_with_the_best_sentence_only_when_it_names_a_word_asked() -> None:
    asked = parse_question("How is Nigeria dealing with its power supply?")
    other = chunk("Nigeria has an inadequate power supply. In addition, there is a low "
                  "acceptance of digital government among officials.")
    first = units(other)[0]
    assert with_elaboration([[first]], asked) == [[first]]
    same = chunk("Nigeria has an inadequate power supply. In addition, the power grid is "
                 "being extended to rural areas.")
    first, second = units(same)
    assert with_elaboration([[first]], asked)[0][0].text == f"{first.text} {second.text}"
    # A sentence going on with the same point ("Instead, ...") is joined by its opening.
    instead = chunk("Nigeria has an inadequate power supply. Instead, offices run on diesel.")
    first, second = units(instead)
    assert with_elaboration([[first]], asked)[0][0].text == f"{first.text} {second.text}"


def test_of_moderators_tied_on_the_question_the_one_under_the_session_asked_is_kept() -> None:
    day1 = chunk("15 March 2022\nSession 1: Opening\nModerator: Ms. Ann Roe, Officer\n"
                 "Session 2: Country Presentations\nModerator: Mr. Bo Lee, Officer")
    day2 = chunk("16 March 2022\nSession 3: Country Presentations (Continued)\n"
                 "Moderator: Ms. Cy Dow, Director", page=2)
    people = [u for c in (day1, day2) for u in units(c) if u.text.startswith("Moderator")]
    assert len(people) == 3
    asked = parse_question("who was the moderator of session 3 on 16 march?")
    assert [u.text for u in same_role_placed(asked, people)] == [
        "Moderator: Ms. Cy Dow, Director"]
    # Nothing the question names above any of them: all are kept, as tied.
    vague = parse_question("who was the moderator?")
    assert same_role_placed(vague, people) == people
    # Lines naming people by different roles are not weighed against each other.
    speaker = units(chunk("Session 3\nSpeaker: Mr. Al Kim"))[-1]
    assert same_role_placed(asked, [people[0], speaker]) == [people[0], speaker]


def test_a_definition_of_two_terms_quotes_both() -> None:
    codes = chunk("NR Number of persons (headcount)\nPC Percent of total", section="Units")
    question = parse_question("what do the unit codes NR and PC stand for")
    assert question.kind == "definition" and question.defined is None
    nr, pc = units(codes)
    text = compose_answer(Selection(question, _scored((nr, 0.72), (pc, 0.70))), CONFIG,
                          CitationList())
    assert "Number of persons" in text and "Percent of total" in text


def test_a_best_sentence_adding_to_the_one_before_comes_after_it_when_that_one_is_asked_of(
) -> None:
    asked = parse_question("national data dictionary and one per institution - whose?")
    passage = chunk("Another step in Turkey's transformation is its National Data Dictionary. "
                    "There is also a respective data dictionary for each institution.")
    before, added = units(passage)
    assert with_antecedent([[added]], asked) == [[before, added]]
    # Complete in itself, beside a sentence naming nothing asked that it lacks: alone.
    other = chunk("Nigeria experiences high political will. Moreover, a training center "
                  "for public servants is available.")
    alone = units(other)[1]
    trained = parse_question("is there a training center for public servants?")
    assert with_antecedent([[alone]], trained) == [[alone]]
    # A sentence opening otherwise is left as it is.
    plain = units(chunk("Turkey has a National Data Dictionary. Each institution has one."))[1]
    assert with_antecedent([[plain]], asked) == [[plain]]


def test_a_block_repeating_sentences_quoted_already_is_left_out() -> None:
    summary = chunk("Reports are issued by the Treasury. Either form is acceptable.", page=3)
    chapter = chunk("Reports are issued by the Treasury. Either form is acceptable.", page=9)
    first, second = units(summary)
    joined = replace(first, text=f"{first.text} {second.text}")
    again = list(units(chapter))
    other = [units(chunk("Budgets are enacted each year.", page=9))[0]]
    assert without_repeats([[joined], again, other]) == [[joined], other]


def test_a_definition_whose_list_lead_in_holds_it_says_it_once() -> None:
    passage = chunk("Question 31 asks whether core information on debt is provided. "
                    "The core information includes:\n- total debt outstanding;\n"
                    "- interest payments on the debt.")
    question = parse_question("What is the core information on debt?")
    first = units(passage)[0]
    text = compose_answer(Selection(question, _scored((first, 0.9))), CONFIG, CitationList())
    assert text.count("Question 31 asks") == 1 and "interest payments" in text

