"""characters stage (placeholder until its issue lands: adds nothing, invents nothing)."""

from __future__ import annotations

from typing import ClassVar

from .model import Analysis


class CharacterStage:
    name: ClassVar[str] = "characters"
    requires: ClassVar[tuple[str, ...]] = ('quotes',)
    provides: ClassVar[tuple[str, ...]] = ('characters', 'non_characters', 'places', 'mentions', 'narrator',)

    def __call__(self, analysis: Analysis) -> None:
        return None
