"""The HTTP side of the UI: cited files served from the corpus folders only, basic auth,
request-size and per-client question-rate limits.

Citations name a document by its file name (the index key), so ``/corpus/<file name>``
accepts a bare file name and nothing else: no folders, no ``..``, no absolute paths. The
file is looked up inside the allowed folders and, after resolving symlinks, must still
lie inside one of them.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException
from fastapi.responses import FileResponse

SERVED_TYPES = {
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".markdown": "text/plain; charset=utf-8",
}


def _is_bare_name(name: str) -> bool:
    return (
        bool(name)
        and name not in {".", ".."}
        and not any(sep in name for sep in ("/", "\\", "\x00"))
        and not name.startswith(".")
    )


def find_corpus_file(name: str, roots: Sequence[Path]) -> Path | None:
    """The file called ``name`` inside one of ``roots`` (searched recursively), or None."""
    if not _is_bare_name(name) or Path(name).suffix.lower() not in SERVED_TYPES:
        return None
    for root in roots:
        if not root.is_dir():
            continue
        base = root.resolve()
        for candidate in [root / name, *root.rglob(name)]:
            resolved = candidate.resolve()
            if resolved.is_relative_to(base) and resolved.is_file():
                return resolved
    return None


def add_corpus_route(app: FastAPI, roots: Sequence[Path]) -> None:
    """GET /corpus/<file name>: the cited document, shown inline (PDFs open at #page=N)."""

    @app.get("/corpus/{name:path}", include_in_schema=False)
    def corpus_file(name: str) -> FileResponse:
        path = find_corpus_file(name, roots)
        if path is None:
            raise HTTPException(status_code=404, detail="no such document in the corpus")
        return FileResponse(
            path,
            media_type=SERVED_TYPES[path.suffix.lower()],
            filename=path.name,
            content_disposition_type="inline",
            headers={"X-Content-Type-Options": "nosniff"},
        )


ASGIApp = Callable[[dict[str, Any], Callable[..., Awaitable[Any]], Callable[..., Awaitable[Any]]],
                   Awaitable[None]]


class BasicAuthMiddleware:
    """HTTP basic auth in front of every route (the UI, its API and /corpus files)."""

    def __init__(self, app: ASGIApp, user: str, password: str) -> None:
        self.app = app
        self.user = user.encode()
        self.password = password.encode()

    def _authorized(self, scope: dict[str, Any]) -> bool:
        header = dict(scope.get("headers") or []).get(b"authorization", b"")
        scheme, _, encoded = header.partition(b" ")
        if scheme.lower() != b"basic":
            return False
        try:
            user, _, password = base64.b64decode(encoded, validate=True).partition(b":")
        except (binascii.Error, ValueError):
            return False
        # Compare both in constant time, and always both, so timing reveals nothing.
        ok_user = secrets.compare_digest(user, self.user)
        ok_password = secrets.compare_digest(password, self.password)
        return ok_user and ok_password

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket") or self._authorized(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await send(
            {
                "type": "http.response.start",
                "status": 401,
                "headers": [
                    (b"www-authenticate", b'Basic realm="Policy Assistant", charset="UTF-8"'),
                    (b"content-type", b"text/plain; charset=utf-8"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b"authentication required\n"})


class RequestSizeLimit:
    """Refuses request bodies over ``max_bytes`` (413) before the app reads them, except
    on ``exempt`` path prefixes (file uploads, which Gradio streams to disk and bounds
    per file itself). Questions and UI events are a few kilobytes."""

    def __init__(self, app: ASGIApp, max_bytes: int, exempt: tuple[str, ...] = ()) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.exempt = exempt

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > self.max_bytes:
            await _refuse(send, 413, f"request body over {self.max_bytes} bytes\n")
            return
        received = 0

        async def bounded_receive() -> dict[str, Any]:
            # A chunked body declares no length: stop reading once it is too large.
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                return {"type": "http.disconnect"}
            return message

        await self.app(scope, bounded_receive, send)


async def _refuse(send: Any, status: int, text: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    await send({"type": "http.response.body", "body": text.encode()})


class RateLimiter:
    """A token bucket per client: up to ``per_minute`` questions at once, refilled at
    ``per_minute`` a minute. ``per_minute`` 0 means no limit."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, when)
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        if self.per_minute <= 0:
            return True
        now = self.clock()
        with self._lock:
            if len(self._buckets) > 10_000:  # forget clients whose bucket has refilled
                self._buckets = {c: (t, w) for c, (t, w) in self._buckets.items()
                                 if now - w < 60}
            tokens, when = self._buckets.get(client, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - when) * self.per_minute / 60)
            allowed = tokens >= 1
            self._buckets[client] = (tokens - 1 if allowed else tokens, now)
            return allowed
