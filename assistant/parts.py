"""Several questions asked in one breath ("where was X ranked in 2012 and what is planned
for them?"): the parts the answer stage answers one after the other (answer.py)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from assistant.follow_up import pronoun_in
from assistant.text import terms
from assistant.understand import Question, parse_question

# A second question asked in the same breath: "... in 2012, and what is UNPOG planning?",
# "did they like it? how many gave it top marks", "... and also who ran it?". It starts
# with an asking word.
_SECOND_PART = re.compile(
    r"(?:\?\s+|,?\s+and\s+(?:also\s+)?|;\s+)(?=(?:what|how|which|where|when|who|whom|whose|why|"
    r"did|does|do|is|are|was|were|can|could)\b)",
    re.IGNORECASE,
)


def question_parts(question: Question) -> list[Question]:
    """The questions asked in one ("where was X ranked in 2012 and what is Y planning
    for them?"), each read on its own; a part that names no country or index takes those a
    part before it named ("them" is X; a year stays with its part: "2012" dates the rank,
    not the plan), and every part the countries of a filter. The question itself
    when it asks one thing."""
    pieces = [p.strip(" ,;") for p in _SECOND_PART.split(question.text) if p.strip(" ,;?")]
    if len(pieces) < 2 or len(pieces) > 3:
        return [question]
    parts = []
    indices: tuple[str, ...] = ()  # named by the parts so far
    read = [parse_question(piece) for piece in pieces]
    # Countries no part names (a filter's) hold for every part.
    named = {c for part in read for c in part.countries}
    countries = tuple(c for c in question.countries if c not in named)
    for part in read:
        if not part.topic:
            return [question]  # "... and how?": not a question of its own
        # An index carries forward ("Kenya's EGDI score, and what rank?"), not back: "how
        # many places did X climb, and where did it end up on e-participation?" asks the
        # climb of no e-participation index.
        indices = part.indices or indices
        # So do countries: "what are the education challenges and what did Bangladesh
        # identify?" asks the first of no country.
        countries = part.countries or countries
        parts.append(replace(
            part,
            asked=question.asked,
            countries=countries,
            indices=indices,
            language=question.language,  # a translated twin stays the second choice
        ))
    return parts


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
