"""A finding: one problem in one place of the package, printed as `file:row:field: message`."""

from __future__ import annotations

import re
from dataclasses import dataclass

# What a message may not print as is: control characters (a terminal escape, a line break that would forge
# another finding), bidirectional overrides and zero-width characters (text that reads other than it is).
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
MAX_SHOWN = 600  # characters of a message; a longer one shows its start and end


def shown(text: str, limit: int = MAX_SHOWN) -> str:
    r"""`text` as a finding prints it: unprintable characters escaped, cut in the middle past `limit`.

    >>> shown("a\x1b[31mb\u202ec")
    'a\\x1b[31mb\\u202ec'
    >>> len(shown("x" * 10_000))
    600
    """
    text = UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    if len(text) > limit:
        keep = limit - len(f" [... {len(text):,} characters ...] ")
        cut = f" [... {len(text) - keep:,} characters ...] ".rjust(limit - keep)
        text = text[: keep // 2] + cut + text[len(text) - (keep - keep // 2) :]
    return text


@dataclass(frozen=True, order=True)
class Finding:
    """A problem at `file` (relative to the package root), data row `row` (the header is row 1)."""

    file: str
    row: int | None
    field: str | None
    kind: str
    message: str

    def __str__(self) -> str:
        row = "" if self.row is None else str(self.row)
        return f"{shown(self.file, 200)}:{row}:{shown(self.field or '', 100)}: {shown(self.message)} [{self.kind}]"

    def github(self) -> str:
        """The finding as a GitHub Actions annotation."""
        line = f",line={self.row}" if self.row else ""
        title = f"{self.kind} {shown(self.field, 100)}" if self.field else self.kind
        return f"::error file={_property(shown(self.file, 200))}{line},title={_property(title)}::{_data(shown(self.message))}"


def _data(text: str) -> str:
    """Escaped as GitHub's workflow commands require (a message cannot end the command early)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


# Past this many findings in one file, the rest are counted, not listed: the first ones show the pattern.
PER_FILE_LIMIT = 50


def limit_per_file(findings: list[Finding], limit: int = PER_FILE_LIMIT) -> list[Finding]:
    """At most `limit` findings per file, then one that says how many more there are."""
    out: list[Finding] = []
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.file] = counts.get(finding.file, 0) + 1
        if counts[finding.file] <= limit:
            out.append(finding)
    for file, count in counts.items():
        if count > limit:
            out.append(Finding(file, None, None, "more", f"{count - limit} more finding(s) in this file not shown"))
    return out


def total(findings: list[Finding]) -> int:
    """How many findings `findings` stands for: each, and those a `more` finding of `limit_per_file` counts.

    >>> total(limit_per_file([Finding("a.csv", n, None, "blank-row", "the row is blank") for n in range(60)]))
    60
    """
    return sum(int(f.message.split(" ", 1)[0]) if f.kind == "more" else 1 for f in findings)
