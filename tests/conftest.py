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
