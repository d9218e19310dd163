"""The evidence, select, compose and verify stages on tiny fixtures: no model, no index."""

from __future__ import annotations

from stage_fixtures import CONTENTS, LIST, PROSE, TABLE, chunk, hits, word_hash_embed

from assistant.compose import CitationList, Draft, compose_answer, decline, frame_row, render_list
from assistant.evidence import units
from assistant.select import admissible, select
from assistant.settings import AnswerSettings
from assistant.text import split_sentences
from assistant.understand import parse_question
from assistant.unitvec import UnitVectors
from assistant.verify import verify

CONFIG = AnswerSettings()


def _select(question: str, *chunks):
    q = parse_question(question)
    vectors = UnitVectors(word_hash_embed)
    return select(q, hits(*chunks), word_hash_embed([q.text])[0], vectors, lambda t: 1.0, {}, CONFIG)


# ---- evidence units ---------------------------------------------------------------------
def test_sentences_keep_abbreviations_and_enumerations_whole() -> None:
    assert split_sentences("The U.N. report, e.g. in Fig. 2, shows it. Then (1) one; (2) two.") == [
        "The U.N. report, e.g. in Fig. 2, shows it.", "Then (1) one; (2) two.",
    ]


def test_a_table_row_is_quoted_with_its_caption_and_header() -> None:
    rows = [u for u in units(TABLE) if u.kind == "row"]
    assert [r.entity for r in rows] == ["Kenya", "Uruguay", "Norway"]  # URY is an ISO code
    assert rows[0].cells == {"Country": "Kenya", "Region": "Africa", "Readiness score": "0.61", "Rank": "12"}
    assert rows[0].quote == (
        "Table 3 Digital Readiness Index 2024.\nCountry | Region | Readiness score | Rank\n"
        "Kenya | Africa | 0.61 | 12"
    )


def test_list_items_carry_their_lead_in() -> None:
    items = [u for u in units(LIST) if u.kind == "item"]
    assert [i.text for i in items] == ["Leadership", "Skills", "Infrastructure", "Data"]
    assert {i.header for i in items} == {"The framework has four pillars:"}


# ---- select -----------------------------------------------------------------------------
def test_furniture_headings_and_other_countries_cannot_answer() -> None:
    q = parse_question("What is Norway's readiness score?")
    kenya, uruguay, norway = (u for u in units(TABLE) if u.kind == "row")
    assert admissible(q, norway, {}) and not admissible(q, kenya, {})
    assert not any(admissible(q, u, {}) for u in units(CONTENTS))
    heading = chunk("Results", section="Results")
    assert not admissible(parse_question("What are the results?"), units(heading)[0], {})


def test_a_figure_question_needs_a_figure_the_question_does_not_state() -> None:
    q = parse_question("How many services did Kenya expand in 2023?")
    sentence = next(u for u in units(PROSE) if "Kenya expanded" in u.text)
    assert not admissible(q, sentence, {})  # its only number is the year asked


def test_the_unit_that_covers_the_question_scores_best() -> None:
    selection = _select("What are the four pillars of the framework?", PROSE, LIST)
    best = selection.scored[0].unit
    assert best.kind == "item" and best.chunk == LIST


# ---- compose ----------------------------------------------------------------------------
def test_a_row_is_framed_with_its_column_names_and_table() -> None:
    q = parse_question("What is Kenya's readiness score?")
    row = next(u for u in units(TABLE) if u.entity == "Kenya")
    cites = CitationList()
    assert frame_row(row, q, cites) == (
        "Kenya's Readiness score is 0.61 (Rank 12; Region Africa), according to "
        "Table 3 Digital Readiness Index 2024 [1]."
    )
    assert cites.items[0].text.startswith("Table 3") and cites.framed[0][0] == 1


def test_a_short_list_is_one_sentence_citing_its_lead_in() -> None:
    items = [u for u in units(LIST) if u.kind == "item"]
    cites = CitationList()
    assert render_list(items, cites) == (
        "The framework has four pillars: Leadership, Skills, Infrastructure and Data [1][2][3][4][5]."
    )
    assert cites.items[0].text == "The framework has four pillars:"


def test_the_default_composer_answers_a_figure_from_the_row() -> None:
    selection = _select("What is Uruguay's readiness score?", TABLE, PROSE)
    cites = CitationList()
    text = compose_answer(selection, CONFIG, cites)
    assert text.startswith("URY's Readiness score is 0.72 (Rank 7") and text.endswith("[1].")


def test_a_definition_spells_out_the_abbreviation() -> None:
    selection = _select("What does DRI stand for?", PROSE)
    text = compose_answer(selection, CONFIG, CitationList())
    assert text.startswith("DRI stands for Digital Readiness Index [1]. The Digital Readiness")


def test_a_decline_says_what_is_missing() -> None:
    draft = decline(parse_question("What is Peru's score?"), "Peru")
    assert draft.abstained and draft.text == "The documents do not cover Peru."


# ---- verify -----------------------------------------------------------------------------
def test_a_number_not_in_its_citation_is_removed() -> None:
    cites = CitationList()
    row = next(u for u in units(TABLE) if u.entity == "Kenya")
    n = cites.cite(row)
    draft = Draft(f"## Figures\n\nKenya scored 0.61 [{n}]. Kenya scored 0.99 [{n}].", cites)
    checked = verify(draft)
    assert checked.text == f"## Figures\n\nKenya scored 0.61 [{n}]."
    assert checked.extras["unverified"] == [f"Kenya scored 0.99 [{n}]."]


def test_nothing_verifiable_left_means_a_decline() -> None:
    cites = CitationList()
    n = cites.cite(units(PROSE)[0])
    assert verify(Draft(f"It reached 42% [{n}].", cites)).abstained
    assert verify(Draft("Unmarked claim.", CitationList())).abstained
