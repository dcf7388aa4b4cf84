"""The command line: formats, output files, batches where one bad work doesn't stop the rest."""

from __future__ import annotations

import json

import pytest

from ficlens.cli import main

STORY = 'A/N: my first fic!\n\nAnna walked in. "Hello, Ben," Anna said.\n\n"Hi," Ben replied.\n'


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_json_on_stdout(story, capsys):
    assert main(["analyze", str(story), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == "1"
    assert data["source"] == {"path": str(story), "format": "txt"}


def test_output_file(story, tmp_path, capsys):
    out = tmp_path / "work.json"
    assert main(["analyze", str(story), "--format", "json", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["text_length"] == len(STORY)


def test_batch_keeps_going_after_a_bad_work(story, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    code = main(["analyze", str(empty), str(missing), str(story), "--format", "jsonl"])
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert code == 1  # some failed, not all
    assert [("error" in line) for line in lines] == [True, True, False]
    assert lines[2]["source"]["path"] == str(story)
    assert "empty" in lines[0]["error"]
    assert captured.err.count("ficlens:") == 2
    assert "Traceback" not in captured.err


def test_all_bad_is_exit_2_with_one_line(tmp_path, capsys):
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    assert main(["analyze", str(binary)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("ficlens: ") and "\n" not in err


def test_terminal_summary_escapes_control_characters(tmp_path, capsys):
    path = tmp_path / "evil.txt"
    path.write_text('"\x1b[2J\x1b]0;pwned\x07Hello," she said.\n', encoding="utf-8")
    assert main(["analyze", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out


def test_terminal_summary_lists_names_that_are_not_characters(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text(
        "A/N: Thanks to Marguerite for betaing!\n\n"
        '"Hello," Anna said to Ben. Ben smiled at Anna.\n\n"Hi, Anna," Ben said.\n', encoding="utf-8")
    assert main(["analyze", str(path)]) == 0
    out = capsys.readouterr().out
    section = out.split("not characters", 1)[1]
    assert "Marguerite" in section


def test_python_api_tells_a_missing_file_from_pasted_text(tmp_path):
    from ficlens import UnreadableInput, analyze

    with pytest.raises(UnreadableInput, match="file not found"):
        analyze(str(tmp_path / "no-such-story.txt"))
    one_line = analyze('"Hi," Anna said.')
    assert one_line.document.format == "txt" and one_line.quotes[0].text == "Hi,"
