"""Run the golden questions through several configurations and score them side by side.

Configurations:

* ``bm25``, ``dense``, ``hybrid``: the assistant's retriever restricted to one method
  (no MMR); answers come from the same grounded composer fed by that retriever.
* ``hybrid+mmr``: the assistant as shipped (``PolicyAssistant.ask``).
* ``baseline``: the tutorial pipeline of ``evals/baseline.py``.

A cross-encoder re-ranking configuration is left out: no cross-encoder model can be
loaded offline here.

Items are read by ``assistant.evals.items`` and scored by ``assistant.evals.scoring``.
Follow-ups are asked after their history, in one conversation, and retrieved with the
question as the assistant resolves it.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError, IndexLockedError
from assistant.evals.baseline import BaselinePipeline
from assistant.evals.items import MODES, GoldenItem, Page, load_set
from assistant.evals.scoring import ItemResult, score_answer, summarize
from assistant.evals.sets import SETS, QuestionSet
from assistant.pipeline import PolicyAssistant
from assistant.settings import PROJECT_ROOT
from assistant.types import Answer

# The sets, results and eval indexes stay in the top-level evals/ folder (the layout).
EVALS_DIR = PROJECT_ROOT / "evals"
RESULTS_DIR = EVALS_DIR / "results"
WORK_DIR = EVALS_DIR / ".work"  # indexes of the sets asked of other corpora
DEFAULT_CONFIG = "hybrid+mmr"
RETRIEVAL_K = 10


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
    result.citations = [f"[{c.n}] {c.source} {c.where}" for c in answer.citations]
    result.declined_by = answer.extras.get("declined_by") if answer.abstained else None
    result.support = answer.extras.get("support")
    score_answer(item, answer, result)
    return result


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
    try:
        report = assistant.ingest([corpus])
    except IndexLockedError:
        # Another run is refreshing the same index (evals side by side share a --work
        # folder): its index is read as it stands rather than failing this run.
        if assistant.documents():
            return None
        raise
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
    an index of its own under ``work`` (reused and refreshed incrementally), shared by the
    sets asked of the same corpus."""
    if question_set.bundled:
        return assistant
    settings = assistant.settings.model_copy(
        update={"index_dir": work / f"{question_set.index_name}-index", "chroma_url": None,
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
