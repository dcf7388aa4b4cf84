"""Helpers for the reader tests: span checks and tiny EPUB builders (no real files)."""

from __future__ import annotations

import io
import zipfile

from ficlens.model import Document

NOTE_ROLES = {"summary", "note", "chapter-summary", "chapter-note", "end-note"}


def assert_spans_valid(doc: Document) -> None:
    """Every chapter and paragraph is a non-empty, ordered span inside the text."""
    length = len(doc.text)
    assert doc.chapters, "a document has at least one chapter"
    previous_end = 0
    for chapter in doc.chapters:
        assert 0 <= chapter.start <= chapter.end <= length
        for paragraph in chapter.paragraphs:
            assert chapter.start <= paragraph.start < paragraph.end <= chapter.end
            assert paragraph.start >= previous_end, "paragraphs are in text order and do not overlap"
            assert doc.text[paragraph.start:paragraph.end].strip() == doc.text[paragraph.start:paragraph.end]
            previous_end = paragraph.end


def texts(doc: Document, role: str) -> list[str]:
    return [doc.text[p.start:p.end] for p in doc.paragraphs() if p.role == role]


CONTAINER = (
    '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
    '<rootfiles><rootfile full-path="{opf}" media-type="application/oebps-package+xml"/></rootfiles></container>'
)


def make_epub(files: dict[str, str | bytes], *, opf_path: str = "content.opf", metadata: str = "",
              spine: list[str] | None = None, package_attrs: str = 'unique-identifier="uid"') -> bytes:
    """A minimal EPUB 2 in memory: the given XHTML files in spine order."""
    spine = spine if spine is not None else [name for name in files if name.endswith(("html", "xhtml"))]
    base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
    manifest = "".join(
        f'<item id="i{n}" href="{name[len(base):] if name.startswith(base) else name}" media-type="application/xhtml+xml"/>'
        for n, name in enumerate(spine)
    )
    itemrefs = "".join(f'<itemref idref="i{n}"/>' for n in range(len(spine)))
    opf = (
        f'<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" {package_attrs}>'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">'
        f'{metadata}</metadata><manifest>{manifest}</manifest><spine>{itemrefs}</spine></package>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", CONTAINER.format(opf=opf_path))
        archive.writestr(opf_path, opf)
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def xhtml(body: str, title: str = "t") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
        f"<head><title>{title}</title></head><body>{body}</body></html>"
    )
