"""Issue 13, item 8: a broken index gives one line naming the problem and the command that
fixes it (documented exit codes), never a traceback, and nothing indexed is lost.

Each case works on its own copy of a one-note index, so no Chroma client cached by this
process ever saw the file before it was damaged.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.errors import IndexDamagedError, IndexLockedError, IndexWriteError
from assistant.settings import Settings
from assistant.store_failures import describe

NOTE = "# Zembla\n\nThe Zembla portal offers 42 online services.\n"
QUESTION = "How many online services does the Zembla portal offer?"


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("small-index")
    note = root / "zembla.md"
    note.write_text(NOTE, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", "--index", str(root / "index"), str(note)])
    assert result.exit_code == 0, result.output
    return root / "index", note


def _damaged_copy(small_index: tuple[Path, Path], tmp_path: Path, how: str) -> Path:
    index = tmp_path / f"index-{how}"
    shutil.copytree(small_index[0], index)
    db = index / "chroma.sqlite3"
    if how == "garbled":
        with db.open("r+b") as f:
            f.seek(100)
            f.write(os.urandom(4000))
    else:
        os.truncate(db, 1000)
    return index


@pytest.mark.parametrize("how", ["garbled", "truncated"])
@pytest.mark.parametrize("command", ["info", "ask", "ingest"])
def test_a_damaged_store_is_one_line_with_the_rebuild_command(
    small_index: tuple[Path, Path], tmp_path: Path, command: str, how: str
) -> None:
    index = _damaged_copy(small_index, tmp_path, how)
    args = {"info": [], "ask": [QUESTION], "ingest": [str(small_index[1])]}[command]
    result = CliRunner().invoke(main, [command, "--index", str(index), *args])
    assert result.exit_code == 6, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert lines[0].startswith(f"error: the index at {index} is damaged")
    assert f"assistant ingest --rebuild --index {index}" in lines[0]


def test_rebuild_keeps_the_damaged_index_and_answers_again(
    small_index: tuple[Path, Path], tmp_path: Path
) -> None:
    index = _damaged_copy(small_index, tmp_path, "garbled")
    damaged = (index / "chroma.sqlite3").read_bytes()
    result = CliRunner().invoke(main, ["ingest", "--rebuild", "--index", str(index),
                                       str(small_index[1])])
    assert result.exit_code == 0, result.output
    kept = list(tmp_path.glob("index-garbled.damaged-*"))
    assert len(kept) == 1 and (kept[0] / "chroma.sqlite3").read_bytes() == damaged
    answer = CliRunner().invoke(main, ["ask", "--index", str(index), QUESTION])
    assert answer.exit_code == 0 and "42" in answer.output


def test_serve_on_a_damaged_store_exits_with_one_line(
    small_index: tuple[Path, Path], tmp_path: Path
) -> None:
    index = _damaged_copy(small_index, tmp_path, "truncated")
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "serve", "--index", str(index), "--port", "0"],
        capture_output=True, text=True, timeout=240,
        env={**os.environ, "ASSISTANT_UPLOAD_DIR": str(tmp_path / "uploads")},
    )
    assert done.returncode == 6, done.stderr
    assert done.stderr.strip().count("\n") == 0 and "--rebuild" in done.stderr, done.stderr


@pytest.mark.parametrize("exc, kind, words", [
    (PermissionError(errno.EACCES, "Permission denied"), IndexWriteError, "readable and writable"),
    (OSError(errno.EROFS, "Read-only file system"), IndexWriteError, "readable and writable"),
    (OSError(errno.ENOSPC, "No space left on device"), IndexWriteError, "free some space"),
    (sqlite3.OperationalError("database is locked"), IndexLockedError, "wait"),
    (sqlite3.DatabaseError("file is not a database"), IndexDamagedError, "--rebuild"),
], ids=["permission", "read-only", "disk full", "locked", "not a database"])
def test_every_store_failure_names_its_problem_and_its_fix(
    exc: Exception, kind: type, words: str, tmp_path: Path
) -> None:
    error = describe(exc, Settings(index_dir=tmp_path / "index"))
    assert isinstance(error, kind) and words in str(error) and "\n" not in str(error)


def test_other_errors_are_not_mistaken_for_store_failures(tmp_path: Path) -> None:
    assert describe(ValueError("a bug"), Settings(index_dir=tmp_path)) is None
