"""The text of many spans of many articles at once: what the span checks compare with the quoted words.

Offsets count Unicode code points; Arrow stores the texts as UTF-8 bytes, one after the other in a buffer.
Where a block of texts is all ASCII a code point offset is a byte offset; elsewhere the lead byte of every
code point (a byte that is not 0b10xxxxxx) is located, which maps code point offsets to byte offsets, a
stretch of articles at a time (eight bytes a code point: a megabyte of text at once would take eight) and
only where spans fall. The spans' bytes are then gathered into a new string array in one step.

>>> import numpy as np, pyarrow as pa
>>> texts = pa.array(["Şuşa and Baku", "Aparan"])
>>> span_texts(texts, np.array([0, 0, 1]), np.array([0, 9, 0]), np.array([4, 13, 3])).to_pylist()
['Şuşa', 'Baku', 'Apa']
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

STRETCH = 1 << 16  # bytes of text whose code points are located at once


def span_texts(texts: pa.Array, article: np.ndarray, start: np.ndarray, end: np.ndarray) -> pa.Array:
    """texts[article][start:end] for each span, offsets in code points and within the text."""
    texts = texts.combine_chunks() if isinstance(texts, pa.ChunkedArray) else texts
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int32, count=len(texts) + 1, offset=texts.offset * 4)
    data = (
        np.frombuffer(texts.buffers()[2], dtype=np.uint8)
        if texts.buffers()[2] is not None
        else np.zeros(0, dtype=np.uint8)
    )
    if pc.all(pc.string_is_ascii(texts)).as_py() is not False:  # a code point is a byte
        return _gather(data, offsets[article] + start, offsets[article] + end)
    lengths = pc.utf8_length(texts).to_numpy(zero_copy_only=False).astype(np.int64)
    begins, ends = np.empty(len(article), dtype=np.int64), np.empty(len(article), dtype=np.int64)
    # Stretches of articles starting within STRETCH bytes of each other, those with spans only.
    stretch = (offsets[:-1].astype(np.int64) - offsets[0]) // STRETCH
    order = np.argsort(article, kind="stable")
    cut = np.flatnonzero(np.diff(stretch[article[order]])) + 1
    for group in np.split(order, cut):
        first, last = int(article[group].min()), int(article[group].max()) + 1
        to_bytes = _byte_offsets(data, offsets, first, last, lengths)
        begins[group], ends[group] = to_bytes(article[group], start[group]), to_bytes(article[group], end[group])
    return _gather(data, begins, ends)


def _byte_offsets(data, offsets, first, last, lengths):
    """A function (article among first..last-1, code point offset in it) -> byte position in `data`."""
    region = data[offsets[first] : offsets[last]]
    leads = np.flatnonzero((region & 0xC0) != 0x80)  # position of each code point in the region
    before = np.zeros(last - first + 1, dtype=np.int64)  # code points before each article
    np.cumsum(lengths[first:last], out=before[1:])

    def to_bytes(article, offset):
        index = before[article - first] + offset
        # The offset just past the last code point of the region is the region's end.
        inside = index < len(leads)
        return offsets[first] + np.where(inside, leads[np.where(inside, index, 0)], len(region))

    return to_bytes


def _gather(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> pa.Array:
    """The byte ranges [starts, ends) of `data` as a string array."""
    lengths = (ends - starts).astype(np.int64)
    offsets = np.zeros(len(starts) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    # Index of every byte to copy: each range's start, repeated, plus the position within the range.
    index = np.repeat(starts - offsets[:-1], lengths) + np.arange(offsets[-1], dtype=np.int64)
    kind, width = (pa.string(), np.int32) if offsets[-1] < 2**31 else (pa.large_string(), np.int64)
    return pa.Array.from_buffers(
        kind, len(starts), [None, pa.py_buffer(offsets.astype(width)), pa.py_buffer(data[index])]
    )
