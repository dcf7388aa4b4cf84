"""Whole-pipeline speed and peak memory on a long text, against one plain spaCy pass.

    python benchmarks/speed.py [TEXT_FILE ...]

Default text: Pride and Prejudice from ../shared/bench/pdnc (about 122K words).
Each measurement runs in its own child process pinned to one core, after a warm-up
(model and knowledge-base loading happen once per process and are reported apart).
Seconds depend on the machine; the ratio to the plain spaCy pass holds across
machines, and the budget is: under 10 s per 100K words, ratio at most 1.0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEXT = ROOT.parent / "shared/bench/pdnc/data/PrideAndPrejudice/novel_text.txt"

_CHILD = r"""
import json, os, resource, sys, time
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
mode, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
started = time.perf_counter()
if mode == "ficlens":
    from ficlens import Pipeline, load
    pipeline = Pipeline()
    pipeline.run(load("Warm-up. \"Hi,\" she said.\n\nHe left.", is_text=True))
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    result = pipeline.run(load(text, is_text=True))
    extra = {"stages": result.timings, "quotes": len(result.quotes), "characters": len(result.characters)}
else:
    from ficlens.nlp import load_model
    nlp = load_model()
    loaded = time.perf_counter() - started
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    started = time.perf_counter()
    for _ in nlp.pipe(paragraphs, batch_size=256):
        pass
    extra = {}
seconds = time.perf_counter() - started
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "load_seconds": loaded, "peak_mb": peak_mb, **extra}))
"""


def measure(mode: str, path: Path) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", _CHILD, mode, str(path)], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("texts", nargs="*", type=Path, default=[DEFAULT_TEXT])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    for path in args.texts:
        words = len(path.read_text(encoding="utf-8").split())
        ficlens = measure("ficlens", path)
        spacy = measure("spacy", path)
        rows.append({
            "text": path.parent.name if path.name == "novel_text.txt" else path.name,
            "words": words,
            "ficlens_seconds": round(ficlens["seconds"], 2),
            "ficlens_words_per_second": round(words / ficlens["seconds"]),
            "seconds_per_100k_words": round(ficlens["seconds"] * 100_000 / words, 2),
            "ficlens_peak_mb": round(ficlens["peak_mb"]),
            "ficlens_load_seconds": round(ficlens["load_seconds"], 2),
            "spacy_seconds": round(spacy["seconds"], 2),
            "ratio_to_spacy_pass": round(ficlens["seconds"] / spacy["seconds"], 3),
            "stages": ficlens.get("stages", {}),
        })
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        print(f"{row['text']}: {row['words']:,} words")
        print(f"  ficlens pipeline   {row['ficlens_seconds']:7.2f} s  ({row['ficlens_words_per_second']:,} words/s, "
              f"{row['seconds_per_100k_words']} s per 100K words, peak {row['ficlens_peak_mb']} MB, "
              f"load {row['ficlens_load_seconds']} s once per process)")
        print(f"  plain spaCy pass   {row['spacy_seconds']:7.2f} s  (en_core_web_sm, all components)")
        print(f"  ratio              {row['ratio_to_spacy_pass']:7.3f}  (budget: at most 1.0)")
        stages = ", ".join(f"{k} {v:.2f}s" for k, v in row["stages"].items())
        print(f"  stages             {stages}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
