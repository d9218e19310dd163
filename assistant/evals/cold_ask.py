"""A cold `assistant ask`, this checkout against another revision, side by side in one run
(not a test).

    python -m assistant.evals.cold_ask [--before main] [--runs 5] [--index DIR] [--json]

Each timed run is a fresh `python -m assistant.cli ask QUESTION --index DIR` process, as a
user types it: interpreter start, imports, opening the index, loading the embedder,
answering. The other revision is unpacked with `git archive` into a temporary folder and run
with PYTHONPATH pointing at it, on the same index, the same interpreter and the same caches;
runs alternate between the two (one untimed run of each first, to fill the page cache), so
machine noise hits both alike. Reported per side: median wall time and median user and
system CPU time of the process (CPU time depends far less on what else the shared machine
runs than wall time), and the load average around the runs. Without --index the bundled
corpus is indexed first into a temporary folder (not timed).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from assistant.settings import PROJECT_ROOT

QUESTION = "What is Indonesia's EGDI score?"


def unpack(revision: str, target: Path) -> Path:
    """The package of a git revision of this checkout, unpacked into ``target``."""
    archive = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "archive", revision, "assistant"],
        check=True, capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def timed_ask(code: Path, index: Path, question: str, bytecode: bool) -> dict[str, float]:
    """One cold ask with the package in ``code``: wall, user and system seconds."""
    env = {**os.environ, "PYTHONPATH": str(code), "HF_HUB_OFFLINE": "1",
           "ANONYMIZED_TELEMETRY": "False"}
    if bytecode:  # as a user's Python does: modules compiled once, then read from __pycache__
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    else:  # every module compiled from source at each start
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ask", question, "--index", str(index)],
        check=True, capture_output=True, env=env, cwd=code,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall": wall,
        "user": after.ru_utime - before.ru_utime,
        "sys": after.ru_stime - before.ru_stime,
    }


def measure(sides: dict[str, Path], index: Path, runs: int, question: str,
            bytecode: bool = True) -> dict:
    for code in sides.values():
        timed_ask(code, index, question, bytecode)  # untimed: page cache, one-time files
    times: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
    load_before = os.getloadavg()
    for run in range(runs):
        for name, code in sides.items():
            times[name].append(timed_ask(code, index, question, bytecode))
            print(f"  run {run + 1} {name}: {times[name][-1]['wall']:.2f} s", file=sys.stderr)
    load_after = os.getloadavg()
    result: dict = {"question": question, "runs": runs, "bytecode_cache": bytecode,
                    "load_average": {"before": [round(x, 2) for x in load_before],
                                     "after": [round(x, 2) for x in load_after]},
                    "sides": {}}
    for name, rows in times.items():
        result["sides"][name] = {
            key: round(statistics.median(r[key] for r in rows), 3)
            for key in ("wall", "user", "sys")
        } | {"cpu": round(statistics.median(r["user"] + r["sys"] for r in rows), 3),
             "walls": [round(r["wall"], 2) for r in rows]}
    return result


def markdown(result: dict, before: str) -> str:
    sides = result["sides"]
    lines = [
        f"`assistant ask \"{result['question']}\"` in a fresh process on the bundled index, "
        f"{result['runs']} runs of each, alternating; medians; "
        + ("modules read from __pycache__ as a user's Python does"
           if result["bytecode_cache"] else "PYTHONDONTWRITEBYTECODE=1 (every module compiled "
           "at each start)")
        + f". Load average (1/5/15 min) "
        f"before {result['load_average']['before']}, after {result['load_average']['after']}.",
        "",
        "| code | wall s | user CPU s | system CPU s | CPU s | wall of each run |",
        "|---|---|---|---|---|---|",
    ]
    for name, s in sides.items():
        lines.append(f"| {name} | {s['wall']:.2f} | {s['user']:.2f} | {s['sys']:.2f} | "
                     f"{s['cpu']:.2f} | {', '.join(f'{w:.2f}' for w in s['walls'])} |")
    if before in sides and "this checkout" in sides:
        ours, theirs = sides["this checkout"], sides[before]
        lines += ["", f"Ratio this checkout / {before}: wall {ours['wall'] / theirs['wall']:.2f}, "
                  f"CPU {ours['cpu'] / theirs['cpu']:.2f}."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="main", help="git revision to compare with")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each side")
    parser.add_argument("--index", type=Path, help="index to ask (default: bundled corpus)")
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-bytecode-cache", action="store_true",
                        help="compile every module at each start (PYTHONDONTWRITEBYTECODE=1)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index = args.index
        if index is None:
            index = Path(tmp) / "index"
            print("indexing the bundled corpus (not timed) ...", file=sys.stderr)
            subprocess.run(
                [sys.executable, "-m", "assistant.cli", "ingest", str(PROJECT_ROOT / "corpus"),
                 "--index", str(index), "--json"],
                check=True, capture_output=True, cwd=PROJECT_ROOT,
                env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
            )
        here = PROJECT_ROOT
        if args.no_bytecode_cache:  # scripts/setup.sh compiled the checkout: a copy without
            here = Path(tmp) / "this"
            shutil.copytree(PROJECT_ROOT / "assistant", here / "assistant",
                            ignore=shutil.ignore_patterns("__pycache__"))
        sides = {args.before: unpack(args.before, Path(tmp) / "before"), "this checkout": here}
        result = measure(sides, index, args.runs, args.question, not args.no_bytecode_cache)
    print(json.dumps(result, indent=1) if args.json else markdown(result, args.before))


if __name__ == "__main__":
    main()
