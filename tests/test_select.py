"""Evidence selection (assistant/select.py) on tiny fixtures with the word-hash embedder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from stage_fixtures import (
    CONTENTS,
    KENYA_CHALLENGES,
    LIST,
    NORWAY_CHALLENGES,
    PROSE,
    TABLE,
    chunk,
    hits,
    reader,
    word_hash_embed,
)

from assistant.admissible import admissible
from assistant.chunktable import ChunkTable
from assistant.counted import counts_measure
from assistant.evidence import Evidence, units
from assistant.figures_asked import gives_figure
from assistant.measures import asks_figure
from assistant.retrieve import TermWeights
from assistant.select import (
    Scored,
    Selection,
    coverage,
    per_country,
    section_country,
    select,
)
from assistant.settings import AnswerSettings
from assistant.types import Chunk
from assistant.understand import parse_question
from assistant.unitvec import UnitVectors
from assistant.vocabulary import form_terms, kinds_asked


class Around:
    """What select reads around a chunk, as a test sets it: no titles; the documents a
    question names (``named``) and whether a document is a country's (``by_country``)."""

    def __init__(self, named: Callable[[str], list[str]] = lambda text: [],
                 by_country: Callable[[str, str], bool] = lambda source, country: False) -> None:
        self.named, self.by_country = named, by_country

    def titles(self, chunk: Chunk) -> str:
        return ""

    def document_names(self, source: str, country: str) -> bool:
        return self.by_country(source, country)

    def named_documents(self, text: str) -> list[str]:
        return self.named(text)

    def neighbour(self, chunk: Chunk, step: int) -> Chunk | None:
        return None


def _select(question: str, *chunks: Chunk) -> Selection:
    q = parse_question(question)
    vectors = UnitVectors(word_hash_embed)
    return select(q, hits(*chunks), word_hash_embed([q.text])[0], vectors, lambda t: 1.0, {},
                  AnswerSettings())


def _table_row(text: str) -> Evidence:
    """The first row of a table chunk, read with its caption and header."""
    return next(u for u in units(chunk(text, kind="table")) if u.kind == "row")


def test_furniture_headings_and_other_countries_cannot_answer() -> None:
    q = parse_question("What is Norway's readiness score?")
    kenya, uruguay, norway = (u for u in units(TABLE) if u.kind == "row")
    assert admissible(q, norway, {}) and not admissible(q, kenya, {})
    assert not any(admissible(q, u, {}) for u in units(CONTENTS))
    heading = chunk("Results", section="Results")
    assert not admissible(parse_question("What are the results?"), units(heading)[0], {})


def test_a_line_that_only_names_the_country_asked_says_nothing_about_it() -> None:
    # A programme lists the presenting countries one a line: "Pakistan" does not say what
    # Pakistan presented.
    agenda = chunk("Country presentations:\n- Pakistan\n- Pakistan presented its cloud-first policy.",
                   kind="list", countries=("Pakistan",))
    q = parse_question("What challenges did Pakistan present?")
    bare, said = (u for u in units(agenda) if u.kind == "item")
    assert not admissible(q, bare, {}) and admissible(q, said, {})


def test_bare_labels_under_a_heading_the_question_names_answer_it() -> None:
    # A statement of work's "Resources" heading over "- Human" and "- Financial": the
    # labels are the resources asked for, though the question asks for no list by its words.
    resources = chunk("- Human\n- Financial", kind="list", section="Resources")
    human, _ = (u for u in units(resources) if u.kind == "item")
    assert admissible(parse_question("what resources does the statement of work say are needed?"),
                      human, {})
    # Under another heading, a bare label still says nothing of what is asked.
    other = chunk("- Human\n- Financial", kind="list", section="Roles")
    assert not admissible(parse_question("what resources does the plan say are needed?"),
                          units(other)[0], {})


def test_lines_listed_under_a_label_asked_answer_though_each_looks_like_a_heading() -> None:
    # A slide's list without bullets: "Activities" labels the lines under it.
    slide = chunk("Action Area 1:\nStrategy Development\nActivities\nNeeds Assessments\n"
                  "Strategy formulation\nRoadmap development", kind="slide",
                  section="Project Activities")
    needs = next(u for u in units(slide) if u.text == "Needs Assessments")
    assert admissible(parse_question("which activities are under action area 1?"), needs, {})
    # Asked by no word of a label above it, the line is a heading again.
    assert not admissible(parse_question("what does the project deliver?"), needs, {})
    # A table printed as lines: "Code Value" over each code's line.
    codes = chunk("Code Value\nNR Number of persons (headcount)\nPC Percent of total",
                  section="Unit of measurement")
    persons = units(codes)[1]
    assert admissible(parse_question("what do the codes NR and PC stand for?"), persons, {})
    # A title over a title repeats the words asked: "Open Government Structure" does not
    # make "Open Government as a Manifold" one of its values.
    titles = chunk("Open Government Structure\nOpen Government as a Manifold\nOpen\nClosed",
                   kind="slide", section="Open Government")
    manifold = units(titles)[1]
    assert not admissible(parse_question("what do the slides say about open government?"),
                          manifold, {})


def test_a_bare_label_answers_no_how_asked_after_the_askers_context() -> None:
    # "- Open" under "Open Government": no manner, however the question opens.
    labels = chunk("- Open\n- Closed", kind="list", section="Open Government")
    label = units(labels)[0]
    assert not admissible(parse_question("how do the slides characterise open government?"),
                          label, {})
    asked = parse_question("Open government, next week. how do the slides characterise it?")
    assert not asked.text.startswith("how") and not admissible(asked, label, {})


def test_a_countrys_row_answers_only_on_a_field_it_holds() -> None:
    table = chunk("State | Legal System | Forms of Government\n"
                  "Moldova | Civil Law | Parliamentary\nKenya | Mixed | Presidential",
                  kind="table", document="Index of States and their Legal Systems",
                  countries=("Moldova", "Kenya"))
    moldova = next(u for u in units(table) if u.kind == "row" and u.text.startswith("Moldova"))
    # No column holds a code: the row does not answer, though it is Moldova's.
    assert not admissible(parse_question(
        "What ISO country code does the index of states give for Moldova?"), moldova, {})
    # A column asked, or only the table named (the whole row asked), answers.
    assert admissible(parse_question(
        "Which form of government does Moldova have in the index?"), moldova, {})
    assert admissible(parse_question("Moldova in the index of states and legal systems"),
                      moldova, {})


def test_a_countrys_row_gives_a_figure_or_list_only_of_a_field_it_holds() -> None:
    table = chunk("States | Legal System | Population (millions) | GDP (billions)\n"
                  "Kazakhstan | Civil Law | 17.3 | 217.9\nNigeria | Mixed | 177.5 | 568.5",
                  kind="table", document="Index of States and their Legal Systems",
                  countries=("Kazakhstan", "Nigeria"))
    kazakhstan = next(u for u in units(table) if u.kind == "row"
                      and u.text.startswith("Kazakhstan"))
    # A list or a figure of a field no column holds: the country's row is no answer.
    assert not admissible(parse_question(
        "What capital city does the index of states list for Kazakhstan?"), kazakhstan, {})
    assert not admissible(parse_question(
        "How large is Kazakhstan's territory according to the index of states?"),
        kazakhstan, {})
    # A column named by a word of the same measure (data/answers.json "measure_synonyms").
    assert admissible(parse_question(
        "how many people live in Kazakhstan according to the index of states table?"),
        kazakhstan, {})
    assert admissible(parse_question(
        "how big is Kazakhstan's economy in the legal systems index?"), kazakhstan, {})


def test_a_word_modifying_another_noun_in_a_column_names_no_field_by_accident() -> None:
    table = chunk("States | Official Languages | Lower House/ National Assembly | Polling Company\n"
                  "Ghana | English | Maj. | Infinite Insight Ltd.", kind="table",
                  document="Index of States and their Legal Systems", countries=("Ghana",))
    ghana = next(u for u in units(table) if u.kind == "row")
    # "national anthem" is no "National Assembly", "the poll tax" no "Polling Company".
    for question in ("What national anthem does the index of states list for Ghana?",
                     "what is the poll tax in ghana according to the index?",
                     "which polling station did the index use in Ghana?"):
        assert not admissible(parse_question(question), ghana, {}), question
    # The noun the column names, whatever modifies it, or the same modifier and noun.
    for question in ("What is Ghana's national language according to the index of states?",
                     "Which polling company worked in Ghana for the index?",
                     "what lower house does the index of states list for Ghana?",
                     "Which cities did the index's household poll cover in Ghana?"):
        assert admissible(parse_question(question), ghana, {}), question


def test_a_word_naming_the_table_names_no_field_of_its_rows() -> None:
    # "table" is printed in the caption, "EGDI" names the index: neither is a column.
    table = chunk("Table 1 D-8 Members in the EGDI\nCountry | EGDI Group | Score\n"
                  "Malaysia | Very High | 0.7892", kind="table", document="E-Government Survey",
                  countries=("Malaysia",))
    malaysia = next(u for u in units(table) if u.kind == "row")
    assert not admissible(parse_question(
        "Which currency does the EGDI table list for Malaysia?"), malaysia, {})
    assert admissible(parse_question("Which EGDI group does the table give Malaysia?"),
                      malaysia, {})


def test_a_question_on_a_rows_blank_cells_asks_for_the_row_as_it_is() -> None:
    # "columns", "blank" say how the row looks (data/answers.json "table_nouns"), not a
    # field: its footnoted name ("Libya (in transition) 2") is what answers why.
    table = chunk("States | Legal System | Forms of State | Official Languages\n"
                  "Libya (in transition) 2 |  |  | Arab\nKenya | Mixed | Unitary | English",
                  kind="table", document="Index of States and their Legal Systems",
                  countries=("Libya", "Kenya"))
    libya = next(u for u in units(table) if u.kind == "row" and u.text.startswith("Libya"))
    assert admissible(parse_question(
        "why are most of libya's columns blank in the index of states?"), libya, {})
    assert not admissible(parse_question(
        "What capital city does the index of states list for Libya?"), libya, {})


def test_a_count_of_points_is_given_by_a_score() -> None:
    # "how many points": a score counts them (data/answers.json "measure_synonyms").
    scored = chunk("For the questions with five response options: an \u201ca\u201d receives "
                   "a numeric score of 100, a \u201cb\u201d receives 67, and \u201cd\u201d "
                   "receives 0.")
    other = chunk("For the questions with five response options, 67 researchers replied.")
    q = parse_question("how many points does a 'b' answer get in the survey's scoring?")
    assert admissible(q, units(scored)[0], {})
    assert not admissible(q, units(other)[0], {})


def test_the_title_over_a_list_names_what_its_items_are_of() -> None:
    # A slide of dated phases, each a title over a lead-in and its items: an item gives a
    # figure of the phase its title names, not of the phase before it.
    phases = chunk("Infrastructure Development (1987 ~ 2002)\nRoad Mapping\n"
                   "- 11 key initiatives launched\n"
                   "Full-Fledged Implementation (2003 ~ 2007)\nExpansion of Services\n"
                   "- 31 major tasks executed", kind="list")
    q = parse_question("how many major tasks in Full-Fledged Implementation (2003 ~ 2007)?")
    first, second = (u for u in units(phases) if u.kind == "item")
    assert admissible(q, second, {})
    assert not admissible(
        parse_question("how many key initiatives in Full-Fledged Implementation?"), first, {})


def test_a_title_over_a_table_states_its_count_but_never_answers_as_the_list() -> None:
    steps = chunk("10 Steps for Programme Fulfillment\nI | Step 1: | Identify the problem\n"
                  "I | Step 2: | Form a commission", kind="rows")
    title = units(steps)[0]
    assert title.kind == "caption"
    assert admissible(parse_question("How many steps are there for programme fulfillment?"),
                      title, {})
    assert not admissible(parse_question("What are the steps for programme fulfillment?"),
                          title, {})
    numbered = units(chunk("Table 3 Ten Steps\nI | Step 1: | Identify", kind="rows"))[0]
    assert not admissible(parse_question("How many steps are there?"), numbered, {})


def test_a_heading_counting_what_how_many_asks_says_how_many() -> None:
    # A workplan chart's lines: "Development of 3 National Roadmaps" reads as a title, yet
    # it says how many roadmaps; it says nothing else, nor of another count.
    slide = chunk("INCEPTION PHASE\nQ1\nQ2\nDevelopment of 3 National Roadmaps\n"
                  "Launch of 3 Country Working Groups\nWe are here", section="Indicative Workplan")
    roadmaps = next(u for u in units(slide) if "Roadmaps" in u.text)
    assert admissible(parse_question("how many national roadmaps are planned?"), roadmaps, {})
    assert not admissible(parse_question("what national roadmaps are planned?"), roadmaps, {})
    assert not admissible(parse_question("how many e-government services are planned?"),
                          roadmaps, {})


def _participants(text: str) -> Chunk:
    """A workshop's list of participants, one person a line: furniture, never a statement."""
    return chunk(text, kind="furniture", section="List of Participants")


def test_a_participant_list_answers_who_took_part() -> None:
    people = _participants("Kenya | Prof. Amina Odhiambo | Director at E-Government Center\n"
                           "Ghana | Ms. Efua Mensah | Analyst at the Ministry of Communications\n"
                           "Norway | Mr. Lars Berg | Adviser at the Digitalisation Agency")
    efua = next(u for u in units(people) if "Efua" in u.text)
    assert admissible(parse_question("who attended for ghana and where does she work?"), efua, {})
    assert admissible(parse_question("was anybody from ghana on the participant list?"), efua, {})
    # Participants named without asking who they were: the list stays out.
    assert not admissible(parse_question("what did participants from ghana like?"), efua, {})


def test_a_line_of_a_participant_list_answers_only_on_the_person_it_names() -> None:
    people = _participants("Kenya | Prof. Amina Odhiambo | Director at E-Government Center // Office of the "
                           "National Information Technology Authority (NITA)\n"
                           "Norway | Mr. Lars Berg | Adviser at the Digitalisation Agency\n"
                           "Ghana | Ms. Efua Mensah | Analyst at the Ministry of Communications")
    amina = next(u for u in units(people) if "Amina" in u.text)
    assert admissible(parse_question("prof amina odhiambo - which body was she with?"), amina, {})
    # Not named: the list stays out of answers.
    assert not admissible(parse_question("what does the information technology authority do?"),
                          amina, {})


def test_a_line_of_a_participant_list_answers_on_the_body_of_its_country_asked() -> None:
    people = _participants("Nigeria | Prof. Ada Obi | Director at E-Government Center // Office of the "
                           "National Information Technology Development Agency\n"
                           "Ghana | Ms. Efua Mensah | Director at E-Government Center // Ministry of "
                           "Communications")
    ada, efua = (next(u for u in units(people) if name in u.text) for name in ("Ada", "Efua"))
    q = parse_question("who heads the e-government center at nigeria's IT development agency")
    assert admissible(q, ada, {})
    assert not admissible(q, efua, {})  # another country's delegate
    # The words asking who took part are on no line: the body's words are.
    assert admissible(parse_question("which nigerian delegate came from the national "
                                     "information technology development agency?"), ada, {})
    # Most of the words asked by are not on the line: the list stays out.
    assert not admissible(parse_question("what did nigeria's e-government center launch "
                                         "for rural citizens last year?"), ada, {})
    # Of no country: a delegate's line is no answer on a body.
    assert not admissible(parse_question("who heads an e-government center at an IT "
                                         "development agency?"), ada, {})


def test_a_title_answers_a_question_asking_what_it_is_called() -> None:
    slide = chunk("Comprehensive Network Lace Interpretation of Connections in e-Governance\n"
                  "E-Government, E-Business and E-Citizen are connected.",
                  section="Four Stages of Online Service Development")
    title = next(u for u in units(slide) if "Lace" in u.text)
    assert admissible(parse_question("What does the deck call its interpretation of how "
                                     "e-government and e-business connect?"), title, {})
    # Not asked what it is called: a title frames the lines under it, says nothing itself.
    assert not admissible(parse_question("how do e-government and e-business connect in "
                                         "this interpretation?"), title, {})
    # Asked what something else is called: the title holds too few of the words asked by.
    assert not admissible(parse_question("what does the deck call its third stage?"), title, {})


def test_a_short_line_of_a_participant_list_answers_on_the_person_it_names() -> None:
    # Short enough to read as a heading, it still says who the person asked about is.
    people = _participants("Turkey | Mr. Vural Celik | Unit Manager at Department of Digital Expertise\n"
                           "Turkey | Ms. Aylin Bilen | Analyst at Department of International Relations\n"
                           "Turkey | Ms. Atilla Aydin | Unit Manager at Department of Coordination")
    aylin = next(u for u in units(people) if "Aylin" in u.text)
    assert admissible(parse_question("Aylin Bilen - which delegation and which department?"),
                      aylin, {})
    assert not admissible(parse_question("which department handles international relations?"),
                          aylin, {})


def test_the_kind_of_body_asked_counts_only_where_printed() -> None:
    # "Which UN agency": the answer names UNICEF, not an agency.
    assert kinds_asked("which un agency is egypt teaming up with?") == {"agenc"}
    assert kinds_asked("RWA poll - which city, which polling firm?") == {"citi", "firm"}
    assert not kinds_asked("what does the agency do?")
    named = chunk("UNICEF sends SMS messages to citizens.")
    lexical = _select("which agency sends SMS messages to citizens?", named).scored[0].lexical
    assert lexical == 1.0
    assert _select("who sends agency SMS messages to citizens?", named).scored[0].lexical < 1.0


def test_a_decks_passage_holds_the_slides_a_question_names() -> None:
    text = "Open source software cuts costs for governments."
    deck = replace(chunk(text, source="deck.pptx"), doc_type="presentation")
    question = "what do the slides say about open source costs?"
    on_slide, in_report = (_select(question, c).scored[0].lexical for c in (deck, chunk(text)))
    assert on_slide == 1.0 and in_report < 1.0


def test_a_person_asked_by_name_alone_is_answered_by_their_line_of_a_participant_list() -> None:
    # "Aylin Bilen?? her job": her line names her by her title and full name only.
    people = _participants("Turkey | Mr. Vural Celik | Unit Manager at Department of Digital Expertise\n"
                           "Turkey | Ms. Aylin Bilen | Analyst at Department of International Relations\n"
                           "Norway | Mr. Lars Berg | Adviser at the Digitalisation Agency")
    aylin, vural = (next(u for u in units(people) if name in u.text)
                    for name in ("Aylin", "Vural"))
    question = parse_question("Aylin Bilen?? which country and whats her job")
    assert question.kind != "definition"  # "her job" is a thing of hers, not a term
    assert admissible(question, aylin, {})
    assert not admissible(question, vural, {})


def test_a_delegate_picked_by_role_is_answered_by_the_line_printing_that_role() -> None:
    people = _participants("Ghana | Ms. Efua Mensah | Joint Secretary at the Ministry of Communications\n"
                           "Ghana | Mr. Kofi Owusu | Director at the Ministry of Finance\n"
                           "Norway | Mr. Lars Berg | Adviser at the Digitalisation Agency")
    efua, kofi = (next(u for u in units(people) if name in u.text) for name in ("Efua", "Kofi"))
    question = parse_question("which of the ghanaian delegates is the joint secretary?")
    assert question.attendance and question.role == "joint secretary"
    assert admissible(question, efua, {})
    assert not admissible(question, kofi, {})  # a director, not the role asked
    # A role nobody on the list holds: no line answers.
    assert not admissible(parse_question("which of the delegates is the minister of finance?"),
                          kofi, {})
    # Asked who holds a role, without asking who took part.
    who = parse_question("and who is the director at the ministry of finance?")
    assert not who.attendance
    assert admissible(who, kofi, {}) and not admissible(who, efua, {})


def test_a_passage_of_a_document_about_the_country_asked_is_about_it() -> None:
    # "how does Estonia define direct public services?" of Estonia's paper, whose title page
    # alone names Estonia (``Evidence.titles`` passes that country with the title slides).
    definition = units(chunk("Direct public services are the services provided by an "
                             "authority to a person.", document="Kratt vision paper"))[0]
    q = parse_question("how does Estonia define direct public services, per the kratt paper?")
    assert admissible(q, definition, {}, titles="Estonia")
    assert not admissible(q, definition, {}, titles="Finland")
    assert not admissible(q, definition, {})


def test_a_title_printed_across_a_tables_row_answers_nothing() -> None:
    steps = chunk("Phase | Steps | Actions\nI | Step 1: | Identify the problem\n"
                  "10 Steps for Successful Programme Fulfillment |  | ", kind="table")
    rows = [u for u in units(steps) if u.kind == "row"]
    q = parse_question("What are the steps for successful programme fulfillment?")
    assert [admissible(q, u, {}) for u in rows] == [True, False]


def test_a_figure_question_needs_a_figure_the_question_does_not_state() -> None:
    q = parse_question("How many services did Kenya expand in 2023?")
    sentence = next(u for u in units(PROSE) if "Kenya expanded" in u.text)
    assert not admissible(q, sentence, {})  # its only number is the year asked


def test_a_count_of_things_is_no_value_of_the_index_asked() -> None:
    q = parse_question("What was the D-8 average EGDI in 2018?")
    assert q.indices and q.kind == "figure"
    counted = units(chunk("When comparing to 2018, four countries went up to a higher EGDI "
                          "group."))[0]
    assert not admissible(q, counted, {})
    assert admissible(q, units(chunk("In 2018 the average D-8 EGDI was 0.5512."))[0], {})
    ranked = parse_question("Where did Malaysia rank on the EGDI in 2018?")
    assert admissible(ranked, units(chunk("In 2018 Malaysia ranked third on the EGDI among "
                                          "the members."))[0], {})


def test_a_question_asking_which_countries_lead_on_a_score_is_answered_by_names() -> None:
    leaders = units(chunk("Ghana and Kenya are the leading members in terms of EPI2020 scores."))[0]
    assert admissible(parse_question("Which members lead on e-participation scores?"), leaders, {})
    # Asked for a number, the names are no answer.
    assert not admissible(parse_question("What is Ghana's e-participation score?"), leaders, {})


def test_the_size_of_another_thing_is_no_count_of_the_one_asked() -> None:
    # "a three-day workshop" says how long it lasts, not how many people attended it.
    workshop = units(chunk("The partners will organize a three-day training workshop in "
                           "October."))[0]
    assert not admissible(parse_question("how many people attended the october training?"),
                          workshop, {})
    assert admissible(parse_question("how many days is the october training workshop?"),
                      workshop, {})


def test_a_count_needs_a_number_of_the_noun_counted_not_an_id_or_the_number_asked() -> None:
    question = parse_question("How many government IT practitioners will attend the 9 "
                              "technical trainings?")
    activity = units(chunk("Indicator OI 3.1, activity 3.1.3: 9 technical trainings for "
                           "government IT practitioners."))[0]
    assert not admissible(question, activity, {})  # "OI 3.1", "3.1.3": identifiers; 9: asked
    # The words before the noun counted say which ones: 5 services count no practitioners.
    assert not admissible(question, units(chunk("Identification of 5 e-Government "
                                                "Services for IT practitioners."))[0], {})
    # What the question numbers is given, not counted: training modules are no practitioners.
    assert not admissible(question, units(chunk("3 technical training modules are developed for "
                                                "government IT practitioners."))[0], {})
    assert admissible(question, units(chunk("The 9 technical trainings will gather 120 "
                                            "government IT practitioners."))[0], {})


def test_a_count_of_a_countrys_people_needs_them_named_not_the_country() -> None:
    # "Afghan" names whose officials; a passage on Afghanistan's training cycle counts years.
    plan = units(chunk("Dec 2013: Workshop with Afghan partners on a new training cycle for "
                       "the next three years."))[0]
    assert not admissible(parse_question("How many Afghan officials completed the training "
                                         "cycle in 2013?"), plan, {})
    trained = units(chunk("In 2013, 40 Afghan officials completed the training cycle."))[0]
    assert admissible(parse_question("How many Afghan officials completed the training "
                                     "cycle in 2013?"), trained, {})


def test_a_figure_of_a_named_framework_needs_the_framework_named() -> None:
    levels = units(chunk("It establishes 41 competences across 5 proficiency levels."))[0]
    assert not admissible(parse_question("How many proficiency levels does DigComp 2.2 "
                                         "define?"), levels, {})
    named = units(chunk("DigComp 2.2 sets out 8 proficiency levels."))[0]
    assert admissible(parse_question("How many proficiency levels does DigComp 2.2 define?"),
                      named, {})


def test_a_fee_asked_needs_an_amount_not_the_words_around_it() -> None:
    registration = units(chunk("The registration process and the overall delivery of the "
                               "Workshop scored best."))[0]
    assert not admissible(parse_question("What was the registration fee for the workshop?"),
                          registration, {})


def test_money_asked_by_a_verb_needs_an_amount_of_money() -> None:
    asked = parse_question("How much does a country pay for the curriculum workshops?")
    dated = units(chunk("UN DESA will organize a three-day training workshop in October "
                        "2022."))[0]
    assert not admissible(asked, dated, {})  # a date is no amount paid
    priced = units(chunk("Each country pays a fee of USD 5,000 per workshop."))[0]
    assert admissible(asked, priced, {})


def test_a_list_of_a_groups_members_says_nothing_of_one_of_them() -> None:
    members = units(chunk("D-8 is an organization for development cooperation among the "
                          "following eight countries: Bangladesh, Egypt, Indonesia, Iran, "
                          "Malaysia, Nigeria, Pakistan and Turkey."))[0]
    assert not admissible(parse_question("what's pakistan's digital strategy?"), members, {})
    # Asked about the group, the list answers.
    assert admissible(parse_question("is pakistan a member of the D-8?"), members, {})
    # A group naming only the event ("at the d-8 workshop"): a challenge of one member asked.
    assert not admissible(parse_question("what challenges did pakistan describe in its country "
                                         "presentation at the d-8 workshop?"), members, {})
    two = units(chunk("Malaysia and Pakistan presented their digital strategy."))[0]
    assert admissible(parse_question("what's pakistan's digital strategy?"), two, {})


def test_a_law_asked_needs_a_unit_naming_it() -> None:
    asked = parse_question("what year did bangladesh pass its digital security act")
    policy = units(chunk("Bangladesh adopted three editions of its ICT Policy, in 2009, 2015 "
                         "and 2018, for its digital transformation."))[0]
    assert not admissible(asked, policy, {})  # years of another text
    act = units(chunk("Bangladesh passed the Digital Security Act in 2018."))[0]
    assert admissible(asked, act, {})


def test_a_date_asked_needs_a_unit_stating_a_year_or_a_month() -> None:
    asked = parse_question("what year did turkey adopt its digital strategy")
    assert asked.date_asked
    undated = units(chunk("Turkey adopted a digital strategy for a fast and efficient "
                          "government."))[0]
    assert not admissible(asked, undated, {})
    dated = units(chunk("Turkey adopted its digital strategy in 2019."))[0]
    assert admissible(asked, dated, {})
    assert not parse_question("when is a standard open?").date_asked  # a condition
    held = parse_question("when will the training take place?")
    assert held.date_asked
    assert admissible(held, units(chunk("The training will take place in October."))[0], {})
    assert not admissible(held, units(chunk("The training will take place in Bangkok, "
                                            "hosted by the ministry."))[0], {})


def test_a_date_asked_of_an_event_is_stated_with_the_event() -> None:
    asked = parse_question("By what date did tax administrations have to submit their forms?")
    assert asked.types == ("day",) and asked.date_asked
    other = units(chunk("The survey covers the fiscal year. Examples: The fiscal period "
                        "ending June 2021 is the 2021 fiscal year."))[1]
    assert not admissible(asked, other, {})  # the date of another event
    same = units(chunk("Tax administrations had to submit their forms by 15 March 2022."))[0]
    assert admissible(asked, same, {})
    due = "The forms are due on 15 March 2022."
    assert admissible(asked, units(chunk(due, section="Submission of the forms"))[0], {})
    assert not admissible(asked, units(chunk(due, section="Timeline"))[0], {})
    # No event named: any day stated may answer.
    assert admissible(parse_question("By what date are the forms due?"),
                      units(chunk(due, section="Timeline"))[0], {})


def test_an_organisation_asked_of_an_event_is_named_with_the_event() -> None:
    asked = parse_question("which afghan university hosts the CIO training")
    assert asked.types == ("organisation",)
    other = units(chunk("It will deliver training from Korea, the UNPOG, and Columbia "
                        "University to Afghanistan."))[0]
    assert not admissible(asked, other, {})  # a university, though none hosting
    assert admissible(asked, units(chunk("In Afghanistan, the CIO training is hosted by "
                                         "Kabul University."))[0], {})


def test_a_date_or_a_go_live_asked_needs_a_dated_unit() -> None:
    for question in ("On what date did the portal go live for citizens?",
                     "when did the portal go live?", "which month is the workshop?"):
        asked = parse_question(question)
        assert asked.date_asked, question
        assert not admissible(asked, units(chunk("The portal went live for all citizens, "
                                                 "who use it daily."))[0], {}), question


@pytest.mark.parametrize("question", [
    "when does it open its doors",
    "when will the academy be created?",
    "afghanistan project timeline - when is the study tour and where does it go",
    "we keep hearing about a charter, when was it signed?",
    "anything planned after the workshop? follow-up training, when?",
    "what is the next thing they are organising, and when",
    "hey, when exactly did the workshop take place?",
    "When during the year is the data usually collected?",
    "By when must the Audit Report be released?",
    "when do the afghan officials go on the study trip to korea",
])
def test_when_asking_its_clauses_question_asks_a_date(question: str) -> None:
    assert parse_question(question).date_asked


@pytest.mark.parametrize("question", [
    "when is a standard open?",  # a condition, in general
    "When does the survey consider a budget document publicly available?",
    "when do expenditure arrears arise?",
    "When measuring a service, what does the beneficiary's time include?",  # sets a moment
    "when it comes to malaysia, what do they intend to do?",
    "who got thanked when things wrapped up",
    "Is Nigeria doing better than Egypt when it comes to e-gov?",
    # A count asked beside the date may be stated apart from it.
    "when was the data first collected, and for how many countries?",
])
def test_when_setting_a_condition_or_a_moment_asks_no_date(question: str) -> None:
    assert not parse_question(question).date_asked


def test_a_time_is_stated_by_a_span_a_quarter_or_an_hour_not_by_a_plans_year() -> None:
    asked = parse_question("By when must the audit report be released?")
    for text in ("The audit report must be released within 18 months of the year's end.",
                 "The report is released in Q3 each year.",
                 "The report is released at 9:30 on the day."):
        assert admissible(asked, units(chunk(text))[0], {}), text
    # The time of another event is none of the release asked.
    assert not admissible(asked, units(chunk("The session opens at 9:30 with remarks."))[0], {})
    opened = parse_question("when did egypt launch its digital strategy")
    assert not admissible(opened, units(chunk(
        "Egypt's digital strategy is guided by Egypt Vision 2030 and Agenda 2063."))[0], {})
    assert admissible(opened, units(chunk("Egypt launched its digital strategy in 2016."))[0],
                      {})


def test_an_amount_asked_is_no_year_or_date() -> None:
    q = parse_question("How much is the agency's contract with the research team?")
    for text in ("The research team was contracted by the agency from January 2017.",
                 "The research team's contract data was last uploaded on 12.12.2023."):
        assert not admissible(q, units(chunk(text))[0], {}), text
    assert admissible(q, units(chunk("The agency's contract with the research team is worth "
                                     "EUR 250,000."))[0], {})


def test_an_adverb_after_a_figure_word_still_asks_for_the_figure() -> None:
    # "score back in 2018" asks for a score, as "the score in 2018" does; "score document"
    # names a document.
    assert parse_question("kuala lumpur's losi score back in 2018?").kind == "figure"
    assert parse_question("what was the egdi score then?").kind == "figure"


def test_a_place_asked_needs_a_unit_naming_a_place() -> None:
    asked = parse_question("where is the october 2022 follow-up training going to be held, "
                           "which city")
    assert asked.place
    dated = units(chunk("UN DESA and the D-8 will organize a three-day training workshop "
                        "in October 2022."))[0]
    assert not admissible(asked, dated, {})  # it says when, not where
    for placed in ("The training will be held in Bangkok in October 2022.",
                   "The training will take place in Egypt in October 2022.",
                   "The October 2022 training will be held online."):
        assert admissible(asked, units(chunk(placed))[0], {}), placed
    assert not parse_question("where did Pakistan rank on the EGDI?").place


def test_the_place_of_a_gathering_asked_is_stated_with_that_gathering() -> None:
    """"In which city did the Dec 2012 workshop take place": a timeline's study tour "in
    Korea" is another event's place; the workshop's own line, or a venue under a heading
    naming the workshop, is its place."""
    asked = parse_question("In which city did the Dec 2012 best-practices workshop of the "
                           "CIO project take place?")
    assert asked.place
    timeline = chunk("Implementation/timeline:\n- Dec 2012: Workshop will focus on best "
                     "practices by renowned experts\n- First half of 2013: Study tour – "
                     "Visiting advanced IT places in Korea", kind="list")
    assert not any(admissible(asked, u, {}) for u in units(timeline))
    held = units(chunk("The Dec 2012 workshop on best practices took place in Bangkok."))[0]
    assert admissible(asked, held, {})
    venue = units(chunk("Venue: UN Conference Centre, Bangkok.",
                        section="Best-practices workshop, December 2012"))[0]
    assert admissible(asked, venue, {})


def test_a_kind_of_countries_says_which_countries() -> None:
    asked = parse_question("Between which countries does an imbalance persist?")
    assert asked.asks_country
    kinds = units(chunk("There still remains an imbalance in the digital divide between "
                        "developed and the developing countries."))[0]
    assert admissible(asked, kinds, {})
    none = units(chunk("There still remains an imbalance in the digital divide."))[0]
    assert not admissible(asked, none, {})


def test_a_moderator_line_is_about_the_countries_of_its_session() -> None:
    asked = parse_question("Who chaired the Malaysia and Nigeria presentations?")
    title = ("Director II Economy, Implementation and External Relations, Organization for "
             "Economic Cooperation")
    session = chunk(f"6AM - 7AM Session 3: Country Presentations\nModerator: Ms. Jane Roe\n"
                    f"{title}\n- Malaysia\n- Nigeria")
    moderator = next(u for u in units(session) if u.text.startswith("Moderator"))
    assert admissible(asked, moderator, {})
    other = chunk(f"6AM - 7AM Session 2: Country Presentations\nModerator: Mr. John Doe\n"
                  f"{title}\n- Egypt\n- Iran")
    assert not admissible(asked, next(u for u in units(other)
                                      if u.text.startswith("Moderator")), {})
    assert not admissible(parse_question("What challenges did Malaysia name?"), moderator, {})


def test_a_figure_from_a_row_needs_a_column_the_question_names() -> None:
    row = next(u for u in units(TABLE) if u.entity == "Norway")
    assert admissible(parse_question("What is Norway's readiness score?"), row, {})
    assert not admissible(parse_question("What is Norway's budget?"), row, {})


def test_coverage_is_the_share_of_topic_terms_found() -> None:
    challenge = units(KENYA_CHALLENGES)[0]  # "Kenya faces challenges in rural connectivity..."
    topic = ("challeng", "rural", "school")
    assert coverage(topic, challenge, lambda t: 1.0, {}) == 2 / 3
    # Rarer terms weigh more: "school" (not found) weighs 4 of 1 + 1 + 4.
    rare = {"school": 4.0}
    assert coverage(topic, challenge, lambda t: rare.get(t, 1.0), {}) == 2 / 6
    assert coverage((), challenge, lambda t: 1.0, {}) == 0.0


def test_an_aspects_synonyms_count_once() -> None:
    # "challenges" covers the Challenges aspect: its other synonyms (problems, obstacles,
    # barriers) missing from the passage do not drag the score down.
    challenge = units(KENYA_CHALLENGES)[0]
    q = parse_question("What problems does Kenya report?")
    assert q.alternatives and "challeng" in q.alternatives[0]
    assert coverage(q.topic, challenge, lambda t: 1.0, {}, q.alternatives) == 1.0
    assert coverage(q.topic, challenge, lambda t: 1.0, {}) == 0.4  # each synonym on its own


def test_words_of_how_a_question_is_put_count_only_where_printed() -> None:
    # "Did the delegation flag rural connectivity?": a passage saying "challenges in rural
    # connectivity" answers it without "flag" or "delegation"; one printing them is
    # credited with them.
    challenge = units(KENYA_CHALLENGES)[0]
    q = parse_question("Did the delegation flag rural connectivity?")
    optional = form_terms()
    assert {"deleg", "flag"} == set(q.topic) & optional
    assert coverage(q.topic, challenge, lambda t: 1.0, {}) == 0.5
    assert coverage(q.topic, challenge, lambda t: 1.0, {}, optional=optional) == 1.0
    said = units(chunk("The delegation flagged rural connectivity."))[0]
    assert coverage(q.topic, said, lambda t: 1.0, {}, optional=optional) == 1.0
    # The topic's own words still count against a passage that lacks them.
    other = units(chunk("The delegation flagged online services."))[0]
    assert coverage(q.topic, other, lambda t: 1.0, {}, optional=optional) == 0.5
    # The nouns asking for a quantity: a passage states the figures, not "count" or "size".
    figures = units(chunk("Over 6.400 digital government services are used by more than "
                          "58 million users."))[0]
    asked = parse_question("count of online government services and size of the user base?")
    assert coverage(asked.topic, figures, lambda t: 1.0, {}, optional=optional) > coverage(
        asked.topic, figures, lambda t: 1.0, {})
    # The words joining two things asked or pointing back to an edition asked before: a
    # passage stating the rank and the move prints neither "plus" nor "back" nor "earlier".
    moved = units(chunk("Ghana was noted in the 2010 Survey and moved up 16 places to be "
                        "ranked 2nd."))[0]
    back = parse_question("and back in that earlier survey - position plus size of the move?")
    assert {"plus", "back", "earlier"} <= set(back.topic) & optional
    assert coverage(back.topic, moved, lambda t: 1.0, {}, back.alternatives,
                    optional=optional) > coverage(back.topic, moved, lambda t: 1.0, {},
                                                  back.alternatives)


def _select_with(settings: AnswerSettings, question: str, *chunks: Chunk) -> Selection:
    q = parse_question(question)
    return select(q, hits(*chunks), word_hash_embed([q.text])[0], UnitVectors(word_hash_embed),
                  lambda t: 1.0, {}, settings)


VANDALISM = "were vandalization or theft of infrastructure acknowledged?"
ISSUES = chunk("Other issues are acknowledged such as privacy and security concerns, complex "
               "procurement rules and slow approvals, and infrastructure vandalization and "
               "theft.")


def test_a_quoted_sentence_is_read_by_the_thing_it_names_closest_to_the_question() -> None:
    # The question is about one of the things the sentence names: read by that thing with
    # its lead-in, the sentence supports it better than read whole; its rank does not move.
    unsupported = AnswerSettings(min_support=0.99)
    selection = _select_with(unsupported, VANDALISM, ISSUES)
    best = selection.scored[0]
    assert best.unit.text.startswith("Other issues")
    assert best.by_thing > best.score - best.fit
    assert selection.support == best.by_thing
    # A sentence naming nothing one by one is read whole.
    plain = _select_with(unsupported, VANDALISM,
                         chunk("Infrastructure vandalization and theft were acknowledged."))
    assert plain.scored[0].by_thing == 0.0
    # Supported read whole, it is not read by its things: nothing more would be decided.
    supported = _select_with(AnswerSettings(min_support=0.2), VANDALISM, ISSUES)
    assert supported.support >= 0.2 and supported.scored[0].by_thing == 0.0


def test_only_the_quoted_units_are_read_by_their_things() -> None:
    # A sentence far below the best is not quoted: what one of its things says does not
    # make the answer supported.
    best = chunk("Infrastructure vandalization and theft were acknowledged by the delegation.")
    far = chunk("Other topics included budgets for the coming years, procurement rules for "
                "software vendors, staff training in data skills, and infrastructure "
                "vandalization and theft.", page=2)
    selection = _select_with(AnswerSettings(min_support=0.99), "was infrastructure "
                             "vandalization and theft acknowledged by the delegation?", best, far)
    below = [s for s in selection.scored if s.unit.text.startswith("Other topics")]
    assert below and below[0].score < AnswerSettings().keep_ratio * selection.best
    assert below[0].by_thing == 0.0


def test_an_abbreviation_matches_its_expansion() -> None:
    dri = units(chunk("The DRI rose in Kenya."))[0]
    topic = ("digit", "readi", "index")
    assert coverage(topic, dri, lambda t: 1.0, {}) == 0.0
    assert coverage(topic, dri, lambda t: 1.0, {"DRI": "Digital Readiness Index"}) == 1.0


def test_the_unit_that_covers_the_question_scores_best() -> None:
    selection = _select("What are the four pillars of the framework?", PROSE, LIST)
    assert [s.unit.text for s in selection.scored][:5] == [
        "Skills", "Infrastructure", "Data", "Leadership", "The framework has four pillars:",
    ]
    assert selection.best == selection.scored[0].score


def test_a_question_about_one_country_selects_only_its_passages() -> None:
    selection = _select("What challenges does Kenya face?",
                        TABLE, PROSE, KENYA_CHALLENGES, NORWAY_CHALLENGES)
    assert selection.scored[0].unit.chunk == KENYA_CHALLENGES
    assert all("Norway" not in s.unit.context for s in selection.scored)


def test_nothing_admissible_is_an_empty_selection() -> None:
    selection = _select("What is Peru's readiness score?", TABLE, CONTENTS)
    assert selection.scored == [] and selection.best == 0.0


def test_a_row_must_name_the_place_asked_about() -> None:
    # Greenland is no UN member state, so it is a proper name, not a country: Norway's row
    # still does not answer for it.
    rows = [u for u in units(TABLE) if u.kind == "row"]
    q = parse_question("What readiness score does the table give Greenland?")
    assert q.names == ("Greenland",) and not any(admissible(q, u, {}) for u in rows)


def test_a_figure_row_must_carry_the_measure_asked() -> None:
    norway = [u for u in units(TABLE) if u.kind == "row"][-1]
    assert admissible(parse_question("What is Norway's readiness score?"), norway, {})
    assert not admissible(parse_question("How much budget did Norway spend?"), norway, {})


def test_a_part_of_an_index_asked_needs_its_own_column_not_the_overall_score() -> None:
    norway = [u for u in units(TABLE) if u.kind == "row"][-1]
    asked = parse_question("what did norway get on the content provision criterion?")
    assert asked.measure == ("content", "provis")
    assert not admissible(asked, norway, {})
    assert parse_question("what is the score on the first criterion").measure == ("score",)
    # Asked with "score", the part still needs its own column: "Score" is the overall one.
    scored = parse_question("what did norway score on the content provision criterion?")
    assert "score" in scored.measure and not admissible(scored, norway, {})


def test_the_document_title_counts_as_context() -> None:
    q = parse_question("What does the Annual Report say about mobile services?")
    kenya = units(PROSE)[1]  # "Kenya expanded mobile services in 2023." in "Annual Report 2024"
    assert coverage(q.topic, kenya, lambda t: 1.0, {}) == 1.0


def test_a_translated_twin_in_the_readers_language_is_preferred() -> None:
    text = "The academy trains public service leaders in data skills."
    english = chunk(text, source="academy-en.md")
    french = chunk(text, source="academy-fr.md")
    english = replace(english, language="en")
    french = replace(french, language="fr")
    q = replace(parse_question("Who does the academy train?"), language="en")
    vectors = UnitVectors(word_hash_embed)
    picked = select(q, hits(french, english), word_hash_embed([q.text])[0], vectors,
                    lambda t: 1.0, {}, AnswerSettings())
    assert picked.scored[0].unit.chunk.source == "academy-en.md"


def test_a_clipped_word_is_completed_from_the_index() -> None:
    table = ChunkTable.build([chunk("Government services go online."), chunk("The government.")])
    weights = TermWeights.of(table)
    assert weights.completion("gov") == "govern"  # "e-gov"
    assert weights.completion("servic") is None  # known as it is
    assert weights.completion("go") is None  # too short to tell
    markets = TermWeights.of(ChunkTable.build([chunk("Market forces matter.")]))
    assert markets.completion("mark") is None  # "top marks" is no clipped "market"


def test_a_clipped_word_the_documents_also_print_stands_for_its_full_word() -> None:
    # One slide prints "e-Gov"; ten passages say "government": "e-gov" asks about both.
    table = ChunkTable.build([chunk("The e-Gov portal.")]
                             + [chunk(f"Government service {i}.") for i in range(10)])
    weights = TermWeights.of(table)
    assert weights.completion("gov") is None  # known as printed
    assert weights.clipped_spelling("gov") == "govern"
    # As often printed clipped as not: a word of its own ("min" for minutes, not ministry).
    even = TermWeights.of(ChunkTable.build([chunk("Talk (20 min)."), chunk("The ministry.")]))
    assert even.clipped_spelling("min") is None


def test_a_figure_asked_in_a_unit_must_be_shown_in_it() -> None:
    costs = chunk("Table 2 Costs.\nItem | Budget (EUR)\nTraining | 12 000\nServers | 30 000",
                  kind="table", section="BUDGET")
    plain = chunk("Question 46 asks about earmarked revenues.", section="BUDGET")
    q = parse_question("How much budget, in euros, goes to training?")
    training = next(u for u in units(costs) if u.text.startswith("Training"))
    assert admissible(q, training, {})  # "(EUR)" in the header
    assert not admissible(q, units(plain)[0], {})  # a number, but no euro amount


def test_a_mistyped_word_is_corrected_from_the_index_and_an_unknown_one_weighs_less() -> None:
    weights = TermWeights.of(ChunkTable.build([chunk("Open government data criteria and portals.")]))
    assert weights.correction("goverment") == "govern"
    assert weights.correction("govern") is None  # known: nothing to correct
    assert weights.weight("zzzunknown") < weights.idf("zzzunknown")
    assert weights.weight("govern") == weights.idf("govern")


def test_a_figure_may_name_its_measure_by_a_synonym() -> None:
    # "how many minutes": an agenda prints "(20 min)"; "how many versions": "three editions".
    slot = units(chunk("Keynote by Ms. Ada Lovelace on digital skills (20 min)",
                       section="AGENDA"))[0]
    hour = units(chunk("The keynote on digital skills opened the day at 9.", section="AGENDA"))[0]
    q = parse_question("how many minutes did the keynote on digital skills get?")
    assert admissible(q, slot, {}) and not admissible(q, hour, {})
    editions = units(chunk("The ICT Policy had three editions, in 2009, 2015 and 2018."))[0]
    assert admissible(parse_question("how many versions of the ICT policy were there?"),
                      editions, {})


def test_a_count_of_another_thing_of_a_named_survey_is_no_count_asked() -> None:
    # "how many researchers ... Open Budget Survey": its count of budget documents or
    # questions names "budget" (the survey's name), not researchers.
    method = units(chunk("The OBS 2023 uses 109 questions to assess eight key budget "
                         "documents.", document="Open Budget Survey 2023 Methodology"))[0]
    team = units(chunk("A team of 12 researchers worked on the survey.",
                       document="Open Budget Survey 2023 Methodology"))[0]
    q = parse_question("how many researchers in total worked on the open budget survey 2023?")
    assert not admissible(q, method, {}) and admissible(q, team, {})


def test_a_rate_asked_needs_a_figure_of_that_rate() -> None:
    # "the ICT sector's slice of infant mortality rate": a GDP share is another figure.
    share = units(chunk("Egypt aims to increase the ICT sector's share in GDP from 3.5% to "
                        "5%.", countries=("Egypt",)))[0]
    rate = units(chunk("Egypt's literacy rate rose to 74%.", countries=("Egypt",)))[0]
    q = parse_question("what is egypt's literacy rate?")
    assert not admissible(q, share, {}) and admissible(q, rate, {})


def test_a_cost_asked_in_french_needs_an_amount_of_money() -> None:
    pillars = replace(chunk("L'évaluation s'appuie sur six piliers clés dans 198 pays."),
                      language="fr")
    fee = replace(chunk("L'évaluation coûte 20 000 dollars par pays."), language="fr")
    q = parse_question("Combien coûte une évaluation de la maturité numérique pour un pays ?")
    assert not admissible(q, units(pillars)[0], {}) and admissible(q, units(fee)[0], {})


def test_a_count_of_respondents_is_read_in_a_sample_column() -> None:
    # A poll's table counts its respondents in a column "Sample" (data "measure_synonyms").
    polls = chunk("Country | Polling Company | Sample | Year\n"
                  "Ghana | Infinite Insight Ltd. | 1103 | 2018\n"
                  "Kenya | Infinite Insight Ltd. | 1099 | 2018",
                  kind="table", document="Steps to Produce the Rule of Law Index",
                  countries=("Ghana", "Kenya"))
    ghana = next(u for u in units(polls) if u.text.startswith("Ghana"))
    q = parse_question("Who ran Ghana's poll for the index, and with how many respondents?")
    assert admissible(q, ghana, {})
    # Only where a measure is looked for: "sample" is no word a search adds to the topic.
    assert "sampl" not in q.topic
    assert not admissible(parse_question("How many staff did Ghana's poll employ?"), ghana, {})


def test_a_duration_and_a_speech_are_found_in_the_words_an_agenda_prints() -> None:
    # "half an hour" for "30 min slot", "speeches" for "Opening Remarks" (data synonyms).
    slot = units(chunk("Each delegation has a 30 min slot: 10 min presentation, 20 min Q&A."))[0]
    q = parse_question("how was each delegation's half hour split?")
    # delegation and the duration found; half and split not
    assert coverage(q.topic, slot, lambda t: 1.0, {}, q.alternatives) == 0.5
    remarks = units(chunk("Opening Remarks by Mr. John Doe"))[0]
    q = parse_question("who gave the opening speech?")
    assert coverage(q.topic, remarks, lambda t: 1.0, {}, q.alternatives) == 1.0


def test_the_edition_may_be_named_only_by_the_file() -> None:
    q = parse_question("When must the audit report be released in the 2023 survey?")
    text = "The audit report must be released within 18 months."
    named = chunk(text, source="2023-Survey-Guide.pdf", document="Survey Guide", year=None)
    unnamed = chunk(text, source="Survey-Guide.pdf", document="Survey Guide", year=None)
    assert admissible(q, units(named)[0], {}) and not admissible(q, units(unnamed)[0], {})


def test_a_figure_of_the_edition_its_table_states_is_no_figure_of_another() -> None:
    table = chunk("Table 2 City index scores in 2020.\nCountry | City | Score\nEgypt | Cairo | 0.35",
                  kind="table", document="Workshop report, March 2022", year=2022)
    row = next(u for u in units(table) if u.kind == "row")
    assert not admissible(parse_question("Cairo's score in the 2022 edition?"), row, {})
    assert admissible(parse_question("Cairo's score in the 2020 edition?"), row, {})
    # The edition word may follow the publication's name: "the 2022 survey edition".
    assert not admissible(parse_question("Did Cairo improve in the 2022 survey edition?"), row, {})
    assert admissible(parse_question("Did Cairo improve in the 2020 survey edition?"), row, {})


def test_a_figure_stating_its_own_year_is_of_that_year_whatever_its_heading_says() -> None:
    # A history "leading up to" the 2022 survey gives the 2016 count, not the 2022 one.
    history = chunk("ISORA 2016 covered fiscal years 2014 and 2015, and data from 135 tax "
                    "administrations was included in the final database.",
                    section="ISORA leading up to ISORA 2022", year=2022)
    count = units(history)[0]
    q = "How many tax administrations were in the final ISORA {} database?"
    assert not admissible(parse_question(q.format(2022)), count, {})
    assert admissible(parse_question(q.format(2016)), count, {})


def test_a_count_is_no_year_rank_or_count_of_another_thing() -> None:
    q = parse_question("How many tax administrations were in the final ISORA 2022 database?")
    for text in ("The ISORA 2022 survey collects tax administration data for the fiscal year "
                 "2021.",
                 "Form A on tax administration needs to be completed first.",
                 "The survey instrument on tax administration is divided into seven forms.",
                 "Some 35 percent of ISORA participants are tax administrations."):
        assert not admissible(q, units(chunk(text, year=2022))[0], {}), text
    counted = units(chunk("In ISORA 2022, 160 tax administrations took part.", year=2022))[0]
    assert admissible(q, counted, {})
    # A rank the question asks about too, or a count of another thing it names, answers.
    forms = parse_question("How many forms make up the ISORA survey, and which is completed "
                           "first?")
    assert admissible(forms, units(chunk("Form A needs to be completed first."))[0], {})
    sfia = parse_question("How many skills, categories and levels does SFIA include?")
    assert admissible(sfia, units(chunk("SFIA introduces 7 different levels of "
                                        "responsibility.", section="SFIA skills"))[0], {})
    assert admissible(parse_question("korea came first how many times in a row"),
                      units(chunk("Korea has ranked 1st place twice in a row."))[0], {})


def test_a_question_on_a_regions_countries_needs_a_member_of_it() -> None:
    q = parse_question("which african country won a public service award?")
    korea = units(chunk("Korea's Civil Rights Commission won the public service award."))[0]
    kenya = units(chunk("Kenya's Huduma centres won the public service award."))[0]
    assert not admissible(q, korea, {}) and admissible(q, kenya, {})
    # The group naming its own event or report asks about that, not about its members.
    report = units(chunk("Participants found the workshop very satisfactory.",
                         document="D-8 workshop report"))[0]
    assert admissible(parse_question("How satisfied were participants with the D-8 "
                                     "workshop?"), report, {})


def test_a_term_glued_to_a_digit_must_be_printed_by_the_passage() -> None:
    # terms() splits "5G" into "5" and "g": a strategies passage would answer "5G plans".
    q = parse_question("what are Malaysia's 5g rollout plans?")
    plans = units(chunk("Malaysia plans to roll out its national digital strategy."))[0]
    rollout = units(chunk("Malaysia plans to roll out 5G networks nationwide by 2025."))[0]
    assert not admissible(q, plans, {}) and admissible(q, rollout, {})


def test_what_a_survey_found_may_name_its_edition_in_the_sentence_before() -> None:
    background = chunk("The most recent Survey, launched in 2020, found new strategies. Some of "
                       "the new approaches include agile services and data-centric design.",
                       document="Workshop report", year=2022)
    approaches = units(background)[1]
    assert admissible(parse_question("new approaches in the 2020 survey?"), approaches, {})
    assert not admissible(parse_question("new approaches in the 2018 survey?"), approaches, {})


def test_what_is_said_about_an_index_may_name_it_sentences_before() -> None:
    passage = chunk("It is suitable to compare LOSI scores with OSI scores. The gap between the "
                    "two indices is the biggest in the Dhaka pair.", section="Trends")
    gap = units(passage)[1]
    assert admissible(parse_question("where is the gap between OSI and LOSI largest?"), gap, {})
    assert not admissible(parse_question("where is the gap between EGDI and EPI largest?"), gap,
                          {})


def test_words_shared_by_a_passage_about_something_else_support_nothing() -> None:
    unit = units(chunk("Expanding the concept, it points to the need for coherence."))[0]
    q = parse_question("what was the point of the workshop?")
    unrelated = Selection(q, [Scored(unit, 0.5, dense=0.16, lexical=0.78, rank=0)])
    related = Selection(q, [Scored(unit, 0.5, dense=0.45, lexical=0.55, rank=0)])
    assert unrelated.support == 0.0 and related.support == 0.5


def test_a_printed_question_or_an_upper_case_title_never_answers() -> None:
    q = parse_question("What information does the citizens budget give?")
    asked, title = units(chunk("What information is provided in the Citizens Budget?\n"
                               "GUIDE TO THE CITIZENS BUDGET:"))
    assert not admissible(q, asked, {}) and not admissible(q, title, {})


def test_a_definition_in_the_form_term_is_what_comes_first() -> None:
    selection = _select(
        "What is a citizens budget?",
        chunk("If the citizens budget is not published, mark the questions d.\n"
              "A citizens budget is a simplified summary of the budget proposal."),
    )
    assert selection.scored[0].unit.text.startswith("A citizens budget is a simplified")


def test_a_definition_of_the_plural_term_defines_it_and_a_question_about_it_does_not() -> None:
    # "activities" is the plural of "activity"; "(i.e., what is ...)" asks, it defines nothing.
    selection = _select(
        "What is a quasi-fiscal activity?",
        chunk("Show the purpose of each quasi-fiscal activity (i.e., what is the reason for "
              "engaging in this activity?).\n"
              "The term “quasi-fiscal activities” refers to fiscal activities carried out "
              "outside the budget."),
    )
    fits = {s.unit.text.split()[0]: s.fit for s in selection.scored}
    assert fits["The"] > 0 and fits["Show"] == 0


def test_a_glossary_entry_defines_the_term_it_opens() -> None:
    # "Term: meaning" lines, the term in the plural, among lines that only mention it.
    selection = _select(
        "Who counts as a level 1 administrator?",
        chunk("Data cover level 1 and level 2 administrators in each ministry.\n"
              "Level 1 administrators: all administrative (non-political) positions down to "
              "the head of directorate.\n"
              "Level 2 administrators: all positions below the head of directorate."),
    )
    assert selection.scored[0].unit.text.startswith("Level 1 administrators: all")
    dashed = _select("What is universal design?", chunk(
        "Universal design shall not exclude assistive devices where necessary.\n"
        "universal design – designing products and services so that they can be used by all."))
    assert dashed.scored[0].unit.text.startswith("universal design – designing")
    # The head of the entry names the term's words, in brackets or another order.
    current = _select("What is the as-is map?", chunk(
        "Feedback is needed to validate the as-is map and the to-be map.\n"
        'the map of the current situation (the "as is" version or as-is) – the formal '
        "description of the actual flow of a process."))
    assert current.scored[0].unit.text.startswith("the map of the current situation")


def test_a_definition_looks_for_the_term_asked_alone() -> None:
    from stage_fixtures import FakeEvidence

    from assistant.question_hits import hits_for as _hits

    about = chunk("Data cover level 1 and level 2 administrators in national ministries.")
    glossary = chunk("Level 1 administrators: positions down to the head of directorate.")

    class ByQuery(FakeEvidence):
        """The glossary is found only by the term alone (the whole question finds another)."""

        def retrieve(self, query, question, k=None, countries=None):  # type: ignore[no-untyped-def]
            return hits(glossary if query == "level 1 administrator" else about)

    q = parse_question("Who counts as a level 1 administrator in the data on ministries?")
    assert q.defined == "level 1 administrator"
    found = [h.chunk for h in _hits(q, ByQuery(), None)]  # type: ignore[arg-type]
    assert found == [about, glossary]


def test_a_row_whose_column_the_question_names_fits_it() -> None:
    sheet = chunk("Activity | Lead Organization | Timeline\n"
                  "Activity: Training modules | Lead Organization: DIAL | Timeline: TBD",
                  kind="table", section="Roadmap")
    slide = chunk("- Concept for 3 training modules\n- Consultation workshops", kind="list",
                  section="Workplan")
    selection = _select("Which organization leads the training modules?", slide, sheet)
    row = selection.scored[0]
    assert row.unit.kind == "row" and row.fit == 0.1  # no list item's preference, its column's
    assert _select("Which training modules are planned?", sheet).scored[0].fit == 0.0


def test_the_passage_under_the_heading_the_question_names_comes_first() -> None:
    team = chunk("- Sponsor\n- Steering committee", kind="list", section="Plan > Project team")
    steps = chunk("- Set up the project team\n- Define the scope", kind="list",
                  section="Plan > Activities")
    selection = _select("Who is on the project team?", steps, team)
    assert selection.scored[0].unit.chunk == team


def test_a_title_case_line_is_a_heading_and_a_rank_is_a_figure() -> None:
    title = units(chunk("Comprehensive Network Interpretation of Connections in e-Governance"))[0]
    assert not admissible(parse_question("What connections are there?"), title, {})
    ranked = units(chunk("Korea has ranked 1st place twice in a row from 2010 to 2012."))[0]
    assert admissible(parse_question("How did Korea rank in 2010 and 2012?"), ranked, {})


def test_an_item_whose_label_the_question_names_fits_it() -> None:
    from assistant.naming import label_named
    stages = chunk("- 1. Emerging: websites inform\n- 4. Connected: websites cut across "
                   "ministries", kind="list")
    emerging, connected = (u for u in units(stages) if u.kind == "item")
    q = parse_question("What characterizes connected services?")
    assert label_named(q, connected) and not label_named(q, emerging)


def test_a_definition_is_given_by_a_unit_that_names_the_term() -> None:
    slide = chunk("ODS aspects\n- An open standard is accessible to everyone free of charge;\n"
                  "- An open standard is documented in all its details;", kind="list",
                  section="OSS Aspects")
    manifold = chunk("Open Government as a Manifold\n- Open\n- Closed", kind="list",
                     section="Open Government: Open Data Standards")
    selection = _select("What defines an open data standard?", manifold, slide)
    # "An open standard is ..." defines the "open data standard" asked about; a bare label
    # ("Open") defines nothing.
    assert selection.scored[0].unit.text.startswith("An open standard is")
    assert all(s.unit.text not in ("Open", "Closed") for s in selection.scored)
    # Nothing that names a citizens budget can define one: the question is declined.
    assert not _select("What is a Citizens Budget?", slide, manifold).scored


def test_a_bare_label_answers_only_a_question_asking_for_a_list() -> None:
    manifold = chunk("Open Government as a Manifold\n- Open\n- Closed", kind="list",
                     section="Open Government: Open Source Software")
    texts = [s.unit.text for s in _select("economic case for open source?", manifold).scored]
    assert "Open" not in texts and "Closed" not in texts
    texts = [s.unit.text for s in _select("which two kinds of open government are there?",
                                          manifold).scored]
    assert {"Open", "Closed"} <= set(texts)


def test_a_sibling_heading_frames_its_own_list() -> None:
    slide = chunk("- Political aspects, related to governmental tasks;\nODS aspects\n"
                  "- An open standard is accessible free of charge;", kind="list",
                  section="OSS Aspects")
    political, ods = (u for u in units(slide) if u.kind == "item")
    assert political.context.startswith("OSS Aspects")
    # "ODS aspects" stands beside "OSS Aspects", not under it.
    assert "OSS Aspects" not in ods.context and ods.context.startswith("ODS aspects")


def test_a_heading_named_by_its_abbreviation_expansion_fits_the_question() -> None:
    from assistant.naming import heading_named
    item = next(u for u in units(chunk("- Economic aspects, cost reduction", kind="list",
                                       section="OSS Aspects")) if u.kind == "item")
    q = parse_question("What aspects of open source software are considered?")
    assert heading_named(q, item, {"OSS": "Open Source Software"})
    assert not heading_named(q, item, {})
    # A heading of abbreviations only, each named by most of its expansion.
    both = next(u for u in units(chunk("- OSS and ODS provide better security", kind="list",
                                       section="OSS + ODS")) if u.kind == "item")
    why = parse_question("why would a government bother with open source + open data standards?")
    spelled = {"OSS": "Open Source Software", "ODS": "Open Data Standards"}
    assert heading_named(why, both, spelled)
    assert not heading_named(parse_question("why use open data standards?"), both, spelled)


def test_a_heading_naming_the_country_asked_by_its_long_name_is_named() -> None:
    from assistant.naming import heading_named
    section = "Islamic Republic of Iran > Islamic Republic of Iran's E-Health"
    first = units(chunk("Iran has implemented e-health services.", section=section))[0]
    assert heading_named(parse_question("What did Iran's e-health scenario involve?"), first, {})
    # The country alone is not the heading's subject; another country does not name it.
    assert not heading_named(parse_question("What did Iran do?"), first, {})
    assert not heading_named(parse_question("What did Egypt's e-health involve?"), first, {})


def test_a_slide_titled_with_what_is_asked_is_about_it() -> None:
    from assistant.naming import slide_title_named
    stage = chunk("Stage 3 – Transactional services\nWebsites require authentication.",
                  kind="slide", section="Four Stages of Online Service Development")
    assert slide_title_named(parse_question("What characterizes the transactional services "
                                            "stage?"), stage)
    assert not slide_title_named(parse_question("What are transactional services?"), stage)
    # The title is a small part of what is asked: the question is about something else.
    smart = chunk("Smart government\nAdvanced government anytime.", kind="slide")
    assert slide_title_named(parse_question("What is smart government?"), smart)
    assert not slide_title_named(parse_question(
        "the slide on smart government mentions UPACS, UNPAN and METER. used for what?"), smart)
    # A title alone is no answer.
    assert not slide_title_named(parse_question("What is smart government?"),
                                 chunk("Smart government", kind="slide"))


def test_an_index_named_with_its_edition_year_written_on_is_named() -> None:
    sentence = units(chunk("The LOSI2020 average across members was 0.3656, below the world "
                           "average of 0.43."))[0]
    assert admissible(parse_question("How far below the world average were cities on LOSI?"),
                      sentence, {})


def test_a_year_or_country_may_be_named_on_the_title_slides_before() -> None:
    item = next(u for u in units(chunk("- Strategy - evidence of a national strategy", kind="list",
                                       section="Possible Criteria")) if u.kind == "item")
    q = parse_question("What criteria would judge open data in the 2014 survey?")
    assert not admissible(q, item, {})
    assert admissible(q, item, {}, titles="Outlook of the 2014 Survey")
    korea = parse_question("What phases did Korea go through?")
    assert admissible(korea, item, {}, titles="Korea Leading e-Government")


def test_which_delegation_is_answered_by_a_passage_about_a_country() -> None:
    q = parse_question("smart cities came up as a support request, from which delegation?")
    summary = units(chunk("Support was requested in establishing smart cities.",
                          section="Areas of assistance"))[0]
    kenya = units(chunk("Kenya has requested support for smart cities.",
                        section="PRESENTATIONS > Kenya"))[0]
    assert admissible(q, kenya, {}) and not admissible(q, summary, {})


def test_a_document_named_by_its_country_answers_without_naming_it_again() -> None:
    around = Around(by_country=lambda source, country: (source, country) == (
        "moldova.pdf", "Moldova"))
    q = parse_question("What principles does the Moldovan methodology set out?")
    moldovan = chunk("The principles are once-only and user focus.", source="moldova.pdf")
    other = chunk("The principles are openness and reuse.", source="other.pdf")
    selection = select(q, hits(other, moldovan), word_hash_embed([q.text])[0],
                       UnitVectors(word_hash_embed), lambda t: 1.0, {}, AnswerSettings(),
                       around)
    assert {s.unit.chunk.source for s in selection.scored} == {"moldova.pdf"}


def test_a_passive_is_not_a_definition_and_the_file_name_is_context() -> None:
    guide = chunk("If more than one Citizens Budget is published, complete this for one.\n"
                  "A Citizens Budget is a nontechnical presentation of the budget.",
                  source="pdf/OBS_guide.pdf", document="Questionnaire")
    selection = _select("What is a Citizens Budget according to the guide to the OBS?", guide)
    assert selection.scored[0].unit.text.startswith("A Citizens Budget is a nontechnical")
    q = parse_question("What does the EIGE metadata note about levels?")
    unit = units(chunk("Level 1 covers ministers.", source="pdf/EIGE_2023_metadata.pdf"))[0]
    assert coverage(q.topic, unit, lambda t: 1.0, {}) == 1.0


def test_a_defined_term_may_be_hyphenated() -> None:
    import re

    from assistant.naming import term_pattern
    assert re.search(term_pattern("once only principle"), "The once-only principle means")
    assert re.search(term_pattern("open data standard"), "an open standard is")


def test_a_term_read_from_a_language_putting_its_adjective_last_is_found_either_way() -> None:
    # "Ce înseamnă timpul instituțional?" is read "what is time institutional?"; the document
    # defines "Institutional time", "is considered the time ..." saying what it is.
    method = chunk("The methodology measures the total service time as the beneficiary's "
                   "time plus the institutional time.\nInstitutional time is considered the "
                   "time it takes to produce the service.")
    selection = _select("what is time institutional in methodology?", method)
    assert selection.scored[0].unit.text.startswith("Institutional time is considered")
    # A passive saying what happens to a term is still no definition.
    selection = _select("what is a citizens budget?", chunk(
        "A citizens budget is considered important by many.\n"
        "A citizens budget is a simplified summary of the budget."))
    assert selection.scored[0].unit.text.startswith("A citizens budget is a simplified")


def test_a_document_named_by_its_title_or_file_name_is_found() -> None:
    table = ChunkTable.build([
        chunk("Name | Email | Role", source="office/Country Who's Who Report.docx",
              document="Country Who's Who Report"),
        chunk("Activities.", source="office/High Level Roadmap.xlsx", document="Roadmap"),
        chunk("WMID.", source="pdf/EIGE_2023_metadata.pdf",
              document="Indicator: top two tiers | Gender Statistics Database | EIGE"),
        chunk("Training.", source="pdf/KrattVisionPaper.pdf", document="KrattVisionPaper"),
    ])
    assert table.named_documents("What does the Country Who's Who report collect?") == [
        "office/Country Who's Who Report.docx", "Country Who's Who Report"]
    assert table.named_documents("who leads training in the high-level roadmap?") == [
        "office/High Level Roadmap.xlsx"]
    # A part of a title names it; the filter takes the whole title.
    assert table.named_documents("WMID in the gender statistics database") == [
        "Indicator: top two tiers | Gender Statistics Database | EIGE"]
    assert table.named_documents("the Kratt vision paper") == [
        "pdf/KrattVisionPaper.pdf", "KrattVisionPaper"]
    # One word of a name ("roadmap"), or a year, names nothing.
    assert table.named_documents("what is on the roadmap in 2023?") == []


def test_an_abbreviation_in_capitals_names_a_document_alone() -> None:
    table = ChunkTable.build([
        chunk("Market forces.", source="pdf/egovernance-emerging-issues-unpog.pdf",
              document="egovernance-emerging-issues-unpog"),
        chunk("Emerging issues.", source="pdf/d8-workshop.pdf", document="D-8 workshop"),
    ])
    assert table.named_documents("Why did governance shift, per the UNPOG presentation?") == [
        "pdf/egovernance-emerging-issues-unpog.pdf", "egovernance-emerging-issues-unpog"]
    # A common word of the name ("emerging"), even written in capitals, does not.
    assert table.named_documents("Which issues are emerging?") == []
    assert table.named_documents("EMERGING issues?") == []


def test_evidence_from_the_document_the_question_names_comes_first() -> None:
    around = Around(named=lambda text: ["roadmap.xlsx"] if "roadmap" in text else [])
    text = "Training modules are developed with partners."
    roadmap = chunk(text, source="roadmap.xlsx")
    other = chunk(text, source="plan.pdf")
    for question, first in (("Who develops training modules in the roadmap?", "roadmap.xlsx"),
                            ("Who develops training modules?", "plan.pdf")):
        q = parse_question(question)
        selection = select(q, hits(other, roadmap), word_hash_embed([q.text])[0],
                           UnitVectors(word_hash_embed), lambda t: 1.0, {}, AnswerSettings(),
                           around)
        assert selection.scored[0].unit.chunk.source == first


def test_a_named_documents_table_answers_what_it_records() -> None:
    around = Around(named=lambda text: ["who.docx"] if "who report" in text.lower() else [])
    form = chunk("Name | Email | Institution | Role\nJohn Doe | j@d.org | ICT Authority | Director",
                 kind="table", source="who.docx")
    prose = chunk("The consultation informs stakeholders.", source="method.pdf")
    for question, first in (
            ("What information does the Who's Who report collect for each stakeholder?", "row"),
            ("How does the Who's Who report inform each stakeholder?", "sentence")):
        q = parse_question(question)
        selection = select(q, hits(prose, form), word_hash_embed([q.text])[0],
                           UnitVectors(word_hash_embed), lambda t: 1.0, {}, AnswerSettings(),
                           around)
        # Asked what it records, its table's header answers, whatever its sample row holds.
        assert selection.scored[0].unit.kind == first


def test_a_short_label_with_a_colon_answers_nothing_on_its_own() -> None:
    q = parse_question("What activities fall under Action Area 3?")
    slide = chunk("Action Area 3:\nThe area trains civil servants in change management.")
    label, sentence = units(slide)
    assert not admissible(q, label, {})
    assert admissible(q, sentence, {})


def test_a_field_and_its_value_is_no_heading() -> None:
    q = parse_question("When does the implementation phase start and end?")
    slide = chunk("Project Overview Title:\nDuration: 01/2022 - 03/2025, Implementation Phase: "
                  "07/2022 - 02/2025\nImplementation Phase And Pilot Roll Out",
                  kind="list", section="Project Overview")
    field, title = units(slide)[-2:]
    assert admissible(q, field, {})  # a label, a colon and the figures it labels
    assert not admissible(q, title, {})  # a title-case line with no value is a heading


def test_a_sentence_that_sends_the_reader_elsewhere_answers_nothing() -> None:
    q = parse_question("What are the categories of government functions?")
    notes = chunk("See mapping table 4 for the ministries under each category of functions. "
                  "For more details on the functions, see the Guide to the Questionnaire. "
                  "The categories of functions are basic, economic and infrastructure.")
    pointer, details, stated = units(notes)
    assert not admissible(q, pointer, {}) and not admissible(q, details, {})
    assert admissible(q, stated, {})


def test_a_who_question_is_answered_only_by_a_passage_naming_someone_in_the_role() -> None:
    q = parse_question("Who is the project manager?")
    team = chunk("Project team:\n- Sponsor\n- Project Manager", kind="list")
    named = chunk("The project manager is Ana Silva of the digital agency.")
    management = chunk("The project covers change management training.")
    assert not any(admissible(q, u, {}) for u in units(team))  # the role, nobody in it
    assert admissible(q, units(named)[0], {})
    assert not admissible(q, units(management)[0], {})  # "management" is no manager


def test_a_past_participle_after_who_is_names_no_role() -> None:
    # "who is cited for ...": who a thing is done to, not a post; the cited source answers.
    q = parse_question("who is cited for defining digital skills as a mix of know-how? "
                       "and what year")
    assert q.role is None
    cited = chunk("Digital skills include a combination of know-how and work habits "
                  "(Broadband Commission, 2017).")
    assert admissible(q, units(cited)[0], {})
    assert parse_question("who is the appointed chair of the board?").role == "appointed chair"


def test_a_role_asked_in_other_words_than_printed_is_still_named() -> None:
    # Data "role_words": a runner-up is printed as a second place, a chair as who chaired.
    q = parse_question("who was runner-up for fostering participation?")
    placed = chunk("Fostering participation in policy-making: Ranked 2nd place, Ministry of "
                   "Youth Affairs.")
    unplaced = chunk("Fostering participation in policy-making was a category of the awards.")
    assert admissible(q, units(placed)[0], {})
    assert not admissible(q, units(unplaced)[0], {})


def test_a_sentence_lists_as_many_things_as_it_says_it_does() -> None:
    from assistant.series import _enumerates

    def sentence(text: str):
        return units(chunk(text))[0]

    six = sentence("It covers 6 categories: strategy and architecture, change and transformation,"
                   " development, delivery, quality, relationships and engagement.")
    assert _enumerates(six, 6) and not _enumerates(six, 7)  # "and" inside an item adds none
    assert not _enumerates(sentence("SFIA introduces 7 levels of responsibility."), 7)
    assert _enumerates(sentence("The pillars are: leadership, skills, data, infrastructure."), 4)


def test_a_city_asked_in_lower_case_needs_its_row() -> None:
    cities = chunk("Table 2 Local index 2024.\nCountry | City | Score\nKenya | Nairobi | 0.41\n"
                   "Ghana | Accra | 0.38", kind="table", section="RESULTS")
    nairobi, accra = (u for u in units(cities) if u.kind == "row")
    q = parse_question("what was mombasa's local score?")
    assert not admissible(q, nairobi, {}) and not admissible(q, accra, {})
    assert admissible(parse_question("what was nairobi's local score?"), nairobi, {})


def test_a_span_of_years_asked_may_be_stated_above_the_unit() -> None:
    # A dated title over a list ("Infrastructure (1987 ~ 2002)") dates its items; a single
    # year asked of a figure must be the figure's own (an edition).
    slide = chunk("Infrastructure Development (1987 ~ 2002)\nRoad mapping:\n"
                  "- 11 key initiatives launched (G4C, e-Procurement)", kind="list")
    item = next(u for u in units(slide) if u.kind == "item")
    span = parse_question("how many key initiatives were launched in 1987-2002?")
    assert admissible(span, item, {})
    assert not admissible(parse_question("how many key initiatives were launched in 2002?"),
                          item, {})
    # "up to 2002" asks about the period ending then, as a span does.
    assert admissible(parse_question("how many key initiatives were launched up to 2002?"),
                      item, {})


def test_the_size_of_a_ranking_asked_is_stated_by_out_of() -> None:
    ranked = units(chunk("In the 2012 Survey, Afghanistan rank 184th out of 190 according to "
                         "the e-Government Development Index."))[0]
    asked = parse_question("afghanistan 2012 egdi - what place and out of how many countries")
    assert admissible(asked, ranked, {})
    # A rank alone does not say how many were ranked.
    alone = units(chunk("In the 2012 Survey, Afghanistan rank 184th according to the "
                        "e-Government Development Index."))[0]
    assert not admissible(asked, alone, {})


def test_an_unknown_index_is_named_by_any_word_of_a_group() -> None:
    average = units(chunk("Global Trends 2012: the e-Government development index has led to "
                          "a world average of 0.4877 as compared to 0.4406 in 2010."))[0]
    asked = replace(parse_question("what was the e-gov average index in 2012"),
                    alternatives=(("gov", "govern"),))  # as spelling.spelled groups a clipped word
    assert asked.index_words == ("gov", "averag")
    assert admissible(asked, average, {})  # "gov" is named by its group's "e-Government"
    assert not admissible(parse_question("what was the press freedom index in 2012"), average, {})


def test_an_unknown_index_is_named_by_all_its_words() -> None:
    # Two of three words of the name printed ("performance", "average" for "mean") are
    # another index's: the word that tells the index apart must be named too.
    asked = parse_question("Is the D-8 cities' mean Environmental Performance Index above "
                           "the world mean?")
    other = units(chunk("Concerning EGDI performance, D-8 Members' average score is better "
                        "than the global average."))[0]
    assert not admissible(asked, other, {})
    named = units(chunk("On the Environmental Performance Index, the D-8 mean score is above "
                        "the world mean."))[0]
    assert admissible(asked, named, {})
    # Typed in lower case, the name has no title: the words next to its noun still tell it
    # apart, the first one ("mean", "world") only places it.
    typed = parse_question("is the d-8 cities' mean environmental performance index above the "
                           "world mean?")
    assert not admissible(typed, other, {}) and admissible(typed, named, {})
    pressed = parse_question("when does the world press freedom index consider a budget "
                             "document publicly available?")
    assert not admissible(pressed, units(chunk(
        "They multiply the Freedom House indices by indices of corruption drawn from the "
        "World Bank."))[0], {})
    assert admissible(pressed, units(chunk(
        "The Press Freedom Index considers a document available once it is online."))[0], {})

def test_above_or_below_is_answered_by_a_sentence_stating_the_side() -> None:
    higher = units(chunk("Asia has a higher level of development than the world average."))[0]
    assert admissible(parse_question("is asia above or below the world average?"), higher, {})
    assert not admissible(parse_question("what is the world average?"), higher, {})


def test_the_number_of_a_figure_or_table_is_no_value() -> None:
    pointer = units(chunk("It is suitable to compare LOSI scores with OSI scores in Figure 5."))[0]
    q = parse_question("what was the average OSI score?")
    assert not admissible(q, pointer, {})
    stated = units(chunk("The average OSI score was 0.61, as Figure 5 shows."))[0]
    assert admissible(q, stated, {})


def test_a_who_question_prefers_the_passage_naming_a_person() -> None:
    # A passage about the thing presented, every word asked in it, does not say who.
    about = chunk("The governance curriculum for public servants was presented with a short "
                  "video.", section="AGENDA")
    person = chunk("Ms. Jane Roe on the governance curriculum for public servants (15 min).",
                   section="AGENDA")
    picked = _select("who presented the governance curriculum for public servants?", about,
                     person)
    assert picked.scored[0].unit.chunk is person


def test_a_line_of_names_under_a_session_answers_who() -> None:
    names = units(chunk("Mr. Alan Turing and Ms. Grace Hopper", section="Closing Remarks"))[0]
    assert admissible(parse_question("who closed the event?"), names, {})
    # A short label without a person stays a heading.
    label = units(chunk("Closing and Next Steps", section="Closing Remarks"))[0]
    assert not admissible(parse_question("who closed the event?"), label, {})


_SKILLS_SECTIONS = (
    chunk("Ghana named a lack of digital skills among civil servants as its main challenge.",
          section="COUNTRY PRESENTATIONS > Ghana > Challenges", page=2),
    chunk("Chile named weak broadband in rural regions as its main challenge.",
          section="COUNTRY PRESENTATIONS > Chile > Challenges", page=3),
    chunk("Kenya named digital skills and device costs among its challenges.",
          section="COUNTRY PRESENTATIONS > Kenya > Challenges", page=4),
    chunk("Digital skills are a challenge for many members.", section="SUMMARY", page=1),
)


def test_which_countries_gathers_each_country_whose_section_names_the_topic() -> None:
    # "which delegations named digital skills": Ghana and Kenya, in document order; Chile's
    # section shares "named", "challenge" but not the skills; the summary is no country's.
    selection = _select("Which delegations named digital skills as a challenge?", *_SKILLS_SECTIONS)
    assert selection.question.across
    gathered = per_country(selection, 0.0, lambda t: 1.0)
    assert [section_country(s.unit) for s in gathered] == ["Ghana", "Kenya"]


def test_a_country_whose_best_unit_is_weak_is_left_out() -> None:
    selection = _select("Which delegations named digital skills as a challenge?", *_SKILLS_SECTIONS)
    ghana = next(s for s in selection.scored if section_country(s.unit) == "Ghana")
    kenya = next(s for s in selection.scored if section_country(s.unit) == "Kenya")
    floor = (ghana.score + kenya.score) / 2
    kept = [section_country(s.unit) for s in per_country(selection, floor, lambda t: 1.0)]
    assert kept == ["Ghana" if ghana.score > kenya.score else "Kenya"]


def test_a_count_asked_prefers_the_sentence_counting_its_measure() -> None:
    # Both sentences hold every word asked and numbers; only one counts the countries
    # (the other names "each country" and the levels it covers: "level 1" labels a level,
    # it counts no countries, so that sentence states no count at all).
    each = chunk("Data on national administrations cover level 1 and level 2 administrators "
                 "in the ministries of each country.", source="metadata-a.pdf")
    counted = chunk("Data on national administrations cover level 1 and level 2 administrators "
                    "in the ministries of 38 countries.", source="metadata-b.pdf")
    question = "The data on national administrations cover the ministries of how many countries?"
    selection = _select(question, each, counted)
    assert [s.unit.chunk for s in selection.scored] == [counted]


def test_a_count_is_a_number_joined_to_the_measure_not_a_year_or_a_figure_asked() -> None:
    q = parse_question("How many places did Kazakhstan climb in the 2012 ranking?")
    assert counts_measure(q, "It moved up 16 places.")
    assert counts_measure(q, "It improved its global ranking by eight positions.")  # a synonym
    assert not counts_measure(q, "The 2012 places were announced.")  # a year, not a count
    assert not counts_measure(q, "The 16 member states moved up several places.")
    assert not counts_measure(parse_question("What is Kazakhstan's place in 2012?"),
                              "It moved up 16 places.")  # no count asked


def test_a_short_line_alone_under_its_heading_is_what_the_section_says() -> None:
    q = parse_question("Has a timeline been set in the statement of work?")
    alone = chunk("To be developed", section="Timeline")
    assert admissible(q, units(alone)[0], {})
    # A slide's lone line is its title; a line among others is a label over them.
    slide = replace(alone, doc_type="presentation")
    assert not admissible(q, units(slide)[0], {})
    among = chunk("To be developed\nThe plan is drafted with partners.", section="Timeline")
    assert not admissible(q, units(among)[0], {})


def test_a_row_whose_cell_counts_what_is_asked_gives_the_figure() -> None:
    table = chunk("Activity ID | Activities | Timeline\n"
                  "3.3.1 | Identification and hosting of 4 communities of practice | TBD\n"
                  "3.3.2 | A leaders forum is set up | TBD", kind="table")
    counted, other = [u for u in units(table) if u.kind == "row"]
    q = parse_question("How many communities of practice will be hosted in the region?")
    assert admissible(q, counted, {})
    assert not admissible(q, other, {})  # no column names what is asked, no cell counts it


@pytest.mark.parametrize(
    ("question", "other", "stating", "not_stating", "not_asking"),
    [
        pytest.param("How often will the leaders forum meet?",
                     "The leaders forum brings ministers together for events.",
                     "A regional leaders forum is set up and meets once a year.",
                     "The forum invites every country.", "Who meets in the leaders forum?",
                     id="frequency"),
        pytest.param("At what significance level is the change over time marked?",
                     "Standard errors are estimated from 100 bootstrap samples and used in "
                     "t-tests of whether the change over time is significant.",
                     "The change over time is marked by its statistical significance (at the "
                     "10% level).", "The change over time reached 10% of the score.",
                     "How was the change over time marked?", id="significance"),
        pytest.param("What follow-up event did the members plan after the workshop?",
                     "Concluding the workshop, a recap of the challenges and the areas of "
                     "assistance was provided to the members.",
                     "The members and the secretariat will organize a training workshop in "
                     "October.", "The members met in March.",
                     # about what was said after an event: no plan asked
                     "after the workshop, what training did members say they wanted?",
                     id="plan"),
        pytest.param("Why does the survey say it matters that the budget proposal is public?",
                     "The survey asks whether the budget proposal is public.",
                     "It matters that the budget proposal is public because its policies "
                     "affect every citizen.", "The budget proposal is public in 40 countries.",
                     "Is the budget proposal public in most countries?", id="reason"),
        pytest.param("Is there an example of a ministry linking its plans to policy goals?",
                     "Questions 47 and 48 ask whether the ministry links its plans to the "
                     "government's policy goals.",
                     "For an example of a ministry linking its plans to policy goals, see "
                     "pages 13-18 of its statement.",
                     "The ministry links its plans to policy goals.",
                     # the document's own example named as a thing: none asked for
                     "gives the ministry's plan as an example: which goals does it link to?",
                     id="example"),
    ],
)
def test_a_question_asking_a_kind_of_statement_prefers_the_passage_making_one(
    question: str, other: str, stating: str, not_stating: str, not_asking: str
) -> None:
    # How often, at what significance, what is planned: data/answers.json "kinds_stated".
    made = chunk(stating, source="b.pdf")
    best = _select(question, chunk(other, source="a.pdf"), made).scored[0]
    assert best.unit.chunk == made and best.fit > 0
    # A passage making no such statement, or a question asking none, is preferred for nothing.
    assert _select(question, chunk(not_stating)).scored[0].fit == 0
    assert _select(not_asking, made).scored[0].fit == 0


def test_a_question_on_what_someone_said_prefers_the_passage_reporting_it() -> None:
    programme = chunk("Opening remarks: Ms. Jane Roe, Director of the Statistics Division "
                      "(10 min)", source="a.pdf")
    told = chunk("Ms. Jane Roe told participants that open data needs public trust.",
                 source="b.pdf")
    fit = {s.unit.chunk.source: s.fit for s in _select(
        "the director's remark on open data?", programme, told).scored}
    assert fit["b.pdf"] > fit["a.pdf"]
    # Not asked what was said, the reported speech is preferred for nothing.
    assert _select("the director on open data?", told).scored[0].fit < fit["b.pdf"]


def test_which_level_prefers_the_sentence_naming_a_numbered_level() -> None:
    model = chunk("Mapping the maturity level of the service: a maturity model is a set of "
                  "structured levels.", source="a.pdf")
    threshold = chunk("Only services with maturity level 3 and above can be reengineered.",
                      source="b.pdf")
    selection = _select("What maturity level must a service have to be reengineered?",
                        model, threshold)
    assert selection.scored[0].unit.chunk == threshold
    assert [s.fit > 0 for s in selection.scored] == [True, False]


def test_a_country_asked_is_answered_by_its_own_row_not_its_citys() -> None:
    from assistant.preferences import _place_within

    city = _table_row("Table 2 Local index.\nCountry | City | Score | Global Rank\n"
                      "Malaysia | Kuala Lumpur | 0.51 | 29")
    national = _table_row("Table 1 Survey.\nCountry | Region | Score | Global Rank\n"
                          "Malaysia | Asia | 0.79 | 47")
    asked = parse_question("malaysia world ranking on e-government 2020")
    assert _place_within(asked, city) and not _place_within(asked, national)
    # The city asked, by its column or its name: its row answers.
    assert not _place_within(parse_question("malaysia's city rank?"), city)
    assert not _place_within(parse_question("malaysia kuala lumpur rank?"), city)


def test_a_line_only_naming_a_body_never_says_what_it_does() -> None:
    # A title slide's line names the Department; the report's sentence says what it does.
    title = units(chunk("Division for Public Administration and Development Management (DPADM) "
                        "UN Department of Economic and Social Affairs (UNDESA)",
                        section="UN Public Administration Programme"))[0]
    credit = units(chunk("presentation by Alexei Tikhomirov Acting Head UNPOG DPADM/UNDESA"))[0]
    works = units(chunk("The Department works in three areas: it compiles data, facilitates "
                        "negotiations and advises Governments."))[0]
    doing = parse_question("What does the UN Department of Economic and Social Affairs do?")
    assert not admissible(doing, title, {}) and not admissible(doing, credit, {})
    assert admissible(doing, works, {})
    # Asked which division it has, the line naming both answers.
    assert admissible(parse_question("Which division of the UN Department of Economic and "
                                     "Social Affairs manages development?"), title, {})


def test_what_a_body_does_is_said_by_the_sentence_whose_subject_it_is() -> None:
    # "The Office" names the National Statistics Office by its subject: it holds the words
    # asked, and is preferred to a sentence naming the Office as an object.
    subject = chunk("The Office compiles national data and advises ministries.", source="a.pdf")
    other = chunk("Ministries met the National Statistics Office in May.", source="b.pdf")
    selection = _select("What does the National Statistics Office do?", other, subject)
    best = selection.scored[0]
    assert best.unit.chunk == subject and best.lexical == 1.0 and best.fit > 0
    assert [s.fit for s in selection.scored if s.unit.chunk == other] == [0.0]


def test_the_words_asking_which_delegations_are_not_what_the_answer_must_print() -> None:
    ghana = chunk("Ghana saw people resist the new systems.",
                  section="COUNTRY PRESENTATIONS > Ghana > Challenges")
    selection = _select("Which delegations said people resist the new systems?", ghana)
    assert selection.question.across and selection.scored[0].lexical == 1.0


def test_which_countries_is_asked_by_who_brought_something_up() -> None:
    selection = _select("who brought up money problems, like budget constraints?",
                        *_BUDGET_SECTIONS)
    assert selection.question.across
    # "money" is the rarest word asked, and no passage holds it: the rarest one held
    # ("budget") tells the countries that raised it from those that did not.
    rare = lambda t: 2.0 if t == "money" else 1.0  # noqa: E731
    assert [section_country(s.unit) for s in per_country(selection, 0.0, rare)] == ["Ghana"]


_BUDGET_SECTIONS = (
    chunk("Other challenges include budget constraints for e-government projects.",
          section="CONCLUSIONS > Challenges", page=15),
    chunk("Ghana suffers from budget constraints for digital projects.",
          section="COUNTRY PRESENTATIONS > Ghana > Challenges", page=2),
    chunk("Kenya named weak broadband in rural regions.",
          section="COUNTRY PRESENTATIONS > Kenya > Challenges", page=3),
)


def test_the_group_in_which_countries_is_the_topic_not_the_asking():
    # "Which EEA countries ...": EEA is what a passage must name; "which countries" asks.
    from assistant.select import _countries_asking
    from assistant.text import terms

    asking = _countries_asking(parse_question(
        "Which EEA countries are covered by the EIGE data on decision-making?"))
    assert "eea" not in asking and terms("countries")[0] in asking
    assert terms("delegations")[0] in _countries_asking(parse_question(
        "Which delegations brought up budget constraints?"))


def test_a_unit_close_in_meaning_supports_a_question_that_shares_few_of_its_words() -> None:
    """Users' own words ("how are they dealing with power?") share few terms with the passage
    ("an inadequate power supply"): MiniLM's similarity alone, when high, supports the
    question; a unit merely related in meaning does not."""
    unit = units(PROSE)[0]
    question = parse_question("how are they dealing with it?")
    worded = Selection(question, [Scored(unit, 0.35, 0.62, 0.05, 0)])
    assert worded.support >= AnswerSettings().min_support
    related = Selection(question, [Scored(unit, 0.35, 0.5, 0.2, 0)])
    assert related.support < AnswerSettings().min_support
    # Fused support still counts when it is the higher one.
    assert Selection(question, [Scored(unit, 0.8, 0.3, 1.0, 0)]).support == 0.8


def test_a_participant_list_holds_the_words_asking_who_took_part() -> None:
    # "who came from ghana": the list never says "came", yet it is the whole answer; the
    # passage on Ghana's challenges shares no word asked and says nothing of who came.
    people = _participants("Kenya | Prof. Amina Odhiambo | Director at E-Government Center\n"
                           "Ghana | Ms. Efua Mensah | Analyst at the Ministry of Communications")
    prose = chunk("Ghana faces challenges in rural connectivity.", section="Ghana")
    selection = _select("who came from ghana", people, prose)
    best = selection.scored[0]
    assert "Efua" in best.unit.text and best.lexical == 1.0
    assert all(s.lexical == 0.0 for s in selection.scored if "rural" in s.unit.text)


def test_an_edition_asked_is_not_the_end_of_a_period() -> None:
    # "the 2024 survey": a plan running 2020 - 2024 in a 2022 report is of no 2024 edition.
    plan = units(chunk("An enabler is the E-Government Policy in the National Midterm "
                       "Development Plan 2020 - 2024.", document="Workshop Report",
                       year=2022))[0]
    assert not admissible(parse_question("What did the 2024 UN e-gov survey say about the "
                                         "e-government policy?"), plan, {})
    assert admissible(parse_question("What e-government policy runs until 2024?"), plan, {})


def test_an_index_named_by_its_publisher_or_other_words_is_named() -> None:
    # "the world justice project index": the document says "WJP Rule of Law Index", which
    # data/indices.json knows the World Justice Project publishes.
    poll = chunk("Country/Jurisdiction | Polling Company | Sample | Year\n"
                 "Kuwait | D3: Designs, Data, Decisions | 50 | 2023", kind="table",
                 document="Steps to Produce the WJP Rule of Law Index")
    kuwait = next(u for u in units(poll) if u.kind == "row")
    assert admissible(parse_question("Kuwait's sample size in the world justice project "
                                     "index?"), kuwait, {})
    assert not admissible(parse_question("Kuwait's sample size in the cybersecurity index?"),
                          kuwait, {})


def test_the_words_naming_an_index_name_no_column_of_its_row() -> None:
    states = chunk("States | Legal System | Forms of State\nKenya | Mixed Common law | Unitary",
                   kind="table", document="Index of States and their Legal Systems")
    kenya = next(u for u in units(states) if u.kind == "row")
    assert admissible(parse_question("Kenya's legal system per the world legal systems index?"),
                      kenya, {})
    assert not admissible(parse_question("Kenya's ISO code in the world legal systems index?"),
                          kenya, {})


def test_a_sentence_a_break_cut_is_judged_whole_with_its_end() -> None:
    # A column break cut the sentence after "audit": the counts asked for are in its end,
    # which opens the next passage and alone is no statement.
    head = replace(chunk("IBP invited 125 governments to comment. Finally, a pilot review "
                         "was run in which representatives from supreme audit"), ordinal=1)
    end = replace(chunk("institutions in 10 countries reviewed a subset of 25 indicators. "
                        "Researchers responded to the comments."), ordinal=2)
    printed = reader([head, end])

    class Printed(Around):
        def neighbour(self, chunk: Chunk, step: int) -> Chunk | None:
            return printed(chunk, step)

    q = parse_question("How many countries took part in the audit institutions' pilot review?")
    alone = select(q, hits(head, end), word_hash_embed([q.text])[0], UnitVectors(word_hash_embed),
                   lambda t: 1.0, {}, AnswerSettings())
    whole = select(q, hits(head, end), word_hash_embed([q.text])[0],
                   UnitVectors(word_hash_embed), lambda t: 1.0, {}, AnswerSettings(), Printed())
    cut = "Finally, a pilot review was run in which representatives from supreme audit"
    assert cut not in [s.unit.text for s in alone.scored]
    assert whole.scored[0].unit.text == cut  # quoted as printed, composing adds its end
    # A piece of a line is no sentence's start: read as it is.
    piece = replace(chunk("Headquarters cover human resources\n(including"), ordinal=1)
    printed = reader([piece, end])
    assert not any(s.unit.text.startswith("(including") and s.lexical > 0.5 for s in select(
        q, hits(piece, end), word_hash_embed([q.text])[0], UnitVectors(word_hash_embed),
        lambda t: 1.0, {}, AnswerSettings(), Printed()).scored)


def test_a_heading_stating_the_time_asked_answers_a_when_question() -> None:
    from assistant.admissible import _heading_answers

    asked = parse_question("when was the study tour to Korea?")
    for stated in ("Study tour (Dec 2013)", "Study tour: 2013", "Study tour 6AM - 7AM",
                   "Study tour, first half of March"):
        assert _heading_answers(asked, units(chunk(stated))[0]), stated
    # "may" the verb is no month; nor is a heading stating no time an answer.
    assert not _heading_answers(asked, units(chunk("Tours may vary"))[0])
    assert not _heading_answers(parse_question("what is the study tour?"),
                                units(chunk("Study tour (Dec 2013)"))[0])
    # A span's ends asked by name ("start and end years") ask a time too; "the last year"
    # does not.
    spans = units(chunk("e-Government Infrastructure Development (1987 ~ 2002)"))[0]
    assert _heading_answers(parse_question("korea's first era: start and end years?"), spans)
    assert not _heading_answers(parse_question("what changed in the last years of the era?"),
                                spans)


def test_a_pointer_elsewhere_answers_only_where_to_look() -> None:
    slide = chunk("The next two years will focus the following roadmap.\n"
                  "Refer to details at Our Solution area of the GovStack website.")
    pointer = units(slide)[-1]
    assert admissible(parse_question("on the roadmap slide, where are we told to look for "
                                     "the details?"), pointer, {})
    assert not admissible(parse_question("what will the next two years focus on?"), pointer, {})


def test_a_line_ending_on_a_word_no_statement_ends_on_says_nothing() -> None:
    # A line cut from a table's header ("... Number of") is quoted as no answer; the same
    # words finished are.
    cut = chunk("Release deadlines for public documents in 2023 Number of\n"
                "Documents are listed below.")
    whole = chunk("Release deadlines for public documents in 2023 are twelve months.\n"
                  "Documents are listed below.")
    asked = "what are the release deadlines for public documents in 2023?"
    assert "Number of" not in " ".join(s.unit.text for s in _select(asked, cut).scored)
    assert any("twelve months" in s.unit.text for s in _select(asked, whole).scored)


def test_a_caption_choosing_the_rows_gives_no_figure_of_its_word() -> None:
    # "the most populous cities" says how the rows were chosen; the row's figures are its
    # columns', and none is a population. A column naming it answers.
    cities = _table_row("Table 2 Local e-government in the members' most populous cities.\n"
                        "Country | City | Score | Global Rank\nBangladesh | Dhaka | 0.15 | 75")
    states = _table_row("Table 1 Index of states.\nCountry | Population (millions) | GDP\n"
                        "Bangladesh | 160.2 | 250.1")
    asked = parse_question("how many people live in Bangladesh according to the report?")
    assert asked.measure == ("popul",)
    assert not admissible(asked, cities, {}) and admissible(asked, states, {})
    assert admissible(parse_question("What is Bangladesh's score in the local index?"),
                      cities, {})


def test_a_person_asked_needs_a_unit_naming_someone() -> None:
    asked = parse_question("and which named person should I write to at the agency?")
    assert asked.person
    body = units(chunk("Contact the Statistics Unit of the agency at stats@agency.example."))[0]
    named = units(chunk("Questions are answered by Ms. Jane Roe, statistics officer at the "
                        "agency."))[0]
    assert not admissible(asked, body, {}) and admissible(asked, named, {})
    assert not parse_question("who runs the statistics unit?").person
    assert not parse_question("which person-centred services are planned?").person


def test_an_unknown_index_is_named_as_an_index_or_by_its_table() -> None:
    # A sentence sharing the index's words ("mobile connections") names no index; a passage
    # naming one, or a row of a table of figures, may be about it.
    asked = parse_question("mobile connectivity index indonesia?")
    assert asked.index_words == ("mobil", "connect")
    sentence = units(chunk("Most people in Indonesia have access to mobile connections."))[0]
    named = units(chunk("Indonesia ranks high on the Mobile Connectivity Index."))[0]
    assert not admissible(asked, sentence, {}) and admissible(asked, named, {})
    table = next(u for u in units(chunk("Table 3 Mobile connectivity in Asia.\n"
                                        "Country | Score | Rank\nIndonesia | 0.71 | 12",
                                        kind="table")) if u.kind == "row")
    assert admissible(parse_question("What is Indonesia's score in the mobile connectivity "
                                     "index?"), table, {})


def test_a_type_of_value_asked_needs_a_unit_stating_one() -> None:
    # A web address, a day, an organisation: a unit close in words but stating none of
    # that type cannot answer.
    url = parse_question("can you give me the URL of his linkedin page")
    assert url.types == ("url",)
    mailed = _table_row("Name | Contact | Role\n"
                        "John Doe | john.doe@email.com | Deputy Director")
    linked = _table_row("Name | Contact | Role\n"
                        "John Doe | www.linkedin.com/in/jdoe | Deputy Director")
    assert not admissible(url, mailed, {}) and admissible(url, linked, {})

    day = parse_question("By what date did tax administrations have to submit their forms?")
    assert day.types == ("day",) and day.date_asked
    may = units(chunk("Tax administrations may submit their forms in 2022 online."))[0]
    june = units(chunk("Tax administrations had to submit their forms by 30 June 2022."))[0]
    assert not admissible(day, may, {}) and admissible(day, june, {})  # "may" is a verb

    org = parse_question("which civil society organisation did the research for Kenya?")
    assert org.types == ("organisation",)
    none = units(chunk("For example, the Kenya researcher may cite its finance law."))[0]
    named = units(chunk("In Kenya the research was done by the Institute of Public Finance."))[0]
    assert not admissible(org, none, {}) and admissible(org, named, {})
    assert parse_question("which korean ministry got recognised?").types == ()


def test_a_year_inside_a_texts_number_dates_nothing() -> None:
    asked = parse_question("by which year must all public services be reengineered?")
    numbered = units(chunk("Government Decision 330/2012 regarding the single portal of public "
                           "services."))[0]
    dated = units(chunk("All public services must be reengineered by 2030."))[0]
    assert not admissible(asked, numbered, {}) and admissible(asked, dated, {})


def test_a_count_of_things_is_no_label_nor_twice() -> None:
    asked = parse_question("how many mobile services did Korea have running?")
    labelled = units(chunk("Category 4 mobile services: Korea ranked 2nd place for twice in "
                           "a row."))[0]
    counted = units(chunk("Korea had 300 mobile services running."))[0]
    assert not admissible(asked, labelled, {}) and admissible(asked, counted, {})
    levels = parse_question("how many levels does the maturity model have?")
    assert admissible(levels, units(chunk("Level 5 of the maturity model is the last."))[0], {})


def test_a_value_asked_alone_on_its_line_answers() -> None:
    # "EIGE.SEC@eige.europa.eu" under "Contact" is printed like a heading, yet it is the
    # address asked; a phone number is a value of its type, not a figure of a measure.
    asked = parse_question("Which email address and phone number does the metadata give?")
    assert set(asked.types) == {"email", "phone"}
    address = units(chunk("EIGE.SEC@eige.europa.eu"))[0]
    phone = units(chunk("+370 5 215 7444"))[0]
    assert admissible(asked, address, {}) and admissible(asked, phone, {})
    assert not admissible(asked, units(chunk("Reference metadata"))[0], {})


def test_a_noun_asked_narrowed_by_another_word_is_not_a_column_of_the_noun_alone() -> None:
    # "the capital city": a column "City" of the most populous cities holds another city;
    # "the total population" is the column "Population" (a figure's qualifier narrows
    # nothing), "official languages" the column "Ofﬁcial Languages" as the PDF prints it.
    cities = next(u for u in units(chunk(
        "Table 2 The members' most populous cities.\nCountry | City | Score\n"
        "Indonesia | Jakarta | 0.39", kind="table")) if u.kind == "row")
    assert not admissible(parse_question("what is the capital city of indonesia"), cities, {})
    assert admissible(parse_question("which city of indonesia does the table list?"),
                      cities, {})
    states = next(u for u in units(chunk(
        "States | Ofﬁcial Languages | Population (millions)\nKenya | English, Swahili | 44.9",
        kind="table", document="Index of States")) if u.kind == "row")
    for typed in ("what is the total population of kenya in the index of states?",
                  "what official languages does the index of states list for kenya?"):
        assert admissible(parse_question(typed), states, {}), typed


def test_an_edition_asked_by_its_year_is_not_a_sentence_on_another_year() -> None:
    # "the 2022 edition": a 2022 report's sentence on 2020 says nothing of it.
    asked = parse_question("what did malaysia's egdi sore in the 2022 edition look like?")
    on_2020 = units(chunk("Malaysia moved up to the Very High EGDI group in 2020.",
                          document="Workshop Report 2022", year=2022))[0]
    on_2022 = units(chunk("Malaysia stayed in the Very High EGDI group in 2022.",
                          document="Workshop Report 2022", year=2022))[0]
    assert not admissible(asked, on_2020, {}) and admissible(asked, on_2022, {})


def test_an_index_asked_of_an_edition_is_of_the_edition_its_frame_names() -> None:
    """"egdi of iran in the 2022 un egov survey?" asks no figure in words, yet the 2020
    table's row, or a sentence under a heading on the 2020 survey, is no 2022 value; a
    row's own cells date a field ("Year 2018" of a poll in the 2023 index), not the
    edition."""
    report = {"document": "Workshop report, March 2022", "year": 2022}
    table = chunk("Table 1 Members in the E-Government Survey 2020.\nCountry | EGDI Group | "
                  "Score\nIran | High | 0.6593", kind="table", **report)
    row = next(u for u in units(table) if u.kind == "row")
    trend = units(chunk("Four countries are in the High EGDI group, Iran among them.",
                        section="Insights from the 2020 UN E-Government Survey", **report))[0]
    asked = parse_question("egdi of iran in the 2022 un egov survey?")
    assert not admissible(asked, row, {}) and not admissible(asked, trend, {})
    assert admissible(parse_question("egdi of iran in the 2020 un egov survey?"), row, {})
    poll = chunk("Country | Methodology | Sample | Year\nKenya | Face-to-face | 1099 | 2018",
                 kind="table", document="WJP Rule of Law Index 2023 methodology", year=2023)
    kenya = next(u for u in units(poll) if u.kind == "row")
    assert admissible(parse_question("For the WJP Rule of Law Index 2023, how was Kenya's "
                                     "poll done - method, sample size and year?"), kenya, {})


def test_a_relation_asked_of_a_body_is_answered_only_where_it_is_said_of_that_body() -> None:
    # "who founded NSTC": the line naming NSTC's award says nothing of its founder; a line
    # saying who founded another body does not answer either.
    award = chunk("Ranked 2nd place from Asia and the Pacific. National Science & Technology "
                  "Commission (NSTC) won for its information service.")
    founded = chunk("The NSTC was founded in 1999 by the Ministry of Science.")
    other = chunk("The Youth Committee was founded in 2005 by the Ministry of Gender Equality.")
    q = parse_question("who founded nstc")
    assert q.relations == ("founder",)
    assert not any(admissible(q, u, {}) for u in units(award))
    assert admissible(q, units(founded)[0], {})
    assert not admissible(q, units(other)[0], {})


def test_a_reference_answers_who_a_definition_is_attributed_to() -> None:
    cited = chunk("Danish Board of Technology. Definition of open standards. Retrieved, 14th "
                  "January 2007, from http://www.oio.dk/files/definition.pdf", kind="slide",
                  section="OSS Aspects")
    board = units(cited)[0]
    assert board.kind == "reference"
    for question in ("the slide defining open standards - who is the definition attributed to?",
                     "which body is the definition of open standards credited to?"):
        assert admissible(parse_question(question), board, {}), question
    # Asked for what the standards are, a reference says nothing.
    assert not admissible(parse_question("what are open standards?"), board, {})


def test_a_footnote_stating_a_share_with_its_source_answers_that_share() -> None:
    noted = chunk("2 According to a study by the EU Commission, more than 70% of EU countries "
                  "presented initiatives http://ec.europa.eu/futurium/study-2012")
    bare = chunk("3 EU Commission, Study on eGovernment 2012 http://ec.europa.eu/study-2012")
    note, source = units(noted)[0], units(bare)[0]
    assert note.kind == source.kind == "reference"
    q = parse_question("what share of EU countries had once-only initiatives?")
    assert admissible(q, note, {})
    assert not admissible(q, source, {})  # a source alone states no share
    # Asked for no figure, a footnote still answers only where something comes from.
    assert not admissible(parse_question("which EU countries had initiatives?"), note, {})


def test_places_asked_are_given_by_a_rank_column() -> None:
    # "how many places": a ranking's places are its ranks (data/answers.json
    # "measure_synonyms"), whatever a compare's aspect keeps of the question's words.
    table = chunk("Table 1 D-8 Members in the EGDI\nCountry | EGDI Group | Score | Global Rank\n"
                  "Egypt | High | 0.5527 | 111", kind="table", document="E-Government Survey",
                  countries=("Egypt",))
    egypt = next(u for u in units(table) if u.kind == "row")
    assert admissible(parse_question("egypt on the global egdi ranking, how many places?"),
                      egypt, {})


def test_a_forms_row_of_column_names_is_no_question_printed_though_its_last_cell_asks() -> None:
    sheet = chunk("System ID | Name of the System | Hosting Cloud, on premise | Data base use | "
                  "Which system monitoring tools are in place?", section="Systems-Platforms")
    columns = units(sheet)[0]
    assert admissible(parse_question("what hosting options does the systems sheet list?"),
                      columns, {})
    # A questionnaire's question alone on its line still states nothing.
    asked = chunk("Which system monitoring tools are in place?", section="Systems-Platforms")
    assert not admissible(parse_question("what monitoring tools are in place?"),
                          units(asked)[0], {})


def test_a_city_asked_of_no_country_is_named_by_its_answer() -> None:
    from assistant.scope import names_city_asked

    # "did Lagos improve its local index": a sentence on the index in general says nothing
    # of Lagos; the table row printing the city, or a line on its country, may.
    q = parse_question("Did Lagos improve its local online service index?")
    general = units(chunk("Two editions of the local online service index showed some "
                          "commonalities in local development around the world."))[0]
    assert not admissible(q, general, {})
    row = units(chunk("Table 2 Local online service index\nCountry | City | Score\n"
                      "Nigeria | Lagos | 0.4", kind="table"))
    assert any(admissible(q, u, {}) for u in row if u.kind == "row")
    # Asked beside a capital ("cairo or lagos"), a unit on either city answers.
    both = parse_question("cairo or lagos, which did better on local online services?")
    cairo = units(chunk("Table 2 Local online service index\nCountry | City | Score\n"
                        "Egypt | Cairo | 0.35", kind="table"))
    assert all(names_city_asked(both, u, "") for u in cairo if u.kind == "row")
    assert not names_city_asked(both, general, "")
    # Its country's row about another of its cities does not answer for it ("Pakistan |
    # Karachi" for Lahore); a line on its country still may.
    karachi = units(chunk("Table 2 Local online service index\nCountry | City | Score\n"
                          "Pakistan | Karachi | 0.21", kind="table"))
    lahore = parse_question("what did lahore get on local online services?")
    assert not any(names_city_asked(lahore, u, "") for u in karachi if u.kind == "row")
    assert names_city_asked(lahore, units(chunk("Pakistan plans a portal for its cities."))[0],
                            "")
    # An index of cities asked: a capital is asked as itself (Ankara's LOSI, not Istanbul's).
    istanbul = units(chunk("Table 2 LOSI\nCountry | City | Score\nTurkey | Istanbul | 0.76",
                           kind="table"))
    ankara = parse_question("what LOSI score did ankara get?")
    assert not any(names_city_asked(ankara, u, "") for u in istanbul if u.kind == "row")
    assert names_city_asked(parse_question("how did ankara organise its digital office?"),
                            istanbul[-1], "")


def test_a_value_in_words_is_the_figure_asked_unless_a_count_is_asked() -> None:
    def sentence(text: str) -> Evidence:
        return units(chunk(text))[0]
    soon = sentence("Generally, data are disseminated within one month of the data collection.")
    assert admissible(parse_question("How soon after collection are the data published?"),
                      soon, {})
    share = sentence("Three-fourths of the Country Experts have PhDs.")
    assert admissible(parse_question("what share of the country experts hold a phd?"),
                      share, {})
    # A count asked is no share nor time: "how many experts" is not "three-fourths".
    assert not admissible(parse_question("how many country experts hold a phd?"), share, {})
    assert not admissible(parse_question("how many datasets are published?"), soon, {})
    # An adjective of frequency states no value: "the annual report" gives no budget.
    annual = sentence("The annual report of the agency is published by the ministry.")
    assert not admissible(parse_question("How soon is the annual report published?"), annual, {})


def test_a_heading_that_is_a_sentence_states_what_it_says() -> None:
    said = units(chunk("Three Main Criteria are Same\nThe criteria were kept for 2014.",
                       section="Three Main Criteria are Same"))[0]
    titled = units(chunk("Main Criteria of the Index\nThe criteria were kept for 2014.",
                         section="Main Criteria of the Index"))[0]
    q = parse_question("were the main criteria of the index changing in 2014?")
    assert said.text == "Three Main Criteria are Same" and admissible(q, said, {})
    # A title naming a thing only frames the lines under it.
    assert titled.text == "Main Criteria of the Index" and not admissible(q, titled, {})


def test_a_document_named_by_an_adjective_that_is_a_language_may_be_another_countrys() -> None:
    # "the Romanian methodology": a document titled or written in Romanian, though about
    # Moldova, when no document retrieved names Romania; one that names it is meant first.
    q = parse_question("How does the Romanian reengineering methodology define a person?")
    moldovan = chunk("A person is anyone the service is for.", source="metodologia.pdf")
    other = chunk("A person is a citizen.", source="other.pdf")
    args = (q, hits(other, moldovan), word_hash_embed([q.text])[0],
            UnitVectors(word_hash_embed), lambda t: 1.0, {}, AnswerSettings())
    assert {s.unit.chunk.source for s in select(*args, Around()).scored} == {
        "metodologia.pdf", "other.pdf"}
    romanian = Around(by_country=lambda source, country: source == "other.pdf")
    assert {s.unit.chunk.source for s in select(*args, romanian).scored} == {"other.pdf"}
    # An adjective that names no language keeps to the country's documents.
    q = parse_question("What principles does the Moldovan methodology set out?")
    assert not select(q, hits(other, moldovan), word_hash_embed([q.text])[0],
                      UnitVectors(word_hash_embed), lambda t: 1.0, {}, AnswerSettings(),
                      Around()).scored


def test_a_sentence_pointing_back_is_of_the_year_of_the_sentence_before() -> None:
    q = parse_question("How large was the 2011 pilot of the survey: countries and experts?")
    passage = chunk("We implemented a pilot of the survey in 2011, as a test. It was implemented "
                    "for 12 countries with over 120 experts.", year=None)
    going_on = next(u for u in units(passage) if u.text.startswith("It was"))
    assert admissible(q, going_on, {})
    other = chunk("We designed the survey in 2009. The pilot had 12 countries and 120 experts.",
                  year=None)
    assert not admissible(q, next(u for u in units(other) if u.text.startswith("The pilot")), {})


def test_a_figure_asked_yes_or_no_is_answered_no_in_words() -> None:
    said_no = units(chunk("Administrations assess themselves. There is not a prescribed "
                          "optimal level of maturity."))[1]
    asked = parse_question("the page mentions a maturity model for tax administrations - "
                           "does it prescribe an optimal maturity level?")
    assert asked.kind == "figure" and admissible(asked, said_no, {})
    # A sentence naming the thing asked without saying no gives no figure: no answer.
    said = units(chunk("Administrations assess themselves. An optimal level of maturity "
                       "is described."))[1]
    assert not admissible(asked, said, {})
    # The figure itself asked: words are no answer.
    assert not admissible(parse_question("What optimal maturity level does it prescribe?"),
                          said_no, {})


STATES_GDP = chunk("States | Official Languages | Population (millions) | GDP (billions)\n"
                   "Somalia (in transition) 3 | Somali, Arabic |  | \n"
                   "Sudan | Arabic | 39.4 | 73.8", kind="table", document="Index of States")


def test_a_row_leaving_the_column_asked_blank_gives_no_figure() -> None:
    """A footnote mark by the country's name is no GDP: the question is declined, not
    answered with an empty cell."""
    somalia, sudan = [u for u in units(STATES_GDP) if u.kind == "row"]
    assert not gives_figure(parse_question("what is the GDP figure given for Somalia?"), somalia)
    assert gives_figure(parse_question("what is the GDP figure given for Sudan?"), sudan)


@pytest.mark.parametrize("typed", ["what's the GDP figure given for somalia?",
                                   "what is the budget spent on training?"])
def test_a_figure_word_before_an_irregular_participle_asks_that_figure(typed: str) -> None:
    assert asks_figure(typed)


def test_the_numbers_of_an_inline_list_count_nothing_it_names() -> None:
    """"(1) ...; (4) Lacking communication infrastructure in villages ..." names villages
    but counts none: "how many villages lack it?" is not answered by the list's numbers.
    A count the sentence does print still is."""
    listed = units(chunk("Egypt's challenges were identified as the following: (1) Lacking "
                         "human resources; (2) Wide scope of work; (3) Lacking communication "
                         "infrastructure in villages and remote areas."))[0]
    counted = units(chunk("Some 4,500 villages lack communication infrastructure; (1) roads "
                          "and (2) power come next."))[0]
    asked = parse_question("how many villages lack communication infrastructure?")
    assert not gives_figure(asked, listed)
    assert gives_figure(asked, counted)
    # The numbers do count the things the lead-in names.
    assert gives_figure(parse_question("how many challenges did Egypt identify?"), listed)


@pytest.mark.parametrize("other", ["infant mortality rate", "military spending",
                                   "fertility rate", "coffee exports"])
def test_a_percent_shown_is_no_share_of_a_figure_the_sentence_does_not_name(other: str) -> None:
    """"from what % to what %" is shown by any sentence printing a %, but the measure asked
    must be named too: "share in GDP from 3.5% to 5%" is no share of military spending."""
    stated = units(chunk("Egypt aims to increase the ICT-sector's share in GDP from 3.5% "
                         "to 5%."))[0]
    asked = "by how much does egypt aim to raise the ICT sector's share of {}, from what % to what %?"
    assert gives_figure(parse_question(asked.format("GDP")), stated)
    assert not gives_figure(parse_question(asked.format(other)), stated)


def test_a_term_typed_without_its_accents_is_found_where_they_are_printed() -> None:
    # "etape" asks for the "étape" a French page prints (and the other way round).
    step = units(chunk("L'étape 2 définit les activités du guichet unique."))[0]
    assert coverage(("etap", "activit"), step, lambda t: 1.0, {}) == 1.0
    assert coverage(("étape",), units(chunk("Etape 2 : activites."))[0], lambda t: 1.0, {}) == 1.0
