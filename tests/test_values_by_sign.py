"""A value asked that a passage shows by a sign, not by the question's word for it: "by what
percent" and "17%", "what phone number" and "+370 5 215 7444"; and a share asked of a base
("as a % of GDP") answered only where that base is named."""

from __future__ import annotations

import pytest
from stage_fixtures import chunk, hits, word_hash_embed

from assistant.measures import names_base, relative_base, unit_words
from assistant.select import Scored, Selection, select
from assistant.settings import AnswerSettings
from assistant.understand import parse_question
from assistant.unitvec import UnitVectors
from assistant.value_types import type_words, types_asked


def _select(question: str, *texts: str) -> Selection:
    q = parse_question(question)
    return select(q, hits(*(chunk(t) for t in texts)), word_hash_embed([q.text])[0],
                  UnitVectors(word_hash_embed), lambda t: 1.0, {}, AnswerSettings())


def test_the_words_naming_a_unit_asked_are_only_a_word_or_two() -> None:
    assert unit_words("by what percent did it grow?", "percent") == {"percent"}
    assert unit_words("how much in euros?", "euro") == {"euro"}
    # Money asked by a verb is asked in words about the thing, not the unit's.
    assert unit_words("how much does a country pay for the survey?", "money") == frozenset()
    assert unit_words("how big is it?", None) == frozenset()


def test_a_passage_showing_the_percent_sign_holds_the_word_percent() -> None:
    question = "by what percent did the regional average of services rise?"
    assert "percent" in parse_question(question).topic  # a word no passage prints
    shown = _select(question, "The regional average of services saw a rise of around 17%.")
    assert shown.scored[0].lexical == 1.0


def test_an_email_asked_with_whats_is_a_type_asked() -> None:
    assert types_asked("what's the email of the Ministry of Finance CIO?") == ("email",)
    assert types_asked("what is their contact email?") == ("email",)
    assert types_asked("did citizens prefer email or phone?") == ()


def test_a_phone_number_shown_holds_the_words_asking_it_and_is_never_unrelated() -> None:
    question = "what phone number is given for the institute?"
    assert type_words(question, types_asked(question)) == {"phone", "number"}
    selection = _select(question, "+370 5 215 7444")
    best = selection.scored[0]
    assert best.shown and best.lexical > 0.0
    # A bare number shares no word MiniLM could find close: its support still counts.
    far = Selection(selection.question, [Scored(best.unit, 0.6, 0.05, 1.0, 0, shown=True)])
    near_words = Selection(selection.question, [Scored(best.unit, 0.6, 0.05, 1.0, 0)])
    assert far.support == 0.6 and near_words.support == 0.0


def test_a_share_asked_of_a_base_needs_a_passage_naming_the_base() -> None:
    assert relative_base("revenue as a % of prison population?") == {"prison", "popul"}
    assert relative_base("spending as a percent of GDP did Kenya report") == {"gdp"}
    assert relative_base("what percent of GDP is it?") == frozenset()
    assert names_base(relative_base("as a percentage of everyone invited"),
                      "120 invitees, 80 attended")
    question = "what was total net revenue as a % of prison population?"
    assert not _select(question, "Total net revenue was 18% of GDP in 2021.").scored
    assert _select("what was total net revenue as a % of GDP?",
                   "Total net revenue was 18% of GDP in 2021.").scored


def test_the_percent_sign_confirms_only_a_unit_about_the_thing_asked() -> None:
    # "17%" of GDP is no share of people using the gateway: the sign adds nothing there.
    question = "what percentage of people use the government gateway?"
    other = _select(question, "The ICT sector's share in government GDP rose to 5%.")
    about = _select(question, "Some 5% of people use the government gateway.")
    assert about.scored[0].lexical == 1.0
    # Only "government" of its five words: the sign would have made it two of five.
    assert other.scored[0].lexical == pytest.approx(0.2)
