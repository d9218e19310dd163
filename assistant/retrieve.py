"""Hybrid retrieval: dense (Chroma) + BM25 (bm25s), fused by reciprocal rank, then MMR
(``fusion``).

Countries named in the question (names, variants, demonyms) boost chunks that mention
them; explicit filters (country, document, doc_type, year) restrict both retrievers.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal

import numpy as np

from assistant import fusion
from assistant.acronyms import AcronymExpansion
from assistant.chunkcache import CACHED_CHUNKS, ChunkCache
from assistant.chunktable import spelled_acronyms
from assistant.cities import countries_of_cities
from assistant.countries import find_countries
from assistant.country_codes import codes_asked
from assistant.embedding import (
    Embedder,
    OneByOne,
    index_precision,
    model_path,
    question_embedder,
)
from assistant.errors import IndexMismatchError, IndexMissingError
from assistant.filters import Filters
from assistant.headings import by_heading
from assistant.knowledge import lower_case_acronyms
from assistant.lexical import BM25Index
from assistant.settings import Settings
from assistant.spelling import language_words
from assistant.store import ChromaStore
from assistant.termweights import TermWeights
from assistant.text import STOPWORDS, terms, words
from assistant.translation import english_reading
from assistant.types import Chunk, Hit
from assistant.vocabulary import QUESTION_WORDS

__all__ = ["Filters", "HybridRetriever", "TermWeights", "spelled_acronyms"]

Method = Literal["hybrid", "dense", "bm25"]

# A filter that allows at most this many chunks is searched among their stored vectors;
# more, by Chroma with a `where` clause.
_FEW_ALLOWED = 5000
# Dense searches run here while the calling thread ranks by BM25 (threads, not one: a UI
# server answers several questions at once).
_SEARCHES = ThreadPoolExecutor(max_workers=8, thread_name_prefix="dense-search")
# A batch's questions are embedded here, in order, while the calling thread answers the first
# ones: onnxruntime computes without the GIL, so on a second core the embedding costs no wall
# time. One thread: a question's vector is computed as it would be alone.
_EMBEDDING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed-ahead")
# A composer's further queries (a brief's sections, a question's parts) are embedded here,
# each alone, while the calling thread answers with the first ones: not behind the batch's
# questions waiting on the thread above.
_EMBEDDING_NEXT = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed-next")
# A neighbour not held yet is read with the chunks up to this many places either side of it.
_AROUND = 3
# A chunk one retriever ranks this high is kept though fusion ranks it below the top k
# (3rd by meaning, sharing no telling word with "is their young workforce an upside?").
_FIRSTS = 3
# Words BM25 is not asked for: question words ("what", "did", "according") would match every
# guiding question. One set, not a union made again for each word of each query.
_NOT_KEYWORDS = STOPWORDS | QUESTION_WORDS


@dataclass(eq=False)  # identity-hashed: per-retriever caches key on it
class HybridRetriever:
    settings: Settings
    store: ChromaStore
    embedder: Embedder
    bm25: BM25Index
    countries_in_index: frozenset[str] = field(default=frozenset())
    acronyms: dict[str, str] = field(default_factory=dict)
    # What this index version's chunks are, read from the store once.
    cache: ChunkCache = field(init=False, repr=False)
    # Dense searches without filters run ahead for a batch: (query, n) -> nearest chunks.
    _searched: dict[tuple[str, int], list[tuple[str, float]]] = field(
        default_factory=dict, init=False, repr=False)
    # Queries with their acronyms expanded (``expand``).
    _expansions: dict[str, str] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.cache = ChunkCache(self.store)

    @classmethod
    def open(
        cls, settings: Settings, version: str | None = None, store: ChromaStore | None = None
    ) -> HybridRetriever:
        """The store (opened now when not given) and the lexical index of its ``version``
        (read now when not given)."""
        if store is None:
            from assistant.storecopy import open_store

            store = open_store(settings)
        # A count, not the records: reading thousands of records costs a second or more.
        if not store.document_count():
            raise IndexMissingError(
                f"the index at {store.location} has no documents; "
                "run `assistant ingest corpus/` first"
            )
        if store.embedding_model and store.embedding_model != settings.embedding_model:
            raise IndexMismatchError(
                f"the index at {store.location} was built with '{store.embedding_model}', "
                f"not '{settings.embedding_model}'; set ASSISTANT_EMBEDDING_MODEL to match"
            )
        version = version or store.version()
        bm25 = BM25Index.load(settings.bm25_dir)
        if bm25 is None or bm25.version != version:
            bm25 = _rebuild_lexical(store, settings, set(store.documents()), version)
        # Questions are embedded by the variant that built the index (fp32 or int8).
        precision = index_precision(settings, store.embedding_variant, store.location)
        embedder = question_embedder(settings, precision)
        table = bm25.table
        return cls(settings, store, embedder, bm25, table.countries, table.acronyms)

    @property
    def chunks(self) -> list[Chunk]:
        """Every indexed chunk, read from the store (tools and tests; questions never do)."""
        documents = self.store.documents()
        return sorted((c for c in self.store.iter_chunks() if c.source in documents),
                      key=lambda c: c.id)

    def fetch(self, ids: Sequence[str]) -> list[Chunk]:
        """Chunks by id, in the order given (text and metadata from the store, each read
        once per loaded index)."""
        return self.cache.chunks(ids)

    def neighbour(self, chunk: Chunk, step: int) -> Chunk | None:
        """The chunk printed ``step`` places after this one in its document (before it when
        negative). Composers walk on (the rest of a list, the next slide), so a chunk not
        held yet is read with the few around it, in one request to the store."""
        table = self.bm25.table
        found = table.neighbour_id(chunk.source, chunk.ordinal, step)
        if found is None:
            return None
        if found not in self.cache:
            around = (table.neighbour_id(chunk.source, chunk.ordinal, at)
                      for at in range(step - _AROUND, step + _AROUND + 1))
            self.fetch([cid for cid in around if cid is not None])
        return next(iter(self.fetch([found])), None)

    def retrieve(
        self,
        query: str,
        *,
        k: int | None = None,
        filters: Filters | None = None,
        method: Method = "hybrid",
        mmr: bool = True,
        boost_countries: Sequence[str] | None = None,
        topic: Sequence[str] = (),
        firsts: bool = False,
    ) -> list[Hit]:
        """Top-k hits for a query. ``boost_countries`` defaults to those named in it;
        ``topic`` adds terms a heading may match ("suggest" for "recommend"); ``firsts``
        adds after the k each ranking's first chunks fusion left out (evidence candidates,
        beyond the k a LangChain caller or the retrieval metrics ask for)."""
        k = k or self.settings.top_k
        filters = filters or Filters()
        n = self._candidates(k)
        # A question in a language no document is in is searched in English.
        query = english_reading(query, self.bm25.languages) or query
        boost = set(self._countries_named(query) if boost_countries is None else boost_countries)
        boost.update(countries_of_cities(query))  # "what did abuja ask for": Nigeria's
        named = self.bm25.table.named_documents(query) if not filters.documents else []
        query = self._expand_once(query)
        # Within a document named, the words naming it pick the passages that repeat its
        # name (cover, contact, metadata): BM25 is asked the other words there.
        naming = self.bm25.table.naming_terms(query) if named else set()
        searches = [filters]
        if named and method == "hybrid":
            # The question names a document ("in the high-level roadmap"): its passages are
            # searched on their own too, as if the reader had opened it.
            searches.append(replace(filters, documents=tuple(named)))
        masks = [self._mask(f) for f in searches]
        dense_ids: list[Future[list[str]]] = []
        if method in ("hybrid", "dense"):
            vector = self._embedded(query)
            dense_ids = [self._dense(query, vector, n, f, mask)
                         for f, mask in zip(searches, masks, strict=True)]
        lexical_ids = ([self._bm25(query, n, mask, set() if at == 0 else naming)
                        for at, mask in enumerate(masks)]
                       if method in ("hybrid", "bm25") else [[]])
        heading_ids = (by_heading(self.bm25.table, self.weights.idf, query, n, masks[0], topic)
                       if method == "hybrid" else [])
        nearest = [future.result() for future in dense_ids] or [[]]
        # A copy's repeated passages give way to the original's, unless a search is limited
        # to named documents (the reader asked about the copy itself).
        hidden = self.bm25.table.hidden
        if hidden:
            limited = [bool(f.documents) for f in searches]
            nearest = [ids if only else [c for c in ids if c not in hidden]
                       for ids, only in zip(nearest, limited, strict=False)]
            lexical_ids = [ids if only else [c for c in ids if c not in hidden]
                           for ids, only in zip(lexical_ids, limited, strict=False)]
            if not limited[0]:
                heading_ids = [c for c in heading_ids if c not in hidden]
        # One read from the store for the rankings' chunks not held yet.
        self.fetch([cid for ids in [*nearest, *lexical_ids, heading_ids] for cid in ids])
        registered = self.store.registered() if any(nearest) else set()
        dense = [[c for c in self.fetch(ids) if c.source in registered] for ids in nearest]
        lexical = [self.fetch(ids) for ids in lexical_ids]
        rankings = [dense[0], lexical[0], self.fetch(heading_ids)]
        if len(searches) > 1:
            rankings += [dense[1], lexical[1]]
        fused = fusion.fuse(rankings, boost, self.settings.rrf_k)
        if method == "hybrid":
            fused = fusion.rerank_by_coverage(terms(query), fused[: max(k * 4, 20)],
                                          self.weights.idf, self.cache.terms)
        hits = fused[:k]
        if mmr and len(fused) > k:
            top = fused[: k * 4]
            hits = fusion.mmr(top, self.cache.vectors([h.chunk.id for h in top]), k,
                              self.settings.mmr_lambda)
        return hits if method != "hybrid" or not firsts else fusion.with_firsts(
            hits, fused, [dense[0], lexical[0], *rankings[3:]], _FIRSTS)

    def _countries_named(self, query: str) -> list[str]:
        """The countries a query names, by name, demonym or ISO code ("the GDP of BEL"),
        not by an abbreviation the documents spell out as something else."""
        return [*find_countries(query), *codes_asked(query, self.acronyms)]

    @property
    def weights(self) -> TermWeights:
        """Rarity of each term over the indexed chunks (counted at ingest)."""
        if not hasattr(self, "_weights"):
            self._weights = TermWeights.of(self.bm25.table)
        return self._weights

    def _expand_once(self, query: str) -> str:
        """``expand``, worked out once per query: a question's text is expanded for each
        search, its vector and its units' scores (~45 us each, two searches an acronym)."""
        expanded = self._expansions.get(query)
        if expanded is None:
            if len(self._expansions) > 10000:
                self._expansions.clear()
            expanded = self._expansions[query] = self.expansion.expand(query)
        return expanded

    @cached_property
    def expansion(self) -> AcronymExpansion:
        """The acronyms the corpus spells out, as a query is expanded with them."""
        language = language_words(model_path(self.settings.embedding_model))
        return AcronymExpansion(self.acronyms, lower_case_acronyms(self.acronyms, language))

    def _candidates(self, k: int) -> int:
        """How many chunks each retriever proposes for the top ``k``."""
        return max(self.settings.candidates, k * 3)

    def prepare(self, queries: Sequence[str], *, search: bool = False) -> None:
        """Embed many queries in one batch (a batch of questions answers far faster); with
        ``search`` (a batch of questions), embed them on a thread of their own while the
        caller answers, and run their dense searches without filters (a question's first
        search) in one call and read the chunks they found, or read a small index whole."""
        if not search and isinstance(self.embedder, OneByOne):
            self.embed_ahead(queries)  # each alone, as a batch of them would be embedded
            return
        expanded = list(dict.fromkeys(map(self._expand_once, queries)))
        todo = [q for q in expanded if q not in self._vectors and q not in self._ahead]
        if todo and search:
            # An embedder that runs each text alone (int8) gets one task a text, so the
            # first questions need not wait for the last ones.
            groups = [[q] for q in todo] if isinstance(self.embedder, OneByOne) else [todo]
            for group in groups:
                future = _EMBEDDING.submit(self.embedder.embed, group)
                self._ahead.update((q, (future, row)) for row, q in enumerate(group))
        elif todo:
            self._vectors.update(zip(todo, self.embedder.embed(todo), strict=True))
        table = self.bm25.table
        if search and len(table) <= CACHED_CHUNKS // 2:
            # A small index is searched exactly, and read whole: one read from the store
            # instead of one for each question's chunks not held yet.
            self.cache.read_ahead([table.id_of(row) for row in range(len(table))])
        elif search and len(table) > _FEW_ALLOWED:
            n = self._candidates(self.settings.top_k)
            if len(self._searched) > 10000:
                self._searched.clear()
            ahead = [q for q in expanded if (q, n) not in self._searched]
            nearest = self.store.query_many([self._embedded(q) for q in ahead], n)
            self._searched.update(zip(((q, n) for q in ahead), nearest, strict=True))
            self.cache.read_ahead([cid for found in nearest for cid, _ in found])

    def embed_ahead(self, queries: Sequence[str]) -> None:
        """Start embedding queries the caller will retrieve or score with, each alone (the
        vector it gets when asked), on a thread of their own: the caller works on the first
        ones while the others are embedded (a brief's 7 sections, a question's parts took
        ~8% of a golden batch's time embedding one after another on the answering thread)."""
        if len(self._ahead) > 10000:
            self._ahead.clear()  # queries asked ahead and never retrieved with
        for query in dict.fromkeys(map(self._expand_once, queries)):
            if query not in self._vectors and query not in self._ahead:
                self._ahead[query] = (_EMBEDDING_NEXT.submit(self.embedder.embed, [query]), 0)

    @property
    def _vectors(self) -> dict[str, np.ndarray]:
        if not hasattr(self, "_vector_cache"):
            self._vector_cache: dict[str, np.ndarray] = {}
        return self._vector_cache

    @property
    def _ahead(self) -> dict[str, tuple[Future[np.ndarray], int]]:
        """Queries being embedded on the embedding thread: the task and the query's row."""
        if not hasattr(self, "_ahead_tasks"):
            self._ahead_tasks: dict[str, tuple[Future[np.ndarray], int]] = {}
        return self._ahead_tasks

    def vector(self, query: str) -> np.ndarray:
        """The query's embedding (its acronyms expanded), computed once per query text: the
        evidence stage scores units against the same vector retrieval used."""
        return self._embedded(self._expand_once(query))

    def _embedded(self, expanded: str) -> np.ndarray:
        """The embedding of a query whose acronyms are expanded."""
        if expanded not in self._vectors:
            if len(self._vectors) > 10000:
                self._vectors.clear()
            ahead = self._ahead.pop(expanded, None)
            self._vectors[expanded] = (ahead[0].result()[ahead[1]] if ahead
                                       else self.embedder.embed([expanded])[0])
        return self._vectors[expanded]

    def _mask(self, filters: Filters) -> np.ndarray | None:
        """The rows the filters allow, as a 0/1 mask over the table (None: no filter)."""
        if not filters:
            return None
        return self.bm25.table.rows_of(countries=filters.countries, documents=filters.documents,
                                       doc_types=filters.doc_types, years=filters.years)

    def _dense(self, query: str, vector: np.ndarray, n: int, filters: Filters,
               mask: np.ndarray | None) -> Future[list[str]]:
        """Ids of the nearest chunks, nearest first, among those the filters allow (``mask``
        over the table's rows). A caller cites only chunks of ``store.registered()``
        documents (see ``ChromaStore.query``).

        Chroma's search runs on a search thread while the caller ranks by BM25 and headings
        (a server's HTTP, or its Rust code: at 1M chunks tens of milliseconds). An exact
        search runs here: a product of microseconds, where waiting for a search thread to
        be scheduled cost ~3 ms a question on a loaded machine."""
        found: Future[list[str]] = Future()
        if mask is None and (query, n) in self._searched:
            found.set_result([cid for cid, _ in self._searched[(query, n)]])
            return found
        # Few chunks to search (a filter's, or a small index's): exactly, on their stored
        # vectors. Chroma's graph search missed closer chunks on 45 of 222 outside-set
        # searches (1,722 chunks), and its answers varied from run to run.
        allowed = np.arange(len(self.bm25.table)) if mask is None else np.flatnonzero(mask)
        if len(allowed) > _FEW_ALLOWED:
            return _SEARCHES.submit(
                lambda: [cid for cid, _ in self.store.query(vector, n, filters.where())])
        found.set_result(self._nearest_among(vector, n, allowed, b"all" if mask is None else None)
                         if len(allowed) else [])
        return found

    def _nearest_among(self, vector: np.ndarray, n: int, rows: np.ndarray,
                       key: bytes | None = None) -> list[str]:
        """Ids of the n chunks of ``rows`` nearest the vector, compared exactly on their
        stored vectors (read once per set). Chroma's search restricted to named ids walks
        its graph: at a million chunks it took 80-100 ms for a document's hundred chunks,
        and among a country's 4,519 its top 40 held 0-2 of the 40 nearest (similarity 0.58
        where the nearest had 0.73)."""
        table = self.bm25.table
        held, matrix = self.cache.vector_set(
            key or rows.tobytes(), lambda: [table.id_of(int(row)) for row in rows])
        if not held:
            return []
        similarity = matrix @ (vector / max(float(np.linalg.norm(vector)), 1e-12))
        return [held[i] for i in (-similarity).argsort(kind="stable")[:n]]

    def _bm25(self, query: str, n: int, mask: np.ndarray | None,
              naming: set[str]) -> list[str]:
        """Ids of the n chunks BM25 ranks first among those ``mask`` allows, the words
        ``naming`` a document left out (the search is within that document)."""
        if mask is not None and not mask.any():
            return []
        keywords = " ".join(w for w in words(query) if w not in _NOT_KEYWORDS
                            and not (naming and set(terms(w)) <= naming)) or query
        return [cid for cid, _ in self.bm25.search(keywords, n, mask)]


def _rebuild_lexical(
    store: ChromaStore, settings: Settings, documents: set[str], version: str
) -> BM25Index:
    """The lexical index of the store as it is now. Embedded store: in memory only (ingest
    persists it; readers never write beside the store). Chroma server: the local folder is
    this UI server's own copy, so it is saved there (under this machine's lock) and the next
    start-up opens it instead of rebuilding."""
    bm25 = BM25Index.build([c for c in store.iter_chunks() if c.source in documents], version)
    if settings.chroma_url:
        from assistant.locking import local_copy_lock

        with local_copy_lock(settings):
            bm25.save(settings.bm25_dir)
    return bm25
