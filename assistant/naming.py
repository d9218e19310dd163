"""What a unit names: a defined term, a role, its heading, a list item's label, a table
row's entity cell, an index. The evidence stage admits and prefers units by these; the
composers use the same tests to frame what they quote.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.countries import without_countries
from assistant.evidence import Evidence, opens_line, units
from assistant.text import NUMBER, STOPWORDS, is_title, terms, whole_word, words
from assistant.types import Chunk
from assistant.understand import Question
from assistant.vocabulary import ASKING_TERMS, vocabulary

# The share of a defined term's words a unit must name to define it (two of "open data
# standard" in "an open standard is ...").
_DEFINED_SHARE = 2 / 3
# A field's label ("Duration", "Implementation Phase") is this short at most.
_FIELD_WORDS = 3
# A subsection's number ("3.3", "2.1.4") opening a line, then its title's first word; a
# list item numbers with one level ("1.", "2)"), so it never matches.
_SUBSECTION_NUMBER = re.compile(r"\s*(?P<chapter>\d{1,2})(?:\.\d{1,2})+\.?\s+[A-Z]")
_SECTION_NUMBER = re.compile(r"\s*(\d{1,2})\b")
# A slide's opening line of at most this many words is its title.
_MOST_TITLE_WORDS = 8


def found_terms(unit: Evidence, expansions: dict[str, str]) -> frozenset[str]:
    """The terms of a unit and what frames it, abbreviations the corpus spells out with
    their expansion. The document's title and file name count as context: "the PAYE in the
    ISORA survey" names the document with "ISORA", which its glossary entry need not
    repeat."""
    context = unit.context
    spelled = [t for acronym, expansion in expansions.items()
               if acronym in context and whole_word(acronym).search(context)
               for t in terms(expansion)]
    # Without expansions, the unit's own (remembered) set itself: what is derived from it
    # (select.coverage's prefixes) is remembered with it.
    return _own_terms(unit).union(spelled) if spelled else _own_terms(unit)


# Every question scores the units of the passages it retrieved, often the same ones.
@lru_cache(maxsize=20000)
def _own_terms(unit: Evidence) -> frozenset[str]:
    """The terms of a unit, what frames it, its document's title and its file's name."""
    # The file's name is the document's name too ("EIGE_2023_metadata.pdf").
    name = re.sub(r"[_.]+", " ", unit.chunk.source.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    return frozenset(terms(f"{unit.context} {unit.chunk.document} {name}"))


_ROLE_WORDS: dict[str, list[str]] = {
    w: others for w, others in vocabulary()["role_words"].items() if not w.startswith("_")}


def names_role(role: str, unit: Evidence, expansions: dict[str, str]) -> bool:
    """Whether a unit names the role a who-question asks about (every word of it, but one
    of four or more, in the unit or what frames it), and says more than the role. Words,
    not stems: "manager" is not "management"."""
    def singular(text: str) -> set[str]:
        return {w.rstrip("s") for w in words(text) if w not in STOPWORDS}

    wanted = singular(role)
    where = f"{unit.context} {unit.chunk.document} " + " ".join(
        expansion for acronym, expansion in expansions.items() if acronym in unit.context)
    present = singular(where)
    # A role is printed in other words too: a runner-up as "2nd place" (data "role_words").
    said = where.lower()
    found = sum(w in present or any(whole_word(other).search(said)
                                    for other in _ROLE_WORDS.get(w, ())) for w in wanted)
    # The role alone ("- Project Manager" in a team list) names nobody in it.
    return found >= len(wanted) - (1 if len(wanted) >= 4 else 0) and bool(
        singular(unit.text) - wanted)


def names_defined(term: str, unit: Evidence, expansions: dict[str, str]) -> bool:
    """Whether a unit names the term a definition question asks about (most of its words,
    or an abbreviation's expansion): what never names a Citizens Budget cannot define it."""
    if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", unit.context, re.IGNORECASE):
        return True
    found = found_terms(unit, expansions)
    head = term_head(term)  # the words before "of" name it
    spelled = [e for a, e in expansions.items() if a.lower() == term.lower()]
    return any(
        words and len(words & found) >= _DEFINED_SHARE * len(words)
        for words in (set(terms(t)) - ASKING_TERMS for t in [head, *spelled])
    )


# A glossary entry's head: the words before its colon or spaced dash ("Level 1
# administrators: all ...", "the map of the current situation (the "as is" version) – ...").
_ENTRY_HEAD = re.compile(r"^\W*(?P<head>[^:–—]{1,100}?)(?::|\s[–—-])\s")
_ENTRY_HEAD_WORDS = 12


def entry_head(text: str) -> str | None:
    """The head of a glossary entry (the term it defines), if the text is one."""
    match = _ENTRY_HEAD.match(text)
    if match is None or len(match["head"].split()) > _ENTRY_HEAD_WORDS:
        return None
    return str(match["head"])


def heads_entry(term: str, text: str) -> bool:
    """Whether a text is the glossary entry of a term: its head, before a colon or a dash,
    names most of the term's words, in any order (a translated glossary may turn them)."""
    head = entry_head(text)
    wanted = set(terms(term)) - ASKING_TERMS
    return head is not None and bool(wanted) and (
        len(wanted & set(terms(head))) >= _DEFINED_SHARE * len(wanted))


def cell_named(question: str, row: Evidence) -> bool:
    """Whether the question names one of the row's text cells as a whole phrase ("lagos"
    for the row whose City is Lagos), a cell whose value no other row of its table repeats
    (an entity, not a group such as "High")."""
    asked = question.lower()
    return any(pattern.search(asked) for pattern in _entity_cells(row))


# Every question that reaches a table asks about each of its rows: a row's own cells are
# found once.
@lru_cache(maxsize=20000)
def _entity_cells(row: Evidence) -> tuple[re.Pattern[str], ...]:
    """A pattern for each of the row's text cells that no other row of its table repeats,
    finding the cell's value as a whole phrase in lower-case text."""
    others = [u for u in units(row.chunk) if u.kind == "row" and u is not row]
    return tuple(
        re.compile(rf"(?<!\w){re.escape(value.lower())}(?!\w)")
        for column, value in row.cells.items()
        if len(value) >= 4 and re.search(r"[^\W\d_]{4}", value)
        and value.lower() not in STOPWORDS
        and not any(u.cells.get(column) == value for u in others))

def is_heading(unit: Evidence, titles: bool = True) -> bool:
    """A sentence that only repeats its section heading, or a short label without an
    ending ("Stage 4 – Connected services") or with a colon ("Action Area 3:"), is a
    heading; with ``titles``, so is a longer line in Title Case (which may also be a
    sentence cut by a page break). A title is a line of its own: the last sentence of a
    paragraph's line, cut by a page break ("Moreover, an E-Government Training Center is
    available"), is none."""
    text = " ".join(unit.text.split()).lower()
    section = " ".join((unit.chunk.section or "").split()).lower()
    if text and text in section:
        return True
    if unit.text.isupper() and len(text.split()) <= 12:
        return True  # "GUIDE TO THE OPEN BUDGET QUESTIONNAIRE:" is a title, colon or not
    if text.endswith(":"):
        return len(text.split()) <= 3  # "Action Area 3:" labels what follows, says nothing
    if text.endswith((".", "!", "?", ";")):
        return False
    label, colon, value = text.partition(":")
    if colon and len(label.split()) <= _FIELD_WORDS and NUMBER.search(value):
        return False  # "Duration: 01/2022 - 03/2025": a field states its value
    if _numbers_subsection(unit) and len(text.split()) <= 12 and opens_line(unit):
        return True  # "3.3 Identification of public services": a subsection's own title line
    # "Comprehensive Network Lace Interpretation of Connections in e-Governance": a title.
    return len(text.split()) <= 6 or (titles and is_title(unit.text) and len(text.split()) <= 12
                                      and (unit.kind != "sentence" or opens_line(unit)))


def _numbers_subsection(unit: Evidence) -> bool:
    """Whether the unit opens with a subsection number of a chapter its section path is
    in ("3.3 Identification ..." under "3 Preparation ..."): a title line the parser left
    in the text, not a figure ("2.5 Million users") that happens to open a line."""
    number = _SUBSECTION_NUMBER.match(unit.text)
    if number is None:
        return False
    chapters = {m.group(1) for part in (unit.chunk.section or "").split(" > ")
                if (m := _SECTION_NUMBER.match(part))}
    return number.group("chapter") in chapters


def heading_named(question: Question, unit: Evidence, expansions: dict[str, str],
                  least: int = 1) -> bool:
    """Whether the question names every word of the unit's own heading (at least ``least``
    of them), an abbreviation by its expansion ("OSS Aspects" for "aspects of open source
    software"), a country by its name."""
    heading = (unit.chunk.section or "").split(" > ")[-1]
    if len(set(terms(heading))) < least:
        return False
    heading, own, countries = _heading_without(heading, tuple(question.countries))
    named = set(own)
    topic = set(question.topic)
    for acronym, expansion in expansions.items():
        if acronym not in heading:
            continue  # the cheap test first: every unit of every question comes here
        # Most of the expansion will do: "open source" names OSS, Open Source Software.
        spelled = set(terms(expansion))
        if whole_word(acronym).search(heading) and spelled and (
                len(spelled & topic) >= _DEFINED_SHARE * len(spelled)):
            named -= set(terms(acronym))
    named -= countries
    # Every word named ("OSS + ODS" by both expansions), not only a country's name.
    return named <= topic and bool(own - countries)


# The units of a section share its heading, and the questions about a country its name.
@lru_cache(maxsize=8192)
def _heading_without(heading: str, countries: tuple[str, ...]
                     ) -> tuple[str, frozenset[str], frozenset[str]]:
    """A heading without the countries asked about and its terms then, and the terms of
    those countries' names. The country asked about, under whatever name the heading gives
    it ("Islamic Republic of Iran's E-Health" for "Iran's e-health"), is named by the
    question."""
    rest = without_countries(heading, countries)
    return rest, frozenset(terms(rest)), frozenset(t for c in countries for t in terms(c))


def slide_title_named(question: Question, chunk: Chunk) -> bool:
    """Whether the question names every word of the title a slide opens with ("Stage 3 –
    Transactional services" for "what characterizes the transactional services stage?"),
    its numbers aside, when the slide has more than its title and the title is most of what
    is asked ("the slide on smart government mentions UPACS ..." asks about UPACS)."""
    title, _, body = chunk.text.strip().partition("\n")
    if chunk.kind != "slide" or not body.strip() or len(title.split()) > _MOST_TITLE_WORDS:
        return False
    named = {t for t in terms(title) if not t.isdigit()}
    topic = set(question.topic)
    return len(named) >= 2 and named <= topic and 2 * len(named) >= len(topic)


def label_named(question: Question, unit: Evidence) -> bool:
    """Whether the question names every word of a list item's label ("Connected" in
    "4. Connected: Gov't websites ...", "Stage 4 – Connected services") or of a labelled
    line's ("Implementing Partners: ITU, DIAL" on a slide)."""
    words = _label_words(unit)
    return words is not None and words <= set(question.topic)


@lru_cache(maxsize=20000)
def _label_words(unit: Evidence) -> frozenset[str] | None:
    """The terms of a list item's or a line's label of at most four words, numbers aside;
    None when it has none (worked out once per unit, not per question)."""
    if unit.kind not in ("item", "sentence"):
        return None
    label = re.split(r":" if unit.kind == "sentence" else r":|\s[–—-]\s", unit.text, maxsplit=1)
    words = frozenset(t for t in terms(label[0]) if not t.isdigit())
    return words if len(label) == 2 and 0 < len(label[0].split()) <= 4 and words else None


def term_head(term: str) -> str:
    """What a defined term names before "of", "for", "in" or "on": "the new sub-stage of
    online service development" -> "the new sub-stage"."""
    return re.split(r"\s+(?:of|for|in|on)\s+", term, maxsplit=1)[0]


def term_pattern(term: str) -> str:
    """A defined term as a pattern that also matches it shortened to its head and another
    of its words ("an open standard is ..." defines the "open data standard" asked about),
    a term of two words in either order, its words joined by spaces or hyphens."""
    words = re.split(r"[\s-]+", term)
    # "once only principle" is printed "once-only principle" too.
    variants = [term] if len(words) < 3 else [term, *(f"{w} {words[-1]}" for w in words[:-1])]
    if len(words) == 2:
        # A term read word by word from a language that puts the adjective after its noun
        # ("timpul instituțional": "time institutional") is printed the other way round.
        variants.append(f"{words[1]} {words[0]}")
    # A glossary names the plural ("Level 1 administrators: ...", "quasi-fiscal activities")
    # of the term asked about.
    return "(?:" + "|".join(r"[\s-]+".join(_pluralisable(re.split(r"[\s-]+", v)))
                            for v in variants) + ")(?:e?s)?"


def _pluralisable(words: list[str]) -> list[str]:
    """A term's words as patterns, its last one's "y" after a consonant also "ie", so that
    an "s" after it spells the plural ("activity", "activities")."""
    escaped = [re.escape(w) for w in words]
    if re.search(r"[^aeiou]y$", words[-1], re.IGNORECASE):
        escaped[-1] = f"{escaped[-1][:-1]}(?:y|ie)"
    return escaped


def names_index(name: str, where: str) -> bool:
    # The name looked for as plain text first: most candidate units do not hold it at all.
    return name.lower() in where and _index_name(name).search(where) is not None


@lru_cache(maxsize=1024)  # the same few index names, for every candidate unit
def _index_name(name: str) -> re.Pattern[str]:
    # "LOSI2020" names the LOSI: a year may be written onto the name.
    return re.compile(rf"\b{re.escape(name.lower())}(?![^\W\d_])")
