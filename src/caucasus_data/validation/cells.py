"""frictionless' reading of one cell, in plain Python, for the fields tableschema.py reads (default formats, no
number options): the constructors frictionless calls (`int`, `Decimal`, `strptime`, `re`), in its order, so
the same values and notes, without importing frictionless (a quarter of a second here).

It reads the cells outside the canonical forms that DuckDB reads otherwise than Python (`+5`, `1_000`, `٣`,
`2024-01- 5`, a line end a pattern's `$` passes).

>>> read = cell_reader("integer", {"minimum": 1}, [""])
>>> read(" +5 "), read("1_000"), read("0"), read("1e3")
((5, None), (1000, None), (0, {'minimum': 'constraint "minimum" is "1"'}), (None, {'type': 'type is "integer/default"'}))
"""

from __future__ import annotations

import datetime
import operator
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from . import messages

Notes = dict[str, str] | None

# The constraints frictionless checks for each type, in its order (fields/*.py, `supported_constraints`).
CONSTRAINTS = {
    "string": ["required", "minLength", "maxLength", "pattern", "enum"],
    "any": ["required", "enum"],
    "integer": ["required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"],
    "number": ["required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"],
    "date": ["required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"],
    "boolean": ["required", "enum"],
}
BOUNDS = {
    "minimum": operator.ge,
    "maximum": operator.le,
    "exclusiveMinimum": operator.gt,
    "exclusiveMaximum": operator.lt,
}


def value_reader(kind: str) -> Callable[[Any], Any]:
    """frictionless' value reader of a field of `kind` (fields/<kind>.py), which also reads its bounds and enum."""
    return {"integer": _integer, "number": _number, "date": _date, "string": _string}[kind]


def _integer(cell: Any) -> int | None:
    if isinstance(cell, str):
        try:
            return int(cell.strip())
        except ValueError:
            return None
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    return int(cell) if isinstance(cell, float) and cell.is_integer() else None


def _number(cell: Any) -> Decimal | int | None:
    if isinstance(cell, str):
        try:
            return Decimal(cell.strip())
        except ArithmeticError:  # decimal.InvalidOperation
            return None
    if isinstance(cell, bool):
        return None
    if isinstance(cell, (Decimal, int)):
        return cell
    return Decimal(str(cell)) if isinstance(cell, float) else None


def _date(cell: Any) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(cell, "%Y-%m-%d").date() if isinstance(cell, str) else None
    except ValueError:
        return None


def _string(cell: Any) -> str | None:
    return cell if isinstance(cell, str) else None


def cell_reader(kind: str, constraints: dict[str, Any], missing: list[str]) -> Callable[[str], tuple[Any, Notes]]:
    """frictionless' `Field.create_cell_reader`: a cell's value and its notes (None when it has none)."""
    read = value_reader(kind)
    checks = {name: _check(name, constraints[name], read) for name in CONSTRAINTS[kind] if name in constraints}

    def reader(cell: str) -> tuple[Any, Notes]:
        value, notes = None if cell in missing else read(cell), None
        if value is None and cell not in missing:
            notes = {"type": messages.type_note(kind, "default")}
        if not notes:
            failed = [name for name, check in checks.items() if not check(value)]
            notes = {name: messages.constraint_note(name, constraints[name]) for name in failed} or None
        return value, notes

    return reader


def _check(name: str, constraint: Any, read: Callable[[Any], Any]) -> Callable[[Any], bool]:
    """One constraint's check of a value (frictionless' `check_<name>`): None passes all but `required`."""
    if name == "required":
        return lambda value: not (constraint and value is None)
    if name in BOUNDS:
        bound, compare = read(constraint), BOUNDS[name]
        return lambda value: value is None or _within(value, compare, bound)
    if name == "pattern":
        match = re.compile(f"^{constraint}$").match
        return lambda value: value is None or bool(match(value))
    if name == "enum":
        members = [read(member) for member in constraint]
        return lambda value: value is None or value in members
    limit = constraint  # minLength, maxLength
    return lambda value: value is None or (len(value) >= limit if name == "minLength" else len(value) <= limit)


def _within(value: Any, compare: Callable[[Any, Any], bool], bound: Any) -> bool:
    """NaN passes no bound, as in frictionless; a signalling NaN (`sNaN`), which crashes frictionless'
    comparison, passes none either."""
    try:
        return value == value and compare(value, bound)
    except ArithmeticError:  # decimal.InvalidOperation
        return False
