"""The pairing stage: which two characters the story is about as a couple, if any.

Every pair of characters that shares scenes gets two scores from the text:
*romance* (romantic and sexual cues — kissing, dating, "I love you", weddings,
jealousy — in a sentence naming both, in a paragraph naming both, or in a scene where
both were just named, the last two shared among everyone present) and *kinship*
(family and friendship cues: mom, daughter, best friend). Dialogue between them
(quote speakers and addressees) adds to both, and the KB's known ships are a weak
prior. A pair is romantic ("A/B") when romance clearly outweighs kinship, platonic
("A & B") when kinship or plain shared scenes dominate. The most frequent pair is
never the pairing by default: a mother and daughter share every scene.

Gen works must get no pairing, so the pairing needs romance above a floor that grows
(slowly) with the story's length, and a clear lead over kinship.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import ClassVar, Iterable

from . import kb
from .fandom import story_spans
from .kb.forms import derived_forms
from .kb.scanner import NameScanner
from .lexicon import word_list
from .model import Analysis, Evidence, Pairing, Relationship
from .sentences import sentence_spans

Pair = tuple[str, str]

SENTENCE_WEIGHT = 1.0
PARAGRAPH_WEIGHT = 0.5
SCENE_WEIGHT = 0.25
SCENE_PARAGRAPHS = 2  # a scene: this paragraph and the two before it
DIALOGUE_CUE_WEIGHT = 1.0
HINT_WEIGHT = 0.4
KINSHIP_OUTSIDE_SENTENCE = 0.4
KB_ROMANTIC_PRIOR = 1.0
KB_PLATONIC_PRIOR = 1.5
# Calibrated on ../shared/bench/ao3-tagged (shipped vs gen works): romance must reach
# 1.5 per sqrt(thousand words) and at least match kinship.
ROMANCE_FLOOR = 1.5
ROMANCE_OVER_KINSHIP = 1.0
MIN_ROMANCE = 1.0
KNOWN_SHIP_FLOOR = 0.5
MIN_KINSHIP = 1.0  # one family word in a sentence naming both ("her daughter Nora")
MIN_MENTIONS = 2
MAX_EVIDENCE = 6


@dataclass
class PairScore:
    romance: float = 0.0
    kinship: float = 0.0
    scenes: int = 0
    dialogue: int = 0
    kb_ship: str | None = None
    evidence: list[Evidence] = field(default_factory=list)


class PairingStage:
    name: ClassVar[str] = "pairing"
    requires: ClassVar[tuple[str, ...]] = ("characters", "quotes")
    provides: ClassVar[tuple[str, ...]] = ("pairing", "relationships")

    def __call__(self, analysis: Analysis) -> None:
        names = {c.name for c in analysis.characters if c.mentions >= MIN_MENTIONS or c.quotes}
        if len(names) < 2:
            return
        spans = story_spans(analysis)
        positions = character_positions(analysis, names, spans)
        scores = score_pairs(analysis, spans, positions)
        _add_dialogue(analysis, scores, names)
        _add_kb_prior(analysis, scores)
        words = sum(len(analysis.text[s:e].split()) for s, e in spans)
        analysis.relationships = relationships(scores, _order(analysis))
        analysis.pairing = choose_pairing(analysis.relationships, scores, words, analysis)


# ---------------------------------------------------------------- where each character is


def character_positions(analysis: Analysis, names: set[str], spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, character) for every name mention: the characters stage's, else one scan for their names.

    Pronoun mentions are left out: the cues below are tied to names written in the text.
    """
    found = [(m.start, m.end, m.entity) for m in analysis.mentions
             if m.category == "character" and m.entity in names and m.kind != "pronoun"]
    if found:
        return sorted(found)
    scanner: NameScanner[str] = NameScanner()
    forms: dict[str, set[str]] = defaultdict(set)
    for character in analysis.characters:
        if character.name in names:
            for form in {character.name, *character.aliases, *derived_forms(character.name)}:
                forms[form].add(character.name)
    for form, owners in forms.items():
        if len(owners) == 1:
            scanner.add(form, next(iter(owners)))
    return [(hit.start, hit.end, hit.payloads[0]) for hit in scanner.scan(analysis.text, spans)]


# ---------------------------------------------------------------- cues in the text


@lru_cache(maxsize=None)
def cue_pattern(name: str) -> re.Pattern[str]:
    """One regex for a whole cue list (longest phrases first), matched as whole words."""
    phrases = sorted(word_list(name), key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in phrases)
    return re.compile(rf"(?<![\w'’])(?:{body})(?![\w’]|'\w)", re.IGNORECASE)


@dataclass(slots=True)
class Cue:
    """A cue word in the text: romance (a romantic cue 1.0, a hint less) or kinship."""

    start: int
    end: int
    text: str
    romance: float = 0.0
    kinship: float = 0.0


def find_cues(text: str, start: int, end: int) -> list[Cue]:
    cues = [Cue(m.start(), m.end(), m.group(), romance=1.0) for m in cue_pattern("romantic_cues").finditer(text, start, end)]
    cues += [Cue(m.start(), m.end(), m.group(), romance=HINT_WEIGHT) for m in cue_pattern("romantic_hints").finditer(text, start, end)]
    cues += [Cue(m.start(), m.end(), m.group(), kinship=1.0) for m in cue_pattern("family_cues").finditer(text, start, end)]
    return cues


def score_pairs(analysis: Analysis, spans: list[tuple[int, int]], positions: list[tuple[int, int, str]]) -> dict[Pair, PairScore]:
    text = analysis.text
    scores: dict[Pair, PairScore] = defaultdict(PairScore)
    recent: list[set[str]] = []
    cursor = 0
    for start, end in spans:
        here: list[tuple[int, int, str]] = []
        while cursor < len(positions) and positions[cursor][0] < end:
            if positions[cursor][0] >= start:
                here.append(positions[cursor])
            cursor += 1
        present = {name for _, _, name in here}
        scene = present.union(*recent[-SCENE_PARAGRAPHS:]) if recent else set(present)
        recent.append(present)
        for a, b in _pairs(present):
            scores[(a, b)].scenes += 1
        cues = find_cues(text, start, end)
        if not cues:
            continue
        _paragraph_cues(scores, present, scene, cues)
        _sentence_cues(scores, text, start, end, here, cues)
    return scores


def _pairs(names: Iterable[str]) -> Iterable[Pair]:
    return combinations(sorted(names), 2)


def _paragraph_cues(scores: dict[Pair, PairScore], present: set[str], scene: set[str], cues: list[Cue]) -> None:
    """Romantic cues anywhere in the paragraph, shared among the characters present (then in the scene).

    Romance is told with pronouns ("he kissed her"), so it counts at paragraph and scene
    level. Kinship words ("grandma", "her mother") mostly point at someone else, so they
    count only where the text ties them to a name (see :func:`_kin_links`).
    """
    romance = sum(c.romance for c in cues)
    if not romance:
        return
    for group, weight in ((present, PARAGRAPH_WEIGHT), (scene - present, SCENE_WEIGHT)):
        members = present | group
        if len(members) < 2 or not group:
            continue
        share = weight / (len(members) - 1)
        for a, b in _pairs(members):
            if a in group or b in group:
                scores[(a, b)].romance += romance * share


# A clause boundary inside a sentence: a semicolon or dash, or a conjunction that opens a
# new clause ("..., and", "and he ..."). A romantic cue's participants are the names of its clause.
_CLAUSE_BREAK = re.compile(
    r"[;:—–]|\s-\s|,\s+(?:and|but|or|so|while|because|though|although|when|then)\b"
    r"|\b(?:and|but|or|so|then)\s+(?=(?:he|she|they|I|we|you|it)\b)",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"(?:\b(?:her|his|their|my|your|our)|['’]s?)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_GAP_AFTER_KIN = re.compile(r"^(\s*,)?\s+$")  # "mother Emily", "her mother, Emily"
_GAP_POSSESSIVE = re.compile(r"^['’]s?\s+(?:[a-z]+\s+)?$")  # "Rory's mom", "Rory's own mother"
_GAP_APPOSITIVE = re.compile(r"^,\s+(?:(?:her|his|their|my|your|our)\s+)?(?:[a-z]+\s+)?$")  # "Emily, her mother"


def _sentence_cues(scores, text: str, start: int, end: int, here: list[tuple[int, int, str]], cues: list[Cue]) -> None:
    for s_start, s_end in sentence_spans(text, start, end):
        inside = [c for c in cues if s_start <= c.start < s_end]
        if not inside:
            continue
        named = [(a, b, n) for a, b, n in here if s_start <= a < s_end]
        if not named:
            continue
        clauses = _clauses(text, s_start, s_end)
        for cue in inside:
            if cue.romance:
                clause = next(((a, b) for a, b in clauses if a <= cue.start < b), (s_start, s_end))
                pair = _nearest_pair(cue, [m for m in named if clause[0] <= m[0] < clause[1]])
                if pair is not None:
                    _credit(scores[pair], cue, "romantic-cue", romance=cue.romance * SENTENCE_WEIGHT)
            if cue.kinship:
                pair = _kin_pair(text, cue, named)
                if pair is not None:
                    _credit(scores[pair], cue, "family-cue", kinship=cue.kinship * SENTENCE_WEIGHT)


def _credit(score: PairScore, cue: Cue, signal: str, *, romance: float = 0.0, kinship: float = 0.0) -> None:
    score.romance += romance
    score.kinship += kinship
    if len(score.evidence) < MAX_EVIDENCE:
        score.evidence.append(Evidence(signal, text=cue.text, start=cue.start, end=cue.end, weight=round(romance + kinship, 3)))


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, last = [], start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        out.append((last, match.start()))
        last = match.end()
    out.append((last, end))
    return out


def _nearest_pair(cue: Cue, named: list[tuple[int, int, str]]) -> Pair | None:
    """The two different characters named nearest the cue ("their wedding ... Lorelai ... April" has none)."""
    distance: dict[str, int] = {}
    for a, b, name in named:
        d = cue.start - b if b <= cue.start else a - cue.end
        distance[name] = min(distance.get(name, d), max(0, d))
    if len(distance) < 2:
        return None
    first, second = sorted(distance, key=lambda n: (distance[n], n))[:2]
    return tuple(sorted((first, second)))  # type: ignore[return-value]


def _kin_pair(text: str, cue: Cue, named: list[tuple[int, int, str]]) -> Pair | None:
    """The pair a kinship word ties together, only through a possessive or appositive link.

    "her mother Emily", "her mother, Emily", "Rory's mom", "Emily, her mother" link the
    word to a name; the pair is that name and the nearest other name in the sentence
    (another linked name first: "Lorelai, Rory's mom"). A bare list ("call grandma and
    grandpa, Sookie, and Luke") links nothing.
    """
    linked: list[str] = []
    for a, b, name in named:
        if a >= cue.end:
            gap = text[cue.end : a]
            if _GAP_AFTER_KIN.match(gap) and (gap.strip() == "" or _DETERMINER.search(text[max(0, cue.start - 40) : cue.start])):
                linked.append(name)
        elif b <= cue.start:
            gap = text[b : cue.start]
            if _GAP_POSSESSIVE.match(gap) or _GAP_APPOSITIVE.match(gap):
                linked.append(name)
    if not linked:
        return None
    others = [n for n in dict.fromkeys(linked) if n != linked[0]]
    if not others:  # the nearest other name in the sentence ("Ada hugged her daughter Nora")
        return _nearest_pair(cue, [m for m in named if m[2] != linked[0]] + [(cue.start, cue.end, linked[0])])
    return tuple(sorted((linked[0], others[0])))  # type: ignore[return-value]


# ---------------------------------------------------------------- dialogue and the KB


def _add_dialogue(analysis: Analysis, scores: dict[Pair, PairScore], names: set[str]) -> None:
    """Quotes one of them says to the other: talk is a tie, and what they say to each other counts."""
    for quote in analysis.quotes:
        if quote.speaker not in names:
            continue
        for addressee in quote.addressees:
            if addressee not in names or addressee == quote.speaker:
                continue
            score = scores[tuple(sorted((quote.speaker, addressee)))]  # type: ignore[index]
            score.dialogue += 1
            cues = find_cues(analysis.text, quote.start, quote.end)
            score.romance += DIALOGUE_CUE_WEIGHT * sum(c.romance for c in cues)
            score.kinship += DIALOGUE_CUE_WEIGHT * sum(c.kinship for c in cues)


def _add_kb_prior(analysis: Analysis, scores: dict[Pair, PairScore]) -> None:
    """The fandom's known ships, weakly: a prior that tips close calls, never a pairing on its own."""
    if analysis.fandom is None or analysis.fandom.name is None:
        return
    entry = kb.load().fandom(analysis.fandom.name)
    if entry is None:
        return
    for ship in entry.ships:
        if len(ship.members) != 2:
            continue
        pair = tuple(sorted(ship.members))
        if pair not in scores:
            continue
        score = scores[pair]  # type: ignore[index]
        if score.romance + score.kinship == 0 and score.scenes < 2:
            continue
        score.kb_ship = ship.kind
        if ship.kind == "romantic":
            score.romance += KB_ROMANTIC_PRIOR
        else:
            score.kinship += KB_PLATONIC_PRIOR
        score.evidence.append(Evidence("kb-ship", text=" & ".join(ship.members) if ship.kind == "platonic" else "/".join(ship.members), source="kb"))


# ---------------------------------------------------------------- decisions


def relationships(scores: dict[Pair, PairScore], order) -> list[Relationship]:
    """Every pair with a notable tie, strongest first."""
    out = []
    for pair, score in scores.items():
        kind = _kind(score)
        if kind is None:
            continue
        members = order(pair)
        strength = score.romance if kind == "romantic" else score.kinship + 0.2 * score.scenes
        out.append(Relationship(
            characters=members,
            label=("/" if kind == "romantic" else " & ").join(members),
            kind=kind,
            score=round(strength, 3),
            evidence=score.evidence[:MAX_EVIDENCE],
        ))
    out.sort(key=lambda r: -r.score)
    return out


def _kind(score: PairScore) -> str | None:
    if score.romance >= MIN_ROMANCE and score.romance >= ROMANCE_OVER_KINSHIP * score.kinship:
        return "romantic"
    if score.kinship >= MIN_KINSHIP or score.scenes >= 5 or score.dialogue >= 3:
        return "platonic"
    return None


def _romance_floor(words: int) -> float:
    return ROMANCE_FLOOR * math.sqrt(max(1.0, words / 1000.0))


def choose_pairing(found: list[Relationship], scores: dict[Pair, PairScore], words: int, analysis: Analysis) -> Pairing | None:
    romantic = [r for r in found if r.kind == "romantic"]
    if not romantic:
        return None
    best = romantic[0]
    floor = _romance_floor(words)
    if scores[tuple(sorted(best.characters))].kb_ship == "romantic" and _leads(analysis) == set(best.characters):
        floor *= KNOWN_SHIP_FLOOR  # the canon's known couple, and the story's two leads
    if best.score < floor:
        return None
    runner = romantic[1].score if len(romantic) > 1 else 0.0
    confidence = (1.0 - math.exp(-best.score / (2 * floor))) * (0.5 + 0.5 * (best.score - runner) / best.score)
    declared = analysis.document.declared.relationships if analysis.document.declared else []
    return Pairing(characters=best.characters, label=best.label, confidence=round(confidence, 3),
                   evidence=best.evidence, declared=list(declared))


def _leads(analysis: Analysis) -> set[str]:
    """The story's two most mentioned characters."""
    ranked = sorted(analysis.characters, key=lambda c: -c.mentions)
    return {c.name for c in ranked[:2]}


def _order(analysis: Analysis):
    """AO3 order: the KB ship's order when there is one, else by surname (AO3 sorts "Danes/Gilmore")."""
    ships: dict[frozenset[str], list[str]] = {}
    if analysis.fandom is not None and analysis.fandom.name:
        entry = kb.load().fandom(analysis.fandom.name)
        if entry is not None:
            ships = {frozenset(s.members): list(s.members) for s in entry.ships if len(s.members) == 2}

    def order(pair: Pair) -> list[str]:
        if frozenset(pair) in ships:
            return ships[frozenset(pair)]
        return sorted(pair, key=lambda n: (n.split()[-1].casefold(), n.casefold()))

    return order
