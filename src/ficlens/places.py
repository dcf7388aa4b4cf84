"""Is a name a place, and which kind: cue words, the gazetteer, the article, organisations.

Rules, in order (the first that applies wins):

1. the name ends with an organisation word ("the Durham Group") -> an organisation;
2. the name ends (or, for "Rue"/"Lake"/"Mount"..., starts) with a place cue word
   ("Cours Mirabeau", "King René's Fountain", "Marseille Provence Airport", "the Inn");
3. the gazetteer knows the exact name ("Italy", "Aix-en-Provence", "Cote d'Azur");
4. otherwise the stage weighs prepositions against person evidence.

A place written with an article keeps it in its name when the rest is one common noun
("the Inn") or when the article is capitalised in mid-sentence ("The Great Fountain").
"""

from __future__ import annotations

from functools import lru_cache

from .gazetteer import place_kind
from .lexicon import word_list

_FOREIGN_ARTICLES = frozenset({"La", "Le", "Les", "L'", "El", "Il", "Los", "Las", "Der", "Die", "Das"})


@lru_cache(maxsize=1)
def _cues() -> tuple[dict[str, str], dict[str, str]]:
    last: dict[str, str] = {}
    first: dict[str, str] = {}
    for line in word_list("place_cues"):
        parts = line.split()
        if len(parts) == 3:
            (last if parts[2] == "last" else first)[parts[0].lower()] = parts[1]
    return last, first


@lru_cache(maxsize=1)
def _organisation_words() -> frozenset[str]:
    return frozenset(word.lower() for word in word_list("organisation_cues"))


def organisation(name: str) -> bool:
    """True for names that end with an organisation word ("Durham Group")."""
    words = name.split()
    return len(words) > 1 and words[-1].lower() in _organisation_words()


def organisation_word(name: str) -> bool:
    """True for a one-word name that is itself an organisation word ("the Ministry")."""
    return name.lower() in _organisation_words()


def lower_cue_words() -> frozenset[str]:
    """The cue words, lower-cased ("street" in "Newgate-street")."""
    last, first = _cues()
    return frozenset(last) | frozenset(first)


def cue_kind(name: str) -> str | None:
    """The place kind a cue word in the name implies, or None."""
    words = name.split()
    if not words:
        return None
    last, first = _cues()
    kind = last.get(words[-1].lower().rstrip("."))
    if kind:
        return kind
    if len(words) > 1:
        return first.get(words[0].lower())
    return None


def gazetteer_kind(name: str) -> str | None:
    """Kind of the real place with exactly this name."""
    return place_kind(name)


def foreign_article_name(name: str) -> bool:
    """ "Le Grillon", "La Rotonde": names led by a foreign article are rarely people."""
    words = name.split()
    return len(words) > 1 and words[0] in _FOREIGN_ARTICLES


def is_bare_cue(name: str) -> bool:
    """A one-word name that is itself a cue word ("Inn"): only a place as "the Inn"."""
    return len(name.split()) == 1 and cue_kind(name) is not None


def display_name(name: str, article: str | None, capital_article_mid_sentence: bool) -> str:
    """The place's name as the user sees it, keeping the article where it belongs."""
    if article and (is_bare_cue(name) or capital_article_mid_sentence):
        return f"{article} {name}"
    return name
