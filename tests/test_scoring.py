"""The eval's bookkeeping: the tally of where key facts are lost (all a held-out set reports
beyond its figures, so it must put each failing item in the stage that lost it), and the
index it reads when another run is refreshing it."""

import pytest

from assistant.errors import IndexLockedError
from assistant.evals.items import GoldenItem
from assistant.evals.report import to_markdown
from assistant.evals.run import ensure_index
from assistant.evals.scoring import ItemResult, shortfalls


def item(id_: str, answerable: bool = True, mode: str = "answer") -> GoldenItem:
    return GoldenItem(id_, "q?", mode, (), (), answerable, (("a",), ("b",)), "doc.pdf", (3,))


def result(id_: str, coverage: float | None, retrieved: list, abstained: bool = False,
           declined_by: str | None = None) -> ItemResult:
    return ItemResult(id_, "q?", "answer", True, retrieved=retrieved, coverage=coverage,
                      abstained=abstained, declined_by=declined_by)


def test_each_failing_item_is_put_in_the_stage_that_lost_its_facts() -> None:
    items = [item("ok"), item("declined"), item("chosen", mode="compare"), item("unfound"),
             item("negative", answerable=False)]
    results = [
        result("ok", 1.0, [("doc.pdf", 3)]),
        result("declined", 0.0, [("doc.pdf", 3)], abstained=True, declined_by="low-support"),
        result("chosen", 0.5, [("doc.pdf", 9), ("doc.pdf", 3)]),
        result("unfound", 0.5, [("doc.pdf", 9)]),
        result("negative", None, [], abstained=True, declined_by="low-support"),
    ]
    tally = shortfalls(results, items)
    assert tally["declined"] == {"items": 1, "facts_lost": 1.0}
    assert tally["page_retrieved"] == {"items": 1, "facts_lost": 0.5}
    assert tally["page_not_retrieved"] == {"items": 1, "facts_lost": 0.5}
    assert tally["declined_by"] == {"low-support": 1}  # the negative's decline is right
    assert tally["by_mode"] == {"answer": 2, "compare": 1}


def test_the_markdown_report_shows_the_tally_of_a_held_out_set() -> None:
    tally = shortfalls([result("declined", 0.0, [], abstained=True, declined_by="no-admissible")],
                       [item("declined")])
    results = {"generated": "now", "skipped": {}, "notes": [], "sets": {"held": {
        "role": "held-out", "description": "d", "failures": {}, "items": {},
        "questions": {"items": 1, "answerable": 1, "unanswerable": 0, "modes": {}, "follow_ups": 0},
        "index": {"documents": 1, "chunks": 1},
        "configs": {"hybrid+mmr": {"description": "shipped", "shortfalls": tally}},
    }}}
    tally_lines = to_markdown(results).split("Where key facts are lost")[1].splitlines()
    assert [ln for ln in tally_lines if ln.startswith("| held |")] == ["| held | 1 / 1.0 | 0 / 0.0 | 0 / 0.0 | no-admissible 1 | answer 1 |"]


class _Busy:
    """An assistant whose index another run is refreshing."""

    def __init__(self, documents: list[str]) -> None:
        self._documents = documents

    def documents(self) -> list[str]:
        return self._documents

    def ingest(self, paths: list) -> None:
        raise IndexLockedError("another ingest (pid 1) is writing to x; wait")


def test_an_eval_reads_an_index_another_run_is_refreshing_as_it_stands(tmp_path) -> None:
    assert ensure_index(_Busy(["a.pdf"]), tmp_path, refresh=True) is None  # type: ignore[arg-type]
    # With nothing indexed yet there is nothing to read: the lock's message stands.
    with pytest.raises(IndexLockedError):
        ensure_index(_Busy([]), tmp_path, refresh=True)  # type: ignore[arg-type]
