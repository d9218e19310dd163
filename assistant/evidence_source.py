"""The loaded index as the composers see it: retrieval, evidence scoring, a chunk's
section and neighbours, the countries and documents it holds (``Evidence``, which the
default answer and the modes compose from)."""

from __future__ import annotations

import weakref
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from assistant.country_codes import named_for_codes
from assistant.filters import Filters
from assistant.headings import cover_country, title_slides
from assistant.retrieve import HybridRetriever
from assistant.select import Selection, select
from assistant.settings import Settings
from assistant.types import Chunk, Hit
from assistant.understand import Question
from assistant.unitvec import UnitVectors

_vectors: weakref.WeakKeyDictionary[HybridRetriever, UnitVectors] = weakref.WeakKeyDictionary()
# What is printed before each passage, by chunk id, per loaded index: every question naming
# a country or year asks it of each passage it retrieved (~1,600 times a golden batch).
_titles: weakref.WeakKeyDictionary[HybridRetriever, dict[str, str]] = weakref.WeakKeyDictionary()
_MOST_TITLES = 20000


@dataclass
class Evidence:
    """What the composers need from the loaded index: retrieval and evidence scoring."""

    retriever: HybridRetriever
    settings: Settings
    filters: Filters
    _named: dict[tuple[str, str], bool] = field(default_factory=dict)

    def retrieve(self, query: str, question: Question, k: int | None = None,
                 countries: Sequence[str] | None = None) -> list[Hit]:
        filters = self.filters
        if countries is not None:
            filters = Filters.of(countries=countries, documents=filters.documents,
                                 doc_types=filters.doc_types)
        return self.retriever.retrieve(query, k=k, filters=filters,
                                       boost_countries=question.countries, topic=question.topic,
                                       firsts=True)

    def prepare(self, queries: Sequence[str]) -> None:
        """Embed the queries a composer is about to retrieve with in one batch: a brief's
        sections or a comparison's cells cost half the CPU of one embedding each (vectors
        differ in the 8th decimal; no answer of the four eval sets does). Not a question's
        parts: batched, they changed an outside-set answer. An int8 index's embedder runs
        each text alone: there they are embedded ahead (``embed_ahead``)."""
        self.retriever.prepare(queries)

    def embed_ahead(self, queries: Sequence[str]) -> None:
        """Start embedding queries a composer will retrieve or score with, each alone (a
        question's parts): the composer works on the first while the others are embedded."""
        self.retriever.embed_ahead(queries)

    def select(self, question: Question, hits: Sequence[Hit], about: str | None = None
               ) -> Selection:
        """The units of the hits that may answer, scored; by meaning against ``about``
        when given (the question a part pointing back belongs to), else its own words."""
        if self.retriever not in _vectors:
            _vectors[self.retriever] = UnitVectors(
                self.retriever.embedder.embed, self.settings.units_dir,
                self.settings.answer.unit_cache,
            )
            _vectors[self.retriever].remember(self.retriever.store.unit_vectors_ahead())
        judged = about or judged_text(question, self.retriever.acronyms)
        return select(
            question, hits, self.retriever.vector(judged), _vectors[self.retriever],
            self.retriever.weights.weight,
            self.retriever.acronyms, self.settings.answer, self,
        )

    def titles(self, chunk: Chunk) -> str:
        """What is printed before a passage that may name its country or year: the title
        slides before it, and the country of its document's title page (each passage of
        the Kratt paper is Estonia's, though few name it)."""
        held = _titles.setdefault(self.retriever, {})
        if chunk.id not in held:
            if len(held) >= _MOST_TITLES:
                held.clear()
            slides = title_slides(chunk, self.neighbour)
            own = cover_country(chunk, self.neighbour)
            held[chunk.id] = f"{slides}\n{own}".strip() if own else slides
        return held[chunk.id]

    def document_names(self, source: str, country: str) -> bool:
        """Whether any passage of the document names the country (read once per pair)."""
        key = (source, country)
        if key not in self._named:
            rows = self.retriever.bm25.table.rows_of(countries=[country], documents=[source])
            self._named[key] = bool(rows.any())
        return self._named[key]

    def named_documents(self, text: str) -> list[str]:
        return self.retriever.bm25.table.named_documents(text)

    def section(self, chunk: Chunk) -> list[Chunk]:
        """Every chunk under the same heading of the same document, in reading order."""
        table = self.retriever.bm25.table
        return self.retriever.fetch(table.section_ids(chunk.source, chunk.section))

    def neighbour(self, chunk: Chunk, step: int) -> Chunk | None:
        """The chunk printed ``step`` places after this one in its document (before it
        when negative)."""
        return self.retriever.neighbour(chunk, step)

    @property
    def known_countries(self) -> set[str]:
        return set(self.retriever.countries_in_index)

    def printed(self, term: str) -> bool:
        """Whether any passage of the index holds a (stemmed) term."""
        return self.retriever.weights.known(term)

    def begins_printed(self, term: str) -> bool:
        """Whether a (stemmed) term of the index starts with this one."""
        return self.retriever.weights.commonest_starting(term) is not None

    def supported(self, selection: Selection, share: float = 1.0) -> bool:
        return bool(selection.scored) and (
            selection.support >= share * self.settings.answer.min_support
        )


def judged_text(question: Question, acronyms: Collection[str]) -> str:
    """What units are judged against by meaning: the question's text, but a figure asked
    by code ("BOL's population", whose text keeps the code to look up a table keyed by
    codes) by the country's name, which MiniLM knows ("Bolivia's population")."""
    return named_for_codes(question.text, acronyms) if question.kind == "figure" \
        else question.text
