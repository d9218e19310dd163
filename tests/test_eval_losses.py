"""The stage at which a missing fact was lost (assistant.evals.losses)."""

from __future__ import annotations

from stage_fixtures import chunk, hits

from assistant.evals.items import GoldenItem
from assistant.evals.losses import Trace, item_stage, missed, stage_lost
from assistant.evidence import units
from assistant.select import Scored, Selection
from assistant.understand import parse_question

BURDEN = chunk("Data are collected by a research team. There is no burden on Member States.")
OTHER = chunk("The index covers 27 Member States and six candidate countries.")
QUESTION = parse_question("Is there any burden on Member States?")


def _trace(retrieved, admitted):
    """One selection over ``retrieved`` whose scored units are ``admitted``, in order."""
    scored = [Scored(u, 1.0 - n / 10, 0.5, 0.5, 0) for n, u in enumerate(admitted)]
    return Trace([(hits(*retrieved), Selection(QUESTION, scored))])


def test_a_fact_no_passage_of_its_document_prints_was_lost_before_indexing():
    assert stage_lost([r"no\s+burden"], _trace([BURDEN], units(BURDEN)), [OTHER]) \
        == "not_indexed"
    assert stage_lost([r"no\s+burden"], _trace([OTHER], units(OTHER)), [BURDEN]) \
        == "not_retrieved"


def test_a_fact_only_a_heading_prints_was_lost_in_the_heading():
    level = chunk("Front office employee who handles requests.",
                  section="Box 4 > Level 1. Universal Customer Service Specialist")
    assert stage_lost([r"Universal\s+Customer"], _trace([level], units(level)), [level]) \
        == "in_heading"


def test_a_fact_no_retrieved_passage_prints_was_lost_by_retrieval():
    assert stage_lost([r"no\s+burden"], _trace([OTHER], units(OTHER))) == "not_retrieved"


def test_a_fact_across_two_units_was_lost_by_the_split():
    assert stage_lost([r"research team\. There is no"], _trace([BURDEN], units(BURDEN))) == "split"


def test_a_fact_in_no_admitted_unit_was_lost_by_admission():
    first, _ = units(BURDEN)
    assert stage_lost([r"no\s+burden"], _trace([BURDEN], [first])) == "inadmissible"


def test_a_fact_admitted_below_the_first_units_was_ranked_low_else_not_quoted():
    first, second = units(BURDEN)
    others = list(units(OTHER)) * 3
    assert stage_lost([r"no\s+burden"], _trace([BURDEN, OTHER], [*others, second])) == "ranked_low"
    assert stage_lost([r"no\s+burden"], _trace([BURDEN], [first, second])) == "not_quoted"


def test_an_item_counts_at_the_earliest_stage_of_its_missing_facts():
    item = GoldenItem("x", QUESTION.text, "answer", (), (), True,
                      ((r"no\s+burden",), (r"candidate",)), "report.pdf", (1,))
    trace = _trace([BURDEN], units(BURDEN))
    assert item_stage(item, "Data are collected by a research team [1].", trace) == "not_retrieved"
    assert item_stage(item, "Six candidate countries [1].", trace) == "not_quoted"


def test_only_answered_items_missing_facts_are_traced():
    rows = [{"id": "a", "answerable": True, "abstained": False, "coverage": 0.5},
            {"id": "b", "answerable": True, "abstained": True, "coverage": 0.0},
            {"id": "c", "answerable": True, "abstained": False, "coverage": 1.0},
            {"id": "d", "answerable": False, "abstained": False, "coverage": None}]
    results = {"sets": {"outside": {"items": {"hybrid+mmr": rows}}}}
    assert missed(results, "outside") == {"a": 0.5}


def test_a_fact_unit_placed_below_the_first_is_told_by_the_part_that_beat_it():
    from assistant.evals.losses import fact_placed
    from assistant.settings import AnswerSettings

    first, second = units(BURDEN)
    # The first shares the question's words (lexical), the fact unit is closer by meaning.
    scored = [Scored(first, 0.7, 0.4, 0.9, 0), Scored(second, 0.6, 0.6, 0.5, 0)]
    trace = Trace([(hits(BURDEN), Selection(QUESTION, scored))])
    placed = fact_placed([r"no\s+burden"], trace)
    config = AnswerSettings()
    assert placed is not None and placed.place == 1 and placed.first.unit is first
    assert placed.beaten_by(config) == "lexical"
    assert round(placed.ahead(config)["dense"], 3) == -0.1
    # A first unit ahead only by its preference by kind was beaten by ``fit``.
    preferred = [Scored(first, 0.7, 0.5, 0.5, 0, fit=0.2), Scored(second, 0.5, 0.5, 0.5, 0)]
    trace = Trace([(hits(BURDEN), Selection(QUESTION, preferred))])
    assert fact_placed([r"no\s+burden"], trace).beaten_by(config) == "fit"
    # The fact's unit first is beaten by nothing; a fact no unit prints has no place.
    assert fact_placed([r"research team"], trace).beaten_by(config) == "none"
    assert fact_placed([r"candidate"], trace) is None
