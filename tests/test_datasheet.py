"""The datasheet's counts are the published counts: a curated release cannot leave them behind."""

from __future__ import annotations

import re

from conftest import REPO

import caucasus_data as cd

COUNTED = {
    "people": "people",
    "organisations": "organisations",
    "places": "places",
    "aliases": "aliases",
    "memberships": "memberships",
    "events": "events",
    "participations": "event_participants",
    "agreements": "agreements",
    "parties": "agreement_parties",
    "external sources": "sources",
    "evidence rows": "evidence",
    "quotations": "quotes",
    "mentions": "mentions",
}


def test_datasheet_counts_match_the_tables():
    text = " ".join((REPO / "DATASHEET.md").read_text(encoding="utf-8").split())
    stated = {noun: int(n) for n, noun in re.findall(r"(\d+) (" + "|".join(COUNTED) + r")\b", text)}
    assert set(stated) == set(COUNTED)
    assert stated == {noun: cd.load(table, backend="pyarrow").num_rows for noun, table in COUNTED.items()}
