"""Building the places and their mentions from the names judged to be places.

Why this module: ``places`` holds the rules for whether a name is a place and which kind;
this builds the stage's results from the per-name verdicts (``name_verdicts``): the name
each place is shown by (keeping its article where ``places.display_name`` says so), the
aliases ("Aix" for "Aix-en-Provence") and one mention per use. Kept apart from
``places`` so that module stays free of verdicts and of the model's result types.
"""

from __future__ import annotations

import re

from . import places as place_rules
from .model import Mention, Place
from .name_verdicts import Verdict
from .names import Occurrence, given_names


def place_display_names(text: str, occurrences: list[Occurrence], verdicts: dict[str, Verdict | None]) -> dict[str, str]:
    keep_article: dict[str, str] = {}
    for occ in occurrences:
        verdict = verdicts.get(occ.name)
        if not verdict or verdict.what != "place" or not occ.article:
            continue
        capital_mid = occ.article == "The" and not _starts_sentence(text, occ)
        shown = place_rules.display_name(occ.name, occ.article.lower() if not capital_mid else "The", capital_mid)
        if shown != occ.name:
            keep_article.setdefault(occ.name, shown)
    return {name: keep_article.get(name, name) for name, v in verdicts.items() if v and v.what == "place"}


def _starts_sentence(text: str, occ: Occurrence) -> bool:
    from .names import is_initial

    start = occ.article_start if occ.article_start is not None else occ.start
    return is_initial(text, start, max(0, text.rfind("\n", 0, start) + 1))


_COMPOUND_TAIL = re.compile(r"-([a-z]{2,})")


def _compound_word(text: str, occ: Occurrence) -> bool:
    """ "The Old Sea-dog", "some London-pride": the name is the head of a compound word
    (a lower-case word hyphened on), not a mention of the place; "Newgate-street" is one."""
    tail = _COMPOUND_TAIL.match(text, occ.end)
    return tail is not None and tail.group(1) not in place_rules.lower_cue_words()


def build_places(text: str, occurrences: list[Occurrence], verdicts: dict[str, Verdict | None],
                 shown: dict[str, str]) -> tuple[list[Place], list[Mention]]:
    places: dict[str, Place] = {}
    mentions: list[Mention] = []
    for occ in occurrences:
        verdict = verdicts.get(occ.name)
        if not verdict or occ.embedded_in or verdict.what not in ("place", "alias-of") or _compound_word(text, occ):
            continue
        key = occ.name if verdict.what == "place" else verdict.detail
        if key not in shown:
            continue
        entity = shown[key]
        place = places.get(entity)
        if place is None:
            place = places[entity] = Place(entity, [], kind=verdicts[key].detail or "other", first_offset=occ.start)
        alias = shown[occ.name] if occ.name in shown else occ.name
        if alias not in place.aliases:
            place.aliases.append(alias)
        place.mentions += 1
        start = occ.article_start if occ.article_start is not None else occ.start
        mentions.append(Mention(start, occ.end, text[start:occ.end], entity, "name", "place"))
    ordered = sorted(places.values(), key=lambda p: (-p.mentions, p.first_offset))
    return ordered, mentions


_CAPITALS_RUN = re.compile(r"(?<![\w'’-])[A-Z][A-Z'’-]*\.?(?:[ \t]+[A-Z][A-Z'’-]*\.?)*(?![\w'’-])")
# Kinds of real place safe to take from the gazetteer in capitals: a heading "MASSACHUSETTS"
# or "BOHEMIA" is the place; a city name in capitals ("READING", "BATH") is too often a word.
_CAPITALS_GAZETTEER_KINDS = frozenset({"country", "region"})


def capitals_places(text: str, story: list[tuple[int, int]], places: list[Place],
                    taken: list[Mention]) -> list[Mention]:
    """ "HOWARDS END, SUNDAY.", "WORCESTER, MASSACHUSETTS": a place written in capitals
    (letter headings, chapter titles) is a mention of it: a place already found in the
    text, or a country or region the gazetteer knows (not a given name: "GEORGIA" may be a
    girl). One regex pass over the story; the longest run of words equal to a form wins;
    runs already taken by another mention are left alone."""
    forms: dict[str, Place] = {}
    for place in places:
        for form in (place.name, *place.aliases):
            bare = form[4:] if form.startswith(("the ", "The ")) else form
            if sum(ch.isalpha() for ch in bare) >= 3:
                forms.setdefault(bare.upper(), place)
    by_name = {p.name: p for p in places}
    occupied = {(m.start, m.end) for m in taken}
    found: list[Mention] = []
    for start, end in story:
        for match in _CAPITALS_RUN.finditer(text, start, end):
            words = [(m.start(), m.end()) for m in re.finditer(r"\S+", match.group())]
            base, i = match.start(), 0
            while i < len(words):
                for j in range(len(words), i, -1):
                    w_start, w_end = base + words[i][0], base + words[j - 1][1]
                    written = " ".join(text[w_start:w_end].split()).rstrip(".")
                    w_end = w_start + len(text[w_start:w_end].rstrip("."))
                    place = _capitals_place(written, forms, by_name, places, w_start)
                    if place and (w_start, w_end) not in occupied:
                        found.append(Mention(w_start, w_end, text[w_start:w_end], place.name, "name", "place"))
                        place.mentions += 1
                        i = j
                        break
                else:
                    i += 1
    places.sort(key=lambda p: (-p.mentions, p.first_offset))
    return found


def _capitals_place(written: str, forms: dict[str, Place], by_name: dict[str, Place], places: list[Place],
                    offset: int) -> Place | None:
    """The place a run of capitals names, making a new one for a country or region."""
    if len(written) < 4 or not written[1:].isupper():
        return None
    if written in forms:
        return forms[written]
    title = " ".join(w.capitalize() for w in written.split())
    kind = place_rules.gazetteer_kind(title)
    if kind not in _CAPITALS_GAZETTEER_KINDS or title.split()[0] in given_names():
        return None
    place = by_name.get(title)
    if place is None:
        place = by_name[title] = Place(title, [title], kind=kind, first_offset=offset)
        places.append(place)
        forms[written] = place
    return place
