"""Deployment: two `assistant serve` processes share one `chroma run` server (three
processes on loopback). What one UI server is given, the other answers from; removals
follow; uploads that arrive at both at once are both indexed, none lost."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from assistant.evals.load import chat_texts
from assistant.evals.servers import free_port, stop, wait_until_up
from assistant.settings import Settings
from assistant.store import ChromaStore

BIN = Path(sys.executable).parent
ENV = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1",
       "GRADIO_ANALYTICS_ENABLED": "False"}
FOLLOW_SECONDS = 5.0  # what one server was given, the other answers from within this

SEED = "# Zembla digital identity\n\nZembla issued 4,210,000 digital identity cards by 2024.\n"
RURITANIA = "# Ruritania open data\n\nRuritania publishes 310 open data sets on its portal.\n"
GRAUSTARK = "# Graustark e-procurement\n\nGraustark runs 97 percent of tenders online.\n"
OSTERLICH = "# Osterlich broadband\n\nOsterlich connects 88 percent of homes to fibre.\n"


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """`chroma run`, then two UI servers started at the same time on an empty server: both
    try to index the corpus folder at first start, so the lock is exercised at once."""
    root = tmp_path_factory.mktemp("deployment")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "zembla.md").write_text(SEED)
    chroma_port = free_port()
    chroma_url = f"http://127.0.0.1:{chroma_port}"
    with ExitStack() as stack:
        log = stack.enter_context((root / "chroma.log").open("w"))
        chroma = subprocess.Popen(
            [str(BIN / "chroma"), "run", "--path", str(root / "chroma-data"),
             "--host", "127.0.0.1", "--port", str(chroma_port)],
            stdout=log, stderr=subprocess.STDOUT, env=ENV,
        )  # fmt: skip
        stack.callback(stop, chroma, 10)
        wait_until_up(f"{chroma_url}/api/v2/heartbeat", chroma, timeout=60,
                      log=root / "chroma.log")
        urls: dict[str, str] = {"chroma": chroma_url, "root": str(root)}
        started = []
        for name in ("a", "b"):
            port = free_port()
            # Each UI server has only its own folder: local BM25 copy, units, uploads.
            env = {**ENV, "ASSISTANT_CORPUS_DIR": str(corpus),
                   "ASSISTANT_UPLOAD_DIR": str(root / name / "uploads"),
                   "GRADIO_TEMP_DIR": str(root / name / "gradio-tmp")}
            out = stack.enter_context((root / f"{name}.log").open("w"))
            proc = subprocess.Popen(
                [sys.executable, "-m", "assistant.cli", "serve", "--chroma-url", chroma_url,
                 "--index", str(root / name / "local"), "--port", str(port)],
                env=env, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip
            stack.callback(stop, proc)
            started.append((name, port, proc))
        for name, port, proc in started:
            urls[name] = f"http://127.0.0.1:{port}/"
            wait_until_up(urls[name], proc, timeout=300, log=root / f"{name}.log")
        yield urls


def client(url: str):
    from gradio_client import Client

    return Client(url, verbose=False, download_files=False)


def ask(url: str, question: str) -> str:
    session = client(url)
    session.predict(question, api_name="/accept")  # the box's question, as Enter takes it
    chat = session.predict("auto", [], [], [], api_name="/respond")[0]
    texts = chat_texts(chat, "assistant")
    return texts[-1] if texts else ""


def add(url: str, path: Path) -> str:
    from gradio_client import handle_file

    return str(client(url).predict([handle_file(str(path))], api_name="/add_documents"))


def within(seconds: float, check: Callable[[], bool]) -> float:
    """Seconds until ``check`` holds; fails when it does not within ``seconds``."""
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, f"not within {seconds} s"
        time.sleep(0.2)
    return time.monotonic() - started


def shards(deployment: dict[str, str], server: str) -> int:
    return len(list((Path(deployment["root"]) / server / "local" / "units").glob("*.npz")))


def documents(chroma_url: str) -> dict:
    return ChromaStore(Settings(chroma_url=chroma_url)).documents()


@pytest.mark.slow
def test_both_servers_started_together_index_the_corpus_once(deployment):
    store = ChromaStore(Settings(chroma_url=deployment["chroma"]))
    docs = store.documents()
    assert "zembla.md" in docs
    assert store.count() == sum(d.chunks for d in docs.values())  # not indexed twice
    for server in ("a", "b"):
        assert "4,210,000" in ask(deployment[server], "How many digital identity cards did Zembla issue?")


@pytest.mark.slow
def test_an_upload_to_one_server_is_answered_by_the_other_and_so_is_its_removal(
    deployment, tmp_path
):
    note = tmp_path / "ruritania.md"
    note.write_text(RURITANIA)
    question = "How many open data sets does Ruritania publish?"
    before = {server: shards(deployment, server) for server in ("a", "b")}
    assert "added to the library" in add(deployment["a"], note)
    within(FOLLOW_SECONDS, lambda: "310" in ask(deployment["b"], question))
    # Evidence-unit vectors are stored by the server that ingested; the other embeds the
    # units it needs on demand (in memory), so it answers all the same.
    assert (shards(deployment, "a"), shards(deployment, "b")) == (before["a"] + 1, before["b"])

    # Removed where it was uploaded (a server offers to remove the uploads in its own
    # folder), and the other server stops answering from it.
    uploader = client(deployment["a"])
    uploader.predict(api_name="/view")  # what a page load does: the list as it is now
    reply = uploader.predict("ruritania.md", api_name="/remove_document")
    assert "removed" in str(reply)
    within(FOLLOW_SECONDS, lambda: "310" not in ask(deployment["b"], question))
    assert "ruritania.md" not in documents(deployment["chroma"])


@pytest.mark.slow
def test_uploads_to_both_servers_at_once_are_all_indexed(deployment, tmp_path):
    notes = {"a": tmp_path / "graustark.md", "b": tmp_path / "osterlich.md"}
    notes["a"].write_text(GRAUSTARK)
    notes["b"].write_text(OSTERLICH)
    replies: dict[str, str] = {}
    threads = [threading.Thread(target=lambda s=s: replies.update({s: add(deployment[s], notes[s])}))
               for s in notes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert all("added to the library" in replies[s] for s in notes), replies
    store = ChromaStore(Settings(chroma_url=deployment["chroma"]))
    docs = store.documents()
    assert {"graustark.md", "osterlich.md"} <= set(docs)
    # No chunk lost or orphaned by the other server's ingest: the registry's counts add up.
    assert store.count() == sum(d.chunks for d in docs.values())
    for server in ("a", "b"):
        within(FOLLOW_SECONDS, lambda s=server: "97" in ask(deployment[s], "What share of tenders does Graustark run online?"))
        within(FOLLOW_SECONDS, lambda s=server: "88" in ask(deployment[s], "What share of homes does Osterlich connect to fibre?"))
