"""A query's acronyms expanded with what the corpus spells them out as, and expansions given
their acronym: 'EGDI' also searches for 'E-Government Development Index', which prose uses
instead; 'intersectoral governance' also for 'ISG', which slides use instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from functools import cached_property

from assistant.text import acronyms_typed_apart, whole_word


@dataclass(frozen=True)
class AcronymExpansion:
    """``acronyms``: each acronym the corpus spells out, with its expansion; ``lower_case``:
    those read in lower case too ("dpga": DPGA, ``knowledge.lower_case_acronyms``)."""

    acronyms: Mapping[str, str]
    lower_case: Mapping[str, str]

    def expand(self, query: str) -> str:
        """The query with the expansions of its acronyms and the acronyms of its
        expansions in brackets after it; the query itself when it has neither."""
        lower = query.lower()
        # One typed in parts ("UN DESA") is the one the corpus joins ("UNDESA"), one typed in
        # lower case ("dpga") the one it prints in capitals.
        joined = " ".join([*(whole for _, whole in acronyms_typed_apart(query)),
                           *(acronym for typed, acronym in self.lower_case.items()
                             if typed in query and whole_word(typed).search(query))])
        # An acronym found as a word is found as a string first: the test of each of the
        # corpus's acronyms that the text does not hold stays in C.
        extra = [
            expansion
            for acronym, expansion in self.acronyms.items()
            if (acronym in query and whole_word(acronym).search(query)
                or acronym in joined and whole_word(acronym).search(joined))
            and expansion.lower() not in lower
        ] + [
            acronym
            for acronym, expansion in self.acronyms.items()
            if len(expansion.split()) > 1 and expansion.lower() in lower
            and not whole_word(acronym).search(query)
        ]
        return f"{query} ({'; '.join(extra)})" if extra else query

    def recased(self, text: str) -> str:
        """The text with the acronyms typed in lower case written as the documents print
        them ("what is losi", "un desa": "what is LOSI", "UN DESA"), so that what is read
        from capitals (an acronym, a document named by one, the subject of "what does X
        do?") is read alike; one typed in two parts keeps its parts."""
        if not self.lower_case:
            return text

        def capitals(match: re.Match[str]) -> str:
            typed = match.group()
            acronym = self.lower_case[typed.replace(" ", "")]
            first = typed.find(" ")
            return acronym if first < 0 else f"{acronym[:first]} {acronym[first:]}"

        return self._typed_small.sub(capitals, text)

    @cached_property
    def _typed_small(self) -> re.Pattern[str]:
        """Each lower-case acronym as one word, or in two parts of two letters or more."""
        typed = [form for small in self.lower_case for form in (
            small, *(f"{small[:at]} {small[at:]}" for at in range(2, len(small) - 1)))]
        return re.compile(r"\b(?:" + "|".join(sorted(typed, key=len, reverse=True)) + r")\b")


# A short word before what names a figure or an index ("gci score", "hdi ranking").
_BEFORE_FIGURE = re.compile(
    r"(?<![\w-])([a-z]{2,5})(?=\s+(?:scores?|index|indices|ranks?|rankings?|ratings?)\b)")


def a_word(typed: str, language: Collection[str], printed: bool,
           spelled_out: Collection[str]) -> bool:
    """Whether a word typed in lower case is a word: of the language, or printed in the
    documents other than as an acronym they spell out (the index's terms are lower case:
    "osi" is printed only as "OSI")."""
    return typed in language or printed and typed.upper() not in spelled_out


def acronyms_typed_small(text: str, is_word: Callable[[str], bool]) -> str:
    """The text with a short word typed in lower case before "score", "index" or "rank"
    ("malaysia's gci score") in capitals when it is no word (``is_word``: of the language or
    printed in the documents): an index's acronym, read as if typed so ("GCI"), so that an
    index no document names is not answered by another index's figure."""
    return _BEFORE_FIGURE.sub(
        lambda m: m.group(1) if is_word(m.group(1)) else m.group(1).upper(), text)
