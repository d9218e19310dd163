"""Programme and agenda pages (assistant/programme.py and the stages reading it): a role
line is a statement naming who, quoted with the person's title under its session."""

from __future__ import annotations

import pytest
from stage_fixtures import chunk, hits, word_hash_embed

from assistant.admissible import admissible
from assistant.compose import compose_answer
from assistant.draft import CitationList
from assistant.evidence import units
from assistant.parsers.pdf import _heading_levels
from assistant.parsers.pdf_text import Run
from assistant.parsers.word import _label_lines_as_headings
from assistant.programme import (
    names_person,
    names_someone,
    role_named,
    session_title,
    time_slot,
)
from assistant.select import select
from assistant.settings import AnswerSettings
from assistant.types import Block
from assistant.understand import parse_question
from assistant.unitvec import UnitVectors

pytestmark = pytest.mark.unit

# A made-up workshop programme, as the PDF parser prints it: slots, sessions, people.
AGENDA = chunk(
    "09:00 - 09:30 Welcome and Opening Remarks\n"
    "Ms. Jane Roe\n"
    "Director, Office of Digital Services, Ministry of Innovation (10 min)\n"
    "Keynote by Dr. Omar Quill\n"
    "Chief Economist, Regional Development Bank (15 min)\n"
    "09:30 - 11:00 Session 1: Open Data Portals\n"
    "Moderator: Mr. Tom Birch\n"
    "Senior Officer, Statistics Agency\n"
    "Open discussion (20 min)\n"
    "11:00 - 12:00 Session 2: Closing Plenary\n"
    "Moderator: Ms. Ada Vine\n"
    "Head of Unit, Digital Ministry",
    section="PROGRAMME", document="Workshop on Open Government 2031",
)


@pytest.mark.parametrize("line", [
    "Moderator: Ms. Stefania Roe", "Chaired by Dr. A. Bee", "Speakers: Mr. X Yan, Ms. Y Zed",
    "Modératrice : Mme Marie Dupont", "Présidé par M. Jean Martin",
    "Setting the Scene by Mr. John Doe", "Ambassador Mr. Isaac Abel Imam", "Mme Claire Fontaine",
], ids=lambda line: line[:18])
def test_a_role_line_or_a_name_alone_names_someone(line: str) -> None:
    assert names_someone(line)


@pytest.mark.parametrize("line", [
    "Director, Office of Digital Services", "Chairs of the committee met twice.",
    "The survey was led by Mr. Smith and others.", "Moderation of content online",
    "Open discussion (20 min)",
], ids=lambda line: line[:18])
def test_a_title_or_a_sentence_names_nobody(line: str) -> None:
    assert not names_someone(line)


def test_a_credit_names_a_person_anywhere_in_its_line() -> None:
    # The person's title follows the name on the same line: no role line, still a credit.
    assert names_person("Setting the Scene by Mr. John Doe Chief, Digital Branch (20 min)")
    assert names_person("Ms. Jane Roe Programme Officer, Capacity Development Unit")
    assert not names_person("Kenya expanded mobile services by 2023 in every county.")


def test_a_session_line_is_its_slot_and_title_not_a_bare_slot() -> None:
    assert time_slot("6AM - 7AM New York Welcome") and time_slot("9h00-10h30 Ouverture")
    assert session_title("09:30 - 11:00 Session 1: Open Data Portals")
    assert not session_title("1PM - 2PM Istanbul") and not session_title("Moderator: Mr. Tom Birch")


def test_a_bold_role_line_or_name_is_no_heading() -> None:
    # Body text at 10 pt, bold lines at 10 pt: the session title heads, the people do not.
    body = [Run("Each country presents its progress on open data in ten minutes.", 10, False, 700)]
    page = [Run("The Way Forward", 10, True, 600), Run("Moderator: Mr. Tom Birch", 10, True, 580),
            Run("Ms. Ada Vine", 10, True, 560), *body * 5]
    assert list(_heading_levels([page])[0]) == ["The Way Forward"]


def test_a_word_role_line_is_no_label_heading() -> None:
    # A Word programme without heading styles: short lines above longer ones are labels.
    blocks = [Block("paragraph", "Closing Plenary", 1),
              Block("paragraph", "Moderator: Ms. Ada Vine", 1),
              Block("paragraph", "Head of Unit, Digital Ministry, who sums up the day.", 1)]
    kinds = [b.kind for b in _label_lines_as_headings(blocks, set())]
    assert kinds == ["heading", "paragraph", "paragraph"]


def test_a_role_line_is_quoted_with_the_persons_title_under_its_session() -> None:
    named = [(u.text, u.header) for u in units(AGENDA) if u.header]
    assert named == [
        ("Ms. Jane Roe Director, Office of Digital Services, Ministry of Innovation (10 min)",
         "09:00 - 09:30 Welcome and Opening Remarks"),
        ("Keynote by Dr. Omar Quill Chief Economist, Regional Development Bank (15 min)",
         "09:00 - 09:30 Welcome and Opening Remarks"),
        ("Moderator: Mr. Tom Birch Senior Officer, Statistics Agency",
         "09:30 - 11:00 Session 1: Open Data Portals"),
        ("Moderator: Ms. Ada Vine Head of Unit, Digital Ministry",
         "11:00 - 12:00 Session 2: Closing Plenary"),
    ]
    # What is not a person's title stays a unit of its own.
    assert "Open discussion (20 min)" in [u.text for u in units(AGENDA)]


def _answer(question: str) -> str:
    q = parse_question(question)
    config = AnswerSettings()
    selection = select(q, hits(AGENDA), word_hash_embed([q.text])[0],
                       UnitVectors(word_hash_embed), lambda t: 1.0, {}, config)
    return compose_answer(selection, config, CitationList())


def test_who_moderated_a_session_is_that_sessions_moderator_only() -> None:
    answer = _answer("who moderated the closing plenary?")
    assert "Ada Vine" in answer and "Tom Birch" not in answer


def _unit(text: str):
    return next(u for u in units(AGENDA) if u.text.startswith(text))


def test_a_short_role_line_answers_who_had_that_role_however_the_question_asks() -> None:
    # "whose job was it to ..." asks who, though it does not open with "who"; the line is
    # short and capitalised like a title, yet it states who moderated.
    question = parse_question("whose job was it to moderate the open data portals session?")
    assert admissible(question, _unit("Moderator: Mr. Tom Birch"), {})
    assert "Tom Birch" in _answer(question.text)


def test_a_role_line_answers_only_for_the_role_the_question_names() -> None:
    moderator = _unit("Moderator: Mr. Tom Birch")
    asked = parse_question("whose job was it to moderate session 1?")
    assert role_named(moderator.text, asked.topic)
    # Printed under a session, a moderator is still not who spoke in it.
    spoke = parse_question("who gave the remarks in session 1?")
    assert role_named(moderator.text, spoke.topic) is False
    assert not admissible(spoke, moderator, {})
    # A line naming a person without a role label answers any part.
    assert role_named(_unit("Ms. Jane Roe").text, spoke.topic) is None


def test_a_dated_title_answers_when_though_it_is_printed_as_a_heading() -> None:
    agenda = chunk("6PM - 7PM Lisbon Welcome and Opening Remarks\nMs. Jane Roe\n"
                   "Director, Office of Digital Services (10 min)", section="PROGRAMME")
    session = units(agenda)[0]
    assert admissible(parse_question("what time did the welcome start in lisbon?"), session, {})
    assert not admissible(parse_question("what were the opening remarks in lisbon?"),
                          session, {})
    slide = chunk("Rollout Phase (2015 ~ 2019)\nOnline Services\n- 40 services moved online",
                  kind="list")
    title = units(slide)[0]
    assert admissible(parse_question("when did the rollout phase run?"), title, {})
    assert not admissible(parse_question("what did the rollout phase do?"), title, {})


def test_a_title_counting_the_measure_asked_answers_how_many() -> None:
    slide = chunk("Development of 4 Regional Hubs\n- Output 1: Hub design\n- Output 2: Staffing",
                  kind="list")
    title = units(slide)[0]
    assert admissible(parse_question("how many regional hubs are planned?"), title, {})
    # A count of something else, or no count asked: the title only frames its list.
    assert not admissible(parse_question("how many outputs are planned?"), title, {})
    assert not admissible(parse_question("what is planned for the regional hubs?"), title, {})
