"""Names of people and bodies as articles write them: transliteration keys, titles, organisation keys.

- `translit_key` folds the ways one name is transliterated (Hikmet/Hikmat Hajiyev, Jeyhun/Ceyhun
  Bayramov, Pashinyan/Pashinian) to one key, so that a name can be matched to a curated person.
- `title_words` normalises the words of a title or description (`FM` is `foreign minister`, `top
  diplomat` a diplomat) so that a description can be compared with what the curation says of a person.
- `organisation_key` reduces a body's name to its content words (`Armenia's Foreign Ministry`, `the
  Armenian MFA` and `Ministry of Foreign Affairs of Armenia` have one key).
- `person_runs` finds the names of people in a text, curated or not, by what stands around them: a title
  (`Turkish Foreign Minister Hakan Fidan`), an honorific, a speech verb (`Antony Blinken said`), an
  apposition (`Hakan Fidan, Turkey's foreign minister`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .mentions import fold

# --- transliteration -----------------------------------------------------------------------------

# Letters of Azerbaijani and Turkish spelling, and Russian-style digraphs, as one spelling.
LETTERS = str.maketrans({"ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o", "ü": "u", "x": "h", "q": "g"})
DIGRAPHS = (("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("sh", "s"), ("ch", "c"), ("ts", "c"))
VOWELS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=65536)
def translit_key(name: str) -> str:
    """One key for the transliterations of a name: digraphs and Azerbaijani letters folded, `c` read as
    the `j` Azerbaijani spelling gives it, and every run of vowels one `a`.

    >>> translit_key("Hikmet Hajiyev") == translit_key("Hikmat Hajiyev")
    True
    >>> translit_key("Ceyhun Bayramov") == translit_key("Jeyhun Bayramov") == translit_key("Djeyhun Bairamov")
    True
    >>> translit_key("Ararat Mirzoyan") == translit_key("Ararat Mirzoyev")
    False
    """
    words = []
    for word in fold(name).translate(LETTERS).split():
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if c.isalpha())
        for digraph, letter in DIGRAPHS:
            word = word.replace(digraph, letter)
        word = word.replace("c", "j")
        words.append(VOWELS.sub("a", word))
    return " ".join(w for w in words if w)


# --- titles ------------------------------------------------------------------------------------

# Roles a person is described by (`the deputy foreign minister`, `the diplomat`, `the spokesperson`).
ROLES = {
    "minister", "diplomat", "official", "spokesman", "spokeswoman", "spokesperson", "president", "premier",
    "ambassador", "envoy", "aide", "adviser", "advisor", "secretary", "chairman", "chairwoman", "chair",
    "head", "leader", "representative", "negotiator", "politician", "lawmaker", "speaker", "governor",
    "mayor", "commander", "general", "chancellor", "analyst", "expert", "deputy", "mp", "senator",
    "commissioner", "director", "chief", "ombudsman", "prosecutor", "king", "pope", "patriarch",
    "catholicos", "archbishop", "foreign minister", "prime minister", "head of state", "head of government",
    "fm", "pm",
}  # fmt: skip
# Roles of somebody speaking for another (`the ministry's spokesperson`): never the person spoken about.
ANOTHER_VOICE = {"spokesman", "spokeswoman", "spokesperson", "representative", "aide", "adviser", "advisor", "official"}
# Words a description may use for a title's words: (word in a description) -> words any one of which
# the title must have.
SYNONYMS = {
    "diplomat": {"foreign", "ambassador", "envoy", "diplomat"},
    "premier": {"prime", "premier"},
    "pm": {"prime"},
    "leader": {"president", "prime", "leader", "chairman", "head"},
    "spokesman": {"spokesman", "spokeswoman", "spokesperson"},
    "spokeswoman": {"spokesman", "spokeswoman", "spokesperson"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson"},
    "adviser": {"adviser", "advisor", "aide", "assistant"},
    "advisor": {"adviser", "advisor", "aide", "assistant"},
    "aide": {"adviser", "advisor", "aide", "assistant"},
}
# Abbreviations read as the words they stand for.
EXPANSIONS = {
    "fm": ("foreign", "minister"),
    "mfa": ("ministry", "foreign"),
    "pm": ("prime", "minister"),
    "mod": ("ministry", "defense"),
    "defence": ("defense",),
    "affairs": (),
    "u.s.": ("us",),
    "u.s": ("us",),
}
STATE_HEAD = {"head of state": ("president",), "head of government": ("prime", "minister")}
# Nationality adjectives that do not share a stem with their country's name.
DEMONYMS = {
    "azeri": "azerbaijan", "turkish": "turkey", "türkiye": "turkey", "turkiye": "turkey", "american": "us",
    "british": "uk", "french": "france", "dutch": "netherlands", "swiss": "switzerland", "greek": "greece",
    "chinese": "china", "kazakh": "kazakhstan", "kyrgyz": "kyrgyzstan", "uzbek": "uzbekistan",
    "tajik": "tajikistan", "turkmen": "turkmenistan", "german": "germany",
}  # fmt: skip
SMALL = {"of", "the", "and", "for", "to", "a", "an", "in", "on", "at", "with"}


def _word(word: str) -> str:
    word = fold(word.strip('.,;:!?()[]"“”‘’«»')).removesuffix("'s").removesuffix("’s").strip("'’")
    return DEMONYMS.get(word, word)


def title_words(text: str) -> frozenset[str]:
    """The words of a title or description, folded, abbreviations expanded, small words dropped.

    >>> sorted(title_words("the Russian Deputy FM"))
    ['deputy', 'foreign', 'minister', 'russian']
    >>> sorted(title_words("Minister of Foreign Affairs of the Republic of Azerbaijan"))
    ['azerbaijan', 'foreign', 'minister', 'republic']
    """
    lowered = fold(text)
    extra: list[str] = []
    for phrase, meaning in STATE_HEAD.items():  # `head of state` is a president, not a head
        if phrase in lowered:
            lowered = lowered.replace(phrase, " ")
            extra.extend(meaning)
    words: list[str] = []
    for raw in lowered.split():
        word = _word(raw)
        words.extend(EXPANSIONS.get(word, (word,)))
    return frozenset(w for w in [*words, *extra] if w and w not in SMALL)


def same_stem(a: str, b: str) -> bool:
    """`azerbaijani` and `azerbaijan`, `russian` and `russia`: words of five letters or more meet by their
    common start, so that adjectives of nationality meet country names."""
    if a == b:
        return True
    return len(a) >= 5 and len(b) >= 5 and (a.startswith(b[:5]) and b.startswith(a[:5]))


def in_title(word: str, title: frozenset[str] | set[str]) -> bool:
    """Whether a description's word is said by a title: itself, a synonym, or its stem."""
    wanted = SYNONYMS.get(word, {word})
    return any(same_stem(w, t) for w in wanted for t in title)


# --- organisations -----------------------------------------------------------------------------------

ORG_WORDS = {"ministry": "ministry", "ministries": "ministry", "mfa": "ministry", "mod": "ministry"}
ORG_DROP = {"of", "the", "and", "for", "affairs", "republic", "official", "its", "a", "an"}


def organisation_key(name: str) -> frozenset[str]:
    """The content words of a body's name, stemmed, so that its variants meet.

    >>> organisation_key("Armenia's Foreign Ministry") == organisation_key("Ministry of Foreign Affairs of Armenia")
    True
    >>> organisation_key("the Azerbaijani MFA") == organisation_key("Ministry of Foreign Affairs of Azerbaijan")
    True
    >>> organisation_key("Foreign Minister") == organisation_key("Foreign Ministry")
    False
    """
    words: list[str] = []
    for raw in fold(name).replace("-", " ").split():
        word = _word(raw)
        if word in ("mfa", "mod"):
            words.extend(("ministry", "foreign" if word == "mfa" else "defense"))
        else:
            words.extend(EXPANSIONS.get(word, (word,)) if word not in ("affairs",) else ())
    out = set()
    for word in words:
        word = ORG_WORDS.get(word, word)
        if word and word not in ORG_DROP:
            out.add(word if word in ("ministry", "minister") or len(word) < 5 else word[:5])
    return frozenset(out)


# --- people in a text -----------------------------------------------------------------------------

TITLE_VOCABULARY = {
    "vice", "prime", "foreign", "affairs", "state", "special", "senior", "acting", "first", "former", "ex",
    "interim", "assistant", "defense", "defence", "interior", "economy", "finance", "justice", "security",
    "national", "presidential", "parliamentary", "parliament", "assembly", "council", "ministry", "office",
    "administration", "government", "department", "us", "eu", "un", "nato", "osce", "csto", "cis",
    "mr", "mrs", "ms", "dr", "sir", "lt", "gen", "col", "rep", "sen",
    "republic", "federation", "european", "union", "top", "political", "scientist", "journalist",
    "editor", "member", "co-chair", "cochair", "elect", "president-elect", "sheikh", "emir", "sultan",
    "professor", "prof", "colonel", "major", "lieutenant", "archbishop", "bishop", "lord",
}  # fmt: skip
# Capitalised words that open a sentence or name a day or month, never a person's name.
NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "to", "for", "of", "and", "but", "as", "by", "with", "from", "after",
    "before", "during", "according", "however", "meanwhile", "also", "this", "that", "these", "those", "it",
    "he", "she", "they", "we", "i", "his", "her", "their", "our", "my", "its", "there", "speaking", "if",
    "when", "while", "since", "although", "earlier", "later", "last", "next", "then", "now", "today",
    "yesterday", "both", "all", "some", "many", "most", "other", "another", "such", "said", "says", "what",
    "why", "how", "who", "where", "not", "no", "yes", "so", "thus", "therefore", "moreover", "besides",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "photo", "read",
    "video", "source", "update", "updated", "breaking", "exclusive", "opinion", "analysis",
}  # fmt: skip
# Words that make a capitalised run a body, a place or a thing rather than a person.
NOT_PERSON = {
    "ministry", "union", "council", "agency", "news", "press", "republic", "organization", "organisation",
    "committee", "party", "corridor", "declaration", "treaty", "forum", "summit", "conference", "assembly",
    "group", "service", "office", "department", "university", "institute", "center", "centre", "fund",
    "bank", "company", "corporation", "court", "parliament", "government", "administration", "embassy",
    "commission", "federation", "nations", "states", "kingdom", "province", "region", "district", "city",
    "village", "street", "square", "airport", "road", "highway", "route", "war", "day", "week", "year",
    "caucasus", "sea", "river", "mountains", "lake", "army", "forces", "police", "guard", "church",
    "mosque", "cathedral", "monastery", "times", "post", "gazette", "radio", "tv", "television", "channel",
    "daily", "weekly", "magazine", "journal", "network", "club", "foundation", "association",
    "alliance", "bloc", "coalition", "movement", "front", "initiative", "project", "process", "format",
    "platform", "agreement", "statement", "protocol", "charter", "act", "law", "constitution", "mission",
    "contingent", "operation", "crossing", "checkpoint", "border", "bridge", "station", "port", "zone",
    "state", "peace", "security", "affairs", "foreign", "prime", "minister", "president", "secretary",
}  # fmt: skip

SPEECH = (
    r"said|says|added|adds|noted|notes|stressed|emphasi[sz]ed|stated|explained|told|declared|asserted"
    r"|underlined|underscored|insisted|warned|wrote|recalled|concluded|replied|answered|commented"
    r"|announced|mentioned|observed|argued|urged|assured|confirmed|acknowledged|admitted|reiterated"
    r"|affirmed|vowed|promised|claimed|tweeted|asked|responded|suggested|cautioned|continued|remarked"
    r"|clarified|pointed\s+out|believes|thinks|called|accused"
)
# Verbs a person is often the subject of, beside speech: `Hakan Fidan met Mirzoyan`.
ACTS = (
    r"met|visited|arrived|received|hosted|welcomed|thanked|discussed|expressed|attended|travell?ed|spoke"
    r"|signed|held|led|chaired|congratulated|condemned|criticized|criticised|rejected|praised|informed"
)
AFTER_NAME = re.compile(
    rf"\s*(?:,\s*(?:who|the|a|an|[\w-]+['’]s)\b|\((?:[\w-]+\s*){{1,4}}\)|\s+(?:(?:also|then|later)\s+)?(?:{SPEECH}|{ACTS})\b)"
)
# A title before a name, perhaps with its country and a comma: `spokesperson Maria Zakharova`,
# `The Prime Minister of Armenia, Nikol Pashinyan`.
TITLE_BEFORE = re.compile(
    r"(?:^|\s)(?:" + "|".join(sorted(ROLES, key=len, reverse=True)) + r")"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?(?:[^\W\d_][\w'’-]*\s+){0,3}?[^\W\d_][\w'’-]*,)?\s+$"
)
SPEECH_BEFORE = re.compile(rf"\b(?:{SPEECH})\s+$")
NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
CONNECTORS = {"of", "the", "for", "de", "da", "del", "van", "von", "der", "bin", "ibn", "al", "el"}


@dataclass(frozen=True)
class NameRun:
    """A name in the text: where it is, the name alone, and the title words written with it."""

    start: int
    end: int
    name: str
    titled: bool  # a title or honorific stands before it (`President Erdogan`)


def _bare(word: str) -> str:
    """A word folded, without its dots and surrounding punctuation (`U.S.` is `us`, `Mr.` is `mr`)."""
    return fold(word).strip(",;:").replace(".", "")


def demonym_like(word: str) -> bool:
    return word in DEMONYMS or word.endswith(("ian", "ish", "ese", "ani", "can"))


def _is_title_word(word: str, folded: str, last: bool, after_of: bool) -> bool:
    if after_of and not last:  # `Minister of Foreign Affairs of Russia Mikhail Galuzin`
        return True
    if folded in TITLE_VOCABULARY or folded in ROLES or folded in NOT_NAMES or folded in CONNECTORS:
        return True
    if folded.endswith(("'s", "’s")):
        return True
    # An adjective of nationality before the name (`Turkish`, `Armenian`), never the name's last word.
    return not last and demonym_like(folded)


def _runs(text: str, start: int, end: int) -> list[list[re.Match]]:
    """Runs of capitalised words (with the connectors of names between them) in text[start:end]."""
    runs: list[list[re.Match]] = []
    current: list[re.Match] = []
    for match in NAME_WORD.finditer(text, start, end):
        word = match.group(0)
        # A full stop after a word ends a sentence, after an initial or abbreviation (`Mr.`, `U.S.`) not.
        stopped = current and current[-1].group(0).endswith(".") and len(current[-1].group(0)) > 4
        stopped = stopped and "." not in current[-1].group(0)[:-1]
        joined = current and not stopped and text[current[-1].end() : match.start()] == " "
        if word[0].isupper() or (current and joined and word.lower() in CONNECTORS):
            if current and not joined:
                runs.append(current)
                current = []
            current.append(match)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def person_runs(text: str, start: int = 0, end: int | None = None) -> list[NameRun]:
    """Names of people in text[start:end] that their context marks as people.

    >>> [(r.name, r.titled) for r in person_runs("US Secretary of State Antony Blinken said the talks went well.")]
    [('Antony Blinken', True)]
    >>> [r.name for r in person_runs("Hakan Fidan, Turkey's foreign minister, arrived. The South Caucasus Forum met.")]
    ['Hakan Fidan']
    """
    end = len(text) if end is None else end
    found = []
    for run in _runs(text, start, end):
        while run and run[-1].group(0).lower() in CONNECTORS:
            run = run[:-1]
        words = [m.group(0) for m in run]
        i = 0
        while i < len(words) and _is_title_word(
            words[i], _bare(words[i]), i == len(words) - 1, i > 0 and _bare(words[i - 1]) == "of"
        ):
            i += 1
        name_words = run[i:]
        if not name_words:
            continue
        name = text[name_words[0].start() : name_words[-1].end()]
        if name.endswith(".") and len(name_words[-1].group(0)) > 4:  # the sentence's full stop
            name = name[:-1]
        folded = [_bare(w.group(0)) for w in name_words]
        if any(w in NOT_PERSON or w in NOT_NAMES for w in folded) or name.isupper():
            continue
        before = text[max(start, name_words[0].start() - 80) : name_words[0].start()]
        # A title in the run itself (`President Erdogan`), not a word that opens a sentence (`The`).
        title_in_run = any(_bare(w) in TITLE_VOCABULARY or _bare(w) in ROLES for w in words[:i])
        titled = title_in_run or bool(TITLE_BEFORE.search(before.lower()))
        followed = bool(AFTER_NAME.match(text, name_words[-1].end(), end) or SPEECH_BEFORE.search(before))
        single = len(name_words) == 1 and title_in_run and not demonym_like(folded[0])
        if (len(name_words) >= 2 and (titled or followed)) or single:
            found.append(NameRun(name_words[0].start(), name_words[0].start() + len(name), name, titled))
    return found


# --- gender a name shows -----------------------------------------------------------------------------

# First names a text's `he` or `she` must agree with: common ones of the region and of the diplomats who
# speak of it. A name in neither list shows nothing.
FEMALE_FIRST_NAMES = {
    "kate", "katherine", "catherine", "kathryn", "mary", "maria", "mariya", "marie", "anna", "anne", "ann",
    "olga", "elena", "yelena", "helena", "irina", "natalia", "natalya", "svetlana", "tatiana", "tatyana",
    "valentina", "ekaterina", "yekaterina", "ursula", "kaja", "annalena", "federica", "victoria", "hillary",
    "condoleezza", "madeleine", "angela", "nancy", "samantha", "linda", "jennifer", "elizabeth", "sarah",
    "susan", "laura", "julia", "emma", "sophie", "claire", "christine", "kristine", "lilit",
    "anahit", "gayane", "tatevik", "arpine", "zaruhi", "mehriban", "leyla", "sevil", "aynur", "gunel",
    "elmira", "nigar", "sabina", "aygun", "emine", "melania", "kamala", "margaret", "theresa", "liz",
    "antonia", "marina", "alla", "galina", "lyudmila", "ludmila", "nadezhda", "vera", "yulia",
}  # fmt: skip
MALE_FIRST_NAMES = {
    "ararat", "nikol", "ilham", "jeyhun", "ceyhun", "mikhail", "sergey", "sergei", "vladimir", "dmitry",
    "dmitri", "hikmet", "hikmat", "aykhan", "ayhan", "hakan", "recep", "mevlut", "antony", "anthony",
    "charles", "toivo", "josep", "emmanuel", "olaf", "joe", "joseph", "donald", "alen", "armen", "vahe",
    "elnur", "elchin", "ruben", "robert", "serzh", "levon", "alexei", "alexey", "alexander", "andrei",
    "andrey", "igor", "maxim", "yuri", "james", "john", "michael", "david", "peter", "paul", "mark",
    "richard", "thomas", "william", "george", "philip", "matthew", "eduard", "tigran", "mher", "arayik",
    "ali", "mammad", "mukhtar", "vagif", "heydar", "ramiz", "kassym-jomart", "ibrahim", "tayyip",
    "irakli", "zurab", "mamuka", "volodymyr", "jens", "ned", "louis", "aram", "arman", "artur", "arthur",
    "gevorg", "hovhannes",
}  # fmt: skip
MALE_TITLE = re.compile(r"\b(?:Mr|Mister|Sir|Lord)\.?\s+$")
FEMALE_TITLE = re.compile(r"\b(?:Mrs|Ms|Miss|Madam|Madame|Mme|Lady|Dame|Baroness)\.?\s+$")
# Surnames that end as only a man's or only a woman's do in Russian and Azerbaijani spelling.
MALE_SURNAME = re.compile(r"(?:ov|ev|yev|iev|sky|skiy|skii)$")
FEMALE_SURNAME = re.compile(r"(?:ova|eva|yeva|ieva|skaya|ska)$")


def name_gender(name: str) -> str | None:
    """`m` or `f` when a person's name shows it (a first name, a Russian or Azerbaijani surname), else None.

    >>> name_gender("Kate Morrow"), name_gender("Bayramov"), name_gender("Maria Zakharova"), name_gender("Klaar")
    ('f', 'm', 'f', None)
    """
    words = [_bare(w) for w in name.split()]
    words = [w for w in words if w and w not in TITLE_VOCABULARY]
    if not words:
        return None
    shown = set()
    if len(words) > 1:
        if words[0] in FEMALE_FIRST_NAMES:
            shown.add("f")
        elif words[0] in MALE_FIRST_NAMES:
            shown.add("m")
    if FEMALE_SURNAME.search(words[-1]):
        shown.add("f")
    elif MALE_SURNAME.search(words[-1]):
        shown.add("m")
    return next(iter(shown)) if len(shown) == 1 else None
