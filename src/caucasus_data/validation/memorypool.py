"""The allocators during a validation: Arrow's jemalloc for its length, and glibc's thresholds for the
command line's process.

Validation reads the files in small blocks, in two threads, with the article texts read beside the span
tables: four readers at a time, each allocating and freeing a few megabytes a block. Arrow's default
allocator, mimalloc, keeps the pages a thread frees for that thread; jemalloc hands them back to the
system DECAY_MS after they are freed. Measured on 100,000 articles: about 20 MiB less at the peak, at
the same speed.

>>> import pyarrow as pa
>>> before = pa.default_memory_pool().backend_name
>>> with jemalloc():
...     inside = pa.default_memory_pool().backend_name
>>> inside == ("jemalloc" if _jemalloc() else before), pa.default_memory_pool().backend_name == before
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

DECAY_MS = 100
_decay_set = False
# glibc's malloc.h: mallopt() parameters, and the thresholds the command sets.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD = 1 << 20
TRIM_THRESHOLD = 2 << 20


@contextmanager
def jemalloc() -> Iterator[None]:
    """Arrow's default memory pool is jemalloc inside the block (unchanged where there is none)."""
    import pyarrow as pa

    global _decay_set
    pool = _jemalloc()
    if pool is None:
        yield
        return
    if not _decay_set:  # before its first use: it applies to the arenas created after
        pa.jemalloc_set_decay_ms(DECAY_MS)
        _decay_set = True
    previous = pa.default_memory_pool()
    pa.set_memory_pool(pool)
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


def _jemalloc():
    """Arrow's jemalloc pool, or None where pyarrow is built without it."""
    import pyarrow as pa

    try:
        return pa.jemalloc_memory_pool()
    except NotImplementedError:
        return None


def fixed_malloc_thresholds() -> bool:
    """glibc's malloc gives freed memory back sooner, for the rest of the process: blocks of MMAP_THRESHOLD
    bytes or more are mapped on their own, and a heap is trimmed once TRIM_THRESHOLD bytes at its top are free.
    By default both grow with the largest mapped block freed (up to 32 and 64 MiB), and the heap of each
    reading thread keeps that much free memory. Measured on 100,000 articles: about 5 MiB less at the peak of
    a validation, for a few per cent more CPU time.

    The `caucasus-data` command calls it first (cli.run): glibc cannot give the growing thresholds back, so it
    is for a process of the package's own, not for `validate()` called in someone else's. False where the C
    library is not glibc.

    >>> import platform
    >>> fixed_malloc_thresholds() == (platform.libc_ver()[0] == "glibc")
    True
    """
    import ctypes
    import platform

    if platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL(None)  # the C library the process runs on
        mapped = libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
        return bool(mapped and libc.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
    except (OSError, AttributeError):
        return False
