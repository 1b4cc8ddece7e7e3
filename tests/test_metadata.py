"""Citable metadata says what the repository says: schema.org JSON-LD, Croissant and .zenodo.json from the
descriptor (stale-checked with the other documents), the wheel's authors and Project-URLs, and the counts and
tables the DATASHEET and the CHANGELOG state."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib

import pytest
import yaml
from conftest import REPO

import caucasus_data as cd
from caucasus_data.documents.citation import CROISSANT, JSONLD, ZENODO, authors

DESCRIPTOR = json.loads((REPO / "datapackage.json").read_text(encoding="utf-8"))
CFF = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
NUMBERS = {"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18}


def _json(relative: str) -> dict:
    return json.loads((REPO / relative).read_text(encoding="utf-8"))


def test_the_authors_are_citation_cffs_everywhere():
    names = [a["name"] for a in CFF["authors"]]
    assert authors(DESCRIPTOR) == names
    assert [c["name"] for c in _json(JSONLD)["creator"]] == names
    assert [c["name"] for c in _json(ZENODO)["creators"]] == names
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert [a["name"] for a in project["authors"]] == names
    assert "Copyright (c) 2026 caucasus-data maintainers" in (REPO / "LICENSE").read_text(encoding="utf-8")


def test_schema_org_dataset_describes_every_file_with_its_hash_and_licence():
    data = _json(JSONLD)
    assert (data["@type"], data["name"], data["version"]) == ("Dataset", DESCRIPTOR["title"], DESCRIPTOR["version"])
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/" and CFF["license"] == "CC-BY-4.0"
    files = {d["name"]: d for d in data["distribution"]}
    assert sorted(files) == [f"{name}.csv" for name in cd.tables()]
    for name, item in files.items():
        assert item["sha256"] == hashlib.sha256((REPO / "data" / name).read_bytes()).hexdigest(), name
    assert any("publishers'" in lic for lic in files["articles.csv"]["license"])
    events = cd.load("events")
    first = min(d for d in events["start_date"].to_pylist() + events["end_date"].to_pylist() if d)
    assert data["temporalCoverage"].startswith(first.isoformat())


def test_croissant_has_every_table_and_field_with_its_type_and_key():
    data = _json(CROISSANT)
    assert data["conformsTo"] == "http://mlcommons.org/croissant/1.0" and data["@type"] == "sc:Dataset"
    records = {r["name"]: r for r in data["recordSet"]}
    assert sorted(records) == cd.tables()
    ids = {f["@id"] for r in records.values() for f in r["field"]}
    types = {
        "string": "sc:Text",
        "integer": "sc:Integer",
        "number": "sc:Float",
        "boolean": "sc:Boolean",
        "date": "sc:Date",
    }
    for name, record in records.items():
        schema = cd.schema(name)
        assert [(f["name"], f["dataType"]) for f in record["field"]] == [
            (f["name"], types[f["type"]]) for f in schema["fields"]
        ]
        assert [k["@id"] for k in record["key"]] == [f"{name}/{k}" for k in schema["primaryKey"]]
        for field in record["field"]:
            assert field["source"]["fileObject"]["@id"] == f"{name}.csv" and field["@id"] in ids
            assert "references" not in field  # see documents/citation.py: a reference makes loaders join
    files = {f["@id"]: f for f in data["distribution"]}
    for name in cd.tables():  # relative to docs/, where the file is
        assert (REPO / "docs" / files[f"{name}.csv"]["contentUrl"]).resolve() == (REPO / "data" / f"{name}.csv")


def test_zenodo_metadata_is_the_release():
    data = _json(ZENODO)
    assert (data["upload_type"], data["version"], data["license"]) == ("dataset", DESCRIPTOR["version"], "cc-by-4.0")
    assert "articles" in data["notes"] and "publishers'" in data["notes"]


def test_no_address_is_written_that_the_repository_does_not_state():
    """Every url of the generated metadata and the wheel's Project-URLs is the descriptor's (a licence, a source,
    its homepage) or a vocabulary's own namespace."""
    stated = json.dumps(DESCRIPTOR)
    vocabularies = ("https://schema.org/", "http://mlcommons.org/croissant/", "http://purl.org/dc/terms/")
    for relative in (JSONLD, CROISSANT, ZENODO):
        for url in re.findall(r"https?://[^\s\"]+", (REPO / relative).read_text(encoding="utf-8")):
            assert url in stated or url.startswith(vocabularies), (relative, url)
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["urls"] and all(url in stated for url in project["urls"].values())


def test_every_resource_has_a_licence_and_the_articles_texts_are_the_publishers():
    for resource in cd.package()["resources"]:
        assert resource["licenses"], resource["name"]
    articles = next(r for r in cd.package()["resources"] if r["name"] == "articles")
    titles = " ".join(lic["title"] for lic in articles["licenses"])
    assert "publishers'" in titles and "text column" in titles
    assert "TASS, ARMENPRESS, Mediamax" in (REPO / "LICENSE-DATA").read_text(encoding="utf-8").replace("\n", " ")


def _tables_in_words(path: str) -> list[int]:
    text = (REPO / path).read_text(encoding="utf-8")
    return [NUMBERS[w.lower()] for w in re.findall(r"\b(" + "|".join(NUMBERS) + r") tables\b", text, re.IGNORECASE)]


def test_datasheet_and_changelog_count_the_tables_there_are():
    assert _tables_in_words("DATASHEET.md") == [len(cd.tables())]
    assert _tables_in_words("CHANGELOG.md") == [len(cd.tables())]
    assert f"{['Eight', 'Nine', 'Ten'][len(cd.views()) - 8]} views" in (REPO / "DATASHEET.md").read_text(
        encoding="utf-8"
    )


def test_changelog_counts_are_the_published_counts():
    text = " ".join((REPO / "CHANGELOG.md").read_text(encoding="utf-8").split("\n## ")[1].split())
    counted = {
        "people": "people",
        "organisations": "organisations",
        "places": "places",
        "aliases": "aliases",
        "memberships": "memberships",
        "events": "events",
        "participations": "event_participants",
        "agreements": "agreements",
        "parties": "agreement_parties",
        "evidence rows": "evidence",
        "quotations": "quotes",
        "mentions": "mentions",
    }
    stated = {noun: int(n) for n, noun in re.findall(r"(\d+) (" + "|".join(counted) + r")\b", text)}
    assert stated == {noun: cd.load(table).num_rows for noun, table in counted.items()}


@pytest.mark.slow
def test_croissants_own_loader_reads_every_table_whole():
    """Where mlcroissant is installed (it is no extra: it brings a stack of its own), its loader reads every
    record set with the rows of the CSV file."""
    mlc = pytest.importorskip("mlcroissant")
    dataset = mlc.Dataset(jsonld=str(REPO / CROISSANT))
    for name in cd.tables():
        assert len(list(dataset.records(record_set=name))) == cd.load(name).num_rows, name
