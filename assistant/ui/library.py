"""The Library tab's actions: add uploaded files to the index, remove documents.

An upload is used only if this client uploaded it (``UploadRegistry``) and it is a regular
file within the size limit; it is copied into the uploads folder as a new file (never over
another, never through a link) and only under a name no document of the library has, so
no upload ever replaces a document. Upload copies are deleted whatever happens.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path

from assistant.errors import AssistantError, IndexMissingError
from assistant.indexing import ProgressSink
from assistant.ingest import SUPPORTED_SUFFIXES, SUPPORTED_TYPES
from assistant.pipeline import PolicyAssistant
from assistant.ui.render import escape
from assistant.ui.uploads import NOT_UPLOADED, UploadRegistry, regular_file_size
from assistant.ui.web import RateLimiter

# The same types as `assistant ingest` (one list, in assistant.ingest).
UPLOAD_SUFFIXES = tuple(sorted(SUPPORTED_SUFFIXES))
MAX_TITLE_CHARS = 200


def upload_name(original: str) -> str:
    """The uploaded file's own name, reduced to characters safe in a file name."""
    name = Path(original.replace("\\", "/")).name
    cleaned = "".join(ch if ch.isalnum() or ch in "._- " else "_" for ch in name).strip(" .")
    return cleaned or "upload"


def copy_new(source: Path, target: Path) -> bool:
    """Copy into a new file only: never over an existing file, never through a link."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except (FileExistsError, IsADirectoryError):
        return False
    with os.fdopen(fd, "wb") as out, source.open("rb") as src:
        shutil.copyfileobj(src, out)
    return True


class Library:
    def __init__(self, pa: PolicyAssistant, uploads: UploadRegistry,
                 actions: RateLimiter | None = None) -> None:
        self.pa = pa
        self.settings = pa.settings
        self.uploads = uploads
        # Additions and removals per client: each one re-indexes, so a loop of them from one
        # client would keep the index lock and the cores busy for everyone.
        self.actions = actions or RateLimiter(pa.settings.library_actions_per_minute)

    def _too_many(self, client: str) -> str | None:
        if self.actions.allow(client):
            return None
        return (f"✗ too many library changes from this client: the limit is "
                f"{self.settings.library_actions_per_minute} a minute; wait and try again")

    def _taken_names(self) -> set[str]:
        try:
            return {Path(d.source).name.lower() for d in self.pa.documents()}
        except IndexMissingError:
            return set()

    def add(self, files: Sequence[str], client: str, progress: ProgressSink) -> str:
        """Index the uploads ``files`` of ``client``; one status line per file."""
        try:
            return self._too_many(client) or self._add(files, client, progress)
        finally:
            self.uploads.release(files)  # the upload copies are never kept

    def _add(self, files: Sequence[str], client: str, progress: ProgressSink) -> str:
        settings = self.settings
        self.uploads.sweep()
        settings.uploads_path.mkdir(parents=True, exist_ok=True)
        taken = self._taken_names()
        saved: list[Path] = []
        lines: list[str] = []
        for temp in files:
            name = upload_name(Path(temp).name)
            size = regular_file_size(temp) if self.uploads.owns(client, temp) else None
            if size is None:
                lines.append(f"✗ {name}: {NOT_UPLOADED}")
            elif Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
                lines.append(f"✗ {name}: refused, only {SUPPORTED_TYPES} files can be added")
            elif size > settings.upload_max_mb * 1024 * 1024:
                lines.append(
                    f"✗ {name}: refused, larger than the {settings.upload_max_mb:g} MB limit"
                )
            elif name.lower() in taken or (settings.corpus_dir / name).exists():
                lines.append(f"✗ {name}: refused, the library already has a document named "
                             f"{name}; rename the file, or remove the other one first")
            elif not copy_new(Path(temp), settings.uploads_path / name):
                lines.append(f"✗ {name}: refused, an upload named {name} is already stored; "
                             "rename the file")
            else:
                taken.add(name.lower())
                saved.append(settings.uploads_path / name)
        if saved:
            try:
                report = self.pa.ingest(saved, progress=progress)
            except AssistantError as exc:
                for path in saved:  # not indexed, so not kept (nor served)
                    path.unlink(missing_ok=True)
                return "\n\n".join([*lines, f"✗ {exc}"])
            failed = {Path(f.file).name: f.error for f in report.failed}
            for path in saved:
                if path.name in failed:
                    path.unlink(missing_ok=True)  # an unreadable file does not stay in the corpus
                    lines.append(f"✗ {path.name}: {failed[path.name]}")
                else:
                    lines.append(f"✓ {path.name}: added to the library")
        return "\n\n".join(lines)

    # ---- removal and titles: bundled documents are protected -------------------------
    def is_upload(self, source: str) -> bool:
        """True for a document added through the Library tab (its file is in the uploads
        folder); the documents that shipped with the corpus folder are not."""
        recorded = self.pa.document_paths().get(source, "")
        stored = Path(recorded) if recorded else None
        return stored is not None and \
            stored.resolve().parent == self.settings.uploads_path.resolve()

    def can_remove(self, source: str) -> bool:
        return self.settings.allow_bundled_removal or self.is_upload(source)

    def remove(self, source: str, client: str = "unknown") -> str:
        """Drop a document from the index, and its file when it was an upload. A document
        that shipped with the corpus stays unless the server allows removing it."""
        if not self.can_remove(source):
            return (f"✗ {source} shipped with the library and cannot be removed here; "
                    "the server's administrator can allow it (ASSISTANT_ALLOW_BUNDLED_REMOVAL=1)")
        refused = self._too_many(client)
        if refused:
            return refused
        recorded = self.pa.document_paths().get(source, "")
        upload = self.is_upload(source)
        try:
            removed = self.pa.remove(source)
        except AssistantError as exc:
            return f"✗ {exc}"
        stored = Path(recorded) if recorded else None
        if upload and stored is not None and stored.is_file():
            stored.unlink()  # an upload removed from the library leaves the corpus folder too
        return f"✓ removed {source}" if removed else f"{source} was not in the library"

    def retitle(self, source: str, title: str, client: str = "unknown") -> str:
        """Rename an uploaded document (its citations show the new title)."""
        title = " ".join((title or "").split())
        if not title:
            return "✗ Type the new title first."
        if len(title) > MAX_TITLE_CHARS:
            return f"✗ A title has at most {MAX_TITLE_CHARS} characters."
        if not self.can_remove(source):
            return f"✗ {source} shipped with the library; its title cannot be changed here."
        refused = self._too_many(client)  # a new title re-indexes too
        if refused:
            return refused
        try:
            changed = self.pa.retitle(source, title)
        except AssistantError as exc:
            return f"✗ {exc}"
        return f"✓ {source} is now titled “{escape(title)}”" if changed else \
            f"{source} is not in the library"
