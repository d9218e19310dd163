"""What an answer quotes around its best units: the pages of a long section that hold its
close units; a list up to the next question printed as an item."""

from __future__ import annotations

from stage_fixtures import chunk

from assistant.answer_one import _close_pages
from assistant.evidence import units
from assistant.select import Scored, Selection
from assistant.understand import parse_question

HEADING = "Metadata > Data revision"
POLICY = chunk("Revisions to data are infrequent. There is no fixed revision schedule.",
               section=HEADING, page=26)
YEARS = chunk("2014: 2010-2013 data revised for both levels in Sweden. "
              "2016: 2015 data revised for both levels in Norway.", section=HEADING, page=27)


def _selection(*scored: tuple[str, float]) -> Selection:
    found = [u for c in (POLICY, YEARS) for u in units(c)]
    return Selection(parse_question("were swedish figures ever revised?"), [
        Scored(next(u for u in found if u.text.startswith(t)), s, s, s, 0) for t, s in scored])


def test_a_section_over_two_pages_is_quoted_from_the_page_of_its_close_units() -> None:
    selection = _selection(("2014: 2010-2013", 0.8),
                           ("Revisions to data are infrequent.", 0.5))
    assert _close_pages([POLICY, YEARS], selection, 0.7) == [YEARS]


def test_a_section_is_quoted_whole_when_its_close_units_span_its_pages() -> None:
    selection = _selection(("2014: 2010-2013", 0.8),
                           ("Revisions to data are infrequent.", 0.75))
    assert _close_pages([POLICY, YEARS], selection, 0.7) == [POLICY, YEARS]


def test_a_section_none_of_whose_units_is_close_is_quoted_whole() -> None:
    selection = _selection(("Revisions to data are infrequent.", 0.5))
    assert _close_pages([POLICY, YEARS], selection, 0.7) == [POLICY, YEARS]


# ---- a questionnaire's next question is another list -----------------------------------
from assistant.passages import whole_list  # noqa: E402

QUESTIONNAIRE = chunk(
    "Which classifications are included?\n- Administrative classification\n"
    "- Economic classification\n- Does the review present estimates by program?\n"
    "- Yes, for all expenditures.\n- No.", kind="list", section="Mid-Year Review")
QUESTIONS = chunk(
    "Guiding questions:\n- Who leads the reform?\n- What does it cost?\n- When does it end?",
    kind="list", section="Discussion")


def _item(source: object, start: str) -> object:
    return next(u for u in units(source) if u.kind == "item" and u.text.startswith(start))


def test_a_list_ends_at_the_next_question_printed_as_an_item() -> None:
    listed = whole_list(_item(QUESTIONNAIRE, "Economic"), None)
    assert [u.text for u in listed] == ["Administrative classification",
                                        "Economic classification"]


def test_the_next_question_brings_its_own_options() -> None:
    listed = whole_list(_item(QUESTIONNAIRE, "Yes"), None)
    assert [u.text[:4] for u in listed] == ["Does", "Yes,", "No."]


def test_a_list_of_questions_is_one_list() -> None:
    assert len(whole_list(_item(QUESTIONS, "What"), None)) == 3
