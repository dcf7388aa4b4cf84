"""KB drafting helper: every medium (the fandom files themselves were reviewed by hand).

Development-time helper with two modes.

``draft``: read ../shared/kb-sources/popular_ship_stats and print draft entries for the
source fandom groups of these media, in the compact line form below. Drafts are only a
starting point; every entry was then reviewed and extended by hand.

``build``: turn hand-written compact files into one TOML file per fandom in
src/ficlens/kb/fandoms/ (see src/ficlens/kb/FORMAT.md), validating as it goes.

Compact form (fields separated by " @ "):

    = AO3 Fandom Name @ medium
    O other AO3 tag; common name; ...
    R AO3 tag of a related canon sharing the cast (adaptation, All Media Types tag); ...
    C Canonical Character Name @ m|f|n|u @ alias; alias; ~
    P Place Name @ kind
    S Member A / Member B          (romantic; 3+ members allowed)
    S Member A & Member B          (platonic)

In an alias list, ``~`` stands for the two-word name in the other order
("Uchiha Sasuke" -> "Sasuke Uchiha").

Usage:
    python tools/kb_drafts.py draft [SOURCE_GROUP ...]
    python tools/kb_drafts.py build SPEC_FILE ... [--mine SLUG_LIST_FILE]
"""

from __future__ import annotations

import csv
import json
import re
import sys
import tomllib
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT.parent / "shared" / "kb-sources" / "popular_ship_stats" / "fifth_clean_up_data"
OUT = ROOT / "src" / "ficlens" / "kb" / "fandoms"

MEDIA = {"tv", "film", "book", "anime-manga", "game", "comics", "cartoon", "rpf", "podcast", "theatre", "other"}
KINDS = {"country", "city", "town", "street", "building", "venue", "landmark", "region", "fictional", "other"}
GENDERS = {"m": "male", "f": "female", "n": "nonbinary", "u": "unknown"}
SOURCE_GENDER = {"M": "m", "F": "f", "NB": "n", "N": "n"}

# popular_ship_stats source groups -> medium (drafting only).
GROUPS = {
    "5 Seconds of Summer": "rpf", "Adam Lambert": "rpf", "Bangtan Boys / BTS": "rpf", "EXO": "rpf",
    "Fall Out Boy": "rpf", "Fifth Harmony": "rpf", "My Chemical Romance": "rpf", "NCT": "rpf",
    "One Direction": "rpf", "Panic! at the Disco": "rpf", "Red Velvet": "rpf", "Stray Kids": "rpf",
    "TOMORROW X TOGETHER / TXT": "rpf", "Twenty One Pilots": "rpf", "Youtube": "rpf",
    "Figure Skating": "rpf", "Hockey": "rpf", "Women's Soccer": "rpf", "KAT-TUN | カトゥーン": "rpf",
    "Adventure Time": "cartoon", "Amphibia": "cartoon", "Arcane": "cartoon",
    "Avatar: The last Airbender Universe": "cartoon", "Gravity Falls": "cartoon", "Hazbin Hotel": "cartoon",
    "Miraculous: Tales of Ladybug & Cat Noir | Miraculous: Les Aventures de Ladybug et Chat Noir": "cartoon",
    "She-Ra and the Princesses of Power": "cartoon", "Steven Universe": "cartoon",
    "Teenage Mutant Ninja Turtles": "cartoon", "The Owl House": "cartoon", "Voltron": "cartoon",
    "Kim Possible": "cartoon", "South Park": "cartoon", "RWBY": "cartoon",
    "Homestuck": "comics", "DC": "comics", "Marvel": "comics", "Check Please!": "comics",
    "Attack on Titan | 進撃の巨人": "anime-manga", "BLUELOCK | ブルーロック": "anime-manga",
    "Bungou Stray Dogs | 文豪ストレイドッグス": "anime-manga", "Free!": "anime-manga",
    "Fullmetal Alchemist | 鋼の錬金術師": "anime-manga", "Haikyuu!! | ハイキュー!!": "anime-manga",
    "Hetalia | ヘタリア": "anime-manga", "JoJo's Bizarre Adventure | ジョジョの奇妙な冒険": "anime-manga",
    "Jujutsu Kaisen | 呪術廻戦": "anime-manga", "Kill la Kill | キルラキル": "anime-manga",
    "My Hero Academia | 僕のヒーローアカデミア": "anime-manga", "Naruto": "anime-manga",
    "One Piece | ワンピース": "anime-manga", "Tokyo Ghoul | 東京喰種": "anime-manga",
    "Yuri!!! on ICE | ユーリ!!! on ICE": "anime-manga", "Grandmaster of Demonic Cultivation / The Untamed | 魔道祖师 / 陈情令": "book",
    "Heaven Official's Blessing | 天官赐福": "book", "Omniscient Reader | 전지적 독자 시점": "book",
    "Danganronpa": "game", "Detroit: Become Human": "game", "Dragon Age": "game", "Mass Effect": "game",
    "Genshin Impact | 原神": "game", "Overwatch": "game", "Persona": "game", "Undertale": "game",
    "Life Is Strange": "game", "Kingdom Hearts": "game", "Final Fantasy | ファイナルファンタジー": "game",
    "Fire Emblem | ファイアーエムブレム": "game", "Call of Duty": "game",
    # live-action, books, theatre, podcasts
    "Supernatural": "tv",
    "Teen Wolf": "tv",
    "Sherlock": "tv",
    "Harry Potter Universe": "book",
    "Doctor Who Universe": "tv",
    "Star Wars": "film",
    "Stranger Things": "tv",
    "A Song of Ice and Fire / Game of Thrones Universe": "tv",
    "Glee": "tv",
    "Star Trek": "tv",
    "Les Misérables": "book",
    "Lord of the Rings Universe": "book",
    "Once Upon a Time": "tv",
    "The 100": "tv",
    "Buffy Universe": "tv",
    "Merlin": "tv",
    "Stargate": "tv",
    "Grey's Anatomy Universe": "tv",
    "Criminal Minds": "tv",
    "Hamilton": "theatre",
    "Percy Jackson": "book",
    "9-1-1": "tv",
    "Battlestar Galactica": "tv",
    "Hannibal": "tv",
    "NCIS": "tv",
    "Person of Interest": "tv",
    "The Old Guard": "film",
    "Critical Role": "tv",
    "Due South": "tv",
    "Our Flag Means Death": "tv",
    "The Last of Us": "tv",
    "The Walking Dead": "tv",
    "Vampire Diaries Universe": "tv",
    "Good Omens": "tv",
    "Hawaii Five-0": "tv",
    "Heartstopper": "book",
    "House M.D.": "tv",
    "The Magnus Archives": "podcast",
    "Welcome to Night Vale": "podcast",
    "White Collar": "tv",
    "Young Royals": "tv",
    "Schitt's Creek": "tv",
    "Suits": "tv",
    "Castle": "tv",
}


def slug(name: str) -> str:
    """Lowercase ASCII slug: accents folded, other non-alphanumerics -> '-', collapsed."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


# ---------------------------------------------------------------- draft

def _load_source():
    chars, ships = defaultdict(list), defaultdict(list)
    with open(SRC / "stage_5_characters.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            chars[row["fandom"]].append(row)
    with open(SRC / "stage_5_ships.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            ships[row["fandom"]].append(row)
    return chars, ships


def _source_aliases(row: dict) -> list[str]:
    out: list[str] = []
    for key in ("given_name", "surname", "alias", "nickname"):
        for value in (row[key] or "").split("/"):
            value = value.strip()
            if value and value != "None" and value not in out and value != row["full_name"]:
                out.append(value)
    if row.get("name_order") == "E":
        out.append("~")
    return out


def draft(group: str, chars, ships) -> str:
    lines = [f"= {group} @ {GROUPS.get(group, 'other')}"]
    for row in chars.get(group, []):
        g = SOURCE_GENDER.get(row["gender"].strip().upper(), "u")
        lines.append(f"C {row['full_name']} @ {g} @ {'; '.join(_source_aliases(row))}")
    for row in ships.get(group, []):
        members = [m.split(" - ", 1)[1] for m in (row[f"member_{i}"] for i in range(1, 5)) if m and m != "None"]
        lines.append("S " + " / ".join(members))
    return "\n".join(lines)


# ---------------------------------------------------------------- build

class SpecError(ValueError):
    pass


def _split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def parse_spec(text: str, origin: str = "<spec>") -> list[dict]:
    entries: list[dict] = []
    cur: dict | None = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("//"):
            continue
        tag, _, rest = line.partition(" ")
        rest = rest.strip()
        where = f"{origin}:{lineno}"
        if tag == "=":
            name, _, medium = (p.strip() for p in rest.rpartition(" @ "))
            if medium not in MEDIA:
                raise SpecError(f"{where}: bad medium {medium!r}")
            cur = {"name": name, "other_names": [], "related": [], "medium": medium, "rpf": medium == "rpf",
                   "characters": [], "places": [], "ships": [], "notes": []}
            entries.append(cur)
            continue
        if cur is None:
            raise SpecError(f"{where}: line before any '=' entry")
        if tag == "#":
            cur["notes"].append(rest)
        elif tag == "O":
            cur["other_names"].extend(_split_list(rest))
        elif tag == "R":
            cur["related"].extend(_split_list(rest))
        elif tag == "C":
            parts = [p.strip() for p in rest.split(" @ ")]
            if len(parts) == 2:
                parts.append("")
            if len(parts) != 3 or parts[1] not in GENDERS:
                raise SpecError(f"{where}: bad character line {rest!r}")
            name, g, alias_text = parts
            aliases = []
            for alias in _split_list(alias_text):
                if alias == "~":
                    words = name.split()
                    if len(words) != 2:
                        raise SpecError(f"{where}: '~' needs a two-word name: {name!r}")
                    alias = f"{words[1]} {words[0]}"
                if alias != name and alias not in aliases:
                    aliases.append(alias)
            cur["characters"].append({"name": name, "aliases": aliases, "gender": GENDERS[g]})
        elif tag == "P":
            name, _, kind = (p.strip() for p in rest.rpartition(" @ "))
            if kind not in KINDS:
                raise SpecError(f"{where}: bad place kind {kind!r}")
            cur["places"].append({"name": name, "kind": kind})
        elif tag == "S":
            if " & " in rest:
                members, kind = [m.strip() for m in rest.split(" & ")], "platonic"
            else:
                members, kind = [m.strip() for m in rest.split(" / ")], "romantic"
            cur["ships"].append({"members": members, "kind": kind})
        else:
            raise SpecError(f"{where}: unknown line tag {tag!r}")
    for entry in entries:
        validate(entry)
    return entries


def validate(entry: dict) -> None:
    names = [c["name"] for c in entry["characters"]]
    if len(set(names)) != len(names):
        raise SpecError(f"{entry['name']}: duplicate character names")
    if not names:
        raise SpecError(f"{entry['name']}: no characters")
    for ship in entry["ships"]:
        if len(ship["members"]) < 2:
            raise SpecError(f"{entry['name']}: ship with < 2 members {ship}")
        for member in ship["members"]:
            if member not in names:
                raise SpecError(f"{entry['name']}: ship member {member!r} is not a character")
    place_names = [p["name"] for p in entry["places"]]
    if len(set(place_names)) != len(place_names):
        raise SpecError(f"{entry['name']}: duplicate place names")


def _s(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _list(values: list[str]) -> str:
    return "[" + ", ".join(_s(v) for v in values) + "]"


def to_toml(entry: dict) -> str:
    notes = "; ".join(entry["notes"]) or "general knowledge of the canon; AO3 tag names"
    out = [f"# {entry['name']}. Sources: {notes}.",
           f"name = {_s(entry['name'])}",
           f"other_names = {_list([n for n in entry['other_names'] if n != entry['name']])}",
           *([f"related = {_list(entry['related'])}"] if entry["related"] else []),
           f"medium = {_s(entry['medium'])}",
           f"rpf = {'true' if entry['rpf'] else 'false'}"]
    for c in entry["characters"]:
        out += ["", "[[characters]]", f"name = {_s(c['name'])}", f"aliases = {_list(c['aliases'])}",
                f"gender = {_s(c['gender'])}"]
    for p in entry["places"]:
        out += ["", "[[places]]", f"name = {_s(p['name'])}", f"kind = {_s(p['kind'])}"]
    for s in entry["ships"]:
        out += ["", "[[ships]]", f"members = {_list(s['members'])}", f"kind = {_s(s['kind'])}"]
    text = "\n".join(out) + "\n"
    data = tomllib.loads(text)  # round-trip check
    assert data["name"] == entry["name"] and len(data.get("characters", [])) == len(entry["characters"])
    return text


def build(paths: list[str], mine_path: str | None) -> int:
    """Write TOML files; an existing file is overwritten only if listed in the MINE file
    (the slugs this author wrote), so files written by others are never clobbered."""
    OUT.mkdir(parents=True, exist_ok=True)
    mine_file = Path(mine_path) if mine_path else None
    mine = set(mine_file.read_text().split()) if mine_file and mine_file.exists() else set()
    seen: set[str] = set()
    for path in paths:
        for entry in parse_spec(Path(path).read_text(encoding="utf-8"), path):
            key = slug(entry["name"])
            if key in seen:
                raise SpecError(f"duplicate slug {key}")
            seen.add(key)
            target = OUT / f"{key}.toml"
            text = to_toml(entry)
            if target.exists():
                if target.read_text(encoding="utf-8") == text:
                    continue
                if key not in mine:
                    print(f"SKIP (exists, not ours): {target.name}", file=sys.stderr)
                    continue
            target.write_text(text, encoding="utf-8")
            mine.add(key)
            print(f"wrote {target.relative_to(ROOT)}: {len(entry['characters'])} characters, "
                  f"{len(entry['places'])} places, {len(entry['ships'])} ships")
    if mine_file:
        mine_file.write_text("\n".join(sorted(mine)) + "\n")
    return 0


def main(argv: list[str]) -> int:
    if argv and argv[0] == "build":
        args = argv[1:]
        mine = None
        if "--mine" in args:
            i = args.index("--mine")
            mine = args[i + 1]
            del args[i:i + 2]
        return build(args, mine)
    if argv and argv[0] == "draft":
        argv = argv[1:]
    chars, ships = _load_source()
    for group in argv or list(GROUPS):
        print(draft(group, chars, ships))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
