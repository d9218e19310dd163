"""Whether a question asks for a figure, what it measures, and in what unit: "how many
proficiency levels" counts levels, "how much, in euros" asks for euros, "Kenya's score"
measures a score, while "a budget document" asks for none. The evidence stage admits a
figure only of that measure, shown in that unit.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache, lru_cache

from assistant.counted import joined_counts
from assistant.countries import canonical, country_terms
from assistant.knowledge import find_indices, index_part
from assistant.text import STOPWORDS, terms
from assistant.vocabulary import ASKING_TERMS, QUESTION_WORDS, other_language_words, vocabulary

_MEASURE = re.compile(
    r"\b(?:how many|how much|number of|share of|slice of|portion of|proportion of|"
    r"percentage of|amount of)\s+"
    r"(?:(?:is|are|was|were|will|would)\s+)?(?:the\s+|a\s+|an\s+)?"
    r"([a-z-]+(?:\s+[a-z-]+)?)"
    r"|\b(score|rank|ranking|budget|population|rate|cost|fee|price|percentage|share|gdp)\b",
    re.IGNORECASE,
)

# A copula just before what "how many" seems to count, with no article between.
_COPULA_END = re.compile(r"\b(?:is|are|was|were|will|would)\s+$", re.IGNORECASE)
# A pronoun or "there": the subject after a copula ("how much are they spending").
_PRONOUN = re.compile(r"(?:they|we|you|he|she|it|there|these|those|this|that)\b")


def _predicate(phrase: str) -> bool:
    """Whether the words after "how many were" say what they were ("how many were neither
    likely nor unlikely", "how many were satisfied"), not what is counted: no subject
    opens them (a name in capitals or a pronoun: "how much is EIGE's contract worth",
    "how much are they spending"; "how much is the fee" has its article), nor one a verb
    follows ("how much are malaysia spending")."""
    words = phrase.split()
    return (words[0][:1].islower() and not _PRONOUN.match(words[0])
            and not (len(words) > 1 and words[1].endswith(("ing", "ed"))))


def names_figure(text: str) -> bool:
    """Whether a text (a table's header row) names a figure: "Score | Global Rank",
    "Number of transactions"."""
    return _MEASURE.search(text) is not None


_FIGURE = re.compile(
    # "the exact EPI number", "numbers pls": a number asked is a figure asked
    r"\b(score[ds]?|rank(ed|ing|s)?|how (many|much)|percent(age)?|%|numbers?|rate|value|"
    # "level", not "at local level"
    r"figure|(?<!local )(?<!national )(?<!regional )(?<!global )level|threshold|share|"
    # "the registration fee", "the price of a licence": an amount asked
    r"budget|cost|fees?|prices?|total|average|count|how many people|gdp)\b"
    # "Nigeria's population?", "the population of Nigeria"; not "its population an asset",
    # "an ageing population and ...", "population groups"
    r"|\bpopulation(?=\s*(?:[?.;]|$)|\s+(?:of|in|for|according)\b)"
    # "what did Istanbul get?": a result asked for, though no measure is named
    r"|\bwhat (?:did|does|do) (?:[\w-]+ ){1,3}(?:get|got|obtain|achieve|receive)\b"
    # "how big is the gap": a size asked for; "how early must it be out": a time before;
    # "how old is the entrepreneur": an age
    r"|\bhow (?:big|large|wide|far apart|early|late|soon|old)\b"
    # "to go from what to what?": a change from one value to another
    r"|\bfrom (?:what|how (?:much|many|high|low)) to (?:what|how (?:much|many|high|low))\b"
    # "cairo or lagos, which one did better": figures compared, though none is named
    r"|\bwhich (?:one |of them |city |country )?(?:did|does|is|was|scored|performs?|performed) "
    r"(?:\w+ )?(?:better|worse|best|worst|higher|lower)\b",
    re.IGNORECASE,
)


# A superlative on a measure asks which one is at that extreme, with its figure ("the
# lowest e-government score", "ranks worst", "top-ranked"); one on an index's name too
# ("the highest EGDI", see asks_extreme). Only the SUPERLATIVES naming an end of a scale by
# themselves: "most" and "least" qualify an adjective ("the most used index"), "leading" and
# "last" a noun ("the leading score agency", "the last rating").
_EXTREME = r"(?:highest|lowest|best|worst|top|bottom)"
_EXTREME_MEASURE = re.compile(
    rf"\b{_EXTREME}[- ](?:[\w-]+ ){{0,2}}?(?:score[ds]?|rank(?:ed|ing|ings)?|rated|rating|"
    r"value|rate|index)\b"
    r"|\brank(?:s|ed)? (?:the )?(?:highest|lowest|best|worst|last|first|top|bottom)\b",
    re.IGNORECASE,
)
_EXTREME_WORD = re.compile(rf"\b{_EXTREME}\b", re.IGNORECASE)


# A word that makes a sentence of a question: one asking, an auxiliary, a request.
_SENTENCE = re.compile(
    r"\b(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|"
    r"could|would|should|will|has|have|had|tell|give|list|show|describe|explain|name|"
    r"compare)\b", re.IGNORECASE)
# Nouns of a figure a question typed as keywords asks for, whatever follows them.
_FIGURE_NOUN = re.compile(r"\b(?:population|budget|cost|fees?|prices?|amount|share|total)\b",
                          re.IGNORECASE)


def asks_figure(text: str) -> bool:
    """Whether a question asks for a figure: a figure word ("score", "how many", "budget")
    that names the figure asked, not another thing ("a budget document") nor a verb asked
    yes or no ("does the OBS score them"). Typed as keywords ("registration fee march 2022
    workshop?", "population nigeria?"), its words are in no order that makes one qualify
    another: a figure noun asks for that figure."""
    if not _SENTENCE.search(text) and _FIGURE_NOUN.search(text):
        return True
    found = (*_FIGURE.finditer(text), *_FIGURE_OTHER_LANGUAGES.finditer(text))
    return any(not _names_another_thing(text, m) for m in found)


_SUPERLATIVES = vocabulary()["superlatives"]
# The words asking for an extreme ("the best", "the lowest"), not for what it is of.
SUPERLATIVES = (*_SUPERLATIVES["high"], *_SUPERLATIVES["low"])
SUPERLATIVE = re.compile(rf"\b(?:{'|'.join(SUPERLATIVES)})\b", re.IGNORECASE)
_SIZES = vocabulary()["size_superlatives"]
_HIGH_WORDS = "|".join([*_SUPERLATIVES["high"], *_SIZES["high"]])
_LOW_WORDS = "|".join([*_SUPERLATIVES["low"], *_SIZES["low"]])
_LOW = re.compile(rf"\b(?:{_LOW_WORDS})\b", re.IGNORECASE)
# "the top and the bottom members", "highest vs lowest": both ends are asked.
_JOINED = rf"\s+(?:{'|'.join(_SUPERLATIVES['joined_by'])})\.?\s+(?:the\s+)?"
_BOTH_ENDS = re.compile(rf"\b(?:(?:{_HIGH_WORDS}){_JOINED}(?:{_LOW_WORDS})"
                        rf"|(?:{_LOW_WORDS}){_JOINED}(?:{_HIGH_WORDS}))\b", re.IGNORECASE)


def extreme_end(text: str) -> str:
    """Which end of a measure a question's superlative asks for: "max", "min", or "both"
    ("how far apart are the top and the bottom members").

    >>> extreme_end("the top and the bottom members?"), extreme_end("ranks worst")
    ('both', 'min')
    """
    if _BOTH_ENDS.search(text):
        return "both"
    return "min" if _LOW.search(text) else "max"


def asks_extreme(text: str) -> bool:
    """Whether a question asks which one stands at an extreme of a measure or an index:
    a figure asked, though "which country" reads like a list.

    >>> asks_extreme("which D-8 member ranks worst in the survey?")
    True
    >>> asks_extreme("which country has the highest EGDI?")
    True
    >>> asks_extreme("what are the best practices for open data?")
    False
    """
    if _EXTREME_MEASURE.search(text):
        return True
    return any(find_indices(" ".join(text[m.end():].split()[:4]))
               for m in _EXTREME_WORD.finditer(text))


# "quel est le budget annuel", "care este bugetul anual": figure words of other languages.
_FIGURE_OTHER_LANGUAGES = other_language_words("figure_words")


# Words qualifying a figure word printed after it (data/answers.json).
_QUALIFIERS = frozenset(vocabulary()["figure_qualifiers"])
# Figure words that can name another thing: "a budget document", "the Open Budget Survey".
# Not "total" nor "average": "the total staff", "the average time" ask for that figure.
_MODIFIERS = frozenset({"budget", "cost", "fee", "price", "score", "rate", "value", "level",
                        "share", "figure", "threshold", "count", "rank", "number"})
# "what main stages do most share": the thing asked is named before the auxiliary, so the
# figure word at the end is its verb ("what did Egypt score" names nothing before it).
_OBJECT_ASKED = re.compile(r"\b(?:what|which)\s+(?:[\w-]+\s+){1,3}?(?:do|does|did|will|would|"
                           r"can|could|should)\s+(?:[\w'’-]+\s+){1,3}$", re.IGNORECASE)
# Asking words that are also things a figure word may qualify: "a budget document".
_THINGS_ASKED_ABOUT = frozenset({"document", "documents", "report", "reports"})
# "does the OBS score them", "and will Kenya rank it", "..., do they count as exits": asked
# yes or no (the auxiliary opens the question or its part), not how much ("what did Kenya
# score", "how does it rank").
_YES_NO_VERB = re.compile(r"(?:^|[,;]\s*|\b(?:and|or)\s+)(?:does|do|did|will|would|can|could|"
                          r"should)\s+(?:[\w'’-]+\s+){1,3}$", re.IGNORECASE)

# "how did participants rate the workshop": a verb after its subject, its object after it.
_AUXILIARY_BEFORE = re.compile(r"\b(?:do|does|did|will|would|can|could|should)\s+"
                               r"(?:[\w'’-]+\s+){1,3}$", re.IGNORECASE)
_VERB_OBJECT = re.compile(r"\s+(?:the|it|its|their|this|that|these|those|them|his|her|our|"
                          r"your|each|every|a|an)\b", re.IGNORECASE)

# "is the price of internet access an issue in Nigeria?": the figure word is in the thing
# judged, which the question asks about, not how much it is.
_JUDGED = re.compile(
    r"^\s*(?:is|are|was|were)\s+(?:[\w'’-]+\s+){1,8}?(?:an?|one of the|the main|the biggest)\s+"
    rf"(?:[\w-]+\s+)?(?:{'|'.join(vocabulary()['judging_nouns']['words'])})\b", re.IGNORECASE)

# "under 'value'", "the column called 'score'": a label the question quotes, not a figure.
_LABEL_QUOTED = re.compile(
    r"""\b(?:under|called|named|titled|headed|label(?:l)?ed)\s+['‘"“]\w+['’"”]$""", re.IGNORECASE)
_ILLUSTRATION = re.compile(r"\s+(?:\d+|(?:that|which)\s+(?:sums?|summari[sz]es|shows|illustrates|"
                           r"depicts|presents|maps|groups)\b)", re.IGNORECASE)
# "besides cost", "other than the budget": what the question leaves out of what it asks.
_SET_ASIDE = re.compile(r"\b(?:besides|except|apart from|aside from|other than|not counting)"
                        r"\s+(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)


def _names_another_thing(text: str, match: re.Match[str]) -> bool:
    """Whether a figure word of the question asks for no figure: it modifies the word after
    it (a noun, not a stopword or a participle: "the budget allocated" asks for one), or it
    is a verb asked yes or no."""
    word = match.group().lower()
    before = text[: match.start()]
    if _SET_ASIDE.search(before):
        return True  # "which aspects besides cost": the thing left out, not the one asked
    if before.rstrip().endswith(",") and text[match.end():].lstrip().startswith(","):
        return True  # "strategy, value, and what else": one of the things listed
    judged = _JUDGED.match(text)
    if judged and match.end() <= judged.end():
        return True
    if _LABEL_QUOTED.search(text[:match.end() + 1]) or (
            word == "figure" and _ILLUSTRATION.match(text[match.end():])):
        # "under 'value'" names a label; "figure 11", "the figure that sums up the
        # requests" is an illustration.
        return True
    if word.rstrip("sd") not in _MODIFIERS and word not in _MODIFIERS:
        return False
    if _asked_as_verb(word, before, text[match.end():]):
        return True
    after = re.match(r"\s+([^\W\d_]+)", text[match.end():])
    return after is not None and (
        (nxt := after.group(1).lower()) not in STOPWORDS
        and nxt not in _QUALIFIERS  # "le budget annuel" asks for the budget
        and (nxt not in QUESTION_WORDS or nxt in _THINGS_ASKED_ABOUT)
        and not _past_verb(nxt))


_DOCUMENT_NOUNS = frozenset(vocabulary()["document_nouns"])


def _names_document(text: str, end: int) -> bool:
    """Whether the word after ``end`` is a document's or a body's noun (data/answers.json
    "document_nouns": "survey", "documents", "office"): the word before it names that."""
    after = re.match(r"\s+([^\W\d_]+)", text[end:])
    return after is not None and after.group(1).lower().removesuffix("s") in _DOCUMENT_NOUNS


def _asked_as_verb(word: str, before: str, after: str) -> bool:
    """Whether a figure word is a verb, not the figure asked: asked yes or no ("does the OBS
    score them", "do they count as exits"), its object named before it ("what main stages
    do most share") or after it ("how did participants rate the workshop": the workshop
    judged, in whatever words), or "count as" ("what would count as evidence"), which
    qualifies. "How does it rank" has no object: its rank is asked."""
    if not word.startswith(("score", "rank", "rate", "share", "count")):
        return False
    return bool(_YES_NO_VERB.search(before) or _OBJECT_ASKED.search(before)) or bool(
        _AUXILIARY_BEFORE.search(before) and _VERB_OBJECT.match(after)) or (
        word == "count" and after.lstrip().lower().startswith("as "))


_IRREGULAR_PARTICIPLES = frozenset(vocabulary()["irregular_participles"]["words"])


def _past_verb(word: str) -> bool:
    """Whether a word reads as a verb's past form ("allocated", "given"), which follows
    the thing it says something of."""
    return len(word) > 4 and word.endswith("ed") or word in _IRREGULAR_PARTICIPLES


def unit_asked(text: str) -> str | None:
    """The unit a figure is asked in: "how much, in euros" -> euro."""
    for name, asked in _units_asked():
        if any(pattern.search(text) for pattern in asked):
            return name
    return None


@cache
def _units_asked() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    """Each unit with the patterns that ask a figure in it (data "units"), compiled once:
    every question reads them all (~5,000 searches a golden batch), and re's own cache of
    512 patterns, fewer than a batch uses, compiled them again ~20 times."""
    return tuple((str(name), tuple(re.compile(rf"(?<!\w){pattern}", re.IGNORECASE)
                                   for pattern in spec["asked"]))
                 for name, spec in vocabulary()["units"].items() if not name.startswith("_"))


def unit_words(text: str, unit: str | None) -> frozenset[str]:
    """The terms of the words by which a question names the unit it asks a figure in
    ("by what percent", "in euros"): a passage shows the unit by its sign ("17%", "€"), so
    a passage showing it holds them (select). Only a unit named in a word or two: money
    asked by a verb ("how much does a country pay") is asked in words about the thing."""
    if unit is None:
        return frozenset()
    patterns = next((asked for name, asked in _units_asked() if name == unit), ())
    return frozenset(t for pattern in patterns for found in pattern.finditer(text)
                     if len(found.group().split()) <= 2 for t in terms(found.group()))


# "revenue as a % of GDP", "as a share of everyone invited": the base a figure is relative
# to, up to the next preposition or the clause's end.
_RELATIVE_TO = re.compile(
    r"\bas\s+(?:an?\s+)?(?:%|percent(?:age)?|per\s*cent|share|proportion|fraction|ratio)\s+"
    r"of\s+((?:(?!(?:in|for|and|or|by|at|on|from|between|did|does|do|is|was|were|are)\b)"
    r"[\w-]+\s*){1,3})", re.IGNORECASE)


def relative_base(text: str) -> frozenset[str]:
    """The terms of what a figure is asked relative to ("as a % of prison population" ->
    prison, population): a share of another base is another figure, however close."""
    found = _RELATIVE_TO.search(text)
    return frozenset(terms(found.group(1))) if found else frozenset()


def names_base(base: frozenset[str], where: str) -> bool:
    """Whether a text names one of a base's terms, or a word sharing its first five letters
    ("invited" ~ "invitees")."""
    printed = set(terms(where))
    return bool(base & printed) or any(
        len(t) >= 5 and any(p[:5] == t[:5] for p in printed) for t in base)


# A name of three capitalised words or more ("International Budget Partnership", "Open
# Budget Survey", "Ministry of Finance and Budget"); not a heading in capitals ("BUDGET
# AND COSTS") nor a label of two ("Total Budget").
_NAME = re.compile(r"\b[A-Z][a-z][\w'’-]*(?:\s+(?:(?:of|the|and|for)\s+)?[A-Z][a-z][\w'’-]*){2,}")


def shows_unit(unit: str, where: str, language: str = "") -> bool:
    """Whether a passage shows a figure's unit ("€", "(billions)"); money asked by a verb
    ("how much does it cost") by any word of an amount ("fee", "budget", "USD") in the
    passage's ``language`` (every language's words when it has none of its own), not one
    in a name ("the International Budget Partnership", "the Open Budget Survey"), which
    names a body or a publication, no amount."""
    spec = vocabulary()["units"][unit]
    by_language = spec.get("shown_in", {})
    words = by_language.get(language) or [w for marks in by_language.values() for w in marks]
    unnamed = _NAME.sub(" ", where)
    return any(re.search(mark, where, re.IGNORECASE) for mark in spec["shown"]) or any(
        re.search(mark, unnamed, re.IGNORECASE) for mark in words)


def same_measure(words: Collection[str]) -> frozenset[str]:
    """The terms, with every term naming the same count or measure as one of them
    (data/answers.json "measure_synonyms"): "people" is counted in a column "Population",
    "respondents" in one "Sample"."""
    return _same_measure(frozenset(words))


# Asked of every candidate unit of a figure question (567 look-ups of 83 a golden batch).
@lru_cache(maxsize=1024)
def _same_measure(given: frozenset[str]) -> frozenset[str]:
    return frozenset(given.union(*(group for group in _measure_synonyms() if given & group)))


@cache
def _measure_synonyms() -> tuple[frozenset[str], ...]:
    """The groups of words naming one count or measure, as terms (read once)."""
    return tuple(frozenset(t for word in group for t in terms(word))
                 for group in vocabulary()["measure_synonyms"]["groups"])


# A clause stating something, then a joint and the question asked of it: "korea topped the
# ranking, ok, but what was its score?", "dhaka is its largest city - how many people live
# there?".
_PREMISE_JOINT = re.compile(r"(?:[,;:]|\s[-–—]|\bbut\b|\bok\b)\s+(?:(?:but|so|and|ok|then)\s+)*"
                            r"(?=(?:what|which|how|who|when|where)\b)", re.IGNORECASE)
_ASKING_OPENER = re.compile(
    r"\W*(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|do|does|did|can|"
    r"could|would|should|will|has|have|had|tell|give|list|show|describe|explain|name|"
    r"compare|please|pls)\b", re.IGNORECASE)


def measure_terms(text: str) -> tuple[str, ...]:
    """The stemmed words of what a figure question counts or measures: "how many
    proficiency levels" -> (profici, level); "Kenya's score" -> (score,). Of a question put
    after a statement ("korea topped the e-participation ranking, but what was its score?"),
    what the question asks when it names a measure: the statement's ("ranking") is what the
    asker knows already."""
    joint = _PREMISE_JOINT.search(text)
    if joint and not _ASKING_OPENER.match(text[:joint.start()]):
        return _measured(text[joint.end():]) or _measured(text)
    return _measured(text)


def _measured(text: str) -> tuple[str, ...]:
    found: list[str] = []
    counted: list[str] = []  # plural nouns after "how many": counted, asking words or not
    not_measures = set(vocabulary()["not_measures"]["words"])
    dwelling = set(vocabulary()["not_measures"]["dwelling"])
    for match in _MEASURE.finditer(text):
        if match.group(2) and _names_document(text, match.end()):
            # "how many researchers worked on the Open Budget Survey": a figure word naming
            # a document measures nothing; every passage on that survey names "budget".
            continue
        if match.group(2) and _asked_as_verb(match.group(2).lower(), text[:match.start()],
                                             text[match.end():]):
            continue  # "how did participants rate the workshop": the workshop is judged
        if match.group(1) and _COPULA_END.search(text, match.start(), match.start(1)) and (
                _predicate(match.group(1))):
            continue
        words = (match.group(1) or match.group(2)).lower().split()
        if match.group(1) and words[0] in not_measures and words[1:2] and words[1] in dwelling:
            # "how many people live in Dhaka": anyone living there, its population
            words = [vocabulary()["not_measures"]["dwelling_measure"]]
        elif match.group(1) and words[0] in not_measures:
            # "how many gave it top marks", "how many people use it": what is counted is
            # unsaid (users, respondents), so any count may answer
            continue
        if len(words) > 1 and (words[1] in not_measures or _past_verb(words[1])):
            words = words[:1]  # "how many users use it", "how many staff worked": users, staff
        # "how many Afghan officials": a demonym says whose, the noun what is counted.
        words = [w for w in words if canonical(w) is None] or words
        tail = text[match.end():]
        if match.group(1) and len(words) > 1 and words[-1] in ("and", "or"):
            tail = f" {words.pop()} {tail}"  # "how many countries and cities"
        if match.group(1) and words[-1].endswith("s"):
            words += [w for phrase in joined_counts(tail) for w in phrase]
        found += [t for t in terms(" ".join(words)) if t not in STOPWORDS]
        if match.group(1):
            counted += [t for w in words if w.endswith("s") for t in terms(w)]
    found += index_part(text)
    # "how much did Egypt spend": the country is the subject, not the measure.
    subject = country_terms(text)
    return tuple(dict.fromkeys(
        t for t in found if t not in subject and (t not in ASKING_TERMS or t in counted)))
