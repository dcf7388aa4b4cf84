"""Shared test helpers: where ../shared is, and one pipeline per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
FORMATS = SHARED / "formats"
BENCH = SHARED / "bench"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_collection_modifyitems(config, items):
    if not SHARED.exists():
        skip = pytest.mark.skip(reason="../shared is not beside the project")
        for item in items:
            if "shared" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def pipeline():
    from ficlens import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def one_shot(pipeline):
    return pipeline.analyze(SAMPLES / "gilmore-girls_one-shot.txt")


@pytest.fixture(scope="session")
def wip_chapter(pipeline):
    return pipeline.analyze(SAMPLES / "gilmore-girls_wip-chapter.txt")


# Hang guard. Speed figures come from benchmarks/ (measured, one core, on long texts);
# tests only check that odd input finishes at all, with a bound no healthy run nears.
HANG_LIMIT_SECONDS = 60.0


def assert_no_hang(started: float) -> None:
    import time

    elapsed = time.perf_counter() - started
    assert elapsed < HANG_LIMIT_SECONDS, f"took {elapsed:.0f} s: treated as a hang"
