"""The fandom knowledge base: one TOML file per fandom (see ``FORMAT.md``).

``load()`` reads the built-in files (``kb/fandoms/``), then the user's directories
(``add_user_directory`` / ``analyze --kb DIR`` and ``$FICLENS_KB_PATH``), merged by
fandom name, and builds the indexes once per process:

    >>> from ficlens import kb
    >>> base = kb.load()
    >>> base.fandom("GG").name
    'Gilmore Girls'
    >>> [(f.name, c.name) for f, c in base.characters_by_alias["lorelai"]]
    [('Gilmore Girls', 'Lorelai Gilmore')]
"""

from __future__ import annotations

import argparse
import os
from functools import lru_cache
from pathlib import Path

from .entries import FandomEntry, KBCharacter, KBPlace, KBShip
from .index import FormSense, KnowledgeBase, strip_disambiguation
from .loader import KBFileWarning, builtin_directory, env_directories, read_directories

__all__ = [
    "FandomEntry", "FormSense", "KBCharacter", "KBFileWarning", "KBPlace", "KBShip", "KnowledgeBase",
    "add_user_directory", "load", "run_command", "strip_disambiguation",
]

_user_directories: list[str] = []


def add_user_directory(directory: str) -> None:
    """Merge the fandom files of ``directory`` over the built-in ones (from the next ``load()``)."""
    if directory not in _user_directories:
        _user_directories.append(directory)
        _load_cached.cache_clear()


def load() -> KnowledgeBase:
    """The knowledge base for the current directories, built once and cached.

    ``$FICLENS_NO_BUILTIN_KB=1`` leaves the built-in files out: benchmarks of classic
    novels that are also AO3 fandoms (Pride and Prejudice) report figures without them.
    """
    builtin = () if os.environ.get("FICLENS_NO_BUILTIN_KB") else (str(builtin_directory()),)
    return _load_cached((*builtin, *env_directories(), *_user_directories))


@lru_cache(maxsize=4)
def _load_cached(directories: tuple[str, ...]) -> KnowledgeBase:
    return KnowledgeBase.build(read_directories(Path(d) for d in directories))


def run_command(args: argparse.Namespace) -> int:
    """``ficlens kb list | show NAME | learn DIR -o OUT``."""
    from .commands import run

    for directory in getattr(args, "kb", None) or []:
        add_user_directory(directory)
    return run(args)
