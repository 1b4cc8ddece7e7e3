"""What supports a fact: the evidence of a row, or of one of its fields, with each span's context and source.

>>> rows = evidence("almaty-talks-2024-05", property="date_edtf").to_pylist()
>>> [(r["quote"], r["outlet_name"], r["published_date"].isoformat()) for r in rows]
[('On 10-11 May 2024', 'ARMENPRESS', '2024-05-15'), ('the May 10-11 meeting', 'TASS', '2024-06-05')]
"""

from __future__ import annotations

from typing import Any

from .tables import as_backend
from .views import Loader, view

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .tables import Backend


def evidence(subject_id: str, property: str | None = None, backend: Backend = "pyarrow") -> Any:
    """The evidence rows of `subject_id` (an id of any curated table), only those for `property` when given
    (`date_edtf`, `status`, ...), in date order: each with its subject's name, the quoted words and the text
    around them, the article's outlet and date, or the cited source's title, url and the day it was read.

    Raises KeyError for an id that no curated row has. `conflicts` (a view) lists the properties whose sources
    disagree.

    >>> evidence("trilateral-statement-2020-11", "date_edtf").column("value").to_pylist()
    ['2020-11-09', '2020-11-10']
    """
    import pyarrow.compute as pc

    from .views import _subjects

    if property is not None and not isinstance(property, str):
        raise TypeError(f"property must be a field name such as 'date_edtf', not {type(property).__name__}")
    load = Loader()
    if (
        not isinstance(subject_id, str)
        or not pc.any(pc.equal(_subjects(load).column("subject_id"), subject_id)).as_py()
    ):
        raise KeyError(f"no curated row has the id {str(subject_id)[:60]!r}")
    table = view("evidence_named", load)
    mask = pc.equal(table.column("subject_id"), subject_id)
    if property is not None:
        mask = pc.and_(mask, pc.equal(table.column("property"), property))
    return as_backend(table.filter(mask), backend)
