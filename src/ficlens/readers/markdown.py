"""Markdown works, optionally with YAML front matter holding the site's tags.

Archivists keep AO3 works as Markdown with the work's tags in front matter
(fandom, relationship, characters, rating, warnings, summary, notes...). We read
the front matter into :class:`Declared`, put the summary and notes at the top of
the text with their roles (as an AO3 download does), and turn the body back into
plain prose: backslash escapes and *emphasis* undone, links reduced to their text,
``---`` a scene break. "### Chapter N" headings split chapters; the
"#### Chapter Summary" / "#### Chapter Notes" labels give the blockquotes after
them their note roles.
"""

from __future__ import annotations

import datetime as _dt
import re

import yaml

from ..model import Declared, Document, ParagraphRole
from .ao3 import NOTE_LABELS
from .builder import SCENE_BREAK, DocumentBuilder
from .plaintext import CHAPTER_HEADING, paragraph_spans, uses_single_newlines
from .site_metadata import complete_from, parse_count, site_from_url

MAX_FRONT_MATTER_CHARS = 256 * 1024

_FRONT_MATTER = re.compile(r"\A\ufeff?[ \t]*---[ \t]*\n")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# The closing "###" and spaces are stripped in code: a lazy group before "[ \t]*#*[ \t]*$"
# backtracks cubically on a line of spaces (a hang on "# a" + 2000 spaces + "x").
_ATX_HEADING = re.compile(r"[ \t]{0,3}#{1,6}[ \t]+(.*)")
_THEMATIC_BREAK = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>&\"'=:;,?/@$%^])")
_PLACEHOLDER = re.compile(r"[\U000F0000-\U000F007F]")
_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_LINK = re.compile(r"\[([^\]\n]{1,1000})\]\([^)\n]{0,2000}\)")
_EMPHASIS = (
    re.compile(r"\*\*\*(?=\S)([^*]+?)(?<=\S)\*\*\*"),
    re.compile(r"\*\*(?=\S)([^*]+?)(?<=\S)\*\*"),
    re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]*?[^\s*])\*(?![\w*])"),
    re.compile(r"(?<!\w)___(?=\S)([^_]+?)(?<=\S)___(?!\w)"),
    re.compile(r"(?<!\w)__(?=\S)([^_]+?)(?<=\S)__(?!\w)"),
    re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![\w_])"),
)
_CODE_SPAN = re.compile(r"`([^`\n]{1,2000})`")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)\n")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def has_front_matter(text: str) -> bool:
    return split_front_matter(text)[0] is not None


def split_front_matter(text: str) -> tuple[dict | None, int]:
    """The YAML mapping at the top, and where the body starts (0 when there is none)."""
    opening = _FRONT_MATTER.match(text)
    if not opening:
        return None, 0
    closing = _FRONT_MATTER_END.search(text, opening.end(), opening.end() + MAX_FRONT_MATTER_CHARS)
    if not closing:
        return None, 0
    try:
        data = yaml.safe_load(text[opening.end():closing.start()])
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):
        # hostile or odd YAML: an impossible date, a 5000-digit int, nesting past the
        # recursion limit. The file is then read as plain text, like any bad YAML.
        return None, 0
    if not isinstance(data, dict):
        return None, 0
    return data, closing.end()


def read_markdown(text: str, *, path: str | None, warnings: list[str]) -> Document:
    front, body_start = split_front_matter(text)
    builder = DocumentBuilder()
    declared = None
    title, authors = None, []
    if front is not None:
        declared = declared_from_front_matter(front)
        title, authors = _scalar(front.get("title")), _strings(front.get("author") or front.get("authors"))
        _add_front_notes(builder, front)
        declared.summary = builder.text_of_role("summary")
    _read_body(builder, text[body_start:])
    return builder.build("md", path=path, title=title, authors=authors, declared=declared, warnings=warnings)


def declared_from_front_matter(front: dict) -> Declared:
    """Only scalar strings and lists of them are taken: YAML alias bombs and odd types are ignored."""
    url = _scalar(front.get("ao3_url") or front.get("url") or front.get("source"))
    chapters = _scalar(front.get("chapters"))
    return Declared(
        site=site_from_url(url),
        url=url,
        fandoms=_strings(front.get("fandom") or front.get("fandoms")),
        relationships=_strings(front.get("relationship") or front.get("relationships")),
        characters=_strings(front.get("characters") or front.get("character")),
        additional_tags=_strings(front.get("tags") or front.get("additional_tags") or front.get("freeform")),
        categories=_strings(front.get("category") or front.get("categories")),
        rating=_scalar(front.get("rating")),
        warnings=_strings(front.get("warnings") or front.get("warning"), split_commas=True),
        language=_scalar(front.get("language")),
        series=_strings(front.get("series")),
        published=_scalar(front.get("date") or front.get("published")),
        updated=_scalar(front.get("updated")),
        completed=_scalar(front.get("completed")),
        words=parse_count(_scalar(front.get("words"))),
        chapters=chapters,
        complete=complete_from(chapters, _scalar(front.get("status"))),
    )


def _add_front_notes(builder: DocumentBuilder, front: dict) -> None:
    for key, role in (("summary", "summary"), ("notes", "note")):
        value = _scalar(front.get(key))
        if value:
            builder.add_all(_prose_blocks(value), role)


def _read_body(builder: DocumentBuilder, body: str) -> None:
    single = uses_single_newlines(body)
    pending: ParagraphRole | None = None
    for start, end in paragraph_spans(body, 0, len(body), single):
        block = body[start:end]
        heading = _atx_heading(block) if "\n" not in block else None
        if heading is not None:
            pending = _heading(builder, inline_markdown(heading))
        elif _THEMATIC_BREAK.match(block):
            builder.add(SCENE_BREAK, "story")
            pending = None
        elif block.lstrip().startswith(">"):
            builder.add(inline_markdown(_unquote(block)), pending or "story")
        else:
            builder.add(inline_markdown(block), "story")
            pending = None


def _atx_heading(line: str) -> str | None:
    """The text of a "## Heading ##" line without its closing hashes, or None."""
    match = _ATX_HEADING.fullmatch(line)
    return match.group(1).rstrip(" \t").rstrip("#").rstrip(" \t") if match else None


def _heading(builder: DocumentBuilder, heading: str) -> ParagraphRole | None:
    """A chapter heading opens a chapter; a note label sets the role of what follows."""
    label = heading.rstrip(":").strip().lower()
    if label in NOTE_LABELS:
        return NOTE_LABELS[label]
    match = CHAPTER_HEADING.match(heading)
    if match:
        number = match.group("number")
        builder.start_chapter(heading, int(number) if number and number.isdigit() else None, heading=heading)
    else:
        builder.add(heading, "story")
    return None


def _prose_blocks(value: str) -> list[str]:
    text = _HTML_BREAK.sub("\n", value.replace("\r\n", "\n"))
    return [inline_markdown(text[a:b]) for a, b in paragraph_spans(text, 0, len(text), False)]


def _unquote(block: str) -> str:
    return "\n".join(re.sub(r"^[ \t]{0,3}>[ \t]?", "", line) for line in block.split("\n"))


def inline_markdown(text: str) -> str:
    """Markdown inline syntax to plain text: escapes, emphasis, links, hard breaks."""
    text = _ESCAPE.sub(lambda m: chr(0xF0000 + ord(m.group(1))), text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _CODE_SPAN.sub(r"\1", text)
    if "*" in text or "_" in text:
        for pattern in _EMPHASIS:
            text = pattern.sub(r"\1", text)
    text = _HARD_BREAK.sub("\n", text)
    text = _PLACEHOLDER.sub(lambda m: chr(ord(m.group(0)) - 0xF0000), text)
    return text.strip()


def _scalar(value: object) -> str | None:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        try:
            text = str(value).strip()
        except ValueError:  # an int too long to print (0xfff... of 5000 digits)
            return None
        return text or None
    return None


def _strings(value: object, *, split_commas: bool = False) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items[:1000]:
        text = _scalar(item)
        if text:
            out.extend(p.strip() for p in text.split(",") if p.strip()) if split_commas else out.append(text)
    return out
