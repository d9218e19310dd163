"""Third-party imports trimmed for a short-lived command: `assistant ask` answers in about a
second, and a third of that went into importing code it never runs.

Measured on chromadb 1.5.9, httpx 0.28, bm25s 0.3.16, overrides 7.7 (python -X importtime,
user CPU of a cold `assistant ask`, 1.40 s before these, about 1.0 s after):

- ``httpx`` imports its command-line client (rich, pygments, click) whenever rich is
  installed; chromadb imports httpx, nothing here runs the httpx command;
- ``chromadb`` imports the OpenTelemetry gRPC span exporter (grpc, protobuf) at start-up,
  though it builds one only when ``chroma_otel_collection_endpoint`` is set: here it is
  imported the first time one is built;
- chromadb marks its ~160 overriding methods with ``overrides.override``, which compares
  each signature with its base class's while the classes are created: a development check
  of chromadb's own code; the marker the ``EnforceOverrides`` metaclass requires is kept;
- ``bm25s`` imports ``scipy.sparse`` when it can (and scipy clones numpy's namespace,
  importing numpy.f2py and numpy.testing), though it uses scipy only to build an index
  with ``csc_backend="scipy"``; the assistant builds with bm25s's default, numpy;
- ``chromadb`` imports its registry of embedding functions (some 40 providers' modules,
  jsonschema, httpx; ~60 ms of CPU) while its classes are defined, though it reads the
  registry only for a collection whose configuration names an embedding function (the
  assistant's collections name none): here the registry is imported on first use.

Each step only takes effect if its module has not been imported yet and leaves the
library's behaviour as it was; a later version that moves things around gets the
ordinary import. ``apply`` is called by the command line before anything imports these.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

_OTLP_EXPORTER = "opentelemetry.exporter.otlp.proto.grpc.trace_exporter"
_EMBEDDING_FUNCTIONS = "chromadb.utils.embedding_functions"


def apply() -> None:
    """Trim the imports above (once per process; harmless when repeated)."""
    _skip_httpx_command_line()
    _defer_otlp_exporter()
    _mark_overrides_without_signature_checks()
    _import_bm25s_without_scipy()
    _defer_embedding_functions()


def _skip_httpx_command_line() -> None:
    # httpx/__init__.py: `try: from ._main import main except ImportError: <a stub main>`.
    if "httpx" not in sys.modules:
        sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]


class _DeferredOTLPSpanExporter:
    """Stands in for OTLPSpanExporter until one is built: then the real module is imported
    and the real exporter returned."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        if getattr(sys.modules.get(_OTLP_EXPORTER), "OTLPSpanExporter", None) is cls:
            del sys.modules[_OTLP_EXPORTER]
        real = importlib.import_module(_OTLP_EXPORTER).OTLPSpanExporter
        return real(*args, **kwargs)


def _defer_otlp_exporter() -> None:
    if _OTLP_EXPORTER in sys.modules or "chromadb" in sys.modules:
        return
    stand_in = types.ModuleType(_OTLP_EXPORTER)
    stand_in.OTLPSpanExporter = _DeferredOTLPSpanExporter  # type: ignore[attr-defined]
    sys.modules[_OTLP_EXPORTER] = stand_in


def _mark_overrides_without_signature_checks() -> None:
    if "chromadb" in sys.modules:
        return
    try:
        import overrides
        import overrides.overrides as implementation
    except ImportError:
        return

    def override(method: Any = None, *, check_signature: bool = True,
                 check_at_runtime: bool = False) -> Any:
        if method is None:  # used as @override(...)
            return override
        method.__override__ = True  # what EnforceOverrides looks for
        return method

    overrides.override = override
    implementation.override = override


def _import_bm25s_without_scipy() -> None:
    if "bm25s" in sys.modules or "scipy.sparse" in sys.modules:
        return
    sys.modules["scipy.sparse"] = None  # type: ignore[assignment]  # bm25s: SCIPY_AVAILABLE False
    try:
        import bm25s  # noqa: F401
    except ImportError:
        pass  # not installed: the assistant's own import says so
    finally:
        del sys.modules["scipy.sparse"]  # a later `import scipy.sparse` works as usual


def _embedding_functions() -> types.ModuleType:
    """chromadb's embedding functions, imported now if only the stand-in was."""
    if getattr(sys.modules.get(_EMBEDDING_FUNCTIONS), "_deferred", False):
        del sys.modules[_EMBEDDING_FUNCTIONS]
    return importlib.import_module(_EMBEDDING_FUNCTIONS)


class _DeferredRegistry(Mapping[str, Any]):
    """Stands in for one of the registry dicts: every read goes to the real one."""

    def __init__(self, name: str) -> None:
        self._name = name

    def _real(self) -> Mapping[str, Any]:
        return getattr(_embedding_functions(), self._name)

    def __getitem__(self, key: str) -> Any:
        return self._real()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._real())

    def __len__(self) -> int:
        return len(self._real())


def _register_embedding_function(*args: Any, **kwargs: Any) -> Any:
    return _embedding_functions().register_embedding_function(*args, **kwargs)


def _real_attribute(name: str) -> Any:
    if name.startswith("__"):  # the import machinery asking about the module itself
        raise AttributeError(name)
    return getattr(_embedding_functions(), name)


def _defer_embedding_functions() -> None:
    if _EMBEDDING_FUNCTIONS in sys.modules or "chromadb" in sys.modules:
        return
    spec = importlib.util.find_spec("chromadb")  # finds, does not import
    if spec is None or not spec.submodule_search_locations:
        return
    stand_in = types.ModuleType(_EMBEDDING_FUNCTIONS)
    stand_in._deferred = True  # type: ignore[attr-defined]
    # A package still: one provider's module (the default embedding function's) can be
    # imported on its own.
    stand_in.__path__ = [
        str(Path(spec.submodule_search_locations[0]) / "utils" / "embedding_functions")]
    stand_in.known_embedding_functions = _DeferredRegistry(  # type: ignore[attr-defined]
        "known_embedding_functions")
    stand_in.sparse_known_embedding_functions = _DeferredRegistry(  # type: ignore[attr-defined]
        "sparse_known_embedding_functions")
    stand_in.register_embedding_function = _register_embedding_function  # type: ignore[attr-defined]
    stand_in.__getattr__ = _real_attribute  # type: ignore[method-assign]
    sys.modules[_EMBEDDING_FUNCTIONS] = stand_in
