"""Assemble one Document text from blocks, keeping every span exact.

Structured formats (HTML, EPUB, Markdown) are read as a sequence of blocks: a
heading, a note, a story paragraph. The builder joins them with a blank line
("\\n\\n") and records each block's span and role as it goes, so offsets are
right by construction instead of being searched for afterwards.

Front matter (summary, work notes) that comes before the first chapter heading
belongs to chapter 1, and work end notes after the last chapter belong to the
last chapter: ``Document.paragraphs()`` walks chapters, so every block must live
in one.
"""

from __future__ import annotations

from ..errors import UnreadableInput
from ..model import Chapter, Declared, Document, Format, Paragraph, ParagraphRole

SCENE_BREAK = "* * *"

_STRUCTURAL_ROLES = ("story", "heading")


class DocumentBuilder:
    """Collects blocks and chapters; :meth:`build` returns the Document."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._chapters: list[Chapter] = []
        # A chapter opened implicitly by front matter; the first real heading adopts it.
        self._provisional: Chapter | None = None
        # Kept as blocks are added: the AO3 walker asks before every unlabelled note, and
        # scanning all paragraphs each time was quadratic in the number of blockquotes.
        self._has_story = False
        self.warnings: list[str] = []

    @property
    def has_story(self) -> bool:
        """Whether any story block has been added yet."""
        return self._has_story

    def add(self, text: str, role: ParagraphRole = "story") -> Paragraph | None:
        """Append one block; blocks must not contain blank lines (split them first)."""
        text = text.strip()
        if not text:
            return None
        if self._length:
            self._parts.append("\n\n")
            self._length += 2
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        paragraph = Paragraph(start, self._length, role)
        chapter = self._current_chapter()
        if not chapter.paragraphs:
            chapter.start = start
        chapter.paragraphs.append(paragraph)
        chapter.end = self._length
        self._has_story = self._has_story or role == "story"
        return paragraph

    def text_of_role(self, role: ParagraphRole) -> str | None:
        """The text of every block with ``role`` (e.g. the work summary), or None."""
        text = "".join(self._parts)
        pieces = [text[p.start:p.end] for c in self._chapters for p in c.paragraphs if p.role == role]
        return "\n\n".join(pieces) or None

    def add_all(self, blocks: list[str], role: ParagraphRole = "story") -> None:
        for block in blocks:
            self.add(block, role)

    def start_chapter(self, title: str | None, index: int | None = None, *, heading: str | None = None) -> None:
        """Open a chapter; ``heading`` (the heading text as shown) becomes a "heading" block."""
        current = self._chapters[-1] if self._chapters else None
        if current is not None and current is self._provisional and not _has_structure(current):
            current.title = title
            current.index = index if index is not None else current.index
            self._provisional = None
        else:
            number = index if index is not None else len(self._chapters) + 1
            self._chapters.append(Chapter(index=number, title=title, start=self._length, end=self._length))
            self._provisional = None
        if heading:
            self.add(heading, "heading")

    def build(self, fmt: Format, *, path: str | None, title: str | None = None,
              authors: list[str] | None = None, declared: Declared | None = None,
              warnings: list[str] | None = None) -> Document:
        chapters = [c for c in self._chapters if c.paragraphs]
        if not chapters:
            raise UnreadableInput("no text found in the file")
        return Document(
            text="".join(self._parts),
            format=fmt,
            path=path,
            title=title,
            authors=list(authors or []),
            chapters=chapters,
            declared=declared,
            warnings=[*(warnings or []), *self.warnings],
        )

    def _current_chapter(self) -> Chapter:
        if not self._chapters:
            chapter = Chapter(index=1, title=None, start=self._length, end=self._length)
            self._chapters.append(chapter)
            self._provisional = chapter
        return self._chapters[-1]


def _has_structure(chapter: Chapter) -> bool:
    return any(p.role in _STRUCTURAL_ROLES for p in chapter.paragraphs)
