"""Evidence-unit vectors pooled from their chunk's token vectors at ingest: one model pass
per chunk, and each unit's vector made of its own words (with its heading and lead-in)."""

from __future__ import annotations

import re

import numpy as np
from stage_fixtures import chunk, word_hash_embed

from assistant.ingest_steps import Prepared, embed_file
from assistant.late_units import TokenVectors, unit_spans
from assistant.settings import Settings


class WordTokens:
    """Each word or punctuation mark a token whose vector is its word hash (none for a
    mark); at most ``limit`` tokens a text."""

    name = "word-tokens"

    def __init__(self, limit: int = 1000) -> None:
        self.limit = limit
        self.embedded: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return word_hash_embed(texts)

    def embed_tokens(self, texts: list[str]) -> tuple[np.ndarray, list[TokenVectors]]:
        tokens = []
        for text in texts:
            words = list(re.finditer(r"\w+|[^\w\s]", text))
            kept = words[: self.limit]
            tokens.append(TokenVectors(
                word_hash_embed([w.group() for w in kept]), [w.span() for w in kept],
                complete=len(kept) == len(words),
            ))  # fmt: skip
        return self.embed(texts), tokens


def mean_of(words: str) -> np.ndarray:
    vector = word_hash_embed(words.split()).mean(axis=0)
    return vector / np.linalg.norm(vector)


TEXT = "Funding is short. Skills are scarce.\nThe plan covers:\n- rural schools\n- clinics"
PASSAGE = chunk(TEXT, section="Report > Challenges")


def test_each_unit_is_pooled_from_its_words_in_the_chunk_without_a_pass_of_its_own():
    prepared = Prepared("notes.md", None, (PASSAGE,), (unit_spans(PASSAGE),))
    contexts = prepared.unit_texts
    embedder = WordTokens()
    chunk_vectors, unit_vectors = embed_file(
        prepared, contexts, embedder, Settings(), _NoProgress()
    )
    assert embedder.embedded == [PASSAGE.embedding_text()]  # the chunk, nothing else
    assert np.allclose(chunk_vectors, word_hash_embed([PASSAGE.embedding_text()]))
    by_context = dict(zip(contexts, unit_vectors, strict=True))
    # Its heading and its own words; a list item with its lead-in too.
    assert np.allclose(by_context["Challenges \nSkills are scarce."],
                       mean_of("Challenges Skills are scarce"), atol=1e-6)
    assert np.allclose(by_context["Challenges \nThe plan covers: \nclinics"],
                       mean_of("Challenges The plan covers clinics"), atol=1e-6)


def test_a_unit_past_the_models_token_limit_is_embedded_on_its_own():
    prepared = Prepared("notes.md", None, (PASSAGE,), (unit_spans(PASSAGE),))
    contexts = prepared.unit_texts
    # Up to "Report > Challenges\nFunding is short. Skills are scarce."
    embedder = WordTokens(limit=11)
    _, unit_vectors = embed_file(prepared, contexts, embedder, Settings(), _NoProgress())
    cut_off = [c for c in contexts if "plan" in c]
    assert embedder.embedded[0] == PASSAGE.embedding_text()
    assert sorted(embedder.embedded[1:]) == sorted(cut_off)  # shortest first
    assert np.allclose(unit_vectors[contexts.index(cut_off[0])], word_hash_embed(cut_off[:1])[0])


def test_an_embedder_without_token_vectors_embeds_each_unit_in_its_context():
    prepared = Prepared("notes.md", None, (PASSAGE,), (unit_spans(PASSAGE),))
    contexts = prepared.unit_texts
    _, unit_vectors = embed_file(prepared, contexts, _Plain(), Settings(), _NoProgress())
    assert np.allclose(unit_vectors, word_hash_embed(contexts))


class _Plain:
    name = "plain"

    def embed(self, texts: list[str]) -> np.ndarray:
        return word_hash_embed(texts)


class _NoProgress:
    def files(self, done: int, total: int, name: str) -> None:
        pass

    def batches(self, done: int, total: int) -> None:
        pass
