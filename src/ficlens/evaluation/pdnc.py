"""PDNC: quote detection and speaker attribution on 22 annotated novels.

Data: ``data/<Novel>/{novel_text.txt, quotation_info.csv, character_info.csv}``
(Vishnubhotla, Hammond, Hirst 2022). ``quoteByteSpans`` are character spans of the
words inside the quote marks, one per sub-quotation.

End to end (``run``): the full pipeline reads ``novel_text.txt`` as pasted text and
finds its own quotes and characters. A gold quote is matched to the predicted quotes
overlapping any of its sub-quotations; their speaker (by overlap, the largest) is
right when it, or any alias of the predicted character, equals one of the gold
speaker's aliases (case-insensitive). The analysis's narrator (``analysis.narrator``:
the "Narrator" character of first-person texts, or the name the analysis gives the
narrator) counts as the gold character PDNC marks as narrator (alias
``_narr``/``Narr``), and only for that character's lines. A
gold quote no predicted quote overlaps counts as wrong. Quote detection compares
predicted speech/thought/written quotes with gold sub-quotations by overlap.

Gold inputs (``run_gold_inputs``, ``python -m ficlens.evaluation.pdnc --gold``): the
speaker core alone, given the gold sub-quotation spans and the gold character list
(names, aliases, genders; the narrator is the gold ``_narr`` character). These
figures measure attribution apart from quote and character detection and are labelled
so.

Folds: ``splits_acl2023/data/train_splits/leave-x-out/split_*/test.csv`` list held-out
novels. The per-fold rows group per-novel figures by fold. The speaker ranker
(``ficlens.speaker_ranker``) is trained on PDNC and the shipped weights saw every
novel, so the end-to-end command runs each novel with the weights trained without its
fold (``held_out`` in ``models/speaker_ranker.json``): every figure it prints is
held out. (``--gold`` uses the shipped weights.)
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Character, Quote

_CLOSE_MARKS = "\"'”’»"
_OPEN_MARKS = "\"'“‘«"
_TYPES = ("Explicit", "Anaphoric", "Implicit")
_NARRATOR_ALIASES = frozenset({"_narr", "narr", "narrator"})
NARRATOR_LABEL = "Narrator"

csv.field_size_limit(10**8)


@dataclass(slots=True)
class GoldQuote:
    qid: str
    spans: list[tuple[int, int]]
    speaker: str
    addressees: list[str]
    qtype: str


@dataclass(slots=True)
class GoldCharacter:
    name: str
    aliases: set[str]
    gender: str


@dataclass(slots=True)
class Novel:
    name: str
    text: str
    quotes: list[GoldQuote]
    characters: list[GoldCharacter]
    aliases_of: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for character in self.characters:
            names = {_plain(a) for a in character.aliases | {character.name}}
            self.aliases_of[character.name] = names
        # A title-less form ("Poirot" of "Mr. Poirot") is an alias too, where only one
        # character would own it (so "Wilcox" never stands for Mr. and Mrs. Wilcox).
        owners: dict[str, set[str]] = defaultdict(set)
        for name, names in self.aliases_of.items():
            for alias in names:
                owners[alias].add(name)
                bare = _TITLE.sub("", alias)
                if bare != alias and len(bare) >= 3:
                    owners[bare].add(name)
        for alias, names in owners.items():
            if len(names) == 1:
                self.aliases_of[next(iter(names))].add(alias)
        # Quotes name their speaker by the main name or, now and then, by an alias.
        by_alias: dict[str, set[str]] = defaultdict(set)
        for character in self.characters:
            for alias in character.aliases | {character.name}:
                by_alias[alias].add(character.name)
        for quote in self.quotes:
            if quote.speaker not in self.aliases_of and len(by_alias.get(quote.speaker, ())) == 1:
                quote.speaker = next(iter(by_alias[quote.speaker]))

    @property
    def narrator(self) -> str | None:
        for character in self.characters:
            if self.aliases_of[character.name] & _NARRATOR_ALIASES:
                return character.name
        return None


_TITLE = re.compile(r"^(?:mr|mrs|miss|ms|dr|monsieur|madame|mademoiselle|lady|lord|sir|professor)\.?\s+")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


def _plain(name: str) -> str:
    """A name as compared: lower case, without a leading article ("the March Hare")."""
    return _ARTICLE.sub("", name.strip().lower())


def _literal(value: str, default):
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return default


def load_novel(folder: Path) -> Novel:
    text = (folder / "novel_text.txt").read_text(encoding="utf-8")
    quotes = []
    with open(folder / "quotation_info.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            spans = [tuple(s) for s in _literal(row["quoteByteSpans"], [])]
            addressees = _literal(row.get("addressees") or "[]", [])
            quotes.append(GoldQuote(row["quoteID"], spans, row["speaker"], list(addressees or []), row["quoteType"]))
    characters = []
    with open(folder / "character_info.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            aliases = _literal(row["Aliases"], set()) or set()
            gender = {"F": "female", "M": "male"}.get((row.get("Gender") or "").strip(), "unknown")
            characters.append(GoldCharacter(row["Main Name"], set(aliases), gender))
    return Novel(folder.name, text, quotes, characters)


def novel_folders(path: Path, limit: int | None) -> list[Path]:
    root = path / "data" if (path / "data").is_dir() else path
    folders = sorted(p for p in root.iterdir() if (p / "quotation_info.csv").exists())
    return folders[:limit] if limit else folders


# ---------------------------------------------------------------- scoring


@dataclass(slots=True)
class Tally:
    total: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    right: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    predicted: int = 0
    predicted_matched: int = 0
    gold_subs: int = 0
    gold_subs_found: int = 0
    seconds: float = 0.0

    def add(self, other: "Tally") -> None:
        for key, value in other.total.items():
            self.total[key] += value
        for key, value in other.right.items():
            self.right[key] += value
        self.predicted += other.predicted
        self.predicted_matched += other.predicted_matched
        self.gold_subs += other.gold_subs
        self.gold_subs_found += other.gold_subs_found
        self.seconds += other.seconds

    def accuracy(self, key: str = "all") -> float | None:
        return self.right[key] / self.total[key] if self.total[key] else None

    def figures(self) -> dict[str, float | int | None]:
        precision = self.predicted_matched / self.predicted if self.predicted else None
        recall = self.gold_subs_found / self.gold_subs if self.gold_subs else None
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else None
        return {
            "quotes": self.total["all"],
            "accuracy": self.accuracy(),
            **{t.lower(): self.accuracy(t) for t in _TYPES},
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "seconds": round(self.seconds, 2),
        }


def _is_right(predicted: str | None, predicted_aliases: set[str], gold: set[str]) -> bool:
    if not predicted:
        return False
    names = {_plain(predicted), *(_plain(a) for a in predicted_aliases)}
    if (predicted == NARRATOR_LABEL or "narrator" in names) and gold & _NARRATOR_ALIASES:
        return True  # the analysis's narrator (named or not) for the gold narrator's line
    return bool(names & gold)


def score(novel: Novel, quotes: list[Quote], aliases_of_predicted: dict[str, set[str]]) -> Tally:
    """Speaker accuracy per gold quote and detection precision/recall, by span overlap."""
    tally = Tally()
    ordered = sorted(quotes, key=lambda q: q.start)
    starts = [q.start for q in ordered]
    import bisect

    def overlapping(start: int, end: int) -> list[tuple[Quote, int]]:
        i = max(0, bisect.bisect_left(starts, start) - 1)
        found = []
        while i < len(ordered) and ordered[i].start < end:
            q = ordered[i]
            overlap = min(end, q.end) - max(start, q.start)
            if overlap > 0:
                found.append((q, overlap))
            i += 1
        return found

    matched_ids: set[int] = set()
    for gold in novel.quotes:
        votes: dict[str | None, int] = defaultdict(int)
        for start, end in gold.spans:
            tally.gold_subs += 1
            hits = overlapping(start, end)
            if hits:
                tally.gold_subs_found += 1
            for q, overlap in hits:
                matched_ids.add(id(q))
                votes[q.speaker] += overlap
        gold_aliases = novel.aliases_of.get(gold.speaker, {_plain(gold.speaker)})
        predicted = max(votes, key=lambda s: votes[s]) if votes else None
        right = _is_right(predicted, aliases_of_predicted.get(predicted or "", set()), gold_aliases)
        for key in ("all", gold.qtype):
            tally.total[key] += 1
            tally.right[key] += int(right)
    tally.predicted = len(quotes)
    tally.predicted_matched = sum(1 for q in quotes if id(q) in matched_ids)
    return tally


# ---------------------------------------------------------------- runs


def _end_to_end(novel: Novel, pipeline) -> Tally:
    from ..pipeline import load

    started = time.perf_counter()
    analysis = pipeline.run(load(novel.text, is_text=True))
    seconds = time.perf_counter() - started
    aliases = {c.name: {a.lower() for a in c.aliases} | {c.name.lower()} for c in analysis.characters}
    if analysis.narrator:
        aliases.setdefault(analysis.narrator, set()).add("narrator")
    tally = score(novel, [q for q in analysis.quotes if q.kind in ("speech", "thought", "written")], aliases)
    tally.seconds = seconds
    return tally


def gold_quotes(novel: Novel) -> list[Quote]:
    """The gold sub-quotations as ficlens quotes, parts of one quotation sharing a group."""
    quotes = []
    text = novel.text
    for group, gold in enumerate(novel.quotes):
        for start, end in gold.spans:
            close = text[end:end + 1]
            opening = text[start - 1:start] if start > 0 else ""
            quotes.append(Quote(
                text[start:end], start, end, "speech",
                open_mark=opening if opening in _OPEN_MARKS else '"',
                close_mark=close if close and close in _CLOSE_MARKS else None,
                group=group,
            ))
    return quotes


def gold_characters(novel: Novel) -> list[Character]:
    return [
        Character(c.name, sorted(a for a in c.aliases if a.lower() not in _NARRATOR_ALIASES), c.gender)
        for c in novel.characters
    ]


def _gold_inputs(novel: Novel) -> Tally:
    from ..pipeline import load
    from ..speakers import attribute_speakers

    quotes = gold_quotes(novel)
    characters = gold_characters(novel)
    document = load(novel.text, is_text=True)
    started = time.perf_counter()
    attribute_speakers(
        novel.text, quotes, characters,
        paragraphs=[(p.start, p.end) for p in document.paragraphs()], narrator=novel.narrator,
    )
    seconds = time.perf_counter() - started
    aliases = {c.name: {a.lower() for a in c.aliases} for c in characters}
    tally = score(novel, quotes, aliases)
    tally.seconds = seconds
    return tally


def _folds(path: Path, names: list[str]) -> dict[str, list[str]]:
    """leave-x-out fold -> its held-out novels (fold files spell some names differently)."""
    root = path / "splits_acl2023" / "data" / "train_splits" / "leave-x-out"
    folds: dict[str, list[str]] = {}
    if not root.is_dir():
        return folds
    def key(name: str) -> str:
        name = name.lower()
        return name[3:] if name.startswith("the") else name
    for split in sorted(root.iterdir()):
        test = split / "test.csv"
        if not test.exists():
            continue
        listed = {key(line.split(",", 1)[0]) for line in test.read_text().splitlines() if line.strip()}
        folds[split.name] = [n for n in names if any(_same_title(key(n), k) for k in listed)]
    return folds


def _same_title(a: str, b: str) -> bool:
    """Fold files shorten titles ("AliceInWonderland", "SignOfFour"): one name's letters
    appear in order in the other's, and they start alike."""
    short, long = sorted((a, b), key=len)
    if short[:4] != long[:4] and not long.endswith(short):
        return False
    letters = iter(long)
    return all(ch in letters for ch in short)


def _report(title: str, rows: dict[str, Tally], path: Path, as_json: bool) -> None:
    overall = Tally()
    for tally in rows.values():
        overall.add(tally)
    folds = {}
    for fold, novels in _folds(path, list(rows)).items():
        fold_tally = Tally()
        for name in novels:
            fold_tally.add(rows[name])
        folds[fold] = fold_tally.figures()
    if as_json:
        print(json.dumps({"benchmark": title, "novels": {n: t.figures() for n, t in rows.items()},
                          "overall": overall.figures(), "folds": folds}, indent=2))
        return
    def fmt(value) -> str:
        return "   -  " if value is None else (f"{value:6.3f}" if isinstance(value, float) else f"{value:6d}")
    print(f"{title}")
    print(f"{'novel':32} {'quotes':>6} {'acc':>6} {'expl':>6} {'anaph':>6} {'impl':>6} {'P':>6} {'R':>6} {'F1':>6} {'sec':>6}")
    for name, tally in [*rows.items(), ("OVERALL", overall)]:
        f = tally.figures()
        print(f"{name:32} {fmt(f['quotes'])} {fmt(f['accuracy'])} {fmt(f['explicit'])} {fmt(f['anaphoric'])} "
              f"{fmt(f['implicit'])} {fmt(f['precision'])} {fmt(f['recall'])} {fmt(f['f1'])} {f['seconds']:6.2f}")
    for fold, f in folds.items():
        print(f"held-out {fold:23} {fmt(f['quotes'])} {fmt(f['accuracy'])} {fmt(f['explicit'])} "
              f"{fmt(f['anaphoric'])} {fmt(f['implicit'])}")


def run(path: Path, *, limit: int | None = None, as_json: bool = False) -> int:
    """End to end: the full pipeline on each novel's text."""
    from ..pipeline import Pipeline

    from ..speaker_ranker import held_out_weights

    pipeline = Pipeline()
    folders = novel_folders(path, limit)
    fold_of = {novel: fold for fold, novels in _folds(path, [f.name for f in folders]).items() for novel in novels}
    rows = {}
    for folder in folders:
        fold = fold_of.get(folder.name)
        if fold is None:
            rows[folder.name] = _end_to_end(load_novel(folder), pipeline)
            continue
        with held_out_weights(fold):  # the ranker never scores a novel it was trained on
            rows[folder.name] = _end_to_end(load_novel(folder), pipeline)
    _report("PDNC end to end (ficlens finds its own quotes and characters; "
            "each novel's speaker ranker trained without its leave-x-out fold)", rows, path, as_json)
    return 0


def run_gold_inputs(path: Path, *, limit: int | None = None, as_json: bool = False, only: str | None = None) -> int:
    """The speaker core alone, fed gold quote spans and the gold character list."""
    rows = {}
    for folder in novel_folders(path, limit):
        if only and only.lower() not in folder.name.lower():
            continue
        rows[folder.name] = _gold_inputs(load_novel(folder))
    _report("PDNC GOLD INPUTS (gold quote spans + gold character list; attribution only)", rows, path, as_json)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--gold", action="store_true", help="feed gold quotes and characters")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--only", help="novels whose folder name contains this")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.gold:
        return run_gold_inputs(args.path, limit=args.limit, as_json=args.json, only=args.only)
    return run(args.path, limit=args.limit, as_json=args.json)


if __name__ == "__main__":
    sys.exit(main())
