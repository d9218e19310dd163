"""The Markdown parser on tiny documents: the exact blocks each Markdown structure gives.

The chunker and the evidence units read these shapes: a list is "lead-in" then "- item"
lines, a table is a header line then "a | b" rows, headings carry their level.
"""

from __future__ import annotations

from assistant.parsers.markdown import parse_markdown
from assistant.settings import Settings
from assistant.types import Block


def blocks(markdown: str) -> list[tuple[str, str, int, str | None, tuple[str, ...]]]:
    parsed = parse_markdown(markdown.encode("utf-8"), Settings())
    return [(b.kind, b.text, b.level, b.header, b.rows) for b in parsed.blocks]


def test_headings_keep_their_levels_setext_included() -> None:
    assert blocks("# Report\n\n## Scores *2024*\n\nBody.\n\nAnnex\n-----\n") == [
        ("heading", "Report", 1, None, ()),
        ("heading", "Scores 2024", 2, None, ()),
        ("paragraph", "Body.", 0, None, ()),
        ("heading", "Annex", 2, None, ()),
    ]


def test_nested_lists_are_flat_items_under_their_lead_in() -> None:
    text = "The plan has:\n\n- train staff\n  - in ministries\n  - in cities\n- fund\n  it well\n"
    lead = "The plan has:"
    assert blocks(text) == [
        ("list", f"{lead}\n- train staff\n- in ministries\n- in cities\n- fund it well", 0,
         lead, ()),
    ]


def test_a_colon_paragraph_without_a_list_stays_a_paragraph_in_place() -> None:
    assert blocks("Models are:\n\nSeminars and e-learning.\n\n1. one\n2. two\n") == [
        ("paragraph", "Models are:", 0, None, ()),
        ("paragraph", "Seminars and e-learning.", 0, None, ()),
        ("list", "- one\n- two", 0, None, ()),
    ]


def test_pipe_table_is_header_and_rows_without_empty_rows() -> None:
    text = "| Country | Score |\n|:--|--:|\n| Egypt | 0.55 |\n|  |  |\n| A \\| B | **0.7** |\n"
    assert blocks(text) == [
        ("table", "Country | Score\nEgypt | 0.55\nA / B | 0.7", 0, "Country | Score",
         ("Egypt | 0.55", "A / B | 0.7")),
    ]


def test_html_block_is_its_text_and_html_table_a_table() -> None:
    text = (
        '<div class="note">Scores <b>rose</b> &amp; held.<script>alert(1)</script></div>\n\n'
        "<table><tr><th>Level</th><th>Name</th></tr><tr><td>1</td><td>Ad hoc</td></tr></table>\n"
    )
    assert blocks(text) == [
        ("paragraph", "Scores rose & held.", 0, None, ()),
        ("table", "Level | Name\n1 | Ad hoc", 0, "Level | Name", ("1 | Ad hoc",)),
    ]


def test_images_and_links_are_reduced_to_their_text_and_note_links_dropped() -> None:
    text = (
        "See ![EGDI map](map.png) and the [UN portal](https://un.org \"t\") <em>now</em>.[\\[2\\]](#n2)\n\n"
        '<figure><img src="a.png" alt=""><figcaption><p>Cycle</p></figcaption></figure>\n'
    )
    assert blocks(text) == [
        ("paragraph", "See EGDI map and the UN portal now.", 0, None, ()),
        ("paragraph", "Cycle", 0, None, ()),
    ]


def test_gitbook_tabs_and_details_become_headings_below_the_enclosing_one() -> None:
    text = (
        "---\ndescription: page metadata\n---\n\n## Cases\n\n{% tabs %}\n"
        '{% tab title="Plan &amp; run" %}\nPlan first.&#x20;\n{% endtab %}\n\n'
        '{% tab title="Run" %}\n{% hint style="info" %}\nRun well.\n{% endhint %}\n'
        "{% endtab %}\n{% endtabs %}\n\n<details>\n\n<summary><a href=\"x\">India</a></summary>"
        "\n\nIndia trains officials.\n\n</details>\n"
    )
    assert blocks(text) == [
        ("heading", "Cases", 2, None, ()),
        ("heading", "Plan & run", 3, None, ()),
        ("paragraph", "Plan first.", 0, None, ()),
        ("heading", "Run", 3, None, ()),
        ("paragraph", "Run well.", 0, None, ()),
        ("heading", "India", 3, None, ()),
        ("paragraph", "India trains officials.", 0, None, ()),
    ]


def test_code_is_text_and_task_boxes_are_dropped() -> None:
    assert blocks("```python\nx  =  1\n```\n\n- [ ] draft\n- [x] review\n") == [
        ("paragraph", "x = 1", 0, None, ()),
        ("list", "- draft\n- review", 0, None, ()),
    ]


def test_blocks_are_located_by_paragraph_or_by_form_feed_page() -> None:
    parsed = parse_markdown(b"# A\n\nOne.\n", Settings())
    assert [(b.page, b.locator) for b in parsed.blocks] == [(1, "\u00b6 1"), (1, "\u00b6 2")]
    paged = parse_markdown(b"# A\n\nOne.\f# B\n\nTwo.\n", Settings())
    assert paged.pages == 2
    assert paged.blocks[-1] == Block("paragraph", "Two.", 2, locator="p. 2")


def test_hostile_markup_leaves_only_the_text_around_it() -> None:
    text = (
        "Portal offers 42 services. <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n"
        "[click](javascript:alert(1)) ![x](javascript:1) <a href=\"javascript:x\">here</a>\n\n"
        "<script>\nalert(2)\n</script>\n"
    )
    assert blocks(text) == [
        ("paragraph", "Portal offers 42 services.", 0, None, ()),
        ("paragraph", "click x here", 0, None, ()),
    ]


def test_a_heading_inside_a_tab_sits_under_the_tab_title_and_a_repeat_is_dropped() -> None:
    text = (
        "## Models\n\n{% tabs %}\n{% tab title=\"Gartner\" %}\nIt includes:\n\n<details>\n\n"
        "<summary>Level 1: Initial</summary>\n\n### Initial\n\nServices go online.\n\n"
        "</details>\n{% endtab %}\n{% endtabs %}\n"
    )
    headings = [(b[1], b[2]) for b in blocks(text) if b[0] == "heading"]
    assert headings == [("Models", 2), ("Gartner", 3), ("Level 1: Initial", 4)]
