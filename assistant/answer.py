"""Question -> Answer: parse, check coverage, retrieve, compose (or LLM + verify), cite."""

from __future__ import annotations

import re
import time
import weakref
from collections.abc import Sequence

from assistant.cite import CitationList
from assistant.compose import Composed, Corpus, abstain, compose_answer
from assistant.countries import canonical
from assistant.errors import QuestionError
from assistant.query import INSTRUCTION, Question, content_terms, parse_question
from assistant.retrieve import Filters, HybridRetriever
from assistant.settings import Settings
from assistant.types import Answer

MODES = ("answer", "compare", "brief", "prompts")
_corpora: weakref.WeakKeyDictionary[HybridRetriever, Corpus] = weakref.WeakKeyDictionary()


def corpus_of(retriever: HybridRetriever) -> Corpus:
    """Corpus-wide lookups, built once per loaded retriever."""
    if retriever not in _corpora:
        _corpora[retriever] = Corpus(retriever.chunks, retriever.weights)
    return _corpora[retriever]


def answer_question(
    retriever: HybridRetriever,
    question: str,
    *,
    settings: Settings,
    mode: str = "answer",
    countries: Sequence[str] = (),
    documents: Sequence[str] = (),
    doc_types: Sequence[str] = (),
    k: int | None = None,
    history: Sequence[Answer] = (),
    n: int = 5,
) -> Answer:
    if mode not in MODES:
        raise QuestionError(f"unknown mode '{mode}'; use one of {', '.join(MODES)}")
    started = time.perf_counter()
    parsed = parse_question(question, history)
    filters = Filters.of(countries=countries, documents=documents, doc_types=doc_types)
    corpus = corpus_of(retriever).scoped(filters)
    if filters.countries:
        # A filter names the countries the question is about, as if they were in it.
        parsed = _with_countries(parsed, filters.countries)
    retrieved_at = time.perf_counter()
    composed = _precheck(parsed, corpus)
    hits = []
    if composed is None:
        query = _without_instructions(parsed.text) or parsed.text
        hits = retriever.retrieve(query, k=k, filters=filters, boost_countries=parsed.countries)
        retrieved_at = time.perf_counter()
        composed = _compose(mode, parsed, hits, corpus, retriever, filters, n)
    backend = "grounded"
    if not composed.abstained and settings.answer_backend != "grounded" and mode == "answer":
        from assistant.llm import answer_with_llm

        composed, backend = answer_with_llm(parsed, hits, composed, settings)
    finished = time.perf_counter()
    return Answer(
        question=parsed.asked,
        mode=mode,
        answer=composed.text,
        abstained=composed.abstained,
        citations=composed.cites.items,
        backend=backend,
        timings={
            "retrieve_ms": (retrieved_at - started) * 1000,
            "answer_ms": (finished - retrieved_at) * 1000,
        },
        extras={**composed.extras, "resolved_question": parsed.text},
    )


def _compose(mode, parsed, hits, corpus, retriever, filters, n) -> Composed:  # noqa: ANN001
    if mode == "answer":
        return compose_answer(parsed, hits, corpus)
    from assistant import modes

    if mode == "compare":
        return modes.compose_compare(parsed, retriever, corpus, filters)
    if mode == "brief":
        return modes.compose_brief(parsed, corpus)
    return modes.compose_prompts(parsed, retriever, corpus, filters, n)


def _precheck(question: Question, corpus: Corpus) -> Composed | None:
    """Abstain before retrieval when the question is outside the corpus by construction."""
    cites = CitationList()
    if question.instruction and not _without_instructions(question.text):
        return abstain(
            question,
            corpus,
            cites,
            reason="requests to change the assistant's behaviour (instructions are treated as "
            "text to look up, and the documents contain no answer to this one)",
        )
    unknown = [c for c in question.countries if c not in corpus.countries]
    if unknown:
        return abstain(question, corpus, cites, reason=", ".join(unknown))
    acronyms = [a for a in question.acronyms if not all(map(corpus.weights.known, content_terms(a)))]
    if acronyms:
        return abstain(question, corpus, cites, reason=f"{', '.join(acronyms)} (not mentioned)")
    names = [
        n
        for n in _PROPER_NOUN.findall(question.text.split(" ", 1)[-1])
        if n not in STOPWORDS_TITLE and canonical(n) is None  # demonyms are not unknown
    ]
    unknown_names = [n for n in names if not all(map(corpus.weights.known, content_terms(n)))]
    if unknown_names:
        return abstain(question, corpus, cites, reason=f"{', '.join(unknown_names)} (not mentioned)")
    years = [y for y in question.years if y not in corpus.years]
    if years:
        return abstain(question, corpus, cites, reason=_missing_year(question))
    return None


# Capitalised words past the first: names of places, bodies, programmes.
_PROPER_NOUN = re.compile(r"\b[A-Z][a-z]{2,}\b")
STOPWORDS_TITLE = {"What", "How", "Which", "Who", "When", "Where", "Why", "And", "The", "Compare"}


def _missing_year(question: Question) -> str:
    subject = " ".join(question.indices) or "this topic"
    if question.countries:
        subject += f" for {', '.join(question.countries)}"
    return f"{subject} for the year asked (no passage mentions it)"


def _without_instructions(text: str) -> str:
    """The question minus any sentence that tries to instruct the assistant."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    kept = [s for s in sentences if not INSTRUCTION.search(s)]
    return " ".join(kept).strip()


def _with_countries(question: Question, countries: Sequence[str]) -> Question:
    from dataclasses import replace

    merged = tuple(dict.fromkeys([*question.countries, *countries]))
    return replace(question, countries=merged)
