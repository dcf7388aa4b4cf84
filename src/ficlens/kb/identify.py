"""Which fandom a story belongs to, from the KB name forms found in its text.

The evidence is the set of KB characters and places a story names. Each name form
weighs by how distinctive it is across the whole KB (a form used by k fandoms weighs
~1/k; full names weigh more, first names implied by a tag name less, month names and
the like almost nothing), grows with the log of how often it is used, and a fandom
scores the sum over its distinct characters and places. Two more signals keep false
positives out: the number of distinct characters matched (one shared name is a
coincidence, four are a canon), and *coverage*: how much of the story's own cast
(its most frequent capitalized mid-sentence words) the fandom explains. A Tony/Ziva/
McGee story is not Iron Man fan fiction because "Tony" matched Tony Stark.

Two names can be jointly distinctive where each alone is common: "Charles" and "Erik"
are in many fandoms, both together in two. When two characters are among the story's
main cast (its most used capitalized words) and are a known ship (or duo) of the
fandom, each weighs at least ~1/k for the k fandoms that have both forms (a pair-level
IDF), damped by ``PAIR_FACTOR``. Only known ships: two common first names that merely
co-occur in one big cast ("Nancy" and "George" among politicians) are a coincidence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ..lexicon import word_set
from .entries import FandomEntry
from .forms import is_title
from .index import FormSense, KnowledgeBase
from .scanner import Hit

_LOWER_WORD = re.compile(r"\b[a-z][a-z']+\b")
_CAPITALIZED = re.compile(r"\b[A-Z][a-zA-Z'’-]+")
FULL_NAME_BONUS = 1.5
DERIVED_FORM_FACTOR = 0.7
AMBIGUOUS_FORM_FACTOR = 0.15
COMMON_WORD_FACTOR = 0.5
PAIR_FACTOR = 0.7
PAIR_CAST = 4  # main characters (by use) whose pairs are tried
NEUTRAL_COVERAGE = 0.5  # when the story is too short to have a cast
MIN_CAST = 4  # capitalized-word occurrences needed before coverage means anything


@dataclass
class EntityEvidence:
    """One KB character or place as the story uses it."""

    name: str
    kind: str  # "character" | "place"
    weight: float = 0.0  # the best form's weight
    count: int = 0
    surface: str = ""  # the best form as written in the text (first occurrence)
    start: int = 0
    end: int = 0
    forms: set[tuple[str, ...]] = field(default_factory=set)

    @property
    def score(self) -> float:
        return self.weight * (1.0 + 0.5 * math.log(self.count)) if self.count else 0.0


@dataclass
class FandomScore:
    entry: FandomEntry
    entities: dict[str, EntityEvidence] = field(default_factory=dict)
    coverage: float = NEUTRAL_COVERAGE

    @property
    def score(self) -> float:
        return sum(e.score for e in self.entities.values())

    @property
    def effective(self) -> float:
        """The score discounted by how little of the story's cast the fandom explains."""
        return self.score * (0.3 + 0.7 * self.coverage)

    def characters(self, minimum: float = 0.0) -> list[EntityEvidence]:
        return [e for e in self.entities.values() if e.kind == "character" and e.weight > minimum]

    def places(self, minimum: float = 0.0) -> list[EntityEvidence]:
        return [e for e in self.entities.values() if e.kind == "place" and e.weight > minimum]

    def forms(self) -> set[tuple[str, ...]]:
        return {f for e in self.entities.values() for f in e.forms}


class StoryWords:
    """Word statistics of the story used to judge a name form's hits."""

    def __init__(self, text: str, spans: list[tuple[int, int]], not_cast: set[str] = frozenset()) -> None:
        self.lower: set[str] = set()
        self.cast: Counter[str] = Counter()
        for start, end in spans:
            chunk = text[start:end]
            self.lower.update(_LOWER_WORD.findall(chunk))
            for match in _CAPITALIZED.finditer(chunk):
                if not _opens_sentence(chunk, match.start()):
                    self.cast[_bare(match.group())] += 1
        ambiguous = word_set("kb_ambiguous_names", lower=False)
        for word in list(self.cast):
            if (word.lower() in self.lower or word in ambiguous or word.startswith(("I'", "I’")) or len(word) < 2
                    or word.casefold() in not_cast or is_title(word)):
                del self.cast[word]

    def top_cast(self, n: int = 6) -> list[tuple[str, int]]:
        return [(w, c) for w, c in self.cast.most_common(n) if c >= 2]


def _bare(word: str) -> str:
    """The name without its possessive or a closing quote: "Roy's", "Maes'" (a name ending in s), "'Roy'"."""
    return word.replace("’", "'").removesuffix("'s").rstrip("'")


def _opens_sentence(chunk: str, index: int) -> bool:
    j = index - 1
    while j >= 0 and chunk[j] in " \t\"“‘'*_(—-":
        j -= 1
    return j < 0 or chunk[j] in ".!?…\n:"


def form_weight(kb: KnowledgeBase, hit: Hit[FormSense], sense: FormSense, words: StoryWords) -> float:
    weight = kb.distinctiveness(hit.key)
    if len(hit.key) > 1:
        weight *= FULL_NAME_BONUS
    if sense.derived:
        weight *= DERIVED_FORM_FACTOR
    if len(hit.key) == 1:
        if hit.key[0] in word_set("kb_ambiguous_names", lower=False):
            weight *= AMBIGUOUS_FORM_FACTOR
        elif hit.key[0].lower() in words.lower:
            weight *= COMMON_WORD_FACTOR
    return weight


def usable(hit: Hit[FormSense], words: StoryWords) -> bool:
    """A one-word form that opens a sentence and is also a plain word ("It", "Even") is not evidence."""
    if len(hit.key) != 1 or not hit.sentence_initial:
        return True
    word = hit.key[0]
    return word.lower() not in words.lower and word not in word_set("kb_ambiguous_names", lower=False)


def score_fandoms(kb: KnowledgeBase, hits: list[Hit[FormSense]], text: str, words: StoryWords) -> list[FandomScore]:
    """Every fandom with any evidence, best first."""
    scores: dict[int, FandomScore] = {}
    for hit in hits:
        if not usable(hit, words):
            continue
        seen: set[int] = set()
        for sense in hit.payloads:
            if id(sense.fandom) in seen:  # a form naming two characters of one fandom counts once
                continue
            seen.add(id(sense.fandom))
            score = scores.setdefault(id(sense.fandom), FandomScore(sense.fandom))
            _add(score, sense, hit, form_weight(kb, hit, sense, words), text)
    cast = words.top_cast()
    main = {word for word, _ in cast}
    for score in scores.values():
        _pair_evidence(kb, score, main)
    ranked = sorted(scores.values(), key=lambda s: (-s.score, s.entry.name))[:24]
    if sum(count for _, count in cast) >= MIN_CAST:
        for score in ranked:
            score.coverage = _coverage(score, cast)
    return sorted(ranked, key=lambda s: (-s.effective, s.entry.name))


def _fandoms_of(kb: KnowledgeBase, key: tuple[str, ...]) -> set[int]:
    return {id(s.fandom) for s in kb.scanner.forms.get(key, ())}


def _pair_evidence(kb: KnowledgeBase, score: FandomScore, main: set[str]) -> None:
    """Lift two main characters that few fandoms have together to ~1/|fandoms with both|."""
    if len(main) < 2:
        return
    leads = [e for e in score.entities.values()
             if e.kind == "character" and any(len(f) == 1 and f[0] in main for f in e.forms)]
    if len(leads) < 2:
        return
    leads = sorted(leads, key=lambda e: -e.count)[:PAIR_CAST]
    fandoms = {id(e): set.union(*(_fandoms_of(kb, f) for f in e.forms if len(f) == 1 and f[0] in main)) for e in leads}
    lifted: dict[int, float] = {}
    ships = [set(ship.members) for ship in score.entry.ships]
    for i, a in enumerate(leads):
        for b in leads[i + 1 :]:
            if not any({a.name, b.name} <= ship for ship in ships):
                continue
            weight = PAIR_FACTOR / max(1, len(fandoms[id(a)] & fandoms[id(b)]))
            for e in (a, b):
                lifted[id(e)] = max(lifted.get(id(e), 0.0), weight)
    for e in leads:
        e.weight = max(e.weight, lifted.get(id(e), 0.0))


def _add(score: FandomScore, sense: FormSense, hit: Hit[FormSense], weight: float, text: str) -> None:
    entity = score.entities.get(sense.kind + ":" + sense.target.name)
    if entity is None:
        entity = score.entities[sense.kind + ":" + sense.target.name] = EntityEvidence(sense.target.name, sense.kind)
    entity.count += 1
    entity.forms.add(hit.key)
    if weight > entity.weight:
        entity.weight = weight
        entity.surface, entity.start, entity.end = text[hit.start : hit.end], hit.start, hit.end


def _coverage(score: FandomScore, cast: list[tuple[str, int]]) -> float:
    """Share of the story's most used capitalized words that are this fandom's name forms."""
    total = sum(count for _, count in cast)
    if not total:
        return 0.0
    tokens = {token for form in score.forms() for token in form}
    return sum(count for word, count in cast if word in tokens) / total
