"""What a question's words name before its terms: the language of a document version."""

from __future__ import annotations

import pytest

from assistant.question_names import described_countries, premise_countries, version_languages


@pytest.mark.parametrize(("text", "languages"), [
    ("On the French maturity assessment page, what is the fifth level?", {"fr"}),
    ("which channels (the french capacity framework page)", {"fr"}),
    ("what does the Romanian version say?", {"ro"}),
    ("what does the French report say?", set()),  # a report may be about France
    ("how did France do?", set()),
])
def test_a_language_before_a_version_noun_names_the_version_language(text, languages) -> None:
    assert version_languages(text) == languages


def test_a_country_adjective_describes_a_document_only_within_its_phrase() -> None:
    """"the Moldovan reengineering methodology" names a document by its country; "the
    Moldovan government approved the methodology" asks about Moldova's government."""
    countries = ["Moldova"]
    assert described_countries("what does the Moldovan reengineering methodology say?",
                               countries) == ("Moldova",)
    assert described_countries("Which order of the Moldovan government approved the "
                               "methodology?", countries) == ()


@pytest.mark.parametrize(("text", "described"), [
    # A Romanian question read in English: the methodology's origin, not what is asked.
    ("what is the meaning of back office in methodology of reengineering of services public "
     "from Moldova?", ("Moldova",)),
    ("what does the report from Kenya say on budgets?", ("Kenya",)),
    # About the country, or no publication named: the country is asked about.
    ("what does a report on Kenya say?", ()),
    ("what did the delegation from Kenya ask?", ()),
    ("what did the presentation from Kenya say?", ()),
    ("what does the survey say about Kenya, and the report from Kenya?", ()),
])
def test_a_country_a_publication_comes_from_describes_it(text, described) -> None:
    assert described_countries(text, ["Moldova", "Kenya"]) == described


@pytest.mark.parametrize(("text", "premise"), [
    ("turkey gave numbers for its services and users - how many users does malaysia's "
     "e-gov portal have then?", ("Turkey",)),
    # The question sets them against each other, or names no country of its own.
    ("Bangladesh scored 0.52 - is Pakistan doing better?", ()),
    ("compare egypt and nigeria; which did better?", ()),
    ("egypt listed its challenges - how did it address them?", ()),
])
def test_a_country_named_only_in_a_statement_before_the_question_is_its_premise(
        text, premise) -> None:
    from assistant.countries import find_countries

    assert premise_countries(text, find_countries(text.title())) == premise
