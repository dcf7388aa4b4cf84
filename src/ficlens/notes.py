"""Author's notes stage (placeholder until the notes work lands: marks no notes)."""

from __future__ import annotations

from typing import ClassVar

from .model import Analysis


class NotesStage:
    name: ClassVar[str] = "notes"
    requires: ClassVar[tuple[str, ...]] = ("document",)
    provides: ClassVar[tuple[str, ...]] = ("author_notes", "story_spans")

    def __call__(self, analysis: Analysis) -> None:
        analysis.story_spans = [(p.start, p.end) for p in analysis.document.paragraphs() if p.role == "story"]
