"""Quote detection: marks, apostrophes, nesting, paragraphs, dialogue vs non-dialogue, groups."""

from __future__ import annotations

import pytest

from ficlens.dialogue_tags import inflections, verb_forms
from ficlens.model import Analysis
from ficlens.quote_marks import count_openers, paragraph_marks, primary_family
from ficlens.quotes import QuoteStage, find_quotes
from ficlens.readers import read_text

from .conftest import SAMPLES


def run(text: str):
    """Quotes and non-dialogue of ``text`` read as pasted plain text (paragraphs on blank lines)."""
    document = read_text(text)
    spans = [(p.start, p.end) for p in document.paragraphs()]
    quotes, non_dialogue = find_quotes(document.text, spans)
    for item in [*quotes, *non_dialogue]:
        assert document.text[item.start:item.end] == item.text
    return quotes, non_dialogue


def texts(items) -> list[str]:
    return [item.text for item in items]


# ---------------------------------------------------------------- marks


def test_straight_and_curly_double_quotes():
    quotes, _ = run('"Hey," she said.\n\n“Rough day?” he asked.')
    assert texts(quotes) == ["Hey,", "Rough day?"]
    assert (quotes[1].open_mark, quotes[1].close_mark) == ("“", "”")


def test_single_quotes_tell_apostrophes_apart():
    text = (
        "'Rock 'n' roll isn't dead,' said Tom. 'The girls' bags are in Luke's van from the '90s, "
        "'cause we're late.'\n\n'Tell 'em I don't care,' she said."
    )
    quotes, non_dialogue = run(text)
    assert texts(quotes) == [
        "Rock 'n' roll isn't dead,",
        "The girls' bags are in Luke's van from the '90s, 'cause we're late.",
        "Tell 'em I don't care,",
    ]
    assert quotes[0].open_mark == "'" and quotes[0].close_mark == "'"
    assert non_dialogue == []


def test_curly_single_quotes_and_right_quote_apostrophes():
    quotes, _ = run("‘I don’t know,’ she said. ‘Ask ’em yourself.’")
    assert texts(quotes) == ["I don’t know,", "Ask ’em yourself."]


def test_guillemets_and_german_quotes():
    quotes, _ = run("«Bonjour,» he said.\n\n„Good day“, she said.\n\n»Hello,« he said.")
    assert texts(quotes) == ["Bonjour,", "Good day", "Hello,"]


def test_primary_convention_is_counted_per_work():
    british = "\n\n".join(f"'Line number {i},' she said." for i in range(10)) + '\n\nHe read "Emma".'
    american = "\n\n".join(f'"Line number {i}," she said.' for i in range(10)) + "\n\nShe said 'no'."
    assert primary_family(count_openers(paragraph_marks(british, 0, len(british)))) == "single"
    assert primary_family(count_openers(paragraph_marks(american, 0, len(american)))) == "double"


# ---------------------------------------------------------------- nesting and paragraphs


def test_nested_quote_stays_inside_one_speech_quote():
    quotes, non_dialogue = run("\"He said 'no' to me,\" she said.")
    assert texts(quotes) == ["He said 'no' to me,"]
    assert [(n.text, n.kind) for n in non_dialogue] == [("no", "mention")]


def test_nested_double_inside_single_convention():
    text = "'He called it \"the plan\" all week,' said Ann.\n\n" + "\n\n".join(
        f"'Line {i},' she said." for i in range(6)
    )
    quotes, non_dialogue = run(text)
    assert quotes[0].text == 'He called it "the plan" all week,'
    assert texts(non_dialogue) == ["the plan"]


def test_quote_continued_across_paragraphs_is_one_group():
    text = '"It began in the spring, when the rain came.\n\n"And it never stopped," he said.\n\nShe nodded.'
    quotes, _ = run(text)
    assert texts(quotes) == ["It began in the spring, when the rain came.", "And it never stopped,"]
    assert quotes[0].close_mark is None and quotes[1].close_mark == '"'
    assert quotes[0].group == quotes[1].group


def test_missing_close_mark_ends_at_paragraph_end():
    text = '"This line never closes.\n\nPlain narration here, nothing quoted.\n\n"Hi," he said.'
    quotes, _ = run(text)
    assert texts(quotes) == ["This line never closes.", "Hi,"]
    assert quotes[0].close_mark is None
    assert quotes[0].group != quotes[1].group


def test_line_split_by_a_stray_paragraph_break_is_one_group():
    quotes, _ = run('"I can tell you about it as we look for them.\n\nDo you want to get back in your box?"\n\nShe nodded.')
    assert texts(quotes) == ["I can tell you about it as we look for them.", "Do you want to get back in your box?"]
    assert quotes[1].open_mark == "" and quotes[0].group == quotes[1].group


def test_cut_off_line_without_close_mark_is_not_continued():
    quotes, _ = run('"I don\'t mind if you stay-\n\n"Look," Draco said.')
    assert texts(quotes) == ["I don't mind if you stay-", "Look,"]
    assert quotes[0].group != quotes[1].group


def test_missing_close_mark_before_a_new_opening_mark():
    quotes, _ = run('She yelled "Stop it. "Now!" he shouted back.')
    assert texts(quotes) == ["Stop it.", "Now!"]


def test_stray_mark_does_not_flip_the_rest_of_the_text():
    paragraphs = ['A board 6" wide and a stray " mark here.'] + [f'"Line {i}," she said.' for i in range(5)]
    quotes, _ = run("\n\n".join(paragraphs))
    assert texts(quotes) == [f"Line {i}," for i in range(5)]


def test_pasted_text_with_one_paragraph_per_line():
    text = "\n".join(
        [
            "Lorelai sat down and looked at the long list of things she still had to do before the inn opened.",
            '"This never closes',
            "Rory walked in with two cups of coffee, which was the only good news of the whole morning so far.",
            '"Coffee!" Lorelai said.',
        ]
    )
    quotes, _ = run(text)
    assert texts(quotes) == ["This never closes", "Coffee!"]


def test_hard_wrapped_text_keeps_a_quote_across_line_breaks():
    line = "The morning was grey and the road to the village was long and quiet."
    text = "\n".join([line] * 4) + '\n\n"I wonder whether the rain will ever\nstop," said Anne.\n\n' + "\n".join([line] * 3)
    quotes, _ = run(text)
    assert texts(quotes) == ["I wonder whether the rain will ever\nstop,"]


# ---------------------------------------------------------------- dialogue or not


def test_scare_quote_title_and_mention_are_not_dialogue():
    text = (
        'He had convinced her that her "mulling" was for a reason. Aix was called "The City of Fountains". '
        "It takes place after \"The Long Morrow\" or \"That's What You Get, Folks\". What is 'it'?"
    )
    quotes, non_dialogue = run(text)
    assert quotes == []
    assert [(n.text, n.kind) for n in non_dialogue] == [
        ("mulling", "scare"),
        ("The City of Fountains", "title"),
        ("The Long Morrow", "title"),
        ("That's What You Get, Folks", "title"),
        ("it", "mention"),
    ]


def test_scare_quote_with_punctuation_inside_the_marks():
    quotes, non_dialogue = run('She was the queen of the "younger set," as everyone knew.')
    assert quotes == [] and texts(non_dialogue) == ["younger set,"]


def test_mention_inside_dialogue():
    quotes, non_dialogue = run("\"Mom, come on. Whatever 'it' may be. Please,\" Rory said.")
    assert len(quotes) == 1 and quotes[0].kind == "speech"
    assert [(n.text, n.kind) for n in non_dialogue] == [("it", "mention")]


def test_short_exclamations_are_dialogue():
    quotes, _ = run('"Mom?" Rory called.\n\n"Luke!"\n\n"What?"\n\nShe turned. "Oh," she said.')
    assert texts(quotes) == ["Mom?", "Luke!", "What?", "Oh,"]
    assert {q.kind for q in quotes} == {"speech"}


def test_untagged_line_at_paragraph_start_is_dialogue():
    quotes, _ = run('"Lorelai, please don\'t go" Luke slowly walked up to them.')
    assert texts(quotes) == ["Lorelai, please don't go"]


def test_speech_verb_right_before_a_short_line():
    quotes, _ = run('Tony opened the telegram and said "Hell." Then he sat down.')
    assert texts(quotes) == ["Hell."]


@pytest.mark.parametrize(
    "text, kind",
    [
        ('"It\'s nothing like Luke\'s coffee," she thought.', "thought"),
        ('"Is he coming back?" she wondered.', "thought"),
        ('"Not again," he thought to himself.', "thought"),
        ('"Maybe tomorrow," mused Lorelai.', "thought"),
        ('The note said, "Back at six."', "written"),
        ('"Gone fishing," the sign read.', "written"),
        ('She texted, "On my way."', "written"),
        ('"Dear Rory, I love you," she wrote.', "written"),
        ('The sign read "No Parking" in red letters.', "written"),
    ],
)
def test_tag_verb_or_subject_gives_the_kind(text, kind):
    quotes, _ = run(text)
    assert [q.kind for q in quotes] == [kind]


# ---------------------------------------------------------------- groups


def test_interrupted_line_is_one_group():
    quotes, _ = run('"Hey," she replied softly. "Rough day?"\n\n"Nah," he said.')
    assert texts(quotes) == ["Hey,", "Rough day?", "Nah,"]
    assert quotes[0].group == quotes[1].group != quotes[2].group


def test_two_speakers_in_one_paragraph_are_two_groups():
    quotes, _ = run('"Hi," said Anna. "Hello," said Ben.')
    assert quotes[0].group != quotes[1].group


def test_thought_tag_after_second_part_covers_the_first():
    quotes, _ = run('"Maybe," she thought, "it will work."')
    assert [q.kind for q in quotes] == ["thought", "thought"]
    assert quotes[0].group == quotes[1].group


# ---------------------------------------------------------------- hostile input


def test_thousand_unbalanced_marks_in_one_paragraph():
    text = 'He said " and then ' * 1001 + "the end."
    quotes, non_dialogue = run(text)
    assert all(q.end <= len(text) for q in quotes)
    assert len(quotes) + len(non_dialogue) <= 1001


def test_thousand_unbalanced_single_marks_stay_out():
    text = "It wasn't ' or ' that ' and " * 1000 + '\n\n"Fine," she said.'
    quotes, _ = run(text)
    assert quotes[-1].text == "Fine,"


def test_five_megabyte_paragraph():
    chunk = 'word after word, "a quote here," she said, and her "scare" quote; ' + 'more words ' * 20
    text = chunk * (5_000_000 // len(chunk))
    quotes, non_dialogue = run(text)
    assert len(quotes) > 10_000 and len(quotes) == len(non_dialogue)


def test_empty_and_markless_text():
    assert run("Nothing quoted at all.") == ([], [])
    assert run('""') == ([], [])


# ---------------------------------------------------------------- verbs


def test_inflections_cover_regular_and_irregular_forms():
    assert {"reply", "replies", "replied", "replying"} <= inflections("reply")
    assert {"snapped", "snapping"} <= inflections("snap")
    assert {"said", "says"} <= verb_forms("speech_verbs")
    assert "thought" in verb_forms("thought_verbs") and "wrote" in verb_forms("written_verbs")


# ---------------------------------------------------------------- the stage


def test_stage_reads_story_spans_only():
    text = 'A/N: I loved "The Long Morrow".\n\n"Hi," she said.'
    document = read_text(text)
    analysis = Analysis(document=document)
    analysis.story_spans = [(p.start, p.end) for p in document.paragraphs()][1:]
    QuoteStage()(analysis)
    assert texts(analysis.quotes) == ["Hi,"] and analysis.non_dialogue == []


# ---------------------------------------------------------------- the real samples


def _paragraphs_opening_with_a_quote(analysis):
    for start, end in analysis.story_spans:
        for line_start, line in _lines(analysis.text, start, end):
            if line[:1] in '"“':
                yield line_start


def _lines(text, start, end):
    offset = start
    for line in text[start:end].split("\n"):
        yield offset, line
        offset += len(line) + 1


@pytest.mark.shared
@pytest.mark.parametrize("sample", ["one_shot", "wip_chapter"])
def test_every_paragraph_opening_with_a_quote_is_dialogue(sample, request):
    analysis = request.getfixturevalue(sample)
    starts = {q.start - 1 for q in analysis.quotes}
    missing = [p for p in _paragraphs_opening_with_a_quote(analysis) if p not in starts]
    assert missing == []


@pytest.mark.shared
def test_one_shot_quotes(one_shot):
    quotes = texts(one_shot.quotes)
    assert len(quotes) == 23
    assert {"Mom?", "Luke!", "Lorelai, please don't go"} <= set(quotes)
    assert {q.kind for q in one_shot.quotes} == {"speech"}
    assert [(n.text, n.kind) for n in one_shot.non_dialogue] == [("it", "mention"), ("it", "mention")]
    assert not {"The Long Morrow", "That's What You Get, Folks", "it"} & set(quotes)


@pytest.mark.shared
def test_wip_chapter_quotes(wip_chapter):
    quotes = wip_chapter.quotes
    assert len(quotes) == 27
    assert (quotes[0].text, quotes[0].kind) == ("It's nothing like Luke's coffee,", "thought")
    assert all(q.kind == "speech" for q in quotes[1:])
    hey, rough = quotes[1], quotes[2]
    assert (hey.text, rough.text) == ("Hey,", "Rough day?") and hey.group == rough.group
    assert {(n.text, n.kind) for n in wip_chapter.non_dialogue} == {
        ("mulling", "scare"),
        ("The City of Fountains", "title"),
    }


@pytest.mark.shared
def test_samples_offsets_are_exact(one_shot, wip_chapter):
    for analysis in (one_shot, wip_chapter):
        for item in [*analysis.quotes, *analysis.non_dialogue]:
            assert analysis.text[item.start:item.end] == item.text
