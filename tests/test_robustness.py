"""Bad input through the whole pipeline: a one-line error or a correct result, never a traceback or a hang."""

from __future__ import annotations

import io
import zipfile

import pytest

from ficlens import FiclensError, UnreadableInput, analyze


def _epub(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/epub+zip")
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\n\t  ",
        bytes(range(256)) * 64,
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 4000,
    ],
    ids=["empty", "whitespace", "binary", "png"],
)
def test_unreadable_bytes_raise_one_line(data):
    with pytest.raises(UnreadableInput) as info:
        analyze(data)
    assert "\n" not in str(info.value)


def test_truncated_epub_is_one_line_error():
    data = _epub({"OEBPS/content.opf": b"<package/>", "OEBPS/ch1.xhtml": b"<html><body><p>Hi</p></body></html>"})
    with pytest.raises(FiclensError) as info:
        analyze(data[: len(data) // 2])
    assert "\n" not in str(info.value)


def test_zip_bomb_is_refused():
    bomb = _epub({"OEBPS/bomb.xhtml": b"<p>" + b"a" * (300 * 1024 * 1024) + b"</p>"})
    assert len(bomb) < 2 * 1024 * 1024
    with pytest.raises(FiclensError):
        analyze(bomb)


def test_path_traversal_member_is_not_written_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = _epub({"../../escaped.xhtml": b"<p>x</p>", "/abs.xhtml": b"<p>y</p>"})
    try:
        analyze(data)
    except FiclensError:
        pass
    assert not (tmp_path.parent / "escaped.xhtml").exists()
    assert list(tmp_path.iterdir()) == []


def test_five_megabyte_single_paragraph_completes():
    words = ("Lorelai drank coffee at the diner while Luke watched her. " * 90_000)[: 5 * 1024 * 1024]
    result = analyze(words, is_text=True)
    assert result.story_spans and result.story_spans[-1][1] <= len(result.text)


def test_thousand_unbalanced_quote_marks_do_not_swallow_the_text():
    text = "\n\n".join(f'"Line {i} never closes. Anna walked on.' for i in range(1000))
    text += '\n\n"This one closes," Anna said.'
    result = analyze(text, is_text=True)
    for quote in result.quotes:
        assert result.text[quote.start:quote.end] == quote.text
        assert "\n\n" not in quote.text  # no quote runs across the paragraphs it should not
    assert any(q.text == "This one closes," for q in result.quotes)
