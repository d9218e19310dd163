"""The sentences around a quote that go with it: the sentence after the best one when it
goes on with it (``with_elaboration``), the sentence before it when the best one only adds
to that one (``with_antecedent``). Split from compose.py, which chooses the quotes."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.evidence import Evidence, announces, following, units
from assistant.text import terms
from assistant.understand import Question
from assistant.vocabulary import vocabulary

# A whole sentence, ended as sentences are.
WHOLE_SENTENCE = re.compile(r"^[\"“‘(]?[A-Z0-9].*[.!?][\"”’)]?$", re.DOTALL)
# How a sentence opens when it goes on with the one before (data/answers.json).
_CONTINUES = re.compile(r"^\W*(?:" + "|".join(vocabulary()["continuing_openers"]) + r")\b",
                        re.IGNORECASE)


def with_elaboration(blocks: list[list[Evidence]], question: Question) -> list[list[Evidence]]:
    """The best quote's block, sentences of one passage, with the sentence printed after its
    last joined to that one as one quote, when that sentence goes on with it ("Instead,
    ...", "These are experts ...") or names a word of the question ("Data are collected by
    a research team ..." / "There is no burden on Member States."): what a passage says
    first it explains or qualifies next, in words that seldom repeat the question's, so the
    selection ranks it low. Not a sentence announcing a list (a lead-in without its items)
    nor a line without a sentence's ending (a heading, a fragment)."""
    if not blocks or any(u.kind != "sentence" or u.chunk.id != blocks[0][0].chunk.id
                         for u in blocks[0]):
        return blocks
    last = blocks[0][-1]
    nxt = following(last)
    if (nxt is None or nxt.kind != "sentence" or announces(nxt)
            or not WHOLE_SENTENCE.match(nxt.text.strip())
            or any(nxt in block for block in blocks)):
        return blocks
    # A question word the block names already counts too: the sentence goes on about it.
    own = {t[:5] for t in terms(nxt.text)}
    if not (_CONTINUES.match(nxt.text) or any(t[:5] in own for t in question.topic)):
        return blocks
    # One quote, one citation: the pair says one thing, and its second half cited apart
    # would be a citation backing no fact of its own.
    return [[*blocks[0][:-1], replace(last, text=f"{last.text} {nxt.text}")], *blocks[1:]]


# How a sentence opens when it adds to the one before it (data/answers.json).
_ADDS = re.compile(r"^\W*(?:" + "|".join(vocabulary()["adding_openers"]) + r")\b",
                   re.IGNORECASE)


def with_antecedent(blocks: list[list[Evidence]], question: Question
                    ) -> list[list[Evidence]]:
    """The best quote's block opened by the sentence printed before it when the block's
    first sentence only adds to that one ("There is also a respective data dictionary for
    each institution." after "... Turkey's ... National Data Dictionary ...") and that one
    names a word of the question the block does not ("national"): what it adds to, and
    often the fact asked, is named there. An added point complete in itself ("Moreover,
    an E-Government Training Center is available ...") comes alone."""
    if not blocks or blocks[0][0].kind != "sentence" or not _ADDS.match(blocks[0][0].text):
        return blocks
    first = blocks[0][0]
    around = units(first.chunk)
    at = around.index(first) if first in around else 0
    before = around[at - 1] if at else None
    if (before is None or before.kind != "sentence" or announces(before)
            or not WHOLE_SENTENCE.match(before.text.strip())
            or any(before in block for block in blocks)):
        return blocks
    said = {t[:5] for u in blocks[0] for t in terms(u.text)}
    named = {t[:5] for t in terms(before.text)}
    if not any(t[:5] in named and t[:5] not in said for t in question.topic):
        return blocks
    return [[before, *blocks[0]], *blocks[1:]]


def without_repeats(blocks: list[list[Evidence]]) -> list[list[Evidence]]:
    """The blocks less any after the first whose every sentence is quoted already: a
    passage printed twice (a summary page and its chapter), one copy brought as the
    sentence after the best quote, the other as a close second's, says it twice and cites
    two pages for one fact."""
    kept: list[list[Evidence]] = []
    for block in blocks:
        said = " ".join(u.text for b in kept for u in b)
        if kept and all(u.kind == "sentence" and u.text in said for u in block):
            continue
        kept.append(block)
    return kept
