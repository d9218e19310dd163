"""The things a count question counts: "how many national roadmaps, technical training
modules and e-government services are planned?" counts three, each answered by its own
quote ("Development of 3 National Roadmaps", "Identification of 5 e-Government Services");
the words counting the same things; the numbers in a text counting other things than the
ones asked ("seven forms" for tax administrations), and those counting nothing (a
footnote's)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.evidence import Evidence, units
from assistant.text import NUMBER, STOPWORDS, terms
from assistant.vocabulary import QUESTION_WORDS, spelled_numbers, vocabulary

if TYPE_CHECKING:
    from assistant.understand import Question

# A plural noun of up to three words joined to the one before by a comma, "and" or "or".
_JOINED = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
                     r"((?:(?!(?:and|or)\b)[a-z-]+\s+){0,2}[a-z-]{3,}s)\b", re.IGNORECASE)
# The first thing "how many" counts: a plural noun, with one word before it.
_FIRST = re.compile(r"\bhow many\s+((?:(?!(?:and|or)\b)[a-z-]+\s+)?[a-z-]{3,}s)\b",
                    re.IGNORECASE)

COUNT_WORD = re.compile(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|hundred|thousand|million|billion|dozen|twice|thrice|first|second|third|"
    r"\d{1,3}(?:st|nd|rd|th))\b",  # a rank is a figure too: "ranked 1st", "the third"
    re.IGNORECASE,
)
# A count asked ("how many countries"); a ranking's words count one another ("places").
COUNT_ASKED = re.compile(r"\bhow many\b|\bnumber of\b", re.IGNORECASE)
# An amount asked ("how much is the contract?"): a year or a date is none.
AMOUNT_ASKED = re.compile(r"\bhow much\b", re.IGNORECASE)
_NOT_MEASURES = frozenset(vocabulary()["not_measures"]["words"])
_POSITION_TERMS = frozenset(terms(" ".join(vocabulary()["position_words"]["words"])))


def joined_counts(rest: str) -> list[list[str]]:
    """The words of each plural noun joined to a counted one at the start of ``rest``
    (", technical training modules and e-government services are planned"), up to an
    asking word or a stopword: "how many countries, and which scored best?" counts one."""
    phrases: list[list[str]] = []
    while joined := _JOINED.match(rest):
        phrase: list[str] = []
        end = joined.start(1)
        for word in re.finditer(r"[a-z-]+", joined.group(1), re.IGNORECASE):
            if word.group().lower() in QUESTION_WORDS or word.group().lower() in STOPWORDS:
                break
            phrase.append(word.group().lower())
            end = joined.start(1) + word.end()
        if not phrase or not phrase[-1].endswith("s"):
            break
        phrases.append(phrase)
        rest = rest[end:]
    return phrases


def things_counted(question: str) -> list[frozenset[str]]:
    """The terms of each thing a "how many" question counts, the first and those joined to
    it; [] when it counts none."""
    first = _FIRST.search(question)
    if first is None:
        return []
    return [frozenset(terms(first.group(1))), *(
        frozenset(terms(" ".join(p))) for p in joined_counts(question[first.end():]))]


def one_per_thing(question: str, chosen: Sequence[Evidence]) -> list[Evidence]:
    """The quotes of a count of several things, in order, each counting a thing no quote
    before it names ("Concept for 3 Technical Training Modules" after "Development of 3
    Technical Training Modules" adds nothing); [] when the question counts one thing."""
    things = things_counted(question)
    if len(things) < 2:
        return []
    kept: list[Evidence] = []
    named: set[frozenset[str]] = set()
    for unit in chosen:
        found = {t for t in things if t <= set(terms(unit.context))} - named
        if found:
            kept.append(unit)
            named |= found
    return kept


def synonyms_counting(question: Question) -> frozenset[str]:
    """The synonyms of a question's measure that count the same things ("editions" for
    "versions"), less those counting only a part of them: "4 respondents" are not the
    participants asked (data/answers.json "counted_parts")."""
    measure = set(question.measure)
    synonyms = set().union(*(g for g in question.alternatives if measure & set(g)))
    return frozenset(synonyms - {part for part, wholes in _counted_parts().items()
                                 if measure & wholes and part not in measure})


@lru_cache(maxsize=1)
def _counted_parts() -> dict[str, frozenset[str]]:
    """Each word counting a part of what its words count, as terms."""
    return {term: frozenset(t for w in wholes for t in terms(w))
            for part, wholes in vocabulary()["counted_parts"]["parts"].items()
            for term in terms(part)}


# A number opening a line, then a capitalised word: "14 The service is under
# development.", "17 Government Decision no. 330/2012 ...".
_NOTE_MARK = re.compile(r"^\s*(\d{1,3})\s+([A-Z][a-z]*)\b")


def without_note_mark(unit: Evidence, text: str) -> str:
    """The text without the number a footnote or a numbered line opens with: one a
    capitalised stopword follows ("14 The service ...", "2 This is because ..."), which
    never follows a count, or one of a run its passage numbers ("13 ...", "14 ...", or
    "8. Connected services" above "9 Similar services")."""
    mark = _NOTE_MARK.match(text)
    if mark is None:
        return text
    number = int(mark.group(1))
    # Looked for in its passage's lines as printed (an item's "8." is no part of its unit)
    # and as units (a line wrapped in the middle is one unit).
    lines = "\n".join([unit.chunk.text, *(u.text for u in units(unit.chunk))])
    if mark.group(2).lower() in STOPWORDS or re.search(
            rf"(?m)^\s*(?:{number - 1}|{number + 1})[.)]?\s+[A-Z]", lines):
        return text[mark.start(2):]
    return text


def counts_measure(question: Question, text: str) -> bool:
    """Whether a sentence counts what a "how many" question asks about: a number the
    question does not state, joined to the measure by at most two words ("of 38
    countries" for "how many countries", against "of each country", which only names it)."""
    if not question.measure or not COUNT_ASKED.search(question.text):
        return False
    measure = _counted_terms(question)
    asked = set(NUMBER.findall(question.text))
    return any(found.group(1) not in asked and measure & set(terms(found.group(2)))
               for found in counted_phrases().finditer(text))


def _counted_terms(question: Question) -> frozenset[str]:
    """The words that name what a count question counts: its measure, the measure's
    synonyms ("editions" for "versions"), and one word of a ranking for another ("by 8
    positions" for "how many places")."""
    measure = set(question.measure) | synonyms_counting(question)
    if measure & _POSITION_TERMS:
        measure |= _POSITION_TERMS
    return frozenset(measure)


def without_other_counts(question: Question, text: str) -> str:
    """The text without the counts of things a count question does not name: "seven
    forms" and "four international organizations" do not say how many tax
    administrations; "38 in total" may; "7 levels" answers "how many skills, categories
    and levels" ("levels" is a word of the question)."""
    if not question.measure:
        return text
    # What the question names ("ISORA") is no thing counted: "35 percent of ISORA
    # participants" is a share of participants.
    named = set(terms(" ".join((*question.acronyms, *question.names))))
    head, aside = _counted_noun(question.text)
    measure = (_counted_terms(question) | (set(question.topic) - named) | head) - aside

    def other(found: re.Match[str]) -> bool:
        words = found.group(2).split()
        return bool(terms(words[0])) and not measure & set(terms(found.group(2)))
    # A number labelling an item ("Category 4", "Level 3") counts nothing but items of its
    # kind: it says no number of services. Labels first: "the 142 questions in Sections Two
    # through Five" counts questions, and its sections are labelled, not counted.
    text = _labelled().sub(lambda m: m.group() if measure & set(terms(m.group(1))) else " ",
                           text)
    return counted_phrases().sub(lambda m: " " if other(m) else m.group(), text)


@lru_cache(maxsize=1)
def _labelled() -> re.Pattern[str]:
    """A number after a noun labelling an item (data/answers.json "item_labels"), or
    after the noun and a number sign ("Decision no. 330")."""
    labels = "|".join(vocabulary()["item_labels"]["words"])
    # "Decision no. 330/2012": a number sign may stand between the noun and its number;
    # "Sections Two through Five": a span of labels, in words too.
    number = rf"(?:\d+|[IVX]+|(?:{spelled_numbers()})\b)"
    return re.compile(rf"\b({labels})s?\s+(?:(?:no|nr|n°)\.?\s*)?{number}"
                      rf"(?:\s*(?:-|–|through|to|and)\s*{number})?\b(?![.,]\d)",
                      re.IGNORECASE)


# "how many government IT practitioners": the plural noun ending the phrase is what is
# counted, the words before it say which ones.
_COUNTED_NOUN = re.compile(r"\bhow many\s+((?:[\w-]+\s+){0,3}?)([^\W\d_]{3,}s)\b", re.IGNORECASE)


@lru_cache(maxsize=256)
def _counted_noun(question: str) -> tuple[frozenset[str], frozenset[str]]:
    """What a count question counts, and the words counting something else: the
    counted noun's modifiers ("5 e-Government Services" for "how many government IT
    practitioners") and what the question itself numbers ("the 9 technical trainings":
    "3 technical training modules" counts no practitioners). Empty when no plural noun ends
    the phrase ("how many staff")."""
    found = _COUNTED_NOUN.search(question)
    if found is None:
        return frozenset(), frozenset()
    before = [w.lower() for w in found.group(1).split() if not w.isupper()]  # "IT" is no "it"
    head = frozenset(terms(found.group(2)))
    if not head or any(w in STOPWORDS or w in _NOT_MEASURES for w in before):
        return frozenset(), frozenset()  # "how many people use e-services": not one phrase
    given = {t for m in counted_phrases().finditer(question) for t in terms(m.group(2))}
    return head, frozenset((set(terms(found.group(1))) | given) - head)


@lru_cache(maxsize=1)
def counted_phrases() -> re.Pattern[str]:
    """A number, then the next three words at most: "38 countries", "109 budget
    transparency questions", "five levels". A year ("the 2023 questions") names an edition,
    not a count."""
    return re.compile(rf"(?<![\w.,])(?!(?:19|20)\d\d\b)(\d+(?:,\d{{3}})*|(?:{spelled_numbers()})\b)"
                      r"((?:\s+[^\W\d_][\w'’-]*){1,3})", re.IGNORECASE)
