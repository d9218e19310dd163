"""Issue 13, item 8: a broken index gives one line naming the problem and the command that
fixes it (documented exit codes), never a traceback, and nothing indexed is lost.

Each case works on its own copy of a one-note index, so no Chroma client cached by this
process ever saw the file before it was damaged.
"""

from __future__ import annotations

import errno
import json
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


# ---- item 11, CLI: terminal escapes and bad question lines --------------------------------
def test_terminal_escape_sequences_in_documents_never_reach_the_terminal(tmp_path: Path) -> None:
    note = tmp_path / "escapes.md"
    note.write_text("# Title\x1b]0;pwned\x07 of Zembla\n\nThe Zembla portal offers 42 online "
                    "services.\x1b[2J\x1b[1;1H Clear screen.\x9b31m\n", encoding="utf-8")
    index = str(tmp_path / "index")
    assert CliRunner().invoke(main, ["ingest", "--index", index, str(note)]).exit_code == 0
    for args in (["ask", QUESTION], ["info"]):
        result = CliRunner().invoke(main, [args[0], "--index", index, *args[1:]])
        assert result.exit_code == 0, result.output
        assert not any(ch in result.output for ch in "\x1b\x07\x9b"), repr(result.output)
    assert "42" in CliRunner().invoke(main, ["ask", "--index", index, QUESTION]).output


def test_bad_question_lines_are_named_by_number_and_the_rest_answered(
    small_index: tuple[Path, Path], tmp_path: Path
) -> None:
    questions = tmp_path / "questions.jsonl"
    questions.write_bytes(b"\n".join([
        b'{"id": 1, "question": "' + QUESTION.encode() + b'"}',
        b'{"id": 2, "question": "caf\xe9 \xff"}',            # not UTF-8
        b'{"id": 3, "question": "Zembla?", "country": 5}',   # a number for a country
        b'{"id": 1e400, "question": "Zembla?"}',             # infinite id
        b'{"id": NaN, "question": "Zembla?"}',
        b'["not an object"]',
        b'{"id": "6", "question": "' + QUESTION.encode() + b'", "country": "Zembla"}',
    ]))
    result = CliRunner().invoke(main, ["ask", "--index", str(small_index[0]), "--json",
                                       "--questions", str(questions)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]  # all valid JSON
    assert [r.get("error", "ok").split(":")[0] for r in rows] == \
        ["ok", "line 2", "line 3", "line 4", "line 5", "line 6", "ok"]
    assert "42" in rows[0]["answer"] and rows[0]["id"] == 1


def test_eval_names_the_bad_line_of_a_question_file(tmp_path: Path) -> None:
    questions = tmp_path / "golden.jsonl"
    questions.write_bytes(b'{"id": "a", "question": "Q?", "answerable": true, "facts": []}\n'
                          b'{"id": "b", "question": "Q?", "answerable": true, "facts": [], '
                          b'"country": {"x": 1}}\n')
    result = CliRunner().invoke(main, ["eval", "--questions", str(questions),
                                       "--index", str(tmp_path / "none")])
    assert result.exit_code == 2, result.output
    assert result.output.count("\n") == 1 and "line 2" in result.output, result.output


@pytest.mark.parametrize("user, password", [("delegate", ""), ("", "secret")])
def test_a_half_set_login_stops_serve_at_start_up(tmp_path: Path, user: str, password: str
                                                  ) -> None:
    env = {**os.environ, "ASSISTANT_AUTH_USER": user, "ASSISTANT_AUTH_PASSWORD": password}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "serve", "--index",
                           str(tmp_path / "index"), "--port", "0"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "ASSISTANT_AUTH_PASSWORD" in done.stderr
    assert not (tmp_path / "index").exists()  # refused before anything started
