"""Deciding, per name, what it is: a character, a place, not a character, or nothing.

Why this module: the characters stage makes every decision per NAME over the whole
document. This is that decision, apart from the stage's flow and from building the
results: the evidence totals of ``name_evidence`` (plus he/she votes and verb forms)
weighed by :func:`decide`, the spaCy NER model's vote on names left undecided or weak
(:func:`ner_votes`), and the corrections that look across names (families, plurals,
abbreviated places). The result is one :class:`Verdict` per name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from . import gender as gender_rules
from . import places as place_rules
from .lexicon import word_set
from .name_evidence import NameEvidence, QuoteIndex
from .names import Occurrence, given_names, is_not_name_word, title_genders, verb_stem

# Names with weaker evidence than this (on the winning side) get the NER model's vote.
_NER_THRESHOLD = 2.0
_NER_CONTEXTS_PER_NAME = 2
_NER_MAX_NAMES = 300
_EMBEDDED = "part of a place name"
FAMILY = "a family: a group, not one person"
_GROUP = "a plural: a group, not one person"
_VERB = "a word the text uses as a verb"
_COMMON = "a common word, also written in lower case, with no person evidence"
_PEOPLE = "a people, faith or party (the NER model's NORP), with no person evidence"
_NO_PERSON = "no person evidence"
# "the Hatter said", "the Auror nodded": a capitalised noun with "the" is one being only
# when this share of its uses at least has a speech verb, vocative, possessive or person verb.
_ARTICLE_PERSON_SHARE = 0.15


@dataclass(slots=True)
class Verdict:
    """What one name is: "character", "place" (with kind), or "non" (with reason)."""

    what: str
    detail: str | None = None


# ---------------------------------------------------------------- decisions


def pronoun_evidence(text: str, occurrences: list[Occurrence], evidence: dict[str, NameEvidence],
                     quotes: QuoteIndex) -> None:
    """ "Agnes was still handsome ... she": a he/she after the name is (weak) person evidence."""
    ordered = [o for o in occurrences if not o.embedded_in]
    for index in gender_rules.pronoun_votes(text, ordered, quotes):
        evidence[ordered[index].name].pronoun += 1


def verb_forms(evidence: dict[str, NameEvidence], verbs: frozenset[str]) -> None:
    """ "Apparating" when the text has "she Apparated", "Accio" beside "he Accio'd": a
    one-word name sharing its stem with a capitalised verb is that verb (or its noun)."""
    stems = {verb_stem(v) for v in verbs}
    for name, ev in evidence.items():
        if " " not in name and (name in verbs or verb_stem(name) in stems):
            ev.verb_form = True


def decide(name: str, ev: NameEvidence, lower: Counter[str] | None = None) -> Verdict | None:
    """Character, place, not-a-character, or None (not a name at all / undecided later)."""
    words = name.split()
    low = name.lower()
    if ev.embedded == ev.count:
        return Verdict("non", _EMBEDDED)
    acting = _strong_person(ev) + ev.person_verb
    if (ev.verb_use and ev.verb_use * 2 >= acting) or (ev.verb_form and acting == 0):
        return Verdict("non", _VERB)  # "she Flooed", "he Accio'd his wand"
    if len(words) == 1 and ev.article and place_rules.organisation_word(name) and ev.titled == 0:
        return Verdict("non", "organisation")  # "the Ministry", "the Council"
    if len(words) == 1 and ev.article and name in word_set("institution_words", lower=False) and ev.titled == 0:
        return Verdict("non", "organisation")  # "the Church", "the Crown": the institution
    if ev.cited_author and ev.cited_author * 2 >= ev.person_score:
        return Verdict("non", "cited as the author of a song or work")
    if len(words) == 1 and name in word_set("bare_titles", lower=False):
        return Verdict("character", "title")  # "the General": linked or kept in character_mentions._bare_titles
    if len(words) == 1 and (name in title_genders() or low in word_set("kinship_words")):
        return None
    if len(words) == 1 and low in word_set("personal_pronouns"):
        return None  # '"I wanted--" He paused': a pronoun gathers person evidence, yet names no one
    given = words[0] in given_names()
    if len(words) == 1 and is_not_name_word(low) and not given and ev.person_score < 4:
        return None
    if low in word_set("calendar_words") and (0 < ev.calendar >= _strong_person(ev) or ev.person_score + given < 2):
        return None  # "on Sunday"; but "President Sunday said", "Sunday's face": a person
    if len(words) > 1 and words[-1].lower() in word_set("calendar_words") and _strong_person(ev) == 0:
        return None  # "a Christian Sunday", "Easter Monday"
    if len(words) > 2 and words[0] in title_genders() and words[1:3] == ["of", "the"]:
        return Verdict("non", "title of an office")  # "the President of the French Republic"
    if place_rules.organisation(name):
        return Verdict("non", "organisation")
    cue = place_rules.cue_kind(name)
    if cue and len(words) == 1 and ev.titled > ev.article:  # "Mr. Temple", "Mrs. Hall": a surname
        cue = None
    if cue and len(words) == 2 and given and low.split()[1] in word_set("surname_place_words") \
            and ev.article == 0 and ev.place_strong + ev.place_weak == 0:
        cue = None  # "the face of Charlotte Temple": a given name and a surname that is also a place word
    if cue:
        if place_rules.is_bare_cue(name) and ev.article == 0:
            return None
        return Verdict("place", cue)
    if len(words) == 1 and lower is not None and _common_word(name, ev, lower) and not place_rules.gazetteer_kind(name):
        return Verdict("non", _COMMON) if ev.count > ev.initial else None  # "Hope", "Half", "Magic"
    return _not_a_phrase(name, ev, lower, _weigh(name, ev, given))


def _not_a_phrase(name: str, ev: NameEvidence, lower: Counter[str] | None, verdict: Verdict | None) -> Verdict | None:
    """A character verdict on "Dark Magic", "Snow Leopard" (common words) is withdrawn."""
    words = name.split()
    if verdict is None or verdict.what != "character" or len(words) < 2 or lower is None \
            or words[0] in given_names() or not _common_phrase(words, ev, lower) or kb_character(name):
        return verdict
    return Verdict("non", _COMMON) if ev.count > ev.initial else None


def _common_word(name: str, ev: NameEvidence, lower: Counter[str]) -> bool:
    """ "Hope" with "hope" in the text, and fewer than two of the signals people give.

    The lower-case word must be at least half as frequent as the name in mid-sentence:
    one stray "al" does not make the "Al" written a dozen times a common word."""
    lowered = lower.get(name.lower(), 0)
    return lowered > 0 and lowered * 2 >= ev.count - ev.initial - ev.embedded \
        and _strong_person(ev) + ev.person_verb < 2


def _common_phrase(words: list[str], ev: NameEvidence, lower: Counter[str]) -> bool:
    """ "Dark Magic", "Wizard London": every word a common word of the text (or a real
    place), and fewer than two of the signals people give."""
    return _strong_person(ev) + ev.person_verb < 2 and all(
        lower.get(w.lower(), 0) > 0 or (w[:1].isupper() and place_rules.gazetteer_kind(w)) for w in words) \
        and any(lower.get(w.lower(), 0) > 0 for w in words)


def _person_evidence(name: str, ev: NameEvidence) -> bool:
    """Any sign at all that the name is a person's: people-only signals, a person verb,
    a known given name, or the NER model's PERSON. A he/she after the name alone is not
    enough: it is as often about whoever was named before."""
    return _strong_person(ev) + ev.person_verb > 0 or name.split()[0] in given_names() \
        or ev.ner.get("PERSON", 0) > 0 or kb_character(name)


@lru_cache(maxsize=1)
def _kb_aliases() -> frozenset[str]:
    """Every character name form of the knowledge base (all fandoms), as lookup keys."""
    try:
        from .kb import load

        return frozenset(load().characters_by_alias)
    except Exception:  # no knowledge base: no such evidence
        return frozenset()


def kb_character(name: str) -> bool:
    """ "McGonagall": a name form some fandom's canon gives a character (not a month or "He")."""
    from .kb.forms import lower_key

    return name not in word_set("kb_ambiguous_names", lower=False) and lower_key(name) in _kb_aliases()


def _weigh(name: str, ev: NameEvidence, given: bool) -> Verdict | None:
    gaz = place_rules.gazetteer_kind(name)
    person, place = _scores(name, ev, given, gaz)
    named = ev.count - ev.embedded
    if ev.article and ev.article >= named / 2 and not gaz:  # "the Archive", "the Order"
        acting = _strong_person(ev) + ev.person_verb
        if person >= 4 and person > place and acting >= _ARTICLE_PERSON_SHARE * named:
            return Verdict("character", "article")  # "the Hatter said": a being named by a capitalised noun
        return Verdict("place", "other") if place > 0 else Verdict("non", "capitalised common noun")
    if ev.owned and _strong_person(ev) == 0 and not given and place == 0:
        return None  # "her mom's Jeep": a thing
    if (max(person, place) < _NER_THRESHOLD or _initial_only(ev, given, name)) and not ev.ner:
        return Verdict("undecided")
    if person > place and not _person_evidence(name, ev):
        return Verdict("undecided")  # "Accio ... he": pronouns alone; the NER model decides
    if person > place:
        return Verdict("character")
    if place > person:
        return Verdict("place", gaz or _unknown_place_kind(name))
    return Verdict("undecided")


_WORD_SUFFIX = re.compile(r"(?:ly|ize|ise|ous|ful|ness|ment|able|ible)$")


def _initial_only(ev: NameEvidence, given: bool, name: str = "") -> bool:
    """Only ever capitalised where every word is ("Shortly", "Grabbing"): weak as a name.

    A comma after a word that looks like an adverb or adjective at the start of a quote
    ("Awfully, Mrs. Lennox") is no vocative: only a title, a speech verb or a possessive
    speak for such a word (or the NER vote)."""
    if ev.initial != ev.count - ev.embedded or given:
        return False
    if " " not in name and _WORD_SUFFIX.search(name):
        return ev.speech + ev.titled + ev.possessive == 0
    return _strong_person(ev) == 0


def _strong_person(ev: NameEvidence) -> int:
    """Signals only people get: speech verbs, vocatives, titles, possessives."""
    return ev.speech + ev.vocative + ev.titled + ev.possessive


def _unknown_place_kind(name: str) -> str:
    """A place no cue word or gazetteer names: "Le Grillon" (a foreign-article name) is a venue."""
    return "venue" if place_rules.foreign_article_name(name) else "other"


def _scores(name: str, ev: NameEvidence, given: bool, gaz: str | None) -> tuple[float, float]:
    person = ev.person_score + (1.5 if given else 0.0)
    place = ev.place_score
    if gaz:
        place += 0.5 if (given and gaz == "city") else 2.0
    if place_rules.foreign_article_name(name):
        place += 1.0
    ner = ev.ner
    # "at Ottershaw", "from Nuttall" and no person signal at all: the NER's PERSON vote
    # on a small or made-up town must not outweigh what the prepositions say
    person_vote = 0.5 if ev.place_strong + ev.place_weak and not _strong_person(ev) + ev.person_verb else 2.0
    person += person_vote * ner.get("PERSON", 0)
    if not (given and not gaz and ev.place_strong + ev.place_weak == 0):
        # "and also Georgiana wife of the above": the NER model's GPE on a given name that
        # no "in"/"at"/"to" and no gazetteer call a place is a guess from a sentence or two
        place += 1.0 * (ner.get("GPE", 0) + ner.get("LOC", 0) + ner.get("FAC", 0))
    return person, place


def ner_votes(text: str, occurrences: list[Occurrence], evidence: dict[str, NameEvidence],
              verdicts: dict[str, Verdict | None], lower: Counter[str] | None = None) -> None:
    """Ask the NER model about undecided names: ≤2 sentences each, one batch, NER only."""
    pending = [n for n, v in verdicts.items() if v is not None and v.what == "undecided"]
    pending = sorted(pending, key=lambda n: -evidence[n].count)[:_NER_MAX_NAMES]
    if not pending:
        return
    wanted = set(pending)
    samples: dict[str, list[Occurrence]] = defaultdict(list)
    for occ in sorted(occurrences, key=lambda o: o.initial):  # mid-sentence contexts first
        if occ.name in wanted and not occ.embedded_in and len(samples[occ.name]) < _NER_CONTEXTS_PER_NAME:
            samples[occ.name].append(occ)
    contexts: list[tuple[str, int, int, str]] = []
    for name, occs in samples.items():
        for occ in occs:
            start, end = _sentence_window(text, occ)
            contexts.append((text[start:end], occ.name_start - start, occ.end - start, name))
    try:
        from .nlp import load_model

        nlp = load_model()
        keep = {"ner"}
        disabled = [p for p in nlp.pipe_names if p not in keep]
        docs = nlp.pipe((c[0] for c in contexts), disable=disabled, batch_size=256)
        for doc, (_, rel_start, rel_end, name) in zip(docs, contexts):
            label = next((e.label_ for e in doc.ents if e.start_char < rel_end and e.end_char > rel_start), "NONE")
            evidence[name].ner[label] += 1
    except Exception:  # no model: decide without it
        pass
    for name in pending:
        verdicts[name] = _not_a_phrase(name, evidence[name], lower, _after_ner(name, evidence[name], lower))


def _after_ner(name: str, ev: NameEvidence, lower: Counter[str] | None = None) -> Verdict | None:
    given = name.split()[0] in given_names()
    gaz = place_rules.gazetteer_kind(name)
    person, place = _scores(name, ev, given, gaz)
    if ev.ner.get("NORP", 0) > ev.ner.get("PERSON", 0) and not _strong_person(ev) + ev.person_verb:
        return Verdict("non", _PEOPLE)  # "the Christian era", "a devoted Christian": a faith, not a man
    if _initial_only(ev, given, name) and not ev.ner.get("PERSON") and not gaz and place < _NER_THRESHOLD:
        return None
    if place >= person > 0 and not _strong_person(ev) + ev.person_verb:  # "at Chichester", NER unsure
        return Verdict("place", gaz or _unknown_place_kind(name))
    if person > place and not _person_evidence(name, ev):  # "Veritaserum ... she": pronouns alone
        return Verdict("place", gaz or _unknown_place_kind(name)) if place >= 1 else Verdict("non", _NO_PERSON)
    if person > place:
        return Verdict("character")
    if place > person:
        return Verdict("place", gaz or _unknown_place_kind(name))
    if ev.ner.get("ORG", 0) and len(name.split()) > 1:
        return Verdict("non", "organisation")
    if place == 0 and ev.count - ev.initial >= 2 and not is_not_name_word(name) and _ner_allows_person(ev):
        return Verdict("character")  # a name written mid-sentence again and again: in fiction, a person
    return None


def _ner_allows_person(ev: NameEvidence) -> bool:
    """The NER model saw a person at least once, or was not asked.

    A capitalised word repeated mid-sentence with no other evidence is a person only if
    the model doesn't read every sampled context as something else: spells, sports,
    holidays and subjects ("Accio", "Boxing Day", "Disguise") are capitalised too.
    """
    return not ev.ner or ev.ner.get("PERSON", 0) > 0


def _sentence_window(text: str, occ: Occurrence) -> tuple[int, int]:
    lo = max(0, occ.start - 200)
    hi = min(len(text), occ.end + 200)
    start = max(text.rfind(c, lo, occ.start) for c in ".!?\n")
    start = lo if start < 0 else start + 1
    ends = [i for i in (text.find(c, occ.end, hi) for c in ".!?\n") if i >= 0]
    end = min(ends) + 1 if ends else hi
    return start, end


_GROUP_TITLES = frozenset({"Miss", "Misses", "Messrs.", "Messrs"})


def family_groups(occurrences: list[Occurrence], verdicts: dict[str, Verdict | None]) -> None:
    """ "the Crofts", "the Miss Steeles": the plural of someone's surname names a family.

    A one-word name that is the plural of a surname the text gives a person ("Admiral
    Croft", "Mrs. Croft") and is written with "the" or "Miss" is a group, not a character.
    """
    surnames: set[str] = set()
    grouped: set[str] = set()
    for occ in occurrences:
        words = occ.name.split()
        if occ.title and occ.title not in _GROUP_TITLES or len(words) > 1:
            surnames.add(words[-1])
        if len(words) == 1 and (occ.article or occ.title in _GROUP_TITLES):
            grouped.add(occ.name)
    for name in grouped:
        verdict = verdicts.get(name)
        if not verdict or verdict.what != "character" or not name.endswith("s"):
            continue
        stems = {name[:-1]} | ({name[:-2]} if name.endswith("es") else set())
        if stems & surnames:
            verdicts[name] = Verdict("non", FAMILY)


def plural_groups(verdicts: dict[str, Verdict | None], evidence: dict[str, NameEvidence]) -> None:
    """ "Gryffindors", "Death Eaters", "the Aurors", "the Traces": plurals name groups.

    A name whose last word is the plural of another name in the text ("Auror" ->
    "Aurors") is a group, unless it is titled ("Mr. Evans") or its singular is a given
    name and it is not written with "the" ("Evans" beside "Evan"). A plural with "the"
    in most of its uses and no given name in it ("the Traces") is a group too. The plural
    of a surname that ends a longer name ("the Weasleys" and "Ron Weasley") is a family.
    """
    surnames = {name.split()[-1] for name in evidence if " " in name}
    for name, verdict in list(verdicts.items()):
        if not verdict or verdict.detail == "title" or not (
                verdict.what == "character" or verdict.detail == "capitalised common noun"):
            continue
        last = name.split()[-1]
        if len(last) < 4 or not last.endswith("s") or last.endswith(("ss", "us", "is", "'s", "’s")):
            continue
        ev = evidence[name]
        if ev.titled:
            continue
        stems = [name[:-1]]
        if name.endswith("es") and name[:-2].endswith(("s", "x", "z", "ch", "sh")):
            stems.append(name[:-2])
        if name.endswith("ies"):
            stems.append(name[:-3] + "y")
        named = ev.count - ev.embedded
        with_article = ev.article >= max(1, named / 2)
        given = name.split()[0] in given_names()
        known = [s for s in stems if s in evidence and evidence[s].count > evidence[s].embedded]
        if known and (with_article or not any(k.split()[0] in given_names() for k in known)):
            verdicts[name] = Verdict("non", FAMILY if set(known) & surnames else _GROUP)
        elif with_article and not given and " " not in name:
            verdicts[name] = Verdict("non", _GROUP)


# A surname carried with a personal title ("Mr. Woodhouse", "Miss Woodhouse") at least
# this many times is a family's name.
_TITLED_SURNAME = 2


def person_surnames(verdicts: dict[str, Verdict | None], evidence: dict[str, NameEvidence]) -> None:
    """ "faults in Emma Woodhouse": a known given name before a surname the text gives to
    titled people is a person, whatever a stray preposition or the NER model said.

    Only names left undecided or judged so for want of evidence, never one in the
    gazetteer ("Victoria Falls" keeps its verdict)."""
    for name, verdict in list(verdicts.items()):
        words = name.split()
        if len(words) != 2 or words[0] not in given_names() or not _overridable(verdict):
            continue
        surname = evidence.get(words[1])
        if surname is None or surname.titled < _TITLED_SURNAME or place_rules.gazetteer_kind(name):
            continue
        ev = evidence[name]
        if ev.count - ev.embedded > 0 and is_character(verdicts.get(words[1])):
            verdicts[name] = Verdict("character")


def _overridable(verdict: Verdict | None) -> bool:
    """Undecided, an unknown kind of place, or "not a character" for want of evidence."""
    if verdict is None or verdict.what == "undecided":
        return True
    if verdict.what == "place":
        return verdict.detail == "other"
    return verdict.what == "non" and verdict.detail in (_NO_PERSON, _COMMON, _VERB)


# "Belgravian square", "Cornish miners", "Gothic library", "Alpine heights", "Jacobean
# chairs", "Northern sky": the endings of adjectives made from places, peoples and compass
# points; "the metropolis of Calvinism": a doctrine.
_ADJECTIVE_ENDING = re.compile(r"(?:ian|ean|ish|ese|ic|ine|(?:north|south|east|west)ern|ism)$", re.IGNORECASE)


def adjective_places(verdicts: dict[str, Verdict | None]) -> None:
    """A one-word "place" that neither a cue word nor the gazetteer names and that ends like
    an adjective ("Belgravian", "Cornish", "Gothic", "Northern") or a doctrine ("Calvinism")
    is that word: no place name. Real
    places with such endings ("Atlantic", "Adriatic") are in the gazetteer, and people's
    names ("Julian", "Dominic") are never judged places here."""
    for name, verdict in list(verdicts.items()):
        if verdict is not None and verdict.what == "place" and verdict.detail in ("other", "venue") \
                and " " not in name and _ADJECTIVE_ENDING.search(name) and name not in given_names() \
                and not place_rules.gazetteer_kind(name):
            verdicts[name] = None


def plural_places(verdicts: dict[str, Verdict | None]) -> None:
    """ "came across the Wilcoxes": a "place" (no cue word, no gazetteer) that is the plural
    of a person's name in the text is that person's family, not a place."""
    for name, verdict in list(verdicts.items()):
        if verdict is None or verdict.what != "place" or verdict.detail != "other" or " " in name \
                or not name.endswith("s") or place_rules.gazetteer_kind(name):
            continue
        stems = [name[:-1]] + ([name[:-2]] if name.endswith("es") else [])
        if any(is_character(verdicts.get(stem)) for stem in stems):
            verdicts[name] = Verdict("non", FAMILY)


# "Ottershaw and Chertsey", "Lapland, Siberia, Spitzbergen", "Sonora or Arizona": the gap
# between two names of one list.
_LIST_GAP = re.compile(r"\s*,\s*(?:(?:and|or|nor)\s+)?|\s+(?:and|or|nor)\s+")


def coordinated_places(text: str, occurrences: list[Occurrence], verdicts: dict[str, Verdict | None],
                       evidence: dict[str, NameEvidence]) -> None:
    """ "Down below were Ottershaw and Chertsey", "between Sonora and Arizona": a name listed
    beside a place is a place too, when nothing in the text says it is a person (no
    speech verb, vocative, title, possessive or person verb, no given name, no canon
    character). One pass over the occurrences in text order; a second pass lets the
    places found so carry along the rest of a list ("Grimpen, Thorsley, and High Barrow")."""
    ordered = sorted((o for o in occurrences if not o.embedded_in), key=lambda o: o.start)
    for _ in range(2):
        for left, right in zip(ordered, ordered[1:]):
            if not _LIST_GAP.fullmatch(text[left.end:right.start]):
                continue
            for one, other in ((left, right), (right, left)):
                if _listed_place_anchor(other.name, verdicts.get(other.name), evidence[other.name]) \
                        and _may_be_listed_place(one, verdicts, evidence):
                    verdicts[one.name] = Verdict("place", place_rules.gazetteer_kind(one.name)
                                                 or _unknown_place_kind(one.name))


def _listed_place_anchor(name: str, verdict: Verdict | None, ev: NameEvidence) -> bool:
    """A place the text or the world vouches for: a strong place preposition ("in", not
    "at"), a cue word or the gazetteer; a place on the NER model's word alone does not
    carry its list along."""
    return verdict is not None and verdict.what == "place" and bool(
        ev.place_strong or place_rules.cue_kind(name) or place_rules.gazetteer_kind(name))


def _may_be_listed_place(occ: Occurrence, verdicts: dict[str, Verdict | None], evidence: dict[str, NameEvidence]) -> bool:
    """No sign at all of a person, not a plural ("Magyars in the West, and Szekelys"), not
    an abbreviation ("and Co."), and not already judged something else for a reason."""
    ev = evidence[occ.name]
    verdict = verdicts.get(occ.name)
    name = occ.name
    if occ.title or occ.possessive or _strong_person(ev) + ev.person_verb or name.split()[0] in given_names() \
            or is_not_name_word(name.lower()) or kb_character(name) or name.lower() in word_set("calendar_words") \
            or len(name) < 3 or place_rules.organisation_word(name) \
            or (" " not in name and name.endswith("s") and not place_rules.gazetteer_kind(name)):
        return False
    return verdict is None or verdict.what in ("undecided", "character") or (
        verdict.what == "non" and verdict.detail == _NO_PERSON)


_FIRM = "the name of a firm or a lawsuit"


def firm_names(verdicts: dict[str, Verdict | None], evidence: dict[str, NameEvidence]) -> None:
    """ "Jarndyce and Jarndyce" (a lawsuit), "Carston, Waite and Co." (a firm): a "place"
    written so in at least half its uses was read as one only for "in", "of" or "out of"
    before it ("parties in Jarndyce and Jarndyce"); it names a firm or a case."""
    for name, verdict in list(verdicts.items()):
        ev = evidence[name]
        if verdict is not None and verdict.what == "place" and ev.firm and ev.firm * 2 >= ev.count - ev.embedded:
            verdicts[name] = Verdict("non", _FIRM)


def words_not_places(verdicts: dict[str, Verdict | None], evidence: dict[str, NameEvidence]) -> None:
    """ "in the Scripture", "through the Revolution", "the grand programme of Providence": a
    book, an event, the deity (data/not_place_words.txt) is no place, unless the gazetteer
    knows the name and "in"/"into" stands before it ("in Providence, Rhode Island")."""
    for name, verdict in list(verdicts.items()):
        if verdict is not None and verdict.what == "place" and name in word_set("not_place_words", lower=False) \
                and not (place_rules.gazetteer_kind(name) and evidence[name].place_strong):
            verdicts[name] = None


def abbreviated_places(verdicts: dict[str, Verdict | None], evidence: dict[str, NameEvidence]) -> None:
    """ "Aix" for "Aix-en-Provence": the first part of a hyphenated place is that place."""
    heads = {name.split("-")[0]: name for name, v in verdicts.items()
             if v and v.what == "place" and "-" in name and " " not in name}
    for name, verdict in list(verdicts.items()):
        if name in heads and _strong_person(evidence[name]) == 0:
            verdicts[name] = Verdict("alias-of", heads[name])


def is_character(verdict: Verdict | None) -> bool:
    return verdict is not None and verdict.what == "character"
