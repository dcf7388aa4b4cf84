"""FicHub EPUBs: a metadata page ("introduction" for FFN sources, "titlepage" for AO3
sources) with "Label: value" lines, then one file per chapter.

AO3-sourced FicHub books keep AO3's web markup in notes.html, chapterN.html and
endnotes.html, so the AO3 walker reads those with their roles.
"""

from __future__ import annotations

import re

from lxml import etree

from ..model import Declared, Document
from . import ao3
from .builder import DocumentBuilder
from .epub_package import EpubPackage, description_text
from .html_text import body_of, classes, document_title, element_blocks, inline_text
from .labelled_fields import declared_from_labels, line_label_values, status_conflict

_METADATA_LABELS = ("status:", "chapters:", "words:", "published:", "fandoms:", "rated:")


def looks_like_fichub(package: EpubPackage) -> bool:
    """FicHub credits itself on the introduction page; its AO3 books have a labelled titlepage."""
    for item in package.spine[:3]:
        raw = package.read(item.path)
        if b"fichub" in raw.lower():
            return True
        if item.path.lower().endswith(("titlepage.html", "titlepage.xhtml")) and b"<p>Status:" in raw:
            return True
    return False


def read_epub(package: EpubPackage, *, path: str | None) -> Document:
    builder = DocumentBuilder()
    declared: Declared | None = None
    warnings: list[str] = []
    for number, item in enumerate(package.spine):
        root = package.read_html(item.path)
        body = body_of(root)
        if declared is None and number < 2 and _is_metadata_page(body):
            declared, warning = _metadata(body, builder, package)
            warnings += [warning] if warning else []
        else:
            _content(body, root, builder)
    return builder.build("fichub-epub", path=path, title=_title(package), authors=package.metadata.creators,
                         declared=declared, warnings=warnings)


def _is_metadata_page(body: etree._Element) -> bool:
    lines = [inline_text(p).lower() for p in body.iter("p", "div")]
    return sum(1 for line in lines if line.startswith(_METADATA_LABELS)) >= 2


def _metadata(body: etree._Element, builder: DocumentBuilder, package: EpubPackage) -> tuple[Declared, str | None]:
    lines = _labelled_lines(body)
    values = line_label_values(lines)
    url = _source_url(body)
    declared = declared_from_labels(values, url=url)
    summary_blocks = _summary_blocks(body)
    builder.add_all(summary_blocks, "summary")
    declared.summary = builder.text_of_role("summary") or description_text(package.metadata.description)
    return declared, status_conflict(declared, values.get("status"))


def _labelled_lines(body: etree._Element) -> list[str]:
    """Each <p> is a line; FFN's "Rated: ... - Language: ... - Genre: ..." line is split into its parts."""
    lines: list[str] = []
    for p in body.iter("p"):
        text = inline_text(p)
        if text.lower().startswith("rated:") and " - " in text:
            lines.extend(part.strip() for part in text.split(" - "))
        else:
            lines.append(text)
    return lines


def _summary_blocks(body: etree._Element) -> list[str]:
    """AO3 titlepage: <div>Summary: <p>..</p></div>. FFN introduction: the unlabelled <p> after "By:"."""
    for div in body.iter("div"):
        if (div.text or "").strip().lower().startswith("summary:"):
            blocks = element_blocks(div)
            if blocks:
                blocks[0] = re.sub(r"^summary:\s*", "", blocks[0], flags=re.IGNORECASE)
            return [b for b in blocks if b]
    seen_byline = False
    for p in body.iter("p"):
        text = inline_text(p)
        if text.lower().startswith("by:"):
            seen_byline = True
        elif seen_byline and text and not re.match(r"^[A-Z][A-Za-z ]{1,30}:", text):
            return element_blocks(p)
    return []


def _source_url(body: etree._Element) -> str | None:
    for a in body.iter("a"):
        href = a.get("href") or ""
        if href.startswith("http") and "fichub" not in href.lower():
            return href
    return None


def _content(body: etree._Element, root: etree._Element, builder: DocumentBuilder) -> None:
    """notes/endnotes/chapter files: AO3 web markup when present, else heading + story."""
    file_title = document_title(root)
    if _has_userstuff(body):
        builder.start_chapter(file_title)
        ao3.AO3Walker(builder).walk(body)
    elif _is_notes_only(body):
        ao3.AO3Walker(builder).walk(body)
    else:
        from .epub import add_chapter_document  # here: epub imports this module

        add_chapter_document(builder, body, fallback_title=file_title)


def _has_userstuff(body: etree._Element) -> bool:
    return any("userstuff" in classes(div) for div in body.iter("div"))


def _is_notes_only(body: etree._Element) -> bool:
    return any("module" in classes(div) and classes(div) & {"notes", "summary"} for div in body.iter("div"))


def _title(package: EpubPackage) -> str | None:
    return package.metadata.titles[0] if package.metadata.titles else None
