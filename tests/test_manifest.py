"""The index records how it was built (manifest.json) and a changed chunking setting is
never silently ignored: the next ingest re-chunks every indexed document."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.errors import IndexMismatchError
from assistant.indexing import index_paths
from assistant.manifest import (
    BM25_FORMAT,
    PARSER_VERSION,
    IndexManifest,
    manifest_path,
    read_manifest,
)
from assistant.settings import Settings
from assistant.store import ChromaStore
from assistant.types import IngestReport

# One paragraph of about 1,400 characters: one chunk at 1,600 characters, several at 600.
SENTENCE = "Egypt {n} digitised land registration services for citizens in every governorate."
LONG = "# Egypt notes\n\n## Services\n\n" + " ".join(SENTENCE.format(n=n) for n in range(16)) + "\n"
SHORT = "# Nigeria notes\n\n## Challenges\n\nNigeria reports an inadequate power supply.\n"


class HashEmbedder:
    """Deterministic unit vectors seeded from each text's hash: no model to load."""

    name = "all-MiniLM-L6-v2"

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
            row = np.random.default_rng(seed).standard_normal(8).astype(np.float32)
            rows.append(row / np.linalg.norm(row))
        return np.array(rows, dtype=np.float32).reshape(len(texts), 8)


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "egypt.md").write_text(LONG)
    (folder / "nigeria.md").write_text(SHORT)
    return folder


def ingest(paths: list[Path], settings: Settings, **kwargs: bool) -> IngestReport:
    return index_paths(paths, settings, embedder=HashEmbedder(), **kwargs)


def chunk_lengths(settings: Settings) -> list[int]:
    return sorted(len(c.text) for c in ChromaStore(settings).iter_chunks())


def test_ingest_writes_a_manifest_of_how_the_index_was_built(make_settings, notes):
    settings = make_settings(chunk_max_chars=1600)
    ingest([notes], settings)
    data = json.loads(manifest_path(settings).read_text())
    assert data["embedding_model"] == "all-MiniLM-L6-v2"
    assert (data["chunk_max_chars"], data["chunk_overlap_sentences"]) == (1600, 1)
    assert (data["parser_version"], data["bm25_format"]) == (PARSER_VERSION, BM25_FORMAT)
    assert read_manifest(settings) == IndexManifest.from_settings(settings)


def test_a_smaller_chunk_size_re_chunks_every_document(make_settings, notes):
    wide = make_settings(chunk_max_chars=1600)
    ingest([notes], wide)
    assert max(chunk_lengths(wide)) > 1000
    narrow = make_settings(chunk_max_chars=600)
    # Only one file is named, yet both indexed documents were built with the old size.
    report = ingest([notes / "nigeria.md"], narrow)
    assert (report.rechunked, report.added, report.unchanged) == (2, 2, 0)
    assert "chunk_max_chars: index 1600, settings 600" in report.rechunk_reason
    assert max(chunk_lengths(narrow)) <= 600
    assert len(chunk_lengths(narrow)) > 3
    assert read_manifest(narrow).chunk_max_chars == 600
    again = ingest([notes], narrow)
    assert (again.rechunked, again.added, again.unchanged) == (0, 0, 2)


def test_the_cli_says_why_it_re_chunks(make_settings, notes, monkeypatch):
    settings = make_settings(chunk_max_chars=1000)
    ingest([notes], settings)
    before = chunk_lengths(settings)
    monkeypatch.setenv("ASSISTANT_CHUNK_MAX_CHARS", "600")
    monkeypatch.setattr("assistant.indexing.embedder_for", lambda *_, **__: HashEmbedder())
    result = CliRunner().invoke(main, ["ingest", str(notes), "--index", str(settings.index_dir)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "note: re-chunked all 2 indexed documents because the index was built differently"
        " (chunk_max_chars: index 1000, settings 600)",
    ]
    assert "(2 added, 0 unchanged" in result.stdout
    after = chunk_lengths(make_settings(chunk_max_chars=600))
    assert after != before and max(after) <= 600


def test_an_index_without_a_manifest_is_re_chunked(make_settings, notes):
    settings = make_settings()
    ingest([notes], settings)
    manifest_path(settings).unlink()  # as left by a version that wrote none
    report = ingest([notes], settings)
    assert (report.rechunked, report.unchanged) == (2, 0)
    assert report.rechunk_reason == "the index has no readable manifest"
    assert read_manifest(settings) is not None


def test_a_damaged_manifest_reads_as_unknown(make_settings):
    settings = make_settings()
    settings.index_dir.mkdir(parents=True)
    manifest_path(settings).write_text('{"embedding_model": 3}')
    assert read_manifest(settings) is None


def test_re_chunking_is_refused_when_a_documents_file_is_gone(make_settings, notes):
    ingest([notes], make_settings(chunk_max_chars=1600))
    (notes / "nigeria.md").unlink()
    narrow = make_settings(chunk_max_chars=600)
    with pytest.raises(
        IndexMismatchError, match=r"files of 1 document\(s\) are gone \(nigeria.md\)"
    ):
        ingest([notes], narrow)
    assert read_manifest(narrow).chunk_max_chars == 1600  # nothing was changed
    report = ingest([notes], narrow, prune=True)
    assert (report.rechunked, report.removed, report.documents) == (2, 1, 1)
    assert max(chunk_lengths(narrow)) <= 600


def test_info_shows_the_manifest_and_settings_that_differ(make_settings, notes, monkeypatch):
    settings = make_settings(chunk_max_chars=1600)
    ingest([notes], settings)
    monkeypatch.setenv("ASSISTANT_CHUNK_MAX_CHARS", "600")
    result = CliRunner().invoke(main, ["info", "--index", str(settings.index_dir), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["manifest"]["chunk_max_chars"] == 1600
    assert data["stale"] == ["chunk_max_chars: index 1600, settings 600"]
    text = CliRunner().invoke(main, ["info", "--index", str(settings.index_dir)]).stdout
    assert "manifest: chunk_max_chars=1600, chunk_overlap_sentences=1" in text
    assert "differs from the settings: chunk_max_chars: index 1600, settings 600" in text
