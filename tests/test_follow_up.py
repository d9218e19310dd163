"""Follow-ups after a brief, a comparison or prompts (assistant/follow_up.py), read through
``parse_question`` as the answer stage reads them."""

from __future__ import annotations

from assistant.types import Answer
from assistant.understand import parse_question


def _turn(question: str, mode: str) -> Answer:
    return Answer(question=question, mode=mode, answer="", abstained=False, citations=[],
                  backend="grounded")


def test_a_follow_up_after_a_brief_asks_about_its_country_typed_in_lower_case() -> None:
    briefed = [_turn("could you do a brief on ghana", "brief")]
    q = parse_question("what about their challenges?", briefed)
    assert q.countries == ("Ghana",) and "Challenges" in q.aspects and q.mode is None
    # "it" points at the country, not at the words that asked for a brief: no second brief.
    q = parse_question("what awards did it get?", briefed)
    assert q.countries == ("Ghana",) and q.mode is None and "brief" not in q.text


def test_a_comparison_goes_on_over_the_same_countries() -> None:
    compared = [_turn("compare ghana and kenya on egdi", "compare")]
    q = parse_question("what about on local online services?", compared)
    assert set(q.countries) == {"Ghana", "Kenya"} and q.mode == "compare"
    # A thing of theirs named in one word is compared next, not the measure before.
    q = parse_question("and their cities?", compared)
    assert q.mode == "compare" and "citi" in q.topic and "egdi" not in q.topic


def test_chatter_around_a_follow_up_does_not_hide_it() -> None:
    compared = [_turn("compare ghana and kenya on egdi", "compare")]
    q = parse_question("and their cities? cheers", compared)
    assert q.mode == "compare" and "citi" in q.topic and "cheer" not in q.topic
    # Read as the follow-up it is, not as a question on its chatter ("asking", "office").
    score = [_turn("what is ghana's egdi score", "answer")]
    q = parse_question("and kenya? asking for the minister's office", score)
    assert q.countries == ("Kenya",) and "egdi" in q.topic and "offic" not in q.topic


def test_an_acknowledgement_before_a_follow_up_still_goes_on() -> None:
    prompted = [_turn("a few discussion questions on e-participation please", "prompts")]
    assert parse_question("ok now do the same for open source", prompted).mode == "prompts"


def test_a_country_named_anew_replaces_one_the_previous_turn_typed_in_lower_case() -> None:
    score = [_turn("what is ghana's egdi score", "answer")]
    q = parse_question("and kenya?", score)
    assert q.countries == ("Kenya",) and "egdi" in q.topic


def test_they_after_which_countries_are_the_countries_the_answer_named() -> None:
    middle = Answer("which countries are in the middle egdi group", "answer",
                    "EGDI Group is Middle for Kenya [1] and Ghana [2].", False, [], "grounded")
    q = parse_question("and their ranks?", [middle])
    assert set(q.countries) == {"Kenya", "Ghana"} and {"rank", "egdi"} <= set(q.topic)
    # A declined answer names no countries that were found.
    declined = Answer(middle.question, "answer", "The documents do not cover Kenya.", True, [],
                      "grounded")
    assert parse_question("and their ranks?", [declined]).countries == ()


def test_another_place_in_a_numbered_series_asks_the_same_of_it() -> None:
    stage = [_turn("What is stage 2 of online service development?", "answer")]
    assert parse_question("And the fourth?", stage).text == (
        "What is stage 4 of online service development?")
    step = [_turn("what happens in the second step of the method", "answer")]
    assert parse_question("and the 3rd?", step).text == "what happens in the third step of the method"
    # A year or a figure in the question is no place in a series: the question is kept.
    year = [_turn("What did Egypt report in 2020?", "answer")]
    assert "2020" in parse_question("And the fourth?", year).text


def test_a_follow_up_naming_only_a_year_or_an_extreme_asks_the_turn_before_of_it() -> None:
    score = [_turn("What was Ghana's EGDI score in 2020?", "answer")]
    assert parse_question("and in 2018?", score).text == "What was Ghana's EGDI score in 2018?"
    undated = [_turn("What was Ghana's EGDI score?", "answer")]
    assert parse_question("ok, now for 2016 please", undated).text == (
        "What was Ghana's EGDI score in 2016?")
    top = [_turn("Which city has the highest LOSI?", "answer")]
    q = parse_question("and the lowest?", top)
    assert q.text == "Which city has the lowest LOSI?" and q.extreme == "min"
    # A follow-up with words of its own is its own question, the year only carried.
    assert "support" in parse_question("what support did they ask for in 2018?", score).text


def test_same_for_another_country_asks_the_turn_before_of_it() -> None:
    support = [_turn("What support did Kenya request?", "answer")]
    assert parse_question("same for ghana", support).countries == ("Ghana",)
    assert "support" in parse_question("same for ghana", support).topic


def test_a_short_follow_up_going_on_asks_of_the_same_country() -> None:
    score = [_turn("What is Ghana's EGDI score?", "answer")]
    q = parse_question("and the LOSI?", score)
    assert q.countries == ("Ghana",) and "losi" in q.topic
