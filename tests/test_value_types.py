"""The type of value a question asks for, and the events it names (assistant/value_types.py)."""

from __future__ import annotations

from assistant.value_types import events_asked, names_event, of_events, states_type, types_asked


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
