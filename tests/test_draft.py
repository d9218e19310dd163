"""Writing quotes: citation markers and what each citation quotes."""

from __future__ import annotations

from dataclasses import replace

from stage_fixtures import chunk, reader

from assistant.draft import CitationList, sentences
from assistant.evidence import units
from assistant.passages import whole_list


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


def test_a_slides_bullets_do_not_run_on_into_the_next_slide_under_the_same_title() -> None:
    first = chunk("- The survey analyzes how governments use ICT\n"
                  "- It highlights e-Government for development", kind="slide", page=18,
                  section="Global Trends")
    second = chunk("- The world average improved to 0.4877\n"
                   "- The digital divide is rooted in the lack of e-infrastructure",
                   kind="slide", page=19, section="Global Trends")
    asked = units(second)[-1]
    assert [u.chunk.page for u in whole_list(asked, reader([first, second]))] == [19, 19]
    # A page of a report cut the same list: it runs on.
    pages = [replace(c, kind="list") for c in (first, second)]
    assert [u.chunk.page for u in whole_list(units(pages[1])[-1], reader(pages))] == [
        18, 18, 19, 19]
