"""Building the characters and their mentions from the names judged to be characters.

Why this module: once every name has its verdict (``name_verdicts``), turning the
character names into people is its own job: ``aliases.cluster_forms`` groups the name
forms, ``gender`` votes per form, and then each use is placed: a title written alone
("the General") goes to the one character titled so nearby or is a person of its own,
a given name two people share goes to the one named last nearby, and a known name in
capitals ("JONATHAN HARKER") is a mention of that character. Each character also gets
its evidence examples.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from functools import lru_cache

from . import gender as gender_rules
from .aliases import Cluster, _wife_form, canonical, cluster_forms, merge_into
from .lexicon import word_list
from .model import Character, Evidence, Mention
from .name_evidence import NameEvidence, QuoteIndex
from .name_verdicts import FAMILY, Verdict, is_character, kb_character
from .names import Occurrence, given_names, title_genders


def build_characters(text: str, occurrences: list[Occurrence], verdicts: dict[str, Verdict | None],
                     evidence: dict[str, NameEvidence], quotes: QuoteIndex) -> tuple[list[Character], list[Mention]]:
    chosen = [o for o in occurrences if not o.embedded_in and is_character(verdicts.get(o.name))
              and not _INDEFINITE_BEFORE.search(text, max(0, o.start - 12), o.start)]
    bare_titles = [o for o in chosen if verdicts[o.name].detail == "title" and not o.title]
    chosen = [o for o in chosen if verdicts[o.name].detail != "title"]
    for occ in chosen + bare_titles:  # "the Hatter": the article is part of such a name
        verdict = verdicts[occ.name]
        if verdict and verdict.detail in ("article", "title") and occ.article and occ.article_start is not None:
            occ.name = f"{occ.article.lower()} {occ.name}"
            occ.start = occ.name_start = occ.article_start
    form_counts: Counter[str] = Counter(o.form for o in chosen)
    form_gender = _form_genders(text, occurrences, chosen, quotes)
    families = frozenset(name[:-1] for name, v in verdicts.items() if v and v.detail == FAMILY) \
        | frozenset(name[:-2] for name, v in verdicts.items() if v and v.detail == FAMILY and name.endswith("es"))
    clusters = cluster_forms(form_counts, form_gender, families)
    _join_real_names(text, chosen, clusters)
    titled_alone = _bare_titles(text, bare_titles, chosen, clusters)
    title_ids = {id(o) for o in titled_alone}
    chosen = sorted(chosen + titled_alone, key=lambda o: o.start)
    homes = _shared_given_names(chosen, clusters)
    for cluster in clusters:
        cluster.forms = Counter()
    for occ, cluster in zip(chosen, homes):
        cluster.forms[occ.form] += 1
    names = {id(c): canonical(c) for c in clusters if c.forms}
    characters: dict[str, Character] = {}
    mentions: list[Mention] = []
    for occ, cluster in zip(chosen, homes):
        name = names[id(cluster)]
        character = characters.get(name)
        if character is None:
            aliases = sorted(cluster.forms, key=lambda f: (-cluster.forms[f], f))
            character = characters[name] = Character(
                name=name, aliases=aliases, gender=gender_rules.decide(cluster.gender), first_offset=occ.start,
                evidence=_character_evidence(text, cluster, evidence))
        character.mentions += 1
        # "the General", "the Rabbit": a title or a capitalised noun with its article names
        # the person without a proper name
        kind = "title" if id(occ) in title_ids or occ.name.startswith("the ") else "name"
        mentions.append(Mention(occ.start, occ.end, text[occ.start:occ.end], name, kind, "character"))
    ordered = sorted(characters.values(), key=lambda c: (-c.mentions, c.first_offset))
    return ordered, mentions


@lru_cache(maxsize=1)
def _real_name_cue() -> re.Pattern[str]:
    cues = "|".join(re.escape(c) for c in word_list("real_name_cues"))
    return re.compile(rf"\b(?:{cues})\s+(?:is|was)\s+\Z", re.IGNORECASE)


# How far before "her real name is ..." the person it renames may be named.
_REAL_NAME_REACH = 400


def _join_real_names(text: str, chosen: list[Occurrence], clusters: list[Cluster]) -> None:
    """ "Miss Miller ... 'Her real name is Annie P. Miller,' the boy went on": the full name
    after such a phrase is the person named last before it with that surname (the
    surname keeps "whose real name was ..." after a common noun from joining a stranger)."""
    ordered = sorted(chosen, key=lambda o: o.start)
    home_of = {form: c for c in clusters for form in c.forms}
    for index, occ in enumerate(ordered):
        words = occ.form.split()
        if len(words) < 2 or not _real_name_cue().search(text, max(0, occ.start - 30), occ.start):
            continue
        renamed = home_of.get(occ.form)
        for before in reversed(ordered[:index]):
            if occ.start - before.start > _REAL_NAME_REACH:
                break
            home = home_of.get(before.form)
            if home is not None and home is not renamed and words[-1] in home.surnames:
                if renamed is not None:
                    merge_into(home, renamed, clusters)
                    home_of.update({form: home for form in renamed.forms})
                break


# "another Giotto", "a Mrs. Weston only half a mile off", "a Queen Anne front": a name
# right after an indefinite article is a kind of person or thing, not a mention of one.
_INDEFINITE_BEFORE = re.compile(r"(?<![\w'’])(?:[Aa]n?|[Aa]nother)[ \t]+\Z")


# A given name that two characters share goes, at each use, to the one of them named last
# within this many characters before it (else to the person the clustering chose).
_SHARED_GIVEN_NEAR = 2000


def _shared_given_names(chosen: list[Occurrence], clusters: list[Cluster]) -> list[Cluster]:
    """The cluster of each occurrence (in text order).

    The clustering gives one home per form; a bare given name that is the first name of
    two or more characters ("John" with "John Beaver" and "John Andrew") is decided per
    use instead: the candidate mentioned most recently (by any other form, or by the
    same shared name already resolved) within _SHARED_GIVEN_NEAR characters.
    """
    home_of = {form: c for c in clusters for form in c.forms}
    candidates: dict[str, list[Cluster]] = {}
    for form in {o.form for o in chosen}:
        if " " in form or form not in home_of:
            continue
        owners = [c for c in clusters if form in c.given
                  and sum(n for f, n in c.forms.items()
                          if len(f.split()) > 1 and _given_word(f) == form and not _wife_form(f)) >= 2]
        if len(owners) > 1:
            candidates[form] = owners
    last_seen: dict[int, int] = {}
    homes: list[Cluster] = []
    for occ in chosen:
        home = home_of[occ.form]
        owners = candidates.get(occ.form)
        if owners:
            recent = max(owners, key=lambda c: last_seen.get(id(c), -1))
            if occ.start - last_seen.get(id(recent), -10 ** 9) <= _SHARED_GIVEN_NEAR:
                home = recent
        homes.append(home)
        last_seen[id(home)] = occ.start
    return homes


def _given_word(form: str) -> str:
    words = form.split()
    return words[1] if len(words) > 2 and words[0] in title_genders() else words[0]


# A bare title goes to the one character titled so ("Mademoiselle" -> "Mademoiselle Reisz")
# when at least this share of its uses fall within _TITLE_NEAR characters of that name.
_TITLE_NEAR = 5000
_TITLE_NEAR_SHARE = 0.25


def _bare_titles(text: str, bare: list[Occurrence], chosen: list[Occurrence], clusters: list[Cluster]) -> list[Occurrence]:
    """Place the occurrences of a title written alone ("the General", "Mademoiselle").

    Linked to the one character named with that title ("General Ivolgin") when the text
    uses the two interchangeably: a good share of the bare uses fall near a use of the
    full form. Otherwise a title written at least twice with "the" is a person of its
    own ("the General"), also named by the mid-sentence bare title ("Yes, General").
    Anything else is dropped. Returns the occurrences kept; adds their forms to clusters.
    """
    kept: list[Occurrence] = []
    by_title: dict[str, list[Occurrence]] = defaultdict(list)
    for occ in bare:
        by_title[occ.name.split()[-1]].append(occ)
    cluster_of = {form: c for c in clusters for form in c.forms}
    for title, occs in by_title.items():
        named: dict[int, list[int]] = defaultdict(list)
        for o in chosen:
            if o.title == title and o.form in cluster_of:
                named[id(cluster_of[o.form])].append(o.start)
        ranked = sorted(named.items(), key=lambda item: -len(item[1]))
        home = None
        # one titled character, or one named so twice as often as all the others together
        if ranked and len(ranked[0][1]) >= 2 * sum(len(r[1]) for r in ranked[1:]):
            starts = sorted(ranked[0][1])
            near = sum(1 for o in occs if _near(starts, o.start, _TITLE_NEAR))
            if near >= max(1, _TITLE_NEAR_SHARE * len(occs)):
                home = next(c for c in clusters if id(c) == ranked[0][0])
        if home is None:
            with_article = [o for o in occs if o.article]
            if len(with_article) < 2:
                continue
            occs = with_article + [o for o in occs if not o.article and not o.initial]
            home = Cluster()
            clusters.append(home)
        for occ in occs:
            home.forms[occ.form] += 1
            kept.append(occ)
    return kept


def _near(starts: list[int], pos: int, distance: int) -> bool:
    i = bisect.bisect_left(starts, pos)
    return (i < len(starts) and starts[i] - pos <= distance) or (i > 0 and pos - starts[i - 1] <= distance)


_CAPITALS_RUN = re.compile(r"(?<![\w'’])[A-Z][A-Z'’]*\.?(?:[ \t]+[A-Z][A-Z'’]*\.?)*(?![\w'’])")


def capitals_mentions(text: str, story: list[tuple[int, int]], characters: list[Character]) -> list[Mention]:
    """ "JONATHAN HARKER", "MR. VILLARS": a name already found, written in capitals
    (headings, shouting) is a mention of that character. One regex pass over the story;
    the longest run of capitalised words equal to a known form (case aside) wins."""
    forms: dict[str, Character] = {}
    for character in characters:
        for form in (character.name, *character.aliases):
            letters = sum(ch.isalpha() for ch in form)
            if letters >= 3 and form.split()[-1] not in title_genders():
                forms.setdefault(form.upper(), character)
    found: list[Mention] = []
    if not forms:
        return found
    for start, end in story:
        for match in _CAPITALS_RUN.finditer(text, start, end):
            words = [(m.start(), m.end()) for m in re.finditer(r"\S+", match.group())]
            base = match.start()
            i = 0
            while i < len(words):
                for j in range(len(words), i, -1):
                    w_start, w_end = base + words[i][0], base + words[j - 1][1]
                    written = " ".join(text[w_start:w_end].split())
                    if written.endswith(("'S", "’S")):  # "HARKER'S"
                        written, w_end = written[:-2], w_end - 2
                    character = forms.get(written) or forms.get(written.rstrip("."))
                    if character and any(ch.isupper() for ch in written[1:]) and len(written) > 2:
                        if written.endswith(".") and written.rstrip(".") in forms:
                            w_end -= 1
                        found.append(Mention(w_start, w_end, text[w_start:w_end], character.name, "name", "character"))
                        character.mentions += 1
                        i = j
                        break
                else:
                    i += 1
    return found


def _form_genders(text: str, occurrences: list[Occurrence], chosen: list[Occurrence],
                  quotes: QuoteIndex) -> dict[str, Counter[str]]:
    """Per form: title votes (3), given-name vote (2, once), pronoun votes (1 each)."""
    ordered = [o for o in occurrences if not o.embedded_in]
    pronouns = gender_rules.pronoun_votes(text, ordered, quotes)
    chosen_ids = {id(o) for o in chosen}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for index, occ in enumerate(ordered):
        if id(occ) not in chosen_ids:
            continue
        title = gender_rules.title_vote(occ.title)
        if title:
            votes[occ.form][title] += 3
        if index in pronouns:
            votes[occ.form][pronouns[index]] += 1
    for form in {o.form for o in chosen}:
        bare = form.split(" ", 1)[1] if form.split()[0] in title_genders() and " " in form else form
        given = gender_rules.given_name_vote(bare)
        if given:
            votes[form][given] += 2
    return votes


def _character_evidence(text: str, cluster: Cluster, evidence: dict[str, NameEvidence]) -> list[Evidence]:
    """Up to four examples of the people-only signals, then the weaker kinds: the NER
    model's PERSON, a known given name, he/she after the name (with their counts)."""
    found: list[Evidence] = []
    pronouns = 0
    for form in sorted(cluster.forms, key=lambda f: -cluster.forms[f]):
        words = form.split()
        bare = " ".join(words[1:]) if len(words) > 1 and (words[0] in title_genders() or words[0] in ("the", "The")) \
            else form
        if words[0] in given_names() and not any(e.signal == "given name" for e in found):
            found.append(Evidence("given name", words[0], source="kb"))
        elif kb_character(bare) and not any(e.signal == "known character name" for e in found):
            found.append(Evidence("known character name", bare, source="kb"))
        ev = evidence.get(bare)
        if not ev:
            continue
        pronouns += ev.pronoun
        for signal, (start, end) in ev.examples.items():
            if len(found) >= 4 or any(e.signal == signal for e in found):
                continue
            found.append(Evidence(signal, text[start:end], start, end))
        for label, count in ev.ner.items():
            if label == "PERSON" and not any(e.signal == "ner PERSON" for e in found):
                found.append(Evidence("ner PERSON", weight=float(count)))
    if pronouns:
        found.append(Evidence("he/she after the name", weight=float(pronouns)))
    signals = [e.signal for e in found]
    strong = [e for e in found if e.signal not in ("given name", "known character name", "ner PERSON",
                                                   "he/she after the name")]
    weak = [e for e in found if e not in strong]
    return strong + sorted(weak, key=lambda e: signals.index(e.signal))
