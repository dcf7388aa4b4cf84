"""The contract every pipeline stage follows.

Like a spaCy pipeline component, a stage is a callable that reads some layers of an
:class:`~ficlens.model.Analysis` and writes others. ``requires`` and ``provides`` name
those layers (attribute names of ``Analysis``) so the pipeline can check the order
once, when it is built, instead of a stage discovering a missing layer mid-work.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from .model import Analysis


class Stage(Protocol):
    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    provides: ClassVar[tuple[str, ...]]

    def __call__(self, analysis: Analysis) -> None: ...
