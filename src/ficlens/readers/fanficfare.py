"""FanFicFare output: its EPUB, and calibre's "Saved Metadata" text export.

The EPUB title page prints the site's metadata as "<b>Label:</b> value" lines;
each chapter file has an ``h3.fff_chapter_title`` and wraps the site's notes in
``div.fff_chapter_notes`` (``fff_head_notes`` before the text, ``fff_foot_notes``
after), labelled "Summary for the Chapter:", "Notes for the Chapter:" or
"Author's Note:".
"""

from __future__ import annotations

import re

from lxml import etree

from ..model import Declared, Document, ParagraphRole
from .builder import DocumentBuilder
from .epub_package import EpubPackage, description_text
from .html_text import SKIP, SKIP_TAGS, body_of, classes, element_blocks, inline_text, walk_elements
from .labelled_fields import bold_label_values, declared_from_labels


def read_epub(package: EpubPackage, *, path: str | None) -> Document:
    builder = DocumentBuilder()
    declared: Declared | None = None
    for item in package.spine:
        root = package.read_html(item.path)
        body = body_of(root)
        if "fff_titlepage" in classes(body) or (declared is None and _is_title_page(body)):
            declared = _title_page(body, builder, package)
        else:
            _chapter(body, builder)
    meta = package.metadata
    if declared is None:
        declared = Declared(url=meta.sources[0] if meta.sources else None, summary=description_text(meta.description))
    return builder.build("fanficfare-epub", path=path, title=meta.titles[0] if meta.titles else None,
                         authors=meta.creators, declared=declared)


def _is_title_page(body: etree._Element) -> bool:
    labels = bold_label_values(body)
    return "status" in labels and ("words" in labels or "chapters" in labels)


def _title_page(body: etree._Element, builder: DocumentBuilder, package: EpubPackage) -> Declared:
    """Metadata from the labelled lines; the summary also becomes "summary" blocks of the text."""
    values = bold_label_values(body)
    meta = package.metadata
    declared = declared_from_labels(values, url=meta.sources[0] if meta.sources else None)
    summary = _summary_element(body)
    if summary is not None:
        builder.add_all(element_blocks(summary), "summary")
        declared.summary = builder.text_of_role("summary")
    elif declared.summary:
        builder.add(declared.summary, "summary")
    return declared


def _summary_element(body: etree._Element) -> etree._Element | None:
    for bold in body.iter("b"):
        if inline_text(bold).rstrip(":").strip().lower() == "summary":
            following = bold.getnext()
            if following is not None and following.tag in {"div", "blockquote"}:
                return following
    return None


def _chapter(body: etree._Element, builder: DocumentBuilder) -> None:
    """One fileNNNN.xhtml: heading, head notes, the site's text, foot notes, in order."""
    has_heading = False

    def visit(el: etree._Element) -> bool:
        nonlocal has_heading
        names = classes(el)
        if el.tag in SKIP_TAGS:
            return True
        if "fff_chapter_title" in names:
            title = inline_text(el)
            builder.start_chapter(title or None, heading=title)
            has_heading = True
            return True
        if "fff_chapter_notes" in names:
            builder.add_all(_note_blocks(el), _note_role(el, names))
            return True
        if _contains_structure(el):
            return False
        if not has_heading:
            builder.start_chapter(None)
            has_heading = True
        builder.add_all(element_blocks(el), "story")
        return True

    walk_elements(body, visit)


def _contains_structure(el: etree._Element) -> bool:
    return bool(el.xpath(".//*[contains(@class, 'fff_chapter_notes') or contains(@class, 'fff_chapter_title')]"))


def _note_role(el: etree._Element, names: set[str]) -> ParagraphRole:
    if "fff_foot_notes" in names:
        return "end-note"
    label = next((inline_text(b).lower() for b in el.iter("b")), "")
    return "chapter-summary" if "summary" in label else "chapter-note"


def _note_blocks(el: etree._Element) -> list[str]:
    """The note's own text, without FanFicFare's bold label."""
    quotes = list(el.iter("blockquote"))
    if quotes:
        return [block for quote in quotes for block in element_blocks(quote)]
    label = next(iter(el.iter("b")), None)
    return element_blocks(el, lambda node: SKIP if node is label else None)


# ---------------------------------------------------------------- calibre saved metadata

_SAVED_LABEL = re.compile(r"^([A-Z][A-Za-z0-9_/ ]{1,40}):[ \t]*$")


def looks_like_saved_metadata(text: str) -> bool:
    """calibre's FanFicFare column export: "Label: " lines each followed by value lines."""
    head = text[:20000]
    return bool(re.search(r"(?m)^(Downloader Version|Adapter_Classes|Site Abbrev):[ \t]*$", head)) and bool(
        re.search(r"(?m)^Story URL:[ \t]*$", head)
    )


def saved_metadata_values(text: str) -> dict[str, str]:
    """ "Label: \\nvalue\\nvalue" blocks -> {label: "value, value"} (multi-line values are lists)."""
    values: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.split("\n"):
        match = _SAVED_LABEL.match(line)
        if match:
            current = values.setdefault(match.group(1).strip().lower(), [])
        elif current is not None and line.strip():
            current.append(line.strip())
    joined = {label: ", ".join(lines) for label, lines in values.items()}
    if values.get("summary"):
        joined["summary"] = "\n".join(values["summary"])
    if values.get("series"):
        joined["series"] = "\0".join(values["series"])
    return joined


def saved_metadata_declared(text: str) -> tuple[Declared, str | None, list[str]]:
    values = saved_metadata_values(text)
    declared = declared_from_labels(values)
    if values.get("publisher"):
        declared.site = values["publisher"]
    authors = [a.strip() for a in (values.get("author") or "").split(",") if a.strip()]
    return declared, values.get("title") or None, authors
