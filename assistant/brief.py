"""The brief mode: a country brief over the same scored evidence as the default answer.

Its indices (the country's table rows holding index figures), then each section of
data/answers.json's brief outline, then the country's rows of other tables (its data:
a population, a legal system), then its own passages no section quoted, then the sources.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant.choose import choose, without_asides
from assistant.compose import names_aspect
from assistant.countries import find_countries
from assistant.cues import aspect_cues, mentions_any
from assistant.declining import decline
from assistant.draft import CitationList, Draft, frame_row, render
from assistant.evidence import Evidence as Unit
from assistant.headings import is_title_slide, under_title, with_titled
from assistant.knowledge import find_indices
from assistant.modes import aspect_question, chart_scores
from assistant.passages import with_context
from assistant.text import YEAR
from assistant.understand import Question
from assistant.vocabulary import vocabulary

if TYPE_CHECKING:
    from assistant.evidence_source import Evidence
    from assistant.types import Chunk

_BRIEF_TABLES = 6  # rows quoted in a brief's first section, one per table
_OWN_PASSAGES = 3  # the country's own passages quoted beyond the outline
_ENTRY_COLUMNS = 10  # columns of such a row shown (all are in its citation): a profile
# table (legal system, languages, population) is read whole in a brief
_CITED_END = re.compile(r" (\[\d+\]\.)$")


def brief(question: Question, evidence: Evidence) -> Draft:
    """Indices, then each section of data/answers.json's brief outline, then sources."""
    if not question.countries:
        return decline(question, "a country by that name (give a country)",
                       rule="brief-no-country")
    country = question.countries[0]
    if country not in evidence.known_countries:
        return decline(question, country, rule="unknown-country")
    cites = CitationList()
    lines = [f"# Country brief: {country}", "", "## Indices", ""]
    figures = replace(aspect_question(question, country, "score rank index value"), kind="figure")
    entries = replace(aspect_question(question, country, country), kind="general")
    sections = [(title, aspect_question(question, country, aspect))
                for title, aspect in vocabulary()["brief_sections"]]
    evidence.prepare([figures.text, entries.text, *(narrowed.text for _, narrowed in sections)])
    hits = evidence.retrieve(figures.text, figures, k=10, countries=[country])
    rows = [s.unit for s in evidence.select(figures, hits).scored
            if s.unit.kind == "row" and s.unit.entity == country]
    # Then the country's row in any other table (a legal system, a poll's sample): in a
    # corpus of other publishers the tables that matter are rarely named "index".
    hits = evidence.retrieve(entries.text, entries, k=10, countries=[country])
    other = [s.unit for s in evidence.select(entries, hits).scored
             if s.unit.kind == "row" and s.unit.entity == country and s.unit.cells]
    seen_tables: set[str | None] = set()
    framed: list[str] = []
    entries_listed: list[Unit] = []
    for unit in [*rows, *other]:
        if unit.header not in seen_tables and len(framed) + len(entries_listed) < _BRIEF_TABLES:
            seen_tables.add(unit.header)
            # Only a row holding index figures is an index; a population or a legal system
            # is the country's data, listed after the outline; a poll's sample size and
            # polling company describe the survey, not the country: left out.
            if index_columns(unit):
                framed.append(f"- {_with_edition(frame_row(unit, figures, cites), unit)}")
            elif not _columns_reading(unit, "brief_survey_columns"):
                entries_listed.append(unit)
    lines += framed or ["Not reported."]
    found = bool(framed or entries_listed)
    for title, narrowed in sections:
        hits = evidence.retrieve(narrowed.text, narrowed, k=6, countries=[country])
        selection = evidence.select(narrowed, hits)
        lines += ["", f"## {title}", ""]
        chosen = [s.unit for s in without_asides(
            narrowed, choose(selection, evidence.settings.answer, 3))
                  ] if evidence.supported(selection, 0.9) else []
        # Under its own heading ("Nigeria > Opportunities"), a country said it; a sentence
        # of its "Challenges" section is no opportunity, however close its words. Else the
        # passage names the aspect itself (a poll's sample of the country is no challenge;
        # "a service that responds to people's needs" requests no support), and is not
        # under another aspect's heading ("various supporting aspects" of a Challenges
        # section requests no support).
        others = [other for _, other in sections if other is not narrowed]
        chosen = [u for u in chosen if names_aspect(narrowed, u)] or [
            u for u in chosen if _states_aspect(narrowed, u.text)
            and not any(names_aspect(other, u) for other in others)]
        # Under a heading naming another country ("Cooperation with Government of
        # Afghanistan"), a passage that mentions this one is about the other.
        chosen = [u for u in chosen if country in (_headed_by(u.chunk) or [country])]
        if chosen:
            found = True
            # A lead-in brings its list ("Nigeria faces the following challenges:").
            lines.append(render(with_context(chosen), narrowed, cites))
        else:
            lines.append("Not reported.")
    if entries_listed:
        lines += ["", f"## {vocabulary()['brief_data_section']}", "",
                  *(f"- {_entry(unit, cites)}" for unit in entries_listed)]
    own = _own_passages(country, entries, evidence, cites)
    if own:
        found = True
        lines += ["", f"## {vocabulary()['brief_own_section']}", "",
                  render([[unit] for unit in own], entries, cites)]
    if not found:
        return decline(question, f"{country} in any detail", rule="brief-nothing-reported")
    lines += ["", "## Sources", "", source_list(cites)]
    extras: dict[str, Any] = {"scores": chart_scores(cites), "country": country}
    return Draft("\n".join(lines), cites, extras=extras)


def _states_aspect(section: Question, text: str) -> bool:
    """Whether a passage names its section's aspect: by a cue, or by a weak cue where that
    names the aspect in a passage too (data/answers.json "weak_cues_in_passages")."""
    specs = vocabulary()["aspects"]
    cues = [c for aspect in section.aspects for c in aspect_cues(
        aspect, actor=specs[aspect].get("weak_cues_in_passages", True))]
    return mentions_any(cues, text.lower())


def _headed_by(chunk: Chunk) -> list[str]:
    return find_countries(chunk.section or "")


def _own_passages(country: str, entries: Question, evidence: Evidence,
                  cites: CitationList) -> list[Unit]:
    """The country's passages the outline left unquoted: under a heading naming it alone
    ("Major findings of 2012 Survey: Kazakhstan") or among the slides a title slide naming
    it heads ("Korea Leading e-Government", then its phases). A deck tells a country's
    story there, under no challenges or requested support."""
    hits = evidence.retrieve(entries.text, entries, k=10, countries=[country])
    under = {chunk.id for hit in hits
             if is_title_slide(hit.chunk) and country in hit.chunk.countries
             for chunk in under_title(hit.chunk, evidence.neighbour)}
    titled = with_titled(hits, [country], evidence.neighbour)
    quoted = {c.chunk_id for c in cites.items}
    # Whose passages they are is settled by their heading or title slide: a slide that no
    # longer names the country is admitted.
    least = evidence.settings.answer.min_support
    return [scored.unit for scored in evidence.select(replace(entries, countries=()), titled).scored
            if scored.score >= least
            and scored.unit.chunk.id not in quoted and scored.unit.chunk.kind != "furniture"
            and not is_title_slide(scored.unit.chunk)
            and (scored.unit.chunk.id in under or _headed_by(scored.unit.chunk) == [country])
            ][:_OWN_PASSAGES]


def index_columns(unit: Unit) -> list[str]:
    """The columns of a row holding index figures: a name reading as a score, rank or
    index (data/answers.json "brief_index_columns"), or naming an index of
    data/indices.json ("EGDI Group"); the row's own cell filled."""
    named = set(_columns_reading(unit, "brief_index_columns"))
    return [h for h, v in list(unit.cells.items())[1:]
            if v.strip() and (h in named or find_indices(h))]


def _columns_reading(unit: Unit, words_of: str) -> list[str]:
    """A row's columns (not its subject) whose name holds a word of data/answers.json
    ``words_of``."""
    words = "|".join(vocabulary()[words_of]["words"])
    reads = re.compile(rf"\b(?:{words})\b", re.IGNORECASE)
    return [h for h in list(unit.cells)[1:] if reads.search(h)]


def _with_edition(line: str, unit: Unit) -> str:
    """A framed index row that names no year says its edition: the year its caption,
    header, heading or document title prints ("..., according to Table 3, 2022 edition
    [1]."), all of which its citation shows. None printed: the line as it is."""
    if YEAR.search(line):
        return line
    frames = (unit.caption, unit.header, unit.chunk.section, unit.chunk.document)
    year = next((m.group() for f in frames if f and (m := YEAR.search(f))), None)
    return _CITED_END.sub(rf", {year} edition \1", line) if year else line


def _entry(unit: Unit, cites: CitationList) -> str:
    """A row of a table that is not an index, as its columns: 'Estonia: Legal System Civil
    Law; Forms of State Unitary, according to Index of States [1].'"""
    cells = list(unit.cells.items())
    subject = cells[0][1]
    detail = "; ".join(f"{h}: {v}" for h, v in cells[1:_ENTRY_COLUMNS + 1] if v)
    source = (unit.caption or unit.chunk.document).rstrip(". ")
    return f"{subject}: {detail}, according to {source} [{cites.cite(unit)}]."


def source_list(cites: CitationList) -> str:
    """Sources grouped by document: '**Title** (file.pdf)' then '- [1] p. 3, Section'."""
    lines: list[str] = []
    for document in dict.fromkeys(c.document for c in cites.items):
        first = next(c for c in cites.items if c.document == document)
        lines.append(f"**{document}** ({first.source})")
        lines.append("")
        for c in cites.items:
            if c.document == document:
                lines.append(f"- [{c.n}] {c.where}" + (f", {c.section}" if c.section else ""))
        lines.append("")
    return "\n".join(lines).strip()
