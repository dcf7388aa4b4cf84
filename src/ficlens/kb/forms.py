"""Name forms: how a KB name and a stretch of story text are cut into comparable tokens.

Both sides go through the same tokenizer, so "Mr. Gilmore", "T.J." or "Luke’s" in a
story lines up with the KB's "Mr. Gilmore", "T.J." and "Luke's": periods are dropped,
curly apostrophes straightened, and a possessive "'s" can be tried without its ending.
A name is then a tuple of tokens, looked up in one dict (never one regex per name).
"""

from __future__ import annotations

import re
from typing import Iterator

TOKEN = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")
_TITLES = frozenset(
    "mr mrs ms miss dr doctor sir lady lord madam madame captain capt professor prof "
    "the a an saint st king queen prince princess aunt uncle mister agent detective "
    "officer sergeant sgt general colonel major lieutenant commander father mother "
    "brother sister master young old little big".split()
)
# The longest KB name form, in tokens, the scanner tries (longer forms are ignored).
MAX_TOKENS = 6


def normalize(token: str) -> str:
    return token.replace("’", "'").replace(".", "")


def form_key(form: str) -> tuple[str, ...]:
    """The case-preserving token tuple a name form is indexed under."""
    return tuple(normalize(t) for t in TOKEN.findall(form))


def lower_key(form: str) -> str:
    """The lower-cased, space-joined form used by the public alias indexes."""
    return " ".join(form_key(form)).lower()


def possessive_stem(token: str) -> str | None:
    if token.endswith("'s") and len(token) > 2:
        return token[:-2]
    if token.endswith("s'") and len(token) > 2:
        return token[:-1]
    return None


def derived_forms(name: str) -> list[str]:
    """Forms a canonical name implies even when the file does not list them.

    AO3 character tags are "Given Family" ("Luke Danes", "James T. Kirk"), and stories
    mostly use the given name, so the first token is a form unless it is a title
    ("Mrs. Kim", "The Doctor"). Surnames are left to the file's aliases: fans use
    them for some characters only, and a family name is shared by the whole family.
    """
    tokens = form_key(name)
    if len(tokens) < 2:
        return []
    first = tokens[0]
    if first.lower() in _TITLES or len(first) < 2 or not first[0].isupper():
        return []
    return [first]


def place_keys(form: str, *, article: bool = True) -> list[str]:
    """The keys a place form is compared by: "St. Mungo", "St Mungos" and "St Mungo's" are one
    place (a possessive, its missing apostrophe), and with ``article`` "Burrow" is "The Burrow".

    Without ``article`` a leading "the" stays: a story's "the Vulcan" is a person, not the planet.
    """
    key = lower_key(form)
    keys = [key, key.replace("'", "")]
    if key.endswith("'s"):
        keys.append(key[:-2])
    if article and key.startswith("the "):
        keys += [k[4:] for k in keys]
    return list(dict.fromkeys(k for k in keys if k))


def is_title(token: str) -> bool:
    return token.lower() in _TITLES


def tokens_with_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[str, int, int]]:
    """(normalized token, start, end) for every word of ``text[start:end]``."""
    for match in TOKEN.finditer(text, start, len(text) if end is None else end):
        yield normalize(match.group()), match.start(), match.end()


def token_list(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The same as :func:`tokens_with_spans`, as a list, faster (most words need no normalizing)."""
    out = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]
    for i, (word, a, b) in enumerate(out):
        if "’" in word or "." in word:
            out[i] = (normalize(word), a, b)
    return out
