"""Close passages that answer something other than what is asked (issue 11's negatives
answered on documents nobody tuned for): a form's field left blank, a footnote's number,
a count of only some of the people asked about, a line on the country the question names
when another one is asked."""

from __future__ import annotations

from types import SimpleNamespace

from stage_fixtures import FakeEvidence, chunk

from assistant.admissible import admissible
from assistant.evidence import Evidence, units
from assistant.row_field import field_left_empty
from assistant.types import Chunk
from assistant.understand import parse_question

FORM = chunk(
    "Co-funded by: The European Commission and a federal ministry\n"
    "Project Partners: GIZ, Expertise France (EF) & FIIAPP\n"
    "Partner Countries:\n"
    "Implementing Partners: International Telecommunication Union (ITU), Digital Impact "
    "Alliance (DIAL), Estonian Centre for International Development (EstDev)",
    kind="list", section="Project Overview", document="Roadmap deck")


def _unit(piece: Chunk, start: str) -> Evidence:
    return next(u for u in units(piece) if u.text.startswith(start))


def test_a_line_with_its_own_label_is_the_next_field_not_the_empty_label_s_list() -> None:
    implementing = _unit(FORM, "Implementing Partners")
    assert implementing.kind == "sentence" and implementing.header is None
    # A list run in on one line under its lead-in stays its item.
    listed = chunk("The delivery models included are:\nSeminar, Instructor Led Training, "
                   "e-Learning.")
    assert _unit(listed, "Seminar").kind == "item"


def test_a_form_leaving_the_field_asked_blank_answers_it_with_no_other_field() -> None:
    asked = parse_question("which countries are the partner countries of the project?")
    assert field_left_empty(asked, [FORM]) == frozenset({"partner", "countri"})
    assert not admissible(asked, _unit(FORM, "Project Partners"), {})
    # Another field asked is printed: the form answers it.
    other = parse_question("which organisations are the project partners?")
    assert not field_left_empty(other, [FORM])
    assert admissible(other, _unit(FORM, "Project Partners"), {})


def test_the_best_passage_leaving_the_field_asked_blank_declines() -> None:
    from assistant.answer_one import answer_one

    asked = parse_question("which countries are the partner countries of the project?")
    evidence = FakeEvidence(FORM, chunk("Singapore is a partner of the academy's project.",
                                        section="Singapore"))
    evidence.filters = SimpleNamespace(countries=())  # type: ignore[attr-defined]
    evidence.retriever = SimpleNamespace(acronyms={})  # type: ignore[attr-defined]
    draft = answer_one(asked, evidence.retrieve(asked.text, asked), evidence)  # type: ignore[arg-type]
    assert draft.abstained and draft.extras["declined_by"] == "field-left-empty"


NOTES = chunk(
    "13 Government Decision no. 708/2014 regarding the electronic logging service.\n"
    "14 The service is under development.\n"
    "15 Government Decision no. 330/2012 regarding the single portal of public services.",
    section="Appendix no. 1")


def test_a_footnote_s_number_counts_nothing() -> None:
    asked = parse_question("how many public services have been reengineered so far?")
    for start in ("14 The service", "15 Government"):
        assert not admissible(asked, _unit(NOTES, start), {})
    # A numbered line under an item numbered "8." is the next line, not a count.
    glossary = chunk("8. Connected services Services a beneficiary must have used before.\n"
                     "9 Similar services Services with minor differences from the main one.")
    assert not admissible(asked, _unit(glossary, "9 Similar"), {})
    # A count opening its line is a count: "12 services ..." counts services.
    counted = chunk("12 services were reengineered in 2023 under the guide.")
    assert admissible(asked, units(counted)[0], {})


def test_respondents_are_no_count_of_the_participants_asked() -> None:
    survey = chunk("4 respondents found the Workshop's overall quality 'very satisfactory'.",
                   section="Workshop Evaluation")
    assert not admissible(parse_question("how many participants are expected at the "
                                         "workshop?"), units(survey)[0], {})
    assert admissible(parse_question("how many respondents found the workshop very "
                                     "satisfactory?"), units(survey)[0], {})


def test_asked_another_country_than_the_one_named_a_line_on_it_alone_is_no_answer() -> None:
    korea = chunk("Category 4 – Knowledge management: ranked 2nd place from Asia and the "
                  "Pacific.", section="2012 UN PSA Achievements - Republic of Korea")
    both = chunk("Korea ranked 1st in 2012 and Singapore ranked 2nd.", section="Rankings")
    asked = parse_question("korea came first in 2012 - which country was second?")
    assert not admissible(asked, units(korea)[0], {})
    assert admissible(asked, units(both)[0], {})
    # Asked one beside it ("the runner-up to Korea", "apart from Korea"), the same.
    for beside in ("who was the runner-up to korea in the 2012 ranking?",
                   "apart from korea, which other asian countries were in 2012's top 20?"):
        assert not admissible(parse_question(beside), units(korea)[0], {})
    # Asked about the country named, its own line answers ("what kind of country").
    assert admissible(parse_question("what did korea rank in category 4 in 2012?"),
                      units(korea)[0], {})
    assert admissible(parse_question("korea's 2012 vision - what kind of country is it "
                                     "aiming for?"), units(korea)[0], {})


def test_a_year_is_no_score_unless_a_time_is_asked() -> None:
    asked = parse_question("the report says papua scores well below the national average - "
                           "what is papua's actual score on the country's ict index?")
    worded = chunk("Based on its national ICT Development Index for 2020, the country has "
                   "identified a high gap (e.g., the province of Papua scores well below the "
                   "national average in the index).")
    assert not admissible(asked, units(worded)[0], {})  # 2020 dates the index, scores nothing
    scored = chunk("On the ICT Development Index for 2020, the province of Papua scores 3.3.")
    assert admissible(asked, units(scored)[0], {})


def test_a_sum_of_money_is_no_count_of_things_nor_a_name_s_budget() -> None:
    asked = parse_question("how much does IBP pay the civil society researchers who complete "
                           "the open budget questionnaire?")
    research = chunk("The OBS 2023 is the culmination of a collaborative research process in "
                     "which the International Budget Partnership (IBP) worked with civil "
                     "society researchers in 125 countries over the past 16 months.")
    assert not admissible(asked, units(research)[0], {})
    counted = chunk("The questionnaire also includes 83 questions that help the researchers "
                    "complete the OBS research on key budget documents.")
    assert not admissible(asked, units(counted)[0], {})
    for paid in ("IBP pays each civil society researcher USD 2,000 for the questionnaire.",
                 "IBP pays the researchers a fee of 2,000 per questionnaire completed."):
        assert admissible(asked, units(chunk(paid))[0], {})


def test_a_time_of_what_was_done_is_no_time_of_what_will_be() -> None:
    asked = parse_question("in what year will the wjp finally have nationally representative "
                           "polls in every country it covers?")
    done = chunk("Nationally representative polls have been conducted in 83 countries covered "
                 "in the 2023 WJP Rule of Law Index. Nationally representative polls will be "
                 "conducted in the remaining countries in future editions of the Index.",
                 document="WJP Index Methodology 2023", year=None)
    assert not admissible(asked, units(done)[0], {})
    table = chunk("Country | Coverage | Sample | Year\nJordan | Nationally representative | "
                  "1000 | 2023", kind="table", document="WJP Index Methodology 2023", year=None)
    assert not admissible(asked, next(u for u in units(table) if u.kind == "row"), {})
    ahead = chunk("Nationally representative polls will cover every country by 2026.",
                  document="WJP Index Methodology 2023", year=None)
    assert admissible(asked, units(ahead)[0], {})


def test_the_year_a_change_starts_from_is_not_the_year_asked() -> None:
    from assistant.answer_one import answer_one
    from assistant.dates_asked import years_reached

    asked = parse_question("did afghanistan move up from its 2012 position in the 2014 "
                           "e-gov survey? what rank did it get")
    assert years_reached(asked) == (2014,)
    assert years_reached(parse_question("what rank did afghanistan get in 2012 and 2014?")) == ()
    before = chunk("In the 2012 United Nations e-Government Survey, Afghanistan ranked 184th "
                   "out of 190 according to the e-Government Development Index.",
                   document="E-Governance: emerging issues", year=None)
    # The documents print 2014, though not of Afghanistan.
    evidence = FakeEvidence(before, chunk("The 2014 Survey covered 193 Member States.",
                                          section="Survey", page=2))
    evidence.filters = SimpleNamespace(countries=())  # type: ignore[attr-defined]
    evidence.retriever = SimpleNamespace(acronyms={})  # type: ignore[attr-defined]
    evidence.titles = lambda piece: ""  # type: ignore[attr-defined]
    draft = answer_one(asked, evidence.retrieve(asked.text, asked), evidence)  # type: ignore[arg-type]
    assert draft.abstained and draft.extras["declined_by"] == "year-unreached"
    # The 2014 rank answers.
    after = chunk("In the 2014 United Nations e-Government Survey, Afghanistan ranked 173rd "
                  "out of 193 according to the e-Government Development Index.",
                  document="E-Governance: emerging issues", year=None)
    evidence.chunks.append(after)
    draft = answer_one(asked, evidence.retrieve(asked.text, asked), evidence)  # type: ignore[arg-type]
    assert not draft.abstained
