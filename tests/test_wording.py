from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.vocabulary import vocabulary
from assistant.wording import read_shorthand


def _every_form_in_turn(text: str) -> str:
    """read_shorthand as it was: every short form's pattern run over the text, in order (a
    letter alone as typed in lower case only)."""
    for short, full in vocabulary()["shorthand"].items():
        if not short.startswith("_"):
            case = 0 if len(short) == 1 and short.isalpha() else re.IGNORECASE
            text = re.sub(rf"(?<![\w'’-]){re.escape(short)}(?![\w'’-])", full, text,
                          flags=case)
    return text


_FORMS = [s for s in vocabulary()["shorthand"] if not s.startswith("_")]


def test_short_forms_are_read_in_turn_whatever_their_case() -> None:
    assert read_shorthand("how many PPL r there") == "how many people are there"
    # A form read is read further: "dont" -> "don't", then "don't even know".
    assert read_shorthand("they Dont even know") == "they are unaware"
    assert read_shorthand("the Well Received talk") == "the liked talk"
    # Part of a word, or joined by an apostrophe, is no short form.
    assert read_shorthand("rural people’s urgency") == "rural people’s urgency"
    assert read_shorthand("how many ppl’s") == "how many ppl’s"
    # A letter alone is shorthand typed in lower case only: "the R" is a letter asked.
    assert read_shorthand("and the R? r u sure") == "and the R? are you sure"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_FORMS), st.sampled_from(
    ["the", "ÉTAT", "’", "'", "-", "ſ", "K", "how", "?", ",", "well", "don't", "e"])),
    max_size=8), st.sampled_from([" ", "", "-", "’"]))
def test_skipping_forms_absent_from_a_text_reads_it_as_every_form_in_turn(
        words: list[str], joint: str) -> None:
    for text in (joint.join(words), joint.join(words).upper(), joint.join(words).title()):
        assert read_shorthand(text) == _every_form_in_turn(text), text
