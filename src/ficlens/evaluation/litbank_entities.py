"""LitBank entities: ficlens's name mentions against LitBank's proper-name mentions.

LitBank (Bamman et al. 2019, CC BY 4.0) annotates every entity mention, common ("the
old man") and proper ("Mr. Blowers"). ficlens finds names only, so the gold is the
proper-name subset. Two gold definitions are scored:

* **prop** (the headline gold): LitBank's own proper/common decision. Its coreference
  layer (``coref/tsv/*.ann``, same texts) labels every mention PROP, NOM or PRON; an
  entity-layer mention is gold when its span is labelled PROP there. This is the
  annotators' judgement, not ours: "the Wilcoxes", "the Lord High Chancellor", "the
  Greeks" are NOM (common) in LitBank; "old Pontifex", "the poet Shelley" are PROP. The
  few entity mentions the coref layer lacks (about 1.5%) fall back to the rule below.
* **caps** (the older, capitalisation rule, kept for continuity; :func:`is_proper_name`):
  drop leading lower-case words; if one of them is "of"/"in"/"at"/"from"/"to" the
  head is a common noun ("this part of England"); what is left must start with a
  capital, every word in it capitalised except name particles; at least one word must
  not be a title or role word; a one-word mention at a line start whose lower-case form
  occurs in the file is a capitalised common word.

Match kinds (each gold and predicted mention matched at most once for "relaxed"):

* **exact**: the same (start, end) as LitBank's span. LitBank spans are maximal noun
  phrases ("the late Irene Adler", "old Pontifex"), which a name finder never outputs.
* **head** (the headline match): both the gold and the predicted span are trimmed to
  their proper-name head by one rule (:func:`name_head`) and then compared exactly:
  leading words that are lower-case ("the", "old", "her") or a determiner/possessive
  written with a capital at a line start ("The", "Her"), and trailing punctuation, are
  cut. The rule depends only on the span's own words, never on the other side, so a
  wrong boundary inside the name ("Poor Douglas" for "Douglas", "Charles" for
  "Charles II", "Prince Prospero" for "Prospero") still fails. It is the headline
  because ficlens's contract is the name as written, and LitBank's modifiers are not
  part of a name.
* **relaxed**: any overlap.

Text: the gold is read and decided on LitBank's tokenised text (one sentence per
line, tokens split by spaces), then moved onto the running text rebuilt by
``litbank_text`` (the same rebuilding as the quotation benchmark: "Mr. Heathcliff's
horse", not "Mr. Heathcliff 's horse"), which is what both systems read and what the
name heads are cut on.

Persons are PER; places are LOC + GPE + FAC. ficlens mentions with category
"character" and kind "name" are compared with PER (kind "title" marks a title written
alone, "the General", which names a person without a proper name: LitBank's NOM),
category "place" with the places. Micro-averaged
over all files. The plain spaCy model (NER PERSON vs PER; GPE/LOC/FAC vs places) runs on
the same texts for comparison, unless ``FICLENS_EVAL_NO_BASELINE=1``.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import Counter
from pathlib import Path

from ..lexicon import word_set
from ..names import title_genders
from .litbank_text import char_offset_map, detokenize

_PARTICLES = frozenset({"of", "de", "la", "le", "du", "van", "von", "der", "the", "and", "'s", "'", "’s", "d'", "-"})
_ROLE_WORDS = frozenset({"chancellor", "lord", "lady", "sir", "king", "queen", "prince", "princess", "mister",
                         "master", "mistress", "madam", "madame", "monsieur", "doctor", "professor", "captain",
                         "colonel", "general", "father", "mother", "brother", "sister", "aunt", "uncle",
                         "god", "heaven", "church", "court", "office", "street", "house", "hall", "road"})
PLACE_LABELS = frozenset({"LOC", "GPE", "FAC"})

Span = tuple[int, int]


def is_proper_name(mention: str, line_start: bool, lower_words: set[str]) -> bool:
    """The gold rule of the module docstring."""
    words = mention.split()
    while words and not words[0][:1].isupper():
        if words[0] in ("of", "in", "at", "from", "to"):
            return False  # "this part of England": the head is a common noun
        words = words[1:]
    if not words:
        return False
    titles = {t.lower() for t in title_genders()}
    content = [w for w in words if w.lower() not in _PARTICLES]
    if not content or any(not w[:1].isupper() for w in content if w[:1].isalpha()):
        return False
    if all(w.lower().rstrip(".s") in titles | _ROLE_WORDS or w.lower().rstrip(".") in titles | _ROLE_WORDS
           for w in content):
        return False
    if line_start and len(content) == 1 and content[0].lower() in lower_words:
        return False
    return True


_HEAD_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "my", "your", "his", "her", "its",
                               "our", "their", "some", "any", "no", "every", "each", "all", "both"})
_TRAILING = ",.;:!?-–—_\"“”‘’'()"


def coref_categories(txt: str, coref_ann: str) -> dict[Span, str]:
    """(start, end) -> "PROP" | "NOM" | "PRON" from LitBank's coref layer (token offsets:
    sentence per line, tokens separated by single spaces)."""
    token_offsets: list[list[Span]] = []
    pos = 0
    for line in txt.split("\n"):
        tokens, p = [], pos
        for token in line.split(" "):
            tokens.append((p, p + len(token)))
            p += len(token) + 1
        token_offsets.append(tokens)
        pos += len(line) + 1
    found: dict[Span, str] = {}
    for row in coref_ann.splitlines():
        parts = row.split("\t")
        if len(parts) < 9 or parts[0] != "MENTION":
            continue
        try:
            s, ts, e, te = (int(x) for x in parts[2:6])
            found[(token_offsets[s][ts][0], token_offsets[e][te][1])] = parts[8]
        except (ValueError, IndexError):
            continue
    return found


def gold_mentions(txt: str, ann: str, categories: dict[Span, str] | None = None) -> tuple[set[Span], set[Span]]:
    """(person spans, place spans) of proper-name gold mentions.

    With ``categories`` (the coref layer's PROP/NOM/PRON per span) the "prop" gold,
    else the "caps" rule; spans the coref layer lacks use the "caps" rule too.
    """
    lower_words = set(re.findall(r"\b[a-z][a-z']*\b", txt))
    persons: set[Span] = set()
    places: set[Span] = set()
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].startswith("T"):
            continue
        fields = parts[1].split()
        if len(fields) != 3:
            continue
        label, start, end = fields[0], int(fields[1]), int(fields[2])
        category = (categories or {}).get((start, end))
        if category is not None:
            proper = category == "PROP"
        else:
            line_start = start == 0 or txt[start - 1] == "\n"
            proper = is_proper_name(txt[start:end], line_start, lower_words)
        if not proper:
            continue
        if label == "PER":
            persons.add((start, end))
        elif label in PLACE_LABELS:
            places.add((start, end))
    return persons, places


def name_head(txt: str, span: Span) -> Span:
    """The span trimmed to its proper-name head (see the module docstring)."""
    start, end = span
    while True:
        match = re.match(r"(\S+)\s+", txt[start:end])
        if not match:
            break
        word = match.group(1)
        line_start = start == 0 or txt[start - 1] == "\n"
        if word[:1].islower() or not word[:1].isalnum() or (line_start and word.lower() in _HEAD_DETERMINERS):
            start += match.end()
            continue
        break
    while end > start and (txt[end - 1] in _TRAILING or txt[end - 1].isspace()):
        end -= 1
    return (start, end) if end > start else span


def _heads(txt: str, spans: set[Span]) -> set[Span]:
    return {name_head(txt, s) for s in spans}


MATCHES = ("exact", "head", "relaxed")


class Score:
    """True positives per match kind, predicted and gold counts."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, predicted: set[Span], gold: set[Span], txt: str = "") -> None:
        self.counts["pred"] += len(predicted)
        self.counts["gold"] += len(gold)
        self.counts["exact"] += len(predicted & gold)
        self.counts["head"] += len(_heads(txt, predicted) & _heads(txt, gold)) if txt else len(predicted & gold)
        self.counts["relaxed"] += _overlaps(predicted, gold)

    def prf(self, kind: str) -> tuple[float, float, float]:
        tp, pred, gold = self.counts[kind], self.counts["pred"], self.counts["gold"]
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _overlaps(predicted: set[Span], gold: set[Span]) -> int:
    used: set[Span] = set()
    hits = 0
    for p in sorted(predicted):
        match = next((g for g in sorted(gold) if g not in used and g[0] < p[1] and p[0] < g[1]), None)
        if match:
            used.add(match)
            hits += 1
    return hits


def _rebuild(txt: str):
    """The running text of a tokenised file (``litbank_text``) and a function moving
    spans of the tokenised file onto it (token boundaries map to token boundaries)."""
    lines = [line.split(" ") for line in txt.split("\n")]
    rebuilt = detokenize(lines)
    starts, ends = char_offset_map(lines, rebuilt)

    def move(spans: set[Span]) -> set[Span]:
        return {(starts[s], ends[e]) for s, e in spans if s in starts and e in ends}

    return rebuilt.text, move


def _ficlens_spans(pipeline, txt: str) -> tuple[set[Span], set[Span]]:
    from ..pipeline import load

    analysis = pipeline.run(load(txt, is_text=True))
    persons = {(m.start, m.end) for m in analysis.mentions if m.category == "character" and m.kind == "name"}
    places = {(m.start, m.end) for m in analysis.mentions if m.category == "place"}
    return persons, places


def _spacy_spans(nlp, txt: str) -> tuple[set[Span], set[Span]]:
    doc = nlp(txt)
    persons = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"}
    places = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")}
    return persons, places


def run(path: Path, *, limit: int | None = None, as_json: bool = False, baseline: bool | None = None) -> int:
    from ..nlp import load_model
    from ..pipeline import Pipeline

    if baseline is None:
        baseline = os.environ.get("FICLENS_EVAL_NO_BASELINE", "") in ("", "0")
    folder = path / "entities" / "brat" if (path / "entities" / "brat").exists() else path
    coref = path / "coref" / "tsv"
    files = sorted(folder.glob("*.txt"))[: limit or None]
    pipeline = Pipeline()
    nlp = load_model() if baseline else None
    systems = ("ficlens", "spacy") if baseline else ("ficlens",)
    scores = {(gold, system, kind): Score() for gold in ("prop", "caps") for system in systems
              for kind in ("person", "place")}
    timing: Counter[str] = Counter()
    for txt_path in files:
        txt = txt_path.read_text(encoding="utf-8")
        ann = txt_path.with_suffix(".ann").read_text(encoding="utf-8")
        coref_path = coref / txt_path.with_suffix(".ann").name
        categories = coref_categories(txt, coref_path.read_text(encoding="utf-8")) if coref_path.exists() else {}
        golds = {"prop": gold_mentions(txt, ann, categories), "caps": gold_mentions(txt, ann)}
        text, move = _rebuild(txt)
        golds = {name: (move(persons), move(places)) for name, (persons, places) in golds.items()}
        started = time.perf_counter()
        predicted = {"ficlens": _ficlens_spans(pipeline, text)}
        timing["ficlens"] += time.perf_counter() - started
        if nlp is not None:
            started = time.perf_counter()
            predicted["spacy"] = _spacy_spans(nlp, text)
            timing["spacy"] += time.perf_counter() - started
        for gold_name, (gold_person, gold_place) in golds.items():
            for system, (persons, places) in predicted.items():
                scores[(gold_name, system, "person")].add(persons, gold_person, text)
                scores[(gold_name, system, "place")].add(places, gold_place, text)
    report = {"-".join(key): {kind: dict(zip(("precision", "recall", "f1"), (round(x, 3) for x in s.prf(kind))))
                              for kind in MATCHES} | {"gold": s.counts["gold"], "predicted": s.counts["pred"]}
              for key, s in scores.items()}
    report["files"] = len(files)
    report["seconds"] = {k: round(v, 1) for k, v in timing.items()}
    if as_json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"LitBank entities, proper-name mentions, {len(files)} files (micro-averaged)")
    print("headline: gold 'prop' (LitBank's PROP label), match 'head' (name head of both spans)")
    print(f"{'gold':<6}{'system':<9}{'type':<8}{'match':<9}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
    for (gold_name, system, kind), s in scores.items():
        for match in MATCHES:
            p, r, f = s.prf(match)
            print(f"{gold_name:<6}{system:<9}{kind:<8}{match:<9}{p:7.3f}{r:7.3f}{f:7.3f}"
                  f"{s.counts['gold']:7d}{s.counts['pred']:7d}")
    spacy_time = f", spaCy full model {timing['spacy']:.1f} s" if baseline else " (spaCy baseline skipped)"
    print(f"time: ficlens pipeline {timing['ficlens']:.1f} s{spacy_time}")
    return 0
