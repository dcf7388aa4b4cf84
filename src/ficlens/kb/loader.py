"""Reading knowledge-base files: the built-in fandoms, then the user's directories over them.

A user's entry with the same ``name`` (or one of its ``other_names``) as a built-in
entry extends it: characters are merged by name (aliases unioned, a known gender
wins over "unknown"), places, ships and terms are added, other names unioned. A file that
is not valid TOML or lacks a name is skipped with one warning, never a crash: a
user's typo must not take the whole tool down.
"""

from __future__ import annotations

import os
import tomllib
import warnings
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

from .entries import FandomEntry, KBCharacter, KBPlace, KBShip

ENV_VAR = "FICLENS_KB_PATH"
GENDERS = frozenset({"female", "male", "nonbinary", "unknown"})
SHIP_KINDS = frozenset({"romantic", "platonic"})


class KBFileWarning(UserWarning):
    """A knowledge-base file was skipped or partly ignored."""


def builtin_directory() -> Path:
    return Path(str(resources.files("ficlens").joinpath("kb/fandoms")))


def env_directories() -> list[str]:
    return [d for d in os.environ.get(ENV_VAR, "").split(os.pathsep) if d.strip()]


def read_directories(directories: Iterable[Path]) -> list[FandomEntry]:
    """Every entry of every ``*.toml`` in the directories, merged in order (later extends earlier)."""
    merged: list[FandomEntry] = []
    by_name: dict[str, FandomEntry] = {}
    for directory in directories:
        for entry in _read_directory(directory):
            target = next((by_name[n.casefold()] for n in entry.names() if n.casefold() in by_name), None)
            if target is None:
                merged.append(entry)
                target = entry
            else:
                merge_into(target, entry)
            for name in target.names():
                by_name.setdefault(name.casefold(), target)
    return merged


def _read_directory(directory: Path) -> list[FandomEntry]:
    if not directory.is_dir():
        warnings.warn(f"knowledge-base directory not found, ignored: {directory}", KBFileWarning, stacklevel=3)
        return []
    entries = []
    for path in sorted(directory.glob("*.toml")):
        entry = read_file(path)
        if entry is not None:
            entries.append(entry)
    return entries


def read_file(path: Path) -> FandomEntry | None:
    """One fandom file, or None (with a warning) when it cannot be used."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        return entry_from_dict(data, source=str(path))
    except (OSError, tomllib.TOMLDecodeError, ValueError, TypeError, AttributeError) as exc:
        warnings.warn(f"skipping knowledge-base file {path}: {exc}", KBFileWarning, stacklevel=2)
        return None


def entry_from_dict(data: dict[str, Any], *, source: str = "") -> FandomEntry:
    """Build an entry from parsed TOML; raises ValueError when the file has no usable name."""
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("no fandom 'name'")
    entry = FandomEntry(
        name=name.strip(),
        other_names=_strings(data.get("other_names")),
        related=_strings(data.get("related")),
        medium=str(data.get("medium") or "other"),
        rpf=bool(data.get("rpf", False)),
        sources=[source] if source else [],
    )
    for item in _tables(data.get("characters")):
        character = _character(item)
        if character is not None:
            _merge_character(entry, character)
    for item in _tables(data.get("places")):
        if isinstance(item.get("name"), str) and item["name"].strip():
            entry.places.append(KBPlace(item["name"].strip(), str(item.get("kind") or "other")))
    for item in _tables(data.get("ships")):
        members = _strings(item.get("members"))
        kind = item.get("kind", "romantic")
        if len(members) >= 2 and kind in SHIP_KINDS:
            entry.ships.append(KBShip(members, kind))
    entry.terms = _terms(data.get("terms"), entry, source)
    return entry


def _terms(value: Any, entry: FandomEntry, source: str) -> list[str]:
    """The file's ``terms``: a list of strings, without the ones that are character names."""
    if value is not None and not isinstance(value, list):
        warnings.warn(f"{source or entry.name}: 'terms' must be a list of strings, ignored", KBFileWarning, stacklevel=4)
        return []
    return _without_character_forms(_union([], _strings(value)), entry, source or entry.name)


def _without_character_forms(terms: list[str], entry: FandomEntry, where: str) -> list[str]:
    """A word cannot be both: a term is demoted from a story's cast, a character form names
    someone. The character wins, with a warning, so a user's file is fixed once."""
    forms = {f.casefold() for c in entry.characters for f in c.forms()}
    clashes = [t for t in terms if t.casefold() in forms]
    if clashes:
        warnings.warn(f"{where}: terms that are character names ignored: {', '.join(clashes)}",
                      KBFileWarning, stacklevel=4)
    return [t for t in terms if t.casefold() not in forms]


def merge_into(target: FandomEntry, extra: FandomEntry) -> None:
    """Extend ``target`` with ``extra`` (a user's entry for the same fandom)."""
    target.other_names = _union(target.other_names, [n for n in extra.names() if n != target.name])
    target.related = _union(target.related, extra.related)
    if extra.medium != "other":
        target.medium = extra.medium
    target.rpf = target.rpf or extra.rpf
    for character in extra.characters:
        _merge_character(target, character)
    known_places = {p.name.casefold() for p in target.places}
    target.places += [p for p in extra.places if p.name.casefold() not in known_places]
    known_ships = {(frozenset(s.members), s.kind) for s in target.ships}
    target.ships += [s for s in extra.ships if (frozenset(s.members), s.kind) not in known_ships]
    target.terms = _without_character_forms(_union(target.terms, extra.terms), target,
                                            ", ".join(extra.sources) or extra.name)
    target.sources += extra.sources


def _merge_character(entry: FandomEntry, character: KBCharacter) -> None:
    existing = entry.character(character.name)
    if existing is None:
        entry.characters.append(character)
        return
    existing.aliases = _union(existing.aliases, character.aliases)
    if existing.gender == "unknown":
        existing.gender = character.gender


def _character(item: dict[str, Any]) -> KBCharacter | None:
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        return None
    gender = item.get("gender", "unknown")
    aliases = [a for a in _strings(item.get("aliases")) if a != name.strip()]
    return KBCharacter(name.strip(), _union([], aliases), gender if gender in GENDERS else "unknown")


def _tables(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [v.strip() for v in value if isinstance(v, str) and v.strip()]


def _union(first: list[str], second: list[str]) -> list[str]:
    return list(dict.fromkeys([*first, *second]))
