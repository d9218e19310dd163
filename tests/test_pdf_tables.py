"""Tables whose structure layout-mode text blurs: a first cell spanning printed rows, header
labels wrapped onto two lines, a label printed sideways along the rows, a slide's title
printed again inside its table."""

from __future__ import annotations

from assistant.parsers.pdf_layout import layout_blocks

STAGES = [
    "    Programme Steps",
    "",
    "      I          Step 1:        Identification of a problem",
    "",
    "                 Step 2:        Formation of a commission",
    "",
    "    Programme Steps",
    "",
    "      II         Step 3:        Working out a program",
    "",
    "                 Step 4:        Review of results",
]


def test_a_first_cell_spanning_rows_is_carried_to_each_row_in_order():
    titled = {"Programme Steps": 1}  # the slide's title, printed again by a build step
    table = next(b for b in layout_blocks(STAGES, 1, titled, []) if b.kind == "table")
    assert table.rows == (
        "I | Step 1: | Identification of a problem",
        "I | Step 2: | Formation of a commission",
        "II | Step 3: | Working out a program",
        "II | Step 4: | Review of results",
    )
    assert table.header is None  # its first row is a step, not column names


def test_header_labels_wrapped_onto_a_second_line_are_one_label_each():
    lines = [
        "Exposing a        Working           Realizing a",
        "problem           out a program     program",
        "1 2 3 4           5 6 7 8           9 10",
        "yes               no                yes",
    ]
    [table] = layout_blocks(lines, 1, {}, [])
    assert table.header == "Exposing a problem | Working out a program | Realizing a program"
    assert table.rows == ("1 2 3 4 | 5 6 7 8 | 9 10", "yes | no | yes")


def test_a_label_printed_sideways_along_the_rows_is_no_column():
    agency = "at National Planning Agency of Freedonia"  # long: the rows are data
    lines = [
        "              MEMBER            PARTICIPANT           FUNCTION AND INSTITUTE",
        "",  # "MEMBER STATE" printed sideways left of the rows, cut into fragments
        f"   TATE AT    Freedonia         Ms. Ada Lane          Director {agency}",
        f"   EMBER S    Freedonia         Mr. Bo Kim            Analyst {agency}",
        f"   2          Sylvania          Ms. Cy Dee            Expert {agency}",
        f"   2          Sylvania          Mr. Di Ray            Planner {agency}",
        f"   2          Ruritania         Ms. Eve Orr           Adviser {agency}",
        f"   2          Ruritania         Mr. Fox Lee           Analyst {agency}",
        f"   2          Genovia           Ms. Gil Ma            Director {agency}",
    ]
    table = next(b for b in layout_blocks(lines, 1, {}, []) if b.kind == "table")
    assert table.header == "MEMBER | PARTICIPANT | FUNCTION AND INSTITUTE"
    assert table.rows[2] == f"Sylvania | Ms. Cy Dee | Expert {agency}"


def test_an_unlabelled_first_column_of_row_names_is_kept():
    lines = [
        "              2018          2020          2022",
        "Freedonia     0.51          0.55          0.60",
        "Sylvania      0.40          0.42          0.47",
        "Ruritania     0.33          0.35          0.39",
    ]
    [table] = layout_blocks(lines, 1, {}, [])
    assert table.rows[0] == "Freedonia | 0.51 | 0.55 | 0.60"



def _line(cells: dict[int, str]) -> str:
    """A layout-mode line with each cell starting at its column."""
    line = ""
    for column, text in sorted(cells.items()):
        line = line.ljust(column) + text
    return line


def _states_page(rows: list[tuple[str, str]]) -> list[str]:
    """A page of a table printed on every page, its two-level header repeated at the top:
    "Official Languages" over two columns, "Population" and "GDP" over their units."""
    return [
        "INDEX OF STATES",
        _line({30: "Official Languages", 60: "Population", 74: "GDP"}),
        _line({2: "States", 14: "Legal System", 30: "Number", 44: "Names", 60: "(millions)",
               74: "(billions)"}),
        *(_line({0: name, 14: "Civil Law", 30: "Unilingual", 44: "French", 60: people,
                 74: "10.1"}) for name, people in rows),
        "Notes: Maj. (majority), Prop. (proportional)",
    ]


def test_a_tables_column_labels_repeated_on_every_page_are_no_running_head():
    from assistant.parsers.pdf import _strip_running_lines

    pages = [_states_page([(a, "11.2"), (b, "3.5")])
             for a, b in [("Belgium", "Bolivia"), ("Chile", "Cuba"), ("Denmark", "Egypt")]]
    stripped = _strip_running_lines(pages)
    for n, page in enumerate(stripped):
        # The title is a running line; the labels over the columns stay; the note says
        # something, so it is kept where first printed, not on every page.
        assert page[0].split() == ["Official", "Languages", "Population", "GDP"]
        assert "INDEX OF STATES" not in page
        assert page[-1].startswith("Notes") == (n == 0)
    table = next(b for b in layout_blocks(stripped[0], 1, {}, []) if b.kind == "table")
    assert table.header is not None
    assert table.header.split(" | ")[-2:] == ["Population (millions)", "GDP (billions)"]
    assert table.rows[0] == "Belgium | Civil Law | Unilingual | French | 11.2 | 10.1"


# A country table printed without spacing between rows (col widths as in a typical index).
_HEAD = "States              Legal System                   Form        Population    GDP"


def test_a_cell_printed_above_its_rows_first_line_belongs_to_that_row():
    lines = [
        _HEAD,
        "Romania             Civil Law                      Unitary     19.9          199",
        "                    (except Scotland: Civil Law/",
        "United Kingdom      Common law and Jersey          Unitary     65            2988.9",
        "                    Customary)",
        "Russia              Civil Law                      Federal     143.8         1860.6",
    ]
    [table] = layout_blocks(lines, 1, {}, [])
    assert table.rows == (
        "Romania | Civil Law | Unitary | 19.9 | 199",
        "United Kingdom | (except Scotland: Civil Law/ Common law and Jersey Customary)"
        " | Unitary | 65 | 2988.9",
        "Russia | Civil Law | Federal | 143.8 | 1860.6",
    )


def test_a_wrapped_word_under_a_row_stays_in_that_row():
    lines = [
        _HEAD,
        "Romania             Civil Law, with                Unitary     19.9          199",
        "                    Customary",  # wrapped: no new entry of the next row
        "United Kingdom      Common law                     Unitary     65            2988.9",
        "Russia              Civil Law                      Federal     143.8         1860.6",
    ]
    [table] = layout_blocks(lines, 1, {}, [])
    assert table.rows[0] == "Romania | Civil Law, with Customary | Unitary | 19.9 | 199"


def test_a_country_with_a_row_nearly_empty_is_a_row_of_its_own():
    lines = [
        _HEAD,
        "Liberia             Common law                     Unitary     4.4           2",
        "Libya (transition) 2",
        "Lithuania           Civil Law                      Unitary     2.9           48.4",
        "Democratic Republic of                             Unitary     74.9          33.1",
        "Congo",
    ]
    [table] = layout_blocks(lines, 1, {}, [])
    assert [r.split(" | ")[0] for r in table.rows] == [
        "Liberia", "Libya (transition) 2", "Lithuania", "Democratic Republic of Congo"]


def test_an_unlabelled_sub_column_is_part_of_its_labelled_neighbour():
    lines = [
        "                                                             Form        Population",
        "States                        Legal System",
        "",
        "Rwanda              Mixed     Civil Law/Customary            Unitary     11.3",
        "Saint Lucia         Common law                               Unitary     0.2",
        "San Marino          Civil Law                                Unitary     0.1",
    ]
    [table] = layout_blocks(lines, 1, {}, [])
    assert table.header == "States | Legal System | Form | Population"
    assert table.rows[0] == "Rwanda | Mixed Civil Law/Customary | Unitary | 11.3"
    assert table.rows[1] == "Saint Lucia | Common law | Unitary | 0.2"
