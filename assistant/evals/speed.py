"""Batch answering speed, start-up included: `assistant ask --questions` against the plain
tutorial pipeline on the same golden questions, side by side in one run (not a test).

    python -m assistant.evals.speed [--runs 3] [--json]

Both indexes are built first (not timed). Each timed run is a fresh process that loads its
model and index and answers every golden question; runs alternate between the two so that
machine noise hits both alike. Reports the median wall time of each, their ratio, and the
assistant's per-question p50/p95 (retrieve + answer) from its JSON timings.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.evals.sets import GOLDEN_SETS, SETS
from assistant.metrics import percentile
from assistant.settings import PROJECT_ROOT, Settings

GOLDEN = [f for name in GOLDEN_SETS for f in SETS[name].files]


def batch_file(directory: Path) -> Path:
    """The golden questions as `assistant ask --questions` input lines."""
    path = directory / "questions.jsonl"
    with path.open("w", encoding="utf-8") as out:
        lines = [ln for f in GOLDEN for ln in f.read_text(encoding="utf-8").splitlines()]
        for line in lines:
            item = json.loads(line)
            row = {"id": item["id"], "question": item["question"], "mode": item.get("mode", "answer")}
            if item.get("country"):
                row["country"] = item["country"]
            out.write(json.dumps(row) + "\n")
    return path


def baseline_batch(index: Path, questions: Path) -> None:
    """Entry point of a timed baseline run: load, answer every question, print JSON lines."""
    from assistant.embedding import get_embedder
    from assistant.evals.baseline import BaselinePipeline

    pipeline = BaselinePipeline(get_embedder(Settings().embedding_model), index)
    for line in questions.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        answer = pipeline.answer(item["question"])
        answer.id = item["id"]
        print(json.dumps(answer.to_json()))


def _timed(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return time.perf_counter() - started, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each pipeline")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--baseline-batch", nargs=2, metavar=("INDEX", "QUESTIONS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline_batch:
        baseline_batch(Path(args.baseline_batch[0]), Path(args.baseline_batch[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        questions = batch_file(root)
        index, base_index = root / "index", root / "baseline"
        print("building both indexes (not timed) ...", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "assistant.cli", "ingest", str(PROJECT_ROOT / "corpus"),
             "--index", str(index), "--json"],
            check=True, capture_output=True,
        )
        from assistant.embedding import get_embedder
        from assistant.evals.baseline import BaselinePipeline

        BaselinePipeline(get_embedder(Settings().embedding_model), base_index).ingest(
            sorted((PROJECT_ROOT / "corpus").glob("*.pdf"))
        )
        ours = [sys.executable, "-m", "assistant.cli", "ask", "--questions", str(questions),
                "--json", "--index", str(index)]
        theirs = [sys.executable, "-m", "assistant.evals.speed", "--baseline-batch", str(base_index), str(questions)]
        times: dict[str, list[float]] = {"assistant": [], "baseline": []}
        per_question: list[float] = []
        for run in range(args.runs):
            print(f"run {run + 1}/{args.runs} ...", file=sys.stderr)
            seconds, out = _timed(ours)
            times["assistant"].append(seconds)
            per_question = [
                a["timings"]["retrieve_ms"] + a["timings"]["answer_ms"]
                for a in map(json.loads, out.splitlines())
                if "timings" in a
            ]
            times["baseline"].append(_timed(theirs)[0])
    result = {
        "questions": len(per_question),
        "assistant_seconds": statistics.median(times["assistant"]),
        "baseline_seconds": statistics.median(times["baseline"]),
        "ratio": statistics.median(times["assistant"]) / statistics.median(times["baseline"]),
        "per_question_ms": {"p50": percentile(per_question, 50), "p95": percentile(per_question, 95)},
        "runs": times,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{result['questions']} questions, start-up included: assistant "
            f"{result['assistant_seconds']:.1f} s, baseline {result['baseline_seconds']:.1f} s, "
            f"ratio {result['ratio']:.2f}; assistant per question p50 "
            f"{result['per_question_ms']['p50']:.0f} ms, p95 {result['per_question_ms']['p95']:.0f} ms"
        )


if __name__ == "__main__":
    main()
