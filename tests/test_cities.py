"""Cities named for their countries (assistant/cities.py, data/cities.json)."""

from __future__ import annotations

import pytest

from assistant.cities import (
    cities_as_their_country,
    cities_named,
    countries_of_cities,
    read_as_countries,
)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        pytest.param("what did abuja ask the UN to help with",
                     "what did Nigeria ask the UN to help with",
                     id="capital-lower-case-in-a-mixed-question"),
        pytest.param("which goals did cairo's presenters single out",
                     "which goals did egypt's presenters single out", id="possessive"),
        pytest.param("What did Kuala Lumpur present?", "What did Malaysia present?",
                     id="two-words"),
        pytest.param("news from nur-sultan", "news from kazakhstan", id="hyphenated"),
        pytest.param("male and female staff", "male and female staff",
                     id="an-english-word-in-lower-case"),
        pytest.param("Male and female staff", "Male and female staff",
                     id="an-english-word-opening-the-text"),
        pytest.param("what did Egypt present?", "what did Egypt present?", id="no-city"),
    ],
)
def test_a_city_is_read_as_its_country(typed: str, read: str) -> None:
    assert read_as_countries(typed) == read


def test_the_countries_of_the_cities_named() -> None:
    assert countries_of_cities("what did abuja and Kuala Lumpur ask for? abuja first") == [
        "Nigeria", "Malaysia"]
    assert countries_of_cities("male and female staff in Egypt") == []


def test_a_capital_may_stand_for_its_government_another_city_is_asked_as_itself() -> None:
    from assistant.cities import cities_asked_as_themselves

    assert cities_asked_as_themselves("Did Lagos improve its local index?") == [("lagos", "Nigeria")]
    assert cities_asked_as_themselves("how did Ankara organise its digital office?") == []
    assert cities_asked_as_themselves("what did abuja ask for") == []
    # A capital GeoNames' country record names by an earlier name (Nur-Sultan) is one by
    # its city's name too (scripts/cities_data.py).
    assert cities_asked_as_themselves("astana made gains in the 2012 edition") == []


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        pytest.param("stockholm's country row: inhabitants in millions",
                     "sweden's country row: inhabitants in millions", id="city-s-country"),
        pytest.param("What is the GDP of the country of Nairobi?",
                     "What is the GDP of the country of Kenya?", id="country-of-city"),
        pytest.param("ankara's local score", "ankara's local score", id="the-city-itself"),
        pytest.param("what did abuja ask for", "what did abuja ask for", id="left-to-retry"),
    ],
)
def test_a_city_named_as_the_way_to_its_country_is_that_country(typed: str, read: str) -> None:
    assert cities_as_their_country(typed) == read


def test_a_city_is_cut_out_with_the_word_joining_it_to_another():
    from assistant.cities import without_cities
    assert without_cities("LOSI for lahore and karachi", {"lahore"}) == "LOSI for karachi"
    assert without_cities("LOSI for karachi or lahore?", {"lahore"}) == "LOSI for karachi?"
    assert without_cities("Lagos, Lahore and Tehran", {"lahore"}) == "Lagos, Tehran"
    assert without_cities("what did Lagos do", {"lahore"}) == "what did Lagos do"
    # A city set apart from the other is its own question's subject.
    compared = "what LOSI did lahore get, compared to karachi?"
    assert without_cities(compared, {"lahore"}) == compared


def test_the_cities_named_are_read_once_a_text_and_each_caller_gets_its_own_list() -> None:
    first = cities_named("mombasa versus Abuja: what does the office in nairobi do?")
    assert first == [("mombasa", "Kenya"), ("abuja", "Nigeria"), ("nairobi", "Kenya")]
    first.clear()  # a caller's list is its own: the text's cities are kept as they were
    assert cities_named("mombasa versus Abuja: what does the office in nairobi do?") == [
        ("mombasa", "Kenya"), ("abuja", "Nigeria"), ("nairobi", "Kenya")]
