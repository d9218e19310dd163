"""What a question's words name, read before its terms (``understand``): the years it is
about, terms glued to a digit ("5G"), proper names, a role a who-question asks, a
programme's day or session, countries named only as a document's adjective, and whether
it asks for a date ("when does it open?", not "when is a standard open?").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from assistant.countries import canonical, find_countries, find_groups, misspelt_countries
from assistant.country_codes import OWNER_AFTER, OWNER_BEFORE, codes_unread
from assistant.country_data import COUNTRIES, GROUP_VARIANTS
from assistant.knowledge import find_indices, index_info
from assistant.measures import unit_asked
from assistant.text import STOPWORDS, YEAR
from assistant.vocabulary import QUESTION_WORDS, number_words, vocabulary

_PAREN_YEAR = re.compile(r"\s*\((?:19[5-9]\d|20\d\d)(?:\s*[~–—-]\s*(?:19[5-9]\d|20\d\d))?\)")

# "who is the project manager", "which of the Bangladeshi delegates is the joint secretary",
# "and who is the principal analyst", "on the Indonesian side, who is the director of ...",
# "who on the Nigerian list is a technical assistant": one of the people of an event
# picked by a role.
_ROLE = re.compile(
    r"(?:^\W*(?:(?:and|so|ok|okay|then)\s+)?|[,;:]\s*)"
    r"(?:who(?:\s+(?:on|in)\s+the\s+(?:[\w'’-]+\s+){0,2}?list)?|which\s+(?:of\s+the\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:delegates?|participants?|attendees?|representatives?|officials?|"
    r"people))\s+(?:is|was|are|were)\s+(?:named|appointed|listed)?\s*(?:as\s+)?"
    # A role is named by a noun: without an article, a past participle asks who a thing
    # is done to ("who is cited for defining X", "who was credited"), not a person's post.
    r"(?:the\s+|an?\s+|(?![\w'’-]+ed\b))(?!(?:on|in|at|from|behind|responsible|involved|doing|it|they|he|she|"
    r"this|that|there)\b)"
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
    cardinal = number_words()
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


def proper_names(text: str, figure: bool = False) -> tuple[str, ...]:
    """Capitalised words past the first that are not countries, index names, abbreviations
    or asking words: "Paris" in "What is the LOSI score of Paris?"; of a ``figure`` asked,
    a country's code typed small and not read too."""
    known = {w.lower() for i in find_indices(text) for t in index_info(i).terms for w in t.split()}
    # A word of a group's name is no name a figure is about ("the Developing-8 average"):
    # the documents print the group as "D-8". A whole name ("Asian") still is.
    group_names = [v for g in find_groups(text) for v in (g, *GROUP_VARIANTS[g])]
    known |= {w.lower() for v in group_names for w in re.findall(r"[^\W\d_]+", v)} - {
        v.lower() for v in group_names}
    found = set(find_countries(text))
    # Every word of a country's name, variant or demonym: "Islander" of "the Solomon
    # Islander official languages" names the country, not a thing its row must print.
    known |= {
        w.lower()
        for c in COUNTRIES
        if c.name in found
        for v in (c.name, *c.variants, *c.demonyms)
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
    # possessive ("ankara's score"), has it ("what legal system does greenland have") or
    # ends the question as whom it is for ("what does the index list for greenland?"): a
    # word that is no country, index or asking word (and, once the index is known, one its
    # documents never print: answer._names_unknown).
    for match in _LOWER_CASE_NAME.finditer(text):
        word = match.group(1) or match.group(2) or match.group(3) or match.group(4)
        after_of = match.group(3) or match.group(4)  # after "of", "for" or "in"
        if (word in STOPWORDS or word in QUESTION_WORDS or word in known or canonical(word)
                or misspelt_countries(word)):
            continue
        if find_countries(" ".join(text[: match.start()].split()[-1:])):
            continue  # "the Egyptian capital's score": the country's, a common noun
        if word in _document_words():
            continue  # "the GovStack project deck's plan": a document's, a common noun
        if after_of and unit_asked(match.group()):
            continue  # "... improvement in percent": the unit a figure is asked in
        before = text[: match.start()].split()[-1:]
        if after_of and match.group().lower().startswith("of") and before and (
                before[0].lower() in _quantities()):
            continue  # "give a couple of examples": what is counted, a common noun
        names.append(word)
    # A country's code typed in lower case but not read as it ("bel population in the
    # index"): whom the figure is about, matched with a row's country by its code
    # (figures_asked.names_subject), so that no other country's row answers.
    names += [code for code in codes_unread(text) if figure and code not in known]
    return tuple(dict.fromkeys(names))


@cache
def _quantities() -> frozenset[str]:
    """Words saying how many of something (data/answers.json "quantity_words")."""
    return frozenset(vocabulary()["quantity_words"]["words"])


@cache
def _document_words() -> frozenset[str]:
    """Words naming a document or a kind of file ("methodology", "deck", "spreadsheet";
    data/answers.json "document_nouns", "document_kinds"): common nouns, never a name."""
    words = vocabulary()
    kinds = (w for name, spec in words["document_kinds"].items() if not name.startswith("_")
             for w in spec["words"] if " " not in w)
    return frozenset([*words["document_nouns"], *kinds])


# Where a lower-case name stands (``proper_names``): before a possessive, as the one who has
# something, as the last word after "for", "of" or "in", or bare between "of" or "for" and a
# preposition ("population of xyzland in the index", country_codes.OWNER_BEFORE).
_LOWER_CASE_NAME = re.compile(
    r"(?<![\w'’-])([a-z][a-z-]{2,})['’]s\b"
    r"|\b(?:does|did|do)\s+([a-z][a-z-]{2,})\s+(?:have|has|had)\b"
    r"|\b(?:for|of|in)\s+([a-z][a-z-]{2,})\s*[?.!]*\s*$"
    rf"|{OWNER_BEFORE}([a-z][a-z-]{{2,}})(?={OWNER_AFTER})")


def described_countries(text: str, countries: Sequence[str]) -> tuple[str, ...]:
    """Countries named only by the adjective of a document or project ("the Moldovan
    methodology", "the EU/German co-funded project", data/answers.json document_nouns), or
    as where a publication comes from ("the reengineering methodology from Moldova", as a
    Romanian question reads in English; "publication_nouns"): they say which document is
    meant, not what the question is about."""
    by_adjective = _named_by_adjective(text, countries, vocabulary()["document_nouns"])
    return by_adjective + tuple(c for c in _named_as_origin(text, countries)
                                if c not in by_adjective)


def _named_as_origin(text: str, countries: Sequence[str]) -> tuple[str, ...]:
    """The countries the text names, by name, only after "from" in the phrase of a
    publication's noun ("the methodology of reengineering public services from Moldova"):
    a publication's origin. Named anywhere else too, the country is also asked about; "a
    report on Kenya" is about Kenya, and "the delegation from Kenya" names no document."""
    nouns = "|".join(vocabulary()["publication_nouns"]["words"])
    found = []
    for country in (c for c in COUNTRIES if c.name in countries):
        names = "|".join(re.escape(n) for n in (country.name, *country.variants))
        origin = re.compile(rf"\b(?:{nouns})s?\b(?:\s+(?!{_DETERMINERS}\b)[\w-]+){{0,6}}?"
                            rf"\s+from\s+(?:the\s+)?(?:{names})\b", re.IGNORECASE)
        match = origin.search(text)
        if match and not re.search(rf"\b(?:{names})\b",
                                   text[:match.start()] + text[match.end():], re.IGNORECASE):
            found.append(country.name)
    return tuple(found)


def described_languages(text: str, described: Sequence[str]) -> frozenset[str]:
    """The languages (ISO 639-1) that a described country's adjective also names ("the
    Romanian methodology": "ro", data/answers.json "language_adjectives"): the document meant
    may be one written in that language, about another country (a Moldovan methodology)."""
    adjectives = vocabulary()["language_adjectives"]["words"]
    return frozenset(code for word in re.findall(r"[^\W\d_]+", text)
                     if (code := adjectives.get(word.lower())) and canonical(word) in described)


def language_countries(text: str, countries: Sequence[str]) -> tuple[str, ...]:
    """Countries named only by the adjective of a document's language version ("the french
    maturity page", "the Romanian version", data/answers.json language_nouns): the
    language the passage is written in, neither a country asked about nor whose document."""
    return _named_by_adjective(text, countries, vocabulary()["language_nouns"]["words"])


# A statement set before a question: ``_CLAUSES`` (below) but for a colon, which
# introduces what is asked about ("turkey and malaysia on open data: who ...?").
_PREMISE_BREAK = re.compile(r"\s+[-–—]\s+|;\s+|(?<=[?!.])\s+")


def premise_countries(text: str, countries: Sequence[str]) -> tuple[str, ...]:
    """The countries named only in a statement set before the question ("turkey gave numbers
    for its services and users - how many users does malaysia's portal have then?"): what
    the asker already knows, not what is asked, when the question names countries of its
    own and sets none against them ("Chile scored 0.52 - is Peru doing better?")."""
    clauses = _PREMISE_BREAK.split(text.strip())
    if len(clauses) < 2:
        return ()
    before, asked = " ".join(clauses[:-1]), clauses[-1]
    own = {country.name for country in COUNTRIES if country.name in countries and any(
        re.search(rf"\b{re.escape(n)}\b", asked, re.IGNORECASE)
        for n in (country.name, *country.variants, *country.demonyms))}
    if _ASKS.search(before) or not _ASKS.search(asked) or not own:
        return ()
    standing = vocabulary()["standing_words"]["words"]
    if any(re.search(p, asked, re.IGNORECASE) for p in vocabulary()["modes"]["compare"]) or (
            re.search(rf"\b(?:{'|'.join(standing)})\b", asked, re.IGNORECASE)):
        return ()
    return tuple(c for c in countries if c not in own)


def version_languages(text: str) -> frozenset[str]:
    """The languages (ISO 639-1) a text names as a document version's, by an adjective up
    to three words before a version noun ("the french maturity page": "fr"; data/answers.json
    "language_adjectives", "language_nouns")."""
    adjectives = vocabulary()["language_adjectives"]["words"]
    nouns = "|".join(vocabulary()["language_nouns"]["words"])
    return frozenset(
        adjectives[m.group(1).lower()] for m in re.finditer(
            rf"\b({'|'.join(adjectives)})\s+(?:[\w-]+\s+){{0,3}}?(?:{nouns})s?\b", text,
            re.IGNORECASE))


_DETERMINERS = r"(?:the|a|an|this|that|these|those|its|their|his|her|our|my|your)"


def _named_by_adjective(text: str, countries: Sequence[str],
                        nouns_after: Sequence[str]) -> tuple[str, ...]:
    """The countries the text names only by a demonym up to three words before one of the
    nouns, never by their name."""
    nouns = "|".join(nouns_after)
    found = []
    for country in (c for c in COUNTRIES if c.name in countries):
        by_name = any(re.search(rf"\b{re.escape(n)}\b", text, re.IGNORECASE)
                      for n in (country.name, *country.variants))
        if by_name:
            continue
        # The adjective and the noun in one phrase: a determiner between starts another
        # ("the Moldovan government approved the methodology" asks about Moldova).
        if any(re.search(rf"\b{re.escape(d)}\s+(?:(?!{_DETERMINERS}\b)[\w-]+\s+){{0,3}}?"
                         rf"(?:{nouns})s?\b", text, re.IGNORECASE) for d in country.demonyms):
            found.append(country.name)
    return tuple(found)


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
    points at) is part of its name, not an edition asked about. Of years in several
    clauses, those of the clauses that ask (``_asking_clauses``)."""
    years = _years_named(text)
    if len(years) < 2:
        return years
    asked = _years_named(_asking_clauses(text))
    return asked if asked and set(asked) < set(years) else years


# A question's clauses: set apart by a dash, a colon, a semicolon or a sentence's end.
_CLAUSES = re.compile(r"\s+[-–—]\s+|[:;]\s+|(?<=[?!.])\s+")
# A clause that asks: a question mark, a question word, or the verb a yes-no question
# opens with.
_ASKS = re.compile(r"\?|\b(?:what|which|who|whom|whose|where|when|why|how)\b"
                   r"|^\W*(?:did|does|do|is|are|was|were|has|have|had|can|could|will|would)\b",
                   re.IGNORECASE)


def _asking_clauses(text: str) -> str:
    """The question without its clauses of purpose ("..., so I can show the change to
    2020") and the clauses stating what the asker knows ("iran was 89th in 2020 - ..."),
    unless it asks a change or a comparison (data/answers.json "year_clauses")."""
    words = vocabulary()["year_clauses"]
    for pattern in words["purpose"]:
        text = re.sub(pattern, " ", text, flags=re.IGNORECASE)
    if asks_change(text):
        return text
    bounds = [0, *(i for m in _CLAUSES.finditer(text) for i in m.span()), len(text)]
    clauses = [text[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]
    return " ".join(c for c in clauses if _ASKS.search(c) or not any(
        re.search(p, c, re.IGNORECASE) for p in words["stated"]))


def asks_change(text: str) -> bool:
    """Whether a question asks a change or a comparison, which needs two times ("how did it
    change", "what did it go up to"; data/answers.json "year_clauses" "comparing")."""
    return any(re.search(p, text, re.IGNORECASE)
               for p in vocabulary()["year_clauses"]["comparing"])


def follow_up_years(own: str, resolved: str) -> tuple[int, ...]:
    """The years a follow-up read with the turn before in brackets asks about: those it
    names itself ("what was its rank in 2012 then?" after "... in the 2010 survey?"),
    unless it asks a change from the turn before's ("and what did it go up to in 2012").
    """
    named = years_asked(own)
    return named if named and not asks_change(own) else years_asked(resolved)


def _years_named(text: str) -> tuple[int, ...]:
    def keep(match: re.Match[str]) -> str:
        named = re.search(r"\b[A-Z][\w.-]*$", text[:match.start()])
        return "" if named else match.group()
    unnamed = _named_by_year().sub(" ", _PAREN_YEAR.sub(keep, text))
    return tuple(int(y) for y in dict.fromkeys(YEAR.findall(unnamed)))


def plan_years(text: str) -> tuple[int, ...]:
    """The years naming a plan in a question ("Vision 2045", "the 2030 Agenda")."""
    return tuple(int(y) for m in _named_by_year().finditer(text) for y in YEAR.findall(m.group()))


def without_plan_years(text: str) -> str:
    """The text without the years that name a plan ("Egypt Vision 2030", "Agenda 2063"):
    such a year says what the plan aims at, it dates nothing the text tells."""
    return _named_by_year().sub(" ", text)


@cache
def _named_by_year() -> re.Pattern[str]:
    """"Vision 2045", "the 2030 Agenda": a plan named by the year it aims at, not a time."""
    nouns = "|".join(vocabulary()["named_by_year"])
    return re.compile(rf"\b(?:{nouns})\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d\s+(?:{nouns})\b",
                      re.IGNORECASE)


# A question's clauses: "when was it, and where?" asks twice; "project timeline - when's
# the tour" once after a dash.
_CLAUSE_END = re.compile(r"[?!.;,]+|\s[-–—]\s")


def date_asked(text: str) -> bool:
    """Whether a question asks for a date or a time: in words that ask for one ("what
    year", "since when", data/answers.json "date_asked"), or by a "when" asking its
    clause's question (data "_when"): "when does it open its doors?", "and when?"; not "when
    measuring a service, what ...?", nor a condition ("when is a standard open?")."""
    words = vocabulary()["date_asked"]
    if any(re.search(p, text, re.IGNORECASE) for p in words["asked"]):
        return True
    clauses = [c.strip().lower() for c in _CLAUSE_END.split(text)]
    asking = [c for c in clauses if _when_asks(c)]
    # "when did it begin, and for how many countries?" asks a count too, which a passage
    # may state apart from the date: a passage stating no date may answer that.
    return bool(asking) and not any(re.search(r"\bhow\b", c) for c in clauses
                                    if c not in asking)


@cache
def _when_inverted() -> re.Pattern[str]:
    words = vocabulary()["date_asked"]
    adverbs = "|".join(words["when_adverbs"])
    auxiliaries = "|".join(words["when_auxiliaries"])
    return re.compile(rf"(?:(?:and|or|so|but)\s+)?(?:(?:by|until|till)\s+)?when"
                      rf"(?:\s+(?:{adverbs}))?(?:\s+during(?:\s+[\w'’-]+){{1,3}}?)?"
                      rf"\s+(?P<verb>{auxiliaries})\b(?P<rest>.*)")


def _when_asks(clause: str) -> bool:
    """Whether one clause, in lower case, asks when (``date_asked``)."""
    if re.search(r"(?:^|\band\s+|\bor\s+)when$", clause):
        return True  # "..., and when", "follow-up training, when?"
    inverted = _when_inverted().match(clause)
    if inverted is None:
        return False
    words = vocabulary()["date_asked"]
    verb, rest = inverted.group("verb"), inverted.group("rest").split()
    if verb not in words["when_present"]:
        return True  # "when did ...", "when will ...": a time, past or to come
    general = "a" in rest or "an" in rest or (
        verb in words["when_plural"] and bool(rest) and rest[0] not in words["when_definite"]
        and not rest[0].endswith(("'s", "’s")))
    return not general

