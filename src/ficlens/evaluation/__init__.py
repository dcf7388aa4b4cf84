"""Evaluation commands: accuracy on data no one here wrote (``../shared/bench``).

Each benchmark is one module with ``run(path: Path, *, limit: int | None, as_json: bool) -> int``
that prints its figures (a table, or JSON with ``--json``) and returns an exit code.

    ficlens eval pdnc ../shared/bench/pdnc            speaker attribution + quote detection
    ficlens eval characters ../shared/bench/pdnc      character recall + alias clustering (B-cubed)
    ficlens eval litbank-entities ../shared/bench/litbank
    ficlens eval litbank-quotes ../shared/bench/litbank
    ficlens eval tagged ../shared/bench/ao3-tagged     fandom and pairing from text alone
    ficlens eval all ../shared/bench                   all of the above
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import FiclensError

# benchmark name -> (module, sub-folder of ../shared/bench that `all` passes to it)
BENCHMARKS: dict[str, tuple[str, str]] = {
    "pdnc": ("pdnc", "pdnc"),
    "characters": ("pdnc_characters", "pdnc"),
    "litbank-entities": ("litbank_entities", "litbank"),
    "litbank-quotes": ("litbank_quotes", "litbank"),
    "tagged": ("tagged", "ao3-tagged"),
}
ALIASES = {"litbank": ("litbank-entities", "litbank-quotes")}


def run_benchmark(name: str, path: Path, *, limit: int | None = None, as_json: bool = False) -> int:
    if not path.exists():
        raise FiclensError(f"benchmark folder not found: {path}")
    if name == "all":
        codes = [_run_one(key, path / folder, limit, as_json) for key, (_, folder) in BENCHMARKS.items()]
        return max(codes)
    names = ALIASES.get(name, (name,))
    return max(_run_one(key, path, limit, as_json) for key in names)


def _run_one(name: str, path: Path, limit: int | None, as_json: bool) -> int:
    module_name, _ = BENCHMARKS[name]
    try:
        module = importlib.import_module(f"{__name__}.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.endswith(module_name):
            raise FiclensError(f"the {name!r} evaluation is not available yet") from exc
        raise
    return module.run(path, limit=limit, as_json=as_json)
