"""fandom stage (placeholder until its issue lands: adds nothing, invents nothing)."""

from __future__ import annotations

from typing import ClassVar

from .model import Analysis


class FandomStage:
    name: ClassVar[str] = "fandom"
    requires: ClassVar[tuple[str, ...]] = ('characters', 'places',)
    provides: ClassVar[tuple[str, ...]] = ('fandom', 'characters',)

    def __call__(self, analysis: Analysis) -> None:
        return None
