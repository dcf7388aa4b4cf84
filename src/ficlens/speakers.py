"""Who says each line: speaker, addressees, evidence and confidence for every quote.

Attribution runs as a few sieves, strongest first (after Muzny et al. 2017 and
BookNLP), over the narration next to each quote only (no parser, no NER):

1. **Cues beside the quote** (``speech_tags``): explicit tags ('Rory called', 'said
   Luke'), pronoun tags ('she replied'), possessive subjects ("Luke's face softened"),
   the subject of the adjacent narration sentence ('Rory was crying').
2. **Pronouns** (``pronouns``): resolved among the conversation's participants, then
   by a running salience model, avoiding the previous turn's speaker and preferring
   the character that turn addressed. A relative ('said his wife', 'her sister
   cried') is someone other than the possessor (``kinship``): the Mrs./Mr. of the
   possessor's surname for a spouse or parent, a sibling of that surname, the "Aunt"
   of the scene, else the participant of the relative's gender.
3. **Turns** (``turns``): all quotes of a paragraph share its speaker; untagged turns
   take the answer to the previous line's vocative, or the alternation of a
   two-person exchange. A conversation nothing anchors, opening right after a short
   narration paragraph, starts with that paragraph's last subject.
4. **Fallbacks**: the subject of another sentence of the paragraph, then the most
   salient of the conversation's people who did not speak the turn before or after,
   then the most salient character of the scene (low confidence), else None.

First person: "I said" is the narrator's line, and the narrator is a character. The
narrator is ``analysis.narrator`` when the characters stage names one; otherwise, only
when the narration is clearly first person (first-person pronouns outside quotes are
at least 1% of its words and at least half as many as "he"/"she"), the narrator's name
is inferred (:func:`narrator.name_narrator`): the text naming them ("my name is X", "call me
X", "they called me X", "I, X,") or the name the other side of a conversation calls
them by (a vocative in a line next to one of the narrator's tagged lines), the most
frequent with two votes or one self-naming; a name the narration itself uses three
times or more is someone else's. Without a name, the character is ``"Narrator"``.
The narrator takes part in conversations like anyone else, but a tag's "he"/"she"
never stands for them.

Consistency: every non-null speaker and addressee is the name of a character. A
speaker the text only describes ("said the solicitor") or names by a form no
character holds ("said Ben") becomes a character of its own (evidence "described
speaker"), unless it is a title only one character's name opens with ('said the
count': Count Mippipopolous) or a case variant of a character's name; the narrator
too (evidence "unnamed narrator" / "named narrator"). Pronouns and interjections in
a character list ("He", "Oh") never name anyone.

Modules: ``narrator`` (first person, the narrator's name), ``participants`` (who takes
part in each conversation), ``speaker_cast`` (every speaker a listed character).
:func:`attribute_speakers` is the core and takes plain inputs (text, quotes,
characters, mentions), so evaluation can feed it gold quotes and characters.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import ClassVar, Iterable, Sequence

from .character_index import CharacterIndex, build_index
from .kinship import kin_of
from .model import Analysis, Character, Evidence, Mention, Quote
from .narrator import first_person, name_narrator
from .participants import conversation_choice, find_participants
from .pronouns import Salience, narration_events
from .speaker_cast import NARRATOR_LABEL, complete_cast
from .speaker_ranker import rerank
from .speech_tags import Cue, sentence_subjects, tag_after, tag_before
from .turns import Turn, conversations, fill_turns, vocatives_in


# Confidence of a speaker found by each conversation-level signal.
_TURN_CONFIDENCE = {"vocative": 0.7, "turn-taking": 0.6, "continued quotation": 0.85}
_SAME_PARAGRAPH_CONFIDENCE = 0.45
_SALIENCE_CONFIDENCE = 0.25
_OPEN_MARKS = "\"'“‘«„"
_CLOSE_MARKS = "\"'”’»"
# A first-person narrator's gender is "narrator" while attributing: a tag's "he"/"she" never stands for them.
_NARRATOR_IS_NEVER_HE_OR_SHE = True


class SpeakerStage:
    name: ClassVar[str] = "speakers"
    requires: ClassVar[tuple[str, ...]] = ("quotes", "characters", "mentions")
    provides: ClassVar[tuple[str, ...]] = ("quotes", "characters", "narrator")

    def __call__(self, analysis: Analysis) -> None:
        paragraphs = [(p.start, p.end) for p in analysis.document.paragraphs() if p.role == "story"]
        analysis.narrator = attribute_speakers(
            analysis.text,
            analysis.quotes,
            analysis.characters,
            analysis.mentions,
            paragraphs=paragraphs or None,
            story_spans=analysis.story_spans or None,
            narrator=analysis.narrator,
        )


@dataclass(slots=True)
class _Decision:
    speaker: str
    signal: str
    confidence: float
    cue: Cue | None = None


@dataclass(slots=True)
class _Context:
    text: str
    quotes: list[Quote]
    index: CharacterIndex
    narrator: str | None
    paragraph_spans: list[tuple[int, int]]
    cues: dict[int, Cue] = field(default_factory=dict)
    weak_cues: dict[int, list[Cue]] = field(default_factory=dict)
    decisions: dict[int, _Decision] = field(default_factory=dict)
    events: list[tuple[int, str, float]] = field(default_factory=list)
    # id(first turn of a conversation) -> its participants; id(turn) -> its conversation's first turn
    participants: dict[int, list[str]] = field(default_factory=dict)
    talk_of: dict[int, int] = field(default_factory=dict)


def attribute_speakers(
    text: str,
    quotes: list[Quote],
    characters: list[Character],
    mentions: Iterable[Mention] = (),
    *,
    paragraphs: Sequence[tuple[int, int]] | None = None,
    story_spans: Sequence[tuple[int, int]] | None = None,
    narrator: str | None = None,
    _ranker_hook=None,
) -> str | None:
    """Fill ``speaker``, ``addressees``, ``evidence`` and ``confidence`` of every quote
    in place, and each character's ``quotes`` count; append a character for every
    speaker or addressee no character names (a described speaker, the narrator).
    Returns the narrator's name (None for third-person narration). (``_ranker_hook``
    replaces the ranker step; training uses it to collect candidates.)"""
    paragraph_spans = list(paragraphs) if paragraphs else _blank_line_paragraphs(text)
    quote_spans = sorted((q.start, q.end) for q in quotes)
    person = first_person(text, story_spans or paragraph_spans, quote_spans, paragraph_spans)
    if narrator is None and person.is_first:
        narrator = NARRATOR_LABEL
    if not quotes:
        complete_cast(text, quotes, characters, narrator, person, {}, None)
        _count_quotes(quotes, characters)
        return narrator
    index = build_index(text, characters, mentions, spans=story_spans, quote_spans=quote_spans)
    context = _Context(text, quotes, index, narrator, paragraph_spans)
    turns = _build_turns(context)
    _collect_cues(context, turns)
    talks = conversations(turns, paragraph_spans)
    naming: Evidence | None = None
    if narrator == NARRATOR_LABEL:
        named = name_narrator(context, talks, person.spans)
        if named is not None:
            context.narrator, naming = named
    narrator_gender = index.gender(context.narrator) if context.narrator else "unknown"
    if context.narrator is not None and person.is_first and _NARRATOR_IS_NEVER_HE_OR_SHE:
        index.genders[context.narrator] = "narrator"  # the narration calls them "I", never "he"/"she"
    context.events = narration_events(index, quote_spans, text)
    for _ in range(2):  # the second sweep re-resolves pronouns with the filled-in turns
        find_participants(context, talks)
        _sweep(context, turns, quote_spans)
        find_participants(context, talks)
        for talk in talks:
            fill_turns(talk, context.participants.get(id(talk[0]), []))
    _seed_unanchored(context, turns, talks)
    _fallbacks(context, turns, quote_spans, talks)
    def salience_factory() -> Salience:
        return Salience(index, context.events)
    if _ranker_hook is not None:
        _ranker_hook(context, talks, salience_factory)
    else:  # a changed turn changes its neighbours' features: rerank until nothing changes
        for _ in range(_RERANK_PASSES):
            if not rerank(context, talks, salience_factory):
                break
    _write_back(context, turns, talks)
    if context.narrator is not None:
        index.genders[context.narrator] = narrator_gender
    complete_cast(text, quotes, characters, context.narrator, person, context.cues, naming, index)
    _count_quotes(quotes, characters)
    return context.narrator


# ---------------------------------------------------------------- structure


def _blank_line_paragraphs(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text)]


def _build_turns(context: _Context) -> list[Turn]:
    """One turn per paragraph with speech or thought; a quote left open at the end of a
    paragraph continues into the next one, which joins its turn."""
    starts = [s for s, _ in context.paragraph_spans]
    turns: list[Turn] = []
    order = sorted(range(len(context.quotes)), key=lambda i: context.quotes[i].start)
    open_quote = False
    for i in order:
        quote = context.quotes[i]
        if quote.kind == "written":
            continue
        paragraph = max(0, bisect.bisect_right(starts, quote.start) - 1)
        if turns and (turns[-1].last_paragraph == paragraph or (open_quote and paragraph == turns[-1].last_paragraph + 1)):
            turns[-1].quotes.append(i)
            turns[-1].last_paragraph = paragraph
            turns[-1].end = quote.end
        else:
            span = context.paragraph_spans[paragraph] if paragraph < len(starts) else (quote.start, quote.end)
            turns.append(Turn(paragraph, paragraph, [i], span[0], quote.end))
        open_quote = _is_left_open(context.text, quote)
    for turn in turns:
        turn.vocatives = [
            v for i in turn.quotes for v in vocatives_in(context.text, context.quotes[i].start, context.quotes[i].end, context.index)
        ]
        turn.named = list(dict.fromkeys(
            m.entity for i in turn.quotes for m in context.index.mentions_between(context.quotes[i].start, context.quotes[i].end)))
    return turns


def _is_left_open(text: str, quote: Quote) -> bool:
    """A quote whose closing mark is missing at the end of its paragraph (the speech
    goes on in the next paragraph, which reopens the mark). Dash dialogue never closes
    its lines, and each dash paragraph is a new turn."""
    if quote.close_mark is None:
        return quote.open_mark is None or quote.open_mark.strip("-—–") != ""
    after = quote.end
    while after < len(text) and after < quote.end + 3 and text[after] in " \t":  # 'you choose "': a space before the mark
        after += 1
    return text[after:after + 1] not in _CLOSE_MARKS


def _mark_end(text: str, quote: Quote) -> int:
    end = quote.end
    while end < len(text) and end < quote.end + 2 and text[end] in _CLOSE_MARKS:
        end += 1
    return end


def _mark_start(text: str, quote: Quote) -> int:
    start = quote.start
    while start > 0 and start > quote.start - 2 and text[start - 1] in _OPEN_MARKS:
        start -= 1
    return start


def _collect_cues(context: _Context, turns: list[Turn]) -> None:
    """Each quote's best cue beside it; each turn's weaker same-paragraph cues."""
    text, quotes = context.text, context.quotes
    starts = [s for s, _ in context.paragraph_spans]
    marks = sorted((q.start, _mark_end(text, q)) for q in quotes)
    for turn in turns:
        weak: list[Cue] = []
        for k, i in enumerate(turn.quotes):
            quote = quotes[i]
            paragraph = max(0, bisect.bisect_right(starts, quote.start) - 1)
            p_start, p_end = context.paragraph_spans[paragraph]
            previous = quotes[turn.quotes[k - 1]] if k > 0 else None
            following = quotes[turn.quotes[k + 1]] if k + 1 < len(turn.quotes) else None
            before_floor = max(p_start, _mark_end(text, previous)) if previous and previous.end > p_start else p_start
            after_limit = min(p_end, _mark_start(text, following)) if following and following.start < p_end else p_end
            open_at, close_at = _mark_start(text, quote), _mark_end(text, quote)
            after = tag_after(text, close_at, after_limit, context.index)
            before = tag_before(text, before_floor, open_at, context.index)
            if after is not None and before is not None and following is not None \
                    and _leads_into(text, quote, close_at, after_limit):
                after = None  # 'Milly said, "Are you?" Babs said, "Have you...?"': Babs's tag is the next line's
            candidates = [c for c in (after, before) if c is not None]
            if not candidates and k == 0 and not text[p_start:open_at].strip():
                lead = _tag_in_previous_paragraph(context, paragraph, open_at, marks)
                if lead is not None:
                    candidates.append(lead)
            if not candidates and before_floor < open_at:
                subjects = sentence_subjects(text, before_floor, open_at, context.index)
                if subjects:
                    last = subjects[-1]
                    candidates.append(Cue("narrative subject", last.start, last.end, 0.6, last.entity, last.pronoun))
            if candidates:
                context.cues[i] = max(candidates, key=lambda c: c.weight)
            for lo, hi in ((before_floor, open_at), (close_at, after_limit)):
                if hi - lo > 1:
                    weak.extend(sentence_subjects(text, lo, hi, context.index))
        if weak:
            context.weak_cues[turn.quotes[0]] = weak


def _leads_into(text: str, quote: Quote, start: int, end: int) -> bool:
    """After a line that ends its sentence, the narration before the next line is one
    clause opening with a capital and ending in ',' or ':' right before that line: the
    next line's tag ('Babs said,'), not this one's (unlike '"I do," she continued, "but...').
    """
    between = text[start:end].strip()
    return (quote.text.rstrip(" '’\"”_*")[-1:] in (".", "!", "?") and between[:1].isupper()
            and len(between) < _TAG_REACH_CHARS and between[-1:] in (",", ":") and not re.search(r"[.!?;]", between))


_TAG_REACH_CHARS = 80


def _tag_in_previous_paragraph(
    context: _Context, paragraph: int, open_at: int, marks: Sequence[tuple[int, int]]
) -> Cue | None:
    """'...Emma said,' / 'Then Freddy said:' / 'Darcy, drawing near, said--' closing a
    narration paragraph, the line in the next paragraph: the tag before the line,
    across the paragraph break."""
    if paragraph == 0:
        return None
    start, end = context.paragraph_spans[paragraph - 1]
    if context.text[start:end].rstrip()[-1:] not in (",", ":", "—", "–", "-"):  # 'said--' too
        return None
    last = bisect.bisect_left(marks, (end, 0)) - 1  # the paragraph's last quote ends where its narration starts
    floor = max(start, marks[last][1]) if last >= 0 and marks[last][0] >= start else start
    return tag_before(context.text, floor, open_at, context.index)


# ---------------------------------------------------------------- resolution


def _resolve_cue(
    context: _Context, cue: Cue, salience: Salience, *, avoid: list[str], prefer: list[str],
    participants: Sequence[str] = (), subjects: Sequence[Cue] = (), exclude: Sequence[str] = (),
) -> tuple[str, float] | None:
    if cue.entity is not None:
        return cue.entity, cue.weight
    if cue.relation is not None:
        return _resolve_relation(context, cue, salience, avoid=avoid, participants=participants)
    if cue.pronoun == "narrator":
        return (context.narrator, cue.weight) if context.narrator else None
    if cue.pronoun is None:
        return (cue.description, cue.weight * 0.9) if cue.description else None
    if cue.pronoun in ("male", "female") and participants:
        found = _resolve_among(context, cue, salience, participants, subjects, avoid=avoid, prefer=prefer, exclude=exclude)
        if found is not None:
            return found
    resolution = salience.resolve(cue.start, cue.pronoun, avoid=avoid, prefer=prefer)
    if resolution is None:
        return (cue.description, cue.weight * 0.6) if cue.description else None
    return resolution.entity, cue.weight * resolution.certainty


def _resolve_relation(
    context: _Context, cue: Cue, salience: Salience, *, avoid: Sequence[str], participants: Sequence[str],
) -> tuple[str, float] | None:
    """'said his wife' / 'her sister cried': someone other than the possessor. The
    possessor is the one named, else the previous speaker or a salient character of
    the possessive's gender: the first of them with a relative of that kind
    (:func:`kinship.kin_of`) gives the speaker; else the conversation's participant of
    the relative's gender who is not the possessor; else the most salient such character."""
    index = context.index
    possessor = cue.possessor_entity
    if possessor is None and cue.possessor == "narrator":
        possessor = context.narrator
    candidates = [possessor] if possessor is not None else []
    if possessor is None and cue.possessor in ("male", "female"):
        # 'said his wife' answers him: the previous speaker, when of that gender; else salience
        previous = [e for e in avoid if index.gender(e) == cue.possessor]
        found = salience.resolve(cue.start, cue.possessor)
        possessor = previous[0] if previous else (found.entity if found is not None else None)
        scores = salience.scores(cue.start)
        candidates = [*previous, *sorted((e for e in scores if index.gender(e) == cue.possessor), key=lambda e: -scores[e])]
        candidates = list(dict.fromkeys(e for e in [possessor, *candidates] if e))[:_KIN_POSSESSORS]
    gender = cue.pronoun
    if cue.relation is not None:
        scene = {*participants, *salience.scores(cue.start)}
        for candidate in candidates:
            kin = kin_of(index, candidate, cue.relation, gender, scene)
            if kin is not None:
                return kin, cue.weight * (0.95 if candidate == possessor else 0.85)
    def fits(entity: str) -> bool:
        return entity != possessor and (gender is None or index.gender(entity) == gender)
    others = [e for e in participants if fits(e)]
    if others:
        return others[0], cue.weight * (0.85 if len(others) == 1 else 0.6)
    if gender is not None:
        found = salience.resolve(cue.start, gender, avoid=[*avoid, *([possessor] if possessor else [])])
        if found is not None and found.entity != possessor:
            return found.entity, cue.weight * found.certainty * 0.7
    return None


# How many possible possessors a relative tag ('said her mother') tries, likeliest first.
_KIN_POSSESSORS = 3


def _resolve_among(
    context: _Context, cue: Cue, salience: Salience, participants: Sequence[str], subjects: Sequence[Cue],
    *, avoid: list[str], prefer: list[str], exclude: Sequence[str] = (),
) -> tuple[str, float] | None:
    """A tag pronoun among the people taking part in the conversation (and the named
    narration subjects before it): the one of that gender; else the last narration
    subject of that gender (of the paragraph, or of the narration paragraph before it); else the one the
    previous line addressed; else the most salient who did not just speak."""
    gender = context.index.gender
    matching = [e for e in participants if gender(e) == cue.pronoun and e not in exclude]
    matching += [c.entity for c in subjects if c.start < cue.start and c.entity not in matching  # type: ignore[misc]
                 and gender(c.entity) == cue.pronoun and c.entity not in exclude]
    if not matching:
        return None
    if len(matching) == 1:
        return matching[0], cue.weight
    before = [c for c in subjects if c.entity in matching and c.start < cue.start]
    if before:
        return before[-1].entity, cue.weight * 0.9  # type: ignore[return-value]
    for entity in prefer:
        if entity in matching:
            return entity, cue.weight * 0.85
    scores = salience.scores(cue.start)
    ranked = sorted(matching, key=lambda e: -scores.get(e, 0.0))
    for entity in ranked:
        if entity not in avoid:
            return entity, cue.weight * 0.8
    return ranked[0], cue.weight * 0.6


def _sweep(context: _Context, turns: list[Turn], quote_spans: Sequence[tuple[int, int]]) -> None:
    """Left to right: each turn's speaker from its cues, pronouns resolved in context."""
    salience = Salience(context.index, context.events)
    with_speech = {p for t in turns for p in range(t.paragraph, t.last_paragraph + 1)}
    previous: Turn | None = None
    for n, turn in enumerate(turns):
        adjacent = previous is not None and turn.paragraph - previous.last_paragraph <= 1
        avoid = [previous.speaker] if adjacent and previous and previous.speaker else []
        prefer = [v for v in previous.vocatives if v != previous.speaker] if adjacent and previous else []
        following = turns[n + 1] if n + 1 < len(turns) else None
        if following is not None and following.paragraph - turn.last_paragraph <= 1:  # the next line answers this one
            prefer += [v for v in following.vocatives if v not in prefer and v not in turn.vocatives]
        best: _Decision | None = None
        participants = list(context.participants.get(context.talk_of.get(id(turn), -1), []))
        subjects = [*_narration_before(context, turn, with_speech),
                    *(c for c in context.weak_cues.get(turn.quotes[0], []) if c.entity is not None)]
        for mention in context.index.mentions_between(turn.start, turn.end):  # everyone the paragraph's narration names
            if mention.entity not in participants and not any(
                    context.quotes[i].start <= mention.start < context.quotes[i].end for i in turn.quotes):
                participants.append(mention.entity)
        for k, i in enumerate(turn.quotes):
            cue = context.cues.get(i)
            if cue is None:
                context.decisions.pop(i, None)
                continue
            exclude = [*turn.vocatives, *turn.named]
            if cue.entity is None and cue.pronoun in ("male", "female"):
                exclude = [*exclude, *_tag_objects(context, turn, cue)]
            found = _resolve_cue(context, cue, salience, avoid=avoid if k == 0 else [], prefer=prefer if k == 0 else [],
                                 participants=participants, subjects=subjects, exclude=exclude)
            if found is None:
                context.decisions.pop(i, None)
                continue
            decision = _Decision(found[0], cue.signal, round(found[1], 3), cue)
            context.decisions[i] = decision
            if best is None or decision.confidence > best.confidence:
                best = decision
        if best is not None:
            turn.speaker, turn.signal = best.speaker, best.signal
        if turn.speaker is not None:
            salience.add(turn.start, turn.speaker)
        previous = turn


_CLAUSE_END = re.compile(r"[.!?;]|[\"“”]|\n\s*\n")
_NEW_SUBJECT = re.compile(r"(?:[,;]\s*(?:and|but)|\b(?:while|as|when|till|until|whereupon))\s*$", re.IGNORECASE)


def _tag_objects(context: _Context, turn: Turn, cue: Cue) -> list[str]:
    """Characters the rest of a pronoun tag's clause names ('she said to Lucy', 'he
    said, turning to Elinor', 'said she, looking at Harriet'): the one spoken to or
    looked at, so never the 'she' who speaks. A name opening a new clause ('..., and
    Anna laughed') is left alone; one joined to another ('between Elinor and Marianne') is not."""
    text = context.text
    limit = min(cue.end + 160, context.paragraph_spans[turn.last_paragraph][1])
    window = text[cue.end:limit]
    cut = _CLAUSE_END.search(window)
    end = cue.end + (cut.start() if cut else len(window))
    found = []
    for mention in context.index.mentions_between(cue.end, end):
        before = text[max(cue.end, mention.start - 40):mention.start]
        if _NEW_SUBJECT.search(before):
            continue
        found.append(mention.entity)
    return found


def _narration_before(context: _Context, turn: Turn, with_speech: set[int]) -> list[Cue]:
    """The named subjects of the narration paragraph right before a turn, when it has no
    speech of its own ('Mrs. Gardiner turned the conversation.' then '"It seems
    likely," said she'): the narration's topic is who a tag's pronoun goes on naming."""
    p = turn.paragraph - 1
    if p < 0 or p in with_speech:
        return []
    p_start, p_end = context.paragraph_spans[p]
    return [c for c in sentence_subjects(context.text, p_start, p_end, context.index) if c.entity is not None]


_SEED_MAX_CHARS = 200


def _seed_unanchored(context: _Context, turns: Sequence[Turn], talks: Sequence[list[Turn]]) -> None:
    """A conversation no rule anchored, opening right after a short narration paragraph
    that itself follows narration (a new scene, not a beat between two lines), with no
    narration of its own: that paragraph's last subject speaks first ("Mrs Beaver
    stood by the fire." then untagged lines), and the turns alternate from there."""
    with_speech = {p for t in turns for p in range(t.paragraph, t.last_paragraph + 1)}
    salience = Salience(context.index, context.events)
    for talk in talks:
        first = talk[0]
        if any(t.speaker for t in talk) or context.weak_cues.get(first.quotes[0]):
            continue
        p = first.paragraph - 1
        if p < 0 or p in with_speech or p - 1 in with_speech:  # a beat between two lines is no lead-in
            continue
        p_start, p_end = context.paragraph_spans[p]
        if p_end - p_start > _SEED_MAX_CHARS:
            continue
        subjects = [c for c in sentence_subjects(context.text, p_start, p_end, context.index)
                    if c.entity is not None or c.pronoun in ("male", "female", "narrator")]
        if not subjects:
            continue
        found = _resolve_cue(context, subjects[-1], salience, avoid=[], prefer=[])
        if found is None or found[0] in first.vocatives:  # 'Anna came in.' "Anna, at last!": she is addressed
            continue
        first.speaker, first.signal = found[0], "lead-in subject"
        fill_turns(talk, context.participants.get(id(first), []))


def _fallbacks(
    context: _Context, turns: list[Turn], quote_spans: Sequence[tuple[int, int]], talks: Sequence[list[Turn]] = (),
) -> None:
    """Turns nothing else decided: a sentence subject of the paragraph, else the
    conversation's own people (:func:`participants.conversation_choice`), else salience."""
    salience = Salience(context.index, context.events)
    place = {id(t): (talk, k) for talk in talks for k, t in enumerate(talk)}
    previous: Turn | None = None
    for turn in turns:
        if turn.speaker is None:
            avoid = [previous.speaker] if previous and previous.speaker else []
            for cue in context.weak_cues.get(turn.quotes[0], []):
                found = _resolve_cue(context, cue, salience, avoid=avoid, prefer=[])
                if found is not None:
                    turn.speaker, turn.signal = found[0], "same paragraph"
                    break
        if turn.speaker is None and id(turn) in place and _CONVERSATION_FALLBACK:
            talk, k = place[id(turn)]
            chosen = conversation_choice(context, talk, k, salience)
            if chosen is not None:
                turn.speaker, turn.signal = chosen, "salience"
        if turn.speaker is None:
            recent = [e for e in salience.recent(turn.start) if e not in (previous.speaker if previous else None,)]
            if recent:
                turn.speaker, turn.signal = recent[0], "salience"
        if turn.speaker is not None:
            salience.add(turn.start, turn.speaker)
        previous = turn


_CONVERSATION_FALLBACK = True
# The ranker runs again while its last pass changed a speaker, at most this many passes.
_RERANK_PASSES = 4


def _write_back(context: _Context, turns: list[Turn], talks: list[list[Turn]]) -> None:
    text, quotes = context.text, context.quotes
    neighbours: dict[int, tuple[Turn | None, Turn | None]] = {}
    for talk in talks:
        for k, turn in enumerate(talk):
            neighbours[id(turn)] = (talk[k - 1] if k > 0 else None, talk[k + 1] if k + 1 < len(talk) else None)
    for turn in turns:
        before, after = neighbours.get(id(turn), (None, None))
        addressees = _addressees(context, turn, before, after)
        kept = _kept_decisions(context, turn)
        for i in turn.quotes:
            quote = quotes[i]
            decision = kept.get(i)
            if decision is None and turn.speaker is not None and _BETWEEN_SUBJECT:
                decision = _subject_between(context, turn, i)
            if decision is None and turn.speaker is not None:
                signal = turn.signal or "same paragraph"
                if turn.signal in ("explicit tag", "pronoun tag", "possessive subject", "narrative subject"):
                    signal = "same paragraph"
                confidence = _TURN_CONFIDENCE.get(signal, {
                    "same paragraph": 0.8 if turn.signal not in ("same paragraph", "salience") else _SAME_PARAGRAPH_CONFIDENCE,
                    "salience": _SALIENCE_CONFIDENCE,
                }.get(signal, 0.5))
                if signal == "ranker":
                    confidence = turn.ranker_probability or 0.5
                decision = _Decision(turn.speaker, signal, confidence)
            if decision is None:
                quote.speaker, quote.confidence, quote.evidence = None, None, []
                quote.addressees = addressees
                continue
            quote.speaker = decision.speaker
            quote.confidence = decision.confidence
            quote.addressees = [a for a in addressees if a != decision.speaker]
            cue = decision.cue
            quote.evidence = [
                Evidence(decision.signal, text[cue.start:cue.end], cue.start, cue.end, weight=decision.confidence)
                if cue is not None
                else Evidence(decision.signal, weight=decision.confidence)
            ]
    for quote in quotes:  # written quotes outside turns: only an explicit tag names a writer
        if quote.kind == "written" and quote.speaker is None:
            quote.addressees = []


_BETWEEN_SUBJECT = True
# An explicit tag at least this sure names its own quote's speaker, whoever the paragraph's is.
_OWN_TAG_KEPT = 0.8


def _kept_decisions(context: _Context, turn: Turn) -> dict[int, _Decision]:
    """Each quote's own decision where it stands against the turn's speaker (a strong
    cue, or a tag naming its speaker: 'Margaret laughed and said, "..." Helen recovered
    herself.' keeps Margaret's line hers whoever else speaks in the paragraph), and for a
    quote with none, its utterance group's ('"I beg your pardon," said Syme, "I
    forgot..."': the tag between the parts names the speaker of both, even in a
    paragraph someone else's line opens)."""
    kept: dict[int, _Decision] = {}
    for i in turn.quotes:
        decision = context.decisions.get(i)
        if decision is not None and (decision.speaker == turn.speaker or decision.confidence >= 0.9
                                     or decision.signal == "explicit tag" and decision.confidence >= _OWN_TAG_KEPT):
            kept[i] = decision
    by_group: dict[int, _Decision] = {}
    for i, decision in kept.items():
        group = context.quotes[i].group
        if group is not None and (group not in by_group or decision.confidence > by_group[group].confidence):
            by_group[group] = decision
    for i in turn.quotes:
        group = context.quotes[i].group
        if i not in kept and group in by_group and by_group[group].speaker != turn.speaker:
            found = by_group[group]
            kept[i] = _Decision(found.speaker, found.signal, found.confidence, found.cue)
    return kept


def _subject_between(context: _Context, turn: Turn, i: int) -> _Decision | None:
    """A line after narration that names someone else as its subject, within one
    paragraph ('..." Catherine coloured. Isabella laughed. "It is very true...'):
    that subject's line, not the paragraph speaker's."""
    k = turn.quotes.index(i)
    if k == 0:
        return None
    lo, hi = _mark_end(context.text, context.quotes[turn.quotes[k - 1]]), _mark_start(context.text, context.quotes[i])
    named = [c for c in sentence_subjects(context.text, lo, hi, context.index) if c.entity is not None]
    if named and named[-1].entity != turn.speaker:
        return _Decision(named[-1].entity, "narrative subject", 0.5, named[-1])  # type: ignore[arg-type]
    return None


def _addressees(context: _Context, turn: Turn, before: Turn | None, after: Turn | None) -> list[str]:
    found = [v for v in turn.vocatives if v != turn.speaker]
    for i in turn.quotes:
        cue = context.cues.get(i)
        if cue is not None and cue.addressee and cue.addressee not in found and cue.addressee != turn.speaker:
            found.append(cue.addressee)
    if found:
        return found
    for other in (before, after):
        if other is not None and other.speaker and other.speaker != turn.speaker:
            return [other.speaker]
    return []


def _count_quotes(quotes: Sequence[Quote], characters: Sequence[Character]) -> None:
    counts: dict[str, int] = {}
    for quote in quotes:
        if quote.speaker:
            counts[quote.speaker] = counts.get(quote.speaker, 0) + 1
    for character in characters:
        character.quotes = counts.get(character.name, 0)
