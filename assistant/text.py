"""One text toolkit for every stage: sentences, words, content terms, numbers.

Sentences come from syntok, a maintained segmenter that keeps "U.N.", "e.g." and "Fig. 3"
inside their sentence and returns spans of the original text, so a quoted sentence is
exactly what the page prints. Words and stopwords follow bm25s (its token pattern and its
English stopword list), so the lexical index and the evidence scores see the same terms.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from bm25s.stopwords import STOPWORDS_EN_PLUS, STOPWORDS_FRENCH

# bm25s's default token pattern, with single letters and digits kept apart from words
# ("EGDI2020" is the EGDI of 2020).
_WORD = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*", re.UNICODE)
# English, and French for the French passages of English documents (bm25s's lists both),
# but not the French words that English writes as acronyms: "AI", "EU", "UN" are topics.
_ACRONYMS_IN_ENGLISH = frozenset({"ai", "eu", "un"})
STOPWORDS = frozenset(STOPWORDS_EN_PLUS) | (frozenset(STOPWORDS_FRENCH) - _ACRONYMS_IN_ENGLISH)
# A number as printed: "0.6612", "3.5%", "1,102,000"; not glued to a name ("D-8", "SDG16").
NUMBER = re.compile(r"(?<![\w.])(?<![A-Za-z]-)\d+(?:[.,]\d+)*%?(?![A-Za-z])")
# A year an edition or a question may name (1950-2099); its one group is the year.
YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_MARKER = re.compile(r"\s*\[\d+\]")


@lru_cache(maxsize=4096)
def whole_word(word: str) -> re.Pattern[str]:
    """A pattern finding a word (or an acronym, a phrase) as printed, not inside another
    word; compiled once per word, as the same ones are looked for in every question."""
    return re.compile(rf"\b{re.escape(word)}\b")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph, each an exact substring of it. A piece that continues the
    sentence before it (an enumerated "(2) ...", a lower-case start, a piece after a colon
    or semicolon, the name after "Level 1.") stays with it, so no quote is a fragment."""
    found = _split_before.get(text)
    if found is None:
        found = _sentences(text)
    if _recording is not None:
        _recording[text] = found
    return list(found)


# Texts split before this process, by the same rules (``remember_sentences``): an index's
# passages are split at ingest (storecopy.py), not again by every process that asks (syntok
# is Python: ~0.1 s of a 135-question batch, its import included).
_split_before: dict[str, tuple[str, ...]] = {}
# While ``recorded_splits`` runs: every text split, with its sentences.
_recording: dict[str, tuple[str, ...]] | None = None


@contextmanager
def recorded_splits() -> Iterator[dict[str, tuple[str, ...]]]:
    """The texts ``split_sentences`` splits while the block runs, with their sentences."""
    global _recording
    recorded: dict[str, tuple[str, ...]] = {}
    _recording = recorded
    try:
        yield recorded
    finally:
        _recording = None


def remember_sentences(splits: Mapping[str, Sequence[str]], rules: str) -> bool:
    """Use sentences split before (by text) from now on, if they were split by these rules
    (``sentence_rules``); whether they were."""
    if not rules or rules != sentence_rules():
        return False
    _split_before.update((text, tuple(found)) for text, found in splits.items())
    return True


@lru_cache(maxsize=1)
def sentence_rules() -> str:
    """A digest of what decides a text's sentences: this module's source (``_sentences``
    and its patterns; any edit here counts), syntok's code and the version of the ``regex``
    package it matches with. Sentences split under other rules are split again. "" when
    the sources cannot be read (nothing split before is used then)."""
    import importlib.util

    try:
        digest = hashlib.sha256(Path(__file__).read_bytes())
        spec = importlib.util.find_spec("syntok")
        if spec is None or not spec.submodule_search_locations:
            return ""
        package = Path(next(iter(spec.submodule_search_locations)))
        for source in sorted(package.glob("*.py")):
            digest.update(source.read_bytes())
        digest.update(" ".join(sorted(p.name for p in package.parent.glob("regex-*"))).encode())
    except (OSError, ValueError):
        return ""
    return digest.hexdigest()


# Questions split the same retrieved passages into units again and again.
@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[str, ...]:
    from syntok import segmenter

    spans: list[list[int]] = []
    for paragraph in segmenter.process(text):
        for sentence in paragraph:
            if not sentence:
                continue
            start = sentence[0].offset
            end = sentence[-1].offset + len(sentence[-1].value)
            piece = text[start:end].strip()
            if not piece:
                continue
            before = text[spans[-1][0] : spans[-1][1]].rstrip() if spans else ""
            if spans and (_CONTINUES.match(piece) or before.endswith((":", ";", ","))
                          or NUMBERED_LABEL.match(before)
                          or (_NUMBER_SIGN.search(before) and piece[:1].isdigit())):
                spans[-1][1] = end
            else:
                spans.append([start, end])
    sentences = [text[a:b].strip() for a, b in spans]
    return tuple(s for s in sentences if s) or ((text.strip(),) if text.strip() else ())


# A numbered label is no sentence of its own: "Level 1. Nonexistent", "Step 10. Review".
NUMBERED_LABEL = re.compile(r"^(?:[-*]\s+)?[^\W\d_]+\s+(?:\d{1,2}|[IVX]{1,4})\.$")
# "no." before a number is the number sign, no sentence's end: "Government Decision no.
# 717/2014 regarding ..." is one sentence, which syntok cuts after "no.".
_NUMBER_SIGN = re.compile(r"\b(?:[Nn]o|NO|[Nn]os)\.$")
# A piece that continues the sentence before it: "(2) ...", "b) ...", a lower-case start,
# a closing quote or bracket (French spaces a question mark from its quote: "« combien de
# nos données sont ouvertes ? » et ..." is one sentence).
_CONTINUES = re.compile(r"^(\(?\d{1,2}\)|\(?[a-z]\)|[a-z]|[»”’)\]])")


# A negating prefix joined by a hyphen makes one word: "non-technical" is "nontechnical",
# the opposite of "technical", so a question on technical skills does not find the
# non-technical ones, and "non-political" finds "nonpolitical". Not "anti-", "co-", "e-":
# "anti-corruption" is about corruption, "e-services" about services; nor "UN-Habitat".
_NEGATED = re.compile(r"\b([Nn]on|NON|[Uu]n)-(?=[^\W\d_])")


# Two stopwords joined by a hyphen name something: the "as-is" map, the "to-be" process.
_HYPHENATED = re.compile(r"\b([^\W\d_]+)-([^\W\d_]+)\b")


def _joined(match: re.Match[str]) -> str:
    first, second = match.groups()
    if first.lower() in STOPWORDS and second.lower() in STOPWORDS:
        return first + second
    return match.group()


# A PDF's typeset ligatures ("Ofﬁcial", "ﬂow") are the letters they join: the block of the
# Latin ligatures, U+FB00 to U+FB06, spelled out as Unicode decomposes them.
_LIGATURES = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}


def unligatured(text: str) -> str:
    """The text with its typeset ligatures spelled out: "Ofﬁcial" -> "Official"."""
    return text.translate(_LIGATURES)


def words(text: str) -> list[str]:
    """Lower-cased words and numbers, in order; a ligature is its letters ("Ofﬁcial")."""
    text = unligatured(text)
    text = _HYPHENATED.sub(_joined, _NEGATED.sub(r"\1", text)) if "-" in text else text
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=8)
def stemmer(language: str = "english") -> Any:  # a PyStemmer Stemmer (untyped)
    """PyStemmer's stemmer without its own cache: ``stem`` keeps one, and PyStemmer's,
    past 10,000 words, pruned itself at a cost (stemming the 22,501 words of MiniLM's
    vocabulary: ~90 ms with it, ~17 ms without; the same stems)."""
    import Stemmer

    try:
        return Stemmer.Stemmer(language, 0)
    except KeyError:
        return Stemmer.Stemmer("english", 0)


@lru_cache(maxsize=65536)
def stem(word: str, language: str = "english") -> str:
    return str(stemmer(language).stemWord(word))


@lru_cache(maxsize=32)
def stopwords(language: str = "english") -> frozenset[str]:
    """bm25s's stopword list for a language (PyStemmer's name: "french"). English is
    ``STOPWORDS``; a language bm25s has no list for keeps every word."""
    if language == "english":
        return STOPWORDS
    from bm25s.tokenization import _infer_stopwords

    try:
        return frozenset(_infer_stopwords(language))
    except ValueError:
        return frozenset()


def terms(text: str, language: str = "english") -> list[str]:
    """Stemmed content terms (stopwords and one-letter words dropped), in order. The BM25
    index, the evidence scores and the metrics all read text through this function."""
    return list(_terms(text, language))


# Each question reads the same passages, headings and vocabulary again (its rerank alone
# the text of some 30 chunks): a text is split and stemmed once.
@lru_cache(maxsize=8192)
def _terms(text: str, language: str) -> tuple[str, ...]:
    dropped = stopwords(language)
    return tuple(stem(w, language) for w in words(text) if w not in dropped and len(w) > 1)


def is_title(text: str) -> bool:
    """Whether a line is written as a title: three or more long words, four in five of them
    capitalised, and no ending ("Rationale in Transition from Governance to E-Governance")."""
    if text.rstrip().endswith((".", "!", "?", ":", ";")):
        return False
    long_words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    capitalised = sum(w[0].isupper() for w in long_words)
    return len(long_words) >= 3 and capitalised >= 0.8 * len(long_words)


def and_joined(parts: Sequence[str], conjunction: str = "and") -> str:
    """"A, B and C": things named in one sentence ("A, B et C" in a French one)."""
    return (", ".join(parts[:-1]) + f" {conjunction} {parts[-1]}" if len(parts) > 1
            else "".join(parts))


def fold_accents(word: str) -> str:
    """'capacités' -> 'capacites': a query typed without accents still matches."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_FOLD_SPECIAL = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "`": "'",
    "\u0131": "i",
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
}


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    # Strictly one char in, one char out, so match offsets map back to the original text.
    if c in _FOLD_SPECIAL:
        return _FOLD_SPECIAL[c]
    base = fold_accents(c)
    base = base.lower() if len(base) == 1 else c.lower()
    return base if len(base) == 1 else c


def folded(text: str) -> str:
    """Lower-case and strip diacritics, preserving length: a match in the folded text
    stands at the same offsets in the original."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


def numbers(text: str) -> list[str]:
    """Numbers as printed, without [n] citation markers."""
    return NUMBER.findall(_MARKER.sub(" ", text))


def without_markers(text: str) -> str:
    return _MARKER.sub("", text)


# Two abbreviations in a row, typed apart: "UN DESA".
_ACRONYM_PARTS = re.compile(r"\b([A-Z]{2,})\s+([A-Z]{2,})\b")


def acronyms_typed_apart(text: str) -> list[tuple[str, str]]:
    """Abbreviations typed in two parts, each with the one word a document may print
    instead: [("UN DESA", "UNDESA")].

    >>> acronyms_typed_apart("What does UN DESA do for the EGDI?")
    [('UN DESA', 'UNDESA')]
    """
    return [(m.group(0), m.group(1) + m.group(2)) for m in _ACRONYM_PARTS.finditer(text)]


_PARENTHESIS = re.compile(r"\(([^()]{1,120})\)")


def abbreviations(text: str) -> list[tuple[str, str]]:
    """(short, long) pairs a text defines: 'women and men in decision-making (WMID)' and
    'FTE (full-time equivalent)' both give the long form. The Schwartz & Hearst (2003)
    algorithm: the short form's characters, right to left, are found in order in the words
    next to it, its first character starting a word."""
    found: list[tuple[str, str]] = []
    for match in _PARENTHESIS.finditer(text):
        inside = match.group(1).strip()
        before = text[: match.start()].split()
        if len(inside.split()) <= 2 and _short_form(inside):
            # 'long form (SHORT)': at most min(|S| + 5, 2|S|) words before the parenthesis
            window = before[-min(len(inside) + 5, 2 * len(inside)) :]
            long = _long_form(inside, " ".join(window))
        elif before and _short_form(before[-1].strip(",;:")):
            short = before[-1].strip(",;:")  # 'SHORT (long form)'
            words_in = inside.split()[: min(len(short) + 5, 2 * len(short))]
            long = _long_form(short, " ".join(words_in))
            long = long and inside[: inside.find(long.split()[-1]) + len(long.split()[-1])]
            inside = short
        else:
            continue
        if long and len(long) > len(inside) and inside.lower() not in long.lower().split():
            found.append((inside, long))
    return found


def _short_form(candidate: str) -> bool:
    # Letters and digits, joined at most by "&", "-", "/" or ".": "(A*)" in a list of
    # coding types is a label, not an abbreviation.
    return (
        2 <= len(candidate) <= 10
        and re.fullmatch(r"[^\W_](?:[\w&./-]*[^\W_])?", candidate) is not None
        and any(c.isupper() for c in candidate)
        and " " not in candidate.strip()
    )


def _long_form(short: str, long: str) -> str | None:
    """The shortest tail of ``long`` that contains ``short``'s characters in order, the
    first at a word start; None when there is none."""
    s, index = len(short) - 1, len(long) - 1
    while s >= 0:
        char = short[s].lower()
        if not char.isalnum():
            s -= 1
            continue
        while index >= 0 and (
            long[index].lower() != char or (s == 0 and index > 0 and long[index - 1].isalnum())
        ):
            index -= 1
        if index < 0:
            return None
        index -= 1
        s -= 1
    start = long.rfind(" ", 0, index + 1) + 1
    return long[start:].strip() or None


def ratio_reachable(a: int, b: int, cutoff: float) -> bool:
    """Whether words of ``a`` and ``b`` letters can reach difflib's ratio ``cutoff``: it is
    at most 2 min(a, b) / (a + b) (``SequenceMatcher.real_quick_ratio``). A caller of
    ``get_close_matches`` offers only such words; it would compare each of the others first."""
    return 2.0 * min(a, b) / (a + b) >= cutoff


# Questions and headings repeat their words: each (word, start) pair is compared once.
@lru_cache(maxsize=65536)
def starts_with_slip(word: str, start: str) -> bool:
    """Whether a word starts with ``start`` written with one letter dropped, added, changed
    or swapped ("chalenges", "chaallenge", "challnege" for "challenge"), not as written."""
    if len(start) > 1 and len(word) > 1 and word[0] != start[0] and start[1] not in word[:2] \
            and word[1] != start[0]:
        # One edit keeps the first letter, or is at it: changed or dropped (the second
        # letter kept, or first), added (the first letter second) or swapped (the second
        # first). Most words of a question start otherwise, and cost no comparison.
        return False
    for size in (len(start) - 1, len(start), len(start) + 1):
        typed = word[:size]
        if len(typed) == size and typed != start[:size] and one_edit(typed, start):
            return True
    return False


def one_edit(a: str, b: str) -> bool:
    """Whether two strings differ by one insertion, deletion, substitution or swap."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diffs) == 1 or (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    # One letter dropped: the one at the first difference (or the last letter), if any is.
    first = next((i for i, (x, y) in enumerate(zip(short, long, strict=False)) if x != y),
                 len(short))
    return long[first + 1:] == short[first:]
