"""EDTF dates: their day bounds and precision, which the build derives and validate checks."""

from __future__ import annotations

import calendar
import contextlib
import datetime
import io
import re
from dataclasses import dataclass
from functools import lru_cache

# EDTF level 0 day, month and year (`2024-06-05`, `2023-05`, `2021`): read here directly, for the edtf
# package parses with pyparsing at about 5 ms a value. Anything else goes to the edtf package.
PLAIN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)


class EDTFError(ValueError):
    """The value is not a valid EDTF date or interval."""


@dataclass(frozen=True)
class Bounds:
    start: datetime.date | None
    end: datetime.date | None
    precision: str | None


def _precision(text: str) -> str:
    digits = text.rstrip("?~%")
    return {4: "year", 7: "month"}.get(len(digits.lstrip("-")), "day")


def _plain(text: str) -> tuple[datetime.date, datetime.date, str] | None:
    """Bounds of a level 0 date, the same as the edtf package gives; None for anything else."""
    match = PLAIN.fullmatch(text)
    if not match:
        return None
    year = int(match[1])
    month, day = (int(g) if g else None for g in match.groups()[1:])
    try:
        if day is not None and month is not None:
            date = datetime.date(year, month, day)
            return date, date, "day"
        if month is not None:
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return datetime.date(year, month, 1), datetime.date(year, month, last), "month"
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31), "year"
    except ValueError:  # year 0, month 13 (or 21, a season in EDTF), 30 February: the edtf package decides
        return None


# An EDTF date of any level is a few dozen characters; longer text is not handed to the parser.
MAX_LENGTH = 64


def _single(text: str) -> tuple[datetime.date, datetime.date, str]:
    plain = _plain(text)
    if plain:
        return plain
    if not text.isascii():  # the edtf package's patterns take any Unicode digit (`٢٠٢٤`) for a digit
        raise EDTFError(f"{text[:MAX_LENGTH]!r} is not an EDTF date: EDTF is written in ASCII digits")
    if len(text) > MAX_LENGTH:
        raise EDTFError(f"{text[:MAX_LENGTH]!r}... is not an EDTF date (longer than {MAX_LENGTH} characters)")
    from edtf import parse_edtf, struct_time_to_date

    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the edtf package prints its parse attempts
            parsed = parse_edtf(text)
    except Exception as exc:  # the edtf package raises several types for bad input
        raise EDTFError(f"{text!r} is not a valid EDTF date") from exc
    if type(parsed).__name__ not in ("Date", "UncertainOrApproximate", "Unspecified"):
        raise EDTFError(f"{text!r} is not a single EDTF date")
    try:
        low, high = struct_time_to_date(parsed.lower_strict()), struct_time_to_date(parsed.upper_strict())
    except (ValueError, OverflowError) as exc:  # year 0, negative years: no calendar day to publish
        raise EDTFError(f"{text!r} is outside the years 1 to 9999") from exc
    return low, high, _precision(text)


@lru_cache(maxsize=4096)
def bounds(text: str) -> Bounds:
    """Earliest and latest day an EDTF date or interval can denote, and its precision.

    >>> bounds("2023-05")
    Bounds(start=datetime.date(2023, 5, 1), end=datetime.date(2023, 5, 31), precision='month')
    >>> bounds("../2024-06-05")
    Bounds(start=None, end=datetime.date(2024, 6, 5), precision='day')
    """
    if "/" not in text:
        start, end, precision = _single(text)
        return Bounds(start, end, precision)
    # Each side is parsed alone: the edtf package mis-handles open and unknown interval ends.
    left, _, right = text.partition("/")
    if left in ("", "..") and right in ("", ".."):
        raise EDTFError(f"{text!r} has neither a start nor an end")
    lo = None if left in ("", "..") else _single(left)
    hi = None if right in ("", "..") else _single(right)
    if lo and hi and hi[1] < lo[0]:
        raise EDTFError(f"{text!r} ends before it starts")
    precisions = [p[2] for p in (lo, hi) if p]
    coarsest = min(precisions, key=["year", "month", "day"].index)
    return Bounds(lo[0] if lo else None, hi[1] if hi else None, coarsest)
