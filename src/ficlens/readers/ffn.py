"""FanFiction.Net story pages: one chapter per page, metadata in the profile block.

FFN has no structural notes: author's notes, disclaimers and "Chapter 1" lines are
inside div#storytext with the story, so everything there is "story" and the notes
stage finds the A/N. The fandom comes from the breadcrumb (#pre_story_links), not
the profile line, which abbreviates it ("Harry P.").
"""

from __future__ import annotations

import re

from lxml import etree

from ..model import Declared, Document
from .builder import DocumentBuilder
from .html_text import classes, element_blocks, element_by_id, inline_text
from .site_metadata import parse_count, rating_of, unix_date

FFN_SITE = "fanfiction.net"

FFN_GENRES = frozenset({
    "Adventure", "Angst", "Crime", "Drama", "Family", "Fantasy", "Friendship", "General", "Horror",
    "Humor", "Hurt/Comfort", "Mystery", "Parody", "Poetry", "Romance", "Sci-Fi", "Spiritual",
    "Supernatural", "Suspense", "Tragedy", "Western",
})
_LABELLED = re.compile(r"^([A-Za-z ]{2,20}):\s*(.*)$")


def is_ffn_page(root: etree._Element) -> bool:
    return element_by_id(root, "storytext") is not None or element_by_id(root, "profile_top") is not None


def read_story_page(root: etree._Element, *, path: str | None, warnings: list[str]) -> Document:
    builder = DocumentBuilder()
    index, chapter_title = _selected_chapter(root)
    builder.start_chapter(chapter_title, index)
    story = element_by_id(root, "storytext")
    if story is not None:
        builder.add_all(element_blocks(story), "story")
    profile = element_by_id(root, "profile_top")
    title, authors = _title_and_authors(profile)
    declared = _declared(root, profile)
    return builder.build("ffn-page", path=path, title=title, authors=authors, declared=declared, warnings=warnings)


def _selected_chapter(root: etree._Element) -> tuple[int | None, str | None]:
    """From select#chap_select: the selected "9. Chapter title" option."""
    select = element_by_id(root, "chap_select")
    if select is None:
        return None, None
    for option in select.iter("option"):
        if option.get("selected") is not None:
            label = inline_text(option)
            match = re.match(r"^(\d{1,9})\.\s*(.*)$", label)
            if match:
                return int(match.group(1)), match.group(2) or None
            return parse_count(option.get("value")), label or None
    return None, None


def _title_and_authors(profile: etree._Element | None) -> tuple[str | None, list[str]]:
    if profile is None:
        return None, []
    title = next((inline_text(b) for b in profile.iter("b") if "xcontrast_txt" in classes(b)), None)
    authors = [inline_text(a) for a in profile.iter("a") if (a.get("href") or "").startswith("/u/")]
    return title or None, [a for a in authors if a][:1]


def _declared(root: etree._Element, profile: etree._Element | None) -> Declared:
    declared = Declared(site=FFN_SITE, url=_canonical_url(root), fandoms=_breadcrumb_fandoms(root))
    if profile is None:
        return declared
    summary = next((el for el in profile.iter("div") if "xcontrast_txt" in classes(el)), None)
    if summary is not None:
        declared.summary = inline_text(summary) or None
    line = next((el for el in profile.iter("span") if {"xgray", "xcontrast_txt"} <= classes(el)), None)
    if line is not None:
        _parse_profile_line(declared, line)
    return declared


def _parse_profile_line(declared: Declared, line: etree._Element) -> None:
    """ "Rated: Fiction T - English - Romance/Drama - [Harry P., Ginny W.] Ron W. - Chapters: 11 - ..." """
    dates = {inline_text(s): unix_date(s.get("data-xutime")) for s in line.iter("span") if s.get("data-xutime")}
    unlabelled: list[str] = []
    declared.complete = False  # FFN prints "Status: Complete" only for complete stories
    for token in (t.strip() for t in inline_text(line).split(" - ")):
        match = _LABELLED.match(token)
        if not match:
            if token:
                unlabelled.append(token)
            continue
        label, value = match.group(1).strip().lower(), match.group(2).strip()
        if label == "rated":
            declared.rating = rating_of(value)
        elif label == "chapters":
            declared.chapters = value or None
        elif label == "words":
            declared.words = parse_count(value)
        elif label in {"updated", "published"}:
            setattr(declared, label, dates.get(value) or value or None)
        elif label == "status":
            declared.complete = value.lower().startswith("complete")
    _parse_unlabelled(declared, unlabelled)


def _parse_unlabelled(declared: Declared, tokens: list[str]) -> None:
    """Language, then optional genres, then optional characters with [pairings]."""
    if tokens:
        declared.language = tokens.pop(0)
    if tokens and all(part in FFN_GENRES for part in split_genres(tokens[0])):
        declared.additional_tags = split_genres(tokens.pop(0))
    if tokens:
        characters_and_pairings(declared, " - ".join(tokens))


def characters_and_pairings(declared: Declared, value: str) -> None:
    """ "[Harry P., Ginny W.] Ron W." -> characters, and "Harry P./Ginny W." as a relationship."""
    for group in re.findall(r"\[([^\[\]]{1,500})\]", value):
        names = [n.strip() for n in group.split(",") if n.strip()]
        if len(names) > 1:
            declared.relationships.append("/".join(names))
    flat = re.sub(r"[\[\]]", ",", value)
    declared.characters = [n.strip() for n in flat.split(",") if n.strip()]


def split_genres(token: str) -> list[str]:
    """ "Hurt/Comfort/Romance" -> ["Hurt/Comfort", "Romance"] (Hurt/Comfort holds a slash)."""
    parts = token.replace("Hurt/Comfort", "Hurt\0Comfort").split("/")
    return [p.replace("\0", "/").strip() for p in parts if p.strip()]


def _breadcrumb_fandoms(root: etree._Element) -> list[str]:
    """ "Books > Harry Potter" -> ["Harry Potter"]; "X + Y Crossover" -> ["X", "Y"]."""
    crumbs = element_by_id(root, "pre_story_links")
    if crumbs is None:
        return []
    links = [inline_text(a) for a in crumbs.iter("a")]
    if not links:
        return []
    last = links[-1]
    if last.endswith(" Crossover"):
        return [part.strip() for part in last[: -len(" Crossover")].split(" + ") if part.strip()]
    return [last] if len(links) > 1 else []


def _canonical_url(root: etree._Element) -> str | None:
    for link in root.iter("link"):
        if link.get("rel") == "canonical" and link.get("href"):
            href = link.get("href").strip()
            return "https:" + href if href.startswith("//") else href
    return None
