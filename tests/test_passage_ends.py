"""passages.py reads a sentence's end by searching only its tail: the same verdicts as a
search through the whole text."""

from __future__ import annotations

import re

import pytest

from assistant.passages import _ENDED, _LONGEST_UNFINISHED, _UNFINISHED, _ends_on, ended

_TEXTS = [
    "", " ", "of", "Of ", "Release deadlines for OBS 2023 Number of", "a list-of",
    "the number of\n", "rates of the", "thereof", "by the way.", "Respondents (see above)",
    "she said “yes”", "the rate and\u00a0", "de la", "cadru pentru", "x_of", "2023of",
    "ends with a colon:  \n", "nothing ends here", "(of", "pour", "e-government for",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_a_tail_search_finds_what_a_whole_search_finds(text: str) -> None:
    whole = re.compile(_UNFINISHED.pattern, _UNFINISHED.flags)
    assert _ends_on(_UNFINISHED, text, _LONGEST_UNFINISHED) == (whole.search(text) is not None)
    assert ended(text) == (_ENDED.search(text) is not None)


def test_the_lookbehind_reads_before_where_the_search_starts() -> None:
    # "list-of": the hyphen before "of", outside the tail searched, still rules it out.
    assert not _ends_on(_UNFINISHED, "a list-of", _LONGEST_UNFINISHED)
    assert _ends_on(_UNFINISHED, "a list of", _LONGEST_UNFINISHED)
