"""The library's front door: one object the CLI, the UI and the evals all call.

``PolicyAssistant`` loads the store, the embedder and the BM25 index once and keeps them,
so a process (a web server, a batch of questions) pays the start-up cost a single time.
Before each question it compares the store's version (a digest of the document registry)
with the one it loaded, so a change made by another process (an ingest from the CLI, an
upload through another server) is picked up instead of answering from stale indexes.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from assistant.chroma_client import forget_cached_client
from assistant.settings import Settings, get_settings
from assistant.store import ChromaStore
from assistant.store_failures import store_failures
from assistant.types import Answer, IndexedDocument, IngestReport

if TYPE_CHECKING:
    # Imported where they run: the writing side (parsers, chunking, the file lock) costs a
    # question nothing, and retrieve.py loads the embedding stack when first needed.
    from assistant.indexing import ProgressSink
    from assistant.retrieve import HybridRetriever


# How stale a loaded index may be before a question looks for changes by other processes
# (a Chroma server; an embedded store marked by its writers is looked at every question).
VERSION_CHECK_SECONDS = 1.0
Method = TypeVar("Method", bound=Callable[..., Any])


def _store_guarded(method: Method) -> Method:
    """A store failure (damaged, locked, unwritable index) leaves as one line naming the
    problem and the command that fixes it, for the CLI and the UI alike."""

    @functools.wraps(method)
    def wrapper(self: PolicyAssistant, *args: Any, **kwargs: Any) -> Any:
        with store_failures(self.settings):
            return method(self, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


class PolicyAssistant:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self._lock = threading.RLock()
        self._retriever: HybridRetriever | None = None
        self._loaded_version: str | None = None
        self._loaded_stamp = ""  # the registry's change token when the version was read
        self._loaded_mark = ""  # the store's mark file (ChromaStore.touched) then
        self._checked_at = 0.0

    # ---- index ---------------------------------------------------------------------
    @_store_guarded
    def ingest(
        self, paths: Sequence[Path], *, prune: bool = False, progress: ProgressSink | None = None
    ) -> IngestReport:
        from assistant.indexing import index_paths

        report = index_paths(paths, self.settings, prune=prune, progress=progress)
        self.reload()
        return report

    @_store_guarded
    def remove(self, source: str) -> bool:
        """Drop one document (by file name) from the index; False if it was not there."""
        return self._change_document(source, lambda store: store.forget_document(source))

    @_store_guarded
    def retitle(self, source: str, title: str) -> bool:
        """Give an indexed document another title; False if it is not in the index."""
        return self._change_document(source, lambda store: store.retitle(source, title))

    def _change_document(self, source: str, change: Callable[[ChromaStore], None]) -> bool:
        """Apply ``change`` to the store under the ingest lock when it holds ``source``, then
        rebuild BM25 (it keeps each chunk's title) and reload; False if it does not."""
        from assistant.indexing import refresh_bm25
        from assistant.locking import ingest_lock

        with ingest_lock(self.settings):
            forget_cached_client(self.settings)  # write on what is on disk now
            store = ChromaStore(self.settings)
            if source not in store.documents():
                return False
            change(store)
            refresh_bm25(store, self.settings, force=True)
        self.reload()
        return True

    @_store_guarded
    def documents(self) -> list[IndexedDocument]:
        store = ChromaStore(self.settings)
        return sorted(store.documents().values(), key=lambda d: d.title.lower())

    @_store_guarded
    def document_paths(self) -> dict[str, str]:
        """Where each document's file was when it was indexed, by document key."""
        return ChromaStore(self.settings).document_paths()

    def reload(self) -> None:
        """Forget loaded indexes; the next question reads the store afresh."""
        with self._lock:
            self._retriever = None

    # ---- questions -----------------------------------------------------------------
    @property
    def retriever(self) -> HybridRetriever:
        """The loaded retriever, loaded again when the index changed since."""
        with self._lock, store_failures(self.settings):
            # Another process may change the index: an embedded store's writers replace a
            # mark file, looked at before every question (one stat); otherwise (a Chroma
            # server, an older writer) look at most once a second at the registry's change
            # token (one small read). Only a new token (or none, from an older writer)
            # costs reading the whole registry for its version.
            now = time.monotonic()
            if self._retriever is not None and (
                now - self._checked_at >= VERSION_CHECK_SECONDS
                or self._retriever.store.touched() != self._loaded_mark
            ):
                self._checked_at = now
                store = self._retriever.store
                self._loaded_mark = store.touched()
                stamp = store.changed()
                if not stamp or stamp != self._loaded_stamp:
                    if store.version() != self._loaded_version:
                        forget_cached_client(self.settings)
                        self._retriever = None
                    else:
                        self._loaded_stamp = stamp
            if self._retriever is None:
                from assistant.retrieve import HybridRetriever
                from assistant.storecopy import open_store

                # Read before loading: a change made while loading shows on the next question.
                # A small embedded store is read from its copy (no chromadb: storecopy.py).
                store = open_store(self.settings)
                self._loaded_mark = store.touched()
                stamp, version = store.changed(), store.version()
                self._retriever = HybridRetriever.open(self.settings, version, store)
                self._loaded_version, self._loaded_stamp = version, stamp
                self._checked_at = time.monotonic()
            return self._retriever

    @_store_guarded
    def prepare(self, questions: Sequence[str]) -> None:
        """Get ready for a batch: embed all the questions, and search for them, at once."""
        self.retriever.prepare([" ".join(q.split()) for q in questions], search=True)

    @_store_guarded
    def ask(
        self,
        question: str,
        *,
        mode: str | None = None,
        countries: Sequence[str] = (),
        documents: Sequence[str] = (),
        doc_types: Sequence[str] = (),
        k: int | None = None,
        history: Sequence[Answer] = (),
        n: int | None = None,
    ) -> Answer:
        """Answer a question in a mode (answer | compare | brief | prompts); with no mode
        the question's words choose it."""
        from assistant.answer import answer_question

        return answer_question(
            self.retriever,
            question,
            settings=self.settings,
            mode=mode,
            countries=countries,
            documents=documents,
            doc_types=doc_types,
            k=k,
            history=history,
            n=n,
        )
