"""Quotations: exact spans for every mark style, their kind, their attribution and speaker."""

from __future__ import annotations

import pytest
from conftest import ARMENPRESS, MEDIAMAX, NAMES, ORGANISATIONS, PEOPLE, TASS, seed_text

from caucasus_data.parse.mentions import EntityMatcher
from caucasus_data.parse.quotes import find_quotes, quote_spans
from caucasus_data.parse.speakers import Speakers

GALUZIN = "mikhail-galuzin"
ALL_NAMES = [*NAMES, ("jeyhun-bayramov", "Bayramov"), ("mfa-am", "Armenian Foreign Ministry")]
MATCHER = EntityMatcher(ALL_NAMES)
SPEAKERS = Speakers(PEOPLE, ORGANISATIONS | {"mfa-am"}, ALL_NAMES)


def parse(text: str, speakers=SPEAKERS):
    found = find_quotes(text, MATCHER.find(text), speakers)
    for q in found:
        assert text[q.start : q.end] == q.text
    return found


def rows(text: str):
    return [(q.start, q.end, q.quote_type, q.speaker_id, q.attribution) for q in parse(text)]


def said(text: str):
    """(quoted words, kind, speaker, attribution) of each quote."""
    return [(q.text, q.quote_type, q.speaker_id, q.attribution) for q in parse(text)]


# --- the real seeds ---------------------------------------------------------------------------------

SEED_QUOTES = {
    TASS: [
        (438, 600, "statement", GALUZIN, "Galuzin said"),
        (643, 757, "statement", GALUZIN, "he continued"),
        (774, 1030, "statement", GALUZIN, "Galuzin added"),
    ],
    ARMENPRESS: [
        (283, 1016, "statement", GALUZIN, "said Galuzin"),  # opened with " and closed with ”
        (1188, 1205, "term", None, None),  # the term "Zangezur Corridor" Russia does not use
        (1261, 1620, "statement", GALUZIN, "Galuzin noted"),
    ],
    MEDIAMAX: [
        (240, 560, "statement", GALUZIN, "the deputy foreign minister said"),
        (680, 706, "partial", GALUZIN, "According to him"),
        (711, 840, "statement", GALUZIN, "Galuzin said"),
        (1147, 1857, "statement", GALUZIN, "the diplomat said"),  # two paragraphs, no reopening mark
        (2124, 2669, "statement", GALUZIN, "he noted"),  # two paragraphs, no reopening mark
    ],
}


@pytest.mark.parametrize("stem", [TASS, ARMENPRESS, MEDIAMAX])
def test_seed_quotes(stem):
    assert rows(seed_text(stem)) == SEED_QUOTES[stem]


def test_seed_quote_texts():
    text = seed_text(MEDIAMAX)
    assert text[680:706] == "its agreement in principle"
    assert text[679] + text[706] == "“”"
    long = text[1147:1857]
    assert long.startswith("We have always been and are ready") and long.endswith("either Armenia or Azerbaijan,")
    assert "Azerbaijan.\n\nWe proceed" in long
    text = seed_text(ARMENPRESS)
    assert text[282] + text[1016] == '"”'
    assert text[1188:1205] == "Zangezur Corridor"
    assert seed_text(TASS)[774:1030].endswith("all countries in the region,")


def test_seed_speakers_without_curated_descriptions():
    # The titles written next to the names are enough to resolve "the deputy foreign minister".
    text = seed_text(MEDIAMAX)
    found = find_quotes(text, MATCHER.find(text), Speakers(set(PEOPLE), ORGANISATIONS, NAMES))
    assert [q.speaker_id for q in found] == [GALUZIN] * 5


# --- quote marks ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('Galuzin spoke. "We are ready," he said.', "We are ready,"),  # straight
        ("Galuzin spoke. “We are ready,” he said.", "We are ready,"),  # curly
        ('Galuzin spoke. "We are ready,” he said.', "We are ready,"),  # mixed
        ('Galuzin spoke. “We are ready," he said.', "We are ready,"),  # mixed the other way
        ("Galuzin spoke. 'We are ready,' he said.", "We are ready,"),  # single straight
        ("Galuzin spoke. ‘We are ready,’ he said.", "We are ready,"),  # single curly
        ("Galuzin spoke. «We are ready», he said.", "We are ready"),  # guillemets
    ],
)
def test_mark_styles(text, quoted):
    assert said(text) == [(quoted, "statement", GALUZIN, "he said")]
    assert rows(text)[0][:2] == (16, 16 + len(quoted))


def test_apostrophes_are_not_marks():
    text = "Galuzin spoke. 'It is Armenia’s and Russia's choice, and the Armenians' rights,' he said. Baku's view."
    assert said(text) == [
        ("It is Armenia’s and Russia's choice, and the Armenians' rights,", "statement", GALUZIN, "he said")
    ]
    assert quote_spans("In the '90s Armenia's and Azerbaijan’s leaders met.") == []


def test_nested_quotes_keep_the_outer_one():
    assert said('"We reject the "Zangezur corridor" idea," Galuzin said.') == [
        ('We reject the "Zangezur corridor" idea,', "statement", GALUZIN, "Galuzin said")
    ]
    assert said("“We reject the ‘Zangezur corridor’ idea,” Galuzin said.") == [
        ("We reject the ‘Zangezur corridor’ idea,", "statement", GALUZIN, "Galuzin said")
    ]


def test_multi_paragraph_with_reopening_mark():
    text = 'Galuzin said: "We are ready.\n\n"We will help," he added.'
    assert rows(text) == [(15, 44, "statement", GALUZIN, "he added")]
    assert parse(text)[0].text == 'We are ready.\n\n"We will help,'


def test_multi_paragraph_without_reopening_mark():
    text = "Galuzin said: “We are ready.\n\nWe will help,” he added."
    assert rows(text) == [(15, 43, "statement", GALUZIN, "he added")]


def test_single_quotes_over_paragraphs():
    reopened = "Galuzin said: 'We are ready.\n\n'We will help,' he added."
    assert said(reopened) == [("We are ready.\n\n'We will help,", "statement", GALUZIN, "he added")]
    # Without a reopening mark, the possessive in the second paragraph does not close the quote.
    unmarked = "Galuzin said: 'We are ready.\n\nThe Armenians' rights matter,' he added."
    assert said(unmarked) == [("We are ready.\n\nThe Armenians' rights matter,", "statement", GALUZIN, "he added")]


def test_multi_paragraph_with_crlf_line_endings():
    text = 'Galuzin said: "We are ready.\r\n\r\nWe will help," he added.\r\n'
    assert said(text) == [("We are ready.\r\n\r\nWe will help,", "statement", GALUZIN, "he added")]


def test_three_paragraphs_reopened_with_straight_marks():
    text = 'Galuzin said:\n"One.\n"Two.\n"Three," he added.'
    assert said(text) == [('One.\n"Two.\n"Three,', "statement", GALUZIN, "he added")]


def test_a_quote_left_open_ends_with_its_paragraph():
    # The first quotation never closes; the next paragraph opens a new one rather than closing it.
    text = 'Galuzin said: "We are ready to help.\n\nBayramov answered: "We disagree."'
    assert rows(text) == [
        (15, 36, "statement", GALUZIN, "Galuzin said"),
        (58, 70, "statement", "jeyhun-bayramov", "Bayramov answered"),
    ]


def test_stray_mark_is_no_quote():
    assert quote_spans('The wall is 5" thick and\nit stands.') == []


# --- kinds ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted", "kind"),
    [
        ('Russia does not use the term "Zangezur Corridor" put into circulation.', "Zangezur Corridor", "term"),
        ('Bayramov rejected the so-called "peace corridor" idea.', "peace corridor", "term"),
        ('The "Crossroads of Peace" project was presented by Bayramov.', "Crossroads of Peace", "term"),
        ('Galuzin said the talks were "constructive and useful".', "constructive and useful", "partial"),
        ("According to him, the side has given “its agreement in principle”.", "its agreement in principle", "partial"),
        ('Galuzin noted that "the talks were useful".', "the talks were useful", "partial"),
        ('Galuzin said: "The talks were useful."', "The talks were useful.", "statement"),
        ('"Never," Galuzin said.', "Never,", "statement"),
        ("Armenia's plan\n\n\u201cCrossroads of Peace\u201d\n\nThe plan was presented.", "Crossroads of Peace", "term"),
        # A long title a determiner and its noun name: the words after it are the outer sentence's.
        (
            'The draft "Treaty on Friendship and the Opening of Transport Links between the Republic of Armenia'
            ' and the Republic of Azerbaijan" has 20 articles, Galuzin said.',
            "Treaty on Friendship and the Opening of Transport Links between the Republic of Armenia and the"
            " Republic of Azerbaijan",
            "term",
        ),
        (
            'Galuzin said the sides discussed the document "Principles of Mutual Recognition of the Territorial'
            ' Integrity and Sovereignty of the Two States".',
            "Principles of Mutual Recognition of the Territorial Integrity and Sovereignty of the Two States",
            "term",
        ),
    ],
)
def test_kinds(text, quoted, kind):
    found = parse(text)
    assert [(q.text, q.quote_type) for q in found] == [(quoted, kind)]
    if kind == "term":
        assert (found[0].speaker_id, found[0].attribution) == (None, None)


# --- attributions and speakers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "attribution"),
    [
        ('"We are ready," Galuzin said.', "Galuzin said"),
        ('"We are ready," said Galuzin.', "said Galuzin"),
        ('"We are ready," Galuzin added in Moscow.', "Galuzin added"),
        ('"We are ready," Galuzin told TASS.', "Galuzin told TASS"),
        (
            '"We are ready," said Russian Deputy Foreign Minister Mikhail Galuzin during a visit.',
            "said Russian Deputy Foreign Minister Mikhail Galuzin",
        ),
        ('"We are ready," according to Galuzin.', "according to Galuzin"),
        ('Galuzin said in an interview with RBC: "We are ready."', "Galuzin said"),
        ('Galuzin said the following:\n\n"We are ready."', "Galuzin said"),
        ('Galuzin was quoted as saying: "We are ready."', "Galuzin was quoted as saying"),
        ('Interfax quoted Galuzin as saying: "We are ready."', "Interfax quoted Galuzin as saying"),
        ('"Why not?" Galuzin asked.', "Galuzin asked"),
        ('"We are ready," Galuzin, who visited Baku, said.', "Galuzin, who visited Baku, said"),
        ("Galuzin, speaking in Moscow, said: “We are ready.”", "Galuzin, speaking in Moscow, said"),
    ],
)
def test_named_speakers(text, attribution):
    assert [(q.speaker_id, q.attribution) for q in parse(text)] == [(GALUZIN, attribution)]


@pytest.mark.parametrize(
    ("text", "attribution"),
    [
        ('Galuzin spoke to TASS.\n"We are ready," he noted.', "he noted"),
        ('Galuzin spoke to TASS.\n"We are ready," the diplomat said.', "the diplomat said"),
        ("Galuzin spoke. According to him, “we are ready”.", "According to him"),
    ],
)
def test_pronouns_and_descriptions(text, attribution):
    assert [(q.speaker_id, q.attribution) for q in parse(text)] == [(GALUZIN, attribution)]


def test_description_finds_the_person_it_describes_not_the_last_named():
    text = (
        "Russian Deputy Foreign Minister Mikhail Galuzin arrived. Later he met Jeyhun Bayramov.\n"
        '"We are ready," the deputy foreign minister said. "We agree," the Azerbaijani minister said.'
    )
    assert [(q.speaker_id, q.attribution) for q in parse(text)] == [
        (GALUZIN, "the deputy foreign minister said"),
        ("jeyhun-bayramov", "the Azerbaijani minister said"),
    ]


@pytest.mark.parametrize(
    "attribution",
    [
        "the ministry's spokesperson said",  # speaks for somebody: not the person named before
        "his aide said",
        "an official said",  # an indefinite description is somebody the article does not name
        "a Russian diplomat said",
        "Russia's top diplomat said",  # a possessive description resolves only by a title
    ],
)
def test_descriptions_of_somebody_else_stay_unresolved(attribution):
    text = f'Jeyhun Bayramov met Mikhail Galuzin in Baku.\n"The next round will be in December," {attribution}.'
    assert said(text) == [("The next round will be in December,", "statement", None, attribution)]


def test_pronoun_goes_to_the_subject_of_the_sentence_before():
    text = 'Galuzin spoke in Baku. Then Bayramov took the floor.\n"We disagree," he said.'
    # Two sentences of one paragraph, about two people: the pronoun may be either's.
    assert [(q.speaker_id, q.unresolved) for q in parse(text)] == [(None, "'he' may stand for 'Bayramov' or 'Galuzin'")]
    text = 'Galuzin spoke in Baku.\nThen Bayramov took the floor and thanked Galuzin.\n"We disagree," he said.'
    assert [q.speaker_id for q in parse(text)] == ["jeyhun-bayramov"]


def test_unattributed_quote_continues_the_previous_speaker():
    text = '"We are ready," Galuzin said. "We will help."\n\n"And we will stay."'
    assert said(text) == [
        ("We are ready,", "statement", GALUZIN, "Galuzin said"),
        ("We will help.", "statement", GALUZIN, None),
        ("And we will stay.", "statement", GALUZIN, None),
    ]
    # ... but not across another person named in between.
    text = '"We are ready," Galuzin said. Bayramov was in Baku.\n\n"We will help."'
    assert [q.speaker_id for q in parse(text)] == [GALUZIN, None]


def test_two_quotes_share_the_attribution_that_follows_them():
    assert [q.speaker_id for q in parse('"Peace is near" and "talks go on," Galuzin said.')] == [GALUZIN, GALUZIN]


def test_organisation_speaks_only_as_the_subject():
    assert [q.speaker_id for q in parse('"We are ready," the Armenian Foreign Ministry said.')] == ["mfa-am"]
    # Russia is named in the subject but is not who speaks.
    assert [q.speaker_id for q in parse('"We are ready," Russia\'s envoy Ivan Petrov said.')] == [None]


def test_unresolved_speaker_stays_empty_and_keeps_the_attribution():
    assert said('"We are ready," Ilham Aliyev said.') == [("We are ready,", "statement", None, "Ilham Aliyev said")]
    assert [q.speaker_id for q in parse('"We are ready," he said.')] == [None]  # nobody named before


def test_surname_in_the_attribution_resolves_to_a_person_named_earlier():
    from caucasus_data.parse.mentions import EntityMatcher
    from caucasus_data.parse.quotes import find_quotes

    text = (
        "BAKU, March 3 (Example Agency) - Jeyhun Bayramov met Ararat Mirzoyan on Monday.\n"
        '"We are ready," Bayramov said. "So are we," Mirzoyan added.'
    )
    matcher = EntityMatcher([("jeyhun-bayramov", "Jeyhun Bayramov"), ("ararat-mirzoyan", "Ararat Mirzoyan")])
    quotes = find_quotes(text, matcher.find(text), Speakers({"jeyhun-bayramov", "ararat-mirzoyan"}))
    assert [(q.text, q.speaker_id, q.attribution) for q in quotes] == [
        ("We are ready,", "jeyhun-bayramov", "Bayramov said"),
        ("So are we,", "ararat-mirzoyan", "Mirzoyan added"),
    ]
