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
from assistant.cities import cities_as_their_country, cities_named
from assistant.countries import (
    canonical,
    find_groups,
    lower_case_countries,
    named_countries,
)
from assistant.country_codes import codes_asked, named_for_codes
from assistant.country_data import country_of_code
from assistant.cues import (
    aspect_cues,
    mentions_any,
    without_cues,
    without_premise,
    without_remark,
)
from assistant.errors import QuestionError
from assistant.follow_up import carried_mode, own_words, resolve_follow_up
from assistant.instructions import carries_instruction
from assistant.knowledge import find_indices, index_info, scores_cities
from assistant.measures import SUPERLATIVES, extreme_end, measure_terms, unit_asked
from assistant.mode_asked import mode_asked, modes_named
from assistant.named_works import publication_words, unknown_index_title, unknown_index_words
from assistant.ordinal import Ordinal, ordinal_asked
from assistant.question_names import (
    codes_printed,
    date_asked,
    described_countries,
    follow_up_years,
    language_countries,
    premise_countries,
    programme_part,
    proper_names,
    role_asked,
    years_asked,
)
from assistant.text import and_joined, terms
from assistant.types import Answer
from assistant.value_types import relations_asked, types_asked
from assistant.vocabulary import matches_vocabulary, topic_terms, vocabulary
from assistant.wording import (
    full_years,
    read_shorthand,
    without_asker_context,
    without_chatter,
    without_circumstances,
)

MAX_QUESTION_CHARS = 2000

# "what's PAYE?" asks what PAYE is: the contraction hides the asking words.
_CONTRACTION = re.compile(r"\b(what|who|where|which|how|when|why|that|there)['’]s\b", re.IGNORECASE)
# A year or a period in brackets: "Gartner (2017)", "Full-Fledged Implementation (2003 ~ 2007)".
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]{1,7}\b")
_SIZES = vocabulary()["size_superlatives"]
_SUPERLATIVE = re.compile(
    rf"\b({'|'.join(SUPERLATIVES)})\b|\b({'|'.join([*_SIZES['high'], *_SIZES['low']])})\s+"
    rf"(?:[\w-]+\s+)?(?={'|'.join(_SIZES['quantities'])})", re.IGNORECASE)
# A question about an actor (a country, a group, "countries", "we") rather than a thing.
_ACTOR = re.compile(
    r"\b(countr(y|ies)|nations?|states|governments|member states|we|our)\b", re.IGNORECASE
)
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
    # words naming a publication asked about ("the world happiness report"): one no passage
    # prints says the documents do not hold it
    publication_words: tuple[str, ...] = ()
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
    # "which named person should I write to?": a unit naming someone answers
    # (data/answers.json "person_asked")
    person: bool = False
    # "the URL of his page", "by what date", "which organisation": the types of value asked
    # (data/answers.json "types_asked"), each of which a unit must state
    types: tuple[str, ...] = ()
    # "who founded X", "how is X funded", "where is X headquartered", "who leads X": what is
    # asked of a body, which a unit must say, not only name the body (data/answers.json
    # "relations_asked")
    relations: tuple[str, ...] = ()
    # "what year did X pass it?", "when will it take place?": a unit stating a year or a
    # month answers (data/answers.json "date_asked")
    date_asked: bool = False
    # terms printed glued to a digit ("5G", "4IR", "IPv6"): a passage not printing one is
    # about something else, though the split words it shares ("g", "ir") say nothing
    codes: tuple[str, ...] = ()

    def with_countries(self, countries: Sequence[str]) -> Question:
        merged = tuple(dict.fromkeys([*self.countries, *countries]))
        return replace(self, countries=merged)


def within_limits(asked: str) -> str:
    """The question with its spaces tidied, or a QuestionError when it is empty or over
    MAX_QUESTION_CHARS: checked before any word is read (a spelling check over a run of
    2,000 letters takes seconds)."""
    asked = " ".join((asked or "").split())
    if not asked:
        raise QuestionError("the question is empty; ask about the indexed documents")
    if len(asked) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"the question has {len(asked)} characters, over the {MAX_QUESTION_CHARS} limit"
        )
    return asked


def parse_question(asked: str, history: Sequence[Answer] = (),
                   spelled_out: Collection[str] = ()) -> Question:
    """The question read; ``spelled_out``: the abbreviations the documents spell out, which
    are not read as country codes ("BFA")."""
    asked = within_limits(asked)
    # A follow-up is read without the chatter around it ("and their cities? cheers") or the
    # asker's circumstances before it ("as I'm new here, and Egypt?"): its
    # words would be read as what the follow-up asks about, and it would not look short. A
    # question that is none keeps its words: a phrase about the asker is read whole later
    # ("a minister keeps asking me"), and "short brief pls" asks for a brief.
    plain = without_chatter(without_circumstances(asked))
    if modes_named(plain) != modes_named(asked):
        plain = asked  # "... short brief pls", "a short brief on it for our ambassador"
    resolved = resolve_follow_up(plain, history, spelled_out)
    own = own_words(plain, resolved)
    own = _as_read(own) if own else None
    # The turn before carried in keeps its capitals: a country the asker typed in lower
    # case ("turkey or that country") is read from their own words.
    typed_small = lower_case_countries(plain) if resolved != plain else []
    typed = _as_read(asked if resolved == plain else resolved)
    # Who asks and why ("my minister wants to know") is not what the question is about:
    # those words neither steer the evidence nor name an aspect; a mode or a count asked
    # for ("three talking points for my minister") is still read from all the words.
    text = without_asker_context(typed)
    lower = text.lower()
    coded = codes_asked(text, spelled_out)
    named = tuple(dict.fromkeys([*named_countries(text), *typed_small, *coded]))
    # "the french page" names a language, "the Moldovan methodology" whose document.
    language = language_countries(text, named)
    described = described_countries(text, [c for c in named if c not in language])
    countries = tuple(c for c in named if c not in described and c not in language)
    premise = premise_countries(text, countries)
    countries = tuple(c for c in countries if c not in premise)
    if countries and resolved != plain and resolved.startswith(f"{plain} ("):
        # A follow-up naming only an index ("its egdi?" after a question on Kenya) asks
        # that country's figure: the turn before says whose, not what else to look for.
        own_read = _as_read(plain)
        if answer_kind.names_only(topic_terms(own_read, named), _scored_indices(own_read)):
            text = f"{own_read} ({and_joined(countries)})"
            lower = text.lower()
    # "What is the fourth level?" asks for an item of a list: no term, no figure; "what
    # activities reach the first stage?" asks for a list.
    ordinal = ordinal_asked(text)
    # Not by the French plural alone: "quels indicateurs ... au niveau 3" asks for what
    # the third level's own text lists.
    if ordinal and answer_kind.kind(text, defined_term(text), countries,
                                    other_languages=False) == "list":
        ordinal = None
    defined = None if ordinal else defined_term(text)
    actor = bool(countries or find_groups(text) or _ACTOR.search(text))
    asked_lower = without_premise(text).lower()
    aspects = tuple(
        a for a in vocabulary()["aspects"] if mentions_any(aspect_cues(a, actor), asked_lower)
    )
    extreme = _SUPERLATIVE.search(text)
    # A follow-up asking a question of its own asks its own kind of answer: the turn before
    # in brackets only says whom it points at.
    kind = "general" if ordinal else (
        answer_kind.kind(own, defined_term(own), countries) if own
        else answer_kind.kind(text, defined, countries))
    topic = tuple(dict.fromkeys([
        # The words that named an aspect ("holding ... back") give way to its query.
        *(t for t in topic_terms(_without_decades(_without_letters_asked(
            without_cues(text, aspects, actor))), named)
          if kind != "definition" or t not in _DEFINING),
        *(t for a in aspects for t in terms(vocabulary()["aspects"][a]["query"])),
    ]))
    # An index named only in a statement after the question ("... the report compares it
    # with LOSI") is what the asker knows; the question asks the index it names itself.
    indices = _scored_indices(without_remark(text)) or _scored_indices(text)
    # A city an index of cities scores is named as a country is ("LOSI for mombasa?").
    city_words = {t for city, _ in cities_named(text) for t in terms(city)
                  } if scores_cities(indices) and not countries else set()
    if kind == "general" and (countries or city_words) and answer_kind.names_only(
            [t for t in topic if t not in city_words], indices):
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
    ], text) + programme_part(text)
    return Question(
        # "BGD gig economy": the country by the name the documents' prose and MiniLM know.
        # Not a figure asked by code ("what does the states index give for BEL?"): a table
        # keyed by codes is where it is looked up, and the row is found by its tag.
        text=text if kind == "figure" else named_for_codes(text, spelled_out),
        asked=asked,
        countries=countries,
        groups=tuple(find_groups(text)),
        years=follow_up_years(_as_read(plain), text) if resolved != plain else years_asked(text),
        acronyms=tuple(dict.fromkeys(a for a in _ACRONYM.findall(text)
                                     if not canonical(a) and country_of_code(a) not in coded)),
        indices=indices,
        names=proper_names(text, figure=kind == "figure"),
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
        asks_country=not countries and matches_vocabulary(text, "country_asked"),
        across=not countries and matches_vocabulary(text, "countries_asked"),
        role=role_asked(text),
        index_words=unknown_index_words(text),
        index_title=unknown_index_title(text),
        publication_words=publication_words(text),
        ordinal=ordinal,
        source=matches_vocabulary(_without_source_named(text) if kind == "list" else text,
                                  "source_asked"),
        place=matches_vocabulary(text, "place_asked", "asked"),
        date_asked=date_asked(text),
        types=types_asked(text),
        relations=relations_asked(text),
        person=matches_vocabulary(text, "person_asked", "asked"),
        codes=codes_printed(text),
        attendance=all(mentions_any(cues, lower) for key, cues in
                       vocabulary()["attendance_asked"].items() if not key.startswith("_")),
    )


# "who is the project manager", "who was the polling company for Turkey", "who are the
# implementing partners of X": the role, up to where it is placed; not "who is on the team".
# Two or more capitalised words in a row: a name ("Sustainable Development Goals").
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+|the\s+|and\s+)?[A-Z][\w'’-]*)+")


def synonym_groups(topic: Sequence[str], text: str = "") -> tuple[tuple[str, ...], ...]:
    """The synonym groups (data/answers.json "synonyms") of a topic's terms: "recommend"
    also finds "Suggestions"; any one term of a group is enough. A word joined to another
    in the group ("follow-up") names it only joined so in ``text``: "what approach does it
    follow" asks of no next step."""
    asked = set(topic)
    lower = text.lower()
    return tuple(group for group, single, joined in _synonym_terms()
                 if not single.isdisjoint(asked) or any(j in lower for j in joined))


@cache
def _synonym_terms() -> tuple[tuple[tuple[str, ...], frozenset[str], tuple[str, ...]], ...]:
    """Each synonym group's terms, in order; the terms of its single words, as a set; and its
    words joined to others ("follow-up"), lower case (read once, not per question)."""
    out = []
    for words_ in vocabulary()["synonyms"]:
        group = tuple(dict.fromkeys(t for w in words_ for t in terms(w)))
        single = frozenset(t for w in words_ if not re.search(r"[\s-]", w) for t in terms(w))
        joined = tuple(w.lower() for w in words_ if re.search(r"[\s-]", w))
        out.append((group, single, joined))
    return tuple(out)


# What is cited or taken from a source the question names ("list the aspects the slides
# cite from IDABC"): of a list asked, the source says which list, it is not what is asked
# ("which definition is adapted from the OECD?" is answered by its reference line).
_SOURCE_NAMED = re.compile(
    r"\b(?:cit(?:e|es|ed|ing)|taken|drawn|adapted|quoted|borrowed|derived|excerpted)\s+from"
    r"\s+(?:the\s+|an?\s+)?[A-Z0-9][\w.-]*")


def _without_source_named(text: str) -> str:
    """The question without the source it names as where something was cited from."""
    return _SOURCE_NAMED.sub(" ", text)


def names_an_aspect(question: Question, heading: str) -> bool:
    """Whether a heading names an aspect the question asks about ("Challenges")."""
    cues = [c for a in question.aspects for c in aspect_cues(a)]
    return mentions_any(cues, heading.lower())


def _scored_indices(text: str) -> tuple[str, ...]:
    """The indices a text names, not surveys (which score nothing themselves)."""
    return tuple(i for i in find_indices(text) if index_info(i).kind != "survey")


def _as_read(text: str) -> str:
    """Users' typing read in the documents' words: shorthand ("ppl"), years ("'19"), a city
    named for its country ("stockholm's country": sweden's) and contractions ("what's":
    "what is")."""
    return _CONTRACTION.sub(r"\1 is", cities_as_their_country(full_years(read_shorthand(text))))


# "the late 80s", "the 1990s", "mid-2000s": a decade the documents print as its years
# ("1987 ~ 2002"), never in those words.
_DECADE = re.compile(r"\b(?:(?:early|mid|late)[\s-]+)?'?(?:19|20)?\d0s\b", re.IGNORECASE)


def _without_decades(text: str) -> str:
    """Without the decades named, which no passage prints as such: the words of the
    question's topic are looked for in the passages."""
    return _DECADE.sub(" ", text)


def _without_letters_asked(text: str) -> str:
    """Without the words asking what an abbreviation's letters stand for ("spell out the
    letters of SMART", "the M is short for which word"), which its expansion never prints:
    the abbreviation is what is asked about (data/answers.json "letters_asked")."""
    if not _ACRONYM.search(text):
        return text
    for pattern in vocabulary()["letters_asked"]["patterns"]:
        text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
    return text


def asks_fields(text: str) -> bool:
    """Whether a question asks what a table records ("What information does the report
    collect for each stakeholder?", data/answers.json "fields_asked"): its header names it."""
    asked = vocabulary()["fields_asked"]
    nouns, verbs = "|".join(asked["nouns"]), "|".join(asked["verbs"])
    return re.search(rf"\b(?:what|which)\s+(?:(?:kinds?|types?)\s+of\s+)?(?:{nouns})\b"
                     rf"[^?]*?\b(?:{verbs})", text, re.IGNORECASE) is not None
