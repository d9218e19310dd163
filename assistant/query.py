"""Understanding a question: its countries, years, index names, intent, content terms,
instruction-like text, and how a follow-up ("and Egypt?") reads in full."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.countries import COUNTRIES, canonical, find_countries, find_groups
from assistant.errors import QuestionError
from assistant.types import Answer

MAX_QUESTION_CHARS = 2000

# Words that carry no topic: question words, auxiliaries, and generic verbs of asking.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would
    you your yours tell give list describe explain show name please country countries
    did does according documents document corpus say said mention mentioned report
    reported regarding respect terms kind kinds way ways main key many much s
    common face faced faces identify identified consider considered discuss discussed
    highlight highlighted note noted raise raised happen happens happened get got like
    characterize characterizes characterise characterises overall general generally
    include included includes involve involved according stand stands define defined
    definition meaning approach receive received defines presentation among win won
    peer peers tackle tackled tackles tackling address addressed handle handled deal dealt
    cope coped overcome overcame solve solved respond responded manage managed""".split()
)

INDEX_TERMS = {
    "egdi": "EGDI",
    "e-government development index": "EGDI",
    "losi": "LOSI",
    "local online service index": "LOSI",
    "osi": "OSI",
    "online service index": "OSI",
    "local online service": "LOSI",
    "epi": "EPI",
    "e-participation index": "EPI",
}

# Section names of country presentations, and the words that ask for them.
ASPECTS = {
    "Challenges": ("challenge", "problem", "obstacle", "barrier", "difficult", "issue", "constraint"),
    "Opportunities": ("opportunit", "strength", "asset", "advantage"),
    "Required support": (
        "support", "assistance", "help", "ask for", "asked for", "request", "need", "require",
    ),
    "Strategies": ("strateg", "framework", "vision", "plan", "policy", "policies", "approach"),
}

INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,40}\b(instruction|prompt|rule|previous|above)s?\b"
    r"|\bsystem prompt\b|\byou are now\b|\bpretend (to be|you)\b|\bact as\b"
    r"|^\s*(say|write|print|output|repeat|state|claim|declare)\s+(that|the following|exactly)\b"
    r"|\b(say|claim|state)\s+that\b",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(they|them|their|it|its|this country|that country|these|those)\b", re.I)
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth "
    "1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th"
).split()
_ORDINAL = re.compile(rf"\bthe ({'|'.join(_ORDINALS)})\b(?: one| item| stage| point)?", re.I)
_MARKERS = re.compile(r"\s*\[\d+\]")
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# Hyphenated words split ("ICT-sector's" -> ict, sector) so they match either spelling.
# Letters and digits part too: "EGDI2020" is the EGDI of 2020.
_WORD = re.compile(r"[A-Za-z]+|\d+(?:[.,]\d+)*")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,7}\b")


@dataclass(frozen=True)
class Question:
    text: str  # the question as resolved (follow-ups expanded)
    asked: str  # what the user typed
    countries: tuple[str, ...]
    groups: tuple[str, ...]
    years: tuple[int, ...]
    indices: tuple[str, ...]  # EGDI, LOSI, ...
    aspects: tuple[str, ...]  # Challenges, Opportunities, Required support, Strategies
    terms: tuple[str, ...]  # stemmed content terms
    acronyms: tuple[str, ...]
    intent: str  # number | list | definition | general
    defined: str | None  # the term a definition question asks about
    instruction: bool  # text that tries to instruct the assistant


@lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - PyStemmer object
    import Stemmer

    return Stemmer.Stemmer("english")


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def content_terms(text: str) -> list[str]:
    """Stemmed words that carry meaning (stopwords dropped), in order."""
    stem = _stemmer().stemWord
    return [stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 1]


def parse_question(asked: str, history: Sequence[Answer] = ()) -> Question:
    asked = " ".join((asked or "").split())
    if not asked:
        raise QuestionError("the question is empty; ask about the indexed documents")
    if len(asked) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"the question has {len(asked)} characters, over the {MAX_QUESTION_CHARS} limit"
        )
    text = resolve_follow_up(asked, history)
    lower = text.lower()
    countries = find_countries(text)
    groups = find_groups(text)
    indices = tuple(dict.fromkeys(v for k, v in INDEX_TERMS.items() if re.search(rf"\b{k}\b", lower)))
    aspects = tuple(a for a, cues in ASPECTS.items() if any(c in lower for c in cues))
    return Question(
        text=text,
        asked=asked,
        countries=tuple(countries),
        groups=tuple(groups),
        years=tuple(int(y) for y in dict.fromkeys(_YEAR.findall(text))),
        indices=indices,
        aspects=aspects,
        terms=tuple(dict.fromkeys(content_terms(text))),
        acronyms=tuple(dict.fromkeys(a for a in _ACRONYM.findall(text) if a not in {"I", "A"})),
        intent=_intent(lower, indices, aspects, _defined_term(text), countries),
        defined=_defined_term(text),
        instruction=bool(INSTRUCTION.search(asked)),
    )


def _intent(
    lower: str,
    indices: tuple[str, ...],
    aspects: tuple[str, ...],
    defined: str | None,
    countries: Sequence[str],
) -> str:
    if re.search(r"\bstand(s)? for\b|\bdefin|\bmeaning of\b", lower) or (
        defined and not countries and not re.search(r"\b(score|rank|\d)", defined.lower())
    ):
        return "definition"
    if indices or re.search(
        r"\b(score|rank|ranked|ranking|how many|how much|percent|%|average|number of|"
        r"population|share|rate|budget|cost|gdp|total)\b",
        lower,
    ):
        return "number"
    if aspects or re.search(r"\b(list|which|what (were|are) the|steps|stages|criteria|aspects|areas|pillars|topics)\b", lower):
        return "list"
    return "general"


def _defined_term(text: str) -> str | None:
    """'What is the D-8?' -> 'D-8'; 'What does NIX stand for?' -> 'NIX'."""
    match = re.search(
        r"\bwhat is (?:an? |the )?(.+?)(?:\?| and |,|$)|\bwhat does (.+?) stand for|\bdefine (.+?)\??$",
        text,
        re.IGNORECASE,
    )
    if not match:
        return None
    term = next(g for g in match.groups() if g).strip(" ?.")
    return term if 0 < len(term.split()) <= 5 else None


def resolve_follow_up(asked: str, history: Sequence[Answer]) -> str:
    """Read a short follow-up against the previous turn.

    "And Egypt?" after "What is Indonesia's EGDI score?" -> "What is Egypt's EGDI score?";
    "What support did they ask for?" after a question on Nigeria -> adds "(Nigeria)".
    """
    if not history:
        return asked
    previous = history[-1].question
    new_countries = find_countries(asked)
    old_countries = find_countries(previous)
    rest = set(content_terms(asked)) - _country_terms(new_countries) - {"and", "about"}
    if new_countries and not rest:
        if old_countries:
            resolved = previous
            for old in old_countries:
                resolved = _replace_country(resolved, old, " and ".join(new_countries))
            return resolved
        return f"{previous} ({', '.join(new_countries)})"
    ordinal = _ORDINAL.search(asked)
    if ordinal and not new_countries:
        items = [ln[2:] for ln in history[-1].answer.splitlines() if ln.startswith("- ")]
        position = _ORDINALS.index(ordinal.group(1).lower()) % 10
        if position < len(items):
            # "the third one" after a list: the third item of the previous answer
            item = _MARKERS.sub("", items[position])
            return f"{asked} ({item})"
    if not new_countries and old_countries and _PRONOUN.search(asked):
        return f"{asked} ({', '.join(old_countries)})"
    return asked


def _country_terms(names: Sequence[str]) -> set[str]:
    terms: set[str] = set()
    for country in COUNTRIES:
        if country.name in names:
            for name in (country.name, *country.variants, *country.demonyms):
                terms.update(content_terms(name))
    return terms


def _replace_country(text: str, country: str, replacement: str) -> str:
    """Replace every mention of a country (any variant or demonym) with another name."""
    out = []
    for token in re.split(r"(\W+)", text):
        base = re.sub(r"['’]s$", "", token)
        if base and canonical(base) == country:
            token = replacement + token[len(base):]
        out.append(token)
    joined = "".join(out)
    # Multi-word variants ("Islamic Republic of Iran") are not single tokens.
    if country in find_countries(joined):
        joined = re.sub(re.escape(country), replacement, joined)
    return joined
