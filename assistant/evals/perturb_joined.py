"""Two single-turn questions asked in one breath, for the perturbation eval
(``assistant.evals.perturb``):

- ``joined``: two answerable questions joined with " and also ";
- ``joined-owner``: a question naming one country, then ", and" another question on the
  same country that names it as an owner ("Egypt's EGDI"), with "its" in its place:
  "what challenges did Egypt present, and what is its EGDI?". Users ask so; the second
  part is only answerable through the first.

Both are scored on the two items' facts.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from assistant.evals.items import GoldenItem

JOINED = "joined"
JOINED_OWNER = "joined-owner"
# An owner's possessive after a country's name: "Egypt's", "Egypt’s".
_OWNER = re.compile(r"['’]s\b")


def bare(question: str) -> str:
    """The question without its final question marks and spaces."""
    return question.rstrip().rstrip("?").rstrip()


def joined(first: str, second: str) -> str:
    return f"{bare(first)} and also {second}"


def _single(items: Sequence[GoldenItem]) -> list[GoldenItem]:
    """Single-turn answerable questions of the answer mode, without a country filter (which
    would hold for one of two only)."""
    return [i for i in items if i.answerable and not i.history and i.mode == "answer"
            and not i.countries]


def pairs(items: Sequence[GoldenItem], seed: int) -> list[tuple[GoldenItem, GoldenItem]]:
    """Each single-turn question paired with the next one of a seeded shuffle."""
    pool = _single(items)
    random.Random(seed).shuffle(pool)
    return [(pool[k], pool[k + 1]) for k in range(0, len(pool) - 1, 2)]


def _one_country(question: str) -> tuple[str, int, int] | None:
    """The one country a question names, where its only mention stands."""
    from assistant.countries import mentions

    found = list(mentions(question))
    if len(found) != 1:
        return None
    start, end, name = found[0]
    return name, start, end


def owned(question: str) -> tuple[str, str] | None:
    """The one country a question names as an owner ("what is Egypt's EGDI?"), and the
    question with "its" in its place ("what is its EGDI?"); None otherwise."""
    one = _one_country(question)
    if one is None:
        return None
    name, start, end = one
    owner = _OWNER.match(question, end)
    if owner is None:
        return None
    article = re.search(r"(?i)\bthe\s+$", question[:start])  # "the Philippines's"
    start = article.start() if article else start
    return name, f"{question[:start]}its{question[owner.end():]}"


def owner_pairs(items: Sequence[GoldenItem], seed: int
                ) -> list[tuple[GoldenItem, GoldenItem, str]]:
    """Pairs of single-turn questions on the same one country, the second naming it as an
    owner, asked as one: "<first>, and <second with its>". Each question is in one pair at
    most; the order of a seeded shuffle."""
    pool = _single(items)
    random.Random(seed).shuffle(pool)
    used: set[str] = set()
    out = []
    for second in pool:
        pointed = owned(second.question)
        if pointed is None or second.id in used:
            continue
        name, question = pointed
        first = next((i for i in pool if i.id not in used and i.id != second.id
                      and (_one_country(i.question) or ("",))[0] == name), None)
        if first is None:
            continue
        used |= {first.id, second.id}
        out.append((first, second, f"{bare(first.question)}, and {question[:1].lower()}"
                                   f"{question[1:]}"))
    return out
