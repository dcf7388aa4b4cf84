"""Dialogue tags: the "she said" beside a quotation, and what its verb says about it.

A tag is the strongest sign that quoted text is dialogue, and its verb tells speech
("replied") from thought ("wondered") and writing ("the sign read"). The verbs live in
data files as base forms (``speech_verbs.txt``, ``thought_verbs.txt``,
``written_verbs.txt``); :func:`inflections` generates the -s/-ed/-ing forms so the
lists stay short and other stages (speakers, characters) can reuse them.

Tags are found with anchored regexes over a short window beside each quote, never over
the whole text, so the cost is constant per quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .lexicon import word_list, word_set

TagKind = Literal["speech", "thought", "written"]

# How far from a quote mark a tag may sit, in characters.
WINDOW = 80

_VOWELS = "aeiou"


@lru_cache(maxsize=1)
def _irregular_forms() -> dict[str, tuple[str, ...]]:
    """base form -> its irregular forms, from ``irregular_verbs.txt``."""
    table: dict[str, tuple[str, ...]] = {}
    for line in word_list("irregular_verbs"):
        base, *forms = line.lower().split()
        table[base] = tuple(forms)
    return table


def inflections(base: str) -> set[str]:
    """Every form of a verb a tag may use: base, -s, past, -ing, plus listed irregulars.

    Where spelling rules are ambiguous (consonant doubling: "snap" -> "snapped" but
    "open" -> "opened") both spellings are produced: a form that never occurs costs
    nothing, a missing one loses a tag.
    """
    base = base.lower()
    forms = {base, *_irregular_forms().get(base, ())}
    if base.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(base + "es")
    elif base.endswith("y") and base[-2:-1] not in _VOWELS:
        forms.add(base[:-1] + "ies")
    else:
        forms.add(base + "s")
    if base.endswith("e"):
        forms.add(base + "d")
        forms.add(base[:-1] + "ing" if not base.endswith(("ee", "ye", "oe")) else base + "ing")
        if base.endswith("ie"):
            forms.add(base[:-2] + "ying")
    elif base.endswith("y") and base[-2:-1] not in _VOWELS:
        forms.update((base[:-1] + "ied", base + "ing"))
    else:
        forms.update((base + "ed", base + "ing"))
        if len(base) >= 3 and base[-1] not in _VOWELS + "wxy" and base[-2] in _VOWELS and base[-3] not in _VOWELS:
            forms.update((base + base[-1] + "ed", base + base[-1] + "ing"))
    return forms


@lru_cache(maxsize=None)
def verb_forms(list_name: str) -> frozenset[str]:
    """All inflected forms of the verbs in ``data/<list_name>.txt``."""
    forms: set[str] = set()
    for base in word_list(list_name):
        forms |= inflections(base)
    return frozenset(forms)


@lru_cache(maxsize=1)
def _verb_kinds() -> dict[str, TagKind]:
    """form -> what it marks. Thought and written win over speech where a verb is in both."""
    kinds: dict[str, TagKind] = {f: "speech" for f in verb_forms("speech_verbs")}
    kinds.update({f: "written" for f in verb_forms("written_verbs")})
    kinds.update({f: "thought" for f in verb_forms("thought_verbs")})
    return kinds


def _alternation(words: frozenset[str] | set[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_PRONOUN = r"(?:he|she|they|I|we|you|it|one|He|She|They|We|You|It|One)"
_NAME = r"(?:[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|de|van|von|of|the)){0,3})"
_DESCRIPTION = r"(?:(?:the|a|an|his|her|their|my|your|our|its|The|A|An|His|Her|Their|My|Your|Our|Its)(?:\s+[\w'’\-]+){1,2})"
_SUBJECT = rf"(?:{_PRONOUN}|{_DESCRIPTION}|{_NAME})"
_ADVERB = r"(?:[a-z]+ly\s+)"
_PLAIN_TOKEN = re.compile(r"[\w'’.]+")
_TOKEN = re.compile(r"\S+")


@lru_cache(maxsize=1)
def _after_pattern() -> re.Pattern[str]:
    """A tag right after the closing mark: ', she replied softly' / 'said Mr. Weston' / 'Luke asked'.

    Only for ``match`` within a ``WINDOW``-character window (``tag_after``): its
    optional runs of spaces backtrack badly over long stretches of whitespace.
    """
    verbs = _alternation(set(_verb_kinds()))
    return re.compile(
        rf"[ \t]*[,;:]?\s{{0,3}}(?:(?P<subject>{_SUBJECT})\s+{_ADVERB}?(?P<verb>{verbs})\b"
        rf"|(?P<verb2>{verbs})\s+(?P<subject2>{_SUBJECT})\b)"
    )


@dataclass(frozen=True, slots=True)
class Tag:
    """A dialogue tag found beside a quote."""

    kind: TagKind
    verb: str
    subject: str | None
    start: int
    end: int


def _kind_of(verb: str, subject: str | None) -> TagKind:
    kind = _verb_kinds().get(verb.lower(), "speech")
    if kind == "speech" and subject and subject.split()[-1].lower() in word_set("written_objects"):
        return "written"
    return kind


def tag_after(text: str, pos: int, limit: int) -> Tag | None:
    """The tag that starts at ``pos`` (just after a closing mark), if any, within ``limit``."""
    window_end = min(limit, pos + WINDOW)
    match = _after_pattern().match(text, pos, window_end)
    if match is None:
        return None
    verb = match.group("verb") or match.group("verb2")
    subject = match.group("subject") or match.group("subject2")
    return Tag(_kind_of(verb, subject), verb, subject, match.start(), match.end())


def tag_before(text: str, pos: int, floor: int) -> Tag | None:
    """The tag that ends just before ``pos`` (an opening mark), if any, not before ``floor``.

    'she said, "' / 'Luke added: "' / 'said to her, "' (up to three words between the
    verb and a comma or colon), or the verb itself right before the mark ('said "Hell."').
    """
    window = text[max(floor, pos - WINDOW):pos]
    stripped = window.rstrip()
    if not stripped:
        return None
    punctuated = stripped[-1] in ",:"
    if punctuated:
        stripped = stripped[:-1].rstrip()
    elif len(stripped) == len(window):
        return None  # a word glued to the mark: 'word"', not a tag
    offset = pos - len(window)
    tokens = _TOKEN.findall(stripped[-WINDOW:])
    kinds = _verb_kinds()
    end = len(stripped)
    for back in range(1, min(len(tokens), 4 if punctuated else 1) + 1):
        token = tokens[-back]
        start = stripped.rfind(token, 0, end)
        end = start
        if token in kinds:
            subject = _subject_word(tokens[-back - 1] if back < len(tokens) else None)
            return Tag(_kind_of(token, subject), token, subject, offset + start, pos)
        if not _PLAIN_TOKEN.fullmatch(token):
            return None
    return None


def _subject_word(word: str | None) -> str | None:
    """The word before a verb, unless it is only an article ('the sign read' keeps 'sign')."""
    if word is None or word.lower() in ("the", "a", "an"):
        return None
    return word.strip(".,;:")
