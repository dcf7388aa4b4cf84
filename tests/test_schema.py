"""The JSON document validates against the published schema, for every kind of input."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from ficlens import analyze

from .conftest import SAMPLES

SCHEMA = json.loads(resources.files("ficlens").joinpath("schema/ficlens.schema.json").read_text())


def validate(result) -> dict:
    data = json.loads(result.to_json(include_text=True))
    jsonschema.validate(data, SCHEMA)
    return data


def test_pasted_text_validates_and_offsets_point_into_text():
    result = analyze('Hello there.\n\n"Hi," she said.\n', is_text=True)
    data = validate(result)
    assert data["schema_version"] == "1"
    assert data["source"]["format"] == "txt"
    for chapter in data["chapters"]:
        assert 0 <= chapter["start"] <= chapter["end"] <= len(data["text"])


@pytest.mark.shared
@pytest.mark.parametrize("name", ["gilmore-girls_one-shot.txt", "gilmore-girls_wip-chapter.txt"])
def test_samples_validate(name):
    data = validate(analyze(SAMPLES / name))
    for layer in ("author_notes", "quotes", "non_dialogue"):
        for item in data[layer]:
            assert data["text"][item["start"]:item["end"]] == item["text"]


def _format_files():
    from .conftest import FORMATS

    if not FORMATS.exists():
        return []
    return sorted(p for p in FORMATS.rglob("*") if p.suffix in {".html", ".epub", ".txt"})


@pytest.mark.shared
@pytest.mark.parametrize("path", _format_files(), ids=lambda p: p.name)
def test_every_real_format_file_validates(path, pipeline):
    data = validate(pipeline.analyze(path))
    assert data["source"]["format"] != "txt" or path.suffix == ".txt"
    text_length = data["text_length"]
    for layer in ("author_notes", "quotes", "non_dialogue"):
        for item in data[layer]:
            assert 0 <= item["start"] <= item["end"] <= text_length
    names = {c["name"] for c in data["characters"]}
    for quote in data["quotes"]:
        assert quote["speaker"] is None or quote["speaker"] in names or quote["speaker"] == data["narrator"]
