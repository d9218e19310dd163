"""The chunk table's reading order: a composer walks from a passage to its neighbours."""

from __future__ import annotations

from dataclasses import replace

from stage_fixtures import chunk

from assistant.chunktable import ChunkTable


def test_a_chunks_neighbours_are_those_printed_around_it_in_its_own_document():
    report = [replace(chunk(f"Part {i} of the report."), ordinal=i) for i in range(3)]
    other = replace(chunk("A note.", source="note.pdf", document="Note"), ordinal=3)
    table = ChunkTable.build([*report, other])
    assert table.neighbour_id("report.pdf", 0, 1) == report[1].id
    assert table.neighbour_id("report.pdf", 2, -2) == report[0].id
    # Asked again (composers walk the same passages for question after question).
    assert table.neighbour_id("report.pdf", 0, 1) == report[1].id
    assert table.neighbour_id("report.pdf", 2, 1) is None  # the report's last passage
    assert table.neighbour_id("report.pdf", 0, -1) is None
    assert table.neighbour_id("missing.pdf", 0, 1) is None
