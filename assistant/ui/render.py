"""Presentation only: turn an Answer into chat Markdown (the sources panel and the chart
are sources.py and chart.py).

Everything that reaches the page from a question or a document passes through ``escape``
or ``html.escape`` here, so markup inside them shows as text and never runs. Answers keep
the composer's Markdown (headings, bold, lists, tables) but no Markdown link, image or
bare URL survives: text quoted from a document can neither make the browser fetch
anything nor offer a link.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from assistant.export import stop_note
from assistant.text import STOPWORDS
from assistant.types import Answer, Citation
from assistant.vocabulary import QUESTION_WORDS

# Words not worth highlighting in a quoted passage: the stopwords every stage drops, the
# words of asking ("tell", "according") and those that only pick a mode.
_NOT_HIGHLIGHTED = STOPWORDS | QUESTION_WORDS | {
    "brief", "compare", "discussion", "prompt", "prompts",
}
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9]|[A-Za-z0-9]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


# A citation marker "[3]" stays as written unless it could start a link: "[3](", "[3]:".
_MARKER = re.compile(r"\[\d{1,3}\](?![(:])")
_BRACKETS = re.compile(r"[\[\]]")
# What a Markdown renderer turns into a link by itself: scheme://, www., e-mail addresses.
_AUTOLINK = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{1,15}):(?=//)|\b(www)\.|@")


def escape(text: str) -> str:
    """Neutralise HTML, links, images and bare URLs in Markdown text while keeping the
    rest of its syntax (tables, lists, bold, `>`); shown, it reads exactly as written."""
    text = text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;")
    pieces, last = [], 0
    for marker in _MARKER.finditer(text):
        pieces += [_BRACKETS.sub(r"\\\g<0>", text[last : marker.start()]), marker.group(0)]
        last = marker.end()
    text = "".join([*pieces, _BRACKETS.sub(r"\\\g<0>", text[last:])])
    return _AUTOLINK.sub(_break_autolink, text.replace("!", "\\!"))


def _break_autolink(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + "\\:"
    if match.group(2):
        return match.group(2) + "\\."
    return "\\@"


def question_terms(question: str) -> list[str]:
    """The words of a question worth marking in the quotes, longest first."""
    terms = {
        w.lower().rstrip(".")
        for w in _WORD.findall(question)
        if len(w) >= 3 and w.lower() not in _NOT_HIGHLIGHTED
    }
    terms.discard("")
    return sorted(terms, key=lambda t: (-len(t), t))


def highlight(text: str, terms: list[str]) -> str:
    """HTML of ``text`` with each term (and words it starts) wrapped in <mark>.

    Matching runs on the raw text and every piece is escaped on its own, so a term can
    never match inside an entity and no markup from the document survives.
    """
    if not terms:
        return html.escape(text)
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")[\w-]*", re.IGNORECASE
    )
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(f"<mark>{html.escape(match.group(0))}</mark>")
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def source_url(citation: Citation) -> str:
    """Link to the cited file, opened at the cited page when it is a PDF."""
    url = "/corpus/" + quote(citation.source, safe="")
    if citation.source.lower().endswith(".pdf") and citation.page is not None:
        url += f"#page={citation.page}"
    return url


DECLINE_LABEL = "No answer in the documents"


def answer_markdown(answer: Answer) -> str:
    """The chat text of an answer: the library's Markdown with HTML neutralised; an answer
    ended by Stop ends with "(stopped)". A decline is set apart (a labelled, differently
    styled box) so that it never reads as an answer."""
    stopped = stop_note(answer)
    if stopped:  # ended by Stop: what had been shown, and a word saying so
        stopped = ("\n\n" if answer.answer.strip() else "") + f'*{stopped}*'
    if answer.abstained:
        return (f'<div class="decline" role="note">\n\n**{DECLINE_LABEL}.** '
                f"{escape(answer.answer)}{stopped}\n\n</div>")
    if stopped:
        return escape(answer.answer).rstrip() + stopped
    note = answer.extras.get("facilitator_note")
    if note:  # guidance, not a quote: set apart beneath the cited prompts
        return (f"{escape(answer.answer)}\n\n<div class=\"facilitator\" role=\"note\">\n\n"
                f"{escape(str(note))}\n\n</div>")
    return escape(answer.answer)


def stream_pieces(markdown: str, limit: int) -> list[str]:
    """Growing prefixes of the answer, whole sentences or lines, for streaming.

    At most ``limit`` prefixes, evenly spread, the last being the full text. Table rows
    are never cut, so a table grows row by row and never shows half a cell.
    """
    cuts: list[int] = []
    end = 0
    for line in markdown.splitlines(keepends=True):
        if not line.lstrip().startswith("|"):
            cuts.extend(end + m.end() for m in _SENTENCE_END.finditer(line.rstrip()))
        end += len(line)
        cuts.append(end)
    step = max(1, -(-len(cuts) // max(1, limit)))
    chosen = cuts[len(cuts) - 1 :: -step][::-1]  # counted back from the end: it is kept
    return [markdown[:cut] for cut in chosen]


def plain(markdown: str) -> str:
    """Text to paste anywhere: Markdown emphasis markers removed, the words kept."""
    return _EMPHASIS.sub(r"\2", markdown)


def prompts_text(answer: Answer) -> str:
    """Plain numbered prompts with their source, then the facilitator note, ready to paste
    into workshop slides (no Markdown asterisks)."""
    prompts = answer.extras.get("prompts") or []
    by_n = {c.n: c for c in answer.citations}
    lines = []
    for i, p in enumerate(prompts, 1):
        line = f"{i}. {plain(p['text'])}"
        cited = by_n.get(p.get("n"))
        if cited is not None:
            line += f" (Source: {cited.document}, {cited.where})"
        lines.append(line)
    note = answer.extras.get("facilitator_note")
    if note:
        lines += ["", plain(str(note))]
    return "\n".join(lines)


def slug(text: str) -> str:
    """A file-name-safe short form of a question, for download names."""
    words = re.findall(r"[A-Za-z0-9]+", text.lower())[:6]
    return "-".join(words) or "brief"
