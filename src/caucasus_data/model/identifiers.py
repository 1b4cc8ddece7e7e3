"""Identifiers the build computes from content, so that rebuilding gives the same ids."""

from __future__ import annotations

import hashlib

EVIDENCE_ID_FIELDS = ("subject_id", "property", "value", "article_id", "char_start", "char_end", "source_id")


def evidence_id(row: dict[str, str]) -> str:
    """`ev-` and a hash of what an evidence row points at.

    >>> evidence_id({"subject_id": "mikhail-galuzin", "article_id": "000_8730724a31ace38e",
    ...              "char_start": "164", "char_end": "179"})
    'ev-b9147a0b19a0'
    """
    key = "\x1f".join(row.get(name) or "" for name in EVIDENCE_ID_FIELDS)
    return "ev-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def quote_id(article_id: str, char_start: int) -> str:
    return f"{article_id}-q{char_start}"


def mention_id(article_id: str, char_start: int, entity_id: str) -> str:
    return f"{article_id}-{char_start}-{entity_id}"
