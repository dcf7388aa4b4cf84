"""Hostile and huge input: zip bombs, path traversal, truncation, entity bombs, size and speed."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from ficlens.errors import InputTooLarge, UnreadableInput
from ficlens.readers import read_document, read_text
from ficlens.readers.epub_package import MAX_MEMBER_BYTES
from tests.test_readers_support import CONTAINER, assert_spans_valid, make_epub, texts, xhtml
from .conftest import assert_no_hang

BILLION_LAUGHS_DTD = """<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"""


def _one_line(error: BaseException) -> None:
    assert str(error) and "\n" not in str(error)


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_zip_bomb_member_is_refused():
    bomb = b"\0" * (MAX_MEMBER_BYTES + 1024)
    data = _zip({"mimetype": b"application/epub+zip", "META-INF/container.xml": CONTAINER.format(opf="c.opf").encode(),
                 "bomb.xhtml": bomb})
    assert len(data) < 200_000
    with pytest.raises(InputTooLarge) as caught:
        read_document(data)
    _one_line(caught.value)


def test_highly_compressed_member_is_refused():
    data = _zip({"mimetype": b"application/epub+zip", "c.xhtml": b"a" * (5 * 1024 * 1024)})
    with pytest.raises(InputTooLarge, match="zip bomb"):
        read_document(data)


def test_member_whose_declared_size_lies_is_capped(monkeypatch):
    """Reading stops at the budget even if the central directory understates the size."""
    from ficlens.readers import epub_package

    monkeypatch.setattr(epub_package, "MAX_MEMBER_BYTES", 10_000)
    chapter = xhtml("<p>" + "word " * 5000 + "</p>")
    data = make_epub({"ch.xhtml": chapter}, metadata="<dc:title>T</dc:title>")
    with pytest.raises(InputTooLarge):
        read_document(data)


def test_path_traversal_members_are_ignored_not_followed():
    chapter = xhtml("<p>Safe text.</p>")
    files = {"ch.xhtml": chapter, "../../etc/passwd": "root:x:0:0", "/abs/evil.xhtml": xhtml("<p>evil</p>")}
    data = make_epub(files, metadata="<dc:title>T</dc:title>", spine=["ch.xhtml"])
    doc = read_document(data)
    assert texts(doc, "story") == ["Safe text."]


def test_spine_href_climbing_out_is_ignored():
    data = make_epub({"OEBPS/ch.xhtml": xhtml("<p>Inside.</p>")}, opf_path="OEBPS/content.opf",
                     metadata="<dc:title>T</dc:title>", spine=["OEBPS/ch.xhtml"])
    # rewrite the manifest to also point outside the package
    data = data.replace(b'href="ch.xhtml"', b'href="ch.xhtml"/><item id="x" href="../../../etc/passwd" media-type="application/xhtml+xml"')
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "OEBPS/content.opf" in archive.namelist()
    doc = read_document(data)
    assert "root" not in doc.text


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_truncated_epub_is_unreadable(cut):
    data = make_epub({"ch.xhtml": xhtml("<p>" + "Some words here. " * 2000 + "</p>")}, metadata="<dc:title>T</dc:title>")
    with pytest.raises(UnreadableInput) as caught:
        read_document(data[: int(len(data) * cut)])
    _one_line(caught.value)


def test_corrupt_member_is_unreadable():
    data = bytearray(make_epub({"ch.xhtml": xhtml("<p>" + "Some words here. " * 2000 + "</p>")},
                               metadata="<dc:title>T</dc:title>"))
    start = data.find(b"ch.xhtml") + 40
    data[start:start + 200] = b"\xff" * 200
    with pytest.raises(UnreadableInput) as caught:
        read_document(bytes(data))
    _one_line(caught.value)


def test_billion_laughs_in_opf_is_refused_or_not_expanded():
    opf = (f'<?xml version="1.0"?>{BILLION_LAUGHS_DTD}<package xmlns="http://www.idpf.org/2007/opf" version="2.0">'
           '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&lol9;</dc:title></metadata>'
           '<manifest><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest>'
           '<spine><itemref idref="c"/></spine></package>')
    data = _zip({"mimetype": b"application/epub+zip", "META-INF/container.xml": CONTAINER.format(opf="c.opf").encode(),
                 "c.opf": opf.encode(), "c.xhtml": xhtml("<p>Text.</p>").encode()})
    started = time.perf_counter()
    try:
        doc = read_document(data)
    except UnreadableInput as error:
        _one_line(error)
    else:
        assert len(doc.title or "") < 1000
    assert_no_hang(started)


def test_billion_laughs_in_html_is_not_expanded():
    page = f'<?xml version="1.0"?>{BILLION_LAUGHS_DTD}<html><body><p>&lol9;</p><p>Real text.</p></body></html>'
    started = time.perf_counter()
    doc = read_document(page.encode("utf-8"))
    assert_no_hang(started)
    assert len(doc.text) < 1000
    assert "Real text." in doc.text


def test_billion_laughs_in_epub_chapter_is_not_expanded():
    chapter = f'<?xml version="1.0"?>{BILLION_LAUGHS_DTD}<html><body><p>&lol9;</p><p>Words.</p></body></html>'
    doc = read_document(make_epub({"c.xhtml": chapter}, metadata="<dc:title>T</dc:title>"))
    assert len(doc.text) < 1000


def test_too_many_members_is_refused(monkeypatch):
    from ficlens.readers import epub_package

    monkeypatch.setattr(epub_package, "MAX_MEMBERS", 5)
    data = _zip({f"f{i}.xhtml": b"<p>x</p>" for i in range(10)})
    with pytest.raises(InputTooLarge):
        read_document(data)


def test_huge_html_is_too_large(monkeypatch):
    from ficlens.readers import html_text

    monkeypatch.setattr(html_text, "MAX_HTML_CHARS", 1000)
    with pytest.raises(InputTooLarge):
        read_document(b"<html><body>" + b"<p>words</p>" * 500 + b"</body></html>")


def test_deeply_nested_html_does_not_crash():
    """libxml2 stops at its depth limit: we may lose the text, but never crash or hang."""
    page = "<html><body>" + "<div>" * 20000 + "deep words" + "</div>" * 20000 + "<p>After.</p></body></html>"
    started = time.perf_counter()
    try:
        read_document(page.encode("utf-8"))
    except UnreadableInput as error:
        _one_line(error)
    assert_no_hang(started)


def test_moderately_nested_html_keeps_its_text():
    page = "<html><body>" + "<div>" * 200 + "deep words" + "</div>" * 200 + "<p>After.</p></body></html>"
    doc = read_document(page.encode("utf-8"))
    assert texts(doc, "story") == ["deep words", "After."]


@pytest.mark.parametrize("page", [
    b"<html><body></body></html>",
    b"<html><body><script>only()</script></body></html>",
    b"<div>",
])
def test_html_without_text_is_unreadable(page):
    with pytest.raises(UnreadableInput):
        read_document(page)


def test_five_megabyte_single_paragraph_reads():
    text = ("She said it was fine, and it was. " * 160_000)[:5_000_000]
    started = time.perf_counter()
    doc = read_document(text.encode("utf-8"))
    assert_no_hang(started)
    assert len(texts(doc, "story")) == 1


def test_million_word_work_reads():
    paragraph = "“Hello,” she said, and he answered with a smile that reached his eyes at last.\n\n"
    chapter = "Chapter {n}\n\n" + paragraph * 200
    text = "".join(chapter.format(n=n) for n in range(1, 401))  # ~1.1 M words
    started = time.perf_counter()
    doc = read_document(text.encode("utf-8"))
    assert_no_hang(started)
    assert len(doc.chapters) == 400
    assert_spans_valid(doc)


def test_million_word_html_reads():
    body = "".join(f'<div class="meta group"><h2 class="heading">Chapter {n}</h2></div><div class="userstuff">'
                   + "<p>“Hello,” she said, and he answered with a smile that reached his eyes.</p>" * 250 + "</div>"
                   for n in range(1, 301))
    page = f'<html><body><div id="preface"><h1>T</h1></div><div id="chapters">{body}</div></body></html>'
    started = time.perf_counter()
    doc = read_document(page.encode("utf-8"))
    assert_no_hang(started)
    assert len(doc.chapters) == 300


def test_pathological_markdown_emphasis_is_linear():
    text = "---\ntitle: T\n---\n\n" + ("*a _b " * 200_000)
    started = time.perf_counter()
    read_text(text)
    assert_no_hang(started)


def test_pathological_heading_like_lines_are_fast():
    text = ("Chapter " + "x" * 200 + "\n") * 20_000
    started = time.perf_counter()
    read_text(text)
    assert_no_hang(started)


_HUGE_NUMBER = "9" * 5000  # int() refuses strings over 4300 digits


@pytest.mark.parametrize("text", [
    f"---\ntitle: T\nchapters: {_HUGE_NUMBER}/1\n---\n\nHello there.\n",
    f"---\nwords: {_HUGE_NUMBER}\n---\n\nHello there.\n",
    "---\nwords: 0x" + "f" * 5000 + "\n---\n\nHello there.\n",
    "---\ndate: 2020-13-45\n---\n\nHello there.\n",
    "---\nx: " + "[" * 3000 + "]" * 3000 + "\n---\n\nHello there.\n",
    f"<html><body><dl class='work meta'><dt>Chapters:</dt><dd class='chapters'>{_HUGE_NUMBER}/2</dd></dl>"
    "<div id='workskin'><div class='userstuff'><p>Hello there.</p></div></div></body></html>",
    "<html><body><div id='profile_top'><b class='xcontrast_txt'>T</b></div><select id='chap_select'>"
    f"<option selected value='1'>{_HUGE_NUMBER}. X</option></select><div id='storytext'><p>Hello there.</p></div>"
    "</body></html>",
])
def test_absurd_metadata_values_are_read_not_raised(text):
    """Huge numbers, impossible dates and deep nesting in metadata degrade to "not stated"."""
    doc = read_text(text)
    assert "Hello there." in doc.text
    assert doc.declared is None or doc.declared.complete is None
    assert_spans_valid(doc)


@pytest.mark.parametrize("charset", ["base64", "rot13", "zlib", "undefined"])
def test_declared_charset_that_is_no_text_encoding_is_ignored(charset):
    """A <meta charset> naming a bytes-to-bytes codec falls back to guessing, never a LookupError."""
    page = f'<html><head><meta charset="{charset}"></head><body><p>Caf\xe9 au lait.</p></body></html>'
    doc = read_document(page.encode("cp1252"))
    assert texts(doc, "story") == ["Café au lait."]


def test_markdown_heading_line_of_spaces_is_linear():
    """A heading line with a long run of spaces before its last word once backtracked cubically."""
    text = "---\ntitle: T\n---\n\n# a" + " \t" * 20_000 + "x\n\nStory text.\n"
    started = time.perf_counter()
    doc = read_text(text)
    assert_no_hang(started)
    assert "Story text." in doc.text


def test_heading_like_lines_with_long_runs_of_spaces_are_linear():
    text = ("Chapter 1: a" + " " * 2000 + "x\n") * 50 + "\nStory text.\n"
    started = time.perf_counter()
    doc = read_text(text)
    assert_no_hang(started)
    assert "Story text." in doc.text


def test_many_unlabelled_note_blockquotes_read_in_linear_time():
    body = "<blockquote><p>q</p></blockquote>" * 50_000
    page = f'<html><body><div id="preface"><h1>T</h1></div><div id="chapters">{body}</div></body></html>'
    started = time.perf_counter()
    doc = read_document(page.encode("utf-8"))
    assert_no_hang(started)
    assert len(list(doc.paragraphs())) == 50_000
