"""LitBank's tokenised sentences rebuilt into the running text a reader would see.

LitBank stores each excerpt as one tokenised sentence per line, tokens separated by
single spaces (``Mr. Heathcliff 's horse``, ``' Thrushcross Grange is my own , sir , '``).
ficlens reads text as written, so both LitBank benchmarks rebuild the text from the
tokens and keep each token's character span, so gold annotations given in tokens (or
in characters of the tokenised file) can be moved onto the rebuilt text.

Rules (one left-to-right pass; each rule is how English prose is punctuated):

* punctuation, clitics (``'s``, ``n't``, ``'S`` in capitals) and closing marks
  attach to the word before; opening brackets and opening marks attach to the word
  after;
* a straight double mark ``"`` alternates open/close (LitBank keeps no curly/straight
  distinction for these works), except that a mark opening a sentence line before a
  word, while a quote is open, reopens it: a quote running over several paragraphs
  is reopened at each paragraph and closed only at the last, and a plain toggle would
  flip every later mark of the excerpt. (It closes the open quote instead when an even,
  non-zero number of marks follows in its sentence: ``" Your friend , " DRACULA . "``,
  a letter's closing mark that the sentence splitter put at the next line's start.)
* a lone straight single mark ``'`` is usually a quotation mark, because LitBank
  splits clitics into their own tokens (``'s``, ``n't``, ``'ll``). Which side it
  attaches to depends on whether a single quote is open. The exceptions are apostrophes
  glued to the word before: the plural possessive (``the boys ' house``: after a word in
  *-s*/*-z* other than a speech verb, before a lower-case word) and, with no quote
  open, a mark after a word with no other lone mark ahead in its sentence, which could
  close a quote it opened (dialect elisions ``goin ' home``, ``o ' wit``). These attach
  to the word before and leave the open/close state alone. A lone mark opening a
  sentence line before a word opens a quote whatever the state says, so one odd mark
  (an elided ``a'`` in an epigraph) cannot flip the rest of the excerpt. A single quote
  opened inside a double quote ends when the double quote does (a nested quote cannot
  outlive the one around it);
* an opening mark the sentence splitter left at the end of the sentence before
  (``... Margaret overheard . '`` / ``I suffered too much``) is glued to the next
  sentence, and starts its paragraph when it follows the end of a sentence (not a
  comma or colon: ``he said , "`` / ``Come here . "``) outside a double quote (inside
  one, a trailing ``'`` is an elision: ``fleshpots . '`` / ``T is children``).

LitBank keeps no paragraph breaks either. :func:`paragraph_breaks` starts a new
paragraph at every sentence that opens with a quotation mark (or with a dash, in works
that write dialogue with dashes), since these novels start a new paragraph for each
turn of dialogue, and at every sentence that follows one ending inside a closed quote
('"I am here."' then 'She left.'). That second rule is measured on PDNC's 22 novels,
which keep their paragraphs: after a sentence ending with a closing mark, a sentence
that opens with no mark starts a new paragraph 6,171 times and stays 2,029 times;
after any other sentence it stays 88-91% of the time. Other narration sentences join
the paragraph before, after a space, as in print (one sentence per line would make
every sentence a paragraph of its own, and a quote running over two sentences two
quotes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dialogue_tags import verb_forms

_CLITICS = {"'s", "n't", "'ll", "'re", "'ve", "'d", "'m", "’s", "’ll", "’re", "’ve", "’d", "’m", "’t", "'t"}
_ATTACH_LEFT = {",", ".", ";", ":", "!", "?", ")", "]", "”", "’", "’”", "…", "--", "...", "...."} | _CLITICS
_ATTACH_RIGHT = {"(", "[", "“", "‘", "“‘"}
OPEN_MARKS = "\"“‘'"
CLOSE_MARKS = "\"”’'"
DIALOGUE_DASHES = ("—", "--", "–")
_SENTENCE_ENDS = {".", "!", "?", "...", "…"}

TokenKey = tuple[int, int]  # (sentence index, token index)
Span = tuple[int, int]


@dataclass(slots=True)
class RebuiltText:
    """The rebuilt text, each token's character span in it, and each sentence's span."""

    text: str
    token_spans: dict[TokenKey, Span]
    sentences: list[Span]
    trailing_opens: set[TokenKey]  # an opening mark or bracket that ends its sentence
    quote_ends: set[int]  # sentences ending with a full stop (! ?) and a closing mark


class _QuoteState:
    """Open/close state of the straight marks while the tokens are read in order."""

    def __init__(self) -> None:
        self.double_open = False
        self.single_open = False
        self.single_inside_double = False

    def role(self, tokens: list[str], t: int) -> str:
        """'open', 'close', 'left' (attach left, no quote) or 'plain' for token ``t``."""
        token = tokens[t]
        prev = tokens[t - 1] if t else None
        nxt = tokens[t + 1] if t + 1 < len(tokens) else None
        if token == '"':
            ahead = tokens[t + 1:].count('"')
            closes_open = self.double_open and ahead % 2 == 0 < ahead  # '" Yours , " JOHN . "'
            if prev is None and nxt is not None and nxt[:1].isalnum() and not closes_open:
                self.double_open = True  # a mark opening a sentence reopens a quote left open
            else:
                self.double_open = not self.double_open
            if not self.double_open and self.single_inside_double:
                self.single_open = self.single_inside_double = False
            return "close" if not self.double_open else "open"
        if token in ("“", "”"):
            self.double_open = token == "“"
        if token != "'":
            return "plain"
        if _is_apostrophe(prev, nxt, self.single_open, "'" in tokens[t + 1:]):
            return "left"
        if prev is None and nxt is not None and nxt[:1].isalnum():
            self.single_open, self.single_inside_double = True, self.double_open
            return "open"  # a mark opening a sentence opens a quote, whatever came before
        if self.single_open:
            self.single_open = self.single_inside_double = False
            return "close"
        self.single_open = True
        self.single_inside_double = self.double_open
        return "open"


def _is_apostrophe(prev: str | None, nxt: str | None, single_open: bool, marks_ahead: bool) -> bool:
    """A lone mark glued to the word before: a plural possessive (``the boys ' house``:
    after -s/-z, before a lower-case word) or, with no quote open, an elision with no
    closing mark ahead in the sentence (``goin ' home``, ``o ' wit``)."""
    if not prev or not prev.isalpha():
        return False
    if (prev[-1] in "sSzZ" and nxt is not None and nxt[:1].isalpha() and nxt[:1].islower()
            and prev.lower() not in verb_forms("speech_verbs")):  # not 'she says ' a-tissue'
        return True
    return not single_open and not marks_ahead


def detokenize(lines: list[list[str]], breaks: set[TokenKey] | None = None) -> RebuiltText:
    """Rebuild the text of LitBank's tokenised sentences (see the module docstring).

    Without ``breaks`` every sentence starts a new line. With ``breaks`` (the tokens
    that start a paragraph, from :func:`paragraph_breaks`) only those start a new line
    and the other sentences follow the one before after a space, as in print; the
    paragraphs are then the lines."""
    parts: list[str] = []
    spans: dict[TokenKey, Span] = {}
    sentences: list[Span] = []
    length = 0
    state = _QuoteState()
    glue = True
    trailing_opens: set[TokenKey] = set()
    quote_ends: set[int] = set()
    for s, tokens in enumerate(lines):
        for t, token in enumerate(tokens):
            role = state.role(tokens, t)
            attaches_left = role in ("close", "left") or token in _ATTACH_LEFT or token.lower() in _CLITICS
            if (s or t) and (breaks is None and t == 0 or breaks is not None and (s, t) in breaks):
                parts.append("\n")
                length += 1
            elif not glue and not attaches_left:
                parts.append(" ")
                length += 1
            spans[(s, t)] = (length, length + len(token))
            parts.append(token)
            length += len(token)
            glue = role == "open" or token in _ATTACH_RIGHT
        if tokens and glue and not (tokens[-1] == "'" and state.double_open):
            trailing_opens.add((s, len(tokens) - 1))  # not inside a double quote: 'T is
        closing = role == "close" or tokens[-1] in ("”", "’", "’”")
        if len(tokens) > 1 and tokens[-2] in _SENTENCE_ENDS and closing:
            quote_ends.add(s)
        sentences.append((spans[(s, 0)][0] if tokens else length, length))
    return RebuiltText("".join(parts), spans, sentences, trailing_opens, quote_ends)


def read_tokenised(path) -> list[list[str]]:
    """One list of tokens per line of a LitBank tokenised ``.txt`` file."""
    return [line.split(" ") for line in path.read_text(encoding="utf-8").split("\n")]


def paragraph_breaks(lines: list[list[str]]) -> set[TokenKey]:
    """The tokens that start a paragraph: the first token of every sentence that opens
    with a quotation mark or follows a sentence ending inside a closed quote ('"I am
    here." | She left.'), and, in a work whose dash-opened sentences outnumber its
    quoted ones (dash dialogue), of every sentence opening with a dash and every dash
    right after a colon ("His mother said: — O, Stephen"), which in such works opens a
    paragraph of speech. Elsewhere a dash is a break inside a paragraph."""
    one_per_line = detokenize(lines)
    text = one_per_line.text
    marked = {i for i, (start, _) in enumerate(one_per_line.sentences) if text[start:start + 1] in OPEN_MARKS}
    dashed = {i for i, tokens in enumerate(lines) if tokens and tokens[0] in DIALOGUE_DASHES}
    breaks = {(i, 0) for i in marked | {s + 1 for s in one_per_line.quote_ends}} | {
        (s, t) for s, t in one_per_line.trailing_opens
        if lines[s][t] in OPEN_MARKS and (t == 0 or lines[s][t - 1] in _SENTENCE_ENDS)}
    if len(dashed) > len(marked):
        breaks |= {(i, 0) for i in dashed}
        breaks |= {(s, t) for s, tokens in enumerate(lines) for t in range(1, len(tokens))
                   if tokens[t] in DIALOGUE_DASHES and tokens[t - 1] == ":"}
    return breaks


def line_spans(text: str) -> list[Span]:
    """The non-empty lines of ``text``: the paragraphs of a text rebuilt with breaks."""
    return [match.span() for match in re.finditer(r"[^\n]+", text)]


def char_offset_map(lines: list[list[str]], rebuilt: RebuiltText) -> tuple[dict[int, int], dict[int, int]]:
    """Token starts and ends in the tokenised file (tokens joined by single spaces, one
    sentence per line) -> the same token's start and end in the rebuilt text."""
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    pos = 0
    for s, tokens in enumerate(lines):
        for t, token in enumerate(tokens):
            new_start, new_end = rebuilt.token_spans[(s, t)]
            starts[pos] = new_start
            ends[pos + len(token)] = new_end
            pos += len(token) + 1
    return starts, ends
