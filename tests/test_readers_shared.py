"""Every real file in ../shared/formats (and the samples and tagged Markdown) reads right."""

from __future__ import annotations

from pathlib import Path

import pytest

from ficlens.readers import read_document
from tests.conftest import BENCH, FORMATS, SAMPLES
from tests.test_readers_support import NOTE_ROLES, assert_spans_valid, texts

pytestmark = pytest.mark.shared


def _read(relative: str):
    path = FORMATS / relative
    return read_document(path.read_bytes(), path=str(path))


# (file, format, chapters, title, fandoms, complete, chapters declared)
EXPECTED = [
    ("ao3_download_html/ao3dl_218676_FireAndFeather_Valdemar_WIP-3of.html", "ao3-html", 3, "Fire and Feather",
     ["Valdemar Series - Mercedes Lackey"], False, "3/?"),
    ("ao3_download_html/ao3dl_23009290_MyAimIsSteady_FFXIV_oneshot.html", "ao3-html", 1, "My Aim Is Steady And True",
     ["Final Fantasy XIV"], True, "1/1"),
    ("ao3_download_html/ao3dl_334557_WorldOnHisWrist_Sherlock_8of8_series.html", "ao3-html", 8, "The World on His Wrist",
     ["Sherlock (TV)"], True, "8/8"),
    ("ao3_download_epub/ao3dl_218676_FireAndFeather_Valdemar_WIP-3of.epub", "ao3-epub", 3, "Fire and Feather",
     ["Valdemar Series - Mercedes Lackey"], False, "3/?"),
    ("ao3_download_epub/ao3dl_23009290_MyAimIsSteady_FFXIV_oneshot.epub", "ao3-epub", 1, "My Aim Is Steady And True",
     ["Final Fantasy XIV"], True, "1/1"),
    ("ao3_download_epub/ao3dl_334557_WorldOnHisWrist_Sherlock_8of8_series.epub", "ao3-epub", 8, "The World on His Wrist",
     ["Sherlock (TV)"], True, "8/8"),
    ("ao3_download_epub/ao3dl_JohnlockARandomDay_Sherlock_via-wordsandpics.epub", "ao3-epub", 1, "Johnlock—A random day",
     ["Sherlock (BBC TV 2010)"], True, "1/1"),
    ("ao3_work_page/ao3page_189189_hp_changeling_ch4view_of11.html", "ao3-page", 1, "The Changeling",
     ["Harry Potter - J. K. Rowling"], True, "11/11"),
    ("ao3_work_page/ao3page_21640402_demonslayer_WIP15of.html", "ao3-page", 1, "Demon Slayer Oneshots",
     ["鬼滅の刃 | Demon Slayer: Kimetsu no Yaiba (Anime)", "鬼滅の刃 | Kimetsu no Yaiba (Manga)"], False, "15/?"),
    ("ao3_work_page/ao3page_ffxiv_myaim_nianeyna-fixture.html", "ao3-page", 1, "My Aim Is Steady And True",
     ["Final Fantasy XIV"], True, "1/1"),
    ("ao3_work_page/ao3page_lockedtomb_withWorkskin_nianeyna-fixture.html", "ao3-page", 1,
     "so I open the window to hear sounds of people",
     ["The Locked Tomb Series | Gideon the Ninth Series - Tamsyn Muir"], True, "1/1"),
    ("ffn_story_page/ffn_1048901_ch1_StygianSolace_KingdomHearts.html", "ffn-page", 1, "Stygian Solace",
     ["Kingdom Hearts"], True, "48"),
    ("ffn_story_page/ffn_12999698_ch9_ScribblePad_HP.html", "ffn-page", 1, "Scribble Pad", ["Harry Potter"], False, "11"),
    ("fanficfare/fff_epub_ao3_19153414_LikeFireAndWater_GoodOmens.epub", "fanficfare-epub", 1, "Like Fire and Water",
     ["Good Omens - Neil Gaiman & Terry Pratchett"], True, "1"),
    ("fichub/fichub_ao3_sighnomore_ThePitt.epub", "fichub-epub", 1, "sigh no more", ["The Pitt (TV)"], True, "1/1"),
    ("fichub/fichub_ffn_5853767_Hunted_HP.epub", "fichub-epub", 36, "Hunted", [], True, "36"),
]


@pytest.mark.parametrize("relative, fmt, n_chapters, title, fandoms, complete, chapters", EXPECTED,
                         ids=[e[0].split("/")[-1] for e in EXPECTED])
def test_real_file(relative, fmt, n_chapters, title, fandoms, complete, chapters):
    doc = _read(relative)
    assert doc.format == fmt
    assert len(doc.chapters) == n_chapters
    assert doc.title == title
    assert doc.authors
    assert doc.declared is not None
    assert doc.declared.fandoms == fandoms
    assert doc.declared.complete is complete
    assert doc.declared.chapters == chapters
    assert_spans_valid(doc)
    assert texts(doc, "story"), "every real work has story text"


def test_every_format_file_is_covered():
    listed = {e[0] for e in EXPECTED} | {"fanficfare/fff_calibre_saved_metadata_plaintext.txt"}
    present = {str(p.relative_to(FORMATS)) for p in FORMATS.glob("*/*") if p.is_file()}
    assert present <= listed


def test_ao3_download_notes_have_their_roles():
    doc = _read("ao3_download_html/ao3dl_218676_FireAndFeather_Valdemar_WIP-3of.html")
    assert texts(doc, "summary")[0].startswith("In a small village on the western border of Jkatha")
    assert texts(doc, "note")[0].startswith("This is my first fanfic ever.")
    assert texts(doc, "chapter-note")[0].startswith("Only one more chapter of this")
    assert texts(doc, "end-note")[-1] == "I think this is my longest published work to date. That's depressing."
    assert texts(doc, "heading") == ["Chapter 1: Festival", "Chapter 2: Riversong K'Vala", "Chapter 3: Conversations"]
    story = texts(doc, "story")
    assert story[0].startswith("A/N: Yay! My first fanfic!")  # in-text A/N stays story; the notes stage finds it
    assert not any(s.startswith("In a small village") for s in story)


def test_ao3_html_and_epub_give_the_same_text():
    html_doc = _read("ao3_download_html/ao3dl_218676_FireAndFeather_Valdemar_WIP-3of.html")
    epub_doc = _read("ao3_download_epub/ao3dl_218676_FireAndFeather_Valdemar_WIP-3of.epub")
    assert html_doc.text == epub_doc.text
    assert [p.role for p in html_doc.paragraphs()] == [p.role for p in epub_doc.paragraphs()]


def test_ao3_epub_tags_are_typed_from_the_preface():
    d = _read("ao3_download_epub/ao3dl_334557_WorldOnHisWrist_Sherlock_8of8_series.epub").declared
    assert d.relationships == ["Sarah Sawyer/John Watson", "Sherlock Holmes/John Watson"]
    assert d.categories == ["F/M", "M/M"] and d.rating == "Teen And Up Audiences"
    assert "Jim Moriarty" in d.characters and "Angst" in d.additional_tags
    assert d.series == ["Watches 'Verse"] and d.words == 31623


def test_ffn_declared_fields():
    d = _read("ffn_story_page/ffn_1048901_ch1_StygianSolace_KingdomHearts.html").declared
    assert d.rating == "M" and d.characters == ["Riku", "Sora"] and d.additional_tags == ["Adventure", "Romance"]
    assert d.words == 613451 and d.url.startswith("https://www.fanfiction.net/s/1048901/")
    doc = _read("ffn_story_page/ffn_12999698_ch9_ScribblePad_HP.html")
    assert doc.chapters[0].index == 9 and doc.chapters[0].title == "Strange and Dangerous: Chapter 1"
    assert texts(doc, "story")[0].startswith("Disclaimer: Harry Potter is not mine")


def test_fanficfare_epub_notes_and_tags():
    doc = _read("fanficfare/fff_epub_ao3_19153414_LikeFireAndWater_GoodOmens.epub")
    assert texts(doc, "chapter-note")[0].startswith("This is me just starting to dip my toe")
    assert texts(doc, "summary")[0].startswith("Aziraphale sits up beside him")
    d = doc.declared
    assert d.relationships == ["Aziraphale/Crowley (Good Omens)"] and d.categories == ["M/M"]
    assert d.rating == "Teen And Up Audiences" and d.warnings == ["No Archive Warnings Apply"]
    assert d.words == 3419 and d.url == "https://archiveofourown.org/works/19153414"


def test_fichub_ao3_status_conflict_is_reported():
    doc = _read("fichub/fichub_ao3_sighnomore_ThePitt.epub")
    assert doc.declared.relationships == ['Jack Abbot/Michael "Robby" Robinavitch']
    assert texts(doc, "end-note") == ["fic post"]
    assert any("disagrees" in w for w in doc.warnings)


def test_calibre_saved_metadata_text():
    doc = _read("fanficfare/fff_calibre_saved_metadata_plaintext.txt")
    assert doc.format == "txt" and doc.title == "Johnlock—A random day" and doc.authors == ["Sunsoona"]
    d = doc.declared
    assert d.fandoms == ["Sherlock (BBC TV 2010)"] and d.complete is True and d.chapters == "1/1"
    assert d.characters == ["Sherlock Holmes", "John Watson", "Greg Lestrade"]
    assert "Fluff" in d.additional_tags and d.categories == ["M/M"]
    assert texts(doc, "story") == []  # metadata only: nothing for the stages to analyse
    assert_spans_valid(doc)


@pytest.mark.parametrize("name", ["gilmore-girls_one-shot.txt", "gilmore-girls_wip-chapter.txt"])
def test_samples_are_plain_text(name):
    path = SAMPLES / name
    doc = read_document(path.read_bytes(), path=str(path))
    assert doc.format == "txt" and doc.declared is None and len(doc.chapters) == 1
    assert doc.text == path.read_text(encoding="utf-8").replace("\r\n", "\n").lstrip("\ufeff")
    assert len(texts(doc, "story")) > 20
    assert_spans_valid(doc)


def test_tagged_markdown_bench_reads_with_declared_tags():
    import yaml

    files = sorted((BENCH / "ao3-tagged").glob("*.md"))
    assert files
    for path in files:
        doc = read_document(path.read_bytes(), path=str(path))
        lines = path.read_text(encoding="utf-8").split("\n")
        front = yaml.safe_load("\n".join(lines[1:lines.index("---", 1)]))
        assert doc.format == "md"
        assert doc.declared.fandoms == front["fandom"], path.name
        assert doc.declared.relationships == (front.get("relationship") or []), path.name
        assert texts(doc, "story"), path.name
        assert "\\-" not in doc.text, path.name
        assert_spans_valid(doc)
        if str(front.get("notes") or "").strip():
            assert texts(doc, "note"), path.name
        if str(front.get("summary") or "").strip():
            assert doc.declared.summary and texts(doc, "summary"), path.name
        assert doc.paragraphs().__next__().role in NOTE_ROLES | {"story", "heading"}
