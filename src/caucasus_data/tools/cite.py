"""Evidence rows from exact words: `caucasus-data cite ARTICLE_ID "exact words"` prints the row to paste into
`curated/evidence.csv`. Where the words occur more than once, it prints one row per occurrence, numbered in
`occurrence`, and shows the words around each, so that the contributor keeps the row of the one they mean.

>>> from caucasus_data.model.locate import checkout_root
>>> [(c.occurrence, c.char_start) for c in cite(checkout_root(), "000_8730724a31ace38e", "Mikhail Galuzin")]
[(None, 169)]
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import csvformat, layout
from ..model.paths import InputError, read_input
from ..model.schema import read_schemas
from ..parse.spans import closest, occurrences
from ..pipeline.read import MAX_SEED_BYTES, excerpt


class CiteError(LookupError):
    """The article or the words cannot be found; the message says what is closest."""


@dataclass(frozen=True)
class Citation:
    article_id: str
    char_start: int
    char_end: int
    quote: str
    occurrence: int | None  # which occurrence of the words, when there are several
    context: str  # the words around them, for choosing between occurrences


def article_text(root: Path, article_id: str) -> str:
    seeds = sorted(p.stem for p in (root / layout.SEEDS).glob("*.txt"))
    if article_id not in seeds:
        raise CiteError(f"no article {excerpt(article_id)} in seeds/; the articles are: {', '.join(seeds)}")
    try:
        return read_input(root, layout.seed_path(f"{article_id}.txt"), MAX_SEED_BYTES).decode("utf-8")
    except (InputError, UnicodeDecodeError) as exc:
        raise CiteError(f"{layout.seed_path(article_id + '.txt')} cannot be read: {exc}") from None


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    before, after = text[max(0, start - width) : start], text[end : end + width]
    return " ".join(f"...{before}[{text[start:end]}]{after}...".split())


def cite(root: Path, article_id: str, words: str) -> list[Citation]:
    """Every place the exact words stand in the article."""
    text = article_text(root, article_id)
    found = occurrences(text, words)
    if not found:
        start, end, score = closest(text, words)
        raise CiteError(
            f"the words are not in {article_id}; the closest are {excerpt(text[start:end], 80)} "
            f"at {start}:{end} ({score:.0%} alike)"
        )
    several = len(found) > 1
    return [
        Citation(article_id, s, s + len(words), words, n if several else None, _context(text, s, s + len(words)))
        for n, s in enumerate(found, start=1)
    ]


def evidence_rows(root: Path, citations: list[Citation], subject_id: str = "", prop: str = "", value: str = "") -> str:
    """The citations as curated/evidence.csv rows (no header), ready to paste.

    >>> from caucasus_data.model.locate import checkout_root
    >>> found = cite(checkout_root(), "000_8730724a31ace38e", "Mikhail Galuzin")
    >>> print(evidence_rows(checkout_root(), found, "mikhail-galuzin"), end="")
    mikhail-galuzin,,,000_8730724a31ace38e,Mikhail Galuzin,,,
    """
    header = read_schemas(root)["evidence"].input_field_names
    rows = [
        {
            "subject_id": subject_id,
            "property": prop,
            "value": value,
            "article_id": c.article_id,
            "quote": c.quote,
            "occurrence": str(c.occurrence or ""),
        }
        for c in citations
    ]
    return csvformat.render(header, rows).decode("utf-8").split("\n", 1)[1]
