"""The other answer modes, built from the same quoted spans as the default composer:
compare (countries x aspects), brief (a country brief) and prompts (workshop prompts)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.cite import CitationList, Evidence, units
from assistant.compose import (
    MIN_COVERAGE,
    Composed,
    Corpus,
    abstain,
    chart_scores,
    coverage,
    enumerated_item,
    fact_sentence,
    rank_evidence,
    render_units,
)
from assistant.countries import COUNTRIES, GROUPS, find_countries
from assistant.query import Question, content_terms, parse_question
from assistant.retrieve import Filters, HybridRetriever

_CELL_CHARS = 220
_ASPECT_WORDS = re.compile(
    r"\b(challenges?|opportunit(y|ies)|support|assistance|help|requested|request|needs?|"
    r"strateg(y|ies)|frameworks?|scores?|ranks?|ranking|figures?|indices|index)\b",
    re.IGNORECASE,
)
_TOPIC_STOP = re.compile(
    r"\b(how|did|do|does|what|which|were|are|is|the|peer|peers|countries|country|compare|"
    r"comparison|of|vs\.?|versus|and|tackle|tackled|address|addressed|approach|approached|"
    r"handle|handled|between|with|on|in|for|to|their|a|an)\b",
    re.IGNORECASE,
)


def _countries_for(question: Question, retriever: HybridRetriever, corpus: Corpus) -> list[str]:
    """Named countries, else group members, else the peers whose own sections fit the topic."""
    named = list(question.countries)
    for group in question.groups:
        named.extend(m for m in GROUPS.get(group, ()) if m not in named)
    if named:
        return [c for c in named if c in corpus.countries]
    hits = retriever.retrieve(question.text, k=20, mmr=False)
    peers: list[str] = []
    for hit in hits:
        for country in find_countries(hit.chunk.section or ""):
            if country not in peers:
                peers.append(country)
    return peers[:8]


def _topic_of(question: Question) -> Question | None:
    """What is compared, without countries, aspect words or framing: 'digital literacy'."""
    text = question.text
    for country in COUNTRIES:
        if country.name in question.countries:
            for name in sorted((country.name, *country.variants, *country.demonyms), key=len, reverse=True):
                text = re.sub(rf"\b{re.escape(name)}(?:['’]s)?\b", " ", text, flags=re.I)
    text = _ASPECT_WORDS.sub(" ", _TOPIC_STOP.sub(" ", text))
    for index in question.indices:
        text = re.sub(rf"\b{index}\b", " ", text, flags=re.I)
    text = " ".join(text.split()).strip(" ?.,;")
    return parse_question(text) if text and content_terms(text) else None


# A comparison "in the E-Government Survey" is a comparison of its indices.
_SURVEY_TERMS = {"survey", "e", "govern", "un", "unit", "nation", "perform", "index", "indic", "rank", "score", "onlin", "servic", "local"}


def _aspects_for(question: Question, topic: Question | None) -> list[str]:
    aspects = [a for a in question.aspects if a != "Strategies"]
    indices = list(question.indices)
    if not indices and not aspects and topic is not None:
        terms = {t for t in topic.terms if not t.isdigit()}
        if terms <= _SURVEY_TERMS:
            indices = ["LOSI"] if "local" in terms else ["EGDI", "LOSI"]
    if indices:
        aspects = [*indices, *aspects]
    if not aspects:
        aspects = [topic.text if topic else "Overview"]
    return aspects


def _focus(text: str, topic: Question | None, corpus: Corpus) -> str:
    """From an enumeration "(1) ...; (2) ...", the items about the topic."""
    items = [enumerated_item(i) for i in re.split(r"\(\d{1,2}\)", text)[1:]]
    if topic is None or len(items) < 2:
        return text
    weight = {i: sum(corpus.weights.idf(t) for t in set(topic.terms) & set(content_terms(i))) for i in items}
    best = max(weight.values())
    matching = [i for i in items if best and weight[i] >= best]
    return "; ".join(matching) if matching else text


def _cell(text: str) -> str:
    text = text.replace("|", "/")
    return text if len(text) <= _CELL_CHARS else text[: _CELL_CHARS - 1].rsplit(" ", 1)[0] + "…"


def compose_compare(
    question: Question, retriever: HybridRetriever, corpus: Corpus, filters: Filters
) -> Composed:
    cites = CitationList()
    countries = _countries_for(question, retriever, corpus)
    if not countries:
        return abstain(question, corpus, cites)
    topic = _topic_of(question)
    aspects = _aspects_for(question, topic)
    rows: list[list[str]] = []
    reported: dict[str, list[str]] = {a: [] for a in aspects}
    cell_refs: dict[tuple[str, str], str] = {}
    for country in countries:
        row = [country]
        for aspect in aspects:
            evidence = _best_for(country, aspect, topic, retriever, corpus, filters)
            if evidence is None:
                row.append("not reported")
                continue
            text, unit = evidence
            cell_refs[(country, aspect)] = f"[{cites.cite(unit)}]"
            row.append(f"{_cell(_focus(text, topic, corpus))} {cell_refs[(country, aspect)]}")
            reported[aspect].append(country)
        rows.append(row)
    if not any(reported.values()):
        return abstain(question, corpus, cites)
    header = ["Country", *aspects]
    table = "\n".join(
        ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        + ["| " + " | ".join(r) + " |" for r in rows]
    )
    synthesis = []
    for aspect, names in reported.items():
        missing = [c for c in countries if c not in names]
        # Each country named as reporting carries the citation of its cell.
        cited = [f"{c} {cell_refs[(c, aspect)]}" for c in names]
        line = f"**{aspect}**: reported for {', '.join(cited) or 'none of them'}"
        line += f"; not reported for {', '.join(missing)}." if missing else "."
        synthesis.append(line)
    only_indices = all(a in ("EGDI", "LOSI", "OSI", "EPI") for a in aspects)
    cross = "" if only_indices else _cross_country(question, retriever, corpus, cites)
    text = f"{table}\n\n" + "\n".join(f"- {s}" for s in synthesis)
    if cross:
        text += f"\n\nAcross the countries: {cross}"
    return Composed(
        text,
        cites,
        extras={"table": {"columns": header, "rows": rows}},
    )


def _best_for(
    country: str,
    aspect: str,
    topic: Question | None,
    retriever: HybridRetriever,
    corpus: Corpus,
    filters: Filters,
) -> tuple[str, Evidence] | None:
    """The span that best answers one cell, with the text to show."""
    if aspect in ("EGDI", "LOSI", "OSI", "EPI"):
        fact = next((f for f in corpus.facts if f.country == country and f.index == aspect), None)
        if fact is None:
            return None
        value = (f"{fact.city}: " if fact.city else "") + fact.score
        value += f" (rank {fact.rank})" if fact.rank else ""
        return value, fact.row
    if aspect in ("Challenges", "Opportunities", "Required support"):
        spans = [
            u for c in corpus.section_chunks(country, aspect) for u in units(c) if u.kind != "caption"
        ]
        if topic is not None:
            scored = [(coverage(topic.terms, u, corpus), u) for u in spans]
            spans = [u for s, u in sorted(scored, key=lambda p: -p[0]) if s >= MIN_COVERAGE]
        elif spans:
            # Without a topic: the span that enumerates the most items, else the first.
            listing = max(spans, key=lambda u: len(re.findall(r"\(\d+\)", u.text)))
            spans = [listing if re.search(r"\(\d+\)", listing.text) else spans[0]]
        return (spans[0].text, spans[0]) if spans else None
    if topic is None:
        return None
    # A free topic ("digital literacy"): the best span about this country.
    hits = retriever.retrieve(
        f"{country} {topic.text}",
        k=6,
        filters=Filters.of(countries=[country], documents=filters.documents, doc_types=filters.doc_types),
    )
    ranked = rank_evidence(replace(topic, countries=(country,)), hits, corpus)
    if not ranked or ranked[0][0] < MIN_COVERAGE:
        return None
    return ranked[0][1].text, ranked[0][1]


def _cross_country(
    question: Question,
    retriever: HybridRetriever,
    corpus: Corpus,
    cites: CitationList,
) -> str:
    """One cited sentence from passages about the countries together, when there is one."""
    general = replace(question, countries=())
    hits = retriever.retrieve(question.text, k=8, boost_countries=())
    for score, unit in rank_evidence(general, hits, corpus):
        if score < 0.8:
            break
        named = find_countries(unit.chunk.section or "")
        if not named and unit.kind == "sentence":
            return f"{unit.text} [{cites.cite(unit)}]"
    return ""


# ---------------------------------------------------------------------------------------
# Country brief

_BRIEF_SECTIONS = (
    ("Strategies and frameworks", None),
    ("Challenges", "Challenges"),
    ("Opportunities", "Opportunities"),
    ("Requested support", "Required support"),
)


def compose_brief(question: Question, corpus: Corpus) -> Composed:
    cites = CitationList()
    if not question.countries:
        return abstain(question, corpus, cites, reason="a country by that name (give a country)")
    country = question.countries[0]
    facts = [f for f in corpus.facts if f.country == country]
    lines = [f"# Country brief: {country}", "", "## Indices"]
    lines += [f"- {fact_sentence(f, cites)}" for f in facts] or ["- Not reported in the documents."]
    found_any = bool(facts)
    for title, aspect in _BRIEF_SECTIONS:
        chunks = corpus.section_chunks(country, aspect)
        spans = [u for c in chunks for u in units(c) if u.kind != "caption"][:10]
        lines += ["", f"## {title}"]
        if spans:
            found_any = True
            lines.append(render_units(spans, cites))
        else:
            lines.append("Not reported in the documents.")
    if not found_any:
        return abstain(question, corpus, CitationList(), reason=f"{country} in any detail")
    lines += ["", "## Sources", source_list(cites)]
    extras = {"scores": chart_scores(facts, cites), "country": country}
    return Composed("\n".join(lines), cites, extras=extras)


# ---------------------------------------------------------------------------------------
# Discussion prompts

_OPEN_QUESTIONS = (
    "What would a comparable step look like in your administration, and who would need to lead it?",
    "Which conditions made this possible, and which of them exist in your country today?",
    "What risks or trade-offs would you expect if you tried this approach, and how would you manage them?",
    "How would you know whether a similar initiative is working for the people it should serve?",
    "Which partners (other agencies, the private sector, development partners) would you involve, and why?",
    "What would you do first, with the resources you have now?",
)


def compose_prompts(
    question: Question,
    retriever: HybridRetriever,
    corpus: Corpus,
    filters: Filters,
    n: int,
) -> Composed:
    cites = CitationList()
    hits = retriever.retrieve(question.text, k=max(12, 3 * n), filters=filters)
    # Prompts need several peer examples; a passage touching part of the topic can serve.
    ranked = [(s, u) for s, u in rank_evidence(question, hits, corpus) if s >= MIN_COVERAGE * 0.6]
    # Peer examples first: spans from a country's own section, one per country.
    chosen: list[Evidence] = []
    seen: set[str] = set()
    for _, unit in ranked:
        owner = next(iter(find_countries(unit.chunk.section or "")), None)
        key = owner or unit.chunk.id
        if key in seen or len(unit.text) < 60:
            continue
        seen.add(key)
        chosen.append(unit)
        if len(chosen) == n:
            break
    if not chosen:
        return abstain(question, corpus, cites)
    prompts = []
    for i, unit in enumerate(chosen):
        owner = next(iter(find_countries(unit.chunk.section or "")), None)
        label = owner or (unit.chunk.section or unit.chunk.document).split(" > ")[-1]
        ref = cites.cite(unit)
        prompts.append(
            {"text": f"**{label}**: “{unit.text}” [{ref}] {_OPEN_QUESTIONS[i % len(_OPEN_QUESTIONS)]}", "n": ref}
        )
    countries = [p for p in dict.fromkeys(next(iter(find_countries(u.chunk.section or "")), "") for u in chosen) if p]
    note = (
        "**Facilitator note.** Each prompt starts from a documented example"
        + (f" ({', '.join(countries)})" if countries else "")
        + ". Ask groups to read the cited passage first, "
        "then compare it with their own administration before answering the open question; "
        "close by collecting one concrete next step per participant. The examples describe what "
        "was reported at the time, not an evaluation of results."
    )
    body = "\n".join(f"{i}. {p['text']}" for i, p in enumerate(prompts, start=1))
    return Composed(f"{body}\n\n{note}", cites, extras={"prompts": prompts})


def source_list(cites: CitationList) -> str:
    """Sources grouped by document: '**Title** (file.pdf)' then '- [1] p. 3, Section'."""
    lines: list[str] = []
    for document in dict.fromkeys(c.document for c in cites.items):
        first = next(c for c in cites.items if c.document == document)
        lines.append(f"**{document}** ({first.source})")
        for c in cites.items:
            if c.document == document:
                lines.append(f"- [{c.n}] p. {c.page}" + (f", {c.section}" if c.section else ""))
    return "\n".join(lines)
