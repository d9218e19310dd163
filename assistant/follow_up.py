"""Follow-ups: a short question read against the previous turn ("And Egypt?", "What
support did they ask for?", "tell me more about the second one")."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from assistant.countries import asked_countries, canonical, find_countries, find_groups
from assistant.country_data import country_of_code
from assistant.follow_up_items import answer_items, item_label, names_item, points, source_quoted
from assistant.knowledge import index_mentions
from assistant.measures import SUPERLATIVE
from assistant.text import terms
from assistant.types import Answer
from assistant.vocabulary import topic_terms, vocabulary

_PRONOUN = re.compile(
    r"\b(they|them|their|it|its|this country|that country|these|those)\b", re.IGNORECASE
)
# The pronouns that stand for a country ("these", "those" stand for things said).
_COUNTRY_POINTER = re.compile(
    r"\b(they|them|their|it|its|this country|that country)\b", re.IGNORECASE
)
# "whats her job title" after "who moderated session 3": the person the turn before asked.
_PERSON_POINTER = re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.IGNORECASE)
_PLURAL = re.compile(r"\b(?:they|them|their|these|those)\b", re.IGNORECASE)
# A place in the previous answer's list: the English ordinal words of data/answers.json (as
# ordinal.py reads them) and "1st" to "10th".
_ORDINALS = {w: n for w, n in vocabulary()["ordinal_words"].items() if not w.startswith("_")}
_ORDINALS |= {f"{n}{'st' if n == 1 else 'nd' if n == 2 else 'rd' if n == 3 else 'th'}": n
              for n in range(1, 11)}
# "is that above ...?", "was this the highest?": the previous answer, pointed at.
_THAT = re.compile(r"^\W*(?:and\s+|so\s+)?(?:is|was|are|were|does|did|how does|how did)\s+"
                   r"(?:that|this)\b(?!\s+(?:country|one)\b)", re.IGNORECASE)
_LAST = ("last", "final")
# "its biggest city", "their national plan": a thing of the subject before, named.
_POSSESSIVE = re.compile(r"\b(?:its|their)\b", re.IGNORECASE)
_OWN_TOPIC = 2  # content words after the possessive that name what is asked
# "was no. 1", "ranked number 2": a marker after a verb of being or ranking is a rank held,
# not a place in the list before.
_RANK_HELD = "".join(rf"(?<!\b{verb} )" for verb in ("is", "was", "are", "were", "be", "been",
                                                      "ranked", "ranks", "rank", "placed"))
_ORDINAL = re.compile(
    rf"\bthe ({'|'.join([*_ORDINALS, *_LAST])})\b(?: one| item| stage| point)?"
    rf"|(?<!\w){_RANK_HELD}(?:{'|'.join(vocabulary()['follow_up_pointers']['marker'])})"
    rf"\s*(\d{{1,2}})\b",
    re.IGNORECASE,
)

# A follow-up that goes on from the turn before ("now a few on X", "and their cities?",
# "ok now the same for Y": an acknowledgement first).
_GOES_ON = re.compile(r"^\W*(?:(?:ok(?:ay)?|right|great|thanks|cool)\W+)?"
                      r"(?:and|now|also|then|what about|how about|same)\b", re.IGNORECASE)
_CARRIED_MODES = ("compare", "prompts")
_SHORT = 2  # content words of a follow-up that only names the next thing asked
_OWN_QUESTION = 3  # content words, not the turn before's, that make a follow-up a question


def resolve_follow_up(asked: str, history: Sequence[Answer],
                      spelled_out: Collection[str] = ()) -> str:
    """Read a short follow-up against the previous turn.

    "And Egypt?" after "What is Indonesia's EGDI score?" -> "What is Egypt's EGDI score?";
    "What support did they ask for?" after a question on Nigeria -> adds "(Nigeria)".
    A country named by its ISO code ("and SGP?") is named as by its name; ``spelled_out``:
    the abbreviations the documents spell out, which are no codes.
    """
    if not history:
        return asked
    previous = _read(history[-1])
    asked = edition_named(asked, previous)
    new_countries = asked_countries(asked, spelled_out)
    old_countries = asked_countries(previous, spelled_out)
    rest = set(topic_terms(asked, new_countries)) - _FILLERS
    swapped = _swapped(asked, previous, rest) if not new_countries else None
    if swapped:
        return swapped
    if not new_countries and not rest and not _ORDINAL.search(asked):
        # "why?", "who said that?", "can you elaborate": a follow-up naming nothing asks
        # about what the turn before asked (not its answer's words: their years, figures
        # and countries would be read as asked).
        return f"{asked} ({previous})"
    if new_countries:
        anew = _of_new_countries(asked, previous, new_countries, old_countries, rest)
        if anew:
            return anew
    ordinal = _ORDINAL.search(asked)
    if ordinal and not new_countries:
        return _of_ordinal(asked, ordinal, history[-1], previous)
    points_back = _PRONOUN.search(asked) or _PERSON_POINTER.search(asked) or _THAT.search(
        asked) or points(
        asked, "thing") or (old_countries and points(asked, "place"))
    which = _countries_asked(previous)
    answered = (find_countries(history[-1].answer)
                if not old_countries and not history[-1].abstained else [])
    if not new_countries and answered and (
            (which and points_back) or (len(answered) > 1 and _PLURAL.search(asked))):
        # "and their ranks?" after "which countries are in the middle group?" (or after
        # any question whose answer named several countries, "name the ones in the high
        # group"): they are the countries its answer named, and what was asked of them
        # still holds. First: the answer's quotes may list words the follow-up repeats.
        said = f"{previous[:which.start()]}{previous[which.end():]}".strip() if which else previous
        return f"{asked} ({', '.join(answered)} {said})"
    quoted = source_quoted(asked, history[-1])
    if quoted and not new_countries:
        # "anything in there about the countryside?": in the passage the answer quoted.
        return f"{asked} ({quoted})"
    if not new_countries and names_item(history[-1], rest):
        # "what goes under usage?" after a list with "- Usage – ...": an item of what the
        # turn before asked for (its words, not the item's, which may ask for a figure).
        return f"{asked} ({previous})"
    owned = _POSSESSIVE.search(asked)
    # After a comparison, whose words were its countries and a measure, one word names
    # what is compared next ("and their cities?").
    own_topic = 1 if history[-1].mode in _CARRIED_MODES else _OWN_TOPIC
    if not new_countries and old_countries and owned and len(
            set(topic_terms(asked[owned.end():]))) >= own_topic:
        # "and its biggest city on local services?" after Pakistan's EGDI rank: what is
        # asked is named; "its" is the country's, the previous measure is not.
        return named_in_place(asked, old_countries)
    # A brief is about its country: "what awards did it get?" after one points at the
    # country, not at the words that asked for a brief.
    briefed = history[-1].mode == "brief"
    asks_anew = bool(old_countries) and _asks_anew(asked, previous, rest)
    if (not new_countries and points_back and not _names_aspect(asked) and not briefed
            and not asks_anew):
        # "how many did they list in total?", "is that above the world average?": what
        # they point at is what the previous question asked about, not only its country.
        return f"{asked} ({previous})"
    # "and the LOSI?" after Egypt's EGDI: a short follow-up going on names what is asked
    # next of the same countries (after a comparison or prompts, whatever its length).
    goes_on = _GOES_ON.search(asked) and (
        history[-1].mode in _CARRIED_MODES or len(rest) <= _SHORT)
    if not new_countries and old_countries and (points_back or goes_on):
        # "what about on local online services?" after a comparison compares the same
        # countries on it.
        return named_in_place(asked, old_countries)
    return asked


def edition_named(asked: str, previous: str) -> str:
    """A follow-up pointing at the edition the turn before named by its year ("what's
    changing in that edition" after the 2014 survey: "in the 2014 edition"; "that year":
    "in 2014"), so its year is asked; as asked when the turn before named no one year."""
    years = set(_YEAR.findall(previous))
    if len(years) != 1 or _YEAR.search(asked):
        return asked
    year = years.pop()
    for pattern in vocabulary()["follow_up_pointers"]["edition"]:
        found = re.search(pattern, asked, re.IGNORECASE)
        if found:
            noun = found.group("noun")
            named = f"in {year}" if noun.lower() == "year" else (
                f"{found.group('in') or ''}the {year} {noun}")
            return f"{asked[:found.start()]}{named}{asked[found.end():]}"
    return asked


def _of_new_countries(asked: str, previous: str, new_countries: Sequence[str],
                      old_countries: Sequence[str], rest: set[str]) -> str | None:
    """A follow-up naming countries of its own, read against the turn before; None when
    it is a question of its own."""
    if old_countries and not set(new_countries) & set(old_countries) and any(
            re.search(p, asked, re.IGNORECASE) for p in vocabulary()["modes"]["compare"]) and (
            len(new_countries) == 1 and not find_groups(asked)
            and (len(rest) <= _SHORT or _PRONOUN.search(asked) or _THAT.search(asked))):
        # "compare that with Egypt", "how does Egypt stack up?" after Turkey's opportunities:
        # one country is named, the other is the turn before's, and so is what is compared
        # (unless the follow-up names what: "turkey vs them: what support did each ask?").
        # A comparison naming its own sides or measure ("how does Nigeria's LOSI compare
        # with the D-8 average?", "Turkey vs Malaysia", "... against the rest of the D-8")
        # is a question of its own.
        if _names_aspect(asked) or _asks_anew(asked, previous, rest):
            return named_in_place(asked, old_countries)
        return f"{asked} ({previous})"
    if rest:
        return None
    if len(old_countries) > len(new_countries):
        # "and Egypt?" after a comparison of two: Egypt joins them, not replaces both.
        return f"{previous} ({', '.join(new_countries)})"
    if old_countries:
        resolved = previous
        for old in old_countries:
            resolved = _replace_country(resolved, old, " and ".join(new_countries))
        if resolved != previous:
            return resolved
    return f"{previous} ({', '.join(new_countries)})"


def _of_ordinal(asked: str, ordinal: re.Match[str], turn: Answer, previous: str) -> str:
    """A follow-up pointing at a place in the previous answer's list or series."""
    items = answer_items(turn)
    word = (ordinal.group(1) or "").lower()
    position = -1 if word in _LAST else (_ORDINALS[word] if word else int(ordinal.group(2))) - 1
    if items and position < len(items):
        item = items[position]
        # "what does the last one mean?" after "- 4. Connected: ...": "what does
        # Connected mean?", so the item's name is what is asked about.
        named = item_label(item)
        if named:
            asked = f"{asked[:ordinal.start()]}{named}{asked[ordinal.end():]}"
        return f"{asked} ({item})"
    renumbered = _renumbered(previous, position + 1) if word not in _LAST else None
    if renumbered:
        # "And the fourth?" after "What is stage 2 of ...?": the same question of stage 4.
        beside = f"{asked[:ordinal.start()]} {asked[ordinal.end():]}"
        own = set(topic_terms(beside)) - _FILLERS
        return f"{asked} ({renumbered})" if own else renumbered
    # The list was not given as bullets ("A, B, C and D [1]", dated titles): the one
    # meant is in the passage pointed at ("the last phase on that slide"), else among what
    # the previous question asked for.
    return f"{asked} ({source_quoted(asked, turn) or previous})"


def _asks_anew(asked: str, previous: str, rest: set[str]) -> bool:
    """Whether a follow-up pointing back with a pronoun asks a question of its own: words
    enough that the turn before did not have ("by how much does it aim to raise the ICT
    sector's share of GDP?" after Egypt's EGDI). Its pronoun then stands for the country
    only: the words the turn before asked with would pull the answer back to their topic.
    "That" points at the answer before ("is that above the world average?")."""
    return not _THAT.search(asked) and len(rest - set(topic_terms(previous))) >= _OWN_QUESTION


def named_in_place(asked: str, countries: Sequence[str]) -> str:
    """The follow-up (or a question's later part, ``parts.question_parts``) with the one
    country before named where its first pointer stands ("what did this country want?" ->
    "what did Egypt want?"), as if asked outright: left in, "this country" is read as words
    asked about. Several countries, or no pointer ("and the LOSI?"): they follow it."""
    pointer = _COUNTRY_POINTER.search(asked)
    if len(countries) != 1 or not pointer:
        return f"{asked} ({', '.join(countries)})"
    # A name put into the asker's words takes their case: "turkey or that country" stays a
    # question typed in lower case, whose names are read so.
    name = countries[0].lower() if asked == asked.lower() else countries[0]
    name += "'s" if pointer.group().lower() in ("its", "their") else ""
    return f"{asked[:pointer.start()]}{name}{asked[pointer.end():]}"


def _read(turn: Answer) -> str:
    """The turn before as it was understood: a follow-up of a follow-up ("and their
    opportunities?" after "and what help do they need?" after Malaysia's challenges)
    points at what that turn was read as, not at its bare words."""
    return str(turn.extras.get("resolved_question") or turn.question)


def carried_mode(asked: str, history: Sequence[Answer], countries: Sequence[str]) -> str | None:
    """The mode a follow-up that asks for none continues: "and their cities?" after a
    comparison compares the cities, "now a few on cybersecurity" after prompts asks for
    prompts; the words that chose the mode were typed in the turn before. A brief is not
    carried: "what about their challenges?" after one asks for that section alone."""
    if not history or history[-1].mode not in _CARRIED_MODES:
        return None
    if history[-1].mode == "compare" and len(countries) < 2:
        return None  # "and Egypt's rank?": one country is no comparison
    goes_on = _GOES_ON.search(asked) or _PRONOUN.search(asked)
    return history[-1].mode if goes_on else None


# What a short follow-up adds to what it names ("same for Iran", "and in 2018?").
_FILLERS = frozenset(t for w in vocabulary()["follow_up_fillers"] for t in terms(w)) | {
    "and", "about", "what"}
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def _swapped(asked: str, previous: str, rest: set[str]) -> str | None:
    """The turn before asked anew of what a follow-up names instead, when that is all it
    says: "and in 2018?" after "What was Egypt's score in 2020?" asks of 2018; "and the
    lowest?" after "Which city has the highest LOSI?" asks of the lowest."""
    years = _YEAR.findall(asked)
    if years and rest <= set(years):
        if _YEAR.search(previous):
            return _YEAR.sub(lambda _: " and ".join(years), previous, count=1)
        return f"{previous.rstrip(' ?')} in {' and '.join(years)}?"
    extreme = SUPERLATIVE.search(asked)
    if extreme and rest <= set(terms(extreme.group(0))):
        if SUPERLATIVE.search(previous):
            return SUPERLATIVE.sub(extreme.group(0).lower(), previous, count=1)
        if not _ORDINAL.search(asked):  # "the last one" is a place in the list
            # "what's the highest?" after the cities' scores: the extreme of what it listed.
            return f"{asked} ({previous})"
    # "same question for e-participation", "and for LOSI?" after the EGDI leaders: the
    # turn before asked of the index named instead.
    named, before = index_mentions(asked), index_mentions(previous)
    if len(named) == 1 and before and rest <= set(terms(named[0][0].group())) and not set(
            named[0][1]) & {i for _, ids in before for i in ids}:
        old = before[0][0]
        return f"{previous[:old.start()]}{named[0][0].group()}{previous[old.end():]}"
    return None


# "stage 2", "level 3", "step 10": a thing of a numbered series (no year, no figure).
_NUMBERED = re.compile(r"\b([^\W\d_]{3,})\s+(\d{1,2})\b(?![.,]\d)")
_ORDINAL_THING = re.compile(rf"\b({'|'.join(_ORDINALS)})\s+(?=[^\W\d_]{{3,}})", re.IGNORECASE)


def _renumbered(previous: str, number: int) -> str | None:
    """The previous question asked of another place in its series: "What is stage 2 of
    ...?" with 4 is "What is stage 4 of ...?", "the second stage" becomes "the 4th stage";
    None when it asked of no numbered thing."""
    numbered = _NUMBERED.search(previous)
    if numbered:
        return f"{previous[:numbered.start(2)]}{number}{previous[numbered.end(2):]}"
    ordinal = _ORDINAL_THING.search(previous)
    if ordinal:
        word = next(w for w, n in _ORDINALS.items() if n == number and w.isalpha())
        return f"{previous[:ordinal.start(1)]}{word}{previous[ordinal.end(1):]}"
    return None


def _countries_asked(text: str) -> re.Match[str] | None:
    """The words asking which country or countries ("which country", "what delegations")."""
    return next((m for p in [*vocabulary()["country_asked"], *vocabulary()["countries_asked"]]
                 if (m := re.search(p, text, re.IGNORECASE))), None)


def _names_aspect(text: str) -> bool:
    """Whether a follow-up names an aspect of its own ("what help do they need?"): then
    only the country of the previous turn carries over, not what it asked about."""
    lower = text.lower()
    return any(re.search(rf"\b{cue}", lower) for spec in vocabulary()["aspects"].values()
               for cue in [*spec["cues"], *spec.get("weak_cues", [])])


def _replace_country(text: str, country: str, replacement: str) -> str:
    """Replace every mention of a country (any variant, demonym or alpha-3 code) with
    another name."""
    out = []
    for token in re.split(r"(\W+)", text):
        base = re.sub(r"['’]s$", "", token)
        if base and (canonical(base) or len(base) == 3 and country_of_code(base)) == country:
            token = replacement + token[len(base):]
        out.append(token)
    joined = "".join(out)
    if country in find_countries(joined):
        joined = re.sub(re.escape(country), replacement, joined)
    return joined


def owner_pointer(text: str) -> bool:
    """Whether text names what it asks as something's own ("what is its EGDI?")."""
    return _POSSESSIVE.search(text) is not None


def pronoun_in(text: str) -> bool:
    """Whether text points at something said before it ("they", "it", "this country")."""
    return _PRONOUN.search(text) is not None


def words_before_pronoun(text: str) -> str | None:
    """The words before a text's first pronoun ("what is planned for" in "what is planned
    for them?"); None when it has none."""
    match = _PRONOUN.search(text)
    return text[:match.start()] if match else None


def own_words(asked: str, resolved: str) -> str | None:
    """The words of a follow-up read with the turn before in brackets, when they name a
    question of their own ("and were they likely to put the lessons into practice?" after
    "how many rated it very satisfactory?"): what kind of answer they ask for is theirs,
    the turn before only says whom "they" are. None when it was read otherwise or names
    too little ("why?", "how many did they list in total?" asks as the turn before)."""
    if not (resolved.startswith(f"{asked} (") and resolved.endswith(")")):
        return None
    own = set(topic_terms(asked)) - _FILLERS
    return asked if len(own) >= _OWN_QUESTION else None
