"""One item of a list asked by its place: "the fourth level of stakeholders", "step 3",
"the second pillar", "the last phase".

``ordinal_asked`` reads the place and what the items are called from a question (the
understand stage); ``pick_item`` narrows a selection to the passage that is that item (the
select stage): a sentence that names it ("The fourth level of interested parties ..."),
else the item of the best list or table printed with that number ("Step 3:", "3.") or, in
an unnumbered list, at that position. ``names_other_item`` tells the admissible check that a
passage is about another numbered item than the one a question names ("Category 4" for
"category two"). The words are data/answers.json "ordinal_words",
"ordinal_words_fr_ro", "last_words", "list_parts" and "not_for_an_item".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.evidence import Evidence, siblings, units
from assistant.vocabulary import number_words, spelled_numbers, vocabulary

if TYPE_CHECKING:
    from assistant.select import Selection

LAST = -1  # the place of "the last step"


@dataclass(frozen=True)
class Ordinal:
    """The places asked (1-based, or LAST), in the question's order, and the word the
    list's items go by: "step 2 and the last step" -> (2, LAST), "step". ``printed``: the
    places given as a label ("step 2", "Action Area 2"), which an item must print; a place
    given by a word ("the second step") may also be counted in an unnumbered list."""

    places: tuple[int, ...]
    part: str
    printed: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Words:
    places: dict[str, int]
    place: str  # regex: an ordinal word, "3rd", or a last word
    part: str  # regex: an item's name, singular
    not_for_an_item: re.Pattern[str]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = vocabulary()
    places = {w: n for key in ("ordinal_words", "ordinal_words_fr_ro")
              for w, n in data[key].items() if not w.startswith("_")}
    places.update((w, LAST) for w in data["last_words"])
    words = sorted(places, key=len, reverse=True)
    place = "|".join([*map(re.escape, words), r"\d{1,2}(?:st|nd|rd|th)"])
    part = "|".join(re.escape(w) for w in data["list_parts"]["words"])
    asks_about = re.compile("|".join(data["not_for_an_item"]["patterns"]), re.IGNORECASE)
    return _Words(places, place, part, asks_about)


# The place asked ends its phrase: "step 3?", "step 2 and ...", "the fourth level of ...";
# not "level 1 administrators", a category named by a number.
# A label in brackets after what it labels ends there too ("transactional services (stage
# 3) from the slides"), not one opening a noun ("top (level 1) ministry administrators").
_END = r"(?=\)?\s*(?:$|[?,.;:!]|(?:of|in|and|for|on|to|from|du|de|des|din|al|a)\b))"


def ordinal_asked(text: str) -> Ordinal | None:
    """The items asked for by their places, if the question asks for one or two."""
    words = _words()
    if words.not_for_an_item.search(text):
        return None  # "When did the first phase begin?": about the item, not asking for it
    part = rf"(?:{words.part})"  # singular: "the first steps" are no one step
    before = rf"\b(?P<place>{words.place})\s+(?:[\w'’-]+\s+)?(?P<part>{part})\b{_END}"
    # "step 3", and with its number spelled ("at stage four, how ...")
    after = (rf"\b(?P<part2>{part})\s+(?:no\.?\s*)?(?P<place2>\d{{1,2}}|{spelled_numbers()})"
             rf"\b{_END}")
    asked: list[tuple[int, int, str]] = []  # (where, place, part)
    printed: list[int] = []
    for found in re.finditer(f"{before}|{after}", text, re.IGNORECASE):
        place = _place(found.group("place") or found.group("place2"))
        if place:
            asked.append((found.start(), place,
                          (found.group("part") or found.group("part2")).lower()))
            printed += [place] if found.group("place2") else []
    # Two labels set side by side ("level 1 and level 2 administrators", "stage 2 vs stage
    # 3") ask for both items, whatever follows the second: two numbers joined so are two
    # items compared, not a category named by a number.
    for found in re.finditer(_joined(part), text, re.IGNORECASE):
        for group in ("first", "second"):
            place = int(found.group(group))
            asked.append((found.start(group), place, found.group("part3").lower()))
            printed.append(place)
    asked.sort()
    if not asked or len({p for _, _, p in asked}) > 1:
        return None  # "the second pillar's third step": not one list
    return Ordinal(tuple(dict.fromkeys(p for _, p, _ in asked)), asked[0][2],
                   tuple(dict.fromkeys(printed)))


def _joined(part: str) -> str:
    """Two numbered labels of one part side by side: "level 1 and level 2", "stage 2 vs
    stage 3", "steps 2 or 3"."""
    return (rf"\b(?P<part3>{part})s?\s+(?:no\.?\s*)?(?P<first>\d{{1,2}})\s+"
            rf"(?:and|or|vs\.?|versus|&)\s+(?:(?P=part3)\s+(?:no\.?\s*)?)?(?P<second>\d{{1,2}})\b")


def _place(said: str) -> int | None:
    said = said.lower()
    if said[:1].isdigit():
        return int(re.match(r"\d+", said).group())  # type: ignore[union-attr]
    return _words().places.get(said) or number_words().get(said)


def stated_places(text: str, part: str) -> set[int]:
    """The places of the items a passage names ("the third level" -> {3}, "Step 2:" -> {2})."""
    return set(_places_in_order(text, part))


def _places_in_order(text: str, part: str) -> list[int]:
    """The places of the items a text names, in the order printed."""
    words = _words()
    name = rf"{re.escape(part)}(?:e?s)?"
    found = [(m.start(), _place(m.group(1))) for m in re.finditer(
        rf"\b({words.place})\s+(?:[\w'’-]+\s+)?{name}\b", text, re.IGNORECASE)]
    found += [(m.start(), int(m.group(1))) for m in re.finditer(
        rf"\b{name}\s+(?:no\.?\s*)?(\d{{1,2}})\b", text, re.IGNORECASE)]
    return [p for _, p in sorted(found) if p]


# A span of numbered items: "Questions 25 through 30", "steps 2-4".
_SPAN = r"\s*(?:-|–|—|through|to)\s*(\d{1,2})\b"


def _places_spanned(text: str, part: str) -> set[int]:
    """The places of the items a text names, every place of a span it names included
    ("Questions 25 through 30 cover the same topics": 25 to 30, not 25 alone)."""
    name = rf"{re.escape(part)}(?:e?s)?"
    spans = re.finditer(rf"\b{name}\s+(?:no\.?\s*)?(\d{{1,2}}){_SPAN}", text, re.IGNORECASE)
    return stated_places(text, part).union(*(
        range(int(m.group(1)), int(m.group(2)) + 1) for m in spans
        if int(m.group(1)) < int(m.group(2))))


# A label the text sends the reader to ("Refer to Question 13 for details on ...") is
# another item's, not the one the lines after it belong to.
_POINTED = re.compile(r"\b(?:see|refer(?:s|ring)?\s+to|cf\.)\s+(?:also\s+)?(?:the\s+)?"
                      r"[^\W\d_]+\s+(?:no\.?\s*)?\d{1,2}\b", re.IGNORECASE)


def _label_above(part: str, above: str, titles: str) -> set[int]:
    """The item a passage printing no label of its own belongs to: the label printed
    nearest above it, in its passage ("Stage 2 – Enhanced information services" over "The
    sites have audio and video capabilities") or on the title slides before it ("Stage 4 –
    Connected services", the slide before the one describing that stage; nearest first)."""
    own = _places_in_order(_POINTED.sub(" ", above), part)
    if own:
        return {own[-1]}
    for title in titles.splitlines():
        printed = _places_in_order(title, part)
        if printed:
            return {printed[0]}
    return set()


@lru_cache(maxsize=256)
def labels_asked(text: str) -> tuple[tuple[str, int], ...]:
    """The numbered labels a question names, as a part and its number: "korea's category
    two result" -> (("category", 2),), "step 3" -> (("step", 3),)."""
    spelled = number_words()
    number = rf"\d{{1,2}}|{spelled_numbers()}"
    return tuple(
        (found.group(1).lower(), spelled.get(found.group(2).lower()) or int(found.group(2)))
        for found in re.finditer(rf"\b({_words().part})\s+(?:no\.?\s*)?({number})\b", text,
                                 re.IGNORECASE))


def names_other_item(question: str, text: str, above: str = "", titles: str = "") -> bool:
    """Whether a passage is about other items of a list than the numbered ones a question
    names: it prints the part with other numbers only ("Category 4 - ... Ranked 2nd place"
    for category 2), or printing none, the label nearest above it is another's
    (``_label_above``: ``above`` is its passage's text before it, ``titles`` the title
    slides before that passage); or, the label naming what is asked about ("korea's
    category two result", not "what is step 3", an item asked for), it is under no label
    asked ("Korea has ranked 1st place")."""
    asked = labels_asked(question)
    named = False
    for part, place in asked:
        printed = _places_spanned(_POINTED.sub(" ", text), part) or _label_above(
            part, above, titles)
        if place in printed:
            return False
        named = named or bool(printed)
    return bool(asked) and (named or _item_not_asked(question))


@lru_cache(maxsize=256)  # asked of every candidate unit
def _item_not_asked(question: str) -> bool:
    return ordinal_asked(question) is None


# An item's printed number: "3. Transactional: ...", "(iv) ...", "III | ...".
_NUMBER = re.compile(r"^\W*(\d{1,2})[.):]\s")


def pick_item(selection: Selection, floor: float) -> Selection:
    """The selection narrowed to the items asked by their places, when the evidence above
    ``floor`` holds each; else unchanged."""
    ordinal = selection.question.ordinal
    if ordinal is None or not selection.scored:
        return selection
    close = [s.unit for s in selection.scored if s.score >= floor]
    lists = [items for u in close if u.kind in ("item", "row")
             and _called(items := _list_of(u), ordinal.part)]
    picked: list[Evidence] = []
    for place in ordinal.places:
        named = next((u for u in close if u.kind == "sentence"
                      and place in stated_places(u.text, ordinal.part)), None)
        item = named or next((i for items in lists if (
            i := _item_at(items, place, ordinal.part, place in ordinal.printed))), None)
        if item is None:
            return selection
        picked.append(item)
    # Each scored as the best was: their support is the evidence's.
    top = selection.scored[0]
    return replace(selection, scored=[replace(top, unit=u) for u in dict.fromkeys(picked)])


def pick_from(series: list[Evidence], ordinal: Ordinal) -> list[Evidence]:
    """The items of a series (numbered or dated titles) at the places asked; [] unless
    each is there."""
    picked = [_item_at(series, place, ordinal.part, place in ordinal.printed)
              for place in ordinal.places]
    # Two places may be one item ("the last phase, 2008 to 2012"): quoted once.
    return list(dict.fromkeys(u for u in picked if u)) if all(picked) else []


def _list_of(unit: Evidence) -> list[Evidence]:
    if unit.kind == "item":
        return siblings(unit)
    return [u for u in units(unit.chunk) if u.kind == "row" and u.header == unit.header]


def _called(items: list[Evidence], part: str) -> bool:
    """Whether a list's items go by the word asked: "Step 2:" in a row, "Four Stages of
    ..." over the items; the second item of another list is not "the second stage"."""
    name = re.compile(rf"(?<![\w-]){re.escape(part)}(?:e?s)?\b", re.IGNORECASE)  # not "Sub-stage"
    return any(name.search(u.context) for u in items)


def _item_at(items: list[Evidence], place: int, part: str, printed: bool) -> Evidence | None:
    """The item printed with the place's number (by what the items are called, or a bare
    number), else, unless the place must be printed, the one at that position; None when
    the list is too short."""
    if len(items) < 2:
        return None
    if place == LAST:
        return items[-1]
    labelled = [u for u in items if place in stated_places(u.text, part)]
    if not labelled:
        labelled = [u for u in items if (m := _NUMBER.match(u.text)) and int(m.group(1)) == place]
    if labelled or printed:
        return labelled[0] if labelled else None
    return items[place - 1] if place <= len(items) else None
