"""How the `assistant` program's process ends (cli.run): a command that only read skips
the interpreter's teardown, every other command and every test's CliRunner do not."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from assistant import cli


class Ended(Exception):
    def __init__(self, code: int) -> None:
        self.code = code


@pytest.fixture
def ends(monkeypatch):
    """The codes os._exit was called with (it raises instead of ending the test)."""
    codes: list[int] = []

    def fake_exit(code: int) -> None:
        codes.append(code)
        raise Ended(code)

    monkeypatch.setattr(cli.os, "_exit", fake_exit)
    return codes


def _program(monkeypatch, *, read_only: bool, code: int = 0) -> None:
    @click.command()
    def command() -> None:
        click.echo("printed")
        if read_only:
            cli._may_end_without_teardown()
        sys.exit(code)

    monkeypatch.setattr(cli, "main", command)
    monkeypatch.setattr(sys, "argv", ["assistant"])


@pytest.mark.parametrize("code", [0, 2])
def test_a_command_that_only_read_ends_at_once_with_its_exit_code(monkeypatch, ends, capsys,
                                                                   code):
    _program(monkeypatch, read_only=True, code=code)
    with pytest.raises(Ended):
        cli.run()
    assert ends == [code]
    assert capsys.readouterr().out == "printed\n"


def test_any_other_command_ends_as_python_ends_a_program(monkeypatch, ends):
    _program(monkeypatch, read_only=False, code=2)
    with pytest.raises(SystemExit) as done:
        cli.run()
    assert done.value.code == 2
    assert ends == []


def test_under_a_cli_runner_a_command_that_only_read_returns(monkeypatch, ends):
    @click.command()
    def command() -> None:
        cli._may_end_without_teardown()
        click.echo("still here")

    result = CliRunner().invoke(command)
    assert result.exit_code == 0 and result.output == "still here\n"
    assert ends == []


def test_python_m_assistant_cli_runs_the_program():
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "ask"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == cli.EXIT_BAD_INPUT
    assert "give either a QUESTION or --questions" in done.stderr
