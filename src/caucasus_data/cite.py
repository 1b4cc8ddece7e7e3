"""Evidence rows from exact words: `caucasus-data cite ARTICLE_ID "exact words"`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import csvfiles
from .identifiers import evidence_id
from .spans import closest, occurrences
from .tableschema import read_schemas


class CiteError(LookupError):
    """The article or the words cannot be found; the message says what is closest."""


@dataclass(frozen=True)
class Citation:
    article_id: str
    char_start: int
    char_end: int
    quote: str


def article_text(root: Path, article_id: str) -> str:
    path = root / "seeds" / f"{article_id}.txt"
    if not path.is_file():
        known = sorted(p.stem for p in (root / "seeds").glob("*.txt"))
        raise CiteError(f"no article {article_id!r} in {root / 'seeds'}; the articles are: {', '.join(known)}")
    return path.read_bytes().decode("utf-8")


def cite(root: Path, article_id: str, words: str) -> list[Citation]:
    """Every place the exact words stand in the article.

    >>> [(c.char_start, c.char_end) for c in cite(Path("."), "000_8730724a31ace38e", "Mikhail Galuzin")]
    [(169, 184)]
    """
    text = article_text(root, article_id)
    found = occurrences(text, words)
    if not found:
        start, end, score = closest(text, words)
        raise CiteError(
            f"the words are not in {article_id}; the closest are {text[start:end]!r} "
            f"at {start}:{end} ({score:.0%} alike)"
        )
    return [Citation(article_id, start, start + len(words), words) for start in found]


def evidence_rows(root: Path, citations: list[Citation], subject_id: str = "", prop: str = "", value: str = "") -> str:
    """The citations as data/evidence.csv rows (no header), ready to paste."""
    header = read_schemas(root)["evidence"].field_names
    rows = []
    for c in citations:
        row = {
            "subject_id": subject_id,
            "property": prop,
            "value": value,
            "article_id": c.article_id,
            "char_start": str(c.char_start),
            "char_end": str(c.char_end),
            "quote": c.quote,
        }
        if subject_id:
            row["evidence_id"] = evidence_id(row)
        rows.append(row)
    return csvfiles.render(header, rows).decode("utf-8").split("\n", 1)[1]
