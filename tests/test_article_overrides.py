"""The build on a copy of the package: the seeds' rows, the no-dateline error, and curated overrides winning."""

from __future__ import annotations

import datetime

from conftest import ARMENPRESS, MEDIAMAX, TASS, append_rows, read_rows

from caucasus_data.cli import main
from caucasus_data.pipeline import build

TODAY = datetime.date(2026, 1, 1)
NO_DATELINE = "seeds/010_no_dateline.txt"
EXAMPLE_LINE = f"{NO_DATELINE},OUTLET_ID,YYYY-MM-DD,,,,,where the date comes from"


def _by_id(root, table, key):
    return {row[key]: row for row in read_rows(root, table)}


def _add_undated_article(root):
    (root / NO_DATELINE).write_text(
        "Galuzin on the talks\n\nRussian Deputy Foreign Minister Mikhail Galuzin spoke on Friday.\n\n"
        '"We are ready to help," Galuzin said. "The talks go on," Ilham Aliyev said.\n',
        encoding="utf-8",
    )


def test_seed_articles(package):
    report = build(package, today=TODAY)
    assert report.ok, report.findings
    articles = _by_id(package, "articles", "article_id")
    got = {
        a: (
            r["outlet_name"],
            r["outlet_id"],
            r["dateline_place_name"],
            r["dateline_place_id"],
            r["published_date"],
            r["published_date_inferred"],
            r["dateline_start"],
            r["dateline_end"],
            r["overridden_fields"],
        )
        for a, r in articles.items()
    }
    assert got == {
        TASS: ("TASS", "tass", "MOSCOW", "moscow", "2024-06-05", "true", "0", "23", ""),
        ARMENPRESS: ("ARMENPRESS", "armenpress", "YEREVAN", "yerevan", "2024-05-15", "true", "0", "28", ""),
        MEDIAMAX: ("Mediamax", "mediamax", "Yerevan", "yerevan", "2023-10-09", "false", "1", "36", ""),
    }
    assert articles[MEDIAMAX]["published_date_method"] == "read from the dateline"
    assert articles[ARMENPRESS]["published_date_method"].startswith("year inferred, the earliest that fits:")
    quotes = _by_id(package, "quotes", "quote_id")
    assert (quotes[f"{MEDIAMAX}-q680"]["attribution"], quotes[f"{MEDIAMAX}-q680"]["quote_type"]) == (
        "According to him",
        "partial",
    )
    assert {q["published_date"] for q in quotes.values() if q["article_id"] == TASS} == {"2024-06-05"}
    assert [q["quote_id"] for q in quotes.values() if q["quote_type"] == "term"] == [f"{ARMENPRESS}-q1188"]
    assert all(q["speaker_id"] == "mikhail-galuzin" for q in quotes.values() if q["quote_type"] != "term")


def test_published_files_are_current(package):
    # The committed CSV, Parquet and descriptor are exactly what the build makes of the committed inputs.
    report = build(package, check=True)
    assert report.ok, report.findings
    assert report.files == []


def test_no_dateline_stops_the_build_naming_the_file_and_the_override(package, capsys):
    _add_undated_article(package)
    before = (package / "data" / "articles.csv").read_bytes()
    assert main(["build", "--root", str(package)]) == 1
    out, err = capsys.readouterr()
    assert f"{NO_DATELINE}::: no dateline was recognised at the top of the article" in out
    assert "Add this line to curated/article_metadata.csv" in out
    assert EXAMPLE_LINE in out
    assert "nothing was written" in err
    assert (package / "data" / "articles.csv").read_bytes() == before
    assert not (package / "data" / "010_no_dateline.csv").exists()


def test_dateline_without_a_date_asks_only_for_the_date(package):
    (package / "seeds" / "011_undated.txt").write_text("MOSCOW (TASS) - Galuzin spoke.\n", encoding="utf-8")
    report = build(package)
    assert [(f.file, f.kind) for f in report.findings] == [("seeds/011_undated.txt", "dateline")]
    assert report.findings[0].message == (
        "the dateline 'MOSCOW (TASS)' gives no date. Add this line to curated/article_metadata.csv, with the "
        "publication date from the article's page (leave a column empty when unknown): "
        "seeds/011_undated.txt,,YYYY-MM-DD,,,,,where the date comes from"
    )


def test_dateline_without_an_agency_builds_with_a_warning(package):
    (package / "seeds" / "012_no_agency.txt").write_text(
        "YEREVAN, May 15. Talks were held in 2024.\n", encoding="utf-8"
    )
    report = build(package, today=TODAY)
    assert report.ok, report.findings
    assert (
        "seeds/012_no_agency.txt: the text names no outlet; outlet_id left empty (set it in curated/article_metadata.csv)"
    ) in report.warnings
    row = _by_id(package, "articles", "article_id")["012_no_agency"]
    assert (row["outlet_id"], row["dateline_place_id"], row["published_date"]) == ("", "yerevan", "2024-05-15")


def test_year_that_only_the_build_date_bounds_is_a_warning_until_curated(package):
    """`YEREVAN, DECEMBER 1` with no year anywhere in the text: the year is the latest that fits up to the
    build date, which a later build would move; the build says so, and an override fixes it."""
    (package / "seeds" / "014_no_clue.txt").write_text(
        "YEREVAN, DECEMBER 1, ARMENPRESS. Talks went on.\n", encoding="utf-8"
    )
    warning = (
        "seeds/014_no_clue.txt: the year of 2025-12-01 is the latest that fits up to today, as nothing in "
        "the text bounds it from below; a build in a later year may choose a later year: set "
        "published_date in curated/article_metadata.csv to keep it"
    )
    report = build(package, today=TODAY)
    assert report.ok, report.findings
    assert warning in report.warnings
    assert _by_id(package, "articles", "article_id")["014_no_clue"]["published_date"] == "2025-12-01"
    # The seeds' years have lower bounds in their texts: no such warning.
    assert not [w for w in report.warnings if "may choose a later year" in w and "014_no_clue" not in w]
    append_rows(package, "article_metadata", ["seeds/014_no_clue.txt,,2025-12-01,,,,,the outlet's page"])
    report = build(package, today=TODAY)
    assert report.ok, report.findings
    assert not [w for w in report.warnings if "may choose a later year" in w]


def test_seed_that_is_not_utf8(package):
    (package / "seeds" / "013_cp1251.txt").write_bytes("MOSCOW, June 5. /TASS/. Россия".encode("cp1251"))
    report = build(package)
    assert [(f.file, f.kind, f.message) for f in report.findings] == [
        (
            "seeds/013_cp1251.txt",
            "encoding-error",
            "is not UTF-8: byte 0xd0 at offset 24 (line 1); save the article as UTF-8",
        )
    ]


def test_override_supplies_what_the_text_cannot(package, capsys):
    _add_undated_article(package)
    append_rows(
        package,
        "article_metadata",
        [f"{NO_DATELINE},tass,2024-06-07,moscow,,https://tass.com/politics/1,,date from the outlet's page"],
    )
    assert main(["build", "--root", str(package)]) == 0
    err = capsys.readouterr().err
    assert (
        f"override: {NO_DATELINE}: outlet_id 'tass' (parsed: none), dateline_place_id 'moscow' (parsed: none), "
        f"published_date '2024-06-07' (parsed: none), url 'https://tass.com/politics/1' (parsed: none) "
        f"from curated/article_metadata.csv"
    ) in err
    row = _by_id(package, "articles", "article_id")["010_no_dateline"]
    assert (row["outlet_id"], row["published_date"], row["dateline_place_id"], row["url"], row["dateline"]) == (
        "tass",
        "2024-06-07",
        "moscow",
        "https://tass.com/politics/1",
        "",
    )
    assert (row["published_date_inferred"], row["published_date_method"]) == (
        "false",
        "curated in curated/article_metadata.csv",
    )
    assert row["overridden_fields"] == "outlet_id dateline_place_id published_date url"
    quotes = [q for q in read_rows(package, "quotes") if q["article_id"] == "010_no_dateline"]
    assert [(q["char_start"], q["speaker_id"], q["published_date"]) for q in quotes] == [
        ("89", "mikhail-galuzin", "2024-06-07"),
        ("127", "", "2024-06-07"),
    ]
    assert "warning: seeds/010_no_dateline.txt: the speaker of the quote at 127" in err


def test_override_wins_over_the_parsed_date(package, capsys):
    append_rows(
        package,
        "article_metadata",
        [f"seeds/{TASS}.txt,,2024-06-04,,Galuzin on the Almaty talks,,,the interview ran a day earlier"],
    )
    assert main(["build", "--root", str(package)]) == 0
    assert (
        f"override: seeds/{TASS}.txt: title 'Galuzin on the Almaty talks' (parsed: none), published_date "
        f"'2024-06-04' (parsed: 2024-06-05) from curated/article_metadata.csv"
    ) in capsys.readouterr().err
    row = _by_id(package, "articles", "article_id")[TASS]
    assert (row["published_date"], row["published_date_inferred"], row["title"], row["overridden_fields"]) == (
        "2024-06-04",
        "false",
        "Galuzin on the Almaty talks",
        "title published_date",
    )
    assert row["outlet_id"] == "tass"  # what the override leaves empty stays as parsed
    assert {q["published_date"] for q in read_rows(package, "quotes") if q["article_id"] == TASS} == {"2024-06-04"}


def test_override_without_a_date_for_an_undated_article(package):
    _add_undated_article(package)
    append_rows(package, "article_metadata", [f"{NO_DATELINE},tass,,,,,,"])
    report = build(package)
    assert [(f.file, f.kind) for f in report.findings] == [(NO_DATELINE, "dateline")]
    assert "its row in curated/article_metadata.csv gives no published_date" in report.findings[0].message


def test_override_date_must_be_a_date(package):
    append_rows(package, "article_metadata", [f"seeds/{TASS}.txt,,5 June 2024,,,,,"])
    report = build(package)
    assert [(f.file, f.row, f.field, f.kind) for f in report.findings] == [
        ("curated/article_metadata.csv", 2, "published_date", "type-error")
    ]


def test_override_for_a_missing_seed_file(package):
    append_rows(package, "article_metadata", ["seeds/099_gone.txt,,2024-01-01,,,,,"])
    report = build(package)
    assert [(f.file, f.row, f.kind) for f in report.findings] == [("curated/article_metadata.csv", 2, "foreign-key")]


def _no_quote_overrides(package):
    """Start from an empty quote_overrides table (the real one links every quote to its interview)."""
    path = package / "curated" / "quote_overrides.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")


def test_quote_override_sets_speaker_and_event(package, capsys):
    _no_quote_overrides(package)
    _add_undated_article(package)
    append_rows(package, "article_metadata", [f"{NO_DATELINE},tass,2024-06-07,,,,,"])
    append_rows(
        package,
        "events",
        ["rbc-interview-2023-10,Galuzin's interview with RBC,CONSULT,,,occurred,,Interview of Galuzin."],
    )
    append_rows(
        package,
        "evidence",
        [f'rbc-interview-2023-10,,,{MEDIAMAX},"the deputy foreign minister said in an interview with RBC",,,'],
    )
    append_rows(
        package,
        "quote_overrides",
        [
            f"{MEDIAMAX},240,,rbc-interview-2023-10,,said in the RBC interview",
            "010_no_dateline,127,mikhail-galuzin,,,test: Aliyev is not curated here",
        ],
    )
    assert main(["build", "--root", str(package)]) == 0
    err = capsys.readouterr().err
    assert (
        f"override: {MEDIAMAX}-q240: event_id 'rbc-interview-2023-10' (parsed: none) from curated/quote_overrides.csv"
    ) in err
    assert "the speaker of the quote at 127" not in err
    quotes = _by_id(package, "quotes", "quote_id")
    assert (
        quotes[f"{MEDIAMAX}-q240"]["event_id"],
        quotes[f"{MEDIAMAX}-q240"]["speaker_id"],
        quotes[f"{MEDIAMAX}-q240"]["overridden_fields"],
    ) == ("rbc-interview-2023-10", "mikhail-galuzin", "event_id")
    assert (
        quotes["010_no_dateline-q127"]["speaker_id"],
        quotes["010_no_dateline-q127"]["attribution"],
        quotes["010_no_dateline-q127"]["overridden_fields"],
    ) == ("mikhail-galuzin", "Ilham Aliyev said", "speaker_id")


def test_quote_override_that_matches_no_quote(package):
    _no_quote_overrides(package)
    append_rows(package, "quote_overrides", [f"{MEDIAMAX},241,mikhail-galuzin,,,off by one"])
    report = build(package)
    assert [(f.file, f.row, f.field, f.message) for f in report.findings] == [
        (
            "curated/quote_overrides.csv",
            2,
            "char_start",
            f"no quote of {MEDIAMAX} starts at 241; its quotes start at 240, 680, 711, 1147, 2124",
        )
    ]
