"""The objects a knowledge-base file describes: a fandom, its characters, places, ships and terms.

They are plain data, built once per process by :mod:`ficlens.kb.loader`; the stages only
read them. Lists (not tuples) so a user's file can extend a built-in entry while merging.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class KBCharacter:
    """A canon character: the AO3 tag name plus every name form fans write in text."""

    name: str
    aliases: list[str] = field(default_factory=list)
    gender: str = "unknown"

    def forms(self) -> list[str]:
        """The name and its aliases, without duplicates, the name first."""
        return list(dict.fromkeys([self.name, *self.aliases]))


@dataclass(slots=True)
class KBPlace:
    name: str
    kind: str = "other"


@dataclass(slots=True)
class KBShip:
    """A well-known pairing: ``members`` are canonical character names of the same fandom."""

    members: list[str]
    kind: str = "romantic"


@dataclass(slots=True)
class FandomEntry:
    name: str
    other_names: list[str] = field(default_factory=list)
    # AO3 tags of *other* canons that share this one's characters (adaptations, sequels,
    # the franchise's "All Media Types" tag): a story of one is not wrongly tagged as the other.
    related: list[str] = field(default_factory=list)
    medium: str = "other"
    rpf: bool = False
    characters: list[KBCharacter] = field(default_factory=list)
    places: list[KBPlace] = field(default_factory=list)
    ships: list[KBShip] = field(default_factory=list)
    # In-universe words that are not characters (houses, groups, species, ranks used as
    # common nouns, organisations, spells, exclamations): "Slytherin", "Auror", "Merlin"
    # in Harry Potter. The text's capitalised words look like names; these are not people.
    terms: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # files the entry was read from

    def names(self) -> list[str]:
        return list(dict.fromkeys([self.name, *self.other_names]))

    def character(self, name: str) -> KBCharacter | None:
        key = name.casefold()
        return next((c for c in self.characters if c.name.casefold() == key), None)

    def __hash__(self) -> int:  # entries are keys in per-work score tables
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other
