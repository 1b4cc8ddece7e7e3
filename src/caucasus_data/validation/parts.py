"""A numpy column filled block by block, in one buffer mapped apart from the heap, that doubles when full.

The checks keep a few numbers of every row of a file read block by block. Kept as one small array per
block, or in buffers taken from the heap, they would sit between the blocks' short-lived buffers, and the
heap could not give that memory back when a buffer grows or goes: measured, it held about twice what the
arrays need. A buffer mapped on its own (anonymous memory) goes back to the system as soon as it is
dropped, and the pages of its unused capacity are never touched, so cost no memory.

>>> import numpy as np
>>> column = Parts(np.int32)
>>> column.add(np.array([3, 4])); column.add(np.array([5]))
>>> column.joined().tolist()
[3, 4, 5]
"""

from __future__ import annotations

import mmap

import numpy as np

FIRST = 1 << 16  # values, before the first doubling


class Parts:
    """Values of one dtype, added in blocks."""

    def __init__(self, dtype):
        self._data = np.empty(0, dtype=dtype)
        self._size = 0

    def add(self, values: np.ndarray) -> None:
        end = self._size + len(values)
        if end > len(self._data):
            grown = mapped(max(end, 2 * len(self._data), FIRST), self._data.dtype)
            grown[: self._size] = self._data[: self._size]
            self._data = grown
        self._data[self._size : end] = values
        self._size = end

    def joined(self) -> np.ndarray:
        """The values added, in order (a view of the buffer)."""
        return self._data[: self._size]


def mapped(size: int, dtype) -> np.ndarray:
    """An array of `size` values in memory of its own (unmapped when the array goes)."""
    dtype = np.dtype(dtype)
    return np.frombuffer(mmap.mmap(-1, max(size * dtype.itemsize, 1)), dtype=dtype, count=size)
