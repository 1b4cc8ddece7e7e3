"""Direct quotations in an article: their exact spans, their kind and who said them.

Quote marks: straight and curly, mixed (opened with `"` and closed with `”`), single quotes, nested
quotes (only the outermost is a quotation), and quotations that run over paragraphs: a continuing
paragraph may reopen with a mark or not. An apostrophe inside a word (`Armenia’s`) is not a quote mark,
nor is a plural possessive (`the Armenians' rights`) when a later mark closes the quote; in a paragraph a
single quote runs into without reopening, only a mark after punctuation (`changed,'`) closes it.
A quote left open (no closing mark before a new quotation) ends with its last paragraph; a quote the
text ends in before it closes runs to the end of the text and is `truncated`.

Hard-wrapped text (line breaks inside sentences) is read through `layout.unwrap`, so that a wrapped
quotation or attribution is one; the span and the words are the text's own.

The span of a quote is the quoted text between the marks: the marks are not part of it.

Kinds: `statement` (a sentence or more of the speaker's words), `partial` (a few words inside a
reported sentence that attributes them: `the side has given “its agreement in principle”`, `Galuzin
said the talks were "useful"`) and `term` (a quoted term or name, `the term "Zangezur Corridor"`, or a
few words no attribution gives to anybody, `after an "anti-terrorist operation"`; no speaker).

Speakers: the attribution is the words after the closing mark (`," Galuzin said`), before the opening
one (`Galuzin said: "`), or earlier in the sentence (`According to him, ... “its agreement”`); its
subject is resolved by `speakers.Article.resolve`. A statement with no attribution continues the quote
before it when it stands in the same paragraph or the next with nobody else named in between, as in
news style, takes the speaker of the next quote of its sentence (`"A" and "B," he said`), the subject
of the words a colon ends (`Galuzin on the talks: "`), or the one curated person the paragraph before
it is about when it opens a paragraph; any other quotation without an attribution has no speaker. A
quote whose speaker stays empty says why (`Quote.unresolved`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from .layout import unwrap
from .mentions import Mention
from .speakers import Article, Ref, Said, Speakers

OPENING_CONTEXT = " \t\r\n([{—–-/:\"“„«'‘"
CLOSING_PUNCT = ",.!?;:…"
# A paragraph a quotation runs on from ends a sentence.
SENTENCE_END = ".!?…:;"
WORD = r"[\w’'.-]+"
# Before a verb, a comma may close a word: "Pashinyan, speaking in parliament, said".
SUBJECT = rf"(?:{WORD},?\s+){{0,6}}?{WORD},?"
# After "according to" or a verb, the name runs to the first comma.
NAME = rf"(?:{WORD}\s+){{0,6}}?{WORD}"
LONG_NAME = rf"(?:{WORD}\s+){{0,8}}?{WORD}"
TOLD_WHOM = r"(?:\s+(?-i:[A-Z][\w.-]*)(?:\s+(?-i:[A-Z][\w.-]*))?)?"  # "told TASS", "told Al Jazeera"
SPEAK = (
    r"said|says|added|adds|noted|notes|continued|stressed|emphasi[sz]ed|stated|explained|remarked"
    r"|told|declared|asserted|underlined|underscored|pointed\s+out|insisted|warned|wrote|recalled"
    r"|concluded|replied|answered|clarified|commented|announced|mentioned|observed|argued|urged"
    r"|assured|confirmed|acknowledged|admitted|reiterated|affirmed|vowed|promised|claimed|tweeted"
    r"|asked|responded|suggested|cautioned"
    r"|(?:quoted\s+)?as\s+saying"
)  # "was quoted as saying", "Interfax quoted Galuzin as saying"
SPEAK_WORD = re.compile(rf"\b(?:{SPEAK}|according\s+to)\b", re.IGNORECASE)
# Right after the closing mark: `," Galuzin said`, `,” said Galuzin in`, `" - he told TASS`.
# `This was stated by Turkish Foreign Minister Movlut Cavusoglu at a briefing`: the speaker after `by`.
PASSIVE = rf"(?:this|that|it|these|which)\s+(?:was|were|has\s+been)\s+(?:{SPEAK})\s+by\s+(?P<passive>{LONG_NAME})(?=\s*(?:[.,;:!?]|$|\s+(?:in|at|during|on|to|while|after|when|before|as|from|with|about|of)\b))"
AFTER = re.compile(
    rf"[ \t]*[,–—-]?[ \t]*(?:{PASSIVE}|(?P<subject>{SUBJECT})\s+(?:{SPEAK})\b{TOLD_WHOM}"
    rf"|(?:{SPEAK}|according\s+to)\s+(?P<subject2>{LONG_NAME})(?=\s*(?:[.,;:!?]|$|\s+(?:in|at|during|on|to|while|after"
    rf"|when|before|as|from|with|about|of)\b)))",
    re.IGNORECASE,
)
# Right before the opening mark: `Galuzin said: "`, `he noted that "`, `According to him, "`.
BEFORE = re.compile(
    rf"(?:(?P<subject>{SUBJECT})\s+(?:{SPEAK})(?P<that>\s+that|\s+as\s+saying)?"
    rf"|according\s+to\s+(?P<subject2>{NAME}))\s*[:,]?\s*$",
    re.IGNORECASE,
)
# Anywhere earlier in the sentence, for quotes inside a reported sentence.
IN_SENTENCE = re.compile(
    rf"according\s+to\s+(?P<subject2>{NAME})(?=\s*,)"
    rf"|(?P<subject>{SUBJECT})\s+(?:{SPEAK})\b",
    re.IGNORECASE,
)
TERM_CUE = re.compile(
    r"\b(?:term|terms|word|words|phrase|expression|so-called|dubbed|slogan|concept|notion|motto"
    r"|label|name|formula|title|titled|entitled|known\s+as|referred\s+to\s+as|project|initiative"
    r"|topic|theme|called|named)\s*$",
    re.IGNORECASE,
)
SMALL_WORDS = {
    "of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "la", "with", "&", "after", "before",
    "from", "into", "over", "under", "between", "against", "about", "by", "or", "as", "via", "within",
}  # fmt: skip
MAX_TITLE_WORDS = 12  # a quoted title (`"South Caucasus: Regional Development and Cooperation"`) is a term
# A longer title is a term when a determiner and its noun name it (`the draft "Agreement on Peace and the
# Establishment of Interstate Relations between ..." has 17 articles`): its length says nothing.
MAX_NAMED_TITLE_WORDS = 40
NAMED_BY = re.compile(
    r"\b(?:the|a|an|this|that|its|their|his|her|our)\s+(?P<noun>(?:(?-i:[a-z])[\w-]*\s+){0,3})$", re.IGNORECASE
)
NOT_NOUN = re.compile(rf"\b(?:{SPEAK}|is|are|was|were|be|been|being|has|have|had|will|would|as|that)\b", re.IGNORECASE)
SENTENCE_INSIDE = re.compile(r"[.!?…](?:\s|$)")
STOP_BEFORE_SPACE = re.compile(r"[.!?](?=\s)")
SENTENCE_STOP = re.compile(r"[.!?…](?=\s|$)|\n")
PARAGRAPH_BREAK = re.compile(r"\n\s*")


class Marks(NamedTuple):
    opens: str
    closes: str
    pattern: re.Pattern  # every opening or closing mark of the kind, to jump between them
    runs_on: bool  # may continue into a paragraph that does not reopen with a mark


DOUBLE = Marks('"“„«', '"”“»', re.compile('["“”„«»\n]'), True)
SINGLE = Marks("'‘", "'’", re.compile("['‘’\n]"), True)
OPENED = -1  # _close_in: a new quotation opens where the old one should have continued
MAX_PARAGRAPHS = 40  # a quotation runs over no more paragraphs than this (bounds the scan of hostile text)
SENTENCE_REACH = 2000  # how far a sentence's start or end is looked for
BEFORE_REACH, IN_SENTENCE_REACH = 300, 600  # how much of the sentence before a quote an attribution is read in
SUBJECT_REACH = 200  # how far before its verb an attribution's subject may start
TERM_REACH = 80  # the words before a quoted term that say it is one (`the term`, `the so-called`)
# Quotes of one article whose attribution is looked for; the rest (only in hostile text) get none.
MAX_ATTRIBUTED = 5000


@dataclass(frozen=True)
class Quote:
    start: int  # first quoted character (after the opening mark)
    end: int  # just after the last quoted character (before the closing mark)
    text: str
    quote_type: str
    speaker_id: str | None
    attribution: str | None
    truncated: bool = False  # the text ends before the quotation closes
    unresolved: str | None = None  # why a statement or partial quote has no speaker


class QuoteSpan(NamedTuple):
    start: int
    end: int
    closed: bool  # a closing mark stands at `end`
    truncated: bool = False  # the text ends inside the quotation


class Attribution(NamedTuple):
    start: int
    end: int
    words: str
    subject_start: int
    subject_end: int
    name_last: bool  # `Galuzin said`: the speaker is the last name of the subject (`X's aide Y`)
    that: bool  # `said that "..."`: the quote continues a reported sentence


# --- spans -----------------------------------------------------------------------------------


def _opens(text: str, i: int, marks: Marks) -> bool:
    if text[i] not in marks.opens or not (i == 0 or text[i - 1] in OPENING_CONTEXT):
        return False
    after = text[i + 1] if i + 1 < len(text) else " "
    # `'90s` is an elision, not a quotation.
    return not after.isspace() and not (marks is SINGLE and after.isdigit())


def _closes(text: str, j: int, marks: Marks) -> bool:
    mark = text[j]
    if mark not in marks.closes or j == 0:
        return False
    if text[j - 1].isspace():
        # `in the future, " Cavusoglu stressed`: a stray space before a closing mark that opens nothing.
        after = text[j + 1] if j + 1 < len(text) else " "
        return mark == '"' and j > 1 and text[j - 2] in CLOSING_PUNCT and after.isspace()
    after = text[j + 1] if j + 1 < len(text) else " "
    if mark in "”»":
        return True
    if mark == "’":
        return not after.isalnum()  # Armenia’s
    return not after.isalnum() or text[j - 1] in CLOSING_PUNCT


def _possessive(text: str, j: int) -> bool:
    """`the Armenians' rights`: a mark after a plural, followed by a lower-case word."""
    return text[j - 1] in "sS" and text[j + 1 : j + 2] == " " and text[j + 2 : j + 3].islower()


def _close_in(text: str, k: int, stop: int, marks: Marks, marked: bool) -> int | None:
    """The closing mark in text[k:stop]; OPENED if an unmarked continuation opens a new quotation first."""
    depth = 0
    for match in marks.pattern.finditer(text, k, stop):
        j = match.start()
        if _closes(text, j, marks):
            if marks is SINGLE and not marked and text[j - 1] not in CLOSING_PUNCT:
                # In a paragraph that did not reopen, an apostrophe (the Armenians' rights) could pass for
                # the closing mark; only a mark after punctuation (`changed,'`) closes a single quote there.
                continue
            if depth:
                depth -= 1
            elif not (marks is SINGLE and _possessive(text, j) and _close_in(text, j + 1, stop, marks, True)):
                return j
        elif _opens(text, j, marks):
            if not marked:
                return OPENED
            depth += 1  # a quotation inside the quotation
    return None


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _span(start: int, end: int | None, closed: bool = False, truncated: bool = False) -> QuoteSpan | None:
    return None if end is None or end <= start else QuoteSpan(start, end, closed, truncated)


def _quote_end(text: str, start: int, marks: Marks, content_end: int) -> QuoteSpan | None:
    """The quotation whose text starts at `start`, or None when its opening mark is a stray one;
    `content_end` is where the text's last non-blank character ends."""
    k, marked = start, True  # marked: the paragraph is surely part of the quotation
    sure_end: int | None = None  # where the last paragraph surely part of it ends
    for _ in range(MAX_PARAGRAPHS):
        stop = text.find("\n", k)
        stop = len(text) if stop < 0 else stop
        close = _close_in(text, k, stop, marks, marked)
        if close == OPENED:
            return _span(start, sure_end)
        if close is not None:
            return _span(start, close, closed=True)
        end = _trim(text, k, stop)
        if stop >= content_end:  # the text ends inside the quotation
            return _span(start, end if marked else sure_end, truncated=True)
        ends_sentence = end > k and text[end - 1] in SENTENCE_END
        if marked and not ends_sentence:
            return None if sure_end is None else _span(start, end)
        if not marked and not ends_sentence:
            return _span(start, sure_end)
        if marked:
            sure_end = end
        nxt = stop
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if text[nxt] in marks.opens:
            k, marked = nxt + 1, True
        elif marks.runs_on:
            k, marked = nxt, False
        else:
            return _span(start, sure_end)
    return _span(start, sure_end)


ANY_OPEN = re.compile("[\"“„«'‘]")


def quote_spans(text: str) -> list[QuoteSpan]:
    """The outermost quotations of `text`, in order (hard-wrapped text read unwrapped).

    >>> t = 'He said: "We are ready." It is Armenia\\'s call, \\'a big one\\'.'
    >>> [t[s.start:s.end] for s in quote_spans(t)]
    ['We are ready.', 'a big one']
    >>> t = 'He said: "We will sign the treaty once'
    >>> [(t[s.start:s.end], s.truncated) for s in quote_spans(t)]
    [('We will sign the treaty once', True)]
    """
    return _spans(unwrap(text))


def _spans(view: str) -> list[QuoteSpan]:
    spans, i, content_end = [], 0, len(view.rstrip())
    while (match := ANY_OPEN.search(view, i)) is not None:
        i = match.start()
        marks = DOUBLE if view[i] in DOUBLE.opens else SINGLE
        span = _quote_end(view, i + 1, marks, content_end) if _opens(view, i, marks) else None
        if span is None:
            i += 1
            continue
        spans.append(span)
        i = span.end + 1 if span.closed else span.end
    return spans


# --- attribution and kind ------------------------------------------------------------------------


def _sentence_start(text: str, i: int) -> int:
    """Where the sentence around offset i starts: after a line break or a `.`, `!` or `?` before a space."""
    limit = max(0, i - SENTENCE_REACH)
    start = text.rfind("\n", limit, i) + 1 or limit
    stops = [m.end() for m in STOP_BEFORE_SPACE.finditer(text, start, i)]
    return max(start, stops[-1] if stops else start)


def _sentence_end(text: str, j: int) -> int:
    match = SENTENCE_STOP.search(text, j, j + SENTENCE_REACH)
    return match.start() if match else min(len(text), j + SENTENCE_REACH)


def _head(text: str, opening: int) -> tuple[int, int]:
    """The words of the sentence before the opening mark; for a quote that starts a paragraph after one
    ending with a colon (`Galuzin said:` then the quote), that sentence up to the colon."""
    start = _sentence_start(text, opening)
    if text[start:opening].strip():
        return start, opening
    k = start
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if k > 0 and text[k - 1] == ":":
        return _sentence_start(text, k - 1), k
    return start, opening


def _make(match: re.Match) -> Attribution:
    groups = match.groupdict()
    named = next(g for g in ("passive", "subject", "subject2") if groups.get(g) is not None)
    raw = match.group(0)
    words = raw.strip(" \t,:–—-")
    start = match.start() + raw.index(words)
    return Attribution(
        start,
        start + len(words),
        " ".join(words.split()),  # a hard-wrapped attribution as one line
        match.start(named),
        match.end(named),
        named == "subject",
        bool(match.groupdict().get("that")),
    )


def _after(text: str, span: QuoteSpan) -> Attribution | None:
    if not span.closed:
        return None
    match = AFTER.match(text, span.end + 1, _sentence_end(text, span.end + 1))
    if match is None:
        return None
    # `..." He noted that ...`: after a quotation that ends its sentence, a capitalised pronoun or a
    # verb with `that` starts a sentence of its own, not the quotation's attribution.
    if re.search(r"[.!?…]\W*$", text[span.start : span.end]) and match.group("subject") is not None:
        subject = match.group("subject")
        if re.match(r"(?:He|She|They|It|We)\b", subject) or re.match(r"\s+that\b", text[match.end() :]):
            return None
    return _make(match)


def _first_verb(verbs: list[int], start: int, end: int) -> int | None:
    """The first of the speech verbs' offsets in [start, end)."""
    k = bisect.bisect_left(verbs, start)
    return verbs[k] if k < len(verbs) and verbs[k] < end else None


def _before(text: str, head: tuple[int, int], verbs: list[int]) -> Attribution | None:
    # An attribution before the mark is a few words: only the end of a long sentence is read, and only
    # when a speech verb stands there (the full pattern is slow on long sentences).
    start = max(head[0], head[1] - BEFORE_REACH)
    if _first_verb(verbs, start, head[1]) is None:
        return None
    match = BEFORE.search(text, start, head[1])
    return _make(match) if match else None


def _in_sentence(text: str, head: tuple[int, int], verbs: list[int]) -> Attribution | None:
    verb = _first_verb(verbs, max(head[0], head[1] - IN_SENTENCE_REACH), head[1])
    if verb is None:
        return None
    # The subject is a few words before the first speech verb of the sentence.
    match = IN_SENTENCE.search(text, max(head[0], verb - SUBJECT_REACH), head[1])
    return _make(match) if match else None


def _title_case(words: list[str]) -> bool:
    """`Zangezur Corridor`, `Crossroads of Peace`: a name rather than words of a sentence."""
    bare = [w.strip(".,;:!?()[]") for w in words]
    bare = [w for w in bare if w[:1].isalpha()]
    return bool(bare) and bare[0][:1].isupper() and all(w[:1].isupper() or w.lower() in SMALL_WORDS for w in bare)


def _named_title(body: str, words: list[str], head_text: str, tail: str, embedded: bool) -> bool:
    """`The draft "Agreement on Peace ..." has 17 articles`: a title of any length in capitals, with no
    sentence inside, that a determiner and its noun name, and that the outer sentence goes on after (a
    lower-case word) or stands inside."""
    if len(words) < 2 or len(words) > MAX_NAMED_TITLE_WORDS or SENTENCE_INSIDE.search(body):
        return False
    if not _title_case(words) or any(w[-1:] in ",;" for w in words):
        return False
    named = NAMED_BY.search(head_text)
    if named is None or NOT_NOUN.search(named.group("noun")):
        return False
    runs_on = bool(re.match(r"\s?(?-i:[a-z])", tail))
    return runs_on or embedded


def _kind(
    text: str,
    span: QuoteSpan,
    head: tuple[int, int],
    before: Attribution | None,
    after: Attribution | None,
    attributed: bool,
) -> str:
    body = text[span.start : span.end]
    words = body.split()
    head_text = text[head[0] : head[1]]
    ends_sentence = bool(re.search(r"[.!?…]\W*$", body)) or "\n" in body
    if before is not None:
        embedded = before.that and body[:1].islower()
    else:
        embedded = bool(head_text.strip()) and not head_text.rstrip().endswith(":")
    # `"Zangezur Corridor" put into circulation`: the sentence goes on after the closing mark.
    tail = text[span.end + 1 : span.end + 3] if span.closed else ""
    continues = after is None and bool(re.match(r"\s?[^\W\d_]", tail)) and tail.strip()[:1].islower()
    short = not ends_sentence and len(words) <= 4 and after is None
    if _named_title(body, words, head_text, tail, after is None and embedded):
        return "term"  # the words after it are the outer sentence's, not an attribution of the title
    if short and TERM_CUE.search(head_text[-TERM_REACH:]):
        return "term"
    # A name or title in capitals, inside a sentence: the topic of a panel, a project, a document.
    titled = not ends_sentence and len(words) <= MAX_TITLE_WORDS and after is None and _title_case(words)
    if titled and (embedded or continues or TERM_CUE.search(head_text[-TERM_REACH:])):
        return "term"
    if titled and before is None and not attributed and len(words) > 1:
        return "term"  # a quoted name or title standing alone (a crosshead), which no words attribute
    if (embedded or continues) and (body[:1].islower() or (not ends_sentence and len(words) < 12)):
        # A few words no attribution gives to anybody are scare quotes: `after an "anti-terrorist operation"`.
        return "partial" if attributed or not short else "term"
    return "statement"


def find_quotes(text: str, mentions: list[Mention], speakers: Speakers) -> list[Quote]:
    """Every quotation in `text`; `mentions` are the curated entity mentions, `speakers` who may speak.

    >>> from caucasus_data.parse.mentions import EntityMatcher
    >>> t = 'Galuzin spoke. "We are ready," he said. Russia does not use the term "Zangezur Corridor".'
    >>> m = EntityMatcher([("mikhail-galuzin", "Galuzin")]).find(t)
    >>> [(q.text, q.quote_type, q.speaker_id, q.attribution) for q in find_quotes(t, m, Speakers({"mikhail-galuzin"}))]
    [('We are ready,', 'statement', 'mikhail-galuzin', 'he said'), ('Zangezur Corridor', 'term', None, None)]
    """
    view = unwrap(text)
    spans = _spans(view)
    article = Article(view, [(s.start, s.end) for s in spans], mentions, speakers)
    # Where speech verbs stand outside the quotations: attributions are looked for only near them.
    verbs = [m.start() for m in SPEAK_WORD.finditer(view) if not article.quoted(m.start())]
    quotes = [_quote(text, view, article, span, verbs, i < MAX_ATTRIBUTED) for i, span in enumerate(spans)]
    # Unattributed statements take the speaker of their neighbours, once every attribution is read.
    for i, quote in enumerate(quotes):
        if quote.speaker_id is None and quote.attribution is None and quote.quote_type != "term":
            speaker = _next_in_sentence(view, quote, quotes[i + 1] if i + 1 < len(quotes) else None)
            if speaker is None and quote.quote_type == "statement":
                speaker = _continues_previous(article, quotes[i - 1] if i else None, quote.start - 1)
            if speaker is None and quote.quote_type == "statement":
                speaker = _introduced(article, quote.start - 1)
            if speaker is not None:
                quotes[i] = replace(quote, speaker_id=speaker, unresolved=None)
    return quotes


def _quote(text: str, view: str, article: Article, span: QuoteSpan, verbs: list[int], attribute: bool = True) -> Quote:
    opening = span.start - 1
    head = _head(view, opening)
    after = _after(view, span) if attribute else None
    before = None if after or not attribute else _before(view, head, verbs)
    attribution = after or before or (_in_sentence(view, head, verbs) if attribute else None)
    # `"A" and "B," he said`: the sentence may attribute a quote after the next one.
    around = (
        max(head[0], opening - IN_SENTENCE_REACH),
        min(_sentence_end(view, span.end + 1), span.end + BEFORE_REACH),
    )
    attributed = attribution is not None or _first_verb(verbs, *around) is not None
    kind = _kind(view, span, head, before, after, attributed)
    body = text[span.start : span.end]
    if kind == "term":
        return Quote(span.start, span.end, body, kind, None, None, span.truncated)
    if attribution is not None:
        subject_start = article.unquoted_from(attribution.subject_start, attribution.subject_end)
        said = article.resolve(subject_start, attribution.subject_end, min(attribution.start, opening))
        article.record(subject_start, attribution.subject_end, said, attribution.words)
    else:
        said = _unattributed(article, head, opening)
    words = attribution.words if attribution else None
    return Quote(span.start, span.end, body, kind, said.speaker, words, span.truncated, said.reason)


def _unattributed(article: Article, head: tuple[int, int], opening: int) -> Said:
    """No attribution: a statement a colon introduces takes the person the words before the colon are
    about (`Galuzin on the talks: "`); any other quotation, nobody (its neighbours may give one)."""
    nobody = Said(None, None, "no words attribute it to anybody")
    if not article.view[head[0] : opening].rstrip().endswith(":"):
        return nobody
    refs = [r for r in article.refs_in(head[0], opening) if not article.quoted(r.start)]
    found = article.subject(head[0], opening, refs) if refs else None
    return article.said_by(found) if isinstance(found, Ref) else nobody


def _continues_previous(article: Article, previous: Quote | None, opening: int) -> str | None:
    """A statement with no attribution, in the paragraph of the previous quote or the next one, with
    nobody else named in between, is the same speaker's (`"...," he said. "More words."`)."""
    if previous is None or previous.speaker_id is None or previous.quote_type == "term":
        return None
    if len(PARAGRAPH_BREAK.findall(article.view, previous.end, opening)) > 1:
        return None
    between = article.refs_in(previous.end, opening)
    if any(r.key != previous.speaker_id and not article.quoted(r.start) for r in between):
        return None
    return previous.speaker_id


def _introduced(article: Article, opening: int) -> str | None:
    """A statement that opens its paragraph with no attribution, after a paragraph about one curated
    person and nobody else (`Mirzoyan also thanked the hosts.` then `"..."`), is that person's."""
    view = article.view
    line_start = view.rfind("\n", 0, opening) + 1
    if view[line_start:opening].strip() or line_start == 0:
        return None
    before = view.rfind("\n", 0, max(0, line_start - 1))
    while before > 0 and not view[before + 1 : line_start].strip():  # blank lines between paragraphs
        before = view.rfind("\n", 0, before)
    start = before + 1
    refs = [r for r in article.refs_in(start, line_start) if not article.quoted(r.start)]
    if len({r.key for r in refs}) != 1 or refs[0].curated is None:
        return None
    return refs[0].curated if isinstance(article.subject(start, line_start, refs), Ref) else None


def _next_in_sentence(text: str, here: Quote, nxt: Quote | None) -> str | None:
    """`"A" and "B," he said`: the speaker of the next quote of the same sentence, when attributed."""
    if nxt is None or not (nxt.speaker_id and nxt.attribution):
        return None
    return nxt.speaker_id if _sentence_end(text, here.end + 1) >= nxt.start else None
