"""Who takes part in each conversation, and who of them speaks an undecided turn.

Split out of ``speakers``: :func:`find_participants` fills the stage context's
``participants`` for each conversation (its tags, vocatives, narration subjects and
lead-in), and :func:`conversation_choice` is the fallback that picks among them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from .pronouns import Salience
from .speech_tags import Cue, sentence_subjects
from .turns import Turn

if TYPE_CHECKING:  # pragma: no cover
    from .speakers import _Context


# A conversation's lead-in: at most this many narration paragraphs (and characters) before it.
_LEAD_IN_PARAGRAPHS = 2
_LEAD_IN_CHARS = 1200
# An unanchored conversation inherits the previous one's people across at most this many paragraphs.
_CARRY_OVER_PARAGRAPHS = 3
_SHORT_LEAD_IN = 200
_ANCHORED = ("explicit tag", "possessive subject", "narrative subject", "pronoun tag", "vocative")


def find_participants(context: _Context, talks: Sequence[Sequence[Turn]]) -> None:
    """The people taking part in each conversation, most recently active first: the
    speakers its tags name, the people its lines address, the subjects of its
    narration and of the narration leading into it (a first-person narrator's "I"
    among them); a conversation that opens with no
    anchor also keeps the previous one's people."""
    text, index = context.text, context.index
    previous: list[str] = []
    previous_last = -100
    for talk in talks:
        first = talk[0]
        found: dict[str, int] = {}

        def add(entity: str | None, offset: int) -> None:
            if entity:
                found[entity] = max(found.get(entity, -1), offset)

        lead_from = max(0, previous_last + 1, first.paragraph - _LEAD_IN_PARAGRAPHS)
        for p in range(lead_from, first.paragraph):
            p_start, p_end = context.paragraph_spans[p]
            p_start = max(p_start, first.start - _LEAD_IN_CHARS)
            short = p_end - p_start <= _SHORT_LEAD_IN
            if short:  # 'Anna and Clara sat on the porch.': everyone named
                for mention in index.mentions_between(p_start, p_end):
                    add(mention.entity, mention.start)
            if p_start < p_end:
                for cue in sentence_subjects(text, p_start, p_end, index):
                    if not short or cue.entity is None:  # 'I stood beside him.'
                        add(_subject_entity(context, cue), cue.start)
        opened = False
        for k, turn in enumerate(talk):
            for i in turn.quotes:
                cue = context.cues.get(i)
                if cue is not None:
                    add(cue.entity, cue.start)
                    opened = opened or k == 0
            for cue in context.weak_cues.get(turn.quotes[0], []):
                add(_subject_entity(context, cue), cue.start)
                opened = opened or (k == 0 and cue.entity is not None)
            for entity in turn.vocatives:
                add(entity, turn.start)
            if turn.speaker and turn.signal in _ANCHORED:
                add(turn.speaker, turn.start)
        gap = range(previous_last + 1, first.paragraph)
        short_gap = len(gap) == 1 and all(
            context.paragraph_spans[p][1] - context.paragraph_spans[p][0] < _SHORT_LEAD_IN for p in gap)
        if (not opened or short_gap) and first.paragraph - previous_last <= _CARRY_OVER_PARAGRAPHS:
            for entity in previous:
                found.setdefault(entity, -1)
        people = sorted(found, key=lambda e: -found[e])
        context.participants[id(first)] = people
        for turn in talk:
            context.talk_of[id(turn)] = id(first)
        previous, previous_last = people, talk[-1].last_paragraph


def _subject_entity(context: _Context, cue: Cue) -> str | None:
    """A narration subject's character: the one it names, or the first-person narrator
    for 'I' ('I stood beside him.': the narrator is in the scene)."""
    if cue.entity is None and cue.pronoun == "narrator":
        return context.narrator
    return cue.entity


def conversation_choice(context: _Context, talk: list[Turn], k: int, salience: Salience) -> str | None:
    """An undecided turn in a conversation: of its people (speakers of its turns so far
    and its participants), the most salient who is neither the previous nor the next
    turn's speaker (people take turns)."""
    avoid = {t.speaker for t in (talk[k - 1] if k > 0 else None, talk[k + 1] if k + 1 < len(talk) else None)
             if t is not None and t.speaker} | set(talk[k].vocatives) | set(talk[k].named)  # nobody names themselves
    order: list[str] = []
    for t in reversed(talk[:k]):
        if t.speaker and t.speaker not in order:
            order.append(t.speaker)
    scores = salience.scores(talk[k].start)
    rest = sorted((e for e in context.participants.get(id(talk[0]), []) if e not in order),
                  key=lambda e: -scores.get(e, 0.0))
    for entity in sorted([*order, *rest], key=lambda e: -scores.get(e, 0.0)):
        if entity not in avoid:
            return entity
    return None
