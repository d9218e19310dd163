"""The type of value a question asks for, and the events it names (assistant/value_types.py)."""

from __future__ import annotations

from assistant.value_types import (
    events_asked,
    measure_kinds,
    names_event,
    of_events,
    relations_asked,
    states_relation,
    states_type,
    types_asked,
    values_stated,
)


def test_a_kind_of_body_asked_asks_for_an_organisation() -> None:
    for question in ("which afghan university hosts the training",
                     "which universities has govstack brought on board"):
        assert types_asked(question) == ("organisation",), question
    assert types_asked("which of the universities is oldest") == ()
    # A polling firm or a ministry may be named by no noun of a body ("Gallup"): not asked.
    assert types_asked("which polling firm ran the survey") == ()


def test_a_body_introduced_by_its_kind_is_an_organisation_named() -> None:
    assert states_type(("organisation",), "involving universities such as TalTech and "
                                          "Mexico university on board")
    assert not states_type(("organisation",), "involving universities on board")


def test_the_event_asked_is_named_in_any_of_its_forms() -> None:
    events = events_asked("By what date did they have to submit their forms?")
    assert events and names_event(events, "Submissions close on 1 May.")
    assert not names_event(events, "The fiscal period ending June 2021.")
    assert events_asked("which university hosts the training") != events
    # A meeting's own date is the date it is held: "held" names no event apart from it.
    assert events_asked("when was the workshop held?") == ()
    # Nor is a pilot's going live: "Registry pilot live | Q3 2024".
    assert events_asked("When does the registry pilot go live?") == ()
    assert of_events(("url", "day", "organisation")) == ("day", "organisation")
    created = events_asked("when was the department created?")
    assert names_event(created, "The Department was founded in 1948.")
    assert not names_event(created, "Mr. Zhu, Director of the Department (7 min)")


def test_a_value_asked_in_other_words_or_whether_there_is_one_is_asked() -> None:
    assert types_asked("is there a linkedin address filled in for john doe?") == ("url",)
    assert types_asked("what is his twitter handle") == ("url",)
    assert types_asked("do they have a website") == ("url",)
    assert types_asked("is there an email for the secretariat") == ("email",)
    assert types_asked("any phone number for them?") == ("phone",)
    # Words of a survey or of a medium ask no value of the type.
    for question in ("what does the website offer", "is there any phone survey",
                     "any mobile phone subscriptions data?"):
        assert types_asked(question) == (), question


def test_a_founder_funding_seat_or_head_asked_of_a_body_is_a_relation_asked() -> None:
    assert relations_asked("who founded nstc") == ("founder",)
    assert relations_asked("who set up nitda") == ("founder",)
    assert relations_asked("how is the nstc funded") == ("funder",)
    assert relations_asked("who co-funds the project?") == ("funder",)
    assert relations_asked("where is the nsdi headquartered") == ("seat",)
    assert relations_asked("where is the committee based?") == ("seat",)
    assert relations_asked("who leads the nsdi project") == ("head",)
    assert relations_asked("who is the head of the ministry") == ("head",)
    assert relations_asked("which university did she graduate from") == ("schooling",)
    # A lower rank, an event's place, a date or a doing asks no relation of a body.
    for question in ("who is the deputy director of the agency", "where is the training held",
                     "when was the commission founded?", "what does the commission do",
                     "which obstacles did türkiye run into", "how is the survey conducted"):
        assert relations_asked(question) == (), question


def test_only_a_unit_saying_the_relation_answers_it() -> None:
    # Naming the body, or a fund's name, or a place beside it, says nothing of the relation.
    assert not states_relation(("founder",), "Ranked 2nd place National Science & "
                                             "Technology Commission (NSTC)")
    assert states_relation(("founder",), "The Commission was established in 1999 by law.")
    assert not states_relation(("funder",), "the International Monetary Fund (IMF) developed "
                                            "questionnaires")
    assert states_relation(("funder",), "The project is co-funded by the EU and Germany.")
    assert not states_relation(("seat",), "Kazakhstan moved up 16 places to be ranked 2nd")
    assert not states_relation(("seat",), "the Estonian X-Road based data exchange")
    assert states_relation(("seat",), "750 First Street, NE Suite 700 Washington, DC 20002")
    assert states_relation(("seat",), "UNPOG, based in Incheon, Republic of Korea")
    # A lower rank heads nothing; a director heads.
    assert not states_relation(("head",), "Ms. A | Assistant Chief Programme Analyst at the "
                                          "Federal Ministry")
    assert not states_relation(("head",), "Mr. B | Deputy Director at the Ministry")
    assert states_relation(("head",), "Prof. C | Director at E-Government Center")
    # Of two relations asked, one is enough.
    assert states_relation(("head", "founder"), "It was set up in 2012 by the ministry.")
    # A poll run is a poll done, not a body headed; leadership stated is a head stated.
    assert relations_asked("Who ran Ghana's household poll?") == ()
    assert states_relation(("head",), "a clear leadership of digital government")


def test_the_body_a_relation_is_asked_of_is_read_where_the_question_names_it() -> None:
    from assistant.value_types import related_body

    assert related_body("who founded the V-Dem Institute?") == "the V-Dem Institute"
    assert related_body("how is the nstc funded") == "the nstc"
    assert related_body("where is the nsdi headquartered") == "the nsdi"
    assert related_body("who is the head of nigeria's ministry of communications and "
                        "digital economy") == "nigeria's ministry of communications"
    # Asked by a noun alone, no body is read: the relation alone is checked.
    assert related_body("any donors listed?") is None
    assert related_body("what does the commission do") is None
    # Up to a comma, a list of things ("the Malaysia, Nigeria, ... presentations"), no body.
    assert related_body("Who chaired the Malaysia, Nigeria and Turkey presentations?") is None


def test_a_share_a_duration_or_a_frequency_in_words_is_a_value_stated() -> None:
    assert values_stated("Three-fourths of the Country Experts have PhDs") == {"share"}
    assert values_stated("at least two-thirds of expenditures") == {"share"}
    assert values_stated("data are disseminated within one month of collection") == {"duration"}
    assert values_stated("a complaint is resolved in no more than two working days") == {
        "duration"}
    assert values_stated("Annually.") == {"frequency"}
    assert values_stated("the forum meets twice a year") == {"frequency"}
    assert "frequency" in values_stated("a survey run every two years")
    # A frequency's adjective before its noun, or "one of", states no value.
    for text in ("the annual report", "monthly data are kept", "one of the countries",
                 "the 2023 edition"):
        assert values_stated(text) == frozenset(), text


def test_a_measure_word_asks_for_a_kind_of_value() -> None:
    assert measure_kinds(("women", "share")) == {"share"}
    assert measure_kinds(("time",)) == {"duration"}
    assert measure_kinds(("budget",)) == frozenset()
