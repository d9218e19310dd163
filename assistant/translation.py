"""A question written in a language no document is in, read word by word in English.

The embedding model and the English stemmer find nothing in "Care sunt nivelurile de
expertiză ale personalului?" asked of English documents, and the evidence checks then see
no term of the question in any passage. data/translations.json lists common words of public
administration and policy per language with their English; a question most of whose words
are in one language's list, asked of an index that holds English but not that language, is
read in English ("which are the levels of expertise of the staff?"). Words not listed (names,
acronyms, figures) stay as typed. A question in a language the documents are written in is
left alone: its own documents answer it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bm25s.stopwords import STOPWORDS_EN_PLUS

from assistant.text import fold_accents
from assistant.wording import without_chatter

DATA = Path(__file__).parent / "data" / "translations.json"
_WORD = re.compile(r"\w+")
# A key this long or longer is a stem: it also matches a word that goes on for at most
# _ENDING more letters (an inflection: nivel -> nivelurile), the longest key winning.
_STEM = 4
_ENDING = 6
# A question is read as written in a language when this share of its words (those English
# does not share), and at least _FEWEST of them, are in that language's list.
_SHARE = 0.6
_FEWEST = 3
# A question this share of whose words are English function words is English.
_ENGLISH_SHARE = 0.25
_ENGLISH = frozenset(STOPWORDS_EN_PLUS)
_APOSTROPHES = ("'", "\u2019")


@dataclass(frozen=True)
class Glossary:
    words: dict[str, str]  # folded word or stem -> English
    phrases: dict[tuple[str, ...], str]  # folded words of a phrase -> English
    longest: int  # the most words in a phrase
    # Words read before: every question is read by each list, most of its words again.
    read: dict[str, str | None] = field(default_factory=dict, compare=False)

    def phrase_at(self, folded: list[str], i: int) -> tuple[int, str] | None:
        """(words read, English) of the longest phrase starting at word ``i``."""
        for n in range(min(self.longest, len(folded) - i), 1, -1):
            english = self.phrases.get(tuple(folded[i:i + n]))
            if english is not None:
                return n, english
        return None

    def word(self, folded: str) -> str | None:
        """The English of one folded word: the word itself listed, else its longest stem."""
        if folded in self.read:
            return self.read[folded]
        english = self.words.get(folded)
        for end in range(len(folded) - 1, max(_STEM, len(folded) - _ENDING) - 1, -1):
            if english is not None:
                break
            english = self.words.get(folded[:end])
        self.read[folded] = english
        return english


@lru_cache(maxsize=1)
def glossaries() -> dict[str, Glossary]:
    """The lists of data/translations.json, one per language code."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    out = {}
    for language, entries in data.items():
        if language.startswith("_"):
            continue
        words: dict[str, str] = {}
        phrases: dict[tuple[str, ...], str] = {}
        for key, english in entries.items():
            folded = tuple(_WORD.findall(fold_accents(key.lower())))
            if len(folded) > 1:
                phrases[folded] = english
            else:
                words[folded[0]] = english
        out[language] = Glossary(words, phrases, max(map(len, phrases), default=1))
    return out


def english_reading(question: str, languages: Collection[str]) -> str | None:
    """The question read in English when it is written in a listed language that no indexed
    document is in and English documents are indexed; None otherwise.

    >>> english_reading("Care sunt nivelurile de expertiză ale personalului?", {"en"})
    'which are levels of expertise of staff?'
    >>> english_reading("What are the levels of expertise?", {"en"}) is None
    True
    """
    if "en" not in languages:
        return None
    # Its language is told without the English chatter around it ("... de reinginerie?
    # please be brief"), which would count as English words.
    whole = _reading(without_chatter(question), frozenset(languages))
    return whole if whole is not None else _by_sentence(question, frozenset(languages))


# Where one sentence of a question ends and another begins.
_SENTENCE_END = re.compile(r"(?<=[?!.;])\s+")


def _by_sentence(question: str, languages: frozenset[str]) -> str | None:
    """A question asked in two languages ("what is the EGDI of Moldova? et quelle est la
    date de publication ?"), read sentence by sentence: the English ones as typed, the
    others in English, so that each part is answered; None when no sentence is read. Its
    language is told before it is split into parts: as a whole it is neither."""
    sentences = _SENTENCE_END.split(question.strip())
    read = [_reading(s, languages) for s in sentences] if len(sentences) > 1 else []
    if not any(read):
        return None
    return " ".join(r or s for r, s in zip(read, sentences, strict=True))


def also_in_english(question: str, languages: Collection[str]) -> str | None:
    """The English reading of a question written in a listed language that the index holds
    beside English ("Sur quels éléments repose le cycle de gestion des connaissances ?" of
    French and English documents): their English passages answer it in English words.
    None when the index holds one language, or the question is not read so.

    >>> also_in_english("Quels sont les niveaux de maturité ?", {"en", "fr"})
    'which are the level of maturity ?'
    >>> also_in_english("Quels sont les niveaux de maturité ?", {"fr"}) is None
    True
    """
    if "en" not in languages or len(languages) < 2:
        return None
    return english_reading(question, {"en"})


# Understanding and retrieval read the same question (and a question's parts): once.
@lru_cache(maxsize=4096)
def _reading(question: str, languages: frozenset[str]) -> str | None:
    tokens = list(_WORD.finditer(question))
    folded = [_fold(m.group()) for m in tokens]
    if sum(w in _ENGLISH for w in folded) > _ENGLISH_SHARE * len(folded):
        return None  # "what are the ...": English, not read word by word against the lists
    best: tuple[float, str | None] = (0.0, None)
    for language, glossary in glossaries().items():
        if language in languages:
            continue
        read = _read(folded, glossary)
        spans = _spans(read, folded)
        known = sum(n for n, english, typed in spans if _foreign(english, typed))
        # Words English shares (a cognate listed as itself, a figure) speak for no language.
        shared = sum(n for n, english, typed in spans
                     if typed.isdigit() or (english is not None and not _foreign(english, typed)))
        share = known / (len(folded) - shared) if len(folded) > shared else 0.0
        if known >= _FEWEST and share >= _SHARE and share > best[0]:
            best = (share, _rewrite(question, tokens, read))
    return best[1]


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    return fold_accents(word.lower())


def _spans(read: list[tuple[int, str | None]], folded: list[str]
           ) -> list[tuple[int, str | None, str]]:
    """``_read``'s stretches with the words they span."""
    out = []
    i = 0
    for n, english in read:
        out.append((n, english, " ".join(folded[i:i + n])))
        i += n
    return out


def _foreign(english: str | None, typed: str) -> bool:
    """A listed word that English does not share: "nivelurile" (level), not "model" or
    "maturity", which an English question uses as well."""
    if english is None:
        return False
    english = _fold(english)
    return not (typed.startswith(english) or english.startswith(typed))


def _read(folded: list[str], glossary: Glossary) -> list[tuple[int, str | None]]:
    """Per stretch of words: how many words it spans and their English (None: not listed)."""
    out: list[tuple[int, str | None]] = []
    i = 0
    while i < len(folded):
        phrase = glossary.phrase_at(folded, i)
        if phrase:
            out.append(phrase)
            i += phrase[0]
        else:
            out.append((1, glossary.word(folded[i])))
            i += 1
    return out


def _rewrite(question: str, tokens: list[re.Match[str]], read: list[tuple[int, str | None]]) -> str:
    """The question with each listed stretch replaced by its English, the rest as typed."""
    parts: list[str] = []
    at = 0
    i = 0
    listed = False  # whether the stretch before was listed
    for n, english in read:
        first, last = tokens[i], tokens[i + n - 1]
        gap = question[at:first.start()]
        # "l'objectif" read as "the objective": an elided word's apostrophe goes with it.
        # A verb and its pronoun joined by hyphens ("sont-elles", "a-t-elle") are two
        # words read, not one compound ("are-they" would be a term no passage prints).
        parts.append(" " if gap in _APOSTROPHES and parts and parts[-1] != ""
                     or gap == "-" and listed and english is not None else gap)
        listed = english is not None
        # A word not listed is read without its accents: English passages print none, and
        # a cognate then reads as English ("éléments", "systèmes").
        parts.append(fold_accents(question[first.start():last.end()]) if english is None
                     else english)
        at = last.end()
        i += n
    parts.append(question[at:])
    return " ".join("".join(parts).split())
