"""Quote detection measured against PDNC gold quotations.

Usage (from the project root):

    .venv/bin/python benchmarks/quote_detection.py ../shared/bench/pdnc [--show-errors N] [--novel NAME]

PDNC gold spans (``quoteByteSpans``) are character spans of each sub-quotation in
``novel_text.txt`` without the quote marks. Only dialogue is annotated, so a quoted
title or scare quote that ficlens puts in ``non_dialogue`` is correct, and one it calls
a quote is a false positive. A predicted quote matches a gold sub-quotation when their
intersection over union is at least 0.5 (one-to-one, in text order); "exact" counts
matches whose spans are equal after trimming whitespace.
"""

from __future__ import annotations

import argparse
import ast
import csv
import sys
import time
from pathlib import Path

from ficlens.quotes import find_quotes
from ficlens.readers import read_text

csv.field_size_limit(sys.maxsize)
Span = tuple[int, int]


def gold_spans(novel_dir: Path, text: str) -> list[Span]:
    spans: list[Span] = []
    with open(novel_dir / "quotation_info.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for start, end in ast.literal_eval(row["quoteByteSpans"]):
                spans.append(_trim(text, start, end))
    return sorted(spans)


def _trim(text: str, start: int, end: int) -> Span:
    while start < end and (text[start].isspace() or text[start] in "\"'“”‘’"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"'“”‘’"):
        end -= 1
    return start, end


def _iou(a: Span, b: Span) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def match(predicted: list[Span], gold: list[Span]) -> tuple[list[tuple[Span, Span]], list[Span], list[Span]]:
    """One-to-one matches (IoU >= 0.5) plus unmatched predictions and unmatched gold."""
    pairs: list[tuple[Span, Span]] = []
    used_gold: set[int] = set()
    unmatched_pred: list[Span] = []
    g = 0
    for p in predicted:
        while g < len(gold) and gold[g][1] <= p[0]:
            g += 1
        best, best_iou = None, 0.5
        k = g
        while k < len(gold) and gold[k][0] < p[1]:
            if k not in used_gold and _iou(p, gold[k]) >= best_iou:
                best, best_iou = k, _iou(p, gold[k])
            k += 1
        if best is None:
            unmatched_pred.append(p)
        else:
            used_gold.add(best)
            pairs.append((p, gold[best]))
    missed = [s for i, s in enumerate(gold) if i not in used_gold]
    return pairs, unmatched_pred, missed


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _covered(span: Span, others: list[Span], share: float = 0.9) -> bool:
    """True when ``share`` of ``span`` lies inside one of ``others``."""
    length = max(1, span[1] - span[0])
    return any(min(span[1], o[1]) - max(span[0], o[0]) >= share * length for o in others)


def _show(text: str, span: Span, label: str) -> None:
    s, e = span
    context = text[max(0, s - 60):min(len(text), e + 60)].replace("\n", " ")
    print(f"    {label}: {text[s:e][:80]!r}\n        ...{context}...")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdnc", type=Path, help="the PDNC folder (with data/<Novel>/)")
    parser.add_argument("--show-errors", type=int, default=0, help="print up to N misses and false positives per novel")
    parser.add_argument("--novel", help="only this novel folder")
    args = parser.parse_args()
    data = args.pdnc / "data" if (args.pdnc / "data").is_dir() else args.pdnc
    totals = [0, 0, 0, 0]  # tp, fp, fn, exact
    why = [0, 0, 0]  # misses: inside a longer predicted quote, called non-dialogue, not found
    seconds = words = 0.0
    print(f"{'novel':32} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'exact':>6} {'sec':>6}")
    for novel_dir in sorted(p for p in data.iterdir() if (p / "quotation_info.csv").exists()):
        if args.novel and novel_dir.name != args.novel:
            continue
        text = (novel_dir / "novel_text.txt").read_text(encoding="utf-8")
        document = read_text(text)
        spans = [(p.start, p.end) for p in document.paragraphs() if p.role == "story"]
        started = time.perf_counter()
        quotes, non_dialogue = find_quotes(document.text, spans)
        elapsed = time.perf_counter() - started
        seconds += elapsed
        words += len(text.split())
        gold = gold_spans(novel_dir, text)
        predicted = sorted((q.start, q.end) for q in quotes)
        pairs, false_pos, missed = match(predicted, gold)
        exact = sum(1 for p, g in pairs if p == g)
        tp, fp, fn = len(pairs), len(false_pos), len(missed)
        for i, value in enumerate((tp, fp, fn, exact)):
            totals[i] += value
        p, r, f = prf(tp, fp, fn)
        print(f"{novel_dir.name:32} {len(gold):5} {len(predicted):5} {p:6.3f} {r:6.3f} {f:6.3f} {exact / max(1, tp):6.3f} {elapsed:6.3f}")
        inside = [m for m in missed if _covered(m, predicted)]
        as_non_dialogue = [m for m in missed if m not in inside and _covered(m, [(n.start, n.end) for n in non_dialogue], 0.5)]
        unseen = [m for m in missed if m not in inside and m not in as_non_dialogue]
        why[0] += len(inside)
        why[1] += len(as_non_dialogue)
        why[2] += len(unseen)
        if args.show_errors:
            for span in as_non_dialogue[: args.show_errors]:
                _show(text, span, "MISS (called non-dialogue)")
            for span in unseen[: args.show_errors]:
                _show(text, span, "MISS (not found)")
            for span in false_pos[: args.show_errors]:
                _show(text, span, "FP")
    tp, fp, fn, exact = totals
    p, r, f = prf(tp, fp, fn)
    print(f"{'ALL (micro)':32} {tp + fn:5} {tp + fp:5} {p:6.3f} {r:6.3f} {f:6.3f} {exact / max(1, tp):6.3f} {seconds:6.3f}")
    print(f"misses: {why[0]} inside a longer predicted quote (gold splits at nested quotes or asides), "
          f"{why[1]} called non-dialogue, {why[2]} not found")
    print(f"speed: {seconds:.2f} s for {words / 1000:.0f}K words = {seconds / max(1, words) * 100_000:.3f} s per 100K words")


if __name__ == "__main__":
    main()
