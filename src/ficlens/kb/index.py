"""The loaded knowledge base: every fandom plus the indexes the stages look names up in.

Built once per process (``ficlens.kb.load()`` caches it). Besides the public alias
indexes (lower-cased keys, for other engineers' lookups), it holds one
:class:`~ficlens.kb.scanner.NameScanner` over every character and place name form of
every fandom, and for each form the number of fandoms that use it: the denominator of
its distinctiveness ("Luke" is in many fandoms and says little, "Lorelai" in one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .entries import FandomEntry, KBCharacter, KBPlace
from .forms import derived_forms, lower_key
from .scanner import NameScanner


@dataclass(slots=True, frozen=True)
class FormSense:
    """What one name form can mean: a character or place of one fandom."""

    fandom: FandomEntry
    kind: Literal["character", "place"]
    target: KBCharacter | KBPlace
    derived: bool = False  # implied by the canonical name, not listed in the file

    def __hash__(self) -> int:
        return hash((id(self.fandom), self.kind, id(self.target)))

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, FormSense)
            and self.fandom is other.fandom
            and self.kind == other.kind
            and self.target is other.target
        )


@dataclass
class KnowledgeBase:
    fandoms: list[FandomEntry]
    characters_by_alias: dict[str, list[tuple[FandomEntry, KBCharacter]]] = field(default_factory=dict)
    places_by_alias: dict[str, list[tuple[FandomEntry, KBPlace]]] = field(default_factory=dict)
    fandom_by_name: dict[str, FandomEntry] = field(default_factory=dict)
    _fandom_by_key: dict[str, FandomEntry] = field(default_factory=dict)
    _fandom_by_core: dict[str, list[FandomEntry]] = field(default_factory=dict)
    _fandom_by_title: dict[str, list[tuple[frozenset[str], FandomEntry]]] = field(default_factory=dict)
    scanner: NameScanner[FormSense] = field(default_factory=NameScanner)
    fandom_count: dict[tuple[str, ...], int] = field(default_factory=dict)

    @classmethod
    def build(cls, fandoms: list[FandomEntry]) -> "KnowledgeBase":
        kb = cls(fandoms=fandoms)
        for entry in fandoms:
            kb._index(entry)
        for key, senses in kb.scanner.forms.items():
            kb.fandom_count[key] = len({id(s.fandom) for s in senses})
        return kb

    def _scan_for(self, form: str, sense: FormSense) -> None:
        """Index a form for the text scan: names start with a capital ("the ship" is a phrase, not a name)."""
        form = form.strip()
        if form and (form[0].isupper() or form[0].isdigit()):
            self.scanner.add(form, sense)

    def _index(self, entry: FandomEntry) -> None:
        for name in entry.names():
            self.fandom_by_name.setdefault(name.casefold(), entry)
            self._fandom_by_key.setdefault(_fandom_key(name), entry)
            core = self._fandom_by_core.setdefault(_fandom_key(_core_title(name)), [])
            if entry not in core:
                core.append(entry)
            title, qualifier = _qualified(name)
            if qualifier:
                self._fandom_by_title.setdefault(_fandom_key(title), []).append((qualifier, entry))
        for character in entry.characters:
            explicit = character.forms()
            for form in explicit:
                _append(self.characters_by_alias, lower_key(form), (entry, character))
                self._scan_for(form, FormSense(entry, "character", character))
            for form in derived_forms(character.name):
                if form not in explicit:
                    self._scan_for(form, FormSense(entry, "character", character, derived=True))
        for place in entry.places:
            _append(self.places_by_alias, lower_key(place.name), (entry, place))
            self._scan_for(place.name, FormSense(entry, "place", place))

    def fandom(self, name: str) -> FandomEntry | None:
        """The entry a fandom name (canonical or other name, any case) refers to.

        An AO3 tag that joins a canon's names with " | " ("鬼滅の刃 | Demon Slayer",
        "The Locked Tomb Series | Gideon the Ninth Series - Tamsyn Muir") is any of them.
        """
        found = self._fandom_one(name)
        if found is not None or " | " not in name:
            return found
        author = " - " + name.rsplit(" - ", 1)[1] if " - " in name else ""
        for part in name.removesuffix(author).split(" | "):
            found = self._fandom_one(part.strip() + author) or self._fandom_one(part.strip())
            if found is not None:
                return found
        return None

    def _fandom_one(self, name: str) -> FandomEntry | None:
        key = name.strip().casefold()
        if key in self.fandom_by_name:
            return self.fandom_by_name[key]
        if _fandom_key(name) in self._fandom_by_key:  # "House M.D" = "House, M.D."
            return self._fandom_by_key[_fandom_key(name)]
        core = self._fandom_by_core.get(_fandom_key(_core_title(name)), [])
        if len(core) == 1:  # "Harry Potter - Rowling" = "Harry Potter - J. K. Rowling"
            return core[0]
        return self._fandom_by_qualifier(name)

    def _fandom_by_qualifier(self, name: str) -> FandomEntry | None:
        """The one entry of this title whose qualifier agrees with the tag's: "Sherlock (BBC TV 2010)" = "Sherlock (TV)".

        Sites write one show's tag with more or fewer qualifier words. One qualifier's
        words must contain the other's ("(UK)" and "(US)" are different shows), and only
        one entry may agree ("Ghosts (TV)" is both the 2019 and the 2021 show).
        """
        title, qualifier = _qualified(name)
        if not qualifier:
            return None
        found = {id(entry): entry for words, entry in self._fandom_by_title.get(_fandom_key(title), [])
                 if words <= qualifier or qualifier <= words}
        return next(iter(found.values())) if len(found) == 1 else None

    def distinctiveness(self, key: tuple[str, ...]) -> float:
        """~1/k for a form used by k fandoms."""
        return 1.0 / max(1, self.fandom_count.get(key, 1))


def strip_disambiguation(tag: str) -> str:
    """"Castiel (Supernatural)" -> "Castiel": AO3 suffixes a tag with its fandom when names clash."""
    tag = tag.strip()
    if tag.endswith(")") and " (" in tag:
        return tag[: tag.rindex(" (")].strip()
    return tag


def _fandom_key(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


_QUALIFIED = re.compile(r"^(.+?)\s*\(([^()]+)\)$")


def _qualified(name: str) -> tuple[str, frozenset[str]]:
    """A tag's title and the words of its closing parenthetical ("Sherlock (BBC TV 2010)" -> "Sherlock", {bbc, tv, 2010}).

    Plural and singular are one word ("Movies" = "Movie").
    """
    match = _QUALIFIED.match(_core_title(name))
    if match is None:
        return name.strip(), frozenset()
    words = re.findall(r"\w+", match.group(2).casefold())
    return match.group(1), frozenset(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


def _core_title(name: str) -> str:
    """The title without AO3's " - Author" qualifier: "Harry Potter - J. K. Rowling" -> "Harry Potter".

    A parenthetical is kept: "(UK)" and "(US)" are different shows with different casts.
    """
    return name.split(" - ")[0].strip() if " - " in name else name.strip()


def _append(index: dict, key: str, value: tuple) -> None:
    if not key:
        return
    bucket = index.setdefault(key, [])
    if all(value[0] is not a or value[1] is not b for a, b in bucket):
        bucket.append(value)
