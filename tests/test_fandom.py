"""Fandom from the text alone: evidence, honest unknowns, crossovers, canonical names."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ficlens import kb
from ficlens.fandom import FandomStage
from ficlens.model import Analysis, Character, Declared, Mention, NonCharacter, Place
from ficlens.readers import read_text

from .conftest import SAMPLES, assert_no_hang

KB_DIR = Path(__file__).resolve().parent / "fixtures" / "kb"

MOONFALL = (
    "Isolde pushed open the door of Moonfall Tower. Corvin was already there, and Petra waved.\n\n"
    "\"You're late,\" Corvin said. Isolde laughed and Petra rolled her eyes at Corvin.\n\n"
    "Later Isolde and Petra sat in Moonfall Tower while Headmistress Orla lectured Corvin Ashgrove."
)


@pytest.fixture()
def fixture_kb():
    kb.add_user_directory(str(KB_DIR))
    yield kb.load()
    kb._user_directories.remove(str(KB_DIR))
    kb._load_cached.cache_clear()


def _run(text: str, *, characters=(), mentions=(), declared=None, places=(), non_characters=()) -> Analysis:
    document = read_text(text)
    document.declared = declared
    analysis = Analysis(document=document, characters=list(characters), mentions=list(mentions),
                        places=list(places), non_characters=list(non_characters))
    FandomStage()(analysis)
    return analysis


def test_identifies_fandom_with_kb_evidence(fixture_kb):
    fandom = _run(MOONFALL).fandom
    assert fandom.name == "Moonfall Academy"
    assert 0.35 <= fandom.confidence <= 1.0
    assert {e.source for e in fandom.evidence} == {"kb"}
    texts = {e.text for e in fandom.evidence}
    assert {"Isolde", "Moonfall Tower"} <= texts
    for e in fandom.evidence:  # offsets point at the words
        assert MOONFALL[e.start:e.end] == e.text


def test_a_single_shared_name_is_unknown(fixture_kb):
    fandom = _run("Corvin walked home. Corvin was tired, and Corvin slept.").fandom
    assert fandom.name is None
    assert {a["name"] for a in fandom.alternatives} >= {"Moonfall Academy", "Harbor Lights"}


def test_no_names_no_fandom(fixture_kb):
    fandom = _run("The rain fell all day. Nobody came to the door.").fandom
    assert fandom.name is None and fandom.alternatives == []


def test_declared_agreement_through_other_names(fixture_kb):
    fandom = _run(MOONFALL, declared=Declared(fandoms=["MFA"])).fandom
    assert fandom.declared == ["MFA"] and fandom.agrees_with_declared is True
    other = _run(MOONFALL, declared=Declared(fandoms=["Harbor Lights"])).fandom
    assert other.agrees_with_declared is False


def test_crossover_reported(fixture_kb):
    text = MOONFALL + "\n\n" + " ".join(["Marisol met Corvin Blake at Gull Point. Marisol smiled."] * 3)
    fandom = _run(text).fandom
    assert fandom.name is not None
    assert {fandom.name, *fandom.crossover} == {"Moonfall Academy", "Harbor Lights"}


def test_characters_get_canonical_names_and_genders(fixture_kb):
    start = MOONFALL.index("Isolde")
    izzy = Character(name="Isolde", aliases=["Isolde"], mentions=4)
    stranger = Character(name="Bob", mentions=2)
    mention = Mention(start, start + 6, "Isolde", "Isolde")
    analysis = _run(MOONFALL, characters=[izzy, stranger], mentions=[mention])
    names = {c.name: c for c in analysis.characters}
    assert names["Isolde Varga"].gender == "female"
    assert "Isolde" in names["Isolde Varga"].aliases and "Izzy" not in names["Isolde Varga"].aliases
    assert names["Bob"].gender == "unknown"
    assert mention.entity == "Isolde Varga"
    # KB characters the story clearly names are added, with mentions on their words
    assert "Corvin Ashgrove" in names and names["Corvin Ashgrove"].gender == "male"
    corvin = [m for m in analysis.mentions if m.entity == "Corvin Ashgrove"]
    assert corvin and all(MOONFALL[m.start:m.end] == m.text for m in corvin)
    assert any(p.name == "Moonfall Tower" and p.kind == "building" for p in analysis.places)


def test_a_place_is_never_made_a_kb_character(fixture_kb):
    # "Paris" is a form of the fixture's Paris Smith, but here the characters stage resolved it as a city.
    text = (
        "Isolde flew to Paris in June. Corvin met her in Paris, and Petra wrote from Moonfall Tower.\n\n"
        "\"Paris is lovely,\" Isolde said. Corvin Ashgrove laughed. They stayed in Paris a week."
    )
    spans = [(i, i + 5) for i in range(len(text)) if text.startswith("Paris", i)]
    mentions = [Mention(s, e, "Paris", "Paris", "name", "place") for s, e in spans]
    analysis = _run(text, mentions=mentions, places=[Place("Paris", kind="city", mentions=len(spans))])
    assert analysis.fandom.name == "Moonfall Academy"
    assert "Paris Smith" not in {c.name for c in analysis.characters}
    assert all(m.category == "place" and m.entity == "Paris" for m in analysis.mentions if m.text == "Paris")
    assert not any(e.text == "Paris" for e in analysis.fandom.evidence)
    # the same goes for a form the characters stage set aside as a non-character
    analysis = _run(text, non_characters=[NonCharacter("Paris", "place")])
    assert "Paris Smith" not in {c.name for c in analysis.characters}
    # without that resolution the KB character is added as before
    assert "Paris Smith" in {c.name for c in _run(text).characters}


PAIRS_DIR = Path(__file__).resolve().parent / "fixtures" / "kb_pairs"


@pytest.fixture()
def pairs_kb():
    kb.add_user_directory(str(PAIRS_DIR))
    yield kb.load()
    kb._user_directories.remove(str(PAIRS_DIR))
    kb._load_cached.cache_clear()


DUEL = ("Corwen waited by the gate. Later Ederic came, and Corwen smiled at Ederic.\n\n"
        "They walked on; Ederic told Corwen about the duel, and Corwen laughed at Ederic.\n\n") * 2


def _entity_weights(text: str, fandom: str) -> dict[str, float]:
    from ficlens.kb.identify import StoryWords, score_fandoms

    base = kb.load()
    spans = [(0, len(text))]
    ranked = score_fandoms(base, list(base.scanner.scan(text, spans)), text, StoryWords(text, spans))
    score = next(s for s in ranked if s.entry.name == fandom)
    return {e.name: e.weight for e in score.entities.values()}


def test_two_common_names_that_are_a_known_ship_are_joint_evidence(pairs_kb):
    # "Corwen" is in four fixture fandoms (weight 1/4), "Ederic" in three (1/3); both
    # together, as a ship, in two related ones (a film and the comics it adapts).
    weights = _entity_weights(DUEL, "Duel Academy")
    assert weights["Corwen Vane"] >= 0.35 - 1e-9 and weights["Ederic Stone"] >= 0.35 - 1e-9
    assert _run(DUEL).fandom.name == "Duel Academy"  # the screen canon of the two related entries


def test_the_same_names_without_a_ship_are_not_lifted(pairs_kb):
    text = DUEL.replace("Ederic", "Mabel")  # Corwen and Mabel: both only in the comics, not a ship
    weights = _entity_weights(text, "Duel Academy (Comics)")
    assert weights["Corwen Vane"] == pytest.approx(0.25)


def test_one_unique_real_name_anchors_an_rpf_fandom(pairs_kb):
    text = ("Zwout clipped in at the start line. The crowd cheered for Zwout, and Zwout waved.\n\n"
            "After the finish Zwout sat on the curb. Nobody else mattered to Zwout that day.")
    assert _run(text).fandom.name == "Wheel RPF"
    assert _run("Zwout waved. Then Zwout left.").fandom.name is None  # twice is not enough


def test_a_surname_alone_is_no_rpf_anchor():
    from ficlens.fandom import _surname_only
    from ficlens.kb.identify import EntityEvidence

    assert _surname_only(EntityEvidence("Glen Powell", "character", forms={("Powell",)}))
    assert not _surname_only(EntityEvidence("Glen Powell", "character", forms={("Powell",), ("Glen",)}))
    assert not _surname_only(EntityEvidence("Zwout van Oerle", "character", forms={("Zwout",)}))


def test_a_common_first_name_counts_when_the_fandom_explains_the_whole_cast(fixture_kb):
    # A unique name ("Isolde") beside a name a dozen fandoms share ("Corvin", weight 0.09):
    # the common one counts as a second character only when the story names nobody else.
    from ficlens.fandom import _convincing, _distinct_characters
    from ficlens.kb.identify import EntityEvidence, FandomScore

    score = FandomScore(fixture_kb.fandom("Moonfall Academy"))
    score.entities = {
        "a": EntityEvidence("Isolde Varga", "character", weight=1.0, count=2, forms={("Isolde",)}),
        "b": EntityEvidence("Corvin Ashgrove", "character", weight=0.09, count=2, forms={("Corvin",)}),
    }
    score.coverage = 1.0
    assert _distinct_characters(score) == 2
    assert _convincing(score, [], 0.5)
    score.coverage = 0.5  # half the story's cast is someone else: one character is thin evidence
    assert _distinct_characters(score) == 1
    assert not _convincing(score, [], 0.5)
    score.coverage = 1.0
    score.entities["b"].count = 1  # named once: a passing coincidence
    assert _distinct_characters(score) == 1


def test_a_first_name_two_kb_characters_share_adds_neither(tmp_path):
    # "Edda" is Edda Morrow or Edda Finch: the canon adds Tobin Vale, named in full, not both Eddas.
    (tmp_path / "lantern-row.toml").write_text(
        'name = "Lantern Row"\nmedium = "tv"\nrpf = false\n\n'
        '[[characters]]\nname = "Edda Morrow"\naliases = ["Edda"]\ngender = "female"\n\n'
        '[[characters]]\nname = "Edda Finch"\naliases = ["Edda"]\ngender = "female"\n\n'
        '[[characters]]\nname = "Tobin Vale"\naliases = ["Tobin"]\ngender = "male"\n',
        encoding="utf-8",
    )
    kb.add_user_directory(str(tmp_path))
    try:
        text = ("Edda lit the lamps on Lantern Row. Tobin Vale watched Edda work.\n\n"
                "\"Late again,\" Edda said. Tobin laughed, and Tobin Vale helped Edda with the last lamp.")
        analysis = _run(text)
        assert analysis.fandom.name == "Lantern Row"
        names = {c.name for c in analysis.characters}
        assert "Tobin Vale" in names
        assert not {"Edda Morrow", "Edda Finch"} & names
    finally:
        kb._user_directories.remove(str(tmp_path))
        kb._load_cached.cache_clear()


JOINT_DIR = Path(__file__).resolve().parent / "fixtures" / "kb_joint"


@pytest.fixture()
def joint_kb():
    kb.add_user_directory(str(JOINT_DIR))
    yield kb.load()
    kb._user_directories.remove(str(JOINT_DIR))
    kb._load_cached.cache_clear()


def _harbor_story(names: tuple[str, ...]) -> str:
    # Brannoch, an original lead, takes most of the cast: the KB names explain under half of it.
    lines = [f"Brannoch met {n} at the quay. Then Brannoch and Brannoch's dog walked with {n}." for n in names]
    return "\n\n".join(lines * 4) + "\n\nBrannoch slept. Then Brannoch sailed with Brannoch's crew."


def test_characters_no_other_canon_has_together_name_it(joint_kb, monkeypatch):
    # Quorin, Vashtel and Belisar are each in three fandoms, all three only in Tidewatch.
    story = _harbor_story(("Quorin", "Vashtel", "Belisar"))
    assert _run(story).fandom.name == "Tidewatch"
    from ficlens import fandom as fandom_module
    from ficlens.kb.identify import StoryWords, score_fandoms

    spans = [(0, len(story))]
    ranked = score_fandoms(joint_kb, list(joint_kb.scanner.scan(story, spans)), story, StoryWords(story, spans))
    top = next(s for s in ranked if s.entry.name == "Tidewatch")
    assert fandom_module.jointly_distinctive(joint_kb, top, {id(top.entry)})
    # Harbor Lights has Quorin and Vashtel, Greyfen Quorin and Belisar: counted as others,
    # neither has three. Counting Tidewatch itself as another canon, the three are not unique.
    assert not fandom_module.jointly_distinctive(joint_kb, top, set())
    # Without the joint evidence the original lead leaves too much of the cast unexplained.
    monkeypatch.setattr(fandom_module, "jointly_distinctive", lambda *args: False)
    assert _run(story).fandom.name is None


def test_untrusted_input_does_not_crash(fixture_kb):
    for text in ["\x00\x01 " * 50, "Isolde " * 5000, "’s ’s '' \u202e Corvin's's", "A" * 10000]:
        _run(text)


@pytest.mark.shared
@pytest.mark.parametrize("name", ["gilmore-girls_one-shot.txt", "gilmore-girls_wip-chapter.txt"])
def test_samples_are_gilmore_girls(name):
    from ficlens.pipeline import Pipeline

    analysis = Pipeline().analyze(SAMPLES / name)
    assert analysis.fandom.name == "Gilmore Girls"
    assert analysis.fandom.confidence > 0.5
    names = {c.name for c in analysis.characters}
    assert {"Lorelai Gilmore", "Luke Danes"} <= names
    lorelai = next(c for c in analysis.characters if c.name == "Lorelai Gilmore")
    assert lorelai.gender == "female" and "Lorelai" in lorelai.aliases


@pytest.mark.shared
def test_fandom_is_fast_on_a_long_text():
    text = (SAMPLES / "gilmore-girls_one-shot.txt").read_text(encoding="utf-8")
    long_text = "\n\n".join([text] * 65)  # about 100K words
    kb.load()
    started = time.perf_counter()
    analysis = _run(long_text)
    assert_no_hang(started)  # speed figures: benchmarks/speed.py
    assert analysis.fandom.name == "Gilmore Girls"


def test_titles_are_not_part_of_the_story_cast():
    from ficlens.kb.identify import StoryWords

    text = "Then General Hale came in. Later General Hale left, and Doctor Ives and Captain Ives stayed."
    cast = dict(StoryWords(text, [(0, len(text))]).cast)
    assert "General" not in cast and "Captain" not in cast and "Doctor" not in cast
    assert cast.get("Hale") == 2



def test_a_possessive_after_a_name_ending_in_s_is_the_same_cast_member():
    from ficlens.kb.identify import StoryWords

    text = "He took Maes' hand. Later Maes laughed, and then Maes's daughter ran to 'Roy' and to Roy."
    cast = dict(StoryWords(text, [(0, len(text))]).cast)
    assert cast.get("Maes") == 3 and "Maes'" not in cast
    assert cast.get("Roy") == 2

def test_a_given_name_the_story_gives_another_surname_is_not_the_canon_character():
    """ "William" and "Mary" of a story about William Rodney and Mary Datchet are not
    Wolf Hall's William Brereton and Mary Boleyn, even where Cromwell, Greenwich and
    Hampton Court make Wolf Hall the likeliest canon."""
    from ficlens import analyze

    story = ("William Rodney walked to Whitehall with Mary Datchet. " * 2 + "\n\n" + (
        '"Come to Greenwich," said William. "We shall see Hampton Court," said Mary. '
        'Mary laughed. William frowned. "Cromwell built it," said William.\n\n') * 6)
    result = analyze(story, is_text=True)
    names = {c.name for c in result.characters}
    assert {"William Rodney", "Mary Datchet"} <= names
    assert not names & {"William Brereton", "Mary Boleyn"}
    assert {q.speaker for q in result.quotes} <= names
