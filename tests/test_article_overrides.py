"""The build on a copy of the package: the seeds' rows, the no-dateline error, and curated overrides winning."""

from __future__ import annotations

import datetime

import pytest
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
    assert articles[ARMENPRESS]["published_date_method"].startswith("year inferred, the only year that fits:")
    assert {r["published_date_unknown"] for r in articles.values()} == {"false"}
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
        "the dateline 'MOSCOW (TASS)' gives no date and no line above it does. Add this line to "
        "curated/article_metadata.csv, with the publication date from the article's page (leave a column empty "
        "when unknown; the date unknown when no source gives it): "
        "seeds/011_undated.txt,,YYYY-MM-DD,,,,,where the date comes from"
    )
    # With the date from the override, the dateline's place and outlet still resolve.
    append_rows(package, "article_metadata", ["seeds/011_undated.txt,,2024-06-07,,,,,the outlet's page"])
    report = build(package, today=TODAY)
    assert report.ok, report.findings
    row = _by_id(package, "articles", "article_id")["011_undated"]
    assert (row["outlet_id"], row["dateline_place_id"], row["published_date"]) == ("tass", "moscow", "2024-06-07")


def test_dateline_without_an_agency_builds_with_a_warning(package):
    (package / "seeds" / "012_no_agency.txt").write_text(
        "YEREVAN, May 15. Talks were held on Wednesday, the fourth round since they began in 2024.\n", encoding="utf-8"
    )
    report = build(package, today=TODAY)
    assert report.ok, report.findings
    assert (
        "seeds/012_no_agency.txt: the text names no outlet; outlet_id left empty (set it in curated/article_metadata.csv)"
    ) in report.warnings
    row = _by_id(package, "articles", "article_id")["012_no_agency"]
    assert (row["outlet_id"], row["dateline_place_id"], row["published_date"]) == ("", "yerevan", "2024-05-15")


def test_year_that_several_years_fit_is_refused_until_curated(package):
    """`YEREVAN, DECEMBER 1` with no year anywhere in the text: no year is guessed; the build refuses the
    article with the row to add, and a date, or `unknown`, in that row lets it through."""
    (package / "seeds" / "014_no_clue.txt").write_text(
        "YEREVAN, DECEMBER 1, ARMENPRESS. Talks went on.\n", encoding="utf-8"
    )
    report = build(package, today=TODAY)
    assert [(f.file, f.kind) for f in report.findings] == [("seeds/014_no_clue.txt", "dateline")]
    assert report.findings[0].message.startswith(
        "the publication date cannot be made from the dateline 'YEREVAN, DECEMBER 1, ARMENPRESS.': nothing in "
        "the text bounds the year of 12-01 from below (the text gives no clue to its year). Add this line"
    )
    assert report.findings[0].message.endswith("seeds/014_no_clue.txt,,YYYY-MM-DD,,,,,where the date comes from")
    append_rows(package, "article_metadata", ["seeds/014_no_clue.txt,,2025-12-01,,,,,the outlet's page"])
    report = build(package, today=TODAY)
    assert report.ok, report.findings
    assert _by_id(package, "articles", "article_id")["014_no_clue"]["published_date"] == "2025-12-01"


def test_an_article_no_source_dates_is_published_with_an_unknown_date(package):
    (package / "seeds" / "015_undated.txt").write_text(
        "Mirzoyan says treaty text nearly complete\n\n7 min read\n\n"
        'Foreign Minister Ararat Mirzoyan said the two sides had agreed on almost every article. "We are close," '
        "Mirzoyan said.\n",
        encoding="utf-8",
    )
    report = build(package, today=TODAY)
    assert [f.kind for f in report.findings] == ["dateline"]
    assert "no date was found at the top of the article" in report.findings[0].message
    append_rows(
        package, "article_metadata", ["seeds/015_undated.txt,armenpress,unknown,,,,,neither text nor page dates it"]
    )
    report = build(package, today=TODAY)
    assert report.ok, report.findings
    row = _by_id(package, "articles", "article_id")["015_undated"]
    assert (row["published_date"], row["published_date_unknown"], row["published_date_inferred"]) == (
        "",
        "true",
        "false",
    )
    assert row["published_date_method"] == "unknown: no source gives it (curated in curated/article_metadata.csv)"
    assert row["title"] == "Mirzoyan says treaty text nearly complete"
    quotes = [q for q in read_rows(package, "quotes") if q["article_id"] == "015_undated"]
    assert [(q["speaker_id"], q["published_date"]) for q in quotes] == [("ararat-mirzoyan", "")]


@pytest.mark.slow
def test_an_inferred_year_the_build_date_alone_leaves_warns(package):
    report = build(package, today=TODAY)
    assert (
        f"seeds/{TASS}.txt: the year of 2024-06-05 is the only one that fits up to the build date; from 2030-06-05 "
        "on, 2030 fits too and a build will refuse the article: set published_date in curated/article_metadata.csv to keep it"
    ) in report.warnings
    append_rows(package, "article_metadata", [f"seeds/{TASS}.txt,,2024-06-05,,,,,the outlet's page"])
    report = build(package, today=TODAY)
    assert not [w for w in report.warnings if "fits too" in w]


def test_outlets_and_places_not_curated_keep_their_names(package):
    (package / "seeds" / "016_reuters.txt").write_text(
        "Headline\n\nOctober 6, 2023 3:12 PM GMT+4\n\nBAKU/YEREVAN, Oct 6 (Reuters) - Azerbaijan said it was ready.\n",
        encoding="utf-8",
    )
    (package / "seeds" / "017_astana.txt").write_text(
        "Headline\n\nBy Aibek Nurov in Nation on 10 May 2024\n\nASTANA – Kazakhstan said it was ready.\n",
        encoding="utf-8",
    )
    report = build(package, today=TODAY)
    assert report.ok, report.findings
    rows = _by_id(package, "articles", "article_id")
    assert [
        (
            rows[a]["outlet_name"],
            rows[a]["outlet_id"],
            rows[a]["dateline_place_name"],
            rows[a]["dateline_place_id"],
            rows[a]["published_date"],
        )
        for a in ("016_reuters", "017_astana")
    ] == [
        ("Reuters", "", "BAKU/YEREVAN", "", "2023-10-06"),
        ("", "", "ASTANA", "astana", "2024-05-10"),
    ]
    assert (
        "seeds/016_reuters.txt: outlet 'Reuters' is not curated: add a curated/organisations.csv row (or an alias in "
        "curated/aliases.csv), or set outlet_id in curated/article_metadata.csv; outlet_id left empty"
    ) in report.warnings
    assert (
        "seeds/016_reuters.txt: the dateline names several places ('BAKU/YEREVAN'); dateline_place_id left empty "
        "(set it in curated/article_metadata.csv if one of them is the place of the story)"
    ) in report.warnings
    assert (
        "seeds/017_astana.txt: the text names no outlet; outlet_id left empty (set it in curated/article_metadata.csv)"
    ) in report.warnings


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
    # The schema's pattern (a date or `unknown`) refuses the cell as typed.
    assert [(f.file, f.row, f.field, f.kind) for f in report.findings] == [
        ("curated/article_metadata.csv", 2, "published_date", "constraint-error")
    ]
    assert '"5 June 2024"' in report.findings[0].message


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
