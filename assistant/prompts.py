"""Discussion prompts for a workshop: each quotes a documented example (one per country or
passage) and ends in an open question, with a facilitator note; composed over the same
scored evidence as the default answer."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.choose import choose
from assistant.countries import find_countries
from assistant.declining import decline, what_is_missing
from assistant.draft import CitationList, Draft
from assistant.evidence import Evidence as Unit
from assistant.naming import is_heading
from assistant.passages import continued
from assistant.programme import names_person
from assistant.select import Scored, Selection
from assistant.understand import Question
from assistant.vocabulary import topic_terms

if TYPE_CHECKING:
    from assistant.evidence_source import Evidence

_OPEN_QUESTIONS = (
    "What would a comparable step look like in your administration, and who would need to lead it?",
    "Which conditions made this possible, and which of them exist in your country today?",
    "What risks or trade-offs would you expect if you tried this approach, and how would you "
    "manage them?",
    "How would you know whether a similar initiative is working for the people it should serve?",
    "Which partners (other agencies, the private sector, development partners) would you "
    "involve, and why?",
    "What would you do first, with the resources you have now?",
)
# Prompts when the user asks for no number: those whose examples are close to the best
# (``grounds``), at least the fewest and at most the most; the further ones only make up a
# number asked for ("the engine behind exchanging data" for open government data).
_FEWEST_PROMPTS, _MOST_PROMPTS = 3, 5


def prompts(question: Question, evidence: Evidence, n: int | None = None) -> Draft:
    """n prompts (by default as many as close examples, 3 to 5), each quoting a cited
    example (one per country or passage) and ending in an open question, and a
    facilitator note."""
    asked, n = n, n or _MOST_PROMPTS
    topic = replace(_named_topic(question), kind="general")
    hits = evidence.retrieve(topic.text, topic, k=max(12, 3 * n))
    selection = evidence.select(topic, hits)
    if not evidence.supported(selection, 0.8):
        return decline(question, what_is_missing(question, evidence.known_countries),
                       rule="prompts-low-support")
    # One example per country (or passage), with no twin as in a plain answer; each stands
    # alone, so one naming no term the others lack stays.
    examples = replace(selection, scored=grounds(selection))
    chosen = [s.unit for s in choose(
        examples, evidence.settings.answer, n, floor=0.8 * evidence.settings.answer.min_support,
        owner=lambda unit: _owner(unit) or unit.chunk.id)]
    if not chosen:
        return decline(question, what_is_missing(question, evidence.known_countries),
                       rule="prompts-no-example")
    if asked is None:
        close = {id(s.unit) for s in _grounded(selection)[0]}
        chosen = chosen[:max(_FEWEST_PROMPTS, sum(id(u) in close for u in chosen))]
    cites = CitationList()
    items = []
    for i, unit in enumerate(chosen):
        label = _owner(unit) or (unit.chunk.section or unit.chunk.document).split(" > ")[-1]
        rest = continued(unit, evidence.neighbour)
        # a sentence cut by a page break is quoted whole, one citation spanning the pages
        ref = cites.cite(unit) if rest is None else cites.cite_across(unit, rest)
        quote, refs = unit.text if rest is None else f"{unit.text} {rest.text}", f"[{ref}]"
        text = f"**{label}**: “{quote}” {refs} {_OPEN_QUESTIONS[i % len(_OPEN_QUESTIONS)]}"
        items.append({"text": text, "n": ref})
    named = [c for c in dict.fromkeys(_owner(u) for u in chosen) if c]
    note = (
        "**Facilitator note.** Each prompt starts from a documented example"
        + (f" ({', '.join(named)})" if named else "")
        + ". Ask groups to read the cited passage first, then compare it with their own "
        "administration before answering the open question."
    )
    body = "\n".join(f"{i}. {p['text']}" for i, p in enumerate(items, start=1))
    # The note guides the facilitator; it quotes no document, so it stays out of the cited
    # answer (the UI and the CLI show it beneath, set apart).
    return Draft(body, cites, extras={"prompts": items, "facilitator_note": note})


# A passage a prompt can start from states something (a position, a challenge, an example,
# a figure) of some length; one far below the best passage, by its support or by its
# meaning alone, names the topic's words in passing ("the engine behind exchanging data"
# for open government data, a slogan under an abbreviation that expands to the topic).
_GROUND_CHARS = 50
_CLOSE_SUPPORT = 0.7
_CLOSE_MEANING = 0.5


def _states(unit: Unit) -> bool:
    """Whether a group can read the unit aloud as a statement: a list item, or a sentence
    from its start (a capital, a number, a quote), not a question (a questionnaire's). A
    table row's cells ("protection |  | and stored in ..."), a caption or a piece of a line
    ("(for example health, ...).") state nothing on their own."""
    if len(unit.text) < _GROUND_CHARS or unit.text.rstrip().endswith("?"):
        return False  # too short to state anything, or a question asked, not a statement
    first = unit.text[:1]
    return unit.kind == "item" or (
        unit.kind == "sentence" and (first.isupper() or first.isdigit() or first in "\"“'‘"))


def grounds(selection: Selection) -> list[Scored]:
    """The scored units a discussion prompt may quote, in the order they are taken: no
    heading, table of contents or credit line ("Setting the Scene by Mr. A, Chief, ..."),
    and close to the best of them in meaning; those close in support too come first, the
    others only make up the number of prompts asked (a user who asks for three expects
    three when the documents state three things on the topic)."""
    close, further = _grounded(selection)
    return close + further


def _grounded(selection: Selection) -> tuple[list[Scored], list[Scored]]:
    """The units a prompt may quote close to the best one in support, and the others."""
    stated = [s for s in selection.scored if _states(s.unit)
              and not is_heading(s.unit, titles=False) and not names_person(s.unit.text)]
    if not stated:
        return [], []
    best = stated[0]
    meant = [s for s in stated if s.dense >= _CLOSE_MEANING * best.dense]
    return ([s for s in meant if s.score >= _CLOSE_SUPPORT * best.score],
            [s for s in meant if s.score < _CLOSE_SUPPORT * best.score])


_TOPIC_OPENS = re.compile(r"\b(?:on|about|regarding)\s+(?=\w)", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s[-–—]\s|[;?!]|[,.:](?:\s|$)")


def _named_topic(question: Question) -> Question:
    """What prompts asked for in a sentence are about: the words after "on" or "about"
    ("ask participants about data sharing", "questions for a panel on open standards");
    the words before name the audience or the asker, and passages about "participants" or
    "panels" are no example. A topic given alone ("relying on experts") is all topic."""
    if question.mode != "prompts":
        return question
    # It ends where the sentence goes on to something else ("resistance to change in
    # government - a couple drawing on the d8 countries").
    said = _CLAUSE_END.split(question.text)[0]
    opens = _TOPIC_OPENS.search(said)
    text = said[opens.end():].strip(" ?.:,") if opens else said
    topic = topic_terms(text, question.countries)
    if not topic:
        return question
    return replace(question, text=text, topic=topic, alternatives=tuple(
        group for group in question.alternatives if set(group) & set(topic)))


def _owner(unit: Unit) -> str | None:
    return next(iter(find_countries(unit.chunk.section or "")), None)
