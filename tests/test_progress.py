"""Progress of a long build: one rewritten line on a terminal, nothing elsewhere, and the same build either way."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from conftest import snapshot

from caucasus_data.pipeline import build
from caucasus_data.pipeline.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _long_running(stream) -> Progress:
    progress = Progress(stream)
    progress.started -= 60  # as if the build had run for a minute: past the quiet first second
    return progress


def test_a_terminal_sees_each_step_and_a_cleared_line_at_the_end(package):
    terminal = Terminal()
    report = build(package, progress=_long_running(terminal))
    assert report.ok
    shown = terminal.getvalue()
    for step in (
        "reading articles 0/3",
        "finding mentions and quotes 0/3",
        "writing CSV...",
        "validating...",
        "writing Parquet...",
    ):
        assert f"\r\033[K{step}" in shown, step
    assert shown.endswith("\r\033[K"), "the line is cleared when the build ends"


def test_the_same_files_with_and_without_progress(package):
    published = snapshot(package)  # as built without progress
    (package / "data" / "people.parquet").unlink()  # so that this build writes
    report = build(package, progress=_long_running(Terminal()))
    assert report.files == ["data/people.parquet"]
    assert snapshot(package) == published


@pytest.mark.slow
def test_not_a_terminal_no_progress(package):
    # CI logs: the command's stderr is a pipe, so no progress line is written.
    result = subprocess.run(
        [sys.executable, "-m", "caucasus_data", "build", "--root", str(package)], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "\r" not in result.stderr and "reading articles" not in result.stderr
