"""quotes stage (placeholder until its issue lands: adds nothing, invents nothing)."""

from __future__ import annotations

from typing import ClassVar

from .model import Analysis


class QuoteStage:
    name: ClassVar[str] = "quotes"
    requires: ClassVar[tuple[str, ...]] = ('story_spans',)
    provides: ClassVar[tuple[str, ...]] = ('quotes', 'non_dialogue',)

    def __call__(self, analysis: Analysis) -> None:
        return None
