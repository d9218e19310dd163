"""Two-turn perturbations for ``assistant.evals.perturb``: a development question naming one
country asked as the second turn of a conversation, as users ask most of what fails.

- ``follow-up``: the first turn names the country (an opener of ``evals/perturbations.json``
  or another item's question on it), the second is the question with the country replaced
  by a word pointing back at it ("their", "there", "that country");
- ``follow-up-new``: the first turn names another country, the second is the question as
  written, which names its own and must not inherit the old one;
- ``follow-up-name``: as ``follow-up`` for a question naming no country but one thing by
  its acronym (an index, a programme, a body: "the ISG", "EIGE's"), pointed at with "it"
  or "its" where the acronym's place shows which.

Each is scored on the item's own facts, like the single-turn perturbations.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence

from assistant.evals.items import GoldenItem
from assistant.evals.perturb import words

FOLLOW_UP, FOLLOW_UP_NEW, FOLLOW_UP_NAME = "follow-up", "follow-up-new", "follow-up-name"
TwoTurns = tuple[str, str]


def _one_country(item: GoldenItem) -> tuple[int, int, str] | None:
    """The one mention of the one country a single-turn answerable question names (not
    one a country filter gives: that would hold for the second turn anyway)."""
    from assistant.countries import find_countries, mentions

    if not item.answerable or item.history or item.mode != "answer" or item.countries:
        return None
    found = list(mentions(item.question))
    return found[0] if len(found) == 1 and len(find_countries(item.question)) == 1 else None


_SHORTEST = 3  # words of a question that is more than a name or a title


def _first_turn(country: str, item_id: str, pool: Sequence[GoldenItem],
                rng: random.Random) -> str:
    """A turn naming the country: another item's question on it, or a neutral opener."""
    from assistant.countries import find_countries

    others = [i.question for i in pool if i.id != item_id and not i.history
              and len(i.question.split()) > _SHORTEST and find_countries(i.question) == [country]]
    if others and rng.random() < 0.5:
        return rng.choice(others)
    return str(rng.choice(words()["follow_up_openers"])).format(X=country)


def _pointer(question: str, start: int, end: int, rng: random.Random) -> str | None:
    """The question with the country at [start, end) replaced by a word pointing back at
    it, the form its place asks for ("Egypt's" -> "their", "in Egypt" -> "there"); None
    when the country is part of a name ("Digital Bangladesh"), which no pronoun stands for."""
    from assistant.country_data import COUNTRIES

    pronouns, prepositions = words()["follow_up_pronouns"], words()["follow_up_prepositions"]
    before, name, after = question[:start], question[start:end], question[end:]
    word_before = re.search(r"(\w+)\W*$", before)
    if word_before and (word_before.group(1).lower() in words()["follow_up_name_words"] or (
            word_before.group(1)[0].isupper() and word_before.start() > 0)):
        return None
    the = re.search(r"\bthe\s+$", before, re.IGNORECASE)
    before = before[: the.start()] if the else before
    possessive = re.match(r"['\u2019]s?\b", after)
    word_after = re.match(r"\s+([a-z]+)", after)
    demonyms = {d.lower() for c in COUNTRIES for d in c.demonyms}
    people = name.lower() in demonyms and name.lower().endswith("s")  # "what do Koreans ..."
    if not people and (possessive or name.lower() in demonyms or (
            the and word_after and word_after.group(1) not in prepositions)):
        # "Egypt's plan", "the Egyptian plan", "the USA poll": the plan is theirs.
        pointer = rng.choice(pronouns["possessive"])
        after = after[possessive.end():] if possessive else after
    else:
        preposition = re.search(r"\b(\w+)\s+$", before)
        word = preposition.group(1).lower() if preposition else ""
        kind = ("place" if word in words()["follow_up_place_prepositions"] and not people
                else "object" if word in prepositions else "subject")
        kind = f"people_{kind}" if people else kind
        pointer = rng.choice(pronouns[kind])
        if kind == "place" and preposition:
            before = before[: preposition.start()]  # "in Egypt" -> "there", "in that country"
    if not before.strip():
        pointer = pointer[0].upper() + pointer[1:]
    return before + pointer + after


def follow_up(item: GoldenItem, pool: Sequence[GoldenItem], rng: random.Random
              ) -> TwoTurns | None:
    """The item's question asked after a turn naming its country, pointing back at it."""
    mention = _one_country(item)
    if mention is None:
        return None
    start, end, country = mention
    second = _pointer(item.question, start, end, rng)
    return (_first_turn(country, item.id, pool, rng), second) if second else None


def follow_up_new(item: GoldenItem, pool: Sequence[GoldenItem], rng: random.Random
                  ) -> TwoTurns | None:
    """The item's question as written after a turn on another country it must not take."""
    from assistant.countries import find_countries

    mention = _one_country(item)
    if mention is None:
        return None
    others = sorted({c for i in pool for c in find_countries(i.question)} - {mention[2]})
    if not others:
        return None
    return str(rng.choice(words()["follow_up_openers"])).format(X=rng.choice(others)), item.question


# An acronym naming the subject: capitals (a digit or hyphen inside: "D-8"), 3+ long.
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9-]*[A-Z0-9]\b")


def _one_name(item: GoldenItem) -> re.Match[str] | None:
    """The one acronym of a single-turn answerable question naming no country."""
    from assistant.countries import canonical, find_countries
    from assistant.country_data import country_of_code

    if (not item.answerable or item.history or item.mode != "answer" or item.countries
            or find_countries(item.question)):
        return None
    names = [m for m in _ACRONYM.finditer(item.question)
             if len(m.group()) >= 3 and not canonical(m.group()) and not country_of_code(m.group())]
    return names[0] if len(names) == 1 else None


def _thing_pointer(question: str, name: re.Match[str]) -> str | None:
    """The question with the acronym replaced by "it" or "its" where its place shows which:
    "EIGE's data" -> "its data"; "... in the ISG?", "what is OBS, and ..." -> "it"; None
    elsewhere ("the DPIDG director", "does the WJP detect": a noun or a verb after it)."""
    before, after = question[: name.start()], question[name.end():]
    the = re.search(r"\bthe\s+$", before, re.IGNORECASE)
    word_before = re.search(r"(\w+)\s+$", before)
    possessive = re.match(r"['\u2019]s\b", after)
    if possessive:
        pointer, after = "its", after[possessive.end():]
    elif re.match(r"\s*(?:[?,.;:]|$)", after) and (the or not word_before or (
            word_before.group(1).lower() in words()["follow_up_prepositions"])):
        pointer = "it"
    else:
        return None
    before = before[: the.start()] if the else before
    if not before.strip():
        pointer = pointer.capitalize()
    return before + pointer + after


def follow_up_name(item: GoldenItem, pool: Sequence[GoldenItem], rng: random.Random
                   ) -> TwoTurns | None:
    """The item's question asked after a turn naming its acronym, pointing back at it."""
    name = _one_name(item)
    second = _thing_pointer(item.question, name) if name else None
    if not name or not second:
        return None
    return str(rng.choice(words()["follow_up_name_openers"])).format(X=name.group()), second


TWO_TURNS: dict[str, Callable[[GoldenItem, Sequence[GoldenItem], random.Random],
                              TwoTurns | None]] = {
    FOLLOW_UP: follow_up, FOLLOW_UP_NEW: follow_up_new, FOLLOW_UP_NAME: follow_up_name,
}
