"""The ONNX file the onnx backend runs (onnx_embedding.py): the local sentence-transformers
model exported once, and its int8 variant quantised once, cached on disk.

The export imports torch, for the export only; the file is cached in a folder named by the
SHA-256 of the weights. The graph includes mean pooling and L2 normalisation, and the
export is checked against sentence-transformers on probe texts before it is cached: a model
whose vectors would differ (cosine below 1 - 1e-3) is never used through this backend.

An int8 variant (``cached_int8``) is quantised once from the cached export: 0.6x the CPU
time per token, vectors at cosine 0.99 or more to fp32's (0.996 on average). They are not
fp32's, so an index records which variant built it and its questions use the same one.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import AssistantError
from assistant.onnx_embedding import OnnxEmbedder
from assistant.settings import user_cache_dir

# The sentence-transformers pipeline this backend reproduces, module by module.
_MEAN_POOLED = [
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
]
# Bump when the exported graph changes, so older cached files are not reused.
EXPORT_VERSION = 1
# The exported graph again, its weights in a file of their own (with_external_weights).
EXTERNAL_GRAPH, EXTERNAL_WEIGHTS = "model.external.onnx", "model.weights"
# Bump when the int8 quantisation changes: an index records the version its vectors came
# from (embedding.variant_name), and vectors of another version are not mixed with it.
INT8_VERSION = 1
# The int8 graph is kept only when its probe vectors are this close to fp32's (measured on
# the bundled corpus: 0.991 minimum, 0.996 mean); a lower value means a broken quantisation.
MIN_INT8_COSINE = 0.97
# Vectors must agree with sentence-transformers this closely for the export to be kept.
MIN_COSINE = 1 - 1e-3
# Probe texts for that check: short, long (truncated), non-English, a table row; embedded
# together, so padding is exercised too.
PROBES = [
    "What is Indonesia's EGDI score?",
    "Écoles numériques et services publics en ligne : la Roumanie et le Sénégal.",
    "Country | EGDI | Rank\nKenya | 0.61 | 12",
    " ".join(["Digital government capacity building for civil servants."] * 60),
]


def default_cache_dir() -> Path:
    return user_cache_dir("onnx")


def supports(model_dir: Path) -> bool:
    """True for a sentence-transformers folder of a transformer, mean pooling and
    normalisation, with a fast tokenizer: the pipeline the exported graph reproduces."""
    try:
        modules = [m["type"] for m in json.loads((model_dir / "modules.json").read_text())]
        pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text())
    except (OSError, ValueError, KeyError, TypeError):
        return False
    only_mean = pooling.get("pooling_mode_mean_tokens") and not any(
        v
        for k, v in pooling.items()
        if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens"
    )
    return (
        modules == _MEAN_POOLED
        and bool(only_mean)
        and (model_dir / "tokenizer.json").is_file()
        and (model_dir / "model.safetensors").is_file()
    )


def load_embedder(
    name: str,
    model_dir: Path,
    batch_size: int = 64,
    cache_dir: Path | None = None,
    threads: int = 0,
    int8: bool = False,
) -> OnnxEmbedder:
    """The embedder for a local model folder, exported to the cache on first use
    (``int8``: the quantised variant, made once from that export)."""
    onnx_file = cached_export(model_dir, cache_dir or default_cache_dir())
    if int8:
        onnx_file = cached_int8(onnx_file, model_dir)
    try:
        return OnnxEmbedder(name, model_dir, onnx_file, batch_size, threads)
    except Exception:  # onnxruntime's load errors vary
        if not onnx_file.name.endswith(".external.onnx"):
            raise
        # A damaged or unreadable weights file: the graph it was made from still works.
        single = onnx_file.with_name(onnx_file.name.replace(".external.onnx", ".onnx"))
        return OnnxEmbedder(name, model_dir, single, batch_size, threads)


def cached_export(model_dir: Path, cache_dir: Path) -> Path:
    """The ONNX file for the weights in ``model_dir``, exported on first use.

    The cache folder is named by the weights' SHA-256; a stamp (path, size, mtime) maps
    the weights file to that digest, so a cold start finds the file without hashing 90 MB.
    """
    weights = model_dir / "model.safetensors"
    info = weights.stat()
    stamp_text = f"{weights.resolve()}:{info.st_size}:{info.st_mtime_ns}:{EXPORT_VERSION}"
    stamp = cache_dir / "stamps" / hashlib.sha256(stamp_text.encode()).hexdigest()[:32]
    try:
        onnx_file = cache_dir / stamp.read_text().strip() / "model.onnx"
        if onnx_file.is_file():
            return with_external_weights(onnx_file)
    except OSError:
        pass
    digest = f"{_sha256(weights)}-v{EXPORT_VERSION}"
    folder = cache_dir / digest
    onnx_file = folder / "model.onnx"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        # A read-only home: export into a private temporary folder for this process.
        folder = Path(tempfile.mkdtemp(prefix="assistant-onnx-"))
        onnx_file = folder / "model.onnx"
    from filelock import FileLock

    with FileLock(str(folder / ".export.lock")):  # two processes never export at once
        if not onnx_file.is_file():
            print(
                f"note: exporting {model_dir.name} to ONNX once (cached in {folder})",
                file=sys.stderr,
            )
            partial = folder / "model.partial.onnx"
            export_onnx(model_dir, partial)
            partial.replace(onnx_file)
    try:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(digest)
    except OSError:
        pass  # without a stamp the next start hashes the weights again; still correct
    return with_external_weights(onnx_file)


def with_external_weights(onnx_file: Path) -> Path:
    """The same graph with its weights in a file beside it (``model.weights``), made once
    from ``onnx_file``. onnxruntime memory-maps such weights instead of parsing 90 MB of
    protobuf: a cold session costs about 0.05 s of CPU instead of 0.17 s. The graph is
    unchanged, so are the vectors. Falls back to ``onnx_file`` when the file cannot be
    written or the onnx package is missing. (``model.int8-v1.onnx`` likewise gets
    ``model.int8-v1.external.onnx`` and ``model.int8-v1.weights``.)"""
    target = onnx_file.with_name(f"{onnx_file.stem}.external.onnx")
    weights = onnx_file.with_name(f"{onnx_file.stem}.weights")
    if target.is_file():
        return target
    try:
        import onnx
        from filelock import FileLock

        with FileLock(str(onnx_file.parent / ".export.lock")):
            if not target.is_file():
                # Only a run that died before the rename below leaves weights without a
                # graph; onnx appends to an existing weights file, so start afresh.
                weights.unlink(missing_ok=True)
                partial = onnx_file.with_name(f"{onnx_file.stem}.external.partial.onnx")
                onnx.save_model(
                    onnx.load(str(onnx_file)),
                    str(partial),
                    save_as_external_data=True,
                    all_tensors_to_one_file=True,
                    location=weights.name,
                    size_threshold=1024,
                )
                # onnx writes the weights owner-only; readable as the export is, for a
                # cache shared through XDG_CACHE_HOME.
                os.chmod(weights, onnx_file.stat().st_mode & 0o777)
                partial.replace(target)
    except (ImportError, OSError):
        return onnx_file  # a read-only cache or no onnx: the single file works, slower
    return target


def cached_int8(onnx_file: Path, model_dir: Path) -> Path:
    """The int8 variant of the export ``onnx_file`` (either form), quantised once beside
    it from the single-file export; nothing is downloaded. There is no fallback: no other
    backend computes these vectors, so a failure raises."""
    source = onnx_file.with_name("model.onnx")
    target = source.with_name(f"model.int8-v{INT8_VERSION}.onnx")
    if not target.is_file():
        from filelock import FileLock

        try:
            with FileLock(str(source.parent / ".export.lock")):
                if not target.is_file():
                    partial = target.with_name("model.int8.partial.onnx")
                    quantise_int8(source, partial, model_dir)
                    partial.replace(target)
        except OSError:
            # A read-only cache: quantise into a private temporary folder for this process.
            target = Path(tempfile.mkdtemp(prefix="assistant-onnx-")) / target.name
            quantise_int8(source, target, model_dir)
    return with_external_weights(target)


def quantise_int8(source: Path, target: Path, model_dir: Path) -> None:
    """onnxruntime's dynamic quantisation of the weight MatMuls, per output channel, but
    for each layer's feed-forward output (its input, after GELU, has the widest range);
    the attention products of two activations and the word-embedding table stay fp32.
    On the bundled corpus: cosine to fp32 0.991 minimum, 0.60x the CPU per token; with
    the feed-forward outputs quantised too 0.984 and 0.47x, which lost two golden-dev
    answers; per-tensor scales 0.90. Checked on the probe texts against the fp32 graph;
    raises AssistantError when too far from it."""
    import logging

    import onnx

    # onnxruntime.quantization adds a handler to the root logger when imported (then every
    # library's debug lines print) and advises pre-processing there: leave it as it was.
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        root.setLevel(logging.ERROR)
        quantize_dynamic(
            str(source),
            str(target),
            per_channel=True,
            weight_type=QuantType.QInt8,
            op_types_to_quantize=["MatMul"],
            nodes_to_quantize=_quantised_matmuls(onnx.load(str(source)).graph),
        )
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    fp32, int8 = _probe_vectors(model_dir, source), _probe_vectors(model_dir, target)
    cosine = float(np.min(np.sum(fp32 * int8, axis=1)))
    if cosine < MIN_INT8_COSINE:
        target.unlink(missing_ok=True)
        raise AssistantError(
            f"the int8 quantisation of {model_dir.name} is too far from fp32 (cosine "
            f"{cosine:.3f}); set ASSISTANT_EMBEDDING_PRECISION=fp32"
        )


def _probe_vectors(model_dir: Path, onnx_file: Path) -> np.ndarray:
    """The probe texts embedded through ``onnx_file``, two to a batch (padding included)."""
    return OnnxEmbedder("check", model_dir, onnx_file, batch_size=2, threads=1).embed(PROBES)


def _quantised_matmuls(graph: Any) -> list[str]:
    """The MatMuls of ``graph`` (our export's node names) with a weight operand, but for
    the feed-forward outputs (``.../layer.N/output/dense/MatMul``)."""
    weights = {tensor.name for tensor in graph.initializer}
    return [
        node.name
        for node in graph.node
        if node.op_type == "MatMul"
        and any(name in weights for name in node.input)
        and not ("/output/dense/" in node.name and "/attention/" not in node.name)
    ]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def export_onnx(model_dir: Path, target: Path) -> None:
    """Export transformer + mean pooling + normalisation to ONNX with torch, then check the
    result against sentence-transformers; raises AssistantError when they disagree."""
    import warnings

    from assistant.embedding import quiet_offline_hf

    quiet_offline_hf()
    import torch
    from sentence_transformers import SentenceTransformer
    from transformers import AutoModel

    class MeanPooled(torch.nn.Module):
        """Token vectors averaged over the mask, then scaled to unit length, as
        sentence-transformers' Pooling(mean) and Normalize modules do."""

        def __init__(self, encoder: torch.nn.Module) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            tokens = self.encoder(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            )[0]
            weights = attention_mask.unsqueeze(-1).to(tokens.dtype)
            pooled = (tokens * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    # Eager attention traces into plain ops that every onnxruntime build runs.
    encoder = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager").eval()
    graph = MeanPooled(encoder)
    # Traced with padding in the mask: a batch without padding could trace to a graph that
    # ignores the mask.
    ids = torch.tensor([[101, 2054, 2003, 1996, 102], [101, 2054, 102, 0, 0]], dtype=torch.long)
    mask = (ids != 0).to(torch.long)
    with torch.no_grad(), warnings.catch_warnings():
        # The tracer warns about shape checks it folds; the probe check below is the proof.
        warnings.simplefilter("ignore")
        torch.onnx.export(
            graph,
            (ids, mask),
            str(target),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "embedding": {0: "batch"},
            },
            opset_version=17,
            do_constant_folding=True,
            dynamo=False,  # the TorchScript exporter needs no onnxscript
        )
    reference = SentenceTransformer(str(model_dir), device="cpu").encode(
        PROBES, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
    )
    cosine = float(np.min(np.sum(_probe_vectors(model_dir, target) * reference, axis=1)))
    if cosine < MIN_COSINE:
        target.unlink(missing_ok=True)
        raise AssistantError(
            f"the ONNX export of {model_dir} differs from sentence-transformers (cosine "
            f"{cosine:.4f}); set ASSISTANT_EMBEDDING_BACKEND=sentence-transformers"
        )
