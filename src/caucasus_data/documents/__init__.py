"""The documents generated from the code and the schemas, and the check that they are up to date.

`caucasus-data docs` writes them; `caucasus-data docs --check` and the tests fail while any is stale. The
command reference is read from the command line's own parser, which the caller passes in: the documents read
the command line, and the command line imports no document.

>>> from caucasus_data.cli import parser
>>> from caucasus_data.model.locate import checkout_root
>>> stale_docs(checkout_root(), parser())
[]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..model.schema import read_schemas
from . import citation
from .clireference import PATH as CLI_PATH
from .clireference import render_cli_reference
from .dictionary import PATH as DICTIONARY_PATH
from .dictionary import render_dictionary


def generated_docs(root: str | Path, cli: argparse.ArgumentParser) -> dict[str, str]:
    """The text of every generated document of the checkout at `root`, by path relative to it."""
    docs = {DICTIONARY_PATH: render_dictionary(read_schemas(Path(root))), CLI_PATH: render_cli_reference(cli)}
    return {**docs, **citation.render(root)}


def stale_docs(root: str | Path, cli: argparse.ArgumentParser) -> list[str]:
    """The generated documents under `root` that are missing or differ from what would be generated."""
    root = Path(root)
    out = []
    for relative, text in generated_docs(root, cli).items():
        path = root / relative
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            out.append(relative)
    return out


def write_docs(root: str | Path, cli: argparse.ArgumentParser) -> list[str]:
    """Write the stale generated documents under `root`; return the paths written."""
    root = Path(root)
    written = stale_docs(root, cli)
    for relative, text in generated_docs(root, cli).items():
        if relative in written:
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            # newline="\n": the same bytes on every platform, as the CSV files.
            (root / relative).write_text(text, encoding="utf-8", newline="\n")
    return written
