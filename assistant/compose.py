"""Compose: selected evidence -> an answer draft, Markdown with [n] markers (fourth stage;
``draft`` writes the quotes).

It never writes a fact of its own. The first sentence answers directly where the evidence
allows (a figure framed from a table row with its column names, a list joined into one
sentence, a definition), and the supporting quotes follow. Every sentence carries the [n]
of the unit it copies; a table row's citation shows the header row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.admissible import NAMES_ASKED
from assistant.choose import (
    TIED,
    adds_to,
    asks_more,
    besides,
    choose,
    elsewhere,
    names_things,
    near_duplicate,
    one_list,
    who,
    without_asides,
)
from assistant.counted import one_per_thing
from assistant.draft import (
    CitationList,
    frame_row,
    owner,
    render,
    render_list,
    sentences,
)
from assistant.evidence import Evidence, announces, following, units
from assistant.figures_asked import heading_number
from assistant.headings import Neighbour, subsections
from assistant.naming import (
    entry_head,
    heads_entry,
    is_heading,
    label_named,
    term_head,
    term_pattern,
)
from assistant.neighbours import (
    WHOLE_SENTENCE,
    with_antecedent,
    with_elaboration,
    without_repeats,
)
from assistant.passages import GOES_ON, continued, whole_list, with_context
from assistant.rows import as_item
from assistant.select import Selection
from assistant.settings import AnswerSettings
from assistant.text import NUMBER, abbreviations, terms
from assistant.types import Chunk
from assistant.understand import Question, asks_fields, names_an_aspect
from assistant.whole_table import (
    answering_figure,
    extreme_listed,
    shared_sentence,
    sharing_value,
)


# ---- the default mode -------------------------------------------------------------------
def names_aspect(question: Question, unit: Evidence) -> bool:
    """Whether the unit's own heading is the aspect asked about ("... > Challenges" for a
    question on challenges): then the whole section answers."""
    return names_an_aspect(question, (unit.chunk.section or "").split(" > ")[-1])


def compose_items(items: Sequence[Evidence], cites: CitationList) -> str:
    """Items asked by their places ("step 2 and the last step"): each alone, as asked."""
    lines = [f"{as_item(u) if u.kind == 'row' else u.text} [{cites.cite(u)}]" for u in items]
    return lines[0] if len(lines) == 1 else "\n".join(f"- {line}" for line in lines)


def compose_answer(
    selection: Selection,
    config: AnswerSettings,
    cites: CitationList,
    section: Sequence[Chunk] | None = None,
    neighbour: Neighbour | None = None,
    series: Sequence[Evidence] = (),
) -> str:
    """A direct answer from the selected units; with ``section``, the whole section under
    the heading the question names (every challenge a country listed, not the best three);
    with ``series``, those numbered titles as the list."""
    question = selection.question
    if series:  # a list printed as numbered headings ("Level 1. Nonexistent", ...)
        return render_list(series, cites)
    if section and _section_answers(selection, section):
        # The section's own title and subheadings frame it; they are not quoted as answers.
        quoted = [u for c in section for u in units(c) if u.kind in ("item", "row") or (
            u.kind == "sentence" and not is_heading(u, titles=False))][: config.section_units]
        blocks = with_context(quoted, neighbour)
        # A unit all but tied with the best that it leaves out (the best one, past the start
        # of a long section; another list's item) follows it: which of a tie the question
        # meant the scores cannot tell. Not a country's passage when the question names no
        # country: the section it names answers for all of them.
        tied = [s.unit for s in without_asides(question, choose(selection, config))
                if s.score >= TIED * selection.best
                and (question.countries or owner(s.unit) is None)]
        return render([*blocks, *besides(tied, blocks, neighbour)], question, cites)
    answering = (answering_figure(selection, config, neighbour) if question.kind == "figure"
                 else extreme_listed(selection, neighbour))
    if answering:
        framed = (frame_row(r, question, cites) for r in answering)
        return "\n".join(f"- {line}" if len(answering) > 1 else line for line in framed)
    shared = sharing_value(selection, neighbour)
    if shared.rows:  # "which states list a monarchical form of government": every row saying so
        return shared_sentence(shared, cites.cite)
    scored = choose(selection, config, question.count)
    if NAMES_ASKED.match(question.text):
        # "Who ...?" brings further people its own way (close units naming someone).
        chosen = who(selection, [s.unit for s in scored[: config.max_units]], config)
    else:
        chosen = [s.unit for s in without_asides(question, scored)]
    if question.kind == "definition" and question.defined:
        # Not when no one term is asked ("what do the codes NR and PC stand for"): each
        # close unit defines one of them, quoted as any answer's.
        return _definition(selection, chosen, config, cites, neighbour)
    if question.kind == "figure":
        named: set[str] = set()  # a step's heading is said once, before its first quote
        return " ".join(_figure_stated(unit, question, cites, neighbour, named)
                        for unit in one_per_thing(question.text, chosen) or chosen[:2])
    if (chosen and chosen[0].kind == "item" and question.kind != "list"
            and label_named(question, chosen[0])):
        # "What characterizes connected services?": the item "Connected: ...", not its list,
        # then the close sentences (the stage's own slide, often fuller).
        item = f"{chosen[0].text} [{cites.cite(chosen[0])}]"
        sentences = [u for u in chosen[1:] if u.kind == "sentence"]
        rest = render(with_context(sentences, neighbour), question, cites) if sentences else ""
        return f"{item} {rest}".strip()
    # A table printed without column names is a list set out in columns ("I | Step 1: |
    # Identification ..."): its rows, whole and in order, each with its carried stage.
    listed = "\n".join(f"- {as_item(u)} [{cites.cite(u)}]"
                       for u in _listing_table(selection, chosen, config))
    chosen = _without_lists_elsewhere(chosen)
    if chosen and chosen[0].kind == "item":
        # The best list, whole, and the close seconds that are items of another list of its
        # document, by themselves: "Kazakhstan is now the sub-regional leader" on the next
        # slide says what the question asks as well as the best list does.
        blocks = ([[chosen[0]]] if _item_alone(selection, chosen[0], config, neighbour)
                  else with_context(chosen[:1], neighbour))
        # Not another page's items that add nothing asked to the whole list quoted: the
        # next page's "Education challenges" share the words of the course topics asked.
        quoted = [u for block in blocks for u in block]
        support = {id(s.unit): s for s in selection.scored}
        others = [u for u in chosen[1:] if u.kind == "item"
                  and u.chunk.source == chosen[0].chunk.source and (
                      not elsewhere(u, chosen[0]) or adds_to(question, support[id(u)], quoted))]
        blocks = [*blocks, *besides(others, blocks, neighbour)]
        return listed or render([*blocks, *_said_beside(chosen, blocks)], question, cites)
    alone = False
    if chosen and (question.kind == "list" and names_things(chosen[0]) and not asks_more(
            question) or chosen[0].kind == "row" and asks_fields(question.text)):
        # A sentence naming the things asked, or the header of the table asked what it
        # records, and nothing beside it (not the sentence after it either); not when the
        # question asks more ("which principles ..., and what does it offer instead?").
        chosen, alone = chosen[:1], True
    elif chosen and chosen[0].kind == "row":
        chosen = rows_asked(selection, chosen, config)
    elif question.kind == "list" and chosen and chosen[0].kind == "sentence":
        # "... support capacity building. The profiles are as follows:" and the profiles
        # are the sections below: the passage's announcing sentence brings them.
        last = units(chosen[0].chunk)[-1]
        if last != chosen[0] and announces(last) and subsections(last.chunk, neighbour):
            chosen = [chosen[0], last]
    blocks = with_antecedent(with_context(chosen, neighbour), question)
    if not alone:
        blocks = with_elaboration(blocks, question)
    return listed or render(one_list(without_repeats(blocks)), question, cites)


def _section_answers(selection: Selection, section: Sequence[Chunk]) -> bool:
    """Whether the section under a heading the question names answers it whole: it holds
    the best unit, or one all but tied with it, or is a subsection of the best unit's
    ("A recap was provided of the challenges ..." and "... > Challenges"). A heading naming
    a word of the question ("Implementation Strategy Phases of SMART Government" for "what
    should smart e-gov strategies be based on") is not the answer when a unit elsewhere
    says it better by a margin: its section would be quoted for nothing."""
    if not selection.scored:
        return True
    own = {c.id for c in section}
    best = selection.scored[0].unit
    path = best.chunk.section or ""
    if best.chunk.id in own or path and any(
            (c.section or "").startswith(f"{path} > ") for c in section):
        return True
    # A section its path names by more of the question's words than the best unit's path
    # ("... according to the workshop conclusions": "Conclusions > Challenges") answers
    # though its words score low.
    topic = set(selection.question.topic)
    if any(len(topic & set(terms(c.section or ""))) > len(topic & set(terms(path)))
           for c in section):
        return True
    return any(s.score >= TIED * selection.best for s in selection.scored
               if s.unit.chunk.id in own)


def _said_beside(chosen: list[Evidence], blocks: list[list[Evidence]]) -> list[list[Evidence]]:
    """The close seconds that are whole sentences of the best list's page, each alone: the
    footnote giving the reason asked ("2 This is because the same system is also used for
    other surveys ..."). Not a lead-in nor a sentence naming things (another list), nor a
    line without a sentence's ending (a heading), nor what the blocks quote already."""
    quoted = [u.text for block in blocks for u in block]
    return [[u] for u in chosen[1:] if u.kind == "sentence" and not elsewhere(u, chosen[0])
            and WHOLE_SENTENCE.match(u.text.strip()) and not announces(u)
            and not names_things(u) and not any(near_duplicate(u.text, t) for t in quoted)]


def _item_alone(selection: Selection, item: Evidence, config: AnswerSettings,
                neighbour: Neighbour | None) -> bool:
    """Whether one item of a list answers a question that asks for no list by itself
    ("which browser should I use?": "... Note: Chrome is the preferred browser"): none of
    the other items of its list comes close to it (``item_alone_ratio`` of its support),
    so the rest of the list (how passwords are sent, who registers) would be cited for
    nothing."""
    question = selection.question
    if question.kind == "list" or question.count:
        return False
    scores = {id(s.unit): s.score for s in selection.scored}
    best = scores.get(id(item), selection.best)
    others = [u for u in whole_list(item, neighbour) if u != item]
    return bool(others) and all(scores.get(id(u), 0.0) < config.item_alone_ratio * best
                                for u in others)


def _listing_table(selection: Selection, chosen: list[Evidence],
                   config: AnswerSettings) -> list[Evidence]:
    """The rows of a table without column names that answers a list question: the best
    unit's, or, for "the ten steps", a close one's with as many rows (one fewer: a table cut
    by a page)."""
    if selection.question.kind != "list" or not chosen:
        return []
    count = selection.question.count
    floor = config.keep_ratio * selection.best
    for unit in [*chosen[:1], *(s.unit for s in selection.scored if s.score >= floor)]:
        if unit.kind != "row" or unit.header:
            continue
        rows = [u for u in units(unit.chunk) if u.kind == "row" and not u.header]
        if unit is chosen[0] or count and count - 1 <= len(rows) <= count:
            return rows
    return []


# Most rows of one table quoted together for a question asking for several things.
_MOST_ROWS = 8


def rows_asked(selection: Selection, chosen: list[Evidence],
               config: AnswerSettings) -> list[Evidence]:
    """For a question asking for several things ("which indicators ...", "the three
    stages") that a table's row answers best: that table's rows scoring as close as a close
    second (``keep_ratio`` of the best), up to _MOST_ROWS, in the table's order, then the
    other quotes. The answer is spread over the rows, which tie on the header every row
    repeats; ``max_units`` would cut it at the third and let another page's sentence in."""
    question = selection.question
    first = chosen[0]
    if not (question.kind == "list" or question.count):
        return chosen
    floor = config.keep_ratio * selection.best

    def same_table(unit: Evidence) -> bool:
        return (unit.kind == "row" and unit.chunk.id == first.chunk.id
                and unit.header == first.header and unit.caption == first.caption)

    close = [s.unit for s in selection.scored if s.score >= floor and same_table(s.unit)]
    rows = sorted({*close[:_MOST_ROWS], *filter(same_table, chosen)}, key=lambda u: u.position)
    return [*rows, *(u for u in chosen if u not in rows)]


def _without_lists_elsewhere(chosen: list[Evidence]) -> list[Evidence]:
    """A sentence answers: a close second on another page that would bring a whole list
    (an item, or "... note the following:") adds a list nobody asked for."""
    if not chosen or chosen[0].kind != "sentence":
        return chosen
    page = (chosen[0].chunk.source, chosen[0].chunk.page)
    return [chosen[0], *(u for u in chosen[1:] if (u.chunk.source, u.chunk.page) == page
                         or not (u.kind == "item" or announces(u)))]


# "What does WMID stand for?" asks what the letters are, not what else is said about it.
_EXPANSION_ASKED = re.compile(r"\bstands? for\b|\babbreviation\b|\bacronym\b", re.IGNORECASE)


def _definition(selection: Selection, chosen: list[Evidence], config: AnswerSettings,
                cites: CitationList, neighbour: Neighbour | None = None) -> str:
    """'WMID stands for women and men in decision-making [1].' when a supported unit spells
    the abbreviation out, then the best unit that names the term; units that do not name
    it are left out."""
    term = selection.question.defined or ""
    supported = [s.unit for s in selection.scored if s.score >= config.min_support]
    naming = [u for u in [*chosen, *supported] if term and _names_term(term, u.text)]
    # "X ... was presented through the following results." introduces, it does not define.
    defining = [u for u in naming if not announces(u)]
    first = (defining or naming or chosen)[0]
    if re.fullmatch(r"[A-Z][A-Za-z0-9-]{1,9}", term):
        for unit in [first, *naming]:
            long = dict(abbreviations(unit.text)).get(term)
            if long:
                spelled = f"{term} stands for {long} [{cites.cite(unit)}]."
                if _EXPANSION_ASKED.search(selection.question.text):
                    first = unit  # what it stands for: the passage spelling it out says
                return f"{spelled} {_defined_by(first, term, cites, neighbour)}"
    return _defined_by(first, term, cites, neighbour)




def _figure_stated(unit: Evidence, question: Question, cites: CitationList,
                   neighbour: Neighbour | None, named: set[str]) -> str:
    """A figure stated in a sentence or a list item: that unit, not its whole list; a step
    asked for ("at which level") named by its heading first; a sentence cut by a page
    break with its end; a lead-in with the list it announces ("It defines five maturity
    levels:" and the five), never alone."""
    block = with_context([unit], neighbour)[0] if announces(unit) else [unit]
    if len(block) > 1:
        return render([block], question, cites)
    end = continued(unit, neighbour)
    return (_stated(unit, question, cites, named) if end is None
            else sentences([unit, end], cites))


def _stated(unit: Evidence, question: Question, cites: CitationList, named: set[str]) -> str:
    heading = heading_number(question, unit)
    quoted = f"{unit.text} [{cites.cite(unit)}]"
    if heading is None or NUMBER.search(unit.text) or heading in named:
        return quoted
    named.add(heading)
    return f"{heading} [{cites.cite_heading(unit.chunk, heading)}]: {quoted}"


def _defined_by(unit: Evidence, term: str, cites: CitationList,
                neighbour: Neighbour | None) -> str:
    """The defining sentence, with the sentence after it when that one goes on about the
    term ("... learns a set of operations. This is often used to automate repetitive
    tasks"), or with the list it announces."""
    named = re.split(r":|\s[–—-]\s", unit.text, maxsplit=1)
    if unit.kind == "item" and len(named) == 2 and len(named[0].split()) <= 5 and _names_term(
            term, named[0]):
        return f"{unit.text} [{cites.cite(unit)}]"  # "4. Connected: ..." defines Connected
    if unit.kind == "item":
        heading = (unit.chunk.section or "").split(" > ")[-1]
        lead = ""
        label, _, name = heading.partition(":")
        if not unit.header and name.strip() and _names_term(term_head(term), label):
            # Under "New Sub-stage: Smart Government", the heading names what is defined.
            lead = f"{heading} [{cites.cite_heading(unit.chunk, heading)}]\n\n"
        return lead + render_list(whole_list(unit, neighbour), cites)  # "An open standard is"
    nxt = following(unit)
    if nxt is not None and announces(unit) and nxt.kind == "item":
        items = whole_list(nxt, neighbour)
        if items[0].header and unit.text in items[0].header:
            return render_list(items, cites)  # the list's lead-in is this sentence
        return f"{unit.text} [{cites.cite(unit)}]\n\n{render_list(items, cites)}"
    end = continued(unit, neighbour)
    if end is not None:
        return sentences([unit, end], cites)  # the definition a page break cut, whole
    if nxt is None or nxt.kind != "sentence" or (
            heads_entry(term, unit.text) and entry_head(nxt.text) is not None):
        # The next entry of a glossary defines another term ("Level 2 ...").
        return f"{unit.text} [{cites.cite(unit)}]"
    opening = set(terms(" ".join(nxt.text.split()[:4])))
    if not (GOES_ON.match(nxt.text) or opening & set(terms(term))):
        return f"{unit.text} [{cites.cite(unit)}]"
    after = following(nxt)
    if announces(nxt) and after is not None and after.kind == "item":
        # "... asking whether 'core' information is provided." / "The 'core' information
        # includes:": a lead-in is never quoted without the items it announces; a list
        # whose lead-in holds both sentences says the first itself.
        items = whole_list(after, neighbour)
        if items[0].header and unit.text in items[0].header:
            return render_list(items, cites)
        text = f"{unit.text} [{cites.cite(unit)}]"
        return f"{text} {_defined_by(nxt, term, cites, neighbour)}"
    return f"{unit.text} [{cites.cite(unit)}] {nxt.text} [{cites.cite(nxt)}]"


def _names_term(term: str, text: str) -> bool:
    return re.search(rf"(?<!\w){term_pattern(term)}(?!\w)", text, re.IGNORECASE) is not None


def compose_across(gathered: Sequence[Evidence], cites: CitationList) -> str:
    """Each country whose passage says what was asked, named before its quote, in document
    order ("- Egypt: ... [1]"). The names lead their lines rather than a summary sentence:
    a sentence "Egypt and Nigeria say so" is not in any quote, so no citation supports it."""
    lines = [f"{owner(u)}: {u.text} [{cites.cite(u)}]" for u in gathered]
    return lines[0] if len(lines) == 1 else "\n".join(f"- {line}" for line in lines)
