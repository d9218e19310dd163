"""Scripted attack run on a served UI (issue 13), with auth off and on.

    python -m assistant.evals.attack [--index DIR] [--json]

Copies the index (default: the configured one) to a temporary folder, tampers with its
BM25 index files (one figure changed wherever they hold it: the vocabulary, since passage
text lives only in the store), and starts ``assistant serve`` on a free 127.0.0.1
port, once without auth and once with basic auth, with small rate limits. Each run makes
the requests an attacker writes by hand (no browser, no gradio_client):

- file arguments naming server files (a secret in a 0700 folder, /etc/hostname, a missing
  path, a ``..`` path, a URL) and /dev/zero, /dev/urandom, a named pipe;
- same-name uploads (a second note of the same name, a note named like a bundled PDF);
- a question answered from the tampered index;
- a note with a Markdown image and link to a loopback tracker, then a question about it;
- one upload request declaring 20 x 25 MB (refused by its declared length, so quick);
- malformed ids (``1e400``, NaN, an unknown event);
- questions and uploads with a new X-Forwarded-For / Forwarded header each, past the
  per-client limits;
- with auth on, every route without credentials.

Then it checks that no file was read (the secret is nowhere), no document was replaced
(the library's digests are unchanged), no request reached the tracker, and the server
still answers ``/`` within 1 s. Prints one line per attack; exits 1 if any failed.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.evals.servers import free_port, stop, wait_until_up

ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
       "GRADIO_ANALYTICS_ENABLED": "False"}
AUTH = ("delegate", "attack-run pass")
QUESTIONS_PER_MINUTE, ACTIONS_PER_MINUTE = 6, 6
SECRET = "The launch code of this server is 4242-ZULU."
TRUE_FIGURE, FORGED_FIGURE = "0.6612", "0.9612"  # Indonesia's EGDI, and the tampered one


@dataclass
class Outcome:
    auth: bool
    attack: str
    ok: bool
    detail: str


@dataclass
class Target:
    port: int
    index: Path
    uploads: Path
    headers: dict[str, str]
    tampered: list[str] = field(default_factory=list)  # BM25 files changed before start
    refused: bool = False  # the tampered BM25 index would not open
    outcomes: list[Outcome] = field(default_factory=list)

    def record(self, attack: str, ok: bool, detail: str) -> None:
        self.outcomes.append(Outcome(bool(self.headers), attack, ok, detail))

    def request(self, method: str, path: str, body: bytes = b"",
                headers: dict[str, str] | None = None, auth: bool = True,
                timeout: float = 30) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        sent = {**(self.headers if auth else {}), **(headers or {})}
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        return response.status, response.read()

    def fn_index(self, api_name: str) -> tuple[int, int]:
        config = json.loads(self.request("GET", "/config")[1])
        dep = next(d for d in config["dependencies"] if d.get("api_name") == api_name)
        return dep["id"], len(dep["inputs"])

    def call(self, api_name: str, data: list, headers: dict[str, str] | None = None,
             timeout: float = 120, session: str | None = None) -> tuple[int, str]:
        """Queue an event: (join status, the output, error and warnings as text)."""
        fn, _ = self.fn_index(api_name)
        session = session or uuid.uuid4().hex[:12]
        body = json.dumps({"data": data, "fn_index": fn, "session_hash": session,
                           "event_data": None, "trigger_id": None}).encode()
        status, reply = self.request("POST", "/gradio_api/queue/join", body,
                                     {"Content-Type": "application/json", **(headers or {})})
        if status != 200:
            return status, reply.decode(errors="replace")
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        conn.request("GET", f"/gradio_api/queue/data?session_hash={session}",
                     headers={**self.headers, **(headers or {})})
        stream = conn.getresponse()
        said = []
        while line := stream.readline():
            if not line.startswith(b"data:"):
                continue
            message = json.loads(line[5:])
            if message.get("msg") == "log":
                said.append(str(message.get("log")))
            if message.get("msg") == "process_completed":
                output = message.get("output") or {}
                said.append(str(output.get("error") or output.get("data")))
                break
        return status, "\n".join(said)

    def upload(self, files: dict[str, bytes], headers: dict[str, str] | None = None
               ) -> tuple[int, Any]:
        boundary = uuid.uuid4().hex
        body = b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"'
            f"\r\nContent-Type: text/plain\r\n\r\n".encode() + data + b"\r\n"
            for name, data in files.items()) + f"--{boundary}--\r\n".encode()
        status, reply = self.request(
            "POST", "/gradio_api/upload", body,
            {"Content-Type": f"multipart/form-data; boundary={boundary}", **(headers or {})})
        return status, json.loads(reply) if status == 200 else reply.decode(errors="replace")

    def add(self, paths: list[str], headers: dict[str, str] | None = None) -> tuple[int, str]:
        files = [{"path": p, "orig_name": Path(p).name, "meta": {"_type": "gradio.FileData"}}
                 for p in paths]
        return self.call("add_documents", [files], headers)

    def ask(self, question: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        """As Enter does: /accept takes the box's question into the session, /respond
        answers it (its first input is that session state, sent as null)."""
        session = uuid.uuid4().hex[:12]
        _, accept_inputs = self.fn_index("accept")
        status, said = self.call("accept", [question, False][:accept_inputs], headers,
                                 session=session)
        if status != 200:
            return status, said
        _, inputs = self.fn_index("respond")
        return self.call("respond", [None, "auto", [], [], [], []][:inputs], headers,
                         session=session)


def _library(index: Path) -> dict[str, str]:
    from assistant.pipeline import PolicyAssistant
    from assistant.settings import Settings

    return {d.source: d.sha256 for d in PolicyAssistant(Settings(index_dir=index)).documents()}


@contextmanager
def tracker() -> Iterator[tuple[int, list[str]]]:
    """A loopback HTTP server that records every request it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()


@contextmanager
def served(index: Path, root: Path, auth: bool) -> Iterator[Target]:
    copy = root / "index"
    shutil.copytree(index, copy)
    from assistant.lexical import BM25Index

    tampered = _tamper(copy)
    refused = bool(tampered) and BM25Index.load(copy / "bm25") is None  # before any repair
    headers = {"Authorization": "Basic " + base64.b64encode(":".join(AUTH).encode()).decode()}
    target = Target(free_port(), copy, root / "uploads", headers if auth else {}, tampered,
                    refused)
    env = {**ENV, "ASSISTANT_UPLOAD_DIR": str(target.uploads),
           "ASSISTANT_RATE_LIMIT_PER_MINUTE": str(QUESTIONS_PER_MINUTE),
           "ASSISTANT_LIBRARY_ACTIONS_PER_MINUTE": str(ACTIONS_PER_MINUTE),
           "GRADIO_TEMP_DIR": str(root / "gradio-tmp")}
    if auth:
        env.update(ASSISTANT_AUTH_USER=AUTH[0], ASSISTANT_AUTH_PASSWORD=AUTH[1])
    log = root / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--index",
                                 str(copy), "--port", str(target.port)],
                                env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_until_up(f"http://127.0.0.1:{target.port}/", proc, timeout=300,
                          headers=target.headers, log=log)
            yield target
        finally:
            stop(proc)


def _tamper(index: Path) -> list[str]:
    """Forge the figure in every BM25 index file that holds it, keeping its length, so
    only the index's integrity record can tell. Returns the names of the files changed."""
    changed = []
    for path in sorted((index / "bm25").iterdir()):
        data = path.read_bytes() if path.is_file() and path.name != "integrity.json" else b""
        if TRUE_FIGURE.encode() in data:
            path.write_bytes(data.replace(TRUE_FIGURE.encode(), FORGED_FIGURE.encode()))
            changed.append(path.name)
    return changed


# ---- the attacks --------------------------------------------------------------------------
def file_paths(t: Target, root: Path) -> None:
    vault = root / "vault"
    vault.mkdir(mode=0o700)
    secret = vault / "launch-codes.txt"
    secret.write_text(SECRET + "\n")
    fifo = root / "pipe.txt"
    os.mkfifo(fifo)
    for path in [str(secret), "/etc/hostname", str(vault / "missing.txt"),
                 f"{t.uploads}/../../vault/launch-codes.txt", "http://127.0.0.1:9/remote.txt"]:
        status, reply = t.add([path])
        t.record(f"file argument {path}", status == 403, f"{status} {reply.strip()[:60]}")
    for path in ["/dev/zero", "/dev/urandom", str(fifo)]:
        started = time.monotonic()
        status, _ = t.add([path])
        took = time.monotonic() - started
        t.record(f"file argument {path}", status == 403 and took < 2, f"{status} in {took:.2f} s")


def same_names(t: Target) -> None:
    note = b"# Zembla\n\nThe Zembla portal offers 42 online services.\n"
    status, paths = t.upload({"zembla-portal.md": note})
    first = t.add(paths)[1] if status == 200 else str(paths)
    status, paths = t.upload({"zembla-portal.md": note.replace(b"42", b"7")})
    second = t.add(paths)[1] if status == 200 else str(paths)
    t.record("upload, then another file of the same name", "✓" in first and "refused" in second,
             second.strip()[:80])
    bundled = next(iter(sorted(_library(t.index))), "report.pdf")
    status, paths = t.upload({Path(bundled).name: b"%PDF-1.4 impostor"})
    reply = t.add(paths)[1] if status == 200 else str(paths)
    t.record(f"upload named like {Path(bundled).name}", "refused" in reply, reply.strip()[:80])


def tampered_index(t: Target) -> None:
    # The forgery was made, the index refused to open, and the answer quotes the store's
    # true figure, not the forged one.
    refused = t.refused
    _, reply = t.ask("What is Indonesia's EGDI score?")
    t.record(f"BM25 index tampered ({TRUE_FIGURE} -> {FORGED_FIGURE} in "
             f"{', '.join(t.tampered) or 'no file'}) before start",
             refused and TRUE_FIGURE in reply and FORGED_FIGURE not in reply,
             ("refused; answer has the true figure" if refused else "tampered index opened")
             if TRUE_FIGURE in reply else reply[:80])


def hostile_markdown(t: Target, tracker_port: int, hits: list[str]) -> None:
    url = f"http://127.0.0.1:{tracker_port}"
    note = (f"# Quokka portal\n\nThe Quokka portal logo is ![pixel]({url}/pixel.png) and "
            f"its guide is [here]({url}/guide) at <{url}/auto>.\n").encode()
    status, paths = t.upload({"quokka-portal.md": note})
    added = t.add(paths)[1] if status == 200 else str(paths)
    _, reply = t.ask("What is the Quokka portal logo?")
    raw_markup = f"]({url}" in reply.replace("\\]", "").replace("\\(", "(")
    t.record("document Markdown image and links", "✓" in added and not hits and not raw_markup,
             f"{len(hits)} tracker requests; markup {'live' if raw_markup else 'escaped'}")


def upload_volume(t: Target) -> None:
    declared = 20 * 25 * 1024 * 1024
    conn = http.client.HTTPConnection("127.0.0.1", t.port, timeout=10)
    started = time.monotonic()
    conn.putrequest("POST", "/gradio_api/upload")
    for name, value in {**t.headers, "Content-Type": "multipart/form-data; boundary=x",
                        "Content-Length": str(declared)}.items():
        conn.putheader(name, value)
    conn.endheaders()
    conn.send(b"--x\r\n" + b"0" * 65536)  # the first bytes only: refused by the length
    status = conn.getresponse().status
    took = time.monotonic() - started
    t.record("one upload request of 20 x 25 MB", status == 413 and took < 2,
             f"{status} in {took:.2f} s")


def malformed_ids(t: Target) -> None:
    statuses = []
    for fn in ["1e400", "NaN", "-1", "99999999999999999999", '"abc"']:
        body = f'{{"data": [], "fn_index": {fn}, "session_hash": "x1"}}'.encode()
        statuses.append(t.request("POST", "/gradio_api/queue/join", body,
                                  {"Content-Type": "application/json"})[0])
    t.record("fn_index 1e400, NaN, -1, 10^20, 'abc'", all(400 <= s < 500 for s in statuses),
             " ".join(map(str, statuses)))


def spoofed_forwarding(t: Target) -> None:
    refused_at = None
    for i in range(QUESTIONS_PER_MINUTE + 2):
        spoof = {"X-Forwarded-For": f"203.0.113.{i + 1}", "Forwarded": f"for=198.51.100.{i + 1}"}
        _, reply = t.ask("What is Egypt's EGDI score?", spoof)
        if "Too many questions" in reply:
            refused_at = i + 1
            break
    t.record("questions with a new X-Forwarded-For each", refused_at is not None,
             f"refused at question {refused_at}" if refused_at else "never refused")
    refused_at = None
    for i in range(ACTIONS_PER_MINUTE + 2):
        status, _ = t.upload({f"spoof-{i}.txt": b"spoof"}, {"X-Forwarded-For": f"203.0.113.{i}"})
        if status == 429:
            refused_at = i + 1
            break
    t.record("uploads with a new X-Forwarded-For each", refused_at is not None,
             f"429 at upload {refused_at}" if refused_at else "never refused")


def without_credentials(t: Target) -> None:
    statuses = [t.request("GET", path, auth=False)[0]
                for path in ["/", "/config", "/corpus/" + next(iter(_library(t.index)), "x")]]
    statuses.append(t.request("POST", "/gradio_api/upload", b"", auth=False)[0])
    t.record("every route without credentials", set(statuses) == {401},
             " ".join(map(str, statuses)))


def run(index: Path) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for auth in (False, True):
        with tempfile.TemporaryDirectory(prefix="attack-") as tmp, tracker() as (port, hits):
            root = Path(tmp)
            with served(index, root, auth) as t:
                before = {k: v for k, v in _library(t.index).items()}
                if auth:
                    without_credentials(t)
                file_paths(t, root)
                same_names(t)
                tampered_index(t)
                hostile_markdown(t, port, hits)
                upload_volume(t)
                malformed_ids(t)
                spoofed_forwarding(t)
                after = _library(t.index)
                replaced = [k for k, v in before.items() if after.get(k) != v]
                t.record("no document replaced", not replaced, ", ".join(replaced) or "none")
                leaked = [p for p in t.uploads.rglob("*") if p.is_file()
                          and SECRET in p.read_text(errors="replace")] if t.uploads.exists() else []
                t.record("no server file read", not leaked and "launch-codes.txt" not in after,
                         "secret nowhere in the library or uploads")
                t.record("no request fetched from a document", not hits, f"{len(hits)} requests")
                started = time.monotonic()
                status = t.request("GET", "/", timeout=5)[0]
                took = time.monotonic() - started
                t.record("server still answers / within 1 s", status == 200 and took < 1,
                         f"{status} in {took:.2f} s")
                outcomes += t.outcomes
    return outcomes


def main(argv: list[str] | None = None) -> int:
    from assistant.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, help="index to attack a copy of")
    parser.add_argument("--json", action="store_true", help="print the outcomes as JSON")
    args = parser.parse_args(argv)
    index = args.index or get_settings().index_dir
    started = time.monotonic()
    outcomes = run(index)
    if args.json:
        print(json.dumps([o.__dict__ for o in outcomes], indent=1))
    else:
        for o in outcomes:
            print(f"{'ok  ' if o.ok else 'FAIL'} auth {'on ' if o.auth else 'off'} "
                  f"{o.attack}: {o.detail}")
        print(f"{sum(o.ok for o in outcomes)}/{len(outcomes)} held in "
              f"{time.monotonic() - started:.0f} s")
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
