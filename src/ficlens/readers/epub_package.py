"""Opening an EPUB safely: a zip read in memory, its OPF, its spine.

An EPUB is an untrusted zip. We never extract to disk, never follow member names
that are absolute or climb out with "..", cap the member count, each member's size,
the total we are willing to inflate, and the compression ratio (zip bombs), and
parse the XML with entity expansion and network access off (billion laughs).
Any failure is one line: ``UnreadableInput("not a readable EPUB: ...")``.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from ..errors import InputTooLarge, UnreadableInput
from .decoding import decode_bytes
from .html_text import find_charset, one_line, parse_html

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 60 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # a text member compressing better than 200:1 is a bomb, not prose
_RATIO_FLOOR = 1024 * 1024  # small members may compress extremely well (runs of spaces)

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


@dataclass(slots=True)
class OpfMetadata:
    """The OPF <metadata> as plain strings, namespace-free (EPUB 2 and 3 differ)."""

    titles: list[str] = field(default_factory=list)
    creators: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    description: str | None = None
    unique_identifier: str | None = None
    metas: dict[str, str] = field(default_factory=dict)
    generator: str | None = None


@dataclass(slots=True)
class SpineItem:
    path: str
    media_type: str
    is_nav: bool = False


class EpubPackage:
    """An opened EPUB: read members by path, within the size budget."""

    def __init__(self, data: bytes) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
            raise UnreadableInput(f"not a readable EPUB: {one_line(error)}") from None
        if len(infos) > MAX_MEMBERS:
            raise InputTooLarge(f"not a readable EPUB: {len(infos)} members, more than {MAX_MEMBERS}")
        self._members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = _safe_name(info.filename)
            if name is not None and not info.is_dir():
                _check_declared_size(info)
                self._members.setdefault(name, info)
        self._inflated = 0
        self.opf_path = self._find_opf()
        self.metadata, self.spine = self._read_opf()

    @property
    def names(self) -> list[str]:
        return list(self._members)

    def has(self, path: str) -> bool:
        return path in self._members

    def read(self, path: str) -> bytes:
        """A member's bytes, never more than the member and total budgets allow."""
        info = self._members.get(path)
        if info is None:
            raise UnreadableInput(f"not a readable EPUB: missing member {path!r}")
        budget = min(MAX_MEMBER_BYTES, MAX_TOTAL_BYTES - self._inflated)
        try:
            with self._zip.open(info) as member:
                data = member.read(budget + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, NotImplementedError, ValueError) as error:
            raise UnreadableInput(f"not a readable EPUB: {path}: {one_line(error)}") from None
        if len(data) > budget:
            raise InputTooLarge(f"not a readable EPUB: {path} inflates past the size limit (zip bomb?)")
        self._inflated += len(data)
        return data

    def read_html(self, path: str) -> etree._Element:
        data = self.read(path)
        text = decode_bytes(data, declared_charset=find_charset(data)).text
        return parse_html(text)

    def _find_opf(self) -> str:
        if self.has("META-INF/container.xml"):
            container = _parse_xml(self.read("META-INF/container.xml"), "META-INF/container.xml")
            for rootfile in container.iter("{*}rootfile"):
                path = _resolve("", rootfile.get("full-path") or "")
                if path and self.has(path):
                    return path
        candidates = [name for name in self._members if name.lower().endswith(".opf")]
        if not candidates:
            raise UnreadableInput("not a readable EPUB: no OPF package document (is this an EPUB?)")
        return candidates[0]

    def _read_opf(self) -> tuple[OpfMetadata, list[SpineItem]]:
        package = _parse_xml(self.read(self.opf_path), self.opf_path)
        metadata = _opf_metadata(package)
        base = posixpath.dirname(self.opf_path)
        manifest: dict[str, SpineItem] = {}
        for item in package.iter("{*}item"):
            path = _resolve(base, item.get("href") or "")
            if path and item.get("id"):
                props = (item.get("properties") or "").split()
                manifest[item.get("id")] = SpineItem(path, item.get("media-type") or "", "nav" in props)
        spine = []
        for ref in package.iter("{*}itemref"):
            item = manifest.get(ref.get("idref") or "")
            if item and self.has(item.path) and not item.is_nav and _is_document(item):
                spine.append(item)
        return metadata, spine


def _opf_metadata(package: etree._Element) -> OpfMetadata:
    meta = OpfMetadata(unique_identifier=package.get("unique-identifier"))
    lists = {
        "title": meta.titles, "creator": meta.creators, "contributor": meta.contributors,
        "publisher": meta.publishers, "subject": meta.subjects, "identifier": meta.identifiers,
        "source": meta.sources, "language": meta.languages, "date": meta.dates,
    }
    for el in package.iter("{http://purl.org/dc/elements/1.1/}*"):
        local = etree.QName(el).localname
        value = " ".join("".join(el.itertext()).split())
        if local in lists and value:
            lists[local].append(value)
        elif local == "description" and value:
            meta.description = "".join(el.itertext())
    for el in package.iter("{*}meta"):
        if el.get("name") and el.get("content") is not None:
            meta.metas[el.get("name")] = el.get("content")
    meta.generator = meta.metas.get("generator")
    return meta


def description_text(description: str | None) -> str | None:
    """dc:description holds escaped HTML ("&lt;p&gt;..."): its text, paragraphs kept apart."""
    if not description:
        return None
    markup = description if "<" in description else html.unescape(description)
    text = re.sub(r"(?i)</p\s*>|<br\s*/?>", "\n\n", markup)
    text = html.unescape(re.sub(r"<[^>]{0,2000}>", "", text))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p) or None


def _is_document(item: SpineItem) -> bool:
    return "html" in item.media_type or item.path.lower().endswith((".xhtml", ".html", ".htm"))


def _safe_name(name: str) -> str | None:
    """Member names that are absolute or climb out with ".." are ignored, never followed."""
    name = name.replace("\\", "/")
    if not name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return None
    parts = name.split("/")
    if ".." in parts or "\x00" in name:
        return None
    return "/".join(p for p in parts if p not in ("", "."))


def _resolve(base: str, href: str) -> str | None:
    """An OPF/container href, relative to the OPF folder, as a safe member name."""
    href = unquote(href.split("#", 1)[0]).strip()
    if not href or re.match(r"^[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
        return None
    joined = posixpath.normpath(posixpath.join(base, href)) if base else posixpath.normpath(href)
    return _safe_name(joined)


def _check_declared_size(info: zipfile.ZipInfo) -> None:
    if info.file_size > MAX_MEMBER_BYTES:
        raise InputTooLarge(f"not a readable EPUB: {info.filename!r} would inflate to {info.file_size // (1024 * 1024)} MB")
    if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise InputTooLarge(f"not a readable EPUB: {info.filename!r} is compressed {info.file_size // max(info.compress_size, 1)}:1 (zip bomb)")


def _parse_xml(data: bytes, name: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, recover=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise UnreadableInput(f"not a readable EPUB: {name}: {one_line(error)}") from None
    if root is None:
        raise UnreadableInput(f"not a readable EPUB: {name} is empty")
    return root
