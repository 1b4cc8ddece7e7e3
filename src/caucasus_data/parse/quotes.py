"""Direct quotations in an article: their exact spans, their kind and who said them.

Quote marks: straight and curly, mixed (opened with `"` and closed with `”`), single quotes, nested
quotes (only the outermost is a quotation), and quotations that run over paragraphs: a continuing
paragraph may reopen with a mark or not. An apostrophe inside a word (`Armenia’s`) is not a quote mark,
nor is a plural possessive (`the Armenians' rights`) when a later mark closes the quote; in a paragraph a
single quote runs into without reopening, only a mark after punctuation (`changed,'`) closes it.
A quote left open (no closing mark before a new quotation or the end) ends with its last paragraph.

The span of a quote is the quoted text between the marks: the marks are not part of it.

Kinds: `statement` (a sentence or more of the speaker's words), `partial` (a few words inside a
reported sentence: `the side has given “its agreement in principle”`) and `term` (a quoted term or
name, `the term "Zangezur Corridor"`; not the speaker's statement, so no speaker).

Speakers: a person named in the attribution (`Galuzin said`, `said Galuzin`, `Galuzin told TASS`,
`According to Galuzin`), else a pronoun or description (`he noted`, `the diplomat said`, `the deputy
foreign minister said`) resolved to the person the article is speaking about: the last person named
before, or for a description the last one whose title (as written next to their name, or curated)
has its words. A description of somebody else resolves only by such a title: an indefinite one (`an
official said`), a possessive one (`the ministry's spokesperson`) and one of a role that speaks for
another (spokesperson, aide, adviser, representative, official). A quote with no attribution continues
the quote before it when nobody else was named in between, as in news style. What cannot be resolved
stays None.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from .mentions import Mention, fold

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
# Right after the closing mark: `," Galuzin said`, `,” said Galuzin in`, `" - he told TASS`.
AFTER = re.compile(
    rf"[ \t]*[,–—-]?[ \t]*(?:(?P<subject>{SUBJECT})\s+(?:{SPEAK})\b{TOLD_WHOM}"
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
ROLE = (
    r"minister|diplomat|official|spokes(?:man|woman|person)|president|premier|ambassador|envoy|aide"
    r"|adviser|advisor|secretary|chairman|chairwoman|chair|head|leader|representative|negotiator"
    r"|politician|lawmaker|speaker|governor|mayor|commander|general"
)
# Roles of somebody speaking for another (`the ministry's spokesperson`): never the person spoken about.
ANOTHER_VOICE = re.compile(r"spokes(?:man|woman|person)|representative|aide|advis[eo]r|official", re.IGNORECASE)
PRONOUN = re.compile(r"\b(?:he|she|him|her|they|them)\b", re.IGNORECASE)
# `the deputy foreign minister`, `Russia's top diplomat`: a description ending the words it is found in.
DESCRIPTION = re.compile(
    rf"\b(?P<determiner>the|a|an|his|her|their|its|[\w-]+['’]s)"
    rf"\s+(?P<words>(?:[\w-]+\s+){{0,4}}?(?:{ROLE}))\s*$",
    re.IGNORECASE,
)
TERM_CUE = re.compile(
    r"\b(?:term|terms|word|words|phrase|expression|so-called|dubbed|slogan|concept|notion"
    r"|label|name|formula|title|known\s+as|referred\s+to\s+as|project|initiative)\s*$",
    re.IGNORECASE,
)
SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "de", "la", "with", "&"}
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


@dataclass(frozen=True)
class Quote:
    start: int  # first quoted character (after the opening mark)
    end: int  # just after the last quoted character (before the closing mark)
    text: str
    quote_type: str
    speaker_id: str | None
    attribution: str | None


class QuoteSpan(NamedTuple):
    start: int
    end: int
    closed: bool  # a closing mark stands at `end`


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
    if mark not in marks.closes or j == 0 or text[j - 1].isspace():
        return False
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


def _quote_end(text: str, start: int, marks: Marks) -> QuoteSpan | None:
    """The quotation whose text starts at `start`, or None when its opening mark is a stray one."""
    k, sure_end, marked = start, None, True  # marked: the paragraph is surely part of the quotation
    while True:
        stop = text.find("\n", k)
        stop = len(text) if stop < 0 else stop
        close = _close_in(text, k, stop, marks, marked)
        if close == OPENED:
            return QuoteSpan(start, sure_end, False)
        if close is not None:
            return QuoteSpan(start, close, True)
        end = _trim(text, k, stop)
        ends_sentence = end > k and text[end - 1] in SENTENCE_END
        if marked and not ends_sentence:
            return None if sure_end is None else QuoteSpan(start, end, False)
        if not marked and not ends_sentence:
            return QuoteSpan(start, sure_end, False)
        if marked:
            sure_end = end
        nxt = stop
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt >= len(text):
            return QuoteSpan(start, sure_end, False)
        if text[nxt] in marks.opens:
            k, marked = nxt + 1, True
        elif marks.runs_on:
            k, marked = nxt, False
        else:
            return QuoteSpan(start, sure_end, False)


ANY_OPEN = re.compile("[\"“„«'‘]")


def quote_spans(text: str) -> list[QuoteSpan]:
    """The outermost quotations of `text`, in order.

    >>> t = 'He said: "We are ready." It is Armenia\\'s call, \\'a big one\\'.'
    >>> [t[s.start:s.end] for s in quote_spans(t)]
    ['We are ready.', 'a big one']
    """
    spans, i = [], 0
    while (match := ANY_OPEN.search(text, i)) is not None:
        i = match.start()
        marks = DOUBLE if text[i] in DOUBLE.opens else SINGLE
        span = _quote_end(text, i + 1, marks) if _opens(text, i, marks) else None
        if span is None or span.end <= span.start:
            i += 1
            continue
        spans.append(span)
        i = span.end + 1 if span.closed else span.end
    return spans


# --- attribution and kind ------------------------------------------------------------------------


def _sentence_start(text: str, i: int) -> int:
    k = i
    while k > 0 and not (text[k - 1] == "\n" or (text[k - 1] in ".!?" and k < len(text) and text[k].isspace())):
        k -= 1
    return k


def _sentence_end(text: str, j: int) -> int:
    match = SENTENCE_STOP.search(text, j)
    return match.start() if match else len(text)


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
    named = "subject" if match.group("subject") is not None else "subject2"
    raw = match.group(0)
    words = raw.strip(" \t,:–—-")
    start = match.start() + raw.index(words)
    return Attribution(
        start,
        start + len(words),
        words,
        match.start(named),
        match.end(named),
        named == "subject",
        bool(match.groupdict().get("that")),
    )


def _after(text: str, span: QuoteSpan) -> Attribution | None:
    if not span.closed:
        return None
    match = AFTER.match(text, span.end + 1, _sentence_end(text, span.end + 1))
    return _make(match) if match else None


def _before(text: str, head: tuple[int, int]) -> Attribution | None:
    match = BEFORE.search(text, *head)
    return _make(match) if match else None


def _in_sentence(text: str, head: tuple[int, int]) -> Attribution | None:
    match = IN_SENTENCE.search(text, *head)
    return _make(match) if match else None


def _title_case(words: list[str]) -> bool:
    """`Zangezur Corridor`, `Crossroads of Peace`: a name rather than words of a sentence."""
    bare = [w.strip(".,;:!?()[]") for w in words]
    bare = [w for w in bare if w[:1].isalpha()]
    return bool(bare) and bare[0][:1].isupper() and all(w[:1].isupper() or w.lower() in SMALL_WORDS for w in bare)


def _kind(
    text: str, span: QuoteSpan, head: tuple[int, int], before: Attribution | None, after: Attribution | None
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
    if (
        not ends_sentence
        and len(words) <= 4
        and after is None
        and (TERM_CUE.search(head_text) or (_title_case(words) and (embedded or continues)))
    ):
        return "term"
    if (embedded or continues) and (body[:1].islower() or (not ends_sentence and len(words) < 12)):
        return "partial"
    return "statement"


# --- speakers --------------------------------------------------------------------------------------


@dataclass
class _Context:
    """What speaker resolution knows of one article."""

    text: str
    persons: list[Mention]  # mentions of people outside quotations, in order
    others: list[Mention]  # mentions of organisations (possible speakers), in order
    titles: dict[str, set[str]]  # person id -> folded words of the titles written next to their names
    spoken: list[str]  # the speakers resolved so far, in order


def _title_words(text: str, mention: Mention) -> set[str]:
    """Words of the title before a name (`Russian Deputy Foreign Minister Mikhail Galuzin`) and of an
    apposition after it (`Ararat Mirzoyan, Minister of Foreign Affairs of Armenia`)."""
    left = max(text.rfind(c, 0, mention.start) for c in ",.;:\n(")
    before = text[left + 1 : mention.start].split()[-6:]
    after = []
    if text.startswith(", ", mention.end):
        right = min((i for i in (text.find(c, mention.end + 2) for c in ",.;\n") if i >= 0), default=len(text))
        after = text[mention.end + 2 : right].split()[:10]
    return {fold(w.strip("’'")) for w in before + after}


def _context(
    text: str,
    spans: list[QuoteSpan],
    mentions: list[Mention],
    people: Collection[str],
    organisations: Collection[str],
    descriptions: Mapping[str, str],
) -> _Context:
    outside = [m for m in mentions if not any(s.start <= m.start < s.end for s in spans)]
    persons = [m for m in outside if m.entity_id in people]
    titles: dict[str, set[str]] = {}
    for m in persons:
        titles.setdefault(m.entity_id, set()).update(_title_words(text, m))
    for person in titles:  # only the people named here are looked up; not every curated person
        titles[person].update(_description_words(descriptions.get(person) or ""))
    return _Context(text, persons, [m for m in outside if m.entity_id in organisations], titles, [])


@lru_cache(maxsize=65536)
def _description_words(description: str) -> frozenset[str]:
    return frozenset(fold(w) for w in re.findall(r"[\w-]+", description))


def _in_title(word: str, title: set[str]) -> bool:
    """`azerbaijani` is in `Minister of Foreign Affairs of Azerbaijan`: words of five letters or more
    match by their common stem, so that adjectives of nationality meet country names."""
    if word in title:
        return True
    return len(word) >= 5 and any(len(t) >= 5 and (t.startswith(word) or word.startswith(t)) for t in title)


def _described(ctx: _Context, words: str, anchor: int) -> str | None:
    """The person whose title has every word of a description (`the deputy foreign minister`), looking
    back from `anchor`."""
    wanted = {fold(w) for w in words.split()}
    for m in reversed([m for m in ctx.persons if m.end <= anchor]):
        title = ctx.titles.get(m.entity_id, set())
        if all(_in_title(w, title) for w in wanted):
            return m.entity_id
    return None


def _last_person(ctx: _Context, anchor: int) -> str | None:
    earlier = [m for m in ctx.persons if m.end <= anchor]
    return earlier[-1].entity_id if earlier else None


def _by_reference(ctx: _Context, words: str, anchor: int) -> str | None:
    """A pronoun or description resolved to the person the article is speaking about."""
    description = DESCRIPTION.search(words)
    if description is None:
        return _last_person(ctx, anchor) if PRONOUN.search(words) else None
    determiner, role = description.group("determiner").lower(), description.group("words")
    if determiner in ("a", "an"):
        return None  # `a diplomat said`: somebody the article does not name
    found = _described(ctx, role, anchor)
    if found or determiner.endswith(("'s", "’s")) or ANOTHER_VOICE.search(role):
        return found  # `the ministry's spokesperson`: somebody else, unless a title says who
    # `the diplomat`: no title says so; the person the article has been quoting, else the last named.
    return (ctx.spoken[-1] if ctx.spoken else None) or _last_person(ctx, anchor)


def _by_surname(ctx: _Context, words: str, anchor: int) -> str | None:
    """`Bayramov said` after `Jeyhun Bayramov` was named: the last person named whose surname (the last
    word of the name as written) is in the words, so that no surname alias needs curating."""
    wanted = {fold(w.strip("’'.,")) for w in words.split()}
    for m in reversed([m for m in ctx.persons if m.end <= anchor]):
        parts = m.surface.split()
        if len(parts) > 1 and fold(parts[-1]) in wanted:
            return m.entity_id
    return None


def _attributed(ctx: _Context, a: Attribution, opening: int) -> str | None:
    """The speaker an attribution names, by name, by surname, by organisation, or by reference."""
    inside = [m for m in ctx.persons if a.subject_start <= m.start and m.end <= a.subject_end]
    if inside:
        return (inside[-1] if a.name_last else inside[0]).entity_id
    subject = ctx.text[a.subject_start : a.subject_end]
    found = _by_surname(ctx, subject, min(a.start, opening)) or _by_reference(ctx, subject, min(a.start, opening))
    if found:
        return found
    # `the Armenian Foreign Ministry said`, but not `Azerbaijan's President Ilham Aliyev said`.
    bodies = [m for m in ctx.others if a.subject_start <= m.start and m.end == a.subject_end]
    return bodies[0].entity_id if bodies else None


def _unattributed(ctx: _Context, head: tuple[int, int], opening: int) -> str | None:
    """No attribution: a person named in the sentence before the quote (`Galuzin on the talks: "`)."""
    named = [m for m in ctx.persons if head[0] <= m.start and m.end <= opening]
    if named:
        return named[-1].entity_id
    return _by_reference(ctx, ctx.text[head[0] : opening], opening)


def _continues_previous(ctx: _Context, previous: Quote | None, opening: int) -> str | None:
    """A statement with no attribution, in the paragraph of the previous quote or the next one, with
    nobody else named in between, is the same speaker's (`"...," he said. "More words."`)."""
    if previous is None or previous.speaker_id is None or previous.quote_type == "term":
        return None
    if len(PARAGRAPH_BREAK.findall(ctx.text, previous.end, opening)) > 1:
        return None
    if any(previous.end <= m.start < opening and m.entity_id != previous.speaker_id for m in ctx.persons):
        return None
    return previous.speaker_id


def _next_in_sentence(text: str, here: Quote, nxt: Quote | None) -> str | None:
    """`"A" and "B," he said`: the speaker of the next quote of the same sentence, when attributed."""
    if nxt is None or not (nxt.speaker_id and nxt.attribution):
        return None
    return nxt.speaker_id if _sentence_end(text, here.end + 1) >= nxt.start else None


def find_quotes(
    text: str,
    mentions: list[Mention],
    people: Collection[str],
    organisations: Collection[str] = (),
    descriptions: Mapping[str, str] | None = None,
) -> list[Quote]:
    """Every quotation in `text`; `mentions` are the entity mentions, `people` and `organisations`
    the ids that can speak, `descriptions` curated titles of people (`Russian Deputy Foreign Minister`).

    >>> from caucasus_data.parse.mentions import EntityMatcher
    >>> t = 'Galuzin spoke. "We are ready," he said. Russia does not use the term "Zangezur Corridor".'
    >>> m = EntityMatcher([("mikhail-galuzin", "Galuzin")]).find(t)
    >>> [(q.text, q.quote_type, q.speaker_id, q.attribution) for q in find_quotes(t, m, {"mikhail-galuzin"})]
    [('We are ready,', 'statement', 'mikhail-galuzin', 'he said'), ('Zangezur Corridor', 'term', None, None)]
    """
    spans = quote_spans(text)
    ctx = _context(text, spans, mentions, people, organisations, descriptions or {})
    quotes = [_quote(ctx, span) for span in spans]
    # Unattributed statements take the speaker of their neighbours, once every attribution is read.
    for i, quote in enumerate(quotes):
        if quote.speaker_id is None and quote.attribution is None and quote.quote_type != "term":
            speaker = _next_in_sentence(text, quote, quotes[i + 1] if i + 1 < len(quotes) else None)
            if speaker is None and quote.quote_type == "statement":
                speaker = _continues_previous(ctx, quotes[i - 1] if i else None, quote.start - 1)
            quotes[i] = replace(quote, speaker_id=speaker)
    return quotes


def _quote(ctx: _Context, span: QuoteSpan) -> Quote:
    text, opening = ctx.text, span.start - 1
    head = _head(text, opening)
    after = _after(text, span)
    before = None if after else _before(text, head)
    kind = _kind(text, span, head, before, after)
    body = text[span.start : span.end]
    if kind == "term":
        return Quote(span.start, span.end, body, kind, None, None)
    attribution = after or before or _in_sentence(text, head)
    if attribution is not None:
        speaker = _attributed(ctx, attribution, opening)
    else:
        speaker = _unattributed(ctx, head, opening)
    if speaker:
        ctx.spoken.append(speaker)
    return Quote(span.start, span.end, body, kind, speaker, attribution.words if attribution else None)
