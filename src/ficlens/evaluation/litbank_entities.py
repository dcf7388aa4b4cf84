"""LitBank entities: ficlens's name mentions against LitBank's proper-name mentions.

LitBank (Bamman et al. 2019, CC BY 4.0) annotates every entity mention, common ("the
old man") and proper ("Mr. Blowers"). ficlens finds names only, so the gold here is
the proper-name subset, by this rule (:func:`is_proper_name`):

* drop leading lower-case words (determiners, possessives, adjectives: "the", "his");
  if one of them is "of"/"in"/"at"/"from"/"to" the head is a common noun ("this part of
  England") and the mention is not a name;
* what is left must be non-empty, start with a capital, and every word in it must be
  capitalised except name particles and possessive marks ("of", "de", "'s");
* at least one capitalised word must not be a title or role word ("Lord Chancellor",
  "Mr." alone are not names; "Mr. Blowers" is);
* a one-word mention at the start of a line (LitBank has one sentence per line) whose
  lower-case form occurs in the same file is a capitalised common word, not a name.

Persons are PER; places are LOC + GPE + FAC. ficlens mentions with category
"character" are compared with PER, category "place" with the places. Exact match is
the same (start, end); relaxed match is any overlap (each gold and predicted mention
matched at most once). Micro-averaged over all files. The plain spaCy model (NER
PERSON vs PER; GPE/LOC/FAC vs places) runs on the same texts for comparison.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path

from ..lexicon import word_set
from ..names import title_genders

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


def gold_mentions(txt: str, ann: str) -> tuple[set[Span], set[Span]]:
    """(person spans, place spans) of proper-name gold mentions."""
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
        line_start = start == 0 or txt[start - 1] == "\n"
        if not is_proper_name(txt[start:end], line_start, lower_words):
            continue
        if label == "PER":
            persons.add((start, end))
        elif label in PLACE_LABELS:
            places.add((start, end))
    return persons, places


class Score:
    """Exact and relaxed true positives, predicted and gold counts."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, predicted: set[Span], gold: set[Span]) -> None:
        self.counts["pred"] += len(predicted)
        self.counts["gold"] += len(gold)
        self.counts["exact"] += len(predicted & gold)
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


def _ficlens_spans(pipeline, txt: str) -> tuple[set[Span], set[Span]]:
    from ..pipeline import load

    analysis = pipeline.run(load(txt, is_text=True))
    persons = {(m.start, m.end) for m in analysis.mentions if m.category == "character" and m.kind != "pronoun"}
    places = {(m.start, m.end) for m in analysis.mentions if m.category == "place"}
    return persons, places


def _spacy_spans(nlp, txt: str) -> tuple[set[Span], set[Span]]:
    doc = nlp(txt)
    persons = {(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"}
    places = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")}
    return persons, places


def run(path: Path, *, limit: int | None = None, as_json: bool = False) -> int:
    from ..nlp import load_model
    from ..pipeline import Pipeline

    folder = path / "entities" / "brat" if (path / "entities" / "brat").exists() else path
    files = sorted(folder.glob("*.txt"))[: limit or None]
    pipeline = Pipeline()
    nlp = load_model()
    scores = {key: Score() for key in ("ficlens-person", "ficlens-place", "spacy-person", "spacy-place")}
    timing = Counter()
    for txt_path in files:
        txt = txt_path.read_text(encoding="utf-8")
        ann = txt_path.with_suffix(".ann").read_text(encoding="utf-8")
        gold_person, gold_place = gold_mentions(txt, ann)
        started = time.perf_counter()
        persons, places = _ficlens_spans(pipeline, txt)
        timing["ficlens"] += time.perf_counter() - started
        scores["ficlens-person"].add(persons, gold_person)
        scores["ficlens-place"].add(places, gold_place)
        started = time.perf_counter()
        persons, places = _spacy_spans(nlp, txt)
        timing["spacy"] += time.perf_counter() - started
        scores["spacy-person"].add(persons, gold_person)
        scores["spacy-place"].add(places, gold_place)
    report = {key: {kind: dict(zip(("precision", "recall", "f1"), (round(x, 3) for x in s.prf(kind))))
                    for kind in ("exact", "relaxed")} | {"gold": s.counts["gold"], "predicted": s.counts["pred"]}
              for key, s in scores.items()}
    report["files"] = len(files)
    report["seconds"] = {k: round(v, 1) for k, v in timing.items()}
    if as_json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"LitBank entities, proper-name mentions, {len(files)} files (micro-averaged)")
    print(f"{'system':<16}{'match':<9}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}")
    for key, s in scores.items():
        for kind in ("exact", "relaxed"):
            p, r, f = s.prf(kind)
            print(f"{key:<16}{kind:<9}{p:7.3f}{r:7.3f}{f:7.3f}{s.counts['gold']:7d}{s.counts['pred']:7d}")
    print(f"time: ficlens pipeline {timing['ficlens']:.1f} s, spaCy full model {timing['spacy']:.1f} s")
    return 0
