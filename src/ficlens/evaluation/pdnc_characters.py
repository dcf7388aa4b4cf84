"""PDNC characters: does ficlens find the novel's people, and group their names right?

PDNC (Vishnubhotla, Hammond, Hirst 2022) lists every speaking character of 22 novels
with their aliases and a category (major / intermediate / minor). For each novel the
full ficlens pipeline runs on ``novel_text.txt``; then:

* recall: a gold major or intermediate character is found when some ficlens character
  has one of its gold aliases among its aliases (case-insensitive);
* alias clustering, B-cubed over gold alias strings that ficlens output as an alias of
  some character (aliases shared by two gold characters are left out: they have no
  single gold cluster): for each such alias, precision = |gold aliases in its predicted
  cluster that are also in its gold cluster| / |gold aliases in its predicted cluster|,
  recall = the same over |output gold aliases in its gold cluster|; averaged over aliases.

Groups ("_group", "_unknowable") are skipped. Time is the whole pipeline per novel.
"""

from __future__ import annotations

import ast
import csv
import json
import time
from pathlib import Path


def gold_characters(csv_path: Path) -> list[dict]:
    """Rows of character_info.csv with parsed alias sets."""
    rows = []
    with csv_path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row.get("Main Name", "")
            if name.startswith("_"):
                continue
            try:
                aliases = set(ast.literal_eval(row.get("Aliases", "") or "set()"))
            except (ValueError, SyntaxError):
                aliases = {name}
            aliases = {a.strip() for a in aliases if isinstance(a, str) and a.strip()} | {name}
            rows.append({"name": name, "aliases": aliases, "category": row.get("Category", "").strip()})
    return rows


def score_novel(gold: list[dict], predicted: list[list[str]]) -> dict:
    """Recall of major+intermediate characters and alias B-cubed (see module docstring)."""
    pred_sets = [{a.lower() for a in aliases} for aliases in predicted]
    important = [g for g in gold if g["category"] in ("major", "intermediate")]
    found = sum(1 for g in important if any({a.lower() for a in g["aliases"]} & p for p in pred_sets))
    owners: dict[str, set[int]] = {}
    for index, g in enumerate(gold):
        for alias in g["aliases"]:
            owners.setdefault(alias.lower(), set()).add(index)
    gold_of = {a: next(iter(ids)) for a, ids in owners.items() if len(ids) == 1}
    output = {a for p in pred_sets for a in p if a in gold_of}
    cluster_of: dict[str, set[str]] = {}
    for p in pred_sets:
        members = {a for a in p if a in gold_of}
        for alias in members:
            cluster_of.setdefault(alias, set()).update(members)
    precision = recall = 0.0
    for alias in output:
        predicted_cluster = cluster_of[alias]
        gold_cluster = {a for a in output if gold_of[a] == gold_of[alias]}
        both = predicted_cluster & gold_cluster
        precision += len(both) / len(predicted_cluster)
        recall += len(both) / len(gold_cluster)
    n = len(output)
    return {"important": len(important), "found": found,
            "recall": found / len(important) if important else 0.0,
            "aliases": n, "b3_precision": precision / n if n else 0.0, "b3_recall": recall / n if n else 0.0}


def run(path: Path, *, limit: int | None = None, as_json: bool = False) -> int:
    from ..pipeline import Pipeline, load

    data = path / "data" if (path / "data").exists() else path
    novels = sorted(p for p in data.iterdir() if (p / "character_info.csv").exists())[: limit or None]
    pipeline = Pipeline()
    results: dict[str, dict] = {}
    for novel in novels:
        text = (novel / "novel_text.txt").read_text(encoding="utf-8")
        started = time.perf_counter()
        analysis = pipeline.run(load(text, is_text=True))
        seconds = time.perf_counter() - started
        result = score_novel(gold_characters(novel / "character_info.csv"), [c.aliases for c in analysis.characters])
        result["seconds"] = round(seconds, 2)
        result["characters_stage_seconds"] = analysis.timings.get("characters")
        results[novel.name] = result
    total = _overall(results)
    if as_json:
        print(json.dumps({"novels": results, "overall": total}, indent=2))
        return 0
    print(f"PDNC characters, {len(results)} novels: recall of major+intermediate characters, alias B-cubed")
    print(f"{'novel':<32}{'found':>9}{'recall':>8}{'B3 P':>7}{'B3 R':>7}{'time s':>8}{'stage s':>8}")
    for name, r in results.items():
        print(f"{name:<32}{r['found']:>4}/{r['important']:<4}{r['recall']:8.3f}{r['b3_precision']:7.3f}"
              f"{r['b3_recall']:7.3f}{r['seconds']:8.2f}{r['characters_stage_seconds'] or 0:8.2f}")
    print(f"{'overall':<32}{total['found']:>4}/{total['important']:<4}{total['recall']:8.3f}"
          f"{total['b3_precision']:7.3f}{total['b3_recall']:7.3f}{total['seconds']:8.2f}")
    return 0


def _overall(results: dict[str, dict]) -> dict:
    """Recall micro-averaged over characters; B-cubed micro-averaged over aliases."""
    important = sum(r["important"] for r in results.values())
    found = sum(r["found"] for r in results.values())
    aliases = sum(r["aliases"] for r in results.values())
    return {
        "important": important, "found": found, "recall": found / important if important else 0.0,
        "b3_precision": sum(r["b3_precision"] * r["aliases"] for r in results.values()) / aliases if aliases else 0.0,
        "b3_recall": sum(r["b3_recall"] * r["aliases"] for r in results.values()) / aliases if aliases else 0.0,
        "seconds": round(sum(r["seconds"] for r in results.values()), 2),
    }
