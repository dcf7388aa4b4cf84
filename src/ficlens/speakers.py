"""speakers stage (placeholder until its issue lands: adds nothing, invents nothing)."""

from __future__ import annotations

from typing import ClassVar

from .model import Analysis


class SpeakerStage:
    name: ClassVar[str] = "speakers"
    requires: ClassVar[tuple[str, ...]] = ('quotes', 'characters', 'mentions',)
    provides: ClassVar[tuple[str, ...]] = ('quotes',)

    def __call__(self, analysis: Analysis) -> None:
        return None
