"""The question's terms as the index spells them (part of understanding, once the index is
known): a clipped word completed ("e-gov" -> government), a slip corrected ("goverment"), a
British spelling read as the documents print it ("organise"). A word of the language that
the documents merely never use ("plain", "matter", "back") is no slip: it is replaced only
by a word close to it in meaning, so "plain words" does not ask about a plan.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache, lru_cache, partial
from pathlib import Path

import numpy as np

from assistant.countries import canonical, mentions, misspelt_countries, misspelt_names
from assistant.country_codes import country_of_small_code
from assistant.language import detect_language
from assistant.termweights import TermWeights
from assistant.text import ratio_reachable, stem, terms, words
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
    # A question typed in another language has no slips in this one, read word by word in
    # English or not: "repose" is no "repository", "vers" no "version", "punctaj" (score)
    # no "punctual". Each part of a question in two languages by its own words.
    foreign = any(other_language(text, weights, language, unsure=False)
                  for text in dict.fromkeys((question.text, question.asked or question.text)))
    typed = {stem(w): w for w in words(question.text)}

    # Once a term: a word is read again as a name's word, a measure or an index's word
    # ("How many Asian leaders": "asian" is a topic term and a name), and each reading of
    # a word of the language embeds it and its replacement (~3 ms each, int8).
    @cache
    def respelled(term: str) -> str:
        if foreign or term in grouped or weights.known(term):
            return term
        word = typed.get(term, term)
        american = stem(_BRITISH.sub("iz", word))
        if american != term and weights.known(american):
            return american
        found = weights.completion(term) or weights.correction(term) or (
            indexed_slip(word, weights) if len(slips_printed(word, weights, language)) < 2
            else None)  # as near several: any of them (``slipped``)
        if found is None or (word in language and _similarity(embed, word, found)
                             < SAME_MEANING):
            return term
        return found

    topic = tuple(respelled(t) for t in question.topic)
    # A slip as near several words the documents print ("sart": smart or start, "staes":
    # states or stages) is any of them: a group, one found is enough.
    slipped = {t: group for t in topic if t not in grouped and not weights.known(t)
               and len(group := slips_printed(typed.get(t, t), weights, language)) > 1}
    topic = tuple(slipped[t][0] if t in slipped else t for t in topic)
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
        if country_of_small_code(name):
            return name  # "bel" is Belgium's code, no clipped "Belize"
        typed_terms = list(terms(name))
        found = [respelled(t) for t in typed_terms]
        return name if found == typed_terms else " ".join(found)

    names = tuple(renamed(n) for n in question.names)
    # The words naming an index are demanded of a passage: "wrold press freedom index"
    # asks for "world".
    index_words = tuple(dict.fromkeys(respelled(t) for t in question.index_words))
    index_title = tuple(dict.fromkeys(respelled(t) for t in question.index_title))
    publications = tuple(dict.fromkeys(respelled(t) for t in question.publication_words))
    # A country typed clipped ("list for kaz?"), completed to its name, is a country asked,
    # as typed whole: its passages are read as a country's (a row holding the field asked).
    # Not a slip read as one ("pentru" is no "Peru", "the moldoan methodology" names a
    # document): a slip of a country's name is read before (``misspelt_countries``). A
    # country's code is that country, not the name it begins ("bel": Belgium, not Belize).
    completed = tuple(country_of_small_code(typed_term) or country
                      for typed_term, full in zip(question.topic, topic, strict=True)
                      if full != typed_term and weights.completion(typed_term) == full
                      and (country := canonical(full)) is not None)
    countries = tuple(dict.fromkeys([*question.countries, *completed]))
    # A code read so ("irn": Iran) is a country asked, no longer a name left unread.
    names = tuple(n for n in names if country_of_small_code(n) not in countries)
    return replace(question, topic=topic, measure=measure, names=names, index_words=index_words,
                   index_title=index_title, publication_words=publications,
                   alternatives=(question.alternatives + clipped + compounds
                                 + tuple(slipped.values())),
                   countries=countries)


# How close (difflib's ratio) a typed word must be to a word of the language to be a slip
# for it: "devlopment" 0.95, "servce" 0.92, "survy" 0.89.
_SLIP_CUTOFF = 0.8
# A word shorter than this is left as typed: a short slip is as close to several words.
_SLIP_LETTERS = 5
# ... unless it is a longer word with one letter dropped and the only one ("clss", "egyp").
_SHORT_SLIP_LETTERS = 4
# A slip for a word the documents never use is read so only from this length: a shorter
# word may be a clipped one of the asker's ("grads" is no slip of "grades").
_UNUSED_SLIP_LETTERS = 6
_LETTERS = re.compile(r"\b[A-Za-z]+\b")
# The share of a question's longer words that must be words of the language for the others
# to be read as its slips; one slip aside.
_ENGLISH = 0.75


def corrected(text: str, weights: TermWeights, language: frozenset[str]) -> str:
    """The question with each slip ("devlopment", "loest", "prticipants", "gooing") typed as
    the word of the language it stands for: one the documents use if one is close, else (a
    word of six letters or more) the word of the language ("actully": the documents never
    say "actually", but a word they never use is no reason to decline, as a slip they never
    use would be). Read before the question is, so that what the word names (an index, an
    aspect, a kind of answer) is understood, not only the term looked for. A word of the
    language, or one the documents use (a name, an acronym), is no slip; a slipped name of a
    country ("kroea", ``countries.misspelt_countries``) is typed as the name."""
    if other_language(text, weights, language):
        return text  # a question in another language ("vient-il", "buget") has no slips

    # A name of several words with a slip in one ("sudi arabia") is typed as the name, and
    # its words are then a name's: no slip of another word ("studi").
    for start, end, name in reversed(misspelt_names(text, language)):
        text = f"{text[:start]}{name}{text[end:]}"
    # A word of a country's name is no slip ("Timor-Leste": "Leste" is no "least").
    named = [(start, end) for start, end, _ in mentions(text)]

    def fixed(match: re.Match[str]) -> str:
        typed = match.group()
        lower = typed.lower()
        if len(lower) < _SHORT_SLIP_LETTERS or lower in language or any(
                start <= match.start() < end for start, end in named):
            return typed
        # A word the documents use is no slip, unless it is one of a word of the same stem
        # ("popullation", "scoree"): the index finds it either way, but what it names (a
        # figure asked) is read from the word.
        used = weights.known(stem(lower))
        country = None if used else next(iter(misspelt_countries(typed)), None)
        if country is not None:
            return country if " " not in country else typed
        # The model's vocabulary holds "delegation", not always "delegations": a plural is
        # the slip of its singular, plural again.
        plural = "s" if lower.endswith("s") and lower[:-1] not in language else ""
        # Not a word the singular only begins: "characterizes" is "characterize" and its
        # "s", a verb the vocabulary holds as "characterized", not "characterizeds".
        close = list(_slips_of(lower, language)) or (
            [w + plural for w in _slips_of(lower[:-1], language)
             if not w.startswith(lower[:-1])] if plural else [])
        if used:
            # A word the documents print only by a stem it happens to share ("rolles":
            # roll, of "rolled out") is a letter doubled in a word of the language they
            # print more ("roles"), when no word of its own stem is near. Not letters
            # dropped or swapped: "lags", "iterations" and French "combien" are words, not
            # "Lagos", "interactions" and "combine".
            close = [w for w in close if stem(w) == stem(lower)] or [
                w for w in close if len(w) < len(lower)
                and weights.frequency(stem(w)) > weights.frequency(stem(lower))]
        if len(lower) < _SLIP_LETTERS:
            # Of several, the one the documents use ("scre": score, not screw or scare).
            close = [w for w in close if len(w) == len(lower) + 1]
            close = [w for w in close if weights.known(stem(w))] if len(close) > 1 else close
            if len(close) != 1:
                return typed if close else unplaced(typed)
        # The nearest slip first ("prats": "parts", not "pirates"), one the documents use
        # before one they do not. A short one the documents never use may be the asker's
        # clipped word ("grads"), not a swap of letters ("toatl", "oftne").
        if len(lower) < _UNUSED_SLIP_LETTERS:
            close = [w for w in close if weights.known(stem(w)) or len(w) == len(lower)]
        # Of words as near, the one the documents print most ("sstems": systems, not
        # stems).
        found = min(close, key=lambda w: (_letters_off(lower, w), not weights.known(stem(w)),
                                          -weights.frequency(stem(w))), default=None)
        if found is None:
            return unplaced(typed)
        return found.capitalize() if typed[0].isupper() else found

    def unplaced(typed: str) -> str:
        """A slip of no word of the language, of a word the documents print ("coid":
        covid, "cyybersecurity"): read as it here too, so that what is asked is understood
        and its meaning searched, not only its term (``spelled``)."""
        slip = indexed_slip_word(typed.lower(), weights) if typed.isalpha() else None
        if slip is None:
            return typed
        return slip.capitalize() if typed[0].isupper() else slip

    return _LETTERS.sub(fixed, text)


_ALPHABET = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=1024)
def other_language(text: str, weights: TermWeights, language: frozenset[str],
                   unsure: bool = True) -> bool:
    """Whether a question is typed in another language than the model's ("vient-il",
    "buget"): few of its longer words are words of the language, and lingua reads it so
    (``unsure``: what a text too short for lingua counts as). The model's vocabulary lacks
    many words ("playbook", "narrowest", "glossary"): a question read as English as a
    whole keeps its slips' reading ("define capacty")."""
    # An acronym ("ISORA", recased as the documents print it) is a word of no language.
    typed_words = [w.lower() for w in _LETTERS.findall(text)
                   if len(w) >= _SLIP_LETTERS and not w.isupper()]
    english = partial(_of_language, language, weights)
    if _ENGLISH * len(typed_words) <= 1 + sum(map(english, typed_words)):
        return False  # English enough: lingua (a model to load) is not asked
    detected = detect_language(text)
    return detected != "en" if unsure else detected not in ("en", "")


# The endings of a verb's forms the model's vocabulary often lacks ("duplicated",
# "reengineering"); no other language's words end so (French "limite" and "formations"
# share English stems, and are no slips).
_VERB_FORM = re.compile(r"\w{3,}(?:ed|ing)$")


def _of_language(language: frozenset[str], weights: TermWeights, word: str) -> bool:
    """Whether a word is one of the language: in its vocabulary, or a verb's form whose
    stem is a word's of it or one the documents print ("reengineering")."""
    if word in language:
        return True
    return _VERB_FORM.match(word) is not None and (
        stem(word) in _stems(language) or weights.known(stem(word)))


@cache
def _stems(language: frozenset[str]) -> frozenset[str]:
    """The stems of the words of the language, once (22,501 words: ~17 ms)."""
    from assistant.text import stemmer

    return frozenset(stemmer().stemWords(list(language)))


def indexed_slip_word(word: str, weights: TermWeights) -> str | None:
    """The word a typed one the language lacks stands for, as typed in full, when one slip
    away (``indexed_slip``) it is a word whose stem the documents use: the commonest; for a
    short word (four letters) only the one such stem ("sart" is smart or start)."""
    if len(word) < _SHORT_SLIP_LETTERS or weights.known(stem(word)):
        return None
    by_stem: dict[str, str] = {}
    for typed in _one_slip_away(word):
        by_stem.setdefault(stem(typed), typed)
    found = [t for t in by_stem if weights.known(t)]
    if len(word) < _SLIP_LETTERS and len(found) != 1:
        return None
    best = max(found, key=weights.frequency, default=None)
    return None if best is None else by_stem[best]


def slips_printed(word: str, weights: TermWeights, language: frozenset[str]
                  ) -> tuple[str, ...]:
    """The stems the documents print of the words a typed one is one slip of, commonest
    first; none for a word of the language or a short one."""
    word = word.lower()
    if len(word) < _SHORT_SLIP_LETTERS or not word.isalpha() or word in language:
        return ()
    found = {stem(w) for w in _one_slip_away(word)}
    return tuple(sorted((t for t in found if weights.known(t)),
                        key=lambda t: (-weights.frequency(t), t)))


def _one_slip_away(word: str) -> list[str]:
    """The words a typed one is a slip of (``_slip``): two neighbouring letters swapped, a
    letter dropped or doubled; never the first."""
    swapped = (word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(1, len(word) - 1))
    inserted = (word[:i] + c + word[i:] for i in range(1, len(word) + 1) for c in _ALPHABET)
    undoubled = (word[:i] + word[i + 1:] for i in range(1, len(word)) if word[i] == word[i - 1])
    return [*swapped, *inserted, *undoubled]


def indexed_slip(word: str, weights: TermWeights) -> str | None:
    """The indexed term a slip of typing stands for when neither the language nor a close
    spelling of its stem finds it: a word one slip away (``_slip``: two neighbouring letters
    swapped, a letter dropped or doubled; never the first) whose stem the documents use, the
    commonest of them, British spellings read as American ("upnog" -> unpog, "cvoid" ->
    covid, "vndalised" -> vandal: stems that differ in their first two letters, which
    ``TermWeights.correction`` keeps). None for a short word or a known one."""
    if len(word) < _SLIP_LETTERS or not word.isalpha() or weights.known(stem(word)):
        return None
    found = {stem(_BRITISH.sub("iz", w)) for w in _one_slip_away(word.lower())}
    return max((t for t in found if weights.known(t)), key=weights.frequency, default=None)


def _slip(typed: str, word: str) -> bool:
    """Whether a typed word is a word with a letter or two left out ("servce", "prticipants"),
    one doubled ("gooing", "askeed") or two neighbouring letters swapped ("fomr"),
    the slips of typing; another letter in place of one is more often another word ("whats",
    not "wants"; "pager", not "paper")."""
    if len(typed) == len(word):
        diff = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == word[diff[1]] \
            and typed[diff[1]] == word[diff[0]]
    if len(typed) == len(word) + 1:
        # A letter doubled; not one added, which is more often another form of the word
        # ("pager", "whats").
        return any(typed[i] == typed[i - 1] and typed[:i] + typed[i + 1:] == word
                   for i in range(1, len(typed)))
    letters = iter(word)
    return 0 < len(word) - len(typed) <= 2 and all(c in letters for c in typed)


@lru_cache(maxsize=4096)  # questions repeat the words the language lacks ("egdi", "losi")
def _slips_of(typed: str, language: frozenset[str]) -> tuple[str, ...]:
    """The words of the language a typed word is a slip for (see ``_slip``)."""
    if len(typed) < _SHORT_SLIP_LETTERS:
        return ()
    # Not only the closest few by difflib's ratio, which ranks a swap ("prats": "parts")
    # below a word with more letters in common ("pirates").
    near = _starting(language, typed[0], len(typed))
    return tuple(w for w in difflib.get_close_matches(typed, near, n=20, cutoff=_SLIP_CUTOFF)
                 if _slip(typed, w))


def _letters_off(typed: str, word: str) -> int:
    """How many letters a slip is off its word: a swap or one letter dropped or doubled
    is one."""
    return max(1, abs(len(word) - len(typed)))


@cache
def _starting(language: frozenset[str], letter: str, length: int) -> list[str]:
    """The words of the language that start with a letter (a slip keeps its first) and
    whose length lets difflib's ratio with a word of ``length`` letters reach the cutoff
    (difflib drops the others too, after comparing each)."""
    return [w for (first, size), found in _by_start(language).items()
            if first == letter and ratio_reachable(size, length, _SLIP_CUTOFF) for w in found]


@cache
def _by_start(language: frozenset[str]) -> dict[tuple[str, int], list[str]]:
    """The words of the language by their first letter and their length, in one pass (in
    no particular order: difflib ranks the words it returns by ratio, then by the word)."""
    grouped: dict[tuple[str, int], list[str]] = {}
    for word in language:  # not sorted: ~10 ms of every process that reads a question
        grouped.setdefault((word[0], len(word)), []).append(word)
    return grouped


def _similarity(embed: Embed, word: str, term: str) -> float:
    first, second = embed([word, term])
    return float(first @ second)
