"""Author's notes: from format roles and from the text; story_spans without them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ficlens.model import Analysis, Chapter, Document, Paragraph
from ficlens.notes import NotesStage
from ficlens.readers import read_text

from .conftest import BENCH, FORMATS, SAMPLES
from .conftest import assert_no_hang

STORY = [
    'Lorelai walked into the diner and sat at the counter. "Coffee," she said.',
    'Luke poured it without a word. "You look tired," he said after a while.',
    "She shrugged and looked out of the window at the snow on the gazebo.",
]


def analyse(text: str) -> Analysis:
    analysis = Analysis(document=read_text(text))
    NotesStage()(analysis)
    return analysis


def page(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def notes_of(*paragraphs: str) -> list[tuple[str, str]]:
    return [(note.kind, note.text) for note in analyse(page(*paragraphs)).author_notes]


def story_text(analysis: Analysis) -> str:
    return "\n".join(analysis.text[start:end] for start, end in analysis.story_spans)


def assert_consistent(analysis: Analysis) -> None:
    """Offsets are exact, spans sorted and disjoint, and no note text is in the story."""
    text = analysis.text
    for note in analysis.author_notes:
        assert text[note.start : note.end] == note.text
    spans = analysis.story_spans
    assert spans == sorted(spans)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        assert end <= start
    for start, end in spans:
        assert text[start:end] == text[start:end].strip() and end > start
        for note in analysis.author_notes:
            assert end <= note.start or start >= note.end


# ---------------------------------------------------------------- labels


@pytest.mark.parametrize(
    "label",
    ["A/N:", "AN:", "A/N -", "A/N", "Author's Note:", "Authors note:", "Author's Notes -", "**A/N:**", "*Author Note:*"],
)
def test_labelled_paragraph_at_top_is_a_note(label):
    first = f"{label} This came to me in the shower. Enjoy it!"
    assert notes_of(first, *STORY) == [("note", first)]


def test_labelled_notes_at_top_and_bottom_and_the_story_between():
    top = "A/N: Well this is a one-shot I wrote. It takes place after the finale."
    bottom = "A/N: Well what did you think? Tell me truthfully. I might make a chapter fic out of this."
    analysis = analyse(page(top, *STORY, bottom))
    assert [n.text for n in analysis.author_notes] == [top, bottom]
    assert all(n.source == "text" for n in analysis.author_notes)
    assert analysis.author_notes[1].kind in ("note", "review-request")
    assert story_text(analysis) == "\n".join(STORY)
    assert_consistent(analysis)


def test_label_in_the_middle_of_a_chapter_is_a_note():
    middle = "A/N: Sorry, I had to split this scene in two. Back to the story!"
    assert notes_of(STORY[0], middle, STORY[1], STORY[2]) == [("note", middle)]


def test_labelled_note_takes_the_kind_of_its_body():
    thanks = "Author's Note: Huge thanks to Heather and Kelsey for being such amazing betas!"
    disclaimer = "A/N: I don't own Gilmore Girls."
    assert notes_of(thanks, *STORY) == [("thanks", thanks)]
    assert notes_of(disclaimer, *STORY) == [("disclaimer", disclaimer)]


def test_inline_bracketed_note_is_cut_out_of_its_paragraph():
    paragraph = "Rory opened the letter (A/N: this is the letter from chapter two (remember?)) and began to read."
    analysis = analyse(page(STORY[0], paragraph, STORY[1], STORY[2]))
    assert [(n.kind, n.text) for n in analysis.author_notes] == [
        ("note", "(A/N: this is the letter from chapter two (remember?))")
    ]
    assert "Rory opened the letter" in story_text(analysis)
    assert "and began to read." in story_text(analysis)
    assert "A/N" not in story_text(analysis)
    assert_consistent(analysis)


def test_square_bracket_and_unclosed_inline_notes():
    closed = "She sighed. [AN: yes, this is a real cafe in Aix] Then she paid."
    unclosed = "He left early (A/N: I ran out of time to fix this part"
    notes = notes_of(STORY[0], closed, STORY[1], unclosed, STORY[2])
    assert notes == [("note", "[AN: yes, this is a real cafe in Aix]"), ("note", "(A/N: I ran out of time to fix this part")]


def test_label_opening_a_sentence_inside_a_paragraph_runs_to_its_end():
    paragraph = "And that was the last time she saw him. A/N: Sorry! Please don't hate me."
    analysis = analyse(page(*STORY, paragraph))
    assert [n.text for n in analysis.author_notes] == ["A/N: Sorry! Please don't hate me."]
    assert story_text(analysis).endswith("And that was the last time she saw him.")


def test_word_an_is_not_a_label():
    story = ["An owl hooted somewhere in the dark.", "An: the word on the sign had faded.", *STORY]
    assert notes_of(*story) == []


# ---------------------------------------------------------------- cues at the edges


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Disclaimer: I don't own Gilmore Girls.", "disclaimer"),
        ("I do not own Gilmore Girls or any of its characters.", "disclaimer"),
        ("All characters belong to Amy Sherman-Palladino.", "disclaimer"),
        ("Gilmore Girls belongs to the WB. I just play with them.", "disclaimer"),
        ("For Sarah, who made me watch the show.", "dedication"),
        ("Dedicated to my sister.", "dedication"),
        ("Huge thanks to Jo for betaing!", "thanks"),
        ("Thanks to my amazing beta, Kate.", "thanks"),
        ("Summary: Lorelai leaves town.", "summary"),
        ("Rating: T", "note"),
    ],
)
def test_cue_paragraph_at_the_top(line, kind):
    assert notes_of(line, *STORY) == [(kind, line)]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Please review!", "review-request"),
        ("R&R", "review-request"),
        ("Reviews are love!", "review-request"),
        ("Tell me what you think!", "review-request"),
        ("So, let me know what you think.", "review-request"),
        ("To be continued...", "to-be-continued"),
        ("TBC", "to-be-continued"),
        ("Chapter 3 coming soon!", "to-be-continued"),
        ("To Be Continued. Please review!", "to-be-continued"),
        ("Thanks to my beta for putting up with me!", "thanks"),
        ("Thank you for reading!", "thanks"),
        ("Hope you enjoyed it! Reviews make my day.", "note"),
    ],
)
def test_cue_paragraph_at_the_bottom(line, kind):
    assert notes_of(*STORY, line) == [(kind, line)]


def test_several_note_paragraphs_at_the_bottom_each_count():
    tail = ["To be continued...", "Thanks to my beta, Jo!", "Please review!"]
    assert [kind for kind, _ in notes_of(*STORY, *tail)] == ["to-be-continued", "thanks", "review-request"]


def test_the_end_is_story_but_notes_after_it_are_notes():
    analysis = analyse(page(*STORY, "The End", "Please review!"))
    assert [n.text for n in analysis.author_notes] == ["Please review!"]
    assert story_text(analysis).endswith("The End")


def test_chat_after_a_closing_label_belongs_to_it():
    tail = ["A/N: So that happened.", "I know it was sad, but it had to be done.", "Next one will be happier, promise."]
    assert [text for _, text in notes_of(*STORY, *tail)] == tail


def test_unlabelled_line_between_two_labels_at_the_top_is_preamble():
    top = ["Disclaimer: Not mine.", "The opening quote is from the pilot.", "A/N: Set after season four."]
    assert [text for _, text in notes_of(*top, *STORY)] == top


# ---------------------------------------------------------------- precision


@pytest.mark.parametrize(
    "line",
    [
        '"Thank you," she said, smiling at him for the first time that day.',
        '"Please review the files before Monday," Paris said.',
        '"To be continued," Lorelai announced, "the saga of the broken toaster."',
        "Thanks to the storm, they were stuck in the inn for the night.",
        "For three weeks she had not slept a full night.",
        "For Christmas, Rory got a new laptop from her grandparents.",
        "Part of her wanted to stay.",
        "The house belongs to Emily, and Lorelai hates every inch of it.",
    ],
)
def test_story_lines_at_the_edges_are_not_notes(line):
    assert notes_of(line, *STORY) == []
    assert notes_of(*STORY, line) == []


def test_cues_in_the_middle_of_the_story_are_not_notes():
    middle = ["Please review!", "To be continued.", "Thanks to my beta!"]
    assert notes_of(STORY[0], *middle, STORY[1], STORY[2]) == []


def test_story_after_a_top_note_is_not_swallowed():
    opening = "Rory stared at the first chapter of her textbook for an hour, and read none of it."
    analysis = analyse(page("A/N: Enjoy!", opening, *STORY))
    assert [n.text for n in analysis.author_notes] == ["A/N: Enjoy!"]
    assert story_text(analysis).startswith(opening)


# ---------------------------------------------------------------- sections and chapters in the text


def test_notes_between_chapters_in_plain_text():
    text = page(
        *STORY,
        "A/N: Chapter two will be longer, I promise.",
        "Chapter 2: The Morning After",
        "Disclaimer: Still not mine.",
        *STORY,
        "Please review!",
    )
    analysis = analyse(text)
    assert [(n.kind, n.text) for n in analysis.author_notes] == [
        ("note", "A/N: Chapter two will be longer, I promise."),
        ("disclaimer", "Disclaimer: Still not mine."),
        ("review-request", "Please review!"),
    ]
    assert all("Morning After" not in note.text for note in analysis.author_notes)
    assert story_text(analysis).count("Lorelai walked") == 2
    assert_consistent(analysis)


def test_announced_block_fenced_by_a_separator_is_one_set_of_notes():
    block = [
        "Author's Notes:",
        "Welcome to the first chapter! This is going to be a long ride.",
        "It is NOT a retelling of the show.",
        "A look ahead:",
        "Coffee, a town meeting, and a secret.",
    ]
    analysis = analyse(page(*block, "* * *", *STORY))
    assert [n.text for n in analysis.author_notes] == block
    assert story_text(analysis).endswith("\n".join(STORY))


def test_closing_block_after_a_separator_talking_about_the_fic_is_notes():
    block = [
        "Everything in this fic has a meaning, even these first chapters.",
        "Anyway, I hope you enjoyed it. Reviews keep me going!",
    ]
    assert [text for _, text in notes_of(*STORY, "________", *block)] == block


def test_scene_after_a_separator_is_not_a_note_block():
    scene = ["Morning came grey and cold over Stars Hollow.", "Luke opened the diner at six, as always."]
    assert notes_of("A/N: Hi!", *STORY, "* * *", *scene) == [("note", "A/N: Hi!")]


# ---------------------------------------------------------------- notes from the format


def format_document() -> Document:
    parts = [
        ("summary", "Lorelai leaves Stars Hollow."),
        ("note", "Disclaimer: I don't own anything."),
        ("note", "Written for a friend."),
        ("heading", "Chapter 1"),
        ("chapter-summary", "In which there is coffee."),
        ("chapter-note", "Thanks to my beta for the help!"),
        ("story", STORY[0]),
        ("story", "She left (A/N: sorry!) at dawn."),
        ("end-note", "Thank you all for reading and reviewing!"),
        ("end-note", "See you soon."),
    ]
    text, paragraphs = "", []
    for role, words in parts:
        start = len(text)
        text += words + "\n\n"
        paragraphs.append(Paragraph(start, start + len(words), role))
    chapter = Chapter(index=1, title="Chapter 1", start=0, end=len(text), paragraphs=paragraphs)
    return Document(text=text, format="ao3-html", chapters=[chapter])


def test_format_roles_become_notes_with_refined_kinds():
    analysis = Analysis(document=format_document())
    NotesStage()(analysis)
    found = [(n.kind, n.source, n.text) for n in analysis.author_notes]
    assert found == [
        ("summary", "format", "Lorelai leaves Stars Hollow."),
        ("disclaimer", "format", "Disclaimer: I don't own anything."),
        ("note", "format", "Written for a friend."),
        ("chapter-summary", "format", "In which there is coffee."),
        ("thanks", "format", "Thanks to my beta for the help!"),
        ("note", "text", "(A/N: sorry!)"),
        ("thanks", "format", "Thank you all for reading and reviewing!"),
        ("end-note", "format", "See you soon."),
    ]
    assert story_text(analysis) == "\n".join([STORY[0], "She left", "at dawn."])
    assert_consistent(analysis)


# ---------------------------------------------------------------- odd input


@pytest.mark.parametrize(
    "text",
    [
        "A/N:",
        "(((((((( A/N " * 200,
        "[A/N" + "x" * 5000,
        "For " + "Aa " * 3000,
        "Thanks to " + "a " * 5000 + "for",
        "* * *\n\n" * 50,
        "Chapter 1\n\nChapter 2\n\n",
        "A/N: " + "word " * 2000 + "\nMore text on a new line.",
        "\u200b\ufeff\x00 odd bytes \x07",
    ],
)
def test_odd_input_never_crashes_or_hangs(text):
    started = time.perf_counter()
    analysis = analyse(text)
    assert_no_hang(started)
    assert_consistent(analysis)


def test_empty_document_has_no_notes_and_no_spans():
    analysis = Analysis(document=Document(text="", format="txt", chapters=[]))
    NotesStage()(analysis)
    assert analysis.author_notes == [] and analysis.story_spans == []


def test_long_text_finishes():
    paragraph = 'She walked to the diner and ordered coffee. "Another," she said, and Luke sighed. ' * 3
    text = page("A/N: hi", *([paragraph] * 2500), "Please review!")
    started = time.perf_counter()
    analysis = analyse(text)
    assert_no_hang(started)
    assert len(analysis.author_notes) == 2


# ---------------------------------------------------------------- the real samples


def _paragraph_texts(analysis: Analysis) -> list[str]:
    return [analysis.text[p.start : p.end] for p in analysis.document.paragraphs()]


@pytest.mark.shared
def test_one_shot_sample_has_its_two_author_notes_and_nothing_else():
    analysis = analyse((SAMPLES / "gilmore-girls_one-shot.txt").read_text(encoding="utf-8"))
    paragraphs = _paragraph_texts(analysis)
    notes = analysis.author_notes
    assert len(notes) == 2
    assert notes[0].text == paragraphs[0] and notes[0].text.startswith("A/N:")
    assert notes[1].text == paragraphs[-1] and notes[1].text.startswith("A/N:")
    assert "A/N" not in story_text(analysis)
    assert len(analysis.story_spans) == len(paragraphs) - 2
    assert_consistent(analysis)


@pytest.mark.shared
def test_wip_sample_has_thanks_on_top_and_to_be_continued_below():
    analysis = analyse((SAMPLES / "gilmore-girls_wip-chapter.txt").read_text(encoding="utf-8"))
    paragraphs = _paragraph_texts(analysis)
    notes = analysis.author_notes
    assert [n.kind for n in notes] == ["thanks", "to-be-continued"]
    assert notes[0].text == paragraphs[0] and notes[0].text.startswith("Author's Note:")
    assert notes[1].text == paragraphs[-1] and notes[1].text.startswith("To Be Continued")
    assert len(analysis.story_spans) == len(paragraphs) - 2
    assert_consistent(analysis)


def _front_matter_and_body(path: Path) -> tuple[str, str]:
    raw = path.read_text(encoding="utf-8")
    _, front, body = raw.split("---\n", 2)
    return front, body


@pytest.mark.shared
def test_ao3_tagged_bodies_hold_no_notes():
    """These works keep their notes in AO3's notes field (the front matter), not in the body."""
    paths = sorted((BENCH / "ao3-tagged").glob("*.md"))
    assert paths
    found = []
    for path in paths:
        analysis = analyse(_front_matter_and_body(path)[1])
        found.extend((path.name, n.text[:60]) for n in analysis.author_notes)
        assert_consistent(analysis)
    assert found == []


@pytest.mark.shared
@pytest.mark.parametrize("path", sorted((FORMATS / "ffn_story_page").glob("*.html")), ids=lambda p: p.name)
def test_ffn_pages_keep_their_notes_out_of_the_story(path):
    from ficlens.pipeline import load

    document = load(path)
    if document.format != "ffn-page":
        pytest.skip("the FFN reader has not landed yet")
    analysis = Analysis(document=document)
    NotesStage()(analysis)
    assert analysis.author_notes
    story = story_text(analysis)
    assert "Disclaimer:" not in story and "A/N:" not in story and "Author's Notes:" not in story
    assert_consistent(analysis)
