"""Draft KB entries for live-action / book fandoms from popular_ship_stats.

Development-time helper: reads ../shared/kb-sources/popular_ship_stats and
prints draft entries (one block per fandom) in a compact line form:

    = AO3 Fandom Name | medium
    C Full Name | f/m/n/u | alias; alias
    S Member A / Member B        (romantic)

The drafts are only a starting point: every fandom file in
src/ficlens/kb/fandoms/ was reviewed and extended by hand.

Usage: python tools/kb_from_popular_ship_stats.py [SOURCE_GROUP ...]
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT.parent / "shared" / "kb-sources" / "popular_ship_stats" / "fifth_clean_up_data"

# source fandom group -> (AO3 canonical tag, medium); only live-action / book / podcast groups.
GROUPS = {
    "Supernatural": ("Supernatural", "tv"),
    "Teen Wolf": ("Teen Wolf (TV)", "tv"),
    "Sherlock": ("Sherlock (TV)", "tv"),
    "Harry Potter Universe": ("Harry Potter - J. K. Rowling", "book"),
    "Doctor Who Universe": ("Doctor Who", "tv"),
    "Star Wars": ("Star Wars - All Media Types", "film"),
    "Stranger Things": ("Stranger Things (TV 2016)", "tv"),
    "A Song of Ice and Fire / Game of Thrones Universe": ("Game of Thrones (TV)", "tv"),
    "Glee": ("Glee", "tv"),
    "Star Trek": ("Star Trek", "tv"),
    "Les Misérables": ("Les Misérables - Victor Hugo", "book"),
    "Lord of the Rings Universe": ("The Lord of the Rings - J. R. R. Tolkien", "book"),
    "Once Upon a Time": ("Once Upon a Time (TV)", "tv"),
    "The 100": ("The 100 (TV)", "tv"),
    "Buffy Universe": ("Buffy the Vampire Slayer (TV)", "tv"),
    "Merlin": ("Merlin (TV)", "tv"),
    "Stargate": ("Stargate Atlantis", "tv"),
    "Grey's Anatomy Universe": ("Grey's Anatomy", "tv"),
    "Criminal Minds": ("Criminal Minds (US TV)", "tv"),
    "Hamilton": ("Hamilton - Miranda", "theatre"),
    "Percy Jackson": ("Percy Jackson and the Olympians - Rick Riordan", "book"),
    "9-1-1": ("9-1-1 (TV)", "tv"),
    "Battlestar Galactica": ("Battlestar Galactica (2003)", "tv"),
    "Hannibal": ("Hannibal (TV)", "tv"),
    "NCIS": ("NCIS", "tv"),
    "Person of Interest": ("Person of Interest (TV)", "tv"),
    "The Old Guard": ("The Old Guard (Movie 2020)", "film"),
    "Critical Role": ("Critical Role (Web Series)", "tv"),
    "Due South": ("due South", "tv"),
    "Our Flag Means Death": ("Our Flag Means Death (TV)", "tv"),
    "The Last of Us": ("The Last of Us (TV)", "tv"),
    "The Walking Dead": ("The Walking Dead (TV)", "tv"),
    "Vampire Diaries Universe": ("The Vampire Diaries (TV)", "tv"),
    "Good Omens": ("Good Omens (TV)", "tv"),
    "Hawaii Five-0": ("Hawaii Five-0 (2010)", "tv"),
    "Heartstopper": ("Heartstopper (Cartoon)", "book"),
    "House M.D.": ("House M.D.", "tv"),
    "The Magnus Archives": ("The Magnus Archives (Podcast)", "podcast"),
    "Welcome to Night Vale": ("Welcome to Night Vale", "podcast"),
    "White Collar": ("White Collar", "tv"),
    "Young Royals": ("Young Royals (TV)", "tv"),
    "Schitt's Creek": ("Schitt's Creek", "tv"),
    "Suits": ("Suits (TV)", "tv"),
    "Castle": ("Castle", "tv"),
}

GENDER = {"M": "m", "F": "f", "NB": "n", "N": "n"}


def load():
    chars = defaultdict(list)
    with open(SRC / "stage_5_characters.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            chars[row["fandom"]].append(row)
    ships = defaultdict(list)
    with open(SRC / "stage_5_ships.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            ships[row["fandom"]].append(row)
    return chars, ships


def aliases(row: dict) -> list[str]:
    out = []
    for key in ("given_name", "surname", "alias", "nickname"):
        value = row[key]
        if value and value != "None" and value not in out and value != row["full_name"]:
            out.append(value)
    return out


def draft(group: str, chars, ships) -> str:
    name, medium = GROUPS[group]
    lines = [f"= {name} | {medium}"]
    for row in chars.get(group, []):
        g = GENDER.get(row["gender"].strip().upper(), "u")
        lines.append(f"C {row['full_name']} | {g} | {'; '.join(aliases(row))}")
    for row in ships.get(group, []):
        members = [m.split(" - ", 1)[1] for m in (row[f"member_{i}"] for i in range(1, 5)) if m and m != "None"]
        lines.append("S " + " / ".join(members))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    chars, ships = load()
    for group in argv or list(GROUPS):
        print(draft(group, chars, ships))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
