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
