"""Which mode a question's words ask for: a country brief, a comparison, discussion
prompts, or none (an answer)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import cache, lru_cache

from assistant.vocabulary import matches_vocabulary, vocabulary

# "comparing each member's portal with its city, which pair lags most?": one answer, the
# extreme of the group, not a table of its members.
_ONE_EXTREME = re.compile(r"\b(?:which|who)\b(?:\s+[\w'’-]+){0,8}?\s+(?:\w{3,}est|most|least)\b",
                          re.IGNORECASE)


@cache  # every question is read through all of them
def mode_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    """The patterns of the words asking for each mode (data/answers.json "modes"),
    compiled once."""
    return {m: tuple(re.compile(p, re.IGNORECASE) for p in options)
            for m, options in vocabulary()["modes"].items()}


def mode_asked(text: str, countries: Sequence[str], groups: Collection[str]) -> str | None:
    """The mode the words ask for: 'brief for Egypt' -> brief, 'compare A and B' ->
    compare (two countries or a group), '5 discussion prompts on X' -> prompts."""
    found = modes_named(text)
    if "prompts" in found:
        return "prompts"
    if "brief" in found and len(countries) == 1 and not _asked_after_lead_in(text, "brief"):
        return "brief"
    if "compare" in found and (len(countries) >= 2 or groups
                               and not matches_vocabulary(text, "compared_with_all")
                               and not _ONE_EXTREME.search(text)
                               and not (countries and _named_aside(text, "compare"))):
        return "compare"
    return None


# Where a question's lead-in ends and its asking clause starts: "building a chart comparing
# south asian states - for IND, which population ...".
_CLAUSE_BREAK = re.compile(r"\s[-–—]\s|:\s")


def _named_aside(text: str, mode: str) -> bool:
    """Whether a mode is named only in a lead-in set off by a dash or colon, the asking
    clause after it naming none: a group compared there is what the asker is doing; the
    one country the clause names is what is asked."""
    parts = _CLAUSE_BREAK.split(text)
    return len(parts) > 1 and mode not in modes_named(parts[-1])


def _asked_after_lead_in(text: str, mode: str) -> bool:
    """Whether a mode is named only in a lead-in and the clause after it asks a question
    of its own, opening with an asking word ("brief on X: which years did ... and what
    are ...?"): the brief is what the asker is writing, the question what they ask. A
    clause listing what the brief should hold ("one-pager on X: score, rank, and what
    they want help with") still asks for the brief."""
    return _named_aside(text, mode) and _opens_asking(_CLAUSE_BREAK.split(text)[-1])


def _opens_asking(clause: str) -> bool:
    """Whether a clause opens with an asking word or auxiliary (data/answers.json
    "question_joints")."""
    words = vocabulary()["question_joints"]
    first = clause.split(maxsplit=1)[:1]
    return bool(first) and first[0].lower() in {*words["asking"], *words["auxiliaries"]}


@lru_cache(maxsize=1024)  # read three times a question: as typed, without chatter, resolved
def modes_named(text: str) -> frozenset[str]:
    """The modes whose words a text has, whether or not it names what they need."""
    return frozenset(m for m, options in mode_patterns().items()
                     if any(p.search(text) for p in options))
