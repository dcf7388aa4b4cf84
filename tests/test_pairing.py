"""Pairing from the text: romance near both names, kinship marks "&", gen works get none."""

from __future__ import annotations

from pathlib import Path

import pytest

from ficlens import kb
from ficlens.model import Analysis, Character, Fandom, Quote
from ficlens.pairing import PairingStage, cue_pattern
from ficlens.readers import read_text

from .conftest import SAMPLES

KB_DIR = Path(__file__).resolve().parent / "fixtures" / "kb"


def _cast(*names: str) -> list[Character]:
    return [Character(name=n, aliases=[n.split()[0]], mentions=5) for n in names]


def _run(text: str, characters: list[Character], *, quotes=(), fandom: str | None = None) -> Analysis:
    analysis = Analysis(document=read_text(text), characters=characters, quotes=list(quotes))
    if fandom:
        analysis.fandom = Fandom(name=fandom, confidence=0.9)
    PairingStage()(analysis)
    return analysis


ROMANCE = (
    "Nora found Theo on the porch. Nora kissed Theo before he could say a word.\n\n"
    "\"I love you,\" Theo told Nora. She smiled and held his hand.\n\n"
    "Her mother, Ada, watched them from the window. Ada had always liked Theo.\n\n"
    "That night Theo asked Nora to marry him, and Nora said yes. They were engaged by morning.\n\n"
    "Ada hugged her daughter Nora and cried."
)


def test_couple_is_the_pairing_and_mother_daughter_is_platonic():
    analysis = _run(ROMANCE, _cast("Nora Quill", "Theo Marsh", "Ada Quill"))
    pairing = analysis.pairing
    assert pairing is not None
    assert set(pairing.characters) == {"Nora Quill", "Theo Marsh"}
    assert pairing.label in ("Theo Marsh/Nora Quill", "Nora Quill/Theo Marsh")
    assert pairing.label == "Theo Marsh/Nora Quill"  # AO3 order: by surname
    assert 0 < pairing.confidence <= 1
    assert any(e.signal == "romantic-cue" for e in pairing.evidence)
    kinds = {frozenset(r.characters): r.kind for r in analysis.relationships}
    assert kinds[frozenset({"Nora Quill", "Ada Quill"})] == "platonic"
    ada_nora = next(r for r in analysis.relationships if set(r.characters) == {"Nora Quill", "Ada Quill"})
    assert ada_nora.label.count(" & ") == 1


def test_gen_story_gets_no_pairing():
    text = (
        "Sam and Alex walked to the station. Sam carried the map and Alex carried the lunch.\n\n"
        "\"Left here,\" Sam said. Alex checked the map twice.\n\n"
        "Sam's sister met them at the gate, and Alex waved to his best friend's family.\n\n"
    ) * 4
    analysis = _run(text, _cast("Sam Hart", "Alex Dunn"))
    assert analysis.pairing is None
    assert all(r.kind == "platonic" for r in analysis.relationships)


def test_dialogue_between_them_counts():
    text = "\"I love you,\" Theo said.\n\n\"Yes,\" said Nora.\n\nNora and Theo walked to the wedding."
    plain = _run(text, _cast("Nora Quill", "Theo Marsh"), quotes=[Quote(text="I love you,", start=1, end=12)])
    quote = Quote(text="I love you,", start=1, end=12, speaker="Theo Marsh", addressees=["Nora Quill"])
    talked = _run(text, _cast("Nora Quill", "Theo Marsh"), quotes=[quote])
    assert text[1:12] == "I love you,"
    def romance(a):
        return max((r.score for r in a.relationships if r.kind == "romantic"), default=0.0)
    assert romance(talked) > romance(plain)


def test_kb_ship_is_a_weak_prior_and_gives_the_order():
    kb.add_user_directory(str(KB_DIR))
    try:
        text = ("Isolde and Corvin studied in the tower. Corvin kissed Isolde. Isolde loved Corvin.\n\n") * 2
        cast = [Character("Isolde Varga", ["Isolde"], mentions=4), Character("Corvin Ashgrove", ["Corvin"], mentions=4)]
        analysis = _run(text, cast, fandom="Moonfall Academy")
        assert analysis.pairing.label == "Isolde Varga/Corvin Ashgrove"  # the KB ship's order
        assert any(e.signal == "kb-ship" and e.source == "kb" for e in analysis.pairing.evidence)
        lonely = _run("Isolde read. Corvin slept.", cast, fandom="Moonfall Academy")
        assert lonely.pairing is None  # a ship in the KB is never a pairing on its own
    finally:
        kb._user_directories.remove(str(KB_DIR))
        kb._load_cached.cache_clear()


def test_a_duo_also_shipped_as_a_couple_is_no_evidence_against_romance():
    from ficlens.pairing import PairScore, _add_kb_prior

    kb.add_user_directory(str(KB_DIR))
    try:
        cast = [Character(n, [n.split()[0]], mentions=3) for n in ("Corvin Ashgrove", "Petra Lindqvist", "Isolde Varga")]
        analysis = Analysis(document=read_text("Petra and Corvin."), characters=cast,
                            fandom=Fandom(name="Moonfall Academy", confidence=0.9))
        both, friends = ("Corvin Ashgrove", "Petra Lindqvist"), ("Isolde Varga", "Petra Lindqvist")
        scores = {both: PairScore(romance=0.5, scenes=3), friends: PairScore(romance=0.5, scenes=3)}
        _add_kb_prior(analysis, scores)
        assert scores[both].kb_ship == "romantic" and scores[both].against == 0.0
        assert scores[both].romance > 0.5 and scores[both].kinship > 0.0
        assert scores[friends].kb_ship == "platonic" and scores[friends].against > 0.0
    finally:
        kb._user_directories.remove(str(KB_DIR))
        kb._load_cached.cache_clear()


def test_the_declared_fandoms_ships_are_the_prior_when_the_text_names_no_fandom():
    from ficlens.model import Declared

    kb.add_user_directory(str(KB_DIR))
    try:
        text = ("Isolde and Corvin studied in the tower. Corvin kissed Isolde. Isolde loved Corvin.\n\n") * 2
        cast = [Character("Isolde", ["Izzy"], mentions=4), Character("Corvin", [], mentions=4)]  # not canonical names
        document = read_text(text)
        document.declared = Declared(fandoms=["Moonfall Academy"])
        analysis = Analysis(document=document, characters=cast)
        PairingStage()(analysis)
        assert analysis.pairing.label == "Isolde/Corvin"  # the KB ship's order, in the story's names
        assert any(e.signal == "kb-ship" for e in analysis.pairing.evidence)
        plain = _run(text, [Character("Isolde", ["Izzy"], mentions=4), Character("Corvin", [], mentions=4)])
        assert not any(e.signal == "kb-ship" for e in plain.pairing.evidence)
    finally:
        kb._user_directories.remove(str(KB_DIR))
        kb._load_cached.cache_clear()


def test_cue_lists_match_whole_words():
    romantic = cue_pattern("romantic_cues")
    assert romantic.search("She kissed him.") and romantic.search("I   love\nyou")
    assert not romantic.search("the kisser's wedgewood") or romantic.search("the kisser's wedgewood").group() != "kiss"
    assert not cue_pattern("family_cues").search("boyfriend")
    assert cue_pattern("friendship_cues").search("his best friend")
    assert cue_pattern("intimacy_cues").search("in his arms") and not cue_pattern("intimacy_cues").search("in his armchair")


def test_a_romantic_cue_counts_for_the_names_of_its_clause():
    # "their wedding" is Theo and Nora's: the names in the sentence (Nora, Ada) are in another clause.
    text = (
        "Theo kissed Nora in the garden. Nora kissed Theo back.\n\n"
        "Later Theo grew scared. He postponed their wedding and he didn't let Nora talk to Ada.\n\n"
        "Theo married Nora in May."
    )
    analysis = _run(text, _cast("Nora Quill", "Theo Marsh", "Ada Vell"))
    kinds = {frozenset(r.characters): r.kind for r in analysis.relationships}
    assert kinds.get(frozenset({"Nora Quill", "Ada Vell"})) != "romantic"
    assert set(analysis.pairing.characters) == {"Nora Quill", "Theo Marsh"}


def _gendered(*cast: tuple[str, str, int]) -> list[Character]:
    return [Character(name=n, aliases=[n.split()[0]], gender=g, mentions=m) for n, g, m in cast]


def test_a_cue_told_with_pronouns_belongs_to_the_two_on_stage_not_everyone_present():
    # Rory is named a paragraph before; the phone call is Lorelai and Luke's scene.
    text = (
        "Rory left for Yale in the morning. Lorelai waved until the car was gone.\n\n"
        "That night Lorelai called Luke. \"I miss you,\" she said. He told her he wanted to marry her, "
        "and she blushed like a teenager. She kissed the phone, and he laughed.\n\n"
        "After everything that had happened with Rory, after her hasty proposal in his diner, "
        "he had asked her to wait."
    )
    cast = _gendered(("Lorelai Gilmore", "female", 9), ("Luke Danes", "male", 6), ("Rory Gilmore", "female", 2))
    analysis = _run(text, cast)
    kinds = {frozenset(r.characters): r.kind for r in analysis.relationships}
    assert kinds.get(frozenset({"Luke Danes", "Rory Gilmore"})) != "romantic"
    assert kinds.get(frozenset({"Lorelai Gilmore", "Rory Gilmore"})) != "romantic"
    assert kinds.get(frozenset({"Luke Danes", "Lorelai Gilmore"})) == "romantic"


def test_intimacy_and_desire_words_are_romance_cues():
    text = (
        "Mark sat on the bed next to Eduardo. His shoulder brushed Eduardo's, almost intimate.\n\n"
        "Eduardo pulled him close and pressed his mouth against his lips. Mark's heart raced.\n\n"
        "Later Mark fell asleep in his arms, and Eduardo woke up next to him in the morning.\n\n"
    ) * 2
    analysis = _run(text, _gendered(("Mark Zuckerberg", "male", 8), ("Eduardo Saverin", "male", 8)))
    romance = [r for r in analysis.relationships if r.kind == "romantic"]
    assert romance and set(romance[0].characters) == {"Mark Zuckerberg", "Eduardo Saverin"}


def test_a_pronoun_told_cue_skips_a_mother_and_son():
    # Martha is the point of view ("she"), Clark her son: "he kissed her" is Clark and Lois.
    text = (
        "Martha watched her son Clark from the porch.\n\n"
        "Lois came up the path. He kissed her by the gate, and she laughed into his lips.\n\n"
        "Later Clark hugged his mother Martha. She smiled.\n\n"
    ) * 3
    cast = _gendered(("Martha Kent", "female", 9), ("Clark Kent", "male", 8), ("Lois Lane", "female", 3))
    analysis = _run(text, cast, quotes=[])
    kinds = {frozenset(r.characters): r.kind for r in analysis.relationships}
    assert kinds.get(frozenset({"Clark Kent", "Martha Kent"})) != "romantic"
    assert kinds.get(frozenset({"Clark Kent", "Lois Lane"})) == "romantic"


def test_family_words_in_speech_about_someone_else_are_not_a_tie():
    text = "\"Was that your dad on the phone?\" Mark asked Eduardo.\n\n" * 3
    start = text.index("Was")
    quotes = [Quote(text="Was that your dad on the phone?", start=start, end=start + 31, speaker="Mark Zuckerberg",
                    addressees=["Eduardo Saverin"])]
    analysis = _run(text, _cast("Mark Zuckerberg", "Eduardo Saverin"), quotes=quotes)
    assert not any(e.signal == "family-cue" for r in analysis.relationships for e in r.evidence)
    from ficlens.pairing import _about_someone_else, find_cues

    cue = find_cues(text, 0, len(text))[0]
    assert cue.text == "dad" and _about_someone_else(text, cue, start)
    vocative = "Mom, I'm home."
    assert not _about_someone_else(vocative, find_cues(vocative, 0, len(vocative))[0], 0)


def test_friendship_words_do_not_rule_romance_out_but_family_words_do():
    friends = ("Sam was Alex's best friend. Sam kissed Alex, and Alex kissed him back.\n\n") * 3
    analysis = _run(friends, _cast("Sam Reed", "Alex Moor"))
    assert analysis.pairing is not None
    family = ("Sam was Alex's brother, his brother since birth. Alex's brother Sam kissed the baby.\n\n") * 3
    analysis = _run(family, _cast("Sam Reed", "Alex Moor"))
    assert analysis.pairing is None


def test_kinship_words_need_a_possessive_or_appositive_link():
    listed = ("Theo needed to call grandma and grandpa, Nora, and Ada. Nora and Ada never came.\n\n") * 3
    analysis = _run(listed, _cast("Nora Quill", "Ada Vell", "Theo Marsh"))
    assert not any(e.signal == "family-cue" for r in analysis.relationships for e in r.evidence)
    linked = "Nora hugged her mother Ada. Theo's sister, Nora, waved.\n\nAda smiled at Nora.\n\n"
    analysis = _run(linked, _cast("Nora Quill", "Ada Vell", "Theo Marsh"))
    family = {frozenset(r.characters) for r in analysis.relationships if any(e.signal == "family-cue" for e in r.evidence)}
    assert family == {frozenset({"Nora Quill", "Ada Vell"}), frozenset({"Nora Quill", "Theo Marsh"})}


SECOND_PERSON = (
    "You wake to the smell of coffee. {you}, you tell yourself, get up. You pad into the kitchen and Corvin is there, "
    "leaning against the counter. He smiles when he sees you.\n\n"
    "\"Good morning, darling,\" Corvin says. You kiss him, and he pulls you into his arms.\n\n"
    "Later Bram comes by. He and Corvin argue about the boat while you read on the couch. Bram leaves at noon.\n\n"
    "That night Corvin holds your hand on the balcony. You lean into him, your heart racing. He kisses you softly.\n\n"
    "You fall asleep in his arms, and you wake up next to him in the morning.\n\n"
)


def test_a_reader_insert_pairs_the_character_with_the_reader():
    # "Y/N" marks a reader-insert: "you" is the reader, and AO3 writes "Corvin/Reader".
    analysis = _run(SECOND_PERSON.format(you="Y/N"), _gendered(("Corvin Blake", "male", 5), ("Bram Holt", "male", 2)))
    assert analysis.pairing is not None
    assert analysis.pairing.label == "Corvin Blake/Reader"


def test_a_line_that_calls_the_reader_y_n_is_said_to_the_reader():
    text = SECOND_PERSON.format(you="Y/N") + "\"Y/N, kiss me goodbye,\" Corvin begged.\n\n"
    start = text.index("Y/N, kiss")
    quote = Quote(text="Y/N, kiss me goodbye,", start=start, end=start + 21, speaker="Corvin Blake", addressees=["Bram Holt"])
    assert text[quote.start:quote.end] == quote.text
    analysis = _run(text, _gendered(("Corvin Blake", "male", 5), ("Bram Holt", "male", 2)), quotes=[quote])
    kinds = {frozenset(r.characters): r.kind for r in analysis.relationships}
    assert kinds.get(frozenset({"Corvin Blake", "Bram Holt"})) != "romantic"
    assert kinds.get(frozenset({"Corvin Blake", "Reader"})) == "romantic"


def test_second_person_without_a_reader_marker_is_no_reader():
    # "You" may be a canon character the narration never names: no Reader without the text saying so.
    analysis = _run(SECOND_PERSON.format(you="Come on"), _gendered(("Corvin Blake", "male", 5), ("Bram Holt", "male", 2)))
    assert all("Reader" not in r.characters for r in analysis.relationships)
    assert analysis.pairing is None or "Reader" not in analysis.pairing.characters


def test_an_authors_note_saying_x_reader_marks_a_reader_insert():
    from ficlens.model import AuthorNote

    def analysed(note: str) -> Analysis:
        text = note + "\n\n" + SECOND_PERSON.format(you="Come on")
        analysis = Analysis(document=read_text(text), characters=_gendered(("Corvin Blake", "male", 5), ("Bram Holt", "male", 2)))
        analysis.author_notes = [AuthorNote(note, 0, len(note))]
        analysis.story_spans = [(len(note) + 2, len(text))]
        PairingStage()(analysis)
        return analysis

    assert analysed("A/N: Corvin x Reader, pure fluff.").pairing.label == "Corvin Blake/Reader"
    thanked = analysed("A/N: Thank you, dear reader!")
    assert all("Reader" not in r.characters for r in thanked.relationships)


def test_a_named_first_person_narrator_can_be_half_of_the_pairing():
    text = (
        "I never meant to fall for Theo Marsh.\n\n"
        "Theo found me on the porch after the party. \"You left early,\" Theo said.\n\n"
        "He sat down beside me and took my hand. I kissed him before I could think.\n\n"
        "Ada came out with two mugs. Ada was my oldest friend, and she laughed at us.\n\n"
        "That night Theo held me in his arms, and I fell asleep against his chest. I loved him.\n\n"
        "In the morning I woke up next to him, and he kissed me good morning.\n\n"
    )
    cast = _gendered(("Theo Marsh", "male", 4), ("Ada Vell", "female", 2), ("Nora Quill", "female", 1))
    analysis = Analysis(document=read_text(text), characters=cast, narrator="Nora Quill")
    PairingStage()(analysis)
    assert analysis.pairing is not None
    assert set(analysis.pairing.characters) == {"Theo Marsh", "Nora Quill"}
    unnamed = Analysis(document=read_text(text), characters=cast[:2], narrator="Narrator")
    PairingStage()(unnamed)
    assert unnamed.pairing is None or "Narrator" not in unnamed.pairing.characters


def test_odd_input_does_not_crash():
    for text in ["\x00" * 100, "A B " * 3000, "Nora Nora Nora"]:
        _run(text, _cast("Nora Quill", "Theo Marsh"))
    _run("Nora.", [])


@pytest.mark.shared
@pytest.mark.parametrize("name", ["gilmore-girls_one-shot.txt", "gilmore-girls_wip-chapter.txt"])
def test_samples_are_luke_and_lorelai(name):
    from ficlens.pipeline import Pipeline

    analysis = Pipeline().analyze(SAMPLES / name)
    pairing = analysis.pairing
    assert pairing is not None
    assert {c.split()[0] for c in pairing.characters} == {"Luke", "Lorelai"}
    assert "/" in pairing.label
    lorelai_rory = [r for r in analysis.relationships if {c.split()[0] for c in r.characters} == {"Lorelai", "Rory"}]
    assert all(r.kind == "platonic" for r in lorelai_rory)
    luke_rory = [r for r in analysis.relationships if {c.split()[0] for c in r.characters} == {"Luke", "Rory"}]
    assert all(r.kind == "platonic" for r in luke_rory)
