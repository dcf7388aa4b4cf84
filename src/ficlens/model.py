"""The document model and the result objects every stage reads and writes.

A reader turns a file into a :class:`Document`: one extracted text (``Document.text``)
plus chapters and paragraphs that are character spans into it. Nothing downstream ever
copies text around with its own offsets: every span in every layer is ``(start, end)``
into ``Document.text``, so a user can always slice the original words back out.

The stages then fill an :class:`Analysis` layer by layer (notes, status, quotes,
characters, places, speakers, fandom, pairing). ``Analysis.to_dict()`` is the JSON
document described in ``schema/ficlens.schema.json``; the Python API returns the
same objects.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Iterator, Literal

SCHEMA_VERSION = "1"

Format = Literal[
    "txt", "md", "ao3-html", "ao3-epub", "ao3-page", "ffn-page", "fanficfare-epub", "fichub-epub",
    "epub", "html",  # a generic EPUB or web page from a generator/site ficlens does not know
]
# Where a paragraph came from. "story" is analysed; everything else is kept as a note
# (the formats that mark notes structurally: AO3 summary and notes, FanFicFare notes).
ParagraphRole = Literal["story", "summary", "note", "chapter-summary", "chapter-note", "end-note", "heading"]


@dataclass(slots=True)
class Paragraph:
    """One block of text: a span of ``Document.text`` and the role the file gave it."""

    start: int
    end: int
    role: ParagraphRole = "story"


@dataclass(slots=True)
class Chapter:
    """A chapter as the file divides the work; plain text is one chapter unless it has headings."""

    index: int
    title: str | None
    start: int
    end: int
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(slots=True)
class Declared:
    """The site's own metadata, as the file states it (never inferred).

    ``chapters`` keeps the site's "3/?" form; ``complete`` is what the site says
    (None when the file does not say).
    """

    site: str | None = None
    url: str | None = None
    fandoms: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    additional_tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    rating: str | None = None
    warnings: list[str] = field(default_factory=list)
    language: str | None = None
    series: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    completed: str | None = None
    words: int | None = None
    chapters: str | None = None
    complete: bool | None = None
    summary: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Document:
    """What a reader produces: one text, its chapters, and the file's own metadata."""

    text: str
    format: Format
    path: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    declared: Declared | None = None
    warnings: list[str] = field(default_factory=list)

    def paragraphs(self) -> Iterator[Paragraph]:
        for chapter in self.chapters:
            yield from chapter.paragraphs


# ---------------------------------------------------------------- result layers


@dataclass(slots=True)
class Evidence:
    """One reason for a decision: what signal, where it was seen, how much it weighs."""

    signal: str
    text: str | None = None
    start: int | None = None
    end: int | None = None
    source: Literal["text", "declared", "kb"] = "text"
    weight: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(slots=True)
class AuthorNote:
    """An author's note, disclaimer, dedication, thanks, review request or "to be continued"."""

    text: str
    start: int
    end: int
    kind: Literal[
        "note", "disclaimer", "dedication", "thanks", "review-request", "to-be-continued",
        "summary", "chapter-summary", "end-note",
    ] = "note"
    source: Literal["text", "format"] = "text"


@dataclass(slots=True)
class Status:
    """complete / in-progress / unknown, with the evidence from the text and from the site."""

    value: Literal["complete", "in-progress", "unknown"] = "unknown"
    evidence: list[Evidence] = field(default_factory=list)
    from_text: Literal["complete", "in-progress", "unknown"] = "unknown"
    declared: Literal["complete", "in-progress", "unknown"] | None = None
    conflict: bool = False


@dataclass(slots=True)
class Quote:
    """A quotation: ``start``/``end`` cover the words inside the marks, without the marks.

    A quote interrupted by a tag ('"Hey," she replied softly. "Rough day?"') is two
    quotes; ``group`` ties the parts of one utterance together.
    """

    text: str
    start: int
    end: int
    kind: Literal["speech", "thought", "written"] = "speech"
    speaker: str | None = None
    addressees: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float | None = None
    open_mark: str = '"'
    close_mark: str | None = '"'
    group: int | None = None


@dataclass(slots=True)
class NonDialogue:
    """Quoted text that is not dialogue: scare quotes, titles and names, mentioned words."""

    text: str
    start: int
    end: int
    kind: Literal["scare", "title", "mention", "other"] = "other"


@dataclass(slots=True)
class Mention:
    """One place in the text where a character or place is named (or, for pronouns, referred to)."""

    start: int
    end: int
    text: str
    entity: str
    kind: Literal["name", "pronoun", "title", "vocative"] = "name"
    category: Literal["character", "place"] = "character"


@dataclass(slots=True)
class Character:
    name: str
    aliases: list[str] = field(default_factory=list)
    gender: Literal["female", "male", "nonbinary", "unknown"] = "unknown"
    mentions: int = 0
    quotes: int = 0
    first_offset: int = 0
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class NonCharacter:
    name: str
    reason: str
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Place:
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: Literal[
        "country", "city", "town", "street", "building", "venue", "landmark", "region", "fictional", "other"
    ] = "other"
    mentions: int = 0
    first_offset: int = 0


@dataclass(slots=True)
class Fandom:
    name: str | None
    confidence: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    alternatives: list[dict[str, Any]] = field(default_factory=list)
    crossover: list[str] = field(default_factory=list)
    declared: list[str] = field(default_factory=list)
    agrees_with_declared: bool | None = None


@dataclass(slots=True)
class Relationship:
    characters: list[str]
    label: str
    kind: Literal["romantic", "platonic"] = "romantic"
    score: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class Pairing:
    characters: list[str]
    label: str
    confidence: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    declared: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- the analysis


def _plain(value: Any) -> Any:
    """dataclass -> dict recursively, dropping nothing (None stays null)."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(slots=True)
class Analysis:
    """Everything ficlens found in one work. Stages fill it in pipeline order.

    ``story_spans`` is the story text the later stages analyse: the document's story
    paragraphs with every author's note cut out. It is set by the notes stage.
    """

    document: Document
    author_notes: list[AuthorNote] = field(default_factory=list)
    story_spans: list[tuple[int, int]] = field(default_factory=list)
    status: Status = field(default_factory=Status)
    quotes: list[Quote] = field(default_factory=list)
    non_dialogue: list[NonDialogue] = field(default_factory=list)
    characters: list[Character] = field(default_factory=list)
    non_characters: list[NonCharacter] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    narrator: str | None = None
    fandom: Fandom | None = None
    pairing: Pairing | None = None
    relationships: list[Relationship] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.document.text

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "schema_version": SCHEMA_VERSION,
            "source": {"path": doc.path, "format": doc.format},
            "title": doc.title,
            "authors": list(doc.authors),
            "declared": doc.declared.to_dict() if doc.declared else None,
            "chapters": [
                {"index": c.index, "title": c.title, "start": c.start, "end": c.end} for c in doc.chapters
            ],
            "status": _plain(self.status),
            "author_notes": _plain(self.author_notes),
            "quotes": _plain(self.quotes),
            "non_dialogue": _plain(self.non_dialogue),
            "characters": _plain(self.characters),
            "non_characters": _plain(self.non_characters),
            "places": _plain(self.places),
            "narrator": self.narrator,
            "fandom": _plain(self.fandom),
            "pairing": _plain(self.pairing),
            "relationships": _plain(self.relationships),
            "warnings": list(doc.warnings),
            "text_length": len(doc.text),
        }

    def to_json(self, *, indent: int | None = 2, include_text: bool = False) -> str:
        import json

        data = self.to_dict()
        if include_text:
            data["text"] = self.text
        return json.dumps(data, ensure_ascii=False, indent=indent)
