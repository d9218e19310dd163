"""MiniLM through onnxruntime and `tokenizers`: the same vectors as sentence-transformers,
without importing torch on the question path.

Importing sentence-transformers (and with it torch and transformers) takes seconds, far
longer than embedding a question. This backend runs an ONNX file of the model (exported,
checked and cached by onnx_export.py) with onnxruntime, which chromadb already depends on.
The graph includes mean pooling and L2 normalisation.

Texts are embedded in batches of similar token length, so short evidence units are not
padded to the length of a long chunk.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np


class OnnxEmbedder:
    """all-MiniLM-L6-v2 (or any mean-pooled sentence-transformers model) on onnxruntime."""

    def __init__(
        self, name: str, model_dir: Path, onnx_file: Path, batch_size: int = 64, threads: int = 0
    ) -> None:
        self.name = name
        self.batch_size = batch_size
        self.onnx_file = onnx_file
        self._tokenizer = _tokenizer(model_dir)
        self._session = _session(onnx_file, threads or os.cpu_count() or 1)
        self.dimension = int(self._session.get_outputs()[0].shape[-1])

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        encodings = self._tokenizer.encode_batch(texts)
        # Batches of similar length: padding a 10-token sentence to 256 tokens costs 25x.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), self.batch_size):
            rows = order[start : start + self.batch_size]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                n = len(encodings[i].ids)
                ids[r, :n] = encodings[i].ids
                mask[r, :n] = 1
            out[rows] = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return out


@lru_cache(maxsize=4)
def _tokenizer(model_dir: Path) -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    # sentence-transformers truncates at max_seq_length (256 for MiniLM), not at the
    # tokenizer file's own setting (128); padding is done per batch in embed().
    tokenizer.enable_truncation(max_length=_max_seq_length(model_dir))
    tokenizer.no_padding()
    return tokenizer


def _max_seq_length(model_dir: Path) -> int:
    try:
        config = json.loads((model_dir / "sentence_bert_config.json").read_text())
        limit = int(config["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError):
        limit = 512
    try:
        positions = int(
            json.loads((model_dir / "config.json").read_text())["max_position_embeddings"]
        )
    except (OSError, ValueError, KeyError, TypeError):
        positions = limit
    return min(limit, positions)


def _session(path: Path, threads: int) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # Cores here are shared (other processes, the parse thread of an ingest): threads that
    # spin while waiting for work would take CPU time from them.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
