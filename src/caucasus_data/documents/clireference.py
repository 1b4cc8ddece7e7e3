"""The command reference, `docs/cli.md`, generated from the `caucasus-data` argument parser.

Written from the parser's own descriptions (not from `--help`, whose wrapping depends on the terminal and
the Python version), so a command added to cli.py appears here when `caucasus-data docs` runs again.

>>> from caucasus_data.cli import parser
>>> text = render_cli_reference(parser())
>>> "## caucasus-data validate" in text
True
"""

from __future__ import annotations

import argparse

PATH = "docs/cli.md"
HEADER = """\
# Command reference

<!-- Generated from src/caucasus_data/cli.py by `caucasus-data docs`: do not edit by hand. -->

`caucasus-data COMMAND` and `python -m caucasus_data COMMAND` are the same program. Every command takes
`--help`; `caucasus-data --version` prints the package version (the data version).
"""


def commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommands of the `caucasus-data` parser, by name, in the order they were added."""
    for action in parser._actions:  # argparse keeps its subcommands only in this private list
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _summaries(parser: argparse.ArgumentParser) -> dict[str, str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return {choice.dest: choice.help or "" for choice in action._choices_actions}
    return {}


def _argument(action: argparse.Action) -> tuple[str, str]:
    if action.option_strings:
        name = ", ".join(action.option_strings)
        if action.nargs != 0:
            name += " " + str(action.metavar or action.dest.upper())
    else:
        name = str(action.metavar or action.dest)
    text = action.help or ""
    if "%(" in text:
        text = text % {"default": action.default, "prog": "caucasus-data", "dest": action.dest}
    if action.option_strings and action.nargs != 0 and action.default not in (None, argparse.SUPPRESS):
        text += f" (default: `{action.default}`)" if "default" not in text else ""
    return name, text


def render_cli_reference(parser: argparse.ArgumentParser) -> str:
    """The Markdown text of the command reference."""
    summaries = _summaries(parser)
    lines = [HEADER, "| command | what it does |", "|---|---|"]
    lines += [f"| [`{name}`](#caucasus-data-{name}) | {summaries.get(name, '')} |" for name in commands(parser)]
    lines.append("")
    for name, sub in commands(parser).items():
        lines += [f"## caucasus-data {name}", "", sub.description or summaries.get(name, ""), ""]
        arguments = [_argument(a) for a in sub._actions if not isinstance(a, argparse._HelpAction)]
        if arguments:
            lines += ["| argument | meaning |", "|---|---|"]
            lines += [f"| `{arg}` | {' '.join(text.split()).replace('|', chr(92) + '|')} |" for arg, text in arguments]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
