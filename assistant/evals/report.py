"""Eval results as tables: one row per set and configuration, for the terminal and Markdown."""

from __future__ import annotations

from typing import Any

SHIPPED = "hybrid+mmr"  # the configuration whose failing items are listed

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
    """One row per set and configuration (the Markdown layout)."""
    return [
        [set_name, data["role"], name, *(_cell(summary, path, fmt) for _, path, fmt in COLUMNS)]
        for set_name, data in results["sets"].items()
        for name, summary in data["configs"].items()
    ]


def headers() -> list[str]:
    return ["set", "role", "config", *(h for h, _, _ in COLUMNS)]


def _describe(name: str, data: dict[str, Any]) -> str:
    q = data["questions"]
    index = data["index"]
    return (
        f"- `{name}` ({data['role']}): {data['description']}; {q['items']} questions "
        f"({q['answerable']} answerable, {q['unanswerable']} unanswerable; modes "
        + ", ".join(f"{m} {n}" for m, n in q["modes"].items())
        + f"; {q['follow_ups']} follow-ups); index of {index['documents']} documents, "
        f"{index['chunks']} chunks."
    )


def without_held_out_items(results: dict[str, Any]) -> dict[str, Any]:
    """The results to save: a held-out set keeps its figures, not its items or failures,
    so that nobody tunes on them by reading the results file."""
    sets = {
        name: data if data["role"] == "development" else {**data, "items": {}, "failures": {}}
        for name, data in results["sets"].items()
    }
    return {**results, "sets": sets}


def to_markdown(results: dict[str, Any]) -> str:
    lines = [
        "# Evaluation results",
        "",
        (
            f"Generated {results['generated']}. Development sets are looked at and tuned on; "
            "held-out sets are only measured (see evals/README.md)."
        ),
        "",
        "Sets:",
        "",
    ]
    lines += [_describe(name, data) for name, data in results["sets"].items()]
    lines += [f"- `{name}`: skipped, {reason}" for name, reason in results["skipped"].items()]
    lines += [
        "",
        "| " + " | ".join(headers()) + " |",
        "|" + "---|" * len(headers()),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows(results)]
    configs = {n: s["description"] for d in results["sets"].values() for n, s in d["configs"].items()}
    lines += ["", "Configurations:", ""]
    lines += [f"- `{name}`: {description}" for name, description in configs.items()]
    if results["notes"]:
        lines += ["", "Notes:", ""] + [f"- {note}" for note in results["notes"]]
    lines += _shortfall_table(results)
    for set_name, data in results["sets"].items():
        # Items are listed for development sets only: a held-out set's items stay unseen,
        # so nobody tunes on them; its figures above are all that is reported.
        if data["role"] != "development":
            continue
        for name, failures in data["failures"].items():
            if name != SHIPPED:
                continue
            lines += ["", f"## Failing items: {set_name} / {name} ({len(failures)})", ""]
            for failure in failures:
                lines.append(
                    f"- `{failure['id']}` ({failure['mode']}) {failure['question']!r}: "
                    + "; ".join(failure["problems"])
                )
    return "\n".join(lines) + "\n"


def _shortfall_table(results: dict[str, Any]) -> list[str]:
    """Per set, where the shipped configuration lost key facts (items / key facts lost):
    held-out sets included, as counts only."""
    lines = [
        "",
        f"Where key facts are lost ({SHIPPED}; items / key facts lost):",
        "",
        "| set | declined | page in top 5, facts missing | page not in top 5 | declined by | by mode |",
        "|---|---|---|---|---|---|",
    ]
    for set_name, data in results["sets"].items():
        lost = data["configs"].get(SHIPPED, {}).get("shortfalls")
        if lost is None:
            continue
        cells = [f"{lost[s]['items']} / {lost[s]['facts_lost']:.1f}"
                 for s in ("declined", "page_retrieved", "page_not_retrieved")]
        tallies = [", ".join(f"{k} {n}" for k, n in sorted(lost[t].items())) or "–"
                   for t in ("declined_by", "by_mode")]
        lines.append("| " + " | ".join([set_name, *cells, *tallies]) + " |")
    return lines


def print_table(results: dict[str, Any], console: Any) -> None:
    """Per set, metrics down and configurations across, so five configurations fit 80
    columns."""
    from rich.table import Table

    for set_name, data in results["sets"].items():
        names = list(data["configs"])
        table = Table(
            title=f"{set_name} ({data['role']}): {data['questions']['items']} questions"
        )
        table.add_column("metric")
        for name in names:
            table.add_column(name, justify="right")
        for header, path, fmt in COLUMNS:
            table.add_row(header, *(_cell(data["configs"][n], path, fmt) for n in names))
        console.print(table)
        for name, failures in data["failures"].items():
            console.print(f"{set_name}/{name}: {len(failures)} items with problems")
    for name, reason in results["skipped"].items():
        console.print(f"{name}: skipped, {reason}")
