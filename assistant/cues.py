"""Aspect cues: the words by which a question or a heading names an aspect (challenges,
strategies, requested support), from data/answers.json "aspects"; a cue starts a word
("plan" in "planning") and a long one also matches with one letter slipped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.text import starts_with_slip
from assistant.vocabulary import vocabulary


def aspect_cues(aspect: str, actor: bool = True) -> list[str]:
    """The cues that name an aspect; the weak ones ("need", "plan", "framework") only in a
    question about an actor, since "what activities are needed" asks about activities."""
    spec = vocabulary()["aspects"][aspect]
    return [*spec["cues"], *(spec.get("weak_cues", []) if actor else [])]


def without_cues(text: str, aspects: Sequence[str], actor: bool) -> str:
    """The text without the words that name the aspects asked (and their slips): what
    is left is the topic."""
    cues = [c for a in aspects for c in aspect_cues(a, actor)]
    for cue in cues:
        text = re.sub(rf"\b{cue}\w*", " ", text, flags=re.IGNORECASE)
    slipped = {w for w in re.findall(r"[A-Za-z]{6,}", text) for c in cues
               if _slip_of_cue(w.lower(), c)}
    return " ".join(w for w in text.split() if w.strip("?.,!:;") not in slipped)


def mentions_any(cues: Sequence[str], text: str) -> bool:
    """Whether a cue (a regular expression) starts a word of the (lower-case) text: "plan"
    in "planning", but not "gap" in "Singapore"; a cue of seven letters or more also with
    one letter slipped ("chalenges")."""
    return _mentions_any(tuple(cues), text)


# Every unit of a passage asks about the same heading, and every question with the same
# cues: each pair is looked at once.
@lru_cache(maxsize=8192)
def _mentions_any(cues: tuple[str, ...], text: str) -> bool:
    pattern, slipped = _cue_patterns(cues)
    if pattern.search(text):
        return True
    words = re.findall(r"[a-z]{6,}", text) if slipped else []
    return any(starts_with_slip(word, cue) for cue in slipped for word in words)


@lru_cache(maxsize=256)
def _cue_patterns(cues: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One pattern finding any cue that starts a word (one scan of the text, not one a
    cue), and the cues a slip of a word may stand for (``_slip_of_cue``); once per set of
    cues."""
    return (re.compile("|".join(rf"(?:\b{cue})" for cue in cues) or r"(?!)"),
            tuple(cue for cue in cues if _slippable(cue)))


def _slip_of_cue(word: str, cue: str) -> bool:
    """Whether a (lower-case) word is a cue typed with one letter slipped: only a cue that is
    a plain word of seven letters or more ("challenge"; not "policy" nor a pattern)."""
    return _slippable(cue) and starts_with_slip(word, cue)


def _slippable(cue: str) -> bool:
    return cue.isalpha() and len(cue) >= 7
