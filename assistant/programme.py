"""Programme and agenda lines: who does what in which session.

A workshop's programme prints its sessions as lines: a time slot with the session's title
("6AM - 7AM New York Welcome and Opening Remarks", "09:00–10:30 Panel 1"), the people with
their parts ("Moderator: Ms. Jane Roe", "Setting the scene by Mr. John Doe", "Mme Marie
Dupont") and each person's title on the next line. Such a role or name line is a statement
of who, never a heading, and quoted with its person's title and under its session it
answers "who moderated <session>" and "who gave the opening remarks". The words of roles
and the honorifics, English and French, are data (data/answers.json).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from assistant.text import terms
from assistant.vocabulary import vocabulary

__all__ = ["names_person", "names_someone", "role_named", "session_title", "time_slot"]


def _alternatives(words: list[str]) -> str:
    # Longest first, so "moderated by" wins over "moderator"; a space may be any space.
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=len, reverse=True))


_HONORIFIC = rf"(?:{_alternatives(vocabulary()['honorifics'])})(?!\w)"
# A name: capitalised words ("Jane Roe", "Ana Maria Pop"; "van der Berg" not).
_NAME = r"[A-ZÀ-Þ][\w'’.-]+(?:\s+[A-ZÀ-Þ][\w'’.-]+)+"
_PERSON = rf"(?:{_HONORIFIC}\.?\s+)+{_NAME}"
# "Moderator: Ms. Jane Roe", "Modératrice : Mme Marie Dupont", "Chaired by Dr. A. Bee",
# "Speakers: Mr. X, Ms. Y".
_ROLE_LINE = re.compile(
    rf"^\W*(?:{_alternatives(vocabulary()['programme_roles'])})\s*(?::|\s(?={_HONORIFIC}))",
    re.IGNORECASE)
# "Setting the Scene by Mr. John Doe": a part credited to a person at the line's end.
_CREDITED_LINE = re.compile(rf"\sby\s+{_PERSON}\s*$")
# "Ambassador Mr. John Doe", "Mme Marie Dupont": a line that is a name.
_PERSON_LINE = re.compile(rf"^\W*{_PERSON}\s*$")
# "6AM - 7AM", "09:00 – 10:30", "9h00-10h30", "2 p.m. to 4 p.m.": the time a session runs.
_TIME = r"\d{1,2}(?:[:.h]\d{2})?\s*(?:[ap]\.?m\.?|h(?:rs)?\.?)?"
_TIME_SLOT = re.compile(rf"^\W*{_TIME}\s*(?:[-–—]|to|à)\s*{_TIME}(?=\s|$)", re.IGNORECASE)
# A session line says more than its slot and a city: two words or more after the time.
_MOST_TITLE_WORDS = 16


def names_someone(line: str) -> bool:
    """Whether a line names a person's part or is a person's name: a role label leading
    it ("Moderator: Ms. Jane Roe"), a part credited by name ("Setting the scene by Mr.
    John Doe") or a name with its honorific alone on the line ("Mr. John Doe")."""
    text = line.strip()
    return bool(_ROLE_LINE.match(text) or _CREDITED_LINE.search(text)
                or _PERSON_LINE.match(text))


def role_named(line: str, topic: Collection[str]) -> bool | None:
    """Whether a line labelled with a role ("Moderator: Ms. Jane Roe") names the role a
    question's topic terms ask about ("whose job was it to moderate"; not "who gave the welcome
    speeches", though it is printed under that session); None: the line has no role label."""
    match = _ROLE_LINE.match(line.strip())
    return None if match is None else bool(set(terms(match.group())) & set(topic))


def names_person(text: str) -> bool:
    """Whether a text names a person by an honorific ("... by Mr. John Doe Chief, ...",
    "Ms. Jane Roe Programme Officer"): a programme's credit, wherever in the line."""
    return re.search(_PERSON, text) is not None


def time_slot(line: str) -> bool:
    """Whether a line opens with the time a session runs ("6AM - 7AM New York ...")."""
    return _TIME_SLOT.match(line.strip()) is not None


def session_title(line: str) -> bool:
    """Whether a line titles a session: its slot and what it is ("6AM - 7AM New York Welcome
    and Opening Remarks", "Session 2: Country Presentations"), not a bare slot with its city
    ("1PM - 2PM Istanbul"), a person or a person's title."""
    text = line.strip()
    if not text or names_someone(text) or len(text.split()) > _MOST_TITLE_WORDS:
        return False
    match = _TIME_SLOT.match(text)
    rest = text[match.end():] if match else text
    return len(re.findall(r"[^\W\d_]{2,}", rest)) >= 3
