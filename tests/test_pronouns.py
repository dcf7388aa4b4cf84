"""How a tag's "he"/"she" is resolved: the narration's topic, and never the one the tag
says the line is spoken to. Small self-written fixtures fed straight to the speaker core."""

from __future__ import annotations

import re

from ficlens.model import Character, Quote
from ficlens.readers import read_text
from ficlens.speakers import attribute_speakers

CAST = [
    Character("Anna Reyes", ["Anna"], "female"),
    Character("Ben Okafor", ["Ben"], "male"),
    Character("Clara Voss", ["Clara"], "female"),
    Character("Margaret Gray", ["Mrs. Gray"], "female"),
]


def speakers(text: str) -> list[str | None]:
    quotes = [Quote(m.group(1), m.start(1), m.end(1), "speech") for m in re.finditer(r'"([^"\n]+)"', text)]
    cast = [Character(c.name, list(c.aliases), c.gender) for c in CAST]
    paragraphs = [(p.start, p.end) for p in read_text(text).paragraphs()]
    attribute_speakers(text, quotes, cast, paragraphs=paragraphs)
    return [q.speaker for q in quotes]


def test_pronoun_tag_follows_the_subject_of_the_narration_paragraph_before() -> None:
    text = (
        '"Did you see the letter?" asked Clara.\n\n'
        '"No," said Anna.\n\n'
        "Mrs. Gray put down her cup and looked out of the window for a long while.\n\n"
        '"It came this morning," she said.'
    )
    assert speakers(text)[-1] == "Margaret Gray"


def test_pronoun_tag_is_not_the_character_the_line_is_spoken_to() -> None:
    text = (
        "Mrs. Gray came in with the tea.\n\n"
        '"Is it raining?" asked Anna.\n\n'
        '"Not yet," said Clara.\n\n'
        '"Eat your dinner, dear," she said to Anna.'
    )
    assert speakers(text)[-1] in ("Margaret Gray", "Clara Voss")


def test_pronoun_tag_is_not_the_character_the_speaker_turns_to() -> None:
    text = (
        "Mrs. Gray came in with the tea.\n\n"
        '"Is it raining?" asked Anna.\n\n'
        '"Not yet," said Clara.\n\n'
        '"Then we shall walk," she said, turning to Anna with a smile.'
    )
    assert speakers(text)[-1] in ("Margaret Gray", "Clara Voss")


def test_a_name_opening_a_new_clause_after_the_tag_may_still_be_the_speaker() -> None:
    text = (
        '"Is it raining?" asked Anna.\n\n'
        '"Not yet," said Clara.\n\n'
        '"Then we shall walk," she said, and Anna laughed at her own fear of the rain.'
    )
    assert speakers(text)[-1] == "Anna Reyes"


def test_a_given_name_genders_a_character_the_stage_left_unknown() -> None:
    from ficlens.character_index import build_index

    text = "Henry came in, and she looked up at once. Henry sat down, and he smiled at her."  # pronouns split
    cast = [Character("Henry", [], "unknown"), Character("Margaret", [], "female"), Character("Sam Lee", ["Sam"], "unknown")]
    genders = build_index(text, cast).genders
    assert genders["Henry"] == "male"
    assert genders["Margaret"] == "female"
    assert genders["Sam Lee"] == "unknown"  # on neither list: no evidence


def test_he_said_finds_the_man_whose_gender_only_his_name_tells() -> None:
    text = (
        "Ben stayed by the car. Henry held the gate, and she looked back at the house. Henry waited; he was cold.\n\n"
        '"It is a fine old place," Margaret said.\n\n'
        '"Too small for us," he answered.'
    )
    quotes = [Quote(m.group(1), m.start(1), m.end(1), "speech") for m in re.finditer(r'"([^"\n]+)"', text)]
    cast = [Character("Henry", [], "unknown"), Character("Margaret", [], "female"), Character("Ben", [], "male")]
    attribute_speakers(text, quotes, cast, paragraphs=[(p.start, p.end) for p in read_text(text).paragraphs()])
    assert [q.speaker for q in quotes] == ["Margaret", "Henry"]


def test_names_joined_in_the_tag_clause_are_both_spoken_to() -> None:
    text = (
        "Mrs. Gray came in with the tea.\n\n"
        '"Is it raining?" asked Anna.\n\n'
        '"Not yet," said Clara.\n\n'
        '"I am so glad to see you!" said she, sitting down between Clara and Anna.'
    )
    assert speakers(text)[-1] == "Margaret Gray"


def test_a_sentence_subject_outlasts_a_name_passed_later_as_an_object() -> None:
    from ficlens.character_index import build_index
    from ficlens.pronouns import Salience, narration_events

    text = "Clara stood at the window and watched the rain. A cart went by with Anna on it, very slowly, in the lane below. She"
    index = build_index(text, CAST)
    resolution = Salience(index, narration_events(index, [], text)).resolve(len(text) - 3, "female")
    assert resolution is not None and resolution.entity == "Clara Voss"
