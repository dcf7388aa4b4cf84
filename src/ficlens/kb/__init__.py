"""The fandom knowledge base (placeholder until the fandom issue lands)."""

from __future__ import annotations

import argparse

_user_directories: list[str] = []


def add_user_directory(directory: str) -> None:
    _user_directories.append(directory)


def run_command(args: argparse.Namespace) -> int:
    from ..errors import FiclensError

    raise FiclensError("the knowledge base is not built yet")
