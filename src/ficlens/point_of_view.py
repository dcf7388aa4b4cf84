"""Who "I" and "you" are in the narration, for the relationships the story tells through them.

A romance told in the first person ("he kissed me") is between the narrator and
someone; in a reader-insert ("x Reader", "Y/N") it is between a character and the
reader, whom AO3 tags as ``Reader`` ("Loki/Reader"). Names alone never show either:
this module gives the pairing stage the narration's first- or second-person pronouns
as mentions of the narrator or of the reader.

Second-person narration is not always a reader-insert: "you" is often a canon
character the story never names in the narration (a Wilson who had a second wedding).
So the reader is a person only when the text says it is a reader-insert: a "Y/N"
style placeholder in the story, or the author's notes or title saying "reader", and
the narration speaks to "you" throughout.
"""

from __future__ import annotations

import bisect
import re

from .model import Analysis
from .speaker_cast import NARRATOR_LABEL

READER = "Reader"
# "Y/N" (your name), "F/N" (first name), "L/N", "Y/L/N" (last name), "N/N" (nickname),
# "E/C" and "H/C" (eye and hair colour), bare or in brackets ("(y/n)", "F/N-chan"): the reader.
_PLACEHOLDER = re.compile(r"(?<![\w/])[\[(]?(?:[YyFfLlNn](?:/[LlFf])?/[Nn]|[EeHh]/[Cc])[\])]?(?![\w/])")
# The author saying so: "Loki x Reader", "Loki/Reader", "reader-insert" (not "thank you, dear reader!").
_READER_WORD = re.compile(r"(?:\bx\s*reader\b|\breader[\s-]*insert|/\s*reader\b|\breader\s*/|\bself[\s-]*insert)", re.IGNORECASE)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|myself|mine)\b")
# Second-person narration: "you" outside quotes is at least this share of the narration's words.
SECOND_PERSON_SHARE = 0.02


def _outside(quotes: list[tuple[int, int]], at: int) -> bool:
    i = bisect.bisect_right(quotes, (at, 1 << 62)) - 1
    return i < 0 or quotes[i][1] <= at


def _quote_spans(analysis: Analysis) -> list[tuple[int, int]]:
    return sorted((q.start, q.end) for q in analysis.quotes)


def reader_insert(analysis: Analysis, spans: list[tuple[int, int]]) -> bool:
    """The story addresses the reader as "you", and says it is a reader-insert."""
    text = analysis.text
    quotes = _quote_spans(analysis)
    words = you = 0
    marked = False
    for start, end in spans:
        words += len(text[start:end].split())
        you += sum(1 for m in _SECOND_PERSON.finditer(text, start, end) if _outside(quotes, m.start()))
        marked = marked or bool(_PLACEHOLDER.search(text, start, end))
    if not words or you < SECOND_PERSON_SHARE * words:
        return False
    return marked or _author_says_reader(analysis)


def names_the_reader(text: str, start: int, end: int) -> bool:
    """A "Y/N" style placeholder in text[start:end]: in a line of dialogue, the reader is being spoken to."""
    return bool(_PLACEHOLDER.search(text, start, end))


def _author_says_reader(analysis: Analysis) -> bool:
    notes = " ".join(note.text for note in analysis.author_notes)
    title = analysis.document.title or ""
    return bool(_READER_WORD.search(notes) or _READER_WORD.search(title))


def viewpoint_positions(analysis: Analysis, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, person) for the narration's "I"/"me" (a named narrator) or "you" (the reader).

    Only a named first-person narrator counts (a listed character, however rarely the
    narration names them): an unnamed "I" has no name AO3 could tag.
    Pronouns inside quotes are someone speaking, not the narration, and are left out.
    """
    text = analysis.text
    quotes = _quote_spans(analysis)
    out: list[tuple[int, int, str]] = []
    if analysis.narrator and analysis.narrator != NARRATOR_LABEL and any(c.name == analysis.narrator for c in analysis.characters):
        for start, end in spans:
            out += [(m.start(), m.end(), analysis.narrator) for m in _FIRST_PERSON.finditer(text, start, end)
                    if _outside(quotes, m.start())]
    elif reader_insert(analysis, spans):
        for start, end in spans:
            out += [(m.start(), m.end(), READER) for m in _SECOND_PERSON.finditer(text, start, end)
                    if _outside(quotes, m.start())]
            out += [(m.start(), m.end(), READER) for m in _PLACEHOLDER.finditer(text, start, end)]
    return out
