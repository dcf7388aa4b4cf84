"""Fandom and pairing from the text alone, scored against the works' own tags.

Each work is an AO3 export (Markdown with YAML front matter: ``fandom``,
``relationship``, ``characters``) or any file a reader extracts ``Declared`` tags
from (``../shared/formats``). The tags are hidden from the pipeline (front matter
stripped, ``declared`` set to None), the full pipeline runs on the body, and:

* fandom top-1 accuracy on works whose fandom is *covered* (a declared fandom is a KB
  fandom name or other name): the answer is right when the predicted entry's name or one
  of its ``other_names`` is a declared fandom (the same lookup ``kb.fandom`` does, so
  "House M.D" = "House, M.D."). A related canon (see below) is not right here; it is
  counted apart (``fandom_related_covered``);
* the rate of confident wrong answers (a name, and not a declared one) on uncovered works.
  An answer naming a *related* canon of a declared fandom is not counted as wrong but
  reported apart (``related_uncovered``): two entries are related when one lists the
  other's name (or a declared tag) in its ``related`` field, the KB's record of AO3
  canons that share a cast (Smallville and "Superman (Movies)", Gotham (TV) and "Batman
  Begins (2005)"). Such an answer names the right characters under another adaptation's
  tag; the KB must state the relation, the eval never guesses it;
* pairing exact match on works with exactly one relationship tag: both predicted
  characters match two different members of the tag, order-free, by name-token overlap
  (the predicted character's name and aliases against the tag's names; for a tag of
  three or more people, two of its members count as a match);
* on gen works (no relationship tag, or only "&" tags), how often no pairing is given.

Overfitting guard: the works split deterministically by AO3 work id (the file name)
parity, even ids the *dev* half (tune on it), odd ids the *test* half (report it, never
tune on it). ``ficlens eval tagged DIR --split dev|test|all`` (or ``FICLENS_SPLIT``)
picks the half; the default is all.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import kb
from ..errors import FiclensError
from ..kb.index import strip_disambiguation
from ..kb.learn import split_front_matter
from ..model import Analysis, Declared, Document
from ..pipeline import Pipeline, load
from ..readers import read_text

SUFFIXES = {".md", ".txt", ".html", ".htm", ".epub"}
_TOKEN = re.compile(r"[^\W\d_]{2,}")


@dataclass
class Tags:
    fandoms: list[str]
    relationships: list[str]


@dataclass
class Tally:
    works: int = 0
    covered: int = 0
    covered_right: int = 0
    uncovered: int = 0
    uncovered_wrong: int = 0
    uncovered_related: int = 0
    covered_related: int = 0
    paired: int = 0
    paired_right: int = 0
    gen: int = 0
    gen_right: int = 0
    errors: int = 0
    rows: list[dict] = field(default_factory=list)

    def figures(self) -> dict:
        def rate(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "works": self.works, "errors": self.errors,
            "fandom_top1_covered": rate(self.covered_right, self.covered), "covered": self.covered,
            "fandom_related_covered": self.covered_related,
            "confident_wrong_uncovered": rate(self.uncovered_wrong, self.uncovered), "uncovered": self.uncovered,
            "related_uncovered": self.uncovered_related,
            "pairing_exact": rate(self.paired_right, self.paired), "single_relationship_works": self.paired,
            "gen_no_pairing": rate(self.gen_right, self.gen), "gen_works": self.gen,
        }


SPLITS = ("dev", "test", "all")


def split_of(file: Path) -> str:
    """``dev`` for an even AO3 work id, ``test`` for an odd one (a name without an id: by its characters)."""
    digits = re.sub(r"\D", "", file.stem)
    value = int(digits[-6:]) if digits else sum(map(ord, file.stem))
    return "dev" if value % 2 == 0 else "test"


def in_split(file: Path, split: str) -> bool:
    return split == "all" or split_of(file) == split


def run(path: Path, *, limit: int | None = None, as_json: bool = False, split: str | None = None) -> int:
    split = split or os.environ.get("FICLENS_SPLIT") or "all"
    if split not in SPLITS:
        raise FiclensError(f"unknown split {split!r} (dev, test or all)")
    files = sorted(p for p in (path.rglob("*") if path.is_dir() else [path])
                   if p.suffix.lower() in SUFFIXES and in_split(p, split))
    if limit:
        files = files[:limit]
    if not files:
        raise FiclensError(f"no tagged works found in {path}")
    pipeline = Pipeline()
    tally = Tally()
    for file in files:
        try:
            document, tags = hidden_tags(file)
        except (FiclensError, OSError, yaml.YAMLError) as exc:
            tally.errors += 1
            tally.rows.append({"work": file.name, "error": str(exc)})
            continue
        if tags is None:
            continue
        score(file.name, pipeline.run(document), tags, tally)
    _report(tally, as_json, split)
    return 0


def hidden_tags(file: Path) -> tuple[Document, Tags | None]:
    """The document with its tags removed, and the tags (None when the file declares none)."""
    if file.suffix.lower() == ".md":
        front, body = split_front_matter(file.read_text(encoding="utf-8", errors="replace"))
        if front is not None:
            return read_text(body, path=str(file)), Tags(_list(front.get("fandom") or front.get("fandoms")),
                                                         _list(front.get("relationship") or front.get("relationships")))
    document = load(file)
    declared = document.declared
    document.declared = None
    if declared is None or not declared.fandoms:
        return document, None
    return document, Tags(list(declared.fandoms), list(declared.relationships))


def _list(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def score(name: str, analysis: Analysis, tags: Tags, tally: Tally) -> None:
    base = kb.load()
    tally.works += 1
    predicted = analysis.fandom.name if analysis.fandom else None
    entries = [base.fandom(f) for f in tags.fandoms]
    covered = any(e is not None for e in entries)
    chosen = base.fandom(predicted) if predicted is not None else None
    right = chosen is not None and any(e is chosen for e in entries)
    related = chosen is not None and not right and is_related(chosen, tags.fandoms, entries)
    if covered:
        tally.covered += 1
        tally.covered_right += right
        tally.covered_related += related
    else:
        tally.uncovered += 1
        tally.uncovered_wrong += predicted is not None and not related
        tally.uncovered_related += related
    romantic = [r for r in tags.relationships if "/" in r]
    pairing = analysis.pairing.label if analysis.pairing else None
    pair_ok = None
    if len(tags.relationships) == 1 and romantic:
        pair_ok = pairing_matches(analysis, romantic[0])
        tally.paired += 1
        tally.paired_right += pair_ok
    elif not romantic:
        tally.gen += 1
        tally.gen_right += pairing is None
    tally.rows.append({"work": name, "declared_fandoms": tags.fandoms, "predicted_fandom": predicted,
                       "covered": covered, "fandom_right": right if covered else None, "related": related,
                       "declared_relationships": tags.relationships, "predicted_pairing": pairing, "pairing_right": pair_ok})


def is_related(chosen, declared: list[str], entries: list) -> bool:
    """The chosen entry and a declared fandom are related canons, by the KB's ``related`` lists."""
    names = {n.casefold() for n in chosen.names()}
    for tag, entry in zip(declared, entries):
        if tag.casefold() in {r.casefold() for r in chosen.related}:
            return True
        if entry is not None and (any(r.casefold() in names for r in entry.related)
                                  or any(n.casefold() in {r.casefold() for r in chosen.related} for n in entry.names())):
            return True
    return False


def pairing_matches(analysis: Analysis, tag: str) -> bool:
    if analysis.pairing is None:
        return False
    members = [_tokens(strip_disambiguation(m)) for m in tag.split("/")]
    by_name = {c.name: c for c in analysis.characters}
    matched: set[int] = set()
    for name in analysis.pairing.characters:
        character = by_name.get(name)
        forms = _tokens(" ".join([name, *(character.aliases if character else [])]))
        hit = next((i for i, m in enumerate(members) if i not in matched and m & forms), None)
        if hit is None:
            return False
        matched.add(hit)
    return len(matched) == 2


def _tokens(text: str) -> set[str]:
    return {t.casefold() for t in _TOKEN.findall(text)}


def _report(tally: Tally, as_json: bool, split: str = "all") -> None:
    figures = {"split": split, **tally.figures()}
    if as_json:
        print(json.dumps({"figures": figures, "works": tally.rows}, ensure_ascii=False, indent=2))
        return
    for row in tally.rows:
        if "error" in row:
            print(f"  {row['work']}: error: {row['error']}")
            continue
        fandom_mark = {True: "ok", False: "WRONG", None: "-"}[row["fandom_right"]]
        if row.get("related"):
            fandom_mark = "rel"
        pairing_mark = {True: "ok", False: "WRONG", None: "-"}[row["pairing_right"]]
        print(f"  {row['work'][:28]:28} fandom {fandom_mark:5} {str(row['predicted_fandom'])[:28]:28} "
              f"(declared {', '.join(row['declared_fandoms'])[:40]}) | pairing {pairing_mark:5} {row['predicted_pairing']} "
              f"(declared {'; '.join(row['declared_relationships'])[:60]})")
    print("\nfandom and pairing from text alone (tags hidden)")
    for key, value in figures.items():
        print(f"  {key:28} {value}")
