"""A finding: one problem in one place of the package, printed as `file:row:field: message`."""

from __future__ import annotations

from dataclasses import dataclass


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
        return f"{self.file}:{row}:{self.field or ''}: {self.message} [{self.kind}]"

    def github(self) -> str:
        """The finding as a GitHub Actions annotation."""
        line = f",line={self.row}" if self.row else ""
        title = f"{self.kind} {self.field}" if self.field else self.kind
        return f"::error file={self.file}{line},title={title}::{self.message}"


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
