"""Composition (assistant/compose.py) on tiny fixtures: exact drafts, no model, no index."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest
from stage_fixtures import (
    KENYA_CHALLENGES,
    LIST,
    NORWAY_CHALLENGES,
    PROSE,
    TABLE,
    FakeEvidence,
    chunk,
    hits,
    reader,
    word_hash_embed,
)

from assistant.choose import besides, choose
from assistant.compose import compose_across, compose_answer
from assistant.declining import decline, what_is_missing
from assistant.draft import CitationList, frame_row, marker, render, render_list
from assistant.evidence import Evidence, units
from assistant.passages import with_context
from assistant.select import Scored, Selection, select
from assistant.settings import AnswerSettings
from assistant.types import Chunk
from assistant.understand import Question, parse_question
from assistant.unitvec import UnitVectors

CONFIG = AnswerSettings()


def _select(question: str, *chunks: Chunk) -> Selection:
    q = parse_question(question)
    vectors = UnitVectors(word_hash_embed)
    return select(q, hits(*chunks), word_hash_embed([q.text])[0], vectors, lambda t: 1.0, {}, CONFIG)


def _ranked_rows(table: Chunk, step: float = 0.1) -> list[Scored]:
    """A table's rows as retrieved in the order printed, each scored a step below the one
    before."""
    rows = [u for u in units(table) if u.kind == "row"]
    return [Scored(u, 1.0 - i * step, 0.5, 1.0, 0) for i, u in enumerate(rows)]


def test_a_unit_quoted_twice_keeps_its_first_number() -> None:
    cites = CitationList()
    kenya, dri = units(PROSE)[1], units(PROSE)[2]
    assert [cites.cite(kenya), cites.cite(kenya), cites.cite(dri)] == [1, 1, 2]
    assert marker([2, 1, 2]) == "[2][1]"


def test_a_row_is_framed_with_its_column_names_and_table() -> None:
    q = parse_question("What is Kenya's readiness score?")
    row = next(u for u in units(TABLE) if u.entity == "Kenya")
    cites = CitationList()
    assert frame_row(row, q, cites) == (
        "Kenya's Readiness score is 0.61 (Rank 12; Region Africa), according to "
        "Table 3 Digital Readiness Index 2024 [1]."
    )
    assert cites.items[0].text.startswith("Table 3") and cites.framed[0][0] == 1


def test_a_framed_row_leaves_out_cells_of_marks_and_dashes() -> None:
    # A matrix's dots and a placeholder dash read as nothing out of their grid.
    grid = chunk("States | Legal System | Upper House | Lower House | Languages\n"
                 "Ghana | Mixed | ----- | Maj. | English\n"
                 "Kenya | ● ● ● | ✓ | Maj. | English, Swahili",
                 kind="table", document="Index of States")
    ghana, kenya = (u for u in units(grid) if u.kind == "row")
    q = parse_question("What legal system does Ghana have?")
    assert frame_row(ghana, q, CitationList()) == (
        "Ghana's Legal System is Mixed (Lower House Maj.; Languages English), according to "
        "Index of States [1].")
    assert "●" not in frame_row(kenya, parse_question("What languages does Kenya list?"),
                                CitationList())


def test_a_row_is_framed_by_the_column_named_by_a_word_of_the_same_measure() -> None:
    states = chunk("States | Forms of State | GDP (billions) | Population (millions)\n"
                   "Nigeria | Federal | 568.5 | 177.5", kind="table", document="Index of States")
    nigeria = next(u for u in units(states) if u.kind == "row")
    q = parse_question("How many people live in Nigeria according to the index of states?")
    assert frame_row(nigeria, q, CitationList()).startswith(
        "Nigeria's Population (millions) is 177.5 (")


ROADMAP = chunk(
    "Indicator | Activity ID | Activities | Lead Organization | Timeline\n"
    "Indicator: OI 3.1 | Activity ID: 3.1.2 | Activities: 3 training modules are developed | "
    "Lead Organization: DIAL | Timeline: (TBD on proposal dev.)",
    kind="table", source="roadmap.xlsx", document="High Level Road Map")


def test_a_spreadsheet_row_is_framed_by_the_column_the_question_names() -> None:
    row = next(u for u in units(ROADMAP) if u.kind == "row")
    q = parse_question("Which organization leads the training modules?")
    assert frame_row(row, q, CitationList()) == (
        "Lead Organization: DIAL (Activity ID: 3.1.2; Indicator: OI 3.1; Activities: 3 training "
        "modules are developed; Timeline: (TBD on proposal dev.)), according to High Level "
        "Road Map [1]."
    )


def test_a_long_cell_holding_what_is_asked_is_framed_not_left_to_the_citation() -> None:
    deliverable = ("Prepare Scope of Work (potential outsourced activities): Landscape "
                   "assessment (building blocks), Enterprise architecture and curriculum design")
    sheet = chunk(
        "Indicator | Activity ID | Deliverable | Lead Organization\n"
        f"Indicator: OI 3.1 | Activity ID: 3.1.2 | Deliverable: {deliverable} | "
        "Lead Organization: DIAL", kind="table", source="roadmap.xlsx", document="Road Map")
    row = next(u for u in units(sheet) if u.kind == "row")
    # Past the length a frame repeats, but it holds three of the question's words.
    assert len(deliverable) > 120
    asked = parse_question("Which potential outsourced activities are listed for the scope "
                           "of work to prepare?")
    assert "Landscape assessment" in frame_row(row, asked, CitationList())
    # A question asking none of it leaves it to the citation, as before.
    other = parse_question("Which organization leads activity 3.1.2?")
    assert "Landscape assessment" not in frame_row(row, other, CitationList())


def test_a_spreadsheet_row_no_column_of_which_is_asked_is_quoted_as_printed() -> None:
    # "Activity ID: 3.1.2" is a number, but not what was asked: no "Activity ID is 3.1.2".
    answer = compose_answer(_select("What happens with the 3 training modules?", ROADMAP),
                            CONFIG, CitationList())
    assert answer.startswith("Indicator: OI 3.1 | Activity ID: 3.1.2 | Activities:")


def test_a_short_list_is_one_sentence_citing_its_lead_in() -> None:
    items = [u for u in units(LIST) if u.kind == "item"]
    cites = CitationList()
    assert render_list(items, cites) == (
        "The framework has four pillars: Leadership, Skills, Infrastructure and Data [1][2][3][4][5]."
    )
    assert cites.items[0].text == "The framework has four pillars:"


def test_a_short_list_is_joined_in_its_documents_language() -> None:
    # "... cinq niveaux : A, B et C", not "A, B and C" inside a French sentence.
    french = replace(chunk("Il définit trois niveaux de maturité :\n- Naissant\n- Émergent\n"
                           "- Innovant", kind="list"), language="fr")
    items = [u for u in units(french) if u.kind == "item"]
    assert render_list(items, CitationList()).startswith(
        "Il définit trois niveaux de maturité: Naissant, Émergent et Innovant [1]")


def test_a_long_list_stays_bullets_under_its_lead_in() -> None:
    steps = chunk("Steps to take:\n" + "\n".join(f"- Step {i} of the plan" for i in range(1, 10)),
                  kind="list", section="PLAN")
    cites = CitationList()
    text = render_list([u for u in units(steps) if u.kind == "item"], cites)
    assert text == "Steps to take: [1]\n\n" + "\n".join(
        f"- Step {i} of the plan [{i + 1}]" for i in range(1, 10)
    )


def test_passages_of_several_countries_are_labelled_by_country() -> None:
    q = parse_question("What challenges do Kenya and Norway face?")
    blocks = [[units(KENYA_CHALLENGES)[0]], [units(NORWAY_CHALLENGES)[0]]]
    assert render(blocks, q, CitationList()) == (
        "**Kenya**\n\nKenya faces challenges in rural connectivity and the cost of devices, "
        "which hold back the uptake of online services. [1]\n\n**Norway**\n\nNorway reports a "
        "shortage of digital skills among older residents as the main challenge for its "
        "online services. [2]"
    )


def test_the_default_composer_answers_a_figure_from_the_row() -> None:
    selection = _select("What is Uruguay's readiness score?", TABLE, PROSE)
    cites = CitationList()
    assert compose_answer(selection, CONFIG, cites) == (
        "URY's Readiness score is 0.72 (Rank 7; Region Americas), according to "
        "Table 3 Digital Readiness Index 2024 [1]."
    )


def test_the_highest_figure_is_the_row_with_the_largest_value() -> None:
    selection = _select("Which country has the highest readiness score?", TABLE, PROSE)
    assert compose_answer(selection, CONFIG, CitationList()) == (
        "Norway's Readiness score is 0.93 (Rank 1; Region Europe), according to "
        "Table 3 Digital Readiness Index 2024 [1]."
    )


def test_the_lowest_rank_is_the_row_with_the_largest_position() -> None:
    selection = _select("Which country has the lowest rank?", TABLE, PROSE)
    answer = compose_answer(selection, CONFIG, CitationList())
    assert answer.startswith("Kenya's Rank is 12")


def test_rows_tied_at_the_extreme_are_all_the_answer() -> None:
    tied = chunk(
        "Table 3 Digital Readiness Index 2024.\n"
        "Country | Region | Readiness score | Rank\n"
        "Kenya | Africa | 0.61 | 12\n"
        "Chad | Africa | 0.61 | 12\n"
        "Norway | Europe | 0.93 | 1",
        kind="table", section="RESULTS",
    )
    selection = _select("Which countries share the lowest readiness score?", tied, PROSE)
    answer = compose_answer(selection, CONFIG, CitationList())
    assert "Kenya" in answer and "Chad" in answer and "Norway" not in answer


def test_the_extreme_is_read_over_the_whole_table_not_only_the_rows_retrieved() -> None:
    # A long table is split into chunks and only one is retrieved: "the lowest" may be in
    # another. Asked "which ... has the lowest", the rows retrieved would give Kenya.
    head = "Table 3 Digital Readiness Index 2024.\nCountry | Region | Readiness score | Rank\n"
    first = chunk(head + "Kenya | Africa | 0.61 | 12\nURY | Americas | 0.72 | 7",
                  kind="table", section="RESULTS")
    rest = chunk(head + "Chad | Africa | 0.40 | 19\nNorway | Europe | 0.93 | 1",
                 kind="table", section="RESULTS", page=2)
    selection = _select("which country has the lowest readiness score of all?", first, PROSE)
    answer = compose_answer(selection, CONFIG, CitationList(), neighbour=reader([first, rest]))
    assert answer.startswith("Chad's Readiness score is 0.40 (Rank 19")


def test_the_top_and_the_bottom_are_both_ends_of_the_table_the_top_first() -> None:
    head = "Table 3 Digital Readiness Index 2024.\nCountry | Region | Readiness score | Rank\n"
    table = chunk(head + "Kenya | Africa | 0.61 | 12\nChad | Africa | 0.40 | 19\n"
                  "Norway | Europe | 0.93 | 1", kind="table", section="RESULTS")
    selection = _select("how far apart are the top and the bottom on the readiness score?",
                        table, PROSE)
    lines = compose_answer(selection, CONFIG, CitationList()).splitlines()
    assert [line.split("'s ")[0] for line in lines] == ["- Norway", "- Chad"]


def test_rows_sharing_a_value_bring_another_column_the_question_names() -> None:
    # "which are African, and what sub-region is each in": Region holds the value asked,
    # Sub-Region is read of each row too; asked only which, the names alone.
    table = chunk("Table 1 Members.\nCountry | Region | Sub-Region | Score\n"
                  "Egypt | Africa | Northern Africa | 0.59\n"
                  "Nigeria | Africa | Western Africa | 0.45\n"
                  "Malaysia | Asia | South-Eastern Asia | 0.79", kind="table")
    both = Selection(parse_question("which of them are in africa, and what sub-region is each in?"),
                     _ranked_rows(table))
    assert compose_answer(both, CONFIG, CitationList()).startswith(
        "Region is Africa for Egypt (Sub-Region Northern Africa) [1] and "
        "Nigeria (Sub-Region Western Africa) [2]")
    one = Selection(parse_question("which of them are in the africa region?"), _ranked_rows(table))
    assert compose_answer(one, CONFIG, CitationList()).startswith(
        "Region is Africa for Egypt [1] and Nigeria [2]")
    # "Forms of State" is named only by the words of the value's column and of the things
    # listed ("states"): not asked.
    forms = chunk("Table 4 Index of States.\nState | Forms of Government | Forms of State\n"
                  "Jordan | Monarchical | Unitary\nOman | Monarchical | Unitary\n"
                  "Chile | Republican | Unitary", kind="table")
    asked = "Which states in the index of states have a monarchical form of government?"
    listed = Selection(parse_question(asked), _ranked_rows(forms))
    assert compose_answer(listed, CONFIG, CitationList()).startswith(
        "Forms of Government is Monarchical for Jordan [1] and Oman [2]")


def test_which_one_ranks_worst_is_the_table_extreme_though_a_sentence_shares_more_words() -> None:
    # "Which member ranks worst" reads like a list ("which"), and a sentence on ranks
    # going worse shares its words; the table's largest position answers it.
    sentence = chunk("Kenya ranks worse than before, and the worst ranks went to new members.",
                     section="RESULTS")
    selection = _select("Which member ranks worst in the readiness index?", sentence, TABLE)
    assert selection.question.kind == "figure" and selection.question.extreme == "min"
    answer = compose_answer(selection, CONFIG, CitationList())
    assert answer.startswith("Kenya's ") and "12" in answer and "Norway" not in answer


def test_which_city_has_the_best_services_is_the_extreme_of_the_table_that_lists_cities(
) -> None:

    cities = chunk("Table 2 Local online services 2020.\nCountry | City | Score | Group\n"
                   "Iran | Tehran | 0.15 | Low\nTurkey | Istanbul | 0.76 | High\n"
                   "Egypt | Cairo | 0.35 | Middle", kind="table")
    scored = _ranked_rows(cities)
    best = Selection(parse_question("Which city has the best local online services?"), scored)
    assert "Istanbul" in compose_answer(best, AnswerSettings(), CitationList()).split("(")[0]
    # Words the table's caption and header never print ask about something else.
    other = Selection(parse_question("Which city has the best practices on open data?"), scored)
    assert "Tehran" in compose_answer(other, AnswerSettings(), CitationList())


def test_best_practices_asks_for_no_extreme_figure() -> None:
    assert parse_question("What are the best practices for open data?").kind == "list"


def test_a_count_stated_in_a_lead_in_comes_with_the_list_it_announces() -> None:
    # "It defines five maturity levels:" alone answers "how many" but reads as a fragment.
    levels = chunk("The assessment helps governments. It defines three maturity levels:\n"
                   "- Nascent\n- Emerging\n- Innovative", kind="list", section="LEVELS")
    selection = _select("How many maturity levels does the assessment define?", levels)
    answer = compose_answer(selection, CONFIG, CitationList(), neighbour=reader([levels]))
    assert "three maturity levels: Nascent, Emerging and Innovative [" in answer
    assert not answer.rstrip().endswith(":")


def test_a_list_question_is_answered_by_the_whole_list() -> None:
    selection = _select("What are the four pillars of the framework?", PROSE, LIST)
    cites = CitationList()
    assert compose_answer(selection, CONFIG, cites) == (
        "The framework has four pillars: Leadership, Skills, Infrastructure and Data [1][2][3][4][5]."
    )
    assert [c.text for c in cites.items] == [
        "The framework has four pillars:", "Leadership", "Skills", "Infrastructure", "Data",
    ]


def test_a_definition_spells_out_the_abbreviation() -> None:
    selection = _select("What does DRI stand for?", PROSE)
    text = compose_answer(selection, CONFIG, CitationList())
    assert text.startswith("DRI stands for Digital Readiness Index [1]. The Digital Readiness")


def test_a_section_is_quoted_whole_in_reading_order() -> None:
    q = parse_question("What challenges does Kenya face?")
    text = compose_answer(Selection(q), CONFIG, CitationList(), section=[PROSE, KENYA_CHALLENGES])
    assert text == (
        "The U.N. report, e.g. in Fig. 2, shows progress. [1] Kenya expanded mobile services in "
        "2023. [2] The Digital Readiness Index (DRI) measures how ready governments are for "
        "digital services. [3] Kenya faces challenges in rural connectivity and the cost of "
        "devices, which hold back the uptake of online services. [4]"
    )


def test_a_decline_says_what_is_missing_and_cites_the_closest_passages() -> None:
    q = parse_question("What is Peru's score?")
    assert decline(q, "Peru").text == "The documents do not cover Peru."
    draft = decline(q, "Peru", [units(PROSE)[1], units(TABLE)[1]])
    assert draft.abstained and draft.text == (
        "The documents do not cover Peru. The closest passages are under “Kenya” in Annual "
        "Report 2024 [1] and under “RESULTS” in Annual Report 2024 [2]."
    )
    # Two passages in one place: the place is named once.
    same_place = decline(q, "Peru", units(PROSE)[:2])
    assert same_place.text == (
        "The documents do not cover Peru. The closest passages are under “Kenya” in Annual "
        "Report 2024 [1][2]."
    )


def test_what_is_missing_names_the_unknown_country_else_the_subject() -> None:
    assert what_is_missing(parse_question("What is Peru's score?"), {"Kenya"}) == "Peru"
    kenya_2019 = parse_question("What was Kenya's readiness score in 2019?")
    assert what_is_missing(kenya_2019, {"Kenya"}) == "this question for Kenya for the year asked"
    part = parse_question("What did Kenya get on the content provision criterion?")
    assert what_is_missing(part, {"Kenya"}) == "the content provision criterion for Kenya"


def test_a_definition_spells_out_a_lower_case_long_form() -> None:
    glossary = chunk("Data come from the collection on women and men in decision-making (WMID). "
                     "WMID data are updated every year.", section="GLOSSARY")
    selection = _select("What does WMID stand for?", glossary)
    cites = CitationList()
    text = compose_answer(selection, AnswerSettings(min_support=0.0), cites)
    assert text.startswith("WMID stands for women and men in decision-making [1].")


def test_what_an_abbreviation_stands_for_is_quoted_from_the_passage_spelling_it_out() -> None:
    spelled = chunk("Figures come from the collection on women and men in decision-making (WMID) "
                    "in each ministry.", section="SOURCES")
    defined = chunk("WMID data are a form of administrative data kept by each organisation.",
                    section="NATURE OF DATA")
    config = AnswerSettings(min_support=0.0)
    text = compose_answer(_select("What does WMID stand for?", defined, spelled), config,
                          CitationList())
    assert text == f"WMID stands for women and men in decision-making [1]. {spelled.text} [1]"
    # Asked what it is, the sentence defining it comes after the letters spelled out.
    text = compose_answer(_select("What is WMID?", defined, spelled), config,
                          CitationList())
    assert text == f"WMID stands for women and men in decision-making [1]. {defined.text} [2]"


def test_a_list_split_over_chunks_is_quoted_whole() -> None:
    lead = "Digital skills divide into these kinds:"
    first = replace(chunk(f"{lead}\n- Technical skills\n- Information skills", kind="list",
                          section="SKILLS"), ordinal=1)
    second = replace(chunk(f"{lead}\n- Communication skills\n- Enterprise skills",
                           kind="list", section="SKILLS"), ordinal=2)
    neighbour = reader([first, second])

    selection = _select("Into which kinds can digital skills be divided?", second)
    text = compose_answer(selection, CONFIG, CitationList(), neighbour=neighbour)
    for skill in ("Technical", "Information", "Communication", "Enterprise"):
        assert f"{skill} skills" in text
    assert text.count(lead) <= 1  # the repeated lead-in is quoted once


def test_a_lettered_list_whose_items_run_on_in_paragraphs_is_quoted_whole() -> None:
    section = "Coding Types"
    parts = [
        ("The indicators fall into a number of main types:\n- (A) factual indicators coded by "
         "the team", "list"),
        ("For several factual variables, the data were checked twice.", "text"),
        ("- (B) factual indicators coded by country coordinators", "list"),
        ("- (C) evaluative indicators rated by country experts", "list"),
        ("- 1) a numbered list of another kind", "list"),
    ]
    chunks = [replace(chunk(text, kind=kind, section=section), ordinal=i)
              for i, (text, kind) in enumerate(parts)]
    selection = _select("Which types of indicators are distinguished?", chunks[0])
    text = compose_answer(selection, CONFIG, CitationList(), neighbour=reader(chunks))
    assert "(B) factual" in text and "(C) evaluative" in text
    assert "checked twice" not in text and "another kind" not in text


def test_a_list_written_as_headings_is_quoted_as_its_subsection_titles() -> None:
    lead = replace(chunk("The model has five levels.\nThe levels are described below:",
                         section="Models > Gartner"), ordinal=1)
    parts = [
        replace(chunk(f"At this level {body}.", section=f"Models > Gartner > {title}"),
                ordinal=n)
        for n, (title, body) in enumerate(
            [("Level 1: Initial", "services go online"), ("Level 2: Open", "data opens"),
             ("Level 3: Data-centric", "data leads")], start=2)
    ]
    after = replace(chunk("Another model.", section="Models > CMMI"), ordinal=5)
    neighbour = reader([lead, *parts, after])

    selection = _select("What are the levels described?", lead)
    cites = CitationList()
    text = compose_answer(selection, CONFIG, cites, neighbour=neighbour)
    for title in ("Level 1: Initial", "Level 2: Open", "Level 3: Data-centric"):
        assert title in text
    assert "Another model" not in text and "CMMI" not in text
    # each title is cited to its own section
    assert {c.section for c in cites.items} >= {p.section for p in parts}


def test_a_lead_in_ending_its_passage_brings_the_list_that_opens_the_next() -> None:
    # "... covers the following topics." then footnote marks "1,2"; the list is the next
    # passage of the same section.
    lead = replace(chunk("The toolkit has two parts.\nThe Curriculum covers the following "
                         "topics.\n1,2", kind="list", section="CURRICULUM"), ordinal=1)
    topics = replace(chunk("- Changing Mindsets\n- Digital Governance\nThe talk ended.",
                           kind="list", section="CURRICULUM"), ordinal=2)
    neighbour = reader([lead, topics])

    selection = _select("What topics does the curriculum cover?", lead)
    text = compose_answer(selection, CONFIG, CitationList(), neighbour=neighbour)
    assert "Changing Mindsets" in text and "Digital Governance" in text, text
    assert "1,2" not in text


def test_a_definition_brings_the_sentence_that_goes_on_about_the_term() -> None:
    glossary = chunk("In Robotic Process Automation a software robot learns a set of operations. "
                     "This is often used to automate repetitive tasks. Salary costs are wages.",
                     section="GLOSSARY")
    text = compose_answer(_select("How is robotic process automation defined?", glossary),
                          CONFIG, CitationList())
    assert text == ("In Robotic Process Automation a software robot learns a set of operations. "
                    "[1] This is often used to automate repetitive tasks. [2]")


def test_a_definition_a_page_break_cut_is_quoted_with_its_end() -> None:
    head = replace(chunk("Direct public services are the services provided by an authority "
                         "enabling the person to perform an obligation", section="Notes"),
                   ordinal=1)
    end = replace(chunk("deriving from law, per Government Regulation No. 88.", section="Notes",
                        page=2), ordinal=2)
    text = compose_answer(_select("How are direct public services defined?", head), CONFIG,
                          CitationList(), neighbour=reader([head, end]))
    assert text.endswith("obligation deriving from law, per Government Regulation No. 88. [1]")


def test_a_sentence_reporting_what_people_were_asked_brings_their_answers() -> None:
    survey = chunk("When asked what they liked most about the course, many answers came. "
                   "As such, the field visits were found useful. It was also said that the "
                   "peer review helped. Respondents were also asked about the venue. It was fine.")
    first = units(survey)[0]
    blocks = with_context([first], reader([survey]))
    assert [u.text for u in blocks[0]] == [u.text for u in units(survey)[:3]]


def test_an_example_opening_the_next_page_comes_with_the_sentence_it_illustrates() -> None:
    """"In this case ... remove the service." ends page 46; "Example: ..." opens page 47 in
    the same section: the example is part of what the quote says. A slide's first line
    starts its slide, and another section's first sentence is about that section."""
    page46 = chunk("Sometimes outdated services are found in the legislation. In this case the "
                   "recommendation is to remove the service.", page=46)
    page47 = chunk("Example: authorization of stamps by the police. Stamps were abolished.",
                   page=47)
    blocks = with_context([units(page46)[0]], reader([page46, page47]))
    assert [u.text for u in blocks[0]] == [*[u.text for u in units(page46)],
                                           units(page47)[0].text]
    elsewhere = replace(page47, section="Duplication or overlap")
    blocks = with_context([units(page46)[0]], reader([page46, elsewhere]))
    assert [u.text for u in blocks[0]] == [u.text for u in units(page46)]
    slides = [replace(c, kind="slide") for c in (page46, page47)]
    blocks = with_context([units(slides[0])[0]], reader(slides))
    assert [u.text for u in blocks[0]] == [u.text for u in units(slides[0])]


def test_a_lead_in_announcing_a_table_brings_its_rows_as_items() -> None:
    lead, table = (
        chunk("The running phase is the third phase\nThe following are the relevant "
              "e-competencies for this phase.", section="Run"),
        chunk("Relevant e-Competencies | Stakeholders Involved\nC.1. User Support | IT personnel\n"
              "C.2. Change Support | Trainers", kind="table", section="Run"),
    )
    selection = _select("Which e-competencies are relevant in the run phase?", lead)
    text = compose_answer(selection, CONFIG, CitationList(), neighbour=reader([lead, table]))
    assert text.endswith(
        "- C.1. User Support (Stakeholders Involved: IT personnel) [2]\n"
        "- C.2. Change Support (Stakeholders Involved: Trainers) [3]"), text


def test_a_sentence_cut_by_a_page_break_is_joined_and_cited_once_across_both_pages() -> None:
    first = units(chunk("Nigeria has political will. An E-Government Training Center is available",
                        page=10))
    rest = units(chunk("for building capacity of public servants.", page=11))
    cites = CitationList()
    text = render([[*first, *rest]], parse_question("What opportunities?"), cites)
    assert text == ("Nigeria has political will. [1] An E-Government Training Center is available "
                    "for building capacity of public servants. [2]")
    assert [c.where for c in cites.items] == ["p. 10", "p. 10-11"]


def test_a_sentence_cut_by_a_page_break_brings_its_end_past_a_figure_caption() -> None:
    page5 = chunk("The gap is the biggest in the Dhaka pair, and the smallest in the Istanbul",
                  page=5)
    page6 = chunk("Figure 5 OSI and LOSI comparison.\npair.\nCountry presentations follow.",
                  page=6)
    blocks = with_context([units(page5)[0]], reader([page5, page6]))
    assert [u.text for u in blocks[0]] == [units(page5)[0].text, "pair."]
    # The end alone is no answer: it is quoted with its start.
    assert "pair." not in [s.unit.text for s in _select("which pair has the gap?", page6).scored]


def test_a_title_slide_crediting_its_presenter_answers_who_presented() -> None:
    # A slide's line may start in lower case: it continues no sentence of the slide before.
    title = chunk("E-Governance: emerging issues\npresentation by Alexei Tikhomirov Acting Head",
                  kind="slide", section="E-Governance: emerging issues", page=2)
    scored = _select("who presented the e-governance slides?", title).scored
    credit = next(s for s in scored if s.unit.text.startswith("presentation by Alexei"))
    assert credit.fit >= 0.08  # a passage naming a person, for a who-question


def test_a_figure_stated_in_a_sentence_cut_by_a_page_break_is_quoted_whole() -> None:
    page8 = chunk("Ghana's President issued five directives on infrastructure and sectors",
                  page=8)
    page9 = chunk("such as health and education. Other plans followed.", page=9)
    q = parse_question("how many directives did Ghana's president issue?")
    vectors = UnitVectors(word_hash_embed)
    selection = select(q, hits(page8), word_hash_embed([q.text])[0], vectors, lambda t: 1.0, {},
                       CONFIG)
    text = compose_answer(selection, CONFIG, CitationList(), neighbour=reader([page8, page9]))
    assert text == ("Ghana's President issued five directives on infrastructure and sectors "
                    "such as health and education. [1]"), text


def test_rows_named_by_their_entity_cells_are_compared() -> None:
    cities = chunk("Table 2 Cities.\nCountry | City | Group | Score\nEgypt | Cairo | Middle | 0.35\n"
                   "Nigeria | Lagos | Middle | 0.4\nTurkey | Istanbul | Very High | 0.76",
                   kind="table")
    text = compose_answer(_select("cairo or lagos, which one did better?", cities), CONFIG,
                          CitationList())
    assert "0.35" in text and "0.4" in text and "0.76" not in text, text
    # One named city asks for a figure whose column the question must name.
    assert not _select("how many people live in lagos?", cities).scored
    # Two named cities are compared on their rows, though a sentence on a gap scores above.
    gap = chunk("The gap between the two indices is the biggest in the Istanbul pair and the "
                "smallest in the Cairo pair.")
    selection = _select("istanbul vs cairo, how big is the gap", gap, cities)
    assert selection.scored[0].unit.kind == "sentence"
    text = compose_answer(selection, CONFIG, CitationList())
    assert "0.35" in text and "0.76" in text, text


@pytest.mark.parametrize(("passage", "section", "question", "kept", "left"), [
    # a sentence that goes on about the quote
    ("The establishment of a National Spatial Data Infrastructure is one of the main "
     "opportunities for development, relying on satellite imagery and mapping. This is used "
     "for resource management and land use. Other opportunities lie in eHealth services.",
     "Egypt > Opportunities", "What is the NSDI used for?",
     "This is used for resource management and land use. [2]", "eHealth"),
    # one that remedies what the quote states
    ("Another challenge identified by Kenya is that its digital infrastructure is not "
     "comprehensive in coverage and in the use of emerging technologies. To solve the issue, "
     "the country will upgrade and expand its infrastructure. Kenya also sees opportunities.",
     "Kenya > Challenges", "what is Kenya's fix?",
     "To solve the issue, the country will upgrade and expand", "opportunities"),
    # one that names parts of what the quote names
    ("The latest survey showed that many countries pursue strategies radically different "
     "from earlier ones. Some of the new approaches include platforms, agile development and "
     "data-centric services. Kenya also sees opportunities.",
     "BACKGROUND", "what did the latest survey show?",
     "Some of the new approaches include platforms, agile development", "opportunities"),
], ids=["goes-on", "remedies", "names-parts"])
def test_a_sentence_that_carries_on_from_the_quote_comes_with_it(
    passage: str, section: str, question: str, kept: str, left: str
) -> None:
    text = render(_with_context_of(chunk(passage, section=section)), parse_question(question),
                  CitationList())
    assert kept in text
    assert left not in text


def test_a_labelled_item_defines_its_label_on_its_own() -> None:
    stages = chunk("Stages\n- 1. Basic: a website informs\n- 2. Linked: services cut across "
                   "ministries", kind="list", section="Four stages")
    text = compose_answer(_select("what does Linked mean?", stages), CONFIG, CitationList())
    assert text == "2. Linked: services cut across ministries [1]", text


def _with_context_of(c: Chunk):
    from assistant.passages import with_context
    return with_context([units(c)[0]])


def test_a_step_asked_for_is_named_by_its_heading() -> None:
    level = chunk("It is possible at this stage to meet privacy-related backlashes from citizens.",
                  section="Gartner model > Level 4: Managed (Fully Digital)")
    cites = CitationList()
    answer = compose_answer(_select("At which maturity level can privacy backlashes happen?",
                                    level), CONFIG, cites)
    assert answer == ("Level 4: Managed (Fully Digital) [2]: It is possible at this stage to meet "
                      "privacy-related backlashes from citizens. [1]")


def test_a_step_asked_for_is_named_by_the_slide_line_that_numbers_it_once() -> None:
    slide = chunk("Stage 2 – Enhanced services\nThe sites offer downloadable forms. "
                  "The sites have audio and video and are multi-lingual.", kind="slide",
                  section="Four Stages of Online Service Development")
    question = "at which stage do government sites get audio, video and several languages"
    assert parse_question(question).kind == "figure"  # a step of the series, not the series
    answer = compose_answer(_select(question, slide), CONFIG, CitationList())
    assert answer.startswith("Stage 2 – Enhanced services [2]: The sites have audio"), answer
    assert answer.count("Stage 2") == 1
    assert parse_question("which stages are there in the model?").kind == "list"
    assert parse_question("at which stage can citizens ask for forms?").kind == "figure"


def test_a_sentence_a_list_repeats_as_its_lead_in_is_said_once() -> None:
    prose = chunk("The assessment helps governments. It defines three levels:")
    levels = chunk("The assessment helps governments. It defines three levels:\n- Nascent\n"
                   "- Emerging\n- Agile", kind="list")
    blocks = [list(units(prose)), [u for u in units(levels) if u.kind == "item"]]
    answer = render(blocks, parse_question("What does the assessment do?"), CitationList())
    assert answer.count("The assessment helps governments.") == 1
    assert answer.endswith("Nascent, Emerging and Agile [1][2][3][4].")


def test_a_table_asked_what_it_records_is_answered_by_its_header() -> None:
    from assistant.understand import asks_fields

    assert asks_fields("What information does the Who's Who report collect for each person?")
    assert asks_fields("Which fields are recorded in the register?")
    assert not asks_fields("What information is available on Kenya?")
    assert not asks_fields("Which data sources does the index use?")
    form = chunk("Name | Email | Institution | Role\nJohn Doe | j@d.org | ICT Authority | Director",
                 kind="table", document="Who's Who Report")
    row = units(form)[0]
    question = parse_question("What information does the Who's Who report collect?")
    answer = render([[row]], question, CitationList())
    assert answer == "Who's Who Report records: Name, Email, Institution and Role [1]."


def test_a_list_of_rows_holding_the_value_asked_names_each_row() -> None:

    table = chunk("Table 2 Cities 2020.\nCountry | City | Score | Group\n"
                  "Iran | Tehran | 0.15 | Low\nEgypt | Cairo | 0.61 | High\n"
                  "Pakistan | Karachi | 0.21 | Low", kind="table")
    scored = _ranked_rows(table)
    cities = Selection(parse_question("Which cities were in the Low group?"), scored)
    # Every row reading "Low", by the column the question asks for, each cited.
    assert compose_answer(cities, AnswerSettings(), CitationList()) == (
        "Group is Low for Tehran [1] and Karachi [2], according to Table 2 Cities 2020.")
    countries = Selection(parse_question("Which countries were in the Low group?"), scored)
    assert compose_answer(countries, AnswerSettings(), CitationList()).endswith(
        "for Iran [1] and Pakistan [2], according to Table 2 Cities 2020.")
    # The noun asked may come a few words after "which", past a group's name.
    big = Selection(parse_question("which d-8 capitals or big cities were classed low?"), scored)
    assert compose_answer(big, AnswerSettings(), CitationList()).startswith(
        "Group is Low for Tehran [1] and Karachi [2]")
    # A value the question does not name lists nothing: the best row answers as before.
    other = Selection(parse_question("Which cities had the highest score?"), scored)
    assert "Karachi" not in compose_answer(other, AnswerSettings(), CitationList())


def test_the_rows_listed_hold_the_value_the_question_names_most_fully() -> None:

    table = chunk("Table 1 States.\nState | Legal System | Form of State\n"
                  "Jordan | Mixed Civil Law/Muslim Law | Unitary\n"
                  "Afghanistan | Muslim Law | Unitary\nMaldives | Muslim Law | Unitary\n"
                  "Iraq | Mixed Civil Law/Muslim Law | Federal", kind="table")
    scored = _ranked_rows(table)
    # The best-ranked row reads "Mixed Civil Law/Muslim Law"; the question names the value
    # "Muslim Law" (and "mixed", less of it): the rows reading "Muslim Law" are the answer.
    states = Selection(parse_question("Which states have Muslim Law, not mixed?"), scored)
    assert compose_answer(states, AnswerSettings(), CitationList()) == (
        "Legal System is Muslim Law for Afghanistan [1] and Maldives [2], "
        "according to Table 1 States.")


def test_rows_holding_the_value_are_gathered_from_the_whole_table() -> None:

    header = "State | Legal System | Form of State\n"
    first = chunk(header + "Afghanistan | Muslim Law | Unitary\nAlbania | Civil Law | Unitary",
                  kind="table", page=1)
    second = chunk(header + "Maldives | Muslim Law | Unitary\nMexico | Civil Law | Federal",
                   kind="table", page=3)
    # Only the first chunk's rows were retrieved; the table goes on in the second.
    scored = _ranked_rows(first)
    neighbour = reader([first, second])
    states = Selection(parse_question("Which states have Muslim Law?"), scored)
    assert compose_answer(states, AnswerSettings(), CitationList(), neighbour=neighbour) \
        .startswith("Legal System is Muslim Law for Afghanistan [1] and Maldives [2]")
    # A question about one country's row lists no other rows.
    afghan = Selection(parse_question("Is Afghanistan under Muslim Law, and which form of "
                                      "state is listed?"), scored)
    assert "Maldives" not in compose_answer(afghan, AnswerSettings(), CitationList(),
                                            neighbour=neighbour)


def test_the_column_the_question_names_holds_the_value_and_a_long_table_is_read_past_notes(
) -> None:

    # Page 1, its footnotes, then page 2 whose header prints an empty column more.
    first = chunk("State | Legal System | Controls\nAlgeria | Mixed Civil Law/Muslim Law | "
                  "Centralized\nAlbania | Civil Law | Mixed", kind="table", page=1)
    notes = chunk("(1) Unless stated otherwise, members are elected.", page=1)
    second = chunk("State |  | Legal System | Controls\nYemen |  | Mixed Muslim Law/Customary | "
                   "Centralized\nZambia |  | Common law | Centralized", kind="table", page=2)
    scored = _ranked_rows(first)
    # "Mixed" alone is a Controls cell (Albania); the question names the Legal System.
    mixed = Selection(parse_question("Which states have a mixed legal system?"), scored)
    answer = compose_answer(mixed, AnswerSettings(), CitationList(),
                            neighbour=reader([first, notes, second]))
    assert answer == ("Legal System is Mixed for Algeria (Mixed Civil Law/Muslim Law) [1] and "
                      "Yemen (Mixed Muslim Law/Customary) [2], according to Annual Report 2024.")


def test_a_list_of_rows_cut_short_says_so() -> None:

    table = chunk("State | Legal System\n" + "\n".join(
        f"State {i} | Muslim Law" for i in range(30)), kind="table")
    scored = _ranked_rows(table, step=0.01)
    states = Selection(parse_question("Which states have Muslim Law?"), scored)
    answer = compose_answer(states, AnswerSettings(), CitationList())
    assert "State 19 [20] among others, according to" in answer and "State 20 " not in answer


def test_a_part_says_only_what_the_parts_before_did_not() -> None:
    from assistant.answer_parts import unsaid as _unsaid
    from assistant.series import names_items
    from assistant.types import Citation

    said = [Citation(1, "Doc", "doc.md", None, None, "The article compares 17 models.", "c1")]
    text = ("The article compares 17 models. [1] It finds three main stages: presence, "
            "communication, and integration. [2]")
    assert _unsaid(text, said) == (
        "It finds three main stages: presence, communication, and integration. [2]")
    # The quote already given is dropped where it ends the part's answer too.
    assert _unsaid("Experts are screened. [2] The article compares 17 models. [1]", said) == (
        "Experts are screened. [2]")
    # A list item given already goes with its bullet: no empty bullets before what is new.
    items = [Citation(n, "Doc", "doc.md", None, None, f"Type-{n}: skills", f"c{n}")
             for n in (2, 3)]
    assert _unsaid("- Type-2: skills [2]\n- Type-3: skills [3]\n\nThe plan runs to 2015. [7]",
                   items) == "The plan runs to 2015. [7]"
    # A sentence naming the things after a colon is a list of its own; commas alone are not.
    compares, finds = units(chunk(text.replace(" [1]", "").replace(" [2]", "")))
    assert names_items(finds, 3) and not names_items(compares, 3)
    assert not names_items(units(chunk("Services, in annex 1, are listed, as planned."))[0], 3)


def _answering(*chunks: Chunk) -> FakeEvidence:
    """FakeEvidence with what the default composer reads besides: no filters, no acronyms."""
    evidence = FakeEvidence(*chunks)
    evidence.filters = SimpleNamespace(countries=())  # type: ignore[attr-defined]
    evidence.retriever = SimpleNamespace(acronyms={})  # type: ignore[attr-defined]
    return evidence


@pytest.mark.parametrize("asked, distractor", [
    pytest.param("Is activity 4.1 planned, and what resources would it need?",
                 "The resources needed would vary with each project.", id="its-need"),
    pytest.param("What does the DRI stand for, and what does it measure?",
                 "Each year the survey team does measure the progress of every member state.",
                 id="what-it-does"),
])
def test_a_part_answered_by_what_is_quoted_adds_no_other_passage(
        asked: str, distractor: str) -> None:
    from assistant.answer_parts import in_parts as _in_parts
    from assistant.parts import question_parts

    roadmap = chunk("Activity | Inputs | Status\nActivity: 4.1 | Inputs: a service contract | "
                    "Status: not planned yet", kind="table", section="Roadmap")
    evidence = _answering(roadmap, PROSE, chunk(distractor, section="Notes"))
    question = parse_question(asked)
    draft, _ = _in_parts(question, question_parts(question), evidence, None)  # type: ignore[arg-type]
    # The part's one word ("resources", "measure") says what is asked, the question about
    # what: the passage quoted for the question answers the part; a passage that shares
    # the part's words but is about something else is not quoted.
    assert [c.text for c in draft.cites.items if distractor in c.text] == []
    assert len(draft.cites.items) == 1


def test_a_part_the_quoted_sentence_does_not_answer_is_answered_from_its_passage() -> None:
    from assistant.answer_parts import in_parts as _in_parts
    from assistant.parts import question_parts

    article = chunk("The Almuftah and Weerakkody article on e-government maturity models compares "
                    "17 different maturity models of e-government. It emphasizes that most have "
                    "three main stages: presence, communication, and integration.",
                    section="Comparing maturity models")
    question = parse_question("How many e-government maturity models did Almuftah and "
                              "Weerakkody compare, and what main stages do most share?")
    evidence = _answering(article)
    evidence.settings = SimpleNamespace(answer=AnswerSettings(min_support=0.5))
    draft, _ = _in_parts(question, question_parts(question), evidence, None)  # type: ignore[arg-type]
    # The quoted count names no stage, so it does not answer the part; the next sentence of
    # the passage quoted does ("it": the article), with an answer's support, not the more
    # a passage found by the part's words alone needs.
    assert "presence, communication, and integration" in draft.text
    assert len(draft.cites.items) == 2


def test_a_part_answered_from_a_passage_about_something_else_adds_nothing() -> None:
    from assistant.answer_parts import in_parts as _in_parts
    from assistant.parts import question_parts

    tools = chunk("Internally, the team uses Jira and Confluence as tools to co-create knowledge.",
                  section="Knowledge")
    elsewhere = chunk("Many organizations have published training material.",
                      section="Resources", source="other.md")
    question = parse_question(
        "Which tools does the team use internally, and where is training material published?")
    draft, _ = _in_parts(question, question_parts(question), _answering(tools, elsewhere),
                         None)  # type: ignore[arg-type]
    # The second part's words find a passage naming nothing of the team asked about.
    assert [c.text for c in draft.cites.items] == [tools.text]


def test_a_part_whose_terms_the_quotes_name_already_adds_no_passage() -> None:
    from assistant.answer_parts import in_parts as _in_parts
    from assistant.parts import question_parts

    phase = chunk("The first phase of data collection began in March 2012 and required the "
                  "involvement of some 2,000 country experts.", section="History", page=21)
    coding = chunk("Fewer than 1 percent of the 1,700 country experts in each data collection are "
                   "ever involved in a review.", section="Errors", page=26)
    question = parse_question("When did the first phase of data collection begin, and how many "
                              "country experts were involved?")
    evidence = _answering(phase, coding)
    draft, _ = _in_parts(question, question_parts(question), evidence, None)  # type: ignore[arg-type]
    # The first quote names the experts involved: the part is answered, not by page 26.
    assert [c.text for c in draft.cites.items] == [phase.text]
    # A part asking what the quotes do not name ("reviewed") is still answered on its own.
    asked = parse_question("When did the first phase of data collection begin, and how many "
                           "country experts were ever involved in a review?")
    draft, _ = _in_parts(asked, question_parts(asked), evidence, None)  # type: ignore[arg-type]
    assert coding.text in [c.text for c in draft.cites.items]


def test_a_glossary_entry_is_quoted_without_the_next_terms_entry() -> None:
    glossary = chunk("Positions covered:\n"
                     "Level 1 administrators: all administrative positions down to the head of "
                     "directorate.\n"
                     "Level 2 administrators: all positions below the head of directorate.")
    selection = _select("Who counts as a level 1 administrator?", glossary)
    text = compose_answer(selection, CONFIG, CitationList())
    assert text.startswith("Level 1 administrators: all") and "Level 2" not in text


def test_a_sentence_naming_the_things_asked_is_the_one_list_quoted() -> None:
    from assistant.choose import names_things

    naming = chunk("The centre will house units such as data science, cybersecurity and "
                   "geospatial services.", section="Centre")
    other = chunk("The centre will support skills through:\n- Skills reserves the centre will "
                  "house\n- Capabilities of practitioners", kind="list", section="Centre")
    selection = _select("Which units will the centre house?", naming, other)
    assert [s.unit.kind for s in selection.scored[:2]] == ["sentence", "item"]
    text = compose_answer(selection, CONFIG, CitationList(), None)
    # Named in prose, the units are the answer's list: a list of something else is not
    # stitched after it.
    assert text == f"{units(naming)[0].text} [1]"
    assert names_things(units(naming)[0])
    # "and" also joins the words of one name: no comma, no list.
    funded = chunk("Co-funded by: the Commission and the Ministry for Economy and Development")
    assert not names_things(units(funded)[0])


def test_a_list_question_answered_by_a_sentence_naming_the_things_quotes_only_it() -> None:
    typology = chunk("Data are broken down by function type (Basic, Economy, Infrastructure and "
                     "Social functions of government). The function type not available covers "
                     "ministries without data.", section="TYPES")
    selection = _select("What are the function types of government?", typology)
    assert len(choose(selection, CONFIG)) == 2  # the second sentence is close enough
    text = compose_answer(selection, CONFIG, CitationList())
    assert text == f"{units(typology)[0].text} [1]"
    # Brackets holding a name, not things: "(or CentEx) for ICT and Smart Systems, where".
    centre = chunk("The Government grows skills through a Centre of Excellence (or CentEx) for "
                   "ICT and Smart Systems, where engineers work.")
    from assistant.choose import names_things

    assert not names_things(units(centre)[0])


def test_a_sentence_naming_things_is_not_the_whole_answer_when_more_is_asked() -> None:
    typology = chunk("Data are broken down by function type (Basic, Economy, Infrastructure and "
                     "Social functions of government). The function type not available covers "
                     "ministries without data.", section="TYPES")
    naming, other = units(typology)

    def answer(question: str) -> str:
        scored = [Scored(naming, 0.8, 0.7, 0.8, 0), Scored(other, 0.75, 0.7, 0.7, 0)]
        return compose_answer(Selection(parse_question(question), scored), CONFIG,
                              CitationList())
    # Asked only for the list, the sentence naming it is the answer, alone.
    assert other.text not in answer("What are the function types of government?")
    # Asked more after an "and", the close second may say the rest.
    text = answer("What are the function types of government, and which covers ministries?")
    assert naming.text in text and other.text in text


def test_things_are_named_within_the_sentence_that_introduces_them() -> None:
    from assistant.choose import names_things

    # One quote of two sentences (a sentence read whole across its passages): the first
    # "include"s no list, the commas are the second's, which introduces nothing.
    joined = chunk("Joined")
    two = Evidence(joined, "The map should include information collected with the provider. "
                   "In addition, the mapping of the legal framework, personnel and ICT must be "
                   "validated.", "sentence")
    assert not names_things(two)
    named = Evidence(joined, "The map should include the legal framework, personnel and ICT. "
                     "It is validated.", "sentence")
    assert names_things(named)


def test_who_is_answered_by_the_passages_naming_someone() -> None:
    title = chunk("presentation by Alexei Tikhomirov Acting Head of the Centre", section="Cover",
                  kind="slide")
    agenda = chunk("Topics:\n- Centre assistance in the above areas\n- Recent trends in the "
                   "centre slides", kind="list", section="Agenda")
    selection = _select("Who presented the centre slides?", title, agenda)
    assert {s.unit.chunk.section for s in choose(selection, CONFIG)} == {"Cover", "Agenda"}
    text = compose_answer(selection, CONFIG, CitationList())
    assert text == f"{title.text} [1]"


def test_a_close_second_on_another_page_does_not_bring_its_whole_list() -> None:
    answer = chunk("Option c applies if the document is produced for internal use only.", page=15)
    elsewhere = chunk("Researchers should note the following:\n- The survey covers central "
                      "government.\n- It asks what happens in practice.", kind="list", page=5)
    same_page = chunk("Option d applies if the document is not produced at all.", page=15)
    q = parse_question("Which option applies when a document is produced for internal use only?")
    scored = [Scored(u, score, 0.5, 0.5, 1) for u, score in (
        (units(answer)[0], 1.0), (units(elsewhere)[1], 0.95), (units(same_page)[0], 0.9))]
    text = compose_answer(Selection(q, scored), CONFIG, CitationList())
    assert "internal use only" in text and "not produced at all" in text
    assert "central government" not in text and "in practice" not in text


def test_a_close_second_on_another_page_is_quoted_only_when_it_adds_a_term_or_figure(
) -> None:
    answer = chunk("The 2023 scores were normalized using the Min-Max method with a base year "
                   "of 2015.", page=6)
    aside = chunk("The team produced the normalized scores, rounded to two decimals.", page=2)
    ranks = chunk("The scores were also ranked within each income group.", page=9)
    q = parse_question("Which method and base year are used to normalize the scores, and how "
                       "are they ranked?")

    def answered(second: Chunk) -> str:
        scored = [Scored(units(answer)[0], 1.0, 0.5, 0.5, 1),
                  Scored(units(second)[0], 0.95, 0.5, 0.5, 2)]
        return compose_answer(Selection(q, scored), CONFIG, CitationList())

    # Another page's sentence on the same words says nothing asked: the answer stands alone.
    assert answered(aside) == f"{units(answer)[0].text} [1]"
    # One naming what the first lacks ("ranked") answers the question's second part.
    assert "income group" in answered(ranks)
    # One stating a figure the first lacks adds a fact.
    assert "142 countries" in answered(replace(aside, text="The normalized scores cover 142 "
                                                           "countries."))
    # On the answer's own page a close second stays, as before.
    assert "two decimals" in answered(replace(aside, page=6))


def test_a_close_second_adds_neither_the_document_name_nor_a_code_or_step_number() -> None:
    answer = chunk("Option c applies if the document is produced for internal purposes only.",
                   page=21, source="pdf/2023-OBS-Questionnaire.pdf", document="Guidelines")
    named = replace(answer, text="Option a applies if the document is published late, as the "
                                 "OBS methodology states.", page=18)
    q = parse_question("Which option applies in OBS when a document is for internal purposes?")

    def answered(second: Chunk, question: Question = q, first: Chunk = answer) -> str:
        scored = [Scored(units(first)[0], 1.0, 0.5, 0.5, 1),
                  Scored(units(second)[0], 0.95, 0.5, 0.5, 2)]
        return compose_answer(Selection(question, scored), CONFIG, CitationList())

    # "OBS" names the cited document (its file name): the citation says it already.
    assert "published late" not in answered(named)
    # When the quote is from another document, "OBS" is a term the quotes lack.
    assert "published late" in answered(named, first=replace(answer, source="pdf/other.pdf"))
    # A title's words the question writes small are its topic, not its name.
    topical = replace(named, text="Option a applies if the document is published late for "
                                  "internal purposes.")
    asked = parse_question("Which option applies when a document is for internal purposes or "
                           "published?")
    assert "published late" in answered(replace(topical, document="Published Guidelines"), asked)
    # A cross-reference names no term: "(see Question 2)" says nothing about options.
    assert "published late" not in answered(replace(
        named, text="The document is published late (see Option 2 above).",
        source="pdf/other.pdf"), first=replace(answer, text="Internal purposes only: c."))
    assert "published late" in answered(replace(
        named, text="The document option is published late.", source="pdf/other.pdf"),
        first=replace(answer, text="Internal purposes only: c."))
    # A question's code ("EBP-2"), a footnote mark or a step's number states no figure.
    for aside in ("Option a applies if it is late (see Question EBP-2).",
                  "Option a applies late.12 It is rare.",
                  "Option a applies to drafts. 8. The team checks them."):
        assert answered(replace(named, text=aside, source="pdf/other.pdf")).count("[") == 1, aside
    assert "late 3 times" in answered(replace(named, text="Option a applies late 3 times.",
                                              source="pdf/other.pdf"))
    # Beside a quote giving its own quantities, another page's quantity is another fact than
    # the one asked; beside a year, another year ("Level 2" is a label, no quantity).
    scored = replace(answer, text="Option c applies to 12 of the internal purposes in 2023.")
    assert "late 3 times" not in answered(replace(
        named, text="Option a applies late 3 times.", source="pdf/other.pdf"), first=scored)
    dated = replace(answer, text="Option c has applied to internal purposes since 2007.")
    later = replace(named, text="2012: Option a (Level 2) applies.", source="pdf/other.pdf")
    assert "Level 2" not in answered(later, first=dated)
    assert "late 3 times" in answered(replace(
        named, text="Option a applies late 3 times.", source="pdf/other.pdf"), first=dated)


def test_who_keeps_the_named_passage_unless_an_unnamed_one_also_outscores_it() -> None:
    from assistant.choose import who

    named = units(chunk("Mr. John Doe and Ms. Jane Roe", section="Closing Remarks"))[0]
    unnamed = units(chunk("Coming to an end, the event was concluded with a recap.",
                          section="CONCLUSIONS"))[0]
    question = parse_question("who wrapped up the event at the end?")

    def picked(named_score: float) -> list[str]:
        selection = Selection(question, [
            Scored(named, named_score, 0.3, 0.7, 1, 0.15),
            Scored(unnamed, 0.6, 0.3, 0.8, 0),
        ])
        return [u.text for u in who(selection, [unnamed, named], CONFIG)]

    # More of the question's words in the unnamed passage, but the name's preference wins.
    assert picked(0.65) == [named.text]
    # More words and a better score ("UN DESA organized the workshop"): it answers.
    assert picked(0.55) == [unnamed.text]


STEPS = chunk(
    "I | Step 1: | Identification of a problem\n"
    "I | Step 2: | Formation of a commission\n"
    "II | Step 3: | Working out a program\n"
    "III | Step 4: | Review of results",
    kind="rows", section="Programme Steps", page=11)


def test_a_list_question_over_a_table_without_column_names_lists_its_rows_in_order() -> None:
    selection = _select("What are the four steps of the programme?", PROSE, STEPS)
    assert compose_answer(selection, CONFIG, CitationList()) == (
        "- I – Step 1: Identification of a problem [1]\n"
        "- I – Step 2: Formation of a commission [2]\n"
        "- II – Step 3: Working out a program [3]\n"
        "- III – Step 4: Review of results [4]"
    )


KOREA_PHASES = chunk(
    "Infrastructure Development (1987 ~ 2002)\n- Establishing high-speed internet network\n"
    "Full-Fledged Implementation (2003 ~ 2007)\n- Linkage among information systems\n"
    "Further Advancement (2008 ~ 2012)\n- Real-time public safety information network",
    kind="list", section="Another Look", countries=("Korea",))
KOREA_SMART = chunk("Korea moves forward to SMART government with mobile services.",
                    section="Korea Moving forward", countries=("Korea",))


def test_dated_titles_answer_the_phases_asked_though_their_support_is_low() -> None:
    from assistant.answer_one import answer_one

    question = parse_question("What were the phases of Korea's e-Government development?")
    strict = {"min_support": 0.99}  # no passage reaches it: the words asked are not printed
    evidence = FakeEvidence(KOREA_SMART, KOREA_PHASES, **strict)
    evidence.filters = SimpleNamespace(countries=())  # type: ignore[attr-defined]
    evidence.retriever = SimpleNamespace(acronyms={})  # type: ignore[attr-defined]
    hits_found = evidence.retrieve(question.text, question)
    draft = answer_one(question, hits_found, evidence)  # type: ignore[arg-type]
    assert not draft.abstained
    assert draft.text.splitlines()[0].startswith("- Infrastructure Development (1987 ~ 2002)")
    without = FakeEvidence(KOREA_SMART, **strict)
    without.filters = SimpleNamespace(countries=())  # type: ignore[attr-defined]
    without.retriever = SimpleNamespace(acronyms={})  # type: ignore[attr-defined]
    found = without.retrieve(question.text, question)
    assert answer_one(question, found, without).abstained  # type: ignore[arg-type]


def test_what_happened_in_one_period_named_is_no_list_of_the_periods() -> None:
    from assistant.series import _IN_ONE_PERIOD

    assert _IN_ONE_PERIOD.search("which initiatives were launched in the infrastructure period")
    assert _IN_ONE_PERIOD.search("what changed during the expansion phase?")
    assert not _IN_ONE_PERIOD.search("What were the phases of Korea's e-Government development?")
    assert not _IN_ONE_PERIOD.search("what happened in the phases after 2003?")


def test_which_countries_names_each_country_before_its_quote() -> None:
    ghana = units(chunk("Ghana named digital skills as a challenge.",
                        section="PRESENTATIONS > Ghana"))[0]
    kenya = units(chunk("Kenya named digital skills too.", section="PRESENTATIONS > Kenya"))[0]
    text = compose_across([ghana, kenya], CitationList())
    assert text.splitlines() == ["- Ghana: Ghana named digital skills as a challenge. [1]",
                                 "- Kenya: Kenya named digital skills too. [2]"]
    assert compose_across([kenya], CitationList()) == "Kenya: Kenya named digital skills too. [1]"


STAGE_SLIDES = [
    chunk("Stage 1 – Emerging information services\nGovernment websites provide information "
          "on public policy. They have links to ministries and archived information.",
          kind="slide", section="Four Stages", page=24),
    chunk("Stage 2 – Enhanced information services\nGovernment websites deliver downloadable "
          "forms for government services.", kind="slide", section="Four Stages", page=25),
    chunk("Stage 3 – Transactional services\nGovernment websites engage in two-way "
          "communication.", kind="slide", section="Four Stages", page=26),
]


def test_an_item_picked_by_its_place_brings_what_its_passage_says_on_the_question() -> None:
    from assistant.answer_one import answer_one

    evidence = _answering(*STAGE_SLIDES)
    asked = parse_question("in the first stage, what do the websites link to?")
    text = answer_one(asked, evidence.retrieve(asked.text, asked), evidence).text  # type: ignore[arg-type]
    assert text.startswith("- Stage 1 – Emerging information services [1]") and (
        "links to ministries" in text), text
    # The item alone when nothing else is asked of it.
    asked = parse_question("what is the second stage?")
    text = answer_one(asked, evidence.retrieve(asked.text, asked), evidence).text  # type: ignore[arg-type]
    assert text == "Stage 2 – Enhanced information services [1]", text


def test_a_stage_picked_by_its_place_brings_what_its_subsections_say_on_the_question() -> None:
    from assistant.answer_one import answer_one

    model = "Maturity Model"
    evidence = _answering(
        chunk("Emerging services put information online.",
              section=f"{model} > Stage 1 > Emerging services"),
        chunk("Enhanced services offer forms to download.",
              section=f"{model} > Stage 2 > Enhanced services"),
        chunk("Automation is the top of maturity.",
              section=f"{model} > Stage 3 > Automated services (one-stop shops)"),
        chunk("Governments must build one-stop portals giving access to every service.",
              section=f"{model} > Stage 3 > Automated services (one-stop shops) > "
                      "Activity 2: One-stop shop"))
    asked = parse_question("At stage 3 of the maturity model, what must governments build "
                           "for a one-stop shop?")
    text = answer_one(asked, evidence.retrieve(asked.text, asked), evidence).text  # type: ignore[arg-type]
    # The stage's title, then what its subsection says: not the title alone.
    assert text.startswith("- Stage 3: Automated services (one-stop shops) [1]"), text
    assert "one-stop portals" in text and "Enhanced" not in text, text


def test_where_a_list_comes_from_is_answered_by_its_reference() -> None:
    from assistant.answer_one import answer_one

    aspects = chunk("- Economic aspects, related to cost reduction;\n- Legal aspects, related to "
                    "licensing.\nIDABC, The Many Aspects of Open Source. Retrieved, 14th January "
                    "2007, from <http://ec.europa.eu/idabc/en/document/1744>",
                    kind="list", section="OSS Aspects")
    evidence = _answering(aspects)
    asked = parse_question("where does the list of open source aspects come from?")
    assert asked.source and not parse_question("which open source aspects are listed?").source
    text = answer_one(asked, evidence.retrieve(asked.text, asked), evidence).text  # type: ignore[arg-type]
    assert text.startswith("- IDABC, The Many Aspects of Open Source. [1]"), text
    # Asked what the aspects are, the reference is no answer.
    asked = parse_question("which open source aspects are listed?")
    text = answer_one(asked, evidence.retrieve(asked.text, asked), evidence).text  # type: ignore[arg-type]
    assert "IDABC" not in text, text


def test_another_source_stating_the_same_thing_with_another_figure_is_kept_beside_it() -> None:
    """Two reports disagreeing on a figure are both quoted: the reader must see both. An
    aside from another page that repeats no quote and adds no question term still goes."""
    from assistant.choose import without_asides

    question = parse_question("How many open data sets does Ruritania publish?")
    [first] = units(chunk("Ruritania publishes 310 open data sets.", source="a/report.md"))
    [other] = units(chunk("Ruritania publishes 999 open data sets.", source="b/report.md"))
    [aside] = units(chunk("Ruritania publishes its budget yearly.", source="c/report.md"))
    scored = [Scored(u, score, score, score, rank) for rank, (u, score) in
              enumerate([(first, 0.8), (other, 0.78), (aside, 0.77)])]
    kept = without_asides(question, scored)
    assert [s.unit for s in kept] == [first, other]


def test_a_second_elsewhere_saying_the_same_of_another_spelled_number_is_kept() -> None:
    """"five response options" beside "three response options": the same rule for another
    case, its figures told apart by a number spelled out, not only by digits."""
    from assistant.choose import without_asides

    question = parse_question("How many points does a 'b' answer get?")
    [three] = units(chunk("For questions with three response options: 'a' receives 100 and "
                          "'b' receives 0.", page=3))
    [five] = units(chunk("For questions with five response options: 'a' receives 100 and "
                         "'b' receives 67.", page=2))
    scored = [Scored(u, score, score, score, rank) for rank, (u, score) in
              enumerate([(three, 0.81), (five, 0.80)])]
    assert [s.unit for s in without_asides(question, scored)] == [three, five]


def test_a_sentence_elsewhere_naming_only_what_a_quoted_rows_header_names_is_an_aside() -> None:
    # The row's header says "EGDI Group": another page's sentence on the same group adds
    # no question term the quoted row lacks.
    from assistant.choose import without_asides

    question = parse_question("In which EGDI group does Ruritania fall?")
    table = chunk("Table 1 Members.\nCountry | EGDI Group | Score\nRuritania | Middle | 0.44",
                  kind="table", page=3)
    row = next(u for u in units(table) if u.kind == "row")
    [aside] = units(chunk("Two countries are in the Medium EGDI group: Ruritania and Utopia.",
                          page=5))
    scored = [Scored(u, score, score, score, rank) for rank, (u, score) in
              enumerate([(row, 0.8), (aside, 0.78)])]
    assert [s.unit for s in without_asides(question, scored)] == [row]


def test_a_quote_answering_which_country_is_labelled_with_its_country() -> None:
    quote = chunk("Other issues are acknowledged, such as infrastructure vandalization and theft.",
                  section="Kenya > Challenges")
    asked = render(_with_context_of(quote),
                   parse_question("which delegation complained about theft?"), CitationList())
    assert asked.startswith("**Kenya**") and "vandalization" in asked
    plain = render(_with_context_of(quote), parse_question("what about theft?"), CitationList())
    assert "**Kenya**" not in plain


def test_a_quote_answering_whose_it_was_is_labelled_with_its_sections_country() -> None:
    # "(6) the country sets a clear vision": the quote calls its country "the country".
    quote = chunk("Moreover, the country sets a clear vision for the future.",
                  section="Country presentations > Kenya > Opportunities")
    for asked in ("someone's talk mentioned a clear vision.. whose was it",
                  "a clear vision for the future - whose idea?"):
        assert render(_with_context_of(quote), parse_question(asked),
                      CitationList()).startswith("**Kenya**")
    for plain in ("what about a clear vision?", "does kenya say whose vision it is?"):
        assert "**Kenya**" not in render(_with_context_of(quote), parse_question(plain),
                                         CitationList())


def test_who_brought_something_up_names_the_countries_when_a_summary_is_the_best_passage(
) -> None:
    # A summary saying it was raised names nobody; the countries' own sections do.
    from assistant.answer_one import answer_one

    summary = chunk("Budget constraints for e-government were raised.",
                    section="CONCLUSIONS > Challenges", page=15)
    ghana = chunk("Ghana suffers from budget constraints for digital projects.",
                  section="COUNTRY PRESENTATIONS > Ghana > Challenges", page=2)
    kenya = chunk("Kenya named weak broadband in rural regions.",
                  section="COUNTRY PRESENTATIONS > Kenya > Challenges", page=3)
    evidence = _answering(summary, ghana, kenya)
    evidence.retriever.weights = SimpleNamespace(weight=lambda t: 1.0)  # type: ignore[attr-defined]
    asked = parse_question("Who brought up budget constraints?")
    selection = evidence.select(asked, evidence.retrieve(asked.text, asked))
    assert selection.scored[0].unit.chunk == summary  # the summary names no country
    text = answer_one(asked, evidence.retrieve(asked.text, asked), evidence).text  # type: ignore[arg-type]
    assert text == "Ghana: Ghana suffers from budget constraints for digital projects. [1]", text


def test_units_all_but_tied_with_the_best_are_quoted_past_the_usual_three() -> None:
    """Four sentences scoring alike: which one the question's words meant the scores cannot
    tell, so a fourth tied one of the same document is quoted too; a fourth merely close (0.85
    of the best) is not, nor a sixth however tied."""
    passage = chunk("Alpha grew. Beta grew. Gamma grew. Delta grew. Epsilon grew. Zeta grew.")
    tied = [Scored(u, 1.0 - i / 100, 0.5, 0.5, 0) for i, u in enumerate(units(passage))]
    question = parse_question("what grew?")
    assert len(choose(Selection(question, tied), CONFIG)) == 5
    close = [Scored(u, 1.0 - i / 20, 0.5, 0.5, 0) for i, u in enumerate(units(passage))]
    assert len(choose(Selection(question, close), CONFIG)) == CONFIG.max_units
    # A count asked keeps to it: "two things that grew" quotes two.
    assert len(choose(Selection(question, tied), CONFIG, 2)) == 2
    # A tie in another document is another document's answer: past three, not quoted.
    elsewhere = [Scored(u, 1.0 - i / 100, 0.5, 0.5, 0) for i, u in enumerate(
        [*units(passage)[:3], *units(chunk("Theta grew. Iota grew.", source="other.md"))])]
    assert len(choose(Selection(question, elsewhere), CONFIG)) == CONFIG.max_units
    # A row holding nothing the question names ties on its table's header: not quoted past
    # three either.
    table = chunk("Lead | Activity\nLead: DIAL | Activity: training\nLead: DIAL | Activity: "
                  "surveys\nLead: ITU | Activity: audits\nLead: UNDP | Activity: reviews",
                  kind="table")
    rows = [Scored(u, 1.0 - i / 100, 0.5, 0.5, 0) for i, u in enumerate(
        u for u in units(table) if u.kind == "row")]
    assert len(rows) == 4
    assert len(choose(Selection(parse_question("what grew?"), rows), CONFIG)) == 3


def test_a_sentence_pointing_back_is_quoted_with_the_sentence_it_points_to() -> None:
    """"This plan was then followed by Vision 2041" does not say which plan: the sentence
    before it does. A sentence naming its own subject comes alone, and a bracketed
    cross-reference before a pointing sentence is no referent."""
    from assistant.passages import with_context

    journey = chunk("In 2008 the journey started with Perspective Plan 2010-2021. This plan was "
                    "then followed by Vision 2041 to achieve a developed, prosperous and "
                    "knowledge-based country. Budgets are tight.")
    pointing, plain = units(journey)[1], units(journey)[2]
    assert with_context([pointing]) == [[units(journey)[0], pointing]]
    assert with_context([plain]) == [[plain]]
    aside = chunk("(See the guidelines on availability.) This is a change from earlier rounds of "
                  "the survey: documents must now be online and free of charge to count.")
    assert with_context([units(aside)[1]]) == [[units(aside)[1]]]


def test_a_part_whose_evidence_the_whole_question_ranks_close_needs_only_an_answers_support(
        ) -> None:
    """"..., and do you get a certificate at the end?" weighs its few words alone; the whole
    question, on the curriculum, ranks the certificate line close to its best: that part is
    about the question's subject and needs no more support than an answer does."""
    from assistant.answer_parts import in_parts as _in_parts
    from assistant.parts import question_parts

    curriculum = chunk("The curriculum on governance is a set of training toolkits for trainers "
                       "of public officials.", section="Curriculum", page=14)
    certificate = chunk("The curriculum ends by offering a certificate of attendance upon "
                        "successful completion.", section="Curriculum", page=15)
    university = chunk("The certificate programme of the university runs for two years.",
                       section="Other", page=30, source="other.md")
    evidence = _answering(curriculum, certificate, university)
    evidence.settings = SimpleNamespace(answer=AnswerSettings(min_support=0.6))
    question = parse_question("what's this curriculum on governance thing, and do you get a "
                              "certificate at the end?")
    draft, _ = _in_parts(question, question_parts(question), evidence, None)  # type: ignore[arg-type]
    assert [c.text for c in draft.cites.items] == [curriculum.text, certificate.text]


def test_a_lead_in_ending_its_passage_brings_the_line_listing_what_it_announces() -> None:
    # "UN DESA participants included:" ends one passage; the names are the next one's line.
    lead = chunk("Kenya | Ms. A | Director\nUN DESA participants included: |  | ",
                 section="List of Participants", page=21)
    names = chunk("Juwang Zhu, Vincenzo Aquaro, Deniz Susar, Jonas Meuleman\n"
                  "Participants were invited to fill out a survey.",
                  section="List of Participants", page=21)
    announcing = next(u for u in units(lead) if "included" in u.text)
    blocks = with_context([announcing], reader([lead, names]))
    assert [u.text for u in blocks[0]][1].startswith("Juwang Zhu, Vincenzo Aquaro")
    # A sentence opening the next passage is not brought as the list.
    prose = chunk("The survey found broad satisfaction, with some reservations.",
                  section="List of Participants", page=21)
    assert len(with_context([announcing], reader([lead, prose]))[0]) == 1


def test_a_short_line_does_not_bring_the_lead_in_of_what_follows_it() -> None:
    # A participant's line is short, but the lead-in after it opens the next list.
    lines = chunk("Turkey | Ms. Aylin Bilen | Analyst at Department of International Relations\n"
                  "UN DESA participants included: |  | ", section="List of Participants")
    person = next(u for u in units(lines) if "Aylin" in u.text)
    assert [u.text for u in with_context([person])[0]] == [person.text]


def test_a_title_over_a_list_brings_the_list_it_titles() -> None:
    # A slide: a phase, its theme, and the theme's bullets. Quoted alone, the phase or its
    # theme answers nothing ("what did Korea do from 2003 to 2007?").
    slide = chunk("Full Implementation (2003 ~ 2007)\nExpansion of Services\n- Enhanced efficiency\n"
                  "- 31 major tasks executed\nFurther Advancement (2008 ~ 2012)", kind="slide")
    phase, theme = units(slide)[:2]
    for quoted in (phase, theme):
        block = with_context([quoted])[0]
        assert [u.text for u in block][-2:] == ["Enhanced efficiency", "31 major tasks executed"]
    # A sentence ending in a full stop stands on its own; the list after it is not its content.
    said = chunk("Korea expanded its services.\n- Enhanced efficiency\n- 31 major tasks executed")
    assert [u.text for u in with_context([units(said)[0]])[0]] == ["Korea expanded its services."]


def test_a_close_second_item_of_another_list_is_quoted_by_itself_after_the_best_list() -> None:
    region = chunk("Findings for the region:\n- Asia leads the world average.\n- Central Asia "
                   "improved its services.", kind="list", page=21)
    # The close second names what the region's list does not ("progress"): not its figure
    # alone, which the question does not ask for (``choose.figures_asked``).
    country = chunk("Findings for Kazakhstan:\n- Kazakhstan is now the sub-regional leader, its "
                    "progress up 8 places.\n"
                    "- Kazakhstan modernized its public sector.\n- Kazakhstan was noted in 2010.",
                    kind="list", page=22)
    # Lessons asked for: a list (asked in the singular, an item alone may answer).
    q = parse_question("What lessons can Central Asia learn from Kazakhstan's progress?")
    assert q.kind == "list"
    leader, modernized, noted = units(country)[1:]

    def answered(second: float) -> str:
        scored = [Scored(units(region)[1], 1.0, 0.5, 0.5, 0),
                  Scored(leader, second, 0.5, 0.5, 1), Scored(modernized, 0.6, 0.5, 0.5, 1)]
        return compose_answer(Selection(q, scored), CONFIG, CitationList())

    # The best list whole, then the close second's item under its lead-in, not its list.
    text = answered(0.9)
    assert "Asia leads the world average" in text and "Central Asia improved" in text
    assert "Findings for Kazakhstan" in text and "sub-regional leader" in text
    assert noted.text not in text and modernized.text not in text
    # A second below keep_ratio of the best is no close second.
    assert "sub-regional leader" not in answered(0.8)


def test_a_section_quoted_whole_is_followed_by_a_unit_tied_with_the_best_it_leaves_out(
) -> None:
    q = parse_question("In which areas did respondents want further support or training?")
    section = chunk("Areas of assistance were discussed. Support was requested in smart "
                    "cities. Support was requested in open standards.", page=16,
                    section="CONCLUSIONS > Areas of assistance")
    survey = chunk("Respondents wanted further support in changing mindsets.", page=22,
                   section="EVALUATION")
    # It names a question word the quotes lack: a figure alone ("3 other areas") is no
    # fact of the kind asked (``choose.figures_asked``).
    weaker = chunk("Respondents asked for training in 3 other areas.", page=23,
                   section="EVALUATION")

    def answered(best: Evidence, tie: float, config: AnswerSettings = CONFIG) -> str:
        scored = [Scored(best, 1.0, 0.5, 0.5, 2),
                  Scored(units(section)[0], 0.95, 0.5, 0.5, 0),
                  Scored(units(weaker)[0], tie, 0.5, 0.5, 3)]
        return compose_answer(Selection(q, scored), config, CitationList(), section=[section])

    # The best unit, outside the section the question named, follows the section.
    text = answered(units(survey)[0], 0.5)
    assert text.startswith("Areas of assistance were discussed.") and "changing mindsets" in text
    assert "other areas" not in text  # not tied with the best
    assert "other areas" in answered(units(survey)[0], 0.95)  # all but tied: which one was meant is open
    # A long section is quoted from its start, and its best unit past the cut.
    short = CONFIG.model_copy(update={"section_units": 1})
    assert "open standards" not in compose_answer(
        Selection(q), short, CitationList(), section=[section])
    assert "open standards" in answered(units(section)[2], 0.5, short)


def test_a_close_second_in_another_list_of_the_same_passage_brings_that_list_whole() -> None:
    slide = chunk("ODS aspects:\n- An open standard is free of charge.\n- An open standard is "
                  "documented.\nOSS aspects:\n- Political aspects, such as freedom.\n- Economic "
                  "aspects, such as cost.\n- Legal aspects, such as licensing.", kind="list",
                  page=54)
    free, documented, political, economic, legal = (u for u in units(slide) if u.kind == "item")
    q = parse_question("Which aspects of open source do the slides list besides cost?")
    scored = [Scored(free, 1.0, 0.5, 0.5, 0), Scored(economic, 0.95, 0.5, 0.5, 0),
              Scored(political, 0.9, 0.5, 0.5, 0), Scored(legal, 0.5, 0.5, 0.5, 0)]
    text = compose_answer(Selection(q, scored), CONFIG, CitationList())
    # The passage's second list is part of its answer: every item, the weak one too.
    assert all(u.text.rstrip(".") in text for u in (free, documented, political, economic, legal))


def test_a_close_second_repeating_a_quoted_lead_in_is_not_quoted_again() -> None:
    plan = chunk("Strategy and Roadmap Development:\n- Evaluation of the regulatory prerequisites."
                 "\n- Evaluation of the technical prerequisites.", kind="list", page=2)
    agenda = chunk("Steps:\n- Strategy and Roadmap Development\n- Capacity building in 2024",
                   kind="list", page=3)
    q = parse_question("Which prerequisites get evaluated for the strategy and roadmap, and "
                       "when?")
    title, dated = (u for u in units(agenda) if u.kind == "item")
    scored = [Scored(units(plan)[1], 1.0, 0.5, 0.5, 0), Scored(title, 0.95, 0.5, 0.5, 1),
              Scored(dated, 0.9, 0.5, 0.5, 1)]
    text = compose_answer(Selection(q, scored), CONFIG, CitationList())
    # The title the quoted lead-in prints says nothing new; the item with a year does, a
    # time being asked.
    assert text.count("Strategy and Roadmap Development") == 1 and "in 2024" in text


_ACCESS = chunk(
    "How to access the platform:\n"
    "- The platform is accessed through a browser; Chrome is the preferred browser.\n"
    "- Coordinators are registered on the system and receive a username and a password.\n"
    "- Correspondents are emailed a first use password after they are registered.",
    kind="list",
)


def _item_scores(*scores: float) -> Selection:
    """The access list's items scored as given, for a question asking for no list."""
    items = [u for u in units(_ACCESS) if u.kind == "item"]
    return Selection(parse_question("Which browser should I use on the platform?"),
                     [Scored(u, s, s, s, 0) for u, s in zip(items, scores, strict=True)])


def test_a_list_item_that_alone_answers_is_quoted_without_its_list() -> None:
    cites = CitationList()
    answer = compose_answer(_item_scores(0.9, 0.6, 0.5), CONFIG, cites, neighbour=reader([_ACCESS]))
    # The item under its lead-in, none of the other items.
    assert "Chrome" in answer and "Coordinators" not in answer and len(cites.items) == 2
    # Another item close to it (a second fact of the answer, maybe): the list, whole.
    cites = CitationList()
    compose_answer(_item_scores(0.9, 0.8, 0.5), CONFIG, cites, neighbour=reader([_ACCESS]))
    assert len(cites.items) >= 3


def test_which_and_a_singular_noun_ask_for_one_thing_not_a_list() -> None:
    assert parse_question("Which browser should I use for the platform?").kind == "general"
    assert parse_question("Which order of the government approved the methodology?"
                          ).kind == "general"
    assert parse_question("Which states have a monarchical form of government?").kind == "list"
    assert parse_question("Which of the documents are assessed?").kind == "list"


def test_a_part_pointing_back_with_there_is_about_the_name_asked_before() -> None:
    from assistant.answer_parts import _about_subject
    from assistant.parts import question_parts, refers_back

    question = parse_question("Is Kosovo parliamentary or presidential in that index of "
                              "states, and what languages are official there?")
    first, second = question_parts(question)
    assert refers_back(second) and not refers_back(first)
    assert not refers_back(parse_question("Is there a programme in Finland like KrattAI?"))
    table = chunk("States | Forms of Government | Official Languages\n"
                  "Kosovo | Parliamentary | Albanian, Serbian\n"
                  "Djibouti | Semi-Presidential | French, Arabic", kind="table", section=None)
    kosovo, djibouti = (u for u in units(table) if u.kind == "row")
    # Another row of the table, whose header prints "States", is not about Kosovo.
    assert _about_subject(question, second, kosovo, {})
    assert not _about_subject(question, second, djibouti, {})


@pytest.mark.parametrize(("text", "one"), [
    ("which toy does the methodology compare its framework to?", True),
    ("How often are the discussion rounds held?", True),
    ("roughly how many graduates come out of its universities yearly", True),
    ("the workshop - when did it start?", True),
    ("which countries have a high score?", False),  # a plural asks for several
    ("what kinds of users does the platform have?", False),
    ("dhaka or tehran - which one came out lower?", False),  # both figures answer
    ("which state is the most populous, and how many millions?", False),  # a second ask
    ("what does the index measure?", False),
])
def test_a_question_asking_for_one_thing_is_read_from_its_opening_words(
        text: str, one: bool) -> None:
    from assistant.choose import asks_one_thing

    assert asks_one_thing(parse_question(text)) is one


def test_one_thing_asked_drops_a_close_second_from_another_page_unless_all_but_tied() -> None:
    from assistant.choose import without_asides

    [first] = units(chunk("V-Dem has the modular qualities of a Lego set.", page=4))
    [aside] = units(chunk("Comparisons of V-Dem with other indices are discussed in a "
                          "companion paper.", page=5))
    [tied] = units(chunk("The toy V-Dem is compared with is a box of building bricks.",
                         page=6))
    scored = [Scored(u, score, score, score, rank) for rank, (u, score) in
              enumerate([(first, 0.8), (aside, 0.7), (tied, 0.76)])]
    one = parse_question("which toy does V-Dem compare its framework to?")
    assert [s.unit for s in without_asides(one, scored)] == [first, tied]
    # Asked for more than one thing, the second names a question term the first lacks.
    more = parse_question("what are V-Dem's comparisons with other indices?")
    assert aside in [s.unit for s in without_asides(more, scored)]


def test_a_second_elsewhere_adding_only_a_date_is_kept_when_a_time_is_asked() -> None:
    """Another page's timeline line sharing the question's words adds only a date: an aside
    for "whose know-how", a fact for "when"; a second holding every question word is
    another answer whatever it adds ("anyone mention blockchain?")."""
    from assistant.choose import without_asides

    [first] = units(chunk("The training draws on the know-how of Korean universities.", page=4))
    [dated] = units(chunk("Dec 2013: training workshop for the next cycle.", page=5))
    scored = [Scored(u, score, score, lexical, rank) for rank, (u, score, lexical) in
              enumerate([(first, 0.8, 0.9), (dated, 0.78, 0.5)])]
    whose = parse_question("whose know-how does the training draw on?")
    assert [s.unit for s in without_asides(whose, scored)] == [first]
    when = parse_question("when is the training workshop?")
    assert [s.unit for s in without_asides(when, scored)] == [first, dated]
    whole = [scored[0], replace(scored[1], lexical=1.0)]
    assert [s.unit for s in without_asides(whose, whole)] == [first, dated]


def test_rows_whose_names_carry_the_note_asked_are_listed_though_a_footnote_ranks_first() -> None:
    # "Somalia (in transition) 3": a note on the row's name, its footnote explained below
    # the table; the footnote shares the question's words and ranks first.
    table = chunk("Table 1 Index of States.\nStates | Legal System | Population\n"
                  "Slovenia | Civil Law | 2.1\nSomalia (in transition) 3 | | \n"
                  "Sudan | Mixed | 39.4\nSouth Sudan (in transition) 4 | | ", kind="table")
    note = units(chunk("(3) Muslim Law/Civil Law. Components in transition: all."))[0]
    asked = parse_question("Which states does the index mark as being in transition on its "
                           "last page?")
    assert asked.kind == "list" and asked.extreme  # "last page" reads as a superlative
    listed = Selection(asked, [Scored(note, 1.0, 0.5, 1.0, 0), *_ranked_rows(table)])
    assert compose_answer(listed, CONFIG, CitationList()).startswith(
        "Table 1 Index of States marks Somalia [1] and South Sudan [2] as “in transition”.")
    # A note no question word names lists nothing.
    other = Selection(parse_question("Which states have a civil law system?"),
                      _ranked_rows(table))
    assert " marks " not in compose_answer(other, CONFIG, CitationList())


def test_a_superlative_saying_where_something_is_printed_asks_no_extreme() -> None:
    from assistant.whole_table import placed

    assert placed("which states are marked on its last page?")
    assert placed("what is in the top row of the table?")
    assert not placed("which state ranks last?")
    assert not placed("which has the lowest score on the last page?")
    assert not placed("which states are in transition?")


def _course_lists(challenge: str) -> tuple[Question, list[Scored]]:
    """The course topics (page 1, the best list; its training item scores low) and the
    next page's list sharing their words, its items scored as close seconds."""
    topics = chunk("Planning:\n- Course topics draw on economics, environment and policy.\n"
                   "- A tailored training programme for officials.", kind="list", page=1)
    other = chunk(f"Education challenges:\n- {challenge}\n- Training of professors.",
                  kind="list", page=2)
    q = parse_question("Which subject areas do the training courses draw on?")
    best, training, *rest = [u for c in (topics, other) for u in units(c) if u.kind == "item"]
    return q, [Scored(best, 0.9, 0.6, 0.5, 0),
               *(Scored(u, 0.88 - i / 100, 0.6, 0.5, 1) for i, u in enumerate(rest)),
               Scored(training, 0.5, 0.4, 0.3, 0)]


def test_another_pages_list_adding_nothing_asked_to_the_list_quoted_is_left_out() -> None:
    q, scored = _course_lists("New courses in e-governance are needed.")
    text = compose_answer(Selection(q, scored), CONFIG, CitationList())
    assert "Education challenges" not in text and "economics" in text


def test_another_pages_item_naming_a_subject_area_the_list_lacks_stays() -> None:
    q, scored = _course_lists("Courses should cover new subject areas.")
    text = compose_answer(Selection(q, scored), CONFIG, CitationList())
    assert "new subject areas" in text


def test_items_of_another_list_beside_the_answer_keep_their_printed_order() -> None:
    items = [u for u in units(LIST) if u.kind == "item"]
    blocks = besides([items[2], items[0], items[1]], [], None)
    assert [[u.text for u in block] for block in blocks] == [
        [items[0].text, items[1].text, items[2].text]]


def test_a_weaker_second_answering_another_part_of_the_question_is_quoted() -> None:
    """Below the close seconds' cut, a unit naming a question term no better quote names
    answers another part of the question (a PhD share beside the women's share): it scores
    lower for answering less of it, not for answering it worse. A weaker second naming only
    what the best quote names adds nothing and stays out."""
    question = parse_question("What share of the experts are women, and what share hold a PhD?")
    women, phd, europe = units(chunk("About 30 percent of the experts are women. Three-fourths "
                                     "of the experts have a PhD degree. Most experts are women in "
                                     "Europe."))
    [aside] = units(chunk("The PhD survey is described in Part II.", section="Notes"))
    scored = [Scored(u, score, score, score, rank) for rank, (u, score) in
              enumerate([(women, 0.8), (europe, 0.6), (aside, 0.58), (phd, 0.57)])]
    selection = Selection(question, scored)
    # Another passage's unit naming a question term is an aside.
    assert [s.unit for s in choose(selection, CONFIG)] == [women, phd]
    without = CONFIG.model_copy(update={"complement_ratio": CONFIG.keep_ratio})
    assert [s.unit for s in choose(selection, without)] == [women]
