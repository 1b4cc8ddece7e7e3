"""The messages frictionless 5 writes for each row and header error, word for word.

The DuckDB checks (tableschema.py) report what frictionless reports, so its findings carry the same text; these templates
are frictionless' own (`frictionless/errors/*.py`), filled the same way.

>>> cell_error("constraint-error", "Az", 3, "country_code", 3, 'constraint "pattern" is "^[A-Z]{2}$"')
'The cell "Az" in row at position "3" and field "country_code" at position "3" does not conform to a constraint: constraint "pattern" is "^[A-Z]{2}$"'
>>> row_error("primary-key", 7, "the same as in the row at position 2")
'Row at position "7" violates the primary key: the same as in the row at position 2'
"""

from __future__ import annotations

CELL = {
    "type-error": 'Type error in the cell "{cell}" in row "{row}" and field "{field}" at position "{number}": {note}',
    "constraint-error": (
        'The cell "{cell}" in row at position "{row}" and field "{field}" at position "{number}" '
        "does not conform to a constraint: {note}"
    ),
    "unique-error": (
        'Row at position "{row}" has unique constraint violation in field "{field}" at position "{number}": {note}'
    ),
    "extra-cell": 'Row at position "{row}" has an extra value in field at position "{number}"',
    "missing-cell": 'Row at position "{row}" has a missing cell in field "{field}" at position "{number}"',
}
ROW = {
    "blank-row": 'Row at position "{row}" is completely blank',
    "primary-key": 'Row at position "{row}" violates the primary key: {note}',
    "foreign-key": 'Row at position "{row}" violates the foreign key: {note}',
}
LABEL = {
    "extra-label": 'There is an extra label "{label}" in header at position "{number}"',
    "missing-label": 'There is a missing label in the header\'s field "{field}" at position "{number}"',
    "blank-label": 'Label in the header in field at position "{number}" is blank',
    "duplicate-label": 'Label "{label}" in the header at position "{number}" is duplicated to a label: {note}',
    "incorrect-label": (
        'Label "{label}" in field {field} at position "{number}" does not match the field name in the schema'
    ),
}


def cell_error(kind: str, cell: str, row: int, field: str, number: int, note: str = "") -> str:
    return CELL[kind].format(cell=quoted_cell(cell), row=row, field=field, number=number, note=note)


MAX_QUOTED = 100  # characters of a cell a message quotes (frictionless quotes all of it)


def quoted_cell(cell: str) -> str:
    """A cell as a message quotes it: a long one by its start and its length, so that a message echoes little
    of an input.

    >>> quoted_cell("2024-" + "9" * 10_000)
    '2024-99999999999999999999999999999999999999999999999999999999999999999999999999... (10,005 characters)'
    """
    return cell if len(cell) <= MAX_QUOTED else f"{cell[: MAX_QUOTED - 20]}... ({len(cell):,} characters)"


def frictionless_message(message: str, cell: object) -> str:
    """frictionless' message of a cell error, quoting the cell as `cell_error` does (the first quoted text of
    its message is the cell)."""
    if not isinstance(cell, str) or len(cell) <= MAX_QUOTED:
        return message
    return message.replace(f'"{cell}"', f'"{quoted_cell(cell)}"', 1)


def row_error(kind: str, row: int, note: str = "") -> str:
    return ROW[kind].format(row=row, note=note)


def label_error(kind: str, label: str, field: str, number: int, note: str = "") -> str:
    return LABEL[kind].format(label=label, field=field, number=number, note=note)


def type_note(field_type: str, field_format: str) -> str:
    return f'type is "{field_type}/{field_format}"'


def constraint_note(name: str, value: object) -> str:
    """As frictionless words it: the constraint's value as written in the schema, through `str()`."""
    return f'constraint "{name}" is "{value}"'


def same_as_note(previous_row: int) -> str:
    return f"the same as in the row at position {previous_row}"


ALL_NONE_NOTE = 'cells composing the primary keys are all "None"'


def foreign_key_note(fields: list[str], values: list[str], table: str, ref_fields: list[str]) -> str:
    return (
        f'for "{", ".join(fields)}": values "{", ".join(values)}" not found in the lookup table '
        f'"{table}" as "{", ".join(ref_fields)}"'
    )
