"""The quote stage: every quotation in the story text, dialogue or not.

Podfic makers need every line of dialogue; researchers need the same at scale. So the
stage is one pass of a mark scanner over each story paragraph (``quote_marks``), a
cheap contextual decision per quoted span (``quote_roles``) and a grouping step that
ties together the parts of one utterance:

* parts interrupted by a tag in one paragraph ('"Hey," she replied softly. "Rough day?"');
* a quote continued across paragraphs by the usual convention (no closing mark at the
  end of a paragraph, an opening mark at the start of the next one).

Which family of marks is the dialogue mark (double or single) is decided per work from
the counts of opening marks; a work that writes its dialogue with dashes instead
("— Come in, he said.") is recognised the same way, per work (``dash_dialogue``).
No spaCy: the whole stage is regexes over short windows.
"""

from __future__ import annotations

from typing import ClassVar, Iterable

from .dash_dialogue import dash_speech, opens_with_dash, uses_dash_dialogue
from .model import Analysis, NonDialogue, Quote
from .quote_marks import Family, Mark, QuotedSpan, count_openers, pair_marks, paragraph_marks, primary_family
from .quote_roles import Verdict, classify
from .spans import BLOCK, LINE, is_hard_wrapped, trim_span

# A quote part joins the previous part's utterance when at most this much text lies between.
MAX_TAG_GAP = 150
_SENTENCE_END = ".!?…)*_"
_LEADING_DECORATION = "*_~ \t\n([{—–-"


class QuoteStage:
    """Finds quotes (speech, thought, written) and non-dialogue quoted text in story spans."""

    name: ClassVar[str] = "quotes"
    requires: ClassVar[tuple[str, ...]] = ("story_spans",)
    provides: ClassVar[tuple[str, ...]] = ("quotes", "non_dialogue")

    def __call__(self, analysis: Analysis) -> None:
        analysis.quotes, analysis.non_dialogue = find_quotes(analysis.text, analysis.story_spans)


def find_quotes(text: str, spans: Iterable[tuple[int, int]]) -> tuple[list[Quote], list[NonDialogue]]:
    """Quotes and non-dialogue quoted text of ``text`` within ``spans``, in text order."""
    paragraphs = dialogue_paragraphs(text, list(spans))
    marks = [paragraph_marks(text, start, end) for start, end in paragraphs]
    counts = count_openers([m for para in marks for m in para])
    primary = primary_family(counts)
    quotes: list[Quote] = []
    non_dialogue: list[NonDialogue] = []
    grouper = _Grouper(text, primary)
    dashes = uses_dash_dialogue(text, paragraphs, counts[primary])
    left_open = False
    for paragraph, para_marks in zip(paragraphs, marks):
        if dashes and (opens_with_dash(text, *paragraph) or not any(m.family == primary for m in para_marks)):
            dash_quotes = _dash_quotes(text, paragraph, grouper)
            if dash_quotes:
                quotes.extend(dash_quotes)
                non_dialogue.extend(_quoted_words(text, para_marks, paragraph, primary))
                left_open = False
                continue
        spans, left_open = pair_marks(text, para_marks, paragraph, primary, continues_open=left_open)
        for span in spans:
            verdict = grouper.verdict(span, classify(span, text))
            content = text[span.content_start:span.content_end]
            if verdict.dialogue:
                quote = Quote(
                    text=content, start=span.content_start, end=span.content_end, kind=verdict.kind,
                    open_mark=span.open_mark, close_mark=span.close_mark,
                )
                grouper.add(quote, span, verdict)
                quotes.append(quote)
            else:
                non_dialogue.append(
                    NonDialogue(text=content, start=span.content_start, end=span.content_end, kind=verdict.kind)
                )
    return quotes, non_dialogue


def _dash_quotes(text: str, paragraph: tuple[int, int], grouper: "_Grouper") -> list[Quote]:
    """The speech of a dash-dialogue paragraph: one utterance, a quote per part."""
    parts = dash_speech(text, *paragraph)
    if not parts:
        return []
    group = grouper.new_group()
    quotes = [
        Quote(text=text[p.start:p.end], start=p.start, end=p.end, kind=p.tag.kind if p.tag else "speech",
              open_mark=p.dash, close_mark=None, group=group)
        for p in parts
    ]
    tagged = next((q.kind for q, p in zip(quotes, parts) if p.tag is not None), "speech")
    for quote, part in zip(quotes, parts):
        if part.tag is None:
            quote.kind = tagged  # an untagged last part is said the way the tag says
    return quotes


def _quoted_words(
    text: str, marks: list[Mark], paragraph: tuple[int, int], primary: Family
) -> list[NonDialogue]:
    """Quotation marks inside a line of dash dialogue ('— He said «no», you know.'): the
    dash already carries the line, so what they enclose is quoted words, not dialogue."""
    spans, _ = pair_marks(text, marks, paragraph, primary)
    words = []
    for span in spans:
        verdict = classify(span, text)
        words.append(NonDialogue(
            text=text[span.content_start:span.content_end], start=span.content_start, end=span.content_end,
            kind="other" if verdict.dialogue else verdict.kind,
        ))
    return words


def dialogue_paragraphs(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs a quote may not cross without a new opening mark.

    Pasted fan fiction often has one paragraph per line with no blank lines; Gutenberg
    texts wrap lines at ~70 characters and separate paragraphs with blank lines. The
    work's line lengths tell which, and the spans are split accordingly.
    """
    pattern = BLOCK if is_hard_wrapped(text, spans) else LINE
    paragraphs: list[tuple[int, int]] = []
    for start, end in spans:
        for match in pattern.finditer(text, start, end):
            line_start, line_end = trim_span(text, *match.span())
            if line_end > line_start:
                paragraphs.append((line_start, line_end))
    return paragraphs


class _Grouper:
    """Gives each dialogue quote an utterance group and lets untagged parts inherit a kind."""

    def __init__(self, text: str, primary: Family) -> None:
        self.text = text
        self.primary = primary
        self.next_group = 0
        self.last: tuple[Quote, QuotedSpan, Verdict] | None = None

    def new_group(self) -> int:
        """A group for an utterance made outside the mark pairing (dash dialogue); the
        next marked quote does not join it."""
        self.last = None
        self.next_group += 1
        return self.next_group - 1

    def _continues_paragraph(self, span: QuotedSpan) -> bool:
        """An opening mark at the start of a paragraph right after one left open at a sentence end.

        A line left open after a dash or mid-sentence ('"I don't mind-') lost its closing
        mark: the next paragraph is a new line, probably another speaker's."""
        if self.last is None:
            return False
        _, last_span, _ = self.last
        if span.continued:
            return last_span.close_at is None
        return (
            last_span.close_at is None
            and self.text[last_span.content_end - 1] in _SENTENCE_END  # not a cut-off line ("room-")
            and last_span.family == span.family
            and last_span.paragraph[1] <= span.paragraph[0]
            and not self.text[last_span.paragraph[1]:span.paragraph[0]].strip()
            and not self.text[span.paragraph[0]:span.open_at].strip(_LEADING_DECORATION)
        )

    def verdict(self, span: QuotedSpan, verdict: Verdict) -> Verdict:
        """A continuation paragraph is dialogue whatever it looks like on its own."""
        if (not verdict.dialogue or span.continued) and span.depth == 1 and self._continues_paragraph(span):
            return Verdict(True, self.last[2].kind if self.last else "speech")
        return verdict

    def _joins_last(self, span: QuotedSpan, verdict: Verdict) -> bool:
        if self.last is None:
            return False
        _, last_span, last_verdict = self.last
        if self._continues_paragraph(span):
            return True
        if last_span.paragraph != span.paragraph or last_span.close_at is None:
            return False
        if span.open_at - last_span.close_at > MAX_TAG_GAP:
            return False
        if verdict.tag and last_verdict.tag and verdict.tag.start > span.open_at:
            return _same_subject(verdict.tag.subject, last_verdict.tag.subject)
        return True

    def add(self, quote: Quote, span: QuotedSpan, verdict: Verdict) -> None:
        if self._joins_last(span, verdict):
            last_quote, _, last_verdict = self.last
            quote.group = last_quote.group
            if verdict.tag is None:
                quote.kind = last_quote.kind
            elif last_verdict.tag is None and quote.kind != last_quote.kind:
                last_quote.kind = quote.kind  # the tag after the second part names the kind of both
        else:
            quote.group = self.next_group
            self.next_group += 1
        self.last = (quote, span, verdict)


def _same_subject(a: str | None, b: str | None) -> bool:
    return (a or "").lower() == (b or "").lower()
