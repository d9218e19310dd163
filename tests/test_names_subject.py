"""A row answers only about the entity the question names: a code typed in lower case and not
read ("bel population ...") is matched with the row's country by its code."""

from __future__ import annotations

from stage_fixtures import chunk

from assistant.evidence import Evidence, units
from assistant.figures_asked import names_subject
from assistant.understand import parse_question

STATES = chunk("States | Legal System | Population (millions)\n"
               "Belize | Common law | 0.4\nBelgium | Civil Law | 11.2",
               kind="table", document="Index of States")


def _rows() -> dict[str, Evidence]:
    return {u.entity or "": u for u in units(STATES) if u.kind == "row"}


def test_a_code_typed_small_names_its_country_row_not_the_one_it_begins() -> None:
    question = parse_question("bel population in the legal systems index")
    assert question.names == ("bel",) and question.countries == ()
    rows = _rows()
    assert names_subject(question, rows["Belgium"])
    assert not names_subject(question, rows["Belize"])


def test_a_name_between_of_and_a_preposition_is_whom_the_figure_is_about() -> None:
    # No row prints "xyzland": none answers, rather than Swaziland's.
    question = parse_question("population of xyzland in the legal systems index")
    assert question.names == ("xyzland",)
    assert not any(names_subject(question, row) for row in _rows().values())
