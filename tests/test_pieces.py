"""The things a sentence names one by one, each with its lead-in (``pieces``)."""

from __future__ import annotations

import pytest

from assistant.pieces import named_pieces, numbered_things


@pytest.mark.parametrize(("sentence", "pieces"), [
    pytest.param(
        "Nationally, the following challenges were identified: (1) Access to devices for "
        "online classes in rural areas; (2) Whereas coverage is sufficient, speed is too low; "
        "(3) Gender divide in digital access to public services.",
        ("Nationally, the following challenges were identified: Access to devices for online "
         "classes in rural areas",
         "Nationally, the following challenges were identified: Whereas coverage is "
         "sufficient, speed is too low",
         "Nationally, the following challenges were identified: Gender divide in digital "
         "access to public services"),
        id="numbered-run-parted-by-its-numbers-only"),
    pytest.param(
        "Other issues are acknowledged such as privacy and security concerns, and "
        "infrastructure vandalization and theft.",
        ("Other issues are acknowledged such as: privacy and security concerns",
         "Other issues are acknowledged such as: infrastructure vandalization and theft"),
        id="such-as"),
    pytest.param(
        "Other opportunities lie in the established local services, mobile service vans, "
        "and an SMS system built in collaboration with UNICEF.",
        ("Other opportunities lie in the established local services: mobile service vans",
         "Other opportunities lie in the established local services: an SMS system built in "
         "collaboration with UNICEF"),
        id="commas-after-the-first-words"),
    pytest.param(
        "Only one city is in the high group: Kuala Lumpur. three cities are in the medium "
        "group: Cairo, Jakarta and Lagos.", (), id="names-say-nothing-of-their-own"),
    pytest.param("Egypt, Nigeria and Turkey improved.", (), id="a-list-of-names"),
    pytest.param("The plan, adopted in 2020, is reviewed yearly.", (), id="one-aside"),
    pytest.param("This is a plain sentence.", (), id="plain"),
])
def test_named_pieces(sentence: str, pieces: tuple[str, ...]) -> None:
    assert named_pieces(sentence) == pieces


@pytest.mark.parametrize(("text", "things"), [
    ("Obstacles: (1) high costs, (2) regional differences, and (3) awareness at the local "
     "level. Next, a sentence.",
     ("high costs", "regional differences", "awareness at the local level")),
    ("(i) one thing; (ii) another thing and (iii) a third", ("one thing", "another thing",
                                                              "a third")),
    pytest.param("as (2) and (3) say", (), id="not-from-one"),
    pytest.param("only (1) a thing", (), id="one-is-no-list"),
])
def test_things_numbered_inline_are_read_in_their_order(text: str, things: tuple[str, ...]) -> None:
    assert numbered_things(text) == things
