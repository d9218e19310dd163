"""What a figure question measures, and in what unit: "how many proficiency levels" counts
levels, "how much, in euros" asks for euros, "Kenya's score" measures a score. The evidence
stage admits a figure only of that measure, shown in that unit.
"""

from __future__ import annotations

import re

from assistant.countries import find_countries
from assistant.knowledge import find_indices
from assistant.text import STOPWORDS, terms
from assistant.vocabulary import ASKING_TERMS, vocabulary

_MEASURE = re.compile(
    r"\b(?:how many|how much|number of|share of|percentage of|amount of)\s+"
    r"(?:(?:is|are|was|were|will|would)\s+)?(?:the\s+|a\s+|an\s+)?"
    r"([a-z-]+(?:\s+[a-z-]+)?)"
    r"|\b(score|rank|ranking|budget|population|rate|cost|percentage|share|gdp)\b",
    re.IGNORECASE,
)


def unit_asked(text: str) -> str | None:
    """The unit a figure is asked in: "how much, in euros" -> euro."""
    for name, spec in vocabulary()["units"].items():
        if name.startswith("_"):
            continue
        if any(re.search(rf"(?<!\w){pattern}", text, re.IGNORECASE) for pattern in spec["asked"]):
            return str(name)
    return None


def shows_unit(unit: str, where: str) -> bool:
    """Whether a passage shows a figure's unit ("€", "(billions)")."""
    return any(mark in where.lower() for mark in vocabulary()["units"][unit]["shown"])


def measure_terms(text: str) -> tuple[str, ...]:
    """The stemmed words of what a figure question counts or measures: "how many
    proficiency levels" -> (profici, level); "Kenya's score" -> (score,)."""
    found: list[str] = []
    counted: list[str] = []  # plural nouns after "how many": counted, asking words or not
    not_measures = set(vocabulary()["not_measures"]["words"])
    for match in _MEASURE.finditer(text):
        words = (match.group(1) or match.group(2)).lower().split()
        if words[0] in not_measures:
            # "how many gave it top marks", "how many people use it": what is counted is
            # unsaid (users, respondents), so any count may answer
            continue
        if len(words) > 1 and words[1] in not_measures:
            words = words[:1]  # "how many users use it": users
        found += [t for t in terms(" ".join(words)) if t not in STOPWORDS]
        if match.group(1):
            counted += [t for w in words if w.endswith("s") for t in terms(w)]
    # "how much did Egypt spend": the country is the subject, not the measure.
    subject = {t for c in find_countries(text) for t in terms(c)}
    return tuple(dict.fromkeys(
        t for t in found if t not in subject and (t not in ASKING_TERMS or t in counted)))


# "egypt's cybersecurity index", "the world press freedom index": the words just before
# "index", back to a stopword or a possessive.
_INDEX_NAMED = re.compile(r"((?:[A-Za-z][\w-]*\s+){1,4})ind(?:ex|ices)\b", re.IGNORECASE)


def unknown_index_words(text: str) -> tuple[str, ...]:
    """The stemmed words naming an index that data/indices.json does not know: "egypt's
    cybersecurity index" -> (cybersecur,). A passage that does not name them cannot give
    that index's figures, however close its words ("Global Rank" of another index)."""
    countries = {t for c in find_countries(text) for t in terms(c)}
    found: list[str] = []
    for match in _INDEX_NAMED.finditer(text):
        if find_indices(match.group(0)):
            continue  # a known index, which the evidence stage checks by its names
        words: list[str] = []
        for word in reversed(match.group(1).split()):
            stems = terms(word)
            if not stems or any(t in STOPWORDS or t in countries or t.isdigit() for t in stems):
                break
            words = stems + words
        found += words
    return tuple(dict.fromkeys(found))
