"""A question in a language no document is in is read in English (assistant/translation.py)."""

from __future__ import annotations

from stage_fixtures import chunk

from assistant.lexical import lexical_hits
from assistant.translation import also_in_english, english_reading
from assistant.understand import parse_question

ROMANIAN = "Care sunt nivelurile de expertiză ale personalului implicat în furnizarea serviciului?"


def test_a_romanian_question_on_english_documents_is_read_in_english() -> None:
    reading = english_reading(ROMANIAN, {"en"})
    assert reading is not None
    # Inflected forms are read by their stem (personalului, serviciului), a plural listed
    # as such by the English plural (nivelurile: "levels", which asks for the levels, no
    # figure "level").
    for word in ("which", "levels", "expertise", "staff", "service"):
        assert word in reading.rstrip("?").split()


def test_english_chatter_after_a_romanian_question_does_not_make_it_english() -> None:
    typed = "Ce înseamnă timpul instituțional în metodologia de reinginerie?"
    for chatter in (" - need it for a slide", " asking for the minister's office"):
        assert english_reading(typed + chatter, {"en"}) == (
            "what is the meaning of time institutional in methodology of reengineering?"), chatter


def test_the_english_reading_finds_the_english_passage_the_question_cannot() -> None:
    levels = chunk("Box 4 describes the levels of expertise of the staff involved in service "
                   "delivery: generalist, expert, senior expert.", page=16)
    other = chunk("The cost-benefit analysis uses a discount rate of 5 percent.", page=31)
    assert lexical_hits([levels, other], ROMANIAN, 1) == []
    reading = english_reading(ROMANIAN, {"en"})
    assert reading is not None
    assert lexical_hits([levels, other], reading, 1) == [levels]


def test_a_question_in_a_language_the_documents_are_in_is_left_alone() -> None:
    assert english_reading(ROMANIAN, {"en", "ro"}) is None
    assert english_reading("Quel est l'objectif du comité d'examen technique ?", {"en", "fr"}) is None


def test_only_an_index_holding_english_reads_a_question_in_english() -> None:
    assert english_reading(ROMANIAN, {"fr"}) is None


def test_english_questions_are_never_read_as_another_language() -> None:
    # Words Romanian shares with English ("model", "maturity", "public", "digital") do not
    # make a question Romanian.
    for question in ("e-government maturity models", "What is the public digital model?",
                     "Which personal data are in the national plan?", "Kenya"):
        assert english_reading(question, {"en"}) is None


def test_a_phrase_is_read_before_its_words_and_names_stay_as_typed() -> None:
    reading = english_reading(
        "Ce rate de actualizare se folosesc în analiza cost-beneficiu din MPass?", {"en"})
    assert reading is not None
    assert "discount rates" in reading
    assert "MPass" in reading


def test_a_french_elided_article_is_read_as_a_word() -> None:
    reading = english_reading("Quel est l'objectif du comité d'examen technique ?", {"en"})
    assert reading == "which is the objective of the committee of review technical ?"


def test_a_meaning_asked_in_romanian_is_read_as_a_meaning_asked() -> None:
    # "what is X" with a country named reads as a general question about the country; "the
    # meaning of X" asks for the term's definition whatever else is named.
    typed = ("Ce înseamnă „back office” în metodologia din Moldova și ce departamente "
             "intră aici?")
    reading = english_reading(typed, {"en"})
    assert reading is not None
    question = parse_question(reading)
    assert (question.kind, question.defined) == ("definition", "back office")


def test_words_of_a_formula_or_a_legal_basis_asked_in_romanian_are_read() -> None:
    reading = english_reading("Cum se calculează povara administrativă în metodologie? "
                              "Dați-mi formula.", {"en"})
    assert reading is not None
    assert "burden administrative" in reading
    reading = english_reading("Din ce acte normative provin criteriile de "
                              "proporționalitate folosite în ghid?", {"en"})
    assert reading is not None
    for words in ("legal acts", "come", "proportionality", "guide"):
        assert words in reading


def test_a_french_question_of_french_and_english_documents_is_also_read_in_english() -> None:
    # Left alone for its French documents (above), it is read in English too for their
    # English passages; an index of one language has no second reading.
    typed = "Quelle est la date limite d'inscription aux formations ?"
    assert also_in_english(typed, {"en", "fr"}) == (
        "which is the deadline of registration to the training ?")
    assert also_in_english(typed, {"fr"}) is None
    assert also_in_english(typed, {"en"}) is None  # read in English already (english_reading)
    assert also_in_english("What is the deadline for registration?", {"en", "fr"}) is None


def test_a_word_the_lists_lack_is_read_in_english_without_its_accents() -> None:
    # English passages print no accents: "systèmes" read "systemes" is stemmed as "system".
    reading = english_reading("Quels sont les critères des systèmes électoraux ?", {"en"})
    assert reading is not None
    assert "electoraux" in reading and "électoraux" not in reading


def test_a_question_asked_in_two_languages_is_read_sentence_by_sentence() -> None:
    # As a whole it is neither English nor French: each sentence is read on its own, the
    # English one as typed, so that each part is answered.
    assert english_reading("What is LOSI? et quelle est la date de publication du rapport ?",
                           {"en"}) == ("What is LOSI? and which is the date of publication "
                                       "of the report ?")
    assert english_reading("Quel est le score EGDI de l'Indonésie ? and what challenges did "
                           "Egypt present?", {"en"}) == (
        "which is the score EGDI of the Indonesie ? and what challenges did Egypt present?")
    assert english_reading("What is LOSI? Which countries rank low?", {"en"}) is None


def test_a_romanian_verb_is_read_as_itself_not_as_a_shorter_word_it_begins_with() -> None:
    # "primește" (receives) begins as "prim" (first) does; "punctaj" is a score, not a slip.
    reading = english_reading("Ce punctaj primește serviciul care evidențiază cazuri de "
                              "corupție? Poate fi folosit ca criteriu secundar?", {"en"})
    assert reading is not None
    for words in ("score receives", "highlights", "corruption", "as criteria secondary"):
        assert words in reading
    assert "first" not in reading


def test_a_french_verb_and_its_pronoun_are_read_as_two_words() -> None:
    # "sont-elles", "a-t-elle": no "are-they" compound, a term no passage prints.
    reading = english_reading("Quand les données sont-elles publiées ?", {"en"})
    assert reading is not None and reading.lower() == "when the data are they publiees ?"
