"""Question -> Answer: the stages in one straight line.

understand (``Question``) -> retrieve (hits) -> select (scored evidence) -> compose (a
draft with [n]; a mode's composer, or an LLM) -> verify (numbers and support) -> Answer.
A question passes down once; no stage calls back into an earlier one.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import replace

from assistant.acronyms import a_word, acronyms_typed_small
from assistant.answer_one import answer_one
from assistant.answer_parts import PART_SUPPORT, in_parts, unsaid
from assistant.cities import read_as_countries, without_cities
from assistant.country_codes import codes_typed_small
from assistant.declining import (
    countries_unnamed,
    decline,
    named_nowhere,
    places_unprinted,
    unprinted,
    what_is_missing,
)
from assistant.draft import CitationList, Draft
from assistant.embedding import model_path
from assistant.errors import QuestionError
from assistant.evidence_source import Evidence
from assistant.filters import Filters
from assistant.instructions import without_instructions
from assistant.knowledge import index_info
from assistant.language import reader_language
from assistant.parts import (
    carried_forward,
    points_within,
    question_parts,
    questions_apart,
    refers_back,
)
from assistant.question_hits import hits_for, searched
from assistant.reference import against, reference_asked
from assistant.retrieve import HybridRetriever
from assistant.settings import Settings
from assistant.spelling import corrected, language_words, spelled
from assistant.statements import answer_body
from assistant.text import stem, terms
from assistant.translation import also_in_english, english_reading
from assistant.types import Answer, Hit
from assistant.understand import Question, parse_question, within_limits
from assistant.verify import verify
from assistant.vocabulary import vocabulary

MODES = ("answer", "compare", "brief", "prompts")
# Declines for want of evidence (not for a country, year or index no document holds).
_UNSUPPORTED = ("low-support", "no-admissible")


def _languages(retriever: HybridRetriever) -> frozenset[str]:
    """The languages of the indexed chunks (listed in the chunk table at ingest)."""
    return frozenset(retriever.bm25.table.languages)


def answer_question(
    retriever: HybridRetriever,
    question: str,
    *,
    settings: Settings,
    mode: str | None = None,
    countries: Sequence[str] = (),
    documents: Sequence[str] = (),
    doc_types: Sequence[str] = (),
    k: int | None = None,
    history: Sequence[Answer] = (),
    n: int | None = None,
) -> Answer:
    """Answer in a mode; with no mode (or "auto") the words choose it ("brief for Egypt",
    "compare A and B", "5 discussion prompts on X"); an explicit mode wins."""
    if mode not in (None, "auto", *MODES):
        raise QuestionError(f"unknown mode '{mode}'; use one of auto, {', '.join(MODES)}")
    started = time.perf_counter()
    within_limits(question)
    # A question in a language no document is in is read in English; an acronym typed in
    # lower case as the documents print it. Shown as typed.
    translated = english_reading(question, _languages(retriever))
    read = retriever.expansion.recased(translated or question)
    filters = Filters.of(countries=countries, documents=documents, doc_types=doc_types)
    parsed, draft, hits, chosen = _drafted(retriever, read, question, settings, mode, filters,
                                           k, history, n, translated is not None)
    if draft.abstained and not parsed.countries and (
            not (parsed.indices or parsed.kind == "figure") or _national(parsed.indices)):
        # A city named for its country ("what did abuja ask for?", "cairo's presenters",
        # "lima's standing by EGDI"), when the question read as naming the city finds no
        # answer: read as the country. Not first, nor for a figure of no national index
        # named: "ankara's local score" is the city's own.
        as_country = read_as_countries(read)
        if as_country != read:
            retried = _drafted(retriever, as_country, question, settings, mode, filters, k,
                               history, n, translated is not None)
            if not retried[1].abstained:
                parsed, draft, hits, chosen = retried
    in_english = also_in_english(question, _languages(retriever)) if translated is None \
        else None
    if draft.abstained and in_english and draft.extras.get("declined_by") in _UNSUPPORTED:
        # A French question of an index in French and English: the English passages (a
        # translated page keeps untranslated sections) answer it in English words, which
        # neither MiniLM nor the lexical scores find in its own.
        # Read word by word, it is a second chance: taken when clearly supported, as a
        # second question asked in the same breath must be.
        retried = _drafted(retriever, retriever.expansion.recased(in_english), question,
                           settings, mode, filters, k, history, n, True)
        if not retried[1].abstained and retried[1].extras.get("support", 0.0) >= \
                PART_SUPPORT * settings.answer.min_support:
            parsed, draft, hits, chosen = retried
    if draft.abstained and draft.extras.get("declined_by") == "unprinted":
        # Of places asked together, one no document names ("LOSI for mombasa and nairobi"):
        # the others answered, and that one said to be named nowhere.
        places = places_unprinted(parsed, retriever.weights.known)
        listed = without_cities(read, places) if places else read
        if listed != read:
            retried = _drafted(retriever, listed, question, settings,
                               mode, filters, k, history, n, translated is not None)
            if not retried[1].abstained:
                parsed, draft, hits, chosen = retried
                nowhere = named_nowhere([p.title() for p in places])
                draft = replace(draft, text=f"{draft.text}\n\n{nowhere}")
    retrieved_at = time.perf_counter()
    backend = "grounded"
    if not draft.abstained and settings.answer_backend != "grounded" and chosen == "answer":
        from assistant.llm import answer_with_llm

        draft, backend = answer_with_llm(parsed, hits, draft, settings)
    draft = verify(draft)
    finished = time.perf_counter()
    return Answer(
        question=parsed.asked,
        mode=chosen,
        answer=draft.text,
        abstained=draft.abstained,
        citations=draft.cites.items,
        backend=backend,
        timings={
            "retrieve_ms": (retrieved_at - started) * 1000,
            "answer_ms": (finished - retrieved_at) * 1000,
        },
        extras={**draft.extras, "resolved_question": parsed.text},
    )


def _national(indices: Sequence[str]) -> bool:
    """Whether indices are named and each scores countries (data/indices.json "scores")."""
    return bool(indices) and all(index_info(i).scores == "countries" for i in indices)


def _drafted(retriever: HybridRetriever, read: str, question: str, settings: Settings,
             mode: str | None, filters: Filters, k: int | None, history: Sequence[Answer],
             n: int | None, translated: bool = False) -> tuple[Question, Draft, list[Hit], str]:
    """The question understood (``read``: its words as read, ``question``: as typed;
    ``translated``: read word by word in English) and its draft answer, with the hits and
    the mode it was answered in."""
    parsed = replace(parse_question(_as_meant(read, retriever), history, retriever.acronyms),
                     asked=" ".join(question.split()))
    if translated:
        # Read word by word, it keeps words of its own language ("dă methodology"): they
        # name no publication the asker typed.
        parsed = replace(parsed, publication_words=())
    languages = _languages(retriever)
    if filters.countries:
        # A filter names the countries the question is about, as if they were in it.
        parsed = parsed.with_countries(filters.countries)
    # A clipped or mistyped word the documents never use ("e-gov", "goverment") stands
    # for the word they do use.
    parsed = _spelled(parsed, retriever)
    parsed = _names_unknown(parsed, retriever)
    if len(languages) > 1:
        # Only a multilingual index needs the question's language (a tie-break between
        # translated twins); detecting it loads a model.
        parsed = replace(parsed, language=reader_language(parsed.text, languages))
    chosen = mode if mode in MODES else (parsed.mode or "answer")
    evidence = Evidence(retriever, settings, filters)
    hits: list[Hit] = []
    if parsed.instruction and not without_instructions(parsed.text):
        draft = decline(parsed, "requests to change the assistant's behaviour (instructions "
                        "are treated as text to look up, and the documents contain no answer "
                        "to this one)", rule="instruction")
    else:
        # Questions of their own asked in one are answered each in the mode its words ask
        # ("..., and also a one-pager on Nigeria"), unless a mode is chosen for the whole.
        apart = questions_apart(parsed) if chosen == "answer" or mode not in MODES else []
        if len(apart) > 1:
            own_modes = mode not in MODES
            chosen = "answer"
            draft, hits = _apart([_names_unknown(_spelled(q, retriever), retriever)
                                  for q in apart], evidence, k, own_modes, n)
        else:
            draft, hits, chosen = _in_mode(parsed, chosen, evidence, k, n)
    unnamed = countries_unnamed(parsed, evidence.known_countries)
    if unnamed and chosen == "answer" and not draft.abstained:
        draft = replace(draft, text=f"{draft.text}\n\n{unnamed}")
    return parsed, draft, hits, chosen


def _as_meant(read: str, retriever: HybridRetriever) -> str:
    """The words as meant, before anything is read from them: a slip as the word it stands
    for, and an acronym or a country code typed in lower case that is no word (of the
    language or of the documents) in capitals ("gci score", "chl:")."""
    language = _language(retriever)

    def is_word(word: str) -> bool:
        return a_word(word, language, retriever.weights.known(stem(word)), retriever.acronyms)
    return codes_typed_small(acronyms_typed_small(
        corrected(read, retriever.weights, language), is_word), is_word)


def _spelled(question: Question, retriever: HybridRetriever) -> Question:
    """The question's terms as the index spells them (``spelling.spelled``)."""
    return spelled(question, retriever.weights, retriever.embedder.embed, _language(retriever))


def _language(retriever: HybridRetriever) -> frozenset[str]:
    """The words of the language: those of the embedding model's vocabulary."""
    return language_words(model_path(retriever.settings.embedding_model))


def _names_unknown(question: Question, retriever: HybridRetriever) -> Question:
    """A name typed in lower case ("ankara's score") only when the documents never use the
    word: a word they use ("the world's average", "the city's rank") is a common noun, not
    someone a figure must name."""
    return replace(question, names=tuple(
        n for n in question.names
        if not n.islower() or not any(retriever.weights.known(t) for t in terms(n))))


def _answered(question: Question, evidence: Evidence, k: int | None,
              cites: CitationList | None = None) -> tuple[Draft, list[Hit]]:
    """A question answered whole, or in its parts when it asks two things in turn, or
    against the reference it sets its subject's figure against."""
    reference = reference_asked(question)
    if reference is None:
        return _as_asked(question, evidence, k, cites)

    def alone(asked: Question, cites: CitationList) -> tuple[Draft, list[Hit]]:
        read = _names_unknown(_spelled(asked, evidence.retriever), evidence.retriever)
        return _as_asked(read, evidence, k, cites)

    return against(question, reference, evidence, alone, lambda q: hits_for(q, evidence, k),
                   cites if cites is not None else CitationList())


def _as_asked(question: Question, evidence: Evidence, k: int | None,
              cites: CitationList | None = None) -> tuple[Draft, list[Hit]]:
    parts = question_parts(question)
    if len(parts) > 1:
        return in_parts(question, [_spelled(p, evidence.retriever) for p in parts], evidence,
                         k, cites)
    hits = hits_for(question, evidence, k)
    return answer_one(question, hits, evidence, cites), hits


def _in_mode(question: Question, mode: str, evidence: Evidence, k: int | None,
             n: int | None, cites: CitationList | None = None
             ) -> tuple[Draft, list[Hit], str]:
    """A question answered in a mode (answer, compare, brief, prompts), and the mode it was
    answered in. A brief, comparison or prompts number their own citations: added to
    ``cites``, renumbered, and without their own Sources list (verify checks no line
    after one; the whole answer's citations are its sources)."""
    if mode == "answer":
        return (*_answered(question, evidence, k, cites), mode)
    from assistant import modes

    # As an answer is: a comparison or prompts on an index or a publication no document
    # prints ("is bangladesh ahead of pakistan on world happiness report?") would quote
    # another one's figures. A brief's year is the asker's occasion ("for the 2026 summit").
    missing = unprinted(replace(question, years=()) if mode == "brief" else question,
                        evidence.printed, evidence.begins_printed, places=mode != "brief")
    if missing:
        reason = what_is_missing(question, evidence.known_countries)
        return decline(question, f"{reason} ({missing})", rule="unprinted"), [], mode

    topic = modes.strip_mode_words(question)
    if mode == "compare":
        draft = modes.compare(topic, evidence)
        if draft.extras.get("declined_by") == modes.NO_COUNTRIES:
            # Two models or frameworks compared, not countries: the answer quotes what
            # the documents say of each, as for any question (declined if nothing).
            hits = hits_for(question, evidence, k)
            return answer_one(question, hits, evidence, cites), hits, "answer"
    elif mode == "brief":
        from assistant.brief import brief

        draft = brief(topic, evidence)
    else:
        from assistant.prompts import prompts

        draft = prompts(topic, evidence, n or question.count)
    if cites is not None and not draft.abstained:
        draft = replace(draft, text=answer_body(_renumbered(draft, cites)), cites=cites)
    return draft, [], mode


def _renumbered(draft: Draft, cites: CitationList) -> str:
    """A draft's text with its citations added to ``cites`` (one already there keeps its
    number) and its markers renumbered to match."""
    numbers: dict[int, int] = {}
    for citation in draft.cites.items:
        same = next((c for c in cites.items if c.chunk_id == citation.chunk_id
                     and c.text == citation.text), None)
        if same is None:
            same = replace(citation, n=len(cites.items) + 1)
            cites.items.append(same)
        numbers[citation.n] = same.n
    return re.sub(r"\[(\d+)\]", lambda m: f"[{numbers.get(int(m.group(1)), m.group(1))}]",
                  draft.text)


def _apart(questions: Sequence[Question], evidence: Evidence, k: int | None,
           own_modes: bool, n: int | None) -> tuple[Draft, list[Hit]]:
    """Questions of their own asked in one ("what is LOSI, and also give Nigeria's EGDI"):
    each answered as if asked alone, one after the other, with one numbering of citations;
    one the documents do not answer is said so in one sentence. Declined as the first is
    when none is answered. With ``own_modes`` each is answered in the mode its words ask
    (a brief, a comparison). A question naming no country is about the one before's when
    the documents answer it so, else it is answered as asked ("Turkey's EGDI, and also
    what did respondents want to learn?")."""
    cites = CitationList()
    evidence.embed_ahead([text for q in questions for text in (*searched(q), q.text)])
    hits: list[Hit] = []
    texts: list[str] = []
    extras: dict[str, object] = {}
    declines: list[Draft] = []
    for place, (alone, carried) in enumerate(zip(questions, carried_forward(questions),
                                                 strict=True), 1):
        before = len(cites.items)
        mode = (carried.mode or "answer") if own_modes else "answer"
        draft, own_hits, _ = _in_mode(carried, mode, evidence, k, n, cites)
        if draft.abstained and carried != alone:
            del cites.items[before:]
            draft, own_hits, _ = _in_mode(alone, mode, evidence, k, n, cites)
        hits += [h for h in own_hits if h not in hits]
        if draft.abstained:
            del cites.items[before:]  # its passages are not quoted: no source for them
            declines.append(draft)
            texts.append(_not_answered(alone, place))
            continue
        if before and refers_back(alone) and not points_within(alone) and not {
                c.source for c in cites.items[before:]} & {c.source for c in cites.items[:before]}:
            # "..., what job title does it give him?" asks about what the answer quoted:
            # another document's passage on job titles is about someone else. Not "what is
            # NIX? it keeps showing up": its pointer stands for its own words.
            del cites.items[before:]
            continue
        # Passages quoted already (the same row) are not quoted twice.
        texts.append(unsaid(draft.text, cites.items[:before]))
        extras = {**draft.extras, **extras}
    if len(declines) == len(questions):
        return declines[0], hits
    return Draft("\n\n".join(t for t in texts if t), cites, extras=extras), hits


def _not_answered(part: Question, place: int) -> str:
    """The one sentence saying a part is not answered, naming it by its place and its words
    (not when they print a number, which the answer would state uncited)."""
    ordinal = {n: w for w, n in vocabulary()["ordinal_words"].items() if not w.startswith("_")}
    said = "" if re.search(r"\d", part.text) else f" (“{part.text.rstrip('?')}”)"
    return f"The documents do not answer the {ordinal.get(place, 'last')} question{said}."


