"""Author's notes: find them, classify them, and cut them out of the story text.

Notes reach us two ways. Formats that mark notes (AO3, FanFicFare) give paragraphs a
role other than "story"; those become notes as they are (``source="format"``). Plain
text and FanFiction.Net pages keep the author's voice inside the story paragraphs, so
we read it from the text (``source="text"``):

* an explicit label ("A/N:", "Author's Note:", "Disclaimer:") makes a note wherever it
  stands: a whole paragraph, the rest of a paragraph from a sentence that opens with the
  label, or a "(A/N: ...)" aside inside a paragraph;
* softer cues ("Please review!", "To be continued", "I don't own ...", "For Sarah, who
  ...") count only at the edges of a chapter or section: the run of paragraphs at its
  top and at its bottom. In the middle of the story a character may say "thank you" or
  "to be continued" and be telling the story, not the author speaking;
* a block fenced off by a separator line ("* * *", "____") at the top or bottom of a
  chapter is one note when it is announced ("Author's Notes:" alone on its line) or
  when every paragraph in it talks about the fic.

Precision comes first: later stages analyse only ``story_spans``, so a story
paragraph wrongly taken for a note is lost to them. Every cue list lives in
``data/note_*.txt``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar, Iterable, Literal

from .lexicon import word_list
from .model import Analysis, AuthorNote, Chapter, Document, Paragraph
from .spans import trim_span

NoteKind = str  # one of AuthorNote.kind's literals

# Structural roles and the note kind each one gives.
_ROLE_KINDS: dict[str, NoteKind] = {
    "summary": "summary",
    "chapter-summary": "chapter-summary",
    "note": "note",
    "chapter-note": "note",
    "end-note": "end-note",
}
# A structural note is refined to these kinds when its text opens with their cue.
_REFINED_KINDS = frozenset({"disclaimer", "dedication", "thanks"})

# How far notes may reach, in paragraphs and characters. Beyond these a "note" is
# more likely story that happens to contain a cue.
_SHORT_PARAGRAPH = 300  # a cue may sit in a later sentence only in a paragraph this short
_TAIL_CONTINUATION = 6  # paragraphs after a bottom "A/N:" that still belong to it
_TOP_PREAMBLE = 4  # paragraphs at the top in which two labels vouch for what lies between
_PREAMBLE_CLOSER_REACH = 8  # paragraphs at the top in which "On to the story!" ends a preamble
_FENCED_BLOCK_MAX = 12  # paragraphs in a separator-fenced block of notes
_HEADING_MAX = 110  # characters in a heading line
_LONG_NOTE = 1500  # a labelled paragraph longer than this ends at its first line break

# Decoration that may stand before a label: markdown emphasis, bullets, brackets.
_LEAD = r"[\s*_~=>\-–—•\[(<{]*"
_LABEL_TAIL = r"[\s*_]*(?:[:\-–—.)\]]+)?[\s*_]*"
_SENTENCE_BREAK = re.compile(r"[.!?…]+[\"”’)\]*_~]*\s+|\n\s*")
_QUOTE_MARK = re.compile("[\"“”]")
_QUOTED = re.compile(r"[\"“]([^\"“”\n]{0,600})[\"”]")
_SEPARATOR = re.compile(r"[\W_]{3,200}|[\W_]*(?:[oOxX0][\W_]*){3,60}")
_LINE_END_AFTER_SENTENCE = re.compile(r"[.!?\"”’)]\s*\n")


# ---------------------------------------------------------------- cue tables


@dataclass(frozen=True, slots=True)
class _CueTable:
    """Alternatives compiled into one regex; ``lastgroup`` names the kind that matched."""

    pattern: re.Pattern[str]
    kinds: dict[str, NoteKind]

    def kind_of(self, match: re.Match[str]) -> NoteKind:
        return self.kinds[match.lastgroup or ""]


def _kind_lines(name: str) -> list[tuple[NoteKind, str]]:
    """``kind | regex`` lines of a data file."""
    pairs = []
    for item in word_list(name):
        kind, sep, regex = item.partition("|")
        if sep:
            pairs.append((kind.strip(), regex.strip()))
    return pairs


def _table(pairs: list[tuple[NoteKind, str]], prefix: str, suffix: str) -> _CueTable:
    kinds = {f"k{i}": kind for i, (kind, _) in enumerate(pairs)}
    alternatives = "|".join(f"(?P<k{i}>{regex})" for i, (_, regex) in enumerate(pairs))
    return _CueTable(re.compile(f"{prefix}(?:{alternatives}){suffix}", re.IGNORECASE), kinds)


@lru_cache(maxsize=1)
def _markers() -> _CueTable:
    """Explicit labels, matched at the start of a paragraph (after decoration)."""
    return _table(_kind_lines("note_markers"), _LEAD, _LABEL_TAIL)


@lru_cache(maxsize=1)
def _inline_markers() -> re.Pattern[str]:
    """A label inside a paragraph: in brackets, or opening a sentence with a colon."""
    labels = "|".join(f"(?:{regex})" for _, regex in _kind_lines("note_markers"))
    return re.compile(
        rf"(?P<open>[(\[])[\s*_]*(?:{labels})"
        rf"|(?:(?<=[.!?…])|(?<=[.!?…][\"”’)*]))\s+[*_]*(?P<label>(?:{labels}))(?=[*_]*\s*[:\-–—])",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _cues() -> _CueTable:
    """Soft cues, matched where a sentence opens (after any interjection)."""
    return _table(_kind_lines("note_cues"), "", "")


@lru_cache(maxsize=1)
def _opener() -> re.Pattern[str]:
    """Decoration and interjections before a cue ("Well, " / "* Anyway, "), from ``note_openers.txt``."""
    words = "|".join(r"\s+".join(map(re.escape, item.split())) for item in word_list("note_openers"))
    return re.compile(rf"[\s*_~\-–—•\[(]*(?:(?:{words})\b[,.!…]*\s+)*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _closers() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{regex})" for regex in word_list("note_preamble_closers")), re.IGNORECASE)


@lru_cache(maxsize=1)
def _meta_terms() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{regex})" for regex in word_list("note_meta_terms")), re.IGNORECASE)


@lru_cache(maxsize=1)
def _heading() -> re.Pattern[str]:
    """A heading line inside the text: "Chapter 3", "Part Two: Winter", "Title: Chapter 1".

    Only for ``fullmatch`` on a line of at most ``_HEADING_MAX`` characters (``is_heading``
    checks): its overlapping runs backtrack quadratically or worse over a long text.
    """
    words = "|".join(word_list("section_headings"))
    number = r"(?:\d+|[ivxlc]+|" + "|".join(word_list("number_words")) + r")"
    return re.compile(
        rf"[\s*_~=\-–—\[(]*(?:{words})(?:\s*{number}\b)?[\s*_\])]*(?:[:.\-–—]\s*[^\n]{{0,90}})?"
        rf"|[^\n\"“.!?]{{1,80}}[:\-–—]\s*(?:{words})\s*{number}\b[^\n]{{0,60}}",
        re.IGNORECASE,
    )


# ---------------------------------------------------------------- reading one paragraph


def _sentence_starts(text: str) -> Iterable[int]:
    yield 0
    for match in _SENTENCE_BREAK.finditer(text):
        if match.end() < len(text):
            yield match.end()


def _opened(text: str, pos: int) -> int:
    """Where the words of the sentence at ``pos`` start, after decoration and "Well, "."""
    opened = _opener().match(text, pos)
    return opened.end() if opened else pos


def _cue_at(text: str, pos: int) -> NoteKind | None:
    """The kind of the soft cue that opens the sentence at ``pos``, if any."""
    match = _cues().pattern.match(text, _opened(text, pos))
    return _cues().kind_of(match) if match else None


def _cue_kind(text: str) -> NoteKind | None:
    """The kind of a paragraph that reads as a note by its cues, else None.

    The cue must open the paragraph, or open any sentence of a short paragraph; a
    paragraph with real dialogue in it is story.
    """
    if has_dialogue(text):
        return None
    kind = _cue_at(text, 0)
    if kind or len(text) > _SHORT_PARAGRAPH:
        return kind
    for pos in _sentence_starts(text):
        kind = _cue_at(text, pos)
        if kind:
            return kind
    return None


def has_dialogue(text: str) -> bool:
    """True when the text quotes someone (a quoted stretch of four words or more).

    Short quotations without closing punctuation ("Gilmore Girls") are titles and
    names, which notes and disclaimers are full of.
    """
    return any(_is_speech(match.group(1)) for match in _QUOTED.finditer(text))


def _is_speech(quoted: str) -> bool:
    """Speech ends inside its marks ("Coffee," / "Go!") or runs on; a title does neither."""
    quoted = quoted.rstrip()
    return quoted.count(" ") >= 3 or (len(quoted) > 1 and quoted[-1] in ",.!?…—-")


def _marker(text: str) -> tuple[NoteKind, int] | None:
    """(kind, end of label) when the paragraph opens with an explicit label, unbracketed."""
    match = _markers().pattern.match(text)
    if not match:
        return None
    decoration = text[: match.start(match.lastgroup)]
    if "(" in decoration or "[" in decoration:  # a bracketed "(A/N: ...)" is an aside, found inline
        return None
    return _markers().kind_of(match), match.end()


def _is_bare_label(text: str) -> bool:
    """"Author's Notes:" alone on its line announces the paragraphs that follow."""
    marker = _marker(text)
    return marker is not None and not text[marker[1] :].strip(" *_:-–—.\n")


def is_separator(text: str) -> bool:
    return _SEPARATOR.fullmatch(text.strip()) is not None


def is_heading(text: str) -> bool:
    if len(text) > 2 * _HEADING_MAX:
        return False
    stripped = " ".join(text.split())  # hard-wrapped headings are still one line
    if len(stripped) > _HEADING_MAX or has_dialogue(stripped):
        return False
    if _heading().fullmatch(stripped) is None:
        return False
    # "Chapter 3 coming soon!" and "A/N: Chapter two is longer" are notes
    return _cue_at(stripped, 0) is None and _marker(stripped) is None


def _is_meta(text: str) -> bool:
    return not has_dialogue(text) and _meta_terms().search(text) is not None


def _labelled_kind(text: str, label_kind: NoteKind, label_end: int) -> NoteKind:
    """A labelled note takes the kind its body opens with ("A/N: Thanks to my beta")."""
    if label_kind != "note":
        return label_kind
    return _cue_at(text, label_end) or label_kind


# ---------------------------------------------------------------- sections of a chapter


@dataclass(slots=True)
class _Section:
    """A run of story paragraphs between two edges.

    ``top``/``bottom`` say what bounds it: "edge" (chapter start or end, a heading, a
    structurally marked note) or "break" (a separator line, i.e. a scene break).
    """

    paragraphs: list[Paragraph]
    texts: list[str]
    top: Literal["edge", "break"]
    bottom: Literal["edge", "break"] = "edge"


def _sections(document: Document, chapter: Chapter) -> list[_Section]:
    sections: list[_Section] = []
    current = _Section([], [], "edge")
    for paragraph in chapter.paragraphs:
        text = document.text[paragraph.start : paragraph.end]
        edge: Literal["edge", "break"] | None = None
        if paragraph.role != "story" or is_heading(text):
            edge = "edge"
        elif is_separator(text):
            edge = "break"
        if edge is None:
            current.paragraphs.append(paragraph)
            current.texts.append(text)
            continue
        current.bottom = edge
        sections.append(current)
        current = _Section([], [], edge)
    sections.append(current)
    return [section for section in sections if section.paragraphs]


# ---------------------------------------------------------------- finding text notes


class _NoteSet:
    """Notes found so far, keyed by paragraph, so that no paragraph is counted twice."""

    def __init__(self, document: Document) -> None:
        self.text = document.text
        self.whole: dict[int, AuthorNote] = {}  # paragraph start -> note covering it

    def add(self, paragraph: Paragraph, kind: NoteKind, start: int | None = None, end: int | None = None) -> None:
        start = paragraph.start if start is None else start
        end = paragraph.end if end is None else end
        if paragraph.start not in self.whole:
            self.whole[paragraph.start] = AuthorNote(self.text[start:end], start, end, kind, "text")

    def __contains__(self, paragraph: Paragraph) -> bool:
        return paragraph.start in self.whole


def _labelled_note(notes: _NoteSet, paragraph: Paragraph, text: str) -> bool:
    """A paragraph that opens with "A/N:" is a note to its end (or, if huge, its first line)."""
    marker = _marker(text)
    if marker is None:
        return False
    kind, label_end = marker
    end = len(text)
    if len(text) > _LONG_NOTE:
        line_end = _LINE_END_AFTER_SENTENCE.search(text, label_end)
        if line_end:
            end = line_end.start() + 1
    notes.add(paragraph, _labelled_kind(text, kind, label_end), paragraph.start, paragraph.start + end)
    return True


def _top_run(notes: _NoteSet, section: _Section) -> None:
    """Notes at the top of a section: labelled or cue paragraphs, in a row from the top.

    A bare "Author's Notes:" line vouches for the paragraph after it, and for every
    following paragraph that talks about the fic.
    """
    last_label = _preamble_end(section)
    announced = body_expected = False
    for index, (paragraph, text) in enumerate(zip(section.paragraphs, section.texts)):
        if _labelled_note(notes, paragraph, text):
            body_expected = _is_bare_label(text)
            announced = announced or body_expected
            continue
        kind = _cue_kind(text)
        between_labels = index <= last_label and len(text) <= 2 * _SHORT_PARAGRAPH
        quiet = not has_dialogue(text)
        if kind is None and quiet and (body_expected or between_labels or (announced and _is_meta(text))):
            kind = "note"
        if kind is None:
            return
        notes.add(paragraph, kind)
        body_expected = False


def _preamble_end(section: _Section) -> int:
    """Index of the last paragraph that closes the preamble at the top, or -1.

    A label among the first few paragraphs ("Disclaimer: ..." / "The opening quote is
    from ..." / "A/N: ...") or a hand-over line a little further down ("... On to the
    story!") vouches for the quiet paragraphs above it: they are the same preamble.
    Nobody may speak before it.
    """
    last = -1
    for index, text in enumerate(section.texts[:_PREAMBLE_CLOSER_REACH]):
        if index < _TOP_PREAMBLE and (_marker(text) is not None or _cue_kind(text) is not None):
            last = index
        elif _closes_preamble(text):
            last = index
        elif has_dialogue(text) or len(text) > 2 * _SHORT_PARAGRAPH:
            break
    return last


def _closes_preamble(text: str) -> bool:
    if has_dialogue(text) or len(text) > _SHORT_PARAGRAPH:
        return False
    return any(_closers().match(text, _opened(text, pos)) for pos in _sentence_starts(text))


def _bottom_run(notes: _NoteSet, section: _Section) -> None:
    """Notes at the bottom of a section, read upwards until the story resumes."""
    _labelled_tail(notes, section)
    for index in range(len(section.paragraphs) - 1, -1, -1):
        paragraph, text = section.paragraphs[index], section.texts[index]
        if paragraph in notes or _labelled_note(notes, paragraph, text):
            continue
        kind = _cue_kind(text)
        if kind is None:
            return
        notes.add(paragraph, kind)


def _labelled_tail(notes: _NoteSet, section: _Section) -> None:
    """Everything after a labelled paragraph near the end ("A/N:" then two more paragraphs
    of chat) belongs to that note, as long as nobody speaks in it and it is shorter than
    the story above it."""
    count = len(section.paragraphs)
    for index in range(count - 1, max(0, count - 1 - _TAIL_CONTINUATION), -1):
        text = section.texts[index]
        if _marker(text) is None or section.paragraphs[index] in notes:
            continue
        tail = section.texts[index + 1 :]
        if len(tail) < index and not any(_QUOTE_MARK.search(t) for t in tail):
            _labelled_note(notes, section.paragraphs[index], text)
            for paragraph, later in zip(section.paragraphs[index + 1 :], tail):
                notes.add(paragraph, _cue_kind(later) or "note")
        return


def _fenced_block(notes: _NoteSet, section: _Section, position: Literal["first", "last"]) -> None:
    """A block set off by a separator at the top or bottom of a chapter is one set of notes
    when it is announced by a bare label, or when every paragraph is a note or talks about
    the fic; no dialogue either way."""
    count = len(section.paragraphs)
    if count > _FENCED_BLOCK_MAX or any(has_dialogue(text) for text in section.texts):
        return
    announced = _is_bare_label(section.texts[0]) or (position == "last" and _marker(section.texts[0]) is not None)
    noted = [
        paragraph in notes or _marker(text) is not None or _cue_kind(text) is not None
        for paragraph, text in zip(section.paragraphs, section.texts)
    ]
    notelike = all(is_note or _is_meta(text) for is_note, text in zip(noted, section.texts))
    if announced or (notelike and any(noted)):
        for paragraph, text in zip(section.paragraphs, section.texts):
            if not _labelled_note(notes, paragraph, text):
                notes.add(paragraph, _cue_kind(text) or "note")


def _chapter_notes(notes: _NoteSet, document: Document, chapter: Chapter) -> None:
    """Runs of notes at the edges of each section, a fenced block opening or closing the
    chapter, and labelled paragraphs anywhere (see the module docstring)."""
    sections = _sections(document, chapter)
    has_breaks = len(sections) > 1
    for number, section in enumerate(sections):
        if section.top == "edge":
            _top_run(notes, section)
        if section.bottom == "edge":
            _bottom_run(notes, section)
        if has_breaks and number == 0 and (section.top, section.bottom) == ("edge", "break"):
            _fenced_block(notes, section, "first")
        if has_breaks and number == len(sections) - 1 and (section.top, section.bottom) == ("break", "edge"):
            _fenced_block(notes, section, "last")
        for paragraph, text in zip(section.paragraphs, section.texts):
            if paragraph not in notes:
                _labelled_note(notes, paragraph, text)


def _inline_notes(document: Document, paragraph: Paragraph) -> list[AuthorNote]:
    """Notes inside a story paragraph: "(A/N: ...)" asides and a closing "... A/N: ..." tail."""
    text = document.text[paragraph.start : paragraph.end]
    found: list[AuthorNote] = []
    for match in _inline_markers().finditer(text):
        if found and match.start() < found[-1].end - paragraph.start:
            continue
        if match.group("open"):
            start, end = match.start(), _closing_bracket(text, match.start())
        else:
            start, end = match.start("label"), len(text)
        kind = _labelled_kind(text, "note", _label_end(text, start))
        found.append(AuthorNote(text[start:end], paragraph.start + start, paragraph.start + end, kind, "text"))
    return found


def _label_end(text: str, start: int) -> int:
    match = _markers().pattern.match(text, start)
    return match.end() if match else start


def _closing_bracket(text: str, open_at: int) -> int:
    """End (exclusive) of the bracket opened at ``open_at``; the paragraph end if unclosed."""
    opener = text[open_at]
    closer = ")" if opener == "(" else "]"
    depth = 0
    for index in range(open_at, len(text)):
        char = text[index]
        if char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


# ---------------------------------------------------------------- format notes and spans


def _format_note(document: Document, paragraph: Paragraph) -> AuthorNote:
    text = document.text[paragraph.start : paragraph.end]
    kind = _ROLE_KINDS[paragraph.role]
    if kind in ("note", "end-note"):
        marker = _marker(text)
        refined = _labelled_kind(text, marker[0], marker[1]) if marker else _cue_at(text, 0)
        if refined in _REFINED_KINDS:
            kind = refined
    return AuthorNote(text, paragraph.start, paragraph.end, kind, "format")  # type: ignore[arg-type]


def find_notes(document: Document) -> list[AuthorNote]:
    """Every author's note of the document, in text order."""
    notes: list[AuthorNote] = []
    text_notes = _NoteSet(document)
    for chapter in document.chapters:
        for paragraph in chapter.paragraphs:
            if paragraph.role in _ROLE_KINDS:
                notes.append(_format_note(document, paragraph))
        _chapter_notes(text_notes, document, chapter)
    notes.extend(text_notes.whole.values())
    for paragraph in _paragraphs_with_inline_labels(document):
        if paragraph.role == "story":
            covered = text_notes.whole.get(paragraph.start)
            if covered is None:
                notes.extend(_inline_notes(document, paragraph))
            elif covered.end < paragraph.end:  # a huge labelled paragraph: its rest may hold more
                rest = Paragraph(covered.end, paragraph.end)
                notes.extend(_inline_notes(document, rest))
    notes.sort(key=lambda note: (note.start, note.end))
    return notes


def _paragraphs_with_inline_labels(document: Document) -> list[Paragraph]:
    """The few paragraphs worth a closer look: one pass of the label regex over the text."""
    paragraphs = sorted(document.paragraphs(), key=lambda p: p.start)
    starts = [p.start for p in paragraphs]
    chosen: dict[int, Paragraph] = {}
    for match in _inline_markers().finditer(document.text):
        index = bisect_right(starts, match.end() - 1) - 1
        if index >= 0 and paragraphs[index].end >= match.end():
            chosen[paragraphs[index].start] = paragraphs[index]
    return list(chosen.values())


def story_spans(document: Document, notes: list[AuthorNote]) -> list[tuple[int, int]]:
    """Story paragraphs with every note cut out, whitespace-trimmed, in order."""
    text = document.text
    cuts = sorted((note.start, note.end) for note in notes)
    spans: list[tuple[int, int]] = []
    cut_index = 0
    for paragraph in sorted(document.paragraphs(), key=lambda p: p.start):
        if paragraph.role != "story":
            continue
        while cut_index < len(cuts) and cuts[cut_index][1] <= paragraph.start:
            cut_index += 1
        position = paragraph.start
        index = cut_index
        while index < len(cuts) and cuts[index][0] < paragraph.end:
            spans.append((position, max(position, cuts[index][0])))
            position = max(position, cuts[index][1])
            index += 1
        spans.append((position, paragraph.end))
    trimmed = (trim_span(text, *span) for span in spans)
    return [(start, end) for start, end in trimmed if end > start]


class NotesStage:
    """Fills ``author_notes`` and ``story_spans`` (see the module docstring)."""

    name: ClassVar[str] = "notes"
    requires: ClassVar[tuple[str, ...]] = ("document",)
    provides: ClassVar[tuple[str, ...]] = ("author_notes", "story_spans")

    def __call__(self, analysis: Analysis) -> None:
        analysis.author_notes = find_notes(analysis.document)
        analysis.story_spans = story_spans(analysis.document, analysis.author_notes)
