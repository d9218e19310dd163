"""Declines for what no document prints (assistant.declining.unprinted): a year or an
index a question names that the index never holds, however close the passages sound."""

from __future__ import annotations

from assistant.declining import unprinted, what_is_missing
from assistant.understand import parse_question

# The terms an index holds (stemmed): its years, and the words of the indices it names.
PRINTED = {"2020", "2022", "2045", "2002", "egdi", "perform", "global", "high", "world",
           "freedom", "hous"}


def known(term: str) -> bool:
    return term in PRINTED


def test_a_year_no_document_prints_is_declined() -> None:
    for question in ("Which D-8 members improved on e-participation in 1983?",
                     "What kind of country does Bangladesh's Vision 2000 aim for?"):
        assert unprinted(parse_question(question), known) == "no document prints that year"
    for question in ("Which D-8 members improved on e-participation in 2020?",
                     "What does Indonesia's Vision 2045 say about digital government?"):
        assert unprinted(parse_question(question), known) is None


def test_a_period_bound_is_no_year_asked() -> None:
    # the documents may print the period otherwise ("87-2002") or not at all ("since")
    for question in ("How has e-government changed since 1990?",
                     "What did Korea launch in its early years (1987-2002)?"):
        assert unprinted(parse_question(question), known) is None


def test_an_index_named_by_a_word_no_document_prints_is_declined() -> None:
    peace = parse_question("Which D-8 members are in the Very High Global Peace Index group?")
    assert peace.index_words  # an index the data files do not know
    assert unprinted(peace, known) == "no document names that index"
    press = parse_question("What does the World Freedom House index say?")
    assert unprinted(press, known) is None


def test_a_publication_named_by_a_word_no_document_prints_is_declined() -> None:
    # Typed in capitals or not; "report" ends the title of a publication the index lacks.
    for question in ("How are World Happiness Report questions scored?",
                     "i'm a trainer: how was world happiness report going to be measured"):
        asked = parse_question(question)
        assert asked.publication_words == ("world", "happi"), question
        assert unprinted(asked, known) == "no document names that publication", question
    # Words the index prints; a country, a code or a year stops the name: "happiness" of
    # "happiness Danish guide" names no guide.
    for question in ("What does the world performance report say?",
                     "What is the happiness Danish guide?",
                     "What is the happiness NGA paper?",
                     "What is the happiness 2022 report?"):
        assert unprinted(parse_question(question), known) is None, question
    assert parse_question("What did the Danish happiness guide find?").publication_words == (
        "happi",)
    slipped = parse_question("What does the world hou report say?")
    assert unprinted(slipped, known) == "no document names that publication"
    assert unprinted(slipped, known, lambda term: "hous".startswith(term)) is None


def test_a_city_no_document_prints_is_declined() -> None:
    printed = PRINTED | {"lago", "undesa", "offic", "turkey"}

    def holds(term: str) -> bool:
        return term in printed

    for question in ("What does the UN DESA office in Nairobi do?",
                     "what does the undesa office in nairobi do"):
        assert unprinted(parse_question(question), holds) == "no document names that place"
    assert unprinted(parse_question("What is the LOSI score of Lagos?"), holds) is None
    # A city that is no capital is asked about as itself: its country's row names another
    # city ("Pakistan | Karachi | ..."), so a city no document prints is declined though its
    # country is printed.
    lahore = parse_question("what LOSI score did lahore get")
    assert unprinted(lahore, lambda term: term in printed | {"pakistan"}) == (
        "no document names that place")
    assert what_is_missing(lahore, set()) == "LOSI for Lahore"
    # A city of a country the documents name may be the asker's occasion or stand for the
    # government.
    assert unprinted(parse_question("I'm drafting our offer for Ankara. What did the "
                                    "delegation say it needs?"), holds) is None
    # A brief's city is the asker's occasion.
    assert unprinted(parse_question("brief on Kenya for the Nairobi meeting"), holds,
                     places=False) is None
