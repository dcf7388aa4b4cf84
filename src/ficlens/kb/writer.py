"""Writing an entry back out in the ``FORMAT.md`` form (for ``kb show`` and ``kb learn``).

Python's standard library reads TOML but cannot write it; the format is small enough
that a writer of its few shapes (strings, string lists, booleans, arrays of tables)
is clearer than a dependency.
"""

from __future__ import annotations

import json
import re
import unicodedata

from .entries import FandomEntry


def slug(name: str) -> str:
    """The file stem of a fandom: accents folded, non-alphanumerics to single dashes."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "fandom"


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _strings(values: list[str]) -> str:
    return "[" + ", ".join(_string(v) for v in values) + "]"


def entry_to_toml(entry: FandomEntry, *, comment: str | None = None) -> str:
    lines = [f"# {comment}"] if comment else []
    lines += [
        f"name = {_string(entry.name)}",
        f"other_names = {_strings(entry.other_names)}",
        *([f"related = {_strings(entry.related)}"] if entry.related else []),
        f"medium = {_string(entry.medium)}",
        f"rpf = {'true' if entry.rpf else 'false'}",
        *([f"terms = {_strings(entry.terms)}"] if entry.terms else []),
    ]
    for character in entry.characters:
        lines += ["", "[[characters]]", f"name = {_string(character.name)}",
                  f"aliases = {_strings(character.aliases)}", f"gender = {_string(character.gender)}"]
    for place in entry.places:
        lines += ["", "[[places]]", f"name = {_string(place.name)}", f"kind = {_string(place.kind)}"]
    for ship in entry.ships:
        lines += ["", "[[ships]]", f"members = {_strings(ship.members)}", f"kind = {_string(ship.kind)}"]
    return "\n".join(lines) + "\n"
