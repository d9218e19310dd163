"""The web UI driven in real headless Chromium (Debian's /usr/bin/chromium; never downloaded).

Two servers: one in a thread on the shared, read-only corpus index (questions, modes,
exports, safety), and one `assistant serve` subprocess with basic auth on a private copy
of the index for uploads and removals. Screenshots and timings land in tests/artifacts/.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.evals.servers import free_port, stop, wait_until_up
from assistant.pipeline import PolicyAssistant
from assistant.settings import Settings

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api")
ARTIFACTS = Path(__file__).parent / "artifacts"
CORPUS = Path(__file__).resolve().parent.parent / "corpus"
D8_TITLE = "New Approaches to E-Government for SDG Implementation"
XSS = "<script>alert(1)</script> <img src=x onerror=alert(1)>"
AUTH = ("trainer", "correct horse battery")
ASK_TIMEOUT_MS = 120_000
# expect() retries an assertion for 5 s by default: at a load above 5 the server's update
# after a click (an example filling the question and mode) can take longer than that.
playwright_api.expect.set_options(timeout=30_000)
SERVER_ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
              "GRADIO_ANALYTICS_ENABLED": "False"}


# ---- servers and browser (the shared ui_server and browser fixtures are in conftest.py) -----
def _raw_get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """GET a path exactly as written (no client-side normalisation of ../ or %2e)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    return response.status, response.read()


@pytest.fixture(scope="session")
def private_server(corpus_settings: Settings, tmp_path_factory: pytest.TempPathFactory
                   ) -> Iterator[tuple[int, Path]]:
    """`assistant serve` with basic auth and a 0.05 MB upload limit on a copy of the index."""
    root = tmp_path_factory.mktemp("ui-private")
    index = root / "index"
    shutil.copytree(corpus_settings.index_dir, index)
    uploads = root / "uploads"
    port = free_port()
    env = {
        **SERVER_ENV,
        "ASSISTANT_CORPUS_DIR": str(CORPUS),
        "ASSISTANT_UPLOAD_DIR": str(uploads),
        "ASSISTANT_UPLOAD_MAX_MB": "0.05",
        "ASSISTANT_AUTH_USER": AUTH[0],
        "ASSISTANT_AUTH_PASSWORD": AUTH[1],
    }
    with _serve(index, port, env, root / "server.log", {"Authorization": _basic(*AUTH)}):
        yield port, uploads


@contextmanager
def _serve(index: Path, port: int, env: dict[str, str], log_path: Path,
           headers: dict[str, str]) -> Iterator[None]:
    """Run `assistant serve` in a subprocess until the block ends."""
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "assistant.cli", "serve", "--index", str(index),
             "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", proc, timeout=180, headers=headers,
                          log=log_path)
            yield
        finally:
            stop(proc)


def _basic(user: str, password: str) -> str:
    import base64

    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class Page:
    """A browser tab on the UI that fails the test if any JavaScript dialog opens."""

    def __init__(self, browser, base: str, **context_args: object) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                           accept_downloads=True, **context_args)
        self.page = self.context.new_page()
        self.page.set_default_timeout(ASK_TIMEOUT_MS)
        self.dialogs: list[str] = []
        self.page.on("dialog", self._on_dialog)
        self.page.goto(base)
        self.page.wait_for_selector("#question textarea")

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def ask(self, question: str, mode: str | None = None) -> dict:
        """Type a question, press Enter, wait for the answer; returns timings and text."""
        page = self.page
        if mode:
            page.locator("#mode").get_by_role("radio", name=mode).check()
        before = page.locator("#chat [data-testid=bot]").count()
        page.fill("#question textarea", question)
        page.evaluate(_TIMING_JS, before)
        page.press("#question textarea", "Enter")
        page.wait_for_function(
            "() => window.__timing.last !== null && performance.now() - window.__timing.last"
            " > 1000", timeout=ASK_TIMEOUT_MS, polling=100)
        timing = page.evaluate("() => window.__timing")
        return {
            "first_ms": timing["first"] - timing["enter"],
            "full_ms": timing["last"] - timing["enter"],
            "states": timing["states"],
            "text": timing["text"],
        }

    def last_answer_html(self) -> str:
        return self.page.locator("#chat [data-testid=bot]").last.inner_html()

    def close(self) -> None:
        self.context.close()
        assert self.dialogs == [], f"a JavaScript dialog opened: {self.dialogs}"


# Records when Enter was pressed, when the answer's first text became visible, when it
# last changed, and how many distinct texts were shown on the way (streaming).
_TIMING_JS = """(before) => {
  const t = window.__timing = {enter: null, first: null, last: null, text: '', states: 0};
  const box = document.querySelector('#question textarea');
  box.addEventListener('keydown', e => { if (e.key === 'Enter') t.enter = performance.now(); },
                       {capture: true, once: true});
  const chat = document.querySelector('#chat');
  const look = () => {
    const bots = chat.querySelectorAll('[data-testid=bot]');
    if (bots.length <= before) return;
    const text = bots[bots.length - 1].innerText.trim();
    if (!text || text.startsWith('Searching the documents') || text === t.text) return;
    const now = performance.now();
    if (t.first === null) t.first = now;
    t.last = now; t.text = text; t.states += 1;
  };
  if (window.__observer) window.__observer.disconnect();
  window.__observer = new MutationObserver(look);
  window.__observer.observe(chat, {subtree: true, childList: true, characterData: true});
}"""


@pytest.fixture
def ui(browser, ui_server: int) -> Iterator[Page]:
    tab = Page(browser, f"http://127.0.0.1:{ui_server}/")
    yield tab
    tab.close()


def _screenshot(tab: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(ARTIFACTS / f"ui-{name}.png"), full_page=True)


def _record_timing(name: str, result: dict) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "ui-timings.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = {"first_visible_ms": round(result["first_ms"]),
                  "full_answer_ms": round(result["full_ms"]), "streamed_states": result["states"]}
    path.write_text(json.dumps(data, indent=2))


# ---- questions and follow-ups ----------------------------------------------------------------
def test_numeric_answer_shows_figure_and_its_source_page(ui: Page, ui_server: int) -> None:
    result = ui.ask("What is Indonesia's EGDI score?")
    _record_timing("egdi_question", result)
    assert "0.6612" in result["text"] and "[1]" in result["text"]
    sources = ui.page.locator("#sources")
    assert D8_TITLE in sources.inner_text()
    card = sources.locator(".source-card", has_text="0.6612").first
    assert "page 3" in card.inner_text()
    assert card.locator("mark", has_text="Indonesia").count() >= 1
    href = card.locator("a.source-link").get_attribute("href")
    assert href == "/corpus/d8-workshop-2022-new-approaches-egov-sdg.pdf#page=3"
    opened = ui.page.request.get(f"http://127.0.0.1:{ui_server}{href.split('#')[0]}")
    assert opened.status == 200 and opened.headers["content-type"] == "application/pdf"
    # One value is no comparison: no chart (tests/test_ui_viewer.py draws one for two).
    assert ui.page.locator("#sources .index-chart").count() == 0
    _screenshot(ui, "egdi-answer")


def test_follow_up_question_is_answered_about_the_new_country(ui: Page) -> None:
    ui.ask("What is Indonesia's EGDI score?")
    follow_up = ui.ask("And Egypt?")
    assert "Egypt" in follow_up["text"] and "0.5527" in follow_up["text"]
    assert "0.6612" not in follow_up["text"]
    assert ui.page.locator("#chat [data-testid=user]").count() == 2
    assert "Egypt" in ui.page.locator("#sources").inner_text()
    _screenshot(ui, "follow-up")


def test_sessions_do_not_share_a_conversation(browser, ui_server: int) -> None:
    first = Page(browser, f"http://127.0.0.1:{ui_server}/")
    second = Page(browser, f"http://127.0.0.1:{ui_server}/")
    try:
        first.ask("What is Indonesia's EGDI score?")
        second.ask("What is Malaysia's EGDI score?")
        assert second.page.locator("#chat [data-testid=user]").count() == 1
        assert "Indonesia" not in second.page.locator("#chat").inner_text()
    finally:
        first.close()
        second.close()


def test_country_filter_lists_indexed_countries_and_narrows_the_answer(ui: Page) -> None:
    page = ui.page
    page.locator("#countries input").click()
    options = page.get_by_role("option")
    options.first.wait_for()
    listed = set(options.all_inner_texts())
    assert {"Egypt", "Indonesia", "Malaysia", "Kazakhstan"} <= listed
    page.get_by_role("option", name="Egypt", exact=True).click()
    page.keyboard.press("Escape")
    result = ui.ask("What is the EGDI score?")
    assert "Egypt" in result["text"] and "0.5527" in result["text"]


def test_example_fills_question_and_mode(ui: Page) -> None:
    expect = playwright_api.expect  # retries until the example's values have arrived
    ui.page.get_by_text("Country brief: Indonesia").first.click()
    expect(ui.page.locator("#question textarea")).to_have_value("Country brief: Indonesia")
    expect(ui.page.locator("#mode").get_by_role("radio", name="Country brief")).to_be_checked()


def test_an_example_picked_while_the_page_loads_keeps_its_mode(browser, ui_server: int) -> None:
    """The page's load event (which brings back a saved conversation) is held until the
    example is picked, as on a busy server: a new browser has nothing saved, so the load
    must not reset the mode the example chose (it did, under load, in a CI run)."""
    expect = playwright_api.expect
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    held: list = []

    def hold_restore(route) -> None:  # the load event that sends the saved session
        if not held and '"answers"' in (route.request.post_data or ""):
            held.append(route)
        else:
            route.continue_()

    try:
        page = context.new_page()
        page.route("**/queue/join*", hold_restore)
        page.goto(f"http://127.0.0.1:{ui_server}/")
        page.wait_for_selector("#question textarea")
        expect(page.locator("#mode").get_by_role("radio", name="Ask", exact=True)).to_be_checked()
        page.wait_for_function("() => true")  # lets the held request's handler run
        assert held, "the page sent no saved session to hold"
        page.get_by_text("Country brief: Indonesia").first.click()
        brief = page.locator("#mode").get_by_role("radio", name="Country brief")
        expect(brief).to_be_checked()
        with page.expect_event("requestfinished", lambda r: r == held[0].request):
            held[0].continue_()
        page.wait_for_timeout(2000)  # the load's result streams back within milliseconds
        expect(brief).to_be_checked()
        expect(page.locator("#question textarea")).to_have_value("Country brief: Indonesia")
    finally:
        context.close()


# ---- modes ---------------------------------------------------------------------------------
def test_compare_mode_shows_a_table_of_the_countries(ui: Page) -> None:
    ui.ask("Compare the EGDI of Egypt and Malaysia", mode="Compare countries")
    table = ui.page.locator("#chat [data-testid=bot] table").last
    table.wait_for()
    rows = table.locator("tr").all_inner_texts()
    assert any("Egypt" in row and "0.5527" in row for row in rows)
    assert any("Malaysia" in row and "0.7892" in row for row in rows)
    _screenshot(ui, "compare")


def test_brief_streams_and_downloads_as_docx_with_the_egdi_figure(
    ui: Page, tmp_path: Path
) -> None:
    import docx

    result = ui.ask("Indonesia", mode="Country brief")
    _record_timing("country_brief", result)
    assert result["states"] >= 2, "the brief should appear piece by piece"
    assert "0.6612" in result["text"]
    button = ui.page.locator("#download-docx")
    button.wait_for(state="visible")
    with ui.page.expect_download() as download:
        button.click()
    path = tmp_path / "brief.docx"
    download.value.save_as(path)
    assert download.value.suggested_filename.endswith(".docx")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    tables = docx.Document(str(path)).tables
    text += "\n".join(c.text for t in tables for row in t.rows for c in row.cells)
    assert "Indonesia" in text and "0.6612" in text
    assert ui.page.locator("#download-md").is_visible()
    # A brief is longer than the conversation's window: it shows from its question down,
    # not scrolled to its end, and the window's label covers none of it.
    view = ui.page.evaluate("""() => {
      const box = (q) => document.querySelector(q).getBoundingClientRect();
      const asked = document.querySelectorAll('#chat [data-testid=user]');
      const wrap = box('#chat .bubble-wrap');
      return {wrapTop: wrap.top, wrapBottom: wrap.bottom, labelBottom: box('#chat label').bottom,
              questionTop: asked[asked.length - 1].getBoundingClientRect().top,
              scrollable: document.querySelector('#chat .bubble-wrap').scrollHeight > wrap.height};
    }""")
    assert view["scrollable"], view
    assert view["wrapTop"] <= view["questionTop"] < view["wrapBottom"], view
    assert view["labelBottom"] <= view["wrapTop"] + 1, view
    _screenshot(ui, "brief")


def test_prompts_mode_lists_numbered_prompts_to_copy(ui: Page) -> None:
    result = ui.ask("Discussion prompts on digital skills for civil servants",
                    mode="Discussion prompts")
    assert "1." in result["text"] or ui.page.locator("#chat ol").count() >= 1
    prompts = ui.page.locator("#prompts")
    prompts.wait_for(state="visible")
    text = prompts.locator("textarea").input_value()
    assert text.startswith("1. ") and "\n2. " in text and "(Source: " in text
    assert prompts.get_by_role("button", name="Copy").count() >= 1
    assert ui.page.locator("#sources .source-card").count() >= 1


# ---- a chat that never loses work; phone; accessibility (issue 15) ---------------------------
AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


def test_empty_enter_keeps_the_history_and_a_reload_keeps_the_conversation(
    ui: Page, tmp_path: Path
) -> None:
    import docx

    page = ui.page
    expect = playwright_api.expect
    ui.ask("What is Indonesia's EGDI score?")
    cards = page.locator("#sources .source-card")
    assert cards.count() >= 1
    page.fill("#question textarea", "   ")
    page.press("#question textarea", "Enter")
    page.wait_for_timeout(1500)  # what a blanking update would need to arrive
    assert page.locator("#chat [data-testid=user]").count() == 1
    assert "0.6612" in ui.last_answer_html() and cards.count() >= 1

    page.locator("#mode").get_by_role("radio", name="Compare countries").check()
    page.wait_for_timeout(500)  # the browser saves the mode
    page.reload()
    page.wait_for_selector("#question textarea")
    expect(page.locator("#chat [data-testid=user]")).to_have_count(1)
    assert "0.6612" in ui.last_answer_html()
    expect(page.locator("#sources .source-card").first).to_contain_text("0.6612")
    expect(page.locator("#mode").get_by_role("radio", name="Compare countries")).to_be_checked()
    # The restored history still reads a follow-up.
    follow_up = ui.ask("And Egypt?", mode="Ask")
    assert "0.5527" in follow_up["text"]

    with page.expect_download() as download:
        page.locator("#export-docx").click()
    path = tmp_path / "conversation.docx"
    download.value.save_as(path)
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert document.core_properties.author == "Policy Assistant"
    assert "Question 1: What is Indonesia's EGDI score?" in text and "Question 2: And Egypt?" in text
    assert "Sources of answer 2" in text and "0.5527" in text
    with page.expect_download() as download:
        page.locator("#export-md").click()
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert markdown.startswith("# Policy Assistant: conversation") and "0.6612" in markdown


def _stream_a_slow_brief(ui: Page, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Ask for Indonesia's brief and return once it is streaming. The server runs in this
    process: slower streaming leaves seconds to act while the answer is being written (at
    the normal pace a brief streams in under a second)."""
    import assistant.ui.chat

    monkeypatch.setattr(assistant.ui.chat, "STREAM_DELAY_S", 0.4)
    page = ui.page
    page.locator("#mode").get_by_role("radio", name="Country brief").check()
    page.fill("#question textarea", "Indonesia")
    page.press("#question textarea", "Enter")
    page.locator("#stop").wait_for(state="visible")
    page.locator("#chat [data-testid=bot]", has_text="Indonesia").wait_for()
    return page


def test_a_question_sent_while_answering_is_queued_and_answered_next(
    ui: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _stream_a_slow_brief(ui, monkeypatch)
    expect = playwright_api.expect
    # The second question, in another mode, is taken and shown waiting its turn.
    page.locator("#mode").get_by_role("radio", name="Ask").check()
    page.fill("#question textarea", "What is Egypt's EGDI score?")
    page.press("#question textarea", "Enter")
    waiting = page.get_by_role("status").filter(has_text="1 question waiting")
    expect(waiting).to_be_visible()
    expect(waiting).to_contain_text("What is Egypt's EGDI score?")
    assert page.input_value("#question textarea") == ""
    assert _serious_axe_violations(page) == []  # the status line and the Stop button too
    # Text typed meanwhile is not the box's business: it stays while both are answered.
    page.fill("#question textarea", "draft of a third question")
    answer = page.locator("#chat [data-testid=bot]", has_text="0.5527")
    answer.wait_for()
    expect(page.locator("#stop")).to_be_hidden()
    expect(page.locator("#chat-notice")).to_be_hidden()
    asked = page.locator("#chat [data-testid=user]").all_inner_texts()
    assert [q.strip() for q in asked] == ["Indonesia", "What is Egypt's EGDI score?"]
    bots = page.locator("#chat [data-testid=bot]")
    expect(bots).to_have_count(2)
    assert "(stopped)" not in bots.first.inner_text()
    first = bots.first.inner_text()
    assert "Country brief: Indonesia" in first and "Opportunities" in first  # whole, as a brief
    assert page.input_value("#question textarea") == "draft of a third question"
    # Answer 2's [1] is source 1 of answer 2: both answers are kept, in order.
    answer.locator("button.cite").first.click()
    expect(page.locator("#source-2-1")).to_have_class(re.compile(r"\bcited\b"))


def test_stop_keeps_what_was_shown_marked_in_the_history_and_the_exports(
    ui: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _stream_a_slow_brief(ui, monkeypatch)
    expect = playwright_api.expect
    bot = page.locator("#chat [data-testid=bot]").last
    page.locator("#stop").click()
    expect(bot).to_contain_text("(stopped)")
    page.locator("#stop").wait_for(state="hidden")
    shown = bot.inner_text()
    page.wait_for_timeout(1200)  # a streamed piece still on its way would show by now
    assert bot.inner_text() == shown
    assert "Indonesia" in shown
    # The stopped exchange is kept: its question, what was shown, its own sources.
    expect(page.locator("#chat [data-testid=user]")).to_have_count(1)
    expect(page.locator("#sources .answer-sources")).to_have_count(1)
    with page.expect_download() as download:
        page.locator("#export-md").click()
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert "## Question 1: Indonesia" in markdown and "*(stopped)*" in markdown
    page.reload()
    page.wait_for_selector("#question textarea")
    expect(page.locator("#chat [data-testid=bot]").last).to_contain_text("(stopped)")
    # A question after it is answer 2, its [1] source 1 of answer 2.
    import assistant.ui.chat

    monkeypatch.setattr(assistant.ui.chat, "STREAM_DELAY_S", 0.03)
    result = ui.ask("What is Egypt's EGDI score?", mode="Ask")
    assert "0.5527" in result["text"]
    page.locator("#chat [data-testid=bot]").last.locator("button.cite").first.click()
    expect(page.locator("#source-2-1")).to_have_class(re.compile(r"\bcited\b"))


def test_a_saved_conversation_survives_a_server_restart(
    browser, corpus_settings: Settings, tmp_path: Path
) -> None:
    from assistant.evals.servers import serve_in_thread
    from assistant.ui.app import create_app
    from assistant.ui.session import SECRET_FILE

    index = tmp_path / "index"
    shutil.copytree(corpus_settings.index_dir, index)
    settings = corpus_settings.model_copy(update={"index_dir": index,
                                                  "upload_dir": tmp_path / "uploads"})
    port = free_port()  # the same origin before and after: localStorage is per origin
    with serve_in_thread(create_app(PolicyAssistant(settings)), port=port):
        tab = Page(browser, f"http://127.0.0.1:{port}/")
        tab.ask("What is Indonesia's EGDI score?")
        tab.page.wait_for_timeout(500)  # the browser saves the conversation
    assert (index / SECRET_FILE).stat().st_mode & 0o777 == 0o600
    # A new server (a new app, as after a restart) on the same index reads it back.
    with serve_in_thread(create_app(PolicyAssistant(settings)), port=port):
        tab.page.reload()
        tab.page.wait_for_selector("#question textarea")
        playwright_api.expect(tab.page.locator("#chat [data-testid=user]")).to_have_count(1)
        assert "0.6612" in tab.last_answer_html()
        tab.close()


# Words that Chromium split across lines: a word with more than one line box.
_BROKEN_WORDS_JS = """(table) => {
  const broken = [];
  const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""


def test_phone_shows_a_compare_table_with_whole_words_and_sources_one_tap_away(
    ui: Page
) -> None:
    page = ui.page
    page.set_viewport_size(PHONE)
    ui.ask("Compare the EGDI of Egypt and Malaysia", mode="Compare countries")
    table = page.locator("#chat [data-testid=bot] table").last
    table.wait_for()
    assert table.evaluate(_BROKEN_WORDS_JS) == []
    cells = table.locator("td")
    assert "…" not in table.inner_text()
    for i in range(cells.count()):  # wrapped, never cut: the cell shows all its text
        assert cells.nth(i).evaluate("c => c.scrollWidth <= c.clientWidth + 1")
    _screenshot(ui, "phone-compare")
    jump = page.locator("#jump-to-sources a")
    assert jump.is_visible()
    jump.click()
    playwright_api.expect(page.locator("#sources .source-card").first).to_be_in_viewport()
    page.set_viewport_size({"width": 1440, "height": 900})
    assert not jump.is_visible()  # beside the conversation on a desktop
    _screenshot(ui, "desktop-compare")


def _serious_axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async () => {
      const result = await axe.run(document, {resultTypes: ['violations']});
      return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
        .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
    }""")
    return list(found)


def test_axe_finds_no_serious_violation_in_light_or_dark_mode(ui: Page, ui_server: int
                                                                 ) -> None:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run ./test.sh (it runs npm ci in tests/axe)")
    page = ui.page
    ui.ask("What is Indonesia's EGDI score?")  # highlighted terms in the sources
    ui.ask("What is Peru's EGDI score?")  # a decline
    assert page.locator("#chat .decline").count() == 1
    assert page.get_by_role("textbox", name="Your question").count() == 1
    assert page.locator("h1").count() == 1
    # A mode chosen with the keyboard shows a focus ring (the radios had none).
    page.locator("#mode input[type=radio]").first.focus()
    page.keyboard.press("ArrowRight")
    ring = page.evaluate("() => getComputedStyle(document.activeElement.closest('label'))"
                         ".outlineWidth")
    assert float(ring.removesuffix("px")) >= 2
    page.locator("#mode").get_by_role("radio", name="Ask").check()
    # The first answer's sources (with highlighted terms) are shown, the decline in the chat.
    shown_marks = page.locator("#sources section.answer-sources:not([hidden]) mark")
    page.locator("#chat [data-testid=bot]").first.locator("p").first.click()
    shown_marks.first.wait_for()
    assert _serious_axe_violations(page) == []
    page.goto(f"http://127.0.0.1:{ui_server}/?__theme=dark")
    page.locator("#chat .decline").wait_for()  # the conversation came back
    assert page.evaluate("() => document.body.classList.contains('dark')")
    page.locator("#chat [data-testid=bot]").first.locator("p").first.click()
    shown_marks.first.wait_for()
    assert _serious_axe_violations(page) == []
    _screenshot(ui, "dark")


# ---- safety --------------------------------------------------------------------------------
def test_markup_in_a_question_shows_as_text_and_runs_nothing(ui: Page) -> None:
    ui.ask(f"What is Egypt's EGDI score? {XSS}")
    user_message = ui.page.locator("#chat [data-testid=user]").last
    assert "<script>alert(1)</script>" in user_message.inner_text()
    assert ui.page.locator("img[onerror]").count() == 0
    assert ui.page.locator("#chat script").count() == 0
    assert ui.page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0


@pytest.mark.parametrize(
    "path",
    [
        "/corpus/..%2f..%2fpyproject.toml",
        "/corpus/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/corpus/../pyproject.toml",
        "/corpus/%2fetc%2fpasswd",
        "/corpus//etc/passwd",
        "/corpus/manifest.json",
        "/corpus/..%5cpyproject.toml",
    ],
)
def test_only_corpus_documents_can_be_fetched(ui_server: int, path: str) -> None:
    status, body = _raw_get(ui_server, path)
    assert status == 404, (path, status)
    assert b"[project]" not in body and b"root:" not in body


def test_security_headers_forbid_framing_and_the_ui_still_works_under_its_csp(
    browser, ui_server: int
) -> None:
    """Issue 13: CSP, X-Frame-Options, nosniff and Referrer-Policy on every response, and a
    brief (streaming, its citations opened in the PDF.js viewer and its worker) works in
    Chromium with no CSP violation."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text)
            if "Content Security Policy" in m.text or "Refused to" in m.text else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}")
            if r.status >= 400 else None)
    response = page.goto(f"http://127.0.0.1:{ui_server}/")
    assert response is not None
    headers = response.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    page.wait_for_selector("#question textarea")
    page.locator("#mode").get_by_role("radio", name="Country brief").check()
    page.fill("#question textarea", "Indonesia")
    page.press("#question textarea", "Enter")
    page.locator("#chat [data-testid=bot]", has_text="0.6612").first.wait_for(timeout=ASK_TIMEOUT_MS)
    page.locator("#chat [data-testid=bot] button.cite").first.click()
    page.wait_for_selector("#doc-viewer[data-ready]")
    assert int(page.locator("#doc-viewer").get_attribute("data-ready") or 0) > 0
    page.keyboard.press("Escape")
    page.get_by_role("tab", name="Library").click()
    # The table arrived through its event (hidden cells are virtualised, not missing).
    page.locator("#library-table").get_by_text(D8_TITLE).first.wait_for(state="attached")
    context.close()
    assert problems == []


# ---- library: upload, ask, remove (private index, basic auth) -------------------------------
def _tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with Helvetica text lines, written by hand (no PDF library needed)."""

    def literal(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 12 Tf 16 TL 72 740 Td " + " ".join(f"({literal(x)}) '" for x in lines)
    content += " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return out


@pytest.fixture
def private_ui(browser, private_server: tuple[int, Path]) -> Iterator[Page]:
    port, _ = private_server
    tab = Page(browser, f"http://127.0.0.1:{port}/",
               http_credentials={"username": AUTH[0], "password": AUTH[1]})
    yield tab
    tab.close()


def test_first_start_indexes_the_corpus_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ruritania.md").write_text(
        "# Ruritania e-government\n\nRuritania publishes 310 open data sets on its portal.\n",
        encoding="utf-8",
    )
    index = tmp_path / "index"
    env = {**SERVER_ENV, "ASSISTANT_CORPUS_DIR": str(corpus),
           "ASSISTANT_UPLOAD_DIR": str(tmp_path / "uploads")}
    with _serve(index, free_port(), env, tmp_path / "server.log", {}):
        docs = PolicyAssistant(Settings(index_dir=index, corpus_dir=corpus)).documents()
    assert [d.source for d in docs] == ["ruritania.md"]


def test_private_server_requires_basic_auth(private_server: tuple[int, Path]) -> None:
    port, _ = private_server
    assert _raw_get(port, "/")[0] == 401
    assert _raw_get(port, "/corpus/d8-workshop-2022-new-approaches-egov-sdg.pdf")[0] == 401
    wrong = {"Authorization": _basic(AUTH[0], "guess")}
    assert _raw_get(port, "/", wrong)[0] == 401


def _upload(tab: Page, files: list[Path]) -> str:
    page = tab.page
    page.get_by_role("tab", name="Library").click()
    page.locator("#upload input[type=file]").set_input_files([str(f) for f in files])
    for f in files:  # the component shows each name as stem and suffix apart
        page.locator("#upload", has_text=f.stem).wait_for()
    page.locator("#add").click()
    status = page.locator("#library-status")
    status.locator("p").first.wait_for()
    return status.inner_text()


def test_uploaded_documents_are_indexed_cited_and_removable(
    private_ui: Page, private_server: tuple[int, Path], tmp_path: Path
) -> None:
    port, uploads = private_server
    page = private_ui.page
    pdf = tmp_path / "freedonia-skills.pdf"
    pdf.write_bytes(_tiny_pdf([
        "Freedonia Digital Skills Programme",
        "The Skills4Gov programme of Freedonia trained 12,500 civil servants in 2023.",
        "Training covered digital literacy, data protection and online service design.",
    ]))
    note = tmp_path / "zembla-portal.md"
    note.write_text(
        "# Zembla e-services portal\n\n"
        f"The Zembla national portal offers 42 online services to citizens. {XSS}\n",
        encoding="utf-8",
    )
    status = _upload(private_ui, [pdf, note])
    assert "✓ freedonia-skills.pdf" in status and "✓ zembla-portal.md" in status
    assert (uploads / pdf.name).is_file()
    table = page.locator("#library-table")
    table.get_by_text(pdf.name).wait_for()
    _screenshot(private_ui, "library")

    page.get_by_role("tab", name="Ask").click()
    result = private_ui.ask("How many civil servants did the Skills4Gov programme train?")
    assert "12,500" in result["text"]
    card = page.locator("#sources .source-card", has_text="Skills4Gov").first
    assert "page 1" in card.inner_text()
    href = card.locator("a.source-link").get_attribute("href")
    assert href == f"/corpus/{pdf.name}#page=1"
    assert page.request.get(f"http://127.0.0.1:{port}/corpus/{pdf.name}").status == 200

    private_ui.ask("How many online services does the Zembla portal offer?")
    sources = page.locator("#sources")
    # Markdown's HTML tags are dropped at ingest; the text around them is quoted as text.
    assert "42 online services" in sources.inner_text() and "<img" not in sources.inner_text()
    assert page.locator("img[onerror]").count() == 0
    assert page.evaluate("() => document.querySelectorAll('img[src=\"x\"]').length") == 0

    page.get_by_role("tab", name="Library").click()
    page.locator("#to-remove input").click()
    offered = page.get_by_role("option").all_inner_texts()
    # Only uploads are offered: the bundled documents stay on a shared server.
    assert any(pdf.name in o for o in offered) and not any(".pdf)" in o and "d8-" in o
                                                           for o in offered)
    page.get_by_role("option", name=pdf.name, exact=False).click()
    page.fill("#new-title textarea", "Freedonia skills programme report")
    page.locator("#retitle").click()
    page.locator("#library-status", has_text="is now titled").wait_for()
    table.get_by_text("Freedonia skills programme report").wait_for()

    page.locator("#to-remove input").click()
    page.get_by_role("option", name=pdf.name, exact=False).click()
    page.locator("#remove").click()
    confirm = page.locator("#confirm-remove")
    confirm.get_by_text("Freedonia skills programme report").wait_for()
    page.locator("#cancel-remove").click()
    confirm.wait_for(state="hidden")
    assert (uploads / pdf.name).exists()
    page.locator("#remove").click()
    page.locator("#confirm").click()
    page.locator("#library-status", has_text=f"removed {pdf.name}").wait_for()
    table.get_by_text(pdf.name).wait_for(state="detached")
    assert not (uploads / pdf.name).exists()

    # The API refuses a bundled document too (Library.remove checks it again).
    from gradio_client import Client

    client = Client(f"http://127.0.0.1:{port}/", headers={"Authorization": _basic(*AUTH)},
                    verbose=False)
    bundled = "d8-workshop-2022-new-approaches-egov-sdg.pdf"
    with pytest.raises(Exception, match="not in the list of choices"):
        client.predict(bundled, api_name="/remove_document")
    page.reload()
    page.get_by_role("tab", name="Library").click()
    playwright_api.expect(table).to_contain_text(bundled)


@contextmanager
def _tracker() -> Iterator[tuple[int, list[str]]]:
    """A loopback HTTP server that records every path requested from it."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    hits: list[str] = []

    class Record(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Record)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()


def test_markdown_images_and_links_in_documents_show_as_text_and_fetch_nothing(
    private_ui: Page, tmp_path: Path
) -> None:
    with _tracker() as (port, hits):
        where = f"http://127.0.0.1:{port}"
        note = tmp_path / "ruritania-eservices.md"
        note.write_text(
            "# Ruritania e-services\n\n"
            f"The Ruritania portal ![pixel]({where}/pixel.png) lists 77 e-services, see "
            f"[details]({where}/link), <{where}/auto> and {where}/bare today.\n",
            encoding="utf-8",
        )
        assert "✓ ruritania-eservices.md" in _upload(private_ui, [note])
        page = private_ui.page
        page.get_by_role("tab", name="Ask").click()
        result = private_ui.ask("How many e-services does the Ruritania portal list?")
        assert "77" in result["text"]
        shown = page.locator("#chat [data-testid=bot]").last.inner_text()
        # The image and link markup never become an image or a link (ingest drops the
        # image and keeps a link's words; what is left is text).
        assert "77 e-services" in shown and "details" in shown
        for selector in (f"img[src*='{port}']", f"a[href*='{port}']"):
            assert page.locator(selector).count() == 0, selector
        page.wait_for_timeout(1000)
        assert hits == []


def test_oversized_and_unsupported_uploads_are_refused_by_the_server(
    private_ui: Page, private_server: tuple[int, Path], tmp_path: Path
) -> None:
    from gradio_client import Client, handle_file

    port, uploads = private_server
    page = private_ui.page
    big = tmp_path / "big-notes.txt"
    big.write_text("Digital government notes. " * 4000, encoding="utf-8")  # ~100 KB > 0.05 MB
    page.get_by_role("tab", name="Library").click()
    page.locator("#upload input[type=file]").set_input_files(str(big))
    page.get_by_text("exceed", exact=False).first.wait_for()

    # The same refusals when the browser's checks are bypassed and the API is called.
    client = Client(f"http://127.0.0.1:{port}/", headers={"Authorization": _basic(*AUTH)},
                    verbose=False)
    program = tmp_path / "tool.exe"
    program.write_bytes(b"MZ not a document")
    with pytest.raises(Exception, match="Invalid file type"):  # gradio_client's error types vary
        client.predict([handle_file(str(program))], api_name="/add_documents")
    # gradio_client refuses an oversized file itself, before sending it; post it to the
    # upload route directly so that the server's own limit is what is tested.
    with big.open("rb") as fh:
        reply = httpx.post(
            client.upload_url, files=[("files", (big.name, fh))], timeout=60,
            headers={"Authorization": _basic(*AUTH)},
        )
    assert reply.status_code == 413, reply.text
    assert "maximum allowed size" in reply.text
    assert not (uploads / big.name).exists() and not (uploads / program.name).exists()
