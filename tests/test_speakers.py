"""Speaker attribution rules, on small self-written fixtures fed straight to the core."""

from __future__ import annotations

import re

import pytest

from ficlens.model import Character, Quote
from ficlens.readers import read_text
from ficlens.speakers import NARRATOR_LABEL, attribute_speakers

CAST = [
    Character("Anna Reyes", ["Anna"], "female"),
    Character("Ben Okafor", ["Ben"], "male"),
    Character("Clara Voss", ["Clara"], "female"),
    Character("Dev Patel", ["Dev"], "male"),
]


def attribute(text: str, cast: list[Character] | None = None, narrator: str | None = None) -> list[Quote]:
    """Quotes found by a plain regex, attributed by the speaker core."""
    quotes = [
        Quote(m.group(1), m.start(1), m.end(1), "thought" if "thought" in text[m.end():m.end() + 20] else "speech")
        for m in re.finditer(r'"([^"\n]+)"', text)
    ]
    document = read_text(text)
    cast = [Character(c.name, list(c.aliases), c.gender) for c in (cast or CAST)]
    attribute_speakers(text, quotes, cast, paragraphs=[(p.start, p.end) for p in document.paragraphs()], narrator=narrator)
    return quotes


def speakers(text: str, **kwargs) -> list[str | None]:
    return [q.speaker for q in attribute(text, **kwargs)]


def signals(text: str) -> list[str | None]:
    return [q.evidence[0].signal if q.evidence else None for q in attribute(text)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('"Hello?" Anna called.', "Anna Reyes"),
        ('"Hello," said Ben.', "Ben Okafor"),
        ('"Ben?" Anna finally breathed.', "Anna Reyes"),
        ('Clara said, "It is late."', "Clara Voss"),
        ('Dev turned to the window and asked: "Is it raining?"', "Dev Patel"),
    ],
)
def test_explicit_tags_in_every_position(text: str, speaker: str) -> None:
    quotes = attribute(text)
    assert quotes[0].speaker == speaker
    assert quotes[0].evidence[0].signal == "explicit tag"
    assert quotes[0].confidence >= 0.8


def test_possessive_subject_after_quote() -> None:
    text = "Anna and Ben sat down.\n\n\"I'm sorry, I can't.\" Ben's face softened."
    quote = attribute(text)[0]
    assert quote.speaker == "Ben Okafor"
    assert quote.evidence[0].signal == "possessive subject"


def test_narrative_subject_after_quote() -> None:
    text = 'Anna and Ben waited.\n\n"Please help me." Anna was shaking.\n\n"I will." Ben slowly walked up to her.'
    assert speakers(text) == ["Anna Reyes", "Ben Okafor"]
    assert signals(text) == ["narrative subject", "narrative subject"]


def test_pronoun_tag_resolves_by_gender_and_recency() -> None:
    text = (
        "Anna dialled Ben's number and waited. He picked up on the first ring.\n\n"
        '"Hey," she replied softly. "Rough day?"\n\n'
        '"Not too bad," he answered.'
    )
    quotes = attribute(text)
    assert [q.speaker for q in quotes] == ["Anna Reyes", "Anna Reyes", "Ben Okafor"]
    assert quotes[0].evidence[0].signal == "pronoun tag"


def test_tag_in_the_middle_covers_both_parts() -> None:
    text = 'Ben looked up.\n\n"Well," Clara said, "that went badly."'
    assert speakers(text) == ["Clara Voss", "Clara Voss"]


def test_pronoun_reply_avoids_previous_speaker_of_same_gender() -> None:
    text = (
        "Anna and Clara sat on the porch.\n\n"
        '"Do you think he will come?" Anna asked.\n\n'
        '"I doubt it," she replied.'
    )
    assert speakers(text) == ["Anna Reyes", "Clara Voss"]


def test_two_person_exchange_alternates() -> None:
    text = (
        "Ben called Anna that night.\n\n"
        '"Are you there?" Ben asked.\n\n'
        '"Yes," Anna said.\n\n'
        '"Good. I missed you."\n\n'
        '"I missed you too."\n\n'
        '"Come home soon."'
    )
    quotes = attribute(text)
    assert [q.speaker for q in quotes] == ["Ben Okafor", "Anna Reyes", "Ben Okafor", "Anna Reyes", "Ben Okafor"]
    assert quotes[2].evidence[0].signal == "turn-taking"
    assert quotes[2].addressees == ["Anna Reyes"]


def test_vocative_names_the_addressee_who_answers() -> None:
    text = (
        "Anna, Ben, Clara and Dev stood at the gate.\n\n"
        '"Anna, you can\'t just run from your problems!"\n\n'
        '"It worked before!"\n\n'
        '"Well, you shouldn\'t have done that!" Clara told her.\n\n'
        '"Come on Anna, we need you," Dev said.'
    )
    quotes = attribute(text)
    assert quotes[0].speaker != "Anna Reyes"  # a vocative never names the speaker
    assert quotes[0].addressees == ["Anna Reyes"]
    assert quotes[1].speaker == "Anna Reyes"
    assert quotes[1].evidence[0].signal == "vocative"
    assert quotes[3].addressees == ["Anna Reyes"]


def test_vocative_in_group_scene_beats_alternation() -> None:
    text = (
        "Anna, Ben and Clara argued in the kitchen.\n\n"
        '"You never listen," Anna said.\n\n'
        '"That is not fair," Ben said. "Clara, tell her."\n\n'
        '"He is right."'
    )
    assert speakers(text)[-1] == "Clara Voss"


def test_thought_is_attributed_like_speech() -> None:
    text = 'Clara sipped her tea. "This is nothing like home," she thought.'
    quote = attribute(text)[0]
    assert quote.kind == "thought"
    assert quote.speaker == "Clara Voss"


def test_first_person_narrator_with_a_name() -> None:
    text = (
        "I walked into the bar and I saw Ben at once. I sat down beside him and I waited.\n\n"
        '"You came," he said.\n\n'
        '"I did," I said.'
    )
    assert speakers(text, narrator="Anna Reyes") == ["Ben Okafor", "Anna Reyes"]


def test_first_person_narrator_label_when_unnamed() -> None:
    text = (
        "I walked into the bar and I saw Ben at once. I sat down beside him and I waited. "
        "My hands were cold and I kept them in my pockets.\n\n"
        '"You came," he said.\n\n'
        '"I did," I said.'
    )
    assert speakers(text) == ["Ben Okafor", NARRATOR_LABEL]


def test_third_person_text_has_no_narrator_label() -> None:
    text = 'Ben waited at the bar.\n\n"You came," he said. "I said I would."'
    assert NARRATOR_LABEL not in speakers(text)


def test_unknown_gender_is_inferred_from_following_pronouns() -> None:
    cast = [Character("Sam Lee", ["Sam"]), Character("Anna Reyes", ["Anna"], "female")]
    text = (
        "Sam opened the door. She was tired. Sam sat down and she sighed. Anna came in.\n\n"
        '"Long day?" Anna asked.\n\n'
        '"The longest," she answered.'
    )
    assert speakers(text, cast=cast) == ["Anna Reyes", "Sam Lee"]


def test_no_characters_means_no_speaker() -> None:
    text = '"Hello," someone said.\n\n"Who is there?"'
    assert speakers(text, cast=[]) == [None, None]


def test_character_quote_counts() -> None:
    cast = [Character(c.name, list(c.aliases), c.gender) for c in CAST]
    text = '"Hi," said Ben.\n\n"Hello," said Anna.\n\n"Bye," said Ben.'
    quotes = [Quote(m.group(1), m.start(1), m.end(1)) for m in re.finditer(r'"([^"\n]+)"', text)]
    attribute_speakers(text, quotes, cast)
    counts = {c.name: c.quotes for c in cast}
    assert counts["Ben Okafor"] == 2 and counts["Anna Reyes"] == 1 and counts["Clara Voss"] == 0


@pytest.mark.parametrize(
    "text",
    ["", '"', '""', '"unclosed', 'x' * 5000, '"a" "b" "c"' * 200, '\n\n\n"\n"\n', '"Hi," said', '" ," , said he'],
)
def test_odd_input_never_crashes(text: str) -> None:
    quotes = [Quote(m.group(1), m.start(1), m.end(1)) for m in re.finditer(r'"([^"]*)"', text)]
    attribute_speakers(text, quotes, [Character("Ben", [], "male")])
    assert all(q.confidence is None or 0.0 <= q.confidence <= 1.0 for q in quotes)


def test_stage_contract() -> None:
    from ficlens.speakers import SpeakerStage

    assert SpeakerStage.name == "speakers"
    assert SpeakerStage.requires == ("quotes", "characters", "mentions")
    assert SpeakerStage.provides == ("quotes", "characters", "narrator")


def test_a_described_bit_part_names_the_speaker_itself():
    text = 'Anna sat down.\n\n"It only remains to sign," said the solicitor.\n\n"Fine," said Anna.\n'
    assert speakers(text) == ["the solicitor", "Anna Reyes"]


def test_a_lower_case_alias_in_a_tag_is_the_character():
    cast = [*CAST, Character("Nanny", ["Nanny"], "female")]
    text = 'Ben came in.\n\n"Now you eat up your supper," said nanny.\n'
    assert speakers(text, cast=cast) == ["Nanny"]


def test_a_title_and_surname_pick_the_character_of_that_gender():
    cast = [Character("Ben Okafor", ["Ben"], "male"), Character("Mrs. Okafor", [], "female")]
    text = 'They waited.\n\n"Good evening," said Mr. Okafor.\n\n"Hello," said Mrs. Okafor.\n'
    assert speakers(text, cast=cast) == ["Ben Okafor", "Mrs. Okafor"]


def test_a_generic_description_resolves_like_a_pronoun():
    text = 'Anna looked at Ben across the table.\n\n"Well?" said Anna.\n\n"Nothing," said the young man.\n'
    assert speakers(text) == ["Anna Reyes", "Ben Okafor"]


def test_the_speaker_ranker_ships_offline():
    from ficlens.speaker_ranker import FEATURES, load_weights

    weights = load_weights()
    assert weights is not None and len(weights) == len(FEATURES)


def test_two_participants_alternate_back_from_a_later_tag() -> None:
    text = (
        "Anna and Ben sat down by the fire.\n\n"
        '"Is it late?"\n\n'
        '"Not yet."\n\n'
        '"Good," said Anna.'
    )
    assert speakers(text) == ["Anna Reyes", "Ben Okafor", "Anna Reyes"]


def test_tag_pronoun_is_never_the_lines_own_addressee() -> None:
    text = (
        "Clara came in. Anna was by the window.\n\n"
        '"Clara, look at this," she said.'
    )
    assert speakers(text) == ["Anna Reyes"]


# ---------------------------------------------------------------- one cast for every line


def _cast_after(text: str, cast: list[Character] | None = None, narrator: str | None = None):
    quotes = [Quote(m.group(1), m.start(1), m.end(1)) for m in re.finditer(r'"([^"\n]+)"', text)]
    document = read_text(text)
    cast = [Character(c.name, list(c.aliases), c.gender) for c in (CAST if cast is None else cast)]
    used = attribute_speakers(text, quotes, cast, paragraphs=[(p.start, p.end) for p in document.paragraphs()],
                              narrator=narrator)
    return quotes, cast, used


def _assert_consistent(quotes, cast, narrator) -> None:
    names = [c.name for c in cast]
    assert len(names) == len(set(names))
    for quote in quotes:
        assert quote.speaker is None or quote.speaker in names
        assert all(a in names for a in quote.addressees)
    for character in cast:
        assert character.quotes == sum(1 for q in quotes if q.speaker == character.name)
    assert narrator is None or narrator in names


CONSISTENCY_TEXTS = [
    'Anna sat down.\n\n"It only remains to sign," said the solicitor.\n\n"Fine," said Anna.\n',
    'Anna waited.\n\n"Hello," said Ben.\n\n"Hi, Ben," said Anna.\n',
    '"Who is there?" the old woman asked.\n\n"Only me," a voice answered.\n\n"Come in, then."\n',
    "I walked into the bar and I saw Ben at once. I sat down beside him and I waited. "
    'My hands were cold.\n\n"You came," he said.\n\n"I did," I said.\n\n"Well, Jim, sit down."\n',
    'Nobody was there.\n\n"Hello?"\n\n"Is anyone home?"\n',
]


@pytest.mark.parametrize("text", CONSISTENCY_TEXTS)
def test_every_speaker_and_addressee_is_a_character(text: str) -> None:
    for cast in (None, []):
        quotes, characters, narrator = _cast_after(text, cast)
        _assert_consistent(quotes, characters, narrator)


def test_a_described_speaker_becomes_a_character() -> None:
    text = 'Anna sat down.\n\n"It only remains to sign," said the solicitor. He handed her the pen.\n\n"Fine," said Anna.\n'
    quotes, cast, _ = _cast_after(text)
    solicitor = next(c for c in cast if c.name == "the solicitor")
    assert solicitor.evidence[0].signal == "described speaker"
    assert solicitor.quotes == 1 and solicitor.gender == "male"
    assert solicitor.first_offset == text.index("the solicitor")


def test_an_unknown_name_in_a_tag_becomes_a_character() -> None:
    cast = [Character("Anna Reyes", ["Anna"], "female")]
    text = 'Anna waited.\n\n"Hello," said Tobias.\n\n"Hi," said Anna.\n'
    quotes, characters, _ = _cast_after(text, cast)
    assert quotes[0].speaker == "Tobias"
    assert any(c.name == "Tobias" and c.evidence[0].signal == "described speaker" for c in characters)


def test_an_unnamed_first_person_narrator_is_a_character() -> None:
    text = (
        "I walked into the bar and I saw Ben at once. I sat down beside him and I waited. "
        'My hands were cold and I kept them in my pockets.\n\n"You came," he said.\n\n"I did," I said.'
    )
    quotes, cast, narrator = _cast_after(text)
    assert narrator == NARRATOR_LABEL and quotes[1].speaker == NARRATOR_LABEL
    character = next(c for c in cast if c.name == NARRATOR_LABEL)
    assert character.evidence[0].signal == "unnamed narrator"
    assert character.quotes == 1 and character.first_offset == 0


def test_the_narrator_is_named_by_the_lines_that_answer_them() -> None:
    text = (
        "I went down to the forge. I found Ben at the fire and I sat on the bench.\n\n"
        '"Morning," I said.\n\n"Morning, Tobias. You are early."\n\n'
        "I shrugged and I looked at my boots.\n\n"
        '"Couldn\'t sleep," I said.\n\n"Well, Tobias, that makes two of us," Ben said.\n'
    )
    quotes, cast, narrator = _cast_after(text)
    assert narrator == "Tobias"
    assert [q.speaker for q in quotes] == ["Tobias", "Ben Okafor", "Tobias", "Ben Okafor"]
    assert next(c for c in cast if c.name == "Tobias").evidence[0].signal == "named narrator"


def test_a_narrator_named_by_the_text_merges_with_that_character() -> None:
    text = (
        "My name is Clara, and I keep the lighthouse. I saw Ben on the rocks and I called to him.\n\n"
        '"You are late," I said.\n\n"The boat was late," he said.\n'
    )
    quotes, cast, narrator = _cast_after(text)
    assert narrator == "Clara Voss"
    assert [c.name for c in cast].count("Clara Voss") == 1
    clara = next(c for c in cast if c.name == "Clara Voss")
    assert clara.evidence[-1].signal == "named narrator" and clara.evidence[-1].text == "My name is Clara"
    assert quotes[0].speaker == "Clara Voss"


def test_one_vocative_is_not_enough_to_name_the_narrator() -> None:
    text = (
        "I went down to the forge and I sat on the bench. I waited for a long time and I watched my hands.\n\n"
        '"Morning," I said.\n\n"Morning, Tobias," Ben said.\n'
    )
    assert _cast_after(text)[2] == NARRATOR_LABEL


def test_third_person_text_with_first_person_thoughts_has_no_narrator() -> None:
    text = (
        "Anna walked to the window. She thought about the letter. I can't do this, I won't. "
        "She sat down and she waited. He would come, she told herself. She looked out and she saw him. "
        "He was walking fast and he did not look up. She stood and she went to the door.\n\n"
        '"You came," she said.'
    )
    quotes, cast, narrator = _cast_after(text)
    assert narrator is None and NARRATOR_LABEL not in [c.name for c in cast]


# ---------------------------------------------------------------- relatives ('said his wife')


def test_his_wife_is_the_character_of_his_surname_with_the_wifes_title() -> None:
    cast = [Character("Mr. Allen", [], "male"), Character("Mrs. Allen", [], "female"),
            Character("Catherine Morland", ["Catherine"], "female")]
    text = (
        "Mr. Allen and Catherine walked into the pump-room.\n\n"
        '"It is very crowded," said Mr. Allen.\n\n'
        '"I told you it would be," said his wife.\n'
    )
    assert speakers(text, cast=cast) == ["Mr. Allen", "Mrs. Allen"]


def test_her_sister_is_the_other_woman_of_the_conversation() -> None:
    text = (
        "Anna and Clara sat by the fire with Ben.\n\n"
        '"I will not go," Anna said.\n\n'
        '"You must," her sister cried.\n'
    )
    assert speakers(text) == ["Anna Reyes", "Clara Voss"]


def test_his_face_is_still_his_own() -> None:
    text = 'Anna and Ben sat down.\n\n"I\'m sorry." His face softened.'
    assert speakers(text) == ["Ben Okafor"]


def test_things_and_possessed_things_are_never_described_speakers() -> None:
    for text in (
        'Anna and Ben sat down.\n\n"Go away," said the voice.\n',
        'Anna and Ben sat down.\n\n"Go away," said his own cab driver.\n',
        'Anna and Ben sat down.\n\n"Go away," said Mr.\n',
    ):
        quotes, cast, _ = _cast_after(text)
        assert not any(c.evidence and c.evidence[0].signal == "described speaker" for c in cast), text


def test_a_short_narration_paragraph_keeps_the_conversations_people() -> None:
    text = (
        "Anna and Clara sat by the fire.\n\n"
        '"Is it late?" Anna asked.\n\n'
        '"Not yet," Clara said.\n\n'
        "The fire cracked and settled.\n\n"
        '"Good," she said. "I am not tired."\n\n'
        '"Neither am I," said the other.\n'
    )
    assert speakers(text)[2] in ("Anna Reyes", "Clara Voss")
    assert "the other" not in speakers(text)


def test_her_father_is_the_mister_of_her_surname() -> None:
    cast = [Character("Emma Woodhouse", ["Emma"], "female"), Character("Mr. Woodhouse", [], "male"),
            Character("Mr. Knightley", ["Knightley"], "male")]
    text = (
        "Emma sat with Mr. Knightley and her father.\n\n"
        '"She bears it well," Emma said.\n\n'
        '"Dear Emma bears every thing so well," said her father.\n'
    )
    assert speakers(text, cast=cast) == ["Emma Woodhouse", "Mr. Woodhouse"]


def test_a_pronoun_in_the_character_list_never_names_a_speaker() -> None:
    cast = [*CAST, Character("He", ["He"], "male"), Character("I.", ["I."], "unknown"), Character("Oh", ["Oh"], "male")]
    text = 'Anna looked at Ben.\n\n"Well?" she said.\n\n"Nothing," He said. Oh said nothing.\n'
    assert speakers(text, cast=cast) == ["Anna Reyes", "Ben Okafor"]


def test_the_title_alone_names_the_one_character_with_that_title() -> None:
    cast = [*CAST, Character("Count Mippipopolous", [], "male")]
    text = 'Anna poured the wine for Ben and the count.\n\n"It is very good wine," said the count.\n'
    quotes, characters, _ = _cast_after(text, cast)
    assert quotes[0].speaker == "Count Mippipopolous"
    assert "the count" not in [c.name for c in characters]


def test_unanchored_conversation_opens_with_the_lead_in_subject() -> None:
    text = (
        '"Hello," said Dev.\n\n"Hi," said Ben.\n\n'
        "The evening wore on and the rain came down.\n\n"
        "Clara stood by the fire.\n\n"
        '"You are late."\n\n"The trains were slow."'
    )
    quotes = attribute(text)
    assert quotes[2].speaker == "Clara Voss"
    assert quotes[2].evidence[0].signal == "lead-in subject"


def test_a_beat_between_two_lines_is_no_lead_in() -> None:
    text = '"Hello," said Dev.\n\n"Hi," said Ben.\n\nClara stood by the fire.\n\n"You are late."'
    assert attribute(text)[2].evidence[0].signal != "lead-in subject"


def test_undecided_group_turn_goes_to_someone_who_did_not_just_speak() -> None:
    text = (
        "Anna, Ben and Clara sat at the table.\n\n"
        '"Pass the salt," said Anna.\n\n"Here," said Ben.\n\n'
        '"Thanks."\n\n"Anything else?"'
    )
    found = speakers(text)
    assert found[3] not in (found[2], None)


def test_alternation_never_gives_a_line_to_the_person_it_addresses() -> None:
    text = (
        '"Hello," said Anna.\n\n"Hi," said Ben.\n\n'
        '"How are you?"\n\n"Well, Ben, I am tired of it all."'
    )
    found = speakers(text)
    assert found[3] == "Anna Reyes"


def test_line_answered_by_name_belongs_to_that_person() -> None:
    text = (
        "Anna, Ben and Clara sat at the table.\n\n"
        '"Pass the salt," said Dev.\n\n"Is there any pepper?"\n\n"No pepper, Clara, sorry."'
    )
    assert speakers(text)[1] == "Clara Voss"


def test_line_after_narration_naming_someone_else_in_one_paragraph() -> None:
    text = '"You look tired," said Anna. Ben shook his head. Clara laughed. "He never sleeps."'
    assert speakers(text) == ["Anna Reyes", "Clara Voss"]


@pytest.mark.parametrize("changes, calls", [(0, 1), (1, 4)])
def test_ranker_reruns_while_it_changes_speakers(monkeypatch, changes: int, calls: int) -> None:
    """A speaker the ranker changes alters its neighbours' features: it runs again while
    its last pass changed something, at most ``_RERANK_PASSES`` times."""
    from ficlens import speakers as module

    seen = []
    monkeypatch.setattr(module, "rerank", lambda *args: seen.append(1) or changes)
    monkeypatch.setattr(module, "_RERANK_PASSES", 4)
    speakers('"Hi," said Ben.\n\n"Hello."\n\n"Bye."')
    assert len(seen) == calls


def attribute_parts(text: str, groups: list[int]) -> list[Quote]:
    """Quotes as the quote stage gives them: words without the spaces inside the marks,
    each with its utterance ``group``."""
    quotes = []
    for m, group in zip(re.finditer(r'"([^"\n]+)"', text), groups, strict=True):
        words = m.group(1).strip()
        start = m.start(1) + m.group(1).index(words)
        quotes.append(Quote(words, start, start + len(words), "speech", close_mark='"', group=group))
    document = read_text(text)
    cast = [Character(c.name, list(c.aliases), c.gender) for c in CAST]
    attribute_speakers(text, quotes, cast, paragraphs=[(p.start, p.end) for p in document.paragraphs()])
    return quotes


def test_line_closed_after_a_space_does_not_run_into_the_next_paragraph() -> None:
    text = (
        "Anna and Ben argued on the lawn.\n\n"
        '"Really," said Ben, "the examples you choose "\n\n'
        '"Are perfectly good ones."\n\n'
        '"I doubt it."'
    )
    assert [q.speaker for q in attribute_parts(text, [0, 0, 1, 2])] == [
        "Ben Okafor", "Ben Okafor", "Anna Reyes", "Ben Okafor"]


def test_untagged_part_of_an_utterance_takes_its_tag() -> None:
    """A paragraph opened by one speaker's line can hold another's tagged utterance:
    the tag between its two parts names the speaker of both."""
    text = (
        "Anna and Ben argued on the lawn.\n\n"
        '"It is late," said Ben. Then Anna cut in: "Not at all," said Anna, "it is early."'
    )
    quotes = attribute_parts(text, [0, 1, 1])
    assert [q.speaker for q in quotes] == ["Ben Okafor", "Anna Reyes", "Anna Reyes"]


@pytest.mark.parametrize("lead", ["When the table was cleared, Clara said,", "Then Clara turned to Anna and said:"])
def test_tag_closing_the_narration_paragraph_before_the_line(lead: str) -> None:
    text = f'Anna, Ben and Clara sat at dinner.\n\n"Pass the bread," said Ben.\n\n{lead}\n\n"The arrival of this letter is decisive."'
    quotes = attribute(text)
    assert quotes[1].speaker == "Clara Voss"
    assert quotes[1].evidence[0].signal == "explicit tag"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Anna turned to Ben and said, "It is late."', "Anna Reyes"),
        ("Clara blushed at Ben's remark, and replied, \"It is late.\"", "Clara Voss"),
        ('Ben found himself on a sofa with Anna, who said, "It is late."', "Anna Reyes"),
    ],
)
def test_tag_verb_without_its_own_subject(text: str, speaker: str) -> None:
    """The tag verb's subject is the sentence's, not a name it governs or owns, unless a
    relative clause ('with Anna, who said') makes that name the subject."""
    quote = attribute(text)[0]
    assert quote.speaker == speaker
    assert quote.evidence[0].signal == "explicit tag"


def test_bare_title_means_the_character_the_text_names_most() -> None:
    cast = [*CAST, Character("General Tilney", [], "male"), Character("General Courteney", [], "male")]
    text = (
        "General Tilney came in. General Tilney sat. General Tilney smiled. General Tilney rose. "
        "General Tilney bowed. They spoke of General Courteney.\n\n"
        '"Welcome," said the general.'
    )
    assert speakers(text, cast=cast) == ["General Tilney"]


@pytest.mark.parametrize(
    "text",
    [
        'As Mrs. Reyes observed, "It is late."',
        'Ben looked up, and Mrs. Reyes said, "It is late."',
        '"It is late." Anna, turning to Mr. Okafor, said it again.',
    ],
)
def test_title_period_does_not_end_the_tag_sentence(text: str) -> None:
    cast = [Character("Mrs. Reyes", ["Anna", "Anna Reyes"], "female"), Character("Mr. Reyes", [], "male"),
            Character("Mr. Okafor", ["Ben"], "male")]
    assert speakers(text, cast=cast) == ["Mrs. Reyes"]


@pytest.mark.parametrize(
    "text",
    [
        '"I cannot possibly do without Dev," was Anna\'s reasoning.',
        'Anna\'s reply was, "I cannot possibly do without Dev."',
        'Ben looked at Anna. Her last words had been: "I cannot possibly do without Dev."',
    ],
)
def test_possessor_of_a_speech_noun_speaks(text: str) -> None:
    text = f'Anna, Ben and Clara sat down.\n\n"Will you come?" asked Ben.\n\n{text}'
    assert speakers(text) == ["Ben Okafor", "Anna Reyes"]
    assert attribute(text)[1].evidence[0].signal in ("explicit tag", "pronoun tag")


@pytest.mark.parametrize("verb", ["assented", "quavered", "opined", "implored"])
def test_less_common_speech_verbs_tag_a_line(verb: str) -> None:
    text = f'Anna and Clara sat down.\n\n"Yes, so it is," {verb} Ben.'
    quote = attribute(text)[0]
    assert quote.speaker == "Ben Okafor"
    assert quote.evidence[0].signal == "explicit tag"


def test_gender_from_pronouns_after_the_name_wins_by_a_margin() -> None:
    """Dialogue-heavy narration puts the other person's pronouns after a name too: a
    3:2 majority still gives the gender (and a title behind an article gives it at once)."""
    from ficlens.character_index import build_index

    text = (
        "Cecil smiled and he sat. Cecil rose; he left. Cecil looked at her and she wept. "
        "Cecil nodded; he agreed. Cecil turned to her and she laughed. The Queen frowned."
    )
    cast = [Character("Cecil", [], "unknown"), Character("the Queen", [], "unknown")]
    index = build_index(text, cast)
    assert index.gender("Cecil") == "male"
    assert index.gender("the Queen") == "female"


@pytest.mark.parametrize(
    "text",
    [
        'Anna and Clara sat down.\n\n"Or her taste for peculiar people," put in Ben dryly.',
        'Anna and Clara sat down.\n\n"Well, at any rate," Ben went on, looking round.',
        'Anna and Clara sat down.\n\n"Surely not," cut in Ben.',
    ],
)
def test_phrasal_speech_verbs_tag_a_line(text: str) -> None:
    quote = attribute(text)[0]
    assert quote.speaker == "Ben Okafor"
    assert quote.evidence[0].signal == "explicit tag"


def test_dash_dialogue_lines_are_separate_turns():
    text = ("Harry looked at Hermione across the common room.\n\n"
            "— Now? — Harry asked.\n\n"
            "— Yes, now. Ron can wait.\n\n"
            "— Fine, — he said.\n\n"
            "— Good, — she said.\n\n"
            "— Where? — Hermione asked.\n\n"
            "— The library.\n\n"
            "Harry went out after her.\n")
    from ficlens import analyze

    quotes = [q for q in analyze(text).quotes if q.kind == "speech"]
    first, second = quotes[0], quotes[1]
    assert "Now" in first.text and first.speaker and "Harry" in first.speaker
    assert "Ron can wait" in second.text and second.speaker != first.speaker


def test_a_name_set_off_by_commas_from_its_tag_verb_is_the_speaker():
    """The name inside the aside ('snubbing Dev') is an object, not the speaker."""
    text = ('Anna played on.\n\nLater Clara, under the impression that she was snubbing Dev, '
            'added: "I agree with you, Ben."\n')
    assert speakers(text) == ["Clara Voss"]


def test_own_tag_stands_against_the_paragraph_speaker() -> None:
    """A tag naming its own line's speaker holds in a paragraph where someone else's
    line carries the stronger cue."""
    text = ('Ben and Anna sat at the table.\n\nAnna laughed and said, "But this is far better than the debate." '
            'Ben recovered himself and laughed too. "No, I will not go on," he declared.')
    assert speakers(text) == ["Anna Reyes", "Ben Okafor"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Ben sat by the fire.\n\nThen Anna, drawing near him, said--\n\n"Do you feel it?"', "Anna Reyes"),
        ('Anna looked up.\n\n"Look!" cried out Ben, pointing at the sky.', "Ben Okafor"),
        ('Ben shrugged.\n\n"I doubt it," remarked sceptical Anna.', "Anna Reyes"),
        ('Anna waited.\n\n"Owing to luck, I suppose," flashed Clara.', "Clara Voss"),
    ],
)
def test_tag_shapes_of_older_prose(text: str, speaker: str) -> None:
    """A tag ending its paragraph with a dash, a particle or an adjective between an
    inverted verb and the name, a rarer speech verb."""
    quote = attribute(text)[0]
    assert quote.speaker == speaker
    assert quote.evidence[0].signal == "explicit tag"


def test_inverted_tag_never_takes_an_object_for_its_subject() -> None:
    assert attribute('Anna and Ben argued.\n\n"Yes," said Clara to Ben quietly.')[0].speaker == "Clara Voss"


@pytest.mark.parametrize(
    "text",
    [
        'Anna rose.\n\n"Four o\'clock!" was Mr. Okafor\'s quick amendment; and so it ended.',
        'Anna rose.\n\n"Think of me," was Ben\'s parting injunction.',
    ],
)
def test_line_said_to_be_someones_speech_noun(text: str) -> None:
    """'"...," was X's [adjective] reply': the possessor of the speech noun speaks."""
    quote = attribute(text)[0]
    assert quote.speaker == "Ben Okafor"
    assert quote.evidence[0].signal == "explicit tag"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a name set off by commas, an adverb before the verb; the name inside the aside is not the speaker
        ('Ben left.\n\nAnna, embracing Clara, thus began: "Yes, my dear."', "Anna Reyes"),
        # a new clause after the comma ('while ...') has its own subject
        ('Ben left.\n\n"Then I will not," said Dev, while Anna, thinking she was snubbing Ben, added: "I agree."',
         "Anna Reyes"),
        # a coordinated verb shares the subject of its clause, never the object
        ('Ben left.\n\nUpstairs Anna had Clara by the foot and was saying, "There are four men."', "Anna Reyes"),
        ('Ben left.\n\nDev showed such signs of floundering that Anna collected herself and asked:\n\n"Where?"',
         "Anna Reyes"),
        # ', and said' joins the main clause, across a subordinate one
        ('Ben left.\n\nLater Anna came into the room where Clara was sitting, and said, "I am come."', "Anna Reyes"),
        ('Ben left.\n\nWhen Dev came in, Anna looked up and said, "Hello."', "Anna Reyes"),
        # an inverted tag right before the line
        ('Ben left.\n\nIn an unhappy mood, thus spoke Anna: "I do believe it."', "Anna Reyes"),
    ],
)
def test_subject_of_a_tag_before_the_line(text: str, speaker: str) -> None:
    assert attribute(text)[-1].speaker == speaker


def test_verb_object_before_the_line_is_the_addressee() -> None:
    """'Ben asked Anna, "..."': Anna is asked, Ben speaks; a passive coordinated verb
    ('and was greeted with') names the one spoken to."""
    assert attribute('Clara left.\n\nEvery day Ben asked Anna, "When?"')[0].speaker == "Ben Okafor"
    greeted = attribute('Dev left.\n\nAnna found Clara just returned, and was greeted with, "Well, my dear."')[0]
    assert greeted.speaker != "Anna Reyes"


def test_tag_between_two_lines_belongs_to_the_second() -> None:
    """'Anna said, "...?" Clara said, "..."': after a finished line, a capitalised tag
    ending in a comma leads into the next line; a lower-case one after a comma-closed
    line ('"Hello," said Anna, "how..."') is still the first line's."""
    text = 'Two ladies came in.\n\nAnna said, "Are you in town for long?" Clara said, "Have you got a cigarette?"'
    assert speakers(text) == ["Anna Reyes", "Clara Voss"]
    assert speakers('Ben waited.\n\n"Hello," said Anna, "how are you?"') == ["Anna Reyes", "Anna Reyes"]


def test_phrasal_tag_verb_before_the_line() -> None:
    assert attribute('Ben did not answer, so Anna went on eagerly: "There is such a nice dog."')[0].speaker == "Anna Reyes"
    assert attribute('Ben paused. Clara put in hastily: "If it was."')[0].speaker == "Clara Voss"


def test_name_inside_a_nested_quotation_is_no_vocative() -> None:
    """"...you said to me, 'I am going, Ben, to do so'": Ben quotes words once said to
    him; he is not addressed, and the alternation gives him the line."""
    text = (
        'Anna and Ben walked on.\n\n'
        '"I was often influenced by you," said Anna.\n\n'
        '"How often have you said to me, with one of your saucy looks, \'I am going, Ben, to do so.\'"\n\n'
        '"What an amiable creature I was!" said Anna.'
    )
    assert speakers(text) == ["Anna Reyes", "Ben Okafor", "Anna Reyes"]
    assert speakers('Anna waited.\n\n"Tell \'em, Ben, that you do not believe it."')[0] != "Ben Okafor"


def test_first_person_narrator_takes_part_in_the_scene_they_narrate() -> None:
    """'I went upstairs. Ben was in his room. I stood beside him.': the narrator is one
    of the people of the untagged exchange that follows."""
    text = ('I had been talking with Dev in the hall for an hour.\n\n"Good," Dev said.\n\n'
            'I went upstairs. Ben was in his room, looking out at the square. I stood beside him.\n\n'
            '"Where is Clara?"\n\n"Up in her room."')
    seen: dict[str, list[str]] = {}

    def hook(context, talks, salience_factory) -> None:
        seen["people"] = context.participants[id(talks[-1][0])]

    quotes = [Quote(m.group(1), m.start(1), m.end(1), "speech") for m in re.finditer(r'"([^"\n]+)"', text)]
    cast = [Character(c.name, list(c.aliases), c.gender) for c in CAST]
    paragraphs = [(p.start, p.end) for p in read_text(text).paragraphs()]
    attribute_speakers(text, quotes, cast, paragraphs=paragraphs, narrator="Anna Reyes", _ranker_hook=hook)
    assert {"Anna Reyes", "Ben Okafor"} <= set(seen["people"])


@pytest.mark.parametrize(
    ("text", "signal"),
    [
        ('Anna looked up.\n\n"My brother does know it," was Ben s answer.', "explicit tag"),
        ('Anna laughed.\n\n"A dangerous theory!" Ben s lips tightened.', "possessive subject"),
    ],
)
def test_possessive_whose_apostrophe_was_lost(text: str, signal: str) -> None:
    """Text that lost its apostrophes in a conversion ("Ben s answer") still names its
    speaker by a possessive."""
    quote = attribute(text)[0]
    assert (quote.speaker, quote.evidence[0].signal) == ("Ben Okafor", signal)


def test_description_with_a_defining_phrase_is_someone_in_particular() -> None:
    """'said the man with the black beard' names one person (never a salient 'he');
    'with a smile' / 'with the same placidity' are how it is said."""
    text = 'Ben and Dev stood at the bar.\n\n"Very well," said the man with the black beard, and drew them.'
    assert speakers(text) == ["the man with the black beard"]
    assert speakers('Ben sat down.\n\n"Yes," said the man with a smile.')[0] != "the man with a smile"
    assert speakers('Anna sat down.\n\n"With me?" asked the girl with the same placidity.')[0] == "Anna Reyes"


def test_turn_taking_never_gives_a_line_to_someone_it_names() -> None:
    """'A, B, ?' would give A the third line, but 'Lucy, dearest, let Mr. Beebe eat his
    dinner' names Mr. Beebe in the third person: he is not its speaker."""
    from ficlens.turns import Turn, fill_turns

    first = Turn(0, 0, [0], 0, 10, speaker="Mr. Beebe", signal="explicit tag")
    second = Turn(1, 1, [1], 11, 20, speaker="Lucy", signal="explicit tag")
    third = Turn(2, 2, [2], 21, 30, vocatives=["Lucy"], named=["Lucy", "Mr. Beebe"])
    fill_turns([first, second, third], ["Mr. Beebe", "Lucy", "Charlotte"])
    assert third.speaker != "Mr. Beebe"
    plain = Turn(2, 2, [2], 21, 30)
    fill_turns([first, second, plain], ["Mr. Beebe", "Lucy", "Charlotte"])
    assert plain.speaker == "Mr. Beebe"


@pytest.mark.parametrize(
    "text",
    [
        'Anna sat down.\n\n"There is a later will." It was Ben who spoke.',
        'Anna sat down.\n\n"A dangerous theory!" came from Ben\'s tight lips.',
        'Anna sat down.\n\n"M--m!" from Ben, who thought it amusing.',
    ],
)
def test_line_whose_source_is_named_after_it(text: str) -> None:
    quote = attribute(text)[0]
    assert (quote.speaker, quote.evidence[0].signal) == ("Ben Okafor", "explicit tag")


def test_cleft_without_a_speech_verb_names_no_speaker() -> None:
    assert attribute('Anna sat down.\n\n"Go!" It was Ben who had left.')[0].evidence[0].signal != "explicit tag"
