"""Command line: a thin layer over PolicyAssistant. Errors are one line on stderr.

Exit codes: 0 ok; 1 unexpected error; 2 bad input (a file failed to ingest, a bad question
or option); 3 no index, or an index built with another model; 4 index locked by another
ingest or process; 5 Chroma server unreachable; 6 index damaged (rebuild it with `assistant
ingest --rebuild`); 7 index not writable (permissions, read-only, disk full); 130
interrupted (Ctrl-C).
"""

from __future__ import annotations

import gc

# A command allocates millions of objects and frees nearly all of them by reference
# counting (a batch of 135 questions: under 1,000 found in cycles); a collection every
# 700 allocations (CPython's default) walked live objects for ~0.11 s of that batch,
# one every 20,000 for ~0.06 s, one every 100,000 ~0.02 s of its answering (the young
# objects a collection walks have more time to be freed first). Set before the imports
# below: importing them (click, pydantic) collected ~70 times, ~0.02 s of CPU a command.
gc.set_threshold(100_000, *gc.get_threshold()[1:])

import functools  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any, NoReturn  # noqa: E402

import click  # noqa: E402

from assistant.cli_output import (  # noqa: E402
    RichProgress,
    document_row,
    echo,
    print_answer,
    print_index_info,
)
from assistant.errors import AssistantError  # noqa: E402
from assistant.settings import Settings, get_settings  # noqa: E402

EXIT_OK, EXIT_ERROR, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
MODES = ("auto", "answer", "compare", "brief", "prompts")


def _fail(message: str, code: int) -> NoReturn:
    echo(f"error: {message}", err=True)
    sys.exit(code)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Library errors become one line on stderr and a documented exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AssistantError as exc:
            _fail(str(exc), exc.exit_code)
        except Exception as exc:
            from assistant.store_failures import describe

            # A store failure outside PolicyAssistant (info reads the store itself).
            error = describe(exc, _settings(kwargs.get("index_dir"), kwargs.get("chroma_url")))
            if error is None:
                raise
            _fail(str(error), error.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted; what was fully indexed is kept, run the command again", 130)

    return wrapper


def index_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--chroma-url",
        metavar="URL",
        help="Use a Chroma server (http://host:port) instead of the embedded store "
        "[env ASSISTANT_CHROMA_URL].",
    )(func)
    return click.option(
        "--index",
        "index_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Index folder [default: ./index, env ASSISTANT_INDEX_DIR].",
    )(func)


def _settings(index_dir: Path | None, chroma_url: str | None, **extra: Any) -> Settings:
    return get_settings(index_dir=index_dir, chroma_url=chroma_url, **extra)


class CommandGroup(click.Group):
    """Commands defined elsewhere are imported only when named (or listed by --help):
    `assistant eval` loads the evaluation's modules, which `assistant ask` never needs."""

    lazy = {"eval": ("assistant.evals.cli", "eval_command")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.lazy])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            import importlib

            module, name = self.lazy[cmd_name]
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=CommandGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="policy-assistant")
def main() -> None:
    """Policy Assistant: sourced answers on e-government policy from UN documents.

    Ingest PDFs, text and Markdown into a local index, then ask questions: every claim in
    an answer cites document, page, section and the quoted text; questions the documents
    do not answer are declined.

    \b
    Typical use:
      assistant ingest corpus/
      assistant ask "What does the national strategy say about digital skills?"
      assistant brief COUNTRY --format docx --out brief.docx
      assistant serve

    \b
    Exit codes: 0 ok; 1 unexpected error; 2 bad input (a file failed, a bad question or
    option); 3 no index / index built with another model; 4 index locked; 5 Chroma server
    unreachable; 6 index damaged (assistant ingest --rebuild); 7 index not writable;
    130 interrupted.
    """
    import atexit
    import os

    from assistant import lean_imports

    # numpy's OpenBLAS runs a product past a small size on one thread per core, whose
    # threads then spin waiting for the next. The assistant's products are small (MMR over
    # 48 passages, a question against a few thousand vectors): a golden batch took 1.91 s
    # of CPU (median of 5, load 2) on one thread, 2.08 s on two, 1.51 s of wall against
    # 1.57 s (at load 9, where the spinning thread seldom gets a core, 0.02 s). Same
    # answers (a product's sums are split by rows, not added in another order). Read when
    # numpy loads, so set before; a value the user set is kept.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    lean_imports.apply()  # before a command imports chromadb or bm25s
    # The interpreter's last act is a full garbage collection that walks every object the
    # command loaded (an index's chunks and vectors, the model, the libraries): 0.1-0.3 s
    # of CPU after a batch, to free memory the operating system takes back anyway. Frozen
    # objects are left out of it; everything is still released by reference counting.
    atexit.register(gc.freeze)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@index_options
@click.option("--prune", is_flag=True, help="Drop indexed documents whose files are gone.")
@click.option(
    "--rebuild",
    is_flag=True,
    help="Build the index anew from PATHS; the old index folder is kept as "
    "<index>.damaged-<time> (for an index that is damaged).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary on stdout.")
@handle_errors
def ingest(
    paths: tuple[Path, ...],
    index_dir: Path | None,
    chroma_url: str | None,
    prune: bool,
    rebuild: bool,
    as_json: bool,
) -> None:
    """Index PDF, Word .docx, PowerPoint .pptx, Excel .xlsx, .csv, HTML, Markdown and .txt
    files (folders are searched recursively); scanned PDF pages are read by OCR.

    Unchanged files are skipped, changed ones replaced. Each file that cannot be read
    gets one line on stderr and the rest are still indexed; the exit status is then 2.
    The JSON summary counts documents: added (new or changed), unchanged, removed.
    """
    from assistant.pipeline import PolicyAssistant
    from assistant.store_failures import set_aside

    assistant = PolicyAssistant(_settings(index_dir, chroma_url))
    if rebuild and (aside := set_aside(assistant.settings)):
        echo(f"note: the old index is kept at {aside}", err=True)
    show_bar = sys.stderr.isatty() and not as_json
    if show_bar:
        with RichProgress() as bar:
            report = assistant.ingest(list(paths), prune=prune, progress=bar)
    else:
        report = assistant.ingest(list(paths), prune=prune)
    if report.rechunked:
        echo(
            f"note: re-chunked all {report.rechunked} indexed documents because the index was "
            f"built differently ({report.rechunk_reason})",
            err=True,
        )
    for failure in report.failed:
        echo(f"error: {failure.file}: {failure.error}", err=True)
    for repeat in report.repeats:
        echo(f"note: {repeat}", err=True)
    if as_json:
        echo(json.dumps(report.to_json()))
    else:
        echo(
            f"{report.documents} documents, {report.chunks} chunks in "
            f"{assistant.settings.index_dir}"
            f" ({report.added} added, {report.unchanged} unchanged, {report.removed} removed, "
            f"{len(report.failed)} failed) in {report.seconds:.1f} s"
        )
    sys.exit(EXIT_BAD_INPUT if report.failed else EXIT_OK)


@main.command()
@index_options
@click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")
@handle_errors
def info(index_dir: Path | None, chroma_url: str | None, as_json: bool) -> None:
    """Show the indexed documents, chunk counts, embedding model, index location and the
    manifest (how the index was built), and any setting that differs from it."""
    from assistant.manifest import read_manifest, stale_settings
    from assistant.store import ChromaStore

    settings = _settings(index_dir, chroma_url)
    store = ChromaStore(settings)
    docs = sorted(store.documents().values(), key=lambda d: d.source)
    manifest = read_manifest(settings)
    stale = stale_settings(settings)
    data = {
        "index": store.location,
        "model": store.embedding_model,
        "manifest": manifest.to_json() if manifest else None,
        "stale": stale,
        "documents": [document_row(d) for d in docs],
        "chunks": store.count(),
    }
    if as_json:
        echo(json.dumps(data))
        return
    print_index_info(data, manifest, stale, docs)


@main.command()
@click.argument("question", required=False)
@index_options
@click.option(
    "--mode",
    type=click.Choice(MODES),
    default="auto",
    show_default=True,
    help="auto: the question's words choose ('brief for COUNTRY', 'compare A and B', "
    "'5 discussion prompts on X'), else answer; answer: a sourced answer; compare: "
    "countries x aspects table; brief: a country brief; prompts: workshop prompts.",
)
@click.option(
    "--country",
    "countries",
    multiple=True,
    metavar="NAME",
    help="Restrict to a country (repeatable; variants like Türkiye work).",
)
@click.option("--k", type=click.IntRange(1, 100),
              help="Passages to retrieve [default: 12, ASSISTANT_TOP_K].")
@click.option(
    "--questions",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSONL file of {id, question, mode?, country?}; one answer line each.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per line).")
@handle_errors
def ask(
    question: str | None,
    index_dir: Path | None,
    chroma_url: str | None,
    mode: str,
    countries: tuple[str, ...],
    k: int | None,
    questions: Path | None,
    as_json: bool,
) -> None:
    """Answer QUESTION from the indexed documents, citing every claim.

    Without --json the answer prints for a person: text, then a numbered source list.
    With --questions FILE.jsonl a batch runs in one process, one output line per input
    line, in the same order.
    """
    from assistant.pipeline import PolicyAssistant

    if (question is None) == (questions is None):
        _fail("give either a QUESTION or --questions FILE.jsonl", EXIT_BAD_INPUT)
    assistant = PolicyAssistant(_settings(index_dir, chroma_url))
    if questions is None:
        answer = assistant.ask(question or "", mode=mode, countries=countries, k=k)
        echo(json.dumps(answer.to_json())) if as_json else print_answer(answer)
        return
    from assistant.jsonl import answer_file

    failed = False
    for out in answer_file(assistant, questions, mode=mode, countries=countries, k=k):
        failed = failed or "error" in out
        echo(json.dumps(out) if as_json else str(out.get("answer", out.get("error"))))
    sys.exit(EXIT_BAD_INPUT if failed else EXIT_OK)


@main.command()
@click.argument("country")
@index_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "docx"]),
    default="md",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (required for docx) instead of stdout.",
)
@handle_errors
def brief(
    country: str, index_dir: Path | None, chroma_url: str | None, fmt: str, out: Path | None
) -> None:
    """Country brief: indices, strategies, challenges, opportunities, support, sources."""
    from assistant.export import brief_to_docx
    from assistant.pipeline import PolicyAssistant

    if fmt == "docx" and out is None:
        _fail("--format docx needs --out FILE.docx", EXIT_BAD_INPUT)
    answer = PolicyAssistant(_settings(index_dir, chroma_url)).ask(country, mode="brief")
    if fmt == "docx" and out is not None:
        brief_to_docx(answer, out)
        echo(f"wrote {out}", err=True)
    elif out:
        out.write_text(answer.answer, encoding="utf-8")
        echo(f"wrote {out}", err=True)
    else:
        print_answer(answer)


@main.command()
@click.argument("topic")
@index_options
@click.option(
    "--n", type=click.IntRange(1, 20), default=None,
    help="Number of prompts [default: as many as the documents hold close examples for, 3 to 5].",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@handle_errors
def prompts(
    topic: str, index_dir: Path | None, chroma_url: str | None, n: int | None, as_json: bool
) -> None:
    """Discussion prompts for a workshop on TOPIC, each built on a cited peer example."""
    from assistant.pipeline import PolicyAssistant

    answer = PolicyAssistant(_settings(index_dir, chroma_url)).ask(topic, mode="prompts", n=n)
    echo(json.dumps(answer.to_json())) if as_json else print_answer(answer)


@main.command()
@index_options
@click.option("--host", help="Bind address [default: 127.0.0.1].")
@click.option("--port", type=click.IntRange(0, 65535), help="Port [default: 7860].")
@handle_errors
def serve(
    index_dir: Path | None, chroma_url: str | None, host: str | None, port: int | None
) -> None:
    """Start the web UI (ingests the bundled corpus first when the index is empty)."""
    from assistant.ui.web import check_auth_settings

    settings = _settings(index_dir, chroma_url, host=host, port=port)
    check_auth_settings(settings)  # before Gradio loads: a half-set login fails at once
    from assistant.ui.app import serve as serve_ui

    serve_ui(settings)


if __name__ == "__main__":  # pragma: no cover
    main()
