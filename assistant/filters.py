"""What a search may be restricted to: countries, documents (file names or titles), document
types, years; the same restriction as a Chroma `where` clause (a row mask over the chunk
table is built from its fields by ``HybridRetriever``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from assistant.countries import canonical


@dataclass(frozen=True)
class Filters:
    countries: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()  # file names or titles
    doc_types: tuple[str, ...] = ()
    years: tuple[int, ...] = ()

    @classmethod
    def of(
        cls,
        countries: Sequence[str] = (),
        documents: Sequence[str] = (),
        doc_types: Sequence[str] = (),
        years: Sequence[int] = (),
    ) -> Filters:
        names = tuple(dict.fromkeys(canonical(c) or c for c in countries))
        return cls(names, tuple(documents), tuple(doc_types), tuple(int(y) for y in years))

    def __bool__(self) -> bool:
        return bool(self.countries or self.documents or self.doc_types or self.years)

    def where(self) -> dict[str, Any] | None:
        """The same restriction as a Chroma `where` clause."""
        clauses: list[dict[str, Any]] = []
        if self.countries:
            clauses.append(_any_of([{f"c:{c}": True} for c in self.countries]))
        if self.documents:
            clauses.append(
                _any_of(
                    [{"source": {"$in": list(self.documents)}}]
                    + [{"document": {"$in": list(self.documents)}}]
                )
            )
        if self.doc_types:
            clauses.append({"doc_type": {"$in": list(self.doc_types)}})
        if self.years:
            clauses.append({"year": {"$in": list(self.years)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _any_of(options: list[dict[str, Any]]) -> dict[str, Any]:
    return options[0] if len(options) == 1 else {"$or": options}
