"""The index chart of an answer: only values that can share one axis, drawn as labelled bars.

A chart compares; so it is drawn only for two or more places with a value of the same
index in the same year, at the same level (countries with countries, cities with cities:
a city's LOSI never stands beside a country's EGDI). When an answer holds several such
groups, the largest is drawn (the first on a tie). Bars are plain HTML (no plotting
library): horizontal, so long names are never rotated or clipped, each with its value
printed and its citation marker, which the viewer makes clickable like any other [n].
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.knowledge import index_info


@dataclass(frozen=True)
class Bar:
    place: str  # "Indonesia", or "Jakarta (Indonesia)" for a city
    score: float
    n: int | None  # the citation the value is quoted from
    rank: int | None = None


@dataclass(frozen=True)
class Chart:
    index: str  # "EGDI"
    year: int | None
    level: str  # "country" or "city"
    bars: tuple[Bar, ...]
    top: float  # the axis maximum: the index's fixed scale, else the largest value

    @property
    def title(self) -> str:
        year = f" {self.year}" if self.year else ""
        return f"{self.index}{year}, by {self.level}"


def comparable(scores: Sequence[dict[str, Any]]) -> Chart | None:
    """The largest group of values of one index, year and level, when it has two places.

    ``scores`` are the answer's ``extras["scores"]`` (``modes.chart_scores``). A place
    quoted twice keeps its first value.
    """
    groups: dict[tuple[str, int | None, str], dict[str, Bar]] = {}
    for s in scores:
        city = s.get("city")
        level = "city" if city else "country"
        place = f"{city} ({s['country']})" if city else str(s["country"])
        group = groups.setdefault((str(s["index"]), s.get("year"), level), {})
        group.setdefault(place, Bar(place, float(s["score"]), s.get("n"), s.get("rank")))
    best = max(groups.items(), key=lambda item: len(item[1]), default=None)
    if best is None or len(best[1]) < 2:
        return None
    (index, year, level), by_place = best
    bars = tuple(by_place.values())
    return Chart(index, year, level, bars, _axis_top(index, bars))


def _axis_top(index: str, bars: Sequence[Bar]) -> float:
    """The publisher's fixed scale when data/indices.json gives one ("0 to 1"), so bars of
    different answers read alike; otherwise the largest value shown."""
    largest = max(b.score for b in bars)
    try:
        scale = index_info(index).scale or ""
    except KeyError:
        scale = ""
    words = scale.split()
    if len(words) == 3 and words[1] == "to":
        try:
            top = float(words[2])
        except ValueError:
            top = 0.0
        if top >= largest:
            return top
    return largest or 1.0


def chart_html(scores: Sequence[dict[str, Any]] | None) -> str:
    """The chart as HTML, or "" when the values are not comparable."""
    chart = comparable(scores or [])
    if chart is None:
        return ""
    rows = []
    for bar in chart.bars:
        width = max(0.0, min(100.0, 100 * bar.score / chart.top))
        marker = f' <span class="chart-cite">[{bar.n}]</span>' if bar.n else ""
        rank = f", rank {bar.rank}" if bar.rank else ""
        rows.append(
            f'<li class="chart-row" aria-label="{html.escape(bar.place)}: {bar.score:g}{rank}">'
            f'<span class="chart-label">{html.escape(bar.place)}{marker}</span>'
            f'<span class="chart-track"><span class="chart-bar" style="width:{width:.1f}%">'
            f'</span></span><span class="chart-value">{bar.score:g}</span></li>'
        )
    return (
        f'<figure class="index-chart"><figcaption>{html.escape(chart.title)} '
        f'<span class="chart-scale">(axis 0 to {chart.top:g}; each bar cites its source)'
        f'</span></figcaption><ul class="chart-rows">{"".join(rows)}</ul></figure>'
    )
