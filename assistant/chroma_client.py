"""The Chroma client a store opens: embedded (``PersistentClient`` at ``index_dir``) or a
Chroma server (``HttpClient``) when ``chroma_url`` is set, and dropping the embedded one a
process keeps cached. Its own concept: the lock (locking.py) opens a client without a store.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

from assistant.errors import IndexMissingError, StoreUnavailableError
from assistant.settings import Settings

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def make_client(settings: Settings, *, create: bool):  # noqa: ANN201 - chromadb ClientAPI
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise StoreUnavailableError(
                f"bad Chroma URL '{settings.chroma_url}': expected http://host:port"
            )
        try:
            client = chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
            client.heartbeat()
        except Exception as exc:  # noqa: BLE001 - connection errors vary by transport
            raise StoreUnavailableError(
                f"cannot reach the Chroma server at {settings.chroma_url} "
                f"({str(exc).splitlines()[0][:100]}); start it or unset ASSISTANT_CHROMA_URL"
            ) from None
        return client
    if not create and not (settings.index_dir / "chroma.sqlite3").exists():
        raise IndexMissingError(
            f"no index at {settings.index_dir}; run `assistant ingest corpus/` first"
        )
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.index_dir), settings=chroma_settings)


def forget_cached_client(settings: Settings) -> None:
    """Make the next embedded client read the store from disk.

    Chroma keeps one in-memory copy of an embedded store per process and path and does not
    see another process's writes to it (its vector index then returns deleted chunks);
    dropping that copy is the only way to see them. Clients already open keep the old
    copy until they are released. Nothing to do for a Chroma server.
    """
    if settings.chroma_url:
        return
    from chromadb.api.shared_system_client import SharedSystemClient

    # Chroma's own key for an embedded store is its path as given (private, but stable
    # across 0.5-1.x); a missing key means nothing is cached.
    SharedSystemClient._identifier_to_system.pop(str(settings.index_dir), None)
