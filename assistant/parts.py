"""Several questions asked in one breath: questions of their own ("what is LOSI, and also
give Nigeria's EGDI"), which the answer stage answers each as if asked alone, and the parts
of one question ("where was X ranked in 2012 and what is planned for them?"), which it
answers one after the other from the whole question's evidence (answer.py)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import cache

from assistant.countries import named_countries
from assistant.figures_asked import prints_value
from assistant.follow_up import (
    edition_named,
    named_in_place,
    owner_pointer,
    pronoun_in,
    words_before_pronoun,
)
from assistant.knowledge import find_indices
from assistant.text import terms
from assistant.understand import Question, parse_question
from assistant.vocabulary import ASKING_TERMS, vocabulary

# Topic terms of a part that names what is asked but not about what ("how many questions is
# that?", "which company?"): the question around it says about what.
BARE_PART = 1


@cache
def _joint() -> re.Pattern[str]:
    """A second question asked in the same breath: "... in 2012, and what is UNPOG
    planning?", "did they like it? how many gave it top marks". It opens with an asking
    word; after a strong joint ("and also", "as well as", "; ") with a request word too
    ("..., and also give Nigeria's EGDI"), or it holds one further on ("... and also
    Indonesia's vision 2045 - how many strategies?"), or it ends with a question mark of
    its own ("... and also Karachi's local score?"). After a comma and "and", a request
    ("..., and give its rank") or what something owns, asked further on or with a question
    mark of its own ("..., and its digital academy: who is it for?", "..., and its EGDI?").
    Data/answers.json "question_joints"."""
    words = vocabulary()["question_joints"]
    asking = "|".join([*words["asking"], *words["auxiliaries"]])
    opening = "|".join([*words["asking"], *words["auxiliaries"], *words["requests"]])
    further = "|".join([*words["asking"], *words["requests"]])
    owner = "|".join(words["owners"])
    return re.compile(rf"(?P<strong>{'|'.join(words['strong_joints'])})"
                      rf"(?=(?:{opening})\b|[^?;]*?\b(?:{further})\b|[^?;]*(?:\?|$))"
                      rf"|(?:{'|'.join(words['joints'])})(?=(?:{asking})\b)"
                      rf"|(?:{'|'.join(words['comma_joints'])})"
                      rf"(?=(?:{'|'.join(words['requests'])})\b"
                      rf"|(?:{owner})\b(?:[^?;]*?\b(?:{further})\b|[^?;,]*\?))", re.IGNORECASE)


def _pieces(text: str) -> list[str]:
    """The questions a text asks, split at their joints."""
    bounds = [0, *(end for m in _joint().finditer(text) for end in m.span()), len(text)]
    pieces = (text[start:end].strip(" ,;") for start, end in zip(bounds[::2], bounds[1::2],
                                                                 strict=True))
    return [p for p in pieces if p.strip("?")]


def questions_apart(question: Question) -> list[Question]:
    """The questions of their own asked in one, set apart by strong joints ("what is LOSI,
    and also give Nigeria's EGDI") or by naming another country or index than the one
    before ("what is Egypt's EGDI, and what support did Nigeria request?"), each read as if
    asked alone (and a filter's countries) and answered so; each may ask two things in
    turn ("..., and which vision followed it"). The question itself when a question is one
    word or points back at another ("... and also what did they ask for?"): it asks one
    thing in parts."""
    text = question.text
    joints = list(_joint().finditer(text))
    texts, start = [], 0
    for place, joint in enumerate(joints):
        before = text[joints[place - 1].end() if place else 0:joint.start()]
        after = text[joint.end():joints[place + 1].start() if place + 1 < len(joints) else None]
        if joint.group("strong") is not None or _another_subject(before, after):
            texts.append(text[start:joint.start()].strip(" ,;"))
            start = joint.end()
    texts = [t for t in [*texts, text[start:].strip(" ,;")] if t.strip("?")]
    if len(texts) < 2:
        return [question]
    read = [parse_question(asked) for asked in _dated_as_before(texts)]
    if any(_bare(q) for q in read) or any(_points_back(q) for q in read[1:]):
        return [question]
    named = {c for q in read for c in q.countries}
    held = tuple(c for c in question.countries if c not in named)  # a filter's
    # The whole question's mode words may have been read off with its framing ("could you
    # put together something on Kenya for my minister, and also ..."): none read in a part,
    # the mode is that of the part naming countries and nothing asked of them.
    moded = any(q.mode for q in read)
    return [replace(q, asked=question.asked, countries=q.countries or held,
                    mode=q.mode or (None if moded or q.topic or not q.countries
                                    else question.mode),
                    language=question.language) for q in read]


def _dated_as_before(texts: list[str]) -> list[str]:
    """The questions asked in one, each pointing at the year the one before named ("did
    Kenya stay on top in 2014? what position did it get that year?") read with that year:
    a part asked alone must not take a figure of any year. Each reads the part before as
    already dated, so a third "that year" finds the year the first part named."""
    dated: list[str] = []
    for text in texts:
        dated.append(edition_named(text, dated[-1]) if dated else text)
    return dated


def _another_subject(before: str, after: str) -> bool:
    """Whether a question names countries, or indices, and the one before it others only."""
    return any(set(named) and set(earlier) and not set(named) & set(earlier)
               for named, earlier in ((named_countries(after), named_countries(before)),
                                      (find_indices(after), find_indices(before))))


def carried_forward(questions: Sequence[Question]) -> list[Question]:
    """Questions asked apart with the country and index an earlier one named where they
    name none ("what are Egypt's challenges, and also what support was requested?"); not
    a country into one asking across countries, nor an index into one naming an aspect
    ("... and also what opportunities did Egypt present?")."""
    carried = []
    countries: tuple[str, ...] = ()
    indices: tuple[str, ...] = ()
    for question in questions:
        countries = question.countries or countries
        indices = question.indices or indices
        carried.append(replace(
            question,
            countries=question.countries or (() if _across_countries(question) or _named_own(
                question) else countries),
            indices=question.indices or (() if question.aspects else indices)))
    return carried


def _named_own(question: Question) -> bool:
    """Whether a question names what it is about and points at nothing before it ("what
    groups make up the GovStack Tech Community?"): a country asked before is not its."""
    return bool(question.names) and not refers_back(question)


def question_parts(question: Question) -> list[Question]:
    """The questions asked in one ("where was X ranked in 2012 and what is Y planning
    for them?"), each read on its own; a part that names no country or index takes those a
    part before it named ("them" is X; a year stays with its part: "2012" dates the rank,
    not the plan), and every part the countries and indices the question holds beyond its
    parts' (a filter's, or those carried to it by ``questions_apart``). The question itself
    when it asks one thing."""
    pieces = _pieces(question.text)
    if len(pieces) < 2 or len(pieces) > 3:
        return [question]
    parts = []
    read = _owners_named([parse_question(piece) for piece in _dated_as_before(pieces)])
    named = {c for part in read for c in part.countries}
    held = countries = tuple(c for c in question.countries if c not in named)
    indices = tuple(i for i in question.indices if all(i not in p.indices for p in read))
    for part in read:
        if not part.topic and not pronoun_in(part.text):
            # "... and how?": not a question of its own; "..., and what do they deal
            # with?" is, about what the part before named (``answer._in_parts``).
            return [question]
        # An index carries forward ("Kenya's EGDI score, and what rank?"), not back: "how
        # many places did X climb, and where did it end up on e-participation?" asks the
        # climb of no e-participation index.
        indices = part.indices or indices
        # So do countries: "what are the education challenges and what did Bangladesh
        # identify?" asks the first of no country. Not into a part asking across countries
        # ("..., and which D-8 country ranks first?"): it names none to ask about one.
        countries = part.countries or countries
        parts.append(replace(
            part,
            asked=question.asked,
            countries=part.countries or (held if _across_countries(part) else countries),
            indices=indices,
            language=question.language,  # a translated twin stays the second choice
        ))
    return parts


def _owners_named(read: list[Question]) -> list[Question]:
    """Parts read with the one country a part before named where their possessive points
    at it ("what did nigeria ask for, and what's its EGDI?": Nigeria's EGDI), as a
    follow-up is: left in, "what is its EGDI" reads as asking what the EGDI is. Not when
    the part before named an index or several countries: "its" may be the index's."""
    named: list[Question] = []
    for part in read:
        before = named[-1] if named else None
        if (before is not None and len(before.countries) == 1 and not before.indices
                and not part.countries and owner_pointer(part.text)):
            part = parse_question(named_in_place(part.text, before.countries))
        named.append(part)
    return named


def _across_countries(part: Question) -> bool:
    """Whether a part asks across countries: a group, "which country", the best of them."""
    return bool(part.groups or part.asks_country or part.across or part.extreme)


def _points_back(question: Question) -> bool:
    """Whether a question asked after another points at it: its pronoun comes before any
    word of its own ("what did they ask for?", "what do most share?"), not after one
    ("which city represented Pakistan, and how did it score?"). A pronoun after a verb
    ("what is planned for them?") is read as its own: the country before is tried first
    (``carried_forward``). Nor one whose pointer stands for its own words ("the Kenyan
    delegation - which department were most of them from?")."""
    if points_within(question):
        return False
    before = words_before_pronoun(question.text)
    return names_no_subject(question) or before is not None and all(
        t in ASKING_TERMS for t in terms(before))


def _bare(question: Question) -> bool:
    """Whether a question names what is asked but not about what, and no country, group,
    index, abbreviation or name: one word ("how many questions is that?"), or an aspect
    alone ("what are the challenges", in "... and also the opportunities of Egypt?")."""
    if (question.countries or question.groups or question.indices or question.acronyms
            or question.names):
        return False
    aspect = {t for a in question.aspects for t in terms(vocabulary()["aspects"][a]["query"])}
    return len(set(question.topic) - aspect) <= (0 if question.aspects else BARE_PART)


# A quantifier standing as the subject ("what main stages do most share?"): most of the
# things the question before named. Not after "there": "there were some guiding questions"
# has its subject after the quantifier.
_QUANTIFIER_SUBJECT = re.compile(
    r"(?<!\bthere\s)\b(?:do|does|did|will|would|can|could|should|are|were|have|has)\s+"
    r"(?:most|many|both|all|each|some|few)\b", re.IGNORECASE)


# "there" closing a part stands for the place named before ("..., and what languages are
# official there?"); elsewhere it may open one ("is there a programme ...?").
_THERE_CLOSING = re.compile(r"\bthere\W*$", re.IGNORECASE)


def refers_back(question: Question) -> bool:
    """Whether a question points at something said before it ("how long will it be?",
    "what do most share?", "what languages are official there?")."""
    return (pronoun_in(question.text) or names_no_subject(question)
            or _THERE_CLOSING.search(question.text) is not None)


# The end of a clause before a question's pointer: a sentence's, or a dash or colon opening
# the question about what the clause named ("why become 'smart' - what is behind it?").
_CLAUSE_END = re.compile(r"[?!.:;](?:\s|$)|\s[-\u2013\u2014]\s")


def points_within(question: Question) -> bool:
    """Whether what a question's pointer stands for is in the question itself: a clause of
    its own before it ("what is NIX? it keeps showing up", "question 30 - what options are
    there?") or a country it names before it ("put Kenya and Chile side by side on the
    support they asked for"). Asked after another question, it points at its own words,
    not at the other's answer."""
    text = question.text
    pronoun = words_before_pronoun(text)
    pointers = [len(pronoun)] if pronoun is not None else []
    pointers += [m.start() for m in (_QUANTIFIER_SUBJECT.search(text),
                                     _THERE_CLOSING.search(text)) if m is not None]
    before = text[:min(pointers)] if pointers else ""
    return bool(_CLAUSE_END.search(before) or named_countries(before))


def names_no_subject(question: Question) -> bool:
    """Whether a question's subject opens with a quantifier after its auxiliary ("what
    main stages do most share?", "are many of them ..."): what it is about, the question
    before it named."""
    return _QUANTIFIER_SUBJECT.search(question.text) is not None


def said_already(part: Question, asked: Collection[str], quotes: Sequence[str]) -> bool:
    """Whether the quotes name every term a part asks (one of a synonym group is enough):
    "... required the involvement of some 2,000 Country Experts" answers "how many country
    experts were involved?", and another page found by the part's words would be an aside.
    A figure asked is said only by quotes that print one: "Nigeria is in the Medium EGDI
    group" names what "what is Nigeria's EGDI?" asks, not its value."""
    if part.kind == "figure":
        quotes = [quote for quote in quotes if prints_value(quote)]
    said = {t for quote in quotes for t in terms(quote)}
    return all(t in said or any(t in group and said & set(group) for group in part.alternatives)
               for t in asked)
