"""Evaluation commands: accuracy on ../shared/bench (placeholder until the stages land)."""

from __future__ import annotations

from pathlib import Path

from ..errors import FiclensError


def run_benchmark(name: str, path: Path, *, limit: int | None = None, as_json: bool = False) -> int:
    raise FiclensError(f"no evaluation for {name!r} yet")
