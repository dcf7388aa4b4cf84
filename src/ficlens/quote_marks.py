"""Quote marks: which marks open and close a quotation, and the spans they enclose.

Works mix conventions: straight and curly marks, double or single quotes as the
primary dialogue mark, apostrophes that look exactly like single quotes, and typos.
The scanner therefore decides each mark's role from its neighbours (a mark after a
space and before a word opens; a mark after a word or punctuation and before a space
closes), then pairs marks with a small stack, **one paragraph at a time**: a stray
mark can only disturb its own paragraph, never flip the parity of a whole chapter.

Rules that keep unbalanced text from swallowing the rest of the work:

* an opening mark while a quote of the same family is open ends the open quote there
  (the writer forgot a closing mark);
* a quote still open at the end of its paragraph ends there (``close_at`` is None);
  the caller decides whether the next paragraph continues it;
* a quote in the secondary family (single quotes in a double-quote work) must close
  inside its paragraph, otherwise its opening mark was an apostrophe or a stray.

Everything is a single left-to-right pass over the marks found by one regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .lexicon import word_set
from .spans import trim_span

Family = Literal["double", "single"]
Role = Literal["open", "close", "weak-close", "either"]

DOUBLE_MARKS = '"“”„«»'
SINGLE_MARKS = "'‘’‚‹›"
_MARK = re.compile("[\"“”„«»'‘’‚‹›]")
_WORD_AFTER = re.compile(r"[A-Za-z]+")
_DECADE_AFTER = re.compile(r"\d\d?s?\b")

# Characters that may sit between a word boundary and a mark without making it a closer/opener.
_OPEN_CONTEXT = set("([{<—–-/*_~" + '"“‘„«‹‚' + "'’”»›")
_CLOSE_CONTEXT = set(".,;:!?)]}>—–-/*_~…" + '"”’»›' + "'“‘«‹")


@dataclass(slots=True)
class Mark:
    """One quote mark in the text and the role its neighbours give it."""

    pos: int
    char: str
    family: Family
    role: Role


@dataclass(slots=True)
class QuotedSpan:
    """Text between an opening mark and its closing mark (or the paragraph end)."""

    open_at: int
    close_at: int | None
    content_start: int
    content_end: int
    open_mark: str
    close_mark: str | None
    family: Family
    depth: int
    paragraph: tuple[int, int]
    # True for text that opens with no mark because the previous paragraph's quote was
    # still open and this paragraph ends it ('...look for them.' / 'Do you want to go?"').
    continued: bool = False


def family_of(char: str) -> Family:
    return "double" if char in DOUBLE_MARKS else "single"


def _is_elision(text: str, after: int, end: int) -> bool:
    """True when a single mark before ``after`` starts a clipped word ('em, 'cause, '90s)."""
    if after < end and text[after].isdigit():
        return _DECADE_AFTER.match(text, after, end) is not None
    word = _WORD_AFTER.match(text, after, min(end, after + 12))
    return word is not None and word.group().lower() in word_set("elisions")


def mark_role(text: str, pos: int, start: int, end: int) -> Role | None:
    """The role of the mark at ``pos`` within the paragraph ``[start, end)``; None for apostrophes/strays."""
    char = text[pos]
    prev = text[pos - 1] if pos > start else " "
    nxt = text[pos + 1] if pos + 1 < end else " "
    opens = prev.isspace() or prev in _OPEN_CONTEXT
    closes = nxt.isspace() or nxt in _CLOSE_CONTEXT
    if char in DOUBLE_MARKS:
        if opens and closes:
            return "either"  # a curly mark between spaces ('you - “ Emma') goes by what is open
        if char in "“„«":
            return "close" if closes else "open"
        if char in "”»":
            return "open" if opens else "close"
        if opens and not closes:
            return "open"
        if closes and not opens:
            return "close"
        return "either"
    # single family: apostrophes first
    if prev.isalnum() and nxt.isalnum():
        return None
    if opens and nxt.isalnum():
        return None if _is_elision(text, pos + 1, end) else "open"
    if closes and not opens:
        if prev in "sSnN" and nxt == " " and pos + 2 < end and text[pos + 2].isalpha():
            return "weak-close"  # the girls' bags / somethin' else
        return "close"
    if opens and not closes and char == "‘":
        return "open"
    return None


def paragraph_marks(text: str, start: int, end: int) -> list[Mark]:
    """Every quote mark of one paragraph with its role (apostrophes left out)."""
    marks: list[Mark] = []
    for match in _MARK.finditer(text, start, end):
        pos = match.start()
        role = mark_role(text, pos, start, end)
        if role is not None:
            char = text[pos]
            marks.append(Mark(pos, char, family_of(char), role))
    return marks


def count_openers(marks: list[Mark]) -> dict[Family, int]:
    """How many opening marks each family has: the evidence for a work's primary convention."""
    counts: dict[Family, int] = {"double": 0, "single": 0}
    for mark in marks:
        if mark.role == "open":
            counts[mark.family] += 1
    return counts


def primary_family(counts: dict[Family, int]) -> Family:
    """Single quotes are primary only when they clearly outnumber double ones."""
    return "single" if counts["single"] > max(3, 1.5 * counts["double"]) else "double"


@dataclass(slots=True)
class _Open:
    mark: Mark
    depth: int


def pair_marks(
    text: str, marks: list[Mark], paragraph: tuple[int, int], primary: Family, *, continues_open: bool = False
) -> tuple[list[QuotedSpan], bool]:
    """Pair one paragraph's marks into quoted spans, recovering from missing marks.

    Returns the spans and whether a primary quote is still open at the paragraph end.
    ``continues_open`` says the previous paragraph left one open: then a closing mark
    before any opening mark ends that quote here (a line broken by a stray paragraph
    break) instead of being ignored as a stray.
    """
    closers_ahead = _closers_per_family(marks)
    spans: list[QuotedSpan] = []
    stack: list[_Open] = []

    def emit(opened: _Open, close: Mark | None, end: int) -> None:
        span = _quoted_span(text, opened, close, end, paragraph)
        if span is not None:
            spans.append(span)

    if continues_open:
        continued = _continued_span(text, marks, paragraph, primary)
        if continued is not None:
            spans.append(continued)
    for mark in marks:
        if mark.role in ("close", "either"):
            closers_ahead[mark.family] -= 1
        same = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].mark.family == mark.family), None)
        if same is not None and mark.role in ("close", "either", "weak-close"):
            if mark.role == "weak-close" and closers_ahead[mark.family] > 0:
                continue  # a weak closer (the girls' bags) yields to a real one still ahead
            del stack[same + 1:]  # inner quotes that never closed are not quotes
            emit(stack.pop(), mark, mark.pos)
        elif mark.role in ("open", "either"):
            if same is not None:  # a new opening mark: the open quote lost its closing mark
                del stack[same + 1:]
                opened = stack.pop()
                if opened.depth == 1 and mark.family == primary:
                    emit(opened, None, mark.pos)
            stack.append(_Open(mark, len(stack) + 1))
    unclosed = next((o for o in stack if o.mark.family == primary), None)
    if unclosed is not None:  # ends at the paragraph end; inner opens that never closed are dropped
        unclosed.depth = 1
        emit(unclosed, None, paragraph[1])
    return spans, unclosed is not None


def _closers_per_family(marks: list[Mark]) -> dict[Family, int]:
    """How many marks of each family can close a quote (weak closers not counted)."""
    counts: dict[Family, int] = {"double": 0, "single": 0}
    for mark in marks:
        if mark.role in ("close", "either"):
            counts[mark.family] += 1
    return counts


def _quoted_span(
    text: str, opened: _Open, close: Mark | None, end: int, paragraph: tuple[int, int]
) -> QuotedSpan | None:
    """The span from ``opened`` to ``end`` (a closing mark or where the quote was cut off); None if blank."""
    start, stop = trim_span(text, opened.mark.pos + 1, end)
    if stop <= start:
        return None
    return QuotedSpan(
        opened.mark.pos, close.pos if close else None, start, stop, opened.mark.char,
        close.char if close else None, opened.mark.family, opened.depth, paragraph,
    )


def _continued_span(text: str, marks: list[Mark], paragraph: tuple[int, int], primary: Family) -> QuotedSpan | None:
    """The end of the previous paragraph's open quote: the text up to a first, closing, primary mark."""
    if not marks or marks[0].family != primary or marks[0].role != "close":
        return None
    start, stop = trim_span(text, paragraph[0], marks[0].pos)
    if stop <= start:
        return None
    return QuotedSpan(paragraph[0], marks[0].pos, start, stop, "", marks[0].char, primary, 1, paragraph, continued=True)
