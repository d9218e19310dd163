"""Quality floors on the golden set, and the eval harness that measures them.

The floors run the assistant as shipped (``hybrid+mmr``) once per session on every golden
question; each floor is its own test whose failure message lists the offending items.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from conftest import CORPUS, D8_PDF

from assistant.pipeline import PolicyAssistant
from evals.baseline import BaselinePipeline, split_text
from evals.cli import eval_command
from evals.run import CONFIGS, DEFAULT_CONFIG, GOLDEN, ItemResult, load_golden, run_config

ITEMS = load_golden(GOLDEN)


@cache
def page_texts(source: str) -> list[str]:
    reader = pypdf.PdfReader(CORPUS / source)
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


@pytest.fixture(scope="module")
def default_run(assistant: PolicyAssistant) -> tuple[dict, list[ItemResult]]:
    return run_config(CONFIGS[DEFAULT_CONFIG], ITEMS, assistant)


def report(results: list[ItemResult], failed) -> str:
    lines = [f"{r.id} {r.question!r}: {'; '.join(r.problems) or r.answer[:200]}" for r in results if failed(r)]
    return f"{len(lines)} items:\n" + "\n".join(lines)


# ---- the golden set itself --------------------------------------------------------------
def test_golden_set_covers_every_kind_of_question() -> None:
    modes = Counter(item.mode for item in ITEMS)
    assert len(ITEMS) >= 80
    assert len({item.id for item in ITEMS}) == len(ITEMS)
    assert sum(not item.answerable for item in ITEMS) >= 12
    assert all(modes[m] >= 3 for m in ("answer", "compare", "brief", "prompts")), modes
    assert sum(bool(item.history) for item in ITEMS) >= 3
    assert {item.source for item in ITEMS if item.answerable} == {
        p.name for p in CORPUS.glob("*.pdf")
    }


def test_every_expected_fact_is_printed_on_the_pages_the_golden_set_names() -> None:
    wrong = []
    for item in ITEMS:
        if not item.answerable:
            assert item.facts == () and item.source is None and item.pages == (), item.id
            continue
        text = " ".join(page_texts(item.source)[p - 1] for p in item.pages)
        wrong += [
            f"{item.id}: {fact}"
            for fact in item.facts
            if not any(re.search(alt, text, re.IGNORECASE) for alt in fact)
        ]
    assert not wrong, wrong


# ---- quality floors (the assistant as shipped) ------------------------------------------
def test_key_facts_are_covered(default_run) -> None:
    summary, results = default_run
    coverage = summary["answers"]["key_fact_coverage"]
    assert coverage >= 0.90, report(results, lambda r: r.answerable and (r.coverage or 0) < 1)


def test_citations_point_at_the_expected_pages(default_run) -> None:
    summary, results = default_run
    precision = summary["answers"]["citation_precision"]
    failed = lambda r: r.citation_precision is not None and r.citation_precision < 1
    assert precision >= 0.95, report(results, failed)


def test_every_number_in_an_answer_is_in_a_cited_passage(default_run) -> None:
    summary, results = default_run
    failed = lambda r: r.number_faithfulness is not None and r.number_faithfulness < 1
    assert summary["answers"]["number_faithfulness"] == 1.0, report(results, failed)


def test_unanswerable_questions_are_declined(default_run) -> None:
    summary, results = default_run
    failed = lambda r: not r.answerable and not r.abstained
    assert summary["answers"]["abstention_accuracy"] == 1.0, report(results, failed)


def test_answerable_questions_are_rarely_declined(default_run) -> None:
    summary, results = default_run
    failed = lambda r: r.answerable and r.abstained
    assert summary["answers"]["false_abstention_rate"] <= 0.05, report(results, failed)


def test_an_answer_page_is_among_the_top_five_passages(default_run) -> None:
    summary, results = default_run
    expected = {item.id: item.expected_pages for item in ITEMS}
    failed = lambda r: r.retrieved is not None and not set(r.retrieved[:5]) & expected[r.id]
    assert summary["retrieval"]["recall@5"] >= 0.95, report(results, failed)


# ---- the harness ------------------------------------------------------------------------
def test_eval_command_writes_results_for_each_configuration(
    corpus_settings, tmp_path: Path
) -> None:
    golden = tmp_path / "golden.jsonl"
    picked = [i for i in GOLDEN.read_text().splitlines() if json.loads(i)["id"] in
              {"egdi-indonesia", "no-brazil-egdi", "follow-egypt"}]
    golden.write_text("\n".join(picked) + "\n")
    out = tmp_path / "results"
    result = CliRunner().invoke(
        eval_command,
        ["--golden", str(golden), "--index", str(corpus_settings.index_dir),
         "--config", "bm25", "--config", DEFAULT_CONFIG, "--out", str(out), "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data["configs"]) == ["bm25", DEFAULT_CONFIG]
    assert data["golden"] == {
        "items": 3, "answerable": 2, "unanswerable": 1,
        "modes": {"answer": 3, "compare": 0, "brief": 0, "prompts": 0}, "follow_ups": 1,
    }
    retrieval = data["configs"][DEFAULT_CONFIG]["retrieval"]
    assert retrieval["questions"] == 2 and 0 <= retrieval["mrr"] <= 1
    assert json.loads((out / "latest.json").read_text())["configs"].keys() == data["configs"].keys()
    markdown = (out / "latest.md").read_text()
    assert "| hybrid+mmr |" in markdown and "| bm25 |" in markdown


def test_eval_command_names_a_bad_golden_line(tmp_path: Path) -> None:
    golden = tmp_path / "golden.jsonl"
    golden.write_text('{"id": "x", "question": "q", "answerable": true, "facts": []}\n{"id": 2}\n')
    result = CliRunner().invoke(eval_command, ["--golden", str(golden), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{golden}:2: bad golden item" in result.output


def test_baseline_splits_pages_and_cites_its_top_four_chunks(
    assistant: PolicyAssistant, tmp_path: Path
) -> None:
    assert [len(w) for w in split_text("word " * 500)] == [999, 994, 904]
    baseline = BaselinePipeline(assistant.retriever.embedder, tmp_path / "baseline")
    built = baseline.ingest([D8_PDF])
    assert built.pages == 22 and built.chunks >= 22
    answer = baseline.answer("What was Indonesia's EGDI score in 2020?")
    assert not answer.abstained and answer.backend == "baseline"
    assert [c.n for c in answer.citations] == [1, 2, 3, 4]
    assert all(c.source == D8_PDF.name and 1 <= c.page <= 22 for c in answer.citations)
    assert answer.answer.count("\n") == 3 and answer.answer.endswith("[4]")
