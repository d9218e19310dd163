"""The question's terms as the index spells them (part of understanding, once the index is
known): a clipped word completed ("e-gov" -> government), a slip corrected ("goverment"), a
British spelling read as the documents print it ("organise"). A word of the language that
the documents merely never use ("plain", "matter", "back") is no slip: it is replaced only
by a word close to it in meaning, so "plain words" does not ask about a plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np

from assistant.termweights import TermWeights
from assistant.text import stem, terms, words
from assistant.understand import Question

# MiniLM cosine of a word and the indexed term it would become, below which they are two
# words, not one spelt two ways. On the development sets' 36 replacements (2026-11-26):
# kept 'afghan' -> afghanistan 0.82, 'gov' 0.80, 'budget' -> budgetary 0.74, 'asian' 0.67,
# 'meant' 0.59, 'info' 0.50; refused 'back' -> background 0.43, 'far' -> farhana 0.37,
# 'matter' -> material 0.35, 'plain' -> plan 0.30, 'ahead' -> ahmad 0.23.
SAME_MEANING = 0.45
# British -ise/-isation spellings as the American ones ("organisation" ~ "organization").
_COMPOUND = re.compile(r"\b[^\W\d_]+(?:-[^\W\d_]+)+\b")
_BRITISH = re.compile(r"(?<=\w{3})is(?=(?:e|ed|es|er|ers|ing|ation|ations)$)")

Embed = Callable[[list[str]], np.ndarray]


@cache
def language_words(model_dir: str) -> frozenset[str]:
    """The whole words of an embedding model's vocabulary (a WordPiece ``vocab.txt``): the
    words of the language, none of them a slip. Empty when the model has no such file."""
    path = Path(model_dir) / "vocab.txt"
    if not path.is_file():
        return frozenset()
    return frozenset(filter(str.isalpha, path.read_text(encoding="utf-8").split()))


def spelled(question: Question, weights: TermWeights, embed: Embed,
            language: frozenset[str]) -> Question:
    """The question with each topic and measure term the index never uses replaced by the
    one it stands for, and a clipped word the documents print too matched with its full
    word."""
    # A word of a synonym group is no slip: the group already says what the documents
    # call it ("chaired": "moderator"), and a close spelling would be another word.
    grouped = {t for group in question.alternatives for t in group}
    typed = {stem(w): w for w in words(question.text)}

    def respelled(term: str) -> str:
        if term in grouped or weights.known(term):
            return term
        word = typed.get(term, term)
        american = stem(_BRITISH.sub("iz", word))
        if american != term and weights.known(american):
            return american
        found = weights.completion(term) or weights.correction(term)
        if found is None or (word in language and _similarity(embed, word, found)
                             < SAME_MEANING):
            return term
        return found

    topic = tuple(respelled(t) for t in question.topic)
    # A clipped word the documents print too ("e-Gov" on one slide) is found either way:
    # "kazakhstan's e-gov story" is told in sentences on its "e-government".
    clipped: tuple[tuple[str, ...], ...] = tuple(
        (t, full) for t in topic
        if t not in grouped and (full := weights.clipped_spelling(t)) is not None)
    # A compound the documents never print ("front-runner") is one word asked, not two:
    # its parts count once, as a group.
    compounds = tuple(
        parts for match in _COMPOUND.finditer(question.text)
        if len(parts := tuple(dict.fromkeys(terms(match.group())))) > 1
        and all(p in topic and not weights.known(p) for p in parts))
    # What a figure counts is typed too: "how many asian countries" is answered by "3 of
    # the world's top 20 e-leaders are from Asia".
    measure = tuple(respelled(t) for t in question.measure)
    # A name is respelled too: "Asian", which the documents never print, is their "Asia"
    # (a name is found at the start of a word, so its stem finds it).
    def renamed(name: str) -> str:
        typed_terms = list(terms(name))
        found = [respelled(t) for t in typed_terms]
        return name if found == typed_terms else " ".join(found)

    names = tuple(renamed(n) for n in question.names)
    # The words naming an index are demanded of a passage: "wrold press freedom index"
    # asks for "world".
    index_words = tuple(dict.fromkeys(respelled(t) for t in question.index_words))
    return replace(question, topic=topic, measure=measure, names=names, index_words=index_words,
                   alternatives=question.alternatives + clipped + compounds)


def _similarity(embed: Embed, word: str, term: str) -> float:
    first, second = embed([word, term])
    return float(first @ second)
