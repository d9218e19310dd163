"""Whether a country's row holds the field a question about it asks, whatever kind of
answer is asked: a column, its caption or heading names what is asked (not by a word that
modifies another noun there: "national anthem" is no "National Assembly"). Part of the
select stage's admissibility (admissible.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from functools import lru_cache
from itertools import pairwise

from assistant.cities import cities_named
from assistant.countries import without_countries
from assistant.evidence import FIELD, Evidence, units
from assistant.knowledge import index_name_stems
from assistant.measures import same_measure, unit_words
from assistant.text import STOPWORDS, terms
from assistant.types import Chunk
from assistant.understand import Question
from assistant.vocabulary import ASKING_TERMS, topic_terms, vocabulary, vocabulary_terms


def holds_field_asked(question: Question, unit: Evidence) -> bool:
    """Whether a country's row holds what a question about it asks: the question's own
    words other than its document's name ("ISO country code" of "the index of states"), or
    a word naming the same measure ("how many people": "Population"; data/answers.json
    "measure_synonyms"), name its column, caption or heading. A question naming only the
    table ("Kenya in the index of states", "Kenya's legal system in the index of legal
    systems") asks for the row as it is. The words naming the index as the asker puts it
    ("the world legal systems index"), an index the data files know and a word for a table
    ("the EGDI table"; data/answers.json "table_nouns") name the table, not a column.
    Whatever kind of answer is asked: Kazakhstan's population and GDP list no capital
    city, give no size of its territory."""
    if not question.countries or question.mode:
        return True  # a brief or a comparison asks for the rows as they are
    chunk = unit.chunk
    asked = set(topic_terms(question.text, question.countries)) - set(
        terms(f"{chunk.document} {chunk.source}")) - set(question.index_words) - (
        index_name_stems(question.indices)) - vocabulary_terms("table_nouns")
    asked |= set(question.measure)  # "how many people live in X": its population
    # The unit asked ("in billions") is a column's unit ("GDP (billions)"), not its name.
    asked -= set(terms(question.unit or "")) - set(question.measure)
    if not asked:
        return True
    printed = set(terms(unit.context))
    changes = vocabulary_terms("measure_changes") & set(terms(question.text))
    if changes and not changes <= printed:
        return False  # "Sri Lanka's GDP growth rate": a column "GDP (billions)" is no growth
    # Each measure of a list is named by a column or a cell; the caption's words name the
    # table ("the states index"), not a measure.
    columns = set(terms(f"{unit.header or ''} {unit.text}"))
    caption = set(terms(unit.caption or ""))
    if question.kind == "figure" and any(
            (measure - caption) and not same_measure(measure - caption) & columns
            for measure in measures_listed(question, asked)):
        return False  # "population and forest cover (billions)": no column of forests
    named = set(same_measure(asked)) & printed
    # The row's country is its entity, not a word narrowing the field: "the Senegalese
    # sample" asks Senegal's "Sample", whose row never prints "Senegalese".
    text = without_countries(question.text, question.countries)
    return bool(named - _modifying_another(text, unit, named) - _head_of_another(text, unit, named))


# The words and marks of a question, for reading the items of a list asked.
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*|[^\w\s]")
# What joins the measures of a list asked: "population, GDP and forest cover", "pop +
# tourist arrivals".
_LIST_JOINTS = frozenset({",", ";", "&", "+", "and", "plus"})
# An item of a list is at most this many words ("number of cinemas", "forest cover").
_ITEM_WORDS = 3


def measures_listed(question: Question, asked: Collection[str]) -> list[frozenset[str]]:
    """The terms of each measure a figure question lists, when it lists two or more
    ("population (millions) and forest cover (billions)" -> {popul}, {forest, cover}), each
    to be named by the row: a row holding one of them does not answer the other. An item is
    the words either side of a joint up to a stopword or a mark ("which population and GDP
    numbers does ..."), both naming a field; a clause after "and" opening with an asking
    word lists nothing.
    Brackets and a unit's words are left out ("(billions)", "in %": columns of other
    measures print them too), and so are words naming only a figure ("the number in
    millions") or a qualifier; of the rest only ``asked``, the question's words naming a
    field."""
    text = re.sub(r"\([^()]*\)", " ", without_countries(question.text, question.countries))
    units = {t for name in vocabulary()["units"] if not name.startswith("_")
             for t in unit_words(text, name)}
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    # A name is a row's entity, not a field: "local online services, dhaka or karachi".
    names = set(terms(" ".join([*question.names, *(c for c, _ in cities_named(text))])))

    unnamed = vocabulary_terms("figure_nouns") | vocabulary_terms("figure_qualifiers")

    def field(words: list[str]) -> frozenset[str]:
        return frozenset(set(terms(" ".join(words))) & set(asked) - units - unnamed - names)
    # A joint lists measures when a field is named either side: "of legal and
    # constitutional systems print" joins the words of a name, not two fields.
    joined = [(field(_item(reversed(tokens[:i]))), field(_item(tokens[i + 1:])))
              for i, token in enumerate(tokens) if token in _LIST_JOINTS]
    listed = list(dict.fromkeys(item for pair in joined if all(pair) for item in pair))
    if len(listed) < 2:
        return []
    # An item is named by its synonyms too ("position": Global Rank).
    groups = [*question.alternatives, vocabulary_terms("position_words")]
    return [m.union(*(g for g in groups if m & set(g))) for m in listed]


def _item(words: Iterable[str]) -> list[str]:
    """The words of a list's item from its joint on: up to a stopword ("of" joins a measure's
    words: "number of cinemas"), a mark or another joint."""
    taken: list[str] = []
    for word in words:
        if len(taken) == _ITEM_WORDS or not word[0].isalpha() or word in _LIST_JOINTS or (
                word in STOPWORDS and word != "of"):
            break
        taken.append(word)
    return taken




def _head_of_another(question: str, unit: Evidence, named: set[str]) -> set[str]:
    """The terms of ``named`` that the question asks for as a noun another word narrows
    ("what is the capital city"), that word printed nowhere in the unit's frame: a column
    "City" of the most populous cities is no capital city. A word qualifying a figure
    ("total", "annual"; data/answers.json figure_qualifiers) narrows nothing."""
    printed = set(terms(unicodedata.normalize("NFKC", unit.context)))  # "Ofﬁcial": "fi"
    asked = _modified(*_ASKED_PHRASE.findall(question))
    return {t for t in named if any(t in heads and modifier not in printed
                                    and modifier not in vocabulary_terms("figure_qualifiers")
                                    for modifier, heads in asked.items())}



def _modifying_another(question: str, unit: Evidence, named: set[str]) -> set[str]:
    """The terms of ``named`` that name a column of the row only as a word modifying another
    noun there than in what the question asks for, and nowhere else in the unit's frame:
    "national" of "what national anthem" in "National Assembly", "poll" of "what is the poll
    tax" in "Polling Company" name another thing by accident. "What lower house" and "Lower
    House" modify one noun; "Official Languages" is a column of languages."""
    header = unit.header or ""
    rest = set(terms(unit.context.replace(header, " ")))
    columns = [c for c in re.split(r"[|/&()]", header) if c.strip()]
    # A column's last word is what it is ("Official Languages"), whatever precedes it.
    heads = {found[-1] for c in columns if (found := terms(c))}
    asked, printed = _modified(*_ASKED_PHRASE.findall(question)), _modified(*columns)
    return {t for t in named if t not in rest and t not in heads and t in asked
            and t in printed and not asked[t] & printed[t]}


# What a question asks for, named right after its asking word: "what national anthem ...",
# "which polling station", "what is the poll tax"; not "which cities did the poll cover".
_ASKED_PHRASE = re.compile(r"\b(?:what|which)\s+(?:(?:is|are|was|were)\s+)?(?:(?:the|a|an)\s+)?"
                           r"([^\W\d_]+\s+[^\W\d_]+)", re.IGNORECASE)


def _modified(*texts: str) -> dict[str, set[str]]:
    """Each term of the texts that modifies the word right after it (a space between, no
    stopword nor asking word): {"nation": {"anthem"}} for "national anthem"."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for first, second in re.findall(r"(?=\b([^\W\d_]+)\s+([^\W\d_]+))", text):
            head, after = terms(first), terms(second)
            if len(head) == 1 and after and after[0] not in STOPWORDS | ASKING_TERMS:
                found.setdefault(head[0], set()).add(after[0])
    return found


# A form's field printed empty: a label of up to four words, nothing after its colon.
_EMPTY_FIELD = re.compile(r"^((?:\S+\s+){0,3}\S+):$")
# The fields ("Duration: 01/2022 - 03/2025") that make a passage a form.
_FORM_FIELDS = 2


def field_left_empty(question: Question, chunks: Iterable[Chunk]) -> frozenset[str]:
    """The terms of the field a question asks by its label that a form among the passages
    prints empty, the next field right under it ("Partner Countries:", then "Implementing
    Partners: ITU, DIAL, EstDev"); empty when none does. The form's other fields answer
    other labels, however close they sound ("which are the partner countries?"), as a
    row's blank cell gives no figure of its column."""
    asked = set(terms(question.text))
    return next((label for chunk in chunks for label in _empty_labels(chunk)
                 if label <= asked), frozenset())


@lru_cache(maxsize=4096)
def _empty_labels(chunk: Chunk) -> tuple[frozenset[str], ...]:
    """The terms of each label a form's passage prints empty (none when it is no form)."""
    lines = units(chunk)
    if sum(bool(FIELD.match(u.text)) for u in lines) < _FORM_FIELDS:
        return ()
    return tuple(frozenset(terms(label.group(1))) for line, below in pairwise(lines)
                 if (label := _EMPTY_FIELD.match(line.text.strip())) and line.kind == "sentence"
                 and FIELD.match(below.text) and terms(label.group(1)))
