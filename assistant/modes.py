"""The other modes, composers over the same scored evidence as the default answer:
compare (countries x aspects) here, workshop prompts in prompts.py, the brief in brief.py.

Each retrieves per country or topic, selects units with ``select`` and quotes them; the
aspects a comparison can name are data (data/answers.json).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from assistant.cities import cities_countries
from assistant.countries import find_countries
from assistant.country_data import GROUPS
from assistant.declining import decline, what_is_missing
from assistant.draft import CitationList, Draft, frame_row, render
from assistant.evidence import Evidence as Unit
from assistant.knowledge import find_indices, index_info, levels_asked
from assistant.mode_asked import mode_patterns
from assistant.passages import with_context
from assistant.rows import possessive, subject
from assistant.text import terms
from assistant.understand import Question
from assistant.vocabulary import QUESTION_WORDS, topic_terms, vocabulary

if TYPE_CHECKING:
    from collections.abc import Container, Sequence

    from assistant.evidence_source import Evidence

# "Is A doing better than B?", "who is further along?", "are they tied?" compares standing:
# the figures, not a topic.
_STANDING = re.compile(rf"\b(?:{'|'.join(vocabulary()['standing_words']['words'])})\b",
                       re.IGNORECASE)
_DECIMAL = re.compile(r"\d+\.\d+")
# Cells a comparison's row shows besides the one asked when the difference is asked.
_DIFFERING_SHOWN = 6
_MARKER = re.compile(r"\[(\d+)\]")


def chart_scores(cites: CitationList, asked: Container[str] = ()) -> list[dict[str, Any]]:
    """Figures framed from table rows, for a chart: one bar per row, with its [n]. The figure
    is the first of a column named by a term ``asked`` ("gdp": "GDP (billions)"), else the
    row's first; the index the one the row's header or caption names (data/indices.json),
    the year the one its caption prints; a "City" column names the city."""
    out = []
    for n, unit in cites.framed:
        cells = unit.cells
        figures = [(h, v) for h, v in cells.items() if _DECIMAL.fullmatch(v.strip())]
        figure = next((f for f in figures if any(t in asked for t in terms(f[0]))),
                      next(iter(figures), None))
        if figure is None or unit.entity is None:
            continue
        frame = f"{unit.header} {unit.caption or ''}"
        index = next(iter(find_indices(frame)), figure[0])
        year = re.search(r"\b(19|20)\d\d\b", unit.caption or "")
        rank = next((v for h, v in cells.items() if "rank" in h.lower() and v.isdigit()), None)
        city = next((v for h, v in cells.items() if h.lower() == "city"), None)
        out.append({
            "country": unit.entity, "index": index, "year": int(year.group()) if year else None,
            "score": float(figure[1]), "rank": int(rank) if rank else None, "city": city, "n": n,
        })
    return out


def aspect_question(question: Question, country: str | None, aspect: str) -> Question:
    """The question narrowed to one country and one aspect (or free topic)."""
    spec = vocabulary()["aspects"].get(aspect)
    text = spec["query"] if spec else aspect
    return replace(
        question,
        text=f"{country} {text}" if country else text,
        countries=(country,) if country else (),
        aspects=(aspect,) if spec else (),
        topic=tuple(terms(text)),
        kind="general",
        acronyms=(),
        indices=(),
    )


def _best_unit(question: Question, evidence: Evidence, share: float = 0.9) -> Unit | None:
    hits = evidence.retrieve(question.text, question, k=6,
                             countries=list(question.countries) or None)
    selection = evidence.select(question, hits)
    return selection.scored[0].unit if evidence.supported(selection, share) else None


# ---- compare -------------------------------------------------------------------------
def _countries(question: Question, evidence: Evidence) -> list[str]:
    named = list(question.countries) or cities_countries(question.text)
    for group in question.groups:
        named += [m for m in GROUPS.get(group, ()) if m not in named]
    known = evidence.known_countries
    if named:
        return [c for c in named if c in known]
    hits = evidence.retrieve(question.text, question, k=20)
    peers = [c for h in hits for c in find_countries(h.chunk.section or "")]
    return list(dict.fromkeys(peers))[:8]


def _cell(unit: Unit, question: Question, cites: CitationList,
          evidence: Evidence, differing: Sequence[str] = ()) -> tuple[str, int]:
    """A comparison's cell and the [n] it opens with (the list beneath names it); of a row,
    the cells of ``differing`` columns (the difference asked) after the one asked."""
    if unit.kind == "row":
        # A table cell holds the figure and a few of its neighbours, not the whole row.
        text = frame_row(unit, question, cites, cells=4, as_city=False).rsplit(
            ", according to", 1)[0]
        # Without the row's name ("Solomon Islands' GDP", "Bolivia (Plurinational State
        # of)'s Global Rank"): the cell stands in its country's line.
        text = text.removeprefix(f"{possessive(subject(unit))} ")
        n = cites.cite(unit)
        if differing:
            first = text.split(" (", 1)[0]
            shown = [f"{h} {v}" for h in differing if (v := unit.cells.get(h, "").strip())
                     and any(c.isalnum() for c in v) and not first.startswith(f"{h} is ")]
            text = f"{first} ({'; '.join(shown[:_DIFFERING_SHOWN])})" if shown else first
        return f"{text} [{n}]".replace("|", "/"), n
    if unit.kind == "sentence":
        # A whole statement: a set-up sentence ("X's challenges are considered on two
        # levels.") with the one it sets up, a sentence cut by a page break with its end
        # (cited as joined, so under another [n] than the unit alone).
        block = [u for u in with_context([unit], evidence.neighbour)[0] if u.kind == "sentence"]
        text = render([block], question, cites).replace("|", "/")
        marker = _MARKER.search(text)
        return text, int(marker.group(1)) if marker else cites.cite(unit)
    n = cites.cite(unit)
    return f"{unit.text} [{n}]".replace("|", "/"), n


# "Lagos versus Karachi", "Lagos and Karachi": two names side by side, each the thing
# compared for its country.
_SIDE_BY_SIDE = re.compile(
    r"\b([A-Z][\w'’-]+)\s+(?:versus|vs\.?|and|with|against|to)\s+([A-Z][\w'’-]+)\b")


def compared_names(question: Question) -> tuple[str, ...]:
    """The stems of the names a comparison sets side by side that are not countries (two
    cities): each country's cell is about one of them."""
    pairs = _SIDE_BY_SIDE.findall(question.asked)
    names = [n for pair in pairs for n in pair if not find_countries(n)]
    return tuple(dict.fromkeys(t for n in names for t in terms(n)))


def _compared(question: Question, country: str, aspect: str, figures: bool) -> Question:
    """The question one cell of a comparison answers: a country's figures or aspect."""
    narrowed = aspect_question(question, country, aspect)
    compared = compared_names(question)
    if len(compared) > 1 and set(compared) <= set(narrowed.topic):
        # One city's row names that city only: the names count once, as alternatives, and
        # none of them is a name every passage must hold.
        narrowed = replace(
            narrowed, alternatives=(*narrowed.alternatives, compared),
            names=tuple(n for n in narrowed.names if not set(terms(n)) <= set(compared)))
    if not figures:
        return narrowed
    index = (aspect,) if aspect in question.indices else ()
    return replace(narrowed, kind="figure", indices=index, topic=tuple(terms(aspect)),
                   years=question.years)


def _topic_words(question: Question) -> str:
    """The question's topic in its own words ("build digital capacity civil service"), not
    their stems: a column's title."""
    topic = set(question.topic)
    # As typed: "GDP", not "gdp".
    return " ".join(w for w in re.findall(r"[\w'’-]+", question.text) if set(terms(w)) & topic)


def _column_title(aspect: str, titles: dict[str, str], named: Container[str]) -> str:
    """An aspect's column title: a named aspect or an acronym as it is, else its title (or
    itself) with a capital first letter."""
    if aspect in named or aspect.isupper():
        return aspect
    title = titles.get(aspect) or aspect
    return title[:1].upper() + title[1:]


# A comparison naming no country and finding none in its passages: of other things
# ("UNDP's maturity levels with Gartner's"), which a plain answer quotes.
NO_COUNTRIES = "compare-no-countries"


def compare(question: Question, evidence: Evidence) -> Draft:
    """A countries x aspects table, a citation in every filled cell, and who reported what."""
    countries = _countries(question, evidence)
    # A country named in the question that no document covers cannot be compared ("is
    # India ahead of Pakistan?"): a table of the other one alone would answer another
    # question. Members of a group asked about ("D-8") may be missing.
    named_unknown = [c for c in question.countries if c not in evidence.known_countries]
    if named_unknown or (not countries and question.countries):
        return decline(question, what_is_missing(question, evidence.known_countries),
                       rule="compare-unknown-country")
    if not countries:
        return decline(question, what_is_missing(question, evidence.known_countries),
                       rule=NO_COUNTRIES)
    # Standing ("is A doing better than B"), an index, or a survey compared as a whole
    # ("compare A and B in the E-Government Survey") is compared by the figures.
    survey = any(index_info(i).kind == "survey" for i in find_indices(question.asked))
    figures = (question.kind == "figure" or bool(question.indices)
               or bool(_STANDING.search(question.asked)) or (survey and not question.aspects)
               or not (question.topic or question.aspects))  # "compare A and B": standing
    if figures:
        # A figure named ("compare Sweden and Finland population") is compared by its
        # column, not by a score or rank the table may not have.
        measure = " ".join(question.topic) if question.kind == "figure" else ""
        # "Is A doing better than B both nationally and for its biggest city?" names the
        # levels, not the indices scoring them: each level's index is compared.
        aspects = list(question.indices) or (
            [] if measure else levels_asked(question.asked)) or [measure or "score rank"]
    else:
        aspects = [a for a in question.aspects if a != "Strategies"] or [
            " ".join(question.topic) or "e-government development"
        ]
    cites, rows, reported = _filled(question, countries, aspects, figures, evidence)
    if not any(reported.values()) and figures and not question.indices and not question.topic:
        # "compare Chile and Peru" where no table scores or ranks them: their rows of the
        # tables that hold them (a population, a legal system), as a brief's country data.
        aspects = [vocabulary()["brief_data_section"]]
        cites, rows, reported = _filled(question, countries, aspects, False, evidence)
    if not any(reported.values()):
        return decline(question, what_is_missing(question, evidence.known_countries),
                       rule="compare-nothing-reported")
    named = vocabulary()["aspects"]
    # A free topic is asked by its stems (as the index reads it) and titled in the
    # question's own words ("Digital literacy", not "Digit literaci").
    titles = {" ".join(question.topic): _topic_words(question)}
    scores = chart_scores(cites, {t for a in aspects for t in terms(a)})
    indices = {s["index"] for s in scores}
    if aspects == ["score rank"] and len(indices) == 1:
        titles["score rank"] = indices.pop()  # the figures' index names the column
    header = ["Country", *(_column_title(a, titles, named) for a in aspects)]
    table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    table += ["| " + " | ".join(r) + " |" for r in rows]
    lines = []
    for aspect, names in reported.items():
        missing = [c for c in countries if not any(n.startswith(c + " ") for n in names)]
        label = header[aspects.index(aspect) + 1]
        line = f"- **{label}**: reported for {', '.join(names) or 'none of them'}"
        lines.append(line + (f"; not reported for {', '.join(missing)}." if missing else "."))
    # Every country's cell a figure of one index (also for an aspect such as "local
    # e-government" that a LOSI table answers): the order is the answer's first sentence.
    # Of another figure (a population) only when figures are compared: a comparison of legal
    # systems does not open with the populations its rows print.
    lead = standing(scores) if len(scores) == len(countries) and (
        figures or all(_index_figure(s["index"]) for s in scores)) else None
    text = (f"{lead}\n\n" if lead else "") + "\n".join(table) + "\n\n" + "\n".join(lines)
    return Draft(text, cites, extras={"table": {"columns": header, "rows": rows},
                                      "scores": scores})


def _filled(question: Question, countries: list[str], aspects: list[str], figures: bool,
            evidence: Evidence) -> tuple[CitationList, list[list[str]], dict[str, list[str]]]:
    """A comparison's table: each country's row of cells, one an aspect (its best unit,
    else "not reported"), and the countries each aspect was reported for, with their [n]."""
    cells = {(country, aspect): _compared(question, country, aspect, figures)
             for country in countries for aspect in aspects}
    evidence.prepare([narrowed.text for narrowed in cells.values()])
    cites = CitationList()
    rows: list[list[str]] = []
    reported: dict[str, list[str]] = {a: [] for a in aspects}
    best = {key: _best_unit(narrowed, evidence) for key, narrowed in cells.items()}
    differing = {a: _differing([best[c, a] for c in countries]) for a in aspects
                 if _DIFFERENCE.search(question.asked)}
    for country in countries:
        row = [country]
        for aspect in aspects:
            narrowed = cells[country, aspect]
            unit = best[country, aspect]
            if unit is None:
                row.append("not reported")
                continue
            cell, n = _cell(unit, narrowed, cites, evidence, differing.get(aspect, ()))
            row.append(cell)
            reported[aspect].append(f"{country} [{n}]")
        rows.append(row)
    return cites, rows, reported


# "the difference between Poland and Peru", "how do they differ" (data/answers.json).
_DIFFERENCE = re.compile(rf"\b(?:{'|'.join(vocabulary()['difference_words']['words'])})\b",
                         re.IGNORECASE)


def _differing(units: list[Unit | None]) -> list[str]:
    """The columns whose cells differ between rows of one table, in the header's order:
    what a question asking the difference between countries wants shown."""
    rows = [u for u in units if u is not None]
    if len(rows) < 2 or any(u.kind != "row" or u.header != rows[0].header for u in rows):
        return []
    return [h for h in list(rows[0].cells)[1:]
            if len({u.cells.get(h, "").strip() for u in rows}) > 1]


def standing(scores: list[dict[str, Any]]) -> str | None:
    """The comparison's answer in one sentence, when every figure framed is one index's in
    one edition, one a country: who scores higher ("On the EGDI (2020), Nigeria scores
    higher than Pakistan: 0.4406 [2] against 0.4183 [1]."), or of another figure whose is
    higher ("Sweden's Population (millions) is higher than Finland's: ..."). Only "higher":
    whether higher is better depends on the index, which the documents say, not the
    figures."""
    if len(scores) < 2 or len({(s["index"], s["year"]) for s in scores}) > 1:
        return None
    if len({s["country"] for s in scores}) < len(scores):
        return None  # two rows of one country (two tables): no single order
    ranked = sorted(scores, key=lambda s: -s["score"])
    first = ranked[0]
    edition = f" ({first['year']})" if first["year"] else ""

    def named(s: dict[str, Any]) -> str:
        return f"{s['country']} ({s['city']})" if s["city"] else s["country"]

    # A population or a GDP is no score: "Sweden's Population (millions) is higher".
    scored = _index_figure(first["index"])
    if len(ranked) == 2 and ranked[0]["score"] != ranked[1]["score"]:
        high, low = ranked
        figures = (f"{high['score']:g} [{high['n']}] against {low['score']:g} "
                   f"[{low['n']}].")
        if not scored:
            return (f"{possessive(named(high))} {first['index']}{edition} is higher than "
                    f"{possessive(named(low))}: {figures}")
        return (f"On the {first['index']}{edition}, {named(high)} scores higher than "
                f"{named(low)}: {figures}")
    listed = ", ".join(f"{named(s)} {s['score']:g} [{s['n']}]" for s in ranked)
    return (f"On the {first['index']}{edition}, from the highest "
            f"{'score' if scored else 'figure'} to the lowest: {listed}.")


def _index_figure(name: str) -> bool:
    """Whether a figure's column or index names an index figure: a score, a rank, an index
    of data/indices.json."""
    return bool(find_indices(name) or _INDEX_COLUMN.search(name))


# A column naming an index figure (data/answers.json "brief_index_columns").
_INDEX_COLUMN = re.compile(
    rf"\b(?:{'|'.join(vocabulary()['brief_index_columns']['words'])})\b", re.IGNORECASE)


def strip_mode_words(question: Question) -> Question:
    """The question without the words that asked for its mode or count ("give me 5
    discussion prompts on open data" -> "open data"), so they do not steer retrieval."""
    text = question.text
    for patterns in mode_patterns().values():
        for pattern in patterns:
            text = pattern.sub(" ", text)
    text = re.sub(r"\b(\d{1,2}|a few|a couple of|one|two|three|four|five|six|seven|eight|nine"
                  r"|ten)\b\s+(?=(?:\w+\s+){0,2}?(?:prompts?|questions?|points?|examples?|ideas?)\b)",
                  " ", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(talking points?|questions?"
                  r"|for (a|my|the) (workshop|class|training|minister))\b",
                  " ", text, flags=re.IGNORECASE)
    noise = QUESTION_WORDS | {"discussion"}
    kept = [w for w in text.split() if w.lower().strip("?.,:;!") not in noise and not w.isdigit()]
    text = re.sub(r"^(on|about|for|regarding)\s+", "", " ".join(kept), flags=re.IGNORECASE)
    text = text.strip(" ?.:,") or question.text
    # Nothing left but the countries ("compare malaysia and turkey please"): no topic, so a
    # comparison compares their figures and prompts keep what was asked.
    left = topic_terms(text, question.countries)
    topic = left if left or question.mode == "compare" else question.topic
    return replace(question, text=text, topic=topic)
