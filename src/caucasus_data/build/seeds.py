"""Checking the seed files before they are parsed: name, size, encoding, emptiness, duplicates.

A seed is a UTF-8 text file named like `004_688db0f7b6e2a534.txt` (letters, digits, `_` and `-`, then
`.txt`) directly in `seeds/`, at most 1 MiB, with some text, and not the same text as another seed. Its
name without `.txt`, in lower case, becomes the article id.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ..findings import Finding

MAX_BYTES = 1024 * 1024
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\.txt")


@dataclass(frozen=True)
class Seed:
    path: Path
    relative: str
    data: bytes
    text: str

    @property
    def article_id(self) -> str:
        return self.path.stem.lower()


def read_seed(path: Path, relative: str) -> tuple[Seed | None, Finding | None]:
    """The seed at `path`, or the finding that says why it cannot be one."""
    if not NAME.fullmatch(path.name) or not path.is_file():
        return None, Finding(
            relative,
            None,
            None,
            "seed-name",
            f"{path.name!r} is not an allowed seed name: use letters, digits, '_' and '-', "
            "then '.txt', directly in seeds/ (no spaces, hidden files or folders)",
        )
    size = path.stat().st_size
    if size > MAX_BYTES:
        return None, Finding(
            relative, None, None, "seed-size", f"is {size:,} bytes; a seed may have at most {MAX_BYTES:,} bytes (1 MiB)"
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Finding(
            relative,
            line,
            None,
            "encoding-error",
            f"is not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} (line {line}); "
            "save the article as UTF-8",
        )
    if not text.strip():
        return None, Finding(relative, None, None, "seed-empty", "the file has no text")
    return Seed(path, relative, data, text), None


def read_seeds(root: Path) -> tuple[list[Seed], list[Finding]]:
    """Every seed in `root/seeds`, in name order, and the findings on the files that cannot be seeds."""
    seeds, findings, first_with, ids = [], [], {}, {}
    for path in sorted((root / "seeds").iterdir()):
        relative = path.relative_to(root).as_posix()
        seed, finding = read_seed(path, relative)
        if finding:
            findings.append(finding)
            continue
        # The same article saved twice (perhaps with other line endings) is one article.
        key = hashlib.sha256(seed.text.replace("\r\n", "\n").strip().encode("utf-8")).hexdigest()
        if key in first_with:
            findings.append(
                Finding(
                    relative,
                    None,
                    None,
                    "seed-duplicate",
                    f"has the same text as {first_with[key]}; remove one of them",
                )
            )
            continue
        if seed.article_id in ids:
            findings.append(
                Finding(
                    relative,
                    None,
                    None,
                    "seed-name",
                    f"gives the article id {seed.article_id!r}, as {ids[seed.article_id]} does; rename one of them",
                )
            )
            continue
        first_with[key], ids[seed.article_id] = relative, relative
        seeds.append(seed)
    return seeds, findings
