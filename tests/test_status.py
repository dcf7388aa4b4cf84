"""Status: complete / in-progress from the author's words and from the site's metadata."""

from __future__ import annotations

import pytest

from ficlens.model import Analysis, Chapter, Declared, Document, Paragraph
from ficlens.notes import NotesStage
from ficlens.readers import read_text
from ficlens.status import StatusStage, declared_status

from .conftest import SAMPLES

STORY = [
    'Lorelai walked into the diner and sat at the counter. "Coffee," she said.',
    'Luke poured it without a word. "You look tired," he said after a while.',
    "She shrugged and looked out of the window at the snow on the gazebo.",
]


def run(document: Document) -> Analysis:
    analysis = Analysis(document=document)
    NotesStage()(analysis)
    StatusStage()(analysis)
    for evidence in analysis.status.evidence:
        if evidence.start is not None:
            assert analysis.text[evidence.start : evidence.end] == evidence.text
    return analysis


def status_of(*paragraphs: str, declared: Declared | None = None):
    document = read_text("\n\n".join(paragraphs) + "\n")
    document.declared = declared
    return run(document).status


# ---------------------------------------------------------------- from the text


@pytest.mark.parametrize(
    ("top", "bottom", "signal"),
    [
        ("A/N: This is a one-shot I came up with.", None, "one-shot"),
        ("A/N: Just a little oneshot.", None, "one-shot"),
        (None, "The End", "the end"),
        (None, "FIN.", "fin"),
        (None, "~fin~", "fin"),
        (None, "END", "end"),
        (None, "A/N: Well, this is the last chapter. Thanks for sticking with me!", "last chapter"),
        (None, "A/N: And the story is now complete!", "complete"),
    ],
)
def test_complete_evidence(top, bottom, signal):
    paragraphs = [p for p in (top, *STORY, bottom) if p]
    status = status_of(*paragraphs)
    assert (status.value, status.from_text, status.declared, status.conflict) == ("complete", "complete", None, False)
    assert signal in [e.signal for e in status.evidence]
    assert all(e.source == "text" for e in status.evidence)


def test_the_end_as_closing_sentence_of_the_last_paragraph():
    status = status_of(*STORY, "And they lived happily ever after. The End.")
    assert status.from_text == "complete"
    assert status.evidence[0].text == "The End."


@pytest.mark.parametrize(
    ("bottom", "signal"),
    [
        ("To be continued...", "to be continued"),
        ("TBC", "TBC"),
        ("A/N: The next chapter should be up by Friday!", "next chapter"),
        ("A/N: Chapter 2 will be up soon.", "chapter coming soon"),
        ("More soon!", "more soon"),
        ("A/N: Stay tuned!", "stay tuned"),
        ("A/N: I'll update soon, promise.", "update soon"),
        ("A/N: This is part 1 of 3.", "part 1 of"),
        ("To Be Continued. Please review!", "to be continued"),
    ],
)
def test_in_progress_evidence(bottom, signal):
    status = status_of(*STORY, bottom)
    assert (status.value, status.from_text) == ("in-progress", "in-progress")
    assert signal in [e.signal for e in status.evidence]


@pytest.mark.parametrize(
    "bottom",
    [
        "A/N: Well what did you think? I might make a chapter fic out of this.",
        "A/N: I may continue this if people want a sequel.",
        "A/N: Should I continue this?",
        "A/N: Maybe I'll write the next chapter from Luke's view someday.",
    ],
)
def test_a_maybe_does_not_make_a_one_shot_in_progress(bottom):
    status = status_of("A/N: This is a one-shot.", *STORY, bottom)
    assert status.value == "complete"
    assert [e.signal for e in status.evidence] == ["one-shot"]


def test_latest_evidence_wins():
    status = status_of("A/N: This started as a one-shot.", *STORY, "To be continued!")
    assert status.from_text == "in-progress"
    assert [e.signal for e in status.evidence] == ["one-shot", "to be continued"]


def test_words_in_the_middle_of_the_story_are_not_evidence():
    middle = [
        '"To be continued," Lorelai said, "at the next town meeting."',
        "She said the end was near, and that the story was complete.",
        "The End",
        "Next chapter of her life, she thought, would be different.",
    ]
    status = status_of(STORY[0], *middle, STORY[1], STORY[2])
    assert (status.value, status.from_text, status.evidence) == ("unknown", "unknown", [])


def test_no_evidence_is_unknown():
    status = status_of(*STORY)
    assert (status.value, status.from_text, status.declared, status.conflict) == ("unknown", "unknown", None, False)


def test_epilogue_heading_in_the_last_chapter_is_complete():
    status = status_of(*STORY, "Epilogue", *STORY)
    assert status.from_text == "complete"
    assert status.evidence[0].signal == "epilogue"


def _chaptered(*chapters: list[tuple[str, str]]) -> Document:
    """A hand-built multi-chapter document: each chapter a list of (role, text)."""
    text, built = "", []
    for number, parts in enumerate(chapters, 1):
        chapter_start, paragraphs = len(text), []
        for role, words in parts:
            start = len(text)
            text += words + "\n\n"
            paragraphs.append(Paragraph(start, start + len(words), role))
        built.append(Chapter(number, f"Chapter {number}", chapter_start, len(text), paragraphs))
    return Document(text=text, format="ao3-html", chapters=built)


def test_notes_of_earlier_chapters_do_not_count():
    document = _chaptered(
        [("story", STORY[0]), ("chapter-note", "Next chapter soon!")],
        [("story", STORY[1]), ("story", STORY[2])],
    )
    assert run(document).status.from_text == "unknown"


def test_work_notes_and_last_chapter_notes_count():
    document = _chaptered(
        [("note", "This is a one-shot written for a friend."), ("story", STORY[0])],
        [("story", STORY[1]), ("end-note", "To be continued in part two!")],
    )
    status = run(document).status
    assert status.from_text == "in-progress"
    assert [e.signal for e in status.evidence] == ["one-shot", "to be continued"]


# ---------------------------------------------------------------- from the site


@pytest.mark.parametrize(
    ("declared", "value", "signals"),
    [
        (Declared(complete=True), "complete", ["declared complete"]),
        (Declared(complete=False), "in-progress", ["declared in-progress"]),
        (Declared(chapters="3/?"), "in-progress", ["declared chapters 3/?"]),
        (Declared(chapters="3/10"), "in-progress", ["declared chapters 3/10"]),
        (Declared(chapters="8/8"), "complete", ["declared chapters 8/8"]),
        (Declared(complete=True, chapters="8/8"), "complete", ["declared complete", "declared chapters 8/8"]),
        (Declared(chapters="48"), None, []),
        (Declared(), None, []),
        (None, None, []),
    ],
)
def test_declared_status(declared, value, signals):
    found, evidence = declared_status(declared)
    assert found == value
    assert [e.signal for e in evidence] == signals
    assert all(e.source == "declared" for e in evidence)


def test_declared_only():
    status = status_of(*STORY, declared=Declared(chapters="3/?"))
    assert (status.value, status.from_text, status.declared, status.conflict) == (
        "in-progress", "unknown", "in-progress", False,
    )


def test_site_and_text_agree():
    status = status_of(*STORY, "The End", declared=Declared(complete=True, chapters="1/1"))
    assert (status.value, status.conflict) == ("complete", False)


def test_site_decides_a_conflict_and_both_sides_are_listed():
    status = status_of(*STORY, "To be continued...", declared=Declared(complete=True, chapters="1/1"))
    assert (status.value, status.from_text, status.declared, status.conflict) == (
        "complete", "in-progress", "complete", True,
    )
    assert {e.source for e in status.evidence} == {"text", "declared"}


def test_stage_contract():
    assert StatusStage.name == "status"
    assert StatusStage.requires == ("author_notes", "story_spans")
    assert StatusStage.provides == ("status",)


# ---------------------------------------------------------------- the real samples


@pytest.mark.shared
def test_one_shot_sample_is_complete_by_its_own_word():
    analysis = run(read_text((SAMPLES / "gilmore-girls_one-shot.txt").read_text(encoding="utf-8")))
    status = analysis.status
    assert (status.value, status.from_text, status.conflict) == ("complete", "complete", False)
    first_note = analysis.author_notes[0]
    assert [e.signal for e in status.evidence] == ["one-shot"]
    assert first_note.start <= status.evidence[0].start < first_note.end


@pytest.mark.shared
def test_wip_sample_is_in_progress():
    analysis = run(read_text((SAMPLES / "gilmore-girls_wip-chapter.txt").read_text(encoding="utf-8")))
    status = analysis.status
    assert (status.value, status.from_text) == ("in-progress", "in-progress")
    assert status.evidence[-1].signal == "to be continued"
    assert status.evidence[-1].start == analysis.author_notes[-1].start
