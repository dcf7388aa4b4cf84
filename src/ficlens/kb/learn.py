"""``ficlens kb learn DIR -o OUT``: KB entries from a user's own tagged works.

An archivist's downloads already carry the answers: each work's fandom, character and
relationship tags. Those give an entry's characters and ships; the work's text gives
the name forms fans actually write (of "Luke Danes", which of "Luke Danes", "Luke",
"Danes" occur; a quoted nickname in a tag, 'James "Bucky" Barnes', and the
alternatives of "Joe | Yusuf Al-Kaysani" are forms too) and each character's gender,
decided by the characters stage from the pronouns and titles the text uses for them
and then voted over every work. One TOML per fandom goes to OUT, merged with what is
already there, so learning is repeatable and incremental.

Tags come from ``Document.declared`` (the readers); for Markdown with YAML front
matter (AO3 exports) the front matter is read here when no reader did.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import FiclensError
from ..model import Document
from .entries import FandomEntry, KBCharacter, KBShip
from .forms import is_title
from .index import strip_disambiguation
from .loader import KBFileWarning, merge_into, read_file
from .writer import entry_to_toml, slug

WORK_SUFFIXES = {".md", ".txt", ".html", ".htm", ".epub"}
_NOT_CHARACTERS = re.compile(r"^(original (female |male )?characters?|reader|you|ofc|omc|oc|everyone|various)\b", re.I)
_NICKNAME = re.compile(r"[\"“]([^\"”]+)[\"”]")


def learn_directory(directory: Path, output: Path) -> list[Path]:
    if not directory.is_dir():
        raise FiclensError(f"not a directory: {directory}")
    entries: dict[str, FandomEntry] = {}
    usage: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    genders: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for path in sorted(p for p in directory.rglob("*") if p.suffix.lower() in WORK_SUFFIXES):
        tags, document = read_tagged_work(path)
        if tags is not None:
            learn_work(tags, document, entries, usage, genders)
    for (fandom, name), forms in usage.items():
        character = entries[fandom].character(name)
        if character is not None:
            character.aliases = [f for f, _ in forms.most_common() if f != character.name]
    for (fandom, name), votes in genders.items():
        character = entries[fandom].character(name)
        if character is not None and character.gender == "unknown":
            character.gender = _majority(votes)
    return write_entries(list(entries.values()), output)


def read_tagged_work(path: Path) -> tuple[dict[str, list[str]] | None, Document | None]:
    """The work's tags (fandoms, characters, relationships) and its document."""
    from ..pipeline import load

    try:
        if path.suffix.lower() == ".md":
            front, body = split_front_matter(path.read_text(encoding="utf-8", errors="replace"))
            if front is not None:
                return {key: _list(front.get(key) or front.get(key + "s") or front.get(key.rstrip("s")))
                        for key in ("fandom", "characters", "relationship")}, load(body, is_text=True)
        document = load(path)
    except (FiclensError, OSError, UnicodeError, yaml.YAMLError) as exc:
        warnings.warn(f"skipping {path}: {exc}", KBFileWarning, stacklevel=2)
        return None, None
    declared = document.declared
    if declared is None or not declared.fandoms:
        return None, document
    return {"fandom": declared.fandoms, "characters": declared.characters,
            "relationship": declared.relationships}, document


def split_front_matter(text: str) -> tuple[dict | None, str]:
    """YAML front matter between leading ``---`` lines, and the body after it."""
    match = re.match(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n?", text, re.S)
    if not match:
        return None, text
    data = yaml.safe_load(match.group(1))
    return (data if isinstance(data, dict) else None), text[match.end():]


def learn_work(tags: dict[str, list[str]], document: Document | None, entries: dict[str, FandomEntry],
               usage: dict[tuple[str, str], Counter[str]],
               genders: dict[tuple[str, str], Counter[str]] | None = None) -> None:
    """Add one work's tagged characters and ships to ``entries``; count the forms its text uses."""
    fandoms = [f.strip() for f in tags["fandom"] if f.strip()]
    if not fandoms or document is None:
        return
    text = document.text
    learned: list[tuple[str, str, list[str]]] = []
    for fandom in fandoms:
        entries.setdefault(fandom.casefold(), FandomEntry(fandom, medium="rpf" if "RPF" in fandom else "other", rpf="RPF" in fandom))
    names = list(tags["characters"])
    for relationship in tags["relationship"]:
        names += _members(relationship)
    for tag in dict.fromkeys(names):
        fandom = _fandom_of(tag, fandoms)
        name = strip_disambiguation(tag)
        if fandom is None or not name or _NOT_CHARACTERS.match(name):
            continue
        canonical, forms = name_forms(name)
        entry = entries[fandom.casefold()]
        if entry.character(canonical) is None:
            entry.characters.append(KBCharacter(canonical))
        learned.append((fandom.casefold(), canonical, forms))
    counts = count_forms(text, [f for _, _, forms in learned for f in forms])
    for fandom_key, canonical, forms in learned:
        usage[(fandom_key, canonical)].update({f: counts[f] for f in forms if counts[f]})
    if genders is not None and learned:
        for key, gender in text_genders(document, learned).items():
            genders[key][gender] += 1
    for relationship in tags["relationship"]:
        _add_ship(relationship, fandoms, entries)


def text_genders(document: Document, learned: list[tuple[str, str, list[str]]]) -> dict[tuple[str, str], str]:
    """(fandom, character) -> the gender the characters stage finds for them in this work.

    A tagged character is matched to the found character sharing most of its name
    forms; a tie (two Gilmores and only "Gilmore" in common) decides nothing.
    """
    found = [({c.name, *c.aliases}, c.gender) for c in _character_pipeline().run(document).characters
             if c.gender in ("female", "male")]
    result: dict[tuple[str, str], str] = {}
    for fandom_key, canonical, forms in learned:
        scores = sorted(((len(names & set(forms)) + (canonical in names), gender) for names, gender in found),
                        key=lambda s: -s[0])
        if scores and scores[0][0] and (len(scores) == 1 or scores[1][0] < scores[0][0]):
            result[(fandom_key, canonical)] = scores[0][1]
    return result


@lru_cache(maxsize=1)
def _character_pipeline():
    """The stages up to characters: genders come from the text, not from the KB being learned."""
    from ..characters import CharacterStage
    from ..notes import NotesStage
    from ..pipeline import Pipeline
    from ..quotes import QuoteStage

    return Pipeline([NotesStage(), QuoteStage(), CharacterStage()])


def _majority(votes: Counter[str]) -> str:
    """The gender at least two thirds of the works agree on, else "unknown"."""
    gender, count = votes.most_common(1)[0]
    return gender if 3 * count >= 2 * sum(votes.values()) else "unknown"


def name_forms(tag: str) -> tuple[str, list[str]]:
    """The canonical name of a character tag and every form it implies.

    'James "Bucky" Barnes' -> ("James Barnes", [..., "Bucky"]); "Joe | Yusuf Al-Kaysani"
    -> ("Joe", ["Joe", "Yusuf Al-Kaysani", "Yusuf", "Al-Kaysani"]).
    """
    nicknames = _NICKNAME.findall(tag)
    plain = re.sub(r"\s+", " ", _NICKNAME.sub(" ", tag)).strip()
    alternatives = [a.strip() for a in plain.split("|") if a.strip()]
    canonical = alternatives[0] if alternatives else tag.strip()
    forms: list[str] = []
    for alternative in alternatives:
        forms.append(alternative)
        forms += [t for t in alternative.split() if len(t) > 1 and t[0].isupper() and not is_title(t.rstrip("."))]
    forms += nicknames
    return canonical, list(dict.fromkeys(forms))


def _members(relationship: str) -> list[str]:
    separator = "/" if "/" in relationship else " & "
    return [m.strip() for m in relationship.split(separator) if m.strip()] if separator in relationship else []


def _fandom_of(tag: str, fandoms: list[str]) -> str | None:
    """A crossover's characters belong to a fandom only when the tag says which ("Name (Fandom)")."""
    if len(fandoms) == 1:
        return fandoms[0]
    suffix = tag[tag.rindex("(") + 1 : -1].casefold() if tag.endswith(")") and "(" in tag else ""
    return next((f for f in fandoms if suffix and (suffix in f.casefold() or f.casefold() in suffix)), None)


def _add_ship(relationship: str, fandoms: list[str], entries: dict[str, FandomEntry]) -> None:
    members = _members(relationship)
    if len(members) < 2:
        return
    fandom = _fandom_of(members[0], fandoms)
    if fandom is None:
        return
    entry = entries[fandom.casefold()]
    names = [name_forms(strip_disambiguation(m))[0] for m in members]
    if any(entry.character(n) is None for n in names):
        return
    kind = "romantic" if "/" in relationship else "platonic"
    if all(set(s.members) != set(names) or s.kind != kind for s in entry.ships):
        entry.ships.append(KBShip(names, kind))


def count_forms(text: str, forms: list[str]) -> Counter[str]:
    """How often each name form occurs as a whole word, in one pass over the text."""
    unique = sorted(set(forms), key=len, reverse=True)
    if not unique:
        return Counter()
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, unique)) + r")(?!\w)")
    direct = Counter(m.group(0) for m in pattern.finditer(text))
    # "Luke Danes" also holds a "Luke": a longer match must not hide its parts.
    counts = Counter(direct)
    for form in unique:
        for other, times in direct.items():
            if other != form and form in other:
                counts[form] += times * len(re.findall(rf"(?<!\w){re.escape(form)}(?!\w)", other))
    return counts


def write_entries(entries: list[FandomEntry], output: Path) -> list[Path]:
    output.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in entries:
        entry.characters = [c for c in entry.characters if c.name]
        if not entry.characters:
            continue
        path = output / f"{slug(entry.name)}.toml"
        if path.exists():
            existing = read_file(path)
            if existing is not None:
                merge_into(existing, entry)
                entry = existing
        path.write_text(entry_to_toml(entry, comment=f"{entry.name}. Learned by `ficlens kb learn` from tagged works."), encoding="utf-8")
        written.append(path)
    return written


def _list(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []
