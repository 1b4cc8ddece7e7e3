"""Checking, for a million rows at once, that each span's words are the article text at its offsets.

Offsets count Unicode code points; Arrow stores the texts as UTF-8 bytes, one after the other in a buffer.
The texts are taken a few megabytes at a time: where they are all ASCII a code point offset is a byte
offset; elsewhere the lead byte of every code point (a byte that is not 0b10xxxxxx) is located once, which
maps code point offsets to byte offsets for the spans of every table. The spans' bytes are then gathered
into a new string array and compared with the quoted words in one call.

>>> import numpy as np, pyarrow as pa
>>> texts = pa.array(["Şuşa and Baku", "Aparan"])
>>> spans = Spans(article=np.array([0, 0, 1, 0]), start=np.array([0, 9, 0, 5]), end=np.array([4, 13, 9, 8]),
...               quoted=pa.array(["Şuşa", "Baku", "Aparan", "and"]))
>>> check_spans(texts, [spans])[0].tolist()  # 0 the words are there, 1 other words, 2 outside the text
[0, 0, 2, 0]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

MATCH, DIFFERENT, OUTSIDE = 0, 1, 2
CHUNK_BYTES = 4 << 20  # texts are mapped from code points to bytes this many bytes at a time


@dataclass
class Spans:
    """Code point offsets [start, end) into article number `article` (an index into the texts), to compare
    with `quoted[at]` (`at` defaults to the span's own position)."""

    article: np.ndarray
    start: np.ndarray
    end: np.ndarray
    quoted: object  # a string array, chunked or not, without nulls
    at: np.ndarray | None = None


def check_spans(texts, groups: list[Spans]) -> list[np.ndarray]:
    """For each group of spans, MATCH, DIFFERENT or OUTSIDE (the offsets are not within the text) by span.

    `texts` is a string array (chunked or not) without nulls.
    """
    chunks = texts.chunks if isinstance(texts, pa.ChunkedArray) else [texts]
    lengths = np.concatenate([pc.utf8_length(c).to_numpy(zero_copy_only=False) for c in chunks]
                             + [np.zeros(0, dtype=np.int64)]).astype(np.int64)
    results, plans = [], []
    for group in groups:
        result = np.full(len(group.article), OUTSIDE, dtype=np.int8)
        inside = (0 <= group.start) & (group.start <= group.end)
        inside[inside] &= group.end[inside] <= lengths[group.article[inside]]
        rows = np.flatnonzero(inside)
        order = rows[np.argsort(group.article[rows], kind="stable")]
        quoted = group.quoted.combine_chunks() if isinstance(group.quoted, pa.ChunkedArray) else group.quoted
        at = group.at if group.at is not None else np.arange(len(group.article))
        results.append(result)
        plans.append((group, order, group.article[order], quoted, at))
    base = 0  # global index of the chunk's first article
    for chunk in chunks:
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int32, count=len(chunk) + 1, offset=chunk.offset * 4)
        data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8) if chunk.buffers()[2] is not None \
            else np.zeros(0, dtype=np.uint8)
        ascii_texts = np.asarray(pc.string_is_ascii(chunk).to_numpy(zero_copy_only=False), dtype=bool)
        first = 0
        while first < len(chunk):
            # Articles [first, last) of this chunk: about CHUNK_BYTES bytes, at least one article.
            last = int(np.searchsorted(offsets, offsets[first] + CHUNK_BYTES, side="right")) - 1
            last = min(max(last, first + 1), len(chunk))
            to_bytes = _byte_offsets(data, offsets, first, last, lengths[base + first:base + last],
                                     ascii_texts[first:last].all())
            for (group, order, articles, quoted, at), result in zip(plans, results):
                lo, hi = np.searchsorted(articles, [base + first, base + last])
                if hi > lo:
                    which = order[lo:hi]
                    local = group.article[which] - base
                    found = _gather(data, to_bytes(local, group.start[which]), to_bytes(local, group.end[which]))
                    same = pc.equal(found, quoted.take(pa.array(at[which])))
                    result[which] = np.where(np.asarray(same.to_numpy(zero_copy_only=False), dtype=bool),
                                             MATCH, DIFFERENT)
            first = last
        base += len(chunk)
    return results


def _byte_offsets(data, offsets, first, last, lengths, all_ascii):
    """A function (article in the chunk, code point offset in it) -> byte position in `data`."""
    if all_ascii:  # a code point is a byte
        return lambda article, offset: offsets[article] + offset
    region = data[offsets[first]:offsets[last]]
    leads = np.flatnonzero((region & 0xC0) != 0x80)  # position of each code point in the region
    before = np.zeros(last - first + 1, dtype=np.int64)  # code points before each article
    np.cumsum(lengths, out=before[1:])

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
    return pa.Array.from_buffers(kind, len(starts), [None, pa.py_buffer(offsets.astype(width)),
                                                     pa.py_buffer(data[index])])
