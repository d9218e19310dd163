"""Citations a reader can check in one click, in real headless Chromium against the UI.

Every [n] of every answer is a button: it selects that answer's sources, highlights the
card and opens the document in the in-app viewer (PDF.js, served by the UI) at the cited
page with the quote highlighted. Each answer keeps its own sources; index charts only
compare values of one index and year. The server and browser are conftest.py's; the
tab and timing helpers test_ui.py's.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_ui import ARTIFACTS, Page, _record_timing, _screenshot, playwright_api

from assistant.evals.servers import serve_in_thread
from assistant.pipeline import PolicyAssistant
from assistant.settings import Settings

pytestmark = pytest.mark.browser
expect = playwright_api.expect
DATA = Path(__file__).parent / "data"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def ui(browser, ui_server: int) -> Iterator[Page]:
    tab = Page(browser, f"http://127.0.0.1:{ui_server}/")
    tab.page.set_viewport_size({"width": 1440, "height": 900})
    yield tab
    tab.close()


def _open_citation(tab: Page, answer: int, n: int) -> None:
    """Click [n] in the answer-th answer; wait until the viewer has drawn and marked."""
    bubble = tab.page.locator("#chat [data-testid=bot]").nth(answer - 1)
    tab.page.evaluate("() => document.getElementById('doc-viewer')?.removeAttribute('data-ready')")
    bubble.locator("button.cite", has_text=f"[{n}]").first.click()
    tab.page.wait_for_selector("#doc-viewer[data-ready]")


def _visible_section(tab: Page):
    return tab.page.locator("#sources section.answer-sources:not([hidden])")


def test_citation_of_an_earlier_answer_opens_its_page_with_the_quote_highlighted(
    ui: Page,
) -> None:
    page = ui.page
    ui.ask("Compare the EGDI of Egypt and Malaysia", mode="Compare countries")
    latest = ui.ask("What is Indonesia's EGDI score?", mode="Ask")
    _record_timing("egdi_after_compare", latest)
    expect(_visible_section(ui)).to_have_attribute("data-answer", "2")

    _open_citation(ui, answer=1, n=2)
    # The earlier answer's sources are shown, its card [2] highlighted.
    expect(_visible_section(ui)).to_have_attribute("data-answer", "1")
    expect(page.locator("#source-1-2")).to_have_class(re.compile(r"\bcited\b"))
    assert "Malaysia" in page.locator("#source-1-2").inner_text()
    viewer = page.locator("#doc-viewer")
    assert "Answer 1, source [2]" in viewer.locator(".dv-meta").inner_text()
    assert viewer.locator(".dv-page").inner_text() == "page 3 of 22"
    # The quoted row is highlighted (its caption and header as context), and on screen.
    quoted = " ".join(viewer.locator("mark.dv-hit:not(.dv-context)").all_inner_texts())
    assert "Malaysia" in quoted and "0.7892" in quoted
    assert "Egypt" not in quoted and "0.6612" not in quoted
    context = " ".join(viewer.locator("mark.dv-context").all_inner_texts())
    assert "Score" in context and "E-Government Survey" in context
    first = viewer.locator("mark.dv-hit:not(.dv-context)").first.bounding_box()
    body = viewer.locator(".dv-body").bounding_box()
    assert first and body
    assert body["y"] <= first["y"] and first["y"] + first["height"] <= body["y"] + body["height"]
    page.screenshot(path=str(ARTIFACTS / "ui-viewer-desktop.png"))

    # Escape closes the viewer and gives the focus back to the citation clicked.
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()
    assert page.evaluate("() => document.activeElement.textContent") == "[2]"


def test_clicking_an_earlier_answer_shows_its_sources(ui: Page) -> None:
    ui.ask("What is Indonesia's EGDI score?")
    ui.ask("What is Egypt's EGDI score?")
    shown = _visible_section(ui)
    expect(shown).to_contain_text("0.5527")
    assert "0.6612" not in shown.inner_text()
    earlier = ui.page.locator("#chat [data-testid=bot]").first
    earlier.locator("p").first.click()
    expect(shown).to_have_attribute("data-answer", "1")
    expect(shown).to_contain_text("Answer 1: “What is Indonesia's EGDI score?”")
    expect(shown).to_contain_text("0.6612")
    expect(earlier).to_have_class(re.compile(r"\banswer-selected\b"))
    # A new answer shows its own sources again.
    ui.ask("What is Malaysia's EGDI score?")
    expect(_visible_section(ui)).to_have_attribute("data-answer", "3")


@pytest.mark.parametrize(
    ("question", "mode"),
    [
        pytest.param("What is Indonesia's EGDI score?", "Ask", id="answer"),
        pytest.param("Compare the EGDI of Egypt and Malaysia", "Compare countries", id="compare"),
        pytest.param("Indonesia", "Country brief", id="brief"),
        pytest.param("Discussion prompts on digital skills for civil servants",
                     "Discussion prompts", id="prompts"),
    ],
)
def test_every_citation_of_every_mode_opens_its_source(ui: Page, question: str,
                                                       mode: str) -> None:
    ui.ask(question, mode=mode)
    bubble = ui.page.locator("#chat [data-testid=bot]").last
    markers = re.findall(r"\[\d{1,3}\]", bubble.inner_text())
    assert markers, "the answer should cite its sources"
    assert bubble.locator("button.cite").count() == len(markers)
    last = max(int(m.strip("[]")) for m in markers)
    _open_citation(ui, answer=1, n=last)
    cited = ui.page.locator(f"#source-1-{last}")
    expect(cited).to_have_class(re.compile(r"\bcited\b"))
    viewer = ui.page.locator("#doc-viewer")
    assert viewer.locator(".dv-page").inner_text().startswith(
        f"page {cited.get_attribute('data-page')} of ")
    assert int(viewer.get_attribute("data-ready") or 0) > 0, "the quote should be highlighted"


def test_chart_compares_one_index_and_year_with_labelled_bars_citing_sources(
    ui: Page,
) -> None:
    ui.ask("Compare the EGDI of Egypt and Malaysia", mode="Compare countries")
    chart = _visible_section(ui).locator(".index-chart")
    expect(chart).to_contain_text("EGDI 2020")
    rows = chart.locator(".chart-row")
    assert rows.count() == 2
    texts = rows.all_inner_texts()
    assert "Egypt" in texts[0] and "0.5527" in texts[0] and "[1]" in texts[0]
    assert "Malaysia" in texts[1] and "0.7892" in texts[1] and "[2]" in texts[1]
    assert chart.locator("button.cite").count() == 2
    for width in (1440, PHONE["width"]):
        ui.page.set_viewport_size({"width": width, "height": 900})
        clipped = ui.page.evaluate(_CLIPPED_JS)
        assert clipped == [], f"clipped in the chart at {width} px: {clipped}"
    ui.page.set_viewport_size({"width": 1440, "height": 900})
    chart.locator("button.cite", has_text="[2]").click()
    ui.page.wait_for_selector("#doc-viewer[data-ready]")
    expect(ui.page.locator("#source-1-2")).to_have_class(re.compile(r"\bcited\b"))
    ui.page.keyboard.press("Escape")
    # One value is no comparison: no chart.
    ui.ask("What is Indonesia's EGDI score?", mode="Ask")
    expect(_visible_section(ui)).to_have_attribute("data-answer", "2")
    assert _visible_section(ui).locator(".index-chart").count() == 0


# Chart labels and values whose text overflows their box, or that stick out of the chart.
_CLIPPED_JS = """() => {
  const out = [];
  for (const chart of document.querySelectorAll('#sources section:not([hidden]) .index-chart')) {
    const frame = chart.getBoundingClientRect();
    for (const el of chart.querySelectorAll('.chart-label, .chart-value, figcaption')) {
      const r = el.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + 1 || r.left < frame.left - 1 || r.right > frame.right + 1)
        out.push(el.textContent);
    }
  }
  return out;
}"""


def test_phone_opens_the_cited_page_full_screen(browser, ui_server: int) -> None:
    tab = Page(browser, f"http://127.0.0.1:{ui_server}/", is_mobile=True, has_touch=True)
    try:
        tab.page.set_viewport_size(PHONE)
        result = tab.ask("Compare the EGDI of Egypt and Malaysia", mode="Compare countries")
        _record_timing("compare_phone", result)
        _screenshot(tab, "phone-compare")
        _open_citation(tab, answer=1, n=1)
        viewer = tab.page.locator("#doc-viewer")
        box = viewer.bounding_box()
        assert box and box["width"] == PHONE["width"]
        quoted = " ".join(viewer.locator("mark.dv-hit:not(.dv-context)").all_inner_texts())
        assert "Egypt" in quoted and "0.5527" in quoted
        tab.page.screenshot(path=str(ARTIFACTS / "ui-viewer-phone.png"))
    finally:
        tab.close()


# ---- formats other than PDF: the quote with its locator -------------------------------------
@pytest.fixture(scope="module")
def word_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """The UI on an index of one Word file (tests/data/toolkit.docx), in a thread."""
    from assistant.ui.app import create_app

    root = tmp_path_factory.mktemp("ui-word")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(DATA / "toolkit.docx", corpus)
    settings = Settings(index_dir=root / "index", corpus_dir=corpus,
                        upload_dir=root / "uploads")
    pa = PolicyAssistant(settings)
    assert not pa.ingest([corpus]).failed
    with serve_in_thread(create_app(pa)) as port:
        yield port


def test_a_word_citation_shows_its_quote_and_locator(browser, word_server: int) -> None:
    tab = Page(browser, f"http://127.0.0.1:{word_server}/")
    try:
        card_text = _first_quote(tab)
        _open_citation(tab, answer=1, n=1)
        viewer = tab.page.locator("#doc-viewer")
        assert viewer.locator(".dv-body").is_hidden()  # no page to draw
        assert viewer.locator(".dv-quote").get_attribute("open") is not None
        assert viewer.locator(".dv-quote-body").inner_text().strip() == card_text.strip()
        card = tab.page.locator("#source-1-1")
        where = card.get_attribute("data-where") or ""
        assert where and where in viewer.locator(".dv-status").inner_text()
        # The .docx itself is offered as a download (never rendered in the page).
        link = viewer.locator(".dv-open")
        assert link.is_visible() and (link.get_attribute("href") or "").endswith(".docx")
    finally:
        tab.close()


def _first_quote(tab: Page) -> str:
    """Ask about the Word file's own words; the first card's quote."""
    from docx import Document

    words = next(p.text for p in Document(str(DATA / "toolkit.docx")).paragraphs
                 if len(p.text.split()) >= 6)
    tab.ask(words)
    card = tab.page.locator("#source-1-1")
    card.wait_for()
    return card.locator(".source-quote").inner_text()
