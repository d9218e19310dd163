"""Ingest time against the tutorial pipeline, side by side in one run (not a test).

    python -m assistant.evals.ingest_speed [--runs 2] [--real] [--json]

Each timed run is a fresh process, start-up and model loading included, as a user runs it:
``assistant ingest FOLDER`` into an empty index, and the tutorial pipeline
(``baseline.py``: pypdf pages, 1,000-character splits, MiniLM, Chroma) over the same PDFs,
once with sentence-transformers (what a tutorial uses) and once with the assistant's own
embedding backend. Runs alternate so that machine noise hits all alike; medians reported.
``--real`` adds the text PDFs of ../shared/corpus-real/: a PDF without a text layer (no
page with 20 letters in pypdf's text) is a scan, which the tutorial pipeline cannot read and
the assistant reads by OCR, so it is left out and named on stderr. A text PDF with a few
image-only pages stays in, OCR and all: that is work the assistant does for its users. ``--against DIR`` also times the assistant of another
checkout (e.g. main's, before a change) in the same alternation, so a change is measured
against what it changes side by side, not against a figure from another hour's load.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.settings import PROJECT_ROOT

REAL = PROJECT_ROOT.parent / "shared" / "corpus-real" / "pdf"
# Letters a page needs in its text layer for the file to count as a text PDF.
_TEXT_PAGE_LETTERS = 20
SYSTEMS = {
    "assistant": None,
    "tutorial (sentence-transformers)": "sentence-transformers",
    "tutorial (onnx fp32)": "onnx",
}


def has_text_layer(pdf: Path) -> bool:
    """True when some page's text layer holds words (KrattVisionPaper.pdf, a Word export
    whose text is all images, holds only bullet glyphs: a scan in all but name)."""
    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # font warnings are no finding here
    for page in pypdf.PdfReader(pdf).pages:
        if sum(c.isalpha() for c in page.extract_text() or "") >= _TEXT_PAGE_LETTERS:
            return True
    return False


def baseline_ingest(folder: Path, index: Path, backend: str) -> None:
    """Entry point of a timed tutorial run: load the model, ingest every PDF."""
    from assistant.embedding import get_embedder
    from assistant.evals.baseline import BaselinePipeline
    from assistant.settings import Settings

    embedder = get_embedder(Settings().embedding_model, backend=backend)  # type: ignore[arg-type]
    BaselinePipeline(embedder, index).ingest(sorted(folder.glob("*.pdf")))


def _timed(command: list[str], checkout: Path | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children): on a shared machine
    the CPU time varies less with the load than the wall time does."""
    env = dict(os.environ, PYTHONPATH=str(checkout)) if checkout else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # `python -m` puts the working folder before PYTHONPATH: run in the checkout itself.
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=checkout)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(
    folder: Path, runs: int, work: Path, against: Path | None = None
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """(wall seconds, CPU seconds) of each pipeline's runs."""
    systems = dict(SYSTEMS)
    if against is not None:
        systems[f"assistant of {against}"] = None
    times: dict[str, list[float]] = {name: [] for name in systems}
    cpu: dict[str, list[float]] = {name: [] for name in systems}
    for run in range(runs):
        for name, backend in systems.items():
            index = work / f"{len(os.listdir(work))}"
            if backend is None:
                command = [sys.executable, "-m", "assistant.cli", "ingest", str(folder),
                           "--index", str(index), "--json"]  # fmt: skip
            else:
                command = [sys.executable, "-m", "assistant.evals.ingest_speed",
                           "--baseline", str(folder), str(index), backend]  # fmt: skip
            checkout = against if name.startswith("assistant of") else None
            wall, used = _timed(command, checkout)
            times[name].append(round(wall, 2))
            cpu[name].append(round(used, 2))
            print(
                f"  run {run + 1} {name}: {wall:.2f} s (CPU {used:.2f} s, load "
                f"{os.getloadavg()[0]:.1f})",
                file=sys.stderr,
            )
    return times, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2, help="timed runs of each pipeline")
    parser.add_argument("--real", action="store_true", help="also the text PDFs of corpus-real")
    parser.add_argument("--only-real", action="store_true", help="corpus-real only")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--against",
        type=Path,
        metavar="DIR",
        help="also time the assistant of this checkout (its root folder)",
    )
    parser.add_argument("--baseline", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.baseline:
        baseline_ingest(Path(args.baseline[0]), Path(args.baseline[1]), args.baseline[2])
        return
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpora = {} if args.only_real else {"bundled corpus": PROJECT_ROOT / "corpus"}
        if (args.real or args.only_real) and REAL.is_dir():
            texts = Path(tmp) / "corpus-real-text-pdfs"
            texts.mkdir()
            for pdf in sorted(REAL.glob("*.pdf")):
                if has_text_layer(pdf):
                    (texts / pdf.name).symlink_to(pdf)
                else:
                    print(f"left out, no text layer (a scan): {pdf.name}", file=sys.stderr)
            corpora["corpus-real text PDFs"] = texts
        for label, folder in corpora.items():
            print(f"{label}:", file=sys.stderr)
            work = Path(tmp) / label.replace(" ", "-")
            work.mkdir()
            times, cpu = measure(folder, args.runs, work, args.against)
            medians = {name: statistics.median(t) for name, t in times.items()}
            cpu_medians = {name: statistics.median(t) for name, t in cpu.items()}
            results[label] = {
                "seconds": medians,
                "ratios": _ratios(medians),
                "cpu_seconds": cpu_medians,
                "cpu_ratios": _ratios(cpu_medians),
                "runs": times,
                "cpu_runs": cpu,
                "load_average": [round(x, 1) for x in os.getloadavg()],
            }
    if args.json:
        print(json.dumps(results, indent=1))
        return
    for label, r in results.items():
        print(f"{label}: " + ", ".join(f"{n} {s:.1f} s" for n, s in r["seconds"].items()))
        print("  ratio assistant / " + ", ".join(f"{n}: {x:.2f}" for n, x in r["ratios"].items()))
        print(
            "  CPU ratio assistant / "
            + ", ".join(f"{n}: {x:.2f}" for n, x in r["cpu_ratios"].items())
        )


def _ratios(medians: dict[str, float]) -> dict[str, float]:
    ours = medians["assistant"]
    return {n: round(ours / s, 2) for n, s in medians.items() if n != "assistant"}


if __name__ == "__main__":
    main()
