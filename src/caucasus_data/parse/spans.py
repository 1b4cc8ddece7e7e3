"""Finding exact words in an article: where they are, or the closest words when they are not there."""

from __future__ import annotations

import difflib
import re

# Only this many characters of the words are compared: the search stays bounded in time on any input.
MAX_WORDS = 500


def occurrences(text: str, words: str) -> list[int]:
    """Start offsets of every occurrence of `words` in `text` (overlapping ones too).

    >>> occurrences("Galuzin said. Galuzin added.", "Galuzin")
    [0, 14]
    """
    found, start = [], text.find(words)
    while words and start >= 0:
        found.append(start)
        start = text.find(words, start + 1)
    return found


def closest(text: str, words: str) -> tuple[int, int, float]:
    """(start, end, similarity) of the span of `text` most like `words`, on word boundaries.

    >>> t = "Russian Deputy Foreign Minister Mikhail Galuzin told TASS"
    >>> s, e, _ = closest(t, "Deputy Foreign Minister Mikhail Galusin")
    >>> t[s:e]
    'Deputy Foreign Minister Mikhail Galuzin'
    """
    words = words[:MAX_WORDS]
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    count = max(1, len(words.split()))
    best = (0, 0, 0.0)
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(words)  # the quoted words are compared with every window: analysed once
    for i, start in enumerate(starts):
        for n in (count - 1, count, count + 1):
            if n < 1 or i + n > len(starts):
                continue
            end = _word_end(text, starts[i + n - 1])
            matcher.set_seq1(text[start:end])
            # The quick upper bounds first: most windows cannot beat the best one found so far.
            if matcher.real_quick_ratio() > best[2] and matcher.quick_ratio() > best[2]:
                score = matcher.ratio()
                if score > best[2]:
                    best = (start, end, score)
    return best


def _word_end(text: str, start: int) -> int:
    match = re.compile(r"\S+").match(text, start)
    end = match.end() if match else start
    while end > start and text[end - 1] in '.,;:!?)"”’':  # punctuation after a word is not part of it
        end -= 1
    return end
