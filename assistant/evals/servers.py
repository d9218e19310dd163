"""Local servers for the evals and the tests: a free loopback port, waiting until a server
answers, and stopping it. Every server here listens on 127.0.0.1 only."""

from __future__ import annotations

import http.client
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(
    url: str,
    proc: subprocess.Popen | None = None,
    *,
    timeout: float = 60,
    headers: dict[str, str] | None = None,
    log: Path | None = None,
) -> None:
    """Poll GET ``url`` until it answers 200; RuntimeError if ``proc`` exits or time runs out
    (with the end of ``log``, where the server wrote, in the message)."""
    parts = urlparse(url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server for {url} exited with {proc.returncode}{_tail(log)}")
        try:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=2)
            conn.request("GET", parts.path or "/", headers=headers or {})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s{_tail(log)}")


def stop(proc: subprocess.Popen, timeout: float = 15) -> None:
    """Terminate, and kill if it does not exit in time."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _tail(log: Path | None) -> str:
    if log is None or not log.exists():
        return ""
    return "; server log ends: " + log.read_text(errors="replace")[-500:]


@contextmanager
def serve_in_thread(app: Any, timeout: float = 60, port: int | None = None) -> Iterator[int]:
    """Serve an ASGI app on a loopback port (a free one unless given) in a daemon thread;
    yields the port once the server has started (not by a request: the app may require a
    login), and stops it on exit."""
    import uvicorn

    port = port or free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the app on port {port} did not start within {timeout:.0f} s")
            time.sleep(0.1)
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)
