"""Is the work complete or in progress? From the author's words and from the site.

The text speaks through the author's notes ("one-shot", "To be continued", "next
chapter soon"), the closing line of the story ("The End", "FIN."), and an "Epilogue"
heading in the last chapter. Only those places count: the middle of the story is
fiction, where "she said the end was near" says nothing about the work. Notes of
earlier chapters don't count either (chapter 2's "next chapter soon" is stale once
chapter 9 is posted). When the text says both things, the latest evidence wins: a
"one-shot" in the opening note is overruled by a closing "To be continued".

A maybe is not a promise: a sentence with "might", "if people want", "sequel" or a
question mark ("I might make a chapter fic out of this", "Should I continue?") gives
no in-progress evidence, so a self-declared one-shot stays complete.

The site (``Document.declared``) states completeness with ``complete`` or a chapter
count ("3/?", "3/10" in progress, "8/8" complete). When both exist, **the site
decides the value**: its chapter count is the author's explicit, current setting, while
text cues are often stale or loose (notes copied from another site, a "to be
continued" the author later answered with an epilogue). A disagreement is never
hidden: ``conflict`` is set and the evidence from both sides is listed, so a user
can see, e.g., an AO3 work left at its default "1/1" whose text ends "To be continued".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, Iterator, Literal

from .lexicon import word_list
from .model import Analysis, AuthorNote, Chapter, Declared, Document, Evidence, Paragraph, Status
from .notes import is_heading, is_separator
from .readers.site_metadata import chapter_fraction
from .sentences import sentence_spans
from .spans import LINE

Value = Literal["complete", "in-progress", "unknown"]

# Roles of notes that speak for the whole work, wherever the reader put them.
_WORK_NOTE_ROLES = ("summary", "note", "end-note")


# What a line of status_cues.txt is evidence of: a value, or a cue the rules below weigh
# (a closing line, a maybe that cancels in-progress words, an "Epilogue" heading).
CueValue = Literal["complete", "in-progress", "ending", "tentative", "heading"]


@dataclass(frozen=True, slots=True)
class _Cue:
    value: CueValue
    signal: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def _cues() -> tuple[_Cue, ...]:
    cues = []
    for item in word_list("status_cues"):
        parts = [part.strip() for part in item.split("|", 2)]
        if len(parts) != 3:
            continue
        value, signal, regex = parts
        if value == "ending":
            regex = rf"[\W_]*(?:{regex})[\W_]*"  # the whole sentence, give or take "~" and "."
        elif value == "heading":
            regex = rf"\b(?:{regex})"  # anywhere in the heading: "Chapter 12: Epilogue"
        cues.append(_Cue(value, signal, re.compile(regex, re.IGNORECASE)))
    return tuple(cues)


@lru_cache(maxsize=None)
def _of(*values: str) -> tuple[_Cue, ...]:
    """The cues of the given values, in file order within each value."""
    return tuple(cue for value in values for cue in _cues() if cue.value == value)


# ---------------------------------------------------------------- evidence from the text


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences of ``text[start:end]``, also broken at line ends ("The End\\nPlease review")."""
    for line in LINE.finditer(text, start, end):
        yield from sentence_spans(text, line.start(), line.end())


def _is_tentative(sentence: str) -> bool:
    return sentence.rstrip(" \"'”’)*_~").endswith("?") or any(cue.pattern.search(sentence) for cue in _of("tentative"))


def _evidence(signal: str, text: str, start: int, end: int, offset: int) -> Evidence:
    return Evidence(signal=signal, text=text[start:end], start=offset + start, end=offset + end, source="text")


def _ending(text: str, start: int, end: int) -> Evidence | None:
    """A closing line ("The End", "~fin~", "END") that is a whole sentence."""
    sentence = text[start:end]
    if _is_tentative(sentence):
        return None
    for cue in _of("ending"):
        if cue.pattern.fullmatch(sentence):
            return Evidence(signal=cue.signal, text=sentence, start=start, end=end, source="text")
    return None


def _note_evidence(text: str, note: AuthorNote) -> list[tuple[str, Evidence]]:
    """(value, evidence) for every cue in one note, sentence by sentence."""
    found: list[tuple[str, Evidence]] = []
    for start, end in _sentences(text, note.start, note.end):
        sentence = text[start:end]
        tentative = _is_tentative(sentence)
        ending = _ending(text, start, end)
        if ending:
            found.append(("complete", ending))
        for cue in _of("complete", "in-progress"):
            if cue.value == "in-progress" and tentative:
                continue
            match = cue.pattern.search(sentence)
            if match:
                found.append((cue.value, _evidence(cue.signal, sentence, match.start(), match.end(), start)))
    return found


def _notes_for_the_end(document: Document, notes: list[AuthorNote]) -> list[AuthorNote]:
    """Work-level notes and the last chapter's notes; not the notes of earlier chapters."""
    if len(document.chapters) <= 1:
        return list(notes)
    last = document.chapters[-1]
    work_level = {p.start for p in document.paragraphs() if p.role in _WORK_NOTE_ROLES}
    return [
        note
        for note in notes
        if last.start <= note.start < max(last.end, last.start + 1)
        or (note.source == "format" and note.start in work_level)
    ]


def _story_ending(analysis: Analysis) -> Evidence | None:
    """The story's own closing line: the last sentence of its last paragraph."""
    text = analysis.text
    for start, end in reversed(analysis.story_spans):
        if is_separator(text[start:end]):
            continue
        last_sentence = list(_sentences(text, start, end))[-1:]
        return _ending(text, *last_sentence[0]) if last_sentence else None
    return None


def _epilogue(document: Document) -> Evidence | None:
    """An "Epilogue" heading or title on the last chapter."""
    if not document.chapters:
        return None
    last = document.chapters[-1]
    text = document.text
    heading = _last_heading(text, last)
    for cue in _of("heading"):
        if heading and cue.pattern.search(text, heading.start, heading.end):
            return Evidence(signal=cue.signal, text=text[heading.start : heading.end], start=heading.start,
                            end=heading.end, source="text")
        if last.title and cue.pattern.search(last.title) and len(document.chapters) > 1:
            return Evidence(signal=cue.signal, text=last.title, source="text")
    return None


def _last_heading(text: str, chapter: Chapter) -> Paragraph | None:
    """The chapter's last heading paragraph, marked by the format or read from the text."""
    for p in reversed(chapter.paragraphs):
        if p.role == "heading" or (p.role == "story" and is_heading(text[p.start : p.end])):
            return p
    return None


def _title_evidence(document: Document) -> list[tuple[str, Evidence]]:
    """"(one-shot)" or "[WIP]" in the title: the author's label, though not in the text."""
    title = document.title or ""
    found = []
    for cue in _of("complete", "in-progress"):
        match = cue.pattern.search(title)
        if match:
            found.append((cue.value, Evidence(signal=cue.signal, text=match.group(0), source="text")))
    return found


def text_status(analysis: Analysis) -> tuple[Value, list[Evidence]]:
    """What the author's words say; the latest evidence decides (see the module docstring)."""
    document = analysis.document
    found = _title_evidence(document)
    for note in _notes_for_the_end(document, analysis.author_notes):
        found.extend(_note_evidence(analysis.text, note))
    for evidence in (_story_ending(analysis), _epilogue(document)):
        if evidence:
            found.append(("complete", evidence))
    if not found:
        return "unknown", []
    ordered = sorted(found, key=lambda pair: -1 if pair[1].start is None else pair[1].start)
    return ordered[-1][0], [evidence for _, evidence in ordered]  # type: ignore[return-value]


# ---------------------------------------------------------------- evidence from the site


def declared_status(declared: Declared | None) -> tuple[Value | None, list[Evidence]]:
    """What the site says: its complete flag, else its chapter count ("3/?", "8/8").

    When both are given and disagree, the flag wins (it is the site's own status;
    a chapter count can lag behind it) and both are listed as evidence.
    """
    if declared is None:
        return None, []
    evidence: list[Evidence] = []
    from_flag: Value | None = None
    from_count: Value | None = None
    if declared.complete is not None:
        from_flag = "complete" if declared.complete else "in-progress"
        evidence.append(Evidence(signal=f"declared {from_flag}", source="declared"))
    fraction = chapter_fraction(declared.chapters)
    if fraction:
        posted, planned = fraction
        if planned is None or posted < planned:
            from_count = "in-progress"
        elif posted == planned:
            from_count = "complete"
        if from_count:
            evidence.append(Evidence(signal=f"declared chapters {declared.chapters.strip()}", text=declared.chapters, source="declared"))
    return from_flag or from_count, evidence


# ---------------------------------------------------------------- the stage


def decide(analysis: Analysis) -> Status:
    from_text, text_evidence = text_status(analysis)
    declared, declared_evidence = declared_status(analysis.document.declared)
    value: Value = declared or from_text
    conflict = declared is not None and from_text != "unknown" and declared != from_text
    return Status(
        value=value,
        evidence=text_evidence + declared_evidence,
        from_text=from_text,
        declared=declared,
        conflict=conflict,
    )


class StatusStage:
    """Fills ``status`` (see the module docstring for how text and site are weighed)."""

    name: ClassVar[str] = "status"
    requires: ClassVar[tuple[str, ...]] = ("author_notes", "story_spans")
    provides: ClassVar[tuple[str, ...]] = ("status",)

    def __call__(self, analysis: Analysis) -> None:
        analysis.status = decide(analysis)
