"""What a follow-up points at in the turn before with words other than pronouns: a thing
or a place ("which one", "there"), the passage the answer quoted ("on that slide"), an item
of the answer's list by its label ("what goes under usage?")."""

from __future__ import annotations

import re

from assistant.pieces import numbered_things
from assistant.types import Answer
from assistant.vocabulary import topic_terms, vocabulary

_LABEL_WORDS = 4  # the longest name a list item is given before what it says


def points(asked: str, at: str) -> bool:
    """Whether a follow-up points at a thing or a place of the turn before with words
    other than pronouns ("which one", "there")."""
    return any(re.search(p, asked, re.IGNORECASE) for p in vocabulary()["follow_up_pointers"][at])


def source_quoted(asked: str, turn: Answer) -> str | None:
    """Where the answer before quoted first, when the follow-up points at that passage
    ("on that slide", "in there"): its section's heading (the words of the quote itself
    would pull the answer back to what it said), else the quote."""
    if turn.abstained or not turn.citations or not points(asked, "source"):
        return None
    first = turn.citations[0]
    return (first.section or "").replace(" > ", ", ") or first.text


def answer_items(turn: Answer) -> list[str]:
    """The items of an answer's list, without their citation marks: its bullets, or else
    the things a sentence of it numbers inline ("... (1) high costs, (2) ...")."""
    text = re.sub(r"\s*\[\d+\]", "", turn.answer)
    bullets = [ln[2:] for ln in text.splitlines() if ln.startswith("- ")]
    return bullets or list(numbered_things(text))


def item_label(item: str) -> str | None:
    """The name a list item is given before what it says ("Usage" of "Usage – government
    promotion; ..."), without its number; None when it has no short one."""
    parts = re.split(r":|\s[–—-]\s", item, maxsplit=1)
    named = re.sub(r"^\(?\w{1,3}[.)]\s+", "", parts[0]).strip()
    return named if len(parts) == 2 and 0 < len(named.split()) <= _LABEL_WORDS else None


def names_item(turn: Answer, rest: set[str]) -> bool:
    """Whether a follow-up names an item of the previous answer's list by its label, the
    other words it adds (at most one) asking nothing of their own."""
    for item in answer_items(turn):
        label = item_label(item)
        named = set(topic_terms(label)) if label else set()
        if named and named <= rest and len(rest - named) <= 1:
            return True
    return False
