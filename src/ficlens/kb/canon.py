"""Giving the story's characters and places their canonical KB names once the fandom is known.

The characters stage names a character by the form the text uses most ("Luke"); the
KB knows the canon's AO3 tag ("Luke Danes") and gender. For every text character
whose name or alias is a form of exactly one KB character of the identified fandom,
the name becomes the canonical one and the text's own forms stay in ``aliases``
(nothing is added that the text does not use). Mentions and quote speakers follow
the rename. KB characters the story clearly names (a full name, or a form used
twice) but the characters stage missed are added, with their mentions, marked with
KB evidence; the same goes for KB places.

Before naming, the canon's own words leave the cast: a text character written only as
a KB place of the fandom ("St Mungo" for "St Mungo's") becomes that place, and one
written only as the fandom's vocabulary ("Slytherin", "the Auror") becomes a
non-character (:mod:`ficlens.kb.terms`).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import lru_cache

from ..model import Analysis, Character, Evidence, Mention, Place
from .entries import FandomEntry, KBCharacter, KBPlace
from .forms import derived_forms, form_key, is_title, lower_key, place_keys
from .index import FormSense
from .scanner import Hit
from .terms import demote_terms, remove_entity


def apply_canon(analysis: Analysis, entry: FandomEntry, hits: list[Hit[FormSense]]) -> None:
    own = [(h, s) for h in hits for s in h.payloads if s.fandom is entry]
    _characters_that_are_places(analysis, entry)
    demote_terms(analysis, entry)
    _canonical_characters(analysis, entry, own)
    _canonical_places(analysis, entry, own)
    analysis.mentions.sort(key=lambda m: (m.start, m.end))


def _character_forms(entry: FandomEntry) -> dict[str, list[KBCharacter]]:
    forms: dict[str, list[KBCharacter]] = {}
    for character in entry.characters:
        for form in {*character.forms(), *derived_forms(character.name)}:
            bucket = forms.setdefault(lower_key(form), [])
            if character not in bucket:
                bucket.append(character)
    return forms


def story_names_of(entry: FandomEntry, characters: list[Character]) -> dict[str, str]:
    """KB character name -> the story character that is them (its name or aliases point to them alone)."""
    forms = _character_forms(entry)
    out: dict[str, str] = {}
    for character in characters:
        kb_character = _match([character.name, *character.aliases], forms)
        if kb_character is not None:
            out.setdefault(kb_character.name, character.name)  # type: ignore[attr-defined]
    return out


def _match(names: list[str], forms: dict[str, list]) -> object | None:
    """The one KB object the names point to: by the main name first, else by unanimous aliases."""
    first = forms.get(lower_key(names[0]), [])
    if len(first) == 1:
        return first[0]
    found = {id(c): c for n in names[1:] for c in forms.get(lower_key(n), []) if len(forms[lower_key(n)]) == 1}
    return next(iter(found.values())) if len(found) == 1 else None


def written_surnames(names: Iterable[str]) -> set[str]:
    """The family names of the full names among ``names``: "Mary Datchet" -> {"datchet"}.

    Every word after the given name counts ("Granger-Weasley", "van der Luyden"); a
    titled form ("Mr. Hilbery") is no full name.
    """
    surnames: set[str] = set()
    for name in names:
        words = [w.lower() for w in form_key(name)]
        if len(words) >= 2 and not is_title(words[0]):
            surnames.update(part for w in words[1:] for part in w.split("-"))
    return surnames


def bears_any(character: KBCharacter, surnames: set[str], entry: FandomEntry) -> bool:
    """True when the story's surnames fit this KB character: its own name words, or a
    family of the canon (a married name, "Ginny Potter")."""
    return not surnames.isdisjoint(_name_words(character)) or not surnames.isdisjoint(_canon_words(entry))


def _name_words(character: KBCharacter) -> set[str]:
    return {part for form in (character.name, *character.aliases) for w in form_key(form)
            for part in w.lower().split("-")}


@lru_cache(maxsize=64)
def _canon_words(entry: FandomEntry) -> frozenset[str]:
    return frozenset(w for character in entry.characters for w in _name_words(character))


def _canonical_characters(analysis: Analysis, entry: FandomEntry, own: list[tuple[Hit, FormSense]]) -> None:
    forms = _character_forms(entry)
    renames: dict[str, str] = {}
    by_canonical: dict[str, Character] = {}
    kept: list[Character] = []
    for character in analysis.characters:
        kb_character = _match([character.name, *character.aliases], forms)
        surnames = written_surnames([character.name, *character.aliases])
        if kb_character is not None and surnames and not bears_any(kb_character, surnames, entry):
            kb_character = None  # the story's "William Rodney" is not the canon's William Brereton
        if kb_character is None:
            kept.append(character)
            continue
        renames[character.name] = kb_character.name
        _rename_character(character, kb_character)
        twin = by_canonical.get(kb_character.name)
        if twin is None:
            by_canonical[kb_character.name] = character
            kept.append(character)
        else:
            _merge_characters(twin, character)
    analysis.characters = kept
    _apply_renames(analysis, renames)
    _add_missing_characters(analysis, own, set(by_canonical))


def _rename_character(character: Character, kb_character: KBCharacter) -> None:
    if character.name != kb_character.name:
        if character.name not in character.aliases:
            character.aliases.insert(0, character.name)
        character.name = kb_character.name
        character.evidence.append(Evidence("kb-canonical-name", text=kb_character.name, source="kb"))
    if character.gender == "unknown" and kb_character.gender != "unknown":
        character.gender = kb_character.gender  # type: ignore[assignment]


def _merge_characters(into: Character, other: Character) -> None:
    into.aliases = list(dict.fromkeys([*into.aliases, *other.aliases]))
    into.mentions += other.mentions
    into.quotes += other.quotes
    into.first_offset = min(into.first_offset, other.first_offset)
    into.evidence += other.evidence


def _apply_renames(analysis: Analysis, renames: dict[str, str]) -> None:
    if not renames:
        return
    for mention in analysis.mentions:
        if mention.category == "character" and mention.entity in renames:
            mention.entity = renames[mention.entity]
    for quote in analysis.quotes:
        if quote.speaker in renames:
            quote.speaker = renames[quote.speaker]
        quote.addressees = [renames.get(a, a) for a in quote.addressees]


def not_a_character(analysis: Analysis) -> tuple[set[str], list[tuple[int, int]]]:
    """Name forms (casefolded) and spans the characters stage resolved as places or non-characters.

    The fandom stage never turns those into KB characters: "Paris" the city is not
    Paris Geller, even in a Gilmore Girls story.
    """
    names = {n.name.casefold() for n in analysis.non_characters}
    for place in analysis.places:
        names.update(f.casefold() for f in (place.name, *place.aliases))
    spans = sorted((m.start, m.end) for m in analysis.mentions if m.category == "place")
    return names, spans


def _add_missing_characters(analysis: Analysis, own: list[tuple[Hit, FormSense]], present: set[str]) -> None:
    rejected, place_spans = not_a_character(analysis)
    taken = sorted((m.start, m.end) for m in analysis.mentions)
    groups: dict[str, list[Hit]] = {}
    targets: dict[str, KBCharacter] = {}
    senses_at: dict[int, int] = {}
    for hit, sense in own:
        if sense.kind == "character":
            senses_at[hit.start] = senses_at.get(hit.start, 0) + 1
    for hit, sense in own:
        if senses_at.get(hit.start, 0) > 1:
            continue  # "George" of George Harrison or George Martin: the form names nobody in particular
        if sense.kind == "character" and sense.target.name not in present and not _overlaps(hit, place_spans):
            groups.setdefault(sense.target.name, []).append(hit)
            targets[sense.target.name] = sense.target  # type: ignore[assignment]
    text = analysis.text
    for name, group in groups.items():
        group = [h for h in group if _surface(text, h).casefold() not in rejected]
        if not group:
            continue
        surfaces = [_surface(text, h) for h in group]
        if len(group) < 2 and all(len(h.key) < 2 for h in group):
            continue
        kb_character = targets[name]
        analysis.characters.append(Character(
            name=name,
            aliases=list(dict.fromkeys(s for s in surfaces if s != name)),
            gender=kb_character.gender,  # type: ignore[arg-type]
            mentions=len(group),
            first_offset=min(h.start for h in group),
            evidence=[Evidence("kb-name-in-text", text=surfaces[0], start=group[0].start, end=group[0].end, source="kb")],
        ))
        analysis.mentions += [
            Mention(h.start, h.end, text[h.start : h.end], name, "name", "character")
            for h in group if not _overlaps(h, taken)
        ]


def _place_forms(entry: FandomEntry) -> dict[str, list[KBPlace]]:
    """Every key of every KB place; a place's own exact name wins its key over another's
    variant ("Enterprise" is the place named so, not also "The Enterprise" without its article)."""
    forms: dict[str, list[KBPlace]] = {}
    for place in entry.places:
        forms.setdefault(lower_key(place.name), []).append(place)
    exact = set(forms)
    for place in entry.places:
        for key in place_keys(place.name):
            bucket = forms.setdefault(key, [])
            if key not in exact and place not in bucket:
                bucket.append(place)
    return forms


def _kb_place_of(names: list[str], forms: dict[str, list[KBPlace]]) -> KBPlace | None:
    """The one KB place the names point to: by the main name first, else by unanimous aliases."""
    first = _kb_places_by_keys(names[0], forms)
    if len(first) == 1:
        return first[0]
    unique = [_kb_places_by_keys(n, forms) for n in names[1:]]
    found = {id(places[0]): places[0] for places in unique if len(places) == 1}
    return next(iter(found.values())) if len(found) == 1 else None


def _characters_that_are_places(analysis: Analysis, entry: FandomEntry) -> None:
    """A text character every form of which is a KB place of the fandom, and no KB character, is that place."""
    places = _place_forms(entry)
    people = _character_forms(entry)
    for character in list(analysis.characters):
        names = [character.name, *character.aliases]
        if character.name == analysis.narrator or any(lower_key(n) in people for n in names):
            continue
        found = [_kb_places_by_keys(n, places, article=False) for n in names]
        targets = {id(p): p for kb_places in found for p in kb_places}
        if len(targets) != 1 or not all(found):
            continue
        kb_place = next(iter(targets.values()))
        analysis.characters.remove(character)
        mentions = [m for m in remove_entity(analysis, character.name, "character") if m.kind == "name"]
        for mention in mentions:
            mention.entity, mention.category = kb_place.name, "place"
        analysis.mentions += mentions
        analysis.places.append(Place(kb_place.name, list(dict.fromkeys(names)), kb_place.kind,  # type: ignore[arg-type]
                                     mentions=len(mentions), first_offset=character.first_offset))


def _kb_places_by_keys(name: str, forms: dict[str, list[KBPlace]], *, article: bool = True) -> list[KBPlace]:
    return next((forms[k] for k in place_keys(name, article=article) if k in forms), [])


def _canonical_places(analysis: Analysis, entry: FandomEntry, own: list[tuple[Hit, FormSense]]) -> None:
    forms = _place_forms(entry)
    renames: dict[str, str] = {}
    by_canonical: dict[str, Place] = {}
    kept: list[Place] = []
    for place in analysis.places:
        kb_place = _kb_place_of([place.name, *place.aliases], forms)
        if kb_place is None:
            kept.append(place)
            continue
        if kb_place.kind != "other":
            place.kind = kb_place.kind  # type: ignore[assignment]
        original = place.name
        if place.name != kb_place.name and lower_key(place.name) != lower_key(kb_place.name):
            renames[original] = kb_place.name
            place.aliases = list(dict.fromkeys([place.name, *place.aliases]))
            place.name = kb_place.name
        twin = by_canonical.get(kb_place.name)
        if twin is None:
            by_canonical[kb_place.name] = place
            kept.append(place)
        else:  # "St Mungos" and "St Mungo" (once a character) are one place
            renames[original] = twin.name
            twin.aliases = list(dict.fromkeys([*twin.aliases, *place.aliases]))
            twin.mentions += place.mentions
            twin.first_offset = min(twin.first_offset, place.first_offset)
    analysis.places = kept
    for mention in analysis.mentions:
        if mention.category == "place" and mention.entity in renames:
            mention.entity = renames[mention.entity]
    _add_missing_places(analysis, own, set(by_canonical))


def _add_missing_places(analysis: Analysis, own: list[tuple[Hit, FormSense]], present: set[str]) -> None:
    taken = sorted((m.start, m.end) for m in analysis.mentions)
    known = {p.name for p in analysis.places} | present
    groups: dict[str, list[Hit]] = {}
    kinds: dict[str, str] = {}
    for hit, sense in own:
        if sense.kind == "place" and sense.target.name not in known and not _overlaps(hit, taken):
            groups.setdefault(sense.target.name, []).append(hit)
            kinds[sense.target.name] = sense.target.kind  # type: ignore[union-attr]
    text = analysis.text
    for name, group in groups.items():
        surfaces = [_surface(text, h) for h in group]
        analysis.places.append(Place(
            name=name, aliases=list(dict.fromkeys(s for s in surfaces if s != name)),
            kind=kinds[name], mentions=len(group), first_offset=min(h.start for h in group),  # type: ignore[arg-type]
        ))
        analysis.mentions += [Mention(h.start, h.end, text[h.start : h.end], name, "name", "place") for h in group]


def _surface(text: str, hit: Hit) -> str:
    return text[hit.start : hit.end]


def _overlaps(hit: Hit, spans: list[tuple[int, int]]) -> bool:
    """``spans`` sorted by start and non-overlapping (the mentions): a binary search, not a scan."""
    i = bisect.bisect_left(spans, (hit.end, -1)) - 1
    return i >= 0 and spans[i][1] > hit.start
