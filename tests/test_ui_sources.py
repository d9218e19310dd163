"""The conversation's sources panel and index chart, without a browser."""

from __future__ import annotations

import html
import re

from assistant.types import Answer, Citation
from assistant.ui.chart import chart_html, comparable
from assistant.ui.sources import is_table_quote, panel_html, quote_html

XSS = '<script>alert(1)</script> <img src=x onerror=alert(1)>'
ROW_QUOTE = (
    "Table 1 D-8 Members in the United Nations E-Government Survey 2020.\n"
    "Country | Region | EGDI Group | Score | Global Rank\n"
    "Indonesia | Asia | High | 0.6612 | 88"
)


def _citation(n: int, source: str = "d8.pdf", text: str = ROW_QUOTE, **kw: object) -> Citation:
    fields: dict[str, object] = dict(n=n, document=f"D-8 report {XSS}", source=source, page=3,
                                     section="Background", text=text, locator="p. 3")
    fields.update(kw)
    return Citation(**fields)  # type: ignore[arg-type]


def _answer(question: str, citations: list[Citation], **extras: object) -> Answer:
    return Answer(question, "answer", "text [1]", not citations, citations, "grounded",
                  extras=dict(extras))


def _score(country: str, score: float, n: int, index: str = "EGDI", year: int | None = 2020,
           city: str | None = None) -> dict[str, object]:
    return {"country": country, "index": index, "year": year, "score": score, "rank": 88,
            "city": city, "n": n}


def test_every_answer_keeps_its_own_sources_and_the_latest_is_shown() -> None:
    first = _answer("Compare Egypt and Malaysia", [_citation(1), _citation(2, page=4)])
    second = _answer("What is Indonesia's EGDI score?", [_citation(1, source="slides.pdf")])
    panel = panel_html([first, second])
    sections = re.findall(r'<section class="answer-sources" data-answer="(\d)"[^>]*?( hidden)?>',
                          panel)
    assert sections == [("1", " hidden"), ("2", "")]
    # [2] of the first answer and [1] of the second are different cards with their own ids.
    assert 'id="source-1-2"' in panel and 'id="source-2-1"' in panel
    assert "Answer 1: “Compare Egypt and Malaysia”" in panel


def test_a_card_carries_what_the_viewer_needs_escaped() -> None:
    panel = panel_html([_answer("Indonesia EGDI", [_citation(1, source="d8 report.pdf")])])
    assert 'data-url="/corpus/d8%20report.pdf"' in panel and 'data-page="3"' in panel
    assert 'data-kind="pdf"' in panel
    assert f'data-quote="{html.escape(ROW_QUOTE, quote=True)}"' in panel
    assert "<script" not in panel and "<img" not in panel


def test_a_word_file_opens_as_its_quote_and_locator_with_a_download_link() -> None:
    card = _citation(1, source="toolkit.docx", text="Digital skills matter.", locator="¶ 12")
    panel = panel_html([_answer("skills", [card])])
    assert 'data-url="/corpus/toolkit.docx"' in panel and 'data-kind="text"' in panel
    assert "source-link" in panel and 'data-where="¶ 12"' in panel


def test_a_format_the_server_does_not_serve_has_no_link_but_its_locator() -> None:
    card = _citation(1, source="notes.odt", text="Digital skills matter.", locator="¶ 12")
    panel = panel_html([_answer("skills", [card])])
    assert 'data-url=""' in panel and 'data-kind="text"' in panel
    assert "source-link" not in panel and 'data-where="¶ 12"' in panel


def test_a_table_row_quote_shows_as_a_table_under_its_header_and_caption() -> None:
    assert is_table_quote(ROW_QUOTE) and not is_table_quote("A | B is a sentence.")
    table = quote_html(ROW_QUOTE, ["indonesia"])
    assert "<caption>Table 1 D-8 Members" in table
    assert re.findall(r"<th scope=\"col\">([^<]*)</th>", table) == [
        "Country", "Region", "EGDI Group", "Score", "Global Rank"]
    assert "<td><mark>Indonesia</mark></td>" in table and "<td>0.6612</td>" in table
    assert quote_html(f"{ROW_QUOTE} {XSS}", []).count("<img") == 0


def test_a_chart_needs_two_values_of_one_index_and_year() -> None:
    assert comparable([_score("Indonesia", 0.6612, 1)]) is None
    assert comparable([_score("Indonesia", 0.6612, 1), _score("Egypt", 0.5527, 2, year=2022)]) is None
    assert comparable([_score("Egypt", 0.5527, 1), _score("Egypt", 0.5527, 2)]) is None
    # A city's LOSI never shares an axis with a country's EGDI.
    mixed = [_score("Egypt", 0.5527, 1), _score("Egypt", 0.35, 2, index="LOSI", city="Cairo")]
    assert comparable(mixed) is None
    chart = comparable([_score("Egypt", 0.5527, 1), _score("Malaysia", 0.7892, 2),
                        _score("Egypt", 0.35, 3, index="LOSI", city="Cairo")])
    assert chart is not None and chart.title == "EGDI 2020, by country"
    assert [(b.place, b.score, b.n) for b in chart.bars] == [("Egypt", 0.5527, 1),
                                                              ("Malaysia", 0.7892, 2)]
    assert chart.top == 1.0  # EGDI's fixed scale (data/indices.json), not the largest value


def test_each_bar_is_labelled_with_its_value_and_citation() -> None:
    markup = chart_html([_score("Egypt", 0.5527, 1), _score(f"Malaysia {XSS}", 0.7892, 2)])
    assert re.findall(r'chart-cite">\[(\d)\]', markup) == ["1", "2"]
    assert re.findall(r'chart-value">([^<]*)<', markup) == ["0.5527", "0.7892"]
    assert 'style="width:55.3%"' in markup and "<script" not in markup
    assert chart_html([_score("Egypt", 0.5527, 1)]) == ""
