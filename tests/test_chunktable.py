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


def test_the_words_naming_a_document_are_those_of_the_name_it_is_named_by():
    table = ChunkTable.build([
        chunk("Level 1 administrators are ministers.", source="pdf/EIGE_2023_metadata.pdf",
              document="National administrations | European Institute for Gender Equality"),
        chunk("The survey covers 120 countries.", source="pdf/OBS-Note.pdf",
              document="Open Budget Survey Methodology"),
    ])
    asked = "who is a level 1 administrator in the EIGE data (European Institute for Gender Equality)?"
    assert table.named_documents(asked) == [
        "pdf/EIGE_2023_metadata.pdf",
        "National administrations | European Institute for Gender Equality"]
    # The acronym and the name spelled out name it; "administrator" and "level" ask.
    assert table.naming_terms(asked) == {"eig", "european", "institut", "gender", "equal"}
    assert table.naming_terms("who is a level 1 administrator?") == set()
