"""What the build would make of a new article, without touching the package: `caucasus-data new-article`."""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path

from ..model import layout
from ..pipeline import BuildReport, build

# What a build reads (it writes only data/, which a check leaves alone).
PACKAGE_PARTS = (layout.SEEDS, layout.CURATED, layout.SCHEMAS, layout.DESCRIPTOR)


def preview(root: Path, seed: Path) -> tuple[BuildReport, str]:
    """Build a temporary copy of the package at `root` with `seed` added; the report and the seed's path
    in it (`seeds/<name>`)."""
    with tempfile.TemporaryDirectory(prefix="caucasus-data-preview-") as scratch:
        copy = Path(scratch) / "package"
        for part in PACKAGE_PARTS:
            source = root / part
            if source.is_dir():
                shutil.copytree(source, copy / part)
            elif source.is_file():
                shutil.copy2(source, copy / part)
        relative = layout.seed_path(seed.name)
        if seed.resolve() != (root / relative).resolve():
            shutil.copy2(seed, copy / relative)
        return build(copy, check=True), relative


def describe(report: BuildReport, relative: str) -> list[str]:
    """Lines that say what the parser found in the article at `relative`."""
    article = next((a for a in report.tables.get("articles", []) if a["seed_file"] == relative), None)
    if article is None:
        return []
    article_id = article["article_id"]
    lines = [
        f"article_id:   {article_id}",
        f"dateline:     {article.get('dateline') or '(none)'}",
        f"outlet:       {article.get('outlet_name') or '-'} -> {article.get('outlet_id') or '(not resolved)'}",
        f"place:        {article.get('dateline_place_name') or '-'} -> "
        f"{article.get('dateline_place_id') or '(not resolved)'}",
        f"published:    {article.get('published_date') or '-'} ({article.get('published_date_method') or '-'})",
        f"language:     {article.get('language') or '(not recognised)'}",
    ]
    quotes = [q for q in report.tables.get("quotes", []) if q["article_id"] == article_id]
    lines.append(f"quotes:       {len(quotes)}")
    for q in quotes:
        words = q["text"].replace("\n", " ")
        words = words if len(words) <= 60 else words[:57] + "..."
        lines.append(
            f"  {q['char_start']:>5}:{q['char_end']:<5} {q['quote_type']:<9} "
            f"{q['speaker_id'] or '(speaker not resolved)'}  [{q['attribution'] or '-'}]  {words!r}"
        )
    mentions = Counter(m["entity_id"] for m in report.tables.get("mentions", []) if m["article_id"] == article_id)
    lines.append(f"mentions:     {sum(mentions.values())} of {len(mentions)} curated entities")
    lines.extend(f"  {entity_id}: {count}" for entity_id, count in sorted(mentions.items()))
    return lines
