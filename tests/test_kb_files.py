"""Checks every built-in KB fandom file against the rules in kb/FORMAT.md."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from pathlib import Path

import pytest

FANDOMS = Path(__file__).resolve().parent.parent / "src" / "ficlens" / "kb" / "fandoms"
FILES = sorted(FANDOMS.glob("*.toml"))

MEDIA = {"tv", "film", "book", "anime-manga", "game", "comics", "cartoon", "rpf", "podcast", "theatre", "other"}
GENDERS = {"female", "male", "nonbinary", "unknown"}
PLACE_KINDS = {"country", "city", "town", "street", "building", "venue", "landmark", "region", "fictional", "other"}
SHIP_KINDS = {"romantic", "platonic"}


def _load(path: Path) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _slugs(name: str) -> set[str]:
    """Accepted file stems: accents folded to ASCII, or any Unicode alphanumerics kept."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    ascii_slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    unicode_slug = re.sub(r"-+", "-", "".join(ch if ch.isalnum() else "-" for ch in name.lower())).strip("-")
    return {ascii_slug, unicode_slug}


def test_there_are_fandom_files():
    assert FILES, "no fandom files found"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_fandom_file(path: Path):
    data = _load(path)
    for key in ("name", "medium", "rpf", "characters"):
        assert key in data, f"{path.name}: missing {key!r}"
    assert isinstance(data["name"], str) and data["name"].strip()
    assert path.stem in _slugs(data["name"]), f"{path.name}: file name is not the slug of {data['name']!r}"
    assert data["medium"] in MEDIA, f"{path.name}: bad medium {data['medium']!r}"
    assert isinstance(data["rpf"], bool)
    other = data.get("other_names", [])
    assert isinstance(other, list) and all(isinstance(x, str) and x.strip() for x in other)

    chars = data["characters"]
    assert chars, f"{path.name}: no characters"
    names = [c["name"] for c in chars]
    assert len(names) == len(set(names)), f"{path.name}: duplicate character names"
    for c in chars:
        assert isinstance(c["name"], str) and c["name"].strip()
        assert c.get("gender") in GENDERS, f"{path.name}: {c['name']}: bad gender {c.get('gender')!r}"
        aliases = c.get("aliases", [])
        assert isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases)
        assert len(aliases) == len(set(aliases)), f"{path.name}: {c['name']}: duplicate aliases"

    terms = data.get("terms", [])
    assert isinstance(terms, list) and all(isinstance(t, str) and t.strip() for t in terms), f"{path.name}: bad terms"
    assert len(terms) == len(set(terms)), f"{path.name}: duplicate terms"
    forms = {f.casefold() for c in chars for f in (c["name"], *c.get("aliases", []))}
    clashes = [t for t in terms if t.casefold() in forms]
    assert not clashes, f"{path.name}: terms that are also character names: {clashes}"

    for p in data.get("places", []):
        assert isinstance(p["name"], str) and p["name"].strip()
        assert p.get("kind") in PLACE_KINDS, f"{path.name}: {p['name']}: bad kind {p.get('kind')!r}"

    known = set(names)
    for s in data.get("ships", []):
        assert s.get("kind") in SHIP_KINDS, f"{path.name}: bad ship kind {s.get('kind')!r}"
        members = s["members"]
        assert len(members) >= 2 and len(set(members)) == len(members), f"{path.name}: bad members {members}"
        for m in members:
            assert m in known, f"{path.name}: ship member {m!r} is not a character in this file"


def test_names_unique_across_files():
    seen: dict[str, str] = {}
    clashes = []
    for path in FILES:
        data = _load(path)
        for n in {data["name"], *data.get("other_names", [])}:
            key = n.casefold()
            if key in seen and seen[key] != path.name:
                clashes.append(f"{n!r} in {seen[key]} and {path.name}")
            seen.setdefault(key, path.name)
    assert not clashes, "fandom names used by more than one file:\n" + "\n".join(clashes)
