"""The one pipeline: read a work, then run the stages in order over one Analysis.

The stage order is declared once here. Each stage states the layers it requires and
provides; :func:`check_order` verifies them when the pipeline is built. Heavy
resources (the spaCy model, the knowledge base, the gazetteer) are loaded once per
process by the modules that own them, never per work.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from .errors import FiclensError, UnreadableInput
from .model import Analysis, Document
from .readers import read_document, read_text
from .stage import Stage

# Layers a fresh Analysis already has before any stage runs.
_BASE_LAYERS = ("document",)


def default_stages() -> list[Stage]:
    """The stages in order. Imported here, not at module top, so `ficlens --help` stays fast."""
    from .characters import CharacterStage
    from .fandom import FandomStage
    from .notes import NotesStage
    from .pairing import PairingStage
    from .quotes import QuoteStage
    from .speakers import SpeakerStage
    from .status import StatusStage

    # Fandom runs before speakers: once the canon is known, the knowledge base gives
    # characters their canonical names and genders, which pronoun resolution needs.
    return [NotesStage(), StatusStage(), QuoteStage(), CharacterStage(), FandomStage(), SpeakerStage(), PairingStage()]


def check_order(stages: list[Stage]) -> None:
    """Fail at build time if a stage reads a layer no earlier stage writes."""
    available = set(_BASE_LAYERS)
    for stage in stages:
        missing = [layer for layer in stage.requires if layer not in available]
        if missing:
            raise FiclensError(f"stage {stage.name!r} requires {missing} before it runs")
        available.update(stage.provides)


class Pipeline:
    """Reads works and runs the stages. Build one per process and reuse it for a batch."""

    def __init__(self, stages: list[Stage] | None = None) -> None:
        self.stages = stages if stages is not None else default_stages()
        check_order(self.stages)

    def run(self, document: Document) -> Analysis:
        analysis = Analysis(document=document)
        for stage in self.stages:
            started = time.perf_counter()
            stage(analysis)
            analysis.timings[stage.name] = round(time.perf_counter() - started, 4)
        return analysis

    def analyze(self, source: str | Path | bytes, *, is_text: bool | None = None) -> Analysis:
        """Analyse a path, raw bytes, or (with ``is_text=True`` or a str with a newline) pasted text."""
        return self.run(load(source, is_text=is_text))


def load(source: str | Path | bytes, *, is_text: bool | None = None) -> Document:
    """Turn whatever the user handed us into a Document."""
    if isinstance(source, bytes):
        return read_document(source, path=None)
    if isinstance(source, Path):
        return read_document(source.read_bytes(), path=str(source))
    if is_text is None:
        is_text = _looks_like_text(source)
    if is_text:
        return read_text(source)
    path = Path(source)
    if not path.is_file():
        raise UnreadableInput(f"file not found: {source}")
    return read_document(path.read_bytes(), path=str(path))


_FILE_NAME = re.compile(r"[^\n\"“”]{1,255}\.(?:txt|md|markdown|html?|xhtml|epub)", re.IGNORECASE)


def _looks_like_text(source: str) -> bool:
    """Pasted text, unless it is (or looks like) the name of a file.

    A typo in a file name must be an error, not a three-word story.
    """
    if "\n" in source or len(source) > 4096:
        return True
    if Path(source).is_file():
        return False
    return not _FILE_NAME.fullmatch(source.strip())


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def analyze(source: str | Path | bytes, *, is_text: bool | None = None) -> Analysis:
    """Analyse one work: a path, the bytes of a file, or pasted text. See :class:`Analysis`."""
    return default_pipeline().analyze(source, is_text=is_text)
