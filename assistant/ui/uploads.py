"""Uploads: only files this client sent to Gradio's upload route may reach an event, the
bytes a client may have waiting are bounded, and every upload file is deleted once used
or expired.

Gradio fills a file argument from a ``FileData`` whose ``path`` the client chooses. Its
own check that the path was uploaded runs only for apps started with ``launch()``; this
app is mounted on FastAPI, so the check is done here, before Gradio opens the file:
``UploadGuard`` records the paths ``/gradio_api/upload`` returns to each client and
refuses any other path in a JSON request, with one message whether or not it exists.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.jsonl import strict_json
from assistant.ui.web import RateLimiter, bad_ids, refuse

UPLOAD_ROUTE = "/gradio_api/upload"
# Sent for a file argument that was not uploaded by this client (or has expired); the
# same words whether the path exists or not, so nothing about the server leaks.
NOT_UPLOADED = "file arguments must be files uploaded from this page; upload the file again"
# Uploads not added to the library within this time are deleted.
UPLOAD_TTL_S = 15 * 60


def client_key(host: str | None, authorization: str | None) -> str:
    """Who sent a request: address plus (a digest of) its credentials, so two users
    behind one proxy with their own logins are told apart."""
    digest = hashlib.sha256((authorization or "").encode()).hexdigest()[:16]
    return f"{host or 'unknown'}|{digest}"


def _key_of_scope(scope: dict[str, Any]) -> str:
    client = scope.get("client") or ("unknown", 0)
    auth = dict(scope.get("headers") or []).get(b"authorization", b"").decode("latin-1")
    return client_key(client[0], auth)


@dataclass
class _Upload:
    client: str
    size: int
    when: float


class UploadRegistry:
    """The upload files each client may still use, their sizes and ages."""

    def __init__(self, ttl_s: float = UPLOAD_TTL_S,
                 clock: Callable[[], float] = time.monotonic,
                 folder: Path | None = None) -> None:
        self.ttl_s = ttl_s
        self.clock = clock
        self.folder = folder  # Gradio's upload folder, for its own leftovers
        self._uploads: dict[str, _Upload] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _normal(path: str) -> str:
        return os.path.abspath(path)

    def add(self, client: str, paths: Iterable[str]) -> None:
        now = self.clock()
        with self._lock:
            for path in paths:
                try:
                    size = os.lstat(path).st_size
                except OSError:
                    continue
                self._uploads[self._normal(path)] = _Upload(client, size, now)

    def owns(self, client: str, path: str) -> bool:
        """True when ``client`` uploaded ``path`` and it has not expired. Looks at no file."""
        with self._lock:
            upload = self._uploads.get(self._normal(path))
            return (upload is not None and upload.client == client
                    and self.clock() - upload.when <= self.ttl_s)

    def pending_bytes(self, client: str) -> int:
        with self._lock:
            return sum(u.size for u in self._uploads.values() if u.client == client)

    def release(self, paths: Iterable[str]) -> None:
        """Forget the files and delete them with their (Gradio-made) folder."""
        with self._lock:
            for path in paths:
                if self._uploads.pop(self._normal(path), None) is not None:
                    _delete(Path(self._normal(path)))

    def sweep(self) -> None:
        """Delete every upload older than the time limit."""
        now = self.clock()
        with self._lock:
            old = [p for p, u in self._uploads.items() if now - u.when > self.ttl_s]
        self.release(old)
        if self.folder is not None:
            _delete_leftovers(self.folder, self.ttl_s)


def _delete_leftovers(folder: Path, age_s: float) -> None:
    """Gradio's File component leaves an empty ``tmp*`` file in its upload folder for every
    file argument; those older than ``age_s`` (never a file being uploaded) are deleted."""
    cutoff = time.time() - age_s
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
            if entry.name.startswith("tmp") and stat.S_ISREG(info.st_mode) and \
                    info.st_size == 0 and info.st_mtime < cutoff:
                os.unlink(entry.path)
        except OSError:
            continue


def _delete(path: Path) -> None:
    try:
        path.unlink()
        path.parent.rmdir()  # Gradio keeps each upload in a folder of its own
    except OSError:
        pass


def regular_file_size(path: str) -> int | None:
    """Size of ``path`` if it is a regular file (not a link, device or pipe), else None.
    Only ``lstat``: nothing is opened or read."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def file_paths(value: Any) -> list[str]:
    """Every ``path`` of a file-like object (a dict with a string ``path``) in JSON data."""
    found: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("path"), str):
                found.append(item["path"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


class UploadGuard:
    """ASGI middleware around the Gradio app.

    - ``POST /gradio_api/upload``: refused (413) when its declared size exceeds the per
      request budget or what the client already has waiting plus it exceeds the per
      client budget (411 without a length); the paths Gradio returns are recorded.
    - Any other JSON ``POST`` under ``/gradio_api/``: refused (403) when a file argument
      names a path this client did not upload.
    """

    def __init__(self, app: Any, registry: UploadRegistry, max_bytes: int,
                 uploads_allowed: RateLimiter | None = None,
                 known_ids: Callable[[str, int], bool] | None = None) -> None:
        self.app = app
        # Whether an event or component id exists (``web.bad_ids``); None = not checked.
        self.known_ids = known_ids
        self.registry = registry
        self.max_bytes = max_bytes
        # Upload requests per client (a RateLimiter): 429 past it, before a byte is read.
        self.uploads_allowed = uploads_allowed

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope.get("method") != "POST" or \
                not path.startswith("/gradio_api/"):
            await self.app(scope, receive, send)
        elif path == UPLOAD_ROUTE:
            await self._upload(scope, receive, send)
        else:
            await self._event(scope, receive, send)

    async def _upload(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        client = _key_of_scope(scope)
        self.registry.sweep()
        if self.uploads_allowed is not None and not self.uploads_allowed.allow(client):
            await refuse(send, 429, "too many uploads from this client; wait a minute\n")
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"")
        if not declared.isdigit():
            await refuse(send, 411, "uploads must declare their length\n")
            return
        waiting = self.registry.pending_bytes(client)
        if int(declared) + waiting > self.max_bytes:
            await refuse(send, 413, f"uploads over the {self.max_bytes / 1e6:g} MB budget "
                          "(per request and waiting per client); add or remove files first\n")
            return
        # The reply must stay readable here: no compression of this route's answer.
        scope = {**scope, "headers": [(k, v) for k, v in scope.get("headers") or []
                                      if k != b"accept-encoding"]}
        status: list[int] = []
        body = bytearray()

        async def recording_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])
            elif message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, recording_send)
        if status and status[0] == 200:
            try:
                paths = json.loads(bytes(body))
            except ValueError:
                return
            self.registry.add(client, [p for p in paths if isinstance(p, str)])

    async def _event(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        messages = []
        raw = bytearray()
        while True:  # bodies here are bounded by RequestSizeLimit
            message = await receive()
            messages.append(message)
            raw.extend(message.get("body", b""))
            if message["type"] != "http.request" or not message.get("more_body"):
                break
        looks_json = bytes(raw.strip()[:1]) in (b"{", b"[")
        try:
            data = strict_json(bytes(raw)) if looks_json else None
        except RecursionError:  # nested too deep: Gradio refuses it
            data = None
        except ValueError as exc:  # "1e400", NaN: Gradio would fail on it with a 500
            await refuse(send, 400, f"malformed JSON request: {str(exc)[:80]}\n")
            return
        problem = bad_ids(data, self.known_ids) if self.known_ids else None
        if problem:
            await refuse(send, 400, problem + "\n")
            return
        client = _key_of_scope(scope)
        if any(not self.registry.owns(client, p) for p in file_paths(data)):
            await refuse(send, 403, NOT_UPLOADED + "\n")
            return
        replay = iter(messages)

        async def replay_receive() -> dict[str, Any]:
            try:
                return next(replay)
            except StopIteration:
                return await receive()

        await self.app(scope, replay_receive, send)
