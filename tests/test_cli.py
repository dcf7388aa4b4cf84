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


def test_a_folder_is_every_work_inside_it(story, tmp_path, capsys):
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "two.md").write_text('"Hi," said Cora.\n', encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not a work", encoding="utf-8")
    assert main(["analyze", str(tmp_path), "--format", "jsonl"]) == 0
    paths = [json.loads(line)["source"]["path"] for line in capsys.readouterr().out.splitlines()]
    assert paths == [str(tmp_path / "nested" / "two.md"), str(story)]


def test_worker_processes_keep_input_order_and_errors(story, tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    other = tmp_path / "other.txt"
    other.write_text('"Go," said Dana.\n', encoding="utf-8")
    code = main(["analyze", str(story), str(empty), str(other), "--format", "jsonl", "--jobs", "2"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert [line["source"]["path"] for line in lines] == [str(story), str(empty), str(other)]
    assert "error" in lines[1] and "error" not in lines[2]
    assert lines[2]["characters"][0]["name"] == "Dana"


def test_an_internal_failure_on_one_work_does_not_end_the_batch(story, tmp_path, capsys, monkeypatch):
    from ficlens import quotes

    other = tmp_path / "other.txt"
    other.write_text("A quiet story with no dialogue at all.\n", encoding="utf-8")
    real = quotes.QuoteStage.__call__

    def fails_on_hello(self, analysis):
        if "Hello" in analysis.text:
            raise RuntimeError("boom")
        return real(self, analysis)

    monkeypatch.setattr(quotes.QuoteStage, "__call__", fails_on_hello)
    code = main(["analyze", str(story), str(other), "--format", "jsonl"])
    captured = capsys.readouterr()
    lines = [json.loads(line) for line in captured.out.splitlines()]
    assert code == 1
    assert "internal error" in lines[0]["error"] and "RuntimeError: boom" in lines[0]["error"]
    assert "error" not in lines[1]


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


def test_terminal_summary_says_when_the_fandom_is_unknown(story, capsys):
    assert main(["analyze", str(story)]) == 0
    assert "  fandom: unknown" in capsys.readouterr().out
