"""Datasette's `metadata.json` for the SQLite export, generated from the descriptor and the schemas: the
package's title, licence and sources, every table's and column's description, and canned queries.

>>> meta = metadata()
>>> meta["databases"]["caucasus"]["tables"]["people"]["columns"]["person_id"]
"Readable slug of the person's name (e.g. `mikhail-galuzin`); unique across all tables."
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..reader.sql import _published_schemas, published_root
from ..reader.views import VIEWS, Loader, column_descriptions, description

DATABASE = "caucasus"  # the export's file name without its suffix: Datasette names a database after its file

# Questions people ask of the package, each one query (`:name` is a form field in Datasette).
QUERIES = {
    "quotes_by_speaker": {
        "title": "Quotations by speaker",
        "description": "Every quotation of a speaker whose name contains the words given, with outlet and date.",
        "sql": "select published_date, outlet_name, speaker_name, quote_type, text, article_id, char_start\n"
        "from quotes_named where speaker_name like '%' || :speaker || '%'\norder by published_date, article_id, char_start",
    },
    "evidence_for_id": {
        "title": "Evidence for an id",
        "description": "What supports a row (an event, a person, an agreement, ...): the words of each article "
        "with their context, outlet and date, or the cited source.",
        "sql": "select property, value, quote, context, outlet_name, published_date, source_title, source_url, "
        "source_accessed_date, note\nfrom evidence_named where subject_id = :id\n"
        "order by property, published_date, evidence_id",
    },
    "events_in_order": {
        "title": "Events in date order",
        "description": "Every event with its participants, events without participants included.",
        "sql": "select sort_date, date_edtf, event_name, event_type, status, place_name,\n"
        "  group_concat(participant_name, '; ') as participants\nfrom event_participants_named\n"
        "group by event_id order by sort_date is null, sort_date, event_id",
    },
    "agreements_involving": {
        "title": "Agreements involving a state",
        "description": "Agreements with a party that is the state given by its id (e.g. russia) or is part of it.",
        "sql": "select distinct agreement_id, agreement_name, date_edtf, status\nfrom agreement_parties_named\n"
        "where party_root_id = :state\norder by sort_date, agreement_id",
    },
}


def _licence(licenses: list[dict[str, Any]]) -> dict[str, str]:
    first = licenses[0] if licenses else {}
    out = {"license": first.get("title") or first.get("name", "")}
    if first.get("path"):
        out["license_url"] = first["path"]
    return out


def metadata(root: str | Path | None = None) -> dict[str, Any]:
    """The metadata of the export of the package at `root` (default: the shipped one)."""
    import json

    folder = published_root(root)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    schemas = _published_schemas(folder)
    tables: dict[str, Any] = {}
    for resource in descriptor["resources"]:
        schema = schemas[resource["name"]]
        entry: dict[str, Any] = {
            "description": resource.get("description") or schema.descriptor.get("description", ""),
            "columns": {f["name"]: f.get("description", "") for f in schema.fields},
        }
        if resource.get("licenses"):
            entry.update(_licence(resource["licenses"]))
            entry["description"] += " Licences: " + "; ".join(
                lic.get("title") or lic["name"] for lic in resource["licenses"]
            )
        tables[resource["name"]] = entry
    load = Loader(folder, schemas)
    for name in VIEWS:
        tables[name] = {
            "description": description(name) + " (computed from the published tables)",
            "columns": column_descriptions(name, load),
        }
    for name in ("articles", "quotes"):
        tables.setdefault(name, {})["fts_table"] = f"{name}_fts"
    sources = [s.get("title", "") for s in descriptor.get("sources", [])]
    return {
        "title": descriptor["title"],
        "description": descriptor["description"] + f" Version {descriptor['version']}.",
        **_licence(descriptor.get("licenses", [])),
        "source": "; ".join(s for s in sources if s),
        "databases": {DATABASE: {"tables": tables, "queries": QUERIES}},
    }


def write_metadata(out: str | Path, root: str | Path | None = None) -> Path:
    """Write `metadata()` as JSON at `out`; returns its path."""
    import json

    out = Path(out)
    out.write_text(json.dumps(metadata(root), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out
