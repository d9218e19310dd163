"""The web UI: a Gradio chat over ``PolicyAssistant``, mounted on a small FastAPI app.

The UI holds no answer logic: questions go to ``PolicyAssistant.ask`` (through
``chat.Conversation``), uploads, renames and removals to ``library.Library``, exports to
``assistant.export``; this module only lays out the page. Each browser session keeps its
own conversation (the previous ``Answer`` objects) in ``gr.State``, and a copy in the
browser (``session``) so that a reload restores it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import FastAPI

from assistant.errors import AssistantError
from assistant.ingest import SUPPORTED_TYPES
from assistant.pipeline import PolicyAssistant
from assistant.settings import Settings
from assistant.ui import session
from assistant.ui.chat import AskParts, Conversation
from assistant.ui.examples import examples_for
from assistant.ui.library import Library
from assistant.ui.library_tab import build_library_tab, client_of, documents_of
from assistant.ui.sources import panel_html
from assistant.ui.uploads import UPLOAD_ROUTE, UploadGuard, UploadRegistry
from assistant.ui.viewer import HEAD as VIEWER_HEAD
from assistant.ui.viewer import add_viewer_routes
from assistant.ui.web import (
    BasicAuthMiddleware,
    RateLimiter,
    RequestSizeLimit,
    SecurityHeaders,
    add_corpus_route,
    check_auth_settings,
    proxy_options,
)

MODES = [
    ("Ask", "auto"),  # the words choose: "brief for <country>" gives a brief
    ("Compare countries", "compare"),
    ("Country brief", "brief"),
    ("Discussion prompts", "prompts"),
]
# Largest request body outside file uploads: a question is at most 2,000 characters.
MAX_REQUEST_BYTES = 1024 * 1024
# Gradio's cached copies of shown files older than this are deleted.
TEMP_FILE_AGE_S = session.EXPORT_AGE_S

# Gradio finds the progress bar by a gr.Progress default argument.
_PROGRESS = gr.Progress()

CSS = (Path(__file__).parent / "static" / "app.css").read_text(encoding="utf-8")
# System fonts: the default theme would fetch web fonts from the internet. The Soft theme's
# labels, selected radios and placeholders are darkened to reach 4.5:1 contrast (WCAG AA).
THEME = gr.themes.Soft(
    font=["ui-sans-serif", "system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"]
).set(
    block_label_text_color="*primary_700",
    block_title_text_color="*primary_700",
    checkbox_label_background_fill_selected="*primary_600",
    input_placeholder_color="*neutral_500",
    input_placeholder_color_dark="*neutral_300",
    body_text_color_subdued="*neutral_600",
    body_text_color_subdued_dark="*neutral_300",
    button_primary_background_fill="*primary_600",
    button_primary_background_fill_hover="*primary_700",
)


# ---- index facts for the filters and the library tab ---------------------------------------
def _documents(pa: PolicyAssistant) -> list[Any]:
    return documents_of(pa)


def _countries(pa: PolicyAssistant) -> list[str]:
    try:
        return sorted(pa.retriever.countries_in_index)
    except AssistantError:
        return []


class _ProgressBar:
    """Adapts the library's progress sink to a Gradio progress bar."""

    def __init__(self, progress: gr.Progress) -> None:
        self.progress = progress

    def files(self, done: int, total: int, name: str) -> None:
        self.progress((done, total), desc=f"Reading {name}", unit="files")

    def batches(self, done: int, total: int) -> None:
        self.progress((done, total), desc="Embedding passages", unit="batches")


# ---- the app ---------------------------------------------------------------------------------
def build_demo(pa: PolicyAssistant, uploads: UploadRegistry | None = None) -> gr.Blocks:
    settings = pa.settings
    library = Library(pa, uploads or UploadRegistry())
    questions_allowed = RateLimiter(settings.rate_limit_per_minute)

    def filter_choices() -> tuple[Any, Any, Any]:
        docs = _documents(pa)
        return (
            gr.update(choices=_countries(pa)),
            gr.update(choices=[(d.title, d.source) for d in docs]),
            gr.update(choices=sorted({d.doc_type for d in docs if d.doc_type})),
        )

    def add_documents(files: list[str] | None, request: gr.Request,
                      progress: gr.Progress = _PROGRESS) -> Any:
        if not files:
            return f"Choose one or more files first ({SUPPORTED_TYPES})."
        return library.add(files, client_of(request), _ProgressBar(progress))

    docs = _documents(pa)
    # The corpus's own example questions (its manifest.json), or generic ones.
    examples = examples_for(settings.corpus_dir, {d.source for d in docs}, _countries(pa),
                            {m for _, m in MODES})
    with gr.Blocks(title="Policy Assistant",
                   delete_cache=(TEMP_FILE_AGE_S, TEMP_FILE_AGE_S)) as demo:
        answers_state = gr.State([])
        # The conversation, mode and filters, kept in this browser across reloads.
        saved = gr.BrowserState(session.empty(), storage_key=session.STORAGE_KEY,
                                secret=session.state_secret(settings))
        pending = gr.State("")  # the question just taken from the box, for respond
        gr.Markdown(
            "# Policy Assistant\nSourced answers on e-government policy from UN documents. "
            "Every statement cites its document, page and quoted text; questions the "
            "documents do not cover are declined.",
            elem_id="intro",
        )
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"), gr.Row(equal_height=False):
                with gr.Column(scale=3, min_width=420):
                    with gr.Row():
                        mode = gr.Radio(MODES, value="auto", label="Mode", scale=3,
                                        elem_id="mode")
                        countries = gr.Dropdown(_countries(pa), value=[], multiselect=True,
                                                label="Countries", scale=2,
                                                elem_id="countries")
                    with gr.Accordion("Restrict to documents", open=False), gr.Row():
                        documents_box = gr.Dropdown(
                            [(d.title, d.source) for d in docs], value=[],
                            multiselect=True, label="Documents", elem_id="documents")
                        doc_types = gr.Dropdown(
                            sorted({d.doc_type for d in docs if d.doc_type}), value=[],
                            multiselect=True, label="Document types", elem_id="doc-types")
                    chat = gr.Chatbot(
                        label="Conversation", height=520, elem_id="chat",
                        buttons=["copy", "copy_all"], feedback_options=None,
                        autoscroll=False,  # viewer.js scrolls: a long answer shows from its start
                        sanitize_html=True, layout="bubble",
                        placeholder="Ask about e-government policy, compare countries, "
                        "request a country brief or workshop discussion prompts.",
                    )
                    # On a narrow screen the sources sit below the conversation: one tap.
                    gr.HTML('<a href="#sources-heading">Sources of this answer ↓</a>',
                            elem_id="jump-to-sources")
                    notice = gr.Markdown(visible=False, elem_id="chat-notice")
                    with gr.Row():
                        question_box = gr.Textbox(
                            placeholder=examples.placeholder, label="Your question",
                            show_label=False, scale=5, elem_id="question", max_length=2000,
                            autofocus=True)
                        send = gr.Button("Send", variant="primary", scale=1,
                                         elem_id="send")
                        stop = gr.Button("Stop", variant="stop", scale=1, visible=False,
                                         elem_id="stop")
                    with gr.Row():
                        gr.Examples(examples.rows, inputs=[question_box, mode], label="Examples")
                        clear = gr.Button("New conversation", size="sm", scale=0,
                                          elem_id="new-conversation")
                    with gr.Row():
                        export_md = gr.DownloadButton(
                            "Export conversation (.md)", visible=False, size="sm",
                            elem_id="export-md")
                        export_docx = gr.DownloadButton(
                            "Export conversation (.docx)", visible=False, size="sm",
                            elem_id="export-docx")
                with gr.Column(scale=2, min_width=320):
                    brief_md = gr.DownloadButton("Download brief (.md)", visible=False,
                                                 elem_id="download-md", size="sm")
                    brief_docx = gr.DownloadButton("Download brief (.docx)", visible=False,
                                                   elem_id="download-docx", size="sm")
                    prompts_box = gr.Textbox(label="Prompts (copy for your workshop)",
                                             lines=6, visible=False, interactive=False,
                                             buttons=["copy"], elem_id="prompts")
                    gr.Markdown("## Sources", elem_id="sources-heading")
                    # Each answer's chart and sources; static/viewer.js links them (viewer.py).
                    sources = gr.HTML(panel_html([]), elem_id="sources")
            filters = [countries, documents_box, doc_types]
            with gr.Tab("Library", id="library"):
                library_view, library_parts = build_library_tab(
                    library, docs, add_documents, filter_choices, filters)

        conversation = Conversation(pa, questions_allowed, AskParts(
            mode=mode, countries=countries, documents_box=documents_box, doc_types=doc_types,
            chat=chat, question_box=question_box, send=send, stop=stop, notice=notice,
            clear=clear, sources=sources, brief_md=brief_md,
            brief_docx=brief_docx, prompts_box=prompts_box, export_md=export_md,
            export_docx=export_docx, answers_state=answers_state, saved=saved,
            pending=pending))
        conversation.wire(demo)
        demo.load(library_view, None, library_parts).then(filter_choices, None, filters)
    return demo


def create_app(pa: PolicyAssistant) -> FastAPI:
    """The ASGI app: /corpus/<file> for cited documents, the Gradio UI at /."""
    settings = pa.settings
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    add_corpus_route(app, [settings.corpus_dir, settings.uploads_path],
                     lambda key: pa.document_paths().get(key))
    add_viewer_routes(app)
    from gradio.utils import get_upload_folder

    uploads = UploadRegistry(folder=Path(get_upload_folder()))
    # The last added runs first: auth, then body size, then which files a request names.
    demo = build_demo(pa, uploads)
    app.add_middleware(UploadGuard, registry=uploads,
                       max_bytes=int(settings.upload_max_total_mb * 1024 * 1024),
                       uploads_allowed=RateLimiter(settings.library_actions_per_minute),
                       # The page itself (its load event) is a trigger too, id 0.
                       known_ids=lambda table, i: i in getattr(demo, table)
                       or (table == "blocks" and i == demo._id))
    app.add_middleware(RequestSizeLimit, max_bytes=MAX_REQUEST_BYTES, exempt=(UPLOAD_ROUTE,))
    app = gr.mount_gradio_app(
        app,
        demo,
        path="/",
        server_name=settings.host,
        server_port=settings.port,
        max_file_size=int(settings.upload_max_mb * 1024 * 1024),
        css=CSS,
        head=VIEWER_HEAD,
        theme=THEME,
        footer_links=[],
        run_history=False,
        show_error=True,
    )
    # What launch() sets: without it Gradio skips its own check that a file argument was
    # uploaded (UploadGuard checks first, and per client).
    demo.has_launched = True
    if settings.auth_user and settings.auth_password:
        app.add_middleware(
            BasicAuthMiddleware, user=settings.auth_user, password=settings.auth_password
        )
    app.add_middleware(SecurityHeaders)  # outermost: a 401 or 413 carries them too
    return app


def ensure_index(pa: PolicyAssistant) -> None:
    """Index the corpus folder when the index holds no documents yet."""
    if _documents(pa):
        return
    print(f"indexing {pa.settings.corpus_dir} (first start)…", file=sys.stderr)
    report = pa.ingest([pa.settings.corpus_dir])
    for failure in report.failed:
        print(f"error: {failure.file}: {failure.error}", file=sys.stderr)


def serve(settings: Settings) -> None:
    """Run the UI until interrupted (``assistant serve``)."""
    import uvicorn

    # Uploads go to a folder of this server's own (mode 0700), removed when it stops,
    # unless GRADIO_TEMP_DIR names one; Gradio reads the variable on every upload.
    private = None
    if not os.environ.get("GRADIO_TEMP_DIR"):
        private = tempfile.mkdtemp(prefix="policy-assistant-uploads-")
        os.environ["GRADIO_TEMP_DIR"] = private
    check_auth_settings(settings)  # before anything starts: an empty password is refused
    try:
        pa = PolicyAssistant(settings)
        ensure_index(pa)
        _countries(pa)  # loads the model and indexes now, not on the first question
        app = create_app(pa)
        print(f"Policy Assistant on http://{settings.host}:{settings.port}", file=sys.stderr)
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning",
                    **proxy_options(settings))
    finally:
        if private:
            shutil.rmtree(private, ignore_errors=True)
