"""A document named by the kind of file it is (assistant.document_kinds)."""

from __future__ import annotations

from assistant.chunktable import _name_term_list
from assistant.document_kinds import extensions_said, kind_terms, of_kind_said

SOURCES = ["office/High Level Roadmap.pptx", "office/High Level Roadmap.xlsx",
           "office/Scope of Work .docx", "pdf/Index-Methodology-2023.pdf"]


def _named(text: str, named: list[str]) -> list[str]:
    return of_kind_said(text, named, SOURCES, _name_term_list)


def test_a_kind_said_narrows_the_documents_sharing_a_title_to_that_kind():
    both = ["office/High Level Roadmap.pptx", "office/High Level Roadmap.xlsx",
            "High Level Roadmap"]
    assert _named("in the high level roadmap spreadsheet, who leads?", both) == [
        "office/High Level Roadmap.xlsx"]
    assert _named("in the high level roadmap deck, who leads?", both) == [
        "office/High Level Roadmap.pptx"]


def test_a_kind_said_with_a_word_of_a_file_name_names_that_file():
    assert _named("the roadmap deck, goal 2 - what does it involve?", []) == [
        "office/High Level Roadmap.pptx"]
    assert _named("what does the scope word document say about roles", []) == [
        "office/Scope of Work .docx"]


def test_no_kind_said_or_no_file_of_it_named_leaves_the_documents_as_they_are():
    assert _named("what does the roadmap say about training?", []) == []
    assert _named("the methodology slides: what weights?", ["pdf/Index-Methodology-2023.pdf"]) \
        == ["pdf/Index-Methodology-2023.pdf"]
    assert _named("which deck covers budgets?", []) == []


def test_words_said_of_other_things_name_no_kind():
    assert extensions_said("the presentation of the budget on the first sheet") == frozenset()
    assert ".xlsx" in extensions_said("the Excel workbook")


def test_a_deck_holds_the_words_naming_a_deck_whatever_its_file():
    assert {"slide", "deck"} <= kind_terms("office/High Level Roadmap.pptx", "")
    # A deck printed to PDF is a presentation by its type.
    assert {"slide", "deck"} <= kind_terms("egovernance-slides.pdf", "presentation")
    assert "slide" not in kind_terms("pdf/Index-Methodology-2023.pdf", "report")
    assert "spreadsheet" in kind_terms("office/High Level Roadmap.xlsx", "")
