"""Fandom + pairing speed on a ~100K-word text, and the knowledge-base load time.

    python benchmarks/fandom_speed.py [TEXT_FILE]

Default text: ../shared/samples/gilmore-girls_one-shot.txt repeated to about 100K words.
The characters, places and quotes layers are left empty, so the figure is the cost of
the two stages themselves (one KB name scan, scoring, cue regexes, pair scoring).
Budget: fandom + pairing <= 0.5 s per 100K words; KB load <= 1 s once per process.
Runs in one process pinned to one core; KB load is timed cold (cache cleared). Wall
time and this process's CPU time are both reported (CPU time is stable on a busy machine).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared/samples/gilmore-girls_one-shot.txt"


def main() -> int:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from ficlens import kb
    from ficlens.fandom import FandomStage
    from ficlens.model import Analysis, Character
    from ficlens.pairing import PairingStage
    from ficlens.readers import read_text

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    text = path.read_text(encoding="utf-8")
    words = len(text.split())
    text = "\n\n".join([text] * max(1, round(100_000 / max(1, words))))
    kb._load_cached.cache_clear()
    started = time.perf_counter()
    kb.load()
    load_seconds = time.perf_counter() - started
    document = read_text(text)
    analysis = Analysis(document=document)
    started, cpu = time.perf_counter(), time.process_time()
    FandomStage()(analysis)
    fandom_seconds = time.perf_counter() - started
    fandom_cpu = time.process_time() - cpu
    # pairing on the KB characters the fandom stage added (with their mentions)
    analysis.characters = analysis.characters or [Character(name="A", mentions=2), Character(name="B", mentions=2)]
    started, cpu = time.perf_counter(), time.process_time()
    PairingStage()(analysis)
    pairing_seconds = time.perf_counter() - started
    pairing_cpu = time.process_time() - cpu
    n = len(text.split())
    print(json.dumps({
        "words": n, "kb_load_seconds": round(load_seconds, 3),
        "fandom_seconds": round(fandom_seconds, 3), "pairing_seconds": round(pairing_seconds, 3),
        "fandom_plus_pairing_per_100k_words": round((fandom_seconds + pairing_seconds) * 100_000 / n, 3),
        # CPU time of this process: the figure to trust when other jobs share the machine
        "cpu_fandom_plus_pairing_per_100k_words": round((fandom_cpu + pairing_cpu) * 100_000 / n, 3),
        "fandom": analysis.fandom.name if analysis.fandom else None,
        "pairing": analysis.pairing.label if analysis.pairing else None,
        "characters": len(analysis.characters),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
