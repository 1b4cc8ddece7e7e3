"""The README tells the truth: its examples run with the output it shows, and CI runs its test command."""

from __future__ import annotations

import doctest
import os
import re

from conftest import REPO


def test_readme_examples_give_the_output_shown(monkeypatch):
    monkeypatch.chdir(REPO)
    result = doctest.testfile(str(REPO / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_ci_runs_the_readme_test_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(python3 -m venv .*)\n```", readme)
    assert len(commands) == 2, "the README shows the build command and the test command"
    assert commands[1].endswith("python -m pytest")
    assert commands[1] in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_has_help():
    import subprocess
    import sys

    for command in ([], ["build"], ["validate"], ["tables"]):
        result = subprocess.run(
            [sys.executable, "-m", "caucasus_data", *command, "--help"],
            capture_output=True,
            text=True,
            env={**os.environ, "COLUMNS": "100"},
        )
        assert result.returncode == 0 and result.stdout.startswith("usage: caucasus-data"), command
