"""LitBank benchmarks: rebuilding the tokenised sentences into running text, and speaker scoring."""

from __future__ import annotations

from ficlens.evaluation.litbank_text import char_offset_map, detokenize, line_spans, paragraph_breaks


def rebuild(*sentences: str) -> str:
    return detokenize([s.split(" ") for s in sentences]).text


def test_single_quote_marks_attach_like_double_ones():
    assert rebuild("' Thrushcross Grange is my own , sir , ' he interrupted , wincing .") == (
        "'Thrushcross Grange is my own, sir,' he interrupted, wincing.")
    assert rebuild('" Come , " he said .') == '"Come," he said.'


def test_quotes_spanning_sentences_keep_their_state():
    assert rebuild("' Here we are .", "Come in . '", "He went in .") == "'Here we are.\nCome in.'\nHe went in."


def test_plural_possessives_and_elisions_are_apostrophes():
    assert rebuild("The boys ' house was near the miners ' dwellings .") == (
        "The boys' house was near the miners' dwellings.")
    assert rebuild("“ Then I 'm goin ' home , ” he said .") == "“Then I'm goin' home,” he said."
    assert rebuild("' The girls ' bags are here , ' she said .") == "'The girls' bags are here,' she said."


def test_a_stray_mark_cannot_flip_the_rest_of_the_text():
    text = rebuild("CHAPTER I ' Wooed and married and a ' . '", "' Edith ! '", "said Margaret .")
    assert text.split("\n")[1:] == ["'Edith!'", "said Margaret."]


def test_nested_single_quote_ends_with_its_double_quote():
    text = rebuild('" She wrote , \' Dear John .', "I am leaving . \" Then , ' Yes , ' she said .")
    assert text == "\"She wrote, 'Dear John.\nI am leaving.\" Then, 'Yes,' she said."


def test_token_spans_and_offset_map_point_at_the_same_words():
    lines = [["'", "Edith", "!", "'"], ["said", "Margaret", "."]]
    rebuilt = detokenize(lines)
    assert rebuilt.text[slice(*rebuilt.token_spans[(1, 1)])] == "Margaret"
    starts, ends = char_offset_map(lines, rebuilt)
    tokenised = "\n".join(" ".join(tokens) for tokens in lines)
    begin = tokenised.index("Margaret")
    assert rebuilt.text[starts[begin]:ends[begin + len("Margaret")]] == "Margaret"


def test_paragraphs_start_at_quoted_sentences_and_after_a_closed_quote():
    lines = [s.split(" ") for s in ['" Hi , " he said .', "She smiled .", '" Bye . "', "He went ."]]
    rebuilt = detokenize(lines, paragraph_breaks(lines))
    assert rebuilt.text == '"Hi," he said. She smiled.\n"Bye."\nHe went.'
    assert [rebuilt.text[s:e] for s, e in line_spans(rebuilt.text)] == rebuilt.text.split("\n")
    assert rebuilt.text[slice(*rebuilt.sentences[1])] == "She smiled."


def test_dash_dialogue_paragraphs_only_in_dash_dialogue_works():
    dialogue = [s.split(" ") for s in ["He said : -- Come in .", "-- Thanks , she said .", "-- Sit down .", "He sat ."]]
    assert detokenize(dialogue, paragraph_breaks(dialogue)).text == (
        "He said:\n-- Come in.\n-- Thanks, she said.\n-- Sit down. He sat.")
    prose = [s.split(" ") for s in ['" Alas ! " she said .', "-- It was over .", '" Go . "']]
    assert detokenize(prose, paragraph_breaks(prose)).text == '"Alas!" she said.-- It was over.\n"Go."'


def test_a_quote_reopened_at_each_paragraph_does_not_flip_later_marks():
    text = rebuild('" It was long ago .', '" And then it ended . "', '" Good , " he said .')
    assert text.split("\n")[-1] == '"Good," he said.'


def test_a_closing_mark_put_at_the_next_sentence_start_still_closes():
    text = rebuild('He read : " Dear sir .', "I remain .", '" Yours , " JOHN . "')
    assert text.endswith('"JOHN."')


def test_an_opening_mark_left_at_a_sentence_end_opens_the_next_sentence():
    lines = [s.split(" ") for s in ["She overheard . '", "I suffered . '", "He said , \"", 'Come here . "']]
    assert detokenize(lines, paragraph_breaks(lines)).text == "She overheard.\n'I suffered.'\nHe said, \"Come here.\""


def test_speaker_scoring_needs_the_gold_entity_not_a_shared_word():
    from ficlens.evaluation.litbank_quotes import Work, _is_right

    work = Work("w", "", [], [], proper_names={"Mrs_Bennet-7": {"mrs. bennet"}, "Mr__Kronborg-24": {"mr. kronborg"}},
                nominal_names={"The_boy-1": {"boy"}})
    assert not _is_right("Mr. Bennet", {"mr. bennet"}, "Mrs_Bennet-7", work)
    assert _is_right("Mrs. Bennet", set(), "Mrs_Bennet-7", work)
    assert _is_right("Reverend Mr. Kronborg", set(), "Mr__Kronborg-24", work)
    assert _is_right("the boy", set(), "The_boy-1", work)
    assert not _is_right("the doctor", set(), "the_nurse-15", work)
    assert _is_right("the youngest", set(), "the_youngest_of_the_gang-46", work)
    assert _is_right("Captain John Good", set(), "Captain_John_Good___RN-7", work)
