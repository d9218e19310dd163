"""Shared fixtures: the real embedding model and one index of the bundled corpus per session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

from assistant.pipeline import PolicyAssistant  # noqa: E402
from assistant.settings import PROJECT_ROOT, Settings  # noqa: E402

CORPUS = PROJECT_ROOT / "corpus"
D8_PDF = CORPUS / "d8-workshop-2022-new-approaches-egov-sdg.pdf"
SLIDES_PDF = CORPUS / "egovernance-emerging-issues-unpog.pdf"
DATA = Path(__file__).parent / "data"


@pytest.fixture
def make_settings(tmp_path: Path):
    """Settings with a private index folder; keyword overrides apply."""

    def factory(**overrides: object) -> Settings:
        values: dict[str, object] = {"index_dir": tmp_path / "index", "corpus_dir": CORPUS}
        values.update(overrides)
        return Settings(**values)  # type: ignore[arg-type]

    return factory


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """An index of the bundled corpus, built once per test session (read-only for tests)."""
    index_dir = tmp_path_factory.mktemp("corpus-index")
    settings = Settings(index_dir=index_dir, corpus_dir=CORPUS)
    report = PolicyAssistant(settings).ingest([CORPUS])
    assert not report.failed, report.failed
    return settings


@pytest.fixture(scope="session")
def assistant(corpus_settings: Settings) -> PolicyAssistant:
    """One PolicyAssistant on the shared corpus index (model and indexes loaded once)."""
    return PolicyAssistant(corpus_settings)


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus folder."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target
