"""Mentions: one automaton for every name and alias, word boundaries, and case where it matters."""

from __future__ import annotations

from conftest import MEDIAMAX, NAMES, TASS, seed_text

from caucasus_data.parse.mentions import EntityMatcher, fold


def found(names, text):
    return [(m.start, m.end, m.entity_id, m.surface) for m in EntityMatcher(names).find(text)]


def test_acronym_matches_only_as_a_word_in_capitals():
    names = [("cis", "CIS")]
    assert found(names, "the CIS summit") == [(4, 7, "cis", "CIS")]
    # Not the letters inside words, nor the word in another case.
    assert found(names, "CISTERN, Francisco, precise, DISCIS, cis, Cis") == []
    assert found(names, "(CIS), CIS’s, CIS-wide") == [
        (1, 4, "cis", "CIS"),
        (7, 10, "cis", "CIS"),
        (14, 17, "cis", "CIS"),
    ]


def test_names_ignore_case_but_respect_word_boundaries():
    names = [("armenia", "Armenia"), ("mikhail-galuzin", "Galuzin")]
    assert found(names, "ARMENIA and armenia; Armenia’s border") == [
        (0, 7, "armenia", "ARMENIA"),
        (12, 19, "armenia", "armenia"),
        (21, 28, "armenia", "Armenia"),
    ]
    assert found(names, "Armenian-Azerbaijani, Galuzins, preGaluzin") == []
    assert found(names, "Armenia-Azerbaijan") == [(0, 7, "armenia", "Armenia")]


def test_leftmost_longest_and_shared_aliases():
    names = [("russia", "Russia"), ("rus-mfa", "Russian Foreign Ministry"), ("a", "Baku"), ("b", "Baku")]
    assert found(names, "the Russian Foreign Ministry in Baku, Russia") == [
        (4, 28, "rus-mfa", "Russian Foreign Ministry"),
        (32, 36, "a", "Baku"),
        (32, 36, "b", "Baku"),
        (38, 44, "russia", "Russia"),
    ]


def test_offsets_survive_case_folding_that_changes_length():
    # "İ" lower-cases to two code points; folding keeps it so offsets stay those of the text.
    assert fold("İlham") == "İlham"
    assert found([("x", "Baku")], "İİİ Baku") == [(4, 8, "x", "Baku")]


def test_empty_names():
    assert found([], "Baku") == []
    assert found([("x", "  ")], "Baku") == []


def test_many_aliases_one_automaton():
    names = [(f"e{i}", f"Name{i} Surname{i}") for i in range(5000)] + [("mikhail-galuzin", "Galuzin")]
    text = "Name4999 Surname4999 met Galuzin and Name12 Surname12."
    assert found(names, text) == [
        (0, 20, "e4999", "Name4999 Surname4999"),
        (25, 32, "mikhail-galuzin", "Galuzin"),
        (37, 53, "e12", "Name12 Surname12"),
    ]


def test_seed_mentions_of_galuzin():
    galuzin = [
        (s, e, surface) for s, e, entity, surface in found(NAMES, seed_text(MEDIAMAX)) if entity == "mikhail-galuzin"
    ]
    assert galuzin == [
        (69, 84, "Mikhail Galuzin"),
        (842, 849, "Galuzin"),
        (915, 930, "Mikhail Galuzin"),
        (1925, 1940, "Mikhail Galuzin"),
    ]
    galuzin = [(s, e) for s, e, entity, _ in found(NAMES, seed_text(TASS)) if entity == "mikhail-galuzin"]
    assert galuzin == [(169, 184), (222, 229), (602, 609), (1032, 1039)]


def test_seed_outlets_and_places():
    text = seed_text(TASS)
    mentions = found(NAMES, text)
    assert (17, 21, "tass", "TASS") in mentions  # in the dateline /TASS/
    assert [(s, e) for s, e, entity, _ in mentions if entity == "moscow"] == [(0, 6), (643, 649)]
    assert all(text[s:e] == surface for s, e, _, surface in mentions)
