"""Direct quotations in an article: their exact spans, their kind and who said them.

Quote marks: straight and curly, mixed (opened with `"` and closed with `”`), single quotes, and
quotations that run over paragraphs (a continuing paragraph may or may not reopen with a mark).
An apostrophe inside a word (`Armenia’s`) is not a quote mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .mentions import Mention

DOUBLE_OPEN, DOUBLE_CLOSE = '"“„«', '"”»'
SINGLE_OPEN, SINGLE_CLOSE = "'‘", "'’"
MARKS = re.compile("[" + re.escape(DOUBLE_OPEN + SINGLE_OPEN) + "]")
OPENING_CONTEXT = " \t\n([{—–-/:"
CLOSING_PUNCT = ",.!?;:…"
SPEECH_VERBS = (r"said|says|added|adds|noted|notes|continued|stressed|emphasi[sz]ed|stated|explained|remarked"
                r"|told|declared|asserted|underlined|underscored|pointed out|insisted|warned|wrote|recalled"
                r"|concluded|replied|answered|clarified|commented|announced|mentioned|observed|argued")
# Words that refer back to the person the article is about.
ANAPHORA = re.compile(r"\b(?:he|she|him|her|they|the\s+(?:[\w-]+\s+){0,3}(?:minister|diplomat|official|"
                      r"spokes(?:man|woman|person)|president|ambassador|envoy|aide|adviser|advisor|"
                      r"secretary|chairman|chair|head|leader|representative))\b", re.IGNORECASE)
SUBJECT = r"(?P<subject>(?:[\w’'.-]+\s+){0,6}?[\w’'.-]+)"
AFTER = re.compile(rf"\s*,?\s*(?:{SUBJECT}\s+(?:{SPEECH_VERBS})\b|(?:{SPEECH_VERBS})\s+(?P<subject2>(?:[\w’'.-]+\s+){{0,5}}?[\w’'.-]+)(?=\s*(?:[.,;]|$|\s+(?:in|at|during|on|to|while|after|when)\b)))", re.IGNORECASE)
BEFORE = re.compile(rf"(?:(?P<subject>(?:[\w’'.-]+\s+){{0,6}}?[\w’'.-]+)\s+(?:{SPEECH_VERBS})(?:\s+that)?|according\s+to\s+(?P<subject2>[\w’'.-]+(?:\s+[\w’'.-]+){{0,4}}))\s*[:,]?\s*$", re.IGNORECASE)
TERM_CUE = re.compile(r"\b(?:term|terms|word|words|phrase|expression|so-called|called|dubbed|named|slogan|"
                      r"concept|notion|label|name|formula|title)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Quote:
    start: int  # first quoted character (after the opening mark)
    end: int  # just after the last quoted character (before the closing mark)
    text: str
    quote_type: str
    speaker_id: str | None
    attribution: str | None


def _is_open(text: str, i: int, marks: str) -> bool:
    return (text[i] in marks and (i == 0 or text[i - 1] in OPENING_CONTEXT)
            and i + 1 < len(text) and not text[i + 1].isspace())


def _is_close(text: str, j: int, marks: str) -> bool:
    if text[j] not in marks or j == 0 or text[j - 1].isspace():
        return False
    if text[j] in "”»’" and not (text[j] == "’" and j + 1 < len(text) and text[j + 1].isalnum()):
        return True
    return j + 1 == len(text) or not text[j + 1].isalnum() or text[j - 1] in CLOSING_PUNCT


def _spans(text: str) -> list[tuple[int, int]]:
    """(opening mark, closing mark) positions of every quotation, outermost only."""
    spans, i = [], 0
    while i < len(text):
        # Only a quote mark can open a quotation: jump to the next one rather than test every character.
        mark = MARKS.search(text, i)
        if mark is None:
            break
        i = mark.start()
        if _is_open(text, i, DOUBLE_OPEN):
            j = _close_double(text, i + 1)
            if j is not None:
                spans.append((i, j))
                i = j + 1
                continue
        elif _is_open(text, i, SINGLE_OPEN):
            j = _close_single(text, i + 1)
            if j is not None:
                spans.append((i, j))
                i = j + 1
                continue
        i += 1
    return spans


def _close_double(text: str, k: int) -> int | None:
    while k < len(text):
        if text[k] == "\n":
            # The quote runs on: skip the paragraph break and a reopening mark of the next paragraph.
            while k < len(text) and text[k] in "\r\n \t":
                k += 1
            if k < len(text) and text[k] in DOUBLE_OPEN:
                k += 1
            continue
        if _is_close(text, k, DOUBLE_CLOSE):
            return k
        k += 1
    return None


def _close_single(text: str, k: int) -> int | None:
    while k < len(text) and text[k] != "\n":
        if _is_close(text, k, SINGLE_CLOSE):
            return k
        k += 1
    return None


def _sentence_start(text: str, i: int) -> int:
    k = i
    while k > 0 and text[k - 1] not in ".!?\n":
        k -= 1
    return k


def _sentence_end(text: str, j: int) -> int:
    match = re.compile(r"[.!?](?=\s|$)|\n").search(text, j)
    return match.start() if match else len(text)


def find_quotes(text: str, mentions: list[Mention], people: set[str]) -> list[Quote]:
    """Every quotation in `text`; `mentions` are the entity mentions, `people` the ids that are persons.

    >>> from caucasus_data.parse.mentions import EntityMatcher
    >>> t = 'Galuzin spoke. "We are ready," he said. Russia does not use the term "Zangezur Corridor".'
    >>> m = EntityMatcher([("mikhail-galuzin", "Galuzin")]).find(t)
    >>> [(q.text, q.quote_type, q.speaker_id, q.attribution) for q in find_quotes(t, m, {"mikhail-galuzin"})]
    [('We are ready,', 'statement', 'mikhail-galuzin', 'he said'), ('Zangezur Corridor', 'term', None, None)]
    """
    spans = _spans(text)
    inside = [(o, c) for o, c in spans]
    person_mentions = [m for m in mentions if m.entity_id in people
                       and not any(o < m.start < c for o, c in inside)]
    quotes = []
    for opening, closing in spans:
        start, end = opening + 1, closing
        body = text[start:end]
        attribution = _attribution(text, opening, closing)
        kind = _kind(text, opening, closing, body, attribution)
        speaker = None
        if kind != "term":
            speaker = _speaker(text, opening, closing, attribution, person_mentions, mentions)
        quotes.append(Quote(start, end, body, kind, speaker, attribution[2] if attribution else None))
    return quotes


def _attribution(text: str, opening: int, closing: int) -> tuple[int, int, str] | None:
    """Span and words of the attribution right after the closing mark or right before the opening."""
    tail_end = _sentence_end(text, closing + 1)
    after = AFTER.match(text, closing + 1, tail_end)
    if after:
        words = after.group(0).strip(" ,\t")
        return after.end() - len(words), after.end(), words
    head_start = _sentence_start(text, opening)
    before = BEFORE.search(text, head_start, opening)
    if before:
        words = before.group(0).strip(" ,:\t")
        return before.start(), before.start() + len(words), words
    return None


def _kind(text: str, opening: int, closing: int, body: str, attribution) -> str:
    head = text[_sentence_start(text, opening):opening]
    words = body.split()
    ends_sentence = bool(re.search(r"[.!?…]\W*$", body)) or "\n" in body
    if not ends_sentence and len(words) <= 4 and not (attribution and attribution[0] > closing):
        capitalised = all(w[:1].isupper() for w in words if w[:1].isalpha())
        if TERM_CUE.search(head) or (capitalised and head.strip()):
            return "term"
    mid_sentence = bool(head.strip()) and not head.rstrip().endswith(":") and not (
        attribution and attribution[1] <= opening)
    if mid_sentence and (body[:1].islower() or not ends_sentence and len(words) < 12):
        return "partial"
    return "statement"


def _speaker(text, opening, closing, attribution, person_mentions, mentions) -> str | None:
    if attribution:
        a_start, a_end, words = attribution
        named = [m for m in person_mentions if a_start <= m.start and m.end <= a_end]
        if named:
            return named[0].entity_id
        if not ANAPHORA.search(words):
            others = [m for m in mentions if a_start <= m.start and m.end <= a_end]
            return others[0].entity_id if others else None
        anchor = min(a_start, opening)
    else:
        sentence = text[_sentence_start(text, opening):opening]
        if not ANAPHORA.search(sentence):
            named = [m for m in person_mentions if _sentence_start(text, opening) <= m.start < opening]
            return named[-1].entity_id if named else None
        anchor = opening
    earlier = [m for m in person_mentions if m.end <= anchor]
    return earlier[-1].entity_id if earlier else None
