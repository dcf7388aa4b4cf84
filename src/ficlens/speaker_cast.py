"""Every speaker and addressee is a listed character.

Split out of ``speakers``: after attribution, :func:`complete_cast` appends a
character for each name the quotes use that the cast lacks (the narrator, a described
speaker like 'the solicitor', a form no character holds), and :func:`can_be_name` /
:func:`entity_for` decide whether a capitalised word can name someone and which
character it names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from .character_index import CharacterIndex, gendered_titles
from .lexicon import word_set
from .model import Character, Evidence, Quote
from .speech_tags import Cue, speech_verb_forms

if TYPE_CHECKING:  # pragma: no cover
    from .narrator import Person

# The character an unnamed first-person narrator becomes.
NARRATOR_LABEL = "Narrator"


def can_be_name(form: str) -> bool:
    first = form.split()[0].lower()
    return (
        first not in word_set("capitalised_common_words") and first not in word_set("sentence_openers")
        and first not in word_set("vocative_openers") and first not in gendered_titles()
        and first not in _NOT_NAMES and first not in speech_verb_forms() and len(first) >= 2
    )


_NOT_NAMES = frozenset(
    "i you he she it we they me him her us them sir madam madame ma'am miss mister master mistress "
    "god lord heaven heavens mother father mamma papa mama pa ma uncle aunt brother sister child children "
    "boy girl man woman friend friends gentlemen ladies darling dear sweetheart love honey good yes no".split()
)


def entity_for(index: CharacterIndex, form: str) -> str:
    return index.entity_for(form) or index.entity_for_name_form(form) or form


def complete_cast(
    text: str, quotes: Sequence[Quote], characters: list[Character], narrator: str | None, person: Person,
    cues: dict[int, Cue], naming: Evidence | None, index: CharacterIndex | None = None,
) -> None:
    """Append a character for every speaker or addressee no character names: the
    narrator, and each speaker the text only describes ('the solicitor') or names by a
    form the cast does not hold ('Ben')."""
    if not isinstance(characters, list):
        return
    names = {c.name for c in characters}
    if narrator is not None and narrator in names and naming is not None:
        character = next(c for c in characters if c.name == narrator)
        if not any(e.signal == naming.signal for e in character.evidence):
            character.evidence.append(naming)  # why this character is the narrator
    if narrator is not None and narrator not in names:
        evidence = naming or Evidence("unnamed narrator", weight=float(person.count))
        characters.append(Character(
            narrator, [] if narrator == NARRATOR_LABEL else [narrator],
            index.gender(narrator) if index is not None else "unknown",
            mentions=person.count, first_offset=person.first_offset if person.count else 0, evidence=[evidence],
        ))
        names.add(narrator)
    described: dict[str, list[Cue]] = {}
    for cue in cues.values():
        if cue.description:
            described.setdefault(cue.description, []).append(cue)
    by_lower = {name.lower(): name for name in names}
    for quote in quotes:  # 'nanny' is 'Nanny': one character whatever the case the tag gives
        if quote.speaker and quote.speaker not in names and quote.speaker.lower() in by_lower:
            quote.speaker = by_lower[quote.speaker.lower()]
        quote.addressees = [a if a in names else by_lower.get(a.lower(), a) for a in quote.addressees]
    uses: dict[str, list[int]] = {}
    for quote in quotes:
        for who in (quote.speaker, *quote.addressees):
            if who and who not in names:
                if who.lower() in by_lower and by_lower[who.lower()] != who:
                    continue
                uses.setdefault(who, []).append(quote.start)
    for who, offsets in uses.items():
        tags = sorted(described.get(who, []), key=lambda c: c.start)
        first = tags[0] if tags else None
        characters.append(Character(
            who, [], _described_gender(text, who, tags, index),
            mentions=max(len(tags), 1), first_offset=first.start if first else min(offsets),
            evidence=[Evidence("described speaker", text[first.start:first.end], first.start, first.end)
                      if first else Evidence("described speaker")],
        ))
        names.add(who)
        by_lower.setdefault(who.lower(), who)
    for quote in quotes:
        if quote.speaker and quote.speaker not in names:
            quote.speaker = by_lower.get(quote.speaker.lower(), quote.speaker)
        quote.addressees = list(dict.fromkeys(by_lower.get(a.lower(), a) if a not in names else a
                                              for a in quote.addressees if a != quote.speaker))


_PRONOUN_AFTER = re.compile(r"\b(he|him|his|she|her)\b", re.IGNORECASE)


def _described_gender(text: str, who: str, tags: Sequence[Cue], index: CharacterIndex | None) -> str:
    """A described speaker's gender: its head noun ('the old woman'), its title
    ('Mr. Inglethorp'), else the pronouns right after its tags ('... said the clerk. He ...')."""
    from .speech_tags import person_nouns

    words = who.lower().replace(".", "").split()
    if words:
        gender = person_nouns().get(words[-1], ("any", ""))[0]
        if gender in ("male", "female"):
            return gender
        title = gendered_titles().get(words[0])
        if title and len(words) > 1:
            return title
    male = female = 0
    for cue in tags:
        window = text[cue.end:cue.end + 100]
        cut = re.search(r"[\"“”]|\n\s*\n", window)
        match = _PRONOUN_AFTER.search(window[:cut.start() if cut else None])
        if match:
            if match.group(1).lower() in ("he", "him", "his"):
                male += 1
            else:
                female += 1
    if male > female:
        return "male"
    if female > male:
        return "female"
    return "unknown"
