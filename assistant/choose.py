"""Which units an answer quotes, out of the selection: the best and the close seconds, one
quote per distinct text and no translated twin; for "who ...?", the passages naming someone;
one list only, where a sentence naming three things or more is a list in prose; and the close
seconds a passage quoted whole leaves out."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import PurePosixPath

from assistant.evidence import Evidence, following, siblings, units
from assistant.headings import Neighbour
from assistant.measures import asks_figure
from assistant.passages import with_context
from assistant.people_lines import PERSON
from assistant.rows import frames
from assistant.select import Scored, Selection
from assistant.settings import AnswerSettings
from assistant.text import NUMBER, numbers, terms
from assistant.understand import Question
from assistant.vocabulary import spelled_numbers, vocabulary

# Two quotes sharing this share of their content terms say the same thing.
_SAME_SHARE = 0.8
# Past ``max_units``, a unit of the best one's document all but tied with it (this share of
# its support) is still quoted, up to _MOST_TIED quotes: which of a tie the question meant
# the scores cannot tell, and a fourth quote costs less than the fact it may hold (a user's
# synonym scores every candidate alike).
TIED, _MOST_TIED = 0.92, 5


def choose(selection: Selection, config: AnswerSettings, most: int | None = None, *,
           floor: float | None = None, owner: Callable[[Evidence], str] | None = None,
           ) -> list[Scored]:
    """The best units and the close seconds (past ``max_units``, those of its document all
    but tied with the best), one quote per distinct text, and below the close seconds those
    of the best one's passage naming a question term no quote before them names. ``floor``:
    the least score kept (a close second's by default); ``owner``: whose example a unit is,
    one unit per owner (a prompt per country)."""
    least = config.keep_ratio * selection.best if floor is None else floor
    # The cut is relative to the best unit, which shares most of the question's words; a
    # unit answering another part of it ("... and which year?") shares fewer, so it scores
    # lower for answering less of the question, not for answering it worse.
    complement = min(least, config.complement_ratio * selection.best) if floor is None else least
    chosen: list[Scored] = []
    owners: set[str] = set()
    limit = most or config.max_units
    for scored in selection.scored:
        if scored.score < complement or len(chosen) >= limit and (
                most or len(chosen) >= _MOST_TIED or scored.score < TIED * selection.best):
            break
        if scored.score < least and (scored.unit.chunk.id != chosen[0].unit.chunk.id or not (
                adds_question_terms(selection.question, scored.unit, [c.unit for c in chosen]))):
            # Another passage's weaker unit naming a question term is an aside more often
            # than the other part's answer (measured: precision fell, few facts came), and
            # the best unit may answer that part without its word (a row's "Inputs" cell
            # for "what resources").
            continue
        if owner is not None and owner(scored.unit) in owners:
            continue
        if len(chosen) >= limit and (
                scored.unit.chunk.source != chosen[0].unit.chunk.source or scored.unit.kind
                == "row" and not frames(scored.unit, selection.question)):
            # A tie in another document is another document's answer; a table's row that
            # holds nothing the question names ties on the header every row repeats.
            continue
        if any(near_duplicate(scored.unit.text, c.unit.text) for c in chosen):
            continue  # the same sentence printed twice (a summary page and its chapter)
        if chosen and other_language(selection.question, scored.unit):
            continue  # a translated twin of what is quoted adds nothing the reader can read
        if owner is not None:
            owners.add(owner(scored.unit))
        chosen.append(scored)
    return chosen


def without_asides(question: Question, chosen: list[Scored]) -> list[Scored]:
    """The chosen units less the close seconds printed on another page that name no question
    term and state no figure the quotes before them lack: a neighbouring page's lead
    sentence or aside scores close on the same words and adds nothing asked. A table row
    stays: its cells are figures. So does a second saying what a quote says with other
    figures: two sources (or editions) disagreeing is what a reader must see."""
    kept = chosen[:1]
    one = asks_one_thing(question)
    for scored in chosen[1:]:
        if one and scored.unit.kind != "row" and elsewhere(scored.unit, chosen[0].unit) and (
                scored.score < TIED * chosen[0].score):
            continue  # "which toy ...?": one thing asked, which the best quote names
        if scored.unit.kind == "row" or not elsewhere(scored.unit, chosen[0].unit) or (
                adds_to(question, scored, [s.unit for s in kept])):
            kept.append(scored)
    return kept


def adds_to(question: Question, scored: Scored, quoted: Sequence[Evidence]) -> bool:
    """Whether a close second adds to the quotes something asked: a question term they do
    not name, a figure of a kind they state none of (when figures are asked, or when it
    names every word of the question), or what a quote says with other figures."""
    unit = scored.unit
    return adds_question_terms(question, unit, quoted) or (
        figures_asked(question) or scored.lexical >= _WHOLE) and adds_figures(
        unit, quoted) or restates_otherwise(unit, quoted)


def figures_asked(question: Question) -> bool:
    """Whether a question asks for a figure or a time ("when", "how long", "which year",
    a figure word: data/answers.json "figures_asked" and ``measures.asks_figure``): only
    then is another page's year or count by itself a fact asked for. "Whose know-how does
    the training draw on?" is not answered by the next slide's "Dec 2013: Workshop ... for
    the next three years", which shares its words and adds only a date."""
    return question.kind == "figure" or bool(question.years) or asks_figure(
        question.text) or any(p.search(question.text) for p in _FIGURES_ASKED)


_FIGURES_ASKED = tuple(re.compile(p, re.IGNORECASE)
                       for p in vocabulary()["figures_asked"]["patterns"])
# A second holding every topic word of the question answers it by itself ("anyone mention
# blockchain?": another passage naming it), whatever figures it adds.
_WHOLE = 0.999


def asks_one_thing(question: Question) -> bool:
    """Whether a question asks for one thing ("which toy does ...", "how often ...", "when
    ..."), by its opening words (data/answers.json "one_thing_asked"), and asks nothing
    more after an "and" or a second question mark."""
    return bool(_ONE_THING.search(question.text)) and not asks_more(question)


def asks_more(question: Question) -> bool:
    """Whether a question asks a second thing: after an "and" ("... and what does it offer
    instead?") or a second question mark."""
    return question.text.count("?") > 1 or bool(_SECOND_ASK.search(question.text))


_ONE_THING = re.compile(r"(?:^|[,;:\-–]\s*)\W*(?:" + "|".join(
    vocabulary()["one_thing_asked"]["patterns"]) + ")", re.IGNORECASE)
_SECOND_ASK = re.compile(vocabulary()["one_thing_asked"]["second_ask"], re.IGNORECASE)


def restates_otherwise(unit: Evidence, quoted: Sequence[Evidence]) -> bool:
    """Whether a unit says what a quoted unit says, but with other figures ("publishes 999
    open data sets" beside "publishes 310 open data sets")."""
    own = figures(unit)
    bare = _without_figures(unit.text)
    return bool(own) and any(
        own != figures(u) and near_duplicate(bare, _without_figures(u.text))
        for u in quoted)


# A number spelled out is a figure too ("with five response options" beside "with three
# response options").
_SPELLED = re.compile(rf"\b(?:{spelled_numbers()})\b", re.IGNORECASE)


def _without_figures(text: str) -> str:
    """A text less its numbers, in digits or spelled out: what it says of them."""
    return _SPELLED.sub(" ", NUMBER.sub(" ", text))


def elsewhere(unit: Evidence, first: Evidence) -> bool:
    """Whether a unit sits in another document, or on another page of the same one."""
    return (unit.chunk.source, unit.chunk.page) != (first.chunk.source, first.chunk.page)


def adds_question_terms(question: Question, unit: Evidence, quoted: Sequence[Evidence]) -> bool:
    """Whether a unit, or the sentence after it that a quote may bring ("... showed that
    many countries ..." before "Some of the new approaches include ..."), names a question
    term none of the quoted units names; five-letter prefixes match, as in the selection.
    A name the quotes' citations already give is none: "OBS" asked of the OBS questionnaire,
    which nearly every page of it prints. Nor is a word of a cross-reference: "(see
    Question EBP-2)" points elsewhere, it says nothing about questions."""
    # A quoted row names what its caption and header name ("EGDI Group"): its quote shows them.
    named = {t[:5] for u in quoted for t in terms(u.quote)} | cited_names(question, quoted)
    after = following(unit)
    said = _CROSS_REFERENCE.sub(" ", f"{unit.text} {after.text if after else ''}")
    own = {t[:5] for t in terms(said)}
    return any(t[:5] in own and t[:5] not in named for t in question.topic)


_CROSS_REFERENCE = re.compile(r"\((?:see|cf\.)\s[^()]*\)", re.IGNORECASE)


# A word capitalised past the question's first ("OBS", "V-Dem", "Rule of Law Index"): a name.
_NAME = re.compile(r"(?<=\s)[\w-]*[A-Z][\w-]*")


def cited_names(question: Question, quoted: Sequence[Evidence]) -> set[str]:
    """The names in the question that the quoted units' documents carry in their title, file
    name or publisher, as five-letter prefixes: a citation gives them. Only names: a title's
    common words ("New Approaches to E-Government") are what its passages are about."""
    names = {t[:5] for name in _NAME.findall(question.text) for t in terms(name)}
    carried = {t[:5] for u in quoted for t in terms(document_name(u))}
    return names & carried


def document_name(unit: Evidence) -> str:
    """What names a unit's document: its title, file name and publisher."""
    chunk = unit.chunk
    return f"{chunk.document} {PurePosixPath(chunk.source).stem} {chunk.publisher or ''}"


def adds_figures(unit: Evidence, quoted: Sequence[Evidence]) -> bool:
    """Whether a unit states a figure of a kind (a year, a quantity) the quoted units state
    none of: a fact they lack. Beside quotes giving their own quantities ("'a' receives
    100, 'b' receives 0"), another page's ("an additional 83 questions") is another fact
    than the one asked; beside "Croatia: 2007", so is another page's "2012: Romania"."""
    stated = {_is_year(n) for u in quoted for n in figures(u)}
    return any(_is_year(n) not in stated for n in figures(unit))


def _is_year(figure: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d", figure))


# What is no figure, though a number: a numbered step ("... the final rankings. 8. The data
# was ..."), a label's number ("Level 2", "Form 3").
_STEP = re.compile(r"(?:^|(?<=[.:;])\s)\d{1,2}\.\s+(?=[A-Z])")
_LABEL = re.compile(r"\b([A-Z][a-z]{2,}) \d{1,2}\b(?![.,]\d)")


def figures(unit: Evidence) -> set[str]:
    """The numbers a unit states as printed with what frames it (a row's caption gives its
    year), less the codes ("EBP-2"), footnote marks, step and label numbers and
    cross-references ("see Question 2") among them."""
    text = _LABEL.sub(r"\1", _STEP.sub(" ", _CROSS_REFERENCE.sub(" ", unit.quote)))
    return set(numbers(text))


def near_duplicate(first: str, second: str) -> bool:
    """The same text, or nearly: four in five of their content terms shared."""
    a, b = set(terms(first)), set(terms(second))
    return first == second or (bool(a | b) and len(a & b) >= _SAME_SHARE * len(a | b))


def other_language(question: Question, unit: Evidence) -> bool:
    return bool(question.language) and unit.chunk.language not in ("", question.language)


def who(selection: Selection, chosen: list[Evidence], config: AnswerSettings) -> list[Evidence]:
    """What answers "who ...?": the passages naming someone (the rest add no name), those
    whose line and session cover most of the question (the rarer words count more): of
    "Moderator: Mr. A" under "The Way Forward" and "Moderator: Ms. B" under "Session 3",
    "who moderated the way forward session" gets A, "who gave the opening remarks" every
    speaker of that session. A passage covering more of the question than any of them
    ("UN DESA, through its DPIDG, organized the workshop" for "who organised the
    workshop", against a speaker from UN DESA) answers instead."""
    lexical = {id(s.unit): s.lexical for s in selection.scored}
    score = {id(s.unit): s.score for s in selection.scored}
    named = [u for u in chosen if PERSON.search(u.text)]
    if not named:
        return chosen
    best = max(lexical.get(id(u), 0.0) for u in named)
    unnamed = [u for u in chosen if not PERSON.search(u.text)]
    if any(lexical.get(id(u), 0.0) > best and score.get(id(u), 0.0) > score.get(id(n), 0.0)
           for u in unnamed for n in named):
        # Not one the named passages outscore with their preference for a name: "who
        # wrapped up" is "Mr. A and Ms. B" under the closing session, though the
        # conclusions' "coming to an end" holds more of its words.
        return unnamed
    # The places the unnamed passages leave go to the next people close enough: the second
    # speaker of the opening remarks.
    close = [s.unit for s in selection.scored if s.score >= config.keep_ratio * selection.best
             and s.unit not in named and PERSON.search(s.unit.text)]
    people = [u for u in [*named, *close] if lexical.get(id(u), 0.0) >= best]
    return same_role_placed(selection.question, people)[: config.max_units]


# A line naming someone by a role label ("Moderator: Ms. A ..."): the label.
_ROLE = re.compile(r"^\W*([A-Z][\w -]{2,30}?):\s")


def same_role_placed(question: Question, people: list[Evidence]) -> list[Evidence]:
    """Of lines naming people by the same role ("Moderator: Ms. A", "Moderator: Mr. B"),
    which tie on the question's words, those printed under what the question names: a
    programme prints each session's title and day above its moderator, not on the line
    ("who moderated session 3 on 16 march": the line after "16 March ..." and "Session 3:
    ..."). The lines printed before each, back to the line before it with the same label,
    holding the most of the question's words and numbers; all of them when none holds
    more than the others."""
    roles = {(_ROLE.match(u.text) or _NO_ROLE)[1] for u in people}
    if len(people) < 2 or len(roles) != 1 or "" in roles:
        return people
    asked = {t[:5] for t in terms(question.text)} | set(numbers(question.text))
    role = next(iter(roles))
    held = [len(asked & _placed_under(u, role)) for u in people]
    most = max(held)
    if most == 0 or held.count(most) == len(held):
        return people
    return [u for u, n in zip(people, held, strict=True) if n == most]


_NO_ROLE = ("", "")


def _placed_under(unit: Evidence, role: str) -> set[str]:
    """The words and numbers printed before a unit in its passage, back to the previous
    line with the same role label."""
    before: list[str] = []
    for other in units(unit.chunk):
        if other == unit:
            break
        label = _ROLE.match(other.text)
        before = [] if label and label[1] == role else [*before, other.text]
    text = " ".join(before)
    return {t[:5] for t in terms(text)} | set(numbers(text))


def one_list(blocks: list[list[Evidence]]) -> list[list[Evidence]]:
    """The blocks without any list after the first, or from another document than the
    first block's: a list quoted whole is another passage's answer stitched on, not more of
    this one. A sentence naming things ("capability centers such as A, B, C and D") is a
    list in prose."""
    kept: list[list[Evidence]] = []
    listed = False
    for block in blocks:
        is_list = any(u.kind == "item" for u in block)
        elsewhere = bool(kept) and block[0].chunk.source != kept[0][0].chunk.source
        if not (is_list and (listed or elsewhere)):
            kept.append(block)
        listed = listed or is_list or any(names_things(u) for u in block)
    return kept


# What introduces the things a sentence names: a colon, "such as", "including" (the rest
# of its sentence, not the next one's: a unit may hold two, and "should include information
# collected ... provider. In addition, ... the legal framework, personnel and ICT" names
# nothing), or brackets (what they hold).
_NAMING = re.compile(r"(?::|\bsuch as\b|\binclud(?:e|es|ing)\b)(.+?)(?:[.!?](?=\s+[A-Z])|$)"
                     r"|\(([^()]+)\)", re.IGNORECASE)
_NAMED_THINGS = 3


def names_things(unit: Evidence) -> bool:
    """Whether a sentence names three things or more after a colon, "such as" or
    "including", or in brackets ("... aligned with the Principles: Effectiveness,
    Accountability and Inclusiveness", "by type (Basic, Economy and Infrastructure)")."""
    if unit.kind != "sentence":
        return False
    for found in _NAMING.finditer(unit.text):
        named = found.group(1) or found.group(2)
        # A comma or semicolon parts them: "and" alone also joins the words of one name
        # ("the Ministry for Economic Cooperation and Development").
        things = [p for p in re.split(r",|;|\band\b", named) if p.strip(" .")]
        if len(things) >= _NAMED_THINGS and re.search(r"[,;]", named):
            return True
    return False


def besides(close: Sequence[Evidence], blocks: list[list[Evidence]],
            neighbour: Neighbour | None) -> list[list[Evidence]]:
    """Blocks for close seconds the blocks do not quote: an item of another passage by
    itself (one block per list, under its lead-in), not its whole list, which is that
    passage's answer; another list of a quoted passage whole (the slide's second list);
    anything else with its context."""
    taken = {u for block in blocks for u in block}
    quoted = {u.chunk.id for u in taken}
    # A line repeating one quoted (a title the quoted list's lead-in repeats) adds nothing.
    said = [text for u in taken for text in (u.text, u.header) if text]
    left = [u for u in close if u not in taken
            and not any(near_duplicate(u.text, text) for text in said)]
    lists: dict[tuple[str, int], list[Evidence]] = {}
    for unit in left:
        if unit.kind == "item":
            lists.setdefault((unit.chunk.id, unit.group), []).append(unit)
    # A quoted passage's other list whole; not one some of whose items are quoted already
    # (a list the parser split in two groups under one lead-in: quoted, its rest is
    # another question's items).
    lists = {key: siblings(items[0]) if key[0] in quoted
             else sorted(items, key=lambda u: u.position)  # as printed, not by score
             for key, items in lists.items()}
    return [*(items for items in lists.values() if not taken.intersection(items)),
            *with_context([u for u in left if u.kind != "item"], neighbour)]
