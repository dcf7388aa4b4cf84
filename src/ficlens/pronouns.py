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
import math
import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .character_index import CharacterIndex

# How far back a pronoun may reach for its referent (characters of text).
SCENE_REACH = 3000
# Salience falls by a factor e every this many characters (about two sentences): a
# name one sentence back still outweighs an older one, yet a subject two sentences
# back is not lost to a name just passed as an object. (150 was chosen over 60, 100
# and 200 by leave-one-fold-out selection on PDNC: every fold's choice was 150.)
_DECAY = 150.0
# A name that opens a sentence is its subject: the topic pronouns go on referring to.
_SUBJECT_WEIGHT = 2.0
_OBJECT_WEIGHT = 1.0
_SPEAKER_WEIGHT = 1.5
_SENTENCE_START = re.compile(r"(?:^|[.!?\"”’:;]\s+|\n\s*)(?:(?:and|but|then|so|when|as|while)\s+)?$", re.IGNORECASE)


@dataclass(slots=True)
class Resolution:
    entity: str
    certainty: float  # 1.0 when one character of that gender is in the scene


_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_PRONOUN_WEIGHT = 2.0


def narration_events(
    index: CharacterIndex, quote_spans: Sequence[tuple[int, int]], text: str
) -> list[tuple[int, str, float]]:
    """Salience events of the narration, in text order: every name outside quotations
    (heavier when it opens a sentence) and every "he"/"she" outside quotations,
    resolved on the fly to the most salient character of that gender. The pronoun
    chain is what keeps a protagonist on top while other names pass by as objects
    ('...could she have included Jane... "But it is fortunate," thought she')."""
    starts = [s for s, _ in quote_spans]

    def in_quote(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and quote_spans[i][0] <= offset < quote_spans[i][1]

    raw: list[tuple[int, str | None, float, str | None]] = []
    for mention in index.names:
        if in_quote(mention.start):
            continue
        before = text[max(0, mention.start - 12):mention.start]
        weight = _SUBJECT_WEIGHT if _SENTENCE_START.search(before) else _OBJECT_WEIGHT
        raw.append((mention.start, mention.entity, weight, None))
    for match in _SUBJECT_PRONOUN.finditer(text):
        if not in_quote(match.start()):
            gender = "male" if match.group().lower() == "he" else "female"
            raw.append((match.start(), None, _PRONOUN_WEIGHT, gender))
    raw.sort(key=lambda e: e[0])
    state: dict[str, tuple[float, int]] = {}
    events: list[tuple[int, str, float]] = []
    for offset, entity, weight, gender in raw:
        if entity is None:
            entity = _top_of_gender(state, offset, gender, index)
            if entity is None:
                continue
        score, last = state.get(entity, (0.0, offset))
        state[entity] = (score * math.exp(-(offset - last) / _DECAY) + weight, offset)
        events.append((offset, entity, weight))
    return events


def _top_of_gender(state: dict[str, tuple[float, int]], offset: int, gender: str | None, index: CharacterIndex) -> str | None:
    best, best_score = None, 0.0
    for entity, (score, last) in state.items():
        if offset - last > SCENE_REACH or index.gender(entity) != gender:
            continue
        current = score * math.exp(-(offset - last) / _DECAY)
        if current > best_score:
            best, best_score = entity, current
    return best


@dataclass(slots=True)
class Salience:
    """Recency of each character: narration events (see :func:`narration_events`)
    plus the lines attributed so far."""

    index: CharacterIndex
    events: list[tuple[int, str, float]]
    _events: list[tuple[int, str, float]] = field(default_factory=list)
    _offsets: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._events = list(self.events)
        self._offsets = [offset for offset, _, _ in self._events]

    def add(self, offset: int, entity: str) -> None:
        """Record that ``entity`` was active at ``offset`` (spoke a line, was resolved)."""
        i = bisect.bisect_right(self._offsets, offset)
        self._offsets.insert(i, offset)
        self._events.insert(i, (offset, entity, _SPEAKER_WEIGHT))

    def scores(self, offset: int, *, reach: int = SCENE_REACH) -> dict[str, float]:
        """Salience of each character active before ``offset``: weighted, decaying with distance."""
        scores: dict[str, float] = {}
        i = bisect.bisect_left(self._offsets, offset) - 1
        floor = offset - reach
        while i >= 0 and self._offsets[i] >= floor:
            position, entity, weight = self._events[i]
            scores[entity] = scores.get(entity, 0.0) + weight * math.exp(-(offset - position) / _DECAY)
            i -= 1
        return scores

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
        scores = self.scores(offset)
        recent = sorted(scores, key=lambda e: -scores[e])
        matching = [e for e in recent if gender == "any" or self.index.gender(e) == gender]
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
