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

from assistant.admissible import NAMES_ASKED, PERSON
from assistant.compose import (
    CitationList,
    Draft,
    compose_across,
    compose_answer,
    compose_items,
    decline,
    names_aspect,
    what_is_missing,
)
from assistant.embedding import model_path
from assistant.errors import QuestionError
from assistant.evidence import Evidence as Unit
from assistant.evidence import announces, siblings, slide_labels
from assistant.evidence import units as units_of
from assistant.evidence_source import Evidence
from assistant.filters import Filters
from assistant.headings import (
    dated_series,
    detail_slide,
    is_title_slide,
    numbered_paragraphs,
    numbered_series,
    subsections,
    under_title,
)
from assistant.instructions import without_instructions
from assistant.language import reader_language
from assistant.naming import (
    found_terms,
    heading_named,
    is_heading,
    label_named,
    slide_title_named,
)
from assistant.ordinal import pick_from, pick_item
from assistant.parts import names_no_subject, question_parts, refers_back, said_already
from assistant.retrieve import HybridRetriever
from assistant.select import Selection, per_country, section_country
from assistant.settings import Settings
from assistant.spelling import language_words, spelled
from assistant.text import terms, words
from assistant.types import Answer, Chunk, Citation, Hit
from assistant.understand import Question, names_an_aspect, parse_question
from assistant.verify import verify
from assistant.vocabulary import vocabulary

MODES = ("answer", "compare", "brief", "prompts")
PART_SUPPORT = 1.2  # x min_support: what a second question in the same breath must reach
_BARE_PART = 1  # topic terms of a part that names what is asked but not about what
# A heading the question names whole answers with its section: one of the best units'
# heading, of at least two words (a one-word heading, "Overview", says too little).
_HEADING_TOP = 3
_HEADING_WORDS = 2
# A list question asking for this many things or more is declined when no close evidence
# lists them; the best this many units are looked at.
_COUNTED_LIST, _LIST_LOOK = 3, 5
_ENUMERATION = re.compile(r"[,;]")
# A period named by what happened in it: "in the infrastructure period", "during the
# expansion phase" (one asked by its place, "in the first phase", is an ordinal).
_PERIODS = "|".join(vocabulary()["period_words"])
_IN_ONE_PERIOD = re.compile(rf"\b(?:in|during|within) the (?:[\w-]+ ){{1,3}}?(?:{_PERIODS})\b",
                            re.IGNORECASE)
# How far down the best units a reference answering "where does it come from?" is looked for.
_REFERENCE_LOOK = 8
# What the passage under an item picked by its place says on the question: a sentence or two.
_SAID_UNDER = 2


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
    parsed = parse_question(question, history)
    filters = Filters.of(countries=countries, documents=documents, doc_types=doc_types)
    if filters.countries:
        # A filter names the countries the question is about, as if they were in it.
        parsed = parsed.with_countries(filters.countries)
    # A clipped or mistyped word the documents never use ("e-gov", "goverment") stands
    # for the word they do use.
    parsed = _spelled(parsed, retriever)
    parsed = _names_unknown(parsed, retriever)
    languages = _languages(retriever)
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
    elif chosen == "answer":
        parts = [_spelled(p, retriever) for p in question_parts(parsed)]
        if len(parts) == 1:
            hits = _hits(parsed, evidence, k)
            draft = _default(parsed, hits, evidence)
        else:
            draft, hits = _in_parts(parsed, parts, evidence, k)
    else:
        from assistant import modes

        topic = modes.strip_mode_words(parsed)
        if chosen == "compare":
            draft = modes.compare(topic, evidence)
            if draft.extras.get("declined_by") == modes.NO_COUNTRIES:
                # Two models or frameworks compared, not countries: the answer quotes what
                # the documents say of each, as for any question (declined if nothing).
                chosen = "answer"
                hits = _hits(parsed, evidence, k)
                draft = _default(parsed, hits, evidence)
        elif chosen == "brief":
            draft = modes.brief(topic, evidence)
        else:
            draft = modes.prompts(topic, evidence, n or parsed.count or 5)
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


def _hits(question: Question, evidence: Evidence, k: int | None) -> list[Hit]:
    query = without_instructions(question.text) or question.text
    hits = evidence.retrieve(query, question, k)
    tagged_seen = any(set(question.countries) & set(h.chunk.countries) for h in hits)
    if question.countries and not evidence.filters.countries and not tagged_seen:
        # Passages tagged with the country asked, though their words differ ("Swiss",
        # "KEN" in a table): a second look restricted to them, so they are reachable.
        known = {h.chunk.id for h in hits}
        tagged = evidence.retrieve(query, question, k, countries=question.countries)
        hits += [h for h in tagged if h.chunk.id not in known]
    if question.countries:
        # A title slide naming the country asked heads slides that no longer name it
        # ("Korea Leading e-Government", then "Another Look": the phases of its e-government).
        known = {h.chunk.id for h in hits}
        for hit in list(hits):
            if is_title_slide(hit.chunk) and set(question.countries) & set(hit.chunk.countries):
                for chunk in under_title(hit.chunk, evidence.neighbour):
                    if chunk.id not in known:
                        known.add(chunk.id)
                        hits.append(Hit(chunk, hit.score))
    if question.kind == "definition" and question.defined:
        # A document about the term ("level 1 administrators" in metadata on administrators)
        # names it in every passage, and the question's other words pick any of them: the
        # term asked alone finds the passages that are about it, its glossary entry.
        known = {h.chunk.id for h in hits}
        hits += [h for h in evidence.retrieve(question.defined, question, k)
                 if h.chunk.id not in known]
    return hits


def _spelled(question: Question, retriever: HybridRetriever) -> Question:
    """The question's terms as the index spells them (``spelling.spelled``)."""
    return spelled(question, retriever.weights, retriever.embedder.embed,
                   language_words(model_path(retriever.settings.embedding_model)))


def _names_unknown(question: Question, retriever: HybridRetriever) -> Question:
    """A name typed in lower case ("ankara's score") only when the documents never use the
    word: a word they use ("the world's average", "the city's rank") is a common noun, not
    someone a figure must name."""
    return replace(question, names=tuple(
        n for n in question.names
        if not n.islower() or not any(retriever.weights.known(t) for t in terms(n))))


def _in_parts(question: Question, parts: Sequence[Question], evidence: Evidence,
              k: int | None) -> tuple[Draft, list[Hit]]:
    """Two questions in one ("where was X ranked, and what is planned for it?"): the
    answer to the whole, then what each part, answered on its own evidence, adds (passages
    not quoted yet), with one numbering of citations. A part that points back ("it",
    "them") is answered from the whole question's evidence, so it keeps its subject."""
    cites = CitationList()
    whole = _hits(question, evidence, k)
    hits = list(whole)
    first = _default(question, whole, evidence, cites)
    texts = [] if first.abstained else [first.text]
    extras = dict(first.extras)
    for part in parts:
        part_hits = whole if refers_back(part) else _hits(part, evidence, k)
        own = set(part.topic)
        if names_no_subject(part) or len(part.topic) <= _BARE_PART:
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
        draft = _default(part, part_hits, evidence, cites, selection)
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
        if {c.chunk_id for c in cites.items[before:]} <= {c.chunk_id for c in cites.items[:before]}:
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


def _about_subject(question: Question, part: Question, unit: Unit,
                   expansions: dict[str, str]) -> bool:
    """Whether a part's evidence is about what the whole question names beyond the part
    ("how many e-government services are planned?" in the workplan asked about): its
    passage, heading or document names one of those words. A part naming a subject of its
    own (an index, an abbreviation, a name) is about that."""
    subject = set(question.topic) - set(part.topic)
    if not subject or part.names or part.acronyms or part.indices or part.index_words:
        return True
    return bool(subject & (found_terms(unit, expansions) | set(terms(unit.chunk.text))))


def _quoted(unit: Unit, cites: CitationList) -> bool:
    return any(c.chunk_id == unit.chunk.id and c.text == unit.quote for c in cites.items)


def _names_items(unit: Unit, count: int) -> bool:
    """Whether a sentence names as many things after a colon ("three main stages that
    capture the following dimensions: presence, communication, and integration")."""
    _, colon, tail = unit.text.partition(":")
    return unit.kind == "sentence" and bool(colon) and len(
        [p for p in _ENUMERATION.split(re.sub(r"\band\b", ",", tail)) if p.strip()]) >= count


def _unsaid(text: str, said: Sequence[Citation]) -> str:
    """A part's answer without the quotes an earlier part already gave ("... compares 17
    models [1]" again before "It emphasizes that most models have three main stages")."""
    for citation in said:  # the quote before another, or the last one
        text = re.sub(rf"{re.escape(citation.text)} \[{citation.n}\](?:\s+|$)", "", text)
    return text.strip()


def _lists(selection: Selection, count: int, floor: float) -> bool:
    """Whether close evidence lists about ``count`` things: a list item or table row among
    as many (or one fewer, a list cut by a page), or a sentence naming as many."""
    for scored in selection.scored[:_LIST_LOOK]:
        unit = scored.unit
        if scored.score < floor:
            break
        if unit.kind == "row" or (unit.kind == "item" and len(siblings(unit)) >= count - 1):
            return True
        if unit.kind == "sentence" and _enumerates(unit, count):
            return True
    return False


def _enumerates(unit: Unit, count: int) -> bool:
    """Whether a sentence names ``count`` things: after a colon, as many as the number
    before it says ("across 6 categories: ..." names six), else one per comma; or it
    announces a list printed after it."""
    head, colon, tail = unit.text.partition(":")
    if colon and tail.strip():
        spelled = vocabulary()["number_words"]
        stated = [int(w) if w.isdigit() else spelled[w] for w in words(head)
                  if w.isdigit() or w in spelled]
        if stated:
            return stated[-1] >= count
        return len(_ENUMERATION.split(tail)) >= count - 1
    return announces(unit) or len(_ENUMERATION.split(unit.text)) >= count


def _detailed(item: Unit, evidence: Evidence) -> list[Unit]:
    """The lines of the slide an overview's item opens into (``headings.detail_slide``)."""
    return [u for chunk in detail_slide(item, evidence.neighbour) for u in units_of(chunk)
            if u.kind in ("item", "sentence") and not is_heading(u, titles=False)]


def _reference(question: Question, selection: Selection, floor: float) -> list[Unit]:
    """For a question asking where something comes from, the best close reference line with
    the reference lines printed around it ("Danish Board of Technology.", "Definition of
    open standards.", "Retrieved ... from ...")."""
    best = next((s.unit for s in selection.scored[:_REFERENCE_LOOK] if question.source
                 and s.unit.kind == "reference" and s.score >= floor), None)
    if best is None:
        return []
    around = units_of(best.chunk)
    start = end = around.index(best)
    while start > 0 and around[start - 1].kind == "reference":
        start -= 1
    while end + 1 < len(around) and around[end + 1].kind == "reference":
        end += 1
    return list(around[start:end + 1])


def _asks_more(question: Question, picked: Sequence[Unit], printed: str = "") -> bool:
    """Whether a question asks more of the items picked by their places than the items:
    words they (and ``printed``, their context) do not print, past the place and the part."""
    placed = set(terms(f"{question.ordinal.part if question.ordinal else ''} "
                       f"{' '.join(vocabulary()['ordinal_words'])} "
                       f"{' '.join(vocabulary()['last_words'])}"))
    shown = set(terms(" ".join([printed, *(u.text for u in picked)])))
    return bool(set(question.topic) - shown - placed)


def _said_under(question: Question, picked: Sequence[Unit], selection: Selection,
                floor: float) -> list[Unit]:
    """The best units of the passages picked titles head ("Stage 1 – Emerging information
    services"), when the question asks about more than the item ("what do the websites link
    to"): words the titles do not print, past the place and the part asked."""
    headed = {u.chunk.id for u in picked if is_heading(u)}
    if not headed or not _asks_more(question, picked):
        return []
    return [s.unit for s in selection.scored if s.unit.chunk.id in headed
            and s.score >= floor and s.unit not in picked][:_SAID_UNDER]


def _dated(question: Question, selection: Selection, hits: Sequence[Hit],
           evidence: Evidence) -> list[Unit]:
    """For "the phases of Korea's e-Government", the dated titles about what is asked
    ("... Development (1987 ~ 2002)"), the best evidence's document first; none when the
    best list is itself introduced as phases, or when the question asks what happened in
    one period it names ("which initiatives were launched in the infrastructure period")."""
    if question.kind != "list" or not selection.scored or (
            not question.ordinal and _IN_ONE_PERIOD.search(question.text)):
        return []
    best = selection.scored[0].unit
    periods = set(terms(" ".join(vocabulary()["period_words"])))
    if not set(question.topic) & periods:
        return []
    chunks = sorted((h.chunk for h in hits), key=lambda c: c.source != best.chunk.source)
    series = dated_series(chunks, evidence.neighbour, lambda c: _about(question, c, evidence))
    if not series or question.count and len(series) != question.count:
        return []
    if set(terms(best.context)) & periods:
        # The best list is introduced as phases ("Implementation Strategy Phases of SMART
        # Government"): it answers, unless the dated titles name as much of what is asked
        # ("the phases of Korea's e-Government development").
        asked = set(question.topic) - periods
        titled = asked & set(terms(" ".join(u.text for u in series)))
        if len(titled) < len(asked & set(terms(best.context))):
            return []
    return series


def _series(question: Question, selection: Selection, hits: Sequence[Hit],
            evidence: Evidence) -> list[Unit]:
    """For a list question, numbered headings (the best evidence's document first) that the
    question names ("the levels of service development": "Level 1. Nonexistent", ...), as
    many as it asks for."""
    best = selection.scored[0].unit
    if question.kind != "list":
        return []
    if dated := _dated(question, selection, hits, evidence):
        return dated
    # The best evidence's document first: its series is the likelier answer.
    chunks = sorted((h.chunk for h in hits), key=lambda c: c.source != best.chunk.source)
    for chunk in chunks:
        # "the three focus areas": a slide titled so, its lists each under a label.
        labels = slide_labels(chunk, set(question.topic))
        if labels and (not question.count or len(labels) == question.count):
            return labels
    if best.kind in ("item", "row") or _names_items(best, question.count or _COUNTED_LIST):
        # A list printed as a list, a table's rows, or a sentence naming the things ("three
        # main stages: presence, communication and integration") answers first.
        return []
    series = numbered_series(question.topic, chunks, evidence.neighbour)
    if not series and heading_named(question, best, evidence.retriever.acronyms,
                                    least=_HEADING_WORDS):
        # "What principles ... does the methodology set out?" under "2 The principles of
        # ...", whose "2.1 ...", "2.2 ..." titles were printed into their paragraphs.
        series = numbered_paragraphs(evidence.section(best.chunk))
    return series if not question.count or len(series) == question.count else []


def _about(question: Question, chunk: Chunk, evidence: Evidence) -> bool:
    """Whether a passage, or one beside it, names a country asked about (a deck names its
    country on the title slide, not on the timeline after it)."""
    if not question.countries:
        return True
    beside = [chunk, evidence.neighbour(chunk, -1), evidence.neighbour(chunk, 1)]
    return any(set(c.countries) & set(question.countries) for c in beside if c is not None)


def _why_unsupported(question: Question, selection: Selection, evidence: Evidence) -> str:
    """Which check found no answer: a country the index does not hold, no admissible unit
    (every retrieved one about another country, year, index or measure), or best support
    under ``min_support``."""
    if any(c not in evidence.known_countries for c in question.countries):
        return "unknown-country"
    return "low-support" if selection.scored else "no-admissible"


def _path_named(question: Question, unit: Unit) -> int:
    """How many of the question's words the unit's heading path holds."""
    return len(set(question.topic) & set(terms(unit.chunk.section or "")))


def _default(question: Question, hits: Sequence[Hit], evidence: Evidence,
             cites: CitationList | None = None, selection: Selection | None = None) -> Draft:
    selection = selection if selection is not None else evidence.select(question, hits)
    support = {"support": round(selection.support, 4)}  # for calibrating min_support
    # Dated titles answer "the phases of ..." though they never print the word: their
    # support, measured on the question's words, understates them.
    # "The second phase of X" is an item of the list "the phases of X".
    listing = replace(question, kind="list") if question.ordinal else question
    if not evidence.supported(selection) and not _dated(listing, selection, hits, evidence):
        near = selection
        if not near.scored and question.countries:
            # Nothing about the country asked: what the corpus has on the same question.
            near = evidence.select(replace(question, countries=()), hits)
        # Readable passages first: a table row out of its table says little to a reader
        # who was just told the documents do not answer.
        units = sorted(near.scored, key=lambda s: s.unit.kind == "row")
        nearby = [s.unit for s in units[:2]]
        draft = decline(question, what_is_missing(question, evidence.known_countries), nearby,
                        rule=_why_unsupported(question, selection, evidence))
        draft.extras.update(support)
        return draft
    cites = cites if cites is not None else CitationList()
    # A question on an aspect (challenges) is answered by the section under that heading,
    # when one of the close candidates sits under it.
    # A weaker one counts when its heading path names more of the question than the best
    # one's: "challenges in the conclusions" and "CONCLUSIONS AND NEXT STEPS > Challenges".
    # Not when the best unit's own lead-in names the aspect ("Education challenges:"): that
    # list is the answer, not another country's section.
    floor = evidence.settings.answer.keep_ratio * selection.best
    cited = _reference(question, selection, floor)
    if cited:
        # "Where does the list of open source aspects come from?": the reference printed
        # under it ("IDABC, The Many Aspects of Open Source. Retrieved ...").
        return Draft(compose_items(cited, cites), cites, extras=support)
    item = pick_item(selection, floor)
    picked = [s.unit for s in item.scored] if item is not selection else (
        pick_from(_series(listing, selection, hits, evidence), question.ordinal)
        if question.ordinal else [])
    if picked:
        # "What is step 3?": that item alone, not its list nor the section around it; "in
        # the first stage, what do the websites link to?": its title and what it says on that.
        # "what does the last one mean in practice?": an overview's item, and its own slide.
        said = _said_under(question, picked, selection, floor) or [
            u for item in picked if _asks_more(question, [item], item.context)
            for u in _detailed(item, evidence)]
        return Draft(compose_items([*picked, *said], cites), cites, extras=support)
    gathered = (per_country(selection, evidence.settings.answer.min_support,
                            evidence.retriever.weights.weight)
                if question.across else [])
    if gathered and section_country(selection.scored[0].unit):
        # "Which delegations named digital literacy?": the best passage is a country's own,
        # so each country whose section says it is named with its quote. A best passage
        # outside the countries' sections (a summary naming them all) answers as before.
        return Draft(compose_across([s.unit for s in gathered], cites), cites, extras=support)
    best = selection.scored[0].unit
    named = _path_named(question, best)
    introduced = best.kind == "item" and names_an_aspect(question, best.header or "")
    heading = None if introduced else next(
        (s.unit for s in selection.scored[:8] if names_aspect(question, s.unit) and (
            s.score >= floor or _path_named(question, s.unit) > max(named, 1))), None)
    if heading is None and not introduced and names_an_aspect(question, best.text):
        # "A recap was provided of the challenges, opportunities and ...": the best one only
        # names the aspect; the subsection after it titled so says what it is, retrieved or
        # not ("CONCLUSIONS AND NEXT STEPS > Opportunities").
        heading = next((title for title in subsections(best.chunk, evidence.neighbour)
                        if names_an_aspect(question, title.text)), None)
    if heading is None and question.kind == "general":
        # "What cooperation with the Government of Afghanistan was planned?" names the
        # heading "Cooperation with Government of Afghanistan": its section is the answer.
        heading = next((s.unit for s in selection.scored[:_HEADING_TOP] if heading_named(
            question, s.unit, evidence.retriever.acronyms, least=_HEADING_WORDS)), None)
    whole = evidence.section(heading.chunk) if heading is not None else None
    said = _detailed(best, evidence) if whole is None and label_named(question, best) else []
    if said:
        # "What can citizens do on an 'enhanced' website?": the overview's item "2. Enhanced:
        # ..." opens into a slide of its own, which says more: the item, then that slide.
        return Draft(compose_items([best, *said], cites), cites, extras=support)
    if whole is None and question.kind == "general":
        # A slide titled with what is asked ("Stage 3 – Transactional services") under a
        # deck's heading ("Four Stages ..."): that slide, whole, is the answer.
        titled = next((s.unit.chunk for s in selection.scored
                       if slide_title_named(question, s.unit.chunk)), None)
        whole = [titled] if titled is not None else None
    if whole and NAMES_ASKED.match(question.text) and not any(
            PERSON.search(c.text) for c in whole) and any(
            PERSON.search(s.unit.text) for s in selection.scored if s.score >= floor):
        # "Who gave the opening remarks?": a section headed "Opening Remarks" that names
        # nobody does not say who; the programme's line naming the speakers does.
        whole = None
    series = _series(question, selection, hits, evidence) if whole is None else []
    if (whole is None and not series and question.kind == "list" and question.count
            and question.count >= _COUNTED_LIST and not _lists(selection, question.count, floor)):
        # "the names of the seven levels" where a passage only says there are seven.
        draft = decline(question, "", [s.unit for s in selection.scored[:2]], (
            "The passages found mention what is asked for but do not list it one by one."),
            rule="not-listed")
        draft.extras.update(support)
        return draft
    text = compose_answer(selection, evidence.settings.answer, cites, whole, evidence.neighbour,
                          series)
    from assistant.modes import chart_scores

    return Draft(text, cites, extras={"scores": chart_scores(cites), **support})
