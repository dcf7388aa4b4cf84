"""Turn-taking: the conversation structure that untagged lines are attributed from.

Writers tag the first lines of an exchange and then let the reader follow the turns.
A *turn* is one paragraph's worth of speech; a *conversation* is a run of turns with
little narration between them. Within a conversation:

* a line that addresses someone by name ("Lorelai, you can't just run...") is
  answered by that person (the vocative names the addressee, never the speaker),
  and the line it answers is most likely theirs;
* between two people, turns alternate: A, B, A, B;
* in a group the alternation breaks, so it is only trusted where the two
  turns before show it (A, B, ? -> A; never ?, B, A -> A, which only a
  two-person exchange implies).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from .character_index import CharacterIndex
from .lexicon import word_set

# Narration between two turns of one conversation: at most this many paragraphs and characters.
MAX_GAP_PARAGRAPHS = 0
MAX_GAP_CHARS = 700


@dataclass(slots=True)
class Turn:
    """The speech quotes of one paragraph, and what is known about who says them."""

    paragraph: int
    last_paragraph: int
    quotes: list[int]
    start: int
    end: int
    speaker: str | None = None
    signal: str | None = None
    vocatives: list[str] = field(default_factory=list)
    # everyone the lines name ('let Mr. Beebe eat his dinner'): people rarely name themselves
    named: list[str] = field(default_factory=list)
    ranker_probability: float | None = None


def vocatives_in(text: str, start: int, end: int, index: CharacterIndex) -> list[str]:
    """Characters addressed by name inside the quotation ``text[start:end]``.

    A name is a vocative when it is set off by punctuation ('Luke, if you...',
    '..., Rory?') or follows an interjection ('Oh Sookie', 'Come on Lorelai').
    """
    found: list[str] = []
    openers = word_set("vocative_openers")
    for mention in index.mentions_between(start, end):
        if _inside_inner_quote(text, start, mention.start):
            continue  # "...you said to me, 'Mr. Knightley, I am going...'": someone else's words
        before = text[start:mention.start].rstrip()
        after = text[mention.end:end]
        next_char = after.lstrip(" ")[:1]
        closes = next_char in ("", ",", "!", "?", ";", "—", "–") or (
            next_char == "." and not after.lstrip(" ").startswith("..") and _sentence_ends(after)
        )
        if not closes:
            continue
        prev_word = re.search(r"([A-Za-z]+)\W*$", before)
        opens = (
            not before
            or before[-1] in ",.!?;—–-…"
            or (prev_word is not None and prev_word.group(1).lower() in openers)
        )
        if opens and mention.entity not in found:
            found.append(mention.entity)
    return found


# A nested quotation's marks: an opening one before a letter (not after one), a closing
# one after a letter or punctuation (not before a letter); "don't" has neither.
_INNER_OPEN = re.compile(r"(?<![A-Za-z])['‘](?=[A-Za-z])")
_WORD_AFTER = re.compile(r"[A-Za-z]*")
_INNER_CLOSE = re.compile(r"(?<=[A-Za-z.,;:!?\-])['’](?![A-Za-z])")


def _is_apostrophe(word: str) -> bool:
    """A single mark before a clipped word ("tell 'em", "'twas") or a contraction set
    apart ("that 's", "you 're"): no quotation opens there."""
    return word.lower() in word_set("elisions") or (word.islower() and len(word) <= 2)


def _inside_inner_quote(text: str, start: int, pos: int) -> bool:
    """Whether ``pos`` sits inside a quotation nested in the line ('...said to me,
    'Mr. Knightley, ...''): an opening single mark before it that no closing one
    follows."""
    opening = [m.start() for m in _INNER_OPEN.finditer(text, start, pos + 1)
               if m.start() < pos and not _is_apostrophe(_WORD_AFTER.match(text, m.end()).group())]
    marks = sorted([(at, True) for at in opening]
                   + [(m.start(), False) for m in _INNER_CLOSE.finditer(text, start, pos)])
    return bool(marks) and marks[-1][1]  # the last mark before ``pos`` opens a quotation


def _sentence_ends(after: str) -> bool:
    rest = after.lstrip(" ")[1:]
    return not rest.strip() or rest[:1].isspace()


def conversations(turns: Sequence[Turn], paragraph_spans: Sequence[tuple[int, int]]) -> list[list[Turn]]:
    """Group consecutive turns separated by at most a short stretch of narration."""
    groups: list[list[Turn]] = []
    for turn in turns:
        if groups:
            last = groups[-1][-1]
            gap_paragraphs = turn.paragraph - last.last_paragraph - 1
            gap_chars = sum(
                paragraph_spans[p][1] - paragraph_spans[p][0]
                for p in range(last.last_paragraph + 1, turn.paragraph)
            )
            if gap_paragraphs <= MAX_GAP_PARAGRAPHS and gap_chars <= MAX_GAP_CHARS:
                groups[-1].append(turn)
                continue
        groups.append([turn])
    return groups


def fill_turns(conversation: list[Turn], participants: Sequence[str] = ()) -> None:
    """Give speakerless turns a speaker: first the answer to a vocative, then the alternation."""
    people = list(participants)
    rules = (_answer_to_vocative, _addressed_next, _alternation_behind, _alternation_ahead, _two_party)
    if len(people) > 2:  # in a group, '?, B, A -> A' is right barely more often than the fallback
        rules = (_answer_to_vocative, _addressed_next, _alternation_behind, _two_party)
    changed = True
    while changed:
        changed = False
        for rule in rules:
            if rule is _alternation_behind and len(people) == 2 and _alternate(conversation, people):
                changed = True
                break
            for i, turn in enumerate(conversation):
                if turn.speaker is None:
                    guess = rule(conversation, i)
                    if guess is not None and guess[0] not in turn.vocatives \
                            and (guess[0] not in turn.named or not _NAMED_IS_NOT_SPEAKER):  # nobody names themselves
                        turn.speaker, turn.signal = guess
                        changed = True
            if changed:
                break  # stronger rules get another go with what was just filled in


def _alternate(conversation: list[Turn], people: list[str]) -> bool:
    """Two people: strict alternation from the nearest anchored turn, before or after
    (a tagged later line also fixes the untagged ones before it)."""
    anchors = [j for j, t in enumerate(conversation) if t.speaker in people and t.signal != "turn-taking"]
    if not anchors or all(t.speaker is not None for t in conversation):
        return False
    for i, turn in enumerate(conversation):
        if turn.speaker is not None:
            continue
        j = min(anchors, key=lambda a: (abs(a - i), a > i))
        anchor = conversation[j].speaker
        other = people[1] if anchor == people[0] else people[0]
        chosen = anchor if (i - j) % 2 == 0 else other
        if _names(turn, chosen) and not _names(turn, other if chosen == anchor else anchor):
            chosen = other if chosen == anchor else anchor  # nobody calls themselves by name
        turn.speaker, turn.signal = chosen, "turn-taking"
    return True


def _names(turn: Turn, entity: str) -> bool:
    """Whether the turn's lines call ``entity`` by name (as addressee, or at all)."""
    return entity in turn.vocatives or (_NAMED_IS_NOT_SPEAKER and entity in turn.named)


_NAMED_IS_NOT_SPEAKER = True


def _answer_to_vocative(conversation: list[Turn], i: int) -> tuple[str, str] | None:
    """'Lorelai, you can't just run...' -> the next untagged line is Lorelai's."""
    if i == 0:
        return None
    previous = conversation[i - 1]
    addressed = [v for v in previous.vocatives if v != previous.speaker]
    if len(addressed) == 1:
        return addressed[0], "vocative"
    return None


def _addressed_next(conversation: list[Turn], i: int) -> tuple[str, str] | None:
    """?, 'Yes, Anna, ...' -> the line answered is Anna's."""
    if i + 1 >= len(conversation):
        return None
    following = conversation[i + 1]
    addressed = [v for v in following.vocatives if v != following.speaker]
    if len(addressed) == 1:
        return addressed[0], "vocative"
    return None


def _alternation_behind(conversation: list[Turn], i: int) -> tuple[str, str] | None:
    """A, B, ? -> A."""
    before = [t.speaker for t in conversation[max(0, i - 2):i]]
    if len(before) == 2 and before[0] and before[1] and before[0] != before[1]:
        return before[0], "turn-taking"
    return None


def _alternation_ahead(conversation: list[Turn], i: int) -> tuple[str, str] | None:
    """?, B, A -> A."""
    after = [t.speaker for t in conversation[i + 1:i + 3]]
    if len(after) == 2 and after[0] and after[1] and after[0] != after[1]:
        return after[1], "turn-taking"
    return None


def _two_party(conversation: list[Turn], i: int) -> tuple[str, str] | None:
    """Only two people in the exchange: the one who did not speak the neighbouring turn."""
    people = {t.speaker for t in conversation if t.speaker} | {v for t in conversation for v in t.vocatives}
    if len(people) != 2:
        return None
    for j in (i - 1, i + 1):
        if 0 <= j < len(conversation) and conversation[j].speaker in people:
            (other,) = people - {conversation[j].speaker}
            return other, "turn-taking"
    return None
