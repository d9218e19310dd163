"""How much finding a term in a passage says: inverse document frequency over every indexed
chunk, from counts made at ingest and stored with the index (``ChunkTable``)."""

from __future__ import annotations

import difflib
import math
from collections.abc import Callable, Sequence
from functools import lru_cache

from assistant.chunktable import ChunkTable

# Calibrated on golden-dev and wording-dev (2026-11-25): at 1.0, 4 of 42 answerable
# wording-dev questions were declined; at 0.7, 2, with golden-dev unchanged; at 0.5 a golden
# negative ("the capital city of Indonesia") is answered.
UNKNOWN_TERM_SHARE = 0.7
# Letters a clipped word lacks at least ('gov' -> 'govern'); fewer is another word's ending.
_CLIPPED = 3
# A clipped word the documents also print ("e-Gov" on a slide) still stands for its full
# word when that is this many times as frequent: 'gov' 7 and 'govern' 97 chunks, 'tech' 3 and
# 'technolog' 37, 'info' 1 and 'inform' 25 in the bundled corpus; 'min' 4 and 'ministri' 10
# (minutes) is not clipped.
_CLIPPED_RARER = 10
# Terms whose frequency and weight are remembered.
_REMEMBERED = 65536


class TermWeights:
    """Inverse document frequency of content terms over all indexed chunks (the counts
    are computed at ingest and stored with the index)."""

    def __init__(self, frequency: Callable[[str], int], total: int,
                 commonest_starting: Callable[[str], str | None] = lambda prefix: None,
                 starting: Callable[[str], Sequence[str]] = lambda prefix: ()) -> None:
        # Remembered: every question weighs the terms of some thirty passages, and a lookup
        # in the stored vocabulary is a binary search through a memory-mapped array.
        self.frequency = lru_cache(maxsize=_REMEMBERED)(frequency)
        self.total = max(total, 1)
        # A question weighs each of its terms against every unit it scores.
        self._idf: dict[str, float] = {}
        # The most frequent indexed term that starts with a prefix (None when none does);
        # remembered too: questions ask it of every topic term, and repeat their terms.
        self.commonest_starting = lru_cache(maxsize=_REMEMBERED)(commonest_starting)
        # Every indexed term that starts with a prefix.
        self.starting = starting

    def idf(self, term: str) -> float:
        # Squared so that a rare, telling word outweighs several common ones: in a
        # workshop report "workshop" and "members" say little, "conclusions" a lot.
        value = self._idf.get(term)
        if value is None:
            if len(self._idf) >= _REMEMBERED:
                self._idf.clear()
            value = self._idf[term] = math.log(1 + self.total / (1 + self.frequency(term))) ** 2
        return value

    def known(self, term: str) -> bool:
        return self.frequency(term) > 0

    def completion(self, term: str) -> str | None:
        """The commonest indexed term a clipped word starts ('gov' in 'e-gov' -> 'govern');
        None for a known term, one too short to tell, or one that term would lengthen by a
        mere ending ('mark' is no clipped 'market')."""
        if len(term) < 3 or self.known(term):
            return None
        found = self.commonest_starting(term)
        return found if found is not None and len(found) - len(term) >= _CLIPPED else None

    def clipped_spelling(self, term: str) -> str | None:
        """The full word a clipped one the documents also use stands for ('gov', printed in
        "e-Gov" but far rarer than 'govern'); None when the clipped form is common itself."""
        if len(term) < 3 or not self.known(term):
            return None
        found = self.commonest_starting(term)
        if found is None or len(found) - len(term) < _CLIPPED:
            return None
        return found if self.frequency(found) >= _CLIPPED_RARER * self.frequency(term) else None

    def correction(self, term: str) -> str | None:
        """The indexed term a mistyped one stands for ('goverment' stems as 'gover' ->
        'govern'): a close spelling that starts with the same two letters; None for a
        known term, a short one, or one with no close spelling."""
        if len(term) < 5 or self.known(term) or term.isdigit():
            return None
        close = difflib.get_close_matches(term, list(self.starting(term[:2])), n=1, cutoff=0.8)
        return close[0] if close else None

    def weight(self, term: str) -> float:
        """How much finding a term in a passage says: its idf when indexed. A term no
        passage holds would weigh most of all, so that one word the documents never use
        ("actually", "takeaways") sinks the support of every passage: it weighs a share of
        that (a word the documents never use is not, by itself, a reason to decline)."""
        if self.known(term):
            return self.idf(term)
        return UNKNOWN_TERM_SHARE * self.idf(term)

    @classmethod
    def of(cls, table: ChunkTable) -> TermWeights:
        """The weights of the chunks a table describes (its counts, made at ingest)."""
        return cls(table.document_frequency, len(table), table.commonest_starting,
                   table.terms_starting)
