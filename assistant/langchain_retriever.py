"""The hybrid retriever as a LangChain ``BaseRetriever``, for use in other chains."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.filters import Filters
from assistant.retrieve import HybridRetriever
from assistant.settings import Settings, get_settings


class PolicyRetriever(BaseRetriever):
    """Returns ``Document``s whose metadata carries the provenance of each chunk.

    >>> retriever = PolicyRetriever.from_settings(k=4, countries=["Egypt"])  # doctest: +SKIP
    >>> retriever.invoke("requested support")[0].metadata["page"]  # doctest: +SKIP
    8
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)
    hybrid: Any  # HybridRetriever (a plain dataclass, not a pydantic model)
    k: int = 8
    filters: Filters = Filters()

    @classmethod
    def from_settings(
        cls,
        settings: Settings | None = None,
        *,
        k: int = 8,
        countries: Sequence[str] = (),
        documents: Sequence[str] = (),
        doc_types: Sequence[str] = (),
    ) -> PolicyRetriever:
        hybrid = HybridRetriever.open(settings or get_settings())
        filters = Filters.of(countries=countries, documents=documents, doc_types=doc_types)
        return cls(hybrid=hybrid, k=k, filters=filters)

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        hits = self.hybrid.retrieve(query, k=self.k, filters=self.filters)
        return [
            Document(
                page_content=hit.chunk.text,
                metadata={
                    "id": hit.chunk.id,
                    "document": hit.chunk.document,
                    "source": hit.chunk.source,
                    "page": hit.chunk.page,
                    "section": hit.chunk.section,
                    "doc_type": hit.chunk.doc_type,
                    "year": hit.chunk.year,
                    "countries": list(hit.chunk.countries),
                    "score": hit.score,
                },
            )
            for hit in hits
        ]
