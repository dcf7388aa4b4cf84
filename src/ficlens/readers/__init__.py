"""Readers: turn a file's bytes into one :class:`~ficlens.model.Document`.

The format is detected from the content (the extension is only a hint for
Markdown), then one reader per format builds the document:

* zip magic -> EPUB (:mod:`.epub`: AO3, FanFicFare, FicHub, or generic chapters);
* markup -> HTML: AO3 download (div#preface + div#chapters), AO3 work page
  (div#workskin / dl.work.meta), FanFiction.Net page (div#storytext / #profile_top),
  else the HTML's text read as plain text;
* otherwise text (:mod:`.decoding` finds the encoding): Markdown when it has YAML
  front matter or a .md name, else plain text (:mod:`.plaintext`).

Every reader guarantees: ``Document.text`` is one string, and every chapter and
paragraph is a span into it. Anything unreadable raises ``UnreadableInput`` with a
one-line message.
"""

from __future__ import annotations

import re

from lxml import etree

from ..errors import UnreadableInput
from ..model import Chapter, Document, Paragraph
from . import ao3, ffn
from .builder import DocumentBuilder
from .decoding import check_size, decode_bytes, normalise_newlines, refuse_known_binary, repair_mojibake
from .epub import read_epub
from .epub_package import is_zip
from .fanficfare import looks_like_saved_metadata, saved_metadata_declared
from .html_text import body_of, element_blocks, find_charset, parse_html
from .markdown import has_front_matter, read_markdown
from .plaintext import chapters_of

__all__ = ["read_document", "read_text"]

_MARKUP_START = re.compile(
    r"\A\s*(?:<\?xml[^>]{0,300}>\s*)?(?:<!--.{0,2000}?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|span|title|link|section|article)\b",
    re.IGNORECASE | re.DOTALL,
)
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def read_document(data: bytes, *, path: str | None = None) -> Document:
    """Detect the format of ``data`` and read it."""
    if not data or not data.strip():
        raise UnreadableInput("the file is empty")
    if is_zip(data):
        return read_epub(data, path=path)
    check_size(data)
    refuse_known_binary(data)
    decoded = decode_bytes(data, declared_charset=find_charset(data[:4096]))
    return _read_decoded(decoded.text, path, decoded.warnings)


def read_text(text: str, *, path: str | None = None) -> Document:
    """Text as pasted (or already decoded): same detection as files, minus the bytes."""
    text = normalise_newlines(text).lstrip("\ufeff")
    warnings: list[str] = []
    repaired = repair_mojibake(text)
    if repaired != text:
        warnings.append("repaired mis-decoded characters (mojibake) in the text")
        text = repaired
    return _read_decoded(text, path, warnings)


def _read_decoded(text: str, path: str | None, warnings: list[str]) -> Document:
    if not text.strip():
        raise UnreadableInput("the file is empty (only whitespace)")
    if _MARKUP_START.match(text[:5000]):
        return _read_html(text, path, warnings)
    if has_front_matter(text) or (path or "").lower().endswith(_MARKDOWN_SUFFIXES):
        return read_markdown(text, path=path, warnings=warnings)
    if looks_like_saved_metadata(text):
        return _read_saved_metadata(text, path, warnings)
    return Document(text=text, format="txt", path=path, chapters=chapters_of(text), warnings=warnings)


def _read_html(text: str, path: str | None, warnings: list[str]) -> Document:
    root = parse_html(text)
    if root.xpath("//div[@id='preface']") and root.xpath("//div[@id='chapters']"):
        return ao3.read_download_html(root, path=path, warnings=warnings)
    if root.xpath("//div[@id='workskin']") or root.xpath("//dl[contains(concat(' ', @class, ' '), ' work ')]"):
        return ao3.read_work_page(root, path=path, warnings=warnings)
    if ffn.is_ffn_page(root):
        return ffn.read_story_page(root, path=path, warnings=warnings)
    return _read_generic_html(root, path, warnings)


def _read_generic_html(root: etree._Element, path: str | None, warnings: list[str]) -> Document:
    """HTML from no site we know: its visible text, one chapter, as plain text."""
    builder = DocumentBuilder()
    builder.add_all(element_blocks(body_of(root)), "story")
    note = "HTML from an unrecognised site: read its visible text as the story"
    return builder.build("html", path=path, warnings=[*warnings, note])


def _read_saved_metadata(text: str, path: str | None, warnings: list[str]) -> Document:
    """calibre's FanFicFare "Saved Metadata" export: metadata, no story text.

    The whole file is the text; only the summary value is a paragraph (role
    "summary"), so no stage mistakes the metadata lines for prose.
    """
    declared, title, authors = saved_metadata_declared(text)
    paragraphs = _summary_paragraphs(text, declared.summary)
    chapter = Chapter(index=1, title=None, start=0, end=len(text), paragraphs=paragraphs)
    note = "calibre saved-metadata export: it holds the work's metadata, not its text"
    return Document(text=text, format="txt", path=path, title=title, authors=authors, chapters=[chapter],
                    declared=declared, warnings=[*warnings, note])


def _summary_paragraphs(text: str, summary: str | None) -> list[Paragraph]:
    if not summary:
        return []
    start = text.find(summary.split("\n", 1)[0])
    if start < 0:
        return []
    end = start + len(summary)
    if text[start:end] != summary:
        end = start + len(summary.split("\n", 1)[0])
    return [Paragraph(start, end, "summary")]
