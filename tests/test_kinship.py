"""Who 'her mother', 'his sister', 'her aunt' name, from the possessor's surname and titles."""

from __future__ import annotations

import re

from ficlens.character_index import build_index
from ficlens.kinship import kin_of
from ficlens.model import Character, Quote
from ficlens.readers import read_text
from ficlens.speakers import attribute_speakers

FAMILY = [
    Character("Elinor Dashwood", ["Elinor", "Miss Dashwood"], "female"),
    Character("Marianne Dashwood", ["Marianne"], "female"),
    Character("Mrs. Dashwood", [], "female"),
    Character("Mrs. John Dashwood", ["Fanny"], "female"),
    Character("Mr. Dashwood", ["John Dashwood"], "male"),
    Character("Juliet Munt", ["Aunt Juley"], "female"),
    Character("Edward Ferrars", ["Edward"], "male"),
]
TEXT = "Elinor, Marianne, Mrs. Dashwood, Mrs. John Dashwood, Mr. Dashwood, Aunt Juley and Edward were there."


def index():
    return build_index(TEXT, FAMILY)


def everyone() -> set[str]:
    return {c.name for c in FAMILY}


def test_a_mother_is_the_one_named_by_title_and_surname_alone() -> None:
    assert kin_of(index(), "Elinor Dashwood", "mother", "female", everyone()) == "Mrs. Dashwood"


def test_a_sister_shares_the_surname_without_a_married_title() -> None:
    assert kin_of(index(), "Elinor Dashwood", "sister", "female", everyone()) == "Marianne Dashwood"


def test_a_sister_must_be_in_the_scene() -> None:
    assert kin_of(index(), "Elinor Dashwood", "sister", "female", {"Elinor Dashwood", "Edward Ferrars"}) is None


def test_an_aunt_is_the_one_in_the_scene_whose_name_opens_with_aunt() -> None:
    assert kin_of(index(), "Marianne Dashwood", "aunt", "female", everyone()) == "Juliet Munt"


def test_no_relative_of_another_surname() -> None:
    assert kin_of(index(), "Edward Ferrars", "mother", "female", everyone()) is None


def test_said_her_mother_finds_the_mother_though_another_woman_spoke_last() -> None:
    text = (
        "Elinor and Marianne sat with Mrs. Dashwood and Mrs. John Dashwood in the parlour.\n\n"
        '"Shall we walk to the park?" asked Mrs. John Dashwood.\n\n'
        '"Not in this rain," said Marianne.\n\n'
        '"Then we shall stay at home," said her mother.'
    )
    quotes = [Quote(m.group(1), m.start(1), m.end(1), "speech") for m in re.finditer(r'"([^"\n]+)"', text)]
    cast = [Character(c.name, list(c.aliases), c.gender) for c in FAMILY]
    attribute_speakers(text, quotes, cast, paragraphs=[(p.start, p.end) for p in read_text(text).paragraphs()])
    assert quotes[-1].speaker == "Mrs. Dashwood"
