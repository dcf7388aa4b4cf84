"""The "Label: value" metadata blocks of FanFicFare and FicHub title pages.

Both generators print the site's metadata as labelled lines (``<b>Label:</b> value<br/>``,
``<p>Label: value</p>``, table rows, or plain "Label:\\nvalue" text). This module
reads them into one dict and maps the labels both use onto :class:`Declared`.
"""

from __future__ import annotations

import re

from lxml import etree

from ..model import Declared
from .ffn import FFN_GENRES, characters_and_pairings, split_genres
from .html_text import inline_text
from .site_metadata import (
    AO3_CATEGORIES, complete_from, complete_from_status, parse_count, rating_of, site_from_url,
    split_list, unique,
)

_LINE_LABEL = re.compile(r"^([A-Z][A-Za-z /_-]{1,40}):\s*(.*)$")


def bold_label_values(container: etree._Element) -> dict[str, str]:
    """FanFicFare's "<b>Label:</b> value<br/>" lines or "<td><b>Label:</b></td><td>value</td>" rows."""
    values: dict[str, str] = {}
    for bold in container.iter("b"):
        label = inline_text(bold)
        if not label.endswith(":"):
            continue
        parent = bold.getparent()
        if parent is not None and parent.tag in {"td", "th"}:
            cell = parent.getnext()
            value = inline_text(cell) if cell is not None else ""
        else:
            value = _text_until_break(bold)
        values.setdefault(label[:-1].strip().lower(), value)
    return values


def _text_until_break(bold: etree._Element) -> str:
    parts = [bold.tail or ""]
    sibling = bold.getnext()
    while sibling is not None and sibling.tag != "br" and not (sibling.tag == "b" and inline_text(sibling).endswith(":")):
        parts.append(sibling.text_content())
        parts.append(sibling.tail or "")
        sibling = sibling.getnext()
    return " ".join("".join(parts).split())


def line_label_values(lines: list[str]) -> dict[str, str]:
    """FicHub's "<p>Label: value</p>" lines, already as text; the first value of a label wins."""
    values: dict[str, str] = {}
    for line in lines:
        match = _LINE_LABEL.match(line.strip())
        if match:
            values.setdefault(match.group(1).strip().lower(), match.group(2).strip())
    return values


def declared_from_labels(values: dict[str, str], *, url: str | None = None) -> Declared:
    """Map the labels FanFicFare and FicHub print onto Declared (what the file says, nothing more)."""
    declared = Declared()
    declared.url = url or values.get("story url") or values.get("original source") or None
    declared.site = values.get("publisher") or values.get("site") or site_from_url(declared.url)
    declared.fandoms = split_list(values.get("fandoms") or values.get("fandom") or values.get("category"))
    _set_genres(declared, _genres(values.get("genre") or values.get("additional tags") or values.get("freeform tags")))
    declared.categories = unique(declared.categories + split_list(values.get("categories") or values.get("ao3 categories")))
    if values.get("characters"):
        characters_and_pairings(declared, values["characters"])
    declared.relationships = unique(declared.relationships + split_list(values.get("relationships") or values.get("ships")))
    declared.rating = rating_of(values.get("rating") or values.get("rated"))
    declared.warnings = split_list(values.get("warnings"))
    declared.language = values.get("language") or None
    declared.series = split_list(values.get("series"), separator="\0")
    declared.published = values.get("published") or None
    declared.updated = values.get("updated") or None
    declared.words = parse_count(values.get("words"))
    declared.chapters = values.get("chapters/total chapters") or values.get("chapters") or None
    declared.summary = values.get("summary") or None
    declared.complete = complete_from(declared.chapters, values.get("status"))
    return declared


def _genres(value: str | None) -> list[str]:
    """Comma lists (AO3 tags) or FFN's "Romance/Mystery"."""
    if value and "," not in value and all(g in FFN_GENRES for g in split_genres(value)):
        return split_genres(value)
    return split_list(value)


def _set_genres(declared: Declared, genres: list[str]) -> None:
    """FanFicFare puts AO3's categories (M/M...) among the genres: sort them back out."""
    declared.categories = [g for g in genres if g in AO3_CATEGORIES]
    declared.additional_tags = [g for g in genres if g not in AO3_CATEGORIES]


def status_conflict(declared: Declared, status: str | None) -> str | None:
    """A warning when the generator's Status disagrees with the site's chapter count."""
    from_status = complete_from_status(status)
    if from_status is None or declared.complete is None or from_status == declared.complete:
        return None
    return f"the file's Status ({status}) disagrees with its chapter count ({declared.chapters}); used the chapter count"
