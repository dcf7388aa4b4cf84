"""Small parsers for the metadata values sites print: counts, chapter fractions, status words.

Shared by every reader so "3/?" or "Completed" means the same thing whatever the
file it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

# Nine digits are plenty for a chapter count; a longer run is junk, and int() of a
# run over 4300 digits raises instead of parsing.
_CHAPTER_FRACTION = re.compile(r"\s*(\d{1,9})\s*/\s*(\d{1,9}|\?)\s*")
_DIGITS = re.compile(r"\d[\d,.\s]*")

# The categories AO3 uses (they land in FanFicFare's "Genre" and FicHub's lists).
AO3_CATEGORIES = frozenset({"F/F", "F/M", "Gen", "M/M", "Multi", "Other"})


def chapter_fraction(chapters: str | None) -> tuple[int, int | None] | None:
    """AO3's "N/M" as (posted, planned), planned None for "?"; None when it is no such fraction."""
    match = _CHAPTER_FRACTION.fullmatch(chapters or "")
    if not match:
        return None
    posted, planned = match.groups()
    return int(posted), None if planned == "?" else int(planned)


def complete_from_chapters(chapters: str | None) -> bool | None:
    """AO3's "N/M": "3/?" or 3 < M is a work in progress, "8/8" is complete."""
    fraction = chapter_fraction(chapters)
    if fraction is None:
        return None
    posted, planned = fraction
    return planned is not None and posted >= planned


def complete_from_status(status: str | None) -> bool | None:
    """Status words of FanFicFare, FicHub and FFN: Completed / Complete / In-Progress."""
    if not status:
        return None
    word = status.strip().lower().replace("_", "-")
    if word.startswith("complete") or word in {"finished", "done"}:
        return True
    if word.startswith(("in-progress", "in progress", "incomplete", "wip", "ongoing", "abandoned", "hiatus")):
        return False
    return None


def complete_from(chapters: str | None, status: str | None) -> bool | None:
    """AO3's "N/M" chapter count is the site's own word; a generator's Status word is the fallback."""
    from_chapters = complete_from_chapters(chapters)
    return from_chapters if from_chapters is not None else complete_from_status(status)


def rating_of(value: str | None) -> str | None:
    """FFN's "Fiction T" (and FicHub's copy of it) is rating "T"; other sites' ratings pass through."""
    return re.sub(r"^Fiction\s+", "", value or "") or None


def parse_count(value: str | None) -> int | None:
    """ "7,526" / "34438" / "1 013" -> int; None when there is no number."""
    if not value:
        return None
    match = _DIGITS.search(value)
    if not match:
        return None
    digits = re.sub(r"\D", "", match.group(0))
    return int(digits) if digits and len(digits) < 12 else None


# FFN prints its dates in US Pacific time; a fixed UTC-8 reproduces the date it shows.
_FFN_TIME = timezone(timedelta(hours=-8))


def unix_date(value: str | None) -> str | None:
    """FFN's data-xutime (seconds since 1970) as the ISO date the page shows."""
    try:
        seconds = int(value or "")
        return datetime.fromtimestamp(seconds, tz=_FFN_TIME).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return None


def split_list(value: str | None, separator: str = ",") -> list[str]:
    """A comma-separated tag list as the sites print it, blanks dropped."""
    if not value:
        return []
    return [item.strip() for item in value.split(separator) if item.strip()]


def unique(items: Iterable[str | None]) -> list[str]:
    """The non-empty items in first-seen order: names and tags a page lists twice count once."""
    return list(dict.fromkeys(item for item in items if item))


def site_from_url(url: str | None) -> str | None:
    """ "https://archiveofourown.org/works/1" -> "archiveofourown.org" (the site, no www.)."""
    if not url:
        return None
    match = re.match(r"^(?:[a-z]+:)?//(?:www\.|m\.)?([^/\s:?#]+)", url.strip(), re.IGNORECASE)
    return match.group(1).lower() if match else None
