"""A conversation kept in the browser, so that a reload loses nothing, and its exports.

The Ask tab's session (answers with their sources, the mode and the filters) is saved as
JSON in the browser's localStorage through ``gr.BrowserState``, which Gradio encrypts with
a secret (``state_secret``): the setting ``ui_state_secret``, or one generated on the first
start and kept beside the index, so that a reload, and a restarted server, restore it.
The page itself receives the secret (Gradio encrypts in the browser): it keys the record to
this deployment, it is no password.
What comes back is checked field by field (an older or damaged record gives an empty
session, never an error) and is shown only through ``render``, like a fresh answer.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.settings import Settings
from assistant.types import Answer, Citation

STORAGE_KEY = "policy-assistant-conversation"
VERSION = 1
# localStorage holds about 5 MB a site: the oldest answers go first past this many.
MAX_SAVED_ANSWERS = 40
# Export files (and Gradio's cached copies) older than this are deleted.
EXPORT_AGE_S = 3600
EXPORT_PREFIX = "policy-assistant-export-"
SECRET_FILE = "ui-state.secret"


@dataclass
class Session:
    """What a reload brings back: the answers, and the Ask tab's mode and filters."""

    answers: list[Answer] = field(default_factory=list)
    mode: str = "auto"
    countries: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)


def state_secret(settings: Settings) -> str:
    """The key of the saved conversations: the setting, else the one kept in the index
    folder (created once, readable by this user only). Gradio's own default, a key per
    process, would make every saved conversation unreadable after a restart."""
    if settings.ui_state_secret:
        return settings.ui_state_secret
    path = settings.index_dir / SECRET_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # made earlier, or by a server starting at the same time
            pass
        else:
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(secrets.token_urlsafe(32))
        kept = path.read_text(encoding="ascii").strip()
        if kept:
            return kept
        print(f"warning: {path} is empty: delete it and restart to make a new one; "
              "saved conversations last only until a restart", file=sys.stderr)
    except OSError as exc:
        print(f"warning: cannot keep the UI's state key in {path} ({exc.strerror}): saved "
              "conversations last only until a restart; set ASSISTANT_UI_STATE_SECRET",
              file=sys.stderr)
    return secrets.token_urlsafe(32)


def empty() -> dict[str, Any]:
    """The saved form of a new session (BrowserState's default value)."""
    return dump(Session())


def dump(session: Session) -> dict[str, Any]:
    """The JSON saved in the browser."""
    return {
        "version": VERSION,
        "answers": [_answer_json(a) for a in session.answers[-MAX_SAVED_ANSWERS:]],
        "mode": session.mode,
        "countries": list(session.countries),
        "documents": list(session.documents),
        "doc_types": list(session.doc_types),
    }


def load(saved: Any) -> Session:
    """The session a browser sent back; an empty one when it is missing or not ours."""
    if not isinstance(saved, dict) or saved.get("version") != VERSION:
        return Session()
    answers = []
    for item in saved.get("answers") or []:
        answer = _answer_from_json(item)
        if answer is not None:
            answers.append(answer)
    mode = saved.get("mode")
    return Session(
        answers=answers,
        mode=mode if isinstance(mode, str) else "auto",
        countries=_strings(saved.get("countries")),
        documents=_strings(saved.get("documents")),
        doc_types=_strings(saved.get("doc_types")),
    )


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _answer_json(answer: Answer) -> dict[str, Any]:
    data = answer.to_json()
    data["citations"] = [{**c.to_json(), "chunk_id": c.chunk_id} for c in answer.citations]
    # Extras are plain data (tables, scores, prompts); anything else is kept as text.
    data["extras"] = json.loads(json.dumps(answer.extras, default=str))
    return data


def _answer_from_json(data: Any) -> Answer | None:
    try:
        citations = [
            Citation(
                n=int(c["n"]), document=str(c["document"]), source=str(c["source"]),
                page=None if c.get("page") is None else int(c["page"]),
                section=(str(c["section"]) if c.get("section") else None),
                text=str(c["text"]), chunk_id=str(c.get("chunk_id", "")),
                locator=str(c.get("locator", "")), language=str(c.get("language", "")),
                ocr=bool(c.get("ocr", False)),
            )
            for c in data["citations"]
        ]
        extras = data.get("extras") or {}
        return Answer(
            question=str(data["question"]), mode=str(data["mode"]), answer=str(data["answer"]),
            abstained=bool(data["abstained"]), citations=citations,
            backend=str(data.get("backend", "")),
            timings={str(k): float(v) for k, v in (data.get("timings") or {}).items()},
            id=str(data["id"]) if data.get("id") is not None else None,
            extras=extras if isinstance(extras, dict) else {},
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


# ---- export files ------------------------------------------------------------------------
def export_folder() -> Path:
    """A new private folder for download files; folders older than EXPORT_AGE_S go first.

    Gradio copies a file into its cache when shown; those copies go with its delete_cache.
    """
    cutoff = time.time() - EXPORT_AGE_S
    for folder in Path(tempfile.gettempdir()).glob(EXPORT_PREFIX + "*"):
        try:
            if folder.is_dir() and not folder.is_symlink() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix=EXPORT_PREFIX))


def conversation_files(answers: Sequence[Answer]) -> tuple[Path, Path] | None:
    """The conversation as Markdown and Word files, with every answer's sources."""
    if not answers:
        return None
    from assistant.export import conversation_to_docx, conversation_to_markdown

    folder = export_folder()
    md_path = folder / "policy-assistant-conversation.md"
    md_path.write_text(conversation_to_markdown(answers), encoding="utf-8")
    docx_path = conversation_to_docx(answers, folder / "policy-assistant-conversation.docx")
    return md_path, docx_path
