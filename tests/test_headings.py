"""Lists written as headings (assistant/headings.py) on tiny fixtures: no model, no index."""

from __future__ import annotations

from dataclasses import replace

from stage_fixtures import chunk, reader

from assistant.evidence import units
from assistant.heading_lines import states_as_sentence
from assistant.headings import (
    cover_country,
    dated_series,
    detail_slide,
    numbered_paragraphs,
    numbered_series,
    subsections,
    title_slides,
    under_title,
)
from assistant.types import Chunk

BOX = [
    chunk("The level can be mapped with the stages in box 5.", section="4 Mapping"),
    chunk("Box 5. Level of service development", section="4 Mapping > Technologies used"),
    chunk("The service is not defined.", section="4 Mapping > Level 1. Nonexistent"),
    chunk("The service is improvised.", section="4 Mapping > Level 2. Initial"),
    chunk("- Is it a pilot?", section="4 Mapping > Level 2. Initial"),
    chunk("It is repeatable.", section="4 Mapping > Level 3. Repeatable"),
    chunk("It is defined.", section="4 Mapping > Level 4. Defined"),
    chunk("The value 0 means offline.", section="4 Mapping > Stage 0"),
]


def test_a_run_of_numbered_headings_is_the_list_a_question_asks_for() -> None:
    # The hit is the caption printed just before the series; each title cites its section.
    series = numbered_series(("level", "servic"), [BOX[1]], reader(BOX))
    assert [i.text for i in series] == ["Level 1. Nonexistent", "Level 2. Initial",
                                        "Level 3. Repeatable", "Level 4. Defined"]
    assert [i.chunk for i in series] == [BOX[2], BOX[3], BOX[5], BOX[6]]
    # "Box 5." is numbered too, but a series of one: the levels after it are the answer.
    assert len(numbered_series(("level", "box"), [BOX[1]], reader(BOX))) == 4
    # Reached from its middle, the series still starts at its first title.
    assert len(numbered_series(("level",), [BOX[5]], reader(BOX))) == 4
    # Not asked for by its word ("stages"), or shorter than three titles: no series.
    assert numbered_series(("stage",), BOX[:7], reader(BOX)) == []
    assert numbered_series(("level",), [BOX[2]], reader(BOX[:4])) == []


def test_a_number_above_the_leaf_names_the_series_with_the_name_under_it() -> None:
    model = [
        chunk("Basic services come first.", section="Model > Stage 1 > Basic Services"),
        chunk("Computerise.", section="Model > Stage 1 > Basic Services > Activity 1: IT"),
        chunk("Streamline.", section="Model > Stage 2 > Streamlined Services"),
        chunk("Transact.", section="Model > Stage 3 > Transaction Services > Activity 1: Law"),
    ]
    assert [i.text for i in numbered_series(("stage",), [model[1]], reader(model))] == [
        "Stage 1: Basic Services", "Stage 2: Streamlined Services", "Stage 3: Transaction Services"]


def test_sections_under_an_announcing_passage_are_its_items() -> None:
    doc = [
        chunk("The model includes:", section="Gartner"),
        chunk("Paper forms.", section="Gartner > Level 1: Initial"),
        chunk("More paper.", section="Gartner > Level 1: Initial"),
        chunk("Online.", section="Gartner > Level 2: Developing"),
        chunk("Next topic.", section="Other"),
    ]
    assert [i.text for i in subsections(doc[0], reader(doc))] == [
        "Level 1: Initial", "Level 2: Developing"]


def test_a_slide_deck_numbers_its_titles_on_the_first_line() -> None:
    deck = [chunk(f"Stage {n} – {name}\nGovernment websites {verb}.", kind="slide",
                  section="Four Stages", page=23 + n)
            for n, name, verb in [(1, "Emerging", "inform"), (2, "Enhanced", "talk"),
                                  (3, "Transactional", "transact"), (4, "Connected", "join")]]
    assert [i.text for i in numbered_series(("stage",), [deck[2]], reader(deck))] == [
        "Stage 1 – Emerging", "Stage 2 – Enhanced", "Stage 3 – Transactional",
        "Stage 4 – Connected"]


def test_titles_ending_in_periods_of_years_are_a_timeline() -> None:
    deck = [
        chunk("Freedonia Leading e-Government", kind="slide", countries=("Freedonia",)),
        chunk("Infrastructure Development (1987 ~ 2002)\n- High-speed network\n"
              "Full-Fledged Implementation (2003 ~ 2007)\n- 31 major tasks\n"
              "Further Advancement (2008 - 2012)\n- Seamless services", kind="list"),
    ]
    # The title slide is the hit; its timeline is printed on the next one.
    series = dated_series([deck[0]], reader(deck), lambda c: True)
    assert [i.text for i in series] == ["Infrastructure Development (1987 ~ 2002)",
                                        "Full-Fledged Implementation (2003 ~ 2007)",
                                        "Further Advancement (2008 - 2012)"]
    assert dated_series([deck[0]], reader(deck), lambda c: False) == []
    # Two dated lines are no timeline; nor are bullets that end in years.
    short = chunk("Phase one (2001 - 2005)\nPhase two (2006 - 2010)\n- Pilot (2011 - 2012)")
    assert dated_series([short], reader([short]), lambda c: True) == []


def test_a_deck_states_its_subject_on_the_title_slides_before() -> None:
    deck = [
        chunk("- Asia leads\n- Kazakhstan climbs", kind="list"),
        chunk("Outlook of the 2014 Survey", kind="slide"),
        chunk("Three Main Criteria are Same", kind="slide"),
        chunk("- Strategy\n- Usage", kind="list"),
    ]
    assert title_slides(deck[3], reader(deck)) == (
        "Three Main Criteria are Same\nOutlook of the 2014 Survey")
    # A slide with content ends the run: it is not a title.
    assert title_slides(deck[1], reader(deck)) == ""


def test_a_document_about_one_country_names_it_on_its_title_page() -> None:
    paper = [replace(c, ordinal=i) for i, c in enumerate([
        chunk("REPUBLIC OF ESTONIA\nKratt vision paper", countries=("Estonia",)),
        chunk("Direct public services are provided by an authority to a person."),
    ])]
    assert cover_country(paper[1], reader(paper)) == "Estonia"
    assert cover_country(paper[0], reader(paper)) is None  # the title page names it itself
    # A title page naming several countries (an index of states) is about none of them.
    index = [replace(c, ordinal=i) for i, c in enumerate([
        chunk("States | GDP\nKenya | 44.9\nPeru | 20", countries=("Kenya", "Peru")),
        chunk("Methodology of the index."),
    ])]
    assert cover_country(index[1], reader(index)) is None


def test_a_slide_whose_title_goes_on_with_the_one_before_is_read_under_it() -> None:
    def slide(text: str, title: str) -> Chunk:
        return replace(chunk(text, kind="list", section=title, document="E-Governance Issues"),
                       doc_type="presentation")

    deck = [
        slide("- Mobile services\n- Real-time services", "Korea Moving forward to SMART Government"),
        slide("- Multichannel integration (PC, smart phone)", "Strategy Phases of SMART Government"),
        slide("- OSS and ODS", "Open Government Structure"),
    ]
    assert title_slides(deck[1], reader(deck)) == "Korea Moving forward to SMART Government"
    # "Government" is the deck's own subject: it ties no two slides.
    assert title_slides(deck[2], reader(deck)) == ""


def test_an_overview_item_opens_into_the_slide_titled_with_its_label() -> None:
    overview = chunk("Four stages:\n- 1. Emerging: sites inform\n- 2. Enhanced: sites offer forms"
                     "\n- 3. Connected: sites cut across", kind="list", page=14)
    stage1, stage2, stage3, lines = (
        chunk("Stage 1 – Emerging information services\nSites link to ministries.", kind="slide",
              page=24),
        chunk("Stage 2 – Enhanced information services\nSites are multi-lingual.", kind="slide",
              page=25),
        chunk("Stage 3 – Connected services", kind="slide", page=26),
        chunk("Sites use Web 2.0 tools.", kind="slide", page=27),
    )
    deck = [overview, stage1, stage2, stage3, lines]
    one, two, three = (u for u in units(overview) if u.kind == "item")
    assert detail_slide(two, reader(deck)) == [stage2]
    # A title alone on its slide brings the untitled slide after it.
    assert detail_slide(three, reader(deck)) == [stage3, lines]
    # A slide of another number, or no labelled item, opens into none.
    assert detail_slide(two, reader([overview, stage1])) == []
    assert detail_slide(units(overview)[0], reader(deck)) == []


def test_a_title_slide_heads_the_slides_up_to_the_next_title() -> None:
    deck = [
        chunk("Korea Leading e-Government", kind="slide"),
        chunk("Infrastructure (1987 ~ 2002)\n- High-speed network", kind="list"),
        chunk("Korea ranked 1st.\nIn 2010 and 2012.", kind="slide"),
        chunk("Open Government", kind="slide"),
        chunk("- OSS and ODS", kind="list"),
    ]
    assert under_title(deck[0], reader(deck)) == deck[1:3]
    assert under_title(deck[3], reader(deck)) == deck[4:]
    assert under_title(deck[0], None) == []


def test_numbered_titles_printed_into_their_paragraphs_are_the_sections_list() -> None:
    section = "2 The principles of reengineering"
    chunks = [
        chunk("The following principles shall be applied.\n2.1 Focusing on the beneficiaries",
              section=section),
        chunk("2.2 Accessible and Inclusive Services One of the major objectives is access.",
              section=section),
        chunk("Elsewhere 2.9 is cited. 2.3 The use of ICT solutions in services Electronic "
              "services have changed the work.", section=section),
    ]
    assert [u.text for u in numbered_paragraphs(chunks)] == [
        "2.1 Focusing on the beneficiaries", "2.2 Accessible and Inclusive Services",
        "2.3 The use of ICT solutions in services"]
    assert [u.chunk for u in numbered_paragraphs(chunks)] == chunks
    # Under an unnumbered heading, or with fewer than three, there is no such list.
    assert numbered_paragraphs([chunk(c.text, section="Principles") for c in chunks]) == []
    assert numbered_paragraphs(chunks[:2]) == []


def test_a_heading_with_a_finite_verb_after_its_subject_is_a_statement() -> None:
    assert states_as_sentence("Three Main Criteria are Same")
    assert states_as_sentence("Open Data Becomes a Criterion")
    # A headline's participle after a word of time states a change, its "is" left out.
    assert states_as_sentence("Open Gov't Data Newly Included in Online Service Index")
    for title in ("Levels of Maturity", "What is e-Government?", "Is e-Government Enough",
                  "Korea is", "Services Provided by Government", "Recently Added Services"):
        assert not states_as_sentence(title), title
