"""One writer per index, across processes: a file lock, or a lock held in the Chroma server.

Embedded store (``--index``): every writer runs on the machine that holds the folder, so an
OS file lock (flock, via filelock) is exact and a killed ingest never leaves it behind.

Chroma server (``--chroma-url``): UI servers on several hosts share nothing but the server,
so a file lock would protect nothing. The lock is then a collection in the server named
``<collection>_ingest_lock``: creating a collection whose name exists fails inside the
server (a unique constraint in its catalogue), which makes ``create_collection`` an atomic
test-and-set that every client sees. The holder writes a heartbeat into the collection's
metadata every few seconds; a lock whose heartbeat is older than ``STALE_SECONDS`` belongs
to a process that died and is taken over. Breaking a stale lock is the one racy step (two
waiters may both see it stale); each re-checks the heartbeat just before deleting, which
narrows that window to a dead holder and two waiters within one round trip.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from filelock import FileLock, Timeout

from assistant.errors import IndexLockedError
from assistant.settings import Settings

# A holder beats every HEARTBEAT_SECONDS; silence for STALE_SECONDS means it died.
HEARTBEAT_SECONDS = 5.0
STALE_SECONDS = 60.0
POLL_SECONDS = 0.25


@contextmanager
def ingest_lock(settings: Settings, *, wait: float | None = None) -> Iterator[None]:
    """Hold the index's writer lock. ``wait`` (seconds) defaults to 0 for an embedded index
    (a second local ingest is a mistake: fail fast) and to ``settings.lock_wait_seconds``
    with a Chroma server (another UI server's upload is normal: queue behind it)."""
    if settings.chroma_url:
        patience = settings.lock_wait_seconds if wait is None else wait
        with _server_lock(settings, patience):
            yield
    else:
        with _file_lock(settings, wait or 0):
            yield


@contextmanager
def local_copy_lock(settings: Settings) -> Iterator[None]:
    """This machine's lock on its own copy of a server index's BM25 folder: processes (or
    threads: an upload and a question) that save it take turns."""
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    with FileLock(settings.index_dir / ".bm25.lock", timeout=settings.lock_wait_seconds):
        yield


@contextmanager
def _file_lock(settings: Settings, wait: float) -> Iterator[None]:
    """filelock holds an OS lock, so a killed ingest never leaves a stale lock. Opening the
    lock file truncates it, so the holder's pid goes in a file beside it."""
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(settings.index_dir / ".ingest.lock", timeout=wait)
    pid_file = settings.index_dir / ".ingest.pid"
    try:
        lock.acquire()
    except Timeout:
        try:
            holder = pid_file.read_text().strip() or "?"
        except OSError:
            holder = "?"
        raise IndexLockedError(
            f"another ingest (pid {holder}) is writing to {settings.index_dir}; "
            "wait for it to finish and run again"
        ) from None
    try:
        pid_file.write_text(str(os.getpid()))
        yield
    finally:
        pid_file.unlink(missing_ok=True)
        lock.release()


@contextmanager
def _server_lock(settings: Settings, wait: float) -> Iterator[None]:
    from assistant.chroma_client import make_client

    client = make_client(settings, create=False)
    lock = ServerLock(client, f"{settings.collection}_ingest_lock")
    if not lock.acquire(wait):
        raise IndexLockedError(
            f"another ingest ({lock.holder() or 'unknown process'}) is writing to "
            f"{settings.chroma_url}; wait for it to finish and run again"
        )
    try:
        yield
    finally:
        lock.release()


class ServerLock:
    """A mutex held as a Chroma collection (see the module docstring)."""

    def __init__(self, client, name: str) -> None:  # noqa: ANN001 - chromadb ClientAPI
        self.client = client
        self.name = name
        self.owner = f"{socket.gethostname()} pid {os.getpid()} {uuid.uuid4().hex[:8]}"
        self._stop = threading.Event()
        self._beater: threading.Thread | None = None

    def acquire(self, wait: float) -> bool:
        deadline = time.monotonic() + wait
        while True:
            if self._try_create():
                self._stop.clear()
                self._beater = threading.Thread(target=self._beat, daemon=True,
                                                name="ingest-lock-heartbeat")
                self._beater.start()
                return True
            self._break_if_stale()
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL_SECONDS)

    def release(self) -> None:
        self._stop.set()
        if self._beater is not None:
            self._beater.join(timeout=HEARTBEAT_SECONDS + 5)
        if self.holder() == self.owner:
            self._delete()

    def holder(self) -> str | None:
        meta = self._metadata()
        return None if meta is None else str(meta.get("owner", ""))

    def _try_create(self) -> bool:
        try:
            self.client.create_collection(
                self.name, metadata={"owner": self.owner, "beat": time.time()},
                embedding_function=None,
            )
        except Exception as exc:
            if self._metadata() is None and not _already_exists(exc):
                raise  # not taken, so the failure was something else (server down, ...)
            # Taken, or taken and released between our two calls (two servers starting
            # together): either way, wait and try again.
            return False
        return True

    def _metadata(self) -> dict | None:
        try:
            return dict(self.client.get_collection(self.name, embedding_function=None).metadata
                        or {})
        except Exception:  # noqa: BLE001 - NotFoundError differs between versions
            return None

    def _break_if_stale(self) -> None:
        meta = self._metadata()
        if meta is not None and time.time() - float(meta.get("beat", 0)) > STALE_SECONDS:
            again = self._metadata()  # re-read: a holder that just beat keeps its lock
            if again is not None and again.get("beat") == meta.get("beat"):
                self._delete()

    def _delete(self) -> None:
        with contextlib.suppress(Exception):  # already gone is fine
            self.client.delete_collection(self.name)

    def _beat(self) -> None:
        while not self._stop.wait(HEARTBEAT_SECONDS):
            try:
                collection = self.client.get_collection(self.name, embedding_function=None)
                collection.modify(metadata={"owner": self.owner, "beat": time.time()})
            except Exception:  # noqa: BLE001 - a missed beat is retried; 12 in a row go stale
                continue


def _already_exists(exc: Exception) -> bool:
    """Whether creating failed because the name is taken: over HTTP chromadb raises a plain
    ChromaError whose message says so, embedded it raises UniqueConstraintError."""
    from chromadb.errors import UniqueConstraintError

    return isinstance(exc, UniqueConstraintError) or "already exists" in str(exc)
