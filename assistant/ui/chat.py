"""The Ask tab's conversation: take a question, stream its answer, stop, keep, restore.

Nothing typed is lost: an empty Enter does nothing; the box is cleared only when a
question is taken, never while an answer streams (text typed meanwhile stays); a
question sent while an answer is being written stays in the box with a notice saying
why; Stop ends the answer in progress. The answers, mode and filters are saved in the
browser (``session``) after every change and come back on a reload.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.pipeline import PolicyAssistant
from assistant.types import Answer
from assistant.ui import render, session
from assistant.ui.exports import brief_updates
from assistant.ui.sources import panel_html
from assistant.ui.web import RateLimiter

# Pause between streamed pieces: long enough to read as streaming, short overall.
STREAM_DELAY_S = 0.03
MAX_STREAM_UPDATES = 24
ASK_CONCURRENCY = 4
# A bubble that is not (yet, or any more) an answer says so by its class: static/viewer.js
# counts only answer bubbles, so that the k-th one stays answer k of the Sources panel.
STATUS = '<div class="chat-status" role="status">\n\n*{}*\n\n</div>'
PENDING = STATUS.format("Searching the documents…")
BUSY_NOTICE = ("An answer is still being written. Your question stays in the box: press "
               "Enter again when the answer is complete, or press Stop to end it.")
STOPPED = STATUS.format("Stopped before the end of the answer.")


def transcript(answers: Sequence[Answer]) -> list[dict[str, str]]:
    """The chat messages of a session, rebuilt from its answers."""
    messages: list[dict[str, str]] = []
    for answer in answers:
        messages.append({"role": "user", "content": render.escape(answer.question)})
        messages.append({"role": "assistant", "content": render.answer_markdown(answer)})
    return messages


@dataclass
class AskParts:
    """The Ask tab's components the conversation reads and writes."""

    mode: Any
    countries: Any
    documents_box: Any
    doc_types: Any
    chat: Any
    question_box: Any
    send: Any
    stop: Any
    notice: Any
    clear: Any
    sources: Any  # every answer's sources and chart (sources.panel_html)
    brief_md: Any
    brief_docx: Any
    prompts_box: Any
    export_md: Any
    export_docx: Any
    answers_state: Any  # gr.State: this session's Answer objects
    saved: Any  # gr.BrowserState: the same, as JSON in the browser
    busy_state: Any  # gr.State: an answer of this session is being written
    pending: Any  # gr.State: the question just taken from the box


class Conversation:
    def __init__(self, pa: PolicyAssistant, allowed: RateLimiter, parts: AskParts) -> None:
        self.pa = pa
        self.allowed = allowed
        self.ui = parts
        # Sessions whose Stop was pressed while an answer was being written.
        self.stop_requests: set[str | None] = set()

    def wire(self, demo: gr.Blocks) -> None:
        ui = self.ui
        # Enter and Send: the question is taken at once (or refused with a reason), then
        # answered in one queue that answers a few questions at once.
        for trigger in (ui.question_box.submit, ui.send.click):
            # Outputs are lists, in a fixed order, for API clients (chat first).
            trigger(
                self.accept, [ui.question_box, ui.busy_state],
                [ui.question_box, ui.pending, ui.busy_state, ui.notice, ui.stop],
                queue=False,
            ).then(
                self.respond,
                [ui.pending, ui.mode, ui.countries, ui.documents_box, ui.doc_types,
                 ui.answers_state],
                [ui.chat, ui.answers_state, ui.question_box, ui.sources, ui.brief_md,
                 ui.brief_docx, ui.prompts_box, ui.saved, ui.export_md, ui.export_docx,
                 ui.busy_state, ui.stop, ui.notice],
                concurrency_id="ask", concurrency_limit=ASK_CONCURRENCY,
            )
        # Stop asks the answering generator to end: it shows the stop itself, so no
        # piece already on its way can arrive after the notice.
        ui.stop.click(self.stop_requested, None, [ui.stop], queue=False)
        choices = [ui.mode, ui.countries, ui.documents_box, ui.doc_types]
        cleared = [ui.chat, ui.answers_state, ui.sources, ui.brief_md, ui.brief_docx,
                   ui.prompts_box, ui.saved, ui.export_md, ui.export_docx]
        ui.clear.click(self.new_conversation, choices, cleared)
        ui.chat.clear(self.new_conversation, choices, cleared)
        for control in choices:
            control.change(self.remember, [*choices, ui.answers_state], [ui.saved],
                           queue=False)
        # A reload brings this browser's conversation back.
        demo.load(self.restore, [ui.saved],
                  [ui.chat, ui.answers_state, ui.sources, ui.mode, ui.countries,
                   ui.documents_box, ui.doc_types, ui.export_md, ui.export_docx, ui.brief_md,
                   ui.brief_docx, ui.prompts_box])

    # ---- a question ------------------------------------------------------------------
    def accept(self, question: str, busy: bool) -> dict[Any, Any]:
        """Enter or Send: an empty box does nothing; while an answer is being written the
        question stays in the box and a notice says why; otherwise it is taken."""
        ui = self.ui
        question = (question or "").strip()
        if not question:
            return {ui.pending: ""}
        if busy:
            return {ui.pending: "", ui.notice: gr.update(value=BUSY_NOTICE, visible=True)}
        return {ui.question_box: "", ui.pending: question, ui.busy_state: True,
                ui.notice: gr.update(value="", visible=False), ui.stop: gr.update(visible=True)}

    def respond(
        self,
        question: str,
        mode: str,
        countries: list[str],
        documents: list[str],
        doc_types: list[str],
        answers: list[Answer],
        request: gr.Request,
    ) -> Iterator[dict[Any, Any]]:
        # Only the outputs named change: the question box is never reset here, so
        # whatever is typed while an answer streams stays.
        ui = self.ui
        if not question:  # nothing taken (an empty Enter, or a refusal while busy)
            yield {}  # a generator that yields nothing would blank every output
            return
        done = {ui.busy_state: False, ui.stop: gr.update(visible=False),
                ui.notice: gr.update(value="", visible=False)}
        client = request.client.host if request and request.client else "unknown"
        if not self.allowed.allow(client):
            gr.Warning(
                f"Too many questions from this address: the limit is "
                f"{self.pa.settings.rate_limit_per_minute} a minute; wait a few seconds and "
                "ask again."
            )
            yield {ui.chat: transcript(answers), ui.question_box: question, **done}
            return
        session_key = request.session_hash if request else None
        self.stop_requests.discard(session_key)
        shown = transcript(answers)
        shown.append({"role": "user", "content": render.escape(question)})
        yield {ui.chat: shown + [{"role": "assistant", "content": PENDING}]}
        # A stopped answer is not kept: its sources go too, the panel is the kept answers'.
        stopped = {ui.chat: shown + [{"role": "assistant", "content": STOPPED}],
                   ui.sources: panel_html(answers), **done}
        try:
            answer = self.pa.ask(
                question,
                mode=mode,
                countries=countries or (),
                documents=documents or (),
                doc_types=doc_types or (),
                history=answers,
            )
        except AssistantError as exc:
            gr.Warning(str(exc))
            yield {ui.chat: transcript(answers), ui.question_box: question, **done}
            return
        # Every answer's sources (and chart), the new one shown: earlier ones stay selectable.
        sources_now = panel_html([*answers, answer])
        markdown = render.answer_markdown(answer)
        for prefix in render.stream_pieces(markdown, MAX_STREAM_UPDATES):
            if session_key in self.stop_requests:
                self.stop_requests.discard(session_key)
                yield stopped
                return
            yield {ui.chat: shown + [{"role": "assistant", "content": prefix}],
                   ui.sources: sources_now}
            time.sleep(STREAM_DELAY_S)
        answers = [*answers, answer]
        md_file, docx_file, prompts = brief_updates(answer)
        kept = session.Session(answers, mode, countries or [], documents or [], doc_types or [])
        yield {ui.chat: transcript(answers), ui.answers_state: answers,
               ui.sources: sources_now, ui.brief_md: md_file,
               ui.brief_docx: docx_file, ui.prompts_box: prompts, ui.saved: session.dump(kept),
               **self.conversation_exports(answers), **done}

    def stop_requested(self, request: gr.Request) -> Any:
        """Stop: the answer being written ends at its next piece (or as soon as it is
        found); the conversation keeps the answers before it."""
        self.stop_requests.add(request.session_hash if request else None)
        return gr.update(visible=False)

    # ---- the session: saved, restored, exported, cleared ------------------------------
    def remember(self, mode: str, countries: list[str], documents: list[str],
                 doc_types: list[str], answers: list[Answer]) -> dict[str, Any]:
        return session.dump(session.Session(answers, mode, countries or [], documents or [],
                                             doc_types or []))

    def restore(self, saved: Any) -> dict[Any, Any]:
        """A reload: the conversation, mode and filters saved in this browser come back
        (filter values no longer in the library are dropped)."""
        ui = self.ui
        kept = session.load(saved)
        try:
            docs = self.pa.documents() if kept.documents or kept.doc_types else []
            known_countries = self.pa.retriever.countries_in_index if kept.countries else set()
        except AssistantError:  # no index yet: nothing to filter on
            docs, known_countries = [], set()
        last = kept.answers[-1] if kept.answers else None
        modes = {m for _, m in ui.mode.choices}
        update: dict[Any, Any] = {
            ui.chat: transcript(kept.answers), ui.answers_state: kept.answers,
            ui.sources: panel_html(kept.answers),
            ui.mode: kept.mode if kept.mode in modes else "auto",
            ui.countries: [c for c in kept.countries if c in known_countries],
            ui.documents_box: [d for d in kept.documents if d in {x.source for x in docs}],
            ui.doc_types: [t for t in kept.doc_types if t in {x.doc_type for x in docs}],
            **self.conversation_exports(kept.answers),
        }
        if last is not None:
            update[ui.brief_md], update[ui.brief_docx], update[ui.prompts_box] = \
                brief_updates(last)
        return update

    def conversation_exports(self, answers: Sequence[Answer]) -> dict[Any, Any]:
        files = session.conversation_files(answers)
        if files is None:
            hidden = gr.update(value=None, visible=False)
            return {self.ui.export_md: hidden, self.ui.export_docx: hidden}
        return {self.ui.export_md: gr.update(value=str(files[0]), visible=True),
                self.ui.export_docx: gr.update(value=str(files[1]), visible=True)}

    def new_conversation(self, mode: str, countries: list[str], documents: list[str],
                         doc_types: list[str]) -> dict[Any, Any]:
        ui = self.ui
        hidden = gr.update(value=None, visible=False)
        return {ui.chat: [], ui.answers_state: [], ui.sources: panel_html([]),
                ui.brief_md: hidden, ui.brief_docx: hidden,
                ui.prompts_box: gr.update(value="", visible=False),
                ui.saved: self.remember(mode, countries, documents, doc_types, []),
                **self.conversation_exports([])}
