"""Understand a question: the first stage of answering (question text -> ``Question``).

It finds what the words name (countries, groups, years, abbreviations, aspects such as
challenges), what kind of answer they ask for (a figure, a list, a definition: read by
``answer_kind``), which mode (a brief, prompts, a comparison) and how many items, and
reads a follow-up ("and Egypt?") against the previous turn. It never decides whether the
corpus can answer: that is the evidence's job (``select``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from functools import cache

from assistant import answer_kind
from assistant.answer_kind import count_asked, defined_term
from assistant.countries import (
    canonical,
    find_countries,
    find_groups,
    misspelt_countries,
    named_countries,
)
from assistant.country_codes import codes_asked
from assistant.country_data import COUNTRIES, GROUP_VARIANTS, country_of_code
from assistant.cues import aspect_cues, mentions_any, without_cues
from assistant.errors import QuestionError
from assistant.follow_up import carried_mode, resolve_follow_up
from assistant.instructions import carries_instruction
from assistant.knowledge import find_indices, index_info
from assistant.measures import (
    SUPERLATIVES,
    extreme_end,
    measure_terms,
    unit_asked,
    unknown_index_title,
    unknown_index_words,
)
from assistant.ordinal import Ordinal, ordinal_asked
from assistant.text import STOPWORDS, YEAR, terms
from assistant.types import Answer
from assistant.vocabulary import QUESTION_WORDS, topic_terms, vocabulary
from assistant.wording import full_years, read_shorthand, without_asker_context, without_chatter

MAX_QUESTION_CHARS = 2000

# "what's PAYE?" asks what PAYE is: the contraction hides the asking words.
_CONTRACTION = re.compile(r"\b(what|who|where|which|how|when|why|that|there)['’]s\b", re.IGNORECASE)
# A year or a period in brackets: "Gartner (2017)", "Full-Fledged Implementation (2003 ~ 2007)".
_PAREN_YEAR = re.compile(r"\s*\((?:19[5-9]\d|20\d\d)(?:\s*[~–—-]\s*(?:19[5-9]\d|20\d\d))?\)")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,7}\b")
_SIZES = vocabulary()["size_superlatives"]
_SUPERLATIVE = re.compile(
    rf"\b({'|'.join(SUPERLATIVES)})\b|\b({'|'.join([*_SIZES['high'], *_SIZES['low']])})\s+"
    rf"(?:[\w-]+\s+)?(?={'|'.join(_SIZES['quantities'])})", re.IGNORECASE)
# A question about an actor (a country, a group, "countries", "we") rather than a thing.
_ACTOR = re.compile(
    r"\b(countr(y|ies)|nations?|states|governments|member states|we|our)\b", re.IGNORECASE
)
# "comparing each member's portal with its city, which pair lags most?": one answer, the
# extreme of the group, not a table of its members.
_ONE_EXTREME = re.compile(r"\b(?:which|who)\b(?:\s+[\w'’-]+){0,8}?\s+(?:\w{3,}est|most|least)\b",
                          re.IGNORECASE)
# In a definition question, the words that ask for the meaning name no topic.
_DEFINING = frozenset(terms(
    "define defines definition mean means meant meaning stand stands counts qualifies"))
@dataclass(frozen=True)
class Question:
    text: str  # as resolved (follow-ups expanded)
    asked: str  # as typed
    countries: tuple[str, ...]
    groups: tuple[str, ...]
    years: tuple[int, ...]
    acronyms: tuple[str, ...]  # abbreviations the question names (EGDI, OSS)
    indices: tuple[str, ...]  # indices it names (ids of data/indices.json; not surveys)
    names: tuple[str, ...]  # other proper names (a city, a programme): a figure is about them
    measure: tuple[str, ...]  # what a figure counts or measures ("levels" in "how many levels")
    aspects: tuple[str, ...]  # Challenges, Opportunities, Required support, Strategies
    topic: tuple[str, ...]  # stemmed content terms, without country names and asking words
    kind: str  # figure | list | definition | general
    mode: str | None  # the mode the words ask for (brief, prompts, compare), if any
    count: int | None  # how many items were asked for
    defined: str | None  # the term a definition question asks about
    extreme: str | None  # "max", "min" or "both" for "highest"/"lowest"/"top and bottom"
    instruction: bool  # text that tries to instruct the assistant
    language: str = ""  # ISO 639-1 code, set only when the index holds several languages
    unit: str | None = None  # the unit a figure is asked in (euro, percent), data/answers.json
    # the query terms of each aspect asked about: synonyms, of which one is enough
    alternatives: tuple[tuple[str, ...], ...] = ()
    asks_country: bool = False  # "from which delegation?": the answer names a country
    # "which delegations named digital literacy?": the answer gathers countries, each with
    # its own passage
    across: bool = False
    # countries that only say which document ("the Moldovan methodology"): its passages need
    # not name them
    described: tuple[str, ...] = ()
    role: str | None = None  # "who is the project manager": the role the answer must name
    # words of an index named but unknown to data/indices.json ("cybersecurity index"), or
    # of a law ("digital security act")
    index_words: tuple[str, ...] = ()
    # those of them naming it as a title ("Environmental Performance Index"): each counts
    index_title: tuple[str, ...] = ()
    ordinal: Ordinal | None = None  # one item of a list asked by its place ("step 3")
    # "who attended for Egypt?": a list of participants answers (data/answers.json
    # "attendance_asked")
    attendance: bool = False
    # "where does the list of aspects come from?": a reference line answers
    # (data/answers.json "source_asked")
    source: bool = False
    # "where is the training going to be held?": a unit naming a place answers
    # (data/answers.json "place_asked")
    place: bool = False
    # "what year did X pass it?", "when will it take place?": a unit stating a year or a
    # month answers (data/answers.json "date_asked")
    date_asked: bool = False
    # terms printed glued to a digit ("5G", "4IR", "IPv6"): a passage not printing one is
    # about something else, though the split words it shares ("g", "ir") say nothing
    codes: tuple[str, ...] = ()

    def with_countries(self, countries: Sequence[str]) -> Question:
        merged = tuple(dict.fromkeys([*self.countries, *countries]))
        return replace(self, countries=merged)


def parse_question(asked: str, history: Sequence[Answer] = (),
                   spelled_out: Collection[str] = ()) -> Question:
    """The question read; ``spelled_out``: the abbreviations the documents spell out, which
    are not read as country codes ("BFA")."""
    asked = " ".join((asked or "").split())
    if not asked:
        raise QuestionError("the question is empty; ask about the indexed documents")
    if len(asked) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"the question has {len(asked)} characters, over the {MAX_QUESTION_CHARS} limit"
        )
    # A follow-up is read without the chatter around it ("and their cities? cheers"): its
    # words would be read as what the follow-up asks about, and it would not look short. A
    # question that is none keeps its words: a phrase about the asker is read whole later
    # ("a minister keeps asking me"), and "short brief pls" asks for a brief.
    plain = without_chatter(asked)
    resolved = resolve_follow_up(plain, history)
    resolved = read_shorthand(asked if resolved == plain else resolved)
    typed = _CONTRACTION.sub(r"\1 is", full_years(resolved))
    # Who asks and why ("my minister wants to know") is not what the question is about:
    # those words neither steer the evidence nor name an aspect; a mode or a count asked
    # for ("three talking points for my minister") is still read from all the words.
    text = without_asker_context(typed)
    lower = text.lower()
    coded = codes_asked(text, spelled_out)
    named = tuple(dict.fromkeys([*named_countries(text), *coded]))
    described = described_countries(text, named)
    countries = tuple(c for c in named if c not in described)
    # "What is the fourth level?" asks for an item of a list: no term, no figure; "what
    # activities reach the first stage?" asks for a list.
    ordinal = ordinal_asked(text)
    if ordinal and answer_kind.kind(text, defined_term(text), countries) == "list":
        ordinal = None
    defined = None if ordinal else defined_term(text)
    actor = bool(countries or find_groups(text) or _ACTOR.search(text))
    aspects = tuple(
        a for a in vocabulary()["aspects"] if mentions_any(aspect_cues(a, actor), lower)
    )
    extreme = _SUPERLATIVE.search(text)
    kind = "general" if ordinal else answer_kind.kind(text, defined, countries)
    topic = tuple(dict.fromkeys([
        # The words that named an aspect ("holding ... back") give way to its query.
        *(t for t in topic_terms(_without_letters_asked(without_cues(text, aspects, actor)),
                                 named)
          if kind != "definition" or t not in _DEFINING),
        *(t for a in aspects for t in terms(vocabulary()["aspects"][a]["query"])),
    ]))
    indices = tuple(i for i in find_indices(text) if index_info(i).kind != "survey")
    if kind == "general" and countries and answer_kind.names_only(topic, indices):
        kind = "figure"  # "What is Indonesia's EGDI?", "egdi of malaysia 2020": its value
    # An asking word may be what is asked ("what training did they want?": "eager to
    # receive ..."), so a synonym group is read from all the words, not the topic alone;
    # but not from the words asking for a definition ("what does X mean" asks no average),
    # nor from a word of a name ("E-Participation Index", "WJP Rule of Law Index"): a name
    # is not reworded.
    named_words = set(terms(" ".join(m.group() for m in _NAME_RUN.finditer(text))))
    outside = set(terms(_NAME_RUN.sub(" ", text)))
    synonyms = synonym_groups([
        t for t in [*topic, *(t for t in terms(text) if kind != "definition" or t not in _DEFINING)]
        if t not in named_words or t in outside
    ]) + programme_part(text)
    return Question(
        text=text,
        asked=asked,
        countries=countries,
        groups=tuple(find_groups(text)),
        years=years_asked(text),
        acronyms=tuple(dict.fromkeys(a for a in _ACRONYM.findall(text)
                                     if not canonical(a) and country_of_code(a) not in coded)),
        indices=indices,
        names=proper_names(text),
        measure=measure_terms(text),
        unit=unit_asked(text),
        aspects=aspects,
        topic=tuple(dict.fromkeys([*topic, *(t for group in synonyms for t in group)])),
        kind=kind,
        mode=(mode_asked(typed, countries, find_groups(text))
              or carried_mode(asked, history, countries)),
        count=count_asked(typed),
        defined=defined,
        extreme=extreme_end(text) if extreme else None,
        instruction=carries_instruction(asked),
        alternatives=tuple(
            tuple(terms(vocabulary()["aspects"][a]["query"])) for a in aspects
        ) + synonyms,
        described=described,
        asks_country=not countries and any(
            re.search(p, text, re.IGNORECASE) for p in vocabulary()["country_asked"]),
        across=not countries and any(
            re.search(p, text, re.IGNORECASE) for p in vocabulary()["countries_asked"]),
        role=role_asked(text),
        index_words=unknown_index_words(text),
        index_title=unknown_index_title(text),
        ordinal=ordinal,
        source=any(re.search(p, text, re.IGNORECASE) for p in vocabulary()["source_asked"]),
        place=any(re.search(p, text, re.IGNORECASE)
                  for p in vocabulary()["place_asked"]["asked"]),
        date_asked=any(re.search(p, text, re.IGNORECASE)
                       for p in vocabulary()["date_asked"]["asked"]),
        codes=codes_printed(text),
        attendance=all(mentions_any(cues, lower) for key, cues in
                       vocabulary()["attendance_asked"].items() if not key.startswith("_")),
    )


# "who is the project manager", "who was the polling company for Turkey", "who are the
# implementing partners of X": the role, up to where it is placed; not "who is on the team".
_ROLE = re.compile(
    r"^\W*who\s+(?:is|was|are|were)\s+(?:named|appointed|listed)?\s*(?:as\s+)?"
    r"(?:the\s+|an?\s+)?(?!(?:on|in|at|behind|responsible|involved|doing)\b)"
    r"(?P<role>[\w'’-]+(?:\s+[\w'’-]+){0,3}?)"
    r"(?=\s+(?:of|in|for|at|on|from|according|these|now|today|currently)\b|\s*[?,]|\s*$)",
    re.IGNORECASE,
)


def role_asked(text: str) -> str | None:
    """The role a who-question asks to be named ("project manager"), if it asks one."""
    match = _ROLE.search(text)
    return match.group("role") if match else None


def programme_part(text: str) -> tuple[tuple[str, ...], ...]:
    """The number of a programme's day or session asked ("day 2", "the second morning",
    "session one") as the words a programme may print it in ("SESSION TWO"): one group,
    any of whose words is enough (data/answers.json "ordinal_words", "programme_parts")."""
    words = vocabulary()
    cardinal = {w: n for w, n in words["number_words"].items() if " " not in w}
    ordinal = {w: n for w, n in words["ordinal_words"].items() if not w.startswith("_")}
    parts = "|".join(words["programme_parts"])
    numbers = "|".join([*cardinal, *ordinal, r"\d"])
    match = re.search(rf"\b(?:(?:{parts})s?\s+(?P<after>{numbers})|(?P<before>{numbers})"
                      rf"(?:st|nd|rd|th)?\s+(?:{parts}))\b", text, re.IGNORECASE)
    if not match:
        return ()
    said = (match.group("after") or match.group("before")).lower()
    number = int(said) if said.isdigit() else cardinal.get(said) or ordinal[said]
    return (tuple(w for table in (cardinal, ordinal) for w, n in table.items() if n == number),)


# Two or more capitalised words in a row: a name ("Sustainable Development Goals").
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w'’-]*)+")


def synonym_groups(topic: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """The synonym groups (data/answers.json "synonyms") of a topic's terms: "recommend"
    also finds "Suggestions"; any one term of a group is enough."""
    asked = set(topic)
    return tuple(group for group, members in _synonym_terms() if not members.isdisjoint(asked))


@cache
def _synonym_terms() -> tuple[tuple[tuple[str, ...], frozenset[str]], ...]:
    """Each synonym group's terms, in order and as a set (read once, not per question)."""
    groups = (tuple(dict.fromkeys(t for w in words_ for t in terms(w)))
              for words_ in vocabulary()["synonyms"])
    return tuple((group, frozenset(group)) for group in groups)


def proper_names(text: str) -> tuple[str, ...]:
    """Capitalised words past the first that are not countries, index names, abbreviations
    or asking words: "Paris" in "What is the LOSI score of Paris?"."""
    known = {w.lower() for i in find_indices(text) for t in index_info(i).terms for w in t.split()}
    # A word of a group's name is no name a figure is about ("the Developing-8 average"):
    # the documents print the group as "D-8". A whole name ("Asian") still is.
    group_names = [v for g in find_groups(text) for v in (g, *GROUP_VARIANTS[g])]
    known |= {w.lower() for v in group_names for w in re.findall(r"[^\W\d_]+", v)} - {
        v.lower() for v in group_names}
    found = set(find_countries(text))
    known |= {
        w.lower()
        for c in COUNTRIES
        if c.name in found
        for v in (c.name, *c.variants)
        for w in v.split()
    }
    names = []
    # "DigComp", "GovStack": a name written in camel case is one word.
    for match in re.finditer(r"(?<![\w'’-])([A-Z][a-z]{2,}(?:[A-Z][a-z]+)*)\b", text):
        word = match.group(1)
        if match.start() == 0 or text[: match.start()].rstrip().endswith((".", "?", "!", ":")):
            continue  # a sentence's first word is capitalised anyway
        lower = word.lower()
        if lower in STOPWORDS or lower in QUESTION_WORDS or lower in known or canonical(word):
            continue
        names.append(word)
    # A name typed in lower case is still the owner of what is asked when it takes a
    # possessive ("ankara's score"): a word that is no country, index or asking word.
    for match in re.finditer(r"(?<![\w'’-])([a-z][a-z-]{2,})['’]s\b", text):
        word = match.group(1)
        if (word in STOPWORDS or word in QUESTION_WORDS or word in known or canonical(word)
                or misspelt_countries(word)):
            continue
        if find_countries(" ".join(text[: match.start()].split()[-1:])):
            continue  # "the Egyptian capital's score": the country's, a common noun
        names.append(word)
    return tuple(dict.fromkeys(names))


def names_an_aspect(question: Question, heading: str) -> bool:
    """Whether a heading names an aspect the question asks about ("Challenges")."""
    cues = [c for a in question.aspects for c in aspect_cues(a)]
    return mentions_any(cues, heading.lower())


def _without_letters_asked(text: str) -> str:
    """Without the words asking what an abbreviation's letters stand for ("spell out the
    letters of SMART", "the M is short for which word"), which its expansion never prints:
    the abbreviation is what is asked about (data/answers.json "letters_asked")."""
    if not _ACRONYM.search(text):
        return text
    for pattern in vocabulary()["letters_asked"]["patterns"]:
        text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
    return text


def described_countries(text: str, countries: Sequence[str]) -> tuple[str, ...]:
    """Countries named only by the adjective of a document or project ("the Moldovan
    methodology", "the EU/German co-funded project", data/answers.json document_nouns):
    they say which document is meant, not what the question is about."""
    nouns = "|".join(vocabulary()["document_nouns"])
    found = []
    for country in (c for c in COUNTRIES if c.name in countries):
        by_name = any(re.search(rf"\b{re.escape(n)}\b", text, re.IGNORECASE)
                      for n in (country.name, *country.variants))
        if by_name:
            continue
        if any(re.search(rf"\b{re.escape(d)}\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})s?\b", text,
                         re.IGNORECASE) for d in country.demonyms):
            found.append(country.name)
    return tuple(found)


def asks_fields(text: str) -> bool:
    """Whether a question asks what a table records ("What information does the report
    collect for each stakeholder?", data/answers.json "fields_asked"): its header names it."""
    asked = vocabulary()["fields_asked"]
    nouns, verbs = "|".join(asked["nouns"]), "|".join(asked["verbs"])
    return re.search(rf"\b(?:what|which)\s+(?:(?:kinds?|types?)\s+of\s+)?(?:{nouns})\b"
                     rf"[^?]*?\b(?:{verbs})", text, re.IGNORECASE) is not None


@cache  # every question is read through all of them
def _mode_patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    return {m: tuple(re.compile(p, re.IGNORECASE) for p in options)
            for m, options in vocabulary()["modes"].items()}


def mode_asked(text: str, countries: Sequence[str], groups: Collection[str]) -> str | None:
    """The mode the words ask for: 'brief for Egypt' -> brief, 'compare A and B' ->
    compare (two countries or a group), '5 discussion prompts on X' -> prompts."""
    found = {m for m, options in _mode_patterns().items() if any(p.search(text) for p in options)}
    if "prompts" in found:
        return "prompts"
    if "brief" in found and len(countries) == 1:
        return "brief"
    if "compare" in found and (len(countries) >= 2 or groups and not any(
            re.search(p, text, re.IGNORECASE) for p in vocabulary()["compared_with_all"])
            and not _ONE_EXTREME.search(text)):
        return "compare"
    return None


# A term glued to a digit: "5G", "4IR", "3D" (one digit, then letters), "IPv6" (a version).
_CODE = re.compile(r"(?<![\w.,])(?:\d(?P<letters>[^\W\d_]{1,3})|[^\W\d_]{2,}v\d{1,2})(?![\w-])")


def codes_printed(text: str) -> tuple[str, ...]:
    """The terms glued to a digit that a text prints, lower-cased ("5g", "ipv6"); a unit,
    time or ordinal glued to a number ("5km", "3pm", "1st", data/answers.json
    "glued_units") is none. ``terms`` splits them ("EGDI2020" is the EGDI of 2020)."""
    units = set(vocabulary()["glued_units"])
    return tuple(dict.fromkeys(
        m.group().lower() for m in _CODE.finditer(text)
        if (m.group("letters") or "").lower() not in units))


def years_asked(text: str) -> tuple[int, ...]:
    """The years a question is about; "Joshi and Islam (2018)", "Gartner (2017)" name a
    work by its year, which asks about the work, not about a time; a title's period
    ("Full-Fledged Implementation of e-Government (2003 ~ 2007)", a phase a follow-up
    points at) is part of its name, not an edition asked about."""
    def keep(match: re.Match[str]) -> str:
        named = re.search(r"\b[A-Z][\w.-]*$", text[:match.start()])
        return "" if named else match.group()
    unnamed = _named_by_year().sub(" ", _PAREN_YEAR.sub(keep, text))
    return tuple(int(y) for y in dict.fromkeys(YEAR.findall(unnamed)))


def plan_years(text: str) -> tuple[int, ...]:
    """The years naming a plan in a question ("Vision 2045", "the 2030 Agenda")."""
    return tuple(int(y) for m in _named_by_year().finditer(text) for y in YEAR.findall(m.group()))


@cache
def _named_by_year() -> re.Pattern[str]:
    """"Vision 2045", "the 2030 Agenda": a plan named by the year it aims at, not a time."""
    nouns = "|".join(vocabulary()["named_by_year"])
    return re.compile(rf"\b(?:{nouns})\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d\s+(?:{nouns})\b",
                      re.IGNORECASE)
