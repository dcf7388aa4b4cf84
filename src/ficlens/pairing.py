"""pairing stage (placeholder until its issue lands: adds nothing, invents nothing)."""

from __future__ import annotations

from typing import ClassVar

from .model import Analysis


class PairingStage:
    name: ClassVar[str] = "pairing"
    requires: ClassVar[tuple[str, ...]] = ('characters', 'quotes',)
    provides: ClassVar[tuple[str, ...]] = ('pairing', 'relationships',)

    def __call__(self, analysis: Analysis) -> None:
        return None
