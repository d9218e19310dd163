"""Quality floors per question set, the sets' own integrity, and the eval harness.

The floors run the assistant as shipped (``hybrid+mmr``) once per session on every set;
each floor sits a stated margin below the figure measured when it was set (FLOORS), and
its failure message lists the offending items. The outside set needs
../shared/corpus-real and is skipped, with that reason, where it is absent.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import D8_PDF
from page_text import missing_facts

from assistant.evals.baseline import BaselinePipeline, split_text
from assistant.evals.cli import eval_command
from assistant.evals.items import GoldenItem, load_set
from assistant.evals.run import DEFAULT_CONFIG, run_set, set_assistant
from assistant.evals.sets import SETS, SETS_DIR, QuestionSet
from assistant.pipeline import PolicyAssistant

# The first test of a set builds its index (outside: 22 documents, scans by OCR) and answers
# every item (409 outside); at a load of 10 that took more than the suite's 10 minutes.
pytestmark = pytest.mark.timeout(1800)

SNAPSHOTS = SETS_DIR.parent / "snapshots"
# Margin between a measured figure and its floor: noise-free metrics can still move by an
# item or two when an unrelated change shifts a tie, and a floor must not flip on that.
MARGIN = 0.03
# Items of a development set's snapshot that may fail before the snapshot test does: 2%
# of them, at least one. The int8 vectors differ in their last digits from one CPU to
# another (onnxruntime's kernels): the twenty-fourth close's code, its indexes rebuilt on
# an AMD EPYC without AVX-512, lost 5 of the 434 outside items that passed on the close's
# machine and passed 1 other; golden-dev lost none. Near-ties, not regressions.
SNAPSHOT_SLACK_SHARE = 0.02
# Measured on 2026-11-29, twenty-eighth session's close (parser 16), on the indexes built
# at the twenty-sixth close (int8 vectors, chunk vectors pooled from their units', as a new index is;
# evals/results/latest.md), rounded down (false declines up) to two places; floor =
# measured - MARGIN. The target for abstention on negatives is 1.0 on every set (issue 11);
# where a set is below it, the floor guards the measured value until the gap is closed, and
# the README says so.
MEASURED: dict[str, dict[str, float]] = {
    "golden-dev": {"facts": 0.99, "cite_prec": 0.99, "cite_rec": 0.99, "num_faith": 1.0,
                   "abstain": 1.0, "false_abst": 0.0},
    # Twenty-fifth close: 0.951 -> 0.936 (see the README; the session's start measured on
    # the same machine gives 0.936 too, so it is the machine, not the code).
    # Twenty-sixth: precision 0.956 -> 0.965.
    "golden-heldout": {"facts": 0.93, "cite_prec": 0.96, "cite_rec": 1.0, "num_faith": 1.0,
                       "abstain": 1.0, "false_abst": 0.0},
    # With the blind batches outside-fresh3 to -fresh10 (30 items each, thirteenth to
    # twentieth sessions; first runs 0.46, 0.62, 0.63, 0.42, 0.61, 0.42, 0.63 and 0.68 key
    # facts) in it. Every negative declined since the nineteenth session (a date, a year or
    # an organisation must be stated with the event asked; the year asked is the asking
    # clause's). Twentieth session: precision 0.871 -> 0.860 as fresh10 (0.71) joined.
    # Twenty-first: 0.810 -> 0.793, 0.860 -> 0.846 as fresh11 (first run 0.52) joined; its
    # 469 earlier items unchanged at 0.810 / 0.860. Twenty-second: fresh12 (first run 0.71)
    # joined at 0.789 / 0.850; rules of this session 0.804 / 0.859. Twenty-third: fresh13
    # (first run 0.68, 5 of 25 answerable declined) joined at 0.793 / 0.853, false declines
    # 2.7% -> 3.6%; rules of this session 0.814 / 0.862, 3.4%. Twenty-fourth: rules of this
    # session 0.814 -> 0.835 / 0.868, 2.3% on the 559; fresh14 (first run 0.70, two of its
    # four negatives answered) joined at 0.830 / 0.867, 2.9%. Twenty-fifth, on an AMD EPYC
    # (the close's indexes rebuilt there: 0.828 / 0.865 at the start): rules of this session
    # 0.835 / 0.868 on the 579, every negative declined; fresh15 (first run 0.64, its four
    # negatives declined) joined at 0.828 / 0.868, 2.8%. Twenty-sixth: rules of this
    # session 0.828 -> 0.832 / 0.868 -> 0.876 on the 599, every negative declined; fresh16
    # (first run 0.53, one of its four negatives answered) joined at 0.823 / 0.876, 2.9%:
    # the floor guards 98 of 99 until that negative is declined. Twenty-seventh: rules of
    # this session 0.823 -> 0.831 / 0.876 on the 619, every negative declined (of16's too);
    # fresh17 (first run 0.75, two of its four negatives answered) joined at 0.828 / 0.875,
    # 3.0%: the floor guards 101 of 103. Twenty-eighth: rules of this session 0.828 ->
    # 0.840 / 0.881 on the 639, every negative declined (of17's two too); fresh18 (first
    # run 0.69, two of its four negatives answered) joined at 0.836 / 0.878, 2.5%: the
    # floor guards 105 of 107. Twenty-ninth: rules of this session 0.836 -> 0.838 / 0.877
    # on the 659, every negative declined (of18's two too); fresh19 (first run 0.64, its
    # four negatives declined) joined at 0.832 / 0.872, 2.5%, every negative declined.
    # Thirtieth: rules of this session 0.832 -> 0.844 / 0.871 on the 679, 2.5% -> 1.6%,
    # every negative declined; fresh20 (first run 0.69, two of its four negatives answered)
    # joined at 0.840 / 0.871, 1.7%: the floor guards 113 of 115.
    "outside": {"facts": 0.83, "cite_prec": 0.87, "cite_rec": 0.98, "num_faith": 1.0,
                "abstain": 0.98, "false_abst": 0.02},
    # One of its 8 negatives was answered from the sixteenth session (lower-case acronyms read
    # as printed in capitals, a2fb095) to the twenty-sixth, whose close declines all 8.
    # Nineteenth session: one false decline fewer (a list of participants answers a person
    # asked by role), but that answer misses its fact, so precision fell 0.878 -> 0.869.
    # Twentieth session (declines22): one answer lost a fact, 0.859 -> 0.843; precision
    # 0.869 -> 0.881. Twenty-fourth session: 0.882 -> 0.877 (rounded down to 0.87).
    # Twenty-fifth: precision 0.877 -> 0.888. Thirtieth: 0.843 -> 0.859, the first move
    # since the twenty-sixth.
    "wording": {"facts": 0.85, "cite_prec": 0.88, "cite_rec": 1.0, "num_faith": 1.0,
                "abstain": 1.0, "false_abst": 0.02},
}


def available_sets(shipped_only: bool = True) -> list[Any]:
    """The sets as pytest params, skipped where their documents are absent. The quality
    floors run only the shipped sets (a hand-run development set costs CI nothing)."""
    return [
        pytest.param(name, id=name, marks=pytest.mark.skipif(bool(s.missing()), reason=s.missing() or ""))
        for name, s in SETS.items()
        if s.shipped or not shipped_only
    ]


@pytest.fixture(scope="module")
def runs(assistant: PolicyAssistant, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Each set's results with the shipped configuration, computed once when first asked."""
    work = tmp_path_factory.mktemp("eval-work")
    cache: dict[str, Any] = {}

    def run(name: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        if name not in cache:
            data = run_set(SETS[name], assistant, [DEFAULT_CONFIG], work)
            cache[name] = (data["configs"][DEFAULT_CONFIG], data["items"][DEFAULT_CONFIG])
        return cache[name]

    return run  # type: ignore[return-value]


def report(results: list[dict[str, Any]], failed) -> str:
    lines = [
        f"{r['id']} {r['question']!r}: {'; '.join(r['problems']) or r['answer'][:200]}"
        for r in results
        if failed(r)
    ]
    return f"{len(lines)} items:\n" + "\n".join(lines)


def floor(name: str, metric: str) -> float:
    return round(MEASURED[name][metric] - MARGIN, 2)


def negatives_floor(name: str, negatives: int) -> float:
    """One negative of a small set is more than the margin (1 of 22 is 0.045): the floor
    lets one item flip, as the margin does elsewhere."""
    return min(floor(name, "abstain"), MEASURED[name]["abstain"] - 1 / max(negatives, 1))


def false_declines_ceiling(name: str) -> float:
    return round(MEASURED[name]["false_abst"] + MARGIN, 2)


def floors_table() -> str:
    """The README's table of floors, rendered from MEASURED: the README states the floors
    the tests apply, not a copy that drifts from them."""
    def at_least(name: str, metric: str) -> str:
        return f"≥ {floor(name, metric):.2f} ({MEASURED[name][metric]:.2f})"

    rows = ["| set | key facts | citation precision / recall | number faithfulness "
            "| negatives declined | false declines |", "|---|---|---|---|---|---|"]
    for name, m in MEASURED.items():
        negatives = sum(not i.answerable for i in _items(name))
        rows.append(
            f"| `{name}` | {at_least(name, 'facts')} | {at_least(name, 'cite_prec')} / "
            f"{at_least(name, 'cite_rec')} | {at_least(name, 'num_faith')} | "
            f"≥ {negatives_floor(name, negatives):.2f} ({m['abstain']:.2f}) | "
            f"≤ {false_declines_ceiling(name):.0%} ({m['false_abst']:.0%}) |")
    return "\n".join(rows)


# ---- the sets themselves ----------------------------------------------------------------
def _items(name: str) -> list[GoldenItem]:
    return load_set(SETS[name])


@pytest.mark.parametrize("name", list(SETS))
def test_a_set_has_unique_ids_negatives_and_well_formed_items(name: str) -> None:
    question_set = SETS[name]
    if any(not f.is_file() for f in question_set.files):
        pytest.skip(question_set.missing() or "")
    items = _items(name)
    assert len({i.id for i in items}) == len(items)
    negatives = [i for i in items if not i.answerable]
    required = {"outside": 15, "outside-heldout": 8, "wording": 6, "wording-fresh": 6,
                "wording-dev": 8}
    assert len(negatives) >= required.get(name, 4), name
    for item in negatives:
        assert item.facts == () and item.source is None and item.pages == (), item.id
    for item in items:
        if item.answerable:
            assert item.facts and item.source and item.pages, item.id


def test_sets_asked_of_one_corpus_are_answered_from_one_eval_index(tmp_path: Path) -> None:
    """Running the outside sets together ingests the real documents once, not once a set."""
    by_corpus: dict[Path, set[Path]] = {}
    for question_set in SETS.values():
        if not question_set.bundled:
            index = set_assistant(question_set, PolicyAssistant(), tmp_path).settings.index_dir
            by_corpus.setdefault(question_set.corpus, set()).add(index)
    assert by_corpus and all(len(indexes) == 1 for indexes in by_corpus.values()), by_corpus


def test_the_sets_have_the_sizes_the_issue_asks_for() -> None:
    sizes = {name: len(_items(name)) for name in SETS if not any(
        not f.is_file() for f in SETS[name].files)}
    assert sizes.get("golden-dev", 0) + sizes.get("golden-heldout", 0) == 135
    assert sizes.get("outside", 80) >= 80
    assert sizes.get("wording", 40) >= 40
    assert sizes.get("wording-dev", 40) >= 40
    golden = _items("golden-dev") + _items("golden-heldout")
    modes = Counter(item.mode for item in golden)
    assert all(modes[m] >= 3 for m in ("answer", "compare", "brief", "prompts")), modes
    assert sum(bool(item.history) for item in golden) >= 3


@pytest.mark.parametrize(("name", "frozen"), [
    ("golden-heldout", "1c1f9fa8cf29c2c59edd809b4454237966925036a6a45851e6dfeb8d08e5f45f"),
    ("outside-heldout", "7b0b158a242da2c18bbcf8fe9ce3dccdc89838845d5651e07058664207caed74"),
    ("wording-fresh", "797e0e24346bb79811cdeb821323604c7b587b3fc38eaab0050ec55f63f2ce9a"),
])
def test_a_held_out_set_is_frozen(name: str, frozen: str) -> None:
    """A held-out set may not change once written (golden-heldout at the split, 2026-11-25;
    outside-heldout and wording-fresh when committed, 2026-11-27): its ids are fixed."""
    import hashlib

    ids = sorted(i.id for i in _items(name))
    assert hashlib.sha256("\n".join(ids).encode()).hexdigest() == frozen, ids


@pytest.mark.parametrize("name", available_sets(shipped_only=False))
def test_every_expected_fact_is_printed_on_the_pages_the_set_names(name: str) -> None:
    question_set: QuestionSet = SETS[name]
    wrong = []
    for item in _items(name):
        if item.answerable:
            path = question_set.corpus / item.source  # type: ignore[operator]
            assert path.is_file(), f"{item.id}: no file {path}"
            wrong += [f"{item.id}: {f}" for f in missing_facts(path, item.pages, item.facts)]
    assert not wrong, wrong


# ---- quality floors (the assistant as shipped) ------------------------------------------
@pytest.mark.parametrize("name", available_sets())
def test_key_facts_are_covered(runs, name: str) -> None:
    summary, results = runs(name)
    coverage = summary["answers"]["key_fact_coverage"]
    failed = lambda r: r["answerable"] and (r["coverage"] or 0) < 1  # noqa: E731
    assert coverage >= floor(name, "facts"), report(results, failed)


@pytest.mark.parametrize("name", available_sets())
def test_citations_point_at_the_expected_pages(runs, name: str) -> None:
    summary, results = runs(name)
    failed = lambda r: r["citation_precision"] is not None and r["citation_precision"] < 1  # noqa: E731
    assert summary["answers"]["citation_precision"] >= floor(name, "cite_prec"), report(results, failed)


@pytest.mark.parametrize("name", available_sets())
def test_statements_are_supported_by_their_citations(runs, name: str) -> None:
    summary, results = runs(name)
    failed = lambda r: r["citation_recall"] is not None and r["citation_recall"] < 1  # noqa: E731
    assert summary["answers"]["citation_recall"] >= floor(name, "cite_rec"), report(results, failed)


@pytest.mark.parametrize("name", available_sets())
def test_numbers_in_answers_are_in_cited_passages(runs, name: str) -> None:
    summary, results = runs(name)
    failed = lambda r: r["number_faithfulness"] is not None and r["number_faithfulness"] < 1  # noqa: E731
    assert summary["answers"]["number_faithfulness"] >= floor(name, "num_faith"), report(results, failed)


@pytest.mark.parametrize("name", available_sets())
def test_unanswerable_questions_are_declined(runs, name: str) -> None:
    summary, results = runs(name)
    failed = lambda r: not r["answerable"] and not r["abstained"]  # noqa: E731
    limit = negatives_floor(name, sum(not r["answerable"] for r in results))
    assert summary["answers"]["abstention_accuracy"] >= limit - 1e-9, report(results, failed)


@pytest.mark.parametrize("name", available_sets())
def test_answerable_questions_are_rarely_declined(runs, name: str) -> None:
    summary, results = runs(name)
    failed = lambda r: r["answerable"] and r["abstained"]  # noqa: E731
    assert summary["answers"]["false_abstention_rate"] <= false_declines_ceiling(name), report(results, failed)


def test_the_readme_states_the_floors_the_tests_apply() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert floors_table() in readme, "README's floors table differs; paste:\n" + floors_table()


@pytest.mark.parametrize(
    "name", [n for n, s in SETS.items() if s.role == "development" and s.shipped]
)
def test_development_items_that_passed_still_pass(runs, name: str) -> None:
    """Per-item regression snapshot of a development set: an item that passed when the
    snapshot was taken must still pass. UPDATE_SNAPSHOTS=1 rewrites the snapshot (do it
    when a change makes more items pass, and say so in the commit)."""
    if SETS[name].missing():
        pytest.skip(SETS[name].missing() or "")
    _, results = runs(name)
    passing = sorted(r["id"] for r in results if not r["problems"])
    path = SNAPSHOTS / f"{name}.json"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.write_text(json.dumps(passing, indent=1) + "\n", encoding="utf-8")
    snapshot = set(json.loads(path.read_text(encoding="utf-8")))
    broken = sorted(snapshot - set(passing))
    slack = max(1, int(SNAPSHOT_SLACK_SHARE * len(snapshot)))
    assert len(broken) <= slack, report(results, lambda r: r["id"] in broken)


# ---- the harness ------------------------------------------------------------------------
def test_eval_command_writes_results_for_each_configuration(
    corpus_settings, tmp_path: Path
) -> None:
    questions = tmp_path / "picked.jsonl"
    lines = [ln for f in SETS["golden-dev"].files + SETS["golden-heldout"].files
             for ln in f.read_text().splitlines()]
    picked = [ln for ln in lines if json.loads(ln)["id"] in
              {"egdi-indonesia", "no-brazil-egdi", "follow-egypt"}]
    questions.write_text("\n".join(picked) + "\n")
    out = tmp_path / "results"
    result = CliRunner().invoke(
        eval_command,
        ["--questions", str(questions), "--index", str(corpus_settings.index_dir),
         "--config", "bm25", "--config", DEFAULT_CONFIG, "--out", str(out), "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)["sets"]["picked"]
    assert list(data["configs"]) == ["bm25", DEFAULT_CONFIG]
    assert data["questions"] == {
        "items": 3, "answerable": 2, "unanswerable": 1,
        "modes": {"answer": 3, "compare": 0, "brief": 0, "prompts": 0}, "follow_ups": 1,
    }
    retrieval = data["configs"][DEFAULT_CONFIG]["retrieval"]
    assert retrieval["questions"] == 2 and 0 <= retrieval["mrr"] <= 1
    saved = json.loads((out / "latest.json").read_text())["sets"]["picked"]
    assert saved["configs"].keys() == data["configs"].keys()
    markdown = (out / "latest.md").read_text()
    assert "| picked | development | hybrid+mmr |" in markdown and "| bm25 |" in markdown


def test_eval_command_skips_a_set_whose_documents_are_absent(
    corpus_settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dataclasses import replace

    monkeypatch.setitem(SETS, "outside", replace(SETS["outside"], corpus=tmp_path / "absent"))
    result = CliRunner().invoke(
        eval_command,
        ["--set", "outside", "--index", str(corpus_settings.index_dir), "--config",
         DEFAULT_CONFIG, "--out", str(tmp_path / "results"), "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["sets"] == {} and "absent" in data["skipped"]["outside"]


def test_eval_command_names_a_bad_question_line(tmp_path: Path) -> None:
    questions = tmp_path / "golden.jsonl"
    questions.write_text('{"id": "x", "question": "q", "answerable": true, "facts": []}\n{"id": 2}\n')
    result = CliRunner().invoke(eval_command, ["--questions", str(questions), "--out", str(tmp_path)])
    assert result.exit_code == 2
    # one line naming the file, the line and the field (assistant/jsonl.py reads it strictly)
    assert f"{questions}: line 2: bad question" in result.output
    assert len(result.output.strip().splitlines()) == 1


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
