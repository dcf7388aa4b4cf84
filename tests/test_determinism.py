"""The same input gives the same JSON whatever Python's string-hash seed.

Set and dict iteration over names follows the hash seed; a result that depends on it
changes between runs (a researcher saw an eval figure move with identical code). This
runs the analysis of one ambiguous text in two processes with different seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Several characters sharing surnames, pronoun-tagged lines, a place and a pairing.
STORY = """\
Mr. Bennet and Mrs. Bennet sat by the fire at Longbourn. Jane Bennet and Elizabeth Bennet
came in from the garden, and Lydia Bennet followed them.

"We shall go to London tomorrow," said Mrs. Bennet.

"Shall we?" he asked, without looking up.

"Yes," she said. "Mr. Darcy will be there, and Mr. Bingley too."

Elizabeth laughed. "Then Jane will be pleased," she said.

"Lizzy!" cried Jane. She blushed and took Elizabeth's hand.

Later that night Darcy found Elizabeth alone in the library at Longbourn. He kissed her,
and she kissed him back. "I love you," he whispered. "I have loved you for months."

"And I you, Darcy," Elizabeth said softly.

Bingley wrote to Jane the next morning. "Dear Jane, I miss you," the letter said.
"""

_SCRIPT = "import sys, ficlens; print(ficlens.analyze(sys.stdin.read(), is_text=True).to_json())"


def _analyse(seed: str) -> str:
    """The JSON of STORY from a fresh interpreter with PYTHONHASHSEED=seed."""
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONHASHSEED": seed,
           "PYTHONPATH": os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)}
    done = subprocess.run([sys.executable, "-c", _SCRIPT], input=STORY, env=env,
                          capture_output=True, text=True, check=True)
    return done.stdout


def test_same_json_under_two_hash_seeds() -> None:
    first, second = _analyse("0"), _analyse("1")
    assert '"characters"' in first
    assert first == second
