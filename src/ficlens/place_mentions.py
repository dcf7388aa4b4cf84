"""Building the places and their mentions from the names judged to be places.

Why this module: ``places`` holds the rules for whether a name is a place and which kind;
this builds the stage's results from the per-name verdicts (``name_verdicts``): the name
each place is shown by (keeping its article where ``places.display_name`` says so), the
aliases ("Aix" for "Aix-en-Provence") and one mention per use. Kept apart from
``places`` so that module stays free of verdicts and of the model's result types.
"""

from __future__ import annotations

from . import places as place_rules
from .model import Mention, Place
from .name_verdicts import Verdict
from .names import Occurrence


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


def build_places(text: str, occurrences: list[Occurrence], verdicts: dict[str, Verdict | None],
                 shown: dict[str, str]) -> tuple[list[Place], list[Mention]]:
    places: dict[str, Place] = {}
    mentions: list[Mention] = []
    for occ in occurrences:
        verdict = verdicts.get(occ.name)
        if not verdict or occ.embedded_in or verdict.what not in ("place", "alias-of"):
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
