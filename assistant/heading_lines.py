"""Lines printed as headings that still answer (part of the select stage's admissibility,
admissible.py): a heading alone frames the lines under it and answers nothing, unless it is
the name asked, one of a run of lines listed under a label the question asks by, the whole
of its section, or a sentence that states something ("Three Main Criteria are Same").
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.evidence import Evidence, units
from assistant.text import is_title, terms
from assistant.understand import Question
from assistant.vocabulary import vocabulary

# A heading of at most this many words names what the labels listed under it are.
_LABEL_HEADING_WORDS = 4
# A line of a list printed without bullets has at most this many words (``_listed_line``).
_RUN_LINE_WORDS = 6
# A question asking what something is called (data/answers.json "name_asked"), and how
# many of its words a title must hold to be the name asked (``title_asked``).
_NAME_ASKED = re.compile("|".join(vocabulary()["name_asked"]["patterns"]), re.IGNORECASE)
_TITLE_WORDS_ASKED = 2


def title_asked(question: Question, unit: Evidence) -> bool:
    """Whether a question asks what something is called (data/answers.json "name_asked")
    and a line printed as a title holds at least two of the words it asks by: "Comprehensive
    Network Lace Interpretation of Connections in e-Governance" is what the deck calls its
    interpretation of the connections."""
    return bool(_NAME_ASKED.search(question.text)) and len(
        set(terms(unit.text)) & set(question.topic)) >= _TITLE_WORDS_ASKED


def under_heading_asked(question: Question, unit: Evidence) -> bool:
    """Whether the unit's own heading, a short one, names a term the question asks about."""
    heading = (unit.chunk.section or "").split(" > ")[-1]
    return len(heading.split()) <= _LABEL_HEADING_WORDS and bool(
        set(terms(heading)) & set(question.topic))


def under_label_asked(question: Question, unit: Evidence) -> bool:
    """Whether a short line is one of a run of short lines printed under a label line the
    question asks by: a slide's or a table's list without bullets ("Activities" /
    "Needs Assessments" / "Strategy formulation": which activities; "Code Value" / "NR
    Number of persons (headcount)" / "PC Percent of total": what the codes stand for).
    Each line looks like a heading, but the label above names what they are: its values."""
    run = units(unit.chunk)
    if unit not in run:
        return False
    at = run.index(unit)
    # The word asking is the label's, not the line's: a title over a title ("Open
    # Government Structure" / "Open Government as a Manifold") repeats the words asked.
    asked = set(question.topic) - set(terms(unit.text))
    for place in range(at - 1, -1, -1):
        above = run[place]
        if not _listed_line(above):
            return False  # the run of short lines ends before any label asked
        if len(above.text.split()) <= _LABEL_HEADING_WORDS and set(terms(above.text)) & asked:
            # A list: another line under the label beside this one.
            return at - place > 1 or at + 1 < len(run) and _listed_line(run[at + 1])
    return False


def _listed_line(unit: Evidence) -> bool:
    """A line of a few words with no sentence's ending: a label or a list's line."""
    text = unit.text.rstrip()
    return unit.kind == "sentence" and len(text.split()) <= _RUN_LINE_WORDS and not text.endswith(
        (".", "!", "?", ";"))


def alone_under_heading(unit: Evidence) -> bool:
    """Whether a short line is all a document's section says ("Timeline" > "To be
    developed"): the heading's value, not a heading, which frames lines under it. A slide's
    lone line, or one in Title Case, is a title."""
    chunk = unit.chunk
    section = " ".join((chunk.section or "").split()).lower()
    return (bool(section) and chunk.doc_type != "presentation" and len(units(chunk)) == 1
            and not is_title(unit.text) and " ".join(unit.text.split()).lower() not in section)


@lru_cache(maxsize=1)
def _statement_verbs() -> re.Pattern[str]:
    """A finite verb after a heading's first word (data/answers.json "heading_statements")."""
    verbs = "|".join(vocabulary()["heading_statements"]["verbs"])
    return re.compile(rf"^\S+(?:\s+\S+)*?\s+(?:{verbs})\s+\S", re.IGNORECASE)


def states_as_sentence(text: str) -> bool:
    """Whether a line printed as a heading is a sentence stating something: a finite verb
    after its subject, with words after it ("Three Main Criteria are Same", "Open Data
    Becomes a Criterion"), not a title naming a thing ("Levels of Maturity") nor a question
    ("What is e-Government?")."""
    return not text.rstrip().endswith("?") and bool(_statement_verbs().search(text))
