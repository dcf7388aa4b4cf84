"""Readers: turn a file's bytes into one :class:`~ficlens.model.Document`.

The format is detected from the content (the extension is only a hint), then one
reader per format builds the document. Every reader guarantees: ``Document.text`` is
one string, and every chapter and paragraph is a span into it.
"""

from __future__ import annotations

from ..errors import UnreadableInput
from ..model import Chapter, Document, Paragraph


def read_text(text: str, *, path: str | None = None) -> Document:
    """Plain text as pasted: one chapter, paragraphs split on blank lines."""
    if not text.strip():
        raise UnreadableInput("the text is empty")
    paragraphs = list(_paragraph_spans(text))
    chapter = Chapter(index=1, title=None, start=0, end=len(text), paragraphs=paragraphs)
    return Document(text=text, format="txt", path=path, chapters=[chapter])


def _paragraph_spans(text: str):
    import re

    for match in re.finditer(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*", text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            yield Paragraph(start, end)


def read_document(data: bytes, *, path: str | None = None) -> Document:
    """Detect the format of ``data`` and read it."""
    if not data:
        raise UnreadableInput("the file is empty")
    return read_text(data.decode("utf-8", errors="replace"), path=path)
