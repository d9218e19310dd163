"""The web UI: a Gradio chat over ``PolicyAssistant``, mounted on a small FastAPI app.

The UI holds no answer logic: questions go to ``PolicyAssistant.ask``, uploads to
``ingest``, removals to ``remove``, briefs to ``assistant.export.brief_to_docx``; this
module only lays out and presents what comes back. Each browser session keeps its own
conversation (the previous ``Answer`` objects) in ``gr.State``.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd
from fastapi import FastAPI

from assistant.errors import AssistantError, IndexMissingError
from assistant.ingest import SUPPORTED_TYPES
from assistant.pipeline import PolicyAssistant
from assistant.settings import Settings
from assistant.types import Answer
from assistant.ui import render
from assistant.ui.library import UPLOAD_SUFFIXES, Library
from assistant.ui.sources import panel_html
from assistant.ui.uploads import UPLOAD_ROUTE, UploadGuard, UploadRegistry, client_key
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
    ("Ask", "auto"),  # the words choose: "brief for Egypt" gives a brief
    ("Compare countries", "compare"),
    ("Country brief", "brief"),
    ("Discussion prompts", "prompts"),
]
# Examples for each kind of user: delegates, UN staff, trainers.
EXAMPLES = [
    ["How did peer countries tackle digital literacy?", "compare"],
    ["What is Indonesia's EGDI score?", "auto"],
    ["Country brief: Indonesia", "brief"],
    ["Discussion prompts on digital skills for civil servants", "prompts"],
]
# Pause between streamed pieces: long enough to read as streaming, short overall.
STREAM_DELAY_S = 0.03
MAX_STREAM_UPDATES = 24
ASK_CONCURRENCY = 4
PENDING = "*Searching the documents…*"
# Largest request body outside file uploads: a question is at most 2,000 characters.
MAX_REQUEST_BYTES = 1024 * 1024
# Brief downloads and Gradio's cached copies of files older than this are deleted.
TEMP_FILE_AGE_S = 3600
BRIEF_PREFIX = "policy-brief-"

# Gradio finds the progress bar by a gr.Progress default argument.
_PROGRESS = gr.Progress()

CSS = (Path(__file__).parent / "static" / "app.css").read_text(encoding="utf-8")


# ---- presentation of the session ---------------------------------------------------------
def transcript(answers: Sequence[Answer]) -> list[dict[str, str]]:
    """The chat messages of a session, rebuilt from its answers."""
    messages: list[dict[str, str]] = []
    for answer in answers:
        messages.append({"role": "user", "content": render.escape(answer.question)})
        messages.append({"role": "assistant", "content": render.answer_markdown(answer)})
    return messages


def _delete_old_briefs() -> None:
    """Brief files are copied into Gradio's cache when shown; the originals older than
    TEMP_FILE_AGE_S are deleted (the copies go with Gradio's delete_cache)."""
    cutoff = time.time() - TEMP_FILE_AGE_S
    for folder in Path(tempfile.gettempdir()).glob(BRIEF_PREFIX + "*"):
        try:
            if folder.is_dir() and not folder.is_symlink() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _export_updates(answer: Answer) -> tuple[Any, Any, Any]:
    """Download buttons for a brief, the copyable prompt list for prompts; hidden otherwise."""
    hidden = gr.update(value=None, visible=False)
    if answer.mode == "brief" and not answer.abstained:
        _delete_old_briefs()
        folder = Path(tempfile.mkdtemp(prefix=BRIEF_PREFIX))
        name = render.slug(answer.question)
        md_path = folder / f"{name}.md"
        md_path.write_text(answer.answer, encoding="utf-8")
        docx_path = folder / f"{name}.docx"
        from assistant.export import brief_to_docx

        brief_to_docx(answer, docx_path)
        return (
            gr.update(value=str(md_path), visible=True),
            gr.update(value=str(docx_path), visible=True),
            gr.update(value="", visible=False),
        )
    if answer.mode == "prompts" and answer.extras.get("prompts"):
        return hidden, hidden, gr.update(value=render.prompts_text(answer), visible=True)
    return hidden, hidden, gr.update(value="", visible=False)


# ---- index facts for the filters and the library tab ---------------------------------------
def _documents(pa: PolicyAssistant) -> list[Any]:
    try:
        return pa.documents()
    except IndexMissingError:
        return []


def _countries(pa: PolicyAssistant) -> list[str]:
    try:
        return sorted(pa.retriever.countries_in_index)
    except AssistantError:
        return []


def documents_frame(docs: Sequence[Any]) -> pd.DataFrame:
    return pd.DataFrame(
        [[d.title, d.source, d.doc_type, d.year or "", d.pages, d.chunks] for d in docs],
        columns=["Title", "File", "Type", "Year", "Pages", "Chunks"],
    )


class _ProgressBar:
    """Adapts the library's progress sink to a Gradio progress bar."""

    def __init__(self, progress: gr.Progress) -> None:
        self.progress = progress

    def files(self, done: int, total: int, name: str) -> None:
        self.progress((done, total), desc=f"Reading {name}", unit="files")

    def batches(self, done: int, total: int) -> None:
        self.progress((done, total), desc="Embedding passages", unit="batches")


# ---- the app ---------------------------------------------------------------------------------
def _client_of(request: gr.Request | None) -> str:
    """The same client key ``UploadGuard`` gave the uploads of this browser or API client."""
    host = request.client.host if request and request.client else None
    auth = request.headers.get("authorization") if request else None
    return client_key(host, auth)


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

    def library_view() -> tuple[Any, Any]:
        docs = _documents(pa)
        return (
            documents_frame(docs),
            gr.update(choices=[(f"{d.title} ({d.source})", d.source) for d in docs], value=None),
        )

    def respond(
        question: str,
        mode: str,
        countries: list[str],
        documents: list[str],
        doc_types: list[str],
        answers: list[Answer],
        request: gr.Request,
    ) -> Iterator[tuple[Any, ...]]:
        skip = gr.skip()
        question = (question or "").strip()
        if not question:
            return
        client = request.client.host if request and request.client else "unknown"
        if not questions_allowed.allow(client):
            gr.Warning(
                f"Too many questions from this address: the limit is "
                f"{settings.rate_limit_per_minute} a minute; wait a few seconds and ask again."
            )
            yield transcript(answers), answers, question, skip, skip, skip, skip
            return
        shown = transcript(answers)
        shown.append({"role": "user", "content": render.escape(question)})
        yield (shown + [{"role": "assistant", "content": PENDING}], answers, "",
               skip, skip, skip, skip)
        try:
            answer = pa.ask(
                question,
                mode=mode,
                countries=countries or (),
                documents=documents or (),
                doc_types=doc_types or (),
                history=answers,
            )
        except AssistantError as exc:
            gr.Warning(str(exc))
            yield transcript(answers), answers, question, skip, skip, skip, skip
            return
        # Every answer's sources (and chart), the new one shown: earlier ones stay selectable.
        sources = panel_html([*answers, answer])
        markdown = render.answer_markdown(answer)
        for prefix in render.stream_pieces(markdown, MAX_STREAM_UPDATES):
            yield (shown + [{"role": "assistant", "content": prefix}], answers, "",
                   sources, skip, skip, skip)
            time.sleep(STREAM_DELAY_S)
        answers = [*answers, answer]
        md_file, docx_file, prompts = _export_updates(answer)
        yield transcript(answers), answers, "", sources, md_file, docx_file, prompts

    def new_conversation() -> tuple[Any, ...]:
        hidden = gr.update(value=None, visible=False)
        return [], [], panel_html([]), hidden, hidden, gr.update(value="", visible=False)

    def add_documents(files: list[str] | None, request: gr.Request,
                      progress: gr.Progress = _PROGRESS) -> Any:
        if not files:
            return f"Choose one or more files first ({SUPPORTED_TYPES})."
        return library.add(files, _client_of(request), _ProgressBar(progress))

    def remove_document(source: str | None, request: gr.Request) -> str:
        return library.remove(source, _client_of(request)) if source else \
            "Pick a document to remove."

    docs = _documents(pa)
    with gr.Blocks(title="Policy Assistant",
                   delete_cache=(TEMP_FILE_AGE_S, TEMP_FILE_AGE_S)) as demo:
        answers_state = gr.State([])
        gr.Markdown(
            "## Policy Assistant\nSourced answers on e-government policy from UN documents. "
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
                        documents = gr.Dropdown(
                            [(d.title, d.source) for d in docs], value=[],
                            multiselect=True, label="Documents", elem_id="documents")
                        doc_types = gr.Dropdown(
                            sorted({d.doc_type for d in docs if d.doc_type}), value=[],
                            multiselect=True, label="Document types", elem_id="doc-types")
                    chat = gr.Chatbot(
                        label="Conversation", height=520, elem_id="chat",
                        buttons=["copy", "copy_all"], feedback_options=None,
                        sanitize_html=True, layout="bubble",
                        placeholder="Ask about e-government policy, compare countries, "
                        "request a country brief or workshop discussion prompts.",
                    )
                    with gr.Row():
                        question = gr.Textbox(
                            placeholder="Your question, e.g. What is Indonesia's EGDI "
                            "score?", show_label=False, scale=5, elem_id="question",
                            max_length=2000, autofocus=True)
                        send = gr.Button("Send", variant="primary", scale=1,
                                         elem_id="send")
                    with gr.Row():
                        gr.Examples(EXAMPLES, inputs=[question, mode], label="Examples")
                        clear = gr.Button("New conversation", size="sm", scale=0,
                                          elem_id="new-conversation")
                with gr.Column(scale=2, min_width=320):
                    md_file = gr.DownloadButton("Download brief (.md)", visible=False,
                                                elem_id="download-md", size="sm")
                    docx_file = gr.DownloadButton("Download brief (.docx)", visible=False,
                                                  elem_id="download-docx", size="sm")
                    prompts_box = gr.Textbox(label="Prompts (copy for your workshop)",
                                             lines=6, visible=False, interactive=False,
                                             buttons=["copy"], elem_id="prompts")
                    gr.Markdown("### Sources")
                    # Each answer's chart and sources; static/viewer.js links them (viewer.py).
                    sources = gr.HTML(panel_html([]), elem_id="sources")
            with gr.Tab("Library", id="library"):
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
                    to_remove = gr.Dropdown([(f"{d.title} ({d.source})", d.source)
                                             for d in docs], value=None,
                                            label="Document to remove", scale=3,
                                            elem_id="to-remove")
                    remove = gr.Button("Remove from the library", variant="stop", scale=1,
                                       elem_id="remove")

        outputs = [chat, answers_state, question, sources, md_file, docx_file, prompts_box]
        inputs = [question, mode, countries, documents, doc_types, answers_state]
        # Enter and Send share one queue that answers a few questions at once.
        question.submit(respond, inputs, outputs, concurrency_id="ask",
                        concurrency_limit=ASK_CONCURRENCY)
        send.click(respond, inputs, outputs, concurrency_id="ask",
                   concurrency_limit=ASK_CONCURRENCY)
        session_outputs = [chat, answers_state, sources, md_file, docx_file, prompts_box]
        clear.click(new_conversation, None, session_outputs)
        chat.clear(new_conversation, None, session_outputs)

        filters = [countries, documents, doc_types]
        add.click(add_documents, [upload], [status]).then(
            library_view, None, [table, to_remove]).then(filter_choices, None, filters).then(
            lambda: None, None, [upload])
        remove.click(remove_document, [to_remove], [status]).then(
            library_view, None, [table, to_remove]).then(filter_choices, None, filters)
        # Another session may have changed the library since this page was built.
        demo.load(library_view, None, [table, to_remove]).then(filter_choices, None, filters)
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
        # System fonts: the default theme would fetch web fonts from the internet.
        theme=gr.themes.Soft(font=["ui-sans-serif", "system-ui", "sans-serif"],
                             font_mono=["ui-monospace", "monospace"]),
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
