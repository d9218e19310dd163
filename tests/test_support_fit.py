"""Placing min_support from development results: above every negative decided by support,
midway to the next answerable question, never chasing a negative answered far above."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.evals.support_fit import fit, supported_items, table, trade_off


def _item(id_: str, support: float | None, *, answerable: bool = True,
          abstained: bool = False, declined_by: str | None = None) -> dict[str, Any]:
    return {"id": id_, "answerable": answerable, "abstained": abstained,
            "declined_by": declined_by, "support": support}


def _results(items: list[dict[str, Any]], role: str = "development") -> dict[str, Any]:
    return {"sets": {"dev": {"role": role, "items": {"hybrid+mmr": items}}}}


def test_the_threshold_sits_midway_above_the_highest_negative() -> None:
    items = supported_items(_results([
        _item("neg-low", 0.30, answerable=False, abstained=True, declined_by="low-support"),
        _item("neg-high", 0.40, answerable=False, abstained=True, declined_by="low-support"),
        _item("ans-low", 0.35, abstained=True, declined_by="low-support"),
        _item("ans-next", 0.44),
        _item("ans-high", 0.80),
    ]))
    fitted = fit(items, current=0.425)
    assert fitted.threshold == 0.42 and round(fitted.margin, 4) == 0.02
    assert [s.id for s in fitted.answerable_below] == ["ans-low"]


def test_a_negative_answered_far_above_is_listed_not_chased() -> None:
    items = supported_items(_results([
        _item("neg", 0.40, answerable=False, abstained=True, declined_by="low-support"),
        _item("neg-shared-words", 0.75, answerable=False),  # answered: a fee, "registration"
        _item("ans", 0.44),
    ]))
    fitted = fit(items, current=0.425)
    assert fitted.threshold == 0.42
    assert [s.id for s in fitted.unchased] == ["neg-shared-words"]


def test_only_development_items_declined_by_support_count() -> None:
    results = _results([
        _item("no-country", 0.0, answerable=False, abstained=True, declined_by="unknown-country"),
        _item("no-support-recorded", None),
        _item("kept", 0.5),
    ])
    assert [s.id for s in supported_items(results)] == ["kept"]
    assert supported_items(_results([_item("held-out", 0.5)], role="held-out")) == []


def test_the_trade_off_counts_what_each_threshold_answers_and_declines() -> None:
    items = supported_items(_results([
        _item("neg", 0.40, answerable=False, abstained=True, declined_by="low-support"),
        _item("ans-low", 0.35, abstained=True, declined_by="low-support"),
        _item("ans", 0.44),
        _item("other-rule", 0.9, abstained=True, declined_by="no-admissible"),
    ]))
    low, shipped = trade_off(items, [0.35, 0.425])
    assert (low.answered, low.declined, low.negatives_answered, low.negatives) == (2, 0, 1, 1)
    assert (shipped.answered, shipped.declined, shipped.negatives_answered) == (1, 1, 0)
    assert "| **0.425** | **1** | **1** | **0 of 1** |" in table([low, shipped], 0.425)


def test_a_missing_results_file_is_one_line_naming_what_to_run(tmp_path, capsys) -> None:
    from assistant.evals.support_fit import main

    with pytest.raises(SystemExit) as stopped:
        main([str(tmp_path / "absent.json")])
    assert stopped.value.code == 2
    assert "assistant eval" in capsys.readouterr().err
