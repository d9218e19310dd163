"""Questions of their own asked in one ("what is LOSI, and also give Kenya's EGDI"): how
they are read apart (assistant/parts.py) and answered one after the other
(assistant/answer.py), on tiny fixtures: no model, no index."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from stage_fixtures import KENYA_CHALLENGES, NORWAY_CHALLENGES, FakeEvidence, chunk

from assistant.draft import CitationList, Draft
from assistant.parts import carried_forward, question_parts, questions_apart
from assistant.types import Citation
from assistant.understand import parse_question


def _apart(text: str) -> list[str]:
    return [q.text for q in questions_apart(parse_question(text))]


@pytest.mark.parametrize("text, asked", [
    pytest.param("What is Kenya's EGDI score and also which D-8 country ranks first?",
                 ["What is Kenya's EGDI score", "which D-8 country ranks first?"],
                 id="and-also"),
    pytest.param("What is the LOSI, and also give Norway's EGDI value",
                 ["What is the LOSI", "give Norway's EGDI value"], id="a-request"),
    pytest.param("What challenges does Kenya face; what skills does Norway lack?",
                 ["What challenges does Kenya face", "what skills does Norway lack?"],
                 id="semicolon"),
    pytest.param("What is the LOSI and also Karachi's local online service score?",
                 ["What is the LOSI", "Karachi's local online service score?"],
                 id="its-own-question-mark"),
    pytest.param("What is the LOSI and also which city represented Pakistan, and how did it "
                 "score?", ["What is the LOSI", "which city represented Pakistan, and how did "
                            "it score?"], id="a-pronoun-after-its-subject"),
    pytest.param("asian countries among the top 20 in 2012 - how many? also central asian "
                 "improvement in percent", ["asian countries among the top 20 in 2012 - how "
                                            "many", "central asian improvement in percent"],
                 id="also-after-a-question-mark-to-the-end"),
    pytest.param("What is Kenya's EGDI and what support did Norway request?",
                 ["What is Kenya's EGDI", "what support did Norway request?"],
                 id="another-country"),
    pytest.param("Where did Kenya rank on the EGDI and what is the LOSI of Nairobi?",
                 ["Where did Kenya rank on the EGDI", "what is the LOSI of Nairobi?"],
                 id="another-index"),
    pytest.param("What challenges does Kenya face and also the Chilean delegation - which "
                 "department were most of them from?",
                 ["What challenges does Kenya face", "the Chilean delegation - which department "
                                                     "were most of them from?"],
                 id="a-quantifier-standing-for-its-own-words"),
])
def test_questions_joined_by_a_strong_joint_or_about_another_subject_are_asked_apart(text: str, asked: list[str]) -> None:
    assert _apart(text) == asked


@pytest.mark.parametrize("text", [
    pytest.param("What are Kenya's challenges and also what did they ask for?", id="points-back"),
    pytest.param("What are the challenges and also the opportunities of Egypt?",
                 id="an-aspect-alone"),
    pytest.param("How many indicators and also how many subcomponents does V-Dem have?",
                 id="one-word"),
    pytest.param("Where was Afghanistan ranked in 2012 and what is UNPOG planning for them?",
                 id="a-weak-joint"),
    pytest.param("What challenges and also opportunities does Kenya report?", id="no-question"),
    pytest.param("What is Kenya's EGDI and what is the rank of Kenya?", id="the-same-country"),
])
def test_one_question_in_parts_is_not_asked_apart(text: str) -> None:
    assert _apart(text) == [parse_question(text).text]


def test_a_question_asked_apart_keeps_its_own_parts() -> None:
    first, second = questions_apart(parse_question(
        "What is the LOSI, and also which plan started Digital Kenya, and which vision "
        "followed it?"))
    assert [p.text for p in question_parts(second)] == [
        "which plan started Digital Kenya", "which vision followed it?"]
    assert len(question_parts(first)) == 1


def test_a_country_and_an_index_carry_forward_only_where_they_can_hold() -> None:
    egdi, across, aspect, plain = carried_forward(questions_apart(parse_question(
        "What is Kenya's EGDI score and also which country ranks first; what opportunities "
        "were presented; and also what rank did it reach in 2020")))
    assert egdi.countries == ("Kenya",) and egdi.indices == ("EGDI",)
    # "which country" asks across countries: none is carried into it.
    assert across.countries == () and across.indices == ("EGDI",)
    # Opportunities are no index's.
    assert aspect.countries == ("Kenya",) and aspect.indices == ()
    assert plain.countries == ("Kenya",) and plain.indices == ("EGDI",)


def _evidence(*chunks: object, min_support: float = 0.15) -> FakeEvidence:
    evidence = FakeEvidence(*chunks, min_support=min_support)  # type: ignore[arg-type]
    evidence.filters = SimpleNamespace(countries=())  # type: ignore[attr-defined]
    evidence.retriever = SimpleNamespace(acronyms={})  # type: ignore[attr-defined]
    return evidence


MODELS = chunk("The Almuftah article compares 17 maturity models of e-government.",
               section="Maturity models", source="models.md")


def test_questions_asked_apart_are_answered_in_turn_with_one_numbering() -> None:
    from assistant.answer import _apart as answered_apart

    asked = questions_apart(parse_question(
        "What challenges does Kenya face and also how many maturity models does the "
        "Almuftah article compare?"))
    draft, _ = answered_apart(asked, _evidence(KENYA_CHALLENGES, MODELS), None, True, None)
    # Each answered on its own evidence, in the order asked, cited [1] then [2].
    assert not draft.abstained
    assert [c.text for c in draft.cites.items] == [KENYA_CHALLENGES.text, MODELS.text]
    first, second = draft.text.split("\n\n")
    assert "rural connectivity" in first and first.endswith("[1]")
    assert "17 maturity models" in second and second.endswith("[2]")


def test_a_question_pointing_back_is_not_answered_from_a_document_the_answer_does_not_quote(
) -> None:
    from assistant.answer import _apart as answered_apart

    asked = questions_apart(parse_question(
        "What challenges does Kenya face; how many maturity models does it compare?"))
    assert len(asked) == 2
    # "it" is what the first answer quoted: the other document's models are someone else's.
    draft, _ = answered_apart(asked, _evidence(KENYA_CHALLENGES, MODELS), None, True, None)
    assert "rural connectivity" in draft.text and "17" not in draft.text
    assert [c.text for c in draft.cites.items] == [KENYA_CHALLENGES.text]


@pytest.mark.parametrize("second", [
    pytest.param("how many models does the Almuftah article compare? it keeps coming up",
                 id="a-sentence-before"),
    pytest.param("the Almuftah article - how many models does it compare?", id="a-dash-before"),
    pytest.param("the Almuftah article on maturity models: how many are there?",
                 id="there-after-a-colon"),
])
def test_a_question_whose_pointer_stands_for_its_own_words_is_answered_from_any_document(
        second: str) -> None:
    from assistant.answer import _apart as answered_apart
    from assistant.parts import points_within

    asked = questions_apart(parse_question(f"What challenges does Kenya face; {second}"))
    assert len(asked) == 2 and points_within(asked[1]) and not points_within(asked[0])
    # "it" is the article it names itself, not what the first answer quoted.
    draft, _ = answered_apart(asked, _evidence(KENYA_CHALLENGES, MODELS), None, True, None)
    assert [c.text for c in draft.cites.items] == [KENYA_CHALLENGES.text, MODELS.text]


def test_a_pointer_after_the_countries_it_stands_for_points_within() -> None:
    from assistant.parts import points_within

    assert points_within(parse_question("put Kenya and Chile side by side on the support "
                                        "they asked for"))
    assert not points_within(parse_question("how many maturity models does it compare?"))


def test_a_question_the_documents_do_not_answer_is_said_so_beside_the_other() -> None:
    from assistant.answer import _apart as answered_apart

    asked = questions_apart(parse_question(
        "What challenges does Kenya face and also what does the treaty of Lisbon regulate?"))
    # (A floor the word-hash vectors of unrelated words stay under.)
    draft, _ = answered_apart(asked, _evidence(KENYA_CHALLENGES, min_support=0.3), None, True,
                              None)
    assert not draft.abstained and "rural connectivity" in draft.text
    assert draft.text.endswith(
        "The documents do not answer the second question (“what does the treaty of Lisbon "
        "regulate”).")
    assert [c.text for c in draft.cites.items] == [KENYA_CHALLENGES.text]


def test_questions_asked_apart_none_answered_are_declined() -> None:
    from assistant.answer import _apart as answered_apart

    asked = questions_apart(parse_question(
        "What does the treaty of Lisbon regulate and also who founded the Hanseatic League?"))
    draft, _ = answered_apart(asked, _evidence(KENYA_CHALLENGES, min_support=0.3), None, True,
                              None)
    assert draft.abstained and draft.text.startswith("The documents do not cover")


def test_a_country_carried_forward_gives_way_when_the_documents_answer_without_it() -> None:
    from assistant.answer import _apart as answered_apart

    asked = questions_apart(parse_question(
        "What challenges does Kenya face and also who lacks digital skills among older "
        "residents?"))
    draft, _ = answered_apart(asked, _evidence(KENYA_CHALLENGES, NORWAY_CHALLENGES), None,
                              True, None)
    # Asked of Kenya, the second finds nothing; asked as typed, Norway's passage answers it.
    assert [c.text for c in draft.cites.items] == [KENYA_CHALLENGES.text,
                                                   NORWAY_CHALLENGES.text]


def _citation(n: int, text: str) -> Citation:
    return Citation(n, "Doc", "doc.md", 1, "Section", text, f"id-{text}")


def test_a_draft_numbered_on_its_own_is_renumbered_into_the_answer() -> None:
    from assistant.answer import _renumbered

    cites = CitationList([_citation(1, "shared"), _citation(2, "first only")])
    brief = Draft("Score 0.5 [1]. Rank 9 [2].", CitationList([_citation(1, "new"),
                                                              _citation(2, "shared")]))
    # A passage cited already keeps its number; a new one takes the next.
    assert _renumbered(brief, cites) == "Score 0.5 [3]. Rank 9 [1]."
    assert [c.n for c in cites.items] == [1, 2, 3] and cites.items[2].text == "new"


def test_a_part_pointing_back_at_a_country_is_answered_from_its_passage() -> None:
    from assistant.answer_parts import in_parts as _in_parts

    support = chunk("Kenya has requested support in training its civil servants.",
                    section="FINDINGS > Kenya", page=2)
    question = parse_question("What challenges does Kenya face, and what help did it ask for?")
    draft, _ = _in_parts(question, question_parts(question),
                         _evidence(KENYA_CHALLENGES, support), None)  # type: ignore[arg-type]
    # "it" is Kenya: each part is answered by a passage about Kenya, though it names none
    # of what the other part asks.
    assert {c.text for c in draft.cites.items} == {KENYA_CHALLENGES.text, support.text}


def test_a_part_naming_nothing_but_its_pointer_is_a_part() -> None:
    # "what do they deal with?" asks of what the part before named; "and how?" asks nothing.
    text = "how many presidential decrees came out in kenya, and what do they deal with?"
    assert [p.text for p in question_parts(parse_question(text))] == [
        "how many presidential decrees came out in kenya", "what do they deal with?"]
    assert len(question_parts(parse_question("what did kenya change, and how?"))) == 1


def test_a_part_naming_nothing_answers_what_the_whole_figure_question_cannot() -> None:
    from assistant.answer_parts import in_parts as _in_parts

    decrees = chunk("Kenya's President issued five orders on digital transformation, focused on "
                    "data centres and connectivity.",
                    section="FINDINGS > Kenya", page=2)
    question = parse_question("how many presidential directives on digital transformation came "
                              "out in kenya, and what do they deal with?")
    evidence = _evidence(KENYA_CHALLENGES, decrees)
    # Counted as asked, no passage counts directives; what they deal with, one does say.
    draft, _ = _in_parts(question, question_parts(question), evidence, None)  # type: ignore[arg-type]
    assert not draft.abstained and {c.text for c in draft.cites.items} == {decrees.text}


def test_a_part_naming_its_owner_is_read_with_the_country_the_part_before_named() -> None:
    # "its EGDI" is Kenya's: read so, the part asks a figure, not what the EGDI is.
    first, second = question_parts(parse_question(
        "what challenges did Kenya present, and what is its EGDI?"))
    assert second.text == "what is Kenya's EGDI?"
    assert second.kind == "figure" and second.countries == ("Kenya",)
    # After a part naming an index, "its" may be the index's: left as typed.
    _, own = question_parts(parse_question(
        "what is Kenya's EGDI, and what is its highest value?"))
    assert own.text == "what is its highest value?"


def test_a_figure_part_is_said_already_only_by_a_quote_printing_a_value() -> None:
    from assistant.parts import said_already

    part = parse_question("what is Kenya's EGDI?")
    assert part.kind == "figure"
    grouped = ['Two countries are in the "High EGDI" group: Kenya and Norway – see Figure 1.']
    assert not said_already(part, set(part.topic), grouped)
    assert said_already(part, set(part.topic), ["Kenya's EGDI is 0.61 (rank 12)."])


@pytest.mark.parametrize("text, parts", [
    pytest.param("what challenges did Kenya present, and give its EGDI rank",
                 ["what challenges did Kenya present", "give Kenya's EGDI rank"], id="request"),
    pytest.param("what challenges did Kenya present, and its EGDI?",
                 ["what challenges did Kenya present", "Kenya's EGDI?"], id="own-mark"),
    pytest.param("Kenya's rank in 2020, and its digital academy: who is it meant to train?",
                 # A part typed in lower case takes the name so, as a follow-up does.
                 ["Kenya's rank in 2020", "kenya's digital academy: who is it meant to train?"],
                 id="asked-further-on"),
    # Without the comma "and its" joins two things of one question.
    pytest.param("what are Kenya's challenges and its opportunities?",
                 ["what are Kenya's challenges and its opportunities?"], id="no-comma"),
])
def test_after_a_comma_and_a_request_or_an_owner_opens_a_part(text: str, parts: list[str]) -> None:
    assert [p.text for p in question_parts(parse_question(text))] == parts


def test_a_part_answered_outside_the_document_named_strays() -> None:
    from assistant.answer_parts import _strays

    def cited(source: str) -> Citation:
        return Citation(1, source.split("/")[-1], source, None, None, "text")

    question = parse_question("in the RFI's systems sheet, what hosting options are there and "
                              "what else do we fill in?")
    evidence = SimpleNamespace(named_documents=lambda text: ["office/rfi.xlsx"])
    rfi, survey = cited("office/rfi.xlsx"), cited("pdf/survey.pdf")
    assert _strays(question, [rfi], [survey], evidence)  # type: ignore[arg-type]
    assert not _strays(question, [rfi], [rfi], evidence)  # type: ignore[arg-type]
    # Nothing named, or an answer not from the named document: no document to keep to.
    unnamed = SimpleNamespace(named_documents=lambda text: [])
    assert not _strays(question, [rfi], [survey], unnamed)  # type: ignore[arg-type]
    assert not _strays(question, [survey], [survey], evidence)  # type: ignore[arg-type]


@pytest.mark.parametrize(("split", "typed"), [
    (question_parts, "did korea stay on top in 2014? what position did seoul get in that "
                     "year's UN e-gov survey ranking"),
    (questions_apart, "what was korea's EGDI rank in 2014; also what did malaysia get that year?"),
])
def test_a_part_pointing_at_the_year_before_asks_that_year(split, typed: str) -> None:
    """'that year' in a second question is the first one's year: asked alone, the part
    would take a figure of any year ('This year Korea receives ... 1st place')."""
    parts = split(parse_question(typed))
    assert len(parts) == 2 and all(p.years == (2014,) for p in parts)


def test_a_third_part_pointing_at_that_year_reads_the_first_parts_year() -> None:
    """A third part's "that year" after a second part that itself only said "that year"
    still asks the first part's year: each part is read against the part before as dated."""
    typed = ("what was korea's EGDI rank in 2014; also what did malaysia get that year; "
             "and what did japan get that year?")
    parts = questions_apart(parse_question(typed))
    assert len(parts) == 3 and all(p.years == (2014,) for p in parts)


def test_also_after_a_question_mark_asks_another_question() -> None:
    # "...? also what ..." is the asker adding a question, as "and also" is: its parts are
    # answered in turn ("its" is Kenya's, as the part before named it).
    assert [p.text for p in question_parts(parse_question(
        "Kenya plans to create what to train its civil servants? also what are its two "
        "national strategies called"))] == [
        "Kenya plans to create what to train its civil servants",
        "what are kenya's two national strategies called"]
    assert _apart("What is the LOSI? also give Norway's EGDI value") == [
        "What is the LOSI", "give Norway's EGDI value"]


def test_a_part_quoting_only_what_an_earlier_quote_prints_adds_nothing() -> None:
    from assistant.answer_parts import _within

    both = Citation(1, "Report", "r.pdf", 6, None, "Kenya's ICT Policy came out in 2009 and "
                    "2015. Its digital transformation rests on four pillars.", "c1")
    first = Citation(2, "Report", "r.pdf", 6, None, "Kenya's ICT Policy came out in 2009 and "
                     "2015.", "c1")
    # The first of the two sentences quoted together: quoted again, it would repeat itself.
    assert _within([first], [both])
    # Not the same words of another passage, nor a quote saying more.
    assert not _within([Citation(2, "Report", "r.pdf", 7, None, first.text, "c2")], [both])
    assert not _within([both], [first])


def test_a_part_on_a_country_is_about_it_when_its_passage_is_though_its_sentence_names_none(
) -> None:
    from assistant.answer_parts import _about_subject
    from assistant.evidence import units

    question = parse_question("who attended from kenya, and what marked the first two "
                              "generations of its e-government?")
    _, second = question_parts(question)
    assert second.countries == ("Kenya",)
    generations = ("Here, the first and second generations are characterized by electronic "
                   "forms in government.")
    page = chunk(generations, section="COUNTRY PRESENTATIONS > Kenya", countries=("Kenya",))
    elsewhere = chunk(generations, section="Generations")
    aside = chunk("Together - advanced service based on mutual prosperity.",
                  section="COUNTRY PRESENTATIONS > Kenya", countries=("Kenya",))
    # The attendance words are not on Kenya's page; its country is what the part asks about,
    # and the sentence says most of what the part asks. Another sentence on the page is not.
    assert _about_subject(question, second, units(page)[0], {})
    assert not _about_subject(question, second, units(elsewhere)[0], {})
    assert not _about_subject(question, second, units(aside)[0], {})


def test_a_mode_read_off_with_the_framing_stays_with_the_part_naming_only_a_country() -> None:
    question = parse_question("could you put together something on Kenya for my minister and "
                              "also what is the LOSI?")
    assert question.mode == "brief"
    assert [(q.countries, q.mode) for q in questions_apart(question)] == [
        (("Kenya",), "brief"), ((), None)]


def test_a_country_is_not_carried_into_a_question_naming_its_own_subject() -> None:
    _, named = carried_forward(questions_apart(parse_question(
        "What is Kenya's EGDI score and also what groups make up the GovStack Tech Community?")))
    # The community is GovStack's, not Kenya's.
    assert named.names and named.countries == ()


def test_a_part_asks_the_words_no_other_part_asks() -> None:
    from assistant.answer_parts import asked_here

    models, areas = parts = question_parts(parse_question(
        "Kenya's Master Training Plan: which delivery models does it include, and what core "
        "areas did its Master Training Plan target?"))
    # The plan's name, which both parts name, answers neither on its own.
    assert asked_here(models, parts) == {"deliveri", "model", "includ"}
    assert asked_here(areas, parts) == {"core", "area", "target"}
