"""Several questions asked in one breath ("where was X ranked in 2012 and what is planned
for them?"): the parts the answer stage answers one after the other (answer.py)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import cache

from assistant.follow_up import pronoun_in
from assistant.text import terms
from assistant.understand import Question, parse_question
from assistant.vocabulary import vocabulary

# Topic terms of a part that names what is asked but not about what ("how many questions is
# that?", "which company?"): the question around it says about what.
BARE_PART = 1


@cache
def _joint() -> re.Pattern[str]:
    """A second question asked in the same breath: "... in 2012, and what is UNPOG
    planning?", "did they like it? how many gave it top marks". It opens with an asking
    word; after a strong joint ("and also", "as well as", "; ") with a request word too
    ("..., and also give Nigeria's EGDI"), or it holds one further on ("... and also
    Indonesia's vision 2045 - how many strategies?"). Data/answers.json "question_joints"."""
    words = vocabulary()["question_joints"]
    asking = "|".join([*words["asking"], *words["auxiliaries"]])
    opening = "|".join([*words["asking"], *words["auxiliaries"], *words["requests"]])
    further = "|".join([*words["asking"], *words["requests"]])
    return re.compile(rf"(?P<strong>{'|'.join(words['strong_joints'])})"
                      rf"(?=(?:{opening})\b|[^?;]*?\b(?:{further})\b)"
                      rf"|(?:{'|'.join(words['joints'])})(?=(?:{asking})\b)", re.IGNORECASE)


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The questions a text asks, each with whether a strong joint sets it apart from the
    one before."""
    pieces, start, apart = [], 0, False
    for match in _joint().finditer(text):
        pieces.append((text[start:match.start()], apart))
        start, apart = match.end(), match.group("strong") is not None
    pieces.append((text[start:], apart))
    return [(piece.strip(" ,;"), apart) for piece, apart in pieces if piece.strip(" ,;?")]


def question_parts(question: Question) -> list[Question]:
    """The questions asked in one ("where was X ranked in 2012 and what is Y planning
    for them?"), each read on its own; a part that names no country or index takes those a
    part before it named ("them" is X; a year stays with its part: "2012" dates the rank,
    not the plan), and every part the countries of a filter. The question itself
    when it asks one thing."""
    pieces = _pieces(question.text)
    if len(pieces) < 2 or len(pieces) > 3:
        return [question]
    parts = []
    indices: tuple[str, ...] = ()  # named by the parts so far
    read = [parse_question(piece) for piece, _ in pieces]
    # Countries no part names (a filter's) hold for every part.
    named = {c for part in read for c in part.countries}
    held = countries = tuple(c for c in question.countries if c not in named)
    for part, (_, apart) in zip(read, pieces, strict=True):
        if not part.topic:
            return [question]  # "... and how?": not a question of its own
        # An index carries forward ("Kenya's EGDI score, and what rank?"), not back: "how
        # many places did X climb, and where did it end up on e-participation?" asks the
        # climb of no e-participation index. Nor into a part asked apart that names an
        # aspect ("..., and also what opportunities did Egypt present?"): no index's.
        indices = part.indices or indices
        # So do countries: "what are the education challenges and what did Bangladesh
        # identify?" asks the first of no country. Not into a part asking across countries
        # ("..., and also which D-8 country ranks first?"): it names none to ask about one.
        countries = part.countries or countries
        parts.append(replace(
            part,
            asked=question.asked,
            countries=part.countries or (held if _across_countries(part) else countries),
            indices=part.indices or (() if apart and part.aspects else indices),
            language=question.language,  # a translated twin stays the second choice
        ))
    return parts


def _across_countries(part: Question) -> bool:
    """Whether a part asks across countries: a group, "which country", the best of them."""
    return bool(part.groups or part.asks_country or part.across or part.extreme)


def asked_apart(question: Question, parts: Sequence[Question]) -> bool:
    """Whether a question's parts are questions of their own, each answered as if asked
    alone: every later part set apart by a strong joint ("... and also which ..."), and
    every part naming what it is about (not "it", "most", nor one word)."""
    pieces = _pieces(question.text)
    return (len(pieces) == len(parts) > 1 and all(apart for _, apart in pieces[1:])
            and not any(len(p.topic) <= BARE_PART for p in parts)
            and not any(refers_back(p) for p in parts[1:]))


# A quantifier standing as the subject ("what main stages do most share?"): most of the
# things the question before named.
_QUANTIFIER_SUBJECT = re.compile(
    r"\b(?:do|does|did|will|would|can|could|should|are|were|have|has)\s+"
    r"(?:most|many|both|all|each|some|few)\b", re.IGNORECASE)


def refers_back(question: Question) -> bool:
    """Whether a question points at something said before it ("how long will it be?",
    "what do most share?")."""
    return pronoun_in(question.text) or names_no_subject(question)


def names_no_subject(question: Question) -> bool:
    """Whether a question's subject opens with a quantifier after its auxiliary ("what
    main stages do most share?", "are many of them ..."): what it is about, the question
    before it named."""
    return _QUANTIFIER_SUBJECT.search(question.text) is not None


def said_already(part: Question, asked: Collection[str], quotes: Sequence[str]) -> bool:
    """Whether the quotes name every term a part asks (one of a synonym group is enough):
    "... required the involvement of some 2,000 Country Experts" answers "how many country
    experts were involved?", and another page found by the part's words would be an aside."""
    said = {t for quote in quotes for t in terms(quote)}
    return all(t in said or any(t in group and said & set(group) for group in part.alternatives)
               for t in asked)
