"""The registry's change token: readers of a store with thousands of documents learn that
it changed from one small read instead of reading every document's record."""

from __future__ import annotations

from pathlib import Path

from assistant.settings import Settings
from assistant.store import ChromaStore
from assistant.types import DocumentMeta


def _meta(source: str) -> DocumentMeta:
    return DocumentMeta(source=source, title=source, doc_type="report", year=2020,
                        publisher="", sha256=f"sha-{source}", pages=1)


def test_every_registry_write_changes_the_token_another_store_object_reads(
    tmp_path: Path,
) -> None:
    settings = Settings(index_dir=tmp_path / "index")
    writer = ChromaStore(settings, create=True)
    reader = ChromaStore(settings)
    assert reader.changed() == ""  # never written: readers fall back to the version
    writer.record_documents([(_meta(f"doc-{i}.md"), 1, f"doc-{i}.md", 0) for i in range(3)])
    first = reader.changed()
    assert first and reader.changed() == first  # reading does not change it
    writer.record_document(_meta("doc-3.md"), 1, "doc-3.md")
    second = reader.changed()
    assert second != first
    writer.forget_document("doc-0.md")
    assert reader.changed() not in ("", first, second)
    assert set(reader.documents()) == {"doc-1.md", "doc-2.md", "doc-3.md"}
