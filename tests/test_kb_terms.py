"""Canon terms: a fandom's own vocabulary is not its cast, once the fandom is known."""

from __future__ import annotations

import tomllib
import warnings
from pathlib import Path

import pytest

from ficlens import kb
from ficlens.fandom import FandomStage
from ficlens.kb.index import KnowledgeBase
from ficlens.kb.loader import KBFileWarning, read_directories
from ficlens.kb.writer import entry_to_toml
from ficlens.model import Analysis, Character, Mention, Place, Quote
from ficlens.readers import read_text

KB_DIR = Path(__file__).resolve().parent / "fixtures" / "kb"

# A user's file extending the made-up fixture fandom "Moonfall Academy" (through its other name).
MOONFALL_TERMS = """
name = "MFA"
medium = "book"
rpf = false
terms = ["Ravenward", "Warden", "Starfall", "Corvin"]

[[characters]]
name = "Petra Lindqvist"
aliases = ["Petra"]
gender = "female"

[[places]]
name = "St Aldric's"
kind = "building"
"""

STORY = (
    "Isolde pushed open the door of Moonfall Tower. Corvin was already there, and Petra waved.\n\n"
    "\"You're late,\" Corvin said. Isolde laughed and Petra rolled her eyes at Corvin.\n\n"
    "Ravenward won the match. Ravenward's banner flew over Moonfall Tower, and the Warden said nothing. "
    "A warden of the old order, Warden Blackwood, bowed to Isolde. Corvin Ashgrove went to St Aldric for his arm and came back from St Aldrics at dawn.\n\n"
    "\"Starfall!\" Petra shouted."
)


@pytest.fixture()
def terms_kb(tmp_path):
    (tmp_path / "moonfall-terms.toml").write_text(MOONFALL_TERMS, encoding="utf-8")
    directories = [str(KB_DIR), str(tmp_path)]
    for directory in directories:
        kb.add_user_directory(directory)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KBFileWarning)  # "Corvin" is a character: dropped with a warning
        yield kb.load()
    for directory in directories:
        kb._user_directories.remove(directory)
    kb._load_cached.cache_clear()


def _spans(text: str, word: str) -> list[tuple[int, int]]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append((i, i + len(word)))
        i = text.find(word, i + 1)
    return out


def _character(text: str, name: str, *aliases: str) -> tuple[Character, list[Mention]]:
    mentions = [Mention(s, e, text[s:e], name) for form in (name, *aliases) for s, e in _spans(text, form)]
    return Character(name, [name, *aliases], mentions=len(mentions), first_offset=mentions[0].start), mentions


def _run(text: str, *named: tuple[str, ...], quotes=(), narrator=None) -> Analysis:
    analysis = Analysis(document=read_text(text), quotes=list(quotes), narrator=narrator)
    for names in named:
        character, mentions = _character(text, *names)
        analysis.characters.append(character)
        analysis.mentions += mentions
    analysis.mentions.sort(key=lambda m: m.start)
    FandomStage()(analysis)
    return analysis


def test_user_directory_adds_terms_and_a_term_never_shadows_a_character(tmp_path):
    (tmp_path / "moonfall-terms.toml").write_text(MOONFALL_TERMS, encoding="utf-8")
    with pytest.warns(KBFileWarning, match="Corvin"):
        base = KnowledgeBase.build(read_directories([KB_DIR, tmp_path]))
    moonfall = base.fandom("Moonfall Academy")
    assert moonfall.terms == ["Ravenward", "Warden", "Starfall"]
    assert any(p.name == "St Aldric's" for p in moonfall.places)
    assert [f.name for f in base.fandoms].count("Moonfall Academy") == 1


def test_terms_must_be_a_list(tmp_path):
    (tmp_path / "bad.toml").write_text('name = "Odd Fandom"\nterms = "Ravenward"\n', encoding="utf-8")
    with pytest.warns(KBFileWarning, match="terms"):
        base = KnowledgeBase.build(read_directories([tmp_path]))
    assert base.fandom("Odd Fandom").terms == []


def test_terms_are_written_back(tmp_path):
    (tmp_path / "moonfall-terms.toml").write_text(MOONFALL_TERMS.replace(', "Corvin"', ""), encoding="utf-8")
    entry = KnowledgeBase.build(read_directories([tmp_path])).fandoms[0]
    assert tomllib.loads(entry_to_toml(entry))["terms"] == ["Ravenward", "Warden", "Starfall"]


def test_characters_written_as_terms_become_non_characters(terms_kb):
    start = STORY.index("Ravenward won")
    cheer = STORY.index("Starfall")
    quotes = [Quote("Starfall!", cheer, cheer + 9, speaker="Starfall", addressees=["Ravenward"])]
    analysis = _run(STORY, ("Isolde",), ("Corvin",), ("Ravenward",), ("the Warden",), ("Starfall",),
                    ("Warden Blackwood",), quotes=quotes)
    assert analysis.fandom.name == "Moonfall Academy"
    names = {c.name for c in analysis.characters}
    assert {"Isolde Varga", "Corvin Ashgrove", "Warden Blackwood"} <= names  # a rank and a surname: a person
    assert not names & {"Ravenward", "the Warden", "Starfall"}
    reasons = {n.name: n for n in analysis.non_characters}
    assert reasons["Ravenward"].reason == "a term of Moonfall Academy"
    assert (reasons["Ravenward"].start, reasons["Ravenward"].end) == (start, start + len("Ravenward"))
    assert {"the Warden", "Starfall"} <= set(reasons)
    entities = {m.entity for m in analysis.mentions if m.category == "character"}
    assert not entities & {"Ravenward", "the Warden", "Starfall"}
    assert quotes[0].speaker is None and quotes[0].addressees == []


def test_a_narrator_named_like_a_term_stays(terms_kb):
    analysis = _run(STORY, ("Isolde",), ("Corvin",), ("Ravenward",), narrator="Ravenward")
    assert "Ravenward" in {c.name for c in analysis.characters}
    assert "Ravenward" not in {n.name for n in analysis.non_characters}


def test_a_character_written_as_a_kb_place_becomes_that_place(terms_kb):
    start = STORY.index("St Aldrics")
    place_mention = Mention(start, start + len("St Aldrics"), "St Aldrics", "St Aldrics", "name", "place")
    analysis = Analysis(document=read_text(STORY), places=[Place("St Aldrics", ["St Aldrics"], mentions=1)],
                        mentions=[place_mention])
    for names in (("Isolde",), ("Corvin",), ("St Aldric",)):
        character, mentions = _character(STORY, *names)
        analysis.characters.append(character)
        analysis.mentions += [m for m in mentions if m.start != start]
    analysis.mentions.sort(key=lambda m: m.start)
    FandomStage()(analysis)
    assert "St Aldric" not in {c.name for c in analysis.characters}
    # the character and the story's own place "St Aldrics" are one KB place
    assert [p.name for p in analysis.places if "Aldric" in p.name] == ["St Aldric's"]
    place = next(p for p in analysis.places if p.name == "St Aldric's")
    assert place.kind == "building" and {"St Aldric", "St Aldrics"} <= set(place.aliases) and place.mentions == 2
    for text in ("St Aldric", "St Aldrics"):
        mention = next(m for m in analysis.mentions if m.text == text)
        assert (mention.entity, mention.category) == ("St Aldric's", "place")


def test_an_unidentified_fandom_keeps_its_characters(terms_kb):
    text = "Ravenward won the match. Ravenward laughed, and Mara watched Ravenward walk home with Tobin."
    analysis = _run(text, ("Ravenward",), ("Mara",), ("Tobin",))
    assert analysis.fandom.name is None
    assert [c.name for c in analysis.characters] == ["Ravenward", "Mara", "Tobin"]
    assert not analysis.non_characters
    assert {m.entity for m in analysis.mentions} == {"Ravenward", "Mara", "Tobin"}


HOUSE_STORY = """
Harry Potter hated the dungeons. Draco Malfoy was waiting for him outside the classroom, arms crossed.

"You're late, Potter," Draco said. "Slytherin will win the Cup this year, and you know it."

Harry rolled his eyes. "Slytherin has not won in six years, Malfoy."

Hermione Granger hurried down the corridor with Ron Weasley behind her. "Harry! An Auror came to Hogwarts this morning," Hermione said. "The Auror talked to Dumbledore for an hour."

"Why would an Auror come here?" Ron asked.

"Because of the Death Eaters," Draco said quietly. Slytherin's common room had been silent all week, and Draco had not slept.

Auror nodded to Harry in the corridor. Auror's robes were blue, and he walked away. Slytherin won its match that Saturday, and Ron sulked in Gryffindor Tower until Hermione dragged him to the library. Slytherin celebrated all night. Slytherin, Harry thought, always celebrated.

"Merlin, Ron," Hermione said. "It is only a game."

Ron sighed. Harry laughed, and Draco smirked at them across the Great Hall.
"""

FOUNDER_STORY = """
Harry Potter stood in the Chamber with Hermione Granger and Ron Weasley. The portrait on the wall moved.

"Who disturbs my rest?" Salazar Slytherin said. Salazar Slytherin was a tall, thin man with a silver beard, and his eyes glittered.

"I'm Harry," Harry said. "We didn't mean to wake you."

Slytherin looked at him for a long time. "A Parselmouth," Slytherin said softly. "How interesting."

Hermione stepped closer. "Were you really a founder of Hogwarts?"

"I was," Slytherin said. He smiled, and Ron shivered. Salazar Slytherin told them about the castle until dawn, and Harry listened.
"""


def test_houses_and_ranks_of_harry_potter_are_not_characters(pipeline):
    analysis = pipeline.analyze(HOUSE_STORY.strip() + "\n", is_text=True)
    assert analysis.fandom.name == "Harry Potter - J. K. Rowling"
    names = {c.name for c in analysis.characters}
    assert {"Harry Potter", "Draco Malfoy", "Hermione Granger", "Ron Weasley"} <= names
    assert not names & {"Slytherin", "Auror", "Merlin"}
    reasons = {n.name: n.reason for n in analysis.non_characters}
    assert reasons["Slytherin"] == reasons["Auror"] == "a term of Harry Potter - J. K. Rowling"
    assert not any(m.entity in ("Slytherin", "Auror") for m in analysis.mentions if m.category == "character")
    assert not any(q.speaker in ("Slytherin", "Auror", "Merlin") for q in analysis.quotes)


def test_a_person_named_like_a_term_stays_a_character(pipeline):
    analysis = pipeline.analyze(FOUNDER_STORY.strip() + "\n", is_text=True)
    assert analysis.fandom.name == "Harry Potter - J. K. Rowling"
    founder = next(c for c in analysis.characters if "Slytherin" in (c.name, *c.aliases))
    assert founder.name == "Salazar Slytherin"
    assert any(q.speaker == "Salazar Slytherin" for q in analysis.quotes)
    assert "Slytherin" not in {n.name for n in analysis.non_characters}


VILLAGE_STORY = """
Naruto Uzumaki ran across the rooftops of Konoha with Sasuke Uchiha close behind him. Sakura Haruno waited at the gate.

"The Hokage wants us," Sakura said. "Akatsuki was seen near the border."

Naruto grinned. "Then we go, dattebayo!"

Sasuke frowned. "Akatsuki is hunting Jinchuriki, idiot. They want you."

Hokage watched them leave from the tower. Hokage's hat sat on the desk, and Kakashi Hatake leaned against the wall.

"They're ready," Kakashi said. Hokage nodded. Akatsuki would not find them easily, and Naruto had trained for this.

Sakura sighed, and Sasuke said nothing as Naruto laughed.
"""


def test_ranks_and_organisations_of_naruto_are_not_characters(pipeline):
    analysis = pipeline.analyze(VILLAGE_STORY.strip() + "\n", is_text=True)
    assert analysis.fandom.name == "Naruto"
    names = {c.name for c in analysis.characters}
    assert not names & {"Hokage", "Akatsuki", "Jinchuriki"}
    assert len(names & {"Uzumaki Naruto", "Uchiha Sasuke", "Haruno Sakura", "Hatake Kakashi"}) == 4
    assert {n.name for n in analysis.non_characters if n.reason == "a term of Naruto"} >= {"Hokage", "Akatsuki"}
    assert "Konoha" in {p.name for p in analysis.places}  # a KB place, not a term


ORIGINAL_STORY = """
Mara Quill pushed open the door of the lighthouse. Tobin Ashby was already inside, and he waved.

"You're late," Tobin said. "Slytherin has been waiting for an hour."

Slytherin sat by the window, a tall old man with a silver beard. Slytherin nodded at Mara and smiled.

"Sit down," Slytherin said. Mara sat, and Tobin poured the tea while the storm rolled in.
"""


def test_a_story_of_no_known_fandom_keeps_a_character_named_like_a_term(pipeline):
    analysis = pipeline.analyze(ORIGINAL_STORY.strip() + "\n", is_text=True)
    assert analysis.fandom.name is None
    assert "Slytherin" in {c.name for c in analysis.characters}
    assert not any(n.reason.startswith("a term of") for n in analysis.non_characters)
