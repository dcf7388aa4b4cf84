"""What a quoted span is: dialogue (speech, thought, written) or not (scare, title, mention).

Not every pair of quote marks is dialogue. Narration quotes words to keep them at a
distance (her "mulling"), to name things (Aix was called "The City of Fountains"), or to
talk about a word (what is 'it'?). Podfic readers need every spoken line and nothing
else, so the decision uses the cues a reader uses:

* dialogue: a dialogue tag beside it, terminal punctuation inside the marks, a paragraph
  of its own, or simply length;
* not dialogue: a short phrase without terminal punctuation sitting mid-sentence,
  usually after a determiner/possessive, a naming word ("called", "episode") or a
  word about words ("the word", "is").

Quotes nested inside another quote are never dialogue of their own: the outer quote
already carries the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .dialogue_tags import Tag, TagKind, tag_after, tag_before
from .lexicon import word_set
from .quote_marks import QuotedSpan

NonDialogueKind = Literal["scare", "title", "mention", "other"]

# A short phrase: at most this many words and no terminal punctuation inside the marks.
PHRASE_MAX_WORDS = 8
# An inline phrase: at most this many words, ending in ',' or '.', right after a narration word.
INLINE_MAX_WORDS = 5
_TERMINAL = ".,!?…—–-;:"
_DECORATION = "*_~ \t\n([{—–-"
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_PRONOUN_START = re.compile(r"(?:he|she|they|we|you|it)\b")
_PLAIN_WORD = re.compile(r"[\w'’\-]+")


@dataclass(frozen=True, slots=True)
class Verdict:
    """The decision for one quoted span: dialogue with a kind, or non-dialogue with a kind."""

    dialogue: bool
    kind: TagKind | NonDialogueKind
    tag: Tag | None = None


def _ends_with_terminal(content: str) -> bool:
    stripped = content.rstrip("*_~ ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def _words(content: str, limit: int = PHRASE_MAX_WORDS + 1) -> list[str]:
    words = []
    for match in _WORD.finditer(content, 0, min(len(content), 400)):
        words.append(match.group())
        if len(words) >= limit:
            break
    return words


def _is_title_case(words: list[str]) -> bool:
    """Every word capitalised except short function words, the first always capitalised."""
    if not words or not words[0][0].isupper():
        return False
    small = word_set("small_words")
    return all(w[0].isupper() or w.lower() in small for w in words)


def _previous_words(text: str, start: int, pos: int) -> list[str]:
    """Up to three lower-cased words right before ``pos``, joined by nothing but spaces.

    A word glued to punctuation ('called, "X"') ends the run: what follows a comma is
    not governed by the word before it.
    """
    window = text[max(start, pos - 60):pos]
    if window.rstrip() == window and window:
        return []  # no space before the mark: 'word"'
    words: list[str] = []
    for token in reversed(window.split()[-3:]):
        if not _PLAIN_WORD.fullmatch(token):
            break
        words.append(token.lower())
    return words[::-1]


def _cue_before(previous: list[str], list_name: str) -> bool:
    if not previous:
        return False
    cues = word_set(list_name)
    return previous[-1] in cues or " ".join(previous[-2:]) in cues


def _phrase_kind(words: list[str], previous: list[str]) -> NonDialogueKind:
    """Which kind of non-dialogue a short quoted phrase is."""
    title_case = _is_title_case(words)
    if title_case and (len(words) >= 2 or _cue_before(previous, "title_cues")):
        return "title"
    if _cue_before(previous, "mention_cues"):
        return "mention"
    if previous and previous[-1] in word_set("scare_cues"):
        return "scare"
    if len(words) == 1 and words[0].islower():
        return "mention"
    return "title" if title_case and len(words) > 1 else "scare"


def _inline_phrase(span: QuotedSpan, text: str, content: str, words: list[str]) -> bool:
    """A few words ending in ',' or '.' right after a word of narration: American
    punctuation inside the marks of a scare quote or name ('the "younger set," in which',
    'a bottle marked "poison,"'), not a line of dialogue."""
    if len(words) > INLINE_MAX_WORDS or content.rstrip("*_~ ")[-1:] not in ",.;":
        return False
    before = text[max(span.paragraph[0], span.open_at - 3):span.open_at].rstrip()
    return bool(before) and before[-1].isalnum()


def _sentence_position(span: QuotedSpan, text: str) -> bool:
    """True when the quote stands where a sentence stands: it opens the paragraph or
    follows a sentence end, and the paragraph or a new sentence follows it
    ('"Luke!"' alone; '"Lorelai, please don't go" Luke slowly walked up').
    A quoted title mid-sentence ('after "The Long Morrow" or ...') fails both sides."""
    para_start, para_end = span.paragraph
    before = text[max(para_start, span.open_at - 20):span.open_at].rstrip(_DECORATION)
    if before and before[-1] not in ".!?…:\"”'’":
        return False
    if span.close_at is None:
        return True
    after = text[span.close_at + 1:min(para_end, span.close_at + 20)]
    if after.lstrip(" ").startswith(("—", "–", "--")):
        return True  # '"No"--said Darcy' / '"Aunt Juley"--she jumped up'
    after = after.lstrip(_DECORATION)
    return not after or after[0].isupper() or after[0] in '"“‘\'' or _PRONOUN_START.match(after) is not None


def classify(span: QuotedSpan, text: str) -> Verdict:
    """Decide whether ``span`` is dialogue and of which kind (see the module docstring)."""
    content = text[span.content_start:span.content_end]
    words = _words(content)
    para_start, para_end = span.paragraph
    previous = _previous_words(text, para_start, span.open_at)
    phrase = (len(words) <= PHRASE_MAX_WORDS and not _ends_with_terminal(content)) or _inline_phrase(
        span, text, content, words
    )
    if span.depth > 1:
        return Verdict(False, _phrase_kind(words, previous) if phrase else "other")
    after = tag_after(text, span.close_at + 1, para_end) if span.close_at is not None else None
    before = tag_before(text, span.open_at, para_start)
    if after is not None and _is_beat(content, after, text):
        after = Tag("speech", after.verb, after.subject, after.start, after.end)
    if not phrase:
        return Verdict(True, _tag_kind(after or before), after or before)
    if after is not None:
        return Verdict(True, after.kind, after)
    if before is not None and _introduces(before, text, span, words):
        return Verdict(True, before.kind, before)
    if _sentence_position(span, text):
        return Verdict(True, "speech")
    if len(words) >= 2 and not _is_title_case(words) and _only_decoration(text, para_start, span.open_at):
        return Verdict(True, "speech")  # '"I cannot go, because" looking down as she spoke'
    return Verdict(False, _phrase_kind(words, previous))


def _introduces(tag: Tag, text: str, span: QuotedSpan, words: list[str]) -> bool:
    """Whether a tag before a short phrase makes it a line ('he said, "Fine"', 'said "Hell."').

    Naming verbs ('was called "The City of Fountains"', 'she read "Emma"') only
    introduce a line with a comma or colon, or when a note or sign is what 'reads'.
    """
    if text[tag.start:span.open_at].rstrip()[-1:] in ",:":
        return True
    if tag.kind == "written":
        return _names_written_object(tag) or not _is_title_case(words)
    return tag.verb.lower() not in word_set("title_cues")


def _only_decoration(text: str, start: int, end: int) -> bool:
    return not text[start:end].strip(_DECORATION)


def _is_beat(content: str, tag: Tag, text: str) -> bool:
    """A new sentence after a line closed by a full stop ('"Me neither." She thinks of
    Snape') is an action beat: evidence of dialogue, but its verb does not make the
    line a thought."""
    return content.rstrip("*_~ ")[-1:] == "." and text[tag.start:tag.end].lstrip(" \t\n,;:")[:1].isupper()


def _names_written_object(tag: Tag) -> bool:
    return bool(tag.subject) and tag.subject.lower() in word_set("written_objects")


def _tag_kind(tag: Tag | None) -> TagKind:
    return tag.kind if tag is not None else "speech"
