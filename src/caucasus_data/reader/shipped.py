"""The shipped package's descriptor and schemas, each read once: what the reader's tables and views share.

>>> schemas()["people"].primary_key
['person_id']
"""

from __future__ import annotations

from functools import cache

from ..model import locate

TYPE_CHECKING = False  # the typing module costs as much as the rest of this module's imports
if TYPE_CHECKING:
    from typing import Any

    from ..model.schema import TableSchema


@cache
def package() -> dict[str, Any]:
    """The published descriptor, `datapackage.json` of the shipped package, as a dict (schemas inline).

    >>> package()["resources"][0]["path"]
    'agreement_parties.csv'
    """
    import json

    return json.loads((locate.installed_root() / "datapackage.json").read_text(encoding="utf-8"))


@cache
def schemas() -> dict[str, TableSchema]:
    """Every published table's schema, by name."""
    from ..model.schema import TableSchema

    return {r["name"]: TableSchema(r["name"], r["schema"]) for r in sorted(package()["resources"], key=_name)}


def _name(resource: dict[str, Any]) -> str:
    return resource["name"]
