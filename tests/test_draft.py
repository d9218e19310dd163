"""Writing quotes: citation markers and what each citation quotes."""

from __future__ import annotations

from stage_fixtures import chunk

from assistant.draft import CitationList, sentences
from assistant.evidence import units


def test_a_sentence_a_page_break_cut_is_one_citation_spanning_both_pages() -> None:
    before = chunk("Pupils take a compulsory ICT subject from", page=6)
    after = chunk("a young age. Annually there are twenty thousand graduates.", page=7)
    head, tail = units(before)[-1], units(after)[0]
    cites = CitationList()
    text = sentences([head, tail], cites)
    assert text == "Pupils take a compulsory ICT subject from a young age. [1]"
    [citation] = cites.items
    assert citation.page == 6 and citation.where == "p. 6-7"
    assert citation.text == "Pupils take a compulsory ICT subject from a young age."


def test_a_finished_sentence_and_the_next_page_stay_two_citations() -> None:
    before = chunk("Pupils take a compulsory ICT subject.", page=6)
    after = chunk("Annually there are twenty thousand graduates.", page=7)
    cites = CitationList()
    sentences([units(before)[-1], units(after)[0]], cites)
    assert [c.page for c in cites.items] == [6, 7]
