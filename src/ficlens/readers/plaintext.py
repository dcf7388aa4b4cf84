"""Plain text: chapters from heading lines, paragraphs from blank lines.

The text is kept exactly as decoded (newlines normalised), so offsets are into
what the user pasted. Chapter headings are lines on their own such as "Chapter 3",
"Chapter 3: Title", "CHAPTER III.", "Prologue", "Epilogue". Paragraphs are split
on blank lines; a text with (almost) no blank lines, one paragraph per line, is
split on single newlines instead.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Chapter, Paragraph
from ..spans import BLOCK, LINE, is_hard_wrapped, trim_span

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred"
)
_CHAPTER_NUMBER = rf"(?:\d{{1,4}}|[IVXLCDM]{{1,8}}|(?:{_NUMBER_WORDS})(?:[ -](?:{_NUMBER_WORDS}))?)"
_TITLE_TAIL = r"(?:[ \t]*[.:)\-–—][ \t]*[^\n]{0,120}?)?"
CHAPTER_HEADING = re.compile(
    rf"^[ \t]*(?:#{{1,6}}[ \t]*)?(?:\*\*|__)?(?P<label>(?:chapter|ch\.)[ \t]*(?P<number>{_CHAPTER_NUMBER})\b{_TITLE_TAIL}"
    rf"|(?:prologue|epilogue|interlude)\b{_TITLE_TAIL})[ \t]*(?:(?:\*\*|__)[ \t]*)?$",
    re.IGNORECASE | re.MULTILINE,
)
# The closing "[ \t]*(?:(?:\*\*|__)[ \t]*)?$" is written so that its two runs of spaces
# cannot split one run between them: "[ \t]*(?:\*\*|__)?[ \t]*$" after the lazy title
# backtracked cubically on a heading-like line with a long run of spaces.
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def chapters_of(text: str) -> list[Chapter]:
    """Chapters and paragraphs of a plain text (spans into ``text``)."""
    single_newlines = uses_single_newlines(text)
    headings = list(_headings(text))
    if not headings:
        return [_chapter(text, 1, None, 0, len(text), single_newlines)]
    chapters: list[Chapter] = []
    for number, (match, next_start) in enumerate(zip(headings, [h.start() for h in headings[1:]] + [len(text)]), 1):
        start = 0 if number == 1 else match.start()
        title = _clean_heading(match.group(0))
        index = _heading_number(match.group("number")) or number
        chapters.append(_chapter(text, index, title, start, next_start, single_newlines, heading=match))
    return [c for c in chapters if c.paragraphs]


def uses_single_newlines(text: str) -> bool:
    """True when paragraphs are one per line: no blank lines, or far fewer blocks than lines."""
    lines = sum(1 for _ in LINE.finditer(text))
    if lines < 2:
        return False
    blocks = sum(1 for _ in BLOCK.finditer(text))
    if blocks <= 1:
        return True
    return lines >= 20 and blocks * 5 < lines and not is_hard_wrapped(text)


def paragraph_spans(text: str, start: int, end: int, single_newlines: bool) -> Iterator[tuple[int, int]]:
    """Paragraph spans in text[start:end], trimmed of surrounding whitespace."""
    pattern = LINE if single_newlines else BLOCK
    for match in pattern.finditer(text, start, end):
        left, right = trim_span(text, *match.span())
        if right > left:
            yield left, right


def _chapter(text: str, index: int, title: str | None, start: int, end: int, single_newlines: bool,
             heading: re.Match[str] | None = None) -> Chapter:
    paragraphs: list[Paragraph] = []
    heading_span = trim_span(text, heading.start(), heading.end()) if heading else None
    for left, right in paragraph_spans(text, start, end, single_newlines):
        if heading_span and left <= heading_span[0] < right:
            paragraphs.extend(_split_around(text, left, right, heading_span, single_newlines))
        else:
            paragraphs.append(Paragraph(left, right, "story"))
    if paragraphs:
        start, end = min(start, paragraphs[0].start), paragraphs[-1].end
    return Chapter(index=index, title=title, start=start, end=end, paragraphs=paragraphs)


def _split_around(text: str, left: int, right: int, heading: tuple[int, int], single_newlines: bool) -> list[Paragraph]:
    """A heading glued to its first paragraph by a single newline is still its own block."""
    parts = []
    if heading[0] > left:
        parts += [Paragraph(a, b) for a, b in paragraph_spans(text, left, heading[0], True)]
    parts.append(Paragraph(heading[0], heading[1], "heading"))
    if heading[1] < right:
        parts += [Paragraph(a, b) for a, b in paragraph_spans(text, heading[1], right, single_newlines)]
    return parts


def _headings(text: str) -> Iterator[re.Match[str]]:
    for match in CHAPTER_HEADING.finditer(text):
        if len(match.group(0).strip()) <= 140:
            yield match


def _clean_heading(heading: str) -> str:
    return heading.strip().lstrip("#").strip().strip("*_").strip()


def _heading_number(number: str | None) -> int | None:
    if not number:
        return None
    if number.isdigit():
        return int(number)
    lowered = number.lower()
    if set(lowered) <= set(_ROMAN):
        return _roman(lowered)
    return None


def _roman(numeral: str) -> int:
    total = 0
    for char, following in zip(numeral, numeral[1:] + " "):
        value = _ROMAN[char]
        total += -value if following != " " and _ROMAN[following] > value else value
    return total
