"""Where each character is named, and what gender the text gives them.

Speaker attribution needs two facts about the cast at every point of the text: which
character a name at a given offset refers to, and which pronoun ("he"/"she") can stand
for them. The characters stage gives canonical names, aliases, genders and mentions;
this module merges its mentions with one alias regex over the text (so attribution
also works when it is fed only a character list, e.g. a gold list in evaluation) and
fills unknown genders from titles ("Mr.", "Lady"), from the pronouns that follow
a character's name in the narration, and from a given name of one gender ("Henry").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

from .lexicon import word_list
from .model import Character, Mention

# Pronouns that tell a gender, as they appear right after a name in narration.
_GENDERED_PRONOUN = re.compile(r"\b(he|him|his|himself|she|her|hers|herself)\b", re.IGNORECASE)
_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
# How far after a name to look for the pronoun that refers back to it.
_PRONOUN_LOOKAHEAD = 120
# A gender the pronouns after a name give wins by at least this ratio over the other.
_GENDER_MARGIN = 1.5


@lru_cache(maxsize=1)
def gendered_titles() -> dict[str, str]:
    """title or kinship word (lower case, no period) -> "male"/"female", from data."""
    table: dict[str, str] = {}
    for line in word_list("gendered_titles"):
        word, _, gender = line.rpartition(" ")
        if word and gender in ("male", "female"):
            table[word.lower().rstrip(".")] = gender
    return table


@dataclass(slots=True)
class NameMention:
    """A character named at ``start:end`` (never a pronoun)."""

    start: int
    end: int
    entity: str


@dataclass(slots=True)
class CharacterIndex:
    """Name mentions in text order, alias lookup and genders for one work."""

    names: list[NameMention]
    alias_to_entity: dict[str, str]
    genders: dict[str, str]
    _starts: list[int] = field(default_factory=list)
    _counts: Counter[str] = field(default_factory=Counter)  # name mentions per character, filled when first needed

    def __post_init__(self) -> None:
        self._starts = [m.start for m in self.names]

    def mention_at(self, start: int, *, slack: int = 0) -> NameMention | None:
        """The name mention starting at ``start`` (or up to ``slack`` chars later)."""
        i = bisect.bisect_left(self._starts, start)
        if i < len(self.names) and self.names[i].start <= start + slack:
            return self.names[i]
        return None

    def mentions_between(self, start: int, end: int) -> list[NameMention]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return [m for m in self.names[lo:hi] if m.end <= end]

    def entity_for(self, name: str) -> str | None:
        return self.alias_to_entity.get(name.lower())

    def entity_for_name_form(self, form: str) -> str | None:
        """The character a name form no alias holds stands for: 'Mr. Inglethorp' -> the
        one character with an alias of that surname and a compatible gender (title or
        known gender), never 'Mrs. Inglethorp'."""
        found = self.entity_for(form)
        if found is not None:
            return found
        words = form.split()
        titles = gendered_titles()
        gender = titles.get(words[0].lower().rstrip(".")) if len(words) > 1 else None
        if gender is None:
            return None
        surname = words[-1].lower()
        owners = set()
        for alias, entity in self.alias_to_entity.items():
            parts = alias.split()
            if len(parts) < 2 or parts[-1] != surname:
                continue
            alias_gender = titles.get(parts[0].rstrip("."))
            if alias_gender not in (None, gender) or self.gender(entity) not in ("unknown", gender):
                continue
            owners.add(entity)
        return next(iter(owners)) if len(owners) == 1 else None

    def entity_for_title(self, word: str) -> str | None:
        """'the count' -> the one character whose name opens with that title
        ('Count Mippipopolous'); None when no one or several do."""
        word = word.lower().rstrip(".")
        owners = {entity for alias, entity in self.alias_to_entity.items()
                  if len(alias.split()) >= 2 and alias.split()[0].rstrip(".") == word}
        if len(owners) <= 1:
            return next(iter(owners), None)
        return self._dominant(owners)

    def _dominant(self, entities: Iterable[str]) -> str | None:
        """Of several characters a bare title could mean ('the general': General Tilney
        or General Courteney, named once), the one the text names far more often:
        at least 5 times, and 3 times as often as any other."""
        if not self._counts:
            self._counts.update(m.entity for m in self.names)
        ranked = sorted(entities, key=lambda e: -self._counts[e])
        top, second = self._counts[ranked[0]], self._counts[ranked[1]]
        return ranked[0] if top >= 5 and top >= 3 * second else None

    def gender(self, entity: str) -> str:
        return self.genders.get(entity, "unknown")


def build_index(
    text: str,
    characters: Sequence[Character],
    mentions: Iterable[Mention] = (),
    *,
    spans: Sequence[tuple[int, int]] | None = None,
    quote_spans: Sequence[tuple[int, int]] = (),
) -> CharacterIndex:
    """Index the cast of one work. ``spans`` limits the alias scan (story text only)."""
    alias_to_entity = _alias_table(characters)
    given = [
        NameMention(m.start, m.end, m.entity)
        for m in mentions
        if m.category == "character" and m.kind != "pronoun" and m.entity and _is_name(text[m.start:m.end])
    ]
    found = list(_scan_aliases(text, alias_to_entity, spans or [(0, len(text))]))
    names = _merge(given, found)
    genders = {c.name: c.gender for c in characters}
    _infer_genders(text, characters, names, genders, quote_spans)
    return CharacterIndex(names, alias_to_entity, genders)


# Pronouns and interjections never name a character, whatever a character list says ("He", "I.", "Oh").
_PRONOUNS = frozenset(
    "i me my he him his she her hers it its we us our they them their you your "
    "oh ooh ah aah ahh aw eh er erm um umm uh hm hmm huh ha haha hah heh hey hi hello bye goodbye yes yeah yep "
    "yup no nah nope okay ok well wow whoa ugh argh ouch oops phew psst shh hush amen bravo".split()
)


def _is_name(form: str) -> bool:
    """A mention that can name someone: not a bare article, title, pronoun or function word ("the", "Mr")."""
    bare = form.strip().rstrip(".").lower()
    return bool(bare) and bare not in gendered_titles() and bare not in _common_words() and bare not in _PRONOUNS


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    from .lexicon import word_set

    return word_set("capitalised_common_words")


def _alias_table(characters: Sequence[Character]) -> dict[str, str]:
    """lower-cased alias -> canonical name. An alias two characters share goes to the
    one mentioned more often (the likelier referent when the text just says "Jane")."""
    owners: dict[str, list[Character]] = defaultdict(list)
    for character in characters:
        for alias in {character.name, *character.aliases}:
            alias = alias.strip()
            if len(alias) >= 2 and any(ch.isalpha() for ch in alias) and alias.rstrip(".").lower() not in _PRONOUNS:
                owners[alias.lower()].append(character)
    table: dict[str, str] = {}
    for alias, chars in owners.items():
        best = max(chars, key=lambda c: (c.name.lower() == alias, c.mentions, -c.first_offset))
        table[alias] = best.name
    for part, names in _name_parts(characters).items():
        if part not in table and len(names) == 1:
            table[part] = next(iter(names))
    return table


def _name_parts(characters: Sequence[Character]) -> dict[str, set[str]]:
    """Single words of multi-word names ("Poirot" from "Mr. Poirot", "Hercule" from
    "Hercule Poirot"): the text often uses them alone. Kept only where one character
    owns the word, so "Bennet" never stands for two sisters."""
    titles = gendered_titles()
    parts: dict[str, set[str]] = defaultdict(set)
    for character in characters:
        for alias in {character.name, *character.aliases}:
            words = alias.split()
            if len(words) < 2:
                continue
            for word in (words[0], words[-1]):
                key = word.lower().rstrip(".")
                if len(key) >= 3 and word[:1].isupper() and key not in titles and key.isalpha():
                    parts[key].add(character.name)
    return parts


@lru_cache(maxsize=64)
def _alias_pattern(aliases: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(a) for a in sorted(aliases, key=len, reverse=True))
    # The case-sensitive lookahead lets most positions fail at once: names are capitalised.
    return re.compile(rf"(?-i:(?=[A-Z]))(?<![\w'’])(?:{alternation})(?![\w])", re.IGNORECASE)


def _scan_aliases(
    text: str, alias_to_entity: dict[str, str], spans: Sequence[tuple[int, int]]
) -> Iterable[NameMention]:
    """Every capitalised occurrence of an alias ("Rory", "Mr. Weston"), longest first."""
    if not alias_to_entity:
        return
    pattern = _alias_pattern(tuple(sorted(alias_to_entity)))
    for start, end in spans:
        for match in pattern.finditer(text, start, end):
            word = match.group()
            if not word[:1].isupper():
                continue  # "will", "hope": a common word that is also someone's name
            yield NameMention(match.start(), match.end(), alias_to_entity[word.lower()])


def _merge(given: list[NameMention], found: list[NameMention]) -> list[NameMention]:
    """The characters stage's mentions win; the alias scan fills the gaps between them."""
    given.sort(key=lambda m: m.start)
    starts = [m.start for m in given]
    merged = list(given)
    for mention in found:
        i = bisect.bisect_left(starts, mention.start)
        overlaps = (i < len(given) and given[i].start < mention.end) or (
            i > 0 and given[i - 1].end > mention.start
        )
        if not overlaps:
            merged.append(mention)
    merged.sort(key=lambda m: m.start)
    return merged


def _infer_genders(
    text: str,
    characters: Sequence[Character],
    names: list[NameMention],
    genders: dict[str, str],
    quote_spans: Sequence[tuple[int, int]],
) -> None:
    """Fill unknown genders: a gendered title in a name, else the pronouns after its
    mentions, else a given name of one gender."""
    titles = gendered_titles()
    for character in characters:
        if genders.get(character.name, "unknown") != "unknown":
            continue
        for alias in (character.name, *character.aliases):
            words = [w for w in alias.split() if w.lower() not in ("the", "a", "an")]  # 'the Queen'
            first = words[0].lower().rstrip(".") if words else ""
            if first in titles:
                genders[character.name] = titles[first]
                break
    unknown = {name for name, g in genders.items() if g == "unknown"}
    if not unknown:
        return
    quote_starts = [s for s, _ in quote_spans]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for i, mention in enumerate(names):
        if mention.entity not in unknown or _inside(quote_spans, quote_starts, mention.start):
            continue
        limit = mention.end + _PRONOUN_LOOKAHEAD
        if i + 1 < len(names):
            limit = min(limit, names[i + 1].start)  # another name takes over the pronouns
        window = text[mention.end:limit]
        cut = window.find("\n\n")
        match = _GENDERED_PRONOUN.search(window[: cut if cut >= 0 else None])
        if match:
            votes[mention.entity]["male" if match.group(1).lower() in _MALE_PRONOUNS else "female"] += 1
    for entity, counter in votes.items():
        (top, count), *rest = counter.most_common()
        if count >= _GENDER_MARGIN * (rest[0][1] if rest else 0) and count >= 1:
            genders[entity] = top
    _given_name_genders(characters, genders)


def _given_name_genders(characters: Sequence[Character], genders: dict[str, str]) -> None:
    """A character still of unknown gender whose name or alias opens with a given name
    of one gender ('Henry', 'Cecil Vyse'): the pronouns after the name were too mixed
    (a scene told from someone else's side), but the name itself is strong evidence."""
    from .names import given_names

    table = given_names()
    for character in characters:
        if genders.get(character.name, "unknown") != "unknown":
            continue
        found = {table.get(alias.split()[0]) for alias in (character.name, *character.aliases) if alias.split()}
        found.discard(None)
        if len(found) == 1:
            genders[character.name] = found.pop()  # type: ignore[assignment]


def _inside(spans: Sequence[tuple[int, int]], starts: list[int], offset: int) -> bool:
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]
