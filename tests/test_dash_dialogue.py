"""Dash dialogue: speech introduced by a dash, in works that write dialogue that way only."""

from __future__ import annotations

from ficlens.quotes import find_quotes
from ficlens.readers import read_text

TRANSLATED = """— Where are you going? — he asked. — It's late.

She did not answer at once.

— To the station, she said. — The train leaves at nine.

— Then I'll come with you.

— No, she whispered, — you won't.

He watched her take her coat from the hook.

— Be careful, he said at last.
"""

JOYCE = """Stately, plump Buck Mulligan came from the stairhead.

He held the bowl aloft and intoned: — Introibo ad altare Dei.

--Thanks, old chap, he cried briskly.

--Tell me, Mulligan, Stephen said quietly.

--Yes, my love?

--How long is Haines going to stay in this tower?

--God, isn't he dreadful?
"""

ORDINARY = """The house — old, grey and leaning — stood at the end of the lane.

She had three things left: a coat, a ring — her mother's — and the key.

— and then there was nothing more to say about it.

"Come in," he said. "The kettle's on."

— or so she told herself, later, when the rain had stopped.

"Thanks." She sat down — carefully — on the edge of the chair.

— Not that it mattered.

"It's late," she said at last.

— Yes, it was.

Nobody answered.
"""


def run(text: str):
    document = read_text(text)
    quotes, non_dialogue = find_quotes(document.text, [(p.start, p.end) for p in document.paragraphs()])
    for item in [*quotes, *non_dialogue]:
        assert document.text[item.start:item.end] == item.text
    return quotes


def test_dash_paragraphs_are_speech_and_tags_end_them():
    quotes = run(TRANSLATED)
    assert [q.text for q in quotes] == [
        "Where are you going?", "It's late.", "To the station,", "The train leaves at nine.",
        "Then I'll come with you.", "No,", "you won't.", "Be careful,",
    ]
    assert all(q.kind == "speech" and q.close_mark is None for q in quotes)
    assert quotes[0].group == quotes[1].group != quotes[2].group
    assert quotes[5].group == quotes[6].group


def test_double_hyphens_and_speech_after_a_colon():
    quotes = run(JOYCE)
    assert [q.text for q in quotes] == [
        "Introibo ad altare Dei.", "Thanks, old chap,", "Tell me, Mulligan,", "Yes, my love?",
        "How long is Haines going to stay in this tower?", "God, isn't he dreadful?",
    ]
    assert quotes[1].open_mark == "--"


def test_a_break_inside_the_speech_is_not_a_tag():
    text = "\n\n".join(["— I — I don't know, Mary whispered."] * 3 + ["— Stop — please — stop it."] * 3)
    quotes = run(text)
    assert [q.text for q in quotes][:1] == ["I — I don't know,"]
    assert quotes[-1].text == "Stop — please — stop it."


def test_ordinary_text_with_dashes_gets_no_dash_quotes():
    quotes = run(ORDINARY)
    assert [q.text for q in quotes] == ["Come in,", "The kettle's on.", "Thanks.", "It's late,"]
    assert all(q.open_mark == '"' for q in quotes)


def test_quotation_marks_inside_a_dash_line_are_quoted_words():
    text = TRANSLATED + "\n— He said «never», and he meant it.\n"
    document = read_text(text)
    quotes, non_dialogue = find_quotes(document.text, [(p.start, p.end) for p in document.paragraphs()])
    assert quotes[-1].text == "He said «never», and he meant it."
    assert [n.text for n in non_dialogue] == ["never"]


def test_a_tag_closed_by_a_dash_spanish_style():
    text = "\n\n".join([
        "—Hello —he said—. How are you?", "—I know —she whispered—, but I cannot.",
        "—Why not?", "—Because —she said— it is late.", "—Then go.",
    ])
    assert [q.text for q in run(text)] == [
        "Hello", "How are you?", "I know", "but I cannot.", "Why not?", "Because", "it is late.", "Then go.",
    ]
