"""Exports people paste or forward, and the conversation a browser keeps: no model needed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx

from assistant.export import (
    brief_to_docx,
    brief_to_markdown,
    conversation_to_docx,
    conversation_to_markdown,
)
from assistant.settings import Settings
from assistant.types import Answer, Citation
from assistant.ui import render, session
from assistant.ui.library import Library
from assistant.ui.uploads import UploadRegistry

QUOTE = "Indonesia | Asia | South-Eastern Asia | High | 0.6612 | 88"


def _cite(n: int = 1, text: str = QUOTE) -> Citation:
    return Citation(n, "New Approaches to E-Government", "d8.pdf", 3, "BACKGROUND", text, "c1")


def _egdi() -> Answer:
    return Answer("What is Indonesia's EGDI score?", "auto",
                  "Indonesia's score is 0.6612 [1].", False, [_cite()], "extractive")


def _brief() -> Answer:
    text = ("# Country brief: Indonesia\n\n## Indices\n\n- EGDI 0.6612 [1]\n\n"
            "## Requested support\n\n1. Open standards [2]\n\n"
            "| Country | EGDI |\n|---|---|\n| Indonesia | 0.6612 [1] |\n\n"
            "## Sources\n\n**New Approaches** (d8.pdf)\n\n- [1] p. 3")
    return Answer("Indonesia", "brief", text, False,
                  [_cite(1), _cite(2, "Indonesia asks for support on open standards.")],
                  "extractive")


def _paragraphs(path: Path) -> list[docx.text.paragraph.Paragraph]:
    return list(docx.Document(str(path)).paragraphs)


def test_markdown_exports_carry_title_date_question_and_quoted_sources() -> None:
    day = date(2026, 11, 25)
    brief = brief_to_markdown(_brief(), today=day)
    assert brief.startswith("# Country brief: Indonesia\n")
    assert "25 November 2026" in brief and "**Question:** Indonesia" in brief
    assert "## Sources" in brief and f"[1] New Approaches to E-Government (d8.pdf), p. 3: “{QUOTE}”" in brief
    talk = conversation_to_markdown([_egdi(), _brief()], today=day)
    assert talk.startswith("# Policy Assistant: conversation\n") and "25 November 2026" in talk
    assert "## Question 1: What is Indonesia's EGDI score?" in talk
    assert "## Question 2: Indonesia" in talk and "### Indices" in talk  # one level down
    assert talk.count("### Sources of answer") == 2 and QUOTE in talk


def test_word_exports_name_their_author_and_never_number_over_citations(tmp_path: Path) -> None:
    path = brief_to_docx(_brief(), tmp_path / "brief.docx")
    document = docx.Document(str(path))
    assert document.core_properties.author == "Policy Assistant"
    assert document.core_properties.title == "Country brief: Indonesia"
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Country brief: Indonesia" and "Question: Indonesia" in texts
    assert str(date.today().year) in texts[1]
    # Word's automatic numbering would print "1." before "[1]": none is used.
    assert not [p for p in document.paragraphs if p.style.name.startswith("List Number")]
    assert "1. Open standards [2]" in texts
    assert any(t.startswith("[2] New Approaches") and "open standards" in t for t in texts)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert cells == ["Country", "EGDI", "Indonesia", "0.6612 [1]"]

    talk = conversation_to_docx([_egdi(), _brief()], tmp_path / "talk.docx")
    texts = [p.text for p in _paragraphs(talk)]
    assert "Question 1: What is Indonesia's EGDI score?" in texts
    assert "Sources of answer 1" in texts and "Sources of answer 2" in texts
    assert docx.Document(str(talk)).core_properties.author == "Policy Assistant"


def test_prompts_copy_as_plain_text_with_the_facilitator_note() -> None:
    note = "**Facilitator note.** Each prompt starts from a documented example."
    answer = Answer("prompts", "prompts", "", False, [_cite()], "extractive", extras={
        "prompts": [{"text": "**Egypt**: “Training” [1] What would you try?", "n": 1}],
        "facilitator_note": note,
    })
    text = render.prompts_text(answer)
    assert text == ("1. Egypt: “Training” [1] What would you try? "
                    "(Source: New Approaches to E-Government, p. 3)\n\n"
                    "Facilitator note. Each prompt starts from a documented example.")
    assert "*" not in text


def test_a_saved_conversation_comes_back_whole_and_a_damaged_one_empty() -> None:
    answers = [_egdi(), _brief()]
    answers[0].extras = {"scores": [{"country": "Indonesia", "score": 0.6612, "n": 1}]}
    kept = session.Session(answers, "compare", ["Indonesia"], ["d8.pdf"], ["report"])
    back = session.load(session.dump(kept))
    assert back == kept
    assert session.load(None) == session.Session()
    assert session.load({"version": 1, "answers": [{"question": "x"}], "mode": 3}) == \
        session.Session()
    assert session.load("not a session") == session.Session()


def test_a_stopped_answer_keeps_what_was_shown_and_its_sources_marked(tmp_path: Path) -> None:
    from assistant.ui.chat import stopped_answer

    full = Answer("Indonesia", "brief", "EGDI 0.6612 [1]. Open standards [2]. Rest [3].",
                  False, [_cite(1), _cite(2, "Open standards."), _cite(3, "Rest.")], "x")
    stopped = stopped_answer(full, "EGDI 0.6612 [1]. Open standards [2].")
    assert [c.n for c in stopped.citations] == [1, 2]
    assert render.answer_markdown(stopped).endswith("Open standards [2].\n\n*(stopped)*")
    assert "(stopped)" not in render.answer_markdown(full)
    assert "(stopped before any text was shown)" in render.answer_markdown(
        stopped_answer(full, ""))
    assert session.load(session.dump(session.Session([stopped]))).answers == [stopped]
    markdown = conversation_to_markdown([stopped, _egdi()])
    first, second = markdown.split("## Question 2")
    assert "Open standards [2].\n\n*(stopped)*" in first and "(stopped)" not in second
    assert "Rest." not in first  # the sources section lists only the sources shown
    text = [p.text for p in _paragraphs(conversation_to_docx([stopped], tmp_path / "c.docx"))]
    assert "(stopped)" in text
    # No brief to download from half a brief.
    from assistant.ui.exports import brief_updates

    assert brief_updates(stopped)[0]["visible"] is False
    assert brief_updates(full)[0]["visible"] is True


def test_the_saved_conversations_key_is_kept_beside_the_index(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path / "index")
    key = session.state_secret(settings)
    kept = tmp_path / "index" / session.SECRET_FILE
    assert len(key) >= 32 and kept.read_text() == key
    assert kept.stat().st_mode & 0o777 == 0o600
    assert session.state_secret(settings) == key  # a restart reads the same key
    assert session.state_secret(settings.model_copy(update={"ui_state_secret": "set"})) == "set"


def test_examples_are_the_corpus_own_only_for_its_index(tmp_path: Path, capsys) -> None:
    from assistant.ui.examples import examples_for

    modes = {"auto", "compare", "brief", "prompts"}
    bundled = Settings().corpus_dir
    sources = {"d8-workshop-2022-new-approaches-egov-sdg.pdf",
               "egovernance-emerging-issues-unpog.pdf", "notes.md"}
    own = examples_for(bundled, sources, ["Egypt", "Indonesia"], modes)
    assert ["Country brief: Indonesia", "brief"] in own.rows
    assert own.placeholder == "Your question, e.g. What is Indonesia's EGDI score?"
    # Another corpus (the bundled folder but another index, or a folder without examples)
    # gets generic examples naming countries its index holds.
    for folder, held in [(bundled, {"budget.pdf"}), (tmp_path, sources)]:
        other = examples_for(folder, held, ["Peru", "Chile"], modes)
        text = " ".join(q for q, _ in other.rows)
        assert "Indonesia" not in text and "EGDI" not in text
        assert ["Country brief: Chile", "brief"] in other.rows
        assert ["Compare Chile and Peru", "compare"] in other.rows
        assert other.placeholder == "Your question, e.g. What are the main recommendations?"
    (tmp_path / "manifest.json").write_text(
        '{"documents": [{"file": "a.pdf"}], "examples": [{"question": "Q?", "mode": "x"}]}')
    assert examples_for(tmp_path, {"a.pdf"}, [], modes).rows[0][0] == \
        "What are the main recommendations?"
    assert "manifest.json: each of 'examples' needs" in capsys.readouterr().err


def test_a_decline_is_labelled_and_says_documents_not_corpus() -> None:
    declined = Answer("Peru?", "auto", "The documents do not cover Peru.", True, [], "x")
    shown = render.answer_markdown(declined)
    assert 'class="decline"' in shown and "No answer in the documents." in shown
    assert "corpus" not in shown.lower()
    assert 'class="decline"' not in render.answer_markdown(_egdi())


class _Index:
    """What Library asks of PolicyAssistant: where each document's file is; removals."""

    def __init__(self, settings: Settings, paths: dict[str, str]) -> None:
        self.settings = settings
        self.paths = paths
        self.removed: list[str] = []
        self.titles: dict[str, str] = {}

    def document_paths(self) -> dict[str, str]:
        return self.paths

    def remove(self, source: str) -> bool:
        self.removed.append(source)
        return True

    def retitle(self, source: str, title: str) -> bool:
        self.titles[source] = title
        return True


def test_bundled_documents_are_kept_unless_the_server_allows_removing_them(tmp_path: Path
                                                                           ) -> None:
    settings = Settings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus",
                        upload_dir=tmp_path / "uploads")
    settings.uploads_path.mkdir(parents=True)
    upload = settings.uploads_path / "notes.md"
    upload.write_text("# Notes\n", encoding="utf-8")
    paths = {"d8.pdf": str(tmp_path / "corpus" / "d8.pdf"), "notes.md": str(upload)}
    index = _Index(settings, paths)
    library = Library(index, UploadRegistry())  # type: ignore[arg-type]
    assert "cannot be removed" in library.remove("d8.pdf") and index.removed == []
    assert "cannot be changed" in library.retitle("d8.pdf", "Other")
    assert library.retitle("notes.md", "  Field   notes ") == "✓ notes.md is now titled “Field notes”"
    assert index.titles == {"notes.md": "Field notes"}
    assert library.remove("notes.md") == "✓ removed notes.md" and not upload.exists()

    allowed = Library(_Index(settings.model_copy(update={"allow_bundled_removal": True}),
                             paths), UploadRegistry())  # type: ignore[arg-type]
    assert allowed.remove("d8.pdf") == "✓ removed d8.pdf"
