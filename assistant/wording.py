"""Users' typing read before a question is understood: short forms as the documents' words
("ppl" -> "people"), and without what the asker says about themselves ("my minister is
visiting Cairo next month - ...", "for my slides") or about where to look ("according to
the presentation"), which name no topic. The phrases are data (data/answers.json
"shorthand", "asker_context", "where_to_look"); the clause rules are grammar: a first-person
clause that asks nothing, beside one that asks; and chatter before or after the question
("hi team,", "urgent -", "thanks in advance"), a clause made only of words about asking
("chatter_words": greetings, thanks, haste) and about the asker ("asker_nouns": who they
work for, what the answer is for).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from assistant.cities import cities_named
from assistant.countries import find_groups, lower_case_countries, misspelt_countries
from assistant.text import STOPWORDS, YEAR
from assistant.vocabulary import topic_terms, vocabulary


def read_shorthand(text: str) -> str:
    """Typed short forms read as the documents' words: 'how many ppl' -> 'how many people',
    'discussion qs' -> 'discussion questions' (data/answers.json "shorthand"), each in
    turn, so a form read may be read further ('dont even know' -> "don't even know" ->
    'are unaware')."""
    lowered = text.lower() if text.isascii() else None
    for short, full in _shorthand():
        # A form absent from the text cannot match: its pattern is neither compiled nor
        # run (most questions type none of them). Letters' cases are compared in ASCII
        # only, where lower() and the pattern's IGNORECASE agree.
        if lowered is not None and short.isascii() and short.lower() not in lowered:
            continue
        read = _shorthand_pattern(short).sub(full, text)
        if read != text:
            text = read
            lowered = text.lower() if text.isascii() else None
    return text


@cache
def _shorthand() -> tuple[tuple[str, str], ...]:
    return tuple((short, full) for short, full in vocabulary()["shorthand"].items()
                 if not short.startswith("_"))


@cache
def _shorthand_pattern(short: str) -> re.Pattern[str]:
    """The short form as a whole word, compiled when a text first holds it. A letter alone
    only as typed in lower case: "r u sure" is "are you sure", but "and the R?" asks about
    a letter (the R of an acronym spelt out)."""
    case = 0 if len(short) == 1 and short.isalpha() else re.IGNORECASE
    return re.compile(rf"(?<![\w'’-]){re.escape(short)}(?![\w'’-])", case)


@cache
def _asker_context() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in vocabulary()["asker_context"])


# Two years joined by a dash or "to", either typed with two digits: "87-2002", "2020-24".
_SPAN = re.compile(r"(?<![\w.])(\d{2}|(?:19|20)\d{2})(\s*(?:-|–|~|to)\s*)(\d{2}|(?:19|20)\d{2})"
                   r"(?![\w.])")


# A year typed with an apostrophe for its century: "in '22", "the ’20 survey".
_CLIPPED_YEAR = re.compile(r"(?<![\w'’])['’](\d{2})(?![\w'’]|\s*(?:-|–|~)\s*\d)")
# Clipped years up to this one are of this century, later ones of the last ("'87").
_CENTURY_PIVOT = 50


def full_years(text: str) -> str:
    """A span of years typed short, read in full: "(87-2002)" -> "(1987-2002)", "2020-24"
    -> "2020-2024" (the short one in the century that keeps the span in order); a year
    clipped by an apostrophe too: "in '22" -> "in 2022", "'87" -> "1987"."""
    def clipped(match: re.Match[str]) -> str:
        short = int(match.group(1))
        return str((2000 if short <= _CENTURY_PIVOT else 1900) + short)
    text = _CLIPPED_YEAR.sub(clipped, text)

    def whole(match: re.Match[str]) -> str:
        first, sep, last = match.groups()
        if len(first) == len(last):
            return match.group()
        if len(first) == 2:
            century = int(last[:2]) - (int(first) > int(last[2:]))
            return f"{century}{first}{sep}{last}"
        century = int(first[:2]) + (int(last) < int(first[2:]))
        return f"{first}{sep}{century}{last}"
    return _SPAN.sub(whole, text)


def without_asker_context(text: str) -> str:
    """The question without the phrases about who asks and why, or that only point at a kind
    of document (data/answers.json "asker_context", "where_to_look"): "my ministry wants to
    copy what Korea did - which phases?" -> "what Korea did - which phases?"; "... according
    to the presentation?" -> "...?". Without the clauses only when nothing else would
    remain: a clause that asks is kept whole, though its subject may be no term ("what is
    the D-8 for?")."""
    asking = kept = _without_asker_clauses(text)
    for pattern in _asker_context():
        kept = pattern.sub(" ", kept)
    for pattern in vocabulary()["where_to_look"]:
        kept = re.sub(pattern, _where_to_look_left, kept, flags=re.IGNORECASE)
    # Chatter last: a phrase about the asker is read whole first ("a minister keeps asking
    # me", not "a minister keeps").
    kept = without_chatter(" ".join(re.sub(r"\(\W*\)", " ", kept).split()))
    kept = re.sub(r"\s+([,.;:?!])", r"\1", " ".join(kept.split()))
    # "online, going by their report?", "digital ID - anything on that?"
    kept = re.sub(r"\s*[,;:–-]+\s*(?=[?!.])", "", kept)
    kept = re.sub(r"^[\s,.;:!?–-]+|(?<=[,;:–-])[\s,;:–-]+(?=[,;:–-])|[\s,;:–-]+$", "",
                  kept).strip()
    return kept if _asks_about(kept) else asking


def _where_to_look_left(match: re.Match[str]) -> str:
    """What stays of a phrase pointing at a kind of document: nothing; "in" before the
    document's own name ("... according to the guide to the Open Budget Questionnaire" ->
    "... in the Open Budget Questionnaire"); the phrase whole when the kind of document
    names a thing of its own with the word after it ("in the presentation sessions", "the
    report card"): a word in lower case that is neither a function word nor a participle."""
    after = re.match(r"[ -]([a-z]+)\b", match.string[match.end():])
    if after and after.group(1) not in STOPWORDS and not after.group(1).endswith("ed"):
        return match.group()
    return " in " if re.search(r" (?:of|on|to|about|by) ?$", match.group()) else " "


def _asks_about(text: str) -> bool:
    """Whether a question names what it is about: a topic term, or a group of countries,
    whose name is no term ("what is the D-8 actually for?")."""
    return bool(topic_terms(text) or find_groups(text))


# Clauses set apart by a dash, colon, semicolon or sentence end ("my minister is visiting X
# next month - what ...?"), and the words that make one about the asker: a first-person
# subject.
CLAUSE_BREAK = re.compile(r"\s+[-–—]\s+|[:;]\s+|(?<=[?!.])\s+")
_FIRST_PERSON = re.compile(
    r"^\W*(?:i|i'?m|we|we'?re|my|our|need|want|would like)\b"  # "need names + years"
    # the subject left out: "prepping a bilateral with X: ...", "drafting a memo - ..."
    r"|^\W*(?:prepping|preparing|getting ready|drafting|writing|working on|putting together"
    r"|trying to|hoping to|looking to)\b"
    # the asker further in: "a colleague asked me and i blanked", "to date my notes"; not
    # a clause that says what was meant ("opportunities i mean"), nor one that sets the case
    # asked in the asker's country ("tax crime probes in our country are run by ...")
    r"|\b(?:i'?m|my)\b|(?<!\bin )\bour\b|\b(?:i|we)\b(?!\s+mean)", re.IGNORECASE)
# The asker anywhere in a clause, as subject or object ("visiting us next month").
_ASKER = re.compile(r"\b(?:i|me|my|we|us|our)\b", re.IGNORECASE)
# A clause that asks: a question mark, a question word, or, its mark left off, the verb a
# yes-no question opens with ("... - did anyone talk about land records going online"), after
# a joint or not ("... over the years? and can i nominate myself as an expert").
ASKS = re.compile(r"\?|\b(?:what|which|who|whom|whose|where|when|why|how)\b"
                   r"|^\W*(?:(?:and|or|but|so|also)\s+)?"
                   r"(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would)\b",
                   re.IGNORECASE)


# A demonstrative after a preposition, pointing at something said before ("in that format").
_POINTER = re.compile(r"\b(?:in|of|on|for|with|to|by|from|into|at)\s+(?:that|this|those|these)"
                      r"\s+(?!(?:is|are|was|were|will|would|can|could|has|have|who|whom|which|that)\b)"
                      r"[a-z]{3,}\b",
                      re.IGNORECASE)


def _names_something(clause: str) -> bool:
    """Whether a clause names something past its first word ("I'm planning training for a
    GovStack rollout", "need a note on malaysia", "... in 2021"): then what it is about may
    be the topic, and only the phrases about the asker leave it."""
    return _names_in(" ".join(clause.split()[1:]))


def _names_in(words: str) -> bool:
    """Whether words name something: a year, a capitalised word, a country or a city."""
    # A year dates what it is about ("we did the open budget questionnaire in 2021"), in
    # lower case too: the edition asked.
    return YEAR.search(words) is not None or any(
        re.search(r"[A-Z]", w) and w.strip("'’") not in ("I", "I'm", "I’m")
        for w in words.split()) or bool(lower_case_countries(words) or misspelt_countries(words))


@cache
def _reported() -> re.Pattern[str]:
    """A document said to have said something ("the deck said", "the report mentions"; its
    words: data/answers.json "document_nouns", "document_kinds")."""
    words = vocabulary()
    nouns = [*words["document_nouns"], *(w for name, spec in words["document_kinds"].items()
                                         if not name.startswith("_") for w in spec["words"])]
    return re.compile(r"\b(?:the|that|this|your)\s+(?:[\w-]+\s+){0,2}?(?:"
                      + "|".join(re.escape(n) for n in nouns)
                      + r")s?\s+(?:said|says|mentioned|mentions|showed|shows|stated|states"
                      r"|noted|notes|claimed|claims|argued|argues)\b", re.IGNORECASE)


# The asker told something: "we heard (that) ...", "I read ...", "my team was told ...".
_HEARD = re.compile(r"\b(?:heard|hear|read|was told|were told|learned|learnt)\s+(?:that\s+)?"
                    r"(?!(?:about|of)\b)", re.IGNORECASE)


def _without_asker_clauses(text: str) -> str:
    """The question without a clause about the asker beside it ("i train lecturers - what
    did ...", "... - sso was one i think"): one with a first-person subject that asks
    nothing and names nothing, when a clause that asks remains."""
    text = without_circumstances(text)
    bounds = [0, *(i for m in CLAUSE_BREAK.finditer(text) for i in m.span()), len(text)]
    # "i run a session on resistance to change": what the asker's session is on is the
    # topic, once "i run a session on" is gone.
    clauses = [_topic_of_asker(text[bounds[i]:bounds[i + 1]]) for i in range(0, len(bounds), 2)]
    # "I remember the deck said the 2014 survey would look more at the demand side": what a
    # document said is what the question goes on from; only the asker's words before leave.
    reported = [c[m.start():] if (m := _reported().search(c)) and _FIRST_PERSON.search(
        c[:m.start()]) else c for c in clauses]
    # "our geodata team heard cairo is building a spatial setup": what the asker heard of
    # something named is what the question goes on from, as what a document said is; not
    # "i heard they presented", which names nothing.
    reported = [c[m.end():] if (m := _HEARD.search(c)) and _FIRST_PERSON.search(
        c[:m.start()]) and (_names_in(c[m.end():]) or cities_named(c[m.end():])) else c
        for c in reported]
    about_asker = [not ASKS.search(c) and _FIRST_PERSON.search(c) is not None
                   and not _names_something(c) for c in reported]
    if len(clauses) < 2 or not any(ASKS.search(c) for c in clauses):
        return text
    if any(_POINTER.search(c) for c, drop in zip(reported, about_asker, strict=True)
           if not drop):
        # "we work in stata in our unit - can we get the data in that format": what "that"
        # points at is in the asker's clause, which stays.
        about_asker = [False] * len(clauses)
    if not any(about_asker) or all(about_asker):
        return text if reported == clauses else " ".join(reported)
    clauses = reported
    return " ".join(c for c, drop in zip(clauses, about_asker, strict=True) if not drop)


# The first clause set apart by a comma ("ahead of a meeting next week, what ...?"), and
# what opens a clause that asks.
_CLAUSE_FIRST = re.compile(r"^([^,;:?!]+),\s+(?=\S)")
_ASKING_START = re.compile(r"(?:what|which|who|whom|whose|where|when|why|how|did|does|do|is|are"
                           r"|was|were|has|have|had|can|could|will|would)\b", re.IGNORECASE)


def without_circumstances(text: str) -> str:
    """The question without the asker's circumstances in a clause before it, set apart by a
    comma ("as I'm preparing a note for my minister, what ...?", "ahead of a meeting with
    the ambassador, which ...?"): one that speaks of the asker or opens with a word of
    circumstance (data/answers.json "circumstance_openers"), asks nothing and names nothing
    (no name, country or number: "in 2020, what ...", "for Egypt, which ..." stay); not a
    condition ("condition_openers": "if I mark it not applicable, does it count?")."""
    lead = _CLAUSE_FIRST.match(text)
    if lead is None or not _asks_about(text[lead.end():]):
        return text
    clause = lead.group(1)

    def opens(key: str) -> bool:
        return _openers(key).match(clause) is not None

    # A condition is the case asked about ("if I mark a question not applicable, ..."); a
    # first-person clause may hold it too ("my boss wants to know cairo or lagos, which
    # ...?"): only the asker's phrases may leave it.
    # A word of circumstance opens one before anything ("while putting together slides,
    # compare ..."); a first-person clause only one before a clause that asks.
    about_asker = not opens("condition_openers") and (opens("circumstance_openers") or (
        opens("occasion_openers") and _ASKER.search(clause) is not None) or (
        _ASKING_START.match(text, lead.end()) is not None
        and _FIRST_PERSON.search(clause) is not None
        and not topic_terms(_without_asker_phrases(clause))))
    names = (_names_something(clause) or re.search(r"\d", clause)
             or ASKS.search(clause))
    return text[lead.end():] if about_asker and not names else text


@cache
def _openers(key: str) -> re.Pattern[str]:
    """One pattern for a list of clause openers in the data (``without_circumstances``),
    compiled once, not once an opener a question."""
    alternatives = "|".join(re.escape(opener) for opener in vocabulary()[key])
    return re.compile(rf"\W*(?:{alternatives})\b", re.IGNORECASE)


def _without_asker_phrases(clause: str) -> str:
    """A clause without the phrases about the asker and chatter: what else it says."""
    for pattern in _asker_context():
        clause = pattern.sub(" ", clause)
    return " ".join(w for w in _words(clause) if w not in _chatter()[1])


def _topic_of_asker(clause: str) -> str:
    """What an asker phrase ending in "on", "about", "for" or "with" introduces ("i run a
    session on X": X), when it names a topic; else the clause as typed."""
    for pattern in _asker_context():
        match = pattern.search(clause)
        if match and _INTRODUCES.search(match.group()):
            rest = clause[match.end():].strip()
            if topic_terms(rest) and not _FIRST_PERSON.search(rest):
                return rest
    return clause


_INTRODUCES = re.compile(r"\b(?:on|about|for|with)$", re.IGNORECASE)


# Chatter set apart before the question ("hello! question:", "urgent -", "hi team,") or
# after it ("? cheers", " - need it for a slide", "(for a briefing note)").
_LEADING = re.compile(r"^\s*([^:;!?()–—,]+?)(?:[:;!?,]+|\s+[-–—]+)\s+(?=\S)")
# The last clause only: one after a comma may run on past a dash ("the index, and with how
# many respondents - need it for a slide").
# A clause in brackets is set apart too, typed with no mark before it ("and the worst (for a
# briefing note)").
_TRAILING = re.compile(
    r"(?:(?<=[?!.,;:])|\s+[-–—]+|\s+(?=\())\s*\(?((?:(?!\s[-–—]+\s)[^:;!?()–—,.])+?)\)?[\s!.]*$")
_WORD = re.compile(r"\w[\w'’-]*")
_POSSESSIVE_END = re.compile(r"['’]s$")
_WH = re.compile(r"\b(?:what|which|who|whom|whose|where|when|why|how)\b", re.IGNORECASE)


@cache
def _chatter() -> tuple[frozenset[str], frozenset[str]]:
    """The words of chatter (data/answers.json "chatter_words") and those words with the
    nouns about the asker ("asker_nouns")."""
    words = frozenset(vocabulary()["chatter_words"])
    return words, words | frozenset(vocabulary()["asker_nouns"])


def _words(clause: str) -> list[str]:
    return [_POSSESSIVE_END.sub("", w) for w in _WORD.findall(clause.lower())]


def _is_chatter(clause: str) -> bool:
    """Whether a clause set apart is chatter: no question word, and only words of chatter,
    about the asker and function words, one of them not a function word."""
    _, about = _chatter()
    words = _words(clause)
    return (not _WH.search(clause) and any(w in about for w in words)
            and all(w in about or w in STOPWORDS for w in words))


def _chatter_run(words: list[str]) -> int:
    """How many of ``words`` are a run of chatter: words of chatter, about the asker and
    function words, up to the first other word or question word."""
    _, about = _chatter()
    return next((i for i, w in enumerate(words)
                 if _WH.fullmatch(w) or not (w in about or w in STOPWORDS)), len(words))


# Read by understanding and by each search of the question (its language is told without
# the chatter): a text once.
@lru_cache(maxsize=4096)
def without_chatter(text: str) -> str:
    """The question without chatter before or after it, when what remains names a topic:
    a clause set apart that is chatter (``_is_chatter``), or a run of chatter words ending
    the question unpunctuated ("... slides thanks in advance")."""
    kept = text
    while (lead := _LEADING.match(kept)) and _is_chatter(lead.group(1)) and _asks_about(
            kept[lead.end():]):
        kept = kept[lead.end():]
    while (tail := _TRAILING.search(kept)) and _is_chatter(tail.group(1)) and (
            _asks_about(kept[:tail.start()]) or _bare_question(kept[:tail.start()])):
        kept = kept[:tail.start()].rstrip()
    chatter, _ = _chatter()
    words = list(_WORD.finditer(kept))
    typed = _words(kept)
    # Unpunctuated before the question: "sorry if this is obvious but how ...", "my boss
    # wants to know what ..."; a run with a word of chatter, the question word after it, or
    # a joint closing the chatter ("sorry if this is obvious but in the wrap-up ...").
    run = _chatter_run(typed)
    joints = [i + 1 for i in range(run) if typed[i] in vocabulary()["chatter_joints"]
              and any(w in chatter for w in typed[:i])]
    start = run if 0 < run < len(typed) and _WH.fullmatch(typed[run]) and any(
        w in chatter for w in typed[:run]) else joints[-1] if joints else 0
    if 0 < start < len(typed):
        kept = kept[words[start].start():]
        words, typed = words[start:], typed[start:]
    # ... and after it, opening with a word of chatter ("thanks in advance", "please be
    # brief", "asking for the minister's office"), not with a noun about the asker, which
    # may be what is asked ("who is the minister").
    run = whole = _chatter_run(typed[::-1])
    while run and typed[-run] not in chatter:
        run -= 1
    while whole and typed[-whole] in STOPWORDS:  # "going for it need this by noon"
        whole -= 1
    rest = kept[:words[-run].start()] if run else kept
    if run >= 2 and _asks_about(rest) or run and _bare_question(rest):
        kept = rest.rstrip(" ,-–—")
    elif run and (whole == run or typed[-whole] in vocabulary()["asker_wanting"]) and goes_on(
            before := kept[:words[-whole].start()]):
        # After a follow-up going on from the turn before ("and their cities cheers", "and
        # egypt need this by noon"), the whole run of chatter and words about the asker: it
        # would be read as what the follow-up asks about, and it would not look short.
        kept = before.rstrip(" ,-–—")
    return kept


# A follow-up going on from the turn before ("and Egypt", "what about their cities"):
# what it names after its opener, with words of its own.
_GOES_ON = re.compile(r"^\W*(?:and|also|then|what about|how about|same for)\s+\w", re.IGNORECASE)


def goes_on(text: str) -> bool:
    return _GOES_ON.match(text) is not None


def _bare_question(text: str) -> bool:
    """Whether a text is a question that names no topic, opening with its question word
    ("why", "who said that"): a follow-up, whose chatter after it ("cheers", "please be
    brief") would be read as what it asks about."""
    return not _asks_about(text) and _WH.match(text.strip()) is not None
