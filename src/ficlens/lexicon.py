"""Word lists that live in data files (``src/ficlens/data/<name>.txt``).

Knowledge stays out of code: a list is one item per line, ``#`` starts a comment,
blank lines are ignored. Each list is read once per process.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """The items of ``data/<name>.txt`` in file order (duplicates removed)."""
    text = resources.files("ficlens").joinpath(f"data/{name}.txt").read_text(encoding="utf-8")
    items: dict[str, None] = {}
    for line in text.splitlines():
        item = line.split("#", 1)[0].strip()
        if item:
            items[item] = None
    return tuple(items)


@lru_cache(maxsize=None)
def word_set(name: str, *, lower: bool = True) -> frozenset[str]:
    """The same list as a set, lower-cased by default, for membership tests."""
    return frozenset(item.lower() if lower else item for item in word_list(name))
