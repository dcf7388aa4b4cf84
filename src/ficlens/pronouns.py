"""Who "he" and "she" are at a given point of the text: a running salience model.

A tag pronoun ('"Hey," she replied softly') refers to the most salient character of
its gender: the one named (outside quotations) or heard speaking most recently in the
scene. Dialogue adds a constraint: a new turn is usually said by someone other than
the previous turn's speaker, and the person the previous turn addressed by name is the
likeliest to answer. So the resolver takes the characters to avoid and to prefer.

Names inside quotations do not count: 'Tell Kirk I said hi' does not bring Kirk into
the room.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .character_index import CharacterIndex

# How far back a pronoun may reach for its referent (characters of text).
SCENE_REACH = 3000


@dataclass(slots=True)
class Resolution:
    entity: str
    certainty: float  # 1.0 when one character of that gender is in the scene


@dataclass(slots=True)
class Salience:
    """Recency of each character: name mentions in narration plus attributed lines."""

    index: CharacterIndex
    quote_spans: Sequence[tuple[int, int]]
    _events: list[tuple[int, str]] = field(default_factory=list)
    _offsets: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        starts = [s for s, _ in self.quote_spans]
        for mention in self.index.names:
            i = bisect.bisect_right(starts, mention.start) - 1
            if i >= 0 and self.quote_spans[i][0] <= mention.start < self.quote_spans[i][1]:
                continue
            self._events.append((mention.start, mention.entity))
        self._events.sort()
        self._offsets = [offset for offset, _ in self._events]

    def add(self, offset: int, entity: str) -> None:
        """Record that ``entity`` was active at ``offset`` (spoke a line, was resolved)."""
        i = bisect.bisect_right(self._offsets, offset)
        self._offsets.insert(i, offset)
        self._events.insert(i, (offset, entity))

    def recent(self, offset: int, *, reach: int = SCENE_REACH) -> list[str]:
        """Distinct characters active before ``offset``, most recent first."""
        seen: dict[str, None] = {}
        i = bisect.bisect_left(self._offsets, offset) - 1
        floor = offset - reach
        while i >= 0 and self._offsets[i] >= floor:
            seen.setdefault(self._events[i][1], None)
            i -= 1
        return list(seen)

    def resolve(
        self,
        offset: int,
        gender: str,
        *,
        avoid: Iterable[str] = (),
        prefer: Iterable[str] = (),
    ) -> Resolution | None:
        """The character a "he"/"she" at ``offset`` most likely refers to."""
        recent = self.recent(offset)
        matching = [e for e in recent if self.index.gender(e) == gender]
        unknown = [e for e in recent if self.index.gender(e) in ("unknown", "nonbinary")]
        candidates = matching or unknown
        if not candidates:
            return None
        certainty = 1.0 if len(candidates) == 1 else 0.8
        for entity in prefer:
            if entity in candidates:
                return Resolution(entity, certainty)
        avoided = set(avoid)
        for entity in candidates:
            if entity not in avoided:
                return Resolution(entity, certainty if entity == candidates[0] else certainty * 0.9)
        return Resolution(candidates[0], certainty * 0.7)
