"""Verify: a draft -> an answer whose every number is printed in what it cites (last stage).

The composers only copy, but a frame or a joined list can still put a figure beside the
wrong marker; an LLM can write anything. Each line is checked: a number must be printed
(by value) in a citation marked on that line - its quote, section heading or document
title. A sentence that fails is removed and counted; when no cited sentence is left the
assistant declines instead. Every composer (grounded answer, follow-on sentence, list,
section, brief, comparison, prompts, LLM) ends here, so this is also where the one
quotability rule holds for all of them: a sentence that instructs the assistant
(`assistant.instructions`) is never stated, whichever path copied it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.draft import CitationList, Draft
from assistant.instructions import carries_instruction
from assistant.statements import answer_lines, answer_numbers, cited_numbers

_MARKER = re.compile(r"\[(\d+)\]")
_ENUMERATOR = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*])\s+")
_SOURCES = re.compile(r"^\s*#{1,6}\s*(sources|references)\b", re.IGNORECASE)


def verify(draft: Draft) -> Draft:
    if draft.abstained:
        return draft
    by_n = {c.n: c for c in draft.cites.items}
    kept_lines: list[str] = []
    dropped: list[str] = []
    lines = draft.text.split("\n")
    # A closing Sources list names pages, it states nothing: kept as it is.
    end = next((i for i, ln in enumerate(lines) if _SOURCES.match(ln)), len(lines))
    for line in lines[:end]:
        ns = [int(n) for n in _MARKER.findall(line)]
        allowed = set().union(*(cited_numbers(by_n[n]) for n in ns if n in by_n))
        if any(n not in by_n for n in ns):
            dropped.append(line)
            continue
        if line.lstrip().startswith("|") or not line.strip():
            if all(v in allowed for v in answer_numbers(line)) and not carries_instruction(line):
                kept_lines.append(line)
            else:
                dropped.append(line)
            continue
        prefix = _ENUMERATOR.match(line)
        body = line[prefix.end():] if prefix else line
        sentences = [s for group in answer_lines(body) for s in group]
        if (not sentences or line.lstrip().startswith("#")) and not carries_instruction(line):
            kept_lines.append(line)  # a heading or a label
            continue
        good = [s for s in sentences
                if all(v in allowed for v in answer_numbers(s)) and not carries_instruction(s)]
        dropped += [s for s in sentences if s not in good]
        if good:
            kept = " ".join(good) if len(good) < len(sentences) else body
            kept_lines.append((prefix.group() if prefix else "") + kept)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept_lines + lines[end:])).strip()
    if not _MARKER.search(text):
        return Draft(
            "The documents do not cover this question (no statement could be checked against "
            "the cited passages).",
            CitationList(),
            abstained=True,
            extras={**draft.extras, "unverified": dropped, "declined_by": "unverified"},
        )
    extras = {**draft.extras, "unverified": dropped} if dropped else draft.extras
    return replace(draft, text=text, extras=extras)
