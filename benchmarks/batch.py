"""Batch throughput: works and words per second over a folder, with 1 and N worker processes.

    python benchmarks/batch.py [FOLDER] [--jobs 1 2 ...]

Default folder: ../shared/bench/ao3-tagged (149 AO3 works of many fandoms and lengths).
Each run is ``ficlens analyze FOLDER --format jsonl --jobs N`` in a fresh process, so the
figure includes loading the model and the knowledge base once per worker, as a
researcher's batch would. Seconds depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FOLDER = ROOT.parent / "shared/bench/ao3-tagged"


def run(folder: Path, jobs: int) -> dict:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ficlens", "analyze", str(folder), "--format", "jsonl",
                           "--jobs", str(jobs), "--include-text"], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    works = [line for line in lines if "error" not in line]
    words = sum(len(re.findall(r"\w+", line.get("text", ""))) for line in works)
    return {"jobs": jobs, "works": len(works), "errors": len(lines) - len(works), "words": words,
            "seconds": round(seconds, 1), "works_per_s": round(len(works) / seconds, 2),
            "words_per_s": round(words / seconds)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--jobs", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = [run(args.folder, jobs) for jobs in args.jobs]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"{'jobs':>4} {'works':>6} {'errors':>6} {'words':>9} {'seconds':>8} {'works/s':>8} {'words/s':>8}")
    for r in results:
        print(f"{r['jobs']:>4} {r['works']:>6} {r['errors']:>6} {r['words']:>9} {r['seconds']:>8} "
              f"{r['works_per_s']:>8} {r['words_per_s']:>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
