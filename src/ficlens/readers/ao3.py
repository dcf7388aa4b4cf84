"""Archive of Our Own: the "Download" HTML, the work web page, and the markup both share.

AO3 marks every note structurally, so nothing here guesses: a ``<p>Summary</p>``
label before a ``blockquote.userstuff`` (downloads and their calibre EPUB), or a
``div.summary.module`` / ``div.notes.module`` / ``div.end.notes.module`` (web page,
FicHub copies) says exactly which role the text has. ``div.userstuff`` is the story.
One walker handles all of these, because calibre (EPUB) and FicHub keep the
markup but rename or drop some classes.
"""

from __future__ import annotations

import re

from lxml import etree

from ..model import Declared, Document, Format, ParagraphRole
from .builder import DocumentBuilder
from .html_text import SKIP, SKIP_TAGS, classes, element_blocks, element_by_id, inline_text, walk_elements
from .site_metadata import complete_from_chapters, parse_count, unique

AO3_SITE = "archiveofourown.org"

# The labels AO3 downloads print before each note blockquote (Markdown archives copy them).
NOTE_LABELS: dict[str, ParagraphRole] = {
    "summary": "summary",
    "notes": "note",
    "chapter summary": "chapter-summary",
    "chapter notes": "chapter-note",
    "chapter end notes": "end-note",
    "end notes": "end-note",
}
# Parts of the preface and afterword that are site furniture, not the author's words.
_FURNITURE_CLASSES = frozenset({"toc-heading", "landmark", "endnote-link", "message", "byline", "jump", "actions"})
_FURNITURE_IDS = frozenset({"children", "series", "feedback", "kudos", "comments_placeholder"})
# The tag lists of the metadata block and the Declared field each fills, in the order
# they are tried: by the start of the dt label (download) or by the dd class (web page).
_DOWNLOAD_TAG_FIELDS = (
    ("archive warning", "warnings"), ("categor", "categories"), ("fandom", "fandoms"),
    ("relationship", "relationships"), ("character", "characters"), ("additional tag", "additional_tags"),
)
_PAGE_TAG_FIELDS = (
    ("warning", "warnings"), ("category", "categories"), ("fandom", "fandoms"),
    ("relationship", "relationships"), ("character", "characters"), ("freeform", "additional_tags"),
)
_CHAPTER_NUMBER = re.compile(r"\bchapter\s+(\d{1,5})\b", re.IGNORECASE)
_WORK_ID = re.compile(r"/works/(\d+)")


class AO3Walker:
    """Turns AO3 markup (any of its variants) into builder blocks, in document order."""

    def __init__(self, builder: DocumentBuilder) -> None:
        self.builder = builder
        self._pending_role: ParagraphRole | None = None
        self._chapter_index: int | None = None

    def walk(self, root: etree._Element) -> None:
        walk_elements(root, self._visit)

    def _visit(self, el: etree._Element) -> bool:
        tag = el.tag
        names = classes(el)
        if tag in SKIP_TAGS or tag in {"h1", "dl"} or names & _FURNITURE_CLASSES or el.get("id") in _FURNITURE_IDS:
            return True
        if tag == "div" and "chapter" in names and (el.get("id") or "").startswith("chapter-"):
            self._chapter_index = parse_count(el.get("id"))
            return False
        if self._is_chapter_heading(el, tag, names):
            self._start_chapter(inline_text(el))
            return True
        if tag == "p" and self._note_label(el):
            return True
        if tag == "blockquote":
            self._add_note(el, self._pending_role or self._default_note_role())
            return True
        if tag == "div" and "module" in names and names & {"summary", "notes"}:
            self._add_module(el, names)
            return True
        if tag == "div" and _is_userstuff(names) and el.get("id") != "chapters":
            self.builder.add_all(element_blocks(el, _skip_furniture), "story")
            self._pending_role = None
            return True
        return False

    def _is_chapter_heading(self, el: etree._Element, tag: str, names: set[str]) -> bool:
        if tag == "h2" and "heading" in names and "title" not in names:
            return True  # download: div.meta.group > h2.heading "Chapter N: Title"
        if tag == "h3" and "title" in names:
            return any("chapter" in classes(a) for a in el.iterancestors("div"))  # web page
        return False

    def _start_chapter(self, heading: str) -> None:
        match = _CHAPTER_NUMBER.search(heading)
        index = int(match.group(1)) if match else self._chapter_index
        self.builder.start_chapter(heading or None, index, heading=heading)
        self._pending_role = None

    def _note_label(self, el: etree._Element) -> bool:
        label = inline_text(el).rstrip(":").strip().lower()
        role = NOTE_LABELS.get(label)
        following = el.getnext()
        if role is None or following is None or following.tag != "blockquote":
            return False
        self._pending_role = role
        return True

    def _add_note(self, el: etree._Element, role: ParagraphRole) -> None:
        self.builder.add_all(element_blocks(el, _skip_furniture), role)
        self._pending_role = None

    def _add_module(self, el: etree._Element, names: set[str]) -> None:
        in_chapter = any("chapter" in classes(a) for a in el.iterancestors("div"))
        if "end" in names:
            role: ParagraphRole = "end-note"
        elif "summary" in names:
            role = "chapter-summary" if in_chapter else "summary"
        else:
            role = "chapter-note" if in_chapter else "note"
        for quote in el.iter("blockquote"):
            self._add_note(quote, role)

    def _default_note_role(self) -> ParagraphRole:
        return "chapter-note" if self.builder.has_story else "note"


def _is_userstuff(names: set[str]) -> bool:
    return any(name.startswith("userstuff") for name in names)


def _skip_furniture(el: etree._Element) -> str | None:
    return SKIP if classes(el) & _FURNITURE_CLASSES else None


# ---------------------------------------------------------------- the download (HTML and EPUB)


def download_declared(root: etree._Element) -> Declared | None:
    """The preface ``dl.tags`` (dt label / dd tags) of an AO3 download, typed by label."""
    tags = next((dl for dl in root.iter("dl") if "tags" in classes(dl)), None)
    if tags is None:
        return None
    declared = Declared(site=AO3_SITE)
    label = ""
    for child in tags:
        if child.tag == "dt":
            label = inline_text(child).rstrip(":").strip().lower()
        elif child.tag == "dd":
            _set_download_field(declared, label, child)
    declared.url = _work_url(root)
    return declared


def _set_download_field(declared: Declared, label: str, dd: etree._Element) -> None:
    values = [inline_text(a) for a in dd.iter("a")] or [inline_text(dd)]
    values = [v for v in values if v]
    if label.startswith("rating"):
        declared.rating = ", ".join(values) or None
    elif tag_field := next((f for prefix, f in _DOWNLOAD_TAG_FIELDS if label.startswith(prefix)), None):
        setattr(declared, tag_field, values)
    elif label == "language":
        declared.language = inline_text(dd) or None
    elif label == "series":
        declared.series = [inline_text(a) for a in dd.iter("a") if "/series/" in (a.get("href") or "")]
    elif label == "stats":
        _set_stats_text(declared, inline_text(dd))


def _set_stats_text(declared: Declared, stats: str) -> None:
    """ "Published: 2006-07-09 Updated: 2007-06-25 Words: 7,526 Chapters: 3/?" """
    fields = dict(re.findall(r"(Published|Updated|Completed|Words|Chapters):\s*(\S+)", stats))
    declared.published = fields.get("Published")
    declared.updated = fields.get("Updated")
    declared.completed = fields.get("Completed")
    declared.words = parse_count(fields.get("Words"))
    declared.chapters = fields.get("Chapters")
    declared.complete = complete_from_chapters(declared.chapters)


def _work_url(root: etree._Element) -> str | None:
    for a in root.iter("a"):
        href = a.get("href") or ""
        match = _WORK_ID.search(href)
        if match and "archiveofourown" in href:
            return f"https://{AO3_SITE}/works/{match.group(1)}"
    return None


def download_title_and_authors(root: etree._Element) -> tuple[str | None, list[str]]:
    title_el = next(iter(root.iter("h1")), None)
    title = inline_text(title_el) if title_el is not None else None
    byline = next((el for el in root.iter("div") if "byline" in classes(el)), None)
    scope = byline if byline is not None else root
    authors = [inline_text(a) for a in scope.iter("a") if a.get("rel") == "author"]
    return title or None, unique(authors)


def read_download_html(root: etree._Element, *, path: str | None, warnings: list[str]) -> Document:
    """AO3 "Download -> HTML": div#preface (tags, summary, notes), div#chapters, div#afterword."""
    builder = DocumentBuilder()
    AO3Walker(builder).walk(root)
    title, authors = download_title_and_authors(root)
    declared = download_declared(root)
    _fill_summary(declared, builder)
    return builder.build("ao3-html", path=path, title=title, authors=authors, declared=declared, warnings=warnings)


def read_download_bodies(bodies: list[etree._Element], builder: DocumentBuilder) -> None:
    """The calibre EPUB of a download: the same markup split over several files."""
    walker = AO3Walker(builder)
    for body in bodies:
        walker.walk(body)


# ---------------------------------------------------------------- the work web page


def read_work_page(root: etree._Element, *, path: str | None, warnings: list[str], fmt: Format = "ao3-page") -> Document:
    """An AO3 work page: metadata in dl.work.meta, text in div#workskin."""
    builder = DocumentBuilder()
    workskin = element_by_id(root, "workskin", "div")
    AO3Walker(builder).walk(workskin if workskin is not None else root)
    title, authors = _page_title_and_authors(root)
    declared = page_declared(root)
    _fill_summary(declared, builder)
    return builder.build(fmt, path=path, title=title, authors=authors, declared=declared, warnings=warnings)


def page_declared(root: etree._Element) -> Declared | None:
    meta = next((dl for dl in root.iter("dl") if {"work", "meta"} <= classes(dl)), None)
    if meta is None:
        return None
    declared = Declared(site=AO3_SITE, url=_page_url(root))
    for dd in meta.iter("dd"):
        _set_page_field(declared, classes(dd), dd)
    declared.complete = complete_from_chapters(declared.chapters)
    return declared


def _set_page_field(declared: Declared, names: set[str], dd: etree._Element) -> None:
    tags = [inline_text(a) for a in dd.iter("a") if "tag" in classes(a)]
    if "rating" in names:
        declared.rating = ", ".join(tags) or None
    elif tag_field := next((f for css_class, f in _PAGE_TAG_FIELDS if css_class in names), None):
        setattr(declared, tag_field, tags)
    elif "language" in names:
        declared.language = inline_text(dd) or None
    elif "series" in names:
        declared.series = unique(inline_text(a) for a in dd.iter("a") if "/series/" in (a.get("href") or ""))
    elif "published" in names:
        declared.published = inline_text(dd) or None
    elif "status" in names:
        _set_status_date(declared, dd)
    elif "words" in names:
        declared.words = parse_count(inline_text(dd))
    elif "chapters" in names:
        declared.chapters = inline_text(dd) or None


def _set_status_date(declared: Declared, dd: etree._Element) -> None:
    """dd.status holds the date; its dt says whether it is "Updated:" or "Completed:"."""
    label = dd.getprevious()
    kind = inline_text(label).lower() if label is not None else ""
    if kind.startswith("completed"):
        declared.completed = inline_text(dd) or None
    else:
        declared.updated = inline_text(dd) or None


def _page_url(root: etree._Element) -> str | None:
    for a in root.iter("a"):
        match = re.match(r"^(?:https?://archiveofourown\.org)?/works/(\d+)(?:/(?:chapters/\d+|share|bookmarks|kudos))?/?$", a.get("href") or "")
        if match:
            return f"https://{AO3_SITE}/works/{match.group(1)}"
    return None


def _page_title_and_authors(root: etree._Element) -> tuple[str | None, list[str]]:
    title = None
    for h2 in root.iter("h2"):
        if {"title", "heading"} <= classes(h2):
            title = inline_text(h2) or None
            break
    authors: list[str] = []
    for h3 in root.iter("h3"):
        if "byline" in classes(h3):
            authors = [inline_text(a) for a in h3.iter("a") if a.get("rel") == "author"] or [inline_text(h3)]
            break
    return title, unique(a for a in authors if a)


# ---------------------------------------------------------------- helpers


def _fill_summary(declared: Declared | None, builder: DocumentBuilder) -> None:
    """Declared.summary is the work summary text as the file shows it."""
    if declared is not None and declared.summary is None:
        declared.summary = builder.text_of_role("summary")
