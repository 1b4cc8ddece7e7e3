"""Progress of a long build on a terminal: one line on stderr, rewritten in place, and nothing in CI logs.

>>> import io
>>> quiet = Progress(io.StringIO())  # not a terminal: says nothing
>>> list(quiet.each([1, 2, 3], "parsing"))
[1, 2, 3]
>>> quiet.stream.getvalue()
''
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
INTERVAL = 0.1  # seconds between two updates of the line
QUIET_FOR = 1.0  # nothing is shown in the first second: short builds stay silent


class Progress:
    """Writes `label count/total` over and over on one line of `stream`, when it is a terminal."""

    def __init__(self, stream=None, enabled: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled if enabled is not None else _is_terminal(self.stream)
        self.started = time.monotonic()
        self._shown = False

    def each(self, items: Iterable[T], label: str) -> Iterator[T]:
        """The items, one by one, counted on the line as they go."""
        if not self.enabled:
            yield from items
            return
        items = list(items)
        last = 0.0
        for count, item in enumerate(items):
            now = time.monotonic()
            if now - last >= INTERVAL and now - self.started >= QUIET_FOR:
                self._write(f"{label} {count:,}/{len(items):,}")
                last = now
            yield item
        self.clear()

    def step(self, label: str) -> None:
        """A step whose length is not known (validating, writing): its name, until the next one."""
        if self.enabled and time.monotonic() - self.started >= QUIET_FOR:
            self._write(f"{label}...")

    def say(self, message: str) -> None:
        """A message that must be seen, on a terminal or not (a build waiting for another one)."""
        self.clear()
        print(message, file=self.stream, flush=True)

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._shown = False

    def _write(self, text: str) -> None:
        self.stream.write(f"\r\033[K{text}")
        self.stream.flush()
        self._shown = True


def _is_terminal(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
