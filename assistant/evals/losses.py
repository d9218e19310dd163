"""At which stage an answerable question lost its facts: each development item an eval
answered with facts missing is asked again, and the passages it retrieved and the units
its evidence stage scored are searched for the missing facts.

    python -m assistant.evals.losses RESULTS.json --set outside --index /tmp/x/outside-index

Stages, first to last (an item counts at the first that lost a missing fact):

- ``not_indexed``: no passage of the expected document prints it (the parser or the chunker
  lost or broke its words, or the document words it otherwise than the set's pattern);
- ``in_heading``: only a heading over its passages prints it ("Level 1. Universal Customer
  Service Specialist" above the level's description), which no unit quotes;
- ``not_retrieved``: no passage the question retrieved prints it (retrieval; the eval's own
  recall counts a page, this the passage);
- ``split``: a passage prints it, but no unit of it does (a fact across two sentences or
  rows, the parser or the unit splitter);
- ``inadmissible``: units print it, but none was admitted (``admissible.py``: a figure asked
  where the unit has no number, a country or year check);
- ``ranked_low``: admitted, but below the first three units (the evidence scores);
- ``not_quoted``: among the first three, but the answer does not quote it (composition).

The eval's ``shortfalls`` only tell a page found from one not found, by page; a long page
holds many passages, and three stages act after retrieval. Development sets only: a
held-out set's items are never printed. Follow-ups are left out (their history changes
what is retrieved).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.evals.items import GoldenItem, load_set
from assistant.evals.sets import SETS
from assistant.evidence import units
from assistant.evidence_source import Evidence
from assistant.metrics import Fact, fact_matches, missing_facts, scorable_facts
from assistant.select import Selection
from assistant.types import Chunk, Hit

SHIPPED = "hybrid+mmr"
STAGES = ("not_indexed", "in_heading", "not_retrieved", "split", "inadmissible", "ranked_low", "not_quoted")
# Units scored above this place are the ones an answer is composed from.
_FIRST_UNITS = 3


@dataclass
class Trace:
    """What one question's evidence stage saw: each selection with the hits it scored."""

    seen: list[tuple[list[Hit], Selection]] = field(default_factory=list)


@contextmanager
def traced() -> Iterator[Trace]:
    """Record every selection made while inside (``Evidence.select``), with its hits."""
    trace = Trace()
    original = Evidence.select

    def select(self: Evidence, question: Any, hits: Sequence[Hit], about: str | None = None
               ) -> Selection:
        selection = original(self, question, hits, about)
        trace.seen.append((list(hits), selection))
        return selection

    Evidence.select = select  # type: ignore[method-assign]
    try:
        yield trace
    finally:
        Evidence.select = original  # type: ignore[method-assign]


def stage_lost(fact: Fact, trace: Trace, document: Sequence[Chunk] | None = None) -> str:
    """The first stage at which no evidence of the trace prints the fact; ``document``: the
    expected document's passages, when known."""
    if document is not None and not any(fact_matches(c.text, fact) for c in document):
        in_heading = any(fact_matches(c.section or "", fact) for c in document)
        return "in_heading" if in_heading else "not_indexed"
    hits = [hit for found, _ in trace.seen for hit in found]
    if not any(fact_matches(hit.chunk.text, fact) for hit in hits):
        return "not_retrieved"
    if not any(fact_matches(u.text, fact) for hit in hits for u in units(hit.chunk)):
        return "split"
    places = [n for _, selection in trace.seen for n, scored in enumerate(selection.scored)
              if fact_matches(scored.unit.text, fact)]
    if not places:
        return "inadmissible"
    return "ranked_low" if min(places) >= _FIRST_UNITS else "not_quoted"


def item_stage(item: GoldenItem, answer_text: str, trace: Trace,
               document: Sequence[Chunk] | None = None) -> str:
    """The earliest stage at which one of the item's missing facts was lost."""
    lost = [stage_lost(fact, trace, document)
            for fact in missing_facts(answer_text, scorable_facts(item.facts, item.question))]
    return min(lost, key=STAGES.index) if lost else "not_quoted"


def missed(results: dict[str, Any], set_name: str) -> dict[str, float]:
    """Ids of the set's answerable items answered (not declined) with facts missing, and
    their coverage, from an eval's JSON output."""
    items = results["sets"][set_name]["items"][SHIPPED]
    return {i["id"]: i["coverage"] for i in items if i["answerable"] and not i["abstained"]
            and i["coverage"] is not None and i["coverage"] < 1.0}


def losses(results: dict[str, Any], set_name: str, index: Path) -> list[tuple[str, str, float]]:
    """(id, stage, coverage) of each item of the set that lost facts, asked again."""
    from assistant.pipeline import PolicyAssistant
    from assistant.settings import get_settings

    question_set = SETS[set_name]
    if question_set.role != "development":
        raise SystemExit(f"{set_name} is {question_set.role}: its items are not shown")
    coverage = missed(results, set_name)
    assistant = PolicyAssistant(get_settings(index_dir=index))
    documents: dict[str, list[Chunk]] = {}
    for chunk in assistant.retriever.chunks:
        documents.setdefault(chunk.source, []).append(chunk)
    rows = []
    for item in load_set(question_set):
        if item.id not in coverage or item.history:
            continue
        with traced() as trace:
            answer = assistant.ask(item.question, mode=None if item.mode == "answer" else item.mode,
                                   countries=item.countries)
        document = _passages_of(documents, item.source)
        rows.append((item.id, item_stage(item, answer.answer, trace, document), coverage[item.id]))
    return rows


def _passages_of(documents: dict[str, list[Chunk]], source: str | None) -> list[Chunk] | None:
    """The passages of the item's document, named by its path in the corpus or its file
    name; None when the set names none or the index holds no such document."""
    if not source:
        return None
    if source in documents:
        return documents[source]
    named = [texts for path, texts in documents.items() if Path(path).name == Path(source).name]
    return named[0] if len(named) == 1 else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path, help="an eval's --json output")
    parser.add_argument("--set", dest="set_name", required=True, help="a development set")
    parser.add_argument("--index", type=Path, required=True, help="the set's index folder")
    parser.add_argument("--items", action="store_true", help="print each item's stage too")
    args = parser.parse_args(argv)
    rows = losses(json.loads(args.results.read_text()), args.set_name, args.index)
    if args.items:
        for item_id, stage, coverage in sorted(rows, key=lambda r: (STAGES.index(r[1]), r[0])):
            print(f"{stage:14s} {item_id:40s} coverage {coverage:.2f}")
    counts = Counter(stage for _, stage, _ in rows)
    lost = Counter[str]()
    for _, stage, coverage in rows:
        lost[stage] += 1.0 - coverage
    print(f"{args.set_name}: {len(rows)} items answered with facts missing")
    for stage in STAGES:
        print(f"  {stage:14s} {counts[stage]:4d} items  {lost[stage]:6.2f} facts lost")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
