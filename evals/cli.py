"""``assistant eval``: score configurations on the golden set, print a table, save results.

Registered in ``assistant/cli.py``; this module does not import that one, so either can be
imported first.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Self

import click

from assistant.errors import AssistantError
from evals.run import CONFIGS, GOLDEN, RESULTS_DIR


class _EvalProgress:
    """One rich progress bar per configuration, on stderr."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.progress = Progress(
            TextColumn("{task.description:<12}"),
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
    "--golden",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=GOLDEN,
    show_default="evals/golden.jsonl",
    help="Golden questions (JSONL).",
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
    golden: Path,
    config_names: tuple[str, ...],
    index_dir: Path | None,
    out: Path,
    as_json: bool,
) -> None:
    """Score retrieval and answers on the golden questions, per configuration.

    Retrieval: recall@1/5/10 and MRR of a page that prints the answer. Answers: key-fact
    coverage, citation precision and recall, number faithfulness, abstention on
    unanswerable questions, false abstentions, latency p50/p95. Writes latest.json and
    latest.md to --out.
    """
    from rich.console import Console

    from assistant.pipeline import PolicyAssistant
    from assistant.settings import get_settings
    from evals import report
    from evals.run import load_golden, run_eval

    try:
        items = load_golden(golden)
        assistant = PolicyAssistant(get_settings(index_dir=index_dir))
        names = list(config_names or CONFIGS)
        if sys.stderr.isatty() and not as_json:
            with _EvalProgress() as progress:
                results = run_eval(assistant, items, names, progress)
        else:
            results = run_eval(assistant, items, names)
        out.mkdir(parents=True, exist_ok=True)
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


def main() -> None:
    """``python -m evals.cli`` runs the command without the assistant CLI."""
    eval_command()


if __name__ == "__main__":
    main()
