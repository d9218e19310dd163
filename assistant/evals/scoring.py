"""Score one answer against its item, and aggregate a configuration's scores.

Retrieval metrics (recall@1/5/10, MRR) count a question as found when a retrieved passage
comes from a page that prints its answer; they cover answerable items with pages. Answer
metrics are those of ``assistant.metrics``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from assistant import metrics, statements
from assistant.evals.items import GoldenItem, Page
from assistant.types import Answer


@dataclass
class ItemResult:
    id: str
    question: str
    mode: str
    answerable: bool
    retrieved: list[Page] | None = None
    retrieve_ms: float | None = None
    answer: str = ""
    abstained: bool = False
    answer_ms: float = 0.0
    coverage: float | None = None
    citation_precision: float | None = None
    citation_recall: float | None = None
    number_faithfulness: float | None = None
    # "[n] file where" per citation, so two runs can be compared on what they cite too.
    citations: list[str] = field(default_factory=list)
    # Which check declined (``decline``'s rule) and the best support, for studying declines.
    declined_by: str | None = None
    support: float | None = None
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "retrieved"}
        data["retrieved"] = [f"{s}#p{p}" for s, p in self.retrieved or []]
        data["answer"] = self.answer[:1500]
        return data


def score_answer(item: GoldenItem, answer: Answer, result: ItemResult) -> None:
    """Fill in the answer metrics and name what went wrong, for the failure list."""
    if not item.answerable:
        if not answer.abstained:
            result.problems.append("answered a question the documents cannot answer")
        return
    if answer.abstained:
        result.problems.append("declined an answerable question")
        result.coverage = 0.0
        return
    result.coverage = metrics.key_fact_coverage(answer.answer, item.facts, item.question)
    result.citation_precision = metrics.citation_precision(
        answer.citations, item.source, item.pages, item.facts, answer.answer
    )
    result.citation_recall = metrics.citation_recall(answer.answer, answer.citations)
    result.number_faithfulness = metrics.number_faithfulness(answer.answer, answer.citations)
    missing = metrics.missing_facts(
        answer.answer, metrics.scorable_facts(item.facts, item.question)
    )
    if missing:
        result.problems.append("missing facts: " + "; ".join(" | ".join(f) for f in missing))
    if result.citation_precision < 1.0:
        off = [
            f"[{c.n}] {c.source} {c.where}"
            for c in answer.citations
            if metrics.citation_precision([c], item.source, item.pages, item.facts, answer.answer)
            < 1.0
        ]
        result.problems.append("citations off the expected pages: " + ", ".join(off))
    if result.citation_recall < 1.0:
        loose = metrics.unsupported_statements(answer.answer, answer.citations)
        result.problems.append(
            "statements without a supporting citation: " + " / ".join(repr(s[:120]) for s in loose)
        )
    if result.number_faithfulness < 1.0:
        cited = set().union(*(statements.cited_numbers(c) for c in answer.citations))
        loose = sorted({str(n) for n in statements.answer_numbers(answer.answer) if n not in cited})
        result.problems.append("numbers not in any cited passage: " + ", ".join(loose))


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(fmean(present), 4) if present else None


def summarize(results: Sequence[ItemResult], items: Sequence[GoldenItem]) -> dict[str, Any]:
    """Aggregate metrics of one configuration."""
    ranked = [(r, i) for r, i in zip(results, items, strict=True) if r.retrieved is not None]
    retrieval = {
        f"recall@{k}": _mean([metrics.recall_at_k(r.retrieved, i.expected_pages, k) for r, i in ranked])
        for k in (1, 5, 10)
    }
    retrieval["mrr"] = _mean([metrics.reciprocal_rank(r.retrieved, i.expected_pages) for r, i in ranked])
    retrieval["questions"] = len(ranked)
    retrieve_ms = [r.retrieve_ms for r, _ in ranked if r.retrieve_ms is not None]
    if retrieve_ms:
        retrieval["latency_ms"] = _latency(retrieve_ms)
    answerable = [r.answerable for r in results]
    abstained = [r.abstained for r in results]
    answered = [r for r in results if r.answerable]
    return {
        "retrieval": retrieval,
        "answers": {
            "key_fact_coverage": _mean([r.coverage for r in answered]),
            "citation_precision": _mean([r.citation_precision for r in answered]),
            "citation_recall": _mean([r.citation_recall for r in answered]),
            "number_faithfulness": _mean([r.number_faithfulness for r in answered]),
            "abstention_accuracy": round(metrics.abstention_accuracy(answerable, abstained), 4),
            "false_abstention_rate": round(metrics.false_abstention_rate(answerable, abstained), 4),
            "questions": len(results),
            "latency_ms": _latency([r.answer_ms for r in results]),
        },
        "shortfalls": shortfalls(results, items),
    }


def shortfalls(results: Sequence[ItemResult], items: Sequence[GoldenItem]) -> dict[str, Any]:
    """Where answerable items lost key facts, as counts and key facts lost (the sum of
    1 - coverage): declined (per the rule that declined), facts missing although a page
    printing them was among the top 5 passages (the select and compose stages), or missing
    with no such page retrieved (retrieval); and per mode. Counts only, so a held-out set's
    results say which stage to look at without showing its items."""
    stages: dict[str, dict[str, float]] = {
        s: {"items": 0, "facts_lost": 0.0} for s in ("declined", "page_retrieved", "page_not_retrieved")
    }
    declined_by: Counter[str] = Counter()
    by_mode: Counter[str] = Counter()
    for result, item in zip(results, items, strict=True):
        lost = 1.0 - (result.coverage or 0.0)
        if not item.answerable or lost <= 0.0:
            continue
        if result.abstained:
            stage = "declined"
            declined_by[result.declined_by or "unknown"] += 1
        elif result.retrieved and metrics.recall_at_k(result.retrieved, item.expected_pages, 5):
            stage = "page_retrieved"
        else:
            stage = "page_not_retrieved"
        stages[stage]["items"] += 1
        stages[stage]["facts_lost"] = round(stages[stage]["facts_lost"] + lost, 3)
        by_mode[item.mode + (" (follow-up)" if item.history else "")] += 1
    return {**stages, "declined_by": dict(declined_by), "by_mode": dict(by_mode)}


def _latency(values: Sequence[float]) -> dict[str, float]:
    return {
        "p50": round(metrics.percentile(values, 50), 1),
        "p95": round(metrics.percentile(values, 95), 1),
    }

