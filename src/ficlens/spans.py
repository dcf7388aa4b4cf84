"""Spans: ``(start, end)`` character offsets into one text, the currency of every layer."""

from __future__ import annotations

import re

# One line of text, and one block of lines (a paragraph when blank lines separate them).
# Scanned with ``pattern.finditer(text, start, end)`` so the spans are offsets into text.
LINE = re.compile(r"[^\n]+")
BLOCK = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span with surrounding whitespace removed; empty spans come back with start == end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_hard_wrapped(text: str, spans: list[tuple[int, int]] | None = None) -> bool:
    """True when lines are wrapped at a fixed width, as in e-texts: there a newline is not
    a paragraph break. Nearly no line is longer than 100 characters, and lines are not
    short ones (verse, lists, one-line dialogue). Only spans that hold a newline count.
    """
    lines = long_lines = total = 0
    for start, end in spans if spans is not None else [(0, len(text))]:
        if text.find("\n", start, end) < 0:
            continue
        for match in LINE.finditer(text, start, end):
            length = match.end() - match.start()
            lines += 1
            total += length
            long_lines += length > 100
    return lines >= 5 and long_lines <= 0.02 * lines and total / lines >= 40
