"""Dash dialogue: lines of speech introduced by a dash instead of quotation marks.

Translated fan fiction (from Russian, French, Spanish, Italian...) and some literary
writing (Joyce) mark dialogue with a dash at the start of the paragraph and no closing
mark::

    — Where are you going? — he asked. — It's late.
    --Come in, she said, --and sit down.
    —I know —she whispered—, but I cannot.
    — Thanks, old chap, he cried briskly.
    His mother said: — O, Stephen will apologise.

Dashes are common in ordinary narration too, so the convention is decided per work:
several paragraphs open with a dash, they are a noticeable share of the paragraphs, and
they outnumber the opening quotation marks (:func:`uses_dash_dialogue`). Only then are
paragraphs opening with a dash read as speech (quotation marks inside them enclose
quoted words), and so are paragraphs without quotation marks where a dash follows a
colon.

Inside such a paragraph the speech runs from the opening dash to the first dialogue
tag, which follows a dash ("— he asked") or a comma, "!" or "?" ("old chap, he cried
briskly"); a dash after the tag resumes the speech. A dash not followed by a tag is a
break inside the speech ("I — I don't know"). Tags are recognised by
``dialogue_tags.tag_after``, the same patterns as for quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dialogue_tags import Tag, tag_after
from .lexicon import word_set
from .spans import trim_span

# At least this many dash-opened paragraphs, and this share of all paragraphs.
MIN_DASH_LINES = 5
MIN_DASH_SHARE = 0.1
# A tag's tail (after its verb, up to the next punctuation) has at most this many words.
MAX_TAIL_WORDS = 6

_DASH = r"(?:—|–|―|--)(?!-)"
_OPENING = re.compile(rf"[*_~ \t]*(?P<dash>{_DASH})[ \t]*(?=\w)")
_COLON_DASH = re.compile(rf":[ \t]*(?P<dash>{_DASH})[ \t]*(?=\w)")
_BOUNDARY = re.compile(rf"(?P<dash>[ \t]*{_DASH})|[,!?…]")
_NEXT_DASH = re.compile(rf"{_DASH}[ \t]*(?:[.,;:][ \t]*)?")  # Spanish style closes the tag: '—dijo—. ¿Y tú?'
_TAIL = re.compile(r"[^.,;:!?—–]*")
_WORD = re.compile(r"[\w'’\-]+")


@dataclass(frozen=True, slots=True)
class DashSpeech:
    """One part of a dash-introduced line: the speech span and the tag that ends it."""

    start: int
    end: int
    dash: str
    tag: Tag | None


def opens_with_dash(text: str, start: int, end: int) -> bool:
    """Whether the paragraph ``[start, end)`` opens with a dash before a word."""
    return _OPENING.match(text, start, end) is not None


def speech_opening(text: str, start: int, end: int) -> re.Match[str] | None:
    """The dash that opens speech in the paragraph ``[start, end)``: at its start, or
    after a colon ("His mother said: — O, Stephen")."""
    return _OPENING.match(text, start, end) or _COLON_DASH.search(text, start, end)


def uses_dash_dialogue(text: str, paragraphs: list[tuple[int, int]], marked_openers: int) -> bool:
    """Whether the work writes its dialogue with dashes (see the module docstring).

    ``marked_openers`` is how many opening quotation marks the work's primary family has:
    a work that quotes its dialogue also uses dashes, but fewer than quotation marks.
    """
    dashed = sum(1 for start, end in paragraphs if speech_opening(text, start, end))
    return dashed >= MIN_DASH_LINES and dashed >= MIN_DASH_SHARE * len(paragraphs) and dashed > marked_openers


def dash_speech(text: str, start: int, end: int) -> list[DashSpeech]:
    """The speech parts of the paragraph ``[start, end)``; none if no dash opens speech."""
    opening = speech_opening(text, start, end)
    if opening is None:
        return []
    parts: list[DashSpeech] = []
    pos, dash = opening.end(), opening.group("dash")
    while pos < end:
        speech_end, tag = _speech_end(text, pos, end)
        part_start, part_end = trim_span(text, pos, speech_end)
        if part_end > part_start:
            parts.append(DashSpeech(part_start, part_end, dash, tag))
        if tag is None:
            break
        resume = _NEXT_DASH.search(text, tag.end, end)
        if resume is None:
            break
        pos, dash = resume.end(), resume.group().strip(" \t.,;:")
    return parts


def _speech_end(text: str, pos: int, end: int) -> tuple[int, Tag | None]:
    """Where the speech starting at ``pos`` ends, and the tag that ends it (None: the paragraph end)."""
    for boundary in _BOUNDARY.finditer(text, pos, end):
        if boundary.start() == pos:
            continue
        tag = tag_after(text, boundary.end(), end)
        if tag is None or not _is_tag(text, tag, end):
            continue
        return (boundary.start() if boundary.group("dash") else boundary.end()), tag
    return end, None


def _is_tag(text: str, tag: Tag, end: int) -> bool:
    """A tag ends its sentence soon after its verb ('he cried briskly', 'Stephen said
    quietly'); a subject and verb followed by a new clause ('John said he would', 'Come,
    you said you would') are narration or speech."""
    tail = _TAIL.match(text, tag.end, end)
    words = _WORD.findall(tail.group()) if tail else []
    return len(words) <= MAX_TAIL_WORDS and not (words and words[0].lower() in word_set("clause_openers"))
