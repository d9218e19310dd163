"""The bench's report: ``bench.json`` and ``bench.md`` from its results, merged over an
earlier run's (``--merge``), with the hand-written part of bench.md kept."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SYSTEMS = ("assistant", "baseline", "server")
# bench.md below this line is written by hand (before/after, analysis); the bench keeps it.
HAND_WRITTEN = (
    "<!-- Written by hand below this line; the bench keeps it when it rewrites the tables. -->"
)


def write_report(out: Path, results: dict[str, Any], kept: list[dict]) -> None:
    """bench.json and bench.md in ``out``: ``results`` over the ``kept`` scales."""
    merged = {**results, "scales": merge_scales(kept, results["scales"])}
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps(merged, indent=1) + "\n", encoding="utf-8")
    page = out / "bench.md"
    previous = page.read_text(encoding="utf-8") if page.exists() else ""
    tail = previous[previous.index(HAND_WRITTEN) :] if HAND_WRITTEN in previous else ""
    page.write_text(to_markdown(merged) + ("\n" + tail if tail else ""), encoding="utf-8")


def merge_scales(kept: list[dict], measured: list[dict]) -> list[dict]:
    """The measured scales, each over the kept one of its size (systems not measured now
    stay), and the kept sizes not measured."""
    previous = {s["size"]: s for s in kept}
    merged = []
    for scale in measured:
        scale = {**previous.pop(scale["size"], {}), **scale}
        merged.append({**scale, "ratios": ratios(scale)})
    return list(previous.values()) + merged


def ratios(scale: dict[str, Any]) -> dict[str, float | None]:
    """Assistant over baseline: >1 means the assistant is slower / bigger / hungrier."""
    a, b = scale.get("assistant") or scale.get("server"), scale.get("baseline")
    if not a or not b:
        return {}

    def ratio(x: float | None, y: float | None) -> float | None:
        return round(x / y, 2) if x and y else None

    return {
        "startup": ratio(a["startup_seconds"], b["startup_seconds"]),
        "answer_p50": ratio(a["answer_ms"]["p50"], b["answer_ms"]["p50"]),
        "answer_p95": ratio(a["answer_ms"]["p95"], b["answer_ms"]["p95"]),
        "index_seconds": ratio(a["index_seconds"], b["index_seconds"]),
        "peak_rss": ratio(a["peak_rss_mb"], b["peak_rss_mb"]),
        "disk": ratio(a["disk_mb"], b["disk_mb"]),
    }


def to_markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    packages = ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v)
    c = results["corpus_ingest"]
    lines = [
        "# Benchmarks",
        "",
        f"Generated {results['generated']} by `python -m assistant.evals.bench`.",
        "",
        (
            f"Machine: {m['cpu']}, {m['nproc']} CPUs, {m['ram_gb']} GB RAM, "
            f"Python {m['python']}, {m['platform']}. Packages: {packages}."
        ),
        "",
        (
            f"Load average (1/5/15 min) before: {m['load_average']}, after: "
            f"{results['load_average_after']}; other work on the machine inflates latencies."
        ),
        "",
        (
            f"## Ingest of the bundled corpus ({c['pages']} pages; model loaded once, "
            f"{c['model_load_seconds']} s)"
        ),
        "",
        "| pipeline | chunks | seconds | pages/s | chunks/s | index MB |",
        "|---|---|---|---|---|---|",
    ]
    for name in ("assistant", "baseline"):
        f = c[name]
        lines.append(
            f"| {name} | {f['chunks']} | {f['seconds']} | {f['pages_per_s']} | "
            f"{f['chunks_per_s']} | {f['disk_mb']} |"
        )
    lines += [
        "",
        "## Scale",
        "",
        (
            "| chunks | system | index s | chunks/s | start-up s | answer p50/p95 ms | "
            "country filter p50/p95 | document filter p50/p95 | recall | peak RSS MB | disk MB |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]

    def pair(s: dict[str, Any], key: str) -> str:
        return f"{s[key]['p50']} / {s[key]['p95']}" if key in s else "–"

    for scale in sorted(results["scales"], key=lambda x: x["size"]):
        for system in SYSTEMS:
            if system not in scale:
                continue
            s = scale[system]
            recall = s.get("recall@5", s.get("recall@4"))
            rss = f"{s['peak_rss_mb']}" + (
                f" (+ server {s['server_peak_rss_mb']})" if s.get("server_peak_rss_mb") else ""
            )
            lines.append(
                f"| {scale['size']:,} | {system} | {s['index_seconds']} | {s['index_chunks_per_s']} | "
                f"{s['startup_seconds']} | {pair(s, 'answer_ms')} | {pair(s, 'answer_country_ms')} | "
                f"{pair(s, 'answer_document_ms')} | {recall} | {rss} | {s['disk_mb']} |"
            )
    lines += [
        "",
        "Start-up of the answering process, in seconds (imports, model load and warm-up, "
        "opening the index, first answer) where measured:",
        "",
        "| chunks | system | imports | model | open index | first answer | total | RSS after start-up MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for scale in sorted(results["scales"], key=lambda x: x["size"]):
        for system in SYSTEMS:
            s = scale.get(system) or {}
            if "open_index_seconds" in s:
                lines.append(
                    f"| {scale['size']:,} | {system} | {s['import_seconds']} | {s['model_seconds']} | "
                    f"{s['open_index_seconds']} | {s['first_answer_seconds']} | "
                    f"{s['startup_seconds']} | {s['rss_after_startup_mb']} |"
                )
    names = list(dict.fromkeys(k for scale in results["scales"] for k in scale["ratios"]))
    if names:
        lines += ["", "Assistant / baseline ratios (>1: the assistant takes more):", ""]
        lines += ["| chunks | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
        for scale in sorted(results["scales"], key=lambda x: x["size"]):
            if scale["ratios"]:
                cells = (str(scale["ratios"].get(k) or "–") for k in names)
                lines.append(f"| {scale['size']:,} | " + " | ".join(cells) + " |")
    lines += ["", "Synthetic corpora:", ""]
    for scale in sorted(results["scales"], key=lambda x: x["size"]):
        lines.append(
            f"- {scale['size']:,} chunks: {scale['real_chunks']} real, {scale['embedded_variants']} "
            f"embedded variants ({scale['embed_chunks_per_s'] or '–'} chunks/s), "
            f"{scale['noisy_copies']} noisy copies; {scale.get('queries', 40)} questions timed"
        )
    lines += ["", "Notes:", ""] + [f"- {n}" for n in results["notes"]]
    return "\n".join(lines) + "\n"
