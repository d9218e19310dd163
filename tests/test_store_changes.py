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


def test_every_registry_write_replaces_the_mark_a_reader_stats(tmp_path: Path) -> None:
    # One stat per question tells a reader the index changed: no second of staleness.
    settings = Settings(index_dir=tmp_path / "index")
    writer = ChromaStore(settings, create=True)
    reader = ChromaStore(settings)
    assert reader.touched() == ""  # never written: readers look at the token once a second
    writer.record_document(_meta("doc-0.md"), 1, "doc-0.md")
    first = reader.touched()
    assert first and reader.touched() == first
    writer.record_document(_meta("doc-1.md"), 1, "doc-1.md")
    second = reader.touched()
    writer.forget_document("doc-0.md")
    assert len({first, second, reader.touched()}) == 3
    assert sorted(p.name for p in settings.index_dir.iterdir() if p.name.startswith("changed")) \
        == ["changed"]  # no scratch file left behind


def test_a_question_asked_right_after_another_writer_changed_the_index_sees_the_change(
    tmp_path: Path,
) -> None:
    # Within the second after a change, a loaded assistant used to answer from the old
    # index (a UI server, after `assistant ingest` from a shell).
    from assistant.pipeline import PolicyAssistant

    settings = Settings(index_dir=tmp_path / "index")
    note = tmp_path / "ruritania-data.md"
    note.write_text("# Ruritania open data\n\nRuritania publishes 310 open data sets.\n")
    reader, writer = PolicyAssistant(settings), PolicyAssistant(settings)
    writer.ingest([note])
    question = "How many open data sets does Ruritania publish?"
    assert "310" in reader.ask(question).answer
    for figure in ("455", "512"):
        note.write_text(f"# Ruritania open data\n\nRuritania publishes {figure} open data sets.\n")
        writer.ingest([note])
        answer = reader.ask(question).answer
        assert figure in answer and "310" not in answer, answer
