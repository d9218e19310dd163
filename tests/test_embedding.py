"""The embedding backends: onnxruntime gives sentence-transformers' vectors, and the
question path never imports torch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant import onnx_export
from assistant.embedding import embed_sorted, get_embedder, model_path, variant_name
from assistant.errors import AssistantError
from assistant.onnx_embedding import OnnxEmbedder
from assistant.onnx_export import (
    EXTERNAL_GRAPH,
    EXTERNAL_WEIGHTS,
    load_embedder,
    supports,
    with_external_weights,
)
from assistant.settings import PROJECT_ROOT

TEXTS = [
    "What is Indonesia's EGDI score?",
    "Challenges",
    "Les services publics numériques au Sénégal et en Roumanie : état des lieux.",
    "Country | EGDI | Rank\nKenya | 0.6100 | 12",
    # longer than the model's 256 tokens: both backends truncate at the same place
    " ".join(["Capacity building for civil servants in digital government."] * 50),
]


def test_onnx_vectors_equal_sentence_transformers_so_existing_indexes_stay_valid():
    onnx = get_embedder("all-MiniLM-L6-v2", backend="onnx")
    assert isinstance(onnx, OnnxEmbedder)
    reference = get_embedder("all-MiniLM-L6-v2", backend="sentence-transformers")
    together = onnx.embed(TEXTS)  # one padded batch
    alone = np.concatenate([onnx.embed([t]) for t in TEXTS])  # no padding at all
    expected = reference.embed(TEXTS)
    assert together.shape == expected.shape == (len(TEXTS), 384)
    assert np.min(np.sum(together * expected, axis=1)) > 1 - 1e-3
    assert np.min(np.sum(alone * expected, axis=1)) > 1 - 1e-3
    assert np.allclose(np.linalg.norm(together, axis=1), 1, atol=1e-4)


def test_the_export_is_loaded_with_its_weights_beside_it_giving_the_same_vectors(
    tmp_path, monkeypatch
):
    exported = get_embedder("all-MiniLM-L6-v2", backend="onnx")
    assert isinstance(exported, OnnxEmbedder)
    model_dir = Path(model_path("all-MiniLM-L6-v2"))
    single = tmp_path / "model.onnx"  # the export as torch wrote it: weights inside
    single.write_bytes(exported.onnx_file.with_name("model.onnx").read_bytes())
    split = with_external_weights(single)
    assert split == tmp_path / EXTERNAL_GRAPH
    assert (tmp_path / EXTERNAL_WEIGHTS).stat().st_size > 80e6
    assert split.stat().st_size < 1e6  # the graph alone: weights are memory-mapped
    assert with_external_weights(single) == split  # made once
    vectors = OnnxEmbedder("split", model_dir, split).embed(TEXTS)
    assert np.array_equal(vectors, OnnxEmbedder("single", model_dir, single).embed(TEXTS))
    assert exported.onnx_file.name == EXTERNAL_GRAPH  # what a question loads
    weights = tmp_path / EXTERNAL_WEIGHTS
    assert weights.stat().st_mode & 0o777 == single.stat().st_mode & 0o777
    # A damaged weights file (a full disk): the export as written is loaded instead.
    weights.write_bytes(weights.read_bytes()[:1000])
    monkeypatch.setattr(onnx_export, "cached_export", lambda model, cache: split)
    fallback = load_embedder("fallback", model_dir)
    assert fallback.onnx_file == single
    assert np.array_equal(fallback.embed(TEXTS), vectors)


def test_embed_sorted_returns_rows_in_the_order_given():
    class LengthEmbedder:
        name = "length"
        calls: list[list[str]] = []

        def embed(self, texts: list[str]) -> np.ndarray:
            self.calls.append(texts)
            return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)

    embedder = LengthEmbedder()
    texts = ["a" * n for n in (30, 2, 17, 5, 9)]
    done: list[tuple[int, int]] = []
    vectors = embed_sorted(embedder, texts, 2, lambda d, t: done.append((d, t)))
    assert vectors[:, 0].tolist() == [30, 2, 17, 5, 9]
    # shortest first, so a batch holds texts of similar length
    assert [[len(t) for t in c] for c in embedder.calls] == [[2, 5], [9, 17], [30]]
    assert done == [(0, 3), (1, 3), (2, 3), (3, 3)]


def test_a_model_pooled_otherwise_than_by_mean_is_not_run_through_onnx(tmp_path: Path):
    bundled = Path(model_path("all-MiniLM-L6-v2"))
    assert supports(bundled)
    model = tmp_path / "cls-model"
    (model / "1_Pooling").mkdir(parents=True)
    for name in ("modules.json", "tokenizer.json", "model.safetensors"):
        (model / name).write_bytes(
            b"{}" if name != "modules.json" else (bundled / name).read_bytes()
        )
    pooling = json.loads((bundled / "1_Pooling" / "config.json").read_text())
    (model / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    assert supports(model)
    pooling.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    (model / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    assert not supports(model)  # get_embedder then uses sentence-transformers


# Run as `assistant ask`, in a fresh interpreter: which heavy modules did answering load?
_ASK_AND_LIST_MODULES = """
import sys
from assistant.cli import main
main(["ask", "Which countries offer digital ID?", "--index", sys.argv[1]], standalone_mode=False)
print("MODULES", " ".join(sorted(sys.modules)))
"""


def test_answering_from_the_cli_imports_neither_torch_nor_the_ui(make_settings):
    from assistant.indexing import index_paths

    settings = make_settings()
    report = index_paths([Path(__file__).parent / "data" / "digital-id.html"], settings)
    assert report.added == 1 and not report.failed
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", _ASK_AND_LIST_MODULES, str(settings.index_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    loaded = result.stdout.split("MODULES", 1)[1].split()
    top = {m.split(".")[0] for m in loaded}
    assert "onnxruntime" in top  # the question was embedded, by the ONNX backend
    heavy = {"torch", "transformers", "sentence_transformers", "gradio", "pandas", "langchain_core",
             # what chromadb, httpx and bm25s import but never run here (lean_imports.py)
             "scipy", "grpc", "rich", "pygments"}
    assert not top & heavy, top & heavy
    assert not [m for m in loaded if m.startswith(("assistant.evals", "assistant.ui"))]


@pytest.mark.parametrize("backend", ["onnx", "sentence-transformers"])
def test_backend_is_chosen_by_settings_and_env(backend, monkeypatch):
    monkeypatch.setenv("ASSISTANT_EMBEDDING_BACKEND", backend)
    embedder = get_embedder("all-MiniLM-L6-v2")
    assert isinstance(embedder, OnnxEmbedder) == (backend == "onnx")


# ---- precision: fp32 and int8 indexes ----------------------------------------------------
DIGITAL_ID = Path(__file__).parent / "data" / "digital-id.html"
DIGITAL_ID_QUESTION = "Which countries offer digital ID?"


def test_int8_vectors_stay_near_fp32_and_are_quantised_once_beside_the_export():
    fp32 = get_embedder("all-MiniLM-L6-v2", backend="onnx")
    int8 = get_embedder("all-MiniLM-L6-v2", backend="onnx", precision="int8")
    assert isinstance(fp32, OnnxEmbedder) and isinstance(int8, OnnxEmbedder)
    assert int8.onnx_file.parent == fp32.onnx_file.parent
    assert int8.onnx_file.name == f"model.int8-v{onnx_export.INT8_VERSION}.external.onnx"
    cosine = np.sum(fp32.embed(TEXTS) * int8.embed(TEXTS), axis=1)
    assert np.min(cosine) > onnx_export.MIN_INT8_COSINE
    assert np.max(cosine) < 1 - 1e-4  # really another variant, so indexes must record it


def _question_vector(settings) -> np.ndarray:
    from assistant.pipeline import PolicyAssistant

    return PolicyAssistant(settings).retriever.embedder.embed([DIGITAL_ID_QUESTION])[0]


def test_a_new_index_is_int8_by_default_and_answers_with_int8_questions(make_settings):
    from assistant.indexing import index_paths
    from assistant.manifest import read_manifest
    from assistant.pipeline import PolicyAssistant
    from assistant.store import ChromaStore

    settings = make_settings()
    assert settings.embedding_precision is None  # the default: int8 for a new index
    assert index_paths([DIGITAL_ID], settings).added == 1
    assert ChromaStore(settings).embedding_variant == variant_name("int8") == "int8-v1"
    manifest = read_manifest(settings)
    assert manifest is not None and manifest.embedding_variant == "int8-v1"
    answer = PolicyAssistant(settings).ask(DIGITAL_ID_QUESTION)
    assert not answer.abstained and answer.citations
    int8 = get_embedder("all-MiniLM-L6-v2", backend="onnx", precision="int8")
    assert np.array_equal(_question_vector(settings), int8.embed([DIGITAL_ID_QUESTION])[0])


def test_an_fp32_index_keeps_fp32_questions_and_ingests(make_settings, tmp_path):
    from assistant.indexing import index_paths
    from assistant.store import ChromaStore

    built = make_settings(embedding_precision="fp32")
    assert index_paths([DIGITAL_ID], built).added == 1
    settings = make_settings()  # precision unset, as for the bundled index
    fp32 = get_embedder("all-MiniLM-L6-v2", backend="onnx")
    assert np.array_equal(_question_vector(settings), fp32.embed([DIGITAL_ID_QUESTION])[0])
    note = tmp_path / "note.md"
    note.write_text("# Zembla\n\nThe Zembla portal offers 42 online services.\n")
    assert index_paths([note], settings).added == 1
    assert ChromaStore(settings).embedding_variant == "fp32"  # a later ingest keeps it


def test_an_index_bound_to_its_model_before_variants_were_recorded_is_fp32(make_settings):
    from assistant.store import ChromaStore

    settings = make_settings()
    store = ChromaStore(settings, create=True)
    assert store.embedding_variant is None  # new: the settings choose
    store.chunks.modify(metadata={"embedding_model": "all-MiniLM-L6-v2"})  # as before int8
    assert ChromaStore(settings).embedding_variant == "fp32"


def test_asking_an_index_for_another_precision_is_one_line_naming_what_to_do(
    make_settings, monkeypatch
):
    from click.testing import CliRunner

    from assistant.cli import main
    from assistant.indexing import index_paths

    settings = make_settings(embedding_precision="fp32")
    index_paths([DIGITAL_ID], settings)
    monkeypatch.setenv("ASSISTANT_EMBEDDING_PRECISION", "int8")
    index = str(settings.index_dir)
    for args in (["ask", DIGITAL_ID_QUESTION], ["ingest", str(DIGITAL_ID)]):
        result = CliRunner().invoke(main, [args[0], "--index", index, *args[1:]])
        assert result.exit_code == 3, result.output
        lines = result.output.strip().splitlines()
        assert lines == [
            f"error: the index at {index} holds fp32 vectors, not int8; unset "
            "ASSISTANT_EMBEDDING_PRECISION to use the index's, or build it anew with "
            "`assistant ingest --rebuild --index DIR PATH...`"
        ]


def test_int8_questions_get_the_same_vector_in_a_batch_as_alone(make_settings):
    from assistant.embedding import question_embedder

    int8 = get_embedder("all-MiniLM-L6-v2", backend="onnx", precision="int8")
    alone = np.concatenate([int8.embed([text]) for text in TEXTS])
    assert not np.array_equal(int8.embed(TEXTS), alone)  # a batch is quantised together
    questions = question_embedder(make_settings(), "int8")
    assert np.array_equal(questions.embed(TEXTS), alone)


def test_an_embedder_loaded_ahead_fails_where_it_is_used():
    from assistant.embedding import LoadedAhead

    def broken():
        raise AssistantError("int8 embeddings unavailable (no onnxruntime)")

    embedder = LoadedAhead("all-MiniLM-L6-v2", broken)  # no error yet: the caller goes on
    with pytest.raises(AssistantError, match="int8 embeddings unavailable"):
        embedder.embed(["What is the EGDI?"])


def test_a_process_ends_only_after_the_embedder_loading_ahead_has_loaded(tmp_path: Path):
    """A question declined before the model is needed ends the process during the load:
    torn down mid-load, onnxruntime aborted it (exit 134) after the answer was printed."""
    done = tmp_path / "loaded"
    script = (
        "import time\n"
        "from assistant.embedding import LoadedAhead\n"
        "def load():\n"
        "    time.sleep(1.0)\n"
        f"    open({str(done)!r}, 'w').close()\n"
        "LoadedAhead('all-MiniLM-L6-v2', load)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, timeout=60)
    assert result.returncode == 0 and done.exists()


def test_a_text_embedded_alone_again_is_run_once_and_gets_its_vector():
    """A spelling check weighs the same word against the same term question after
    question: one-by-one embedding runs a text once and gives it the vector it got then."""
    from assistant.embedding import OneByOne

    runs: list[list[str]] = []

    class Counting:
        name = "counting"

        def embed(self, texts: list[str]) -> np.ndarray:
            runs.append(list(texts))
            return np.array([[float(len(t)), float(len(runs))] for t in texts], dtype=np.float32)

    embedder = OneByOne(Counting())
    first = embedder.embed(["asian", "asia"])
    again = embedder.embed(["asia", "far", "asia"])
    assert runs == [["asian"], ["asia"], ["far"]]
    assert again.tolist() == [first[1].tolist(), [3.0, 3.0], first[1].tolist()]
    again[0] = 0.0  # the caller's own array
    assert embedder.embed(["asia"]).tolist() == [first[1].tolist()]
    assert embedder.embed([]).shape == (0,)
