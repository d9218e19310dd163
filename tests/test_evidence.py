"""Evidence units (assistant/evidence.py) on tiny fixtures: no model, no index."""

from __future__ import annotations

from dataclasses import replace

from stage_fixtures import CONTENTS, LIST, PROSE, TABLE, chunk

from assistant.evidence import announces, opens_line, units
from assistant.naming import is_heading
from assistant.passages import sentence_tail
from assistant.text import split_sentences


def test_sentences_keep_abbreviations_and_enumerations_whole() -> None:
    assert split_sentences("The U.N. report, e.g. in Fig. 2, shows it. Then (1) one; (2) two.") == [
        "The U.N. report, e.g. in Fig. 2, shows it.", "Then (1) one; (2) two.",
    ]


def test_a_numbered_label_stays_with_its_name() -> None:
    assert split_sentences("Level 1. Nonexistent") == ["Level 1. Nonexistent"]
    assert split_sentences("It grew in 2012. Then it fell.") == ["It grew in 2012.", "Then it fell."]


def test_no_before_a_number_is_the_number_sign() -> None:
    # "Decision no. 717/2014 regarding the platform": the act's number, no sentence's end.
    assert split_sentences("15 Government Decision no. 717/2014 regarding the platform.") == [
        "15 Government Decision no. 717/2014 regarding the platform."]
    assert split_sentences("See Law No. 160/2011. It applies.") == [
        "See Law No. 160/2011.", "It applies."]
    assert split_sentences("They said no. Then they left.") == [
        "They said no.", "Then they left."]


def test_a_list_run_in_on_the_line_after_its_lead_in_is_an_item_of_it() -> None:
    # "The delivery models included are:" / "Seminar/workshop, e-Learning.": the models are
    # the lead-in's list, though printed as a line of prose.
    found = units(chunk(
        "The delivery models included are:\nSeminar/workshop, Instructor Led Training, "
        "e-Learning.\nThe plan ran two years. It ended."))
    assert [(u.kind, u.header) for u in found] == [
        ("sentence", None), ("item", "The delivery models included are:"),
        ("sentence", None), ("sentence", None)]
    # A line announcing nothing, or a paragraph of several sentences after a colon: prose.
    assert all(u.kind == "sentence" for u in units(chunk(
        "The models were reviewed.\nSeminars, workshops, and e-learning.\nNext steps:\n"
        "The team met. It agreed.\nAction Area 1:\nStrategy Development")))


def test_a_quoted_question_stays_in_its_sentence() -> None:
    # French spaces "?" from its closing quote: the quote's end is no sentence of its own.
    text = ("Les indicateurs sont « combien de nos données sont ouvertes ? » et d'autres. "
            "Il est tentant de se presser.")
    assert split_sentences(text) == [
        "Les indicateurs sont « combien de nos données sont ouvertes ? » et d'autres.",
        "Il est tentant de se presser.",
    ]
    assert split_sentences("Is it open? Yes, it is.") == ["Is it open?", "Yes, it is."]


def test_prose_becomes_sentences_framed_by_the_last_heading() -> None:
    assert [(u.kind, u.text, u.entity) for u in units(PROSE)] == [
        ("sentence", "The U.N. report, e.g. in Fig. 2, shows progress.", None),
        ("sentence", "Kenya expanded mobile services in 2023.", "Kenya"),
        ("sentence", "The Digital Readiness Index (DRI) measures how ready governments are for "
         "digital services.", None),
    ]
    assert units(PROSE)[1].context == "Kenya \nKenya expanded mobile services in 2023."


def test_a_table_row_is_quoted_with_its_caption_and_header() -> None:
    kinds = [(u.kind, u.text) for u in units(TABLE)]
    assert kinds == [
        ("caption", "Table 3 Digital Readiness Index 2024."),
        ("row", "Kenya | Africa | 0.61 | 12"),
        ("row", "URY | Americas | 0.72 | 7"),
        ("row", "Norway | Europe | 0.93 | 1"),
    ]
    rows = [u for u in units(TABLE) if u.kind == "row"]
    assert [r.entity for r in rows] == ["Kenya", "Uruguay", "Norway"]  # URY is an ISO code
    assert rows[0].cells == {"Country": "Kenya", "Region": "Africa", "Readiness score": "0.61", "Rank": "12"}
    assert rows[0].quote == (
        "Table 3 Digital Readiness Index 2024.\nCountry | Region | Readiness score | Rank\n"
        "Kenya | Africa | 0.61 | 12"
    )


def test_list_items_carry_their_lead_in() -> None:
    assert [(u.kind, u.text) for u in units(LIST)] == [
        ("sentence", "The framework has four pillars:"),
        ("item", "Leadership"), ("item", "Skills"), ("item", "Infrastructure"), ("item", "Data"),
    ]
    items = [u for u in units(LIST) if u.kind == "item"]
    assert {i.header for i in items} == {"The framework has four pillars:"}
    assert items[0].context == "FRAMEWORK \nThe framework has four pillars: \nLeadership"


def test_bullets_a_pdf_font_printed_as_dots_are_list_items() -> None:
    page = chunk("Users would use the services in the following manner:\n"
                 ".. via the most common devices;\n. by voice, in their own language.\n"
                 ". The end of a sentence is no bullet.")
    assert [(u.kind, u.text) for u in units(page)][1:3] == [
        ("item", "via the most common devices;"), ("item", "by voice, in their own language.")]
    assert units(page)[-1].kind == "sentence"


def test_a_bullet_ending_in_a_colon_leads_in_the_bullets_after_it() -> None:
    slide = chunk("- Timeline:\n- Dec 2012: Workshop\n- Expected outcomes:\n- Capacity building;\n"
                  "- Stronger governance.")
    assert [(u.kind, u.text, u.header) for u in units(slide)] == [
        ("sentence", "Timeline:", None), ("item", "Dec 2012: Workshop", "Timeline:"),
        ("sentence", "Expected outcomes:", None),
        ("item", "Capacity building;", "Expected outcomes:"),
        ("item", "Stronger governance.", "Expected outcomes:"),
    ]
    assert len({u.group for u in units(slide) if u.kind == "item"}) == 2


def test_numbered_lines_are_list_items_under_the_line_above() -> None:
    # Word or PDF conversions keep "1." as text; a lead-in may end with a dash.
    tenets = chunk("The main tenets of such programs are -\n1. Clear content\n2) Support\n"
                   "(c) Channels\niv. Feedback\nAll material is online.")
    found = [(u.kind, u.text, u.header) for u in units(tenets)]
    lead = "The main tenets of such programs are -"
    assert found == [("sentence", lead, None), ("item", "Clear content", lead),
                     ("item", "Support", lead), ("item", "Channels", lead),
                     ("item", "Feedback", lead), ("sentence", "All material is online.", None)]
    assert announces(units(tenets)[0])
    # A year opening a line is no list number.
    assert units(chunk("2023. The year the plan began."))[0].kind == "sentence"


def test_lines_opening_with_a_numbered_label_are_items() -> None:
    plan = chunk("The core areas targeted are as follows\nType-1 : Basic ICT skills\n"
                 "Type-2: Soft skills (teamwork)\nThe plan ran to 2015: then it ended.")
    found = [(u.kind, u.text) for u in units(plan)]
    assert found[1:] == [("item", "Type-1 : Basic ICT skills"), ("item", "Type-2: Soft skills (teamwork)"),
                         ("sentence", "The plan ran to 2015: then it ended.")]
    assert announces(units(plan)[0]) and units(plan)[1].header == found[0][1]


def test_three_term_dash_meaning_lines_are_a_list() -> None:
    slide = chunk("Moving to SMART Government\nSeamless – Linked services\nMOBILE – Any place\n"
                  "Read time – Real-time answers\nIt started in 2011 – with a plan.")
    found = [(u.kind, u.text) for u in units(slide)]
    assert found[1:4] == [("item", "Seamless – Linked services"), ("item", "MOBILE – Any place"),
                          ("item", "Read time – Real-time answers")]
    assert found[-1][0] == "sentence"
    # Two such lines are prose, not a list.
    assert {u.kind for u in units(chunk("Egypt – a leader.\nKenya – a peer."))} == {"sentence"}


def test_each_entry_of_a_glossary_run_into_a_paragraph_is_a_unit() -> None:
    glossary = chunk("reasonable accommodation – any appropriate modification; universal design "
                     "– designing services so that all people can use them. Universal design "
                     "shall not exclude assistive devices; discrimination - any distinction;")
    assert [u.text for u in units(glossary)] == [
        "reasonable accommodation – any appropriate modification;",
        "universal design – designing services so that all people can use them.",
        "Universal design shall not exclude assistive devices;",
        "discrimination - any distinction;"]
    # One dash after a semicolon is prose, not a glossary.
    prose = chunk("Countries report progress; however – as noted – gaps remain.")
    assert [u.text for u in units(prose)] == [prose.text]


def test_a_reference_line_is_a_source_not_a_statement() -> None:
    line = ("IDABC, The Many Aspects of Open Source. Retrieved, 14th January 2007, from "
            "<http://ec.europa.eu/idabc/en/document/1744>")
    assert {u.kind for u in units(chunk(line))} == {"reference"}
    assert units(chunk("Data were retrieved from the ministry in 2020."))[0].kind == "sentence"


def test_a_contents_page_splits_into_its_lines() -> None:
    assert [u.text for u in units(CONTENTS)] == ["Introduction 3", "Results 7", "Annex 12"]


def test_a_footnote_with_its_source_address_is_a_reference() -> None:
    note = units(chunk("2 According to a study by the Commission, 70% of countries did it "
                       "http://ec.europa.eu/futurium/en/content/final-report"))[0]
    assert note.kind == "reference"
    assert units(chunk("2 ministries reported progress in 2023."))[0].kind == "sentence"


def test_a_spreadsheet_row_that_names_its_columns_reads_as_cells() -> None:
    roadmap = chunk("Indicator | Activity ID | Activities | Lead Organization | Timeline\n"
                    "Indicator: OI 3.1 | Activity ID: 3.1.2 | Lead Organization: DIAL",
                    kind="table", source="roadmap.xlsx")
    row = next(u for u in units(roadmap) if u.kind == "row")
    # Its empty cells (Activities, Timeline) are left out of the line, not misaligned.
    assert row.cells == {"Indicator": "OI 3.1", "Activity ID": "3.1.2", "Lead Organization": "DIAL"}


def test_a_piece_of_a_wide_row_reads_as_cells_past_the_columns_its_header_shows() -> None:
    # A wide sheet's header line shows its first columns only ("... | ..."); a piece of a
    # row cut past them still names each of its columns.
    form = chunk("S.no | Service Name | Responsible ministry | ...\n"
                 "S.no: 1 | Service Name: Driving licence | Eligibility validations: Above 18",
                 kind="table", source="rfi.xlsx")
    row = next(u for u in units(form) if u.kind == "row")
    assert row.cells == {"S.no": "1", "Service Name": "Driving licence",
                         "Eligibility validations": "Above 18"}
    # Under a header showing every column, a name it does not show is no cell.
    whole = chunk("S.no | Service Name\nS.no: 1 | Service Name: Driving licence | Note: x",
                  kind="table", source="rfi.xlsx")
    assert next(u for u in units(whole) if u.kind == "row").cells == {}


def test_lines_under_a_slide_label_are_its_list() -> None:
    slide = chunk("Action Area 3:\nCapacity Strengthening\nActivities\n"
                  "Training on e-government building blocks\n"
                  "Training on change management (transition from analog to digital)\n"
                  "Communities of Practice for peer-to-peer learning\nImplemented by",
                  kind="slide", source="deck.pptx")
    slide = replace(slide, doc_type="presentation")
    items = [(u.text, u.header) for u in units(slide) if u.kind == "item"]
    assert [header for _, header in items] == ["Activities"] * 3
    assert items[2][0] == "Communities of Practice for peer-to-peer learning"
    # Fields of their own ("Duration: ...") are no label's items; nor is prose outside a deck.
    fields = replace(chunk("Title:\nDuration: 01/2022 - 03/2025\nObjective: Support selected countries",
                           source="deck.pptx"), doc_type="presentation")
    assert all(u.kind == "sentence" for u in units(fields))
    assert all(u.kind == "sentence" for u in units(replace(slide, doc_type="report")))


def test_a_slides_labels_above_a_list_say_what_it_is_about() -> None:
    slide = replace(chunk("Strengthen the skills of civil servants.\nAction Area 3:\n"
                          "Capacity Strengthening\nActivities\n"
                          "Training on e-government building blocks\n"
                          "Communities of Practice for peer-to-peer learning\nImplemented by",
                          kind="slide", source="deck.pptx"), doc_type="presentation")
    items = [u for u in units(slide) if u.kind == "item"]
    # The labels frame the items (what they are scored by), the sentence above does not;
    # the lead-in quoted with them stays the line printed above them.
    assert [(u.labels, u.header) for u in items] == [
        ("Action Area 3: Capacity Strengthening", "Activities")] * 2
    assert "Action Area 3: Capacity Strengthening \nActivities \nTraining" in items[0].context
    assert "civil servants" not in items[0].context


def test_a_slides_labels_are_the_things_its_title_names() -> None:
    from assistant.evidence import slide_labels
    from assistant.understand import parse_question

    slide = replace(chunk("Digital Government: Focus Areas\nStrategy\n"
                          "- Digital Government Strategy and Roadmap Development\n"
                          "- Evaluation of the prerequisites for e-services\nTechnical Design\n"
                          "Technical specification and design of a use case\n"
                          "Technical design and proof of concept of the use case",
                          kind="slide", source="deck.pptx"), doc_type="presentation")
    asked = set(parse_question("What are the focus areas of the digital government component?")
                .topic)
    labels = slide_labels(slide, asked)
    assert [(u.text, u.header) for u in labels] == [
        ("Strategy", "Digital Government: Focus Areas"),
        ("Technical Design", "Digital Government: Focus Areas")]
    # A title naming other things, or a report's page, lists no labels.
    assert slide_labels(slide, set(parse_question("What are the project's risks?").topic)) == []
    assert slide_labels(replace(slide, doc_type="report"), asked) == []


def test_what_runs_on_after_an_item_asking_a_question_is_its_own_sentence() -> None:
    checklist = chunk("Check the service:\n- Were barriers identified?\n- Were users involved? "
                      "Note: Only services at level 3 can be redesigned. Others are regulated.",
                      kind="list")
    assert [(u.kind, u.text) for u in units(checklist)] == [
        ("sentence", "Check the service:"),
        ("item", "Were barriers identified?"),
        ("item", "Were users involved?"),
        ("sentence", "Note: Only services at level 3 can be redesigned."),
        ("sentence", "Others are regulated."),
    ]


def test_a_sentence_wrapped_onto_a_lower_case_line_is_one_unit() -> None:
    slide = chunk("Kenya won two awards, first in the regional\nranking, and second globally.\n"
                  "Uganda came third")
    assert [u.text for u in units(slide)] == [
        "Kenya won two awards, first in the regional ranking, and second globally.",
        "Uganda came third",
    ]


def test_a_line_after_a_finished_sentence_stays_its_own_unit() -> None:
    slide = chunk("Kenya won two awards.\nthe ranking followed later.")
    assert [u.text for u in units(slide)] == [
        "Kenya won two awards.", "the ranking followed later."]


def test_a_label_line_is_not_joined_to_a_lower_case_sentence_under_it() -> None:
    slide = chunk("Description\ne-GCF lists the roles of a team.")
    assert [u.text for u in units(slide)] == ["Description", "e-GCF lists the roles of a team."]


def test_a_sentence_ending_a_paragraphs_line_is_no_title_though_in_title_case() -> None:
    # A page break cut the paragraph after "available": the words are capitalised like a
    # title's, but the sentence follows another on its line.
    passage = chunk("Nigeria has a young population. Moreover, an E-Government Training Center"
                    " is available\nRationale in Transition from Governance to E-Governance")
    cut, title = units(passage)[1:]
    assert not opens_line(cut) and not is_heading(cut)
    assert opens_line(title) and is_heading(title)


def test_a_subsection_title_left_in_its_chapters_text_is_a_heading_not_a_figure() -> None:
    # A PDF whose "3.3 ..." line was printed in body type keeps it in chapter 3's text; a
    # prompt or an answer quoting it alone would quote a title. A figure opening a line
    # under another chapter ("2.5 Million users") stays a statement.
    passage = chunk("3.3 Identification of public services for reengineering\n"
                    "Services with many users come first.",
                    section="3 Preparation for the reengineering of public services")
    title, body = units(passage)
    assert is_heading(title, titles=False) and not is_heading(body, titles=False)
    figure = chunk("2.5 Million users of the portal in 2023\nMost sign in by phone.",
                   section="Introduction > 7 Results")
    assert not is_heading(units(figure)[0], titles=False)


def test_a_slides_lower_case_first_line_continues_no_sentence() -> None:
    slide = replace(chunk("e-Government Infrastructure Development (1987 ~ 2002)\n"
                          "- 11 key initiatives launched", kind="list"), doc_type="presentation")
    assert sentence_tail(slide) is None
    page = chunk("pair. The next sentence starts here.")
    assert sentence_tail(page) is not None and sentence_tail(page).text == "pair."


def test_a_chunk_and_its_units_hash_as_their_fields_do_so_equal_ones_share_cache_entries() -> None:
    # Chunks and units key the per-process caches (their units, terms, roles); the hash is
    # computed once and must stay the one of their fields, equal for equal values.
    from dataclasses import astuple, fields

    first, again = PROSE, replace(PROSE)  # equal, read twice
    assert first is not again and hash(first) == hash(again)
    assert hash(first) == hash(tuple(getattr(first, f.name) for f in fields(first)))
    unit = units(first)[0]
    assert hash(unit) == hash(tuple(getattr(unit, f.name) for f in fields(unit)))
    assert units(again) is units(first)  # the cache finds an equal chunk read again
    moved = replace(first, page=2)
    assert moved != first and len({first, again, moved}) == 2
    assert astuple(first)[0] == first.id  # the hash held aside is no field


def test_a_heading_cut_off_inside_a_bracket_frames_no_unit():
    # A paragraph's first line taken for a title lends its words to every passage after it.
    cut = chunk("Headquarters perform strategic planning.",
                section="Glossary > Cooperative compliance arrangements (also known as")
    assert units(cut)[0].context == "Headquarters perform strategic planning."
    whole = chunk("Headquarters perform strategic planning.",
                  section="Glossary > Headquarter functions (HQ)")
    assert units(whole)[0].context.startswith("Headquarter functions (HQ) \n")
