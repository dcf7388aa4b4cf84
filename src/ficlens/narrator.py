"""Whether the narration speaks as "I", and the first-person narrator's name.

Split out of ``speakers`` so the narrator's rules read on their own: the stage asks
:func:`first_person` whether the narration is first person (and where it is), and
:func:`name_narrator` what the text calls its narrator (a self-naming, or the name
the other side of a conversation calls them by).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Sequence

from .model import Evidence
from .speaker_cast import can_be_name, entity_for
from .speech_tags import Cue
from .turns import Turn, vocatives_in

if TYPE_CHECKING:  # pragma: no cover
    from .speakers import _Context

# First person needs first-person pronouns to be at least this share of the narration's words.
_FIRST_PERSON_SHARE = 0.01

_FIRST_PERSON = re.compile(r"\b(?:I|me|my|My|myself|I'm|I'd|I've|I'll)\b")
_THIRD_PERSON = re.compile(r"\b(?:he|she|He|She)\b")
_WORDS = re.compile(r"[A-Za-z']+")
_DOUBLE_MARKS = re.compile(r"[\"“”«»„]")
# Third-person narration with first-person stretches (unquoted thoughts, letters) has
# many more "he"/"she" than "I": first person needs at least this share of them.
_THIRD_PERSON_RATIO = 0.5


@dataclass(slots=True)
class Person:
    """How the narration (outside quotes) speaks: its first-person pronouns."""

    is_first: bool
    count: int = 0
    first_offset: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)


def first_person(
    text: str, spans: Sequence[tuple[int, int]], quote_spans: Sequence[tuple[int, int]],
    paragraphs: Sequence[tuple[int, int]] = (),
) -> Person:
    """First person when the narration speaks as "I" often enough: first-person pronouns
    are at least 1% of its words and at least half as many as "he"/"she". Narration is
    the text outside the quotes and outside any stretch of a paragraph its quotation
    marks enclose (a quotation the quote stage did not find whole)."""
    words = first = third = 0
    first_offset = -1
    excluded = sorted([*quote_spans, *_marked_stretches(text, paragraphs or spans)])
    narration = list(_narration(spans, excluded))
    for start, end in narration:
        segment = text[start:end]
        words += len(_WORDS.findall(segment))
        third += len(_THIRD_PERSON.findall(segment))
        for found in _FIRST_PERSON.finditer(segment):
            first += 1
            if first_offset < 0:
                first_offset = start + found.start()
    is_first = words > 0 and first >= 5 and first / words >= _FIRST_PERSON_SHARE and first >= _THIRD_PERSON_RATIO * third
    return Person(is_first, first, max(first_offset, 0), narration if is_first else [])


def _marked_stretches(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Within each paragraph, the stretches between an opening and a closing double mark."""
    found: list[tuple[int, int]] = []
    for start, end in paragraphs:
        opened = -1
        for match in _DOUBLE_MARKS.finditer(text, start, end):
            mark = match.group()
            if opened < 0 and mark not in "”»":
                opened = match.start()
            elif opened >= 0 and mark not in "“«„":
                found.append((opened, match.end()))
                opened = -1
        if opened >= 0:
            found.append((opened, end))
    return found


def _is_first_person(
    text: str, spans: Sequence[tuple[int, int]], quote_spans: Sequence[tuple[int, int]]
) -> bool:
    return first_person(text, spans, quote_spans).is_first


# The narrator naming themselves, in the narration or in their own lines.
_SELF_NAMING = re.compile(
    r"\b(?:[Mm]y name (?:is|was)|[Cc]all me|(?:they|people|everyone|everybody|he|she) (?:called|call|calls) me"
    r"|I am called|I was called|I was named|I was christened|I called myself|came to be called)"
    r"[ \t]+((?:[A-Z][a-z'’]+)(?:[ \t]+[A-Z][a-z'’]+)?)\b"
)
_I_COMMA_NAME = re.compile(r"\bI,[ \t]+([A-Z][a-z'’]+(?:[ \t]+[A-Z][a-z'’]+)?),")
# A capitalised word set off as a vocative inside a line: ', Pip!' / 'Well, Jim, ...' / 'Pip, ...'.
_VOCATIVE_NAME = re.compile(
    r"(?:^|[,!?.;—–][ \t]*|\b(?:[Oo]h|[Dd]ear|[Mm]y|[Ww]ell|[Nn]ow|[Cc]ome|[Hh]ere|[Yy]es|[Nn]o|[Tt]hank you)[ \t]+)"
    r"([A-Z][a-z'’]+)(?=[ \t]*(?:[,!?;—–]|\.(?:[ \t]|$)|$))"
)


def name_narrator(
    context: _Context, talks: Sequence[Sequence[Turn]], narration: Sequence[tuple[int, int]]
) -> tuple[str, Evidence] | None:
    """The first-person narrator's name: a self-naming in the narration wins at once;
    else the name the lines next to the narrator's tagged lines call them by, when at
    least two such lines agree and the narration does not use it for someone else."""
    text, index = context.text, context.index
    narrator_turns: set[int] = set()
    for talk in talks:
        for turn in talk:
            if any(_is_narrator_cue(context.cues.get(i)) for i in turn.quotes):
                narrator_turns.add(id(turn))
    for start, end in narration:
        for pattern in (_SELF_NAMING, _I_COMMA_NAME):
            match = pattern.search(text, start, end)
            if match and can_be_name(match.group(1)):
                name = entity_for(index, match.group(1))
                return name, Evidence("named narrator", match.group(0), match.start(), match.end())
    votes: dict[str, list[tuple[int, int]]] = {}
    for talk in talks:
        for k, turn in enumerate(talk):
            if id(turn) not in narrator_turns:
                continue
            for other in (talk[k - 1] if k > 0 else None, talk[k + 1] if k + 1 < len(talk) else None):
                if other is None or id(other) in narrator_turns:
                    continue
                for name, span in _vocatives_of(context, other):
                    if span not in votes.setdefault(name, []):
                        votes[name].append(span)
    quote_spans = sorted((q.start, q.end) for q in context.quotes)
    quote_starts = [q for q, _ in quote_spans]
    in_narration: dict[str, int] = {}
    for mention in index.names:
        k = bisect.bisect_right(quote_starts, mention.start) - 1
        if k < 0 or quote_spans[k][1] <= mention.start:
            in_narration[mention.entity] = in_narration.get(mention.entity, 0) + 1
    # The narration never calls its own narrator by name: someone it names often is someone else.
    votes = {name: spans for name, spans in votes.items() if in_narration.get(name, 0) < _NARRATED_NOT_NARRATOR}
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: -len(kv[1]))
    name, spans = ranked[0]
    if len(spans) < 2 or (len(ranked) > 1 and len(ranked[1][1]) == len(spans)):
        return None
    start, end = spans[0]
    return name, Evidence("named narrator", text[start:end], start, end, weight=float(len(spans)))


_NARRATED_NOT_NARRATOR = 3


def _is_narrator_cue(cue: Cue | None) -> bool:
    return cue is not None and cue.pronoun == "narrator" and cue.signal in ("pronoun tag", "narrative subject")


def _vocatives_of(context: _Context, turn: Turn) -> list[tuple[str, tuple[int, int]]]:
    """The names one turn's lines address: known characters, or a capitalised word in a
    vocative's place that no list calls a common word."""
    text, index = context.text, context.index
    found: list[tuple[str, tuple[int, int]]] = []
    seen: set[str] = set()
    for i in turn.quotes:
        quote = context.quotes[i]
        known = {m.start: m for m in index.mentions_between(quote.start, quote.end)}
        addressed = set(vocatives_in(text, quote.start, quote.end, index))
        for match in _VOCATIVE_NAME.finditer(text[quote.start:quote.end]):
            word = match.group(1)
            at = quote.start + match.start(1)
            mention = known.get(at)
            if mention is not None:
                name = mention.entity if mention.entity in addressed else None
            elif _mid_sentence(text, quote.start, at):  # 'Come here, Pip!' (never 'Rubbish!' opening a line)
                name = entity_for(index, word) if can_be_name(word) else None
            else:
                name = None
            if name and name not in seen:
                seen.add(name)
                found.append((name, (at, at + len(word))))
    return found


def _mid_sentence(text: str, floor: int, at: int) -> bool:
    before = text[floor:at].rstrip(" \t")
    return bool(before) and before[-1] in ",;—–" or bool(re.search(r"[a-z][ \t]*$", before))


def _narration(spans: Sequence[tuple[int, int]], quote_spans: Sequence[tuple[int, int]]) -> Iterable[tuple[int, int]]:
    quotes = iter(quote_spans)
    current = next(quotes, None)
    for start, end in spans:
        cursor = start
        while current is not None and current[0] < end:
            if current[1] <= cursor:
                current = next(quotes, None)
                continue
            if current[0] > cursor:
                yield cursor, current[0]
            cursor = max(cursor, current[1])
            current = next(quotes, None)
        if cursor < end:
            yield cursor, end
