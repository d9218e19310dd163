"""The HTTP side of the UI: cited files served from the corpus folders only, basic auth.

Citations name a document by its file name (the index key), so ``/corpus/<file name>``
accepts a bare file name and nothing else: no folders, no ``..``, no absolute paths. The
file is looked up inside the allowed folders and, after resolving symlinks, must still
lie inside one of them.
"""

from __future__ import annotations

import base64
import binascii
import secrets
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
