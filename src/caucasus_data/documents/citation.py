"""Citable metadata, generated from the descriptor, the schemas and the published package, so that it cannot
say other than they do: a schema.org `Dataset` (JSON-LD, what dataset search engines read), Croissant 1.0
metadata (the same, with each table's file and fields), and `.zenodo.json` (what Zenodo archives a release
with).

Only what the repository states is written: the descriptor's title, description, version, keywords, licences
(one per table: the articles' texts are the publishers') and contributors (its creators are the authors, as
in CITATION.cff), the files' sizes and hashes, and the days the events span. A url is written only when the
descriptor has a `homepage`.

>>> from caucasus_data.model.locate import checkout_root
>>> dataset(checkout_root())["license"]
'https://creativecommons.org/licenses/by/4.0/'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model import layout

JSONLD, CROISSANT, ZENODO = "docs/dataset.jsonld", "docs/croissant.json", ".zenodo.json"
# The standard @context of Croissant 1.0 (what its validator expects): the vocabulary, nothing of ours.
CROISSANT_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "sc": "https://schema.org/",
    **{
        key: f"cr:{key}"
        for key in [
            "equivalentProperty",
            "extract",
            "field",
            "fileProperty",
            "fileObject",
            "fileSet",
            "format",
            "includes",
            "isLiveDataset",
            "jsonPath",
            "key",
            "md5",
            "parentField",
            "path",
            "recordSet",
            "references",
            "regex",
            "repeated",
            "replace",
            "samplingRate",
            "separator",
            "source",
            "subField",
            "transform",
        ]
    },
}
DATA_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
}


def _read(root: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The hand-written descriptor and the published one (with each file's size and hash)."""
    written = json.loads((root / layout.DESCRIPTOR).read_text(encoding="utf-8"))
    published = json.loads((root / layout.DATA / layout.DESCRIPTOR).read_text(encoding="utf-8"))
    return written, published


def authors(descriptor: dict[str, Any]) -> list[str]:
    """The contributors with the role `creator`: the dataset's authors."""
    return [c["title"] for c in descriptor.get("contributors", []) if "creator" in c.get("roles", [])]


def _licence_url(descriptor: dict[str, Any]) -> str:
    return next((lic["path"] for lic in descriptor.get("licenses", []) if lic.get("path")), "")


def _temporal(root: Path) -> str | None:
    """The days the events span, as an ISO interval (`1991-01-01/2024-06-05`)."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    events = pq.read_table(root / layout.data_path("events", "parquet"), columns=["start_date", "end_date"])
    days = pc.min_max(pc.coalesce(events.column("start_date"), events.column("end_date")))
    last = pc.max(pc.coalesce(events.column("end_date"), events.column("start_date")))
    first = days["min"].as_py()
    return f"{first.isoformat()}/{last.as_py().isoformat()}" if first else None


def citation(descriptor: dict[str, Any]) -> str:
    """How to cite the dataset, in words."""
    return f"{', '.join(authors(descriptor))}. {descriptor['title']}. Version {descriptor['version']} [Data set]."


def _content_url(file: str) -> str:
    """A published file's address relative to the metadata files in docs/ (a relative URL resolves against the
    document that holds it)."""
    return f"../{layout.DATA}/{file}"


def _distribution(published: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for resource in published["resources"]:
        item = {
            "@type": "DataDownload",
            "name": resource["path"],
            "description": resource.get("description", ""),
            "encodingFormat": "text/csv",
            "contentUrl": _content_url(resource["path"]),
            "contentSize": f"{resource['bytes']} B",
            "sha256": resource["hash"].removeprefix("sha256:"),
        }
        if resource.get("licenses"):
            item["license"] = [lic.get("path") or lic["title"] for lic in resource["licenses"]]
        out.append(item)
    return out


def _common(root: Path, written: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": written["title"],
        "alternateName": written["name"],
        "description": written["description"],
        "version": written["version"],
        "keywords": written.get("keywords", []),
        "license": _licence_url(written),
        "creator": [{"@type": "Organization", "name": name} for name in authors(written)],
        "isAccessibleForFree": True,
        "citation": citation(written),
        "isBasedOn": [source["title"] for source in written.get("sources", [])],
    }
    if written.get("homepage"):
        out["url"] = written["homepage"]
    coverage = _temporal(root)
    if coverage:
        out["temporalCoverage"] = coverage
    return out


def dataset(root: str | Path) -> dict[str, Any]:
    """The schema.org Dataset of the checkout at `root`, as JSON-LD."""
    root = Path(root)
    written, published = _read(root)
    return {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        **_common(root, written),
        "distribution": _distribution(published),
    }


def croissant(root: str | Path) -> dict[str, Any]:
    """Croissant 1.0 metadata of the checkout at `root`: the files and, for each table, its fields and key."""
    root = Path(root)
    written, published = _read(root)
    common = _common(root, written)
    common["citeAs"] = common.pop("citation")
    files, records = [], []
    for resource in published["resources"]:
        name, schema = resource["name"], resource["schema"]
        files.append(
            {
                "@type": "cr:FileObject",
                "@id": resource["path"],
                "name": resource["path"],
                "contentUrl": _content_url(resource["path"]),
                "contentSize": f"{resource['bytes']} B",
                "encodingFormat": "text/csv",
                "sha256": resource["hash"].removeprefix("sha256:"),
            }
        )
        record: dict[str, Any] = {
            "@type": "cr:RecordSet",
            "@id": name,
            "name": name,
            "description": schema.get("description", ""),
            "field": [_field(name, resource["path"], f) for f in schema["fields"]],
        }
        key = schema.get("primaryKey", [])
        if key:
            record["key"] = [{"@id": f"{name}/{k}"} for k in ([key] if isinstance(key, str) else key)]
        records.append(record)
    # No `references`: Croissant's reference loader (mlcroissant 1.1) joins a record set with the one it refers
    # to, which drops the events without a place and repeats an agreement per event; the foreign keys are in
    # the Table Schemas.
    return {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        **common,
        "distribution": files,
        "recordSet": records,
    }


def _field(table: str, file: str, field: dict[str, Any]) -> dict[str, Any]:
    return {
        "@type": "cr:Field",
        "@id": f"{table}/{field['name']}",
        "name": field["name"],
        "description": field.get("description", ""),
        "dataType": DATA_TYPES[field["type"]],
        "source": {"fileObject": {"@id": file}, "extract": {"column": field["name"]}},
    }


def zenodo(root: str | Path) -> dict[str, Any]:
    """`.zenodo.json`: what Zenodo archives a release of the checkout at `root` with."""
    written, _ = _read(Path(root))
    notes = " ".join(
        f"{r['name']}: " + "; ".join(lic.get("title") or lic["name"] for lic in r["licenses"]) + "."
        for r in written["resources"]
        if any(lic["name"] != "CC-BY-4.0" for lic in r.get("licenses", []))
    )
    out: dict[str, Any] = {
        "title": written["title"],
        "description": written["description"],
        "upload_type": "dataset",
        "version": written["version"],
        "creators": [{"name": name} for name in authors(written)],
        "keywords": written.get("keywords", []),
        "license": "cc-by-4.0",
        "access_right": "open",
    }
    if notes:
        out["notes"] = "Licences that differ from CC BY 4.0: " + notes
    return out


def render(root: str | Path) -> dict[str, str]:
    """The text of each citable metadata file, by path relative to the checkout."""

    def text(data: dict[str, Any]) -> str:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    return {JSONLD: text(dataset(root)), CROISSANT: text(croissant(root)), ZENODO: text(zenodo(root))}
