"""Rank fusion of the dense, lexical and heading rankings."""

from assistant import fusion
from assistant.settings import Settings
from assistant.types import Chunk


def _chunk(name: str) -> Chunk:
    return Chunk(id=name, text=name, source="doc.pdf", document="Doc", page=1, section=None,
                 doc_type="report", year=None, publisher=None, countries=(), kind="text")


def test_a_retrievers_first_place_outranks_a_middling_agreement() -> None:
    # The passage one retriever puts first is more often the answer than one both put
    # sixth (R@1 on the outside, wording-dev and golden-fresh sets rose with rrf_k 20).
    first, middling = _chunk("first"), _chunk("middling")
    filler = [_chunk(f"f{i}") for i in range(12)]
    dense = [first, *filler[:4], middling]
    lexical = [*filler[:5], middling, *filler[5:11], first]
    fused = fusion.fuse([dense, lexical], set(), Settings().rrf_k)
    order = [h.chunk.id for h in fused]
    assert order.index("first") < order.index("middling")
