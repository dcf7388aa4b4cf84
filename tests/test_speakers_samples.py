"""Every line of the two real samples goes to the right character, end to end."""

from __future__ import annotations

import pytest

ONE_SHOT = [
    ("Mom?", "Rory"),
    ("Luke!", "Rory"),
    ("Rory what's wrong?", "Luke"),
    ("No Luke. Mom ran away", "Rory"),
    ("Ran away? How could", "Luke"),
    ("She's flying to Italy!", "Rory"),
    ("I can't do anything Rory.", "Luke"),
    ("Come on Luke, please?", "Rory"),
    ("Rory, I'm sorry but", "Luke"),
    ("Luke, if you don't go", "Rory"),
    ("Cesar, I'm going out", "Luke"),
    ("Lorelai, you can't just run", "Emily"),
    ("It worked before mom!", "Lorelai"),
    ("Well you shouldn't have done that!", "Emily"),
    ("Come on Lorelai, I need you", "Sookie"),
    ("Oh Sookie, you'll be fine", "Lorelai"),
    ("Mom, come on.", "Rory"),
    ("Well I have to go now", "Lorelai"),
    ("Lorelai, please don't go", "Luke"),
    ("Luke…", "Lorelai"),
    ("Lorelai I watched you walk away", "Luke"),
    ("I can't take it anymore Luke.", "Lorelai"),
    ("I feel the same way.", "Luke"),
]

WIP_CHAPTER = [
    ("It's nothing like Luke's coffee", "Lorelai"),
    ("Hey,", "Lorelai"),
    ("Rough day?", "Lorelai"),
    ("Nah, it hasn't been too bad.", "Luke"),
    ("Tell Kirk I said hi.", "Lorelai"),
    ("You alone?", "Lorelai"),
    ("Finally,", "Luke"),
    ("So how was your meeting", "Luke"),
    ("Oh, you know.", "Lorelai"),
    ("You loved every minute of it.", "Luke"),
    ("You know I did.", "Lorelai"),
    ("But I'm going to be so bored", "Lorelai"),
    ("Luke?", "Lorelai"),
    ("You should go.", "Luke"),
    ("What?", "Lorelai"),
    ("I mean it.", "Luke"),
    ("I should. Someone should", "Lorelai"),
    ("You should go to the Eiffel Tower.", "Luke"),
    ("At sunset.", "Luke"),
    ("Aww... Luke, you softy", "Lorelai"),
    ("Promise me, Lorelai", "Luke"),
    ("Promise me you'll go.", "Luke"),
    ("I will,", "Lorelai"),
    ("I'll want to hear all about it", "Luke"),
    ("Buy me a postcard.", "Luke"),
    ("You only want one?", "Lorelai"),
    ("So what's going on in Stars Hollow?", "Lorelai"),
]


def _names_of(analysis, speaker: str | None) -> set[str]:
    if speaker is None:
        return set()
    for character in analysis.characters:
        if character.name == speaker:
            return {w for name in (character.name, *character.aliases) for w in name.split()}
    return set(speaker.split())


def _check(analysis, expected: list[tuple[str, str]]) -> None:
    dialogue = [q for q in analysis.quotes if q.kind in ("speech", "thought")]
    wrong = []
    for prefix, who in expected:
        matches = [q for q in dialogue if q.text.startswith(prefix)]
        assert matches, f"quote not found: {prefix!r}"
        quote = matches[0]
        if who not in _names_of(analysis, quote.speaker):
            wrong.append((prefix, who, quote.speaker))
    assert not wrong, wrong
    for quote in dialogue:
        assert quote.evidence and quote.confidence is not None and 0 < quote.confidence <= 1
        assert quote.speaker not in quote.addressees


@pytest.mark.shared
def test_one_shot_every_line(one_shot) -> None:
    _check(one_shot, ONE_SHOT)


@pytest.mark.shared
def test_wip_chapter_every_line(wip_chapter) -> None:
    _check(wip_chapter, WIP_CHAPTER)


@pytest.mark.shared
def test_wip_phone_call_addressees(wip_chapter) -> None:
    """A two-person phone call: each line is addressed to the other person."""
    for quote in wip_chapter.quotes:
        if quote.kind == "speech" and quote.speaker:
            assert len(quote.addressees) == 1 and quote.addressees[0] != quote.speaker


@pytest.mark.shared
def test_quote_counts_match_attributions(one_shot) -> None:
    for character in one_shot.characters:
        assert character.quotes == sum(1 for q in one_shot.quotes if q.speaker == character.name)


def _assert_cast_is_consistent(analysis) -> None:
    names = [c.name for c in analysis.characters]
    assert len(names) == len(set(names))
    for quote in analysis.quotes:
        assert quote.speaker is None or quote.speaker in names, quote.speaker
        for addressee in quote.addressees:
            assert addressee in names, addressee
    for character in analysis.characters:
        assert character.quotes == sum(1 for q in analysis.quotes if q.speaker == character.name)
    assert analysis.narrator is None or analysis.narrator in names


@pytest.mark.shared
def test_every_speaker_and_addressee_is_a_character(one_shot, wip_chapter) -> None:
    for analysis in (one_shot, wip_chapter):
        _assert_cast_is_consistent(analysis)
