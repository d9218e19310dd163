"""The evaluation metrics give exact, documented values (the eval report depends on them)."""

from __future__ import annotations

import doctest

import pytest

from assistant import metrics
from assistant.metrics import (
    abstention_accuracy,
    citation_precision,
    citation_recall,
    false_abstention_rate,
    key_fact_coverage,
    missing_facts,
    number_faithfulness,
    percentile,
    recall_at_k,
    reciprocal_rank,
)
from assistant.statements import answer_numbers
from assistant.types import Citation

D8 = "d8-workshop-2022-new-approaches-egov-sdg.pdf"
TABLE_ROW = "Indonesia | Asia | South-Eastern Asia | High | 0.6612 | 88"


def cite(n: int, text: str, page: int = 3, source: str = D8) -> Citation:
    return Citation(n=n, document="D-8 workshop", source=source, page=page, section=None, text=text)


def test_docstring_examples_hold() -> None:
    result = doctest.testmod(metrics)
    assert result.attempted >= 20
    assert result.failed == 0


def test_recall_at_k_and_reciprocal_rank_use_the_first_expected_page() -> None:
    ranked = [(D8, 5), (D8, 2), (D8, 3), (D8, 3)]
    expected = {(D8, 3)}
    assert [recall_at_k(ranked, expected, k) for k in (1, 2, 3, 10)] == [0.0, 0.0, 1.0, 1.0]
    assert reciprocal_rank(ranked, expected) == pytest.approx(1 / 3)
    assert reciprocal_rank([], expected) == 0.0


def test_key_fact_coverage_counts_a_fact_once_whichever_alternative_matches() -> None:
    facts = [[r"0\.6612"], [r"\b88(?:th)?\b"], [r"very high", r"\bhigh\b"], [r"Jakarta"]]
    answer = "Indonesia scored 0.6612 and ranked 88th, in the High group [1]."
    assert key_fact_coverage(answer, facts) == 0.75
    assert missing_facts(answer, facts) == [[r"Jakarta"]]
    assert key_fact_coverage("INDONESIA SCORED 0.6612", [[r"indonesia"]]) == 1.0
    # A fact the question states is not scored: repeating the question earns nothing.
    assert key_fact_coverage("Indonesia.", [[r"indonesia"], [r"0\.6612"]], "Indonesia's EGDI?") == 0.0


def test_citation_precision_accepts_expected_pages_or_fact_quotes() -> None:
    citations = [
        cite(1, TABLE_ROW, page=3),
        cite(2, "Indonesia made a substantial improvement in EPI", page=5),
        cite(3, "Korea ranked 1st", page=43, source="slides.pdf"),
        cite(4, "The world average was 0.6612", page=20, source="slides.pdf"),
    ]
    # [4] quotes the expected figure and the answer states it next to [4]: precise.
    stated = "Indonesia scored 0.6612 [1][4]. Korea ranked 1st [3]."
    assert citation_precision(citations, D8, [3], [[r"0\.6612"]], stated) == 0.5
    # A quote that happens to match a fact the answer never states is not precise.
    assert citation_precision(citations, D8, [3], [[r"0\.6612"]], "Korea ranked 1st [3][4].") == 0.25
    assert citation_precision(citations, D8, [3, 5], []) == 0.5
    # A source given as a path matches the expected file name.
    assert citation_precision([cite(1, "x", page=3, source=f"corpus/{D8}")], D8, [3], []) == 1.0
    assert citation_precision([], D8, [3], []) == 0.0


def test_number_faithfulness_compares_values_and_ignores_markers_names_and_enumerators() -> None:
    citations = [cite(1, TABLE_ROW), cite(2, "over 6.400 digital government services")]
    answer = (
        "1. Indonesia (a D-8 member, COVID-19 era) scored 0.66120 and ranked 88th [1].\n"
        "2. Turkey offers 6.400 services [2]."
    )
    assert [str(n) for n in answer_numbers(answer)] == ["0.6612", "88", "6.4"]
    assert number_faithfulness(answer, citations) == 1.0
    assert number_faithfulness("Indonesia ranked 87th and scored 0.6612 [1].", citations) == 0.5
    assert number_faithfulness("No figures here [1].", citations) == 1.0
    assert number_faithfulness("Turkey: 58 million users.", []) == 0.0


def test_thousands_commas_are_the_same_number() -> None:
    assert number_faithfulness("about 20,000 graduates", [cite(1, "20000 graduates a year")]) == 1.0


def test_citation_recall_needs_a_marker_whose_quote_supports_the_sentence() -> None:
    citations = [
        cite(1, "Malaysia | Asia | South-Eastern Asia | Very High | 0.7892 | 47"),
        cite(2, "Malaysia also plans to create a Digital Academy", page=9),
    ]
    answer = (
        "Malaysia scored 0.7892 and ranked 47 [1]. "  # supported by [1]
        "Malaysia plans a Digital Academy [1]. "  # wrong citation: [1] does not say it
        "Malaysia plans a Digital Academy [2]. "  # supported by [2]
        "Malaysia plans a Digital Academy. "  # no marker
        "Malaysia plans a Digital Academy [7]. "  # marker without a citation
        "Thanks."  # fewer than two content tokens: not a statement
    )
    assert citation_recall(answer, citations) == pytest.approx(2 / 5)
    assert citation_recall("", citations) == 1.0


def test_citation_recall_threshold_is_adjustable() -> None:
    citations = [cite(1, "Malaysia 0.7892")]
    sentence = "Malaysia scored 0.7892 in the Very High group [1]."
    # claimed tokens: malaysia, scored, 0.7892, very, high, group -> 2 of 6 quoted
    assert citation_recall(sentence, citations, threshold=0.3) == 1.0
    assert citation_recall(sentence, citations, threshold=0.5) == 0.0


def test_abstention_rates_split_answerable_from_unanswerable() -> None:
    answerable = [True, True, True, True, False, False, False]
    abstained = [False, False, True, False, True, True, False]
    assert abstention_accuracy(answerable, abstained) == pytest.approx(2 / 3)
    assert false_abstention_rate(answerable, abstained) == 0.25
    assert abstention_accuracy([True], [False]) == 1.0
    assert false_abstention_rate([False], [True]) == 0.0


def test_percentile_interpolates_and_refuses_nonsense() -> None:
    latencies = [120.0, 80.0, 100.0, 300.0, 90.0]
    assert percentile(latencies, 50) == 100.0
    assert percentile(latencies, 95) == pytest.approx(264.0)
    assert percentile(latencies, 0) == 80.0
    assert percentile(latencies, 100) == 300.0
    assert percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError, match="no values"):
        percentile([], 50)
    with pytest.raises(ValueError, match="outside"):
        percentile([1.0], 101)


def test_a_trailing_sources_section_is_not_scored() -> None:
    citations = [cite(1, "Malaysia | Kuala Lumpur | High | 0.5125 | 29")]
    answer = (
        "Kuala Lumpur scored 0.5125 [1].\n\n## Sources\n"
        "**Workshop, 15-16 March 2022** (d8.pdf)\n- [1] p. 3, BACKGROUND"
    )
    assert number_faithfulness(answer, citations) == 1.0
    assert citation_recall(answer, citations) == 1.0
    assert key_fact_coverage(answer, [[r"March 2022"]]) == 0.0


def test_one_marker_after_a_quoted_span_covers_it_and_questions_state_nothing() -> None:
    citations = [cite(1, "Only one city is in Very High LOSI: Istanbul. Only one is High: Kuala Lumpur.")]
    prompt = (
        "1. **Background**: “Only one city is in Very High LOSI: Istanbul. "
        "Only one is High: Kuala Lumpur.” [1] What would your city need to move up a group?"
    )
    assert citation_recall(prompt, citations) == 1.0
    assert citation_recall("Istanbul is Very High. Lagos is Middle.", citations) == 0.0
