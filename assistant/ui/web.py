"""The HTTP side of the UI: cited files served from the corpus folders only, basic auth,
request-size and per-client rate limits, security headers, and which forwarding headers
are believed.

Citations name a document by its index key (its path relative to the folder it was
ingested from, usually just the file name), so ``/corpus/<key>`` serves the file the
index recorded for that key, or ``<folder>/<key>``, and only when it lies, after resolving
symlinks, inside one of the allowed folders. The key is never a pattern: no globbing, no
``..``, no absolute paths, no hidden files.
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

from assistant.errors import SettingsError
from assistant.settings import Settings

# Shown in the browser: a PDF (opened at #page=N) and text, as plain text.
INLINE_TYPES = {
    ".pdf": "application/pdf",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".markdown": "text/plain; charset=utf-8",
}
# Downloaded, never rendered: Office files open in their program, and a web page from the
# corpus is someone else's HTML (scripts, forms), which must not run under the UI's origin.
DOWNLOAD_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
}
SERVED_TYPES = {**INLINE_TYPES, **DOWNLOAD_TYPES}


def _is_safe_key(name: str) -> bool:
    parts = name.split("/")
    return (
        bool(name)
        and not any(ch in name for ch in ("\\", "\x00"))
        and all(part and not part.startswith(".") for part in parts)
    )


def find_corpus_file(name: str, roots: Sequence[Path], recorded: str | None = None
                     ) -> Path | None:
    """The file of document ``name``: the path the index ``recorded`` for it, or
    ``<root>/<name>``; only a regular file inside one of ``roots``, else None."""
    if not _is_safe_key(name) or Path(name).suffix.lower() not in SERVED_TYPES:
        return None
    bases = [root.resolve() for root in roots if root.is_dir()]
    candidates = ([Path(recorded)] if recorded else []) + [root / name for root in roots]
    for candidate in candidates:
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError):
            continue
        if any(resolved.is_relative_to(base) for base in bases) and resolved.is_file():
            return resolved
    return None


def add_corpus_route(app: FastAPI, roots: Sequence[Path],
                     locate: Callable[[str], str | None] = lambda key: None) -> None:
    """GET /corpus/<document key>: the cited document, PDFs and text shown inline (PDFs
    open at #page=N), every other ingested format (Word, PowerPoint, Excel, CSV, HTML) as a
    download (``Content-Disposition: attachment``; a sandbox policy keeps a browser that
    rendered one anyway from running its scripts). ``locate`` gives the path the index
    recorded for a key."""

    @app.get("/corpus/{name:path}", include_in_schema=False)
    def corpus_file(name: str) -> FileResponse:
        path = find_corpus_file(name, roots, locate(name) if _is_safe_key(name) else None)
        if path is None:
            raise HTTPException(status_code=404, detail="no such document in the corpus")
        suffix = path.suffix.lower()
        inline = suffix in INLINE_TYPES
        headers = {"X-Content-Type-Options": "nosniff"}
        if not inline:
            headers["Content-Security-Policy"] = "sandbox"
        return FileResponse(
            path,
            media_type=SERVED_TYPES[suffix],
            filename=path.name,
            content_disposition_type="inline" if inline else "attachment",
            headers=headers,
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
            await refuse(send, 413, f"request body over {self.max_bytes} bytes\n")
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


async def refuse(send: Any, status: int, text: str) -> None:
    """An ASGI reply refusing a request: ``status`` and a plain-text line saying why."""
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


# Gradio's page runs inline scripts and styles and connects back over fetch/SSE and
# websockets; everything else it needs is served by this app. Nothing from elsewhere:
# an image or script URL in a document or an answer is not fetched, and no other site may
# frame the UI (clickjacking).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; "
    "font-src 'self' data:; "
    "connect-src 'self' ws: wss:; "
    "media-src 'self' data: blob:; "
    "worker-src 'self' blob:; "
    "frame-src 'self' blob:; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every HTTP response that does not set them itself.

    Cited documents (``/corpus/``) get them without the CSP: a PDF opens in the browser's
    own viewer, which a page policy (``object-src 'none'``) can stop; they are served as
    PDF or plain text with ``nosniff``, and every other format as a download with its own
    ``sandbox`` policy, so nothing in them runs as a page of this site."""

    def __init__(self, app: ASGIApp, no_csp: tuple[str, ...] = ("/corpus/",)) -> None:
        self.app = app
        self.no_csp = no_csp

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        wanted = [(k, v) for k, v in SECURITY_HEADERS if not (
            k == b"content-security-policy" and scope["path"].startswith(self.no_csp))]

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {name.lower() for name, _ in headers}
                headers += [(k, v) for k, v in wanted if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def check_auth_settings(settings: Settings) -> None:
    """Refuse a half-set login: a user with an empty password would serve without auth."""
    if settings.auth_user is None and settings.auth_password is None:
        return
    if not (settings.auth_user or "").strip() or not (settings.auth_password or "").strip():
        raise SettingsError(
            "ASSISTANT_AUTH_USER and ASSISTANT_AUTH_PASSWORD must both be set and non-empty "
            "to turn on auth (unset both to serve without it)"
        )


def proxy_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's forwarding options: X-Forwarded-For is believed only from the proxies
    named in ``trusted_proxies`` (uvicorn believes it from 127.0.0.1 by default, so any
    local client could pick its own address and escape its rate limit)."""
    proxies = [p.strip() for p in settings.trusted_proxies.split(",") if p.strip()]
    if not proxies:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": proxies}


# Ids a Gradio request names: an event (fn_index), the component that triggered it, a
# component whose server function is called. Gradio indexes its tables with them and
# answers 500 for one that is out of range, infinite ("1e400") or NaN.
_ID_KEYS = {"fn_index": "fns", "trigger_id": "blocks", "component_id": "blocks"}


def bad_ids(data: Any, known: Callable[[str, int], bool]) -> str | None:
    """Why a request's ids cannot name anything on this page, or None.
    ``known(table, id)`` says whether ``table`` ("fns" or "blocks") has that id."""
    if not isinstance(data, dict):
        return None
    for key, table in _ID_KEYS.items():
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not known(table, value):
            return f"{key} names no event or component of this page"
    return None
