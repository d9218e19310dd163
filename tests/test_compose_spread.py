"""An answer spread over a table's rows or over the sentence after the best quote
(assistant/compose.py: ``rows_asked``, ``with_elaboration``), on tiny fixtures."""

from __future__ import annotations

from stage_fixtures import chunk

from assistant.compose import rows_asked, with_elaboration
from assistant.evidence import units
from assistant.select import Scored, Selection
from assistant.settings import AnswerSettings
from assistant.understand import parse_question

CONFIG = AnswerSettings()
STAGES = chunk("Table 2 Stages of the plan.\nStage | Activity | Years\n"
               "One | Assess the needs | 2020\nTwo | Write the curriculum | 2021\n"
               "Three | Train the trainers | 2022\nFour | Deliver the courses | 2023\n"
               "Five | Review the results | 2024", kind="table")


def _rows(scores: list[float]) -> list[Scored]:
    rows = [u for u in units(STAGES) if u.kind == "row"]
    return sorted((Scored(u, s, 0.5, 0.5, 0) for u, s in zip(rows, scores, strict=True)),
                  key=lambda s: -s.score)


def test_a_question_asking_for_several_things_gets_the_close_rows_of_the_table_in_order() -> None:
    # Four rows tie within keep_ratio; max_units would keep three, best first.
    asked = Selection(parse_question("What are the stages of the plan?"),
                      _rows([0.90, 1.0, 0.95, 0.88, 0.5]))
    best = [s.unit for s in asked.scored[:3]]
    rows = rows_asked(asked, best, CONFIG)
    assert [r.text.split(" | ")[0] for r in rows] == ["One", "Two", "Three", "Four"]


def test_one_thing_asked_keeps_the_rows_chosen() -> None:
    asked = Selection(parse_question("When is the curriculum written?"),
                      _rows([0.90, 1.0, 0.95, 0.88, 0.5]))
    best = [s.unit for s in asked.scored[:1]]
    assert asked.question.kind != "list" and rows_asked(asked, best, CONFIG) == best


ASKED = parse_question("Why will the assistant not be one big chatbot?")


def test_the_best_sentence_is_quoted_with_the_sentence_explaining_it_as_one_quote() -> None:
    passage = chunk("The assistant will not be one big chatbot. Instead, government systems "
                    "are built on a distributed architecture. Budgets are set each year.")
    first, second, _ = units(passage)
    blocks = with_elaboration([[first]], ASKED)
    assert len(blocks) == 1 and len(blocks[0]) == 1
    assert blocks[0][0].text == f"{first.text} {second.text}"
    # A sentence naming a word of the question goes on with it too.
    named = chunk("Data are collected by a research team. There is no chatbot to answer "
                  "them. Budgets are set each year.")
    first, second, _ = units(named)
    assert with_elaboration([[first]], ASKED)[0][0].text == f"{first.text} {second.text}"


def test_a_sentence_making_another_point_is_not_brought() -> None:
    passage = chunk("The assistant will not be one big chatbot. Budgets are set each year.")
    first = units(passage)[0]
    assert with_elaboration([[first]], ASKED) == [[first]]


def test_no_lead_in_nor_fragment_is_brought_after_the_best_sentence() -> None:
    lead_in = chunk("The plan has three parts. These parts are as follows:\n- Assess\n- Train")
    heading = chunk("The plan has three parts.\nThese steps")
    for passage in (lead_in, heading):
        first = units(passage)[0]
        assert with_elaboration([[first]], ASKED) == [[first]]
    # A block of two sentences (a pointer and what it points to) gets the third joined to
    # its last; a block holding a list is left as it is.
    passage = chunk("The plan has three parts. They are costed. Also, a chatbot is planned.")
    first, second, third = units(passage)
    joined = with_elaboration([[first, second]], ASKED)[0]
    assert joined[0] == first and joined[1].text == f"{second.text} {third.text}"
    listed = chunk("The parts are:\n- Assess\n- Train\nThese are set each year.")
    block = list(units(listed)[:3])
    assert with_elaboration([block], ASKED) == [block]
