"""The article texts around the spans of a table being read: a second reading of the articles, beside it.

The build writes mentions, quotes and evidence in the order of their articles, so the spans of a block
of rows fall in a few neighbouring articles. A window reads the articles' texts forward as the spans
need them and keeps only the blocks of texts the next spans may still need (a megabyte or two): spans
are compared with their text as they are read, and none is kept. A span whose article the window has
already passed (a file in another order), that lies far ahead of the others (STRAYS) or that it never
holds (an article row with missing or extra cells, read last) is left to the caller.

>>> import tempfile, pathlib, numpy as np, pyarrow as pa
>>> path = pathlib.Path(tempfile.mkdtemp()) / "articles.csv"
>>> _ = path.write_text("article_id,text\\na,Baku and Yerevan\\nb,Aparan\\n", encoding="utf-8")
>>> window = TextWindow(path)
>>> compared, different = window.compare(np.array([2, 3]), np.array([9, 0]), np.array([16, 3]),
...                                      pa.array(["Yerevan", "Apo"]))
>>> compared.tolist(), different
([True, True], {1: 'Aparan'})
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .tablerows import blocks
from .textspans import span_texts

STRAYS = 0.01  # the share of a block's spans that may lie far ahead of the others
AHEAD = 2  # blocks of texts read past the others for those spans
# Bytes of articles.csv a block of texts holds: half the readings' megabyte, for a window holds a block or
# two (about 3 MiB less at the peak of 100,000 articles than with a megabyte, at the same speed).
WINDOW = 512 << 10


class TextWindow:
    """The texts of articles.csv, read forward block by block as spans ask for them."""

    def __init__(self, path: Path):
        self._blocks = blocks(path, {"text"}, block_size=WINDOW)
        self._held: list[tuple[np.ndarray, pa.Array]] = []  # (row numbers, texts) of blocks kept
        self._read_to = -1  # the highest row number read
        self._ended = False

    def compare(
        self, article: np.ndarray, start: np.ndarray, end: np.ndarray, words: pa.Array
    ) -> tuple[np.ndarray, dict[int, str]]:
        """Which spans (article row, code point offsets within its text) were compared with their
        article's text, and, for those whose text is not `words`, that article text by span position."""
        compared = np.zeros(len(article), dtype=bool)
        different: dict[int, str] = {}
        if not len(article):
            return compared, different
        # Where the spans lie but for a few strays (a span moved to another article must not make the
        # window skip the texts the others need): the strays beyond are left to the caller.
        k = int((len(article) - 1) * (1 - STRAYS))
        last = int(np.partition(article, k)[k])
        for held in self._held:
            _compare(held, article, start, end, words, compared, different)
        while self._read_to < last and self._read(article, start, end, words, compared, different):
            pass
        # The strays just past the last block read, a block or two ahead.
        for _ in range(AHEAD):
            if compared.all() or self._read_to >= article[~compared].max():
                break
            self._read(article, start, end, words, compared, different)
        # The next spans start at the last article of these (in a file in article order).
        self._held = [held for held in self._held if held[0].max() >= last]
        return compared, different

    def _read(self, article, start, end, words, compared, different) -> bool:
        """Read the next block of texts and compare the spans in it; False at the end of the file."""
        block = None if self._ended else next(self._blocks, None)
        if block is None:
            self._ended = True
            return False
        texts = block.columns["text"]
        held = (block.rows, pc.fill_null(texts, "") if texts.null_count else texts)
        self._read_to = max(self._read_to, int(block.rows.max()))
        self._held.append(held)
        _compare(held, article, start, end, words, compared, different)
        return True

    def close(self) -> None:
        """Read the rest of the file rather than drop the reader mid-file: while windows dropped theirs, the
        command line once aborted at exit (once in thirty runs, not seen since they read to the end)."""
        self._held = []
        for _ in self._blocks:
            pass


def _compare(
    held: tuple[np.ndarray, pa.Array],
    article: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    words: pa.Array,
    compared: np.ndarray,
    different: dict[int, str],
) -> None:
    """Compare the spans not compared yet whose article is in this block of texts."""
    rows, texts = held
    if not len(rows):
        return
    # Row numbers increase within a block.
    local = np.minimum(np.searchsorted(rows, article), len(rows) - 1)
    at = np.flatnonzero((rows[local] == article) & ~compared)
    if not len(at):
        return
    got = span_texts(texts, local[at], start[at], end[at])
    same = pc.equal(got, words.take(pa.array(at)))
    compared[at] = True
    text: dict[int, str] = {}  # one string for the spans of an article
    for i in np.flatnonzero(~np.asarray(same.to_numpy(zero_copy_only=False), dtype=bool)).tolist():
        row = int(local[at[i]])
        different[int(at[i])] = text.setdefault(row, texts[row].as_py())
