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


def _long_titles() -> ChunkTable:
    return ChunkTable.build([
        chunk("Kenya | Common law | Unitary", source="pdf/EN_index.pdf",
              document="Index of States and their Corresponding Legal and Constitutional Systems"),
        chunk("Factor 1 scores.", source="pdf/Index-Methodology-2023.pdf",
              document="Steps to Produce the WJP Rule of Law Index"),
        chunk("Sampling.", source="pdf/OBS-Note.pdf", document="Open Budget Survey 2023 Methodology"),
        chunk("Question 76.", source="pdf/OBS-Questionnaire-Guide.pdf",
              document="Questionnaire and Guidelines"),
        chunk("Training.", source="pdf/d8-workshop.pdf",
              document="New Approaches to E-Government: Capacity Building Workshop, March 2022"),
    ])


def test_a_long_title_is_named_by_its_first_words_in_either_order() -> None:
    table = _long_titles()
    states = ["Index of States and their Corresponding Legal and Constitutional Systems"]
    assert table.named_documents("how current are the figures in the index of states?") == states
    assert table.named_documents("What GDP does the states index give for BEL?") == states
    assert table.named_documents("Germany in the index of states: form of state?") == states
    # The same words apart, or from the title's middle, name nothing.
    assert table.named_documents("which index lists the most states?") == []
    assert table.named_documents("what legal systems does Kenya have?") == []


def test_a_title_head_names_a_document_beside_others_but_not_when_it_qualifies_another_name(
) -> None:
    table = _long_titles()
    assert table.named_documents("compare the index of states with the WJP Rule of Law "
                                 "Index") == [
        "Index of States and their Corresponding Legal and Constitutional Systems",
        "Steps to Produce the WJP Rule of Law Index"]
    # "States" and "index" apart: the country and the WJP title's.
    assert table.named_documents("Was the United States poll in the WJP Rule of Law Index "
                                 "representative?") == [
        "Steps to Produce the WJP Rule of Law Index"]
    # "open budget" qualifies the questionnaire, another document's name.
    assert table.named_documents("which question of the open budget questionnaire asks "
                                 "about audits?") == []
    assert table.named_documents("the open budget survey sampling") == [
        "Open Budget Survey 2023 Methodology"]
    # A subtitle's head is a phrase, not a title.
    assert table.named_documents("what activities are part of capacity building?") == []


def test_a_version_named_by_its_language_is_the_translation_of_the_document_named() -> None:
    """"The French capacity framework page" is the French translation, though its title
    words name the English original and most of its text is English (as detected for the
    whole document); a language with no document named narrows nothing."""
    from dataclasses import replace

    kept = "The knowledge management cycle relies on three critical pieces: people, process and technology."
    english = [replace(chunk(t, source="markdown/capacity-building-framework.md",
                             document="Capacity building framework"), language="en")
               for t in ("Capacity building is a process in which individuals develop and "
                         "maintain the skills they need to implement building blocks.", kept)]
    french = [replace(chunk(t, source="markdown/cadre.md",
                            document="Cadre de renforcement des capacités"), language="en")
              for t in ("Le renforcement des capacités est un processus dans lequel les "
                        "individus et les organisations développent leurs compétences.", kept)]
    table = ChunkTable.build(english + french)
    asked = "which tools are named on the french capacity building framework page?"
    assert table.named_documents(asked) == ["markdown/cadre.md"]
    assert table.named_documents("on the capacity building framework page?") == [
        "markdown/capacity-building-framework.md", "Capacity building framework"]
    assert table.named_documents("the german capacity building framework page") == [
        "markdown/capacity-building-framework.md", "Capacity building framework"]
