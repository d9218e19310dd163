"""The Library tab: add documents, see what is indexed, rename or remove an upload.

Removing asks for a confirmation on the page (a second button), and only documents the
``Library`` may remove are offered: uploads, plus the bundled ones when the server allows
it (``allow_bundled_removal``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import gradio as gr
import pandas as pd

from assistant.errors import IndexMissingError
from assistant.ingest import SUPPORTED_TYPES
from assistant.pipeline import PolicyAssistant
from assistant.types import IndexedDocument
from assistant.ui.library import UPLOAD_SUFFIXES, Library
from assistant.ui.uploads import client_key


def documents_frame(docs: Sequence[Any]) -> pd.DataFrame:
    return pd.DataFrame(
        [[d.title, d.source, d.doc_type, d.year or "", d.pages, d.chunks] for d in docs],
        columns=["Title", "File", "Type", "Year", "Pages", "Chunks"],
    )


def documents_of(pa: PolicyAssistant) -> list[IndexedDocument]:
    try:
        return pa.documents()
    except IndexMissingError:
        return []


def client_of(request: gr.Request | None) -> str:
    """The same client key ``UploadGuard`` gave the uploads of this browser or API client
    (library changes are rate-limited per client)."""
    host = request.client.host if request and request.client else None
    auth = request.headers.get("authorization") if request else None
    return client_key(host, auth)


def _choices(docs: Sequence[IndexedDocument]) -> list[tuple[str, str]]:
    return [(f"{d.title} ({d.source})", d.source) for d in docs]


def build_library_tab(library: Library, docs: Sequence[IndexedDocument], add_documents: Any,
                      refresh: Callable[[], Any], refreshed: list[Any]
                      ) -> tuple[Callable[[], Any], list[Any]]:
    """Lay out the tab inside the current Blocks and wire its events. ``add_documents`` is
    the upload handler (it needs the request and a progress bar); ``refresh`` updates the
    components ``refreshed`` (the Ask tab's filters) after the library changed. Returns
    the tab's own refresh and its outputs, for page loads."""
    settings = library.settings
    removable = [d for d in docs if library.can_remove(d.source)]
    gr.Markdown(
        f"Add {SUPPORTED_TYPES} files (up to {settings.upload_max_mb:g} MB each); "
        "they are indexed at once and answers can cite them."
    )
    upload = gr.File(file_count="multiple", file_types=list(UPLOAD_SUFFIXES),
                     label="Documents to add", elem_id="upload")
    add = gr.Button("Add to the library", variant="primary", elem_id="add")
    status = gr.Markdown(elem_id="library-status")
    table = gr.Dataframe(documents_frame(docs), interactive=False, wrap=True,
                         column_widths=["36%", "28%", "14%", "7%", "7%", "8%"],
                         label="Indexed documents", elem_id="library-table")
    with gr.Row():
        to_remove = gr.Dropdown(_choices(removable), value=None,
                                label="Document to rename or remove", scale=3,
                                info=None if settings.allow_bundled_removal else
                                "Documents you added; the bundled ones stay.",
                                elem_id="to-remove")
        new_title = gr.Textbox(label="New title", scale=3, max_length=200,
                               elem_id="new-title")
        retitle = gr.Button("Save title", scale=1, elem_id="retitle")
        remove = gr.Button("Remove from the library", variant="stop", scale=1,
                           elem_id="remove")
    with gr.Row(visible=False, elem_id="confirm-remove") as confirm_row:
        confirm_text = gr.Markdown(elem_id="confirm-text")
        confirm = gr.Button("Yes, remove it", variant="stop", scale=0, elem_id="confirm")
        cancel = gr.Button("Cancel", scale=0, elem_id="cancel-remove")

    def view() -> tuple[Any, Any]:
        now = documents_of(library.pa)
        return (documents_frame(now),
                gr.update(choices=_choices([d for d in now if library.can_remove(d.source)]),
                          value=None))

    def ask_to_confirm(source: str | None) -> tuple[Any, Any, Any]:
        if not source:
            return gr.update(visible=False), "", "Pick a document first."
        title = next((d.title for d in documents_of(library.pa) if d.source == source), source)
        from assistant.ui.render import escape

        return (gr.update(visible=True),
                f"Remove **{escape(title)}** ({escape(source)}) from the library? "
                "Answers will no longer cite it.", "")

    def remove_document(source: str | None, request: gr.Request) -> str:
        return library.remove(source, client_of(request)) if source else \
            "Pick a document to remove."

    def retitle_document(source: str | None, title: str, request: gr.Request) -> str:
        return library.retitle(source, title, client_of(request)) if source else \
            "Pick a document to rename."

    add.click(add_documents, [upload], [status]).then(view, None, [table, to_remove]).then(
        refresh, None, refreshed).then(lambda: None, None, [upload])
    remove.click(ask_to_confirm, [to_remove], [confirm_row, confirm_text, status])
    cancel.click(lambda: gr.update(visible=False), None, [confirm_row])
    confirm.click(lambda: gr.update(visible=False), None, [confirm_row]).then(
        remove_document, [to_remove], [status]).then(
        view, None, [table, to_remove]).then(refresh, None, refreshed)
    retitle.click(retitle_document, [to_remove, new_title], [status]).then(
        view, None, [table, to_remove]).then(refresh, None, refreshed)
    return view, [table, to_remove]
