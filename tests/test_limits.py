"""Server-side limits and access of the UI, checked over HTTP as a client would meet them.

A question-rate limit per client address, a cap on request bodies, the 2,000-character
question limit, basic auth on the Gradio API as well as the pages, and /corpus file links
that serve the corpus folders only, however the path is encoded. (Upload size and type
limits through the API are in test_ui.py.)
"""

from __future__ import annotations

import base64
import http.client
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from assistant.evals.load import chat_texts
from assistant.evals.servers import serve_in_thread
from assistant.pipeline import PolicyAssistant
from assistant.settings import Settings
from assistant.ui.web import RateLimiter

pytestmark = pytest.mark.timeout(180)
AUTH = ("delegate", "s3cret pass")
HEADERS = {"Authorization": "Basic " + base64.b64encode(":".join(AUTH).encode()).decode()}
QUESTION = "What is Indonesia's EGDI score?"


@contextmanager
def running_ui(settings: Settings) -> Iterator[int]:
    """The UI app in a uvicorn thread of this process (the model is already loaded)."""
    from assistant.ui.app import create_app

    with serve_in_thread(create_app(PolicyAssistant(settings))) as port:
        yield port


@pytest.fixture
def ui_settings(corpus_settings: Settings, tmp_path: Path) -> Settings:
    return corpus_settings.model_copy(update={
        "upload_dir": tmp_path / "uploads", "auth_user": AUTH[0], "auth_password": AUTH[1],
        "rate_limit_per_minute": 3})


def request(port: int, method: str, path: str, body: bytes = b"",
            headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """One request exactly as written: no client-side normalisation of the path."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers={**HEADERS, **(headers or {})})
    response = conn.getresponse()
    return response.status, response.read()


def session(port: int):
    from gradio_client import Client

    return Client(f"http://127.0.0.1:{port}/", headers=HEADERS, verbose=False,
                  download_files=False)


def ask(client, question: str) -> list[str]:
    """The user's messages in the conversation after asking ``question``: the box's
    question is taken (``accept``), then answered (``respond``), as Enter does."""
    client.predict(question, api_name="/accept")
    chat = client.predict("auto", [], [], [], api_name="/respond")[0]
    return chat_texts(chat, "user")


def test_rate_limiter_refills_at_the_configured_rate() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=3, clock=lambda: now[0])
    assert [limiter.allow("10.0.0.1") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("10.0.0.2")  # another client has its own bucket
    now[0] += 20  # one question's worth of refill
    assert [limiter.allow("10.0.0.1") for _ in range(2)] == [True, False]
    assert all(RateLimiter(per_minute=0).allow("x") for _ in range(1000))


def test_questions_over_the_rate_limit_are_refused_and_not_answered(
    ui_settings: Settings,
) -> None:
    with running_ui(ui_settings) as port:
        client = session(port)
        for n in range(1, 4):
            assert len(ask(client, QUESTION)) == n
        assert ask(client, "And Egypt?") == [QUESTION] * 3  # the fourth is refused
        other = session(port)  # a new session from the same address is limited too
        assert ask(other, QUESTION) == []


def test_a_question_over_the_limit_is_refused_before_any_word_is_read() -> None:
    """Reading a 2,000-letter word as a slip takes seconds: the limit comes first, before
    the retriever (here an object with nothing to read) is touched."""
    from assistant.answer import answer_question
    from assistant.errors import QuestionError

    with pytest.raises(QuestionError, match="over the 2000 limit"):
        answer_question(object(), "What is the EGDI? " + "x" * 2000,  # type: ignore[arg-type]
                        settings=Settings())


def test_long_questions_and_large_bodies_are_refused(ui_settings: Settings) -> None:
    with running_ui(ui_settings) as port:
        client = session(port)
        assert ask(client, "What is the EGDI? " + "x" * 2000) == []  # over 2,000 characters
        status, body = request(port, "POST", "/gradio_api/queue/join", b"{}",
                               {"Content-Length": str(50 * 1024 * 1024),
                                "Content-Type": "application/json"})
        assert (status, body) == (413, b"request body over 1048576 bytes\n")
        chunked = b"".join(b"%x\r\n%s\r\n" % (65536, b"x" * 65536) for _ in range(20))
        status, _ = request(port, "POST", "/gradio_api/queue/join", chunked + b"0\r\n\r\n",
                            {"Transfer-Encoding": "chunked",
                             "Content-Type": "application/json"})
        assert status >= 400
        assert ask(client, QUESTION) == [QUESTION]  # the server still answers


def test_basic_auth_guards_the_gradio_api_too(ui_settings: Settings) -> None:
    with running_ui(ui_settings) as port:
        for method, path in [("GET", "/"), ("GET", "/gradio_api/info"),
                             ("POST", "/gradio_api/queue/join"), ("GET", "/config"),
                             ("POST", "/gradio_api/upload"),
                             ("GET", "/corpus/d8-workshop-2022-new-approaches-egov-sdg.pdf")]:
            status, _ = request(port, method, path, headers={"Authorization": ""})
            assert status == 401, (method, path, status)
        assert request(port, "GET", "/gradio_api/info")[0] == 200


TRAVERSALS = [
    "/corpus/%252e%252e%252fpyproject.toml",  # double-encoded ../
    "/corpus/%252e%252e%255cpyproject.toml",  # double-encoded ..\
    "/corpus/%2E%2E%2Fpyproject.toml",
    "/corpus/.%2e/pyproject.toml",
    "/corpus/..%2f..%2f..%2fetc%2fpasswd",
    "/corpus/%2e%2e/%2e%2e/etc/passwd",
    "/corpus/..;/pyproject.toml",
    "/corpus/%c0%ae%c0%ae%c0%afpyproject.toml",  # overlong UTF-8 ../
    "/corpus/%uff0e%uff0e%u2215pyproject.toml",  # fullwidth dots, division slash
    "/corpus/C:%5CWindows%5Cwin.ini",
    "/corpus/%5c%5cserver%5cshare%5cx.pdf",
    "/corpus//etc/passwd",
    "/corpus/%2fetc%2fpasswd",
    "/corpus/~/.ssh/id_rsa",
    "/corpus/d8-workshop-2022-new-approaches-egov-sdg.pdf%00.txt",
    "/corpus/d8-workshop-2022-new-approaches-egov-sdg.pdf%2500",
    "/corpus/uploads%2f..%2f..%2fpyproject.toml",
    "/corpus/manifest.json",
    "/corpus/.%2e%2fassistant%2fsettings.py",
    "/corpus/../assistant/settings.py",
]


def test_file_links_serve_nothing_outside_the_corpus(ui_settings: Settings) -> None:
    secret = (ui_settings.corpus_dir.parent / "pyproject.toml").read_bytes()[:40]
    with running_ui(ui_settings) as port:
        served = {}
        for path in TRAVERSALS:
            status, body = request(port, "GET", path)
            if status != 404 or secret in body or b"root:" in body:
                served[path] = status
        assert served == {}
        ok, pdf = request(port, "GET", "/corpus/d8-workshop-2022-new-approaches-egov-sdg.pdf")
        assert ok == 200 and pdf.startswith(b"%PDF")
