"""Verification (assistant/verify.py) on tiny fixtures: every number is printed in what its
line cites, or the sentence goes."""

from __future__ import annotations

import pytest
from stage_fixtures import PROSE, TABLE

from assistant.draft import CitationList, Draft
from assistant.evidence import units
from assistant.verify import verify


def _cites() -> CitationList:
    """[1]: the Kenya row of the table (0.61, 12); [2]: 'Kenya expanded mobile services in 2023.'"""
    cites = CitationList()
    cites.cite(next(u for u in units(TABLE) if u.entity == "Kenya"))
    cites.cite(units(PROSE)[1])
    return cites


@pytest.mark.parametrize(("draft", "kept", "dropped"), [
    pytest.param("## Figures\n\nKenya scored 0.61 [1]. Kenya scored 0.99 [1].",
                 "## Figures\n\nKenya scored 0.61 [1].", ["Kenya scored 0.99 [1]."],
                 id="sentence-with-a-number-not-cited"),
    pytest.param("Kenya expanded services in 2023 [2]. It scored 0.61 [2].",
                 "Kenya expanded services in 2023 [2].", ["It scored 0.61 [2]."],
                 id="number-printed-in-another-citation"),
    pytest.param("| Kenya | 0.61 [1] |\n| Kenya | 0.99 [1] |",
                 "| Kenya | 0.61 [1] |", ["| Kenya | 0.99 [1] |"],
                 id="table-line"),
    pytest.param("1. Kenya scored 0.61 [1]. It ranked 12 [1].\n2. It ranked 13 [1].",
                 "1. Kenya scored 0.61 [1]. It ranked 12 [1].", ["It ranked 13 [1]."],
                 id="numbered-item"),
    pytest.param("Kenya scored 0.61 [1].\n\n## Sources\n\n- [1] p. 1, 42 pages",
                 "Kenya scored 0.61 [1].\n\n## Sources\n\n- [1] p. 1, 42 pages", None,
                 id="sources-list-kept-as-is"),
])
def test_only_numbers_printed_in_the_cited_passage_stay(draft: str, kept: str,
                                                         dropped: list[str] | None) -> None:
    checked = verify(Draft(draft, _cites()))
    assert not checked.abstained
    assert checked.text == kept
    assert checked.extras.get("unverified") == dropped


def test_a_line_citing_a_passage_that_was_not_retrieved_goes() -> None:
    checked = verify(Draft("Kenya scored 0.61 [1] and [7].", _cites()))
    assert checked.abstained and checked.extras["unverified"] == ["Kenya scored 0.61 [1] and [7]."]


def test_nothing_verifiable_left_means_a_decline() -> None:
    cites = CitationList()
    n = cites.cite(units(PROSE)[0])
    declined = verify(Draft(f"It reached 42% [{n}].", cites))
    assert declined.abstained and declined.cites.items == []
    assert declined.extras["declined_by"] == "unverified"  # counted per rule by the evals
    assert declined.text == (
        "The documents do not cover this question (no statement could be checked against the "
        "cited passages)."
    )
    assert verify(Draft("Unmarked claim.", CitationList())).abstained


def test_a_decline_passes_unchanged() -> None:
    draft = Draft("The documents do not cover Peru.", CitationList(), abstained=True)
    assert verify(draft) is draft
