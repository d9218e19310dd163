"""One question's answer from its evidence: the shape the evidence allows.

Declined when nothing supports it; else, first that applies: the reference lines asked for
("where does it come from?"), the item asked by its place ("step 3"), each country's own
quote ("which delegations said X"), an overview item with its own slide, the section under
a heading the question names, a series of headings, or the best quotes composed.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace

from assistant.admissible import NAMES_ASKED
from assistant.compose import compose_across, compose_answer, compose_items, names_aspect
from assistant.dates_asked import reaches_year, years_reached
from assistant.declining import decline, unprinted, what_is_missing
from assistant.draft import CitationList, Draft
from assistant.evidence import Evidence as Unit
from assistant.evidence import units as units_of
from assistant.evidence_source import Evidence
from assistant.headings import detail_slide, subsections
from assistant.naming import (
    heading_named,
    is_heading,
    label_named,
    slide_title_named,
)
from assistant.ordinal import pick_from, pick_item
from assistant.people_lines import PERSON
from assistant.row_field import field_left_empty
from assistant.select import Selection, per_country, section_country
from assistant.series import COUNTED_LIST, HEADING_WORDS, dated_titles, lists, series_asked
from assistant.text import terms
from assistant.types import Chunk, Hit
from assistant.understand import Question, names_an_aspect
from assistant.vocabulary import vocabulary

# A heading the question names whole answers with its section: one of the best units'
# heading (of at least HEADING_WORDS words).
_HEADING_TOP = 3
# How far down the best units a reference answering "where does it come from?" is looked for.
_REFERENCE_LOOK = 8
# What the passage under an item picked by its place says on the question: a sentence or two.
_SAID_UNDER = 2


def _detailed(item: Unit, evidence: Evidence) -> list[Unit]:
    """The lines of the slide an overview's item opens into (``headings.detail_slide``)."""
    return [u for chunk in detail_slide(item, evidence.neighbour) for u in units_of(chunk)
            if u.kind in ("item", "sentence") and not is_heading(u, titles=False)]


def _until_next(title: Unit, series: Sequence[Unit]) -> list[Unit]:
    """What a series' title says before the next one in its passage ("Further Advancement
    of e-Government (2008 ~ 2012)", then its lines): the question asked more than the title."""
    titles = {u.text for u in series}
    around = units_of(title.chunk)
    # Found by its text: a title standing as an item is not itself one of its passage's units.
    at = next((i for i, u in enumerate(around) if u.text == title.text), None)
    if title.text not in titles or at is None:
        return []
    lines = list(itertools.takewhile(lambda u: u.text not in titles, around[at + 1:]))
    return [u for u in lines if u.kind in ("item", "sentence")][:_SAID_UNDER * 2]


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
    to"): words the titles do not print, past the place and the part asked. A series' title
    (``headings``: a section's heading standing as an item) heads its section and the
    subsections under it ("Étape 4 > ... > Activité 2 : Guichet unique")."""
    headed = {u.chunk.id for u in picked if is_heading(u)}
    sections = {u.chunk.section for u in picked if u.position < 0 and u.chunk.section}
    if not (headed or sections) or not _asks_more(question, picked):
        return []

    def under(unit: Unit) -> bool:
        section = unit.chunk.section or ""
        return unit.chunk.id in headed or any(
            section == s or section.startswith(f"{s} > ") for s in sections)
    titles = {u.text for u in picked}  # a title standing as an item is also its line
    return [s.unit for s in selection.scored if under(s.unit)
            and s.score >= floor and s.unit.text not in titles][:_SAID_UNDER]


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


def _close_pages(section: list[Chunk], selection: Selection, floor: float) -> list[Chunk]:
    """The pages of a section printed over several that hold its close units: a long
    section's other pages ("Revisions to data are infrequent ..." before the year that
    names the country asked) are its other parts, cited for nothing. A section of one
    page, or none of whose units is close, is quoted as it is."""
    if not section or len({c.page for c in section}) < 2:
        return section
    own = {c.id for c in section}
    pages = {s.unit.chunk.page for s in selection.scored
             if s.score >= floor and s.unit.chunk.id in own}
    if not pages or None in pages:
        return section
    return [c for c in section if c.page in pages]


def answer_one(question: Question, hits: Sequence[Hit], evidence: Evidence,
             cites: CitationList | None = None, selection: Selection | None = None) -> Draft:
    selection = selection if selection is not None else evidence.select(question, hits)
    # A year or index no document prints: passages on another one only sound close.
    missing = unprinted(question, evidence.printed, evidence.begins_printed)
    # A form found leaves the field asked blank ("Partner Countries:"): whatever else
    # sounds close answers something else, unless the best unit names that field.
    field = field_left_empty(question, (h.chunk for h in hits))
    blank = bool(field) and not (selection.scored and field <= set(
        terms(selection.scored[0].unit.context)))
    support = {"support": round(selection.support, 4)}  # for calibrating min_support
    # "did it move up from its 2012 position in the 2014 survey?": passages of 2012 alone
    # answer neither.
    unreached = bool(years_reached(question)) and not reaches_year(question, [
        s.unit for s in selection.scored if s.score >= evidence.settings.answer.min_support],
        evidence.titles)
    # Dated titles answer "the phases of ..." though they never print the word: their
    # support, measured on the question's words, understates them.
    # "The second phase of X" is an item of the list "the phases of X".
    listing = replace(question, kind="list") if question.ordinal else question
    if missing or blank or unreached or not evidence.supported(selection) and not dated_titles(
            listing, selection, hits, evidence):
        near = selection
        if missing:
            # What the corpus has on the question for the years and indices it does hold.
            near = evidence.select(replace(question, years=(), index_words=()), hits)
        if not near.scored and question.kind == "figure":
            # No passage states the figure asked: what the corpus has on the rest of it.
            near = evidence.select(replace(question, kind="general", measure=(), unit=None),
                                   hits)
        if not near.scored and question.countries:
            # Nothing about the country asked: what the corpus has on the same question.
            near = evidence.select(replace(question, countries=()), hits)
        # Readable passages first: a table row out of its table says little to a reader
        # who was just told the documents do not answer.
        units = sorted(near.scored, key=lambda s: s.unit.kind == "row")
        nearby = [s.unit for s in units[:2]]
        reason = what_is_missing(question, evidence.known_countries)
        draft = decline(question, f"{reason} ({missing})" if missing else reason, nearby,
                        rule="unprinted" if missing else "field-left-empty" if blank
                        else "year-unreached" if unreached
                        else _why_unsupported(question, selection, evidence))
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
    series = (series_asked(listing, selection, hits, evidence)
              if question.ordinal and item is selection else [])
    picked = [s.unit for s in item.scored] if item is not selection else (
        pick_from(series, question.ordinal) if question.ordinal else [])
    if picked:
        # "What is step 3?": that item alone, not its list nor the section around it; "in
        # the first stage, what do the websites link to?": its title and what it says on that.
        # "what does the last one mean in practice?": an overview's item, and its own slide.
        said = _said_under(question, picked, selection, floor) or [
            u for item in picked if _asks_more(question, [item], item.context)
            for u in _detailed(item, evidence) or _until_next(item, series)]
        return Draft(compose_items([*picked, *said], cites), cites, extras=support)
    gathered = (per_country(selection, evidence.settings.answer.min_support,
                            evidence.retriever.weights.weight)
                if question.across else [])
    best = selection.scored[0].unit
    if gathered and (section_country(best) or not best.countries):
        # "Which delegations named digital literacy?": each country whose own section says
        # it is named with its quote, whether the best passage is a country's own or a
        # summary naming none ("other challenges include budgetary constraints"). A summary
        # naming the countries answers as before.
        return Draft(compose_across([s.unit for s in gathered], cites), cites, extras=support)
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
            question, s.unit, evidence.retriever.acronyms, least=HEADING_WORDS)), None)
    whole = evidence.section(heading.chunk) if heading is not None else None
    if whole and heading is not None and not names_aspect(question, heading):
        # An aspect's section (a country's opportunities) runs on over a page break; a
        # heading named by the question's words is where to look, not all of the answer.
        whole = _close_pages(whole, selection, floor)
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
    series = series_asked(question, selection, hits, evidence) if whole is None else []
    if (whole is None and not series and question.kind == "list" and question.count
            and question.count >= COUNTED_LIST and not lists(selection, question.count, floor)):
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
