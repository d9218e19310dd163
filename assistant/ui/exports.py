"""Download buttons and the copy box of the latest answer: a brief as .md and .docx, the
prompts as plain text. Files go to a private temporary folder (``session.export_folder``)."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.export import stop_note
from assistant.types import Answer
from assistant.ui import render
from assistant.ui.session import export_folder


def brief_updates(answer: Answer) -> tuple[Any, Any, Any]:
    """Download buttons for a brief, the copyable prompt list for prompts; hidden otherwise."""
    hidden = gr.update(value=None, visible=False)
    if stop_note(answer):  # a stopped answer is no brief or prompt list to hand out
        return hidden, hidden, gr.update(value="", visible=False)
    if answer.mode == "brief" and not answer.abstained:
        from assistant.export import brief_to_docx, brief_to_markdown

        folder = export_folder()
        name = render.slug(answer.question)
        md_path = folder / f"{name}.md"
        md_path.write_text(brief_to_markdown(answer), encoding="utf-8")
        docx_path = brief_to_docx(answer, folder / f"{name}.docx")
        return (
            gr.update(value=str(md_path), visible=True),
            gr.update(value=str(docx_path), visible=True),
            gr.update(value="", visible=False),
        )
    if answer.mode == "prompts" and answer.extras.get("prompts"):
        return hidden, hidden, gr.update(value=render.prompts_text(answer), visible=True)
    return hidden, hidden, gr.update(value="", visible=False)
