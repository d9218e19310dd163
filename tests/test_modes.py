"""The mode composers (assistant/modes.py, prompts.py, brief.py): compare, brief, prompts and
the chart figures, on tiny fixtures through a fake of the loaded index (stage_fixtures.FakeEvidence)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import pytest
from stage_fixtures import (
    CONTENTS,
    KENYA_CHALLENGES,
    LIST,
    NORWAY_CHALLENGES,
    PROSE,
    TABLE,
    FakeEvidence,
    chunk,
)

from assistant.brief import brief, source_list
from assistant.draft import CitationList, Draft, frame_row
from assistant.evidence import units
from assistant.modes import NO_COUNTRIES, chart_scores, compare, standing, strip_mode_words
from assistant.prompts import grounds, prompts
from assistant.select import Scored, Selection
from assistant.types import Chunk
from assistant.understand import Question, parse_question

CORPUS = (TABLE, LIST, PROSE, CONTENTS, KENYA_CHALLENGES, NORWAY_CHALLENGES)
KENYA_QUOTE = ("Kenya faces challenges in rural connectivity and the cost of devices, which "
               "hold back the uptake of online services.")
NORWAY_QUOTE = ("Norway reports a shortage of digital skills among older residents as the "
                "main challenge for its online services.")


def _asked(text: str) -> Question:
    """The question as answer.py hands it to a mode: without the words that asked for it."""
    return strip_mode_words(parse_question(text))


def _evidence(**kwargs: Any) -> Any:
    return FakeEvidence(*CORPUS, **kwargs)


# ---- chart figures ----------------------------------------------------------------------
def test_chart_scores_are_the_framed_rows_with_their_index_year_and_rank() -> None:
    q = parse_question("What is the readiness score of Kenya and Norway?")
    cites = CitationList()
    for row in (u for u in units(TABLE) if u.entity in ("Kenya", "Norway")):
        frame_row(row, q, cites)
    cites.cite(units(PROSE)[1])  # quoted, not framed: no bar
    assert chart_scores(cites) == [
        {"country": "Kenya", "index": "Readiness score", "year": 2024, "score": 0.61,
         "rank": 12, "city": None, "n": 1},
        {"country": "Norway", "index": "Readiness score", "year": 2024, "score": 0.93,
         "rank": 1, "city": None, "n": 2},
    ]


def test_source_list_groups_pages_by_document() -> None:
    cites = CitationList()
    cites.cite(next(u for u in units(TABLE) if u.entity == "Kenya"))
    cites.cite(units(PROSE)[1])
    assert source_list(cites) == (
        "**Annual Report 2024** (report.pdf)\n\n- [1] p. 1, RESULTS\n- [2] p. 1, FINDINGS > Kenya"
    )


# ---- compare ----------------------------------------------------------------------------
def test_compare_an_aspect_quotes_each_country_in_its_cell() -> None:
    draft = compare(_asked("Compare the challenges of Kenya and Norway"), _evidence())
    assert not draft.abstained
    assert draft.text == (
        "| Country | Challenges |\n|---|---|\n"
        f"| Kenya | {KENYA_QUOTE} [1] |\n| Norway | {NORWAY_QUOTE} [2] |\n\n"
        "- **Challenges**: reported for Kenya [1], Norway [2]."
    )
    assert draft.extras["table"]["columns"] == ["Country", "Challenges"]


def test_a_compare_cell_holds_a_set_up_sentence_with_what_it_sets_up() -> None:
    ghana = chunk("Ghana's challenges were grouped on two levels. Nationally, rural "
                  "connectivity and device costs were named.", section="Ghana > Challenges")
    draft = compare(_asked("Compare the challenges of Ghana and Kenya"),
                    FakeEvidence(ghana, KENYA_CHALLENGES))
    assert draft.extras["table"]["rows"][0] == [
        "Ghana", "Ghana's challenges were grouped on two levels. [1] Nationally, rural "
        "connectivity and device costs were named. [2]"]


def test_compare_on_a_free_topic_titles_its_column_in_the_questions_words() -> None:
    draft = compare(_asked("Compare how Kenya and Norway expanded mobile services"), _evidence())
    assert draft.extras["table"]["columns"] == ["Country", "Expanded mobile services"]


def test_compare_says_which_country_did_not_report() -> None:
    draft = compare(_asked("Compare Kenya and Uruguay on challenges"), _evidence())
    assert draft.extras["table"]["rows"] == [
        ["Kenya", f"{KENYA_QUOTE} [1]"], ["Uruguay", "not reported"],
    ]
    assert draft.text.endswith("- **Challenges**: reported for Kenya [1]; not reported for Uruguay.")


def test_a_comparison_of_two_cities_finds_each_countrys_city() -> None:
    # Nairobi's row does not name Oslo: each cell is about one of the cities compared.
    cities = chunk("Table 5 Local online services of the largest cities.\n"
                   "Country | City | Local score | Rank\n"
                   "Kenya | Nairobi | 0.42 | 30\nNorway | Oslo | 0.88 | 2",
                   kind="table", section="LOCAL SERVICES", countries=("Kenya", "Norway"))
    asked = _asked("Nairobi versus Oslo on city online services").with_countries(
        ["Kenya", "Norway"])
    draft = compare(asked, FakeEvidence(cities, KENYA_CHALLENGES, NORWAY_CHALLENGES))
    rows = draft.extras["table"]["rows"]
    assert [r[0] for r in rows] == ["Kenya", "Norway"]
    assert "Nairobi" in rows[0][1] and "0.42" in rows[0][1]
    assert "Oslo" in rows[1][1] and "0.88" in rows[1][1]


@pytest.mark.parametrize("asked", ["Is Kenya doing better than Norway?",
                                   "kenya or norway - who is further along on e-gov?"])
def test_compare_standing_uses_the_figures(asked: str) -> None:
    draft = compare(_asked(asked), _evidence())
    assert draft.extras["table"]["rows"] == [
        ["Kenya", "Readiness score is 0.61 (Rank 12; Region Africa) [1]"],
        ["Norway", "Readiness score is 0.93 (Rank 1; Region Europe) [2]"],
    ]
    assert [s["score"] for s in draft.extras["scores"]] == [0.61, 0.93]


def test_compare_standing_opens_with_who_scores_higher() -> None:
    """The answer to "is A doing better than B" first, then the table: the figures are one
    index's in one edition, and each cites its row."""
    draft = compare(_asked("Is Kenya doing better than Norway?"), _evidence())
    assert draft.text.startswith("On the Readiness score (2024), Norway scores higher than "
                                 "Kenya: 0.93 [2] against 0.61 [1].\n\n| Country |")


def test_standing_orders_three_and_says_nothing_across_editions() -> None:
    def score(country: str, value: float, n: int, year: int = 2020) -> dict[str, Any]:
        return {"country": country, "index": "EGDI", "year": year, "score": value,
                "rank": None, "city": None, "n": n}
    assert standing([score("Iran", 0.6593, 1), score("Malaysia", 0.7892, 2),
                     score("Turkey", 0.7718, 3)]) == (
        "On the EGDI (2020), from the highest score to the lowest: Malaysia 0.7892 [2], "
        "Turkey 0.7718 [3], Iran 0.6593 [1].")
    # two editions, or one country twice: no single order to state
    assert standing([score("Iran", 0.6, 1), score("Malaysia", 0.7, 2, year=2022)]) is None
    assert standing([score("Iran", 0.6, 1), score("Iran", 0.7, 2)]) is None


def test_compare_cell_and_the_list_beneath_cite_one_number() -> None:
    """A cell quoting a sentence with its context is cited as quoted; the list of who
    reported what names that number, not one the answer never shows."""
    cut = chunk("Kenya trains teachers in digital skills in every county from",
                section="FINDINGS > Kenya", page=4)
    end = chunk("the first year of school onwards.", section="FINDINGS > Kenya", page=5)
    draft = compare(_asked("compare Kenya and Norway on digital skills"),
                    FakeEvidence(cut, end, NORWAY_CHALLENGES))
    assert "from the first year of school onwards. [1]" in draft.text
    shown = set(re.findall(r"\[(\d+)\]", draft.text.split("\n\n")[0]))
    listed = set(re.findall(r"\[(\d+)\]", draft.text.split("\n\n")[-1]))
    assert listed and listed <= shown


def test_compare_with_nothing_but_the_countries_uses_the_figures() -> None:
    draft = compare(_asked("compare kenya and norway please"), _evidence())
    assert [r[1].split(" (")[0] for r in draft.extras["table"]["rows"]] == [
        "Readiness score is 0.61", "Readiness score is 0.93"]


def _compared_over(table: str, asked: str) -> Draft:
    """The comparison asked over a table of Kenya's and Norway's rows, beside their
    challenges."""
    rows = chunk(table, kind="table", section="ANNEX", countries=("Kenya", "Norway"))
    return compare(_asked(asked),
                   FakeEvidence(rows, KENYA_CHALLENGES, NORWAY_CHALLENGES, min_support=0.05))


def test_compare_with_nothing_but_the_countries_and_no_scores_uses_their_rows() -> None:
    # No table scores or ranks them: their rows of a table that holds them are compared.
    draft = _compared_over("Table 9 Legal systems of states\nCountry | Legal System | Population\n"
                           "Kenya | Common law | 47.6\nNorway | Civil law | 5.2",
                           "compare kenya and norway please")
    assert not draft.abstained
    assert draft.extras["table"]["columns"] == ["Country", "Country data"]
    assert [r[1].split(" [")[0] for r in draft.extras["table"]["rows"]] == [
        "Population is 47.6 (Legal System Common law)", "Population is 5.2 (Legal System Civil law)"]


def test_a_compare_cell_leaves_out_the_rows_own_long_name() -> None:
    # "Kenya (Republic of)'s Population ..." in Kenya's line repeats its name.
    draft = _compared_over("Table 9 States\nCountry | Population (millions) | GDP (billions)\n"
                           "Kenya (Republic of) | 47.6 | 95.5\nNorway | 5.2 | 398.8",
                           "compare Kenya and Norway GDP")
    assert [r[1].split(" [")[0] for r in draft.extras["table"]["rows"]] == [
        "GDP (billions) is 95.5 (Population (millions) 47.6)",
        "GDP (billions) is 398.8 (Population (millions) 5.2)"]


def test_compare_a_figure_named_compares_its_column_and_opens_with_whose_is_higher() -> None:
    # A population is no score: not "scores higher"; its column, not the row's first figure.
    draft = _compared_over("Table 9 States\nCountry | Population (millions) | GDP (billions)\n"
                           "Kenya | 47.6 | 95.5\nNorway | 5.2 | 398.8", "compare Kenya and Norway GDP")
    assert draft.text.startswith("Norway's GDP (billions) is higher than Kenya's: 398.8 [2] "
                                 "against 95.5 [1].")
    assert draft.extras["table"]["columns"] == ["Country", "GDP"]
    # Legal systems compared do not open with the populations their rows print.
    legal = chunk("Table 9 States\nCountry | Legal System | Population (millions)\n"
                  "Kenya | Common law | 47.6\nNorway | Civil law | 5.2",
                  kind="table", section="ANNEX", countries=("Kenya", "Norway"))
    draft = compare(_asked("compare Kenya and Norway legal systems"),
                    FakeEvidence(legal, KENYA_CHALLENGES, NORWAY_CHALLENGES, min_support=0.05))
    assert draft.text.startswith("| Country |")


def test_the_difference_asked_between_rows_of_one_table_shows_the_cells_that_differ() -> None:
    states = chunk("Table 9 States\nCountry | Legal System | Forms of Government | Form of "
                   "State | Constitutional Controls | Official Languages | Currency | Calendar\n"
                   "Kenya | Civil law | Presidential | Unitary | Centralized | English | KES | "
                   "Gregorian\n"
                   "Norway | Civil law | Presidential | Unitary | Mixed | Norwegian | NOK | "
                   "Gregorian", kind="table", section="ANNEX", countries=("Kenya", "Norway"))
    evidence = FakeEvidence(states, KENYA_CHALLENGES, NORWAY_CHALLENGES, min_support=0.05)
    draft = compare(_asked("what is the difference between Kenya and Norway legal systems?"),
                    evidence)
    kenya, norway = (r[1] for r in draft.extras["table"]["rows"])
    assert kenya.startswith("Legal System is Civil law (Constitutional Controls Centralized; "
                            "Official Languages English; Currency KES) [")
    assert "Mixed" in norway and "Gregorian" not in norway
    # Not asked: the first columns, as always.
    plain = compare(_asked("compare Kenya and Norway legal systems"), evidence)
    assert "Forms of Government" in plain.extras["table"]["rows"][0][1]


def test_compare_countries_the_corpus_does_not_cover_is_a_decline() -> None:
    draft = compare(_asked("Compare Peru and Chile"), _evidence())
    assert draft.abstained and draft.text == "The documents do not cover Peru, Chile."
    assert draft.extras["declined_by"] == "compare-unknown-country"


def test_a_comparison_of_things_that_are_not_countries_is_handed_to_the_answer_stage() -> None:
    # "Compare UNDP's maturity levels with Gartner's": no country named nor found in the
    # passages, so no country table; answer.py answers it as a question (not a decline).
    models = chunk("The UNDP model has five maturity levels; Gartner's has five levels too.",
                   section="Maturity models")
    draft = compare(_asked("Compare the UNDP maturity levels with Gartner's levels"),
                    FakeEvidence(models))
    assert draft.abstained and draft.extras["declined_by"] == NO_COUNTRIES


def test_a_standing_against_a_country_the_corpus_does_not_cover_is_a_decline() -> None:
    # Kenya alone in the table would answer another question than "is Peru ahead?".
    draft = compare(_asked("Is Peru ahead of Kenya on e-government?"), _evidence())
    assert draft.abstained and draft.text == "The documents do not cover Peru."


# ---- brief ------------------------------------------------------------------------------
def test_a_brief_has_indices_each_outline_section_and_sources() -> None:
    # 0.3: high enough that only the challenge sentence supports a section of the outline.
    draft = brief(_asked("Brief on Kenya"), _evidence(min_support=0.3))
    assert draft.text.startswith(
        "# Country brief: Kenya\n\n## Indices\n\n"
        "- Kenya's Readiness score is 0.61 (Rank 12; Region Africa), according to Table 3 "
        "Digital Readiness Index 2024 [1].\n\n"
        "## Strategies and frameworks\n\nNot reported.\n\n"
        f"## Challenges\n\n{KENYA_QUOTE} [2]\n\n"
        "## Opportunities\n\nNot reported.\n\n## Requested support\n\nNot reported.\n\n"
        # Then the country's own passages no section quoted, under its heading.
        "## Also reported\n\nKenya expanded mobile services in 2023. [3]"
    )
    assert draft.text.split("## Sources")[1].startswith(
        "\n\n**Annual Report 2024** (report.pdf)\n\n"
        "- [1] p. 1, RESULTS\n- [2] p. 1, FINDINGS > Kenya\n- [3] p. 1, FINDINGS > Kenya")
    assert draft.extras["country"] == "Kenya"


def test_a_brief_quotes_the_slides_a_title_slide_naming_the_country_heads() -> None:
    # A deck names the country on its title slide; the slides after it, under a heading of
    # their own ("Another Look"), tell its story. Another country's slide that mentions this
    # one is about the other.
    deck = dict(source="deck.pdf", document="Deck", kind="slide")
    title = chunk("Peru Leading e-Government", section="Peru Leading e-Government",
                  countries=("Peru",), page=1, **deck)
    ranked = chunk("Another Look\nPeru has ranked first in the survey twice in a row.",
                   section="Another Look", page=2, **deck)
    other = chunk("Support will be delivered from Peru and Chile to train CIOs in Bolivia.",
                  section="Cooperation with Government of Bolivia", page=3,
                  countries=("Bolivia", "Peru", "Chile"), **deck)
    draft = brief(_asked("Brief on Peru"), FakeEvidence(title, ranked, other, min_support=0.05))
    assert "ranked first in the survey" in draft.text.split("## Also reported")[1]
    assert "Bolivia" not in draft.text


def test_a_brief_quotes_the_countrys_row_of_a_table_that_is_no_index() -> None:
    systems = chunk("Table 9 Legal systems of states\nCountry | Legal System | Form of Government\n"
                    "Kenya | Common law | Presidential\nNorway | Civil law | Parliamentary",
                    kind="table", section="ANNEX", countries=("Kenya", "Norway"))
    draft = brief(_asked("Brief on Kenya"), FakeEvidence(*CORPUS, systems, min_support=0.3))
    # Not under Indices (it holds no index figure): the country's data, after the outline.
    indices, _, rest = draft.text.partition("## Strategies")
    assert "Legal System" not in indices
    data = rest.split("## Country data")[1]
    assert re.search(r"- Kenya: Legal System: Common law; Form of Government: Presidential, "
                     r"according to Table 9 Legal systems of states \[\d+\]\.", data)
    assert "Norway" not in indices + data


def test_a_brief_reads_a_wide_profile_row_whole() -> None:
    # Languages and population sit in the ninth and tenth columns of such a table.
    header = ("States | Legal System | Forms of State | Forms of Government | Controls | "
              "Upper House | Lower House | Number of Languages | Languages | (millions)")
    kenya = ("Kenya | Mixed | Unitary | Presidential | Diffuse | Maj. | Maj. | Plurilingual | "
             "English, Swahili | 44.9")
    profile = chunk(f"Table 2 Index of States\n{header}\n{kenya}", kind="table", section="ANNEX",
                    countries=("Kenya",))
    draft = brief(_asked("Brief on Kenya"), FakeEvidence(*CORPUS, profile, min_support=0.3))
    assert "Languages: English, Swahili; (millions): 44.9, according to Table 2" in draft.text


def test_a_brief_section_quotes_only_a_passage_that_names_its_aspect() -> None:
    # The country's poll, its only passage, supports every section by its words but names
    # no challenge, opportunity, strategy or support: no section reports it.
    poll = chunk("Kenya's survey was conducted face to face with a sample of 1099 people.",
                 section="Methodology", countries=("Kenya",))
    draft = brief(_asked("Brief on Kenya"), FakeEvidence(poll, min_support=0.05))
    assert draft.abstained and draft.text == "The documents do not cover Kenya in any detail."
    # Beside the challenges its documents state, the poll is quoted in no section.
    draft = brief(_asked("Brief on Kenya"), FakeEvidence(KENYA_CHALLENGES, poll,
                                                         min_support=0.05))
    assert "1099" not in draft.text and KENYA_QUOTE in draft.text.split("## Challenges")[1]


def test_a_brief_requests_support_only_where_a_passage_asks_for_it() -> None:
    # "people's needs" is said of anything: a slide of service principles requests no
    # support. A plan, a weak cue of strategies, names one wherever it is printed.
    slide = chunk("Anytime: services that respond to people's needs at any hour of the day.",
                  section="Kenya Moving Forward", countries=("Kenya",))
    plan = chunk("Kenya's Digital Master Plan 2022-2032 sets out its digital economy course.",
                 section="Kenya", countries=("Kenya",))

    def section(title: str) -> str:
        draft = brief(_asked("Brief on Kenya"), FakeEvidence(slide, plan, min_support=0.05))
        return draft.text.split(f"## {title}")[1].split("##")[0]

    assert section("Requested support").strip() == "Not reported."
    assert "Master Plan" in section("Strategies and frameworks")


def test_a_brief_section_quotes_a_close_second_from_another_page_only_if_it_adds_something(
) -> None:
    # Another page's sentence on the same words names nothing the first lacks: an aside, as
    # in a plain answer. On the same page it is the passage going on, and stays.
    aside = chunk("Kenya faces challenges in the uptake of online services, as noted before.",
                  section="FINDINGS > Kenya", page=5)

    def challenges(*chunks: Chunk) -> str:
        draft = brief(_asked("Brief on Kenya"), FakeEvidence(*chunks, min_support=0.05))
        return draft.text.split("## Challenges")[1].split("##")[0]

    assert KENYA_QUOTE not in challenges(KENYA_CHALLENGES, aside)
    assert KENYA_QUOTE in challenges(KENYA_CHALLENGES, replace(aside, page=1))


def test_a_brief_needs_a_country_the_corpus_covers() -> None:
    assert brief(_asked("Brief on Peru"), _evidence()).text == "The documents do not cover Peru."
    no_country = brief(_asked("Brief on open data"), _evidence())
    assert no_country.abstained
    assert no_country.text == "The documents do not cover a country by that name (give a country)."


# ---- prompts ----------------------------------------------------------------------------
def test_prompts_quote_one_example_per_country_and_end_in_an_open_question() -> None:
    draft = prompts(_asked("Give me 2 discussion prompts on online services"), _evidence(), 2)
    assert [p["text"] for p in draft.extras["prompts"]] == [
        f"**Norway**: “{NORWAY_QUOTE}” [1] What would a comparable step look like in your "
        "administration, and who would need to lead it?",
        f"**Kenya**: “{KENYA_QUOTE}” [2] Which conditions made this possible, and which of "
        "them exist in your country today?",
    ]
    assert draft.text.startswith("1. **Norway**: “Norway reports")
    assert draft.extras["facilitator_note"].startswith(
        "**Facilitator note.** Each prompt starts from a documented example (Norway, Kenya)."
    )


def test_prompts_asked_in_a_sentence_are_about_what_follows_on_or_about() -> None:
    # "participants" names the audience: the evaluation's passage on participants is no
    # example of online services.
    rated = chunk("Participants rated the sessions highly in the evaluation survey.",
                  section="EVALUATION")
    asked = _asked("what should we ask participants about online services")
    assert asked.mode == "prompts"
    draft = prompts(asked, FakeEvidence(KENYA_CHALLENGES, NORWAY_CHALLENGES, rated), 3)
    assert len(draft.extras["prompts"]) == 2 and "rated" not in draft.text


def test_prompts_topic_ends_where_the_sentence_goes_on_to_something_else() -> None:
    # After the dash the request goes on ("drawing on the participants' ratings"): the
    # evaluation's passage on ratings is no example of online services.
    rated = chunk("Participants rated the sessions highly in the evaluation survey.",
                  section="EVALUATION")
    asked = _asked("i run a session on online services - a couple of discussion questions "
                   "drawing on participants ratings?")
    assert asked.mode == "prompts"
    draft = prompts(asked, FakeEvidence(KENYA_CHALLENGES, NORWAY_CHALLENGES, rated), 2)
    assert len(draft.extras["prompts"]) == 2 and "rated" not in draft.text


def test_mode_words_typed_as_users_type() -> None:
    assert parse_question("prep me on kenya, meeting their ministry tomorrow").mode == "brief"
    assert parse_question("background notes on kenya please").mode == "brief"
    assert parse_question("need conversation starters on the skills gap").mode == "prompts"
    assert parse_question("what would you ask delegates about smart cities?").mode == "prompts"
    asked = _asked("questions i could put to a breakout group on open data")
    assert asked.mode == "prompts" and asked.text == "open data"


def test_prompts_quote_a_sentence_once_however_often_it_is_printed() -> None:
    summary = chunk(KENYA_QUOTE, section="SUMMARY", page=1)
    draft = prompts(_asked("Give me 3 discussion prompts on online services"),
                    FakeEvidence(KENYA_CHALLENGES, summary), 3)
    assert len(draft.extras["prompts"]) == 1


def test_prompts_on_a_topic_the_corpus_lacks_is_a_decline() -> None:
    draft = prompts(_asked("3 discussion prompts on blockchain voting"), _evidence(), 3)
    assert draft.abstained and draft.text == "The documents do not cover this question."


def test_prompts_quote_no_translated_twin_beside_the_readers_language() -> None:
    from dataclasses import replace

    english = replace(chunk("Online services reach rural villages through kiosks.",
                            section="Kiosks", source="services-en.md"), language="en")
    french = replace(chunk("Les services online atteignent les villages par des kiosques.",
                           section="Kiosques", source="services-fr.md"), language="fr")
    asked = replace(_asked("Give me 2 discussion prompts on online services"), language="en")
    draft = prompts(asked, FakeEvidence(english, french), 2)
    assert [c.source for c in draft.cites.items] == ["services-en.md"]


def _scored(text: str, score: float, dense: float, section: str = "Open data") -> Scored:
    return Scored(units(chunk(text, section=section))[0], score, dense, 1.0, 0)


def test_a_prompt_grounds_on_statements_close_to_the_best_in_support_and_meaning() -> None:
    best = _scored("Open data portals publish budget data sets that citizens reuse in apps.",
                   0.9, 0.74)
    close = _scored("The measurement of participation will focus on open data and outreach.",
                    0.74, 0.44)
    passing = _scored("Egypt's gateway is the engine behind exchanging data across agencies.",
                      0.53, 0.50)  # its topic words in passing: far below the best's support
    slogan = _scored("One can do what one wants with the code and with the data today.",
                     0.68, 0.31)  # close in support through its heading, far in meaning
    credit = _scored("Setting the Scene by Mr. John Doe Chief, Open Data Branch (20 min)",
                     0.88, 0.70)
    title = "Possible Criteria on Open Government Data for Local and National Portals"
    heading = _scored(title, 0.95, 0.80, section=f"Annex > {title}")
    selection = Selection(parse_question("open government data"),
                          [heading, best, credit, close, slogan, passing])
    # The passing mention comes only after the close ones: it makes up the number asked.
    assert grounds(selection) == [best, close, passing]


def test_a_prompt_grounds_on_no_table_row_line_piece_or_question() -> None:
    """A group reads the quoted example aloud: it must state something on its own."""
    stated = _scored("Open data portals publish budget data sets that citizens reuse in apps.",
                     0.9, 0.74)
    row = Scored(next(u for u in units(TABLE) if u.kind == "row"), 0.95, 0.8, 1.0, 0)
    piece = _scored("(for example budget data, procurement data, open data sets, etc. ).",
                    0.85, 0.7)
    asked = _scored("Which open data sets does the portal publish and who reuses them?",
                    0.85, 0.7)
    selection = Selection(parse_question("open government data"), [row, piece, asked, stated])
    assert grounds(selection) == [stated]


class _Scored:
    """What ``prompts`` asks of the index, with a fixed selection."""

    def __init__(self, scored: list[Scored]) -> None:
        self.scored = scored
        self.settings = _evidence().settings
        self.known_countries: set[str] = set()

    def retrieve(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []

    def select(self, question: Question, hits: Any) -> Selection:
        return Selection(question, self.scored)

    def supported(self, selection: Selection, share: float = 1.0) -> bool:
        return True

    def neighbour(self, chunk: Chunk, step: int) -> None:
        return None


@pytest.mark.parametrize(("close", "asked", "expected"), [
    (2, None, 3),  # the fewest, made up from the further examples
    (4, None, 4),  # as many as the close examples
    (2, 5, 5),  # a number asked is made up
])
def test_prompts_asked_for_no_number_quote_the_close_examples(
        close: int, asked: int | None, expected: int) -> None:
    said = ["Budget data sets are published monthly by the finance ministry.",
            "Health inspectors release hospital records as open files each quarter.",
            "Transport agencies share live bus positions through a public feed.",
            "Schools report exam results that parents compare on a portal.",
            "Courts publish rulings online so that lawyers can search them.",
            "Cities map their tree census and invite residents to add trees."]
    scored = [_scored(text, 0.9 if i < close else 0.5, 0.7, section=f"Open data {i}")
              for i, text in enumerate(said)]
    draft = prompts(parse_question("open government data"), _Scored(scored), asked)
    assert len(draft.extras["prompts"]) == expected


def test_standing_asked_nationally_and_for_a_city_compares_each_levels_index() -> None:
    # "both nationally and for its biggest city" names no index: the city level is scored
    # by the index of cities, the national one by the composite of its survey.
    national = chunk("Table 1 Members in the E-Government Survey.\n"
                     "Country | EGDI Group | Score | Rank\n"
                     "Kenya | Middle | 0.52 | 110\nNorway | Very High | 0.88 | 13",
                     kind="table", section="BACKGROUND", countries=("Kenya", "Norway"))
    local = chunk("Table 2 Members in the Local Online Service Index (LOSI).\n"
                  "Country | City | LOSI Group | Score | Rank\n"
                  "Kenya | Nairobi | Middle | 0.42 | 30\nNorway | Oslo | High | 0.81 | 2",
                  kind="table", section="BACKGROUND", countries=("Kenya", "Norway"))
    asked = _asked("is kenya doing better than norway both nationally and for its biggest "
                   "city?")
    draft = compare(asked, FakeEvidence(national, local, KENYA_CHALLENGES, NORWAY_CHALLENGES))
    assert draft.extras["table"]["columns"] == ["Country", "EGDI", "LOSI"]
    kenya = draft.extras["table"]["rows"][0]
    assert "0.52" in kenya[1] and "0.42" in kenya[2]
    alone = compare(_asked("is kenya doing better than norway?"),
                    FakeEvidence(national, local, KENYA_CHALLENGES, NORWAY_CHALLENGES))
    assert "LOSI" not in alone.extras["table"]["columns"]
