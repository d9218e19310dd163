"""Run the golden questions through several configurations and score them side by side.

Configurations:

* ``bm25``, ``dense``, ``hybrid``: the assistant's retriever restricted to one method
  (no MMR); answers come from the same grounded composer fed by that retriever.
* ``hybrid+mmr``: the assistant as shipped (``PolicyAssistant.ask``).
* ``baseline``: the tutorial pipeline of ``evals/baseline.py``.

A cross-encoder re-ranking configuration is left out: no cross-encoder model can be
loaded offline here.

Retrieval metrics (recall@1/5/10, MRR) count a question as found when a retrieved passage
comes from a page that prints its answer; they cover answerable items with pages. Answer
metrics are those of ``assistant.metrics``. Follow-ups are asked after their history, in
one conversation, and retrieved with the question as the assistant resolves it.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean
from typing import Any

from assistant import metrics
from assistant.errors import AssistantError, InputFileError
from assistant.evals.baseline import BaselinePipeline
from assistant.evals.sets import SETS, QuestionSet
from assistant.jsonl import lines_of, question_row
from assistant.pipeline import PolicyAssistant
from assistant.settings import PROJECT_ROOT
from assistant.types import Answer

# The sets, results and eval indexes stay in the top-level evals/ folder (the layout).
EVALS_DIR = PROJECT_ROOT / "evals"
RESULTS_DIR = EVALS_DIR / "results"
WORK_DIR = EVALS_DIR / ".work"  # indexes of the sets asked of other corpora
MODES = ("answer", "compare", "brief", "prompts")
DEFAULT_CONFIG = "hybrid+mmr"
RETRIEVAL_K = 10
Page = tuple[str, int | None]  # (file name, page); None for formats without pages


@dataclass(frozen=True)
class Config:
    name: str
    method: str  # hybrid | dense | bm25 | baseline
    mmr: bool
    description: str


CONFIGS: dict[str, Config] = {
    c.name: c
    for c in (
        Config("bm25", "bm25", False, "BM25 only, grounded composer"),
        Config("dense", "dense", False, "MiniLM dense only, grounded composer"),
        Config("hybrid", "hybrid", False, "dense + BM25 (RRF), grounded composer"),
        Config("hybrid+mmr", "hybrid", True, "the assistant as shipped (hybrid + MMR)"),
        Config("baseline", "baseline", False, "tutorial RAG: 1,000-char splits, top-4 dense"),
    )
}


@dataclass(frozen=True)
class GoldenItem:
    id: str
    question: str
    mode: str
    countries: tuple[str, ...]
    history: tuple[str, ...]
    answerable: bool
    facts: tuple[tuple[str, ...], ...]
    source: str | None
    pages: tuple[int, ...]

    @property
    def expected_pages(self) -> set[Page]:
        """(file name, page) pairs: a set may name a file by its path in the corpus. A
        passage of a format without pages (Word, sheets, web pages) has page None: the file
        is where it is, so it counts as found on any expected page of that file."""
        if not self.source:
            return set()
        name = Path(self.source).name
        return {(name, p) for p in self.pages} | {(name, None)}


def load_set(question_set: QuestionSet) -> list[GoldenItem]:
    """Every item of a set's files, ids unique across them."""
    items = [item for path in question_set.files for item in load_golden(path)]
    seen: set[str] = set()
    twice = [i.id for i in items if i.id in seen or seen.add(i.id)]  # type: ignore[func-returns-value]
    if twice:
        raise InputFileError(f"the {question_set.name} set repeats ids: {', '.join(twice)}")
    return items


def load_golden(path: Path) -> list[GoldenItem]:
    """Golden items from a JSONL file; a malformed line is an error naming its line."""
    items: list[GoldenItem] = []
    for number, line in lines_of(path):
        try:
            if isinstance(line, ValueError):
                raise line
            row = question_row(line)
            item = GoldenItem(
                id=str(row["id"]),
                question=row["question"],
                mode=str(row.get("mode") or "answer"),
                countries=tuple(row.get("country") or ()),
                history=tuple(row.get("history") or ()),
                answerable=bool(row["answerable"]),
                facts=tuple(tuple(alternatives) for alternatives in row["facts"]),
                source=row.get("source"),
                pages=tuple(int(p) for p in row.get("pages") or ()),
            )
        except (ValueError, KeyError, TypeError) as exc:
            reason = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            raise InputFileError(
                f"{path}: line {number}: bad question ({reason}); see evals/README.md for the "
                "fields"
            ) from None
        if item.mode not in MODES:
            raise InputFileError(
                f"{path}:{number}: unknown mode '{item.mode}'; use one of {', '.join(MODES)}"
            )
        items.append(item)
    if not items:
        raise InputFileError(f"the golden set {path} is empty; add one JSON object per line")
    return items


class _MethodRetriever:
    """The assistant's retriever with the method and MMR fixed, for the composer to use."""

    def __init__(self, retriever: Any, method: str, mmr: bool) -> None:
        self._retriever = retriever
        self._method = method
        self._mmr = mmr

    def retrieve(self, query: str, **options: Any) -> list:
        return self._retriever.retrieve(query, **{**options, "method": self._method, "mmr": self._mmr})

    def __getattr__(self, name: str) -> Any:
        return getattr(self._retriever, name)


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
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "retrieved"}
        data["retrieved"] = [f"{s}#p{p}" for s, p in self.retrieved or []]
        data["answer"] = self.answer[:1500]
        return data


AnswerFn = Callable[[GoldenItem, str, Sequence[Answer]], Answer]
RetrieveFn = Callable[[GoldenItem, str], list[Page]]


class Runner:
    """One configuration: how to answer a question and how to retrieve for it."""

    def __init__(self, config: Config, assistant: PolicyAssistant, baseline: BaselinePipeline | None):
        self.config = config
        self.assistant = assistant
        self.baseline = baseline
        if config.method == "baseline":
            if baseline is None:
                raise AssistantError("the baseline configuration needs a baseline index")
        elif config.name != DEFAULT_CONFIG:
            self.retriever = _MethodRetriever(assistant.retriever, config.method, config.mmr)

    def answer(self, item: GoldenItem, question: str, history: Sequence[Answer]) -> Answer:
        if self.baseline is not None and self.config.method == "baseline":
            return self.baseline.answer(question, item.mode)
        if self.config.name == DEFAULT_CONFIG:
            return self.assistant.ask(question, mode=_mode(item), countries=item.countries, history=history)
        from assistant.answer import answer_question

        return answer_question(
            self.retriever,  # type: ignore[arg-type] - duck-typed HybridRetriever
            question,
            settings=self.assistant.settings,
            mode=_mode(item),
            countries=item.countries,
            history=history,
        )

    def retrieve(self, item: GoldenItem, query: str) -> list[Page]:
        if self.baseline is not None and self.config.method == "baseline":
            return [(Path(c.source).name, c.page) for c in self.baseline.retrieve(query, RETRIEVAL_K)]
        from assistant.filters import Filters

        hits = self.assistant.retriever.retrieve(
            query,
            k=RETRIEVAL_K,
            filters=Filters.of(countries=item.countries),
            method=self.config.method,  # type: ignore[arg-type]
            mmr=self.config.mmr,
        )
        return [(Path(h.chunk.source).name, h.chunk.page) for h in hits]


def _mode(item: GoldenItem) -> str | None:
    """An item without a mode is asked as a user would: the words choose the mode."""
    return None if item.mode == "answer" else item.mode


def resolved_query(item: GoldenItem, history: Sequence[Answer], config: Config) -> str:
    """What the retriever is asked: a follow-up read against its history (not by baseline)."""
    if not history or config.method == "baseline":
        return item.question
    from assistant.follow_up import resolve_follow_up

    return resolve_follow_up(item.question, history)


def evaluate_item(runner: Runner, item: GoldenItem) -> ItemResult:
    history: list[Answer] = []
    for earlier in item.history:
        history.append(runner.answer(item, earlier, history))
    result = ItemResult(item.id, item.question, item.mode, item.answerable)
    if item.answerable and item.pages:
        query = resolved_query(item, history, runner.config)
        started = time.perf_counter()
        result.retrieved = runner.retrieve(item, query)
        result.retrieve_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    answer = runner.answer(item, item.question, history)
    result.answer_ms = (time.perf_counter() - started) * 1000
    result.answer = answer.answer
    result.abstained = answer.abstained
    score_answer(item, answer, result)
    return result


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
        cited = set().union(*(metrics.cited_numbers(c) for c in answer.citations))
        loose = sorted({str(n) for n in metrics.answer_numbers(answer.answer) if n not in cited})
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
    }


def _latency(values: Sequence[float]) -> dict[str, float]:
    return {
        "p50": round(metrics.percentile(values, 50), 1),
        "p95": round(metrics.percentile(values, 95), 1),
    }


Progress = Callable[[str, int, int], None]


def run_config(
    config: Config,
    items: Sequence[GoldenItem],
    assistant: PolicyAssistant,
    baseline: BaselinePipeline | None = None,
    progress: Progress | None = None,
) -> tuple[dict[str, Any], list[ItemResult]]:
    runner = Runner(config, assistant, baseline)
    # One untimed question first: the first calls of a model or index pay one-off costs.
    runner.answer(items[0], items[0].question, [])
    results = []
    for done, item in enumerate(items):
        if progress:
            progress(config.name, done, len(items))
        results.append(evaluate_item(runner, item))
    if progress:
        progress(config.name, len(items), len(items))
    return summarize(results, items), results


def ensure_index(assistant: PolicyAssistant, corpus: Path, *, refresh: bool) -> float | None:
    """Index ``corpus`` when the index is empty (or always, incrementally, with ``refresh``);
    seconds taken, or None when an existing index was reused as it was."""
    if not refresh:
        try:
            if assistant.documents():
                return None
        except AssistantError:
            pass  # no index yet: build it below
    report = assistant.ingest([corpus])
    if report.failed and not report.documents:
        raise AssistantError(
            f"ingesting {corpus} failed: {report.failed[0].file}: {report.failed[0].error}"
        )
    return report.seconds


def corpus_files(corpus: Path) -> list[Path]:
    """The PDFs the tutorial baseline can read (it parses nothing else)."""
    return sorted(corpus.rglob("*.pdf"))


def set_assistant(question_set: QuestionSet, assistant: PolicyAssistant, work: Path) -> PolicyAssistant:
    """The bundled corpus is asked through the configured index; any other corpus gets
    an index of its own under ``work`` (reused and refreshed incrementally)."""
    if question_set.bundled:
        return assistant
    settings = assistant.settings.model_copy(
        update={"index_dir": work / f"{question_set.name}-index", "chroma_url": None,
                "corpus_dir": question_set.corpus}
    )
    return PolicyAssistant(settings)


def run_set(
    question_set: QuestionSet,
    assistant: PolicyAssistant,
    config_names: Sequence[str],
    work: Path,
    progress: Progress | None = None,
    items: Sequence[GoldenItem] | None = None,
) -> dict[str, Any]:
    """Every requested configuration on one question set; that set's results."""
    items = list(items if items is not None else load_set(question_set))
    assistant = set_assistant(question_set, assistant, work)
    ingest_seconds = ensure_index(assistant, question_set.corpus, refresh=not question_set.bundled)
    documents = assistant.documents()
    configs: dict[str, Any] = {}
    per_item: dict[str, list[ItemResult]] = {}
    with tempfile.TemporaryDirectory(prefix="baseline-") as tmp:
        baseline = None
        for name in config_names:
            config = CONFIGS[name]
            ingest = ingest_seconds if config.method != "baseline" else None
            if config.method == "baseline":
                baseline = BaselinePipeline(assistant.retriever.embedder, Path(tmp))
                ingest = baseline.ingest(corpus_files(question_set.corpus)).seconds
            label = f"{question_set.name}/{name}"
            summary, results = run_config(
                config, items, assistant, baseline,
                (lambda _c, done, total, label=label: progress(label, done, total))
                if progress else None,
            )
            summary["ingest_seconds"] = round(ingest, 2) if ingest is not None else None
            summary["description"] = config.description
            configs[name] = summary
            per_item[name] = results
    answerable = sum(i.answerable for i in items)
    return {
        "role": question_set.role,
        "description": question_set.description,
        "questions": {
            "items": len(items),
            "answerable": answerable,
            "unanswerable": len(items) - answerable,
            "modes": {m: sum(i.mode == m for i in items) for m in MODES},
            "follow_ups": sum(bool(i.history) for i in items),
        },
        "index": {
            "path": str(assistant.settings.chroma_url or assistant.settings.index_dir),
            "documents": len(documents),
            "chunks": sum(d.chunks for d in documents),
            "built_now": ingest_seconds is not None,
        },
        "configs": configs,
        "failures": {
            name: [
                {"id": r.id, "question": r.question, "mode": r.mode, "problems": r.problems}
                for r in results
                if r.problems
            ]
            for name, results in per_item.items()
        },
        # Per-item answers of the shipped configuration only: the others are summaries.
        "items": {
            name: [r.to_json() for r in results]
            for name, results in per_item.items()
            if name == DEFAULT_CONFIG
        },
    }


def run_eval(
    assistant: PolicyAssistant,
    set_names: Sequence[str],
    config_names: Sequence[str],
    work: Path,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Every requested configuration on every requested set; the results document. A set
    whose documents are absent is skipped with the reason."""
    unknown = [n for n in config_names if n not in CONFIGS]
    if unknown:
        raise AssistantError(
            f"unknown configuration {', '.join(unknown)}; choose from {', '.join(CONFIGS)}"
        )
    sets: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    for name in set_names:
        if name not in SETS:
            raise AssistantError(f"unknown question set {name}; choose from {', '.join(SETS)}")
        reason = SETS[name].missing()
        if reason:
            skipped[name] = reason
            continue
        sets[name] = run_set(SETS[name], assistant, config_names, work, progress)
    return {
        "generated": time.strftime("%Y-%m-%d %H:%M:%S"),
        "sets": sets,
        "skipped": skipped,
        "notes": [
            "ingest_seconds is null when an existing index was reused.",
            "No +rerank configuration: no cross-encoder model can be loaded offline.",
            (
                "Retrieval metrics: answerable items with pages; a hit is a passage from an "
                f"expected page among the top {RETRIEVAL_K}."
            ),
            (
                "Key facts that the question itself states are not scored (repeating the "
                "question would cover them)."
            ),
        ],
    }
