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
