"""Benchmarks (not a test): ingest throughput, start-up, answer latency with and without
filters, peak memory and index size, the assistant beside the tutorial baseline.

    python -m assistant.evals.bench [--sizes 10000,100000,1000000] [--quick] [--json]

1. The bundled corpus is ingested by the assistant and by the tutorial baseline
   (``evals/baseline.py``): pages/s and chunks/s, model already loaded.
2. At each size a synthetic corpus is made from the bundled documents' chunks: the real
   chunks (so golden questions keep their answers) plus variants with other country names
   and perturbed numbers (one document per variant). The first ``--real-embeddings``
   variant chunks are embedded for real; the rest reuse one of those vectors (same source
   chunk) plus small Gaussian noise, since embedding a million chunks on 2 CPU cores would
   take days.
3. Each system indexes the same passages and vectors in a build process, then a fresh ask
   process opens the index and answers (``bench_workers``): start-up to the first answer,
   answer p50/p95 without a filter, with a country filter and with a document filter, peak
   RSS of that process (what a UI server holds). Systems: the assistant on an embedded
   store, the baseline (embedded Chroma, top-4 dense), and the assistant as a UI server
   against a local ``chroma run`` server (up to ``--server-max`` chunks), whose own memory
   is reported apart. The server serves the assistant's embedded build itself (same files):
   one build per size, not a second one through HTTP.

Results go to ``evals/results/bench.md`` and ``bench.json`` (text below ``HAND_WRITTEN`` in
bench.md is kept). With ``--work`` the corpora and builds stay there and a later run reuses
them: a million chunks take an hour to build on 2 cores.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import click
import numpy as np

from assistant.evals.bench_corpus import NOISE, corpus_at
from assistant.evals.bench_report import SYSTEMS, ratios, to_markdown, write_report
from assistant.evals.bench_workers import FILTER_COUNTRY, REPEATS, dir_mb, rss_of
from assistant.evals.items import load_set
from assistant.evals.run import RESULTS_DIR
from assistant.evals.servers import free_port, stop, wait_until_up
from assistant.evals.sets import GOLDEN_SETS, SETS
from assistant.types import Chunk

PACKAGES = ("chromadb", "sentence-transformers", "torch", "bm25s", "numpy", "pypdf", "policy-assistant")


def log(message: str) -> None:
    click.echo(f"[bench {time.strftime('%H:%M:%S')}] {message}", err=True)


# ---- machine -------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor() or "unknown",
    )  # fmt: skip
    mem_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )  # fmt: skip
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "cpu": cpu,
        "nproc": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024**2, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
    }


# ---- 1. the bundled corpus --------------------------------------------------------------
def bench_corpus_ingest(work: Path, corpus: Path) -> tuple[dict[str, Any], Path]:
    """Ingest the bundled PDFs with both pipelines; returns figures and the assistant index."""
    import pypdf

    from assistant.embedding import get_embedder
    from assistant.evals.baseline import BaselinePipeline
    from assistant.pipeline import PolicyAssistant
    from assistant.settings import Settings

    settings = Settings(index_dir=work / "corpus-index", corpus_dir=corpus)
    for folder in (settings.index_dir, work / "corpus-baseline"):  # a kept --work folder
        shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    embedder = get_embedder(settings.embedding_model, settings.embedding_batch_size)
    embedder.embed(["warm-up"])
    model_seconds = time.perf_counter() - started
    pdfs = sorted(corpus.glob("*.pdf"))
    pages = sum(len(pypdf.PdfReader(p).pages) for p in pdfs)

    report = PolicyAssistant(settings).ingest([corpus])
    baseline = BaselinePipeline(embedder, work / "corpus-baseline").ingest(pdfs)
    figures = {
        "pages": pages,
        "model_load_seconds": round(model_seconds, 2),
        "assistant": _throughput(pages, report.chunks, report.seconds),
        "baseline": _throughput(pages, baseline.chunks, baseline.seconds),
    }
    figures["assistant"]["disk_mb"] = dir_mb(settings.index_dir)
    figures["baseline"]["disk_mb"] = dir_mb(work / "corpus-baseline")
    return figures, settings.index_dir


def _throughput(pages: int, chunks: int, seconds: float) -> dict[str, Any]:
    return {
        "chunks": chunks,
        "seconds": round(seconds, 2),
        "pages_per_s": round(pages / seconds, 1),
        "chunks_per_s": round(chunks / seconds, 1),
    }


# ---- 3. one system, two processes ----------------------------------------------------
def benchmark_queries(limit: int) -> list[tuple[str, set[tuple[str, int]], str]]:
    """(question, expected pages, the document that answers it) for answerable items."""
    items = [
        i for name in GOLDEN_SETS for i in load_set(SETS[name])
        if i.answerable and i.mode == "answer" and not i.history and i.pages and i.source
    ]  # fmt: skip
    return [(i.question, i.expected_pages, Path(i.source).name) for i in items[:limit]]


def run_worker(system: str, phase: str, data: Path | None, index: Path, queries: int,
               chroma_url: str | None) -> dict:
    from assistant.evals import bench_workers as w

    if phase == "build":
        assert data is not None
        if system == "baseline":
            return w.build_baseline(data, index)
        return w.build_assistant(data, index)
    asked = benchmark_queries(queries)
    if system == "baseline":
        return w.ask_baseline(index, asked)
    return w.ask_assistant(index, chroma_url, asked)


def spawn_worker(system: str, phase: str, data: Path, index: Path, queries: int,
                 chroma_url: str | None = None, niceness: int = 0) -> dict:
    from assistant.evals.bench_workers import SPAWNED_AT

    command = [
        sys.executable, "-m", "assistant.evals.bench", "--worker", system, "--phase", phase,
        "--data", str(data), "--index", str(index), "--queries", str(queries),
    ]  # fmt: skip
    if chroma_url:
        command += ["--chroma-url", chroma_url]
    # Question embeddings on one thread: two threads on a shared 2-core machine wait for
    # each other whenever another process holds a core.
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
           "OMP_NUM_THREADS": "1", SPAWNED_AT: repr(time.time())}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False,
                          preexec_fn=(lambda: os.nice(niceness)) if niceness else None)
    if done.returncode != 0:
        raise click.ClickException(f"{system} {phase} worker failed: {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def built(system: str, data: Path, index: Path, queries: int, niceness: int) -> dict:
    """Build figures of ``index``: read from its ``build.json`` when a finished build is
    there (a kept ``--work`` folder), else built now. The file is written last, so an
    interrupted build is never reused."""
    done = index / "build.json"
    if done.exists():
        figures = json.loads(done.read_text())
        log(f"reusing the build at {index} (finished {figures['built_at']})")
        return figures
    shutil.rmtree(index, ignore_errors=True)
    figures = spawn_worker(system, "build", data, index, queries, niceness=niceness)
    figures["built_at"] = time.strftime("%Y-%m-%d %H:%M:%S")
    done.write_text(json.dumps(figures) + "\n")
    return figures


# ---- Chroma server ---------------------------------------------------------------------
def with_chroma_server(store: Path, server_log: Path, run: Callable[[str], dict]) -> dict:
    """Serve the persisted store at ``store`` with `chroma run` on a free loopback port,
    call run(url), stop the server. The server reads the embedded build's files as they
    are (same on-disk format), so one build serves both systems."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    with server_log.open("w") as log_file:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "chroma"), "run", "--path", str(store),
             "--host", "127.0.0.1", "--port", str(port)],
            stdout=log_file, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
        try:
            try:
                wait_until_up(f"{url}/api/v2/heartbeat", server, timeout=120, log=server_log)
            except RuntimeError as exc:
                raise click.ClickException(str(exc)) from None
            warm_up = warm_up_server(store, url)
            result = run(url)
            result["server_warm_up_seconds"] = warm_up
            result["server_peak_rss_mb"] = rss_of(server.pid)
            return result
        finally:
            stop(server, timeout=10)


def warm_up_server(store: Path, url: str) -> float:
    """Seconds of the server's first query, which loads the vector index from disk: UI
    servers start against a server that is already up, so this is not their start-up."""
    from assistant.settings import Settings
    from assistant.store import ChromaStore

    started = time.perf_counter()
    chroma = ChromaStore(Settings(index_dir=store, chroma_url=url))
    vector = np.asarray(chroma.chunks.get(limit=1, include=["embeddings"])["embeddings"][0])
    chroma.query(vector, 1)
    return round(time.perf_counter() - started, 2)


# ---- the run ---------------------------------------------------------------------------
def run_bench(sizes: list[int], queries: int, real: int, server_max: int, embedded_max: int,
              systems: tuple[str, ...], work: Path, keep: bool = False, build_nice: int = 0,
              save: Callable[[dict], None] = lambda results: None) -> dict:
    """Every size and system, in the order given; ``save`` is called after each system, so
    a long run that is stopped keeps what it measured. With ``keep`` a size's synthetic
    corpus and builds stay in ``work`` and a later run reuses them."""
    from assistant.embedding import get_embedder
    from assistant.settings import PROJECT_ROOT, Settings
    from assistant.store import ChromaStore

    results: dict[str, Any] = {"generated": time.strftime("%Y-%m-%d %H:%M:%S"), "machine": machine()}
    log("ingesting the bundled corpus with the assistant and the baseline")
    corpus_figures, corpus_index = bench_corpus_ingest(work, PROJECT_ROOT / "corpus")
    results["corpus_ingest"] = corpus_figures
    store = ChromaStore(Settings(index_dir=corpus_index))
    got = store.chunks.get(include=["embeddings", "documents", "metadatas"])
    order = sorted(range(len(got["ids"])), key=lambda i: got["ids"][i])
    base = [Chunk.from_metadata(got["ids"][i], got["documents"][i], got["metadatas"][i]) for i in order]
    base_vectors = np.array([got["embeddings"][i] for i in order], dtype=np.float32)
    embedder = get_embedder(Settings().embedding_model)
    results["scales"] = []
    for size in sizes:
        data = work / f"data-{size}"
        scale: dict[str, Any] = {"size": size, "queries": queries,
                                 **corpus_at(data, size, base, base_vectors, real, embedder, log)}
        for system in systems:
            if system == "server" and size > server_max:
                continue
            if system != "server" and size > embedded_max:
                continue
            log(f"{size:,} chunks: {system}")
            if system == "baseline":
                index = work / f"baseline-{size}"
                figures = built("baseline", data, index, queries, build_nice)
                figures.update(spawn_worker("baseline", "ask", data, index, queries))
            else:
                # The assistant's embedded store, built once: the server row serves the
                # same files with `chroma run` (a build through HTTP costs an hour at 1M).
                index = work / f"assistant-{size}"
                figures = built("assistant", data, index, queries, build_nice)
                if system == "server":
                    figures.update(with_chroma_server(
                        index, work / f"server-{size}.log",
                        lambda url, index=index, data=data: spawn_worker("server", "ask", data, index, queries, url),
                    ))  # fmt: skip
                    figures["build"] = "the assistant's embedded build, served by `chroma run`"
                else:
                    figures.update(spawn_worker("assistant", "ask", data, index, queries))
            figures["disk_mb"] = dir_mb(index)
            scale[system] = figures
            log(f"{size:,} chunks: {system}: {json.dumps(figures)}")
            scale["ratios"] = ratios(scale)
            results["scales"] = [s for s in results["scales"] if s is not scale] + [scale]
            results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
            results["notes"] = notes(real)
            save(results)
        if not keep:
            for folder in (data, work / f"assistant-{size}", work / f"baseline-{size}"):
                shutil.rmtree(folder, ignore_errors=True)
    return results


def notes(real: int) -> list[str]:
    return [
        (
            f"Queries: the first answerable golden questions in answer mode (how many: above), each "
            f"timed {REPEATS} times (fastest counts), question embeddings on one thread. Country "
            f"filter: {FILTER_COUNTRY}; document filter: the document that answers the question."
        ),
        (
            "Start-up: from spawning a fresh process to its first answer (imports, model, "
            "opening the index, one question); import_seconds is the imports' share."
        ),
        (
            f"Synthetic chunks beyond the variants embedded for real ({real} in this run; per "
            f"size above) reuse a real vector of the same source chunk plus Gaussian noise of "
            f"norm {NOISE}."
        ),
        (
            "At scale both systems index the same passages and vectors: the difference is the "
            "retrieval and answer stack, not chunking. Baseline recall is recall@4 (its top 4)."
        ),
        (
            "Peak RSS (VmHWM) is that of the process answering questions (a UI server's); the "
            "build process's peak is in bench.json (build_peak_rss_mb); the server row adds "
            "the Chroma server's own peak separately."
        ),
    ]


@click.command()
@click.option("--sizes", default="10000,100000,1000000", show_default=True, help="Corpus sizes in chunks, comma-separated.")
@click.option("--quick", is_flag=True, help="1,000 chunks, 10 questions, 200 real embeddings.")
@click.option("--queries", type=click.IntRange(1), default=40, show_default=True, help="Questions timed per system.")
@click.option("--real-embeddings", "real", type=click.IntRange(1), default=1000, show_default=True, help="Variant chunks embedded for real per size.")
@click.option("--systems", default=",".join(SYSTEMS), show_default=True, help="Systems to run, comma-separated, in this order.")
@click.option("--server-max", type=click.IntRange(0), default=1_000_000, show_default=True, help="Largest size also run against a Chroma server.")
@click.option("--embedded-max", type=click.IntRange(0), default=1_000_000, show_default=True, help="Largest size run on embedded stores (assistant, baseline).")
@click.option("--merge", is_flag=True, help="Keep the sizes and systems of an existing bench.json that this run does not measure.")
@click.option("--work", type=click.Path(file_okay=False, path_type=Path), default=None, help="Folder kept for the synthetic corpora and builds, reused by a later run (default: a temporary one); ~7 GB per million chunks and system.")
@click.option("--build-nice", type=click.IntRange(0, 19), default=0, show_default=True, help="Niceness of the build processes (a shared machine); questions run at normal priority.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=RESULTS_DIR, show_default="evals/results")
@click.option("--json", "as_json", is_flag=True, help="Print the results JSON on stdout.")
@click.option("--worker", type=click.Choice(["assistant", "baseline", "server"]), hidden=True)
@click.option("--phase", type=click.Choice(["build", "ask"]), hidden=True)
@click.option("--data", type=click.Path(path_type=Path), hidden=True)
@click.option("--index", type=click.Path(path_type=Path), hidden=True)
@click.option("--chroma-url", hidden=True)
def main(
    sizes: str, quick: bool, queries: int, real: int, systems: str, server_max: int,
    embedded_max: int, merge: bool, work: Path | None, build_nice: int, out: Path, as_json: bool,
    worker: str | None, phase: str | None, data: Path | None, index: Path | None,
    chroma_url: str | None,
) -> None:  # fmt: skip
    """Ingest throughput, start-up, latency, peak memory and index size against the baseline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    if worker:
        assert phase is not None and index is not None
        click.echo(json.dumps(run_worker(worker, phase, data, index, queries, chroma_url)))
        return
    try:
        size_list = [1000] if quick else [int(s.replace("_", "")) for s in sizes.split(",") if s.strip()]
    except ValueError:
        raise click.BadParameter(f"'{sizes}' is not a comma-separated list of integers", param_hint="--sizes") from None
    chosen = tuple(dict.fromkeys(s.strip() for s in systems.split(",") if s.strip()))
    if unknown := set(chosen) - set(SYSTEMS):
        raise click.BadParameter(f"unknown systems {sorted(unknown)}; known: {', '.join(SYSTEMS)}", param_hint="--systems")
    if quick:
        queries, real = min(queries, 10), min(real, 200)
    previous = out / "bench.json"
    kept = json.loads(previous.read_text())["scales"] if merge and previous.exists() else []

    def save(results: dict) -> None:
        write_report(out, results, kept)

    if work is not None:
        work.mkdir(parents=True, exist_ok=True)
        results = run_bench(size_list, queries, real, server_max, embedded_max, chosen, work,
                            True, build_nice, save)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
            results = run_bench(size_list, queries, real, server_max, embedded_max, chosen,
                                Path(tmp), False, build_nice, save)
    save(results)
    log(f"results: {out / 'bench.md'}, {out / 'bench.json'}")
    if as_json:
        click.echo(json.dumps(results))
    else:
        click.echo(to_markdown(results))


if __name__ == "__main__":
    main()
