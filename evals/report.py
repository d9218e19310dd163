"""Eval results as a table: one row per configuration, for the terminal and for Markdown."""

from __future__ import annotations

from typing import Any

# (header, path into a configuration's summary, format)
COLUMNS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("R@1", ("retrieval", "recall@1"), "{:.2f}"),
    ("R@5", ("retrieval", "recall@5"), "{:.2f}"),
    ("R@10", ("retrieval", "recall@10"), "{:.2f}"),
    ("MRR", ("retrieval", "mrr"), "{:.2f}"),
    ("facts", ("answers", "key_fact_coverage"), "{:.2f}"),
    ("cite prec", ("answers", "citation_precision"), "{:.2f}"),
    ("cite rec", ("answers", "citation_recall"), "{:.2f}"),
    ("num faith", ("answers", "number_faithfulness"), "{:.2f}"),
    ("abstain", ("answers", "abstention_accuracy"), "{:.2f}"),
    ("false abst", ("answers", "false_abstention_rate"), "{:.2f}"),
    ("ret p50 ms", ("retrieval", "latency_ms", "p50"), "{:.0f}"),
    ("ask p50 ms", ("answers", "latency_ms", "p50"), "{:.0f}"),
    ("ask p95 ms", ("answers", "latency_ms", "p95"), "{:.0f}"),
    ("ingest s", ("ingest_seconds",), "{:.1f}"),
)


def _cell(summary: dict[str, Any], path: tuple[str, ...], fmt: str) -> str:
    value: Any = summary
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return "–" if value is None else fmt.format(value)


def rows(results: dict[str, Any]) -> list[list[str]]:
    """One row per configuration (the Markdown layout)."""
    return [
        [name, *(_cell(summary, path, fmt) for _, path, fmt in COLUMNS)]
        for name, summary in results["configs"].items()
    ]


def headers() -> list[str]:
    return ["config", *(h for h, _, _ in COLUMNS)]


def to_markdown(results: dict[str, Any]) -> str:
    golden = results["golden"]
    index = results["index"]
    lines = [
        "# Evaluation results",
        "",
        f"Generated {results['generated']} on {golden['items']} golden questions "
        f"({golden['answerable']} answerable, {golden['unanswerable']} unanswerable; modes "
        + ", ".join(f"{m} {n}" for m, n in golden["modes"].items())
        + f"; {golden['follow_ups']} follow-ups). Index: {index['documents']} documents, "
        f"{index['chunks']} chunks.",
        "",
        "| " + " | ".join(headers()) + " |",
        "|" + "---|" * len(headers()),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results)]
    lines += ["", "Configurations:", ""]
    lines += [f"- `{name}`: {s['description']}" for name, s in results["configs"].items()]
    lines += ["", "Notes:", ""] + [f"- {note}" for note in results["notes"]]
    for name, failures in results["failures"].items():
        lines += ["", f"## Failing items: {name} ({len(failures)})", ""]
        for failure in failures:
            lines.append(
                f"- `{failure['id']}` ({failure['mode']}) {failure['question']!r}: "
                + "; ".join(failure["problems"])
            )
    return "\n".join(lines) + "\n"


def print_table(results: dict[str, Any], console: Any) -> None:
    """Metrics down, configurations across, so five configurations fit 80 columns."""
    from rich.table import Table

    names = list(results["configs"])
    table = Table(title=f"Golden set: {results['golden']['items']} questions")
    table.add_column("metric")
    for name in names:
        table.add_column(name, justify="right")
    for header, path, fmt in COLUMNS:
        table.add_row(header, *(_cell(results["configs"][n], path, fmt) for n in names))
    console.print(table)
    for name, failures in results["failures"].items():
        console.print(f"{name}: {len(failures)} items with problems")
