"""Web pages (.html, .htm) -> blocks: trafilatura extracts the main text as Markdown
(headings, lists, tables; navigation, footers and cookie banners removed), which the
Markdown parser then reads."""

from __future__ import annotations

from assistant.errors import InputFileError
from assistant.parsers.base import ParsedFile, check_chars, decode
from assistant.parsers.markdown import parse_markdown
from assistant.settings import Settings


def parse_html(data: bytes, settings: Settings) -> ParsedFile:
    import trafilatura

    page = decode(data)
    check_chars(len(page), settings, "page")
    markdown = trafilatura.extract(
        page,
        output_format="markdown",
        include_tables=True,
        include_formatting=True,
        include_links=False,
        include_images=False,
        include_comments=False,
        favor_recall=True,
    )
    if not markdown:
        raise InputFileError("no main text found in this web page")
    metadata = trafilatura.extract_metadata(page)
    parsed = parse_markdown(markdown.encode("utf-8"), settings)
    title = metadata.title if metadata is not None else None
    return ParsedFile(parsed.blocks, parsed.pages, title, doc_type="web page")
