"""A country's row asked for one of its cells: the column chosen, the row admitted, and the
table probe's questions (assistant/evals/table_probe.py)."""

from __future__ import annotations

import random

import pytest
from stage_fixtures import chunk

from assistant.admissible import admissible
from assistant.evals.table_probe import Table, column_name, fact_pattern, main, questions
from assistant.evidence import Evidence, units
from assistant.rows import columns, frame
from assistant.text import terms, unligatured
from assistant.understand import parse_question

_STATES = ("States | Legal System | Forms of State | Ofﬁcial Languages Number of Languages | "
           "Ofﬁcial Languages | Population (millions)\n"
           "Kenya | Common law | Unitary | Plurilingual | English, Swahili | 46.1")


def _row(text: str, document: str = "Annual Report 2024") -> Evidence:
    return next(u for u in units(chunk(text, kind="table", document=document))
                if u.kind == "row")


def test_a_typeset_ligature_is_its_letters() -> None:
    assert unligatured("Ofﬁcial ﬂows") == "Official flows"
    assert terms("Ofﬁcial Languages") == terms("Official Languages")


def test_a_column_named_by_a_ligature_is_admitted_and_framed() -> None:
    row = _row(_STATES)
    asked = parse_question("What is Kenya's Official Languages?")
    assert admissible(asked, row, {})
    assert ("Ofﬁcial Languages", "English, Swahili") in columns(row, asked)[:2]


def test_the_title_words_do_not_choose_a_column() -> None:
    row = _row(_STATES, document="Index of Forms of State")
    asked = parse_question("What are Kenya's languages in the index of forms of state?")
    assert "Languages" in columns(row, asked)[0][0]
    # A column named by title words only is still the one asked.
    assert columns(row, parse_question("What is Kenya's form of state?"))[0][0] == "Forms of State"


def test_a_demonym_asks_for_its_country_row_not_a_narrower_field() -> None:
    row = _row("Country | Coverage | Sample\nSenegal | Nationally representative | 1012")
    assert admissible(parse_question("What is the Senegalese Sample?"), row, {})
    # A word that is no country still narrows: a "capital city" is not any city.
    cities = _row("Country | City | Score\nSenegal | Dakar | 0.5")
    assert not admissible(parse_question("What is the Senegalese capital city?"), cities, {})


def test_a_city_asked_frames_its_row_as_the_citys_with_its_country_beside() -> None:
    row = _row("Country | City | LOSI Group | Score\nKenya | Mombasa | Middle | 0.41",
               document="Local Index 2024")
    assert frame(row, parse_question("LOSI for mombasa?"), 1).startswith(
        "Mombasa's Score is 0.41 (Kenya; LOSI Group Middle)")
    # Asked for the country, the row is the country's.
    assert frame(row, parse_question("What is Kenya's LOSI?"), 1).startswith(
        "Kenya's Score is 0.41 (")


def _table() -> Table:
    return Table("pdf/index.pdf", 3, 1, "Table 1 States in 2020", 2020,
                 ("Country", "Legal System", "Population (millions)", "Notes"),
                 (("Kenya", "Common law", "46.1", "●"), ("Chile", "Civil Law", "18", "-"),
                  ("Atlantis", "Myth", "1", "x")))


def test_the_probe_asks_each_printed_cell_of_a_country_row_in_turns_of_form() -> None:
    probes = questions(_table(), "Kenya Common law 46.1 Chile Civil Law 18", random.Random(0), 9)
    asked = {p.item.question for p in probes}
    # Marks are no value; a row of no country is not asked; every cell asked is printed.
    assert len(probes) == 4 and not any("Notes" in q or "Atlantis" in q for q in asked)
    assert [p.form for p in probes] == ["name", "code", "demonym", "lower"]
    assert {"What is KEN's Legal System?", "What is the Kenyan Population?",
            "what is chile's population?"} <= asked
    assert all(p.item.source == "pdf/index.pdf" and p.item.pages == (3,) for p in probes)
    # A cell the page does not print, or a pair another table has too, is not asked.
    assert not questions(_table(), "", random.Random(0), 9)
    shared = {("Kenya", "Legal System"), ("Kenya", "Population"), ("Chile", "Legal System"),
              ("Chile", "Population")}
    assert not questions(_table(), "Kenya Common law 46.1 Chile Civil Law 18",
                         random.Random(0), 9, shared)


def test_the_probe_names_a_column_as_a_user_does_and_matches_the_cell() -> None:
    assert column_name("Population (millions)") == "Population"
    assert column_name("Upper House/ Senate1") == "Upper House/ Senate"
    assert column_name("Ofﬁcial Languages") == "Official Languages"
    import re
    assert re.search(fact_pattern("Ind. Maj. + Nom."), "Ind.  Maj. +\nNom.")
    assert not re.search(fact_pattern("0.78"), "0x78")


def test_the_probe_has_a_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "--per-table" in capsys.readouterr().out


def test_a_coded_cell_of_abbreviations_is_framed_a_description_is_not() -> None:
    row = _row("States | Forms of State | Upper House/ Senate | Lower House/ National Assembly | "
               "Notes\nKenya | Unitary | Ind. Maj. + Nom. | Prop. + Nom. | It is elected. It sits twice.")
    asked = parse_question("Kenya in the index of states: how are its upper and lower houses composed?")
    framed = frame(row, asked, 1)
    # Two columns named alike keep the header's order; the codes are shown, the notes not.
    assert framed.startswith("Kenya's Upper House/ Senate is Ind. Maj. + Nom. (")
    assert "Lower House/ National Assembly Prop. + Nom." in framed and "It sits" not in framed


class _Looked:
    """An evidence source that records what it is asked to retrieve and finds nothing."""

    def __init__(self) -> None:
        self.queries: list[str] = []
        self.filters = type("Filters", (), {"countries": ()})()
        self.retriever = type("Retriever", (), {"acronyms": {}})()

    def retrieve(self, query: str, question: object, k: object, countries: object = None) -> list:
        self.queries.append(query)
        return []

    def neighbour(self, chunk: object, step: int) -> None:
        return None


def test_a_figure_asked_by_code_is_also_looked_up_by_the_country_name() -> None:
    from assistant.question_hits import hits_for

    looked = _Looked()
    hits_for(parse_question("What is GIN's GDP?"), looked, 5)  # type: ignore[arg-type]
    assert "What is GIN's GDP?" in looked.queries and "What is Guinea's GDP?" in looked.queries
    named = _Looked()
    hits_for(parse_question("What is Guinea's GDP?"), named, 5)  # type: ignore[arg-type]
    assert "What is GIN's GDP?" not in named.queries


def test_a_measure_changed_by_a_word_is_no_figure_of_the_measure_s_column() -> None:
    row = _row("States | Population (millions) | GDP (billions)\nSri Lanka | 20.8 | 78.8")
    assert admissible(parse_question("What is Sri Lanka's GDP in the index?"), row, {})
    for changed in ("What annual GDP growth rate does the index give for Sri Lanka?",
                    "What is Sri Lanka's GDP per capita?"):
        assert not admissible(parse_question(changed), row, {})
    grown = _row("States | GDP growth (%)\nSri Lanka | 3.1")
    assert admissible(parse_question("What is Sri Lanka's GDP growth?"), grown, {})
