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

from assistant.answer_one import answer_one
from assistant.declining import decline
from assistant.draft import CitationList, Draft
from assistant.embedding import model_path
from assistant.errors import QuestionError
from assistant.evidence import Evidence as Unit
from assistant.evidence_source import Evidence
from assistant.filters import Filters
from assistant.headings import with_titled
from assistant.instructions import without_instructions
from assistant.language import reader_language
from assistant.naming import found_terms
from assistant.parts import (
    BARE_PART,
    carried_forward,
    names_no_subject,
    question_parts,
    questions_apart,
    refers_back,
    said_already,
)
from assistant.reference import against, reference_asked
from assistant.retrieve import HybridRetriever
from assistant.settings import Settings
from assistant.spelling import corrected, language_words, spelled
from assistant.statements import answer_body
from assistant.text import terms
from assistant.translation import english_reading
from assistant.types import Answer, Citation, Hit
from assistant.understand import Question, parse_question
from assistant.verify import verify
from assistant.vocabulary import vocabulary

MODES = ("answer", "compare", "brief", "prompts")
PART_SUPPORT = 1.2  # x min_support: what a second question in the same breath must reach


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
    languages = _languages(retriever)
    # A question in a language no document is in is read in English; an acronym typed in
    # lower case as the documents print it; a slip is read as the word it stands for before
    # anything else is read from the words. Shown as typed.
    read = retriever.expansion.recased(english_reading(question, languages) or question)
    parsed = replace(parse_question(corrected(read, retriever.weights, _language(retriever)),
                                    history, retriever.acronyms), asked=" ".join(question.split()))
    filters = Filters.of(countries=countries, documents=documents, doc_types=doc_types)
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


def _searched(question: Question) -> list[str]:
    """The texts ``_hits`` retrieves with for a question: its words without instructions
    and, for a definition, the term asked alone."""
    query = without_instructions(question.text) or question.text
    defined = question.defined if question.kind == "definition" else None
    return [query, defined] if defined else [query]


def _hits(question: Question, evidence: Evidence, k: int | None) -> list[Hit]:
    query, *term_alone = _searched(question)
    hits = evidence.retrieve(query, question, k)
    tagged_seen = any(set(question.countries) & set(h.chunk.countries) for h in hits)
    if question.countries and not evidence.filters.countries and not tagged_seen:
        # Passages tagged with the country asked, though their words differ ("Swiss",
        # "KEN" in a table): a second look restricted to them, so they are reachable.
        known = {h.chunk.id for h in hits}
        tagged = evidence.retrieve(query, question, k, countries=question.countries)
        hits += [h for h in tagged if h.chunk.id not in known]
    hits = with_titled(hits, question.countries, evidence.neighbour)
    if term_alone:
        # A document about the term ("level 1 administrators" in metadata on administrators)
        # names it in every passage, and the question's other words pick any of them: the
        # term asked alone finds the passages that are about it, its glossary entry.
        known = {h.chunk.id for h in hits}
        hits += [h for h in evidence.retrieve(term_alone[0], question, k)
                 if h.chunk.id not in known]
    return hits


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

    return against(question, reference, evidence, alone, lambda q: _hits(q, evidence, k),
                   cites if cites is not None else CitationList())


def _as_asked(question: Question, evidence: Evidence, k: int | None,
              cites: CitationList | None = None) -> tuple[Draft, list[Hit]]:
    parts = question_parts(question)
    if len(parts) > 1:
        return _in_parts(question, [_spelled(p, evidence.retriever) for p in parts], evidence,
                         k, cites)
    hits = _hits(question, evidence, k)
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

    topic = modes.strip_mode_words(question)
    if mode == "compare":
        draft = modes.compare(topic, evidence)
        if draft.extras.get("declined_by") == modes.NO_COUNTRIES:
            # Two models or frameworks compared, not countries: the answer quotes what
            # the documents say of each, as for any question (declined if nothing).
            hits = _hits(question, evidence, k)
            return answer_one(question, hits, evidence, cites), hits, "answer"
    elif mode == "brief":
        from assistant.brief import brief

        draft = brief(topic, evidence)
    else:
        draft = modes.prompts(topic, evidence, n or question.count or 5)
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


def _in_parts(question: Question, parts: Sequence[Question], evidence: Evidence,
              k: int | None, cites: CitationList | None = None) -> tuple[Draft, list[Hit]]:
    """Two questions in one ("where was X ranked, and what is planned for it?"): the
    answer to the whole, then what each part, answered on its own evidence, adds (passages
    not quoted yet), with one numbering of citations. A part that points back ("it",
    "them") is answered from the whole question's evidence, so it keeps its subject."""
    cites = cites if cites is not None else CitationList()
    # The parts' vectors (what they retrieve with, what their units are scored against) are
    # computed while the whole question is answered.
    evidence.embed_ahead([text for part in parts for text in (
        *([] if refers_back(part) and not part.countries else _searched(part)), part.text)])
    whole = _hits(question, evidence, k)
    hits = list(whole)
    asked = evidence.select(question, whole)
    first = answer_one(question, whole, evidence, cites, asked)
    close = evidence.settings.answer.keep_ratio * asked.best
    texts = [] if first.abstained else [first.text]
    extras = dict(first.extras)
    for part in parts:
        part_hits = (_with_own(whole, part, evidence, k) if refers_back(part)
                     else _hits(part, evidence, k))
        own = set(part.topic)
        if names_no_subject(part) or len(part.topic) <= BARE_PART:
            # "... what main stages do most share?": most of the models the question named;
            # "how many questions is that?", "what does it assess?": one word says what is
            # asked, not about what. The question's words are this part's subject too.
            part = replace(part, topic=tuple(dict.fromkeys([*part.topic, *question.topic])))
        hits += [h for h in part_hits if h not in hits]
        selection = evidence.select(part, part_hits)
        best = selection.scored[0].unit if selection.scored else None
        if best and _quoted(best, cites) and (
                not own or own & found_terms(best, evidence.retriever.acronyms)):
            continue  # its best evidence, quoted already and naming what it asks, answers it
        if own and said_already(part, own, [c.text for c in cites.items]):
            continue  # the quotes name all it asks: it is answered
        if texts and selection.scored and not _about_subject(
                question, part, selection.scored[0].unit, evidence.retriever.acronyms):
            continue  # found by the part's words alone, it is about something else
        before = len(cites.items)
        draft = answer_one(part, part_hits, evidence, cites, selection)
        # A part answered only by passages already quoted (the row that gave the score
        # also gives the rank) adds nothing.
        # Added to an answer, a part needs clearly more support than an answer alone
        # does: calibrated on golden-dev and the outside set (at 1.0x, golden-dev's
        # citation precision fell 0.924 -> 0.918 with no key fact gained; at 1.2x it
        # stays, with the facts the parts add).
        needed = PART_SUPPORT * evidence.settings.answer.min_support
        # Quotes from a passage the answer quotes already are about its subject: "most
        # models share three main stages" beside "compares 17 models" need no more support
        # than an answer does.
        # So does a part whose best unit the whole question scores close to its best: "...,
        # and do you get a certificate at the end?" on its own words alone scores "Offering
        # a Certificate of Attendance" low, the whole question on the curriculum, high.
        quoted_before = {c.chunk_id for c in cites.items[:before]}
        if {c.chunk_id for c in cites.items[before:]} <= quoted_before or any(
                s.unit == best and s.score >= close for s in asked.scored):
            needed = evidence.settings.answer.min_support
        strong = draft.extras.get("support", 0.0) >= needed
        if not draft.abstained and len(cites.items) > before and strong:
            texts.append(_unsaid(draft.text, cites.items[:before]))
            extras = {**draft.extras, **extras} if texts[:-1] else dict(draft.extras)
        else:
            del cites.items[before:]  # its passages are not quoted: no source for them
    if not texts:
        return first, hits
    return Draft("\n\n".join(texts), cites, extras=extras), hits


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
    evidence.embed_ahead([text for q in questions for text in (*_searched(q), q.text)])
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
        # Passages quoted already (the same row) are not quoted twice.
        texts.append(_unsaid(draft.text, cites.items[:before]))
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


def _with_own(whole: list[Hit], part: Question, evidence: Evidence,
              k: int | None) -> list[Hit]:
    """The evidence of a part that points back: the whole question's, so it keeps its
    subject, and, when the subject is a country it carries ("what help did it ask for?"
    after "Egypt's challenges"), what its own words find about that country."""
    if not part.countries:
        return whole
    known = {h.chunk.id for h in whole}
    return [*whole, *(h for h in _hits(part, evidence, k) if h.chunk.id not in known)]


def _about_subject(question: Question, part: Question, unit: Unit,
                   expansions: dict[str, str]) -> bool:
    """Whether a part's evidence is about what the whole question names beyond the part
    ("how many e-government services are planned?" in the workplan asked about): its
    passage, heading or document names one of those words. A part naming a subject of its
    own (an index, an abbreviation, a name) is about that, and one whose passage is about
    the country it asks ("what help did it ask for?" of Egypt's challenges) is about its
    subject."""
    subject = set(question.topic) - set(part.topic)
    if not subject or part.names or part.acronyms or part.indices or part.index_words:
        return True
    if set(part.countries) & set(unit.countries):
        return True
    return bool(subject & (found_terms(unit, expansions) | set(terms(unit.chunk.text))))


def _quoted(unit: Unit, cites: CitationList) -> bool:
    return any(c.chunk_id == unit.chunk.id and c.text == unit.quote for c in cites.items)


def _unsaid(text: str, said: Sequence[Citation]) -> str:
    """A part's answer without the quotes an earlier part already gave ("... compares 17
    models [1]" again before "It emphasizes that most models have three main stages")."""
    for citation in said:  # the quote before another, or the last one
        text = re.sub(rf"{re.escape(citation.text)} \[{citation.n}\](?:\s+|$)", "", text)
    return text.strip()
