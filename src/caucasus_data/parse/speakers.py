"""Who said a quotation, from the words that attribute it: a curated person or body, or nobody and why.

The article is read as a list of references outside the quotations, in order: people named (curated,
or not: `US Secretary of State Antony Blinken`), their surnames used alone, people described but not
named (`the Turkish foreign minister`), bodies (`Armenia's Foreign Ministry`, `Baku` for Azerbaijan),
and the speakers of the quotes already read. The subject of an attribution resolves as follows.

- A name resolves to its person, through curated names and aliases, a transliteration of them
  (`Ceyhun Bayramov`) or a surname of somebody named before; a person the curation does not know is
  said to be so, and the speaker stays empty. A name after a preposition (`At his meeting with
  Bayramov, Mirzoyan said`) or before a possessive (`Bayramov's aide`) is not the subject.
- A body resolves by its curated name or alias, by the content words of its name (`Armenia's Foreign
  Ministry` is `Ministry of Foreign Affairs of Armenia`), or, for a capital (`Baku announced`), to its
  state; `the ministry` to the one the text has been speaking of.
- `he` or `she` resolves to the person the sentence before is about: walking back sentence by sentence
  (over at most six paragraphs), the first sentence that names anybody decides. Its subject (the first
  name not after a preposition, inside a clause of its own, or in apposition to an object) is the
  antecedent, unless the sentence before it in the paragraph is about somebody else; a sentence whose
  subject is itself a pronoun passes the question on; a sentence that names people only as objects,
  several people as one subject (`X and Y met`), or somebody described but not named, leaves it open.
  The pronoun must agree with the antecedent where the text (`Ms`, `Mr`, `Morrow said she`, an earlier
  `she said` resolved to her) or the name (a first name, a `-ova` or `-ov` surname) shows a gender: a
  `she` after a sentence about a man stands for a woman named in the paragraph, if she is the only
  one and curated, else nobody; and a curated antecedent does not win over somebody else named in the
  paragraph whom the curation does not know and the pronoun may stand for as well.
- A description (`the deputy foreign minister`, `the Russian Deputy FM`, `the diplomat`, `the head of
  state`) resolves to the one person named or described before whose titles (written next to their
  names, curated descriptions, offices held) have its words; when several do, to none. An indefinite
  description (`an official`), and one of somebody speaking for another (`the ministry's
  spokesperson`) with no such title, stay unresolved; a part of a subject that describes the name
  before it (`Hikmet Hajiyev, a spokesperson for the Foreign Ministry, said`) gives way to the name.
- A statement's noun (`the statement further said`) is the body whose statement the text quoted last.

Every unresolved speaker comes with the reason, which the build prints with the quote.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from .mentions import Mention, fold
from .names import (
    ACTS,
    ANOTHER_VOICE,
    DEMONYMS,
    FEMALE_FIRST_NAMES,
    FEMALE_TITLE,
    MALE_FIRST_NAMES,
    MALE_TITLE,
    NOT_NAMES,
    ROLES,
    SPEECH,
    TITLE_VOCABULARY,
    demonym_like,
    in_title,
    name_gender,
    organisation_key,
    person_runs,
    same_stem,
    title_words,
    translit_key,
)

# Capitals by ISO 3166-1 code: an article that says `Baku announced` speaks of Azerbaijan. Brussels is
# left out: it stands for the European Union more often than for Belgium.
CAPITALS = {
    "AM": ("yerevan",), "AZ": ("baku",), "RU": ("moscow",), "GE": ("tbilisi",), "TR": ("ankara",),
    "IR": ("tehran", "teheran"), "KZ": ("astana", "nur-sultan"), "KG": ("bishkek",), "UZ": ("tashkent",),
    "TM": ("ashgabat",), "TJ": ("dushanbe",), "BY": ("minsk",), "UA": ("kyiv", "kiev"),
    "US": ("washington",), "FR": ("paris",), "DE": ("berlin",), "GB": ("london",), "CN": ("beijing",),
}  # fmt: skip
ORG_NOUNS = {
    "ministry", "government", "commission", "administration", "office", "embassy", "parliament",
    "presidency", "cabinet", "council", "committee", "service", "department", "agency", "kremlin",
}  # fmt: skip
ORG_PHRASE = re.compile(
    r"\b((?:[\w’'.-]+\s+){0,3})(ministry|ministries|mfa|government|commission|administration|embassy"
    r"|parliament|presidency|cabinet)\b((?:\s+[\w’'.-]+){0,6})",
    re.IGNORECASE,
)
# Words before a subject that leave it the subject (`On Friday, Azerbaijani presidential aide Hikmet
# Hajiyev said`); any other lower-case word (a verb, a preposition) makes the name an object.
SUBJECT_PREFIX = {
    "the", "a", "an", "his", "her", "its", "their", "also", "meanwhile", "however", "then", "later",
    "earlier", "now", "newly", "appointed", "outgoing", "incoming", "but", "and", "yet", "so",
    "of", "for",  # inside a title: `Minister of Foreign Affairs of Russia Mikhail Galuzin`
}  # fmt: skip
PREPOSITIONS = re.compile(
    r"\b(?:at|with|to|from|by|for|of|on|in|after|before|during|between|among|against|about|than|as|like"
    r"|including|that|whom|which|who|whose|where|when|while|if|because|since|although|upon|via|toward"
    r"|towards|under|over|into|onto|without|met|meets|meeting|received|called|thanked|urged|asked)\b"
)
# A word that does not start in lower case (Latin lower-case letters excluded by the class, the rest by
# a check): the candidates for a surname, far fewer than all words.
CAPITALISED = re.compile(r"(?<![\w'’.-])[^\W\d_a-zß-ÿ][\w'’.-]*")
SPEECH_AFTER = re.compile(rf"[ \t]+(?:(?:also|then|later|further|again|once\s+again|has|had|have)\s+)?(?:{SPEECH})\b")
# Bodies known by a building or a short name (`the Kremlin said`), none of them curated here.
INSTITUTION = re.compile(
    r"\b(?:Kremlin|White\s+House|State\s+Department|Pentagon|Élysée(?:\s+Palace)?|Elysee(?:\s+Palace)?"
    r"|Foreign\s+Office|Downing\s+Street|Quai\s+d'Orsay)\b"
)
SPEECH_WORD = re.compile(rf"(?:{SPEECH}|quoted|cited)")
SPEECH_AT = re.compile(rf"\b(?:{SPEECH}|quoted|cited)\b(?:\s+by\b)?", re.IGNORECASE)
SPEECH_BEFORE = re.compile(rf"\b(?:{SPEECH}|quoted|cited)\s+$", re.IGNORECASE)  # `said X`, `quoted X as saying`
CLAUSE_BREAK = ",;:(—–"
# A clause of its own at the start of a subject or sentence: `Speaking in Baku, X said`, `who met Y`.
OWN_CLAUSE = re.compile(
    r"\s*(?:who|which|whose|whom|where|when|while|speaking|according|at|in|on|after|before|during|with"
    r"|following|addressing|commenting|referring|responding|asked|answering|talking|meeting|in\s+turn)\b",
    re.IGNORECASE,
)
PRONOUN = re.compile(r"^(?:he|she|him|her)$", re.IGNORECASE)
PLURAL_PRONOUN = re.compile(r"^(?:they|them|we|both)$", re.IGNORECASE)
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
# What the text calls a person right after the name: `Morrow said she`, `Bayramov expressed his`,
# `Morrow and her counterpart` (`told her` may be the object: not read).
GENDER_AFTER = re.compile(
    rf"\s+(?:(?:also|then|later|further)\s+)?(?:(?:{SPEECH}|{ACTS})\s+(?:that\s+)?(?P<subject>he|she|his)"
    rf"|and\s+(?P<possessive>his|her))\b"
)
FIRST_NAMES = FEMALE_FIRST_NAMES | MALE_FIRST_NAMES
FIRST_AND_LAST = re.compile(r"\b((?-i:[A-Z])[a-z]+)\s+(?-i:[A-Z])[\w'’-]+")
PRONOUN_SUBJECT = re.compile(r"^\W*(?:[^,;]{0,60},\s*)?(?:he|she)\b", re.IGNORECASE)
ROLE_PATTERN = "|".join(sorted((re.escape(r) for r in ROLES), key=len, reverse=True))
# `the deputy foreign minister`, `Russia's top diplomat`: a description ending the words it is found in.
DESCRIPTION = re.compile(
    rf"\b(?P<determiner>the|a|an|his|her|their|its|[\w-]+['’]s)\s+(?P<words>(?:[\w.-]+\s+){{0,5}}?"
    rf"(?:{ROLE_PATTERN}|ministry|government|commission|office|embassy|administration|mfa|side))\s*$",
    re.IGNORECASE,
)
# The same anywhere: somebody described but not named (`the Turkish foreign minister arrived`).
ROLE_MENTION = re.compile(
    rf"\b(?:the|a|an)[ \t]+(?:[\w-]+[ \t]+){{0,3}}?(?:{ROLE_PATTERN})\b(?![\w-])(?!\s+(?:of\s+)?(?-i:[A-Z]))"
    # `the official report`, `an official visit`: the adjective, not somebody.
    r"(?<!official)(?<!general)(?<!chief)(?<!head)"
    r"|\b(?:the|a|an)[ \t]+(?:[\w-]+[ \t]+){0,3}?(?:official|general|chief|head)\b(?=\s*[,.;:)]|\s+(?:said|told|says|added|noted|stressed|confirmed|declined|spoke|who|from|at|in|of)\b)",
    re.IGNORECASE,
)
SENTENCE_BREAK = re.compile(r"[.!?…][\"”’'»)\]]*(?=\s)|\n")
# A part of a subject that describes the name before it: `a spokesperson for the ministry`.
APPOSITION = re.compile(rf"(?:the|a|an|[\w-]+['’]s)\s+(?:[\w.-]+\s+){{0,4}}?(?:{ROLE_PATTERN})s?\b", re.IGNORECASE)
TRAILING_ADVERB = re.compile(
    r"\s+(?:later|also|then|again|today|yesterday|earlier|too|further|meanwhile|however|in\s+turn|"
    r"immediately|separately|herself|himself|itself|once\s+again)\s*$",
    re.IGNORECASE,
)
STATEMENT_NOUN = re.compile(r"\b(?:statement|communiqu[eé]|press\s+release|announcement|message|note)\b", re.I)
# How far back a pronoun looks for the first sentence that names anybody: paragraphs and sentences.
PARAGRAPHS_BACK = 6
SENTENCES_BACK = 40
LOOK_BACK = 300  # characters of a clause read before a name
# The text around a pronoun's antecedent read for others it may stand for: before it, and on to the pronoun.
AGREE_BACK, AGREE_AHEAD = 1000, 3000
PEOPLE_BACK, REFS_BACK = 50, 2000  # the people a description may stand for, and the references read for them


class Said(NamedTuple):
    """The speaker (a curated id or None), who the words refer to (a key, also for somebody not
    curated), and why the speaker is None."""

    speaker: str | None
    who: str | None
    reason: str | None


@dataclass(frozen=True, order=True)
class Ref:
    """A reference to somebody or some body outside the quotations."""

    start: int
    end: int
    key: str  # who: a curated id, `?name` for a person not curated, `?role` or `?body` for one not named
    curated: str | None = field(compare=False)
    name: str = field(compare=False)
    kind: str = field(compare=False)  # person, role, body or speaker (of a quote already read)


class Speakers:
    """Who may speak: curated people and bodies, with what identifies them in a text.

    `people` maps person ids to their curated descriptions, `names` gives (id, name or alias) pairs of
    people and bodies, `roles` (person id, words of an office held: role, body, on behalf of) pairs,
    `capitals` place ids of capitals to the id of their state, and `states` the bodies that are states.

    >>> s = Speakers({"jeyhun-bayramov": "Minister of Foreign Affairs of Azerbaijan."}, names=[("jeyhun-bayramov", "Jeyhun Bayramov")])
    >>> s.person_by_name("Ceyhun Bayramov"), s.person_by_name("Bayramov")
    ('jeyhun-bayramov', None)
    """

    def __init__(
        self,
        people: Mapping[str, str] | Collection[str],
        organisations: Collection[str] = (),
        names: Iterable[tuple[str, str]] = (),
        roles: Iterable[tuple[str, str]] = (),
        capitals: Mapping[str, str] | None = None,
        states: Collection[str] = (),
    ):
        descriptions = people if isinstance(people, Mapping) else dict.fromkeys(people, "")
        self.people = set(descriptions)
        self.organisations = set(organisations)
        self.capitals = dict(capitals or {})
        self.states = set(states) | set(self.capitals.values())
        self.titles: dict[str, set[str]] = {p: set(title_words(d or "")) for p, d in descriptions.items()}
        for person, words in roles:
            if person in self.titles:
                self.titles[person].update(title_words(words))
        self._full: dict[str, set[str]] = {}
        self.full_names: dict[str, list[str]] = {}  # a person's curated names of two words or more
        self._surnames: dict[str, set[str]] = {}
        self._bodies: dict[frozenset[str], set[str]] = {}
        for entity, name in names:
            if entity in self.people and len(name.split()) >= 2:
                self._full.setdefault(translit_key(name), set()).add(entity)
                self.full_names.setdefault(entity, []).append(name)
                self._surnames.setdefault(translit_key(name.split()[-1]), set()).add(entity)
            elif entity in self.organisations:
                self._bodies.setdefault(organisation_key(name), set()).add(entity)

    def person_by_name(self, name: str) -> str | None:
        """The one curated person a full name (in any transliteration) names, else None."""
        found = self._full.get(translit_key(name), set())
        return next(iter(found)) if len(found) == 1 else None

    def person_by_surname(self, surname: str) -> str | None:
        found = self._surnames.get(translit_key(surname), set())
        return next(iter(found)) if len(found) == 1 else None

    def body_by_key(self, key: frozenset[str]) -> str | None:
        found = self._bodies.get(key, set())
        return next(iter(found)) if len(found) == 1 else None

    def body_named(self, stem: str) -> str | None:
        """The one curated body whose name is a single word with this stem (a state: `azerb`)."""
        found = {
            b for key, ids in self._bodies.items() if len(key) == 1 and same_stem(next(iter(key)), stem) for b in ids
        }
        return next(iter(found)) if len(found) == 1 else None

    def bodies_with(self, words: frozenset[str]) -> set[str]:
        """Curated bodies whose name has all of `words` (`ministry`, `foreign`)."""
        return {b for key, ids in self._bodies.items() if words <= key for b in ids}


def capitals_of(places: Iterable[tuple[str, str, str]], states: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Place id -> state organisation id, for the curated places that are their country's capital.

    `places` gives (place_id, name, country_code), `states` (organisation_id, country_code) of the
    organisations classified as states; a country with two curated states gets none.

    >>> capitals_of([("baku", "Baku", "AZ"), ("ganja", "Ganja", "AZ")], [("azerbaijan", "AZ")])
    {'baku': 'azerbaijan'}
    """
    by_country: dict[str, list[str]] = {}
    for state, country in states:
        by_country.setdefault(country, []).append(state)
    return {
        place: by_country[country][0]
        for place, name, country in places
        if fold(name) in CAPITALS.get(country, ()) and len(by_country.get(country, [])) == 1
    }


def _spans_index(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    starts = [s for s, _ in spans]
    return starts, [e for _, e in spans]


class Article:
    """The references of one article's text (its unwrapped view) and the rules that resolve a speaker."""

    def __init__(self, view: str, spans: list[tuple[int, int]], mentions: list[Mention], speakers: Speakers):
        self.view, self.speakers = view, speakers
        self._starts, self._ends = _spans_index(sorted(spans))
        self.refs: list[Ref] = []
        self.titles: dict[str, set[str]] = {}
        self.names: dict[str, str] = {}  # the fullest name the text gives each key
        self.statement_by: Said | None = None  # the body whose statement the text last quoted
        self.ambiguous: list[str] = []  # the people the last description could stand for
        self._breaks = [m.end() for m in SENTENCE_BREAK.finditer(view)]
        self._paragraphs = [m.start() for m in re.finditer(r"\n\s*", view)]
        taken = self._curated(mentions)
        self._named(taken)
        self._described()
        self.refs.sort()
        self._shown: dict[str, set[str]] = {}  # key -> the genders the text shows for a person
        self._gendered()

    # --- building the references ------------------------------------------------------------------

    def quoted(self, i: int) -> bool:
        """Whether offset `i` is inside a quotation."""
        k = bisect.bisect_right(self._starts, i) - 1
        return k >= 0 and i < self._ends[k]

    def _add(self, ref: Ref, title_from: tuple[int, int] | None = None) -> None:
        self.refs.append(ref)
        if len(ref.name) > len(self.names.get(ref.key, "")):
            self.names[ref.key] = ref.name
        if title_from is not None and ref.kind == "person":
            self.titles.setdefault(ref.key, set()).update(_title_words(self.view, *title_from))
            if ref.curated:
                self.titles[ref.key].update(self.speakers.titles.get(ref.curated, ()))

    def _curated(self, mentions: list[Mention]) -> list[tuple[int, int]]:
        taken = []
        for m in mentions:
            taken.append((m.start, m.end))
            if self.quoted(m.start):
                continue
            if m.entity_id in self.speakers.people:
                self._add(Ref(m.start, m.end, m.entity_id, m.entity_id, m.surface, "person"), (m.start, m.end))
            elif m.entity_id in self.speakers.organisations:
                self._add(Ref(m.start, m.end, m.entity_id, m.entity_id, m.surface, "body"))
            elif m.entity_id in self.speakers.capitals:
                state = self.speakers.capitals[m.entity_id]
                self._add(Ref(m.start, m.end, state, state, m.surface, "body"))
        return sorted(taken)

    def _named(self, taken: list[tuple[int, int]]) -> None:
        """People named outside the curated mentions, their surnames used alone, and bodies."""
        starts = [s for s, _ in taken]

        def overlaps(a: int, b: int) -> bool:
            k = bisect.bisect_right(starts, b) - 1
            return k >= 0 and taken[k][1] > a and taken[k][0] < b

        surnames: dict[str, str] = {}  # transliteration key of a surname -> key of the person
        for ref in self.refs:
            if ref.kind == "person" and len(ref.name.split()) > 1:
                surnames[translit_key(ref.name.split()[-1])] = ref.key
        runs = [r for r in person_runs(self.view) if not self.quoted(r.start) and not overlaps(r.start, r.end)]
        for run in runs:
            curated = self.speakers.person_by_name(run.name) if len(run.name.split()) > 1 else None
            key = curated or "?" + translit_key(run.name)
            self._add(Ref(run.start, run.end, key, curated, run.name, "person"), (run.start, run.end))
            if len(run.name.split()) > 1:
                surnames[translit_key(run.name.split()[-1])] = key
        in_runs = sorted((r.start, r.end) for r in runs)
        run_starts = [s for s, _ in in_runs]
        for match in CAPITALISED.finditer(self.view):
            word = match.group(0).rstrip(".")
            start, end = match.start(), match.start() + len(word)
            if not word[:1].isupper() or fold(word) in NOT_NAMES or self.quoted(start) or overlaps(start, end):
                continue
            k = bisect.bisect_right(run_starts, start) - 1
            if k >= 0 and in_runs[k][1] > start:
                continue
            known = surnames.get(translit_key(word))
            if fold(word) in TITLE_VOCABULARY or fold(word) in ROLES or word.isupper():
                continue
            if known:
                curated = known if not known.startswith("?") else None
                self._add(Ref(start, end, known, curated, word, "person"), (start, end))
                continue
            # A curated surname alone (`Mirzoyan also stressed`), when nobody else with it is named; an
            # unknown one as the subject of a speech verb (`Zakharova told reporters`).
            curated = self.speakers.person_by_surname(word)
            if curated or SPEECH_AFTER.match(self.view, end):
                self._add(Ref(start, end, curated or "?" + translit_key(word), curated, word, "person"), (start, end))
        # The words after one body's noun may hold the next body (`..., Azerbaijan's Defence Ministry said.
        # Armenia's Foreign Ministry denied it`): each noun is looked for after the one before, not after
        # the words read around it.
        at = 0
        while (phrase := ORG_PHRASE.search(self.view, at)) is not None:
            at = phrase.end(2)
            if not self.quoted(phrase.start(2)):
                self._body_phrase(phrase)
        for match in INSTITUTION.finditer(self.view):
            if not self.quoted(match.start()) and not overlaps(match.start(), match.end()):
                self._add(
                    Ref(match.start(), match.end(), "?body " + fold(match.group(0)), None, match.group(0), "body")
                )

    def _body_phrase(self, match: re.Match) -> None:
        """`Armenia's Foreign Ministry`, `the Ministry of Foreign Affairs of Azerbaijan`: the longest
        wording around the noun that names one curated body, else a body the curation does not know."""
        left = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", self.view[match.start(1) : match.end(1)])]
        right = [(m.end(), m.group(0)) for m in re.finditer(r"\S+", self.view[match.start(3) : match.end(3)])]
        noun = match.group(2)
        best = None  # (words, start, end, body)
        for i in range(len(left) + 1):
            for j in range(len(right) + 1):
                words = [w for _, w in left[i:]] + [noun] + [w for _, w in right[:j]]
                body = self.speakers.body_by_key(organisation_key(" ".join(words)))
                if body and (best is None or len(words) > best[0]):
                    start = match.start(1) + left[i][0] if i < len(left) else match.start(2)
                    end = match.start(3) + right[j - 1][0] if j else match.end(2)
                    best = (len(words), start, end, body)
        if best is not None:  # it wins over the state named inside it (`Armenia's Foreign Ministry`)
            _, start, end, body = best
            self._add(Ref(start, end, body, body, self.view[start:end], "body"))
            return
        named = [w for _, w in left if w[:1].isupper() or w.endswith(("'s", "’s"))][-2:]
        if named:
            name = " ".join([*named, noun])
            key = "?body " + " ".join(sorted(organisation_key(name)))
            self._add(Ref(match.start(2), match.end(2), key, None, name, "body"))

    def _described(self) -> None:
        """People described but not named (`the Turkish foreign minister`): the named person whose titles
        the description has, or somebody unknown."""
        self.refs.sort()
        starts = [r.start for r in self.refs]
        for match in ROLE_MENTION.finditer(self.view):
            phrase = match.group(0)
            if self.quoted(match.start()):
                continue
            k = bisect.bisect_left(starts, match.start() - 80)
            near = self.refs[k : bisect.bisect_right(starts, match.end())]
            if any(r.start < match.end() and match.start() < r.end for r in near):
                continue
            determiner = fold(phrase.split()[0])
            who = None if determiner in ("a", "an") else self._by_title(title_words(phrase) - {"the"}, match.start())
            key = who[0] if who else "?role " + fold(phrase)
            curated = who[1] if who else None
            self.refs.append(Ref(match.start(), match.end(), key, curated, phrase, "role"))
            if who is None:  # somebody described but not named may be what a later description means
                self.titles.setdefault(key, set()).update(title_words(phrase))
                self.names.setdefault(key, phrase)

    def _gendered(self) -> None:
        """What the text shows of each person's gender: an honorific (`Ms Morrow`), a `-woman` title, or
        the pronoun right after the name (`Morrow said she`)."""
        for ref in self.refs:
            if ref.kind != "person":
                continue
            before = self.view[max(0, ref.start - 12) : ref.start]
            shown = self._shown.setdefault(ref.key, set())
            if MALE_TITLE.search(before):
                shown.add("m")
            elif FEMALE_TITLE.search(before):
                shown.add("f")
            after = GENDER_AFTER.match(self.view, ref.end, min(len(self.view), ref.end + 80))
            if after and not self.quoted(after.end() - 1):
                pronoun = after.group("subject") or after.group("possessive")
                shown.add(PRONOUN_GENDER.get(pronoun, "m"))
        for key, words in self.titles.items():
            if any(w.endswith("woman") for w in words):
                self._shown.setdefault(key, set()).add("f")

    def gender(self, key: str) -> str | None:
        """`m` or `f` when the text (see `_gendered`), the person's name or the speaker of an earlier `he
        said` or `she said` shows it, and nothing shows the other; else None."""
        shown = set(self._shown.get(key, ()))
        names = [self.names.get(key, "")]
        curated = key if key in self.speakers.people else None
        names += self.speakers.full_names.get(curated, []) if curated else []
        shown.update(g for g in map(name_gender, names) if g)
        return next(iter(shown)) if len(shown) == 1 else None

    def unquoted_from(self, start: int, end: int) -> int:
        """`start`, moved past any quotation that overlaps text[start:end] (a subject is never quoted)."""
        k = bisect.bisect_right(self._starts, end) - 1
        while k >= 0 and self._ends[k] > start:
            if self._starts[k] < end:
                start = max(start, self._ends[k] + 1)
            k -= 1
        return min(start, end)

    def record(self, start: int, end: int, said: Said, words: str) -> None:
        """Remember who the attribution text[start:end] was resolved to, for the pronouns after it, and
        the body of a statement it quotes, for `the statement said` after it."""
        if STATEMENT_NOUN.search(words) and said.speaker in self.speakers.organisations:
            self.statement_by = said
        if any(r.kind == "person" for r in self.refs_in(start, end, ("person",))):
            return
        key = said.who or f"?said {start}"
        pronoun = PRONOUN_GENDER.get(fold(words.split()[0])) if words.split() else None
        if pronoun and said.who and said.reason is None:  # `she said`, resolved: the text calls her `she`
            self._shown.setdefault(said.who, set()).add(pronoun)
        bisect.insort(self.refs, Ref(start, end, key, said.speaker, words, "speaker"))
        self.names.setdefault(key, words)

    # --- reading sentences -----------------------------------------------------------------------

    def _sentence_bounds(self, i: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._breaks, i)
        start = self._breaks[k - 1] if k else 0
        end = self._breaks[k] if k < len(self._breaks) else len(self.view)
        return start, end

    def _paragraph(self, i: int) -> int:
        return bisect.bisect_right(self._paragraphs, i)

    def refs_in(self, start: int, end: int, kinds: Collection[str] = ("person", "role", "speaker")) -> list[Ref]:
        k = bisect.bisect_left(self.refs, Ref(start, -1, "", None, "", ""))
        out = []
        while k < len(self.refs) and self.refs[k].start < end:
            if self.refs[k].kind in kinds and self.refs[k].end <= end:
                out.append(self.refs[k])
            k += 1
        return out

    def _clause_prefix(self, start: int, i: int) -> str:
        """The words of the clause before offset i, from `start` or the last clause break."""
        begin = max(start, i - LOOK_BACK)
        cut = max(self.view.rfind(c, begin, i) for c in CLAUSE_BREAK)
        dash = self.view.rfind(" - ", begin, i)  # after a dateline: `BAKU, March 3 (Reuters) - Aliyev said`
        cut = max(cut, dash + 2 if dash >= 0 else -1)
        return self.view[max(begin, cut + 1) : i]

    def _is_subject(self, start: int, ref: Ref) -> bool:
        """Whether `ref` stands as the subject of its clause (see the module docstring)."""
        if self._possessor(ref):
            return False  # `Bayramov's aide`
        prefix = self._clause_prefix(start, ref.start)
        if not prefix.strip() and self._apposition(start, ref):
            # `The Prime Minister of Armenia, Nikol Pashinyan, responded`: as the words it stands for;
            # `made by the President of Azerbaijan, Ilham Aliyev, the day before`: an object, as they are.
            comma = ref.start - len(prefix) - 1
            before = Ref(comma, comma, "", None, "", ref.kind)
            return comma > start and self._is_subject(start, before)
        if re.search(r"\baccording\s+to\s*$", prefix, re.IGNORECASE):
            return True
        if SPEECH_BEFORE.search(prefix):
            return True  # `..., said Galuzin`
        # `said by Turkish Foreign Minister X`, `said Bayramov's spokesman X`: the words after the verb.
        verbs = list(SPEECH_AT.finditer(prefix))
        if verbs:
            prefix = prefix[verbs[-1].end() :]
        for word in re.findall(r"[^\W_][\w’'-]*", prefix):
            folded = fold(word)
            if ref.kind == "body" and folded in ROLES and not prefix.rstrip().lower().endswith("official"):
                return False  # `a spokesperson for the Foreign Ministry`: the body is the role's (not `official Baku`)
            if word[0].isupper() or word[0].isdigit() or folded in SUBJECT_PREFIX or folded in ROLES:
                continue
            if SPEECH_WORD.fullmatch(folded):  # `said Bayramov's spokesman Aykhan Hajizada`
                continue
            if folded in TITLE_VOCABULARY or folded.endswith(("'s", "’s")) or demonym_like(folded):
                continue
            return False
        return True

    def _apposition(self, start: int, ref: Ref) -> bool:
        """Whether `ref` stands between commas, after words it renames (`..., Ilham Aliyev, ...`)."""
        before = self.view[max(start, ref.start - 2) : ref.start]
        after = self.view[ref.end : ref.end + 1]
        return before.rstrip().endswith(",") and after in (",", ")")

    def subject(self, start: int, end: int, refs: list[Ref]) -> Ref | list[Ref] | None:
        """The reference the words text[start:end] are about: one subject, several (`X and Y said`), or
        None when no reference stands as a subject."""
        for ref in refs:
            if not self._is_subject(start, ref):
                continue
            coordinated = [
                r
                for r in refs
                if r.start > ref.start and re.fullmatch(r"\s+and\s+(?:\w+\s+){0,4}", self.view[ref.end : r.start])
            ]
            if coordinated and any(r.key != ref.key for r in coordinated):
                return [ref, *coordinated]
            return ref
        return None

    # --- resolving -------------------------------------------------------------------------------

    def name_of(self, ref: Ref) -> str:
        return self.names.get(ref.key, ref.name)

    def said_by(self, ref: Ref) -> Said:
        """What a reference says of the speaker: the curated id, or why there is none."""
        if ref.curated:
            return Said(ref.curated, ref.key, None)
        name = self.name_of(ref)
        if ref.key.startswith("?role"):
            return Said(None, ref.key, f"it is said by {name!r}, whom the text does not name")
        if ref.key.startswith("?body"):
            return Said(None, ref.key, f"{name!r} is not a curated organisation or alias")
        if ref.key.startswith("?said"):
            return Said(None, ref.key, f"it goes on from {name!r}, whose speaker is not resolved")
        return Said(None, ref.key, f"{name!r} is not curated: add a people row or an alias")

    def antecedent(self, anchor: int, words: str = "he") -> Said:
        """The person a pronoun before `anchor` stands for (see the module docstring)."""
        paragraph = self._paragraph(anchor)
        end = anchor
        for _ in range(SENTENCES_BACK):
            start, _ = self._sentence_bounds(end - 1) if end > 0 else (0, 0)
            if self._paragraph(start) < paragraph - PARAGRAPHS_BACK:
                break
            refs = [r for r in self.refs_in(start, end) if not self.quoted(r.start)]
            if refs:
                found = self.subject(start, end, refs)
                if isinstance(found, Ref):
                    other = self._other_subject(start, found)
                    if other is not None:
                        return Said(
                            None, None, f"{words!r} may stand for {self.name_of(found)!r} or {self.name_of(other)!r}"
                        )
                    return self._agreeing(found, words, start, anchor)
                if isinstance(found, list):
                    names = " and ".join(repr(r.name) for r in found)
                    return Said(None, None, f"{words!r} may stand for {names}")
                if not PRONOUN_SUBJECT.match(self.unquoted(start, end)):
                    # Nobody named is the subject (`Hakan Fidan met Mirzoyan`, the subject unmarked): the
                    # pronoun may stand for whoever the subject is.
                    names = ", ".join(dict.fromkeys(repr(self.name_of(r)) for r in refs))
                    return Said(None, None, f"{words!r} may stand for the sentence's subject, not {names}")
            if start <= 0:
                break
            end = start
        return Said(None, None, f"{words!r} stands for nobody named before it")

    def _agreeing(self, found: Ref, words: str, start: int, anchor: int) -> Said:
        """The subject `found` of the sentence before a pronoun (`words`, from `start`), when the pronoun
        agrees with it and nobody else named in the paragraph may be meant instead: a `she` never stands
        for a man, nor a `he` for a woman, and a curated subject never wins over somebody not curated
        that the pronoun may stand for as well (`Bayramov met Toivo Klaar. "...," he said`)."""
        wanted = PRONOUN_GENDER.get(fold(words))
        person = found.kind in ("person", "role") or found.key in self.speakers.people or found.key.startswith("?")
        if wanted is None or not person or found.key.startswith(("?body", "?said")):
            return self.said_by(found)
        paragraph = self._paragraph(start)
        begin = max(self._paragraphs[paragraph - 1] if paragraph > 0 else 0, start - AGREE_BACK)
        anchor = min(anchor, start + AGREE_AHEAD)  # bounds the reading of hostile text
        others: dict[str, Ref] = {}
        for ref in self.refs_in(begin, anchor, ("person", "role")):
            if ref.key != found.key and not self.quoted(ref.start) and not self._possessor(ref):
                others.setdefault(ref.key, ref)
        for ref in self._first_named(begin, anchor):
            if ref.key != found.key:
                others.setdefault(ref.key, ref)
        agreeing = [r for r in others.values() if self.gender(r.key) in (None, wanted)]
        sure = [r for r in agreeing if self.gender(r.key) == wanted]
        mine = self.gender(found.key)

        def listed(refs: list[Ref]) -> str:
            return " or ".join(repr(self.name_of(r)) + ("" if r.curated else " (not curated)") for r in refs)

        if mine is not None and mine != wanted:
            if len(agreeing) == 1 and sure and sure[0].curated:
                return self.said_by(sure[0])  # `Kate Morrow met Bayramov. "...," he said`: only he agrees
            if agreeing:
                return Said(None, None, f"{words!r} may stand for {listed(agreeing)}, not {self.name_of(found)!r}")
            return Said(None, None, f"{words!r} does not agree with {self.name_of(found)!r}, whom it follows")
        if found.curated and ([r for r in agreeing if not r.curated] or (mine is None and sure)):
            return Said(None, None, f"{words!r} may stand for {listed([found, *agreeing])}")
        return self.said_by(found)

    def _first_named(self, start: int, end: int) -> list[Ref]:
        """People text[start:end] names by a first name and a surname that no reference holds (`Bayramov
        met Kate Morrow`, no title before her name): somebody a pronoun may stand for."""
        taken = self.refs_in(start, end, ("person", "role", "body"))
        found = []
        for match in FIRST_AND_LAST.finditer(self.view, start, end):
            if fold(match.group(1)) not in FIRST_NAMES or self.quoted(match.start()):
                continue
            if any(r.start < match.end() and match.start() < r.end for r in taken):
                continue
            name = match.group(0)
            found.append(Ref(match.start(), match.end(), "?" + translit_key(name), None, name, "person"))
            self.names.setdefault("?" + translit_key(name), name)
        return found

    def _other_subject(self, start: int, found: Ref) -> Ref | None:
        """Another person the sentence before text[start:] (in the same paragraph) is about: `Carver hosted
        the talks. Galuzin was not invited. "...," he said` may be either's words. An attribution
        (`"...," Galuzin said.`) needs no such check: the quote before was his."""
        if any(self.quoted(i) for i in range(max(start, found.start - 4), found.start)):
            return None
        if self._paragraph(start - 1) != self._paragraph(start) or start <= 0:
            return None
        before, _ = self._sentence_bounds(start - 1)
        refs = [r for r in self.refs_in(before, start) if not self.quoted(r.start)]
        subject = self.subject(before, start, refs) if refs else None
        for ref in subject if isinstance(subject, list) else [subject] if subject else []:
            if ref.key != found.key:
                return ref
        return None

    def unquoted(self, start: int, end: int) -> str:
        """text[start:end] with the quotations blanked out."""
        parts: list[str] = []
        at = start
        k = max(0, bisect.bisect_right(self._starts, start) - 1)
        while k < len(self._starts) and self._starts[k] < end:
            a, b = max(self._starts[k], start), min(self._ends[k], end)
            if a < b:
                parts.extend((self.view[at:a], " " * (b - a)))
                at = b
            at = max(at, a)
            k += 1
        parts.append(self.view[at:end])
        return "".join(parts).strip(" \"“”„«»'‘’")

    def _people_before(self, anchor: int) -> dict[str, str | None]:
        """The people named or described before `anchor`, the most recent first: at most PEOPLE_BACK of
        them, read from at most REFS_BACK references (a description names somebody the text has been
        speaking of; `the minister` after `the Turkish foreign minister` may be him, not a minister named
        before)."""
        k = bisect.bisect_left(self.refs, Ref(anchor, -1, "", None, "", ""))
        found: dict[str, str | None] = {}
        for ref in reversed(self.refs[max(0, k - REFS_BACK) : k]):
            described = ref.kind == "role" and ref.key.startswith("?role")
            if (ref.kind == "person" or described) and ref.key not in found:
                found[ref.key] = ref.curated
                if len(found) >= PEOPLE_BACK:
                    break
        return found

    def _by_title(self, wanted: frozenset[str], anchor: int) -> tuple[str, str | None] | None:
        """(key, curated id) of the one person named or described before `anchor` whose titles have all
        of `wanted`; None when nobody's do, or several people's (`the minister` after two ministers)."""
        wanted = wanted - {"the"}
        if not wanted:
            return None
        candidates = {
            key: curated
            for key, curated in self._people_before(anchor).items()
            if all(in_title(w, self.titles.get(key, set())) for w in wanted)
        }
        named = [k for k in candidates if not k.startswith("?role")]
        for key in [k for k in candidates if k.startswith("?role")]:
            # `The Russian diplomat` in a standfirst may be the deputy minister named below: not another.
            if any(all(in_title(w, self.titles.get(n, set())) for w in self.titles.get(key, ())) for n in named):
                del candidates[key]
        if len(candidates) == 1:
            return next(iter(candidates.items()))
        if candidates:
            self.ambiguous = list(candidates)
        return None

    def described(self, determiner: str, words: str, anchor: int) -> Said:
        """The person or body a description before `anchor` stands for."""
        phrase = f"{determiner} {words}".strip()
        # `Russia's top diplomat`: the possessor's country is part of what the title must say.
        wanted = title_words(words if determiner[:1].islower() or not determiner.endswith(("'s", "’s")) else phrase)
        nouns = {fold(w) for w in words.split()} & (ORG_NOUNS | {"mfa", "side"})
        determiner = fold(determiner)
        if determiner in ("a", "an"):
            return Said(None, None, f"{phrase!r} is somebody the text does not name")
        if nouns:
            return self._described_body(phrase, words, anchor)
        self.ambiguous = []
        found = self._by_title(wanted, anchor)
        if self.ambiguous:
            names = " or ".join(repr(self.names.get(k, k)) for k in self.ambiguous[:3])
            return Said(None, None, f"{phrase!r} may be {names}")
        if found:
            key, curated = found
            if curated:
                return Said(curated, key, None)
            if key.startswith("?role"):
                return Said(None, key, f"{phrase!r} is somebody the text describes but does not name")
            return Said(None, key, f"{phrase!r} is {self.names.get(key, key)!r}, whom the curation does not know")
        role = fold(words.split()[-1])
        if determiner.endswith(("'s", "’s")) or role in ANOTHER_VOICE or determiner in ("his", "her", "their", "its"):
            return Said(None, None, f"{phrase!r} speaks for somebody else and is not named")
        return Said(None, None, f"{phrase!r} matches nobody named before it")

    def _described_body(self, phrase: str, words: str, anchor: int) -> Said:
        """`the ministry`, `the Armenian side`: the body the text has been speaking of. Walking back
        sentence by sentence, states pass (a ministry is not a state); the first other body decides."""
        side = re.fullmatch(r"(\w+)\s+side", words.strip(), re.IGNORECASE)
        if side:
            state = self._state_of(fold(side.group(1)))
            return Said(state, state, None) if state else Said(None, None, f"{phrase!r} is not a curated state")
        key = organisation_key(words)
        direct = self.speakers.body_by_key(key)
        if direct and len(key) > 1:
            return Said(direct, direct, None)
        paragraph, end = self._paragraph(anchor), anchor
        for _ in range(SENTENCES_BACK):
            start, _ = self._sentence_bounds(end - 1) if end > 0 else (0, 0)
            if self._paragraph(start) < paragraph - PARAGRAPHS_BACK:
                break
            bodies = [r for r in self.refs_in(start, end, ("body",)) if r.key not in self.speakers.states]
            if bodies:
                matching = [r for r in bodies if self._body_has(r, key)]
                if len({r.key for r in matching}) == 1:
                    return self.said_by(matching[0])
                names = ", ".join(dict.fromkeys(repr(r.name) for r in matching or bodies))
                return Said(None, None, f"{phrase!r} may stand for {names}")
            if start <= 0:
                break
            end = start
        return Said(None, None, f"{phrase!r} matches no body named before it")

    def _body_has(self, ref: Ref, key: frozenset[str]) -> bool:
        """Whether the body of `ref` has every word of `key` in its name (`ministry`)."""
        if ref.curated:
            return ref.curated in self.speakers.bodies_with(key)
        return key <= organisation_key(ref.name)

    def _state_of(self, adjective: str) -> str | None:
        """`the Azerbaijani side`: the one curated body named by the country's name alone."""
        word = DEMONYMS.get(adjective, adjective)
        return self.speakers.body_named(word[:5] if len(word) >= 5 else word)

    def resolve(self, start: int, end: int, anchor: int) -> Said:
        """The speaker the subject text[start:end] of an attribution names; `anchor` is where the quote
        and its attribution begin (a pronoun looks back from there).

        The subject is read by its comma-separated parts, from the verb back: a part that is a clause of
        its own (`who visited Baku`, `speaking in Moscow`) is skipped, and a description after a name
        (`Hakan Fidan, Turkey's foreign minister, said`) gives way to the name."""
        sentence_start = self._sentence_bounds(start)[0]
        # A subject cut short by its length (`..., a spokesperson for the Ministry, said`) is read from
        # the start of its clause: the name it describes may stand before.
        if start > sentence_start and self.view[max(sentence_start, start - LOOK_BACK) : start].rstrip()[-1:] == ",":
            start = max(sentence_start, start - LOOK_BACK)
        segments = [(a, b) for a, b in _segments(self.view, start, end) if self.view[a:b].strip()]
        for k in range(len(segments) - 1, -1, -1):
            seg_start, seg_end = segments[k]
            words = self.view[seg_start:seg_end].strip()
            own_clause = OWN_CLAUSE.match(words) and not re.match(r"\s*according", words, re.IGNORECASE)
            if own_clause and (k > 0 or len(segments) > 1):
                continue
            said = self._resolve_segment(seg_start, seg_end, words, anchor, sentence_start, named_before=k > 0)
            if said is not None:
                return said
        return Said(None, None, "the attribution names nobody the curation knows")

    def _resolve_segment(
        self, start: int, end: int, words: str, anchor: int, sentence_start: int, named_before: bool
    ) -> Said | None:
        """The speaker one part of a subject names, or None to read the part before it."""
        if named_before and APPOSITION.match(words):
            return None  # `Hikmet Hajiyev, a spokesperson for the Foreign Ministry, said`: the name before it
        end = start + len(self.view[start:end].rstrip(" ,"))
        while (adverb := TRAILING_ADVERB.search(self.view, start, end)) is not None:
            end = adverb.start()  # `Armenia's foreign ministry later confirmed`
        words = self.view[start:end].strip()
        refs = [r for r in self.refs_in(start, end, ("person", "speaker", "role")) if not self._possessor(r)]
        persons = [r for r in refs if r.kind != "role" and self._is_subject(sentence_start, r)]
        if persons:
            found = self.subject(sentence_start, end, persons)
            if isinstance(found, list):
                return Said(None, None, "it is attributed to " + " and ".join(repr(self.name_of(r)) for r in found))
            return self.said_by(found or persons[0])
        if [r for r in refs if r.kind != "role"]:
            return None  # only objects of prepositions here (`At his meeting with Bayramov`): read on
        bodies = [
            r
            for r in self.refs_in(start, end, ("body",))
            if not self.view[r.end : end].strip(" ,") and self._is_subject(sentence_start, r)
        ]
        if bodies:
            return self.said_by(bodies[-1])
        if STATEMENT_NOUN.search(words):  # `a statement by the Azerbaijani Foreign Ministry said`
            inner = self.refs_in(start, end, ("body",))
            if len({r.key for r in inner}) == 1:
                return self.said_by(inner[0])
            if re.match(r"(?:the|this|that)\s+(?:statement|communiqu[eé]|press\s+release)\b", words, re.IGNORECASE):
                if self.statement_by is not None:  # `the statement further said`: the one quoted before
                    return self.statement_by
                return Said(None, None, f"{words!r} is no statement the text attributes")
        bare = re.sub(r"^(?:the|official)\s+", "", words, flags=re.IGNORECASE)
        key = organisation_key(bare)
        body = self.speakers.body_by_key(key) if len(key) > 1 else None
        if body:
            return Said(body, body, None)
        if PRONOUN.match(words):
            return self.antecedent(anchor, words)
        if PLURAL_PRONOUN.match(words):
            return Said(None, None, f"{words!r} stands for several")
        description = DESCRIPTION.search(words)
        if description:
            if named_before and not description.group("words").lower().endswith(("ministry", "side")):
                return None  # `Hakan Fidan, Turkey's foreign minister, said`: the name before it
            return self.described(description.group("determiner"), description.group("words"), anchor)
        roles = [r for r in refs if r.kind == "role"]
        if roles:
            return self.said_by(roles[-1])
        capitalised = [w for w in re.findall(r"[\w’'.-]+", words) if w[:1].isupper() and fold(w) not in NOT_NAMES]
        if len(capitalised) == 1:
            word = capitalised[0].rstrip(".")
            curated = self.speakers.person_by_surname(word)
            if curated:
                return Said(curated, curated, None)
            return Said(None, None, f"{word!r} is not a curated name or alias")
        return None

    def _possessor(self, ref: Ref) -> bool:
        return self.view.startswith(("'s", "’s"), ref.end)


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The comma-separated parts of text[start:end]."""
    out, begin = [], start
    for i in range(start, end):
        if text[i] == ",":
            out.append((begin, i))
            begin = i + 1
    out.append((begin, end))
    return out


def _title_words(text: str, start: int, end: int) -> set[str]:
    """Words of the title before a name (`Russian Deputy Foreign Minister Mikhail Galuzin`) and of an
    apposition after it (`Ararat Mirzoyan, Minister of Foreign Affairs of Armenia`)."""
    left = max(text.rfind(c, max(0, start - 200), start) for c in ',.;:\n(“"')
    before = text[left + 1 : start].split()[-6:]
    after: list[str] = []
    if text.startswith(", ", end):
        right = min((i for i in (text.find(c, end + 2, end + 200) for c in ",.;\n") if i >= 0), default=end + 2)
        after = text[end + 2 : right].split()[:10]
    return set(title_words(" ".join(before + after)))
