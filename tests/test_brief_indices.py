"""A country brief's Indices: only rows holding index figures, each saying its edition."""

from __future__ import annotations

from stage_fixtures import chunk

from assistant.brief import _with_edition, index_columns
from assistant.evidence import Evidence


def _row(header: str, text: str, caption: str | None = None, section: str = "S",
         document: str = "Annual Report") -> Evidence:
    return Evidence(chunk(text, kind="table", section=section, document=document), text,
                    "row", header=header, caption=caption)


def test_a_score_or_rank_column_makes_a_row_an_index_row():
    row = _row("Country | Score | Global Rank | Region", "Malaysia | 0.7892 | 47 | Asia")
    assert index_columns(row) == ["Score", "Global Rank"]


def test_a_column_naming_an_index_counts_too():
    assert index_columns(_row("Country | EGDI | Region", "Kenya | 0.5 | Africa")) == ["EGDI"]


def test_a_poll_or_a_profile_row_holds_no_index_figure():
    poll = _row("Country | Polling Company | Sample | Year",
                "Kenya | Infinite Insight | 1099 | 2018")
    profile = _row("States | Legal System | Population (millions)", "Kenya | Mixed | 44.9",
                   caption="Index of States")  # "Index" in a caption names no column
    assert index_columns(poll) == [] and index_columns(profile) == []


def test_an_index_row_names_its_edition_from_what_its_citation_shows():
    row = _row("Country | Score", "Kenya | 0.5", section="Survey 2022 > Table 3")
    line = "Kenya's Score is 0.5, according to Table 3 [1]."
    edition = "Kenya's Score is 0.5, according to Table 3, 2022 edition [1]."
    assert _with_edition(line, row) == edition
    dated = "Kenya's Score is 0.5, according to Table 3 in 2020 [1]."
    assert _with_edition(dated, row) == dated  # a year already said
    assert _with_edition(line, _row("Country | Score", "Kenya | 0.5")) == line  # none printed
    titled = _row("Country | Score", "Kenya | 0.5", document="Index Report 2021")
    assert "2021 edition" in _with_edition(line, titled)


def test_a_row_describing_a_survey_of_the_country_is_told_apart() -> None:
    from assistant.brief import _columns_reading

    poll = _row("Country | Polling Company | Methodology | Sample | Year",
                "Kenya | Infinite Insight | Face-to-face | 1099 | 2018")
    profile = _row("States | Legal System | Population (millions)", "Kenya | Mixed | 44.9")
    assert _columns_reading(poll, "brief_survey_columns") == ["Polling Company", "Sample"]
    assert _columns_reading(profile, "brief_survey_columns") == []
