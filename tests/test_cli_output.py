"""What the command line prints: text made safe for a terminal."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from assistant.cli_output import _TERMINAL_CONTROL, printable


@given(st.text(alphabet=st.sampled_from(
    ["a", " ", "é", "\n", "\t", "\x1b", "[", "]", "2", "J", "\x07", "\\", "\x7f", "\x9b", "m",
     "\u200b", "\x85", "0", ";"]), max_size=40))
def test_printable_removes_what_the_pattern_removes_and_nothing_else(text: str) -> None:
    assert printable(text) == _TERMINAL_CONTROL.sub("", text)


def test_a_json_line_is_printed_as_it_is_and_a_title_without_its_escapes() -> None:
    line = json.dumps({"answer": "Zembla \x1b]0;pwned\x07 offers 42 services\n", "n": 1})
    assert printable(line) == line
    assert printable("Title\x1b]0;pwned\x07 of Zembla\x1b[2J") == "Title of Zembla"
