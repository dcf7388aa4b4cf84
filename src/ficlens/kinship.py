"""Who a relative noun names: 'his wife', 'her mother', 'her sister', 'his uncle'.

A tag like '"...," said her mother' names the speaker only through someone else (the
possessor). Novels name families by surname and title, so a relative is found from
the possessor's names: a spouse or parent carries the possessor's surname with the
relative's title ("Mr. Allen"'s wife is "Mrs. Allen", Elinor Dashwood's mother "Mrs.
Dashwood"); a brother, sister, son or daughter carries the surname without a married
title; an aunt or uncle is the one person of the scene whose name opens with that
word ("Aunt Juley"). Without one clear answer, nothing is returned and the caller
falls back on the scene.
"""

from __future__ import annotations

from typing import Collection

from .character_index import CharacterIndex

# A relative who shares the possessor's surname, by the title that relative's name takes.
_SPOUSES = {"wife": ("mrs", "lady"), "husband": ("mr", "sir", "lord"),
            "mother": ("mrs", "lady"), "father": ("mr", "sir", "lord")}
# A blood relative of the possessor's own generation or below: same surname, no married title.
_SAME_SURNAME = {"sister": "female", "brother": "male", "son": "male", "daughter": "female"}
_MARRIED_TITLES = frozenset({"mrs", "lady", "madame", "mme"})
# A relative whose name opens with the relation itself.
_TITLED_RELATIVES = {"aunt": ("aunt", "auntie", "aunty"), "uncle": ("uncle",)}


def kin_of(
    index: CharacterIndex, possessor: str, relation: str, gender: str | None, scene: Collection[str],
) -> str | None:
    """The one character who is ``possessor``'s ``relation``; a sibling, child, aunt
    or uncle only among the ``scene``'s characters (families are large)."""
    if relation in _SPOUSES:
        return _by_title_and_surname(index, possessor, _SPOUSES[relation], gender)
    if relation in _SAME_SURNAME:
        found = {
            entity for alias, entity in index.alias_to_entity.items()
            if entity != possessor and entity in scene and len(alias.split()) >= 2
            and alias.split()[-1] in _surnames(index, possessor)
            and alias.split()[0].rstrip(".") not in _MARRIED_TITLES
            and index.gender(entity) in (_SAME_SURNAME[relation], "unknown")
        }
        return next(iter(found)) if len(found) == 1 else None
    if relation in _TITLED_RELATIVES:
        found = {
            entity for alias, entity in index.alias_to_entity.items()
            if entity != possessor and entity in scene and len(alias.split()) >= 2
            and alias.split()[0] in _TITLED_RELATIVES[relation]
        }
        return next(iter(found)) if len(found) == 1 else None
    return None


def _surnames(index: CharacterIndex, entity: str) -> set[str]:
    forms = [a for a, e in index.alias_to_entity.items() if e == entity] + [entity.lower()]
    return {f.split()[-1] for f in forms if len(f.split()) >= 2}


def _by_title_and_surname(index: CharacterIndex, possessor: str, titles: tuple[str, ...], gender: str | None) -> str | None:
    """The one character whose name is the relative's title and the possessor's
    surname; of several ("Mrs. Dashwood", "Mrs. John Dashwood"), the one named by
    title and surname alone, when only one is."""
    surnames = _surnames(index, possessor)
    found: dict[str, bool] = {}
    for alias, entity in index.alias_to_entity.items():
        words = alias.split()
        if entity == possessor or len(words) < 2 or words[0].rstrip(".") not in titles or words[-1] not in surnames:
            continue
        if gender is not None and index.gender(entity) not in (gender, "unknown"):
            continue
        found[entity] = found.get(entity, False) or len(words) == 2
    if len(found) == 1:
        return next(iter(found))
    plain = [e for e, short in found.items() if short]
    return plain[0] if len(plain) == 1 else None
