"""`assistant ingest` and `assistant info` as a user runs them: one line per failed file on
stderr, every other file still indexed, documented exit codes, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import BAD_FILES, write_encrypted_pdf

from assistant.cli import main
from assistant.embedding import model_path
from assistant.indexing import index_paths, ingest_lock
from assistant.ingest import SUPPORTED_TYPES
from assistant.store import ChromaStore

ASSISTANT = str(Path(sys.executable).with_name("assistant"))
SUMMARY_KEYS = {
    "documents", "chunks", "added", "unchanged", "removed", "rechunked", "failed", "repeats", "seconds"
}
KEEP = "# Kept note\n\nMalaysia upgraded its digital infrastructure in all states.\n"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ASSISTANT, *args], check=False,
        capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})},
    )  # fmt: skip


def error_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.strip()]


@pytest.fixture
def indexed(make_settings, tmp_path):
    """An index already holding one document, and its chunk ids."""
    settings = make_settings()
    keep = tmp_path / "kept" / "keep.md"
    keep.parent.mkdir()
    keep.write_text(KEEP)
    index_paths([keep], settings)
    return settings, sorted(ChromaStore(settings).chunks.get(include=[])["ids"])


@pytest.mark.slow
def test_bad_files_get_one_line_each_and_the_good_ones_are_indexed(indexed, tmp_path):
    settings, kept_ids = indexed
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name, (make, _) in BAD_FILES.items():
        make(folder / name)
    (folder / "good.md").write_text("# Good\n\nEgypt launched a government gateway.\n")
    write_encrypted_pdf(folder / "open.pdf", "")  # empty user password: readable
    missing = tmp_path / "no-such-dir" / "gone.pdf"

    result = run("ingest", str(folder), str(missing), "--index", str(settings.index_dir), "--json")

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = error_lines(result.stderr)
    expected = {str(folder / name): reason for name, (_, reason) in BAD_FILES.items()}
    expected[str(missing)] = "no such file or directory"
    assert len(lines) == len(expected), lines
    for path, reason in expected.items():
        (line,) = [ln for ln in lines if ln.startswith(f"error: {path}: ")]
        assert reason in line
    summary = json.loads(result.stdout)
    assert set(summary) == SUMMARY_KEYS
    assert (summary["added"], summary["documents"]) == (2, 3)
    assert sorted(f["file"] for f in summary["failed"]) == sorted(expected)
    assert all(set(f) == {"file", "error"} for f in summary["failed"])
    store = ChromaStore(settings)
    assert set(store.documents()) == {"keep.md", "good.md", "open.pdf"}
    assert set(kept_ids) <= set(store.chunks.get(include=[])["ids"])
    assert summary["chunks"] == store.count()


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_file_alone_fails_with_exit_2_and_leaves_the_index_as_it_was(
    indexed, tmp_path, name
):
    settings, kept_ids = indexed
    make, reason = BAD_FILES[name]
    path = tmp_path / name
    make(path)
    result = CliRunner().invoke(
        main, ["ingest", str(path), "--index", str(settings.index_dir), "--json"]
    )
    assert result.exit_code == 2, result.output
    assert error_lines(result.stderr) == [
        f"error: {path}: {json.loads(result.stdout)['failed'][0]['error']}"
    ]
    assert reason in result.stderr
    summary = json.loads(result.stdout)
    assert summary["failed"] == [{"file": str(path), "error": summary["failed"][0]["error"]}]
    assert (summary["added"], summary["unchanged"], summary["documents"]) == (0, 0, 1)
    assert sorted(ChromaStore(settings).chunks.get(include=[])["ids"]) == kept_ids


def test_unreadable_paths_are_named(indexed, tmp_path):
    settings, _ = indexed
    missing = tmp_path / "missing.md"
    inside_missing_dir = tmp_path / "nowhere" / "report.pdf"
    result = CliRunner().invoke(
        main,
        ["ingest", str(missing), str(inside_missing_dir), "--index", str(settings.index_dir)],
    )
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [
        f"error: {missing}: no such file or directory",
        f"error: {inside_missing_dir}: no such file or directory",
    ]


def test_folder_without_documents_is_named(indexed, tmp_path):
    settings, _ = indexed
    empty = tmp_path / "scans.pdf"  # a folder, whatever its name says
    empty.mkdir()
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    result = CliRunner().invoke(
        main, ["ingest", str(empty), str(tmp_path / "sub"), "--index", str(settings.index_dir)]
    )
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [
        f"error: {empty}: folder holds no supported files ({SUPPORTED_TYPES})",
        f"error: {tmp_path / 'sub'}: folder holds no supported files ({SUPPORTED_TYPES})",
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_read_permission_is_named(indexed, tmp_path):
    settings, _ = indexed
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\nText.\n")
    secret.chmod(0)
    result = CliRunner().invoke(main, ["ingest", str(secret), "--index", str(settings.index_dir)])
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [f"error: {secret}: permission denied"]


def test_all_good_files_exit_0_with_a_summary_line(make_settings, tmp_path):
    settings = make_settings()
    doc = tmp_path / "note.md"
    doc.write_text(KEEP)
    result = CliRunner().invoke(main, ["ingest", str(doc), "--index", str(settings.index_dir)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("1 documents, ")
    assert "(1 added, 0 unchanged, 0 removed, 0 failed)" in result.stdout
    again = CliRunner().invoke(
        main, ["ingest", str(doc), "--index", str(settings.index_dir), "--json"]
    )
    assert again.exit_code == 0
    summary = json.loads(again.stdout)
    assert set(summary) == SUMMARY_KEYS
    assert (summary["added"], summary["unchanged"], summary["failed"]) == (0, 1, [])


# ---- index-level refusals ----------------------------------------------------------------


def test_index_built_with_another_model_is_refused_with_exit_3(indexed, tmp_path):
    settings, kept_ids = indexed
    other = tmp_path / "other.md"
    other.write_text("# Other\n\nNigeria expanded broadband.\n")
    # The same weights under another name: a different model as far as the index knows.
    env = {"ASSISTANT_EMBEDDING_MODEL": model_path("all-MiniLM-L6-v2")}
    result = run("ingest", str(other), "--index", str(settings.index_dir), env=env)
    assert result.returncode == 3
    (line,) = error_lines(result.stderr)
    assert "built with 'all-MiniLM-L6-v2'" in line
    assert "ASSISTANT_EMBEDDING_MODEL" in line
    assert sorted(ChromaStore(settings).chunks.get(include=[])["ids"]) == kept_ids


def test_ingest_while_another_holds_the_lock_exits_4(indexed, tmp_path):
    settings, _ = indexed
    with ingest_lock(settings):
        result = run("ingest", str(tmp_path / "kept"), "--index", str(settings.index_dir))
    assert result.returncode == 4
    (line,) = error_lines(result.stderr)
    assert line.startswith("error: another ingest (pid ")


def test_info_on_an_empty_folder_says_to_ingest_and_exits_3(tmp_path):
    result = run("info", "--index", str(tmp_path))
    assert result.returncode == 3
    assert error_lines(result.stderr) == [
        f"error: no index at {tmp_path}; run `assistant ingest corpus/` first"
    ]
    assert result.stdout == ""


def test_info_lists_the_indexed_documents(indexed):
    settings, kept_ids = indexed
    result = CliRunner().invoke(main, ["info", "--index", str(settings.index_dir), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["model"] == "all-MiniLM-L6-v2"
    assert data["chunks"] == len(kept_ids)
    assert [d["source"] for d in data["documents"]] == ["keep.md"]
    [doc] = data["documents"]
    assert (doc["format"], doc["language"], doc["ocr_chunks"]) == ("md", "en", 0)
    text = CliRunner().invoke(main, ["info", "--index", str(settings.index_dir)]).stdout
    assert "(keep.md): md, 1 pages, 1 chunks, language en" in text


# ---- help ------------------------------------------------------------------------------


# Every command, those imported on first use (`eval`) included.
COMMANDS = main.list_commands(click.Context(main))


def test_help_lists_every_command_and_exit_code():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "eval" in COMMANDS
    for name in COMMANDS:
        assert name in result.stdout
    assert "Exit codes" in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_help_mentions_all_its_options(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    options = [
        opt
        for param in main.get_command(click.Context(main), command).params
        if isinstance(param, click.Option)
        for opt in param.opts
        if opt.startswith("--")
    ]
    assert options
    for opt in options:
        assert opt in result.stdout, f"{command} --help lacks {opt}"


def test_a_command_collects_garbage_seldom_and_not_at_exit(tmp_path):
    """The interpreter's full collection at exit walks nothing a command loaded (after a
    batch of questions it cost 0.1-0.3 s of CPU), and a command collects garbage seldom;
    the command's output is all written."""
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('tracked', len(gc.get_objects()), 'every',\n"
        "                              gc.get_threshold()[0], file=sys.stderr))\n"
        "from assistant.cli import main\n"
        "main(['ask', '--help'])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=False, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
    assert done.returncode == 0 and "--questions" in done.stdout
    tracked = int(done.stderr.split("tracked", 1)[1].split()[0])
    assert tracked < 100, done.stderr
    assert int(done.stderr.split("every", 1)[1].split()[0]) >= 10_000


def test_python_dash_m_assistant_is_the_same_command_line(tmp_path):
    """Without the console script on PATH, `python -m assistant` gives the same errors."""
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "info", "--index", str(tmp_path)], check=False,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 3
    assert error_lines(result.stderr) == [
        f"error: no index at {tmp_path}; run `assistant ingest corpus/` first"
    ]
