"""A small learned ranker over candidate speakers, for the turns the rules are unsure of.

The rules (``speakers``) decide every turn; where their evidence is weak (a pronoun
tag, the subject of a narration sentence, a vocative, turn-taking, salience) this
ranker re-scores the candidates of the scene: the characters salient before the
turn, the neighbouring turns' speakers, the characters named in the paragraph's
narration or addressed by the previous line, and the rules' own choice. Features
(:func:`features`) are cheap facts about each candidate; the model is a conditional
logit (softmax over one turn's candidates), trained with numpy and shipped as
``models/speaker_ranker.json``. Without that file the rules' choices stand. A speaker
the ranker changes alters its neighbours' features (previous/next speaker), so
``speakers`` reruns it while a pass still changes something (at most a few passes),
its own earlier choices included; training collects the first pass's candidates.

Train (PDNC, gold quote spans and gold character lists; reports leave-x-out folds)::

    python -m ficlens.speaker_ranker train ../shared/bench/pdnc
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from .speakers import _Context
    from .turns import Turn

# Turns whose speaker the rules found from a weak signal: the ranker may overrule them.
RERANKED_SIGNALS = ("pronoun tag", "narrative subject", "vocative", "turn-taking", "same paragraph", "salience", None)
_SIGNAL_FEATURES = RERANKED_SIGNALS[:-1]
FEATURES = (
    "rule_choice",
    *(f"rule_choice*{s}" for s in _SIGNAL_FEATURES),
    "salience_log",
    "salience_rank0",
    "salience_rank1",
    "salience_rank2plus",
    "not_salient",
    "gender_match",
    "gender_mismatch",
    "prev_speaker",
    "prev2_speaker",
    "next_speaker",
    "next2_speaker",
    "prev_vocative",
    "own_vocative",
    "named_in_paragraph",
    "last_named_before_quote",
    "mentions_log",
    "narrator",
    "untagged*prev_speaker",
    "untagged*prev2_speaker",
    "pronoun*prev_speaker",
    "in_conversation",
    "cue_subject",
    "participant",
    "two_party*participant",
    "only_participant_of_pronoun_gender",
    "alternation_same",
    "alternation_other",
)
_ANCHOR_SIGNALS = ("explicit tag", "pronoun tag", "possessive subject", "narrative subject", "vocative")
_MAX_SALIENT = 8
_MODEL_FILE = "models/speaker_ranker.json"


# Evaluation only: the leave-x-out fold whose weights (trained without its novels)
# replace the shipped ones, so a held-out figure never scores a novel the ranker saw.
_held_out_fold: str | None = None


@lru_cache(maxsize=8)
def load_weights(fold: str | None = None) -> list[float] | None:
    """The shipped weights (or one fold's held-out weights); None when the file is
    missing, lacks that fold, or was made for other features."""
    try:
        data = json.loads(resources.files("ficlens").joinpath(_MODEL_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError, ValueError):
        return None
    if tuple(data.get("features", ())) != FEATURES:
        return None
    if fold is None:
        return [float(w) for w in data["weights"]]
    held_out = data.get("held_out", {}).get(fold)
    return [float(w) for w in held_out["weights"]] if held_out else None


@contextmanager
def held_out_weights(fold: str) -> Iterator[None]:
    """Run the pipeline with the weights trained without ``fold``'s novels (evaluation)."""
    global _held_out_fold
    previous, _held_out_fold = _held_out_fold, fold
    try:
        yield
    finally:
        _held_out_fold = previous


def candidates_and_features(
    context: "_Context", talk: Sequence["Turn"], k: int, salience_scores: dict[str, float], mention_counts: dict[str, int]
) -> list[tuple[str, list[float]]]:
    """Each candidate speaker of ``talk[k]`` with its feature vector (order of FEATURES)."""
    turn = talk[k]
    index = context.index
    prev = talk[k - 1].speaker if k >= 1 else None
    prev2 = talk[k - 2].speaker if k >= 2 else None
    nxt = talk[k + 1].speaker if k + 1 < len(talk) else None
    nxt2 = talk[k + 2].speaker if k + 2 < len(talk) else None
    prev_vocatives = talk[k - 1].vocatives if k >= 1 else []
    participants = {t.speaker for t in talk if t.speaker}
    first_quote = context.quotes[turn.quotes[0]]
    cue = context.cues.get(turn.quotes[0])
    pronoun = cue.pronoun if cue is not None and cue.entity is None and cue.pronoun in ("male", "female") else None
    cue_entity = cue.entity if cue is not None else None
    narration = [m for m in index.mentions_between(turn.start, turn.end) if not _inside_quotes(context, turn, m.start)]
    before_quote = [m.entity for m in narration if m.start < first_quote.start]
    named = {m.entity for m in narration}
    ranked = sorted(salience_scores, key=lambda e: -salience_scores[e])
    pool: dict[str, None] = {}
    for entity in (turn.speaker, prev, prev2, nxt, nxt2, *prev_vocatives, *named, *ranked[:_MAX_SALIENT], context.narrator):
        if entity:
            pool.setdefault(entity, None)
    untagged = cue is None
    people = context.participants.get(id(talk[0]), [])
    same_gender = [e for e in people if pronoun is not None and index.gender(e) == pronoun and e not in turn.vocatives]
    anchors = [j for j, t in enumerate(talk) if j != k and t.speaker and t.signal in _ANCHOR_SIGNALS]
    anchor = min(anchors, key=lambda j: (abs(j - k), j > k)) if anchors else None
    anchor_speaker = talk[anchor].speaker if anchor is not None else None
    even = anchor is not None and (k - anchor) % 2 == 0
    for entity in people[:_MAX_SALIENT]:
        pool.setdefault(entity, None)
    rows = []
    for entity in pool:
        rank = ranked.index(entity) if entity in salience_scores else -1
        gender = index.gender(entity)
        rule = entity == turn.speaker
        is_prev, is_prev2 = entity == prev, entity == prev2
        values = [
            rule,
            *(rule and turn.signal == s for s in _SIGNAL_FEATURES),
            math.log1p(salience_scores.get(entity, 0.0)),
            rank == 0,
            rank == 1,
            rank >= 2,
            rank < 0,
            pronoun is not None and gender == pronoun,
            pronoun is not None and gender in ("male", "female") and gender != pronoun,
            is_prev,
            is_prev2,
            entity == nxt,
            entity == nxt2,
            entity in prev_vocatives,
            entity in turn.vocatives,
            entity in named,
            bool(before_quote) and before_quote[-1] == entity,
            math.log1p(mention_counts.get(entity, 0)),
            entity == context.narrator,
            untagged and is_prev,
            untagged and is_prev2,
            pronoun is not None and is_prev,
            entity in participants,
            cue_entity == entity,
            entity in people,
            len(people) == 2 and entity in people,
            len(same_gender) == 1 and same_gender[0] == entity,
            anchor_speaker is not None and even and entity == anchor_speaker,
            anchor_speaker is not None and not even and entity != anchor_speaker and entity in people,
        ]
        rows.append((entity, [float(v) for v in values]))
    return rows


def _inside_quotes(context: "_Context", turn: "Turn", offset: int) -> bool:
    return any(context.quotes[i].start <= offset < context.quotes[i].end for i in turn.quotes)


def score(weights: Sequence[float], values: Sequence[float]) -> float:
    return sum(w * v for w, v in zip(weights, values))


def rerank(context: "_Context", talks: Sequence[Sequence["Turn"]], salience_factory, weights: Sequence[float] | None = None) -> int:
    """Overrule the rules' weak choices (and an earlier pass's own) where the ranker
    prefers another candidate; returns how many speakers changed."""
    weights = weights if weights is not None else load_weights(_held_out_fold)
    if weights is None:
        return 0
    counts = mention_counts(context)
    salience = salience_factory()
    changes = []
    for talk in talks:
        for k, turn in enumerate(talk):
            if turn.signal in RERANKED_SIGNALS or turn.signal == "ranker":
                rows = candidates_and_features(context, talk, k, salience.scores(turn.start), counts)
                if rows:
                    scores = [score(weights, values) for _, values in rows]
                    top = max(range(len(rows)), key=lambda i: scores[i])
                    total = sum(math.exp(s - scores[top]) for s in scores)
                    changes.append((turn, rows[top][0], 1.0 / total))
            if turn.speaker:
                salience.add(turn.start, turn.speaker)
    changed = 0
    for turn, entity, probability in changes:
        if entity != turn.speaker:
            turn.speaker, turn.signal = entity, "ranker"
            changed += 1
        turn.ranker_probability = round(probability, 3)
    return changed


def mention_counts(context: "_Context") -> dict[str, int]:
    counts: dict[str, int] = {}
    for mention in context.index.names:
        counts[mention.entity] = counts.get(mention.entity, 0) + 1
    return counts


# ---------------------------------------------------------------- training


def _examples(folder: Path) -> list[tuple[list[list[float]], int]]:
    """(candidate feature rows, index of the gold speaker) for each reranked turn of one novel."""
    from .evaluation import pdnc
    from .pipeline import load
    from . import speakers

    novel = pdnc.load_novel(folder)
    quotes = pdnc.gold_quotes(novel)
    characters = pdnc.gold_characters(novel)
    paragraphs = [(p.start, p.end) for p in load(novel.text, is_text=True).paragraphs()]
    collected: list[tuple[list[list[float]], int]] = []

    def collect(context, talks, salience_factory):
        counts = mention_counts(context)
        salience = salience_factory()
        for talk in talks:
            for k, turn in enumerate(talk):
                if turn.signal in RERANKED_SIGNALS:
                    gold = novel.quotes[quotes[turn.quotes[0]].group].speaker
                    rows = candidates_and_features(context, talk, k, salience.scores(turn.start), counts)
                    names = [e for e, _ in rows]
                    if gold in names:
                        collected.append(([v for _, v in rows], names.index(gold)))
                if turn.speaker:
                    salience.add(turn.start, turn.speaker)

    speakers.attribute_speakers(novel.text, quotes, characters, paragraphs=paragraphs, narrator=novel.narrator,
                                _ranker_hook=collect)
    return collected


def fit(examples: list[tuple[list[list[float]], int]], *, l2: float = 0.01, steps: int = 400, rate: float = 0.5) -> list[float]:
    """Conditional logit by full-batch gradient descent (numpy)."""
    import numpy as np

    width = len(FEATURES)
    rows = np.array([v for cands, _ in examples for v in cands], dtype=float)
    group = np.concatenate([np.full(len(c), i) for i, (c, _) in enumerate(examples)])
    offsets = np.cumsum([0] + [len(c) for c, _ in examples])
    gold_rows = np.array([offsets[i] + g for i, (_, g) in enumerate(examples)])
    scale = np.maximum(np.abs(rows).max(axis=0), 1.0)
    x = rows / scale
    w = np.zeros(width)
    n = len(examples)
    for _ in range(steps):
        s = x @ w
        s_max = np.full(n, -np.inf)
        np.maximum.at(s_max, group, s)
        e = np.exp(s - s_max[group])
        z = np.zeros(n)
        np.add.at(z, group, e)
        p = e / z[group]
        grad = x.T @ p - x[gold_rows].sum(axis=0)
        w -= rate * (grad / n + l2 * w)
    return list(w / scale)


def accuracy(weights: Sequence[float], examples: list[tuple[list[list[float]], int]]) -> tuple[float, float]:
    """(ranker top-1, rules' choice) accuracy over examples whose gold is a candidate."""
    right = rule = 0
    for cands, gold in examples:
        scores = [score(weights, v) for v in cands]
        right += max(range(len(cands)), key=lambda i: scores[i]) == gold
        rule += cands[gold][0] == 1.0
    return right / max(1, len(examples)), rule / max(1, len(examples))


def train(path: Path, out: Path | None = None) -> dict:
    from .evaluation import pdnc

    folders = pdnc.novel_folders(path, None)
    per_novel = {f.name: _examples(f) for f in folders}
    report: dict = {"folds": {}}
    for fold, held_out in pdnc._folds(path, list(per_novel)).items():
        train_set = [e for n, ex in per_novel.items() if n not in held_out for e in ex]
        test_set = [e for n in held_out for e in per_novel[n]]
        weights = fit(train_set)
        ranker, rules = accuracy(weights, test_set)
        report["folds"][fold] = {"held_out": held_out, "turns": len(test_set), "ranker": round(ranker, 4), "rules": round(rules, 4),
                                 "weights": [round(w, 6) for w in weights]}
        print(f"{fold}: held-out {len(test_set)} turns, ranker {ranker:.3f} vs rules {rules:.3f}", flush=True)
    weights = fit([e for ex in per_novel.values() for e in ex])
    data = {"features": list(FEATURES), "weights": [round(w, 6) for w in weights], "trained_on": "PDNC (22 novels, gold inputs)",
            "held_out": report["folds"]}  # per fold: weights trained without the held-out novels
    target = out or Path(__file__).parent / _MODEL_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    load_weights.cache_clear()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train", help="train on PDNC and write models/speaker_ranker.json")
    t.add_argument("path", type=Path)
    t.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    train(args.path, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
