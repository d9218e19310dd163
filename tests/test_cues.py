"""Aspect cues: a cue starts a word of the text, and a long one is found with a slip."""

from __future__ import annotations

from assistant.cues import mentions_any


def test_a_cue_starts_a_word_and_any_of_several_is_enough() -> None:
    cues = ["challeng", "gap", "need|want"]  # a cue is a pattern: "need|want" as printed
    assert mentions_any(cues, "what gaps does kenya face")
    assert not mentions_any(cues, "what does singapore plan")  # "gap" inside a word
    assert mentions_any(cues, "the main challenges")
    assert mentions_any(cues, "they unwanted it")  # the cue's own alternation, unanchored
    assert mentions_any(cues, "the chalenges of it")  # a slip of a long cue
    assert not mentions_any([], "anything at all")
