"""Bytes to text: find the encoding, refuse binaries, repair mojibake.

Fan fiction arrives from every editor and decade: UTF-8 (with or without a BOM),
UTF-16 from Windows tools, cp1252 from old word processors, and text that was
already decoded wrongly once ("Itâ€™s"). We decode in order of certainty (BOM,
strict UTF-8, BOM-less UTF-16 by its NUL pattern, then a guess) and record a
warning whenever we guessed or repaired, so the user knows the text was touched.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

import ftfy

from ..errors import InputTooLarge, UnreadableInput

# Anything larger is not a single fan-fiction work (the longest works on AO3 are
# around 5 million words, about 30 MB of text).
MAX_TEXT_BYTES = 100 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Magic numbers of files people drop by mistake: refuse them with a clear message.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Office file"),
    (b"{\\rtf", "an RTF file"),
)

# Single-byte Western codecs charset-normalizer confuses on short fan-fiction
# texts (it calls cp1252 smart quotes "cp1250"). For these we trust cp1252, the
# codec old Windows editors actually wrote.
_LATIN_SINGLE_BYTE = re.compile(r"^(cp125[02345789]|latin_1|iso8859_(1|2|3|4|9|10|13|14|15|16)|mac_.*|cp850|cp437)$")

_MOJIBAKE_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=True,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=True,
    decode_inconsistent_utf8=True,
    fix_c1_controls=True,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=True,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)

# A UTF-8 lead byte read as Latin-1/cp1252 ("Ã", "â", "Â"...) followed by a continuation
# byte read the same way: the signature of mojibake, and cheap to search for.
_MOJIBAKE_PAIR = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(slots=True)
class DecodedText:
    """The decoded text and what we had to do to get it."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def check_size(data: bytes, limit: int = MAX_TEXT_BYTES) -> None:
    if len(data) > limit:
        raise InputTooLarge(f"the input is {len(data) // (1024 * 1024)} MB, more than the {limit // (1024 * 1024)} MB limit")


def refuse_known_binary(data: bytes) -> None:
    """Raise for files whose magic number says they are not text at all."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise UnreadableInput(f"this is {what}, not a fan-fiction text")


def decode_bytes(data: bytes, *, declared_charset: str | None = None) -> DecodedText:
    """Decode bytes to text with normalised newlines; raise UnreadableInput for binaries.

    ``declared_charset`` is an HTML ``<meta charset>`` hint, tried after strict UTF-8.
    """
    check_size(data)
    refuse_known_binary(data)
    decoded = _decode(data, declared_charset)
    text = normalise_newlines(decoded.text)
    _refuse_control_heavy(text)
    repaired = repair_mojibake(text)
    if repaired != text:
        decoded.warnings.append("repaired mis-decoded characters (mojibake) in the text")
        text = repaired
    decoded.text = text
    return decoded


def normalise_newlines(text: str) -> str:
    """\\r\\n and lone \\r become \\n: every offset is into the normalised text."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def repair_mojibake(text: str) -> str:
    """Undo text that was decoded with the wrong codec once ("Itâ€™s" -> "It’s").

    Conservative: quotes stay curly, HTML entities and widths are left alone. ftfy
    is slow on long texts, so only the lines that show a mojibake pair are handed to it.
    """
    if text.isascii() or not _MOJIBAKE_PAIR.search(text):
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if _MOJIBAKE_PAIR.search(line):
            lines[number] = _fix_line(line)
    return "\n".join(lines)


def _fix_line(line: str) -> str:
    try:
        return ftfy.fix_text(line, _MOJIBAKE_CONFIG)
    except Exception:  # ftfy must never turn a readable text into a crash
        return line


def _decode(data: bytes, declared_charset: str | None) -> DecodedText:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data[len(bom):], codec)
    utf16 = _bomless_utf16(data)
    if utf16:
        return _strict_or_unreadable(data, utf16, f"no byte-order mark: guessed {utf16.upper()} from the byte pattern")
    if b"\x00" in data[:65536]:
        raise UnreadableInput("this is a binary file (it contains NUL bytes), not a text")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared_charset:
        codec = _known_codec(declared_charset)
        if codec:
            try:
                return DecodedText(data.decode(codec), codec)
            except (UnicodeError, LookupError):  # bad bytes, or no text codec ("base64", "rot13", "undefined")
                pass
    return _guess(data)


def _decode_with_bom(body: bytes, codec: str) -> DecodedText:
    try:
        return DecodedText(body.decode(codec), codec)
    except UnicodeDecodeError:
        text = body.decode(codec, errors="replace")
        return DecodedText(text, codec, [f"the text has a {codec.upper()} byte-order mark but invalid bytes; replaced them"])


def _strict_or_unreadable(data: bytes, codec: str, warning: str) -> DecodedText:
    try:
        return DecodedText(data.decode(codec), codec, [warning])
    except UnicodeDecodeError:
        raise UnreadableInput("this is a binary file, not a text") from None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]  # whole code units only
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _known_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except (LookupError, ValueError):
        return None


def _guess(data: bytes) -> DecodedText:
    """Not UTF-8: mostly-ASCII text is cp1252 (its few high bytes are smart quotes and
    accents); otherwise ask charset-normalizer, still preferring cp1252 to its Latin guesses."""
    sample = data[:200_000]
    high = sum(1 for byte in sample if byte >= 0x80)
    guess = _charset_normalizer_guess(data) if len(sample) >= 40 and high > 0.3 * len(sample) else None
    if guess and not _LATIN_SINGLE_BYTE.match(guess):
        try:
            return DecodedText(data.decode(guess), guess, [f"the text is not UTF-8: guessed {guess} as its encoding"])
        except (UnicodeError, LookupError):
            pass
    try:
        return DecodedText(data.decode("cp1252"), "cp1252", ["the text is not UTF-8: decoded it as cp1252 (Windows Western)"])
    except UnicodeDecodeError:
        return DecodedText(data.decode("latin-1"), "latin-1", ["the text is not UTF-8: decoded it as Latin-1"])


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:
        return None
    return best.encoding if best else None


def _refuse_control_heavy(text: str) -> None:
    """A text where control characters are common is a binary that happened to decode."""
    sample = text[:65536]
    if not sample:
        return
    controls = len(_CONTROL_CHARS.findall(sample))
    if controls > 0.05 * len(sample) + 8:
        raise UnreadableInput("this is a binary file (it is full of control characters), not a text")
