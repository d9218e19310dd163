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

With ``--parts``, each item lost after admission (``ranked_low``, ``not_quoted``) also shows
its missing fact's best unit against the first unit of the same selection, by the parts of
their scores (``select.select``: dense, lexical, fit, rank bonus), and which part put the
first ahead the most; a tally of those closes the report. It tells a loss to a unit sharing
more words from one to a unit MiniLM finds closer, a preference by kind, or a better-ranked
passage.

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
from assistant.select import Scored, Selection
from assistant.select import score_parts as select_score_parts
from assistant.settings import AnswerSettings
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


# The parts of a unit's score, as ``select.select`` adds them.
PARTS = ("dense", "lexical", "fit", "rank")


def score_parts(scored: Scored, hits: int, config: AnswerSettings) -> dict[str, float]:
    """A scored unit's support split into the parts ``select.select`` adds (its preference
    by kind as ``fit``, its chunk's retrieval rank bonus as ``rank``)."""
    return dict(zip(PARTS, select_score_parts(scored.dense, scored.lexical, scored.fit,
                                              scored.rank, max(hits, 1), config), strict=True))


@dataclass(frozen=True)
class Placed:
    """A missing fact's best-placed unit and the first unit of the same selection."""

    place: int
    unit: Scored
    first: Scored
    hits: int

    def ahead(self, config: AnswerSettings) -> dict[str, float]:
        """By how much each part of the first unit's score exceeds the fact unit's."""
        mine, first = (score_parts(s, self.hits, config) for s in (self.unit, self.first))
        return {part: first[part] - mine[part] for part in PARTS}

    def beaten_by(self, config: AnswerSettings) -> str:
        """The part that put the first unit ahead the most ("none" for the first itself)."""
        ahead = self.ahead(config)
        part = max(PARTS, key=ahead.__getitem__)
        return part if self.place and ahead[part] > 0 else "none"


def fact_placed(fact: Fact, trace: Trace) -> Placed | None:
    """The best-placed scored unit printing the fact, over every selection of the trace."""
    found = [Placed(n, scored, selection.scored[0], len(hits))
             for hits, selection in trace.seen for n, scored in enumerate(selection.scored)
             if fact_matches(scored.unit.text, fact)]
    return min(found, key=lambda p: p.place, default=None)


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


def losses(results: dict[str, Any], set_name: str, index: Path,
           placed: dict[str, list[Placed]] | None = None) -> list[tuple[str, str, float]]:
    """(id, stage, coverage) of each item of the set that lost facts, asked again.
    ``placed``: filled with each item's missing facts' best-placed units, by id, for the
    items lost after admission."""
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
        stage = item_stage(item, answer.answer, trace, document)
        rows.append((item.id, stage, coverage[item.id]))
        if placed is not None and stage in ("ranked_low", "not_quoted"):
            missing = missing_facts(answer.answer, scorable_facts(item.facts, item.question))
            placed[item.id] = [p for p in map(lambda f: fact_placed(f, trace), missing) if p]
    return rows


def print_parts(placed: dict[str, list[Placed]], config: AnswerSettings) -> None:
    """Each fact unit against its selection's first unit, and which part beat it, tallied."""
    tally = Counter[str]()
    for item_id, found in sorted(placed.items()):
        for p in found:
            ahead = p.ahead(config)
            tally[p.beaten_by(config)] += 1
            parts = " ".join(f"{part} {ahead[part]:+.3f}" for part in PARTS)
            print(f"{item_id:40s} place {p.place:3d}  {p.unit.score:.3f} of {p.first.score:.3f}"
                  f"  first ahead by: {parts}  ({p.beaten_by(config)})")
            print(f"    fact:  {p.unit.unit.kind:8s} {p.unit.unit.text[:100]!r}")
            print(f"    first: {p.first.unit.kind:8s} {p.first.unit.text[:100]!r}")
    print("beaten most by: " + ", ".join(f"{part} {n}" for part, n in tally.most_common()))


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
    parser.add_argument("--parts", action="store_true",
                        help="for items lost after admission, the fact unit's score parts "
                        "against the first unit's")
    args = parser.parse_args(argv)
    placed: dict[str, list[Placed]] | None = {} if args.parts else None
    rows = losses(json.loads(args.results.read_text()), args.set_name, args.index, placed)
    if placed is not None:
        from assistant.settings import get_settings

        print_parts(placed, get_settings(index_dir=args.index).answer)
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
