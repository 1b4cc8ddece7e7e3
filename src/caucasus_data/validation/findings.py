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
