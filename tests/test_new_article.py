"""`caucasus-data new-article FILE` shows what the parser finds in an article and changes nothing."""

from __future__ import annotations

import subprocess
import sys

from conftest import snapshot


def new_article(package, path):
    return subprocess.run(
        [sys.executable, "-m", "caucasus_data", "new-article", str(path), "--root", str(package)],
        capture_output=True,
        text=True,
    )


def test_shows_dateline_quotes_and_mentions_without_writing(package, tmp_path):
    article = tmp_path / "910_example.txt"
    article.write_text(
        "BAKU, March 3, 2025 (Example Agency) - Jeyhun Bayramov said on Monday that talks would "
        'continue.\n"We are ready," Bayramov said.\n',
        encoding="utf-8",
    )
    before = snapshot(package)
    result = new_article(package, article)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "article_id:   910_example",
        "dateline:     BAKU, March 3, 2025 (Example Agency)",
        "outlet:       Example Agency -> (not resolved)",
        "place:        BAKU -> baku",
        "published:    2025-03-03 (read from the dateline)",
    ]
    assert "     98:111   statement jeyhun-bayramov  [Bayramov said]  'We are ready,'" in lines
    assert "outlet 'Example Agency' is not curated: add a curated/organisations.csv row" in result.stderr
    assert result.stderr.rstrip().endswith(f"add it with: cp {article} seeds/910_example.txt")
    assert snapshot(package) == before
    assert not (package / "seeds" / "910_example.txt").exists()


def test_names_what_to_add_when_the_dateline_is_unknown(package, tmp_path):
    article = tmp_path / "911_bad.txt"
    article.write_text("An article with no dateline at all.\n", encoding="utf-8")
    result = new_article(package, article)
    assert result.returncode == 1
    assert result.stdout.startswith("seeds/911_bad.txt::: no dateline was recognised")
    assert "curated/article_metadata.csv" in result.stdout


def test_refuses_a_duplicate_seed(package):
    copy = package.parent / "012_copy.txt"
    copy.write_bytes((package / "seeds" / "000_8730724a31ace38e.txt").read_bytes())
    result = new_article(package, copy)
    assert result.returncode == 1
    assert "seeds/012_copy.txt::: has the same text as seeds/000_8730724a31ace38e.txt" in result.stdout
