"""LitBank quotations: quote detection and speaker accuracy on 100 novel excerpts.

Data (Bamman et al., CC BY 4.0): ``quotations/tsv/<work>.ann`` holds QUOTE rows (id,
start sentence, start token, end sentence, end token, text) and ATTRIB rows (quote id
-> speaker entity id such as ``Winnie_Verloc-3``); ``quotations/tsv/<work>.txt`` is
the text, one tokenised sentence per line; ``coref/tsv/<work>.ann`` links mention ids
to entity ids, and its MENTION rows give each mention's text and PROP/NOM/PRON type.

The text is rebuilt from tokens by ``litbank_text`` (punctuation, clitics and quote
marks re-attached, each token's character span kept). Single quote marks are
re-attached like double ones (open/close state tracked, plural possessives and elisions
told apart): without that, the works that quote dialogue with single marks (Wuthering
Heights, North and South, Oliver Twist) reached ficlens as ``' Mr. Heathcliff ? '``,
spaced marks that no reader takes for quotes. LitBank keeps no paragraph breaks, so
a sentence that opens with a quotation mark (or a dash, in a dash-dialogue work), or
follows a sentence ending inside a closed quote, starts a new paragraph (dialogue is
paragraphed by turn in these novels; the second rule is measured on PDNC, see
``litbank_text``) and the other sentences follow the one before on the same line, as
in print. The guess is
imperfect (narration after a line of dialogue joins its paragraph), which costs the
attribution some accuracy.

A predicted speaker is right when its name or an alias (case-insensitive) equals a
proper-name (PROP) mention of the gold entity in the coreference data, or equals one of
its common-noun (NOM) mentions with the leading determiner dropped ("the boy" for
``The_boy-1`` whose mentions include "the boy"), or contains a proper-name mention of
two words or more whole ("Reverend Mr. Kronborg" for "Mr. Kronborg"; "Mr. Bennet"
does not contain "Mrs. Bennet"). Only for a gold entity with no proper-name mention at
all is the speaker id itself used: right when the predicted description is the
start of the id's phrase ("the youngest" for ``the_youngest_of_the_gang-46``), or a
capitalised word of the predicted name that is not a title ("Mrs.", "Captain")
appears in the id (``Captain_John_Good___RN-7`` -> {captain, john, good}). (An earlier rule used the id
words for every entity and counted titles and articles: "Mr. Bennet" was right for
``Mrs_Bennet-7``, "Emma McChesney" for ``Jock_McChesney-22``, "the doctor" for
``the_nurse-15``.) First person: the gold entity the
narration itself calls "I" (the entity with the most first-person pronoun mentions
outside the gold quotations, at least five, and at least a quarter of its mentions
first-person pronouns) is the narrator; a prediction of the analysis's narrator
(``analysis.narrator``, named or the "Narrator" character) is right for its quotes,
and only for them. Gold quotes no predicted quote overlaps count as wrong; detection
precision/recall are by character overlap.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..names import title_genders
from .litbank_text import CLOSE_MARKS, OPEN_MARKS, detokenize, line_spans, paragraph_breaks, read_tokenised

@dataclass(slots=True)
class Work:
    name: str
    text: str
    paragraphs: list[tuple[int, int]]
    quotes: list[tuple[int, int, str | None]]  # start, end (inside the marks), speaker id
    proper_names: dict[str, set[str]] = field(default_factory=dict)
    nominal_names: dict[str, set[str]] = field(default_factory=dict)
    narrator: str | None = None  # the gold entity the narration calls "I"


def load_work(ann: Path, coref_dir: Path) -> Work:
    lines = read_tokenised(ann.with_suffix(".txt"))
    rebuilt = detokenize(lines, paragraph_breaks(lines))
    text, spans = rebuilt.text, rebuilt.token_spans
    attrib: dict[str, str] = {}
    rows = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if cells[0] == "QUOTE" and len(cells) >= 6:
            rows.append(cells)
        elif cells[0] == "ATTRIB" and len(cells) >= 3:
            attrib[cells[1]] = cells[2]
    quotes = []
    for cells in rows:
        try:
            s1, t1, s2, t2 = (int(c) for c in cells[2:6])
            start, end = spans[(s1, t1)][0], spans[(s2, t2)][1]
        except (ValueError, KeyError):
            continue
        while start < end and (text[start] in OPEN_MARKS or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in CLOSE_MARKS or text[end - 1].isspace()):
            end -= 1
        quotes.append((start, end, attrib.get(cells[1])))
    work = Work(ann.stem, text, line_spans(text), quotes)
    work.proper_names, work.nominal_names = _mention_names(coref_dir / ann.name)
    work.narrator = _narrator_entity(coref_dir / ann.name, spans, quotes)
    return work


_FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})


def _narrator_entity(coref: Path, spans: dict[tuple[int, int], tuple[int, int]],
                     quotes: list[tuple[int, int, str | None]]) -> str | None:
    """The entity whose first-person pronoun mentions outside the gold quotations are
    the most (at least 5, and at least a quarter of all its mentions: a narrator the
    others address a lot, "Watson" and "you" in The Hound of the Baskervilles, has
    fewer than a third)."""
    if not coref.exists():
        return None
    first_outside: dict[str, int] = {}
    pronoun_at: dict[str, bool] = {}
    total: dict[str, int] = defaultdict(int)
    quote_spans = sorted((s, e) for s, e, _ in quotes)
    for line in coref.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if cells[0] == "MENTION" and len(cells) >= 7:
            try:
                start = spans[(int(cells[2]), int(cells[3]))][0]
            except (ValueError, KeyError):
                continue
            inside = any(s - 1 <= start < e + 1 for s, e in quote_spans)
            pronoun_at[cells[1]] = cells[6].strip().lower() in _FIRST_PERSON and not inside
        elif cells[0] == "COREF" and len(cells) >= 3:
            total[cells[2]] += 1
            if pronoun_at.get(cells[1]):
                first_outside[cells[2]] = first_outside.get(cells[2], 0) + 1
    if not first_outside:
        return None
    entity = max(first_outside, key=lambda e: first_outside[e])
    count = first_outside[entity]
    return entity if count >= 5 and count * 4 >= total[entity] else None


_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "their", "my", "your", "our", "its"})


def _mention_names(coref: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """entity id -> its proper-name mention strings, and -> its common-noun mention
    strings without a leading determiner (lower case, detokenised)."""
    if not coref.exists():
        return {}, {}
    mentions: dict[str, tuple[str, str]] = {}
    entity_of: dict[str, str] = {}
    for line in coref.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if cells[0] == "MENTION" and len(cells) >= 9 and cells[8] in ("PROP", "NOM"):
            mentions[cells[1]] = (cells[8], re.sub(r"\s+([.,'’])", r"\1", cells[6]).lower())
        elif cells[0] == "COREF" and len(cells) >= 3:
            entity_of[cells[1]] = cells[2]
    proper: dict[str, set[str]] = defaultdict(set)
    nominal: dict[str, set[str]] = defaultdict(set)
    for mention_id, entity in entity_of.items():
        if mention_id in mentions:
            kind, name = mentions[mention_id]
            if kind == "PROP":
                proper[entity].add(name)
            else:
                nominal[entity].add(_without_determiner(name))
    return proper, nominal


def _without_determiner(name: str) -> str:
    first, _, rest = name.partition(" ")
    return rest if rest and first in _DETERMINERS else name


def _id_words(speaker_id: str) -> set[str]:
    base = speaker_id.rsplit("-", 1)[0]
    return {w.lower() for w in re.split(r"[_\s.]+", base) if len(w) >= 3}


def _name_words(original: str) -> set[str]:
    """Capitalised words of the predicted name (as written) that are not titles."""
    titles = {t.lower().rstrip(".") for t in title_genders()}
    words = {w.strip(".,") for w in original.split() if w[:1].isupper()}
    return {w.lower() for w in words if len(w) >= 3 and w.lower() not in titles}


def _is_right(predicted: str | None, aliases: set[str], gold: str | None, work: Work, narrator: str | None = None) -> bool:
    if not predicted or not gold:
        return False
    if narrator is not None and predicted == narrator and gold == work.narrator:
        return True
    names = {predicted.lower(), *aliases}
    if names & work.proper_names.get(gold, set()):
        return True
    if {_without_determiner(n) for n in names} & work.nominal_names.get(gold, set()):
        return True
    proper = work.proper_names.get(gold, set())
    if proper:
        return any(_contains_name(n, p) for n in names for p in proper if len(p.split()) >= 2)
    described = _without_determiner(predicted.lower()).split()
    id_phrase = _without_determiner(" ".join(gold.rsplit("-", 1)[0].lower().replace("_", " ").split())).split()
    return id_phrase[:len(described)] == described or bool(_name_words(predicted) & _id_words(gold))


def _contains_name(predicted: str, proper: str) -> bool:
    """'reverend mr. kronborg' contains the whole name 'mr. kronborg' (word for word)."""
    return f" {proper} " in f" {predicted} "


def _score(work: Work, analysis) -> dict[str, int]:
    from ..model import Chapter, Document, Paragraph  # noqa: F401

    predicted = [q for q in analysis.quotes if q.kind in ("speech", "thought", "written")]
    aliases = {c.name: {a.lower() for a in c.aliases} for c in analysis.characters}
    counts = {"gold": 0, "attributed_gold": 0, "right": 0, "found": 0, "predicted": len(predicted), "pred_matched": 0}
    matched: set[int] = set()
    for start, end, speaker in work.quotes:
        counts["gold"] += 1
        votes: dict[str | None, int] = defaultdict(int)
        for q in predicted:
            overlap = min(end, q.end) - max(start, q.start)
            if overlap > 0:
                votes[q.speaker] += overlap
                matched.add(id(q))
        if votes:
            counts["found"] += 1
        if speaker:
            counts["attributed_gold"] += 1
            guess = max(votes, key=lambda s: votes[s]) if votes else None
            counts["right"] += int(_is_right(guess, aliases.get(guess or "", set()), speaker, work, analysis.narrator))
    counts["pred_matched"] = sum(1 for q in predicted if id(q) in matched)
    return counts


def run(path: Path, *, limit: int | None = None, as_json: bool = False) -> int:
    from ..model import Chapter, Document, Paragraph
    from ..pipeline import Pipeline

    folder = path / "quotations" / "tsv"
    anns = sorted(p for p in folder.glob("*.ann") if p.stat().st_size > 0)
    anns = anns[:limit] if limit else anns
    pipeline = Pipeline()
    total: dict[str, int] = defaultdict(int)
    rows = {}
    seconds = 0.0
    for ann in anns:
        work = load_work(ann, path / "coref" / "tsv")
        if not work.quotes:
            continue
        paragraphs = [Paragraph(s, e) for s, e in work.paragraphs]
        document = Document(work.text, "txt", path=str(ann),
                            chapters=[Chapter(1, None, 0, len(work.text), paragraphs)])
        started = time.perf_counter()
        analysis = pipeline.run(document)
        seconds += time.perf_counter() - started
        counts = _score(work, analysis)
        rows[work.name] = counts
        for key, value in counts.items():
            total[key] += value
    figures = _figures(total)
    figures["seconds"] = round(seconds, 2)
    if as_json:
        print(json.dumps({"benchmark": "litbank-quotes", "overall": figures,
                          "works": {n: _figures(c) for n, c in rows.items()}}, indent=2))
        return 0
    print("LitBank quotations, end to end (ficlens finds its own quotes and characters)")
    print(f"{'work':48} {'quotes':>6} {'P':>6} {'R':>6} {'spk acc':>8}")
    for name, counts in [*rows.items(), ("OVERALL", total)]:
        f = _figures(counts)
        print(f"{name[:48]:48} {counts['gold']:6d} {_fmt(f['precision'])} {_fmt(f['recall'])} {_fmt(f['speaker_accuracy']):>8}")
    print(f"pipeline seconds: {seconds:.1f}")
    return 0


def _figures(counts: dict[str, int]) -> dict[str, float | None]:
    precision = counts["pred_matched"] / counts["predicted"] if counts["predicted"] else None
    recall = counts["found"] / counts["gold"] if counts["gold"] else None
    return {
        "quotes": counts["gold"],
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision and recall else None,
        "speaker_accuracy": counts["right"] / counts["attributed_gold"] if counts["attributed_gold"] else None,
    }


def _fmt(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"
