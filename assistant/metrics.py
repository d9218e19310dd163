"""Evaluation metrics: small pure functions over answers, citations and rankings.

Used by the eval harness (``evals/``) and by the quality-floor tests. Every function takes
plain values (strings, numbers, ``Citation`` records) and has no side effects.

Rules worth knowing (how an answer is read as statements and numbers: statements.py):

* A *fact* is a list of regex alternatives; it is covered when any alternative matches the
  answer's body (case-insensitive).
* Citation recall (ALCE-style) scores statements: sentences with 2+ content tokens that
  are not questions, each covered by its own marker or the next one on its line.
* A statement is *supported* by its citations when at least ``threshold`` of its content
  tokens (words of 3+ letters that are not stop words, stemmed as the BM25 index and
  the evidence scores stem them, plus numbers) occur in the union of the quotes it cites.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Hashable, Sequence
from decimal import Decimal

from assistant.statements import (
    answer_body,
    answer_numbers,
    cited_numbers,
    cited_statements,
    content_tokens,
)
from assistant.types import Citation

Fact = Sequence[str]  # regex alternatives for one expected key fact


def recall_at_k(retrieved: Sequence[Hashable], expected: Collection[Hashable], k: int) -> float:
    """1.0 when any of the first ``k`` retrieved items is expected, else 0.0.

    Items are usually ``(source, page)`` pairs; a question counts as recalled when one
    page that prints its answer is among the top ``k`` passages.

    >>> recall_at_k([("a.pdf", 2), ("a.pdf", 3)], {("a.pdf", 3)}, 1)
    0.0
    >>> recall_at_k([("a.pdf", 2), ("a.pdf", 3)], {("a.pdf", 3)}, 5)
    1.0
    """
    return 1.0 if any(item in expected for item in retrieved[:k]) else 0.0


def reciprocal_rank(retrieved: Sequence[Hashable], expected: Collection[Hashable]) -> float:
    """1 / rank of the first expected item (ranks start at 1); 0.0 when none is retrieved.

    >>> reciprocal_rank(["x", "y", "z"], {"z", "y"})
    0.5
    >>> reciprocal_rank(["x"], {"y"})
    0.0
    """
    for rank, item in enumerate(retrieved, start=1):
        if item in expected:
            return 1.0 / rank
    return 0.0


def fact_matches(text: str, fact: Fact) -> bool:
    """Whether any regex alternative of a fact occurs in the text (case-insensitive).

    >>> fact_matches("Score: 0.6612 (rank 88)", [r"0\\.6612"])
    True
    """
    return any(re.search(pattern, text, re.IGNORECASE) for pattern in fact)


def missing_facts(text: str, facts: Sequence[Fact]) -> list[Fact]:
    """The facts the text does not cover, in order.

    >>> missing_facts("Indonesia: 0.6612", [[r"0\\.6612"], [r"\\b88\\b"]])
    [['\\\\b88\\\\b']]
    """
    body = answer_body(text)
    return [fact for fact in facts if not fact_matches(body, fact)]


def scorable_facts(facts: Sequence[Fact], question: str = "") -> list[Fact]:
    """The facts an answer must earn: a fact the question itself satisfies ("Malaysia" in
    "What was Malaysia's score?") would be covered by repeating the question, so it is
    not scored.

    >>> scorable_facts([[r"Malaysia"], [r"0\\.7892"]], "What was Malaysia's EGDI?")
    [['0\\\\.7892']]
    """
    return [fact for fact in facts if not (question and fact_matches(question, fact))]


def key_fact_coverage(answer_text: str, facts: Sequence[Fact], question: str = "") -> float:
    """Share of expected key facts found in the answer; 1.0 when nothing is expected.
    Facts the question already states are left out (see ``scorable_facts``).

    >>> key_fact_coverage("Indonesia scored 0.6612 [1].", [[r"0\\.6612"], [r"\\b88(th)?\\b"]])
    0.5
    >>> key_fact_coverage(
    ...     "Indonesia scored 0.6612 [1].", [[r"Indonesia"], [r"0\\.6612"]], "Indonesia?"
    ... )
    1.0
    >>> key_fact_coverage("anything", [])
    1.0
    """
    facts = scorable_facts(facts, question)
    if not facts:
        return 1.0
    return 1.0 - len(missing_facts(answer_text, facts)) / len(facts)


def citation_precision(
    citations: Sequence[Citation],
    expected_source: str | None,
    expected_pages: Collection[int],
    facts: Sequence[Fact],
    answer_text: str = "",
) -> float:
    """Share of citations that point at an expected page or back an expected fact.

    A citation is precise when its ``(source, page)`` is where the expected answer is
    printed (sources compare by file name, so a path or a bare name both match; a format
    without pages matches by file), or when
    its quote matches an expected fact that the answer states in a sentence citing it
    (the same figure can be printed on more than one page). A quote that merely happens to
    match some fact the answer never states is not precise. No citations scores 0.0.

    >>> c = [Citation(1, "T", "a.pdf", 3, None, "Malaysia 0.7892 47"),
    ...      Citation(2, "T", "a.pdf", 9, None, "Malaysia develops MyDigital"),
    ...      Citation(3, "T", "b.pdf", 3, None, "unrelated")]
    >>> citation_precision(c, "a.pdf", [3], [[r"MyDigital"]], "It has MyDigital [2].")
    0.6666666666666666
    >>> citation_precision(c, "a.pdf", [3], [[r"MyDigital"]], "Nothing stated [2].")
    0.3333333333333333
    """
    if not citations:
        return 0.0
    expected = set(expected_pages)
    wanted = _file_name(expected_source) if expected_source else None
    stated: dict[int, list[str]] = {}
    for statement, ns in cited_statements(answer_text, min_tokens=0):
        for n in ns:
            stated.setdefault(n, []).append(statement)
    precise = sum(
        1
        for c in citations
        # a citation of a format without pages (page None) locates only to its file
        if (_file_name(c.source) == wanted and (c.page in expected or c.page is None))
        or any(
            fact_matches(c.text, fact)
            and any(fact_matches(s, fact) for s in stated.get(c.n, []))
            for fact in facts
        )
    )
    return precise / len(citations)


def _file_name(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def number_faithfulness(answer_text: str, citations: Sequence[Citation]) -> float:
    """Share of the answer's numbers printed by some citation (``cited_numbers``); 1.0 with
    no numbers.

    >>> c = [Citation(1, "T", "a.pdf", 3, None, "Indonesia | 0.6612 | 88")]
    >>> number_faithfulness("Indonesia: 0.6612, rank 88 [1].", c)
    1.0
    >>> number_faithfulness("Indonesia: 0.66, rank 88 [1].", c)
    0.5
    """
    numbers = answer_numbers(answer_text)
    if not numbers:
        return 1.0
    cited: set[Decimal] = set()
    for citation in citations:
        cited |= cited_numbers(citation)
    return sum(1 for n in numbers if n in cited) / len(numbers)


def sentence_supported(sentence: str, quotes: Sequence[str], threshold: float = 0.5) -> bool:
    """Whether the quotes contain at least ``threshold`` of the sentence's content tokens.

    >>> sentence_supported("Malaysia scored 0.7892 [1].", ["Malaysia | Very High | 0.7892 | 47"])
    True
    >>> sentence_supported("Nigeria ranks first.", ["Malaysia | Very High | 0.7892 | 47"])
    False
    """
    claimed = content_tokens(sentence)
    if not claimed or not quotes:
        return False
    quoted = set().union(*(content_tokens(q) for q in quotes))
    return len(claimed & quoted) / len(claimed) >= threshold


def unsupported_statements(
    answer_text: str, citations: Sequence[Citation], threshold: float = 0.5, min_tokens: int = 2
) -> list[str]:
    """Statements with no covering [n] marker, or whose cited quotes do not support them.

    >>> c = [Citation(1, "T", "a.pdf", 3, None, "Malaysia | Very High | 0.7892 | 47")]
    >>> unsupported_statements("Malaysia scored 0.7892 [1]. Turkey scored 0.7718 in 2020.", c)
    ['Turkey scored 0.7718 in 2020.']
    """
    quotes = {c.n: c.text for c in citations}
    unsupported = []
    for sentence, markers in cited_statements(answer_text, min_tokens):
        cited = [quotes[n] for n in markers if n in quotes]
        if not (cited and sentence_supported(sentence, cited, threshold)):
            unsupported.append(sentence)
    return unsupported


def citation_recall(
    answer_text: str, citations: Sequence[Citation], threshold: float = 0.5, min_tokens: int = 2
) -> float:
    """ALCE-style citation recall: share of answer statements carrying a supporting [n].

    Statements and the markers covering them are those of ``cited_statements``; a
    statement counts as supported when the quotes of its citations support it
    (``sentence_supported``). No statements -> 1.0.

    >>> c = [Citation(1, "T", "a.pdf", 3, None, "Malaysia | Very High | 0.7892 | 47")]
    >>> citation_recall("Malaysia scored 0.7892 [1]. Turkey scored 0.7718 in 2020.", c)
    0.5
    """
    stated = cited_statements(answer_text, min_tokens)
    if not stated:
        return 1.0
    missing = unsupported_statements(answer_text, citations, threshold, min_tokens)
    return 1.0 - len(missing) / len(stated)


def abstention_accuracy(answerable: Sequence[bool], abstained: Sequence[bool]) -> float:
    """Share of unanswerable questions that were declined; 1.0 when there are none.

    >>> abstention_accuracy([True, False, False], [False, True, False])
    0.5
    """
    declined = [a for ok, a in zip(answerable, abstained, strict=True) if not ok]
    return sum(declined) / len(declined) if declined else 1.0


def false_abstention_rate(answerable: Sequence[bool], abstained: Sequence[bool]) -> float:
    """Share of answerable questions that were wrongly declined; 0.0 when there are none.

    >>> false_abstention_rate([True, True, False, True], [False, True, True, False])
    0.3333333333333333
    """
    declined = [a for ok, a in zip(answerable, abstained, strict=True) if ok]
    return sum(declined) / len(declined) if declined else 0.0


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) with linear interpolation between ranks (numpy's default).

    >>> percentile([10, 20, 30, 40], 50)
    25.0
    >>> percentile([10, 20, 30, 40], 95)
    38.5
    """
    if not values:
        raise ValueError("percentile of no values; measure at least one")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile {p} is outside 0-100")
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100
    low, high = math.floor(position), math.ceil(position)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (position - low))
