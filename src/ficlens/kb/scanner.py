"""One pass over a text that finds every known name form: a token n-gram dict lookup.

Thousands of KB name forms cannot be searched one regex at a time. The scanner keys
each form by its token tuple (see :mod:`ficlens.kb.forms`), walks the text's tokens
once, and at each token that can start a form tries the longest n-gram first. Cost is
linear in the text, whatever the size of the index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Iterable, Iterator, TypeVar

from .forms import MAX_TOKENS, form_key, possessive_stem, token_list

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
        self._prefixes: set[tuple[str, ...]] = set()  # proper prefixes of multi-token forms
        self._starts: set[str] = set()

    def add(self, form: str, payload: T) -> tuple[str, ...] | None:
        key = form_key(form)
        if not key or len(key) > MAX_TOKENS:
            return None
        payloads = self.forms.setdefault(key, [])
        if payload not in payloads:
            payloads.append(payload)
        self._starts.add(key[0])
        self._prefixes.update(key[:n] for n in range(1, len(key)))
        return key

    def __len__(self) -> int:
        return len(self.forms)

    def scan(self, text: str, spans: Iterable[tuple[int, int]]) -> Iterator[Hit[T]]:
        """Every longest, non-overlapping occurrence of a known form inside the spans."""
        starts = self._starts
        for span_start, span_end in spans:
            tokens = token_list(text, span_start, span_end)
            i = 0
            n = len(tokens)
            while i < n:
                word = tokens[i][0]
                if word not in starts and (word[-1] not in "s'" or possessive_stem(word) not in starts):
                    i += 1
                    continue
                hit, used = self._longest_at(text, tokens, i, span_start)
                if hit is not None:
                    yield hit
                i += used or 1

    def _longest_at(self, text: str, tokens: list[tuple[str, int, int]], i: int, span_start: int):
        """Walk forward while the words are a prefix of some form; keep the longest full form."""
        best: tuple[int, tuple[str, ...]] | None = None
        key: tuple[str, ...] = ()
        j = i
        while True:
            word = tokens[j][0]
            extended = (*key, word)
            if extended in self.forms:
                best = (j, extended)
            else:
                stem = possessive_stem(word)
                if stem is not None and (*key, stem) in self.forms:
                    best = (j, (*key, stem))
            if extended not in self._prefixes or j + 1 >= len(tokens) or not _joinable(text, tokens[j], tokens[j + 1]):
                break
            key, j = extended, j + 1
        if best is None:
            return None, 0
        last, found = best
        start, end = tokens[i][1], tokens[last][2]
        if found[-1] != tokens[last][0]:  # matched without the possessive ending
            end -= len(tokens[last][0]) - len(found[-1])
        return Hit(start, end, found, self.forms[found], _sentence_initial(text, start, span_start)), last - i + 1


def _joinable(text: str, left: tuple[str, int, int], right: tuple[str, int, int]) -> bool:
    """A multi-token form must not span a line break or sentence punctuation."""
    gap = text[left[2] : right[1]]
    return len(gap) <= 3 and not any(ch in gap for ch in "\n,;:!?\"“”()")


def _sentence_initial(text: str, start: int, span_start: int) -> bool:
    """True when the word opens a sentence or a quote, where any word is capitalized."""
    j = start - 1
    while j >= span_start and text[j] in " \t\"“‘'*_(—-":
        j -= 1
    return j < span_start or text[j] in ".!?…\n:"
