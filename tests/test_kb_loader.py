"""The knowledge base: reading, merging user directories, indexes, the kb commands."""

from __future__ import annotations

import time
import tomllib
import warnings
from pathlib import Path

import pytest

from ficlens import kb
from ficlens.cli import main
from ficlens.kb.index import KnowledgeBase
from ficlens.kb.learn import count_forms, learn_directory
from ficlens.kb.loader import KBFileWarning, builtin_directory, read_directories

from .conftest import assert_no_hang

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KB_DIR = FIXTURES / "kb"


def _base(*directories: Path) -> KnowledgeBase:
    return KnowledgeBase.build(read_directories(directories))


def test_fixture_fandoms_and_alias_indexes():
    base = _base(KB_DIR)
    assert base.fandom("moonfall").name == "Moonfall Academy"  # other name, any case
    assert base.fandom("MOONFALL ACADEMY").name == "Moonfall Academy"
    owners = {(f.name, c.name) for f, c in base.characters_by_alias["corvin"]}
    assert owners == {("Moonfall Academy", "Corvin Ashgrove"), ("Harbor Lights", "Corvin Blake")}
    assert [(f.name, p.kind) for f, p in base.places_by_alias["gull point"]] == [("Harbor Lights", "town")]


def test_a_tag_joining_names_with_a_pipe_is_any_of_them():
    base = _base(KB_DIR)
    assert base.fandom("Moonfall Academy | Moonfall").name == "Moonfall Academy"
    assert base.fandom("月落学院 | Moonfall Academy").name == "Moonfall Academy"  # another script first
    assert base.fandom("Tidewatch | Nowhere") is None


def test_distinctiveness_is_one_over_the_number_of_fandoms():
    base = _base(KB_DIR)
    assert base.distinctiveness(("Corvin",)) == pytest.approx(0.5)
    assert base.distinctiveness(("Isolde",)) == pytest.approx(1.0)


def test_user_entry_extends_builtin_through_other_name():
    base = _base(builtin_directory(), KB_DIR)
    gilmore = base.fandom("Gilmore Girls")
    luke = gilmore.character("Luke Danes")
    assert {"Luke", "Lukey", "Burger Boy"} <= set(luke.aliases)  # aliases unioned
    assert gilmore.character("Kwan") is not None  # new character added
    assert gilmore.character("Lorelai Gilmore") is not None  # built-in kept
    assert [f.name for f, _ in base.characters_by_alias["burger boy"]] == ["Gilmore Girls"]
    assert sum(1 for f in base.fandoms if f.name in ("Gilmore Girls", "GG")) == 1


def test_bad_files_warn_and_are_skipped():
    with pytest.warns(KBFileWarning) as caught:
        base = _base(FIXTURES / "kb_bad")
    assert [f.name for f in base.fandoms] == ["Harbor Lights"]
    messages = " ".join(str(w.message) for w in caught)
    assert "broken.toml" in messages and "nameless.toml" in messages


def test_missing_directory_warns():
    with pytest.warns(KBFileWarning):
        assert _base(FIXTURES / "no-such-dir").fandoms == []


def test_env_var_and_add_user_directory(monkeypatch):
    monkeypatch.setenv("FICLENS_KB_PATH", str(KB_DIR))
    assert kb.load().fandom("Moonfall Academy") is not None
    monkeypatch.delenv("FICLENS_KB_PATH")
    assert kb.load().fandom("Moonfall Academy") is None
    kb.add_user_directory(str(KB_DIR))
    try:
        assert kb.load().fandom("Harbor Lights") is not None
        assert kb.load() is kb.load()  # cached
    finally:
        kb._user_directories.remove(str(KB_DIR))
        kb._load_cached.cache_clear()


def test_builtin_kb_loads_quickly():
    kb._load_cached.cache_clear()
    started = time.perf_counter()
    base = kb.load()
    assert_no_hang(started)  # load time figures: benchmarks/speed.py
    assert base.fandom("Gilmore Girls") is not None


def test_kb_list_and_show(capsys):
    assert main(["kb", "list", "--kb", str(KB_DIR)]) == 0
    out = capsys.readouterr().out
    assert "Moonfall Academy" in out and "book" in out
    assert main(["kb", "show", "mfa", "--kb", str(KB_DIR)]) == 0
    shown = tomllib.loads(capsys.readouterr().out)
    assert shown["name"] == "Moonfall Academy"
    assert shown["characters"][0] == {"name": "Isolde Varga", "aliases": ["Isolde", "Izzy"], "gender": "female"}
    assert main(["kb", "show", "No Such Fandom"]) == 2
    kb._user_directories.clear()
    kb._load_cached.cache_clear()


def test_kb_learn_from_tagged_works(tmp_path):
    written = learn_directory(FIXTURES / "tagged_works", tmp_path)
    assert [p.name for p in written] == ["moonfall-academy.toml"]
    data = tomllib.loads(written[0].read_text(encoding="utf-8"))
    characters = {c["name"]: c for c in data["characters"]}
    assert set(characters) == {"Isolde Varga", "Corvin Ashgrove", "Petra Lindqvist"}
    assert "Isolde" in characters["Isolde Varga"]["aliases"]
    assert "Varga" not in characters["Isolde Varga"]["aliases"]  # never written in the texts
    assert set(characters["Corvin Ashgrove"]["aliases"]) == {"Corvin", "Ashgrove"}
    ships = {(tuple(s["members"]), s["kind"]) for s in data["ships"]}
    assert (("Corvin Ashgrove", "Isolde Varga"), "romantic") in ships
    assert (("Isolde Varga", "Petra Lindqvist"), "platonic") in ships
    # learning again merges with what is there instead of duplicating
    learn_directory(FIXTURES / "tagged_works", tmp_path)
    again = tomllib.loads(written[0].read_text(encoding="utf-8"))
    assert len(again["characters"]) == 3 and len(again["ships"]) == 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _base(tmp_path).fandom("Moonfall Academy") is not None  # the output is a valid KB


def test_kb_learn_cli(tmp_path, capsys):
    assert main(["kb", "learn", str(FIXTURES / "tagged_works"), "-o", str(tmp_path)]) == 0
    assert "moonfall-academy.toml" in capsys.readouterr().out


def test_kb_learn_takes_genders_from_the_texts(tmp_path):
    works = tmp_path / "works"
    works.mkdir()
    front = "---\nfandom: Harbour Lights\ncharacters: [Mara Quill, Tobias Reed]\n---\n\n"
    (works / "a.md").write_text(front + (
        "Mara Quill walked to the harbour. She was late again. Tobias Reed waited by the boats. "
        "He had brought coffee.\n\nMara took the cup. She smiled at him. Tobias shrugged; he never "
        "said much before noon.\n\nLater Mara went home. She slept until the storm came.\n"), encoding="utf-8")
    (works / "b.md").write_text(front + "Tobias and Mara walked on the pier. Nobody said a word.\n", encoding="utf-8")
    written = learn_directory(works, tmp_path / "kb")
    characters = {c["name"]: c for c in tomllib.loads(written[0].read_text(encoding="utf-8"))["characters"]}
    assert characters["Mara Quill"]["gender"] == "female"
    assert characters["Tobias Reed"]["gender"] == "male"


def test_count_forms_counts_parts_of_longer_names():
    text = "Luke Danes poured coffee. Luke smiled. Danes, said Taylor. Lukas left."
    counts = count_forms(text, ["Luke Danes", "Luke", "Danes"])
    assert counts == {"Luke Danes": 1, "Luke": 2, "Danes": 2}


def test_the_builtin_files_can_be_left_out(monkeypatch):
    monkeypatch.setenv("FICLENS_NO_BUILTIN_KB", "1")
    assert kb.load().fandom("Gilmore Girls") is None
    monkeypatch.delenv("FICLENS_NO_BUILTIN_KB")
    assert kb.load().fandom("Gilmore Girls") is not None


def test_a_tag_with_more_or_fewer_qualifier_words_is_the_one_entry_that_agrees():
    from ficlens.kb.entries import FandomEntry

    base = KnowledgeBase.build([
        FandomEntry("Tidewatch (TV)"), FandomEntry("Harbor (UK)"), FandomEntry("Harbor (US)"),
        FandomEntry("Gales (TV 2019)"), FandomEntry("Gales (TV 2021)"), FandomEntry("Lantern (Movies)"),
    ])
    assert base.fandom("Tidewatch (BBC TV 2010)").name == "Tidewatch (TV)"  # more words
    assert base.fandom("Lantern (Movie)").name == "Lantern (Movies)"  # singular = plural
    assert base.fandom("Gales (UK TV 2019)").name == "Gales (TV 2019)"
    assert base.fandom("Gales (TV)") is None  # both shows agree: no guess
    assert base.fandom("Harbor (Australia)") is None  # another country's show
    assert base.fandom("Tidewatch (Comics)") is None
