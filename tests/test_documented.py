"""Every command and every public function is documented (after sqlite-utils' documentation tests).

A command added to cli.py needs a help line, a description and help for each argument, and appears in the
command reference once `caucasus-data docs` is run; a public function needs a docstring with an example
and a mention in the README.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from conftest import REPO

import caucasus_data as cd
from caucasus_data.cli import parser
from caucasus_data.documents.clireference import commands

COMMANDS = sorted(commands(parser()))
README = (REPO / "README.md").read_text(encoding="utf-8")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "caucasus_data", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = _run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: caucasus-data {command}")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_and_argument_is_described(command):
    sub = commands(parser())[command]
    assert sub.description, f"`{command}` has no description"
    for action in sub._actions:
        assert action.help, f"`{command}` argument {action.dest} has no help"
    reference = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"\n## caucasus-data {command}\n" in reference, "run `caucasus-data docs`"


def test_the_command_list_in_help_names_every_command():
    usage = _run("--help").stdout
    for command in COMMANDS:
        assert re.search(rf"^\s+{command}\s", usage, flags=re.MULTILINE), command


def test_version():
    version = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert _run("--version").stdout.strip() == f"caucasus-data {version}"


def test_module_and_script_are_the_same_program():
    script = os.path.join(os.path.dirname(sys.executable), "caucasus-data")
    if not os.path.exists(script):
        pytest.skip("the caucasus-data script is not installed beside this Python")
    from_module = _run("tables")
    from_script = subprocess.run([str(script), "tables"], capture_output=True, text=True)
    assert from_module.returncode == from_script.returncode == 0
    assert from_module.stdout == from_script.stdout


@pytest.mark.parametrize("name", cd.__all__)
def test_every_public_name_is_documented(name):
    value = getattr(cd, name)
    assert f"cd.{name}" in README, f"the README does not mention cd.{name}"
    if callable(value):
        assert value.__doc__ and ">>>" in value.__doc__, f"cd.{name} needs a docstring with an example"
