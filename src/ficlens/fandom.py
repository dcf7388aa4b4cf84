"""The fandom stage: which canon a story belongs to, from its text alone.

Evidence is the KB characters and places the story names (see
:mod:`ficlens.kb.identify` for how each weighs). A wrong confident answer is worse
than an honest "unknown", so a fandom is named only with at least two distinct
characters (or a character and a distinctive place), a clear margin over the best
fandom that is not a variant of the same canon ("Sherlock (TV)" vs "Sherlock Holmes
(2009)" share their cast and do not compete), and enough of the story's own cast
explained. Otherwise ``name`` is None and the guesses go to ``alternatives``.

Once the fandom is known, the characters and places get their canonical KB names and
genders (:mod:`ficlens.kb.canon`), which the speaker and pairing stages use.
"""

from __future__ import annotations

import bisect
import math
from typing import ClassVar

from . import kb
from .kb.canon import apply_canon, bears_any, not_a_character, written_surnames
from .kb.forms import form_key
from .kb.identify import FULL_NAME_BONUS, FandomScore, StoryWords, score_fandoms
from .kb.index import FormSense, KnowledgeBase
from .kb.scanner import Hit
from .model import Analysis, Evidence, Fandom

MIN_CONFIDENCE = 0.35
MIN_MARGIN = 0.35  # top must beat the best rival by this share of its own score
MIN_COVERAGE = 0.5
# Broad evidence (many distinct characters, a high score) may explain less of the cast:
# crossovers split it, and original characters take their share.
BROAD_DISTINCT, BROAD_SCORE, BROAD_MIN_COVERAGE = 3, 5.0, 0.25
ANCHOR_WEIGHT, ANCHOR_MIN_COUNT, ANCHOR_MIN_COVERAGE = 1.0, 4, 0.4
JOINT_CAST, JOINT_MIN_COUNT = 3, 2  # characters no other canon has together (see jointly_distinctive)
CHARACTER_WEIGHT = 0.1  # a character counts as "distinct evidence" above this form weight
# ... or above this weight, used twice, when the fandom explains this share of the story's cast
WEAK_CHARACTER_WEIGHT, WEAK_MIN_COUNT, CAST_COVERAGE = 0.05, 2, 0.75
PLACE_WEIGHT = 0.5
SAME_CANON_SHARE = 0.6
MAX_EVIDENCE = 12


class FandomStage:
    name: ClassVar[str] = "fandom"
    requires: ClassVar[tuple[str, ...]] = ("characters", "places")
    provides: ClassVar[tuple[str, ...]] = ("fandom", "characters")

    def __call__(self, analysis: Analysis) -> None:
        base = kb.load()
        spans = story_spans(analysis)
        hits = find_kb_names(analysis, base, spans)
        rejected, _ = not_a_character(analysis)
        words = StoryWords(analysis.text, spans, rejected)
        ranked = score_fandoms(base, hits, analysis.text, words)
        fandom, chosen = decide(ranked, base)
        _compare_with_declared(fandom, analysis, base)
        analysis.fandom = fandom
        if chosen is not None:
            apply_canon(analysis, chosen.entry, hits)


def story_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """The text later stages analyse: the notes stage's spans, else the story paragraphs."""
    if analysis.story_spans:
        return list(analysis.story_spans)
    spans = [(p.start, p.end) for p in analysis.document.paragraphs() if p.role == "story"]
    return spans or [(0, len(analysis.text))]


def find_kb_names(analysis: Analysis, base: KnowledgeBase, spans: list[tuple[int, int]]) -> list[Hit[FormSense]]:
    """KB name forms in the story: one scan of the text, plus the characters stage's name mentions it missed."""
    hits = list(base.scanner.scan(analysis.text, spans))
    starts = {h.start for h in hits}
    for mention in analysis.mentions:
        if mention.kind not in ("name", "vocative") or mention.start in starts:
            continue
        key = form_key(mention.text)
        senses = base.scanner.forms.get(key)
        if senses:
            hits.append(Hit(mention.start, mention.end, key, senses))
            starts.add(mention.start)
    hits.sort(key=lambda h: h.start)
    return _without_contradicted_names(analysis, _without_place_senses(analysis, hits))


def _without_contradicted_names(analysis: Analysis, hits: list[Hit[FormSense]]) -> list[Hit[FormSense]]:
    """A given name the story gives another surname is not that KB character.

    "Mary" in a novel whose Mary is "Mary Datchet" is no evidence for "Mary Boleyn":
    the story itself says which Mary it means.
    """
    surnames: dict[str, set[str]] = {}
    for character in analysis.characters:
        names = [character.name, *character.aliases]
        for name in names:
            words = form_key(name)
            if len(words) == 1:
                surnames.setdefault(words[0].lower(), set()).update(written_surnames(names))
    fits: dict[tuple[int, str], bool] = {}  # a common name is hit hundreds of times: decide once

    def fit(sense: FormSense, given: str) -> bool:
        key = (id(sense.target), given)
        if key not in fits:
            fits[key] = bears_any(sense.target, surnames[given], sense.fandom)
        return fits[key]

    out = []
    for hit in hits:
        given = hit.key[0].lower()
        if len(hit.key) == 1 and surnames.get(given):
            senses = [s for s in hit.payloads if s.kind != "character" or fit(s, given)]
            if not senses:
                continue
            hit = Hit(hit.start, hit.end, hit.key, senses, hit.sentence_initial)
        out.append(hit)
    return out


def _without_place_senses(analysis: Analysis, hits: list[Hit[FormSense]]) -> list[Hit[FormSense]]:
    """A form the characters stage resolved as a place or a non-character is not a KB character here."""
    rejected, place_spans = not_a_character(analysis)
    if not rejected and not place_spans:
        return hits
    out = []
    for hit in hits:
        if analysis.text[hit.start : hit.end].casefold() in rejected or _inside(hit, place_spans):
            senses = [s for s in hit.payloads if s.kind != "character"]
            if not senses:
                continue
            hit = Hit(hit.start, hit.end, hit.key, senses, hit.sentence_initial)
        out.append(hit)
    return out


def _inside(hit: Hit, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (hit.start, 1 << 62)) - 1
    return i >= 0 and spans[i][1] > hit.start


def decide(ranked: list[FandomScore], base: KnowledgeBase | None = None) -> tuple[Fandom, FandomScore | None]:
    if not ranked:
        return Fandom(name=None), None
    ranked = _break_ties(ranked)
    top = ranked[0]
    crossovers = [s for s in ranked[1:] if _independent(s, top)]
    rivals = [s for s in ranked[1:] if not same_canon(top, s) and s not in crossovers]
    confidence = _confidence(top, rivals[0].effective if rivals else 0.0)
    alternatives = _alternatives(ranked, top)
    kin = {id(top.entry)} | {id(s.entry) for s in ranked[1:] if same_canon(top, s)}

    def joint() -> bool:
        return base is not None and jointly_distinctive(base, top, kin)

    if not _convincing(top, rivals, confidence, joint):
        guesses = [{"name": top.entry.name, "confidence": round(confidence, 3)}] + alternatives
        return Fandom(name=None, confidence=0.0, evidence=_evidence(top), alternatives=guesses[:5]), None
    fandom = Fandom(
        name=top.entry.name,
        confidence=round(confidence, 3),
        evidence=_evidence(top),
        alternatives=alternatives,
        crossover=[s.entry.name for s in crossovers],
    )
    return fandom, top


TIE = 0.15
# Screen canons draw most of the fan fiction written about a cast they share with a book
# or comic; the order only breaks near-ties between entries of one canon.
MEDIUM_ORDER = {"tv": 0, "film": 1, "cartoon": 2, "anime-manga": 3, "game": 4, "book": 5, "comics": 6}


def _break_ties(ranked: list[FandomScore]) -> list[FandomScore]:
    """Adaptations of one canon that explain the story equally well (same forms, same score).

    A screen canon wins over a book or comic (``MEDIUM_ORDER``), then the entry where the
    story's two main characters are the better-known ship (ships are listed most popular
    first), then the higher score.
    """
    top = ranked[0]
    tied = [s for s in ranked if s.effective >= top.effective * (1 - TIE) and (s is top or same_canon(top, s))]
    if len(tied) < 2:
        return ranked
    best = min(tied, key=lambda s: (MEDIUM_ORDER.get(s.entry.medium, 9), _ship_rank(s), -s.effective, s.entry.name))
    return [best] + [s for s in ranked if s is not best]


def _ship_rank(score: FandomScore) -> int:
    leads = sorted(score.characters(), key=lambda e: -e.count)[:2]
    names = {e.name for e in leads}
    return next((i for i, ship in enumerate(score.entry.ships) if len(names) == 2 and set(ship.members) == names), 999)


def same_canon(a: FandomScore, b: FandomScore) -> bool:
    """Two KB entries of one canon (book/film/TV variants): declared related, or sharing most characters."""
    if related(a.entry, b.entry):
        return True
    names_b = {e.name.casefold() for e in b.characters()}
    if not names_b:
        return False
    names_a = {e.name.casefold() for e in a.characters()}
    return len(names_a & names_b) / len(names_b) >= SAME_CANON_SHARE


def related(a, b) -> bool:
    """One entry lists the other (by any of its names) in ``related``."""
    names_a = {n.casefold() for n in a.names()}
    names_b = {n.casefold() for n in b.names()}
    return any(n.casefold() in names_b for n in a.related) or any(n.casefold() in names_a for n in b.related)


def _confidence(top: FandomScore, runner_up: float) -> float:
    strength = 1.0 - math.exp(-top.score / 2.0)
    margin = (top.effective - runner_up) / top.effective if top.effective > 0 else 0.0
    return max(0.0, min(1.0, strength * (0.4 + 0.6 * top.coverage) * (0.5 + 0.5 * margin)))


def jointly_distinctive(base: KnowledgeBase, top: FandomScore, kin: set[int]) -> bool:
    """``JOINT_CAST`` or more recurring characters that no other canon has together.

    "Erik", "Raven", "Xavier" and "Shaw" are each in a few fandoms, all four only in the
    X-Men canons: the combination names the canon even when an original (or renamed)
    lead leaves much of the story's cast unexplained. Characters written only as a
    country's name ("France", "England") are no part of it: a history names them all. ``kin`` are the ids of the top
    entry and its variants (same canon), which do not count as others.
    """
    cast = [e for e in top.characters(CHARACTER_WEIGHT) if e.count >= JOINT_MIN_COUNT and not _country_named(e)]
    if len(cast) < JOINT_CAST:
        return False
    holders: dict[int, int] = {}
    for entity in cast:
        owners = {id(sense.fandom) for form in entity.forms for sense in base.scanner.forms.get(form, ())
                  if sense.kind == "character"}
        for owner in owners - kin:
            holders[owner] = holders.get(owner, 0) + 1
    return all(count < JOINT_CAST for count in holders.values())


def _country_named(entity) -> bool:
    """A character written only as a country or region ("America", "France": Hetalia's nations)."""
    from .gazetteer import place_kind

    return all(len(form) == 1 and place_kind(form[0]) in ("country", "region") for form in entity.forms)


def _convincing(top: FandomScore, rivals: list[FandomScore], confidence: float, joint=lambda: False) -> bool:
    distinct = _distinct_characters(top)
    places = len(top.places(PLACE_WEIGHT))
    anchored = _anchored(top)
    if distinct < 2 and not (distinct >= 1 and places >= 1) and not anchored:
        return False
    runner_up = rivals[0].effective if rivals else 0.0
    if top.effective - runner_up < MIN_MARGIN * top.effective:
        return False
    broad = distinct + places >= BROAD_DISTINCT and (top.score >= BROAD_SCORE or joint())
    minimum = BROAD_MIN_COVERAGE if broad else ANCHOR_MIN_COVERAGE if anchored else MIN_COVERAGE
    return top.coverage >= minimum and confidence >= MIN_CONFIDENCE


def _distinct_characters(top: FandomScore) -> int:
    """The fandom's characters that count as distinct evidence.

    A character with a common first name ("Roy", in a dozen fandoms) weighs too little
    to count, unless the story's cast is almost all this fandom's names
    (``CAST_COVERAGE``) and it is used again (``WEAK_MIN_COUNT``): a Gracia beside a
    Roy, with nobody else named, is Fullmetal Alchemist's pair, not a coincidence.
    """
    strong = len(top.characters(CHARACTER_WEIGHT))
    if top.coverage < CAST_COVERAGE:
        return strong
    weak = [e for e in top.characters(WEAK_CHARACTER_WEIGHT) if e.weight <= CHARACTER_WEIGHT and e.count >= WEAK_MIN_COUNT]
    return strong + len(weak)


def _anchored(top: FandomScore) -> bool:
    """One character with a name no other fandom uses, written again and again.

    In real-person fiction a real person's name unique in the whole KB ("Wout", a rider's
    first name), used ``ANCHOR_MIN_COUNT`` times, is evidence on its own; in other
    fandoms only a unique full name is (a unique first name like "Vince" is still a
    common name in the world, and one character is a thin basis for a canon).
    """
    return any(
        e.count >= ANCHOR_MIN_COUNT and (
            (top.entry.rpf and e.weight >= ANCHOR_WEIGHT and not _surname_only(e))
            or any(len(f) > 1 for f in e.forms) and e.weight >= ANCHOR_WEIGHT * FULL_NAME_BONUS
        )
        for e in top.characters()
    )


def _surname_only(entity) -> bool:
    """Written only by the last word of the person's name ("Powell" for Glen Powell): how narration names anyone."""
    last = entity.name.split()[-1] if " " in entity.name else None
    return last is not None and all(len(form) == 1 and form[0] == last for form in entity.forms)


def _independent(other: FandomScore, top: FandomScore) -> bool:
    """A crossover: a second fandom with its own distinct characters, none of them explained by the top one."""
    shared = top.forms()
    own = [e for e in other.entities.values() if e.weight >= 0.3 and not (e.forms & shared)]
    recurring = any(e.count >= 3 for e in own)  # a passing reference ("the Death Star") is not a crossover
    return len(own) >= 2 and recurring and sum(e.score for e in own) >= max(2.0, 0.25 * top.score)


def _alternatives(ranked: list[FandomScore], top: FandomScore) -> list[dict]:
    total = sum(s.score for s in ranked[:6]) or 1.0
    out = []
    for score in ranked[1:5]:
        strength = 1.0 - math.exp(-score.score / 2.0)
        out.append({"name": score.entry.name, "confidence": round(strength * score.score / total * (0.4 + 0.6 * score.coverage), 3)})
    return out


def _evidence(score: FandomScore) -> list[Evidence]:
    entities = sorted(score.entities.values(), key=lambda e: -e.score)[:MAX_EVIDENCE]
    return [Evidence(e.kind, text=e.surface, start=e.start, end=e.end, source="kb", weight=round(e.score, 3)) for e in entities]


def _compare_with_declared(fandom: Fandom, analysis: Analysis, base: KnowledgeBase) -> None:
    declared = analysis.document.declared
    if declared is None or not declared.fandoms:
        return
    fandom.declared = list(declared.fandoms)
    if fandom.name is None:
        return
    chosen = base.fandom(fandom.name)
    fandom.agrees_with_declared = any(
        (base.fandom(d) is chosen and chosen is not None) or d.casefold() == fandom.name.casefold()
        for d in declared.fandoms
    )
