"""Analysing many works: folders expanded, optional worker processes, no work lost.

A researcher hands ficlens a folder of a hundred thousand downloads. Three things
matter then: every work gets a result or a one-line error (a crash on one odd work,
even a bug of ours, must not end the run); results come out in input order, so a
JSONL line can be matched to its file; and the cores are used. Each worker process
builds one :class:`~ficlens.pipeline.Pipeline` (the spaCy model and the knowledge
base load once per process) and sends back the rendered output, not the objects,
so nothing large crosses process boundaries.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import FiclensError

WORK_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".epub"})
STDIN = "-"


@dataclass(frozen=True, slots=True)
class Outcome:
    """One work's rendered result, or why it has none."""

    path: str
    output: str | None
    error: str | None = None

    def error_line(self) -> str:
        """The JSONL line that stands in for a work that could not be analysed."""
        return json.dumps({"source": {"path": self.path}, "error": self.error}, ensure_ascii=False)


def expand(paths: Iterable[str]) -> list[str]:
    """Files as given; a folder becomes the works inside it (recursively, sorted)."""
    works: list[str] = []
    for path in paths:
        folder = Path(path)
        if path != STDIN and folder.is_dir():
            works += sorted(str(p) for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in WORK_SUFFIXES)
        else:
            works.append(path)
    return works


def analyse_all(paths: list[str], *, fmt: str, include_text: bool = False, jobs: int = 1,
                kb_directories: tuple[str, ...] = ()) -> Iterator[Outcome]:
    """Every work's outcome, in input order. ``jobs`` > 1 uses that many worker processes."""
    if jobs <= 1 or len(paths) < 2 or STDIN in paths:
        _setup(kb_directories)
        yield from (_analyse_one(path, fmt, include_text) for path in paths)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths)), initializer=_setup,
                             initargs=(kb_directories,)) as pool:
        yield from pool.map(_analyse_one, paths, [fmt] * len(paths), [include_text] * len(paths), chunksize=1)


def default_jobs() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


_pipeline = None


def _setup(kb_directories: tuple[str, ...]) -> None:
    global _pipeline
    from . import kb
    from .pipeline import Pipeline

    for directory in kb_directories:
        kb.add_user_directory(directory)
    _pipeline = Pipeline()


def _analyse_one(path: str, fmt: str, include_text: bool) -> Outcome:
    """Never raises: an unreadable work or an internal failure becomes the outcome's error."""
    from .pipeline import load
    from .render import summary

    try:
        document = load(sys.stdin.read(), is_text=True) if path == STDIN else load(Path(path))
        result = _pipeline.run(document)
        if fmt == "text":
            return Outcome(path, summary(result))
        return Outcome(path, result.to_json(indent=None if fmt == "jsonl" else 2, include_text=include_text))
    except FiclensError as exc:
        return Outcome(path, None, str(exc))
    except OSError as exc:
        return Outcome(path, None, f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:  # a bug of ours (or MemoryError) must not end a batch of thousands
        return Outcome(path, None, f"internal error, please report it: {type(exc).__name__}: {exc}")
