"""Whether a country's row holds every measure a figure question lists (row_field.py)."""

from __future__ import annotations

from stage_fixtures import chunk

from assistant.admissible import admissible
from assistant.evidence import Evidence, units
from assistant.row_field import measures_listed
from assistant.understand import parse_question

STATES = ("Table 1 Index of states.\nStates | Legal System | Population (millions) | "
          "GDP (billions)\nChile | Civil Law | 17.8 | 258.1")


def _row(text: str) -> Evidence:
    return next(u for u in units(chunk(text, kind="table")) if u.kind == "row")


def test_a_measure_listed_is_named_by_its_words_not_its_unit() -> None:
    row = _row(STATES)
    # "billions" is GDP's unit too: forest cover is no column of the row.
    absent = parse_question("CHL: population (millions) and forest cover (billions) pls")
    assert measures_listed(absent, absent.topic) == [{"popul"}, {"forest", "cover"}]
    assert not admissible(absent, row, {})
    assert admissible(parse_question("CHL: population (millions) and GDP (billions) pls"),
                      row, {})
    # Each measure of a list, however joined, by a synonym too ("economy": GDP).
    assert not admissible(parse_question("Chile pop + tourist arrivals?"), row, {})
    assert admissible(parse_question("Chile: inhabitants in millions, economy in billions"),
                      row, {})
    assert not admissible(parse_question("What population and number of cinemas does the "
                                         "index give for Chile?"), row, {})


def test_one_measure_or_a_question_of_its_own_lists_nothing() -> None:
    one = parse_question("What is Chile's GDP in billions?")
    assert measures_listed(one, one.topic) == []
    apart = parse_question("Chile's population and GDP, and what does the report say on courts?")
    assert measures_listed(apart, apart.topic) == [{"popul"}, {"gdp"}]
    # "numbers", "figures" name a figure, not a measure; "(billions)" a unit.
    figure = parse_question("Chile: population numbers and GDP figures (billions)")
    assert measures_listed(figure, figure.topic) == [{"popul"}, {"gdp"}]
    # Countries listed are no measures; a clause asking on its own lists nothing.
    listed = parse_question("Kenya, Chile and Peru population")
    assert measures_listed(listed, listed.topic) == []
    assert measures_listed(parse_question("Chile's population, and what does the report say?"),
                           ("popul", "report")) == []


def test_a_name_ending_in_s_takes_an_apostrophe_alone() -> None:
    from assistant.rows import possessive

    assert possessive("Solomon Islands") == "Solomon Islands'"
    assert possessive("Chile") == "Chile's"


def test_a_city_or_name_listed_is_a_row_not_a_measure() -> None:
    asked = parse_question("which did worse on local online services, dhaka or karachi?")
    assert measures_listed(asked, asked.topic) == []
