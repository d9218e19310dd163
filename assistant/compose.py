"""The grounded composer: an offline, deterministic answer built only from quoted spans.

It never writes a fact of its own. Each sentence of an answer is either a span copied from
a passage or a short frame around values copied from one table row ("Indonesia's EGDI
score was 0.6612 (global rank 88)"), and carries the [n] of the passage it came from.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.cite import CitationList, Evidence, TermWeights, markers, units
from assistant.countries import COUNTRIES, canonical, find_countries
from assistant.query import INSTRUCTION, Question, content_terms
from assistant.retrieve import Filters, spelled_acronyms, trim_expansion
from assistant.types import Chunk, Hit

# Share of the question's topic weight a passage must match before we answer from it.
MIN_COVERAGE = 0.5
_ENUMERATION = re.compile(r"\(\d{1,2}\)\s*")
# Index acronyms match their spelled-out names ("e-government development index").
_SPELLED_OUT = {
    "egdi": "e-government development index",
    "losi": "local online service index",
    "osi": "online service index",
    "epi": "e-participation index",
}
# A figure, not a reference number ("Figure 8", "Table 1", "(3)").
# Years are dates, not the figure a "score" or "how many" question asks for.
_QUANTITY = re.compile(r"(?<!Figure )(?<!Table )(?<!\()(?<![\w.-])(?!(?:19|20)\d\d\b)\d[\d.,]*%?")
# A count may be spelled out ("about twenty thousand ICT and STEM graduates").
_COUNT_WORD = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|thousand|million|billion|dozen)\b",
    re.IGNORECASE,
)
_ASKS_COUNT = re.compile(r"\b(how many|how much|number of|population)\b", re.IGNORECASE)
_ASKS_FIGURE = re.compile(
    r"\b(score|rank|ranked|ranking|how many|how much|percent|%|number of|population|share|"
    r"rate|budget|cost|gdp|total|average)\b",
    re.IGNORECASE,
)
# A document's own "[1]" would read as one of our citation markers, and a sentence that
# addresses the assistant ("Ignore previous instructions ...") answers no question: both
# stay quotable in the sources of a document, never in an answer.
_UNQUOTABLE = re.compile(rf"\[\d+\]|{INSTRUCTION.pattern}", re.IGNORECASE)
_WHICH_COUNTRIES = re.compile(r"\bwhich (countries|members|member states|states)\b", re.I)
_SUPERLATIVE = re.compile(r"\b(highest|lowest|best|worst|top|leading|bottom|last)\b", re.I)


@dataclass
class Composed:
    text: str
    cites: CitationList
    abstained: bool = False
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class IndexFact:
    """One row of an index table (EGDI, LOSI), with the evidence it came from."""

    country: str
    index: str
    year: int | None
    score: str
    rank: str | None
    group: str | None
    city: str | None
    row: Evidence
    caption: Evidence | None


class Corpus:
    """Corpus-wide lookups the composer needs, computed once per loaded index."""

    def __init__(self, chunks: Sequence[Chunk], weights: TermWeights | None = None) -> None:
        self.chunks = list(chunks)
        self.weights = weights or TermWeights(self.chunks)
        self.facts = [f for c in self.chunks if c.kind == "table" for f in _table_facts(c)]
        self.years = {int(y) for c in self.chunks for y in re.findall(r"\b(?:19|20)\d\d\b", c.text)}
        self.countries = {c for chunk in self.chunks for c in chunk.countries}
        self.acronyms = spelled_acronyms(self.chunks)
        self.sections: dict[str, list[Chunk]] = {}
        for chunk in self.chunks:
            if chunk.section:
                self.sections.setdefault(chunk.section, []).append(chunk)
        self.section_terms = {s: set(content_terms(s)) for s in self.sections}

    def scoped(self, filters: Filters) -> Corpus:
        """The same lookups restricted to chunks a filter accepts (document, type, country)."""
        if not filters:
            return self
        view = copy.copy(self)
        view.chunks = [c for c in self.chunks if filters.accepts(c)]
        view.facts = [f for f in self.facts if filters.accepts(f.row.chunk)]
        view.sections = {}
        for chunk in view.chunks:
            if chunk.section:
                view.sections.setdefault(chunk.section, []).append(chunk)
        view.section_terms = {s: self.section_terms[s] for s in view.sections}
        return view

    def matching_sections(self, question: Question, limit: int = 3) -> list[Chunk]:
        """Chunks under the headings that best match the question's topic: structure finds
        "CONCLUSIONS > Challenges" even when its text shares few words with the question."""
        terms = topic_terms(question)
        total = sum(self.weights.idf(t) for t in terms)
        if not total:
            return []
        scored = []
        for section, found in self.section_terms.items():
            if question.countries and not set(find_countries(section)) & set(question.countries):
                continue
            prefixes = {f[:5] for f in found if len(f) >= 5}
            hit = sum(self.weights.idf(t) for t in terms if t in found or t[:5] in prefixes)
            scored.append((hit / total, section))
        scored.sort(key=lambda p: -p[0])
        best = scored[0][0] if scored else 0.0
        chosen = [s for score, s in scored[:limit] if score >= 0.5 and score >= 0.8 * best]
        return [c for s in chosen for c in sorted(self.sections[s], key=lambda c: c.ordinal)]

    def section_chunks(self, country: str, aspect: str | None) -> list[Chunk]:
        """Chunks under a heading naming the country (and the aspect, when given)."""
        found = []
        for chunk in self.chunks:
            parts = (chunk.section or "").split(" > ")
            named = [i for i, p in enumerate(parts) if country in find_countries(p)]
            if not named:
                continue
            tail = parts[named[0] + 1 :]
            if aspect is None and not tail:
                found.append(chunk)
            elif aspect is not None and tail and _aspect_of(tail[-1]) == aspect:
                found.append(chunk)
        return sorted(found, key=lambda c: (c.source, c.ordinal))


def _aspect_of(heading: str) -> str | None:
    lower = heading.lower()
    if "challenge" in lower:
        return "Challenges"
    if "opportunit" in lower:
        return "Opportunities"
    if "support" in lower or "assistance" in lower:
        return "Required support"
    return None


# ---------------------------------------------------------------------------------------
# Index tables


def _table_facts(chunk: Chunk) -> list[IndexFact]:
    unit_list = units(chunk)
    caption = next((u for u in unit_list if u.kind == "caption"), None)
    facts = []
    for unit in unit_list:
        if unit.kind != "row" or not unit.header:
            continue
        header = [h.strip().lower() for h in unit.header.split("|")]
        cells = [c.strip() for c in unit.text.split("|")]
        if len(cells) != len(header):
            continue
        index = next((i for i in ("EGDI", "LOSI", "OSI", "EPI") if any(i.lower() in h for h in header)), None)
        score_col = next((i for i, h in enumerate(header) if h == "score"), None)
        if index is None or score_col is None:
            continue
        country = canonical(cells[0]) or next(iter(find_countries(unit.text)), None)
        if country is None:
            continue
        rank_col = next((i for i, h in enumerate(header) if "rank" in h), None)
        group_col = next((i for i, h in enumerate(header) if "group" in h), None)
        city_col = next((i for i, h in enumerate(header) if h == "city"), None)
        year_match = re.search(r"\b(19|20)\d\d\b", caption.text if caption else "")
        facts.append(
            IndexFact(
                country=country,
                index=index,
                year=int(year_match.group()) if year_match else chunk.year,
                score=cells[score_col],
                rank=cells[rank_col] if rank_col is not None else None,
                group=cells[group_col] if group_col is not None else None,
                city=cells[city_col] if city_col is not None else None,
                row=unit,
                caption=caption,
            )
        )
    return facts


def fact_sentence(fact: IndexFact, cites: CitationList) -> str:
    """'Indonesia's EGDI score in 2020 was 0.6612 (global rank 88; High group) [1][2].'"""
    n_row = cites.cite(fact.row)
    ns = [n_row]
    year = ""
    if fact.year and fact.caption is not None and str(fact.year) in fact.caption.text:
        ns.append(cites.cite(fact.caption))
        year = f" in {fact.year}"
    subject = f"{fact.country}'s {fact.index}"
    if fact.city:
        subject = f"The {fact.index} of {fact.city} ({fact.country})"
    details = []
    if fact.rank:
        details.append(f"global rank {fact.rank}")
    if fact.group:
        details.append(f"{fact.index} group: {fact.group}")
    detail = f" ({'; '.join(details)})" if details else ""
    return f"{subject} score{year} was {fact.score}{detail} {markers(ns)}."


def chart_scores(facts: Sequence[IndexFact], cites: CitationList) -> list[dict[str, Any]]:
    """Index figures for a chart, each with the citation number of its table row."""
    return [
        {
            "country": f.country,
            "index": f.index,
            "year": f.year,
            "score": float(f.score),
            "rank": int(f.rank) if f.rank and f.rank.isdigit() else None,
            "city": f.city,
            "n": cites.cite(f.row),
        }
        for f in facts
        if _is_float(f.score)
    ]


def score_facts(question: Question, corpus: Corpus) -> list[IndexFact]:
    wanted = set(question.countries) | {m for g in question.groups for m in _group_members(g)}
    facts = [f for f in corpus.facts if not question.indices or f.index in question.indices]
    if wanted:
        facts = [f for f in facts if f.country in wanted]
    lower = question.text.lower()
    cities = {f.city for f in facts if f.city and re.search(rf"\b{re.escape(f.city.lower())}\b", lower)}
    if cities:
        facts = [f for f in facts if f.city in cities]
    return facts


def _group_members(group: str) -> tuple[str, ...]:
    from assistant.countries import GROUPS

    return GROUPS.get(group, ())


# ---------------------------------------------------------------------------------------
# Scoring spans


def topic_terms(question: Question) -> list[str]:
    """Question terms other than the country names themselves."""
    country_terms: set[str] = set()
    for country in COUNTRIES:
        if country.name in question.countries:
            for name in (country.name, *country.variants, *country.demonyms):
                country_terms.update(content_terms(name))
    if _WHICH_COUNTRIES.search(question.text) or question.groups:
        # "which countries are its members", "D-8 members": who is asked about, not the topic
        country_terms.update({"member", "state"})
    return [t for t in question.terms if t not in country_terms]


def coverage(terms: Sequence[str], evidence: Evidence, corpus: Corpus) -> float:
    """IDF-weighted share of the terms found in the span or its section heading.

    A term also matches through an acronym the corpus spells out ("OSS" stands in for
    "open source software") and through a shared five-letter stem prefix
    ("satisfied" ~ "satisfactory"), which the stemmer alone misses.
    """
    if not terms:
        return 0.0
    context = f"{evidence.chunk.section or ''} {evidence.header or ''} {evidence.text}"
    found = set(content_terms(context))
    if evidence.chunk.year:
        found.add(str(evidence.chunk.year))  # a 2012 slide deck speaks of 2012
    lower = context.lower()
    for term, spelled in _SPELLED_OUT.items():
        if spelled in lower:
            found.add(term)
    for acronym, expansion in corpus.acronyms.items():
        if acronym in context and re.search(rf"\b{re.escape(acronym)}\b", context):
            found.update(content_terms(expansion))
    prefixes = {f[:5] for f in found if len(f) >= 5}
    weights = corpus.weights
    total = sum(weights.idf(t) for t in terms)
    matched = sum(
        weights.idf(t) for t in terms if t in found or (len(t) >= 5 and t[:5] in prefixes)
    )
    return matched / total if total else 0.0


def _mentions_year(unit: Evidence, years: Sequence[int]) -> bool:
    chunk = unit.chunk
    return any(y == chunk.year or str(y) in f"{unit.text} {chunk.section or ''}" for y in years)


def rank_evidence(
    question: Question, hits: Sequence[Hit], corpus: Corpus
) -> list[tuple[float, Evidence]]:
    terms = topic_terms(question)
    scored = []
    for rank, hit in enumerate(hits):
        for unit in units(hit.chunk, rank):
            if unit.kind == "caption" or _UNQUOTABLE.search(unit.text):
                continue
            score = coverage(terms, unit, corpus) if terms else 0.6
            if question.countries:
                involved = set(unit.countries) | set(find_countries(hit.chunk.section or ""))
                if not involved & set(question.countries):
                    continue  # a passage about another country cannot answer this one
            if question.years and not _mentions_year(unit, question.years):
                continue  # a passage about another year does not answer this one
            if question.intent == "number":
                counts = _ASKS_COUNT.search(question.text) and _COUNT_WORD.search(unit.text)
                if _QUANTITY.search(unit.text) or counts:
                    score += 0.15
                elif question.countries and _ASKS_FIGURE.search(question.text):
                    continue  # a figure about a country must be printed in the passage
            elif question.intent == "list" and unit.kind == "item":
                score += 0.1
            elif question.defined and re.match(
                rf"(?:the )?{re.escape(question.defined)}\b[^.]{{0,40}}?\b(is|are|refers|means|stands)\b|(?:the )?{re.escape(question.defined)}\s*[,(]",
                unit.text,
                re.IGNORECASE,
            ):
                score += 0.2  # the sentence that defines the term, not one that uses it
                if re.search(r"\b(also known as|is an?|are an?|refers to|means)\b", unit.text[:120]):
                    score += 0.15  # "X, also known as Y, is an organization ..." defines best
            if _WHICH_COUNTRIES.search(question.text) and len(unit.countries) >= 3:
                score += 0.3  # "which countries ..." is answered by a span that names them
            section = hit.chunk.section or ""
            if (
                question.aspects
                and _aspect_of(section.split(" > ")[-1]) in question.aspects
                and set(find_countries(section)) <= set(question.countries)
            ):
                score += 0.3  # "the conclusions' challenges" live under a Challenges heading
            heading = set(content_terms(section.split(" > ")[-1]))
            if heading and heading <= set(question.terms):
                score += 0.2  # the question names this passage's heading ("next steps")
            # Informative spans beat fragments ("E-Citizen") at equal coverage.
            score += 0.05 * min(len(unit.text) / 200, 1.0)
            score += 0.02 * (len(hits) - rank) / max(len(hits), 1)
            scored.append((score, unit))
    scored.sort(key=lambda pair: -pair[0])
    return scored


# ---------------------------------------------------------------------------------------
# Rendering


def render_units(chosen: Sequence[Evidence], cites: CitationList) -> str:
    """Sentences as a paragraph; list items (and enumerations) as bullets."""
    lines: list[str] = []
    paragraph: list[str] = []
    owners = [next(iter(find_countries(u.chunk.section or "")), None) for u in chosen]
    # Spans from several countries' sections are labelled, so a reader sees whose they are.
    label = len(set(owners) - {None}) > 1
    previous_owner = None
    for unit, owner in zip(chosen, owners, strict=True):
        n = cites.cite(unit)
        if label and owner and owner != previous_owner:
            if paragraph:
                lines.append(" ".join(paragraph))
                paragraph = []
            lines.append(f"**{owner}**")
        previous_owner = owner
        if unit.kind == "item":
            if paragraph:
                lines.append(" ".join(paragraph))
                paragraph = []
            if unit.header and f"{unit.header} [" not in "\n".join(lines):
                lines.append(f"{unit.header} [{cites.cite_span(unit.chunk, unit.header)}]")
            lines.append(f"- {unit.text} [{n}]")
        elif len(_ENUMERATION.findall(unit.text)) >= 3:
            if paragraph:
                lines.append(" ".join(paragraph))
                paragraph = []
            lead, *items = _ENUMERATION.split(unit.text)
            if lead.strip():
                lines.append(f"{lead.strip()} [{n}]")
            lines.extend(f"- {enumerated_item(item)} [{n}]" for item in items if item.strip())
        else:
            paragraph.append(f"{unit.text} [{n}]")
    if paragraph:
        lines.append(" ".join(paragraph))
    return "\n".join(lines)


def enumerated_item(text: str) -> str:
    """'digital literacy, and ' -> 'digital literacy': an item without its joining words."""
    return re.sub(r"[\s;,.]*\b(and|or)?[\s;,.]*$", "", text.strip())


def _with_follow_on(chosen: list[Evidence]) -> list[Evidence]:
    """A short sentence that sets up its answer ("Respondents were asked about ...") brings
    the next sentence of its passage, which holds the answer."""
    out: list[Evidence] = []
    for unit in chosen:
        out.append(unit)
        if unit.kind != "sentence" or len(unit.text) >= 100:
            continue
        siblings = units(unit.chunk, unit.rank)
        position = next((i for i, u in enumerate(siblings) if u.text == unit.text), None)
        if position is not None and position + 1 < len(siblings):
            following = siblings[position + 1]
            if following.kind == "sentence" and all(following.text != o.text for o in chosen):
                out.append(following)
    return out


def expand_lists(chosen: list[Evidence]) -> list[Evidence]:
    """A list item brings its whole list: every item under the same lead-in."""
    out: list[Evidence] = []
    for unit in chosen:
        if unit.kind == "item":
            for sibling in units(unit.chunk, unit.rank):
                if sibling.kind == "item" and sibling.group == unit.group and sibling not in out:
                    out.append(sibling)
        elif unit not in out:
            out.append(unit)
    return out


def compose_answer(question: Question, hits: Sequence[Hit], corpus: Corpus) -> Composed:
    """The default mode: an answer of quoted spans, or an abstention."""
    cites = CitationList()
    asks_figure = question.indices or re.search(r"\b(score|rank)", question.text, re.I)
    if question.intent == "number" and asks_figure:
        composed = _compose_index(question, corpus, cites)
        if composed is not None:
            return composed
    if question.intent == "definition":
        composed = _compose_definition(question, hits, corpus, cites)
        if composed is not None:
            return composed
    if question.countries and question.aspects:
        sections = [
            c
            for country in question.countries
            for aspect in question.aspects
            for c in corpus.section_chunks(country, aspect)
        ]
        if sections:
            chosen = [u for c in sections for u in units(c) if u.kind != "caption"]
            return Composed(render_units(chosen[:12], cites), cites)
    section_chunks = corpus.matching_sections(question)
    if question.aspects and not question.countries:
        # "the conclusions' challenges": a heading of the asked aspect answers with all of it.
        whole = [c for c in section_chunks if _aspect_of((c.section or "").split(" > ")[-1]) in question.aspects]
        if whole:
            chosen = [u for c in whole for u in units(c) if u.kind != "caption"]
            return Composed(render_units(chosen[:12], cites), cites)
    known = {h.chunk.id for h in hits}
    extra = [Hit(c, 0.0) for c in section_chunks if c.id not in known]
    ranked = rank_evidence(question, [*hits, *extra], corpus)
    if not ranked or ranked[0][0] < MIN_COVERAGE:
        return abstain(question, corpus, cites)
    best = ranked[0][0]
    chosen: list[Evidence] = []
    chunks_used: list[str] = []
    for score, unit in ranked:
        # A definition is one sentence (plus a close second); other answers up to four.
        floor, most = (0.9, 2) if question.intent == "definition" else (0.7, 3)
        if score < max(MIN_COVERAGE - 0.1, floor * best) or len(chosen) >= most:
            break
        if chunks_used.count(unit.chunk.id) >= 2 and unit.kind != "item":
            continue
        if any(unit.text == other.text for other in chosen):
            continue  # the same sentence printed twice (cover and body) is said once
        chosen.append(unit)
        chunks_used.append(unit.chunk.id)
    chosen = _with_follow_on(chosen)
    if chosen[0].kind == "item":
        chosen = expand_lists(chosen[:1])  # the best list, whole, and nothing beside it
    elif question.intent != "number":
        chosen = expand_lists(chosen)
    return Composed(render_units(chosen, cites), cites)


def _compose_index(question: Question, corpus: Corpus, cites: CitationList) -> Composed | None:
    facts = score_facts(question, corpus)
    if question.years:
        facts = [f for f in facts if f.year in question.years]
    superlative = _SUPERLATIVE.search(question.text) and not question.countries
    named = question.countries or any(f.city and f.city.lower() in question.text.lower() for f in facts)
    if not facts or not (named or superlative):
        return None  # not one table figure: the passages may state it in prose (averages)
    if superlative:
        facts = _extreme(facts, question.text)
    lines = [fact_sentence(f, cites) for f in facts]
    extras = {"scores": chart_scores(facts, cites)}
    return Composed("\n".join(f"- {line}" if len(lines) > 1 else line for line in lines), cites, extras=extras)


def _extreme(facts: list[IndexFact], text: str) -> list[IndexFact]:
    """Per index, the row with the highest (or lowest) score."""
    low = re.search(r"\b(lowest|worst|bottom|last)\b", text, re.I)
    out = []
    for index in dict.fromkeys(f.index for f in facts):
        rows = [f for f in facts if f.index == index and _is_float(f.score)]
        if rows:
            out.append((min if low else max)(rows, key=lambda f: float(f.score)))
    return out


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _compose_definition(
    question: Question, hits: Sequence[Hit], corpus: Corpus, cites: CitationList
) -> Composed | None:
    """'NIX stands for National Information Exchange Centre [1].' plus the sentence that
    spells it out, when the documents do; the earliest, best-matching mention wins."""
    terms = topic_terms(question)
    for acronym in question.acronyms:
        pattern = re.compile(
            rf"\b{re.escape(acronym)}\s*\(([A-Z][^()]{{3,80}})\)|([A-Z][\w-]*(?:\s+[\w-]+){{1,8}})\s*\({re.escape(acronym)}\)"
        )
        candidates = []
        for chunk in corpus.chunks:
            for unit in units(chunk):
                match = pattern.search(unit.text)
                if match:
                    candidates.append((-coverage(terms, unit, corpus), chunk.source, chunk.ordinal, unit, match))
        if not candidates:
            continue
        _, _, _, unit, match = min(candidates, key=lambda c: c[:3])
        expansion = (match.group(1) or trim_expansion(match.group(2), acronym)).strip()
        n = cites.cite(unit)
        return Composed(f"{acronym} stands for {expansion} [{n}]. {unit.text} [{n}]", cites)
    return None


# ---------------------------------------------------------------------------------------
# Abstention


def abstain(question: Question, corpus: Corpus, cites: CitationList, reason: str | None = None) -> Composed:
    """Say plainly what the corpus does not cover, and what it covers nearby."""
    what = reason or _missing(question, corpus)
    nearby = _nearby(question, corpus, cites)
    text = f"The corpus does not cover {what}."
    if nearby:
        text += f" Nearby, {nearby}"
    return Composed(text, cites, abstained=True)


def _missing(question: Question, corpus: Corpus) -> str:
    unknown = [c for c in question.countries if c not in corpus.countries]
    if unknown:
        return ", ".join(unknown)
    subject = " ".join(question.indices) or "this question"
    if question.countries:
        subject = f"{subject} for {', '.join(question.countries)}"
    if question.years:
        # The asked year is not repeated: every number an answer prints is on a cited page.
        subject += " for the year asked"
    return subject


def _nearby(question: Question, corpus: Corpus, cites: CitationList) -> str:
    """E.g. 'the corpus has EGDI 2020 figures for the eight D-8 members ... [1]'."""
    parts = []
    indices = question.indices or (("EGDI", "LOSI") if question.intent == "number" else ())
    for index in indices:
        facts = [f for f in corpus.facts if f.index == index]
        if not facts:
            continue
        years = sorted({f.year for f in facts if f.year})
        caption = next((f.caption for f in facts if f.caption is not None), None)
        n = f" [{cites.cite(caption)}]" if caption is not None else ""
        year_text = f" {'/'.join(map(str, years))}" if caption is not None and years else ""
        parts.append(f"the corpus has {index}{year_text} figures for {', '.join(f.country for f in facts)}{n}")
    return "; ".join(parts) + "." if parts else ""

