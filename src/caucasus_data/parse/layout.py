"""Hard-wrapped text (a line break every 60-80 characters, inside sentences and quotations) read as prose.

`unwrap` returns a view of the text of the same length in which the line breaks that only wrap a
sentence are spaces, so that every offset in the view is the offset in the text: the parsers look for
sentences, paragraphs and quotations in the view and take the exact words from the text.

A line break wraps when the line and the next are not blank and either

- the sentence goes on: the line does not end a sentence (`.`, `!`, `?`, `:`, `;`, a closing mark or
  bracket after one) and the next line starts in lower case or with a digit, or the line ends with a
  comma or a hyphen; or
- the text is hard-wrapped throughout (at least three such breaks and a third of its long lines) and
  the line is as long as the wrapped lines are (a paragraph's last line is usually shorter).

Everything else is kept: a blank line, a headline above the text, a list, one paragraph per line.
"""

from __future__ import annotations

import re
from itertools import pairwise
from statistics import median

SENTENCE_END = re.compile(r"[.!?…:;][\"”’'»)\]]*$")
CONTINUES = re.compile(r"[,\-–]$")
# Below this a line is a headline, a byline or furniture rather than a wrapped line of a paragraph.
LONG_LINE = 30
MIN_WRAPS = 3


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, its end before any `\\r\\n` or `\\n`."""
    spans, start = [], 0
    for match in re.finditer(r"\r?\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _sentence_goes_on(line: str, following: str) -> bool:
    if CONTINUES.search(line):
        return True
    return not SENTENCE_END.search(line) and (following[:1].islower() or following[:1].isdigit())


def wrapped_breaks(text: str) -> list[int]:
    """Offsets of the line breaks (the `\\r` of a `\\r\\n`, else the `\\n`) that wrap a sentence.

    >>> t = "The minister said that the next round of talks\\nwould be held in Almaty in the spring, and\\nthey were.\\n\\nNext."
    >>> [t[i - 5 : i] for i in wrapped_breaks(t)]
    ['talks', ', and']
    """
    lines = _lines(text)
    pairs = []  # (index of the break, line, next line), both lines not blank
    for (start, end), (next_start, next_end) in pairwise(lines):
        line, following = text[start:end].rstrip(), text[next_start:next_end].strip()
        if line.strip() and following:
            pairs.append((end, line, following))
    local = [(end, line) for end, line, following in pairs if _sentence_goes_on(line, following)]
    long = [line for _, line, _ in pairs if len(line) >= LONG_LINE]
    breaks = {end for end, line in local if len(line.strip()) >= LONG_LINE or CONTINUES.search(line)}
    wrapped_long = [line for end, line in local if len(line) >= LONG_LINE]
    if len(wrapped_long) >= MIN_WRAPS and len(wrapped_long) * 3 >= len(long):
        # Hard-wrapped throughout: a line as long as the wrapped ones wraps too, even after a full stop.
        width = median(len(line) for line in wrapped_long)
        breaks.update(end for end, line, _ in pairs if len(line) >= 0.8 * width)
    return sorted(breaks)


def unwrap(text: str) -> str:
    """The text with its wrapping line breaks as spaces; the same length, so offsets carry over.

    >>> unwrap('"We are ready to sign the agreement on the\\nborder," he said.\\nTalks resume.')
    '"We are ready to sign the agreement on the border," he said.\\nTalks resume.'
    """
    breaks = wrapped_breaks(text)
    if not breaks:
        return text
    chars = list(text)
    for i in breaks:
        chars[i] = " "
        if text[i] == "\r":
            chars[i + 1] = " "  # the \n of a \r\n
    return "".join(chars)
