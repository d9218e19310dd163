"""``assistant eval``: score configurations on the question sets, print tables, save results.

Registered in ``assistant/cli.py``; this module does not import that one, so either can be
imported first.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self

import click

from assistant.errors import AssistantError
from assistant.evals.run import CONFIGS, RESULTS_DIR, WORK_DIR
from assistant.evals.sets import SETS, SHIPPED_SETS


class _EvalProgress:
    """One rich progress bar per configuration, on stderr."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.progress = Progress(
            TextColumn("{task.description:<26}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
        )
        self.tasks: dict[str, int] = {}

    def __enter__(self) -> Self:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def __call__(self, config: str, done: int, total: int) -> None:
        if config not in self.tasks:
            self.tasks[config] = self.progress.add_task(config, total=total)
        self.progress.update(self.tasks[config], completed=done, total=total)


@click.command("eval")
@click.option(
    "--set",
    "set_names",
    multiple=True,
    type=click.Choice(list(SETS)),
    # Read from the registry, so a set added there is described here too.
    help="Question set to run; repeat for several [default: all but "
    f"{', '.join(n for n, s in SETS.items() if not s.shipped)}]. "
    f"{', '.join(n for n, s in SETS.items() if s.role == 'development')} are development "
    f"sets; {', '.join(n for n, s in SETS.items() if s.role == 'held-out')} are only measured.",
)
@click.option(
    "--questions",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Run this JSONL file instead of the named sets, on the bundled corpus index.",
)
@click.option(
    "--config",
    "config_names",
    multiple=True,
    type=click.Choice(list(CONFIGS)),
    help="Configuration to run; repeat for several [default: all].",
)
@click.option(
    "--index",
    "index_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Index of the bundled corpus; built when empty [default: settings index].",
)
@click.option(
    "--work",
    type=click.Path(file_okay=False, path_type=Path),
    default=WORK_DIR,
    show_default="evals/.work",
    help="Folder for the indexes of sets asked of other corpora (kept and refreshed).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=RESULTS_DIR,
    show_default="evals/results",
    help="Folder for latest.json and latest.md.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the results JSON on stdout.")
@click.pass_context
def eval_command(
    ctx: click.Context,
    set_names: tuple[str, ...],
    questions: Path | None,
    config_names: tuple[str, ...],
    index_dir: Path | None,
    work: Path,
    out: Path,
    as_json: bool,
) -> None:
    """Score retrieval and answers per question set and configuration, side by side.

    Retrieval: recall@1/5/10 and MRR of a page that prints the answer. Answers: key-fact
    coverage, citation precision and recall, number faithfulness, abstention on
    unanswerable questions, false abstentions, latency p50/p95. A set whose documents are
    absent (the outside set needs ../shared/corpus-real) is skipped with the reason.
    Writes latest.json and latest.md to --out.
    """
    from rich.console import Console

    from assistant.evals import report
    from assistant.evals.items import load_golden
    from assistant.evals.run import run_eval, run_set
    from assistant.evals.sets import QuestionSet
    from assistant.pipeline import PolicyAssistant
    from assistant.settings import get_settings

    try:
        assistant = PolicyAssistant(get_settings(index_dir=index_dir))
        names = list(config_names or CONFIGS)
        with _progress(as_json) as progress:
            if questions is not None:
                custom = QuestionSet(
                    questions.stem, (questions,), assistant.settings.corpus_dir,
                    "development", f"questions of {questions.name}",
                )
                items = load_golden(questions)
                results = {
                    "generated": time.strftime("%Y-%m-%d %H:%M:%S"),
                    "sets": {custom.name: run_set(custom, assistant, names, work, progress, items)},
                    "skipped": {},
                    "notes": [],
                }
            else:
                chosen = list(set_names or SHIPPED_SETS)
                results = run_eval(assistant, chosen, names, work, progress)
        out.mkdir(parents=True, exist_ok=True)
        results = report.without_held_out_items(results)
        (out / "latest.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
        (out / "latest.md").write_text(report.to_markdown(results), encoding="utf-8")
    except AssistantError as exc:
        click.echo(f"error: {exc}", err=True)
        ctx.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("error: interrupted; no results were written", err=True)
        ctx.exit(130)
    if as_json:
        click.echo(json.dumps(results))
    else:
        report.print_table(results, Console())
        click.echo(f"results: {out / 'latest.json'}, {out / 'latest.md'}")


@contextmanager
def _progress(quiet: bool) -> Iterator[Any]:
    """A progress bar on a terminal, nothing otherwise."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    with _EvalProgress() as progress:
        yield progress


def main() -> None:
    """``python -m assistant.evals.cli`` runs the command without the assistant CLI."""
    eval_command()


if __name__ == "__main__":
    main()
