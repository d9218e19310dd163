"""A document's language (offline, lingua) and the BM25 stemmer and stopwords for it.

Detection is limited to the languages PyStemmer can stem, so every detected language can be
searched by its own words; anything else (or too little text) is "" and stems as English.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache
from typing import Any

# Enough text to be sure of a language; more only costs time.
_SAMPLE_CHARS = 4000
# Passages that vote on a document's language.
_MAX_VOTES = 60


@lru_cache(maxsize=1)
def _detector() -> Any:  # a lingua LanguageDetector
    import Stemmer
    from lingua import Language, LanguageDetectorBuilder

    stemmable = set(Stemmer.algorithms())
    languages = [lang for lang in Language.all() if lang.name.lower() in stemmable]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def _detect(text: str) -> Any:  # a lingua Language, or None
    sample = " ".join(text.split())[:_SAMPLE_CHARS]
    if len(sample) < 20:
        return None
    return _detector().detect_language_of(sample)


def detect_language(text: str) -> str:
    """ISO 639-1 code ("en", "fr", "ro") of the text's language, "" when unsure.

    >>> detect_language("La méthodologie décrit les étapes de la réingénierie des services.")
    'fr'
    """
    language = _detect(text)
    return language.iso_code_639_1.name.lower() if language else ""


def reader_language(question: str, languages: Collection[str]) -> str:
    """The question's language when documents are written in it, else "": a language no
    document is in (a short question read as Catalan, a Romanian question on English and
    French documents) chooses no translated twin; it would turn every passage away.

    >>> reader_language("Ce înseamnă reingineria serviciilor publice?", {"en", "fr"})
    ''
    """
    detected = detect_language(question)
    return detected if detected in languages else ""


def document_language(passages: list[str]) -> str:
    """The language most of a document's text is written in: passages spread over the
    whole document vote by length (a translated page keeps untranslated sections)."""
    long_ones = [p for p in passages if len(p) >= 80]
    if not long_ones:  # a short document: all of it is one sample
        return detect_language(" ".join(passages))
    passages = long_ones
    step = max(1, len(passages) // _MAX_VOTES)
    votes: dict[str, int] = {}
    for passage in passages[::step]:
        code = detect_language(passage[:_SAMPLE_CHARS])
        if code:
            votes[code] = votes.get(code, 0) + len(passage)
    return max(votes, key=votes.__getitem__) if votes else ""


def detect_language_code3(text: str) -> str:
    """ISO 639-3 code ("eng", "fra", "ron"): the names of Tesseract's language packs."""
    language = _detect(text)
    return language.iso_code_639_3.name.lower() if language else ""


@lru_cache(maxsize=64)
def language_name(code: str) -> str:
    """'fr' -> 'french' (PyStemmer's algorithm name); '' or unknown -> 'english'."""
    from lingua import IsoCode639_1, Language

    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code)).name.lower()
    except (ValueError, AttributeError):
        return "english"
