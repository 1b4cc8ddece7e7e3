"""EDTF bounds: the dates read directly (level 0) are the ones the edtf package gives."""

from __future__ import annotations

import datetime

import pytest

from caucasus_data.model.dates import EDTFError, _plain, _precision, bounds

LEVEL_0 = [
    "2024",
    "2023-05",
    "2024-02",
    "2023-02",
    "1900-02",
    "2000-02",
    "2024-06-05",
    "2024-02-29",
    "0001",
    "9999-12-31",
    "2023-12",
]


@pytest.mark.parametrize("text", LEVEL_0)
def test_level_0_dates_read_directly_agree_with_the_edtf_package(text):
    from edtf import parse_edtf, struct_time_to_date

    parsed = parse_edtf(text)
    assert _plain(text) == (
        struct_time_to_date(parsed.lower_strict()),
        struct_time_to_date(parsed.upper_strict()),
        _precision(text),
    )


@pytest.mark.parametrize("text", ["2023-02-30", "2023-13", "2023-21", "0000", "2024-06-05?", "2024-XX", "x"])
def test_other_values_are_left_to_the_edtf_package(text):
    assert _plain(text) is None


def test_bounds_of_intervals_and_errors():
    assert bounds("2024-05-10/2024-05-11").end == datetime.date(2024, 5, 11)
    for text in ("2024-13-01", "2023-21"):  # no month 13; 21 is a season (spring), not a single date
        with pytest.raises(EDTFError):
            bounds(text)
