"""status stage (placeholder until its issue lands: adds nothing, invents nothing)."""

from __future__ import annotations

from typing import ClassVar

from .model import Analysis


class StatusStage:
    name: ClassVar[str] = "status"
    requires: ClassVar[tuple[str, ...]] = ('author_notes', 'story_spans',)
    provides: ClassVar[tuple[str, ...]] = ('status',)

    def __call__(self, analysis: Analysis) -> None:
        return None
