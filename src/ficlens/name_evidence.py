"""What the words around each occurrence say about a name, summed per name.

Each signal is a cheap look at a few characters before or after one occurrence; the
stage never decides from one occurrence, only from the totals over the document:

* person: subject of a speech verb ("Rory called"), after one ("said Luke"), vocative
  inside a quote ("Come on Luke, please?"), possessive before a common noun ("Luke's
  face"), a title ("Mrs. Gilmore"), subject of a person verb ("Lorelai sat");
* place: after a place preposition ("in Stars Hollow", "at Le Grillon") or a travel
  verb + "to" ("drove to Italy", "ticket to Italy");
* calendar: "in April", "on Monday", "April 5";
* thing: after a possessive determiner ("her mom's Jeep") - people are rarely owned;
* cited author: "by X" in a sentence about a song, book or poem;
* verb use: right after a subject pronoun ("she Flooed home", "he Accio'd his wand"):
  a capitalised word used as a verb is no name;
* firm: a name joined by "and" to itself ("Jarndyce and Jarndyce", a lawsuit) or ending
  a list before "and Co." / "& Sons" ("Carston, Waite and Co.") names a firm or a case.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import word_list, word_set
from .names import Occurrence

_WORD_AFTER = re.compile(r"\s*,?\s*([A-Za-z'’]+)(?:\s+([A-Za-z'’]+))?")
_WORDS_BEFORE = re.compile(r"\b([A-Za-z'’]+)\s+(?:([A-Za-z'’]+)\s+)?$")
_TRAILING_ARTICLE = re.compile(r"\b[Tt]he\s+$")
_VOCATIVE_AFTER = re.compile(r"\s*(?:[,!?]|\.{3}|…|[.!?]*\s*[\"”])")
_VOCATIVE_BEFORE = re.compile(
    r"(?:^|[\"“,]|\b(?:on|oh|hey|hi|hello|please|thanks|thank you|no|yes|yeah|well|okay|ok|sorry|bye|"
    r"dear|night|morning|look|listen|god|man))\s*$", re.IGNORECASE)
_OWNED_BEFORE = re.compile(r"(?:\b(?:my|your|his|her|our|their|its|a|an)|['’]s)\s+$", re.IGNORECASE)
_CALENDAR_BEFORE = re.compile(
    r"\b(?:in|on|of|since|until|till|last|next|every|early|late|mid|by|this|that|before|after|during)\s+$",
    re.IGNORECASE)
_CALENDAR_AFTER = re.compile(r"\s+(?:\d|the\s+\d|first|second|third|morning|afternoon|evening|night)")
_WORK_WORDS = re.compile(r"\b(?:song|songs|album|lyrics|sang|sung|sings|singer|band|poem|book|novel|written|wrote)\b",
                         re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+$")
# '“Charlotte, do you...': a name right after an opening mark, then a comma or "!": a
# vocative even when the quote runs over several paragraphs and no closing mark is found.
_OPENING_MARK_BEFORE = re.compile(r"(?:^|[\n\s])[\"“][ \t]?$")
_VOCATIVE_COMMA_AFTER = re.compile(r"\s?[,!?]")
# "she Flooed", "they just Apparated", "he'd Accio'd": a subject pronoun right before, on
# the same line or the next (never "CHAPTER I" over a blank line before "Emma Woodhouse").
_LINE_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_VERB_USE_BEFORE = re.compile(rf"(?<![\w'’])(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|(?<![A-Z][A-Z] )I)"
                              rf"(?:['’]d|{_LINE_GAP}(?:just|then|quickly|simply))?{_LINE_GAP}\Z")
_CLOSE_QUOTE_BEFORE = re.compile(r"[,!?.…-][\"”’']\s*([A-Za-z]+)\s+(?:the\s+)?$")


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """The quotes stage's speech verbs when it has them, and our own fallback list."""
    verbs = set(word_set("speech_verbs_fallback"))
    try:
        verbs |= word_set("speech_verbs")
    except (FileNotFoundError, OSError):
        pass
    return frozenset(verbs)


@lru_cache(maxsize=1)
def place_prepositions() -> dict[str, str]:
    return {parts[0]: parts[1] for parts in (line.split() for line in word_list("place_prepositions")) if len(parts) == 2}


@dataclass(slots=True)
class NameEvidence:
    """Totals of every signal for one name over the whole document."""

    count: int = 0
    initial: int = 0
    in_quote: int = 0
    speech: int = 0
    vocative: int = 0
    possessive: int = 0
    titled: int = 0
    person_verb: int = 0
    pronoun: int = 0
    place_strong: int = 0
    place_weak: int = 0
    calendar: int = 0
    owned: int = 0
    article: int = 0
    cited_author: int = 0
    embedded: int = 0
    verb_use: int = 0
    firm: int = 0
    verb_form: bool = False
    ner: Counter[str] = field(default_factory=Counter)
    examples: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def person_score(self) -> float:
        return 2.0 * (self.speech + self.vocative + self.possessive + self.titled) + self.person_verb \
            + 0.5 * self.pronoun

    @property
    def place_score(self) -> float:
        return 2.0 * self.place_strong + self.place_weak

    def note(self, signal: str, occurrence: Occurrence) -> None:
        self.examples.setdefault(signal, (occurrence.start, occurrence.end))


class QuoteIndex:
    """Sorted quote spans: is an offset inside a quote?"""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def contains(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]

    def span_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return self.spans[i]
        return None


def gather(text: str, occurrences: list[Occurrence], quotes: QuoteIndex) -> dict[str, NameEvidence]:
    """Sum the signals of every occurrence per name key."""
    totals: dict[str, NameEvidence] = {}
    verbs = speech_verbs()
    person_verbs = word_set("person_verbs")
    travel = word_set("travel_verbs")
    preps = place_prepositions()
    for occ in occurrences:
        ev = totals.setdefault(occ.name, NameEvidence())
        ev.count += 1
        if occ.embedded_in:
            ev.embedded += 1
            continue
        ev.initial += occ.initial
        ev.article += occ.article is not None
        if occ.title:
            ev.titled += 1
            ev.note("title", occ)
        inside = quotes.contains(occ.start)
        ev.in_quote += inside
        before = text[max(0, occ.start - 60):occ.start]
        after = text[occ.end:occ.end + 40]
        _person_signals(occ, ev, before, after, inside, verbs, person_verbs)
        _place_signals(occ, ev, before, travel, preps)
        if _CALENDAR_BEFORE.search(before) or _CALENDAR_AFTER.match(after):
            ev.calendar += 1
        if occ.article is None and not occ.title and _OWNED_BEFORE.search(before):
            ev.owned += 1
        if not occ.title and occ.article is None and not occ.possessive and _VERB_USE_BEFORE.search(before):
            ev.verb_use += 1
        if _BY_BEFORE.search(before) and _WORK_WORDS.search(text[max(0, occ.start - 160):occ.start]):
            ev.cited_author += 1
        if _firm(occ.name, before, after):
            ev.firm += 1
    return totals


# "Carston, Waite and Co.", "Dombey and Son", "Smith & Sons": the names of a firm
_FIRM_AFTER = re.compile(r"(?:,\s*[A-Z][\w'’]*)*,?\s+(?:and|&)\s+(?:Co\b|Company\b|Sons?\b)")


def _firm(name: str, before: str, after: str) -> bool:
    """A name joined by "and" to itself ("Jarndyce and Jarndyce": a lawsuit between
    one family's members) or listed before "and Co." names a firm or a case, not a place."""
    if after.startswith(" and " + name) or before.endswith(name + " and "):
        return True
    return _FIRM_AFTER.match(after) is not None


def _person_signals(occ: Occurrence, ev: NameEvidence, before: str, after: str, inside: bool,
                    verbs: frozenset[str], person_verbs: frozenset[str]) -> None:
    if (occ.possessive and re.match(r"['’]s?\s+[a-z]", after)) or re.match(r" ['’]s\s+[a-z]", after):
        ev.possessive += 1
        ev.note("possessive", occ)
    follow = _WORD_AFTER.match(after) if not occ.possessive else None
    if follow and not after.lstrip().startswith(("\"", "”")):
        first = follow.group(1).lower()
        second = (follow.group(2) or "").lower()
        comma = "," in after[:follow.start(1)]
        if not comma and (first in verbs or (first.endswith("ly") and second in verbs)):
            ev.speech += 1
            ev.note("speech-verb subject", occ)
        elif not comma and (first in person_verbs or (first.endswith("ly") and second in person_verbs)):
            ev.person_verb += 1
            ev.note("person-verb subject", occ)
    tag = _CLOSE_QUOTE_BEFORE.search(before)
    if tag and tag.group(1).lower() in verbs:
        ev.speech += 1
        ev.note("after speech verb", occ)
    opens_quote = _OPENING_MARK_BEFORE.search(before) is not None and _VOCATIVE_COMMA_AFTER.match(after)
    if occ.article is None and ((inside and _VOCATIVE_AFTER.match(after) and _VOCATIVE_BEFORE.search(before))
                                or opens_quote):
        ev.vocative += 1
        ev.note("vocative", occ)


_PLACE_OF = re.compile(r"\b(?:(?:village|town|city|county|parish|hamlet|borough|port|province|kingdom|state|"
                       r"island|isle|vale|valley|district)s?|parishes|cities|counties|shire|capital|suburbs?|outskirts|"
                       r"streets|out)\s+of\s+$", re.IGNORECASE)


_TRAVEL_PARTICLE_TO = re.compile(r"\b([A-Za-z]+)\s+(?:up|down|over|back|out|on|off|away|home|across|round|along)"
                                 r"\s+to\s+$", re.IGNORECASE)


def _place_signals(occ: Occurrence, ev: NameEvidence, before: str, travel: frozenset[str],
                   preps: dict[str, str]) -> None:
    if occ.title or occ.possessive:
        return
    if _PLACE_OF.search(before):  # "the village of Marlott", "the parishes of Grimpen", "out of Hull"
        ev.place_strong += 1
        ev.note("place preposition", occ)
        return
    bare = _TRAILING_ARTICLE.sub("", before)
    words = _WORDS_BEFORE.search(bare)
    if not words:
        return
    last = (words.group(2) or words.group(1)).lower()
    prior = words.group(1).lower() if words.group(2) else ""
    strength = preps.get(last)
    if last == "at" and prior in word_set("at_target_verbs"):
        return  # "looked at Toots", "smiled at Harriet": a target, not a location
    if (last == "to" and prior in travel) or (last == "for" and prior in word_set("travel_for_verbs")):
        strength = "strong"  # "drove to Italy", "head for Pinacate"
    elif last == "to" and (particle := _TRAVEL_PARTICLE_TO.search(bare)) and particle.group(1).lower() in travel:
        strength = "strong"  # "drive up to Fiesole", "went back to London"
    if strength == "strong":
        ev.place_strong += 1
        ev.note("place preposition", occ)
    elif strength == "weak":
        ev.place_weak += 1
