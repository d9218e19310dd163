"""A document that repeats another's passages (a copy, a partial translation): found when
the lexical index is built, reported by ingest, and left out of answers while its original
is indexed."""

from __future__ import annotations

import json
from pathlib import Path

from stage_fixtures import chunk

from assistant.filters import Filters
from assistant.indexing import index_paths
from assistant.manifest import manifest_path
from assistant.repeats import find_repeats
from assistant.retrieve import HybridRetriever

KNOWLEDGE = "The knowledge management cycle relies on three critical pieces: people, process and technology."
CENTRE = "These research projects give valuable feedback to the roadmap for future development"
DEFINITION = "Le renforcement des capacités est un processus dans lequel les individus développent leurs compétences."
ORIGINAL_DEFINITION = "Capacity building is a process in which individuals develop and maintain their skills."


def language_of(texts: list[str]) -> str:
    """French when the passages hold French small words, else English."""
    return "fr" if any(f" {w} " in f" {t} " for t in texts for w in ("le", "les", "est")) else "en"


def test_a_partial_translation_repeats_the_page_it_kept_sections_of():
    english = [chunk(ORIGINAL_DEFINITION, source="framework.md"),
               chunk(KNOWLEDGE, source="framework.md"),
               chunk(CENTRE + ".", source="framework.md")]
    # The French page translated its opening and kept the rest, one small word edited.
    french = [chunk(DEFINITION, source="cadre.md"),
              chunk(KNOWLEDGE, source="cadre.md", section="Écosystème"),
              chunk(CENTRE.replace("These research projects give", "This research project gives"),
                    source="cadre.md")]
    # "cadre.md" sorts first: the language of what it did not translate decides, not the name.
    found = find_repeats(english + french, language_of)
    assert [(r.copy, r.original, r.passages, r.of) for r in found.found] == [
        ("cadre.md", "framework.md", 2, 3)]
    assert found.hidden == {french[1].id, french[2].id}
    assert "answers cite framework.md" in found.found[0].note()


def test_two_identical_files_leave_the_passages_to_the_key_sorted_first():
    found = find_repeats([chunk(KNOWLEDGE, source="b.md"), chunk(KNOWLEDGE, source="a.md")],
                         language_of)
    assert [(r.copy, r.original) for r in found.found] == [("b.md", "a.md")]
    assert found.hidden == {chunk(KNOWLEDGE, source="b.md").id}


def test_a_page_many_documents_share_is_read_once_not_once_a_pair():
    # 40 reports of one publisher with the same back cover: 780 pairs, one shared page.
    calls: list[int] = []

    def counted(texts: list[str]) -> str:
        calls.append(len(texts))
        return language_of(texts)

    reports = [chunk(KNOWLEDGE, source=f"report-{n:02d}.md") for n in range(40)]
    topics = [f"zq{chr(97 + n % 26)}{chr(97 + n // 26)}" for n in range(40)]  # one word each
    reports += [chunk(f"This report studies {t} and the {t} agencies of its region.",
                      source=f"report-{n:02d}.md") for n, t in enumerate(topics)]
    found = find_repeats(reports, counted)
    assert {r.original for r in found.found} == {"report-00.md"} and len(found.found) == 39
    assert len(calls) <= 1 + 40  # the shared page once, each document's own text once


def test_a_short_label_or_a_passage_repeated_within_one_document_is_no_copy():
    found = find_repeats([chunk("Key definitions and activities", source="a.md"),
                          chunk("Key definitions and activities", source="b.md"),
                          chunk(KNOWLEDGE, source="a.md", page=1),
                          chunk(KNOWLEDGE, source="a.md", page=2)], language_of)
    assert found.found == () and found.hidden == frozenset()


PAGE = f"# Framework\n\n## Knowledge\n\n{KNOWLEDGE}\n"


def test_ingest_reports_a_copy_answers_cite_the_original_and_removal_brings_the_copy_back(
        make_settings, tmp_path: Path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "framework.md").write_text(PAGE)
    (folder / "framework-copy.md").write_text(PAGE)
    settings = make_settings()
    report = index_paths([folder], settings)
    assert report.added == 2  # the copy stays indexed: nothing is lost
    assert report.repeats == [
        "framework.md repeats the text of framework-copy.md (1 of its 1 passages); "
        "answers cite framework-copy.md for them"]
    assert json.loads(manifest_path(settings).read_text())["repeats"] == report.repeats
    found = HybridRetriever.open(settings).retrieve("knowledge management cycle people process")
    assert {h.chunk.source for h in found} == {"framework-copy.md"}
    # Searched within the copy (a question naming it, a document filter), it answers itself.
    within = HybridRetriever.open(settings).retrieve(
        "knowledge management cycle", filters=Filters(documents=("framework.md",)))
    assert {h.chunk.source for h in within} == {"framework.md"}

    (folder / "framework-copy.md").unlink()
    report = index_paths([folder], settings, prune=True)
    assert report.repeats == []
    found = HybridRetriever.open(settings).retrieve("knowledge management cycle people process")
    assert {h.chunk.source for h in found} == {"framework.md"}


def test_a_translation_is_in_the_language_of_its_own_passages():
    """A French page that kept most sections in English is French: its language is read
    from what it translated, so "the French page" finds it."""
    english = [chunk(ORIGINAL_DEFINITION, source="framework.md"),
               chunk(KNOWLEDGE, source="framework.md")]
    french = [chunk(DEFINITION, source="cadre.md"), chunk(KNOWLEDGE, source="cadre.md")]
    found = find_repeats(english + french, language_of)
    assert found.languages == {"cadre.md": "fr", "framework.md": "en"}
