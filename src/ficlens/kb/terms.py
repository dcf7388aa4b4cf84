"""Canon terms: the identified fandom's own words that the characters stage took for people.

A fan-fiction text capitalises its canon's vocabulary: houses ("Slytherin"), ranks used
as common nouns ("Auror", "Healer"), species ("Goblins"), spells, exclamations ("Merlin!").
Without knowing the canon these look like names, with person-like contexts ("the Auror
said", "Slytherin's"). Once the fandom is known, its KB ``terms`` say which words are
vocabulary: a story character (or place) whose every name form is such a word is no
one, and moves to ``non_characters`` with the fandom as the reason.

Strong evidence of a person overrides: a name form that is more than vocabulary keeps
the character ("Salazar Slytherin", "Lord Slytherin", "Auror Potter"), and so do a
form the KB knows as a character of the fandom and being the story's narrator.
Person-like contexts alone do not: "Slytherin's common room", "the Auror said" are
what a house or a rank gets too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Analysis, Mention, NonCharacter
from .entries import FandomEntry
from .forms import form_key, is_title, lower_key, place_keys

# Words that open a description of someone, not a name: "the Auror", "a Healer".
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "another"})


@dataclass(slots=True)
class TermMatcher:
    """Whether a name form is only the fandom's vocabulary (a term, its plural, plus common words)."""

    text: str
    terms: frozenset[str]            # lower-cased token strings of each term
    longest: int                     # the most tokens a term has
    person_words: frozenset[str]     # lower-cased words of the fandom's KB character forms
    _lower_seen: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def for_entry(cls, entry: FandomEntry, text: str) -> "TermMatcher | None":
        terms = frozenset(k for k in (lower_key(t) for t in entry.terms) if k)
        if not terms:
            return None
        person = frozenset(w.lower() for c in entry.characters for f in c.forms() for w in form_key(f))
        return cls(text, terms, max(len(t.split()) for t in terms), person)

    def is_term_form(self, form: str, *, common_words: bool = True) -> bool:
        """A form built around a term, every other word a common one: "Slytherin", "the Auror",
        "Goblins", "Gryffindor Seeker". Titles and the canon's person names are never common.

        Without ``common_words`` only the bare term (or its plural) counts: a place named
        by a term and a common noun ("Ravenclaw Tower", "Auror Office") is still a place.
        """
        words = [w.lower() for w in form_key(form)]
        while words and words[0] in DETERMINERS:
            words = words[1:]
        span = self._term_span(words)
        if span is None:
            return False
        rest = words[: span[0]] + words[span[1]:]
        return all(self._common_word(w) for w in rest) if common_words else not rest

    def _term_span(self, words: list[str]) -> tuple[int, int] | None:
        """The first, longest stretch of words that is a term (or its plural or possessive)."""
        for start in range(len(words)):
            for end in range(min(len(words), start + self.longest), start, -1):
                if self.is_term_words(words[start:end]):
                    return start, end
        return None

    def is_term_words(self, words: list[str]) -> bool:
        head, last = words[:-1], words[-1]
        return any(" ".join([*head, stem]) in self.terms for stem in _stems(last))

    def _common_word(self, word: str) -> bool:
        """A word the text also writes in lower case, that is no title or canon name ("seeker", "golden")."""
        if is_title(word) or word in self.person_words or not word.isalpha():
            return False
        if self.is_term_words([word]):
            return True
        if word not in self._lower_seen:
            self._lower_seen[word] = re.search(rf"(?<![\w'’]){re.escape(word)}(?![\w])", self.text) is not None
        return self._lower_seen[word]


def _stems(word: str) -> list[str]:
    """The word and what it may be the plural or possessive of: "slytherins" -> "slytherin"."""
    word = word.replace("’", "'")
    stems = [word]
    if word.endswith(("'s", "s'")):
        stems.append(word[:-2] if word.endswith("'s") else word[:-1])
    elif word.endswith("es") and len(word) > 3:
        stems += [word[:-1], word[:-2]]
    elif word.endswith("s") and len(word) > 2:
        stems.append(word[:-1])
    return stems


def demote_terms(analysis: Analysis, entry: FandomEntry) -> None:
    """Characters and places of the story whose every form is a term of ``entry`` become non-characters."""
    matcher = TermMatcher.for_entry(entry, analysis.text)
    if matcher is None:
        return
    reason = f"a term of {entry.name}"
    _demote_characters(analysis, entry, matcher, reason)
    _demote_places(analysis, entry, matcher, reason)


def _demote_characters(analysis: Analysis, entry: FandomEntry, matcher: TermMatcher, reason: str) -> None:
    kb_forms = {lower_key(f) for c in entry.characters for f in c.forms()}
    for character in list(analysis.characters):
        forms = [character.name, *character.aliases]
        if character.name == analysis.narrator or any(lower_key(f) in kb_forms for f in forms):
            continue
        if all(matcher.is_term_form(f) for f in forms):
            analysis.characters.remove(character)
            mentions = remove_entity(analysis, character.name, "character")
            analysis.non_characters.append(_non_character(character.name, reason, mentions))


def _demote_places(analysis: Analysis, entry: FandomEntry, matcher: TermMatcher, reason: str) -> None:
    """Only a place written as the bare term: "Ravenclaw Tower" is a place even if "Ravenclaw" is a house."""
    kb_places = {k for p in entry.places for k in place_keys(p.name)}
    for place in list(analysis.places):
        forms = [place.name, *place.aliases]
        if any(k in kb_places for f in forms for k in place_keys(f)):
            continue
        if all(matcher.is_term_form(f, common_words=False) for f in forms):
            analysis.places.remove(place)
            mentions = remove_entity(analysis, place.name, "place")
            analysis.non_characters.append(_non_character(place.name, reason, mentions))


def remove_entity(analysis: Analysis, name: str, category: str) -> list[Mention]:
    """Drop a character's (or place's) mentions and every quote's reference to it; the dropped mentions."""
    dropped = [m for m in analysis.mentions if m.entity == name and m.category == category]
    if dropped:
        analysis.mentions = [m for m in analysis.mentions if not (m.entity == name and m.category == category)]
    if category == "character":
        for quote in analysis.quotes:
            if quote.speaker == name:
                quote.speaker, quote.confidence, quote.evidence = None, None, []
            if name in quote.addressees:
                quote.addressees = [a for a in quote.addressees if a != name]
    return dropped


def _non_character(name: str, reason: str, mentions: list[Mention]) -> NonCharacter:
    """The span is the first mention written exactly as the name, when there is one."""
    first = next((m for m in sorted(mentions, key=lambda m: m.start) if m.text == name), None)
    return NonCharacter(name, reason, first.start if first else None, first.end if first else None)
