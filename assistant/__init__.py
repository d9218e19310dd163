"""Policy Assistant: sourced answers on e-government policy from UN documents.

The public API::

    from assistant import PolicyAssistant, Settings

    assistant = PolicyAssistant(Settings(index_dir="index"))
    assistant.ingest([Path("corpus")])
    answer = assistant.ask("What does the strategy say about digital skills?")  # an Answer

Names are imported on first use (PEP 562), so `import assistant.errors` or `assistant
--help` does not load the indexing stack.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS = {
    "PolicyAssistant": "assistant.pipeline",
    "Settings": "assistant.settings",
    "get_settings": "assistant.settings",
    "AssistantError": "assistant.errors",
    "Answer": "assistant.types",
    "Block": "assistant.types",
    "Chunk": "assistant.types",
    "Citation": "assistant.types",
    "DocumentMeta": "assistant.types",
    "FileFailure": "assistant.types",
    "Hit": "assistant.types",
    "IndexedDocument": "assistant.types",
    "IngestReport": "assistant.types",
    "ParsedDocument": "assistant.types",
}

__all__ = [
    "Answer",
    "AssistantError",
    "Block",
    "Chunk",
    "Citation",
    "DocumentMeta",
    "FileFailure",
    "Hit",
    "IndexedDocument",
    "IngestReport",
    "ParsedDocument",
    "PolicyAssistant",
    "Settings",
    "__version__",
    "get_settings",
]

if TYPE_CHECKING:
    from assistant.errors import AssistantError
    from assistant.pipeline import PolicyAssistant
    from assistant.settings import Settings, get_settings
    from assistant.types import (
        Answer,
        Block,
        Chunk,
        Citation,
        DocumentMeta,
        FileFailure,
        Hit,
        IndexedDocument,
        IngestReport,
        ParsedDocument,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'assistant' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
