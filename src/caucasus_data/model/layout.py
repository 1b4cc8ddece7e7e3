"""Where each part of a checkout lives: the inputs people edit, and the published package the build writes.

    seeds/<article>.txt       article texts, copied byte for byte        input
    curated/<table>.csv       the curated rows, only the typed columns  input
    schemas/<table>.json      the Table Schema of each published table   input
    datapackage.json          the package's metadata and its resources   input
    data/                     the published package: every table as      output (the build writes it whole)
                              CSV and Parquet, and data/datapackage.json

Data flows one way: the build reads the inputs and writes data/; nothing writes the inputs.
"""

from __future__ import annotations

SEEDS = "seeds"
CURATED = "curated"
SCHEMAS = "schemas"
DATA = "data"
DESCRIPTOR = "datapackage.json"


def seed_path(name: str) -> str:
    return f"{SEEDS}/{name}"


def curated_path(table: str) -> str:
    return f"{CURATED}/{table}.csv"


def schema_path(table: str) -> str:
    return f"{SCHEMAS}/{table}.json"


def data_path(table: str, suffix: str = "csv") -> str:
    """A published file, relative to the checkout (`data/people.csv`)."""
    return f"{DATA}/{table}.{suffix}"
