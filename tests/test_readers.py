"""Readers on small self-written inputs: detection, text assembly, roles, declared tags."""

from __future__ import annotations

import pytest

from ficlens.errors import UnreadableInput
from ficlens.readers import read_document, read_text
from tests.test_readers_support import assert_spans_valid, make_epub, texts, xhtml

# ---------------------------------------------------------------- plain text


def test_plain_text_paragraphs_split_on_blank_lines():
    doc = read_text("First line\nsame paragraph.\n\nSecond paragraph.\n\n\n  Third.  \n")
    assert doc.format == "txt"
    assert doc.declared is None
    assert texts(doc, "story") == ["First line\nsame paragraph.", "Second paragraph.", "Third."]
    assert_spans_valid(doc)


def test_plain_text_without_blank_lines_splits_on_single_newlines():
    doc = read_text("One.\nTwo.\nThree.")
    assert texts(doc, "story") == ["One.", "Two.", "Three."]


def test_plain_text_chapter_headings_split_chapters():
    text = (
        "A/N: thanks to my beta.\n\nChapter 1\n\nShe ran.\n\nChapter 2: The Return\n\nHe came back.\n\n"
        "CHAPTER III.\n\nThe end approaches.\n\nEpilogue\n\nYears later."
    )
    doc = read_text(text)
    assert [c.title for c in doc.chapters] == ["Chapter 1", "Chapter 2: The Return", "CHAPTER III.", "Epilogue"]
    assert [c.index for c in doc.chapters] == [1, 2, 3, 4]
    assert doc.chapters[0].start == 0  # the preamble note belongs to chapter 1
    assert texts(doc, "heading") == ["Chapter 1", "Chapter 2: The Return", "CHAPTER III.", "Epilogue"]
    assert "She ran." in texts(doc, "story")
    assert_spans_valid(doc)


def test_heading_glued_to_its_paragraph_is_its_own_block():
    doc = read_text("Intro words here.\n\nChapter 1\nShe ran fast.\nAnd far.\n\nMore story.")
    assert texts(doc, "heading") == ["Chapter 1"]
    assert "She ran fast.\nAnd far." in texts(doc, "story")
    assert_spans_valid(doc)


def test_text_without_headings_is_one_chapter():
    doc = read_text("Nothing chapter-like here.\n\nThe chapter 3 of my life was odd.")
    assert len(doc.chapters) == 1 and doc.chapters[0].title is None


def test_crlf_newlines_are_normalised_before_offsets():
    doc = read_document("One.\r\n\r\nTwo.\r\n".encode("utf-8"))
    assert "\r" not in doc.text
    assert texts(doc, "story") == ["One.", "Two."]


# ---------------------------------------------------------------- encodings


def test_utf8_bom_is_stripped():
    doc = read_document("\ufeffHello there.".encode("utf-8"))
    assert doc.text == "Hello there."


def test_utf16_le_with_bom():
    doc = read_document("“Hi,” she said.\n\nIt’s late.".encode("utf-16"))
    assert texts(doc, "story") == ["“Hi,” she said.", "It’s late."]


def test_utf16_le_and_be_without_bom():
    text = "She said hello to him and left.\n\nThe end of the story."
    for codec in ("utf-16-le", "utf-16-be"):
        doc = read_document(text.encode(codec))
        assert doc.text == text
        assert doc.warnings  # guessed from the byte pattern


def test_cp1252_smart_quotes_are_decoded_as_cp1252():
    data = "“Hello,” she said. It’s a café — naïve.".encode("cp1252")
    doc = read_document(data)
    assert doc.text == "“Hello,” she said. It’s a café — naïve."
    assert any("cp1252" in w for w in doc.warnings)


def test_mojibake_is_repaired_with_a_warning():
    doc = read_document("Itâ€™s late â€” she said.".encode("utf-8"))
    assert doc.text == "It’s late — she said."
    assert any("mojibake" in w for w in doc.warnings)


def test_clean_utf8_has_no_warnings():
    doc = read_document("“Plain” text — fine.".encode("utf-8"))
    assert doc.warnings == []


@pytest.mark.parametrize("data", [b"", b"   \n\t \r\n", "\ufeff  \n".encode("utf-8")])
def test_empty_or_whitespace_is_unreadable(data):
    with pytest.raises(UnreadableInput):
        read_document(data)


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 20,
    b"\x00\x01\x02\x03binary\x00\xff\xfe\x00data" * 50,
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
])
def test_binary_files_are_unreadable(data):
    with pytest.raises(UnreadableInput) as caught:
        read_document(data)
    assert "\n" not in str(caught.value)


# ---------------------------------------------------------------- Markdown


MARKDOWN = """---
title: Tempus Fugit
author: someone
fandom:
- NCIS
relationship:
- Anthony DiNozzo/Timothy McGee
characters: [Ziva David]
rating: Explicit
warnings: No Archive Warnings Apply
summary: It starts because Tony is bored.
notes: Written for a prompt.
tags:
- Porn Battle
date: '2010-07-20'
ao3_url: https://archiveofourown.org/works/101912
---

Tony is *bored*, **very** bored, and it\\-is \\*not\\* fine_ish_.

---

After the [break](http://example.com) they `talk`.
"""


def test_markdown_front_matter_fills_declared_and_notes():
    doc = read_document(MARKDOWN.encode("utf-8"), path="work.md")
    assert doc.format == "md"
    assert doc.title == "Tempus Fugit" and doc.authors == ["someone"]
    d = doc.declared
    assert d.fandoms == ["NCIS"] and d.relationships == ["Anthony DiNozzo/Timothy McGee"]
    assert d.characters == ["Ziva David"] and d.rating == "Explicit"
    assert d.warnings == ["No Archive Warnings Apply"] and d.additional_tags == ["Porn Battle"]
    assert d.published == "2010-07-20" and d.site == "archiveofourown.org"
    assert d.summary == "It starts because Tony is bored."
    assert texts(doc, "summary") == ["It starts because Tony is bored."]
    assert texts(doc, "note") == ["Written for a prompt."]
    assert_spans_valid(doc)


def test_markdown_body_is_plain_prose_with_scene_breaks():
    doc = read_document(MARKDOWN.encode("utf-8"), path="work.md")
    story = texts(doc, "story")
    assert story[0] == "Tony is bored, very bored, and it-is *not* fine_ish_."
    assert story[1] == "* * *"
    assert story[2] == "After the break they talk."
    assert len(doc.chapters) == 1


def test_markdown_chapter_headings_and_note_labels():
    body = (
        "---\ntitle: T\nfandom: [X]\n---\n\n### Chapter 1\n\n#### Chapter Summary\n\n> A summary.\n\n"
        "#### Chapter Notes\n\n> A note.\n\nStory one.\n\n### Chapter 2: Next\n\n#### Chapter Notes\n\nStory two."
    )
    doc = read_text(body)
    assert doc.format == "md"
    assert [c.title for c in doc.chapters] == ["Chapter 1", "Chapter 2: Next"]
    assert texts(doc, "chapter-summary") == ["A summary."]
    assert texts(doc, "chapter-note") == ["A note."]
    assert texts(doc, "story") == ["Story one.", "Story two."]
    assert_spans_valid(doc)


def test_md_extension_without_front_matter_is_markdown():
    doc = read_document(b"Some *text* here.", path="story.md")
    assert doc.format == "md" and doc.declared is None and doc.text == "Some text here."


def test_yaml_alias_bomb_in_front_matter_is_harmless():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    bomb += "fandom: *d\ncharacters: *d\ntitle: T\n---\n\nStory."
    doc = read_text(bomb)
    assert doc.text.endswith("Story.")


# ---------------------------------------------------------------- AO3 download HTML

AO3_DOWNLOAD = """<!DOCTYPE html><html><head><meta charset="utf-8"/><title>Work - me - Fandom</title></head><body>
<div id="preface"><h2 class="toc-heading">Preface</h2>
<p class="message"><b>Work</b><br/>Posted originally on the <a href="https://archiveofourown.org/">Archive of Our Own</a>
at <a href="https://archiveofourown.org/works/42">https://archiveofourown.org/works/42</a>.</p>
<div class="meta"><dl class="tags">
<dt>Rating:</dt><dd><a href="#">Teen And Up Audiences</a></dd>
<dt>Archive Warning:</dt><dd><a href="#">No Archive Warnings Apply</a></dd>
<dt>Categories:</dt><dd><a href="#">F/M</a>, <a href="#">M/M</a></dd>
<dt>Fandom:</dt><dd><a href="#">Sherlock (TV)</a></dd>
<dt>Relationship:</dt><dd><a href="#">Sherlock Holmes/John Watson</a></dd>
<dt>Characters:</dt><dd><a href="#">Sherlock Holmes</a>, <a href="#">John Watson</a></dd>
<dt>Additional Tags:</dt><dd><a href="#">Angst</a></dd>
<dt>Language:</dt><dd>English</dd>
<dt>Series:</dt><dd>Part 1 of <a href="https://archiveofourown.org/series/7">Watches</a></dd>
<dt>Stats:</dt><dd>Published: 2012-02-07 Updated: 2012-03-01 Words: 1,234 Chapters: 2/?</dd>
</dl>
<h1>Work</h1><div class="byline">by <a rel="author" href="#">me</a></div>
<p>Summary</p><blockquote class="userstuff"><p>The summary.</p></blockquote>
<p>Notes</p><blockquote class="userstuff"><p>Work note.</p></blockquote>
<div class="endnote-link">See the end of the work for <a href="#endnotes">more notes</a></div>
</div></div>
<div id="chapters" class="userstuff">
<div class="meta group"><h2 class="heading">Chapter 1: Start</h2>
<p>Chapter Summary</p><blockquote class="userstuff"><p>Ch sum.</p></blockquote>
<p>Chapter Notes</p><blockquote class="userstuff"><p>Ch note.</p></blockquote></div>
<div class="userstuff"><p>First <i>para</i>.</p><p>Line one<br/>line two</p><hr/><p>After break.</p>
<p>Old style<br/><br/>double break.</p></div>
<div class="meta" id="endnotes1"><p>Chapter End Notes</p><blockquote class="userstuff"><p>Ch end.</p></blockquote></div>
<div class="meta group"><h2 class="heading">Chapter 2</h2></div>
<div class="userstuff"><p>Second chapter.</p></div>
</div>
<div id="afterword"><h2 class="toc-heading">Afterword</h2><div class="meta"><div id="endnotes">
<p>End Notes</p><blockquote class="userstuff"><p>Work end.</p></blockquote></div></div>
<p class="message">Please drop by the Archive and comment</p></div>
</body></html>"""


def test_ao3_download_html_structure_and_roles():
    doc = read_document(AO3_DOWNLOAD.encode("utf-8"), path="w.html")
    assert doc.format == "ao3-html"
    assert doc.title == "Work" and doc.authors == ["me"]
    assert [(c.index, c.title) for c in doc.chapters] == [(1, "Chapter 1: Start"), (2, "Chapter 2")]
    assert texts(doc, "summary") == ["The summary."]
    assert texts(doc, "note") == ["Work note."]
    assert texts(doc, "chapter-summary") == ["Ch sum."]
    assert texts(doc, "chapter-note") == ["Ch note."]
    assert texts(doc, "end-note") == ["Ch end.", "Work end."]
    assert texts(doc, "heading") == ["Chapter 1: Start", "Chapter 2"]
    assert texts(doc, "story") == [
        "First para.", "Line one\nline two", "* * *", "After break.", "Old style", "double break.", "Second chapter."
    ]
    assert "Please drop by" not in doc.text and "Posted originally" not in doc.text
    assert doc.text.count("\n\n") == len(list(doc.paragraphs())) - 1
    assert_spans_valid(doc)


def test_ao3_download_declared_is_typed():
    d = read_document(AO3_DOWNLOAD.encode("utf-8")).declared
    assert d.site == "archiveofourown.org" and d.url == "https://archiveofourown.org/works/42"
    assert d.rating == "Teen And Up Audiences" and d.warnings == ["No Archive Warnings Apply"]
    assert d.categories == ["F/M", "M/M"] and d.fandoms == ["Sherlock (TV)"]
    assert d.relationships == ["Sherlock Holmes/John Watson"]
    assert d.characters == ["Sherlock Holmes", "John Watson"] and d.additional_tags == ["Angst"]
    assert d.language == "English" and d.series == ["Watches"]
    assert (d.published, d.updated, d.words, d.chapters, d.complete) == ("2012-02-07", "2012-03-01", 1234, "2/?", False)
    assert d.summary == "The summary."


# ---------------------------------------------------------------- AO3 work page

AO3_PAGE = """<html><body><div id="main">
<dl class="work meta group">
<dt class="rating tags">Rating:</dt><dd class="rating tags"><ul><li><a class="tag" href="#">Explicit</a></li></ul></dd>
<dt class="fandom tags">Fandoms:</dt><dd class="fandom tags"><ul><li><a class="tag">A</a></li><li><a class="tag">B</a></li></ul></dd>
<dt class="freeform tags">Additional Tags:</dt><dd class="freeform tags"><ul><li><a class="tag">Fluff</a></li></ul></dd>
<dt class="stats">Stats:</dt><dd class="stats"><dl class="stats">
<dt class="published">Published:</dt><dd class="published">2019-12-02</dd>
<dt class="status">Completed:</dt><dd class="status">2020-01-01</dd>
<dt class="words">Words:</dt><dd class="words">34438</dd>
<dt class="chapters">Chapters:</dt><dd class="chapters">3/3</dd></dl></dd></dl>
<div id="workskin"><div class="preface group"><h2 class="title heading">Page Work</h2>
<h3 class="byline heading"><a rel="author" href="/users/x">x</a></h3>
<div class="summary module"><h3 class="heading">Summary:</h3><blockquote class="userstuff"><p>Sum.</p></blockquote></div>
<div class="notes module"><h3 class="heading">Notes:</h3><p class="jump">(See the end of the work for notes.)</p>
<blockquote class="userstuff"><p>Start note.</p></blockquote></div></div>
<div id="chapters"><div class="chapter" id="chapter-2">
<div class="chapter preface group"><h3 class="title"><a href="/works/9/chapters/1">Chapter 2</a>: Middle</h3>
<div id="notes" class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>Ch note.</p></blockquote></div></div>
<div class="userstuff module" role="article"><h3 class="landmark heading" id="work">Chapter Text</h3><p>Story text.</p></div>
<div class="chapter preface group"><div class="end notes module" id="chapter_2_endnotes"><h3 class="heading">Notes:</h3>
<blockquote class="userstuff"><p>Ch end.</p></blockquote></div></div></div></div>
<div class="afterword preface group"><div id="work_endnotes" class="end notes module"><h3 class="heading">Notes:</h3>
<blockquote class="userstuff"><p>Work end.</p></blockquote></div></div></div>
<div id="feedback"><blockquote>not the author</blockquote></div>
</div></body></html>"""


def test_ao3_work_page():
    doc = read_document(AO3_PAGE.encode("utf-8"))
    assert doc.format == "ao3-page"
    assert doc.title == "Page Work" and doc.authors == ["x"]
    assert [(c.index, c.title) for c in doc.chapters] == [(2, "Chapter 2: Middle")]
    assert texts(doc, "summary") == ["Sum."] and texts(doc, "note") == ["Start note."]
    assert texts(doc, "chapter-note") == ["Ch note."]
    assert texts(doc, "end-note") == ["Ch end.", "Work end."]
    assert texts(doc, "story") == ["Story text."]
    assert "Chapter Text" not in doc.text and "not the author" not in doc.text
    d = doc.declared
    assert d.fandoms == ["A", "B"] and d.rating == "Explicit" and d.additional_tags == ["Fluff"]
    assert (d.published, d.completed, d.updated, d.words, d.chapters, d.complete) == (
        "2019-12-02", "2020-01-01", None, 34438, "3/3", True)
    assert_spans_valid(doc)


# ---------------------------------------------------------------- FFN page

FFN_PAGE = """<html><head><link rel="canonical" href="//www.fanfiction.net/s/5/2/Slug"></head><body>
<div id=pre_story_links><span class=lc-left><a class=xcontrast_txt href='/book/'>Books</a>
<span class='icon-chevron-right'></span><a class=xcontrast_txt href="/book/Harry-Potter/">Harry Potter</a></span></div>
<div id=profile_top><b class='xcontrast_txt'>The Title</b>
<span class='xcontrast_txt'>By:</span> <a class='xcontrast_txt' href='/u/1/Writer'>Writer</a>
<div style='margin-top:2px' class='xcontrast_txt'>A summary line.</div>
<span class='xgray xcontrast_txt'>Rated: <a>Fiction  T</a> - English - Romance/Hurt/Comfort - [Harry P., Ginny W.] Ron W. -
Chapters: 11 - Words: 55,275 - Reviews: <a>163</a> - Updated: <span data-xutime='1536107877'>9/4</span> -
Published: <span data-xutime='1531445495'>7/12</span> - id: 5 </span></div>
<SELECT id=chap_select><option value=1 >1. One<option value=2 selected>2. The Second</select>
<div class='storytext xcontrast_txt nocopy' id='storytext'><p>A/N: hello readers.</p><hr size=1 noshade>
<p>Story begins.</p></div>
<SELECT id=chap_select><option value=1 >1. One<option value=2 selected>2. The Second</select>
</body></html>"""


def test_ffn_story_page():
    doc = read_document(FFN_PAGE.encode("utf-8"))
    assert doc.format == "ffn-page"
    assert doc.title == "The Title" and doc.authors == ["Writer"]
    assert [(c.index, c.title) for c in doc.chapters] == [(2, "The Second")]
    assert texts(doc, "story") == ["A/N: hello readers.", "* * *", "Story begins."]  # A/N stays story on FFN
    d = doc.declared
    assert d.site == "fanfiction.net" and d.url == "https://www.fanfiction.net/s/5/2/Slug"
    assert d.fandoms == ["Harry Potter"]  # from the breadcrumb, not "Harry P."
    assert d.rating == "T" and d.language == "English"
    assert d.additional_tags == ["Romance", "Hurt/Comfort"]
    assert d.characters == ["Harry P.", "Ginny W.", "Ron W."] and d.relationships == ["Harry P./Ginny W."]
    assert d.chapters == "11" and d.words == 55275 and d.complete is False
    assert d.summary == "A summary line."
    assert d.published == "2018-07-12" and d.updated == "2018-09-04"
    assert_spans_valid(doc)


def test_ffn_status_complete_and_crossover():
    page = FFN_PAGE.replace(" - id: 5", " - Status: Complete - id: 5").replace(
        ">Harry Potter</a>", ">Harry Potter + Naruto Crossover</a>")
    d = read_document(page.encode("utf-8")).declared
    assert d.complete is True
    assert d.fandoms == ["Harry Potter", "Naruto"]


def test_unknown_html_is_read_as_generic_html_with_a_warning():
    doc = read_document(b"<html><body><h1>My Story</h1><p>Once upon a time.</p><script>x()</script></body></html>")
    assert doc.format == "html"
    assert texts(doc, "story") == ["My Story", "Once upon a time."]
    assert doc.warnings


# ---------------------------------------------------------------- EPUBs (built in memory)


def test_ao3_epub_uses_typed_preface_tags():
    meta = ('<dc:title>Pub</dc:title><dc:creator opf:role="aut">auth</dc:creator>'
            '<dc:publisher>Archive of Our Own</dc:publisher><dc:subject>Fanworks</dc:subject>'
            '<dc:subject>Sherlock (TV)</dc:subject><dc:description>&lt;p&gt;Sum.&lt;/p&gt;</dc:description>')
    preface = xhtml('<div id="preface" class="calibre1"><div class="calibre1"><dl class="tags">'
                    '<dt class="calibre3">Fandom:</dt><dd class="calibre4"><a href="#">Sherlock (TV)</a></dd>'
                    '<dt class="calibre3">Stats:</dt><dd class="calibre5">Published: 2012-02-07 Words: 10 Chapters: 8/8</dd>'
                    '</dl></div></div>')
    intro = xhtml('<div id="preface" class="calibre1"><h1 class="calibre6">Pub</h1>'
                  '<p class="calibre7">Summary</p><blockquote class="userstuff"><p class="calibre7">Sum.</p></blockquote></div>')
    chapter = xhtml('<div class="userstuff1" id="chapters"><div class="calibre1"><h2 class="heading">Chapter 1: A</h2></div>'
                    '<div class="userstuff2"><p class="calibre7">Text one.</p></div></div>')
    data = make_epub({"a_split_000.xhtml": preface, "a_split_001.xhtml": intro, "a_split_002.xhtml": chapter},
                     metadata=meta)
    doc = read_document(data, path="w.epub")
    assert doc.format == "ao3-epub"
    assert doc.title == "Pub" and doc.authors == ["auth"]
    assert doc.declared.fandoms == ["Sherlock (TV)"] and doc.declared.complete is True
    assert "Fanworks" not in doc.declared.fandoms
    assert texts(doc, "summary") == ["Sum."] and texts(doc, "story") == ["Text one."]
    assert [c.title for c in doc.chapters] == ["Chapter 1: A"]
    assert_spans_valid(doc)


def test_fanficfare_epub():
    meta = ('<dc:identifier id="fanficfare-uid">fanficfare-uid:archiveofourown.org-ux-s1</dc:identifier>'
            '<dc:title>FFF Work</dc:title><dc:creator opf:role="aut">fa</dc:creator>'
            '<dc:contributor>FanFicFare [https://github.com/JimmXinu/FanFicFare]</dc:contributor>'
            '<dc:source>https://archiveofourown.org/works/1</dc:source>')
    title_page = xhtml('<h3><a href="https://archiveofourown.org/works/1">FFF Work</a> by <a class="authorlink">fa</a></h3><div>'
                       '<b>Category:</b> Good Omens<br/><b>Genre:</b> Fluff, M/M<br/><b>Characters:</b> Aziraphale, Crowley<br/>'
                       '<b>Status:</b> In-Progress<br/><b>Chapters:</b> 2<br/><b>Words:</b> 3,419<br/>'
                       '<b>Rating:</b> Teen And Up Audiences<br/><b>Warnings:</b> No Archive Warnings Apply<br/>'
                       '<b>Summary:</b> <div class="userstuff"><p>Sum one.</p><p>Sum two.</p></div><br/>'
                       '<b>Relationships:</b> Aziraphale/Crowley<br/></div>').replace("<body>", '<body class="fff_titlepage">')
    chapter = xhtml('<h3 class="fff_chapter_title">Ch One</h3><div class="story">'
                    '<div class="fff_chapter_notes fff_head_notes"><b>Summary for the Chapter:</b><blockquote class="userstuff"><p>Ch sum.</p></blockquote></div>'
                    '<div class="fff_chapter_notes fff_head_notes"><b>Notes for the Chapter:</b><blockquote class="userstuff"><p>Ch note.</p></blockquote></div>'
                    '<div class="userstuff module"><p>Story.</p></div>'
                    '<div class="fff_chapter_notes fff_foot_notes"><b>Author\'s Note:</b><blockquote class="userstuff"><p>Foot.</p></blockquote></div>'
                    '</div>').replace("<body>", '<body class="fff_chapter">')
    data = make_epub({"OEBPS/title_page.xhtml": title_page, "OEBPS/file0001.xhtml": chapter}, metadata=meta,
                     package_attrs='unique-identifier="fanficfare-uid"')
    doc = read_document(data)
    assert doc.format == "fanficfare-epub"
    assert doc.title == "FFF Work" and doc.authors == ["fa"]
    d = doc.declared
    assert d.fandoms == ["Good Omens"] and d.categories == ["M/M"] and d.additional_tags == ["Fluff"]
    assert d.characters == ["Aziraphale", "Crowley"] and d.relationships == ["Aziraphale/Crowley"]
    assert d.complete is False and d.words == 3419 and d.url == "https://archiveofourown.org/works/1"
    assert texts(doc, "summary") == ["Sum one.", "Sum two."]
    assert texts(doc, "chapter-summary") == ["Ch sum."] and texts(doc, "chapter-note") == ["Ch note."]
    assert texts(doc, "end-note") == ["Foot."] and texts(doc, "story") == ["Story."]
    assert texts(doc, "heading") == ["Ch One"]
    assert_spans_valid(doc)


def test_fichub_epub_ffn_source():
    intro = xhtml('<h1>Hunt</h1><p><b>By: Bex</b></p><p/><p>The summary.</p><p>Status: complete</p>'
                  '<p>Words: 191497</p><p>Chapters: 2</p>'
                  '<p>Rated: Fiction M - Language: English - Genre: Romance/Mystery - Characters: Draco M., Hermione G. - Reviews: 3</p>'
                  '<p>Original source: <a href="https://www.fanfiction.net/s/5/1/Hunt">link</a></p>'
                  '<p>Exported with the assistance of <a href="https://fichub.net">FicHub.net</a></p>')
    ch1 = xhtml("<h2>Changes</h2><div><p>One.</p></div>")
    ch2 = xhtml("<h2>Meetings</h2><div><p>Two.</p></div>")
    data = make_epub({"EPUB/introduction.xhtml": intro, "EPUB/chap_1.xhtml": ch1, "EPUB/chap_2.xhtml": ch2},
                     opf_path="EPUB/content.opf", metadata="<dc:title>Hunt</dc:title><dc:creator>Bex</dc:creator>")
    doc = read_document(data)
    assert doc.format == "fichub-epub"
    assert [c.title for c in doc.chapters] == ["Changes", "Meetings"]
    d = doc.declared
    assert d.complete is True and d.rating == "M" and d.language == "English"
    assert d.characters == ["Draco M.", "Hermione G."] and d.additional_tags == ["Romance", "Mystery"]
    assert d.site == "fanfiction.net" and d.chapters == "2"
    assert texts(doc, "summary") == ["The summary."] and texts(doc, "story") == ["One.", "Two."]
    assert_spans_valid(doc)


def test_generic_epub_is_read_with_a_warning():
    data = make_epub({"a.xhtml": xhtml("<h1>Part One</h1><p>Hello.</p>"), "b.xhtml": xhtml("<p>Bye.</p>", title="Two")},
                     metadata="<dc:title>G</dc:title>")
    doc = read_document(data)
    assert doc.format == "epub" and doc.warnings
    assert [c.title for c in doc.chapters] == ["Part One", "Two"]
    assert texts(doc, "story") == ["Hello.", "Bye."]


def test_zip_that_is_not_an_epub_is_unreadable():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(UnreadableInput, match="EPUB"):
        read_document(buffer.getvalue())


def test_short_cp1252_text_is_not_guessed_as_something_exotic():
    assert read_document("“Hi.”".encode("cp1252")).text == "“Hi.”"


def test_cyrillic_cp1251_is_guessed():
    text = "Привет, как дела? Она сказала, что всё хорошо. " * 5
    assert read_document(text.encode("cp1251")).text == text
