"""The pairing stage: which two characters the story is about as a couple, if any.

Every pair of characters that shares scenes gets two scores from the text:
*romance* (romantic and sexual cues — kissing, dating, "I love you", weddings — and the
weaker intimacy, desire and domesticity words slash fiction tells a couple with — "in his
arms", "heart raced", "woke up next to" — in a clause naming both, else attached to the
two people the cue is about: a name in its clause, the pronouns' genders and each
gender's lead, and who was last on stage before it, never two the text ties as family)
and *kinship* (family and friendship cues: mom, daughter, best friend; only family
words rule romance out). Dialogue between them (quote speakers and addressees) adds to
both, except words about a third person ("your dad"), and the KB's known ships are a
weak prior (a duo the fandom ships both as friends and as a couple is no evidence
against romance). The narration's "I" is a named first-person narrator, and its "you"
the reader of a reader-insert ("Loki/Reader"; see :mod:`ficlens.point_of_view`). A pair is romantic ("A/B") when romance clearly outweighs
family ties, platonic ("A & B") when kinship or plain shared scenes dominate. The most
frequent pair is never the pairing by default: a mother and daughter share every scene.

Gen works must get no pairing, so the pairing needs romance above a floor that grows
(slowly) with the story's length; the floor is lower for the story's central pair
(clearly the most shared scenes and talk) and for the canon's known couple as its leads,
and the KB prior counts only in part toward it.

Overfitting guard: the weights were tuned on the dev half of ../shared/bench/ao3-tagged
only (even AO3 work ids; ``ficlens eval tagged DIR --split dev``); the test half is
reported, never tuned on.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import ClassVar, Iterable

from . import kb
from .fandom import story_spans
from .kb.canon import story_names_of
from .kb.forms import derived_forms
from .kb.scanner import NameScanner
from .lexicon import word_list
from .model import Analysis, Evidence, Pairing, Relationship
from .point_of_view import READER, names_the_reader, viewpoint_positions
from .sentences import sentence_spans

Pair = tuple[str, str]

SENTENCE_WEIGHT = 1.0
PARAGRAPH_WEIGHT = 0.5
SCENE_WEIGHT = 0.25
SCENE_PARAGRAPHS = 2  # a scene: this paragraph and the two before it
DIALOGUE_CUE_WEIGHT = 1.0
HINT_WEIGHT = 0.4
INTIMACY_WEIGHT = 0.7
FRIEND_AGAINST_ROMANCE = 0.3  # "friends" leaves room for romance; "mother" does not
KINSHIP_OUTSIDE_SENTENCE = 0.4
KB_ROMANTIC_PRIOR = 1.0
PRIOR_TOWARD_FLOOR = 0.5  # the share of the KB prior that counts toward the romance floor
KB_PLATONIC_PRIOR = 1.5
# Calibrated on ../shared/bench/ao3-tagged (shipped vs gen works; since the split, on its
# dev half only): romance must reach 1.5 per sqrt(thousand words) and match family ties.
ROMANCE_FLOOR = 1.5
ROMANCE_OVER_KINSHIP = 1.0
MIN_ROMANCE = 1.0
KNOWN_SHIP_FLOOR = 0.6
CENTRAL_FLOOR = 0.5
MAX_CANDIDATES = 6  # people tried for a pronoun-told cue
POV_LEAD = 2.0  # a gender's lead is named this much more than anyone else of that gender
CENTRAL_MIN = 3
CENTRAL_MIN_ROMANCE = 1.5
CENTRAL_LEAD = 1.5
MIN_KINSHIP = 1.0  # one family word in a sentence naming both ("her daughter Nora")
MIN_MENTIONS = 2
MAX_EVIDENCE = 6


@dataclass
class PairScore:
    romance: float = 0.0
    kinship: float = 0.0
    against: float = 0.0  # kinship that rules romance out (family words, a known platonic duo)
    family: float = 0.0  # family words alone (mom, daughter, brother)
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
        spans = story_spans(analysis)
        viewpoint = viewpoint_positions(analysis, spans)
        names |= {name for _, _, name in viewpoint}
        if len(names) < 2:
            return
        positions = sorted(character_positions(analysis, names - {READER}, spans) + viewpoint)
        scores = score_pairs(analysis, spans, positions, names)
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
    against: float = 0.0  # how much the kinship weighs against romance (family 1, friendship less)


# Every cue list, strongest first: (list, romance weight, kinship weight, weight against romance).
CUE_LISTS = (
    ("romantic_cues", 1.0, 0.0, 0.0),
    ("intimacy_cues", None, 0.0, 0.0),  # INTIMACY_WEIGHT
    ("romantic_hints", None, 0.0, 0.0),  # HINT_WEIGHT
    ("family_cues", 0.0, 1.0, 1.0),
    ("friendship_cues", 0.0, 1.0, None),  # FRIEND_AGAINST_ROMANCE
)


@lru_cache(maxsize=None)
def all_cues() -> tuple[re.Pattern[str], dict[str, tuple[float, float, float]]]:
    """Every cue list as one regex (a prefix trie, so one pass is cheap) and each phrase's weights.

    A phrase in two lists keeps the stronger list's weights (the order of ``CUE_LISTS``).
    """
    defaults = {"intimacy_cues": INTIMACY_WEIGHT, "romantic_hints": HINT_WEIGHT, "friendship_cues": FRIEND_AGAINST_ROMANCE}
    weights: dict[str, tuple[float, float, float]] = {}
    for name, romance, kinship, against in CUE_LISTS:
        romance = defaults[name] if romance is None else romance
        against = defaults[name] if against is None else against
        for phrase in word_list(name):
            weights.setdefault(_phrase_key(phrase), (romance, kinship, against))
    pattern = re.compile(rf"(?<![\w'’])(?:{_trie_regex(weights)})(?![\w’]|'\w)", re.IGNORECASE)
    return pattern, weights


def _phrase_key(phrase: str) -> str:
    return " ".join(phrase.casefold().split())


def _trie_regex(phrases) -> str:
    """An alternation of the phrases factored by common prefixes; greedy, so the longest phrase wins."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alternatives = [(r"\s+" if ch == " " else re.escape(ch)) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def find_cues(text: str, start: int, end: int) -> list[Cue]:
    """The cue phrases in text[start:end], whole words, the longest where phrases overlap."""
    pattern, weights = all_cues()
    out = []
    for m in pattern.finditer(text, start, end):
        romance, kinship, against = weights[_phrase_key(m.group())]
        out.append(Cue(m.start(), m.end(), m.group(), romance=romance, kinship=kinship, against=against))
    return out


def score_pairs(analysis: Analysis, spans: list[tuple[int, int]], positions: list[tuple[int, int, str]],
                names: set[str] | None = None) -> dict[Pair, PairScore]:
    """Romance, kinship, shared scenes and dialogue for every pair of the characters ``names``."""
    names = names if names is not None else {n for _, _, n in positions}
    text = analysis.text
    scores: dict[Pair, PairScore] = defaultdict(PairScore)
    actors = _actors(analysis, positions)
    actor_starts = [a[0] for a in actors]
    talks = _talk_spans(analysis, names)
    genders = {c.name: c.gender for c in analysis.characters}
    leads = _gender_leads(analysis)
    recent: list[int] = []  # paragraph starts
    pending: list = []  # romantic cues told with pronouns, placed after the pass
    cursor = 0
    for start, end in spans:
        here: list[tuple[int, int, str]] = []
        while cursor < len(positions) and positions[cursor][0] < end:
            if positions[cursor][0] >= start:
                here.append(positions[cursor])
            cursor += 1
        recent.append(start)
        scene_start = recent[-1 - SCENE_PARAGRAPHS] if len(recent) > SCENE_PARAGRAPHS else recent[0]
        present = {name for _, _, name in here}
        for a, b in _pairs(present):
            scores[(a, b)].scenes += 1
        cues = find_cues(text, start, end)
        if not cues:
            continue
        clauses = _sentence_cues(scores, text, start, end, here, cues)
        for cue in cues:
            if not cue.romance or id(cue) not in clauses or _told_between_known(cue, talks):
                continue
            clause = clauses[id(cue)]
            wanted = _pronoun_genders(text[clause[0] : clause[1]])
            pending.append((cue, (start, end, scene_start), clause, wanted))
    # Pronoun-told cues last, once the family ties (also those said in dialogue: "Mom")
    # are known: "he kissed her" is never given to a mother and her son.
    _add_dialogue(analysis, scores, names)

    def family(a: str, b: str) -> bool:
        pair = (a, b) if a < b else (b, a)
        return pair in scores and scores[pair].family >= MIN_KINSHIP

    for cue, where, clause, wanted in pending:
        pair, inside = _active_pair(cue, actors, actor_starts, where, clause, genders, leads, wanted, family)
        if pair is not None:
            weight = PARAGRAPH_WEIGHT if inside else SCENE_WEIGHT
            _credit(scores[pair], cue, "romantic-cue", romance=cue.romance * weight)
    return scores


def _actors(analysis: Analysis, positions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Who is on stage where: every name mention, and every quote's speaker and addressees at the quote."""
    names = {n for _, _, n in positions}
    out = list(positions)
    for quote in analysis.quotes:
        if quote.speaker in names:
            out.append((quote.start, quote.end, quote.speaker))
        out += [(quote.start, quote.end, a) for a in quote.addressees if a in names and a != quote.speaker]
    out.sort()
    return out


def _talk_spans(analysis: Analysis, names: set[str]) -> list[tuple[int, int]]:
    """Quotes whose speaker and addressee are both known: their cues count as dialogue (see :func:`_add_dialogue`)."""
    return sorted((q.start, q.end) for q in analysis.quotes
                  if q.speaker in names and any(a != q.speaker and a in names for a in _addressees(analysis, q, names)))


def _addressees(analysis: Analysis, quote, names: set[str]) -> list[str]:
    """The quote's addressees; in a reader-insert a line that calls the reader "Y/N" is said to the reader."""
    if READER in names and names_the_reader(analysis.text, quote.start, quote.end):
        return [READER]
    return quote.addressees


def _told_between_known(cue: Cue, talks: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(talks, (cue.start, 1 << 62)) - 1
    return i >= 0 and talks[i][1] > cue.start


_PRONOUN = re.compile(r"\b(?:(he|him|his|himself)|(she|her|hers|herself))\b", re.IGNORECASE)


def _pronoun_genders(clause: str) -> set[str]:
    """The genders of the third-person pronouns in a clause ("her hasty proposal in his diner": both)."""
    return {"male" if m.group(1) else "female" for m in _PRONOUN.finditer(clause)}


def _gender_leads(analysis: Analysis) -> dict[str, str]:
    """For each gender, the character its pronouns mean by default: the most named one, clearly ahead of the next.

    In third-person limited the point-of-view character is "she" (or "he") throughout;
    in a two-hander the other lead is the other pronoun.
    """
    leads: dict[str, str] = {}
    for gender in ("female", "male"):
        ranked = sorted((c for c in analysis.characters if c.gender == gender), key=lambda c: (-c.mentions, c.name))
        if ranked and ranked[0].mentions >= MIN_MENTIONS and (len(ranked) == 1 or ranked[0].mentions >= POV_LEAD * ranked[1].mentions):
            leads[gender] = ranked[0].name
    return leads


def _active_pair(cue: Cue, actors, actor_starts: list[int], where: tuple[int, int, int], clause: tuple[int, int],
                 genders: dict[str, str], leads: dict[str, str], wanted: set[str],
                 family=lambda a, b: False) -> tuple[Pair | None, bool]:
    """The two characters a romantic cue told with pronouns belongs to.

    A name in the cue's own clause is one of them. The pronouns of the clause say which
    genders the two have ("her hasty proposal in his diner": a woman and a man), and a
    pronoun means its gender's lead (:func:`_gender_leads`), named nearby or not: the
    point-of-view character is "she" for pages on end.
    The rest come from who was on stage last before the cue (named or speaking) in this
    paragraph, then in the scene, then later in the paragraph, preferring a gender the
    pronouns still need, and never two people the text ties as family. Never everyone
    present: a phone call between Lorelai and Luke is their scene, not Rory's who was
    named a paragraph ago.
    Returns the pair and whether both were found in this paragraph.
    """
    start, end, scene_start = where
    before: list[tuple[str, bool]] = []  # most recent first, (name, in this paragraph)
    i = bisect.bisect_left(actor_starts, cue.start) - 1
    while i >= 0 and actor_starts[i] >= scene_start:
        name = actors[i][2]
        if name not in (n for n, _ in before):
            before.append((name, actor_starts[i] >= start))
        i -= 1
    j = bisect.bisect_left(actor_starts, cue.end)
    while j < len(actors) and actor_starts[j] < end:
        if actors[j][2] not in (n for n, _ in before):
            before.append((actors[j][2], True))
        j += 1
    if len({n for n, _ in before}) < 2:
        return None, False
    candidates: list[str] = []  # the most likely first: a name in the clause, the pronouns' leads, the last on stage
    in_clause = actors[bisect.bisect_left(actor_starts, clause[0]) : bisect.bisect_left(actor_starts, clause[1])]
    named = min(in_clause, key=lambda a: abs(a[0] - cue.start))[2] if in_clause else None
    if named:
        candidates.append(named)
    candidates += [leads[g] for g in sorted(wanted) if g in leads]
    candidates += [n for n, _ in before]
    candidates = list(dict.fromkeys(candidates))[:MAX_CANDIDATES]
    best: tuple[tuple[int, int], Pair] | None = None
    for i, a in enumerate(candidates):
        for j in range(i + 1, len(candidates)):
            b = candidates[j]
            if family(a, b) or not _fits(wanted, genders.get(a, "unknown"), genders.get(b, "unknown")):
                continue
            rank = (0 if named in (a, b) or named is None else 1, i + j)
            if best is None or rank < best[0]:
                best = (rank, (a, b) if a < b else (b, a))
    if best is None:
        return None, False
    inside = dict(before)
    return best[1], all(inside.get(n, False) for n in best[1])


def _fits(wanted: set[str], a: str, b: str) -> bool:
    """Two people the clause's pronouns can mean: "he ... her" a man and a woman, "he ... him" at least a man.

    An unknown gender fits anything.
    """
    known = [g for g in (a, b) if g in ("male", "female")]
    if len(wanted) == 2:
        return not (len(known) == 2 and known[0] == known[1])
    if len(wanted) == 1:
        return len(known) < 2 or next(iter(wanted)) in known
    return True


def _pairs(names: Iterable[str]) -> Iterable[Pair]:
    return combinations(sorted(names), 2)


# A clause boundary inside a sentence: a semicolon or dash, or a conjunction that opens a
# new clause ("..., and", "and he ..."). A romantic cue's participants are the names of its clause.
_CLAUSE_BREAK = re.compile(
    r"[;:—–]|\s-\s|,\s+(?:and|but|or|so|while|because|though|although|when|then|after|before|since|until|as)\b"
    r"|\b(?:and|but|or|so|then)\s+(?=(?:he|she|they|I|we|you|it)\b)",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"(?:\b(?:her|his|their|my|your|our)|['’]s?)\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_GAP_AFTER_KIN = re.compile(r"^(\s*,)?\s+$")  # "mother Emily", "her mother, Emily"
_GAP_POSSESSIVE = re.compile(r"^['’]s?\s+(?:[a-z]+\s+)?$")  # "Rory's mom", "Rory's own mother"
_GAP_APPOSITIVE = re.compile(r"^,\s+(?:(?:her|his|their|my|your|our)\s+)?(?:[a-z]+\s+)?$")  # "Emily, her mother"


def _sentence_cues(scores, text: str, start: int, end: int, here: list[tuple[int, int, str]], cues: list[Cue]) -> dict[int, tuple[int, int]]:
    """Cues in a clause naming both people; returns the clause of every romantic cue not placed so (by id)."""
    left: dict[int, tuple[int, int]] = {}
    for s_start, s_end in sentence_spans(text, start, end):
        inside = [c for c in cues if s_start <= c.start < s_end]
        if not inside:
            continue
        named = [(a, b, n) for a, b, n in here if s_start <= a < s_end]
        clauses = _clauses(text, s_start, s_end)
        for cue in inside:
            if cue.romance:
                clause = next(((a, b) for a, b in clauses if a <= cue.start < b), (s_start, s_end))
                pair = _nearest_pair(cue, [m for m in named if clause[0] <= m[0] < clause[1]])
                if pair is not None:
                    _credit(scores[pair], cue, "romantic-cue", romance=cue.romance * SENTENCE_WEIGHT)
                else:
                    left[id(cue)] = clause
            if cue.kinship and named:
                pair = _kin_pair(text, cue, named)
                if pair is not None:
                    _credit(scores[pair], cue, "family-cue", kinship=cue.kinship * SENTENCE_WEIGHT)
                    scores[pair].against += cue.against * SENTENCE_WEIGHT
                    scores[pair].family += SENTENCE_WEIGHT if cue.against >= 1.0 else 0.0
    return left


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
        for addressee in _addressees(analysis, quote, names):
            if addressee not in names or addressee == quote.speaker:
                continue
            score = scores[tuple(sorted((quote.speaker, addressee)))]  # type: ignore[index]
            score.dialogue += 1
            cues = [c for c in find_cues(analysis.text, quote.start, quote.end) if not _about_someone_else(analysis.text, c, quote.start)]
            score.romance += DIALOGUE_CUE_WEIGHT * sum(c.romance for c in cues)
            score.kinship += DIALOGUE_CUE_WEIGHT * sum(c.kinship for c in cues)
            score.against += DIALOGUE_CUE_WEIGHT * sum(c.against for c in cues)
            score.family += DIALOGUE_CUE_WEIGHT * sum(1 for c in cues if c.against >= 1.0)


_SOMEONE_ELSES = re.compile(r"(?:\b(?:my|your|his|her|their|a|an)|\w['’]s)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _about_someone_else(text: str, cue: Cue, quote_start: int) -> bool:
    """A cue word in speech about a third person: "your dad", "his wife", "Ana's boyfriend" (not "Mom, ...", not "our wedding")."""
    return bool(_SOMEONE_ELSES.search(text[max(quote_start, cue.start - 30) : cue.start]))


@dataclass
class KnownShip:
    """A KB ship as the story names its two people: AO3's order and the kinds the KB lists."""

    members: list[str]
    kinds: set[str] = field(default_factory=set)
    order: list[tuple[str, str]] = field(default_factory=list)  # (kind, label) in KB order


def known_ships(analysis: Analysis) -> dict[Pair, KnownShip]:
    """The KB ships of the story's fandom, keyed by the story's own character names.

    The fandom is the one the text names; without one, the file's declared fandoms
    (an AO3 download says which canon it is even when the text alone cannot). A ship
    member is the story character whose name or aliases point to that KB character
    alone (the names are canonical already when the fandom stage found the fandom).
    """
    base = kb.load()
    names = [analysis.fandom.name] if analysis.fandom is not None and analysis.fandom.name else []
    if not names and analysis.document.declared is not None:
        names = list(analysis.document.declared.fandoms)
    out: dict[Pair, KnownShip] = {}
    for fandom in names:
        entry = base.fandom(fandom)
        if entry is None:
            continue
        lookup = story_names_of(entry, analysis.characters)
        for ship in entry.ships:
            if len(ship.members) != 2 or not all(m in lookup for m in ship.members):
                continue
            members = [lookup[m] for m in ship.members]
            if members[0] == members[1]:
                continue
            known = out.setdefault(tuple(sorted(members)), KnownShip(members))  # type: ignore[arg-type]
            known.kinds.add(ship.kind)
            known.order.append((ship.kind, ("/" if ship.kind == "romantic" else " & ").join(ship.members)))
    return out


def _add_kb_prior(analysis: Analysis, scores: dict[Pair, PairScore]) -> None:
    """The fandom's known ships, weakly: a prior that tips close calls, never a pairing on its own."""
    for pair, known in known_ships(analysis).items():
        if pair not in scores:
            continue
        score = scores[pair]
        if score.romance + score.kinship == 0 and score.scenes < 2:
            continue
        for kind, label in known.order:
            if kind == "romantic":
                score.kb_ship = "romantic"
                score.romance += KB_ROMANTIC_PRIOR
            else:
                score.kb_ship = score.kb_ship or "platonic"
                score.kinship += KB_PLATONIC_PRIOR
                # A duo fans also ship as a couple (friends to lovers) is no evidence against romance.
                if "romantic" not in known.kinds:
                    score.against += KB_PLATONIC_PRIOR
            score.evidence.append(Evidence("kb-ship", text=label, source="kb"))


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
    if score.romance >= MIN_ROMANCE and score.romance >= ROMANCE_OVER_KINSHIP * score.against:
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
    if _central(scores) == tuple(sorted(best.characters)):
        floor = max(floor * CENTRAL_FLOOR, min(floor, CENTRAL_MIN_ROMANCE))  # the pair the story is about
    if scores[tuple(sorted(best.characters))].kb_ship == "romantic" and _leads(analysis) == set(best.characters):
        floor *= KNOWN_SHIP_FLOOR  # the canon's known couple, and the story's two leads
    # The floor is mostly on the text's own evidence: the KB prior ranks couples, lowers the
    # floor for the canon's couple as the leads, and counts only in part toward it.
    prior = KB_ROMANTIC_PRIOR if scores[tuple(sorted(best.characters))].kb_ship == "romantic" else 0.0
    if best.score - (1.0 - PRIOR_TOWARD_FLOOR) * prior < floor:
        return None
    runner = romantic[1].score if len(romantic) > 1 else 0.0
    confidence = (1.0 - math.exp(-best.score / (2 * floor))) * (0.5 + 0.5 * (best.score - runner) / best.score)
    declared = analysis.document.declared.relationships if analysis.document.declared else []
    return Pairing(characters=best.characters, label=best.label, confidence=round(confidence, 3),
                   evidence=best.evidence, declared=list(declared))


def _central(scores: dict[Pair, PairScore]) -> Pair | None:
    """The pair that shares the most scenes and talk, when it clearly leads the next one."""
    ranked = sorted(scores.items(), key=lambda kv: -(kv[1].scenes + kv[1].dialogue))
    if not ranked:
        return None
    top = ranked[0][1].scenes + ranked[0][1].dialogue
    runner = ranked[1][1].scenes + ranked[1][1].dialogue if len(ranked) > 1 else 0
    return ranked[0][0] if top >= CENTRAL_MIN and top >= CENTRAL_LEAD * runner else None


def _leads(analysis: Analysis) -> set[str]:
    """The story's two most mentioned characters."""
    ranked = sorted(analysis.characters, key=lambda c: -c.mentions)
    return {c.name for c in ranked[:2]}


def _order(analysis: Analysis):
    """AO3 order: the KB ship's order when there is one, else by surname (AO3 sorts "Danes/Gilmore")."""
    ships = {frozenset(pair): known.members for pair, known in known_ships(analysis).items()}

    def order(pair: Pair) -> list[str]:
        if frozenset(pair) in ships:
            return list(ships[frozenset(pair)])
        return sorted(pair, key=lambda n: (n == READER, n.split()[-1].casefold(), n.casefold()))  # "Loki/Reader"

    return order
