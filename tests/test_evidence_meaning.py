"""The text a question's evidence is judged against by meaning (``Evidence.select``)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from assistant import evidence_source
from assistant.evidence_source import Evidence
from assistant.settings import Settings
from assistant.understand import parse_question


class _Retriever:
    """Records the texts embedded as a question's meaning."""

    acronyms: dict[str, str] = {}

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def vector(self, text: str) -> np.ndarray:
        self.embedded.append(text)
        return np.zeros(4)


@pytest.fixture
def retriever(monkeypatch: pytest.MonkeyPatch) -> _Retriever:
    """Selecting itself is left out: only what its meaning is read from."""
    monkeypatch.setattr(evidence_source, "select", lambda *args, **kwargs: None)
    recorder = _Retriever()
    monkeypatch.setattr(evidence_source, "_vectors", {recorder: SimpleNamespace()})
    recorder.weights = SimpleNamespace(weight=None)  # type: ignore[attr-defined]
    return recorder


def _evidence(retriever: _Retriever) -> Evidence:
    fake: Any = retriever
    return Evidence(fake, Settings(), None)  # type: ignore[arg-type]


def test_a_country_asked_by_its_code_is_meant_by_its_name(retriever: _Retriever) -> None:
    question = parse_question("how big is GHA's economy according to the table?")
    assert question.kind == "figure" and "GHA" in question.text  # the row is found by its tag
    _evidence(retriever).select(question, [])
    assert "Ghana" in retriever.embedded[0] and "GHA" not in retriever.embedded[0]


def test_a_part_pointing_back_is_meant_by_the_question_it_belongs_to(
        retriever: _Retriever) -> None:
    _evidence(retriever).select(parse_question("and its GDP?"), [], about="what is GHA's GDP?")
    assert retriever.embedded == ["what is GHA's GDP?"]
