"""Batch answering speed, start-up included: `assistant ask --questions` against the plain
tutorial pipeline on the same golden questions, side by side in one run (not a test).

    python -m assistant.evals.speed [--runs 3] [--against REV ...] [--index DIR] [--json]

Both indexes are built first (not timed; ``--index`` names a built one of this checkout's
format instead), and every side's package is compiled to bytecode first, as `scripts/setup.sh`
does: its modules are read from __pycache__ as a user's Python reads them, whatever
PYTHONDONTWRITEBYTECODE says (with it set and no bytecode, each start compiled the
assistant's ~60 modules from source, more than the tutorial's dozen: 0.05-0.1 s a run). Each timed run is a fresh process that loads its model and index and
answers every golden question; runs alternate between the sides so that machine noise hits
them alike: this checkout, the tutorial and, with ``--against REV``, the assistant at another
git revision (unpacked as `cold_ask` does, same interpreter, index and caches; ``--against``
repeated, each revision given). Reports per
side the median wall time and the median CPU time of the process (user + system, which
depends far less on what else a shared machine runs), their ratios to the tutorial, the load
average, and the assistant's per-question p50/p95 (retrieve + answer) from its JSON timings.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.settings import PROJECT_ROOT, Settings

# The timed tutorial run imports this module too: what only the harness uses (the sets,
# the metrics, and through them bm25s and scipy, ~0.2 s) is imported where it is used, so
# the tutorial side is not charged for the assistant's imports.
TUTORIAL = "tutorial"


def batch_file(directory: Path) -> Path:
    """The golden questions as `assistant ask --questions` input lines."""
    from assistant.evals.sets import GOLDEN_SETS, SETS

    path = directory / "questions.jsonl"
    golden = [f for name in GOLDEN_SETS for f in SETS[name].files]
    with path.open("w", encoding="utf-8") as out:
        lines = [ln for f in golden for ln in f.read_text(encoding="utf-8").splitlines()]
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


def _compiled(code: Path) -> Path:
    """``code``, its package's modules compiled to bytecode (see the module's docstring)."""
    compileall.compile_dir(code / "assistant", quiet=1)
    return code


def _timed(command: list[str], code: Path) -> tuple[float, float, str]:
    """Wall and CPU seconds of a fresh process running ``command`` with the package in
    ``code``, and its output."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=env, cwd=code)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each side")
    parser.add_argument("--against", metavar="REV", action="append", default=[],
                        help="also time the assistant at this git revision (repeatable)")
    parser.add_argument("--index", type=Path, help="a built index of the bundled corpus to ask")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--baseline-batch", nargs=2, metavar=("INDEX", "QUESTIONS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline_batch:
        baseline_batch(Path(args.baseline_batch[0]), Path(args.baseline_batch[1]))
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        questions = batch_file(root)
        index, base_index = args.index or root / "index", root / "baseline"
        print("building the indexes (not timed) ...", file=sys.stderr)
        if args.index is None:
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
        ask = [sys.executable, "-m", "assistant.cli", "ask", "--questions", str(questions),
               "--json", "--index", str(index)]
        sides: dict[str, tuple[list[str], Path]] = {"assistant": (ask, _compiled(PROJECT_ROOT))}
        for rev in args.against:
            from assistant.evals.cold_ask import unpack

            sides[rev] = (ask, _compiled(unpack(rev, root / f"against-{rev}")))
        sides[TUTORIAL] = (
            [sys.executable, "-m", "assistant.evals.speed", "--baseline-batch", str(base_index),
             str(questions)],
            PROJECT_ROOT,
        )
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
        per_question: list[float] = []
        load_before = os.getloadavg()
        for run in range(args.runs):
            print(f"run {run + 1}/{args.runs} ...", file=sys.stderr)
            for name, (command, code) in sides.items():
                wall, cpu, out = _timed(command, code)
                times[name].append((wall, cpu))
                if name == "assistant":
                    per_question = [
                        a["timings"]["retrieve_ms"] + a["timings"]["answer_ms"]
                        for a in map(json.loads, out.splitlines())
                        if "timings" in a
                    ]
        load_after = os.getloadavg()
    from assistant.metrics import percentile

    median = {name: (statistics.median(w for w, _ in rows), statistics.median(c for _, c in rows))
              for name, rows in times.items()}
    base_wall, base_cpu = median[TUTORIAL]
    result = {
        "questions": len(per_question),
        "assistant_seconds": median["assistant"][0],
        "baseline_seconds": base_wall,
        "ratio": median["assistant"][0] / base_wall,
        "cpu_ratio": median["assistant"][1] / base_cpu,
        "per_question_ms": {"p50": percentile(per_question, 50), "p95": percentile(per_question, 95)},
        "sides": {name: {"wall": wall, "cpu": cpu, "ratio": wall / base_wall,
                         "cpu_ratio": cpu / base_cpu} for name, (wall, cpu) in median.items()},
        "load_average": {"before": [round(x, 2) for x in load_before],
                         "after": [round(x, 2) for x in load_after]},
        "runs": times,
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['questions']} questions, start-up included, {args.runs} runs of each side "
          f"alternating, medians; load {result['load_average']['before'][0]:.1f} -> "
          f"{result['load_average']['after'][0]:.1f}")
    for name, side in result["sides"].items():
        print(f"  {name}: wall {side['wall']:.1f} s (ratio {side['ratio']:.2f}), "
              f"CPU {side['cpu']:.1f} s (ratio {side['cpu_ratio']:.2f})")
    print(f"  assistant per question p50 {result['per_question_ms']['p50']:.0f} ms, "
          f"p95 {result['per_question_ms']['p95']:.0f} ms")


if __name__ == "__main__":
    main()
