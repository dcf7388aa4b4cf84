"""The ``ficlens kb`` subcommands: list the fandoms, show one entry, learn from tagged works."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import FiclensError
from ..render import safe
from . import load
from .entries import FandomEntry
from .writer import entry_to_toml


def run(args: argparse.Namespace) -> int:
    command = args.kb_command
    if command == "list":
        return list_fandoms()
    if command == "show":
        return show(args.name)
    if command == "learn":
        from .learn import learn_directory

        written = learn_directory(Path(args.directory), Path(args.output))
        for path in written:
            print(f"wrote {path}")
        return 0 if written else 1
    raise FiclensError(f"unknown kb command: {command}")


def list_fandoms() -> int:
    kb = load()
    rows = sorted(kb.fandoms, key=lambda f: f.name.casefold())
    width = max((len(f.name) for f in rows), default=10)
    for entry in rows:
        print(f"{safe(entry.name, 80):<{width}}  {entry.medium:<12} {len(entry.characters):>4} characters")
    print(f"{len(rows)} fandoms", file=sys.stderr)
    return 0


def show(name: str) -> int:
    entry: FandomEntry | None = load().fandom(name)
    if entry is None:
        raise FiclensError(f"no fandom named {name!r} in the knowledge base (try `ficlens kb list`)")
    print(entry_to_toml(entry), end="")
    return 0
