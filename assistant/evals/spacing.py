"""Glued and split words in parsed text, judged by a word-frequency dictionary (wordfreq).

A PDF draws glyphs, not words, so text extraction guesses where spaces go. Two kinds of
wrong guess are counted, as a share of word tokens:

- **glued**: a token no dictionary of the language knows that is common words run
  together ("Availabilityof" = "availability" + "of", "Wearenotmeasuring"), one of them a
  very common one (so that names such as "Saisana" are not read as "sais" + "ana"); each
  missing space counts once;
- **split**: two neighbouring tokens that are one word, where the whole word is more common
  than one of its pieces ("tool s" -> "tools", "t o" -> "to", "cus toms" -> "customs"),
  so "on line" (both common words) stays two; and letter-spaced words ("T a j i k"), each
  extra space counted once.

Web and mail addresses ("internationalbudget.org") are left out: they are glued by design.

The dictionary is independent of the parser (which repairs spacing from the document's own
vocabulary, ``assistant.parsers.spacing``), so the measure cannot grade its own homework.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

_TOKEN = re.compile(r"[^\W\d_]+")
# A whole word must be at least this common (Zipf scale: 3 = once per million words).
_WORD = 3.0
# Each piece of a glued token must be a common word, and one of them a very common one.
_PIECE = 3.0
_FUNCTION_WORD = 5.0
_ADDRESS = re.compile(r"\S*(?:://|www\.|@|\.(?:org|com|net|gov|int|edu)\b)\S*", re.IGNORECASE)


@lru_cache(maxsize=200_000)
def _zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, language)


def known_language(language: str) -> bool:
    from wordfreq import available_languages

    return language in available_languages("small")


@dataclass
class SpacingErrors:
    tokens: int = 0
    glued: list[str] = field(default_factory=list)
    split: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return (len(self.glued) + len(self.split)) / self.tokens if self.tokens else 0.0

    def add(self, other: SpacingErrors) -> None:
        self.tokens += other.tokens
        self.glued += other.glued
        self.split += other.split


def glued_spaces(token: str, language: str) -> int:
    """How many spaces are missing in ``token``: 0 for a word, else the number of common
    words it is made of, minus one.

    >>> glued_spaces("Availabilityof", "en"), glued_spaces("customs", "en")
    (1, 0)
    """
    lower = token.lower()
    # Acronyms and names in CamelCase ("eGovernment", "OECD") are not glued prose.
    if len(token) < 5 or not token[1:].islower() or _zipf(lower, language) > 0:
        return 0
    pieces = _segment(lower, language)
    if not pieces or max(_zipf(p, language) for p in pieces) < _FUNCTION_WORD:
        return 0
    return len(pieces) - 1


def _segment(word: str, language: str) -> list[str] | None:
    """``word`` as the fewest common words (of two letters or more), if it is any."""
    best: list[list[str] | None] = [[]] + [None] * len(word)
    for end in range(2, len(word) + 1):
        for start in range(max(0, end - 20), end - 1):
            before = best[start]
            piece = word[start:end]
            # A two-letter piece must be a function word ("of", "in"), or any word with
            # "ri" or "di" in it would do ("Kirundi" = "ki" + "run" + "di").
            floor = _FUNCTION_WORD if len(piece) == 2 else _PIECE
            if before is not None and _zipf(piece, language) >= floor:
                candidate = [*before, piece]
                if best[end] is None or len(candidate) < len(best[end] or []):
                    best[end] = candidate
    found = best[len(word)]
    return found if found and len(found) > 1 else None


def is_split(first: str, second: str, language: str) -> bool:
    """Two tokens that are one word cut in two.

    >>> is_split("tool", "s", "en"), is_split("on", "line", "en")
    (True, False)
    """
    if not second.islower():
        return False  # "the Survey": a capital starts a new word
    joined = (first + second).lower()
    whole = _zipf(joined, language)
    return whole >= _WORD and whole > min(_zipf(first.lower(), language), _zipf(second, language))


def spacing_errors(texts: Iterable[str], language: str) -> SpacingErrors:
    """Glued tokens and split words in ``texts`` (tokens separated by one space only)."""
    result = SpacingErrors()
    for text in texts:
        text = _ADDRESS.sub(" ", text)
        tokens = list(_TOKEN.finditer(text))
        result.tokens += len(tokens)
        i = 0
        while i < len(tokens):
            token = tokens[i].group()
            missing = glued_spaces(token, language)
            result.tokens += missing
            result.glued += [token] * missing
            run = _letter_spaced(text, tokens, i, language)
            if run > 1:
                result.split += [" ".join(t.group() for t in tokens[i : i + run])] * (run - 1)
                i += run
                continue
            if i + 1 < len(tokens):
                after = tokens[i + 1]
                if text[tokens[i].end() : after.start()] == " " and is_split(
                    token, after.group(), language
                ):
                    result.split.append(f"{token} {after.group()}")
                    i += 2  # the second piece is not the start of another word
                    continue
            i += 1
    return result


def _letter_spaced(text: str, tokens: list[re.Match[str]], i: int, language: str) -> int:
    """Length of a letter-spaced word starting at token ``i`` ("T a j i k": 5), else 0."""
    j = i
    while (
        j + 1 < len(tokens)
        and len(tokens[j + 1].group()) <= 2
        and text[tokens[j].end() : tokens[j + 1].start()] == " "
    ):
        j += 1
    run = j - i + 1
    if run < 3 or len(tokens[i].group()) > 2:
        return 0
    joined = "".join(t.group() for t in tokens[i : j + 1]).lower()
    return run if _zipf(joined, language) >= 2.0 else 0
