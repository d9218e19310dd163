"""The things a sentence names one by one ("challenges include: (1) A; (2) B; (3) C",
"issues such as A, B and C"), each read with its lead-in: what a question about one of
them is about, where the whole sentence is about all of them."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.evidence import Evidence

# What introduces the things a sentence names: a colon, "such as", "including" (the rest
# of the sentence).
_NAMING = re.compile(r"(?::|\bsuch as\b|\binclud(?:e|es|ing)\b)(.+)$", re.IGNORECASE)
# An item's number written inline: "(1) ...; (2) ...", "1) ...", "(ii) ...".
_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))\(?(?:\d{1,2}|[ivx]{1,4})\)\s+")
_SEPARATOR = re.compile(r"[;,]")
_ARABIC = [str(n) for n in range(1, 100)]
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
_FEWEST = 2  # things: one thing named is what the sentence says
_SHORTEST = 2  # words: a piece shorter says nothing of its own ("and so on")
# A sentence's start inside a unit that runs two together ("... Kuala Lumpur. three
# cities are in ...": a lower-case start the sentence splitter kept joined).
_SENTENCE_END = re.compile(r"[.!?]\s+(?=\S)")


@lru_cache(maxsize=8192)
def named_pieces(sentence: str) -> tuple[str, ...]:
    """Each thing a sentence names in a numbered run ("(1) ...; (2) ..."), after a colon,
    "such as" or "including", or parted by commas after its first words, as "lead-in:
    thing"; nothing for a sentence naming fewer than two."""
    numbers = list(_INLINE_NUMBER.finditer(sentence))
    if len(numbers) >= _FEWEST:
        lead = sentence[:numbers[0].start()]
        bounds = [m.start() for m in numbers] + [len(sentence)]
        return _read(lead, [sentence[numbers[i].end():bounds[i + 1]]
                            for i in range(len(numbers))])
    found = _NAMING.search(sentence)
    if found is not None:
        pieces = _read(sentence[:found.start(1)], _SEPARATOR.split(found.group(1)))
        if pieces:
            return pieces
    parts = _SEPARATOR.split(sentence)
    return _read(parts[0], parts[1:]) if len(parts) > _FEWEST else ()


def things_read(unit: Evidence) -> list[str]:
    """The contexts a sentence unit's things are read by, each alone (select's
    ``_read_by_things``; embedded ahead at ingest, storecopy's ``passages_ahead``)."""
    if unit.kind != "sentence":
        return []
    return [replace(unit, text=thing).context for thing in named_pieces(unit.text)]


def numbered_things(text: str) -> tuple[str, ...]:
    """The things a text numbers inline, in their order ("(1) A, (2) B, and (3) C." -> A,
    B, C): nothing unless they are numbered one after another from 1 (or i), so that the
    place a follow-up asks for ("the third one") is the place the text gave."""
    numbers = _numbered_run(text)
    if not numbers:
        return ()
    bounds = [m.start() for m in numbers[1:]] + [len(text)]
    pieces = [text[m.end():end] for m, end in zip(numbers, bounds, strict=True)]
    pieces[-1] = _SENTENCE_END.split(pieces[-1])[0]  # the run ends with its sentence
    return tuple(re.sub(r"^(?:and|or)\s+|[\s,;.]+(?:and|or)?$", "", p.strip(" .;,"),
                        flags=re.IGNORECASE).strip() for p in pieces)


def without_enumerators(text: str) -> str:
    """The text without the numbers of an inline run it numbers from 1 (or i): "(1) Lacking
    ... in villages; (2) ..." counts no villages."""
    return _INLINE_NUMBER.sub(" ", text) if _numbered_run(text) else text


def numbered_lead(text: str) -> str | None:
    """What a text says before the inline run it numbers from 1 (or i), its lead-in; None
    when it numbers no run."""
    numbers = _numbered_run(text)
    return text[:numbers[0].start()] if numbers else None


def _numbered_run(text: str) -> list[re.Match[str]]:
    """The inline numbers of a text, when they number its things one after another from 1
    (or i); else none."""
    numbers = list(_INLINE_NUMBER.finditer(text))
    labels = [m.group().strip("() \t\n").lower() for m in numbers]
    if len(numbers) < _FEWEST or labels not in (_ARABIC[:len(labels)], _ROMAN[:len(labels)]):
        return []
    return numbers


def _read(lead: str, named: list[str]) -> tuple[str, ...]:
    """The things named, each after the lead-in ("Lead-in: thing"), when two or more."""
    things = [re.sub(r"^(?:and|or)\s+", "", t.strip(" .;,"), flags=re.IGNORECASE)
              for t in named]
    things = [t for t in things if len(t.split()) >= _SHORTEST and _says_something(t)]
    if len(things) < _FEWEST:
        return ()
    lead = _SENTENCE_END.split(lead)[-1].strip(" :,;-–")
    return tuple(f"{lead}: {t}" if lead else t for t in things)


def _says_something(thing: str) -> bool:
    """Whether a thing named says something of its own past a name: a lower-case word of
    four letters or more after its first ("Gender divide in ...", not "Jakarta and Lagos"
    nor "New Urban Services", whose meaning is their name)."""
    return any(len(w) >= 4 and w.islower() for w in thing.split()[1:])
