"""Store failures as one line: what is wrong with the index and the command that fixes it.

Chroma, SQLite, hnswlib and the file system report a broken index in their own words
(``InternalError: error returned from database: (code: 11) database disk image is
malformed``) and as 50-line tracebacks. Every entry point of the library (the CLI, the UI,
the evals through ``PolicyAssistant``) runs its store work inside ``store_failures``, which
turns them into an ``AssistantError`` naming the problem and what to do: rebuild (the
damaged index is moved aside, never deleted), wait for the lock, fix permissions or free
disk space. Nothing already indexed is lost by any of these messages or commands.
"""

from __future__ import annotations

import errno
import re
import shlex
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager

from assistant.errors import (
    AssistantError,
    IndexDamagedError,
    IndexLockedError,
    IndexWriteError,
)
from assistant.settings import Settings

# SQLite result codes as Chroma's Rust core prints them ("(code: 11)") and SQLite's words.
_DAMAGED = re.compile(
    r"\(code: (11|26)\)|malformed|not a database|file is encrypted|database corrupt"
    r"|no such table|no such column|error loading hnsw|cannot open file|index.*corrupt"
    r"|unpickling|invalid load key|pickle data was truncated|hnsw segment reader",
    re.IGNORECASE,
)
_LOCKED = re.compile(r"\(code: [56]\)|database is locked|database table is locked", re.IGNORECASE)
_READ_ONLY = re.compile(r"\(code: 8\)|readonly database|read-only file system|permission denied"
                        r"|unable to open database file|\(code: 14\)", re.IGNORECASE)
_FULL = re.compile(r"\(code: 13\)|database or disk is full|no space left", re.IGNORECASE)
# Where these failures come from: Chroma (and its Rust core), SQLite, hnswlib, pickle.
_STORE_MODULES = ("chromadb", "sqlite3", "hnswlib", "_pickle", "pickle")


def rebuild_command(settings: Settings) -> str:
    """The command that rebuilds this index from the documents it was built from."""
    sources = [settings.corpus_dir]
    if settings.uploads_path.is_dir() and settings.uploads_path.parent != settings.corpus_dir:
        sources.append(settings.uploads_path)
    args = ["assistant", "ingest", "--rebuild", "--index", str(settings.index_dir),
            *map(str, sources)]
    return " ".join(shlex.quote(a) for a in args)


def describe(exc: BaseException, settings: Settings) -> AssistantError | None:
    """The one-line error for a store failure, or None when it is not one."""
    if isinstance(exc, AssistantError):
        return exc
    module = type(exc).__module__.split(".")[0]
    if not isinstance(exc, OSError | sqlite3.Error) and module not in _STORE_MODULES:
        return None
    detail = " ".join(str(exc).split())[:160] or type(exc).__name__
    where = settings.chroma_url or str(settings.index_dir)
    code = exc.errno if isinstance(exc, OSError) else None
    if code == errno.ENOSPC or _FULL.search(detail):
        return IndexWriteError(f"the disk holding the index at {where} is full ({detail}); "
                               "free some space and run the command again "
                               "(nothing indexed is lost)")
    if _LOCKED.search(detail):
        return IndexLockedError(f"the index at {where} is locked by another process ({detail}); "
                                "wait for it to finish and run the command again")
    if code in (errno.EACCES, errno.EPERM, errno.EROFS) or _READ_ONLY.search(detail):
        return IndexWriteError(
            f"cannot use the index at {where} ({detail}); make it readable and writable by "
            f"this user, or build one elsewhere: `assistant ingest --index NEW-FOLDER "
            f"{shlex.quote(str(settings.corpus_dir))}`")
    if _DAMAGED.search(detail) or module in ("sqlite3", "hnswlib"):
        return IndexDamagedError(
            f"the index at {where} is damaged ({detail}); rebuild it with "
            f"`{rebuild_command(settings)}` (the damaged index is kept beside it)")
    return None


@contextmanager
def store_failures(settings: Settings) -> Iterator[None]:
    """Run store work; a store failure leaves as its one-line ``AssistantError``."""
    try:
        yield
    except AssistantError:
        raise
    except Exception as exc:
        error = describe(exc, settings)
        if error is None:
            raise
        raise error from exc


def set_aside(settings: Settings) -> str | None:
    """Move the index folder aside (``<index>.damaged-<time>``) for a rebuild; nothing is
    deleted. None when there is no index folder (or the index is a Chroma server)."""
    index = settings.index_dir
    if settings.chroma_url or not index.exists():
        return None
    from assistant.locking import ingest_lock  # the writing side: not loaded for a question

    aside = index.with_name(f"{index.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    with ingest_lock(settings):  # never under another ingest's feet
        index.rename(aside)
    return str(aside)
