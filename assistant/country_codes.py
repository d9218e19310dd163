"""ISO codes standing for countries in text: "KEN | 0.61" in a table, "KEN 0.61 12" heading a
row of numbers, "KEN, URY and BRA" in a chart's labels; not the acronyms of prose ("BFA")."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import cache

from assistant.country_data import (
    ALPHA3_ASKED_AFTER,
    ALPHA3_OPENING_BEFORE,
    ALPHA3_OWNER_AFTER,
    ALPHA3_OWNER_BEFORE,
    ALPHA3_THING_AFTER,
    ALPHA3_WORDS,
    AMBIGUOUS_ALPHA3,
    BY_CODE,
    country_of_code,
)
from assistant.text import STOPWORDS
from assistant.vocabulary import vocabulary

_CODE = re.compile(r"(?<![\w\-/&.])[A-Z]{3}(?![\w\-/&]|\.\w)")
_NUMBERS_ONLY = re.compile(r"(?:\s*[-+]?[\d.,]+%?)+\s*")
_LONG_CAPS_WORD = re.compile(r"\b[A-Z]{4,}\b")


def _codes_in_line(line: str, offset: int, column_of_codes: bool) -> list[tuple[int, str]]:
    """(position, country) for the ISO codes of one line: any code standing as a table cell
    ("KEN | 0.61") or heading a row of numbers ("KEN 0.61 12"); in running text only two or
    more codes that are no English word or common abbreviation, on a line not all capitals."""
    found: list[tuple[int, str]] = []
    if "|" in line:
        cells = line.split("|")
        position = offset
        numeric = sum(bool(re.search(r"\d", c)) for c in cells)
        first = next((i for i, c in enumerate(cells) if c.strip()), -1)
        for i, cell in enumerate(cells):
            code = cell.strip()
            # A word-like code ("EST", "PER") elsewhere in a row may be a word: it counts in
            # the row's first cell or in a column of codes.
            leads = i == first or column_of_codes
            if (
                len(code) == 3
                and (leads or code not in AMBIGUOUS_ALPHA3)
                or (i == first and numeric)
            ):
                name = country_of_code(code, column_of_codes=column_of_codes)
                if name:
                    found.append((position + cell.find(code), name))
            position += len(cell) + 1
        return found
    matches = list(_CODE.finditer(line))
    if not matches:
        return found
    rest = line[matches[0].end() :]
    if (
        len(matches) == 1
        and line[: matches[0].start()].strip() == ""
        and _NUMBERS_ONLY.fullmatch(rest)
    ):
        name = country_of_code(matches[0].group())
        return [(offset + matches[0].start(), name)] if name else []
    # A lone capitalised trigram in prose is usually an acronym ("factor analysis (BFA)");
    # codes are meant when several stand together ("KEN, URY and BRA", chart labels).
    # Among such codes, a word-like one ("BRA", "CAN") is a code too.
    clear = {m.group() for m in matches if m.group() in BY_CODE} - AMBIGUOUS_ALPHA3
    shouting = not any(c.islower() for c in line) and _LONG_CAPS_WORD.search(line)
    if shouting or len(clear) < 2:
        return found
    return [(offset + m.start(), BY_CODE[m.group()]) for m in matches if m.group() in BY_CODE]


def find_codes(text: str) -> list[tuple[int, str]]:
    """(position, canonical name) for every country code of the text, as ``_codes_in_line``
    reads them line by line."""
    if not re.search(r"[A-Z]{2}", text):
        return []
    lines = text.split("\n")
    found: list[tuple[int, str]] = []
    offset = 0
    column_of_codes = _rows_start_with_codes(lines)
    for line in lines:
        found += _codes_in_line(line, offset, column_of_codes)
        offset += len(line) + 1
    return found


def _rows_start_with_codes(lines: list[str]) -> bool:
    """Two or more table rows open with a code, one of them unmistakable ("DE", "KEN"):
    then "IT" and "NA" in that column are Italy and Namibia too."""
    firsts = [line.strip(" |").split("|")[0].strip() for line in lines if "|" in line]
    codes = [f for f in firsts if country_of_code(f, column_of_codes=True)]
    return len(codes) >= 2 and any(country_of_code(f) for f in codes)


def codes_asked(question: str, spelled_out: Collection[str] = ()) -> list[str]:
    """The countries a question asks for by ISO alpha-3 code ("what GDP does the index give
    for BEL?"): a capitalised trigram standing alone in a question not typed in capitals,
    unless it is an abbreviation the documents spell out as something else (``spelled_out``:
    "BFA", Bayesian factor analysis). A code that is also a common abbreviation ("EST",
    "CAF") counts unless an article or a bracket makes it a thing ("the CAF model",
    "digital maturity assessment (DMA)"); one that is an English word ("CAN", "PER") only
    where a name stands (``_set_off``). Either counts beside another code the question
    asks by ("compare PER and KEN")."""
    return list(dict.fromkeys(BY_CODE[m.group()] for m in _asked_codes(question, spelled_out)))


def named_for_codes(question: str, spelled_out: Collection[str] = ()) -> str:
    """The question with each country it asks for by code named by its name ("BGD gig
    economy" -> "Bangladesh gig economy"): the documents' prose names countries, and
    passages are found and judged by the question's words and meaning. A code-keyed table
    is still reached: its rows are tagged with their country."""
    for code in reversed(_asked_codes(question, spelled_out)):
        question = f"{question[:code.start()]}{BY_CODE[code.group()]}{question[code.end():]}"
    return question


def codes_typed_small(question: str, is_word: Callable[[str], bool]) -> str:
    """The question with each country code typed in lower case in capitals where only a name
    could stand, word or not ("chl: population and gdp?", "osi score of bel", "egdi nor
    2022", "nor and swe": ``_set_off``, or beside a code read): no word of the language
    stands there ("for can?" is no sentence). One that is no word (``is_word``: of the
    language or printed in the documents) is a code after a preposition too ("population of
    bgd in the index"); "tha pop" may be "the" mistyped."""
    for small in reversed(list(_SMALL_CODE.finditer(question))):
        code = small.group().upper()
        if code not in BY_CODE:
            continue
        typed = f"{question[:small.start()]}{code}{question[small.end():]}"
        match = _CODE.match(typed, small.start())
        if match is not None and (_set_off(typed, match) or _beside_code(typed, match) or (
                not is_word(small.group()) and _before(typed, match)[1] in ALPHA3_ASKED_AFTER)):
            question = typed
    return question


# Where a name stands bare, whose figure is asked: between "of" or "for" and a preposition
# ("population of bel in the index", data/countries.json "alpha3_owner"); no word does.
OWNER_BEFORE = rf"(?i:\b(?:{'|'.join(ALPHA3_OWNER_BEFORE)})\s+)"
OWNER_AFTER = rf"(?i:\s+(?:{'|'.join(ALPHA3_OWNER_AFTER)})\b)"


def _owner_asked(question: str, code: re.Match[str]) -> bool:
    """A code where a name stands bare, whose figure is asked (``OWNER_BEFORE``)."""
    return re.search(OWNER_BEFORE + "$", question[:code.start()]) is not None \
        and re.match(OWNER_AFTER, question[code.end():]) is not None


_SMALL_CODE = re.compile(r"(?<![\w\-/&.])[a-z]{3}(?![\w\-/&]|\.\w)")


def codes_unread(question: str) -> list[str]:
    """The country codes a question holds in lower case but that were not read as their
    countries (``codes_typed_small`` writes those in capitals): "bel" of "bel population in
    the index". No English word ("per", "can": data/countries.json "alpha3_words") nor
    function word ("est")."""
    return list(dict.fromkeys(
        m.group() for m in _SMALL_CODE.finditer(question) if m.group().upper() in BY_CODE
        and m.group().upper() not in ALPHA3_WORDS and m.group() not in STOPWORDS))


def country_of_small_code(word: str) -> str | None:
    """The country a code typed in lower case stands for ("bel": Belgium), or None."""
    return BY_CODE.get(word.upper()) if len(word) == 3 and word.islower() else None


# Countries joined in a list: "NOR and SWE", "BEL, NLD".
_JOINED = re.compile(r"\s*(?:,|and|or|vs\.?)\s*")


def _beside_code(question: str, code: re.Match[str]) -> bool:
    """A code joined to one read before it or after it ("nor and SWE", "BEL, nor?"), with
    what follows it ending its name: the list or the question goes on ("kenya, can you
    ..." is no list)."""
    others = [m for m in _asked_codes(question, ()) if m.start() != code.start()]
    after = question[code.end():]
    return bool(others) and _JOINED.fullmatch(_between(code, others, question)) is not None \
        and (_NAME_ENDS.match(after) or re.match(r"\s+(?:and|or|vs)\b", after)) is not None


def _asked_codes(question: str, spelled_out: Collection[str]) -> list[re.Match[str]]:
    """The codes standing for countries in a question (``codes_asked``), in order."""
    if _typed_in_capitals(question, spelled_out):
        return []
    found = [m for m in _CODE.finditer(question)
             if m.group() in BY_CODE and m.group() not in spelled_out]
    clear = [m for m in found if _reads_as_country(question, m)]
    return [m for m in found if m in clear or (
        clear and _JOINED.fullmatch(_between(m, clear, question)))]


def _typed_in_capitals(question: str, spelled_out: Collection[str]) -> bool:
    """A question in capitals throughout ("WHAT IS THE GDP OF BEL"), whose trigrams may be
    any words. Not one whose every word is a code or an acronym the documents spell out:
    "egdi AZE?" reads "EGDI AZE?" once the acronym is written as the documents print it."""
    if any(c.islower() for c in question):
        return False
    return any(w not in BY_CODE and w not in spelled_out for w in re.findall(r"[A-Z]+", question))


def _reads_as_country(question: str, code: re.Match[str]) -> bool:
    """Whether a code stands for its country on its own (``codes_asked``)."""
    if code.group() not in AMBIGUOUS_ALPHA3:
        return True
    if code.group() in ALPHA3_WORDS:
        return _set_off(question, code)
    before, last = _before(question, code)
    bracketed = before.endswith("(") or question[code.end():].startswith(")")
    return not bracketed and last not in ALPHA3_THING_AFTER


def _set_off(question: str, code: re.Match[str]) -> bool:
    """A word-like code standing where only a name could: possessive ("PER's score": no
    word is), opening the question before "in" or "on" (data/countries.json
    "alpha3_opening_before": "NOR in the states index - ..."), whose figure is asked
    (``_owner_asked``: "population of NOR in the index"), or set off by punctuation or a
    year after it and, before it, by the question's start, punctuation or a preposition
    (data/countries.json "alpha3_asked_after"), or before a year by what names the figure
    (``_named_before_year``): "for PER, which cities ...", "PER: population?", "the GDP of
    PER?", "for PER in 2020". A month's abbreviation only after "of" or "for": "MAR 2024",
    "in MAR?" are the month."""
    after = question[code.end():]
    if re.match(r"['’]s\b", after):
        return True
    opening = not question[:code.start()].strip()
    if opening and code.group().lower() in vocabulary()["conjunctions"].values():
        return False  # "and in 2022?": a follow-up opens so (data/answers.json "conjunctions")
    first = re.match(r"\s+(\w+)\s", after)
    if opening and first and first.group(1).lower() in ALPHA3_OPENING_BEFORE:
        return True  # "NOR in the states index - ...": no question opens with the word so
    if _owner_asked(question, code):
        return True
    dated = _YEAR_AFTER.match(after)
    if not dated and not _NAME_ENDS.match(after):
        return False
    before, last = _before(question, code)
    if code.group().lower() in _month_abbreviations() and (
            dated or last not in ALPHA3_OWNER_BEFORE):
        return False  # "MAR 2024 report", "what happened in mar?": the month
    if not before or before[-1] in ",:;-–—" or last in ALPHA3_ASKED_AFTER:
        return True
    return dated is not None and _named_before_year(before, last, after[dated.end():])


def _named_before_year(before: str, last: str, after_year: str) -> bool:
    """A code between an acronym or a word of content and a year ("EGDI NOR 2022", "egdi
    nor 2022", "gdp arg 2020?") that ends the question or its clause: a function word
    before it would make a phrase ("as per 2022", "2020 and 2022")."""
    if _ACRONYM_LAST.search(before):
        return True
    return last.isalpha() and last not in STOPWORDS and _NAME_ENDS.match(after_year) is not None


# Punctuation or the end after a name: "PER?", "for PER, ...", "PER - ...".
_NAME_ENDS = re.compile(r"\s*(?:[,:;?!]|\.(?!\w)|[-–—]\s|$)")


# A year after a code, or "in" a year: "egdi nor 2022", "for bel in 2020".
_YEAR_AFTER = re.compile(r"\s+(?:in\s+)?(?:19|20)\d\d\b")
# A word in capitals ending the text: an acronym ("EGDI"), not a code.
_ACRONYM_LAST = re.compile(r"\b[A-Z][A-Z0-9-]{1,}$")


@cache
def _month_abbreviations() -> frozenset[str]:
    """The months' names cut to three letters, as dates abbreviate them ("mar", "sep")."""
    return frozenset(m[:3] for m in vocabulary()["date_asked"]["months"])


def _before(question: str, code: re.Match[str]) -> tuple[str, str]:
    """The question's text before a code, and its last word in lower case ("" if none)."""
    before = question[:code.start()].rstrip()
    words = before.split()
    return before, words[-1].lower() if words else ""


def _between(code: re.Match[str], others: list[re.Match[str]], question: str) -> str:
    """The text between a code and the nearest of the others."""
    gaps = [question[code.end():o.start()] if o.start() > code.end()
            else question[o.end():code.start()] for o in others if o is not code]
    return min(gaps, key=len) if gaps else "?"
