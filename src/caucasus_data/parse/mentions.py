"""Finding every name and alias of the curated entities in a text, with one Aho-Corasick automaton.

The cost is linear in the text length plus the matches, whatever the number of aliases. Names match on
word boundaries and ignore case, except all-capital names (acronyms such as `CIS`), which match exactly.
Where names overlap, the leftmost longest wins ("Russian Deputy Foreign Minister" over "Russian").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Mention:
    start: int
    end: int
    entity_id: str
    surface: str


def fold(text: str) -> str:
    """Lower case, one character for one, so that offsets in the folded text are offsets in `text`.

    >>> fold("İzmir ΟΔΟΣ Baku")  # İ lowers to two characters: kept; Σ lowers alone, not as a final ς
    'İzmir οδοσ baku'
    """
    lowered = text.lower()
    # str.lower() on the whole text is the same, and far faster, unless a character lowers to several
    # (the length changes) or a Σ ends a word (lowered as ς in context, σ alone).
    if len(lowered) == len(text) and "Σ" not in text:
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


class EntityMatcher:
    """Finds names in texts.

    >>> m = EntityMatcher([("cis", "CIS"), ("mikhail-galuzin", "Mikhail Galuzin"), ("mikhail-galuzin", "Galuzin")])
    >>> [(x.surface, x.entity_id) for x in m.find("Mikhail Galuzin spoke at the CIS summit; Galuzin, not cisterns.")]
    [('Mikhail Galuzin', 'mikhail-galuzin'), ('CIS', 'cis'), ('Galuzin', 'mikhail-galuzin')]
    """

    def __init__(self, names: Iterable[tuple[str, str]]):
        import ahocorasick

        self._automaton = ahocorasick.Automaton()
        entries: dict[str, set[tuple[str, str | None]]] = {}
        for entity_id, name in names:
            name = name.strip()
            if name:
                # An acronym keeps its exact spelling to compare against the surface.
                entries.setdefault(fold(name), set()).add((entity_id, name if _is_acronym(name) else None))
        for key, targets in entries.items():
            self._automaton.add_word(key, (len(key), tuple(sorted(targets, key=str))))
        self._empty = not entries
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Mention]:
        if self._empty:
            return []
        candidates = []
        for last, (length, targets) in self._automaton.iter(fold(text)):
            start, end = last - length + 1, last + 1
            if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                continue
            surface = text[start:end]
            ids = sorted({eid for eid, exact in targets if exact is None or exact == surface})
            if ids:
                candidates.append((start, -end, ids, surface))
        candidates.sort()
        found: list[Mention] = []
        reach = 0
        for start, neg_end, ids, surface in candidates:
            if start >= reach:
                found.extend(Mention(start, -neg_end, eid, surface) for eid in ids)
                reach = -neg_end
        return found
