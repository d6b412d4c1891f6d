"""Help that matches: every command has help with an example, and the README lists them all."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from pipeline.cli import cli
from tests.conftest import ROOT, invoke


def _subcommands(group: click.Group) -> dict[str, click.Command]:
    """A group's commands by name, loading the lazily imported ones as ``--help`` does."""
    with click.Context(group) as ctx:
        found = {name: group.get_command(ctx, name) for name in group.list_commands(ctx)}
    return {name: command for name, command in found.items() if command is not None}


def _commands(command: click.Command, name: str) -> list[tuple[str, click.Command]]:
    found = [(name, command)]
    if isinstance(command, click.Group):
        for sub_name, sub in sorted(_subcommands(command).items()):
            found += _commands(sub, f"{name} {sub_name}")
    return found


COMMANDS = _commands(cli, "locpipe")


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_every_command_has_help_with_an_example(name: str, command: click.Command) -> None:
    text = command.help or ""
    summary, _, rest = text.partition("\n")
    assert summary.strip(), f"{name} has no one-line summary"
    example = rest.split("Example:", 1)
    assert len(example) == 2, f"{name} help has no 'Example:'"
    assert f"{name.split()[0]} " in example[1], f"{name}'s example does not show a command"


def test_readme_command_table_matches_the_commands() -> None:
    """The README's command table names exactly the top-level commands, with their subcommands."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Commands", 1)[1].split("\n\n", 2)[2]
    rows = [line for line in table.splitlines() if line.startswith("| `locpipe ")]
    documented = {re.match(r"\| `locpipe ([a-z-]+)", row).group(1) for row in rows}  # type: ignore[union-attr]
    commands = _subcommands(cli)
    assert documented == set(commands)
    for row in rows:
        name = re.match(r"\| `locpipe ([a-z-]+)", row).group(1)  # type: ignore[union-attr]
        command = commands[name]
        if isinstance(command, click.Group):
            usage = row.split("`")[1]
            assert all(re.search(rf"\b{sub}\b", usage) for sub in command.commands), row


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["run", "--quiet"], id="run-quiet"),
        pytest.param(["--quiet", "run"], id="quiet-run"),
        pytest.param(["status", "-q"], id="status-q"),
    ],
)
def test_global_options_work_before_and_after_the_command(
    args: list[str],
    sample_project: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(sample_project)
    code, out, err = invoke(args, capsys)
    assert (code, out, err) == (0, "", "")


def test_config_after_the_command(sample_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = f"{sample_project}/locpipe.yaml"
    code, out, _ = invoke(["status", "--format", "json", "--config", config], capsys)
    assert code == 0
    assert '"catalog": "japan-china-relations"' in out


def test_a_mistyped_command_names_the_closest_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = invoke(["updat"], capsys)
    assert (code, out) == (2, "")
    assert err.strip() == "locpipe: error: no such command 'updat'; did you mean 'update'?"
    code, _, err = invoke(["frobnicate"], capsys)
    assert code == 2 and "did you mean" not in err
