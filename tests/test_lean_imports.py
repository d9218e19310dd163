"""lean_imports: what a short command skips importing still works when it is needed."""

from __future__ import annotations

import subprocess
import sys

from assistant.settings import PROJECT_ROOT

# In a fresh interpreter, as the command line runs it: trim, then use chromadb and bm25s.
_TRIMMED_THEN_USED = """
import sys, tempfile
from assistant import lean_imports
lean_imports.apply()
import bm25s, chromadb, httpx
assert "scipy" not in sys.modules and "grpc" not in sys.modules and "rich" not in sys.modules
client = chromadb.PersistentClient(path=tempfile.mkdtemp())
client.create_collection("bare", embedding_function=None).add(ids=["a"], embeddings=[[1.0, 0.0]])
found = client.get_collection("bare", embedding_function=None).query(
    query_embeddings=[[1.0, 0.0]], n_results=1)["ids"]
assert found == [["a"]], found
assert "jsonschema" not in sys.modules  # no embedding function named: registry not imported
client.create_collection("chunks").add(ids=["a"], embeddings=[[1.0, 0.0]])  # chromadb's default
found = client.get_collection("chunks").query(query_embeddings=[[1.0, 0.0]], n_results=1)["ids"]
assert found == [["a"]], found
from chromadb.utils.embedding_functions import DefaultEmbeddingFunction, known_embedding_functions
assert "default" in known_embedding_functions and DefaultEmbeddingFunction
retriever = bm25s.BM25()
retriever.index([[0, 1], [1, 2]], show_progress=False)  # bm25s's own default: numpy
from chromadb.telemetry.opentelemetry import OTLPSpanExporter
exporter = OTLPSpanExporter(endpoint="http://127.0.0.1:9", insecure=True)
assert type(exporter).__module__.endswith("grpc.trace_exporter"), type(exporter)
assert type(exporter) is not OTLPSpanExporter and "grpc" in sys.modules
import scipy.sparse
assert scipy.sparse.csr_matrix((2, 2)).shape == (2, 2)
print("ok")
"""


def test_trimmed_imports_leave_chromadb_bm25s_and_scipy_working():
    result = subprocess.run(
        [sys.executable, "-c", _TRIMMED_THEN_USED],
        capture_output=True, text=True, timeout=120,
        env={"PYTHONPATH": str(PROJECT_ROOT), "ANONYMIZED_TELEMETRY": "False", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
