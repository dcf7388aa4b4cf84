"""A character's gender from the text: titles, pronouns that follow the name, given names.

Votes, summed over every occurrence of every alias of the character:

* a gendered title ("Mr.", "Mrs.", "Aunt", "King") - 3 each;
* the first subject pronoun (he/she) after a name in narration (same or next sentence),
  unless another name comes first - 1 each ("Luke got to the airport ... He saw");
* the given-names list (written by hand from general knowledge, no name-gender
  library) - 2, once.

The larger side must hold at least two thirds of the votes; otherwise "unknown".
"""

from __future__ import annotations

import re
from collections import Counter

from .name_evidence import QuoteIndex
from .names import Occurrence, given_names, title_genders

# Subject pronouns only: "her"/"him" after a name are as often someone else ("Luke misses her").
_PRONOUN = re.compile(r"\b(he|himself|she|herself)\b", re.IGNORECASE)
_MALE = frozenset({"he", "himself"})
_WINDOW = 250


def pronoun_votes(text: str, occurrences: list[Occurrence], quotes: QuoteIndex) -> dict[int, str]:
    """Occurrence index -> "male"/"female" for the first narration pronoun after it.

    ``occurrences`` must be in text order; a pronoun after the next name is not counted.
    """
    votes: dict[int, str] = {}
    for i, occ in enumerate(occurrences):
        if occ.embedded_in or quotes.contains(occ.start):
            continue
        limit = occurrences[i + 1].start if i + 1 < len(occurrences) else occ.end + _WINDOW
        limit = min(limit, occ.end + _WINDOW)
        paragraph_end = text.find("\n\n", occ.end, limit)
        if paragraph_end != -1:
            limit = paragraph_end
        for match in _PRONOUN.finditer(text, occ.end, limit):
            if quotes.contains(match.start()):
                continue
            votes[i] = "male" if match.group(1).lower() in _MALE else "female"
            break
    return votes


def decide(votes: Counter[str]) -> str:
    """ "female" | "male" | "unknown" from weighted votes."""
    female, male = votes.get("female", 0), votes.get("male", 0)
    total = female + male
    if total < 2:  # one pronoun is too easily someone else's
        return "unknown"
    if female >= 2 * male:
        return "female"
    if male >= 2 * female:
        return "male"
    return "unknown"


def title_vote(title: str | None) -> str | None:
    if not title:
        return None
    gender = title_genders().get(title)
    return gender if gender in ("male", "female") else None


def given_name_vote(name: str) -> str | None:
    first = name.split()[0] if name.split() else ""
    return given_names().get(first)
