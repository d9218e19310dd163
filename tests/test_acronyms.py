"""Query expansion with the acronyms a corpus spells out (assistant/acronyms.py)."""

from assistant.acronyms import AcronymExpansion
from assistant.understand import parse_question

EXPANSION = AcronymExpansion(
    {"EGDI": "E-Government Development Index", "ISG": "Intersectoral Governance",
     "DPGA": "Digital Public Goods Alliance", "UNDESA": "UN Department of Economic and Social Affairs"},
    {"dpga": "DPGA"},
)


def test_an_acronym_asked_also_searches_for_its_expansion_and_the_reverse() -> None:
    assert EXPANSION.expand("What is Egypt's EGDI?") == (
        "What is Egypt's EGDI? (E-Government Development Index)")
    assert EXPANSION.expand("what is intersectoral governance") == (
        "what is intersectoral governance (ISG)")


def test_an_acronym_typed_in_lower_case_or_in_parts_is_expanded_as_in_capitals() -> None:
    assert EXPANSION.expand("how many dpga rounds") == (
        "how many dpga rounds (Digital Public Goods Alliance)")
    assert "UN Department of Economic and Social Affairs" in EXPANSION.expand("who is UN DESA")


def test_an_abbreviation_is_matched_as_written_not_as_a_pattern() -> None:
    # An index built before labels were told from abbreviations may hold "A*": as a pattern
    # it matched every question.
    labels = AcronymExpansion({"A*": "As with Type"}, {})
    assert labels.expand("Who runs the survey?") == "Who runs the survey?"


def test_a_query_naming_both_or_neither_is_left_as_typed() -> None:
    both = "EGDI, the E-Government Development Index"
    assert EXPANSION.expand(both) == both
    assert EXPANSION.expand("egdi of kenya") == "egdi of kenya"  # not read in lower case


UNDESA = AcronymExpansion(EXPANSION.acronyms, {"dpga": "DPGA", "undesa": "UNDESA"})


def test_an_acronym_typed_in_lower_case_is_read_as_printed_in_capitals() -> None:
    # What is read from capitals (the acronym, the subject of "what does X do?", a document
    # named by one) is then read alike in a question typed all in lower case.
    assert UNDESA.recased("what does un desa do for dpga members?") == (
        "what does UN DESA do for DPGA members?")
    assert UNDESA.recased("undesa and dpga") == "UNDESA and DPGA"
    assert parse_question(UNDESA.recased("what does un desa do?")).acronyms == ("UN", "DESA")


def test_only_whole_words_the_corpus_reads_as_acronyms_are_recased() -> None:
    typed = "does it help dpgas or the undesa's partners? not un de sa"
    assert UNDESA.recased(typed) == "does it help dpgas or the UNDESA's partners? not un de sa"
    assert AcronymExpansion({}, {}).recased("what is dpga") == "what is dpga"


def test_a_short_unknown_word_before_score_or_index_is_an_acronym_typed_small() -> None:
    from assistant.acronyms import acronyms_typed_small

    words = {"egdi", "the", "ai"}.__contains__
    # "gci" is no word and none the documents print: an index's acronym, so that an index
    # no document names is not answered by another's figure.
    assert acronyms_typed_small("what is malaysia's gci score?", words) == (
        "what is malaysia's GCI score?")
    assert acronyms_typed_small("hdi ranking of kenya", words) == "HDI ranking of kenya"
    # A word, or one the documents print, stays as typed; so does one before another noun.
    assert acronyms_typed_small("the egdi score and the ai index", words) == (
        "the egdi score and the ai index")
    assert acronyms_typed_small("gci report", words) == "gci report"


def test_an_acronym_the_documents_spell_out_is_no_word_though_the_index_holds_its_term(
) -> None:
    from assistant.acronyms import a_word, acronyms_typed_small

    spelled_out = {"OSI": "Online Service Index"}
    # The index's terms are lower case: "osi" is a term of it only as the acronym.
    assert not a_word("osi", {"score"}, True, spelled_out)
    assert a_word("ken", {"score"}, True, spelled_out)  # printed as a word
    assert a_word("ai", {"ai"}, False, spelled_out)  # a word of the language
    assert acronyms_typed_small(
        "the average national osi score in 2020",
        lambda w: a_word(w, {"the"}, True, spelled_out)) == (
        "the average national OSI score in 2020")
