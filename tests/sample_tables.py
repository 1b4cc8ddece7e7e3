"""Small rows for the tables that curation has not filled yet, written with the build's own renderers.

The rows restate facts the articles and the PA-X notes give (the Almaty talks of 10-11 May 2024, the
trilateral statement of 9 November 2020, PA-X AgtId 2324); they exist only in tests, to exercise every
kind of value: day, month and open dates, an undated proposal, nulls in integer and date columns.
"""

from __future__ import annotations

from pathlib import Path

from conftest import REPO

from caucasus_data.model.schema import read_schemas
from caucasus_data.pipeline import write as render

EVENTS = [
    {
        "event_id": "trilateral-statement-2020-11-signing",
        "name": "Signing of the trilateral statement",
        "event_type": "SUPPORT",
        "date_edtf": "2020-11-09",
        "start_date": "2020-11-09",
        "end_date": "2020-11-09",
        "date_precision": "day",
        "status": "occurred",
    },
    {
        "event_id": "moscow-talks-2023-05",
        "name": "Talks in Moscow",
        "event_type": "CONSULT",
        "event_mode": "third-party",
        "date_edtf": "2023-05",
        "start_date": "2023-05-01",
        "end_date": "2023-05-31",
        "date_precision": "month",
        "status": "occurred",
        "place_id": "moscow",
    },
    {
        "event_id": "almaty-talks-2024-05",
        "name": "Foreign ministers' talks in Almaty",
        "event_type": "CONSULT",
        "event_mode": "third-party",
        "date_edtf": "2024-05-10/2024-05-11",
        "start_date": "2024-05-10",
        "end_date": "2024-05-11",
        "date_precision": "day",
        "status": "occurred",
        "place_id": "almaty",
    },
    {
        "event_id": "russia-offer-before-2024-06-05",
        "name": "Russia offers its assistance",
        "event_type": "SUPPORT",
        "date_edtf": "../2024-06-05",
        "end_date": "2024-06-05",
        "date_precision": "day",
        "status": "occurred",
    },
    {
        "event_id": "peace-treaty-signing",
        "name": "Signing of a peace treaty",
        "event_type": "AGREE",
        "status": "proposed",
    },
]
EVENT_PARTICIPANTS = [
    {
        "event_participant_id": "almaty-talks-2024-05--ararat-mirzoyan",
        "event_id": "almaty-talks-2024-05",
        "participant_id": "ararat-mirzoyan",
        "role": "participant",
    },
    {
        "event_participant_id": "almaty-talks-2024-05--jeyhun-bayramov",
        "event_id": "almaty-talks-2024-05",
        "participant_id": "jeyhun-bayramov",
        "role": "participant",
    },
    {
        "event_participant_id": "almaty-talks-2024-05--kazakhstan",
        "event_id": "almaty-talks-2024-05",
        "participant_id": "kazakhstan",
        "role": "host",
    },
]
AGREEMENTS = [
    {
        "agreement_id": "trilateral-statement-2020-11",
        "name": "Trilateral statement of 9 November 2020",
        "stage": "Cea",
        "status": "signed",
        "date_edtf": "2020-11-09",
        "start_date": "2020-11-09",
        "end_date": "2020-11-09",
        "date_precision": "day",
        "pax_agt_id": "2324",
        "event_id": "trilateral-statement-2020-11-signing",
    },
    {"agreement_id": "peace-treaty", "name": "Peace treaty", "status": "under-negotiation"},
]
AGREEMENT_PARTIES = [
    {
        "agreement_party_id": "trilateral-statement-2020-11--armenia",
        "agreement_id": "trilateral-statement-2020-11",
        "party_id": "armenia",
        "role": "party",
    },
    {
        "agreement_party_id": "trilateral-statement-2020-11--russia",
        "agreement_id": "trilateral-statement-2020-11",
        "party_id": "russia",
        "role": "party",
    },
]
SOURCES = [
    {
        "source_id": "pax-2324",
        "title": "PA-X Peace Agreements Database, AgtId 2324",
        "publisher": "University of Edinburgh",
        "citation": "PA-X Peace Agreements Database, AgtId 2324",
    },
]
# An evidence row citing a source has no offsets: nulls in integer columns.
EVIDENCE = [
    {
        "evidence_id": "ev-000000000001",
        "subject_id": "trilateral-statement-2020-11",
        "property": "date_edtf",
        "value": "2020-11-10",
        "source_id": "pax-2324",
    },
]
MEMBERSHIPS = [
    {
        "membership_id": "mikhail-galuzin--deputy-foreign-minister",
        "person_id": "mikhail-galuzin",
        "organisation_id": "russia",
        "role": "Deputy Minister of Foreign Affairs",
        "attested_date": "2024-06-05",
    },
]

SAMPLES = {
    "events": EVENTS,
    "event_participants": EVENT_PARTICIPANTS,
    "agreements": AGREEMENTS,
    "agreement_parties": AGREEMENT_PARTIES,
    "sources": SOURCES,
    "evidence": EVIDENCE,
    "memberships": MEMBERSHIPS,
}


def write_table(root: Path, name: str, rows: list[dict[str, str]]) -> None:
    """`root/data/<name>.csv` and `.parquet` holding `rows`, typed by the table's schema."""
    schema = read_schemas(REPO)[name]
    full = [{field: row.get(field, "") for field in schema.field_names} for row in rows]
    (root / "data").mkdir(parents=True, exist_ok=True)
    data = render.csv_bytes(schema, full)
    (root / "data" / f"{name}.csv").write_bytes(data)
    (root / "data" / f"{name}.parquet").write_bytes(render.parquet_bytes(schema, data))


def write_samples(root: Path, names=tuple(SAMPLES)) -> Path:
    """Write the sample rows of `names` into the package at `root` (replacing those tables)."""
    for name in names:
        write_table(root, name, SAMPLES[name])
    return root
