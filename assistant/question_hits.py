"""The passages a question retrieves: its words without instructions, a second look among
the passages tagged with the country asked, the slides a title names, and for a definition
the term asked alone. One function, used by a whole question and by each of its parts."""

from __future__ import annotations

from assistant.country_codes import named_for_codes
from assistant.evidence_source import Evidence
from assistant.headings import with_titled
from assistant.instructions import without_instructions
from assistant.types import Hit
from assistant.understand import Question


def searched(question: Question) -> list[str]:
    """The texts ``hits_for`` retrieves with for a question: its words without instructions
    and, for a definition, the term asked alone."""
    query = without_instructions(question.text) or question.text
    defined = question.defined if question.kind == "definition" else None
    return [query, defined] if defined else [query]


def hits_for(question: Question, evidence: Evidence, k: int | None) -> list[Hit]:
    query, *term_alone = searched(question)
    hits = evidence.retrieve(query, question, k)
    tagged_seen = any(set(question.countries) & set(h.chunk.countries) for h in hits)
    if question.countries and not evidence.filters.countries and not tagged_seen:
        # Passages tagged with the country asked, though their words differ ("Swiss",
        # "KEN" in a table): a second look restricted to them, so they are reachable.
        known = {h.chunk.id for h in hits}
        tagged = evidence.retrieve(query, question, k, countries=question.countries)
        hits += [h for h in tagged if h.chunk.id not in known]
    # Only a figure's text keeps the codes it is asked by (understand.parse_question).
    named = named_for_codes(query, evidence.retriever.acronyms) if question.kind == "figure" \
        else query
    if named != query:
        # A figure asked by code keeps the code (a table keyed by codes holds it), but a
        # table keyed by names ("Guinea | ... | 6.6") is found by the name: both are looked.
        known = {h.chunk.id for h in hits}
        hits += [h for h in evidence.retrieve(named, question, k) if h.chunk.id not in known]
    hits = with_titled(hits, question.countries, evidence.neighbour)
    if term_alone:
        # A document about the term ("level 1 administrators" in metadata on administrators)
        # names it in every passage, and the question's other words pick any of them: the
        # term asked alone finds the passages that are about it, its glossary entry.
        known = {h.chunk.id for h in hits}
        hits += [h for h in evidence.retrieve(term_alone[0], question, k)
                 if h.chunk.id not in known]
    return hits
