"""Server mode: the same ingest and info commands against a real `chroma run` server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CORPUS

from assistant.evals.servers import free_port, stop, wait_until_up
from assistant.store import ChromaStore

BIN = Path(sys.executable).parent
ENV = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1"}


def assistant(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "assistant"), *args], check=False, capture_output=True, text=True,
        timeout=300, env=ENV,
    )  # fmt: skip


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Chroma server on a free loopback port, with its own data folder; stopped after."""
    folder = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with (folder / "server.log").open("w") as log:
        server = subprocess.Popen(
            [str(BIN / "chroma"), "run", "--path", str(folder / "data"),
             "--host", "127.0.0.1", "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, env=ENV,
        )  # fmt: skip
        try:
            wait_until_up(f"{url}/api/v2/heartbeat", server, timeout=60,
                          log=folder / "server.log")
            yield url
        finally:
            stop(server, timeout=10)


@pytest.mark.slow
def test_corpus_ingested_into_a_server_is_listed_and_reingest_is_unchanged(
    chroma_url, tmp_path, corpus_settings
):
    # --index still holds what is local to this machine: the ingest lock and BM25 index.
    local = ["--chroma-url", chroma_url, "--index", str(tmp_path / "local")]
    first = assistant("ingest", str(CORPUS), *local, "--json")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert (report["documents"], report["added"], report["failed"]) == (2, 2, [])
    # The server holds exactly what the embedded store holds for the same corpus.
    assert report["chunks"] == ChromaStore(corpus_settings).count()

    info = assistant("info", "--json", "--chroma-url", chroma_url)
    assert info.returncode == 0, info.stderr
    data = json.loads(info.stdout)
    assert data["index"] == chroma_url
    assert data["model"] == "all-MiniLM-L6-v2"
    assert {d["source"] for d in data["documents"]} == {p.name for p in CORPUS.glob("*.pdf")}
    assert data["chunks"] == report["chunks"]

    again = assistant("ingest", str(CORPUS), *local, "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["unchanged"] == 2


def test_unreachable_server_is_one_line_and_exit_5():
    url = f"http://127.0.0.1:{free_port()}"
    result = assistant("info", "--chroma-url", url)
    assert result.returncode == 5
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: cannot reach the Chroma server at {url}")
    assert "Traceback" not in result.stderr


def test_malformed_server_url_is_refused():
    result = assistant("info", "--chroma-url", "localhost:8000")
    assert result.returncode == 5
    assert result.stderr.strip() == (
        "error: bad Chroma URL 'localhost:8000': expected http://host:port"
    )


def test_a_server_lock_released_between_create_and_check_is_retried_not_an_error():
    """Two UI servers starting together: one's create fails because the other holds the
    lock, which the other releases before the first reads who holds it. That is contention,
    not a failure: the first waits and takes the lock (CI once saw the server exit here)."""
    import chromadb

    from assistant.locking import ServerLock

    client = chromadb.EphemeralClient(chromadb.config.Settings(anonymized_telemetry=False))
    name = f"race_{os.getpid()}_ingest_lock"
    holder = ServerLock(client, name)
    assert holder.acquire(0)
    waiter = ServerLock(client, name)
    read_holder = waiter._metadata

    def released_in_between() -> dict | None:
        holder.release()
        waiter._metadata = read_holder  # the race happens once
        return read_holder()

    waiter._metadata = released_in_between  # type: ignore[method-assign]
    try:
        assert waiter.acquire(5)
        assert waiter.holder() == waiter.owner
    finally:
        waiter.release()
