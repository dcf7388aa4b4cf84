"""The characters stage: characters with their aliases, names that are not characters, places.

Every decision is made per NAME over the whole document, never per occurrence:

1. ``names.extract`` cuts the story (``analysis.story_spans``: author's notes already cut
   out) into capitalised-name occurrences in one regex pass.
2. ``name_evidence.gather`` sums, per name, what the surrounding words say (speech
   verbs, vocatives, possessives, titles, place prepositions, calendar words...).
3. :func:`_decide` turns the totals into character / place / not-a-character / nothing,
   with the place cue words and the gazetteer (``places``). Names the evidence leaves
   undecided or weak get the spaCy NER model's vote on at most two sampled sentences
   each, all in one ``nlp.pipe`` batch with only the NER component running.
   A character needs at least one piece of person evidence: a people-only signal
   (speech verb, vocative, possessive, title), a person verb, a known given name or
   knowledge-base character form, or the NER model's PERSON; a he/she after the name
   alone is not enough. Words the text uses as verbs ("she Flooed"), common words it
   also writes in lower case ("Hope", "hope") without two people-only signals, "the"
   + an organisation word ("the Ministry") and plurals ("Gryffindors", "the Aurors")
   are not characters.
4. ``aliases.cluster_forms`` groups the character name forms into people; ``gender``
   votes on each person's gender. Then per use: a title written alone ("the General",
   "Mademoiselle") goes to the one character titled so when the text uses both nearby,
   else is a person of its own (mentions of kind "title"); a given name two people share
   goes to the one named last nearby; a known name in capitals ("JONATHAN HARKER") is a
   mention of that character. The plural of a surname ("the Crofts") is a family, not a
   person.

Cost: regexes and dicts over the whole text, NER on a few hundred short sentences at
most (about 1 s on a 120K-word novel).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from . import gender as gender_rules
from . import places as place_rules
from .aliases import Cluster, _wife_form, canonical, cluster_forms
from .lexicon import word_set
from .model import Analysis, Character, Evidence, Mention, NonCharacter, Place
from .name_evidence import NameEvidence, QuoteIndex, gather
from .names import (Occurrence, capitalised_verbs, extract, given_names, lowercase_counts, not_name_words,
                    title_genders, verb_stem)

# Names with weaker evidence than this (on the winning side) get the NER model's vote.
_NER_THRESHOLD = 2.0
_NER_CONTEXTS_PER_NAME = 2
_NER_MAX_NAMES = 300
_NOTE_PARAGRAPH = re.compile(r"\s*(?:A/N|A\.N\.|AN:|Author'?s'?\s+Notes?|Disclaimer|Note:)", re.IGNORECASE)
_QUOTE_PAIR = re.compile(r"\"([^\"]*)\"|“([^”]*)”")
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|myself)\b")
_THIRD_PERSON = re.compile(r"\b(?:he|she|him|her|his|hers)\b", re.IGNORECASE)
_MY_NAME = re.compile(r"\b(?:[Mm]y name is|[Mm]y name's|[Cc]all me|[Ii]'m called)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
_THANKS = re.compile(r"\b(?:thanks?|thank you|betas?|beta'd|dedicated|for|to|and)\b[^.!?\n]{0,40}$", re.IGNORECASE)
_NOTE_ONLY = "named only in the author's notes"
_EMBEDDED = "part of a place name"
_FAMILY = "a family: a group, not one person"
_GROUP = "a plural: a group, not one person"
_VERB = "a word the text uses as a verb"
_COMMON = "a common word, also written in lower case, with no person evidence"
_NO_PERSON = "no person evidence"
# "the Hatter said", "the Auror nodded": a capitalised noun with "the" is one being only
# when this share of its uses at least has a speech verb, vocative, possessive or person verb.
_ARTICLE_PERSON_SHARE = 0.15


@dataclass(slots=True)
class Verdict:
    """What one name is: "character", "place" (with kind), or "non" (with reason)."""

    what: str
    detail: str | None = None


class CharacterStage:
    name: ClassVar[str] = "characters"
    requires: ClassVar[tuple[str, ...]] = ("quotes",)
    provides: ClassVar[tuple[str, ...]] = ("characters", "non_characters", "places", "mentions", "narrator")

    def __call__(self, analysis: Analysis) -> None:
        try:
            _run(analysis)
        except RecursionError:  # never crash on odd input: degrade to nothing found
            analysis.characters, analysis.places, analysis.mentions = [], [], []


def _run(analysis: Analysis) -> None:
    text = analysis.text
    story, fallback_notes = _story_and_notes(analysis)
    quote_spans = _merge([(q.start, q.end) for q in analysis.quotes] + _fallback_quotes(text, story))
    quotes = QuoteIndex(quote_spans)
    lower = lowercase_counts(text, story)
    verbs = capitalised_verbs(text, story, lower)
    occurrences = [o for o in extract(text, story, lower, verbs) if not _fills_quote(text, o, quotes, analysis)]
    evidence = gather(text, occurrences, quotes)
    _pronoun_evidence(text, occurrences, evidence, quotes)
    _verb_forms(evidence, verbs)
    verdicts = {name: _decide(name, ev, lower) for name, ev in evidence.items()}
    _abbreviated_places(verdicts, evidence)
    _ner_votes(text, occurrences, evidence, verdicts, lower)
    _abbreviated_places(verdicts, evidence)  # again: NER may have made the long form a place
    _family_groups(occurrences, verdicts)
    _plural_groups(verdicts, evidence)
    place_names = _place_display_names(text, occurrences, verdicts)
    analysis.places, place_mentions = _build_places(text, occurrences, verdicts, place_names)
    analysis.characters, character_mentions = _build_characters(text, occurrences, verdicts, evidence, quotes)
    character_mentions += _capitals_mentions(text, story, analysis.characters)
    analysis.mentions = sorted(character_mentions + place_mentions, key=lambda m: (m.start, m.end))
    analysis.non_characters = _non_characters(text, occurrences, verdicts, evidence, analysis, fallback_notes, lower)
    analysis.narrator = _narrator(text, story, quotes, analysis)


# ---------------------------------------------------------------- input


def _story_and_notes(analysis: Analysis) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Story spans; when the notes stage marked nothing, paragraphs that open like a note."""
    spans = list(analysis.story_spans) or [(0, len(analysis.text))]
    if analysis.author_notes:
        return spans, []
    text = analysis.text
    notes = [s for s in spans if _NOTE_PARAGRAPH.match(text, s[0], s[1])]
    return [s for s in spans if s not in notes], notes


def _fallback_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paired quote marks inside one paragraph, used only when the quotes stage found none."""
    found: list[tuple[int, int]] = []
    for start, end in spans:
        for match in _QUOTE_PAIR.finditer(text, start, end):
            group = 1 if match.group(1) is not None else 2
            found.append((match.start(group), match.end(group)))
    return found


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of the quotes stage's spans and plain paired marks, as disjoint spans.

    Paired marks catch quotes the quotes stage left out (a vocative "Charlotte, do you"
    still counts as inside a quote); overlapping spans are merged so lookups stay exact.
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
            continue
        merged.append((start, end))
    return merged


def _fills_quote(text: str, occ: Occurrence, quotes: QuoteIndex, analysis: Analysis) -> bool:
    """A name that is all there is between quote marks is a quoted name or title, not dialogue."""
    span = quotes.span_at(occ.start)
    if span is None:
        return False
    start = occ.article_start if occ.article_start is not None else occ.start
    return text[span[0]:span[1]].strip(" .,!?") == text[start:occ.end]


# ---------------------------------------------------------------- decisions


def _pronoun_evidence(text: str, occurrences: list[Occurrence], evidence: dict[str, NameEvidence],
                      quotes: QuoteIndex) -> None:
    """ "Agnes was still handsome ... she": a he/she after the name is (weak) person evidence."""
    ordered = [o for o in occurrences if not o.embedded_in]
    for index in gender_rules.pronoun_votes(text, ordered, quotes):
        evidence[ordered[index].name].pronoun += 1


def _verb_forms(evidence: dict[str, NameEvidence], verbs: frozenset[str]) -> None:
    """ "Apparating" when the text has "she Apparated", "Accio" beside "he Accio'd": a
    one-word name sharing its stem with a capitalised verb is that verb (or its noun)."""
    stems = {verb_stem(v) for v in verbs}
    for name, ev in evidence.items():
        if " " not in name and (name in verbs or verb_stem(name) in stems):
            ev.verb_form = True


def _decide(name: str, ev: NameEvidence, lower: Counter[str] | None = None) -> Verdict | None:
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
    if ev.cited_author and ev.cited_author * 2 >= ev.person_score:
        return Verdict("non", "cited as the author of a song or work")
    if len(words) == 1 and name in word_set("bare_titles", lower=False):
        return Verdict("character", "title")  # "the General": linked or kept in _bare_titles
    if len(words) == 1 and (name in title_genders() or low in word_set("kinship_words")):
        return None
    given = words[0] in given_names()
    if len(words) == 1 and low in not_name_words() and not given and ev.person_score < 4:
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
            or words[0] in given_names() or not _common_phrase(words, ev, lower) or _kb_character(name):
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
        or ev.ner.get("PERSON", 0) > 0 or _kb_character(name)


@lru_cache(maxsize=1)
def _kb_aliases() -> frozenset[str]:
    """Every character name form of the knowledge base (all fandoms), as lookup keys."""
    try:
        from .kb import load

        return frozenset(load().characters_by_alias)
    except Exception:  # no knowledge base: no such evidence
        return frozenset()


def _kb_character(name: str) -> bool:
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
    place += 1.0 * (ner.get("GPE", 0) + ner.get("LOC", 0) + ner.get("FAC", 0))
    return person, place


def _ner_votes(text: str, occurrences: list[Occurrence], evidence: dict[str, NameEvidence],
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
    if place == 0 and ev.count - ev.initial >= 2 and name.lower() not in not_name_words() and _ner_allows_person(ev):
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


def _family_groups(occurrences: list[Occurrence], verdicts: dict[str, Verdict | None]) -> None:
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
            verdicts[name] = Verdict("non", _FAMILY)


def _plural_groups(verdicts: dict[str, Verdict | None], evidence: dict[str, NameEvidence]) -> None:
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
            verdicts[name] = Verdict("non", _FAMILY if set(known) & surnames else _GROUP)
        elif with_article and not given and " " not in name:
            verdicts[name] = Verdict("non", _GROUP)


def _abbreviated_places(verdicts: dict[str, Verdict | None], evidence: dict[str, NameEvidence]) -> None:
    """ "Aix" for "Aix-en-Provence": the first part of a hyphenated place is that place."""
    heads = {name.split("-")[0]: name for name, v in verdicts.items()
             if v and v.what == "place" and "-" in name and " " not in name}
    for name, verdict in list(verdicts.items()):
        if name in heads and _strong_person(evidence[name]) == 0:
            verdicts[name] = Verdict("alias-of", heads[name])


# ---------------------------------------------------------------- results


def _place_display_names(text: str, occurrences: list[Occurrence], verdicts: dict[str, Verdict | None]) -> dict[str, str]:
    keep_article: dict[str, str] = {}
    for occ in occurrences:
        verdict = verdicts.get(occ.name)
        if not verdict or verdict.what != "place" or not occ.article:
            continue
        capital_mid = occ.article == "The" and not _starts_sentence(text, occ)
        shown = place_rules.display_name(occ.name, occ.article.lower() if not capital_mid else "The", capital_mid)
        if shown != occ.name:
            keep_article.setdefault(occ.name, shown)
    return {name: keep_article.get(name, name) for name, v in verdicts.items() if v and v.what == "place"}


def _starts_sentence(text: str, occ: Occurrence) -> bool:
    from .names import is_initial

    start = occ.article_start if occ.article_start is not None else occ.start
    return is_initial(text, start, max(0, text.rfind("\n", 0, start) + 1))


def _build_places(text: str, occurrences: list[Occurrence], verdicts: dict[str, Verdict | None],
                  shown: dict[str, str]) -> tuple[list[Place], list[Mention]]:
    places: dict[str, Place] = {}
    mentions: list[Mention] = []
    for occ in occurrences:
        verdict = verdicts.get(occ.name)
        if not verdict or occ.embedded_in or verdict.what not in ("place", "alias-of"):
            continue
        key = occ.name if verdict.what == "place" else verdict.detail
        if key not in shown:
            continue
        entity = shown[key]
        place = places.get(entity)
        if place is None:
            place = places[entity] = Place(entity, [], kind=verdicts[key].detail or "other", first_offset=occ.start)
        alias = shown[occ.name] if occ.name in shown else occ.name
        if alias not in place.aliases:
            place.aliases.append(alias)
        place.mentions += 1
        start = occ.article_start if occ.article_start is not None else occ.start
        mentions.append(Mention(start, occ.end, text[start:occ.end], entity, "name", "place"))
    ordered = sorted(places.values(), key=lambda p: (-p.mentions, p.first_offset))
    return ordered, mentions


def _build_characters(text: str, occurrences: list[Occurrence], verdicts: dict[str, Verdict | None],
                      evidence: dict[str, NameEvidence], quotes: QuoteIndex) -> tuple[list[Character], list[Mention]]:
    chosen = [o for o in occurrences if not o.embedded_in and _is_character(verdicts.get(o.name))]
    bare_titles = [o for o in chosen if verdicts[o.name].detail == "title" and not o.title]
    chosen = [o for o in chosen if verdicts[o.name].detail != "title"]
    for occ in chosen + bare_titles:  # "the Hatter": the article is part of such a name
        verdict = verdicts[occ.name]
        if verdict and verdict.detail in ("article", "title") and occ.article and occ.article_start is not None:
            occ.name = f"{occ.article.lower()} {occ.name}"
            occ.start = occ.name_start = occ.article_start
    form_counts: Counter[str] = Counter(o.form for o in chosen)
    form_gender = _form_genders(text, occurrences, chosen, quotes)
    families = frozenset(name[:-1] for name, v in verdicts.items() if v and v.detail == _FAMILY) \
        | frozenset(name[:-2] for name, v in verdicts.items() if v and v.detail == _FAMILY and name.endswith("es"))
    clusters = cluster_forms(form_counts, form_gender, families)
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
        kind = "title" if id(occ) in title_ids else "name"  # "the General": a title, not a proper name
        mentions.append(Mention(occ.start, occ.end, text[occ.start:occ.end], name, kind, "character"))
    ordered = sorted(characters.values(), key=lambda c: (-c.mentions, c.first_offset))
    return ordered, mentions


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


def _capitals_mentions(text: str, story: list[tuple[int, int]], characters: list[Character]) -> list[Mention]:
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


def _is_character(verdict: Verdict | None) -> bool:
    return verdict is not None and verdict.what == "character"


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
        elif _kb_character(bare) and not any(e.signal == "known character name" for e in found):
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


def _non_characters(text: str, occurrences: list[Occurrence], verdicts: dict[str, Verdict | None],
                    evidence: dict[str, NameEvidence], analysis: Analysis,
                    fallback_notes: list[tuple[int, int]], lower: Counter[str]) -> list[NonCharacter]:
    found: dict[str, NonCharacter] = {}
    for occ in occurrences:
        verdict = verdicts.get(occ.name)
        if verdict and verdict.what == "non" and occ.name not in found:
            found[occ.name] = NonCharacter(occ.form, verdict.detail or "not a character", occ.start, occ.end)
    note_spans = [(n.start, n.end) for n in analysis.author_notes] + fallback_notes
    for occ in extract(text, note_spans, lower):
        if occ.name in evidence or occ.name in found or occ.initial:
            continue
        words = occ.name.split()
        if words[0] in given_names() or _THANKS.search(text, max(0, occ.start - 60), occ.start):
            if occ.name.lower() not in not_name_words():
                found[occ.name] = NonCharacter(occ.name, _NOTE_ONLY, occ.start, occ.end)
    return sorted(found.values(), key=lambda n: n.start if n.start is not None else 0)


def _narrator(text: str, story: list[tuple[int, int]], quotes: QuoteIndex, analysis: Analysis) -> str | None:
    """The narrator's name for first-person narration, when the text gives it; else None.

    First person: "I/me/my" outside quotes outnumber he/she/him/her and make at least 1%
    of the narration's words. The name comes from "My name is X" / "call me X".
    """
    first = third = words = 0
    for start, end in story:
        chunk = text[start:end]
        words += chunk.count(" ") + 1
        first += sum(1 for m in _FIRST_PERSON.finditer(text, start, end) if not quotes.contains(m.start()))
        third += sum(1 for m in _THIRD_PERSON.finditer(text, start, end) if not quotes.contains(m.start()))
    if words == 0 or first < 0.01 * words or first <= third:
        return None
    for start, end in story:
        match = _MY_NAME.search(text, start, end)
        if match:
            name = match.group(1)
            for character in analysis.characters:
                if name in character.aliases or name == character.name:
                    return character.name
            analysis.characters.append(Character(name=name, aliases=[name], first_offset=match.start(1),
                                                 evidence=[Evidence("my name is", name, match.start(1), match.end(1))]))
            return name
    return None
