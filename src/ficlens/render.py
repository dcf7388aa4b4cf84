"""The readable terminal summary of an Analysis.

Fic text is untrusted: it can carry ANSI escape sequences or control characters that
would repaint a terminal. Everything taken from the work passes through :func:`safe`.
"""

from __future__ import annotations

import re
import textwrap

from .model import Analysis

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str | None, limit: int = 160) -> str:
    """One printable line: control characters shown as escapes, long text shortened."""
    if text is None:
        return "-"
    text = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text.replace("\n", " "))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def summary(result: Analysis) -> str:
    doc = result.document
    lines = [f"{safe(doc.title) if doc.title else '(untitled)'}" + (f" by {safe(', '.join(doc.authors))}" if doc.authors else "")]
    lines.append(f"  source: {safe(doc.path)} [{doc.format}], {len(doc.chapters)} chapter(s), {len(doc.text):,} characters")
    status = result.status
    evidence = "; ".join(safe(e.text or e.signal, 60) for e in status.evidence[:3])
    lines.append(f"  status: {status.value}" + (f" ({evidence})" if evidence else "") + ("  [text and site disagree]" if status.conflict else ""))
    lines += _fandom_lines(result)
    if result.pairing:
        lines.append(f"  pairing: {safe(result.pairing.label)} (confidence {result.pairing.confidence:.2f})")
    others = [r for r in result.relationships if r.score > 0 and (not result.pairing or r.label != result.pairing.label)]
    if others:
        lines.append("  relationships: " + safe("; ".join(f"{r.label} ({r.score:.2f})" for r in others[:6]), 200))
    if doc.declared:
        d = doc.declared
        lines.append(f"  declared: fandoms={safe(', '.join(d.fandoms))} relationships={safe(', '.join(d.relationships))} chapters={safe(d.chapters)}")
    lines.append(f"\nauthor's notes ({len(result.author_notes)}):")
    lines += [f"  [{n.kind}] {safe(n.text, 110)}" for n in result.author_notes]
    if result.characters:
        lines.append(f"\ncharacters ({len(result.characters)}):")
        for c in result.characters:
            aliases = ", ".join(a for a in c.aliases if a != c.name)
            lines.append(f"  {safe(c.name, 40)} [{c.gender}] mentions={c.mentions} quotes={c.quotes}" + (f"  aka {safe(aliases, 80)}" if aliases else ""))
    if result.non_characters:
        lines.append(f"\nnot characters ({len(result.non_characters)}):")
        lines += [f"  {safe(n.name, 40)}: {safe(n.reason, 70)}" for n in result.non_characters]
    if result.places:
        lines.append(f"\nplaces ({len(result.places)}):")
        lines += [f"  {safe(p.name, 50)} [{p.kind}] mentions={p.mentions}" for p in result.places]
    lines.append(f"\nquotes ({len(result.quotes)}), not dialogue ({len(result.non_dialogue)}):")
    for q in result.quotes:
        who = q.speaker or "?"
        lines.append(textwrap.shorten(f"  {safe(who, 20):>12} | {q.kind[:7]:7} | {safe(q.text, 300)}", 120))
    for n in result.non_dialogue:
        lines.append(f"  {'—':>12} | {n.kind:7} | {safe(n.text, 90)}")
    return "\n".join(lines)


def _fandom_lines(result: Analysis) -> list[str]:
    """The inferred fandom, or "unknown" with the best guesses; crossovers; a clash with the tags."""
    fandom = result.fandom
    if fandom is None:
        return []
    if fandom.name:
        line = f"  fandom: {safe(fandom.name)} (confidence {fandom.confidence:.2f})"
        if fandom.crossover:
            line += f", crossover with {safe(', '.join(fandom.crossover), 80)}"
    else:
        guesses = ", ".join(f"{safe(g.get('name'), 50)} {g.get('confidence', 0):.2f}" for g in fandom.alternatives[:3])
        line = "  fandom: unknown" + (f" (best guesses: {guesses})" if guesses else "")
    if fandom.agrees_with_declared is False and fandom.name:
        line += "  [differs from the declared fandom]"
    return [line]
