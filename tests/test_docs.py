"""Docs that drift from the code are caught here."""

from __future__ import annotations

import re
from pathlib import Path

import click

from corridor.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def commands(group: click.Group, prefix: str = "corridor") -> list[str]:
    found = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found.extend(commands(command, path))
        else:
            found.append(path)
    return found


def test_every_cli_command_has_a_section_in_the_cli_reference() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text()
    headings = set(re.findall(r"^## (corridor .+)$", reference, flags=re.MULTILINE))
    assert set(commands(cli)) <= headings, set(commands(cli)) - headings


def test_every_option_appears_in_the_cli_reference() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text()
    ctx = click.Context(cli)
    missing = []
    for path in commands(cli):
        command: click.Command = cli
        for name in path.split()[1:]:
            assert isinstance(command, click.Group)
            command = command.commands[name]
        for param in command.get_params(ctx):
            if isinstance(param, click.Option) and "--help" not in param.opts:
                flag = max(param.opts, key=len)
                if flag not in reference:
                    missing.append(f"{path} {flag}")
    assert not missing


def test_every_setting_is_documented() -> None:
    source = (ROOT / "src" / "corridor" / "settings.py").read_text()
    settings = set(re.findall(r"CORRIDOR_[A-Z_]+", source))
    documented = (ROOT / "docs" / "settings.md").read_text()
    assert settings and all(f"`{s}`" in documented for s in settings)


def test_readme_quick_start_is_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    block = readme.split("```", 2)[1]
    assert [line for line in block.splitlines()[1:] if line.strip()] == [
        "make demo",
        "make test",
    ]
