"""The characters stage: characters with their aliases, names that are not characters, places.

Every decision is made per NAME over the whole document, never per occurrence:

1. ``names.extract`` cuts the story (``analysis.story_spans``: author's notes already cut
   out) into capitalised-name occurrences in one regex pass.
2. ``name_evidence.gather`` sums, per name, what the surrounding words say (speech
   verbs, vocatives, possessives, titles, place prepositions, calendar words...).
3. ``name_verdicts.decide`` turns the totals into character / place / not-a-character / nothing,
   with the place cue words and the gazetteer (``places``). Names the evidence leaves
   undecided or weak get the spaCy NER model's vote on at most two sampled sentences
   each, all in one ``nlp.pipe`` batch with only the NER component running.
   A character needs at least one piece of person evidence: a people-only signal
   (speech verb, vocative, possessive, title), a person verb, a known given name or
   knowledge-base character form, or the NER model's PERSON; a he/she after the name
   alone is not enough. Words the text uses as verbs ("she Flooed"), common words it
   also writes in lower case ("Hope", "hope") without two people-only signals, "the"
   + an organisation word ("the Ministry") and plurals ("Gryffindors", "the Aurors")
   are not characters.
4. ``aliases.cluster_forms`` groups the character name forms into people; ``gender``
   votes on each person's gender. Then per use: a title written alone ("the General",
   "Mademoiselle") goes to the one character titled so when the text uses both nearby,
   else is a person of its own (mentions of kind "title"); a given name two people share
   goes to the one named last nearby; a known name in capitals ("JONATHAN HARKER") is a
   mention of that character. The plural of a surname ("the Crofts") is a family, not a
   person.

The per-name decisions live in ``name_verdicts``; building characters and their
mentions in ``character_mentions``, places and theirs in ``place_mentions``. This module
keeps the stage: its flow, the input it prepares, the names that are not characters
and the narrator.

Cost: regexes and dicts over the whole text, NER on a few hundred short sentences at
most (about 1 s on a 120K-word novel).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import ClassVar

from .character_mentions import build_characters, capitals_mentions
from .model import Analysis, Character, Evidence, NonCharacter
from .name_evidence import NameEvidence, QuoteIndex, gather
from .name_verdicts import (Verdict, abbreviated_places, adjective_places, coordinated_places, decide, family_groups,
                            firm_names, ner_votes, person_surnames, plural_groups, plural_places, pronoun_evidence,
                            verb_forms, words_not_places)
from .names import Occurrence, capitalised_verbs, extract, given_names, is_not_name_word, lowercase_counts
from .place_mentions import build_places, capitals_places, place_display_names

_NOTE_PARAGRAPH = re.compile(r"\s*(?:A/N|A\.N\.|AN:|Author'?s'?\s+Notes?|Disclaimer|Note:)", re.IGNORECASE)
_QUOTE_PAIR = re.compile(r"\"([^\"]*)\"|“([^”]*)”")
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself)\b")
_THIRD_PERSON = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.IGNORECASE)
_MY_NAME = re.compile(r"\b(?:[Mm]y name is|[Mm]y name's|[Cc]all me|[Ii]'m called)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
_THANKS = re.compile(r"\b(?:thanks?|thank you|betas?|beta'd|dedicated|for|to|and)\b[^.!?\n]{0,40}$", re.IGNORECASE)
_NOTE_ONLY = "named only in the author's notes"


class CharacterStage:
    name: ClassVar[str] = "characters"
    requires: ClassVar[tuple[str, ...]] = ("quotes",)
    provides: ClassVar[tuple[str, ...]] = ("characters", "non_characters", "places", "mentions", "narrator")

    def __call__(self, analysis: Analysis) -> None:
        try:
            _run(analysis)
        except RecursionError:  # never crash on odd input: degrade to nothing found
            analysis.characters, analysis.places, analysis.mentions = [], [], []


def _run(analysis: Analysis) -> None:
    text = analysis.text
    story, fallback_notes = _story_and_notes(analysis)
    quote_spans = _merge([(q.start, q.end) for q in analysis.quotes] + _fallback_quotes(text, story))
    quotes = QuoteIndex(quote_spans)
    lower = lowercase_counts(text, story)
    verbs = capitalised_verbs(text, story, lower)
    candidates = extract(text, story, lower, verbs)
    quoted = [_fills_quote(text, o, quotes, analysis) for o in candidates]
    occurrences = [o for o, q in zip(candidates, quoted) if not q]
    evidence = gather(text, occurrences, quotes)
    pronoun_evidence(text, occurrences, evidence, quotes)
    verb_forms(evidence, verbs)
    verdicts = {name: decide(name, ev, lower) for name, ev in evidence.items()}
    abbreviated_places(verdicts, evidence)
    ner_votes(text, occurrences, evidence, verdicts, lower)
    abbreviated_places(verdicts, evidence)  # again: NER may have made the long form a place
    coordinated_places(text, occurrences, verdicts, evidence)
    adjective_places(verdicts)
    firm_names(verdicts, evidence)
    words_not_places(verdicts, evidence)
    person_surnames(verdicts, evidence)
    family_groups(occurrences, verdicts)
    plural_groups(verdicts, evidence)
    plural_places(verdicts)
    place_names = place_display_names(text, occurrences, verdicts)
    analysis.places, place_mentions = build_places(text, _with_quoted_places(candidates, quoted, verdicts), verdicts,
                                                   place_names)
    place_mentions += capitals_places(text, story, analysis.places, place_mentions)
    analysis.characters, character_mentions = build_characters(text, occurrences, verdicts, evidence, quotes)
    character_mentions += capitals_mentions(text, story, analysis.characters)
    analysis.mentions = sorted(character_mentions + place_mentions, key=lambda m: (m.start, m.end))
    analysis.non_characters = _non_characters(text, occurrences, verdicts, evidence, analysis, fallback_notes, lower)
    analysis.narrator = _narrator(text, story, quotes, analysis)


# ---------------------------------------------------------------- input


def _story_and_notes(analysis: Analysis) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Story spans; when the notes stage marked nothing, paragraphs that open like a note."""
    spans = list(analysis.story_spans) or [(0, len(analysis.text))]
    if analysis.author_notes:
        return spans, []
    text = analysis.text
    notes = [s for s in spans if _NOTE_PARAGRAPH.match(text, s[0], s[1])]
    return [s for s in spans if s not in notes], notes


def _fallback_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paired quote marks inside one paragraph, used only when the quotes stage found none."""
    found: list[tuple[int, int]] = []
    for start, end in spans:
        for match in _QUOTE_PAIR.finditer(text, start, end):
            group = 1 if match.group(1) is not None else 2
            found.append((match.start(group), match.end(group)))
    return found


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of the quotes stage's spans and plain paired marks, as disjoint spans.

    Paired marks catch quotes the quotes stage left out (a vocative "Charlotte, do you"
    still counts as inside a quote); overlapping spans are merged so lookups stay exact.
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
            continue
        merged.append((start, end))
    return merged


def _with_quoted_places(candidates: list[Occurrence], quoted: list[bool],
                        verdicts: dict[str, Verdict | None]) -> list[Occurrence]:
    """The occurrences, plus those alone in quote marks whose name is a place by its other
    uses: 'they represented "New York,"', 'succeeded to "Hell Row"' mention the place."""
    return [o for o, q in zip(candidates, quoted)
            if not q or ((v := verdicts.get(o.name)) is not None and v.what == "place")]


def _fills_quote(text: str, occ: Occurrence, quotes: QuoteIndex, analysis: Analysis) -> bool:
    """A name that is all there is between quote marks is a quoted name or title, not dialogue."""
    span = quotes.span_at(occ.start)
    if span is None:
        return False
    start = occ.article_start if occ.article_start is not None else occ.start
    return text[span[0]:span[1]].strip(" .,!?") == text[start:occ.end]


# ---------------------------------------------------------------- results


def _non_characters(text: str, occurrences: list[Occurrence], verdicts: dict[str, Verdict | None],
                    evidence: dict[str, NameEvidence], analysis: Analysis,
                    fallback_notes: list[tuple[int, int]], lower: Counter[str]) -> list[NonCharacter]:
    found: dict[str, NonCharacter] = {}
    for occ in occurrences:
        verdict = verdicts.get(occ.name)
        if verdict and verdict.what == "non" and occ.name not in found:
            found[occ.name] = NonCharacter(occ.form, verdict.detail or "not a character", occ.start, occ.end)
    note_spans = [(n.start, n.end) for n in analysis.author_notes] + fallback_notes
    for occ in extract(text, note_spans, lower):
        if occ.name in evidence or occ.name in found or occ.initial:
            continue
        words = occ.name.split()
        if words[0] in given_names() or _THANKS.search(text, max(0, occ.start - 60), occ.start):
            if not is_not_name_word(occ.name):
                found[occ.name] = NonCharacter(occ.name, _NOTE_ONLY, occ.start, occ.end)
    return sorted(found.values(), key=lambda n: n.start if n.start is not None else 0)


def _narrator(text: str, story: list[tuple[int, int]], quotes: QuoteIndex, analysis: Analysis) -> str | None:
    """The narrator's name for first-person narration, when the text gives it; else None.

    First person: "I/me/my" outside quotes outnumber he/she/him/her and make at least 1%
    of the narration's words. The name comes from "My name is X" / "call me X".
    """
    first = third = words = 0
    for start, end in story:
        chunk = text[start:end]
        words += chunk.count(" ") + 1
        first += sum(1 for m in _FIRST_PERSON.finditer(text, start, end) if not quotes.contains(m.start()))
        third += sum(1 for m in _THIRD_PERSON.finditer(text, start, end) if not quotes.contains(m.start()))
    if words == 0 or first < 0.01 * words or first <= third:
        return None
    for start, end in story:
        match = _MY_NAME.search(text, start, end)
        if match:
            name = match.group(1)
            for character in analysis.characters:
                if name in character.aliases or name == character.name:
                    return character.name
            analysis.characters.append(Character(name=name, aliases=[name], first_offset=match.start(1),
                                                 evidence=[Evidence("my name is", name, match.start(1), match.end(1))]))
            return name
    return None
