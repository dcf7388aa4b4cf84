"""Errors a user sees as one line. Everything ficlens refuses to read raises one of these."""

from __future__ import annotations


class FiclensError(Exception):
    """Base class: the message is the one line the CLI prints."""


class UnreadableInput(FiclensError):
    """The file is empty, binary, truncated, hostile or not a format ficlens reads."""


class InputTooLarge(UnreadableInput):
    """The input (or an archive member) is larger than ficlens is willing to unpack."""
