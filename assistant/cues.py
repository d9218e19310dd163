"""Aspect cues: the words by which a question or a heading names an aspect (challenges,
strategies, requested support), from data/answers.json "aspects"; a cue starts a word
("plan" in "planning") and a long one also matches with one letter slipped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from assistant.follow_up import pronoun_in
from assistant.text import starts_with_slip, terms
from assistant.vocabulary import vocabulary, vocabulary_terms
from assistant.wording import ASKS, CLAUSE_BREAK, goes_on


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


def without_premise(text: str) -> str:
    """The question without a clause before the one that asks which reports what was said
    ("nigeria keeps mentioning power supply problems - is anything being done locally about
    alternative power?"): the aspect it names ("problems") is the asker's premise, what was
    said, not the aspect asked (data/answers.json "said_words")."""
    bounds = [0, *(i for m in CLAUSE_BREAK.finditer(text) for i in m.span()), len(text)]
    clauses = [text[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]
    if len(clauses) < 2 or not ASKS.search(clauses[-1]) or pronoun_in(clauses[-1]) or re.match(
            r"\W*which\b", clauses[-1], re.IGNORECASE):
        # "... challenges: which relate to power?", "what did they do about it?": the
        # question asks of what the premise names.
        return text
    reported = vocabulary_terms("said_words")
    return " ".join([*(c for c in clauses[:-1] if ASKS.search(c) or reported.isdisjoint(terms(c))),
                     clauses[-1]])


# A statement typed after the question's mark ("...? the report compares it with LOSI").
_AFTER_MARK = re.compile(r"\?\s+(?P<remark>[^?]+?)[\s.!]*$")
_REMARK_WORDS = 4  # fewer ("and OSI too", "2020 please") go on with what is asked
# A statement of the asker's own or adding to the question asks too ("I also need its LOSI").
_ASKS_MORE = re.compile(r"\b(?:i|me|my|we|us|our|also|too|as well|plus|need|want|please|pls)\b",
                        re.IGNORECASE)


def without_remark(text: str) -> str:
    """The question without a statement the asker typed after its question mark ("what was
    X's OSI score in 2020? the report compares it with LOSI"): what they add of what they
    know, not what they ask; a clause that asks, goes on ("? and its rank") or speaks of the
    asker's wanting ("I also need its LOSI") stays."""
    found = _AFTER_MARK.search(text)
    if found is None:
        return text
    remark = found.group("remark")
    if ASKS.search(remark) or goes_on(remark) or _ASKS_MORE.search(remark) or len(
            remark.split()) < _REMARK_WORDS:
        return text
    return text[:found.start() + 1]


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
