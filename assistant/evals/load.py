"""Load test of the web UI (not a test by itself; tests/test_load.py runs a short one).

    python -m assistant.evals.load [--index DIR] [--users 16] [--seconds 60] [--max-requests 10]
                         [--think 3] [--json]

Copies the index (default: the configured one) to a temporary folder, starts
``assistant serve`` on a free 127.0.0.1 port and drives it through the Gradio API
(``/respond``, ``/new_conversation``, ``/add_documents``) with ``gradio_client``, one
client (one session) per simulated user:

1. a single user asks the question mix (baseline latency);
2. ``--users`` users ask it at once, each with a think time between questions, for at most
   ``--seconds`` and ``--max-requests`` questions each, while one more user uploads a
   document, waits for it to be indexed and asks about it.

Every answer is checked: the figures it must contain, and the conversation the server
returns must hold exactly this user's questions in order (a follow-up such as "And Egypt?"
resolves against its own session, never another's). Afterwards the index is checked:
``assistant info --json`` chunk count equals the sum over documents and the BM25
fingerprint equals the store's. Prints throughput, p50/p95/p99 latency and errors.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.evals.servers import free_port, stop, wait_until_up

SERVER_ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
              "GRADIO_ANALYTICS_ENABLED": "False"}
EGDI = {"Indonesia": "0.6612", "Egypt": "0.5527", "Malaysia": "0.7892"}
UPLOAD_TEXT = ("# Ruritania e-government notes\n\n"
               "Ruritania publishes 310 open data sets on its national portal.\n")


@dataclass(frozen=True)
class Step:
    question: str
    mode: str
    must_contain: tuple[str, ...] = ()
    must_not_contain: tuple[str, ...] = ()


def script_for(user: int) -> list[Step]:
    """One user's conversation: a follow-up pair on its own two countries, then a mix of
    modes. Users differ in their countries, so a follow-up answered from another user's
    history would show the wrong figure."""
    names = list(EGDI)
    first, second = names[user % 3], names[(user + 1 + user // 3 % 2) % 3]
    return [
        Step(f"What is {first}'s EGDI score?", "auto", (EGDI[first],)),
        Step(f"And {second}?", "auto", (second, EGDI[second]), (EGDI[first],)),
        Step(f"Compare the EGDI of {first} and {second}", "compare",
             (EGDI[first], EGDI[second])),
        Step("Where did Afghanistan rank in the 2012 UN e-Government Survey?", "auto",
             ("184",)),
        Step("Discussion prompts on digital skills for civil servants", "prompts", ("1.",)),
        Step(f"Country brief: {first}", "brief", (EGDI[first],)),
    ]


# ---- the server ------------------------------------------------------------------------------
@contextmanager
def serve(index: Path, log: Path, env: dict[str, str] | None = None,
          port: int | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """``assistant serve`` on 127.0.0.1 until the block ends: (base URL, process)."""
    port = port or free_port()
    with log.open("a") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "serve", "--index", str(index),
             "--host", "127.0.0.1", "--port", str(port)],
            env={**SERVER_ENV, **(env or {})}, stdout=out, stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", proc, timeout=180, log=log)
            yield f"http://127.0.0.1:{port}/", proc
        finally:
            stop(proc)


def client(url: str) -> Any:
    from gradio_client import Client

    return Client(url, verbose=False, download_files=False)


def chat_texts(chat: list[dict[str, Any]], role: str) -> list[str]:
    """The texts of one role's messages in a Gradio chat value."""
    texts = []
    for message in chat:
        if message["role"] != role:
            continue
        content = message["content"]
        parts = content if isinstance(content, list) else [content]
        texts.append(" ".join(p.get("text", "") if isinstance(p, dict) else str(p)
                              for p in parts))
    return texts


def ask(session: Any, question: str, mode: str) -> tuple[list[str], list[str], float]:
    """(user messages, assistant messages, seconds) after one question."""
    started = time.perf_counter()
    session.predict(question, api_name="/accept")  # the box's question, as Enter takes it
    chat = session.predict(mode, [], [], [], api_name="/respond")[0]
    return chat_texts(chat, "user"), chat_texts(chat, "assistant"), time.perf_counter() - started


# ---- the load ----------------------------------------------------------------------------------
@dataclass
class LoadResult:
    users: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    follow_ups_checked: int = 0
    upload: str = ""

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)  # nearest rank
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]

    def figures(self) -> dict[str, Any]:
        return {
            "users": self.users,
            "requests": len(self.latencies),
            "seconds": round(self.seconds, 1),
            "throughput_rps": round(len(self.latencies) / self.seconds, 2) if self.seconds else 0,
            "p50_s": round(self.percentile(50), 3),
            "p95_s": round(self.percentile(95), 3),
            "p99_s": round(self.percentile(99), 3),
            "errors": len(self.errors),
            "follow_ups_checked": self.follow_ups_checked,
            "upload": self.upload,
        }


def run_user(url: str, user: int, deadline: float, max_requests: int, think: float,
             result: LoadResult, lock: threading.Lock) -> None:
    """Ask this user's script in a loop; after each answer check its figures and that the
    conversation holds exactly this user's questions."""
    rng = random.Random(user)
    try:
        session = client(url)
    except Exception as exc:  # noqa: BLE001 - any failure is an error of the run
        with lock:
            result.errors.append(f"user {user}: connect: {exc}")
        return
    script, asked, done = script_for(user), [], 0
    while done < max_requests and time.monotonic() < deadline:
        try:
            if len(asked) == len(script):
                session.predict(api_name="/new_conversation")
                asked = []
            step = script[len(asked)]
            asked.append(step.question)
            users_said, answers, seconds = ask(session, step.question, step.mode)
            problem = _check(step, users_said, answers, asked)
        except Exception as exc:  # noqa: BLE001
            seconds, problem = 0.0, f"{type(exc).__name__}: {exc}"
        if problem:
            asked = list(script)  # start a new conversation before the next question
        done += 1
        with lock:
            if problem:
                result.errors.append(f"user {user}: {step.question!r}: {problem}"[:300])
            else:
                result.latencies.append(seconds)
                result.follow_ups_checked += step.question.startswith("And ")
        time.sleep(think * rng.uniform(0.5, 1.5))


def _check(step: Step, users_said: list[str], answers: list[str], asked: list[str]) -> str:
    if users_said != asked:
        return f"conversation mixed up: server holds {users_said[-3:]}, user asked {asked[-3:]}"
    if len(answers) != len(asked):
        return f"{len(answers)} answers for {len(asked)} questions"
    last = answers[-1]
    missing = [s for s in step.must_contain if s not in last]
    wrong = [s for s in step.must_not_contain if s in last]
    if missing or wrong:
        return f"answer lacks {missing} or has {wrong}: {last[:120]!r}"
    return ""


def run_upload(url: str, folder: Path, result: LoadResult, lock: threading.Lock) -> None:
    """Upload a note while the others ask, then ask about it."""
    from gradio_client import handle_file

    note = folder / "ruritania-notes.md"
    note.write_text(UPLOAD_TEXT, encoding="utf-8")
    try:
        session = client(url)
        started = time.perf_counter()
        status = session.predict([handle_file(str(note))], api_name="/add_documents")
        ingest_s = time.perf_counter() - started
        _, answers, _ = ask(session, "How many open data sets does Ruritania publish?",
                            "auto")
        ok = "✓ ruritania-notes.md" in status and "310" in answers[-1]
        problem = "" if ok else f"upload {status!r} then {answers[-1][:120]!r}"
    except Exception as exc:  # noqa: BLE001
        ingest_s, problem = 0.0, f"{type(exc).__name__}: {exc}"
    with lock:
        if problem:
            result.errors.append(f"uploader: {problem}"[:300])
        result.upload = problem or f"indexed in {ingest_s:.1f} s and answered"


def run_load(url: str, users: int, seconds: float, max_requests: int, think: float,
             upload_folder: Path | None = None) -> LoadResult:
    """``users`` threads (plus an uploader when ``upload_folder`` is given), bounded by
    ``seconds`` and ``max_requests`` each."""
    result, lock = LoadResult(users), threading.Lock()
    started = time.monotonic()
    deadline = started + seconds
    threads = [threading.Thread(target=run_user, daemon=True,
                                args=(url, u, deadline, max_requests, think, result, lock))
               for u in range(users)]
    if upload_folder is not None:
        threads.append(threading.Thread(target=run_upload, daemon=True,
                                        args=(url, upload_folder, result, lock)))
    for t in threads:
        t.start()
    for t in threads:
        # A request started before the deadline may finish after it; never wait forever.
        t.join(timeout=max(1.0, deadline - time.monotonic()) + 120)
    result.seconds = time.monotonic() - started
    if any(t.is_alive() for t in threads):
        result.errors.append("a simulated user was still waiting 120 s after the deadline")
    return result


def index_consistency(index: Path) -> dict[str, Any]:
    """`assistant info --json` totals and the BM25 fingerprint against the store."""
    from assistant.lexical import BM25Index, fingerprint
    from assistant.settings import Settings
    from assistant.store import ChromaStore

    info = json.loads(subprocess.run(
        [sys.executable, "-m", "assistant.cli", "info", "--index", str(index), "--json"],
        capture_output=True, text=True, check=True, env=SERVER_ENV, timeout=120).stdout)
    settings = Settings(index_dir=index)
    ids = ChromaStore(settings).chunks.get(include=[])["ids"]
    bm25 = BM25Index.load(settings.bm25_dir)
    return {
        "documents": len(info["documents"]),
        "chunks": info["chunks"],
        "chunks_sum_over_documents": sum(d["chunks"] for d in info["documents"]),
        "unique_chunk_ids": len(set(ids)),
        "bm25_matches_store": bm25 is not None and bm25.fingerprint == fingerprint(ids),
    }


def measure(index: Path, users: int = 16, seconds: float = 60, max_requests: int = 12,
            think: float = 3.0, work: Path | None = None) -> dict[str, Any]:
    """Baseline, load with an upload, and index consistency on a copy of ``index``."""
    work = work or Path(tempfile.mkdtemp(prefix="policy-load-"))
    copy = work / "index"
    shutil.copytree(index, copy)
    env = {"ASSISTANT_UPLOAD_DIR": str(work / "uploads"),
           "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0"}  # every user shares 127.0.0.1
    with serve(copy, work / "server.log", env) as (url, _):
        single = run_load(url, 1, seconds, 2 * len(script_for(0)), think=0)
        loaded = run_load(url, users, seconds, max_requests, think, upload_folder=work)
    return {"single_user": single.figures(), "load": loaded.figures(),
            "errors": single.errors + loaded.errors, "index": index_consistency(copy)}


def main(argv: list[str] | None = None) -> int:
    from assistant.settings import get_settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, default=get_settings().index_dir)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--max-requests", type=int, default=10)
    parser.add_argument("--think", type=float, default=3.0,
                        help="mean seconds a user pauses between questions")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures = measure(args.index, args.users, args.seconds, args.max_requests, args.think)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for name in ("single_user", "load"):
            f = figures[name]
            print(f"{name:>11}: {f['users']} users, {f['requests']} answers in {f['seconds']} s "
                  f"({f['throughput_rps']}/s); p50 {f['p50_s']} s, p95 {f['p95_s']} s, "
                  f"p99 {f['p99_s']} s; {f['errors']} errors")
        print(f"     upload: {figures['load']['upload']}")
        print(f"follow-ups: {figures['load']['follow_ups_checked']} resolved in their own "
              "session")
        print(f"      index: {figures['index']}")
        for error in figures["errors"]:
            print(f"      error: {error}")
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
