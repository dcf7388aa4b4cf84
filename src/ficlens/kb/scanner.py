"""One pass over a text that finds every known name form: a token n-gram dict lookup.

Thousands of KB name forms cannot be searched one regex at a time. The scanner keys
each form by its token tuple (see :mod:`ficlens.kb.forms`), walks the text's tokens
once, and at each token that can start a form tries the longest n-gram first. Cost is
linear in the text, whatever the size of the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Iterable, Iterator, TypeVar

from .forms import MAX_TOKENS, form_key, possessive_stem, tokens_with_spans

T = TypeVar("T")


@dataclass(slots=True)
class Hit(Generic[T]):
    """One occurrence of a name form in the text: its span and what the form names."""

    start: int
    end: int
    key: tuple[str, ...]
    payloads: list[T]
    sentence_initial: bool = False


class NameScanner(Generic[T]):
    """Maps name forms (case-sensitive token tuples) to payloads and finds them in text."""

    def __init__(self) -> None:
        self.forms: dict[tuple[str, ...], list[T]] = {}
        self._starts: set[str] = set()
        self._longest = 1

    def add(self, form: str, payload: T) -> tuple[str, ...] | None:
        key = form_key(form)
        if not key or len(key) > MAX_TOKENS:
            return None
        payloads = self.forms.setdefault(key, [])
        if payload not in payloads:
            payloads.append(payload)
        self._starts.add(key[0])
        self._longest = max(self._longest, len(key))
        return key

    def __len__(self) -> int:
        return len(self.forms)

    def scan(self, text: str, spans: Iterable[tuple[int, int]]) -> Iterator[Hit[T]]:
        """Every longest, non-overlapping occurrence of a known form inside the spans."""
        for span_start, span_end in spans:
            tokens = list(tokens_with_spans(text, span_start, span_end))
            i = 0
            while i < len(tokens):
                hit, used = self._match_at(text, tokens, i, span_start)
                if hit is not None:
                    yield hit
                    i += used
                else:
                    i += 1

    def _match_at(self, text: str, tokens: list[tuple[str, int, int]], i: int, span_start: int):
        first = tokens[i][0]
        if first not in self._starts and (possessive_stem(first) not in self._starts):
            return None, 0
        for n in range(min(self._longest, len(tokens) - i), 0, -1):
            words = [t[0] for t in tokens[i : i + n]]
            if not _adjacent(text, tokens, i, n):
                continue
            for key in _candidates(words):
                payloads = self.forms.get(key)
                if payloads:
                    start, end = tokens[i][1], tokens[i + n - 1][2]
                    if key[-1] != words[-1]:  # matched without the possessive ending
                        end -= len(words[-1]) - len(key[-1])
                    return Hit(start, end, key, payloads, _sentence_initial(text, start, span_start)), n
        return None, 0


def _candidates(words: list[str]) -> list[tuple[str, ...]]:
    key = tuple(words)
    stem = possessive_stem(words[-1])
    return [key] if stem is None else [key, (*words[:-1], stem)]


def _adjacent(text: str, tokens: list[tuple[str, int, int]], i: int, n: int) -> bool:
    """A multi-token form must not span a line break or sentence punctuation."""
    for j in range(i, i + n - 1):
        gap = text[tokens[j][2] : tokens[j + 1][1]]
        if len(gap) > 3 or any(ch in gap for ch in "\n,;:!?\"“”()"):
            return False
    return True


def _sentence_initial(text: str, start: int, span_start: int) -> bool:
    """True when the word opens a sentence or a quote, where any word is capitalized."""
    j = start - 1
    while j >= span_start and text[j] in " \t\"“‘'*_(—-":
        j -= 1
    return j < span_start or text[j] in ".!?…\n:"
