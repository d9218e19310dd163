"""What kind of answer a question asks for: a definition (and the term it defines), a
figure, a list (and how many items), or a general answer. Read from the words alone, in
``understand.parse_question``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from assistant.knowledge import index_name_stems
from assistant.measures import SUPERLATIVE, asks_extreme, asks_figure
from assistant.text import terms
from assistant.vocabulary import ASKING_TERMS, other_language_words, vocabulary

# "the four stages", "5 prompts"; not "D-8 members" (a name) nor "the next two years" (a time).
_COUNT = re.compile(
    r"(?<![\w-])(\d{1,2})\s+(?!(?:years|months|weeks|days|hours|minutes)\b)"
    r"(?:[a-z-]+\s+){0,2}?([a-z]{3,}s)\b",
    re.IGNORECASE,
)
_LIST = re.compile(
    r"\b(list|which(?! one\b)|what (were|are) the|steps|stages|phases|criteria|aspects|areas|"
    r"pillars|topics|dimensions|components|elements|categories|levels|principles|types|"
    r"kinds|modules|members|goals|objectives|recommendations|talking points|points)\b",
    re.IGNORECASE,
)
# "What activities are needed", "which e-competencies are relevant": things, plural, asked
# for, also in a question's second clause ("why ... - what trends are behind it?").
_PLURAL_ASKED = re.compile(
    r"(?:^|[-–—:;?]\s+)(?:what|which)\s+(?:[\w-]+\s+){0,3}?(?!does\b|has\b|was\b)[a-z-]{3,}(?:ies|[^s'’]s)\s+"
    r"(?:are|were|do|did|should|must|can|could|will|would|have|has|had)\b",
    re.IGNORECASE,
)
# "Which browser should I use?", "which order of the government approved it": one thing
# asked by "which" and a noun in the singular before the verb, not a list ("which states
# are ...", "which of the documents ...").
_WHICH_ONE = re.compile(
    r"which\s+(?:[\w-]+\s+){0,2}?(?!(?:one|ones|of)\b)[a-z-]{3,}(?<![^s'’]s)(?:['’]s)?\s+"
    r"(?:(?:of|in|on|for)\s+(?:[\w'’-]+\s+){1,4}?)?"
    r"(?:is|was|should|does|did|has|had|can|could|will|would|must|may|approved|gave|"
    r"offers?|provides?)\b", re.IGNORECASE)
# "At which stage do sites get audio and video?", "which phase needs e-authentication?": the
# step of a series where something happens, which its heading numbers (like "at which
# level"), not the series; "which stages ..." asks for several.
_STEP_OF_SERIES = re.compile(
    r"\b(?:which|what) (?:[\w-]+ ){0,2}?(?:stage|phase|step|tier)\b"
    r"(?! of (?:the )?\w+ (?:are|were)\b)(?:\s+(?!(?:are|were)\b)[\w'’-]+){0,6}?\s+"
    r"(?:is|was|do|does|did|can|could|must|should|will|may|needs?|requires?|involves?|"
    r"includes?|offers?|allows?|gets?|has|comes?)\b", re.IGNORECASE)
# "Why does the form work out revenue as a % of GDP?", "so why is the score low": a
# reason asked, no figure, whatever figure words name what it is asked about (a list may
# still be: "why go digital - what trends are behind it?").
_REASON_ASKED = re.compile(r"\W*(?:[\w'’-]+\W+){0,2}?why\b", re.IGNORECASE)
# "what extra activities would be supported via the EU budget?": things asked for by a
# plural noun right after "what"/"which", not a figure, though a figure word qualifies them
# later; not a figure's own noun ("what rates ..."), a name ("What Logistics ...") nor
# countries (which lead on a measure: the table's rows answer).
_THINGS_ASKED = re.compile(
    r"(?:^|[-–—:;?]\s+)\W*(?:what|which)\s+(?P<before>(?:(?!(?:of|in|on|for|at|by|to)\b)"
    r"[a-z][\w-]*\s+){0,2}?)(?P<things>[a-z-]{3,}(?:ies|[^s'’\s]s))\s+(?!of\b)")
_ENTITIES = re.compile(r"countr|members?$|states?$|nations?$|delegations?$|economies$|cities$")
_MEANING = re.compile(
    # "what's NIX short for?" asks what an abbreviation's letters stand for.
    r"\bstands? for\b|\bwhat (?:is|are|was|were) .{1,60}? short for\b"
    r"|\bmeaning of\b|\bwhat does .+ mean\b|\bwhat (is|are) an? (?!lot\b)"
    r"|\b(?:who|what) (?:counts|qualifies) as\b",
    re.IGNORECASE,
)


def kind(text: str, defined: str | None, countries: Sequence[str],
         other_languages: bool = True) -> str:
    """``other_languages``: whether French or Romanian words asking for several things
    (data/answers.json "list_words") make a list, as English ones do."""
    # Asking what a term means comes first: "What is a Citizens Budget?" asks for a meaning
    # although "budget" is a figure word. A number of things asked for ("the five levels")
    # is a list even when the verb is "define".
    if _MEANING.search(text) or _meaning_asked(text):
        return "definition"
    reason = _REASON_ASKED.match(text) is not None
    if not reason and re.search(r"\bhow (many|much)\b", text, re.IGNORECASE):
        return "figure"
    if count_asked(text) and _LIST.search(text):
        return "list"
    if not reason and not _things_asked(text) and (
            asks_figure(text) or asks_extreme(text) or _STEP_OF_SERIES.search(text)):
        return "figure"
    # "the levels defined by the IATs" asks for the levels, not for a definition.
    if re.search(r"\bdefin(?!ed (by|in)\b)|\bhow (is|are) .+ defined\b", text, re.IGNORECASE):
        return "definition"
    if defined and not countries and not _LIST.search(defined) and not _enumerated(text, defined):
        return "definition"
    # "Which city has the best services?" is still the table's extreme row, read as a list.
    one = None if SUPERLATIVE.search(text) else _WHICH_ONE
    # "quelles activités ...", "... listées": French asks for several things by its words.
    if _PLURAL_ASKED.search(text) or (
            other_languages and other_language_words("list_words").search(text)) or any(
            m.group(1).lower() != "which" or one is None or not one.match(text, m.start())
            for m in _LIST.finditer(text)):
        return "list"
    return "general"


def _things_asked(text: str) -> bool:
    """Whether a question asks for things by a plural noun ("what extra activities ...")
    that is no figure's own, no countries', and asks no extreme ("which activities cost
    the most": the table's extreme row)."""
    match = _THINGS_ASKED.search(text)
    if not match or SUPERLATIVE.search(text) or asks_extreme(text):
        return False
    things = match.group("things").lower()
    single = re.sub(r"ies$", "y", things) if things.endswith("ies") else things[:-1]
    return not (asks_figure(match.group("before")) or asks_figure(f"what {single}?")
                or asks_figure(f"what {things}?") or _ENTITIES.search(things))


def names_only(topic: Sequence[str], indices: Sequence[str]) -> bool:
    """Whether a question's words are only an index's name and years: a country's value
    of it is asked for, though no measure ("score") is named."""
    named = index_name_stems(indices)
    return bool(indices) and all(t in named or t.isdigit() for t in topic)


def _enumerated(text: str, defined: str) -> bool:
    """'What are the main tenets of X' asks for the tenets, a list; 'what are independent
    fiscal institutions' (no article) asks what they are."""
    head = re.split(r"\s+(?:of|for|in|on|that|which)\s+", defined, maxsplit=1)[0].split()[-1]
    return (re.search(r"\bwhat (?:are|were) the\b", text, re.IGNORECASE) is not None
            and re.fullmatch(r"[a-z-]{3,}(?:ies|[^su'’]s)", head) is not None)


def _meaning_asked(text: str) -> re.Match[str] | None:
    """The meaning of a term asked in another language ("Ce înseamnă X în ...?",
    data/answers.json "meaning_asked"), its group ``term``."""
    for pattern in vocabulary()["meaning_asked"]["patterns"]:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            return match
    return None


# "what is driving demand", "what's holding back their administration": "is" and a verb's
# -ing form with what follows it, no article, ask what does something (a cause, an
# obstacle), never what a term means ("what are learning outcomes", "what is a funding
# model" name things).
_DOING = re.compile(r"what is [a-z]{2,}ing\s+(?!(?:and|or|of|in|for)\b)[\w-]", re.IGNORECASE)


# Quotes around a term say it is a term: "the 'as-is' map", „design universal”.
_QUOTES = "'\"‘’‚“”„«»"


# Words standing for an abbreviation named elsewhere in the question ("the acronym", "it").
_POINTING_AT_ONE = frozenset({"acronym", "abbreviation", "it", "that", "this"})
_ABBREVIATION = re.compile(r"\b[A-Z][A-Z0-9]{1,7}\b")


def defined_term(text: str) -> str | None:
    """'What is the D-8?' -> 'D-8'; 'What does NIX stand for?' -> 'NIX'."""
    other = _meaning_asked(text)
    if other:
        term = other.group("term").strip(f" ?.{_QUOTES}")
        return term if 0 < len(term.split()) <= 6 else None
    match = re.search(
        r"\bwhat (?:is|are) (?:an? |the )?(.+?)(?:\?| and |,|$)"
        r"|\bwhat defines (?:an? |the )?(.+?)(?:\?| and |,|$)"
        # "what does the glossary mean by 'X'": X is the term, the glossary where to look.
        rf"|\bwhat does .+? mean by (?:an? |the )?(?:[{_QUOTES}]([^{_QUOTES}]+)[{_QUOTES}]"
        r"|(.+?)(?:\?| and |,|$))"
        r"|\bwhat does (.+?) (?:stand for|mean)"
        r"|\bdefine (.+?)(?:\?|,| and |$)|\bmeaning of (.+?)\??$"
        r"|\b(?:who|what) (?:counts|qualifies) as (?:an? |the )?(.+?)(?:\?| and |,|$)",
        text,
        re.IGNORECASE,
    )
    if not match or re.match(r" and (?:the|its|their) ", text[match.end() - 5:], re.IGNORECASE):
        return None  # "what are the eligibility rule and the service languages": two things
    term = next(g for g in match.groups() if g).strip(" ?.")
    term = re.sub(rf"(?<!\w)[{_QUOTES}]|[{_QUOTES}](?!\w)", "", term)
    # "PAYE in the ISORA survey", "a Citizens Budget according to the guide": the words
    # after say where to look, not what the term is.
    term = re.split(r"\s+(?:according to|as (?:used|defined) in|in)\s+", term, maxsplit=1)[0]
    # "what is meant by an X", "the meaning of X", "Chile's definition of X", "define a
    # system", "what does each letter of X stand for": the term is X (whose definition is
    # asked is a country or source asked).
    term = re.sub(r"^(?:(?:the |[\w.-]+['’]s )?(?:meaning|definition) of |meant by "
                  r"|(?:each |every |the )?letters? of )?(?:an? |the )?", "", term,
                  flags=re.IGNORECASE)
    # "what is NIX short for": the abbreviation; "what is the acronym short for", the one
    # the question names ("my colleague keeps mentioning 'NIX' ... what's the acronym short
    # for?").
    short = re.sub(r"\s+short for$", "", term, flags=re.IGNORECASE)
    named = set(_ABBREVIATION.findall(text))
    if short != term and short.lower() in _POINTING_AT_ONE and len(named) == 1:
        short = named.pop()
    term = short
    if re.match(r"(?:his|her|its|their|my|our|your)\b", term, re.IGNORECASE):
        return None  # "what's her job title", "what is its budget": a thing of someone's
    if re.search(rf"\b(?:\w{{3,}}ing|{'|'.join(vocabulary()['aim_participles']['words'])})"
                 r"\s+to\s+\w+", term, re.IGNORECASE):
        # "what is UNPOG planning to do", "what is the curriculum meant to achieve" ask what
        # it does or is for, not what it is.
        return None
    if _DOING.match(text, match.start()) if match.group(1) else False:
        return None  # "what's driving demand", "what is holding X back": what does it
    if term.lower() in vocabulary()["state_asked"]:
        return None  # "what's new in the 2014 survey" asks what is so of it, not a meaning
    # "what is the D-8 actually for?": the term is what comes before the asking words and
    # the "for" of a purpose asked.
    words = term.split()
    if words[-1].lower() == "about":
        return None  # "what is the roundtable about?" asks what it covers, not what it is
    while len(words) > 1 and (words[-1].lower() == "for"
                              or words[-1].lower() in vocabulary()["asking_words"]):
        words.pop()
    term = " ".join(words)
    if any(re.match(p, term, re.IGNORECASE) for p in vocabulary()["contrast_asked"]["patterns"]):
        return None  # "the difference between X and Y": both asked about, neither defined
    if not set(terms(term)) - ASKING_TERMS:
        return None  # "political, economic... what are the rest": more of the same asked
    return term if 0 < len(words) <= 6 else None


def count_asked(text: str) -> int | None:
    """'give me 3 talking points', 'five prompts' -> 3, 5."""
    normal = text.lower()
    for pattern, value in _number_words():
        normal = pattern.sub(value, normal)
    moves = _figure_moves()
    for match in _COUNT.finditer(normal):
        before = normal[:match.start()].split()
        if before and before[-1].strip(",;:") in moves:
            continue  # "which country climbed 16 places": how far, one thing asked
        return int(match.group(1)) if 0 < int(match.group(1)) <= 20 else None
    return None


@cache
def _figure_moves() -> frozenset[str]:
    """The words saying how far a figure moved (data/answers.json "figure_moves")."""
    return frozenset(vocabulary()["figure_moves"]["words"])


@cache
def _number_words() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each spelled number (data/answers.json "number_words") as a pattern and the digits
    it stands for, longest first ("a couple of" before "one"); compiled once."""
    spelled = vocabulary()["number_words"]
    return tuple((re.compile(rf"\b{word}\b"), str(value))
                 for word, value in sorted(spelled.items(), key=lambda kv: -len(kv[0])))
