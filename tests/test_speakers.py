"""Speakers of quotations in articles written in the forms real outlets use: a speaker is right, or
empty with the reason; never the last curated name by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from caucasus_data.parse.mentions import EntityMatcher
from caucasus_data.parse.names import person_runs, translit_key
from caucasus_data.parse.quotes import find_quotes
from caucasus_data.parse.speakers import Speakers, capitals_of

ARTICLES = Path(__file__).parent / "articles"

# A fixed curation (as in data/, but not read from it, so that curating more cannot change these tests).
PEOPLE = {
    "mikhail-galuzin": "Russian Deputy Foreign Minister.",
    "ararat-mirzoyan": "Minister of Foreign Affairs of the Republic of Armenia.",
    "jeyhun-bayramov": "Minister of Foreign Affairs of the Republic of Azerbaijan.",
    "hikmet-hajiyev": "Azerbaijani presidential aide.",
}
BODIES = {
    "armenia": "Armenia",
    "azerbaijan": "Azerbaijan",
    "russia": "Russia",
    "tass": "TASS",
    "armenia-mfa": "Ministry of Foreign Affairs of Armenia",
    "azerbaijan-mfa": "Ministry of Foreign Affairs of Azerbaijan",
    "russia-mfa": "Ministry of Foreign Affairs of Russia",
}
NAMES = [
    ("mikhail-galuzin", "Mikhail Galuzin"),
    ("mikhail-galuzin", "Galuzin"),
    ("ararat-mirzoyan", "Ararat Mirzoyan"),
    ("jeyhun-bayramov", "Jeyhun Bayramov"),
    ("hikmet-hajiyev", "Hikmet Hajiyev"),
    ("armenia-mfa", "Armenian Foreign Ministry"),
    *BODIES.items(),
]
PLACES = [("baku", "Baku", "AZ"), ("yerevan", "Yerevan", "AM"), ("moscow", "Moscow", "RU"), ("almaty", "Almaty", "KZ")]
ROLES = [("mikhail-galuzin", "Ministry of Foreign Affairs of Russia Russia Deputy Minister of Foreign Affairs")]
STATES = [("armenia", "AM"), ("azerbaijan", "AZ"), ("russia", "RU")]
CAPITALS = capitals_of(PLACES, STATES)
SPEAKERS = Speakers(PEOPLE, set(BODIES), NAMES, ROLES, CAPITALS, {s for s, _ in STATES})
MATCHER = EntityMatcher(NAMES + [(p, name) for p, name, _ in PLACES])


def said(text: str) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(first words, kind, speaker, attribution, why no speaker) of each quote, checking every span."""
    quotes = find_quotes(text, MATCHER.find(text), SPEAKERS)
    for q in quotes:
        assert text[q.start : q.end] == q.text
    return [(q.text[:30], q.quote_type, q.speaker_id, q.attribution, q.unresolved) for q in quotes]


def article(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


def test_capitals_stand_for_their_states():
    assert CAPITALS == {"baku": "azerbaijan", "yerevan": "armenia", "moscow": "russia"}


def test_pronoun_after_a_person_the_curation_does_not_know():
    """Anadolu's form: a Turkish minister (not curated) speaks; `he said` is his, not Bayramov's, and a
    curated name inside the quotation is never its speaker."""
    not_curated = "'Selim Arkan' is not curated: add a people row or an alias"
    assert said(article("aa_uncurated_minister.txt")) == [
        (
            "a window that will not stay op",
            "partial",
            None,
            "Azerbaijani counterpart Jeyhun Bayramov in Ankara, Arkan said",
            not_curated,
        ),
        ("We have told Mirzoyan and Bayr", "statement", None, "he said", not_curated),
        # `At his meeting with Bayramov ..., Mirzoyan also stressed`: Bayramov is the object.
        (
            "the border commissions must ke",
            "partial",
            "ararat-mirzoyan",
            "Bayramov in Almaty last week, Mirzoyan also stressed that",
            None,
        ),
        ("We will not go back to the lan", "statement", "ararat-mirzoyan", "the Armenian minister said", None),
        ("There can be no treaty while t", "statement", "jeyhun-bayramov", "Bayramov said", None),
    ]


def test_bodies_speak_by_name_variant_description_capital_and_side():
    assert said(article("reuters_bodies.txt")) == [
        ("The Republic of Armenia is rea", "statement", "armenia-mfa", "the ministry said", None),
        (
            "The talks on the draft have be",
            "statement",
            "azerbaijan-mfa",
            "In a separate statement, Azerbaijan's Foreign Ministry said",
            None,
        ),
        ("A signature cannot come before", "statement", "azerbaijan", "the Azerbaijani side said", None),
        ("Our basic law contains no terr", "statement", "armenia", "Yerevan said", None),
        # The Kremlin is no curated body, and `the ministry` may be its: not Azerbaijan's, named before.
        (
            "We have always supported a set",
            "statement",
            None,
            "the ministry said",
            "'the ministry' may stand for 'Kremlin'",
        ),
    ]


def test_role_nouns_resolve_through_titles_and_offices():
    assert said(article("tass_role_noun.txt")) == [
        ("The proposal remains on the ta", "statement", "mikhail-galuzin", "the Russian Deputy FM said", None),
        ("Nobody has withdrawn from the ", "statement", "mikhail-galuzin", "the diplomat added", None),
    ]


def test_transliterations_in_hard_wrapped_text():
    """MENAFN's hard-wrapped copy of a Trend story: `Hikmat` and `Ceyhun` are the curated Hikmet and
    Jeyhun, and the quotation wrapped over two lines is one."""
    text = article("trend_variants.txt")
    assert said(text) == [
        ("We have presented our proposal", "statement", "hikmet-hajiyev", "Hajiyev said", None),
        ("The commissions will meet agai", "statement", "jeyhun-bayramov", "Bayramov noted", None),
        ("Peace is within reach if Yerev", "statement", "jeyhun-bayramov", "he added", None),
    ]
    first = find_quotes(text, MATCHER.find(text), SPEAKERS)[0]
    assert "Armenian side and we are waiting for a\nconstructive answer," in first.text


def test_a_quote_the_text_ends_in_is_kept_as_truncated():
    text = article("turan_truncated.txt")
    quotes = find_quotes(text, MATCHER.find(text), SPEAKERS)
    assert [(q.speaker_id, q.truncated) for q in quotes] == [("jeyhun-bayramov", False), ("jeyhun-bayramov", True)]
    assert quotes[1].text.endswith("and we expect the Armenian side to")
    assert text[quotes[1].end :] == "\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Somebody described but not named is the subject: not the curated person named after.
        (
            "The Turkish foreign minister arrived in Baku on Monday, a day after Jeyhun Bayramov left.\n"
            '"We support the process," he said.',
            (None, "it is said by 'The Turkish foreign minister', whom the text does not name"),
        ),
        ('"Bayramov is right," he said.', (None, "'he' stands for nobody named before it")),
        ('Ararat Mirzoyan met Jeyhun Bayramov in Almaty.\n"We made progress," he said.', ("ararat-mirzoyan", None)),
        (
            'Ararat Mirzoyan and Jeyhun Bayramov met in Almaty.\n"We made progress," he said.',
            (None, "'he' may stand for 'Ararat Mirzoyan' and 'Jeyhun Bayramov'"),
        ),
        (
            "US Secretary of State John Carver hosted the talks. Mikhail Galuzin was not invited.\n"
            '"Both ministers have shown courage," he said.',
            (None, "'he' may stand for 'Mikhail Galuzin' or 'John Carver'"),
        ),
        (
            'Russian Foreign Ministry spokeswoman Maria Zakharova commented.\n"Moscow is ready," she said.',
            (None, "'Maria Zakharova' is not curated: add a people row or an alias"),
        ),
        (
            'Jeyhun Bayramov spoke.\n"We made progress," said Bayramov\'s spokesman Aykhan Hajizada.',
            (None, "'Aykhan Hajizada' is not curated: add a people row or an alias"),
        ),
        (
            'Jeyhun Bayramov spoke.\n"We made progress," Bayramov\'s aide said.',
            (None, '"Bayramov\'s aide" speaks for somebody else and is not named'),
        ),
        (
            'Mikhail Galuzin spoke to TASS.\nHe said talks would go on. "We are ready," he added.',
            ("mikhail-galuzin", None),
        ),
        (
            'Ararat Mirzoyan spoke. Azerbaijan\'s Foreign Ministry replied.\n"The claims remain," the ministry said.',
            ("azerbaijan-mfa", None),
        ),
        ('"We are ready," said a statement by the Azerbaijani Foreign Ministry.', ("azerbaijan-mfa", None)),
        ('"We are ready," Bayramov said.', ("jeyhun-bayramov", None)),  # a curated surname, nobody else has it
        # A description that fits a minister named and one only described is neither's.
        (
            'Ararat Mirzoyan met the Turkish foreign minister in Ankara.\n"We support the process," the minister said.',
            (None, "'the minister' may be 'the Turkish foreign minister' or 'Ararat Mirzoyan'"),
        ),
        (
            'Elnur Bayramov, a lawmaker, spoke.\n"We are ready," Bayramov said.',
            (None, "'Elnur Bayramov' is not curated: add a people row or an alias"),
        ),
    ],
)
def test_who_a_pronoun_or_description_stands_for(text, expected):
    assert [(s, why) for _, _, s, _, why in said(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Turan's passive attribution after the quotation.
        (
            '"Our goal is a zone of peace." This was stated by Turkish Foreign Minister Selim Arkan in Ankara.',
            [(None, "'Selim Arkan' is not curated: add a people row or an alias")],
        ),
        # A stray space before the closing mark still closes it.
        ('"We coordinate our steps with Baku, " Jeyhun Bayramov stressed.', [("jeyhun-bayramov", None)]),
        # After a quotation that ends its sentence, `He noted that` starts the next sentence.
        (
            "Jeyhun Bayramov said the officials will negotiate \u201cin the coming days.\u201d He noted that Ararat "
            "Mirzoyan agreed.",
            [("jeyhun-bayramov", None)],
        ),
        # An apposition describes the name before it: the body in it is not the speaker.
        (
            "Hikmet Hajiyev, a spokesperson for the Azerbaijani Foreign Ministry, said that \u2018Baku expects "
            "serious talks in Brussels next week\u2019.",
            [("hikmet-hajiyev", None)],
        ),
        # A body in lower case, with an adverb before its verb, and its words over two quotations.
        (
            "Armenia's foreign ministry later confirmed this in a statement, saying \"the talks have been "
            'concluded" and "the text is ready for signing".',
            [("armenia-mfa", None), ("armenia-mfa", None)],
        ),
        # `the statement further said`: the body whose statement the text quoted before.
        (
            '"Talks will go on," said a statement by the Azerbaijani Foreign Ministry.\n'
            '"The region needs peace," the statement further said.',
            [("azerbaijan-mfa", None), ("azerbaijan-mfa", None)],
        ),
        # Words no verb attributes are nobody's, though a curated name stands near them.
        (
            'Ararat Mirzoyan met a delegation whose leader is "ready to meet the Armenian side at any time".',
            [(None, "no words attribute it to anybody")],
        ),
        # A statement that opens the paragraph after one about a single curated person is his.
        (
            "Jeyhun Bayramov met Selim Arkan.\n\nArarat Mirzoyan also thanked the hosts.\n\n"
            "\u201cArmenia is aimed at peace. We are involved in the process.\u201d",
            [("ararat-mirzoyan", None)],
        ),
        # A name in apposition is the subject when the words it renames are (Turan's form), an object
        # when they are one: `he` is Mirzoyan, not Bayramov named last.
        (
            "The Foreign Minister of Armenia, Ararat Mirzoyan, responded to the remarks made by his Azerbaijani "
            "counterpart, Jeyhun Bayramov, the day before. In an interview, he stated that Baku was trying to "
            '"legitimize" an escalation.',
            [("ararat-mirzoyan", None)],
        ),
        # A role noun alone before `said` is no surname, and a description's words stay in its paragraph.
        (
            "Prime Minister Nikol Pashinyan spoke today.\n\nHe said the alternative is a new war.\n\n"
            "The Prime Minister added that talks were refused.\n\n"
            '"We have no illusions," the Prime Minister said.',
            [(None, "'the Prime Minister' is 'Nikol Pashinyan', whom the curation does not know")],
        ),
        # `the head of state` is a president: here one the curation does not know.
        (
            "President of the Republic of Azerbaijan Ilham Aliyev was interviewed on TV.\n"
            '"We will cooperate with all countries," the head of state pointed out.',
            [(None, "'the head of state' is 'Ilham Aliyev', whom the curation does not know")],
        ),
    ],
)
def test_forms_of_attribution_real_outlets_use(text, expected):
    assert [(s, why) for _, kind, s, _, why in said(text) if kind != "term"] == expected


def test_quoted_titles_are_terms():
    text = (
        'Selim Arkan said at the session on the topic "South Caucasus: Regional Development and Prospects for '
        'Cooperation" of the forum titled "The World after the Pandemic" that peace was near.'
    )
    assert [(q[0], q[1]) for q in said(text)] == [
        ("South Caucasus: Regional Devel", "term"),
        ("The World after the Pandemic", "term"),
    ]


def test_names_marked_as_people_by_their_context():
    text = (
        "US Secretary of State John Carver said the talks went well. The South Caucasus Forum met. "
        "Kazakh Foreign Minister Murat Nurtleu spoke, and so did President Erdogan. The Turkish side agreed."
    )
    assert [(r.name, r.titled) for r in person_runs(text)] == [
        ("John Carver", True),
        ("Murat Nurtleu", True),
        ("Erdogan", True),
    ]


@pytest.mark.parametrize(
    ("one", "other"),
    [("Hikmet Hajiyev", "Hikmat Hajiyev"), ("Jeyhun Bayramov", "Ceyhun Bayramov"), ("Pashinyan", "Pashinian")],
)
def test_transliterations_meet(one, other):
    assert translit_key(one) == translit_key(other)


def test_two_curated_people_with_one_key_are_not_guessed_between():
    speakers = Speakers({"a": "", "b": ""}, names=[("a", "Elnur Aliyev"), ("b", "Elnur Aliev")])
    assert speakers.person_by_name("Elnur Aliyev") is None


# --- the body just named, and pronouns that agree -----------------------------------------------------

DEFENCE = Speakers(
    PEOPLE, set(BODIES) | {"azerbaijan-mod"}, [*NAMES, ("azerbaijan-mod", "Ministry of Defense of Azerbaijan")]
)
DEFENCE_MATCHER = EntityMatcher([*NAMES, ("azerbaijan-mod", "Ministry of Defense of Azerbaijan")])


@pytest.mark.parametrize(
    "text",
    [
        'BAKU, March 3 - "Shots were fired at our posts," Azerbaijan\'s Defence Ministry said.\n'
        'Armenia\'s Foreign Ministry rejected the claim. "Nobody fired from our side," the ministry said.',
        # The wire layout: paragraphs apart, the body named in the sentence before the quote.
        'BAKU, March 3 (Reuters) - The two sides traded claims.\n\n"Shots were fired at our posts," '
        "Azerbaijan's Defence Ministry said.\n\nArmenia's Foreign Ministry said it had fired no shot. "
        '"Nobody fired from our side," the ministry said in a statement.',
    ],
)
def test_the_ministry_is_the_one_just_named_not_the_one_quoted_before(text):
    """The words read after one body's name (`Defence Ministry said. Armenia's Foreign Ministry`) do not
    hide the next body: `the ministry` is the one the sentence before names."""
    quotes = find_quotes(text, DEFENCE_MATCHER.find(text), DEFENCE)
    assert [(q.speaker_id, q.attribution, q.unresolved) for q in quotes] == [
        ("azerbaijan-mod", "Azerbaijan's Defence Ministry said", None),
        ("armenia-mfa", "the ministry said", None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # `she` is not Bayramov: the woman he met, whom the curation does not know, may be meant.
        (
            'BAKU, May 15 (Reuters) - Bayramov met Anna Lindqvist.\n"We are ready to help," she said.',
            (None, "'she' may stand for 'Anna Lindqvist' (not curated), not 'Bayramov'"),
        ),
        (
            'BAKU, May 15 (Reuters) - Jeyhun Bayramov met US envoy Sarah Quill in Baku.\n"We can help," she said.',
            (None, "'she' may stand for 'Sarah Quill' (not curated), not 'Jeyhun Bayramov'"),
        ),
        # The text calls Galuzin `he`: `she` stands for nobody named.
        (
            'MOSCOW, May 15 - Galuzin said he would travel to Baku.\n"We are ready," she said.',
            (None, "'she' does not agree with 'Galuzin', whom it follows"),
        ),
        # `he` may be either man: the curated subject does not win over a man the curation does not know.
        (
            'BAKU, May 15 - Bayramov met EU envoy Peter Lunde.\n"We can help," he said.',
            (None, "'he' may stand for 'Bayramov' or 'Peter Lunde' (not curated)"),
        ),
        # Only the man agrees with `he`: the woman (`Ms`) who is the subject is not meant.
        ('BAKU, May 15 - Ms Quill met Bayramov.\n"We can help," he said.', ("jeyhun-bayramov", None)),
        # Agreement keeps the subject rule between two curated people.
        ('BAKU, May 15 - Mirzoyan met Bayramov.\n"We can help," he said.', ("ararat-mirzoyan", None)),
    ],
)
def test_pronouns_agree_with_their_antecedent(text, expected):
    assert [(s, why) for _, _, s, _, why in said(text)] == [expected]
