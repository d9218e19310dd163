"""Attacks on a served UI and on the index, as issue 13 found them; each must now fail.

Two `assistant serve` subprocesses on private copies of the corpus index (one with basic
auth, one without) take crafted file arguments, /dev/zero, same-name uploads and oversized
upload batches; the CLI and a second process change the index under a running server;
the BM25 files are tampered with and garbled. (Hostile Markdown in a real browser is in
test_ui.py.)
"""

from __future__ import annotations

import base64
import http.client
import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS

from assistant.cli import main
from assistant.evals.load import chat_texts
from assistant.evals.servers import free_port, stop, wait_until_up
from assistant.lexical import BM25Index, content_digest
from assistant.pipeline import PolicyAssistant
from assistant.settings import Settings
from assistant.store import ChromaStore
from assistant.ui.uploads import NOT_UPLOADED, UploadRegistry, client_key

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
AUTH = ("delegate", "s3cret pass")
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
       "GRADIO_ANALYTICS_ENABLED": "False"}
UPLOAD_MAX_MB = 0.05  # per file
UPLOAD_MAX_TOTAL_MB = 0.2  # per request, and waiting per client
EGDI_QUESTION = "What is Indonesia's EGDI score?"


@dataclass
class Served:
    port: int
    index: Path
    uploads: Path
    gradio_tmp: Path
    headers: dict[str, str]

    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


@contextmanager
def serve(corpus_settings: Settings, root: Path, auth: bool) -> Iterator[Served]:
    """`assistant serve` on a private copy of the corpus index, small upload limits."""
    index = root / "index"
    shutil.copytree(corpus_settings.index_dir, index)
    served = Served(free_port(), index, root / "uploads", root / "gradio-tmp",
                    {"Authorization": _basic(*AUTH)} if auth else {})
    env = {**ENV, "ASSISTANT_CORPUS_DIR": str(CORPUS), "ASSISTANT_UPLOAD_DIR": str(served.uploads),
           "ASSISTANT_UPLOAD_MAX_MB": str(UPLOAD_MAX_MB),
           "ASSISTANT_UPLOAD_MAX_TOTAL_MB": str(UPLOAD_MAX_TOTAL_MB),
           "GRADIO_TEMP_DIR": str(served.gradio_tmp)}
    if auth:
        env.update(ASSISTANT_AUTH_USER=AUTH[0], ASSISTANT_AUTH_PASSWORD=AUTH[1])
    log = root / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "serve", "--index", str(index),
             "--port", str(served.port)], env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_until_up(served.url(), proc, timeout=240, headers=served.headers, log=log)
            yield served
        finally:
            stop(proc)


@pytest.fixture(scope="module")
def servers(corpus_settings: Settings, tmp_path_factory) -> Iterator[dict]:
    """Servers started on first use, by auth on/off, stopped at the end of the module."""
    with ExitStack() as stack:
        started: dict[bool, Served] = {}

        def get(auth: bool) -> Served:
            if auth not in started:
                root = tmp_path_factory.mktemp("served")
                started[auth] = stack.enter_context(serve(corpus_settings, root, auth))
            return started[auth]

        yield get


@pytest.fixture(params=[False, True], ids=["auth off", "auth on"])
def server(request, servers) -> Served:
    return servers(request.param)


@pytest.fixture
def open_server(servers) -> Served:
    return servers(False)


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


# ---- a raw Gradio client: the requests an attacker writes by hand --------------------------
def request(served: Served, method: str, path: str, body: bytes = b"",
            headers: dict[str, str] | None = None, timeout: float = 10) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=timeout)
    conn.request(method, path, body=body, headers={**served.headers, **(headers or {})})
    response = conn.getresponse()
    return response.status, response.read()


def call(served: Served, api_name: str, data: list, timeout: float = 10) -> tuple[int, str]:
    """Queue an event with hand-made data: (join status, the error or output text)."""
    config = json.loads(request(served, "GET", "/config")[1])
    fn = next(d["id"] for d in config["dependencies"] if d.get("api_name") == api_name)
    session = uuid.uuid4().hex[:12]
    body = json.dumps({"data": data, "fn_index": fn, "session_hash": session,
                       "event_data": None, "trigger_id": None}).encode()
    status, text = request(served, "POST", "/gradio_api/queue/join", body,
                           {"Content-Type": "application/json"}, timeout)
    if status != 200:
        return status, text.decode()
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=timeout)
    conn.request("GET", f"/gradio_api/queue/data?session_hash={session}", headers=served.headers)
    stream = conn.getresponse()
    while line := stream.readline():
        if line.startswith(b"data:"):
            message = json.loads(line[5:])
            if message.get("msg") == "process_completed":
                output = message.get("output") or {}
                return status, str(output.get("error") or output.get("data"))
    return status, ""


def file_arg(path: str) -> list[dict]:
    return [{"path": path, "orig_name": Path(path).name, "meta": {"_type": "gradio.FileData"}}]


def multipart(files: dict[str, bytes]) -> tuple[bytes, dict[str, str]]:
    boundary = uuid.uuid4().hex
    body = b"".join(
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
        f"Content-Type: text/plain\r\n\r\n".encode() + data + b"\r\n"
        for name, data in files.items()
    ) + f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def upload(served: Served, files: dict[str, bytes]) -> tuple[int, list[str] | str]:
    body, headers = multipart(files)
    status, reply = request(served, "POST", "/gradio_api/upload", body, headers)
    return status, json.loads(reply) if status == 200 else reply.decode()


def session(served: Served):
    from gradio_client import Client

    return Client(served.url(), headers=served.headers, verbose=False, download_files=False)


def ask(client, question: str) -> str:
    client.predict(question, api_name="/accept")  # the box's question, as Enter takes it
    chat = client.predict("auto", [], [], [], api_name="/respond")[0]
    return chat_texts(chat, "assistant")[-1] if chat_texts(chat, "assistant") else ""


def library(served: Served) -> list[str]:
    return [d.source for d in PolicyAssistant(Settings(index_dir=served.index)).documents()]


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


# ---- 1. server files through FileData ---------------------------------------------------------
def test_server_files_named_in_a_file_argument_are_never_read(
    server: Served, tmp_path: Path
) -> None:
    vault = tmp_path / "vault"
    vault.mkdir(mode=0o700)
    secret = vault / "launch-codes.txt"
    secret.write_text("The launch code of the server is 4242.\n", encoding="utf-8")
    before = library(server)
    uploaded = files_under(server.uploads)  # other tests' uploads on this shared server
    replies = {}
    for path in [str(secret), str(vault / "no-such-file.txt"), "/etc/hostname",
                 str(CORPUS / "manifest.json"), "http://127.0.0.1:9/remote.txt"]:
        replies[path] = call(server, "add_documents", [file_arg(path)])
    # One refusal, word for word, whether the path exists or not.
    assert set(replies.values()) == {(403, NOT_UPLOADED + "\n")}, replies
    assert library(server) == before
    assert files_under(server.uploads) == uploaded
    assert request(server, "GET", "/corpus/launch-codes.txt")[0] == 404


def test_file_in_the_upload_folder_not_uploaded_by_this_client_is_refused(
    server: Served,
) -> None:
    """A file another client uploaded, or a brief this server wrote, is not this client's."""
    planted = server.gradio_tmp / "0123abcd" / "planted-note.md"
    planted.parent.mkdir(parents=True, exist_ok=True)
    planted.write_text("# Planted\n\nPlanted text.\n", encoding="utf-8")
    assert call(server, "add_documents", [file_arg(str(planted))]) == \
        (403, NOT_UPLOADED + "\n")
    assert "planted-note.md" not in library(server)


def test_upload_registry_gives_files_only_to_the_client_that_uploaded_them(
    tmp_path: Path,
) -> None:
    now = [0.0]
    registry = UploadRegistry(ttl_s=60, clock=lambda: now[0])
    mine = tmp_path / "h1" / "mine.md"
    mine.parent.mkdir()
    mine.write_text("mine")
    alice, bob = client_key("10.0.0.1", "Basic YQ=="), client_key("10.0.0.1", "Basic Yg==")
    registry.add(alice, [str(mine)])
    assert registry.owns(alice, str(mine)) and not registry.owns(bob, str(mine))
    assert registry.pending_bytes(alice) == 4 and registry.pending_bytes(bob) == 0
    now[0] = 61  # expired: refused and deleted with its folder
    assert not registry.owns(alice, str(mine))
    registry.sweep()
    assert not mine.exists() and not mine.parent.exists()


# ---- 2. non-regular files ---------------------------------------------------------------------
def test_dev_zero_and_pipes_are_refused_at_once_and_the_server_keeps_answering(
    open_server: Served, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path in ["/dev/zero", "/dev/urandom", str(fifo), "/proc/self/environ"]:
        started = time.monotonic()
        status, _ = call(open_server, "add_documents", [file_arg(path)], timeout=10)
        assert status == 403 and time.monotonic() - started < 2, path
    started = time.monotonic()
    assert request(open_server, "GET", "/", timeout=5)[0] == 200
    assert time.monotonic() - started < 1


# ---- 3. document identity ----------------------------------------------------------------------
def _ingest(index: Path, *paths: Path) -> dict:
    result = CliRunner().invoke(main, ["ingest", "--index", str(index), "--json",
                                       *map(str, paths)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout.splitlines()[-1])


def test_same_file_name_in_two_folders_is_two_documents(tmp_path: Path) -> None:
    index = tmp_path / "index"
    first, second = tmp_path / "a" / "annual-report.md", tmp_path / "b" / "annual-report.md"
    for path, figure in [(first, "310"), (second, "999")]:
        path.parent.mkdir()
        path.write_text(f"# Annual report\n\nRuritania publishes {figure} open data sets.\n")
    _ingest(index, first)
    report = _ingest(index, second)
    assert (report["added"], report["documents"]) == (1, 2)
    pa = PolicyAssistant(Settings(index_dir=index))
    assert sorted(d.source for d in pa.documents()) == ["annual-report.md", "b/annual-report.md"]
    cited = {c.source: c.text for c in
             pa.ask("How many open data sets does Ruritania publish?").citations}
    assert "310" in cited.get("annual-report.md", "")
    # The same file reached through its folder keeps its key: no duplicate.
    assert _ingest(index, tmp_path / "a")["documents"] == 2
    # A corpus with two subfolders holding the same name.
    corpus = tmp_path / "corpus"
    for sub in ("reports", "archive"):
        (corpus / sub).mkdir(parents=True)
        (corpus / sub / "summary.md").write_text(f"# {sub}\n\nThe {sub} summary.\n")
    _ingest(tmp_path / "i2", corpus)
    assert sorted(d.source for d in PolicyAssistant(Settings(index_dir=tmp_path / "i2"))
                  .documents()) == ["archive/summary.md", "reports/summary.md"]


def test_an_upload_never_replaces_a_document_of_the_same_name(open_server: Served) -> None:
    client = session(open_server)
    from gradio_client import handle_file

    note = open_server.index.parent / "zembla-portal.md"
    note.write_text("# Zembla\n\nThe Zembla portal offers 42 online services.\n")
    assert "✓ zembla-portal.md" in client.predict([handle_file(str(note))],
                                                  api_name="/add_documents")
    note.write_text("# Zembla\n\nThe Zembla portal offers 7 online services.\n")
    impostor = client.predict([handle_file(str(note))], api_name="/add_documents")
    bundled = open_server.index.parent / "d8-workshop-2022-new-approaches-egov-sdg.pdf"
    bundled.write_bytes(b"%PDF-1.4 impostor")
    impostor += client.predict([handle_file(str(bundled))], api_name="/add_documents")
    assert impostor.count("refused") == 2 and "✓" not in impostor
    assert "42" in ask(client, "How many online services does the Zembla portal offer?")
    status, served = request(open_server, "GET", "/corpus/zembla-portal.md")
    assert status == 200 and b"42 online" in served
    status, pdf = request(open_server, "GET", "/corpus/d8-workshop-2022-new-approaches-egov-sdg.pdf")
    assert status == 200 and b"impostor" not in pdf


def test_uploads_never_write_through_a_link_nor_stay_unindexed(
    open_server: Served, tmp_path: Path
) -> None:
    from gradio_client import handle_file

    from assistant.indexing import ingest_lock

    client = session(open_server)
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    open_server.uploads.mkdir(parents=True, exist_ok=True)
    (open_server.uploads / "linked-note.md").symlink_to(victim)
    note = tmp_path / "linked-note.md"
    note.write_text("# Linked\n\nA note that must not land in the victim file.\n")
    assert "refused" in client.predict([handle_file(str(note))], api_name="/add_documents")
    assert victim.read_text() == "untouched"
    # Refused because another ingest holds the index: the upload does not stay behind.
    locked = tmp_path / "locked-note.md"
    locked.write_text("# Locked\n\nA note uploaded while the index was locked.\n")
    with ingest_lock(Settings(index_dir=open_server.index)):
        reply = client.predict([handle_file(str(locked))], api_name="/add_documents")
    assert "another ingest" in reply
    assert not (open_server.uploads / locked.name).exists()
    assert request(open_server, "GET", f"/corpus/{locked.name}")[0] == 404


# ---- 4. another process changes the index --------------------------------------------------------
def test_a_running_server_answers_from_an_index_another_process_changed(
    open_server: Served, tmp_path: Path
) -> None:
    client = session(open_server)
    assert "0.6612" in ask(client, EGDI_QUESTION)
    note = tmp_path / "ruritania-data.md"
    note.write_text("# Ruritania open data\n\nRuritania publishes 310 open data sets.\n")
    cli = [sys.executable, "-m", "assistant.cli", "ingest", "--index", str(open_server.index)]
    subprocess.run([*cli, str(note)], env=ENV, check=True, capture_output=True, timeout=240)
    assert "310" in answer_after_change(open_server, client, "310")
    note.write_text("# Ruritania open data\n\nRuritania publishes 455 open data sets.\n")
    subprocess.run([*cli, str(note)], env=ENV, check=True, capture_output=True, timeout=240)
    answer = answer_after_change(open_server, client, "455")
    assert "455" in answer and "310" not in answer
    assert "0.6612" in ask(client, EGDI_QUESTION)


def answer_after_change(served: Served, client, figure: str) -> str:
    """The server's answer to the first question after the change: it must show ``figure``.
    (It used to look for another process's changes at most once a second, and a question
    asked within that second answered from the old index; the log shows on a failure.)"""
    answer = ask(client, "How many open data sets does Ruritania publish?")
    log = (served.index.parent / "server.log").read_text(errors="replace")[-3000:]
    assert figure in answer, f"answer: {answer}\nserver log:\n{log}"
    return answer


# ---- 5. the lexical index is verified -----------------------------------------------------------
@pytest.fixture
def index_copy(corpus_settings: Settings, tmp_path: Path) -> Settings:
    shutil.copytree(corpus_settings.index_dir, tmp_path / "index")
    return corpus_settings.model_copy(update={"index_dir": tmp_path / "index"})


def test_the_bm25_index_holds_no_passage_text_and_a_garbled_one_is_not_believed(
    index_copy: Settings,
) -> None:
    # Passages are read from the store: the lexical index ranks, it never supplies words.
    # (Its vocabulary lists single terms, "0.6612" among them since text.terms keeps
    # decimals; the words around a term never appear.)
    passage = next(c.text for c in ChromaStore(index_copy).iter_chunks() if "0.6612" in c.text)
    at = passage.index("0.6612")
    quote = passage[max(0, at - 24): at + 6].encode("utf-8")
    for path in index_copy.bm25_dir.iterdir():
        assert quote not in path.read_bytes(), path.name
    npy = index_copy.bm25_dir / "data.csc.index.npy"
    npy.write_bytes(npy.read_bytes()[:64] + os.urandom(256))
    assert BM25Index.load(index_copy.bm25_dir) is None
    assert "0.6612" in PolicyAssistant(index_copy).ask(EGDI_QUESTION).answer
    _ingest(index_copy.index_dir, CORPUS)
    assert BM25Index.load(index_copy.bm25_dir) is not None


def test_ingest_checks_the_bm25_index_against_the_store_even_when_the_files_agree(
    index_copy: Settings,
) -> None:
    """A forger who also rewrites the integrity file is caught by ingest (store text)."""
    store = ChromaStore(index_copy)
    chunks = list(store.iter_chunks())
    forged = BM25Index.build([replace(c, text=c.text.replace("0.6612", "0.9612")) for c in chunks],
                             store.version())
    forged.save(index_copy.bm25_dir)
    assert BM25Index.load(index_copy.bm25_dir) is not None  # self-consistent forgery
    answer = PolicyAssistant(index_copy).ask(EGDI_QUESTION)
    assert "0.6612" in answer.answer and "0.9612" not in answer.answer
    report = _ingest(index_copy.index_dir, CORPUS)
    assert report["unchanged"] == 2
    assert BM25Index.load(index_copy.bm25_dir).content == content_digest(chunks)


# ---- 7. upload volume -----------------------------------------------------------------------------
def test_upload_volume_is_bounded_per_request_and_per_client_and_cleaned(
    open_server: Served,
) -> None:
    piece = b"Digital government notes. " * 470  # 12 KB, under the 52 KB per-file limit
    before = set(files_under(open_server.gradio_tmp))
    status, reply = upload(open_server, {f"bulk-{i}.txt": piece for i in range(20)})
    assert status == 413 and "budget" in reply
    assert set(files_under(open_server.gradio_tmp)) == before  # nothing written
    status, first = upload(open_server, {f"part-{i}.txt": piece + bytes([65 + i])
                                         for i in range(4)})
    assert status == 200 and len(first) == 4
    status, _ = upload(open_server, {"more.txt": piece * 14})  # 4 waiting + this > budget
    assert status == 413
    reply = call(open_server, "add_documents", [[
        {"path": p, "orig_name": Path(p).name, "meta": {"_type": "gradio.FileData"}}
        for p in first]], timeout=120)
    assert reply[0] == 200 and reply[1].count("✓") == 4
    assert not any(Path(p).exists() for p in first)  # used uploads are deleted
    assert upload(open_server, {"next.txt": piece})[0] == 200  # the budget is free again


# ---- 11. low items against a served UI ----------------------------------------------------------
def test_malformed_ids_and_numbers_are_refused_with_4xx_not_500(server: Served) -> None:
    for fn in ["1e400", "NaN", "Infinity", "-1", "99999999999999999999", '"abc"', "9999"]:
        body = f'{{"data": [], "fn_index": {fn}, "session_hash": "x1"}}'.encode()
        status, _ = request(server, "POST", "/gradio_api/queue/join", body,
                            {"Content-Type": "application/json"})
        assert 400 <= status < 500, (fn, status)
    for path, body in [("/gradio_api/cancel", '{"session_hash": "a", "fn_index": 1e400, '
                                              '"event_id": "x"}'),
                       ("/gradio_api/component_server", '{"data": 1, "component_id": 99999, '
                                                        '"fn_name": "x", "session_hash": "a"}')]:
        status, _ = request(server, "POST", path, body.encode(),
                            {"Content-Type": "application/json"})
        assert 400 <= status < 500, (path, status)
    assert request(server, "GET", "/", timeout=5)[0] == 200


def test_every_response_carries_the_security_headers(server: Served) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    for path, headers in [("/", server.headers), ("/", {})]:  # a 401 carries them too
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
    # A cited PDF opens in the browser's own viewer, which a page CSP could stop.
    conn.request("GET", "/corpus/d8-workshop-2022-new-approaches-egov-sdg.pdf",
                 headers=server.headers)
    response = conn.getresponse()
    response.read()
    assert response.status == 200 and response.headers["x-frame-options"] == "DENY"
    assert "content-security-policy" not in response.headers


def test_the_scripted_attack_run_holds_with_auth_off_and_on(corpus_settings: Settings) -> None:
    """`python -m assistant.evals.attack`: crafted paths, /dev/zero, same-name uploads, a
    tampered index, hostile Markdown, 20 x 25 MB, spoofed forwarding headers, bad ids."""
    from assistant.evals.attack import run

    outcomes = run(corpus_settings.index_dir)
    failed = [o for o in outcomes if not o.ok]
    assert not failed, failed
    assert {o.auth for o in outcomes} == {False, True}
