"""EPUB: tell the generator apart from the package, then read its chapters.

* AO3 downloads (dc:publisher "Archive of Our Own") are calibre conversions of the
  AO3 download HTML: the same walker reads them; the typed tags come from the
  preface ``dl.tags`` (dc:subject is an untyped list).
* FanFicFare (``fanficfare-uid`` identifier or a FanFicFare contributor): see
  :mod:`.fanficfare`.
* FicHub (its "Exported with the assistance of FicHub.net" line, or its
  titlepage/notes/chapterN layout): see :mod:`.fichub`.
* Anything else is read as generic chapters, one per spine document, with a warning.
"""

from __future__ import annotations

from lxml import etree

from ..errors import UnreadableInput
from ..model import Document, Format
from . import ao3, fanficfare, fichub
from .builder import DocumentBuilder
from .epub_package import EpubPackage, description_text
from .html_text import body_of, classes, document_title, element_blocks, inline_text


def read_epub(data: bytes, *, path: str | None) -> Document:
    package = EpubPackage(data)
    if not package.spine:
        raise UnreadableInput("not a readable EPUB: its spine lists no readable chapters")
    kind = detect_kind(package)
    if kind == "ao3-epub":
        return _read_ao3(package, path)
    if kind == "fanficfare-epub":
        return fanficfare.read_epub(package, path=path)
    if kind == "fichub-epub":
        return fichub.read_epub(package, path=path)
    return _read_generic(package, path)


def detect_kind(package: EpubPackage) -> Format | None:
    """The generator, from the OPF first and then from the first documents' markers."""
    meta = package.metadata
    if any("archive of our own" in p.lower() for p in meta.publishers):
        return "ao3-epub"
    if (meta.unique_identifier or "").lower().startswith("fanficfare") or any(
        i.lower().startswith("fanficfare-uid") for i in meta.identifiers
    ) or any("fanficfare" in c.lower() for c in meta.contributors):
        return "fanficfare-epub"
    if fichub.looks_like_fichub(package):
        return "fichub-epub"
    return None


def _read_ao3(package: EpubPackage, path: str | None) -> Document:
    builder = DocumentBuilder()
    bodies = [package.read_html(item.path) for item in package.spine]
    ao3.read_download_bodies(bodies, builder)
    declared = next((d for d in (ao3.download_declared(b) for b in bodies) if d is not None), None)
    if declared is not None and declared.summary is None:
        declared.summary = builder.text_of_role("summary") or description_text(package.metadata.description)
    meta = package.metadata
    title = meta.titles[0] if meta.titles else ao3.download_title_and_authors(bodies[0])[0]
    return builder.build("ao3-epub", path=path, title=title, authors=meta.creators, declared=declared)


def _read_generic(package: EpubPackage, path: str | None) -> Document:
    """Unknown generator: one chapter per spine document that has text; AO3 markup if present."""
    builder = DocumentBuilder()
    has_ao3_markup = False
    for item in package.spine:
        root = package.read_html(item.path)
        body = body_of(root)
        if _has_ao3_markup(body):
            has_ao3_markup = True
            ao3.AO3Walker(builder).walk(body)
        else:
            add_chapter_document(builder, body, fallback_title=document_title(root))
    fmt: Format = "ao3-epub" if has_ao3_markup else "epub"
    meta = package.metadata
    warning = f"unrecognised EPUB generator: read its documents as chapters (reported as {fmt})"
    return builder.build(fmt, path=path, title=meta.titles[0] if meta.titles else None,
                         authors=meta.creators, warnings=[warning])


def add_chapter_document(builder: DocumentBuilder, body: etree._Element, *, fallback_title: str | None) -> None:
    """A chapter file: its first heading opens the chapter, the rest is story."""
    heading_el = next((el for el in body.iter("h1", "h2", "h3") if inline_text(el)), None)
    blocks = element_blocks(body, lambda el: "skip" if el is heading_el else None)
    if not blocks and heading_el is None:
        return
    if heading_el is not None:
        heading = inline_text(heading_el)
        builder.start_chapter(heading, heading=heading)
    else:
        builder.start_chapter(fallback_title)
    builder.add_all(blocks, "story")


def _has_ao3_markup(body: etree._Element) -> bool:
    for el in body.iter("div", "blockquote"):
        names = classes(el)
        if any(n.startswith("userstuff") for n in names) or ("module" in names and names & {"notes", "summary"}):
            return True
    return False
