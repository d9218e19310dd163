"""The Ask tab's conversation: take a question, stream its answer, queue, stop, keep, restore.

Nothing typed is lost: an empty Enter does nothing; the box is cleared only when a
question is taken, never while an answer streams (text typed meanwhile stays). A question
sent while an answer is being written is taken and waits its turn: a status line under the
chat says how many wait, and each is answered, in order, as soon as the one before it ends
(with the mode and filters it was sent with). Stop ends the answer in progress: what had
been shown stays in the conversation, marked "(stopped)", with the sources it cited. The
answers, mode and filters are saved in the browser (``session``) after every change and
come back on a reload.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import gradio as gr

from assistant.errors import AssistantError
from assistant.export import STOPPED
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
# Questions one session may have waiting behind the answer being written; one more
# stays in the box with a notice (a session cannot fill the server's queue).
MAX_WAITING = 3
# A bubble that is not (yet) an answer says so by its class: static/viewer.js counts only
# answer bubbles, so that the k-th one stays answer k of the Sources panel.
STATUS = '<div class="chat-status" role="status">\n\n*{}*\n\n</div>'
PENDING = STATUS.format("Searching the documents…")
QUEUE_FULL = ("{} questions are already waiting: this one stays in the box. Press Enter "
              "again when an answer is complete, or press Stop to end the one being written.")
_MARKER = re.compile(r"\[(\d{1,3})\]")


def transcript(answers: Sequence[Answer]) -> list[dict[str, str]]:
    """The chat messages of a session, rebuilt from its answers."""
    messages: list[dict[str, str]] = []
    for answer in answers:
        messages.append({"role": "user", "content": render.escape(answer.question)})
        messages.append({"role": "assistant", "content": render.answer_markdown(answer)})
    return messages


def stopped_answer(answer: Answer, shown: str) -> Answer:
    """What Stop keeps of an answer: the text shown so far, the sources it cites, marked."""
    cited = {int(n) for n in _MARKER.findall(shown)}
    return replace(answer, answer=shown, citations=[c for c in answer.citations if c.n in cited],
                   extras={**answer.extras, STOPPED: True})


def waiting_notice(waiting: Sequence[str]) -> Any:
    """The status line under the chat: the questions waiting their turn, or nothing."""
    if not waiting:
        return gr.update(value="", visible=False)
    count = "1 question waiting" if len(waiting) == 1 else f"{len(waiting)} questions waiting"
    listed = ", ".join(f"“{render.escape(q)}”" for q in waiting)
    return status_line(f"**{count}**, answered in turn when this answer ends: {listed}")


def status_line(markdown: str) -> Any:
    """The line under the chat, announced by screen readers (a status region)."""
    return gr.update(value=f'<div class="queue-status" role="status">\n\n{markdown}\n\n</div>',
                     visible=True)


@dataclass(frozen=True)
class Asked:
    """A question as sent: its text and the mode and filters chosen at that moment."""

    question: str
    mode: str
    countries: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)


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
    notice: Any  # the status line: questions waiting, or why one stays in the box
    clear: Any
    sources: Any  # every answer's sources and chart (sources.panel_html)
    brief_md: Any
    brief_docx: Any
    prompts_box: Any
    export_md: Any
    export_docx: Any
    answers_state: Any  # gr.State: this session's Answer objects
    saved: Any  # gr.BrowserState: the same, as JSON in the browser
    pending: Any  # gr.State: the question just taken from the box


class Conversation:
    def __init__(self, pa: PolicyAssistant, allowed: RateLimiter, parts: AskParts) -> None:
        self.pa = pa
        self.allowed = allowed
        self.ui = parts
        # Per browser session (Gradio's session hash), under one lock: whether an answer is
        # being written, the questions waiting behind it, and whether Stop was pressed.
        self.lock = threading.Lock()
        self.answering: set[str | None] = set()
        self.waiting: dict[str | None, list[Asked]] = {}
        self.stop_requests: set[str | None] = set()

    def wire(self, demo: gr.Blocks) -> None:
        ui = self.ui
        # Enter and Send: the question is taken at once, then answered (or queued behind
        # the answer being written) in one queue that answers a few sessions at once.
        for trigger in (ui.question_box.submit, ui.send.click):
            # Outputs are lists, in a fixed order, for API clients (chat first).
            trigger(
                self.accept, [ui.question_box],
                [ui.question_box, ui.pending, ui.stop],
                queue=False,
            ).then(
                self.respond,
                [ui.pending, ui.mode, ui.countries, ui.documents_box, ui.doc_types,
                 ui.answers_state],
                [ui.chat, ui.answers_state, ui.question_box, ui.sources, ui.brief_md,
                 ui.brief_docx, ui.prompts_box, ui.saved, ui.export_md, ui.export_docx,
                 ui.stop, ui.notice],
                concurrency_id="ask", concurrency_limit=ASK_CONCURRENCY,
                # Gradio's default ("once") drops a second call while one is running:
                # the question sent during an answer would vanish instead of queueing.
                trigger_mode="multiple",
            )
        # Stop asks the answering generator to end: it shows the stop itself, so no
        # piece already on its way can arrive after it.
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
    def accept(self, question: str) -> dict[Any, Any]:
        """Enter or Send: an empty box does nothing; otherwise the question is taken (it
        is answered now, or queued by ``respond`` when an answer is being written)."""
        ui = self.ui
        question = (question or "").strip()
        if not question:
            return {ui.pending: ""}
        return {ui.question_box: "", ui.pending: question, ui.stop: gr.update(visible=True)}

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
        """Answer the question taken, then every question queued behind it meanwhile; or,
        when this session's answer is still being written, queue it and return."""
        # Only the outputs named change: the question box is never reset here, so
        # whatever is typed while an answer streams stays.
        ui = self.ui
        if not question:  # nothing taken (an empty Enter)
            yield {}  # a generator that yields nothing would blank every output
            return
        key = request.session_hash if request else None
        sent = Asked(question, mode, countries or [], documents or [], doc_types or [])
        with self.lock:
            queue = self.waiting.setdefault(key, [])
            busy = key in self.answering
            queued = busy and len(queue) < MAX_WAITING
            if queued:
                queue.append(sent)
            self.answering.add(key)
            waiting = [a.question for a in queue]
        if busy:
            if queued:
                yield {ui.notice: waiting_notice(waiting)}
            else:
                yield {ui.question_box: question,
                       ui.notice: status_line(QUEUE_FULL.format(MAX_WAITING))}
            return
        client = request.client.host if request and request.client else "unknown"
        asked: Asked | None = sent
        finished = False
        try:
            first = True
            while asked is not None:
                answers, update = yield from self._answer(asked, answers, key, client, first)
                first = False
                with self.lock:  # the next question, or this session is idle again
                    queue = self.waiting.get(key) or []
                    asked = queue.pop(0) if queue else None
                    if asked is None:
                        self.answering.discard(key)
                        self.waiting.pop(key, None)
                    waiting = [a.question for a in queue]
                if asked is None:
                    update |= {ui.stop: gr.update(visible=False),
                               ui.notice: gr.update(value="", visible=False)}
                else:
                    update |= {ui.stop: gr.update(visible=True),
                               ui.notice: waiting_notice(waiting)}
                yield update
            finished = True
        finally:
            if not finished:  # the browser went away (or an error): nothing may stay queued
                with self.lock:
                    self.answering.discard(key)
                    self.waiting.pop(key, None)

    def _answer(self, asked: Asked, answers: list[Answer], key: str | None, client: str,
                typed: bool) -> Generator[dict[Any, Any], None, tuple[list[Answer], dict]]:
        """Stream one answer; returns (the answers now kept, the update that shows them).

        ``typed``: the question came from the box just now (a refused one goes back into
        it); a queued one is named in the warning instead, so nothing typed since is lost.
        """
        ui = self.ui
        refused: dict[Any, Any] = {ui.chat: transcript(answers)}
        if typed:
            refused[ui.question_box] = asked.question
        shown = transcript(answers)
        shown.append({"role": "user", "content": render.escape(asked.question)})
        if not self.allowed.allow(client):
            gr.Warning(
                f"Too many questions from this address: the limit is "
                f"{self.pa.settings.rate_limit_per_minute} a minute; wait a few seconds and "
                f"ask again{'' if typed else ': ' + asked.question}."
            )
            return answers, refused
        self.stop_requests.discard(key)
        yield {ui.chat: shown + [{"role": "assistant", "content": PENDING}]}
        try:
            answer = self.pa.ask(
                asked.question,
                mode=asked.mode,
                countries=asked.countries,
                documents=asked.documents,
                doc_types=asked.doc_types,
                history=answers,
            )
        except AssistantError as exc:
            gr.Warning(str(exc) if typed else f"{asked.question}: {exc}")
            return answers, refused
        # Every answer's sources (and chart), the new one shown: earlier ones stay selectable.
        sources_now = panel_html([*answers, answer])
        written = ""
        for piece in render.stream_pieces(answer.answer, MAX_STREAM_UPDATES):
            if key in self.stop_requests:
                self.stop_requests.discard(key)
                answer = stopped_answer(answer, written)
                break
            markdown = render.answer_markdown(replace(answer, answer=piece))
            yield {ui.chat: shown + [{"role": "assistant", "content": markdown}],
                   ui.sources: sources_now}
            written = piece
            time.sleep(STREAM_DELAY_S)
        answers = [*answers, answer]
        md_file, docx_file, prompts = brief_updates(answer)
        kept = session.Session(answers, asked.mode, asked.countries, asked.documents,
                               asked.doc_types)
        return answers, {
            ui.chat: transcript(answers), ui.answers_state: answers,
            ui.sources: panel_html(answers), ui.brief_md: md_file,
            ui.brief_docx: docx_file, ui.prompts_box: prompts, ui.saved: session.dump(kept),
            **self.conversation_exports(answers)}

    def stop_requested(self, request: gr.Request) -> Any:
        """Stop: the answer being written ends at its next piece (or as soon as it is
        found); what was shown of it stays, marked "(stopped)"; queued questions follow."""
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
        if kept == session.Session():
            # A new browser: the page already shows a new session, and an example or a
            # mode picked while a busy server ran this load must not be reset. (An empty
            # dict would be read as one output value: a dict must name a component.)
            return {ui.mode: gr.skip()}
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
