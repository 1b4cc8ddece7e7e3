"""A numpy column kept block by block, as bytes, and joined once the file is read.

The checks hash the strings of each block in Python: millions of short-lived small objects in Python's
small-object arenas. A small object kept from every block (a numpy array's header) would pin one of those
arenas each and hold on to their memory, about a megabyte a block; a block's values kept as one `bytes`
object are allocated apart from those arenas, so the arenas go back to the system after each block.

>>> import numpy as np
>>> column = Parts(np.int32)
>>> column.add(np.array([3, 4])); column.add(np.array([5]))
>>> column.joined().tolist()
[3, 4, 5]
"""

from __future__ import annotations

import numpy as np


class Parts:
    """Blocks of values of one dtype."""

    def __init__(self, dtype):
        self.dtype = np.dtype(dtype)
        self._blocks: list[bytes] = []

    def add(self, values: np.ndarray) -> None:
        self._blocks.append(np.ascontiguousarray(values, dtype=self.dtype).tobytes())

    def __bool__(self) -> bool:
        return bool(self._blocks)

    def joined(self) -> np.ndarray:
        """Every block's values in one array (and the blocks let go)."""
        data = bytearray().join(self._blocks)
        self._blocks.clear()
        return np.frombuffer(data, dtype=self.dtype)
