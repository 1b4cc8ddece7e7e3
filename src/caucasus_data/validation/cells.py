"""Reading and checking one column of cells as frictionless does, vectorised with pyarrow.compute.

frictionless reads a cell with the field's cell reader (`Field.create_cell_reader`): a missing value becomes
None; anything else is cast to the field's type (a failure is a `type-error`), and only a cell that casts is
checked against the constraints, each failure a `constraint-error`, in the order of the field type's
`supported_constraints`. Most cells are in a canonical form (`12`, `2024-06-05`, an ASCII id) for which
Arrow's casts and RE2 regexes give frictionless' answers; the few others (`+5`, `1_000`, ` 7 `, a date like
`2024-1-5`, a value with a line break checked against a pattern, whose `$` Python lets match before a final
newline) go through frictionless' own cell reader, one by one, so that every answer is frictionless' answer.

Keys (the values that unique, primary and foreign keys compare) are kept as strings: `str()` of the typed
value, which is equal exactly when the typed values are equal for the key types allowed (string, integer,
date, boolean), and is what frictionless prints in a foreign key message.

>>> import pyarrow as pa
>>> from frictionless import Field
>>> field = Field.from_descriptor({"name": "n", "type": "integer", "constraints": {"minimum": 0}})
>>> checked = check_column(ColumnSpec.of(field, number=1, key=True), pa.array(["7", "+5", "-1", "x", "", None]))
>>> checked.key.to_pylist(), checked.blank.tolist()
(['7', '5', '-1', None, None, None], [False, False, False, False, True, True])
>>> [(e.position, e.kind, e.cell) for e in checked.errors]
[(2, 'constraint-error', '-1'), (3, 'type-error', 'x')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .messages import constraint_note, type_note

KEY_TYPES = {"string", "integer", "date", "boolean", "any"}
# Field types and the constraints frictionless checks for each, in its order (fields/*.py).
CONSTRAINTS = {
    "string": ["required", "minLength", "maxLength", "pattern", "enum"],
    "any": ["required", "enum"],
    "integer": ["required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"],
    "number": ["required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"],
    "date": ["required", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "enum"],
    "boolean": ["required", "enum"],
}
BOUNDS = {
    "minimum": pc.greater_equal,
    "maximum": pc.less_equal,
    "exclusiveMinimum": pc.greater,
    "exclusiveMaximum": pc.less,
}
# Canonical forms: what Arrow reads as Python would. Integers up to 18 digits fit int64; numbers with at
# most 15 significant digits compare as float64 exactly as Decimal does (each is the nearest double of a
# distinct 15-digit decimal, and rounding keeps order).
CANONICAL = {
    "integer": r"^-?[0-9]{1,18}$",
    "number": r"^-?[0-9]{1,9}(\.[0-9]{1,6})?$",
    "date": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
}
# Where RE2 and Python's re part ways: Python's `$` also matches before a final line break, and its
# classes \d \w \s \b (and their negations) and case folding know Unicode, RE2's only ASCII.
SHORTHAND = re.compile(r"\\[dDwWsSbB]|\(\?[a-zA-Z]*i")


class Unsupported(Exception):
    """A field this module cannot check exactly as frictionless does."""


@dataclass
class ColumnSpec:
    """How to read one field's column: frictionless' own field object, and what this module derived."""

    name: str
    number: int  # 1-based position among the expected fields, as frictionless numbers it
    type: str
    format: str
    constraints: dict[str, Any]
    missing_values: list[str]
    reader: Any  # frictionless' cell reader: (typed value, notes) for a raw cell
    key: bool  # whether the typed values are needed as keys
    typed_constraints: dict[str, Any] = field(default_factory=dict)
    true_values: list[str] = field(default_factory=list)
    false_values: list[str] = field(default_factory=list)
    regex: str | None = None  # the RE2 form of the pattern, None when RE2 cannot be trusted with it
    python_only: bool = False  # every cell goes through frictionless' reader (see `of`)

    @classmethod
    def of(cls, frictionless_field, number: int, key: bool = False) -> ColumnSpec:
        """The spec of a frictionless Field; raises Unsupported for what this module cannot check."""
        f = frictionless_field
        if f.type not in CONSTRAINTS or (f.format or "default") != "default":
            raise Unsupported(f"field {f.name!r}: type {f.type}/{f.format} is read by frictionless only")
        if key and f.type not in KEY_TYPES:
            raise Unsupported(f"field {f.name!r}: a {f.type} key is compared by frictionless only")
        for option in ("bare_number", "group_char", "decimal_char", "float_number"):
            if f.has_defined(option):
                raise Unsupported(f"field {f.name!r}: option {option} is read by frictionless only")
        constraints = dict(f.constraints)
        unknown = set(constraints) - set(CONSTRAINTS[f.type]) - {"unique"}
        if unknown:
            raise Unsupported(f"field {f.name!r}: constraints {sorted(unknown)} are not checked here")
        missing = f.missing_values if f.has_defined("missing_values") or not f.schema else f.schema.missing_values
        value_reader = f.create_value_reader()
        typed = {}
        for name, value in constraints.items():
            if name in BOUNDS:
                typed[name] = value_reader(value)
                if typed[name] is None or (f.type == "integer" and not -(2**63) < typed[name] < 2**63):
                    raise Unsupported(f"field {f.name!r}: bound {name}={value!r} is compared by frictionless only")
            elif name == "enum":
                typed[name] = [value_reader(v) for v in value]
        spec = cls(
            f.name,
            number,
            f.type,
            f.format or "default",
            constraints,
            list(missing),
            f.create_cell_reader(),
            key,
            typed,
        )
        if f.type == "boolean":
            spec.true_values, spec.false_values = list(f.true_values), list(f.false_values)
        if "pattern" in constraints:
            spec.regex = _re2(constraints["pattern"])
            spec.python_only = spec.regex is None
        if f.type == "number":
            # Decimal equality (1.0 == 1) for enums, and long bounds, are left to frictionless' reader.
            long_bound = any(len(Decimal(typed[n]).as_tuple().digits) > 15 for n in BOUNDS if n in typed)
            spec.python_only = "enum" in constraints or long_bound
        return spec


@cache
def _re2(pattern: str) -> str | None:
    """frictionless matches `re.compile("^" + pattern + "$").match(cell)`; in RE2, anchored at the start."""
    regex = "\\A(?:^" + pattern + "$)"
    try:
        pc.match_substring_regex(pa.nulls(1, pa.string()), regex)  # pa.array() would import pandas
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None  # a construct RE2 lacks (look-around, back-references): Python checks every cell
    return regex


@dataclass
class CellError:
    position: int  # row position in the column
    kind: str  # type-error or constraint-error
    order: int  # the error's place among the errors of its cell (the type error first)
    cell: str  # the raw cell as frictionless prints it ("None" when the row has no such cell)
    note: str


@dataclass
class CheckedColumn:
    blank: np.ndarray  # cells that are missing values (or absent): frictionless' blank cells
    key: pa.Array | None  # str() of each typed value, null where None
    errors: list[CellError]


def _mask(array) -> np.ndarray:
    if array.null_count:  # pc.fill_null costs more than the rest of this on a block
        array = pc.fill_null(array, False)
    return np.asarray(array.to_numpy(zero_copy_only=False), dtype=bool)


def check_column(spec: ColumnSpec, raw: pa.Array) -> CheckedColumn:
    """Blank cells, keys and cell errors of `raw`, a string array with null where a row has no such cell."""
    absent = _mask(pc.is_null(raw))
    if spec.missing_values == [""]:
        missing = _mask(pc.equal(raw, "")) | absent
    else:
        missing = _mask(pc.is_in(raw, value_set=pa.array(spec.missing_values, pa.string()))) | absent
    present = ~missing
    typed, canonical = _cast(spec, raw, present)
    odd = present & ~canonical
    errors: list[CellError] = []
    failed = np.zeros(len(raw), dtype=bool)  # cells with a type error
    if spec.type == "boolean":
        failed = present & _mask(pc.is_null(typed))
        for i in np.flatnonzero(failed):
            errors.append(CellError(int(i), "type-error", 0, raw[i].as_py(), type_note(spec.type, spec.format)))
    checked = present & ~odd & ~failed
    for order, name in enumerate(CONSTRAINTS[spec.type], start=1):
        if name not in spec.constraints:
            continue
        if name == "required":
            bad = missing if spec.constraints[name] else None
        else:
            bad = checked & _violates(spec, name, raw, typed) if checked.any() else None
        if bad is not None:
            note = constraint_note(name, spec.constraints[name])
            for i in np.flatnonzero(bad):
                cell = "None" if absent[i] else raw[i].as_py()
                errors.append(CellError(int(i), "constraint-error", order, cell, note))
    key = _key(spec, raw, typed, present & ~failed) if spec.key else None
    if odd.any():
        key = _read_odd(spec, raw, np.flatnonzero(odd), errors, key)
    errors.sort(key=lambda e: (e.position, e.order))
    return CheckedColumn(missing, key, errors)


def _cast(spec: ColumnSpec, raw: pa.Array, present: np.ndarray) -> tuple[Any, np.ndarray]:
    """(typed values, where the cast is the one Python would make); typed is null elsewhere."""
    valid = pa.array(present)
    if spec.python_only:
        return raw, np.zeros(len(raw), dtype=bool)
    if spec.type in ("string", "any"):
        canonical = present.copy()
        if spec.regex is not None:
            canonical &= ~_mask(pc.ends_with(raw, "\n"))
            if SHORTHAND.search(spec.constraints["pattern"]):
                plain = pc.and_(pc.string_is_ascii(raw), pc.or_(pc.ascii_is_printable(raw), pc.equal(raw, "")))
                canonical &= _mask(plain)
        return raw, canonical
    if spec.type == "boolean":
        trues = pc.is_in(raw, value_set=pa.array(spec.true_values, pa.string()))
        falses = pc.is_in(raw, value_set=pa.array(spec.false_values, pa.string()))
        typed = pc.if_else(trues, True, pc.if_else(falses, False, pa.scalar(None, pa.bool_())))
        return pc.if_else(valid, typed, pa.scalar(None, pa.bool_())), present.copy()
    canonical = present & _mask(pc.match_substring_regex(raw, CANONICAL[spec.type]))
    if spec.type == "date":
        canonical &= ~_mask(pc.starts_with(raw, "0000"))  # year 0 is no Python date
    text = pc.if_else(pa.array(canonical), raw, pa.scalar(None, pa.string()))
    if spec.type == "integer":
        return pc.cast(text, pa.int64()), canonical
    if spec.type == "number":
        return pc.cast(text, pa.float64()), canonical
    # Dates: strptime accepts 2023-02-30 (as 2 March); a round trip through date32 catches it.
    stamps = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
    dates = pc.cast(stamps, pa.date32())
    same = _mask(pc.equal(pc.cast(dates, pa.string()), text))
    return pc.if_else(pa.array(same), dates, pa.scalar(None, pa.date32())), canonical & same


def _violates(spec: ColumnSpec, name: str, raw: pa.Array, typed) -> np.ndarray:
    value = spec.typed_constraints.get(name, spec.constraints[name])
    if name in ("minLength", "maxLength"):
        lengths = pc.utf8_length(raw)
        return _mask(pc.less(lengths, value) if name == "minLength" else pc.greater(lengths, value))
    if name == "pattern":
        return ~_mask(pc.match_substring_regex(raw, spec.regex))
    if name == "enum":
        members = [v for v in value if v is not None]
        values = typed if spec.type != "any" else raw
        value_type = values.type
        try:
            value_set = pa.array(members, value_type)
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):  # members of another type never match
            value_set = pa.array([m for m in members if _fits(m, value_type)], value_type)
        return ~_mask(pc.is_in(values, value_set=value_set))
    bound = float(value) if spec.type == "number" else value
    return ~_mask(BOUNDS[name](typed, pa.scalar(bound, typed.type)))


def _fits(member: Any, value_type) -> bool:
    try:
        pa.array([member], value_type)
        return True
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        return False


def _with_nulls(strings: pa.Array, ok: np.ndarray) -> pa.Array:
    """`strings` with null where not `ok`, sharing its data (keys of a million ids cost no copy)."""
    if ok.all() and not strings.null_count:
        return strings
    bits = np.concatenate([np.zeros(strings.offset, dtype=bool), ok & _mask(pc.is_valid(strings))])
    validity = pa.py_buffer(np.packbits(bits, bitorder="little"))
    return pa.Array.from_buffers(pa.string(), len(strings), [validity, *strings.buffers()[1:]], offset=strings.offset)


def _key(spec: ColumnSpec, raw: pa.Array, typed, ok: np.ndarray):
    mask = pa.array(ok)
    if spec.type in ("string", "any", "date"):
        # A canonical date's text is its isoformat; odd cells are replaced below.
        return _with_nulls(raw, ok)
    if spec.type == "boolean":
        return pc.if_else(mask, pc.if_else(typed, "True", "False"), pa.scalar(None, pa.string()))
    return pc.if_else(mask, pc.cast(typed, pa.string()), pa.scalar(None, pa.string()))


def _read_odd(spec: ColumnSpec, raw: pa.Array, positions: np.ndarray, errors: list[CellError], key):
    """Cells outside the canonical forms, read by frictionless' own cell reader."""
    replacements = []
    for i in positions:
        cell = raw[int(i)].as_py()
        value, notes = spec.reader(cell)
        notes = dict(notes or {})
        if "type" in notes:
            errors.append(CellError(int(i), "type-error", 0, cell, notes.pop("type")))
        for name, note in notes.items():
            errors.append(CellError(int(i), "constraint-error", 1 + CONSTRAINTS[spec.type].index(name), cell, note))
        replacements.append(None if value is None else str(value))
    if key is None:
        return None
    mask = np.zeros(len(raw), dtype=bool)
    mask[positions] = True
    return pc.replace_with_mask(key, pa.array(mask), pa.array(replacements, pa.string()))
