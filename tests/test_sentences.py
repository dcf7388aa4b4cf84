"""The sentence splitter keeps abbreviations, initials and quotes together."""

from ficlens.sentences import sentence_spans


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text, 0, len(text))]


def test_abbreviations_and_initials_do_not_end_sentences():
    assert split("Mr. Darcy bowed. Mrs. Bennet fainted. J. K. Rowling wrote it.") == [
        "Mr. Darcy bowed.", "Mrs. Bennet fainted.", "J. K. Rowling wrote it.",
    ]


def test_closing_quote_stays_with_its_sentence():
    assert split('"Go home." She left. "Why?" he asked.') == ['"Go home."', "She left.", '"Why?" he asked.']


def test_lowercase_after_question_inside_dialogue_is_one_sentence():
    assert split('"Mom?" she called. Nobody answered!') == ['"Mom?" she called.', "Nobody answered!"]


def test_offsets_are_into_the_given_text():
    text = "xx  First one. Second one.  yy"
    spans = list(sentence_spans(text, 4, 26))
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]


def test_long_run_of_punctuation_is_linear():
    import time

    from .conftest import assert_no_hang

    text = "She stared" + "!" * 200_000 + " Then she left."
    started = time.perf_counter()
    assert split(text) == ["She stared" + "!" * 200_000, "Then she left."]
    assert_no_hang(started)
