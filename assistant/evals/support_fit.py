"""Place ``min_support`` from the development sets' answers: above every negative whose
decline hangs on support, midway to the next answerable question.

    assistant eval --set golden-dev --set outside --set wording-dev --set golden-fresh \\
        --config hybrid+mmr --json > dev.json
    python -m assistant.evals.support_fit dev.json
    python -m assistant.evals.support_fit dev.json --table   # the trade-off around it

Only development items are read (a results file never holds held-out ones). A negative
answered well above the threshold is a shared-word match, not a threshold question (a fee
asked, "the registration process" found): it is listed for an evidence check, never chased
by the threshold, which would then decline hundreds of answerable questions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SHIPPED = "hybrid+mmr"
# Declines whose rule is about support; the others (a country not indexed, nothing
# admissible, a list not enumerated) do not move with the threshold.
BY_SUPPORT = (None, "low-support")
# A negative answered this far above the current threshold is listed, not fitted.
CHASE_LIMIT = 0.05
BAND = 0.03  # items this close to the proposed threshold are printed
# The thresholds the trade-off table shows, as steps either side of the current one.
TABLE_STEPS = (-0.1, -0.075, -0.05, -0.025, 0.0, 0.025, 0.05)


@dataclass(frozen=True)
class Supported:
    set_name: str
    id: str
    negative: bool
    support: float
    answered: bool


@dataclass
class Fit:
    threshold: float | None  # None when no negative is decided by support
    highest_negative: Supported | None
    next_answerable: Supported | None
    answerable_below: list[Supported] = field(default_factory=list)
    unchased: list[Supported] = field(default_factory=list)

    @property
    def margin(self) -> float:
        """Distance from the threshold to the closest item on either side."""
        if self.threshold is None or self.highest_negative is None:
            return 0.0
        above = self.next_answerable.support if self.next_answerable else 1.0
        return min(self.threshold - self.highest_negative.support, above - self.threshold)


def supported_items(results: dict[str, Any]) -> list[Supported]:
    """Development items whose answer or decline the support threshold decides."""
    found = []
    for set_name, data in results["sets"].items():
        if data.get("role") != "development":
            continue
        for item in data.get("items", {}).get(SHIPPED, []):
            if item.get("support") is None or item.get("declined_by") not in BY_SUPPORT:
                continue
            found.append(Supported(set_name, item["id"], not item["answerable"],
                                   float(item["support"]), not item["abstained"]))
    return found


def fit(items: Iterable[Supported], current: float) -> Fit:
    """The threshold midway between the highest negative (within ``CHASE_LIMIT`` of
    ``current``) and the lowest answerable question above it."""
    items = sorted(items, key=lambda s: s.support)
    unchased = [s for s in items if s.negative and s.support >= current + CHASE_LIMIT]
    negatives = [s for s in items if s.negative and s not in unchased]
    if not negatives:
        return Fit(None, None, None, unchased=unchased)
    top = negatives[-1]
    above = next((s for s in items if not s.negative and s.support > top.support), None)
    threshold = (top.support + above.support) / 2 if above else top.support + CHASE_LIMIT
    below = [s for s in items if not s.negative and s.support < threshold]
    return Fit(round(threshold, 4), top, above, below, unchased)


def report(fitted: Fit, items: Sequence[Supported], current: float) -> str:
    if fitted.threshold is None:
        return "no negative is declined by support: nothing to fit"
    lines = [f"min_support: {current} now, {fitted.threshold} fitted "
             f"(margin {fitted.margin:.4f} either side)"]
    lines.append(f"  highest negative: {_line(fitted.highest_negative)}")
    lines.append(f"  next answerable:  {_line(fitted.next_answerable)}")
    lines.append(f"  answerable below the fitted threshold: {len(fitted.answerable_below)}")
    band = sorted((s for s in items if abs(s.support - fitted.threshold) <= BAND),
                  key=lambda s: s.support)
    lines += [f"  band ±{BAND}: {_line(s)}" for s in band]
    lines += [f"  negative answered far above the threshold (needs an evidence check): {_line(s)}"
              for s in fitted.unchased]
    return "\n".join(lines)


@dataclass(frozen=True)
class TradeOff:
    """What a threshold decides on the development sets: among the items declined or
    answered by support, the answerable ones answered and declined, the negatives answered."""

    threshold: float
    answered: int
    declined: int
    negatives_answered: int
    negatives: int


def trade_off(items: Sequence[Supported], thresholds: Iterable[float]) -> list[TradeOff]:
    """Answered vs declined at each threshold, had support alone decided: an item is
    answered when its best support reaches the threshold (items declined by another rule
    are not in ``items`` and stay declined whatever the threshold)."""
    answerable = [s.support for s in items if not s.negative]
    negatives = [s.support for s in items if s.negative]
    return [TradeOff(round(t, 4), sum(v >= t for v in answerable), sum(v < t for v in answerable),
                     sum(v >= t for v in negatives), len(negatives)) for t in thresholds]


def table(rows: Sequence[TradeOff], current: float) -> str:
    """The trade-off as a Markdown table, the current threshold in bold."""
    lines = ["| min_support | answerable answered | answerable declined | negatives answered |",
             "|---|---|---|---|"]
    for row in rows:
        cells = [f"{row.threshold:.3f}", str(row.answered), str(row.declined),
                 f"{row.negatives_answered} of {row.negatives}"]
        if abs(row.threshold - current) < 1e-9:
            cells = [f"**{c}**" for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _line(item: Supported | None) -> str:
    if item is None:
        return "-"
    kind = "negative" if item.negative else "answerable"
    done = "answered" if item.answered else "declined"
    return f"{item.support:.4f} {kind:10} {done:8} [{item.set_name}] {item.id}"


def main(argv: Sequence[str] | None = None) -> None:
    import argparse

    from assistant.settings import get_settings

    parser = argparse.ArgumentParser(
        prog="python -m assistant.evals.support_fit",
        description="Place min_support from the development sets' answers: above every "
                    "negative whose decline hangs on support, midway to the next answerable "
                    "question; print the items near it.")
    parser.add_argument("results", type=Path,
                        help="an `assistant eval --json` results file of development sets")
    parser.add_argument("--table", action="store_true",
                        help="also print answered / declined / negatives answered at "
                             "thresholds around the current one")
    args = parser.parse_args(argv)
    if not args.results.is_file():
        parser.error(f"no results file at {args.results}; write one with "
                     "`assistant eval ... --config hybrid+mmr --json > FILE`")
    results = json.loads(args.results.read_text(encoding="utf-8"))
    current = get_settings().answer.min_support
    items = supported_items(results)
    print(report(fit(items, current), items, current))
    if args.table:
        print(table(trade_off(items, [current + step for step in TABLE_STEPS]), current))


if __name__ == "__main__":
    main()
