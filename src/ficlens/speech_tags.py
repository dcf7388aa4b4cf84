"""Cues to a quote's speaker in the narration beside it.

The narration around a quotation names its speaker in a few recurring shapes
(Muzny et al. 2017 call them the "trigram" and "parse" sieves):

* a dialogue tag after the quote: ``"Mom?" Rory called`` / ``said Luke`` / ``she replied``;
* a tag before it: ``Luke said, "...``;
* a possessive subject: ``"..." Luke's face softened`` / ``"..." Her voice shook``;
* the subject of the adjacent narration sentence, whatever its verb:
  ``"..." Rory was crying`` (the paragraph is about its speaker);
* the subject of another narration sentence of the same paragraph (weaker).

Each shape becomes a :class:`Cue` that names a character (resolved through the
character index) or a pronoun (resolved later by salience, see ``pronouns``). Only
short windows next to each quote are read, with anchored regexes: constant cost per
quote, no parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .character_index import CharacterIndex, gendered_titles
from .lexicon import word_list, word_set
from .sentences import is_abbreviation, sentence_spans

# Subject pronouns and possessive determiners -> the gender they stand for.
SUBJECT_PRONOUNS = {"he": "male", "she": "female", "i": "narrator"}
POSSESSIVE_PRONOUNS = {"his": "male", "her": "female", "my": "narrator"}

# How far a tag may reach into the narration (characters).
_TAG_REACH = 90

# A word: letters (accented ones too: 'Thérèse'), inner apostrophes and hyphens; never a
# trailing dash ('said--' is the verb 'said').
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"
_WORD = re.compile(rf"[{_LETTER}][{_LETTER}'’]*(?:-[{_LETTER}'’]+)*")
_LEADING_JUNK = re.compile(r"[\s,;:\-—–…*_]*")


@dataclass(slots=True)
class Cue:
    """One hint at who speaks a quote: a named character or a pronoun to resolve."""

    signal: str
    start: int
    end: int
    weight: float
    entity: str | None = None
    pronoun: str | None = None  # "male" | "female" | "narrator"
    verb: str | None = None
    addressee: str | None = None
    description: str | None = None  # 'the solicitor' / 'Ben': the speaker when no character fits
    relation: str | None = None  # 'his wife': the speaker is the possessor's relative ('wife')
    possessor: str | None = None  # the possessive pronoun's gender ("male"/"female"/"narrator")
    possessor_entity: str | None = None  # 'Mr. Allen's wife': the possessor when named


@lru_cache(maxsize=1)
def speech_verb_forms() -> frozenset[str]:
    """Every inflected speech and thought verb (reusing the quote stage's inflector)."""
    from .dialogue_tags import verb_forms

    return verb_forms("speech_verbs") | verb_forms("thought_verbs")


@lru_cache(maxsize=1)
def _phrasal_speech_verbs() -> dict[str, frozenset[str]]:
    """verb form -> the particles that make it a speech verb ('put in', 'went on')."""
    from .dialogue_tags import inflections

    table: dict[str, set[str]] = {}
    for line in word_list("speech_phrasal_verbs"):
        parts = line.split()
        if len(parts) == 2:
            for form in inflections(parts[0]):
                table.setdefault(form, set()).add(parts[1])
    return {form: frozenset(particles) for form, particles in table.items()}


_PARTICLE = re.compile(r"[ \t\n]+([a-z]+)\b")


def _speech_verb_end(text: str, verb: str, verb_end: int, end: int) -> int | None:
    """Where a speech verb at ``verb_end`` ends: right there for 'said', after the
    particle for 'put in' / 'went on'; None when it is no speech verb."""
    if verb in speech_verb_forms():
        return verb_end
    particles = _phrasal_speech_verbs().get(verb)
    if particles:
        match = _PARTICLE.match(text, verb_end, end)
        if match is not None and match.group(1) in particles:
            return match.end()
    return None


@lru_cache(maxsize=1)
def _predicate_pattern() -> re.Pattern[str]:
    skip = "|".join(sorted(word_set("tag_skip_words"), key=len, reverse=True))
    return re.compile(rf"(?:[ \t\n]+(?:[a-z]+ly|{skip})\b)*[ \t\n]+([a-z][a-z'’\-]*)")


@dataclass(slots=True)
class _Subject:
    start: int
    end: int
    entity: str | None
    pronoun: str | None
    possessive: bool
    description: str | None = None
    relation: str | None = None
    possessor: str | None = None
    possessor_entity: str | None = None


_DETERMINERS = frozenset("the his her their my our your its".split())
_NP_STOP = frozenset(
    "with to in at on of from for by after before while when then and but or as who whom which that "
    "not very so too again once who's if".split()
)
# Words that end a description's noun phrase ('the lawyer somewhat dryly', 'the man a little').
_BODY_STOP = frozenset(
    "a an somewhat rather quite half without whose either he she they it its him them his her their who which "
    "came went come out up down more less as".split()
)
_NON_NAMES = frozenset("i he she they it we you there here what who this that these those".split())
_GAP = re.compile(r"[ \t]*\n?[ \t]*")


@lru_cache(maxsize=1)
def person_nouns() -> dict[str, tuple[str, str]]:
    """head noun -> (gender, "generic"|"role"), from data/person_nouns.txt."""
    table: dict[str, tuple[str, str]] = {}
    for line in word_list("person_nouns"):
        parts = line.split()
        if len(parts) == 3:
            table[parts[0].lower()] = (parts[1], parts[2])
    return table


def _words_at(text: str, pos: int, end: int, limit: int = 5) -> list[re.Match[str]]:
    """Up to ``limit`` words from ``pos`` separated by plain spaces (one line break at most)."""
    words: list[re.Match[str]] = []
    while len(words) < limit and pos < end:
        word = _WORD.match(text, pos, end)
        if word is None:
            break
        words.append(word)
        gap = _GAP.match(text, word.end(), end)
        if gap is None or gap.end() == word.end() and not text.startswith(".", word.end()):
            break
        if text.startswith(".", word.end()):  # 'Mr. Weston': a title's period
            if word.group().lower() not in gendered_titles():
                break
            gap = _GAP.match(text, word.end() + 1, end)
            if gap is None or gap.end() == word.end() + 1:
                break
        pos = gap.end()
    return words


def _phrase(text: str, words: list[re.Match[str]]) -> str:
    return " ".join(text[w.start():w.end() + (1 if text.startswith(".", w.end()) and i < len(words) - 1 else 0)]
                    for i, w in enumerate(words))


def _description_at(text: str, pos: int, end: int, index: CharacterIndex) -> _Subject | None:
    """A speaker named by a form the character index does not hold: an alias in lower
    case ('said nanny', 'said the solicitor'), a name with a title that shares its
    surname with one character ('Mr. Inglethorp'), an unknown name ('said Ben'), or a
    description ('the old man', 'his companion')."""
    words = _words_at(text, pos, end)
    if not words:
        return None
    for k in range(len(words), 0, -1):
        phrase = _phrase(text, words[:k]).lower()
        entity = index.entity_for(phrase)
        if entity is None and words[0].group().lower() in ("the", "a", "an", "his", "her") and k > 1:
            entity = index.entity_for(_phrase(text, words[1:k]).lower())
        if entity is not None:
            return _Subject(pos, words[k - 1].end(), entity, None, False)
    first = words[0].group()
    lower = first.lower()
    if first.endswith(("'s", "’s")) or lower in ("a", "an", "this", "that"):
        return None
    if first[:1].isupper() and lower not in _DETERMINERS and lower not in _NON_NAMES \
            and lower not in word_set("sentence_openers") and lower not in speech_verb_forms() \
            and lower not in word_set("capitalised_common_words"):
        name = [w for w in _take_capitalised(words)]
        form = _phrase(text, name)
        bare = form.lower().rstrip(".")
        if (len(bare) <= 4 and bare in gendered_titles()) or form.endswith(("'s", "’s")):
            return None  # a bare abbreviated title ('Mr', 'Mlle'), or a possessor ("Mrs Smith's")
        entity = index.entity_for_name_form(form)
        return _Subject(pos, name[-1].end(), entity, None, False, None if entity else form)
    nouns = person_nouns()
    if lower in _DETERMINERS:
        body = []
        for word in words[1:4]:
            w = word.group().lower()
            if not word.group()[:1].islower():  # 'the unsympathetic Marilla'
                named = _description_at(text, word.start(), end, index)
                if named is not None and named.description is None or (named and named.description[:1].isupper()):
                    return _Subject(pos, named.end, named.entity, None, False, named.description)
                break
            if w in _NP_STOP or w in _BODY_STOP or w.endswith("ly") or w in speech_verb_forms() \
                    or w.endswith(("'s", "’s")):
                break
            body.append(word)
        if lower != "the":  # 'his wife' names a relative; 'his own cab', 'her voice' no one
            if lower in POSSESSIVE_PRONOUNS and len(body) == 1:
                return _relative_at(text, pos, words[0].end(), end, POSSESSIVE_PRONOUNS[lower], None)
            return None
        if not body:
            return None
        head = body[-1].group().lower()
        if head in word_set("tag_skip_words") or head in _DETERMINERS:
            return None
        gender, kind = nouns.get(head, ("any", "role"))
        if kind == "thing":  # 'said the voice', 'the face': no one to name
            return None
        if len(body) == 1 and kind == "role" or head in gendered_titles():
            titled = index.entity_for_title(head) if len(body) == 1 else None
            if titled is not None:  # 'said the count': Count Mippipopolous
                return _Subject(pos, body[-1].end(), titled, None, False)
        label = "the " + _phrase(text, body).lower()
        modifier = _DEFINING_PHRASE.match(text, body[-1].end(), end)
        if modifier is not None:  # 'the man with the black beard': someone in particular
            return _Subject(pos, modifier.end(), None, None, False, label + " " + " ".join(modifier.group().split()))
        return _Subject(pos, body[-1].end(), None, gender if kind == "generic" else None, False, label)
    if lower in nouns and nouns[lower][1] == "role":
        return _Subject(pos, words[0].end(), None, None, False, lower)
    return None


# A description's defining phrase: 'with the black beard', 'of the paper', 'in the grey coat'
# (a definite noun phrase: 'with a smile', 'with the same placidity' are the manner of saying).
_DEFINING_PHRASE = re.compile(
    r"[ \t]+(?:with|of|in)[ \t\n]+the(?![ \t\n]+(?:same|utmost|greatest|most|least)\b)"
    r"(?:[ \t\n]+[a-z][a-z\-]*){1,2}(?=[ \t\n]*[,.;:!?])")


def _take_capitalised(words: list[re.Match[str]]) -> list[re.Match[str]]:
    taken = [words[0]]
    for word in words[1:3]:
        if not word.group()[:1].isupper():
            break
        taken.append(word)
    return taken


_LOST_APOSTROPHE_S = re.compile(r" s(?=[ \t\n])")


def possessive_end(text: str, pos: int) -> int | None:
    """Where a possessive "'s" right after ``pos`` ends ("Luke's"), or None. Text whose
    apostrophes were lost in a conversion writes it "Luke s" (a name is never followed
    by a lone "s" otherwise)."""
    if text[pos:pos + 2] in ("'s", "’s"):
        return pos + 2
    if _LOST_APOSTROPHE_S.match(text, pos):
        return pos + 2
    return None


def _subject_at(text: str, pos: int, end: int, index: CharacterIndex) -> _Subject | None:
    """A character name or subject pronoun starting exactly at ``pos``."""
    mention = index.mention_at(pos)
    if mention is not None and mention.start == pos and mention.end <= end:
        owned = possessive_end(text, mention.end)
        possessive = owned is not None
        if owned is not None:
            relative = _relative_at(text, pos, owned, end, None, mention.entity)
            if relative is not None:
                return relative
        return _Subject(pos, mention.end, mention.entity, None, possessive)
    word = _WORD.match(text, pos, end)
    if word is None:
        return None
    lower = word.group().lower()
    if lower in SUBJECT_PRONOUNS:
        if lower == "i" and word.group() != "I":
            return None
        return _Subject(pos, word.end(), None, SUBJECT_PRONOUNS[lower], False)
    if lower in POSSESSIVE_PRONOUNS:
        relative = _relative_at(text, pos, word.end(), end, POSSESSIVE_PRONOUNS[lower], None)
        if relative is not None:
            return relative
        return _Subject(pos, word.end(), None, POSSESSIVE_PRONOUNS[lower], True)
    return None


def _relative_at(
    text: str, start: int, pos: int, end: int, possessor: str | None, possessor_entity: str | None
) -> _Subject | None:
    """'his wife' / 'her sister' / "Mr. Allen's wife": a person noun after a possessive
    names someone other than the possessor (resolved in ``speakers``)."""
    word = re.compile(r"[ \t]+([a-z]+)\b").match(text, pos, end)
    if word is None:
        return None
    noun = word.group(1)
    entry = person_nouns().get(noun)
    if entry is None or entry[1] != "generic" or noun in _NOT_RELATIVES:
        return None
    gender = entry[0] if entry[0] in ("male", "female") else None
    return _Subject(start, word.end(), None, gender, False, relation=noun, possessor=possessor,
                    possessor_entity=possessor_entity)


# Generic person nouns that, after a possessive, are not another person ('his own', 'her first').
_NOT_RELATIVES = frozenset("one first second former latter elder younger other person creature speaker".split())


def _predicate(text: str, pos: int, end: int) -> tuple[str, int] | None:
    """The first verb-like word after a subject, skipping adverbs and auxiliaries."""
    match = _predicate_pattern().match(text, pos, end)
    if match is None:
        return None
    return match.group(1).lower(), match.end()


def _addressee_after(text: str, pos: int, end: int, index: CharacterIndex) -> str | None:
    """'said Luke to Rory': the character after 'to', when one is named there."""
    match = re.match(r"[ \t\n]+(?:[a-z]+ly[ \t\n]+)?to[ \t\n]+", text[pos:end])
    if match is None:
        return None
    mention = index.mention_at(pos + match.end())
    return mention.entity if mention is not None and mention.start == pos + match.end() else None


def _cue_from_subject(subject: _Subject, signal: str, weight: float, **extra: object) -> Cue:
    if subject.description is not None and signal == "pronoun tag":
        signal = "explicit tag"
    if subject.relation is not None and signal == "explicit tag":
        signal = "pronoun tag"  # resolved from context, like a pronoun
    return Cue(signal, subject.start, subject.end, weight, subject.entity, subject.pronoun,  # type: ignore[arg-type]
               description=subject.description, relation=subject.relation, possessor=subject.possessor,
               possessor_entity=subject.possessor_entity, **extra)


def _described_tag(text: str, start: int, end: int, index: CharacterIndex) -> Cue | None:
    """'"...," the old man said' / '"...," Ben replied': a described or unknown subject,
    only when a speech verb follows it."""
    subject = _description_at(text, start, end, index)
    if subject is None:
        return None
    predicate = _predicate(text, subject.end, end)
    verb_end = _speech_verb_end(text, predicate[0], predicate[1], end) if predicate else None
    if predicate is None or verb_end is None:
        return None
    return _cue_from_subject(subject, "explicit tag", 0.9 if subject.entity else 0.85, verb=predicate[0],
                             addressee=_addressee_after(text, verb_end, end, index))


def tag_after(text: str, pos: int, end: int, index: CharacterIndex) -> Cue | None:
    """The cue in the narration that starts right after a closing mark at ``pos``."""
    end = min(end, pos + _TAG_REACH * 2)
    if pos >= end:
        return None
    start = _LEADING_JUNK.match(text, pos, end).end()
    if start >= end:
        return None
    verbs = speech_verb_forms()
    subject = _subject_at(text, start, end, index)
    if subject is None:
        return (_inverted_tag(text, start, end, index) or _described_tag(text, start, end, index)
                or _possessed_speech_after(text, start, end, index) or _source_after(text, start, end, index))
    if subject.possessive:
        if subject.entity is None and not _is_lower_word_at(text, subject.end, end):
            return None
        weight = 0.8 if subject.entity else 0.6
        return _cue_from_subject(subject, "possessive subject", weight)
    predicate = _predicate(text, subject.end, end)
    if predicate is None:
        return _later_verb_tag(text, subject, end, verbs)
    verb, verb_end = predicate
    speech_end = _speech_verb_end(text, verb, verb_end, end)
    if speech_end is not None:
        signal = "explicit tag" if subject.entity else "pronoun tag"
        return _cue_from_subject(
            subject, signal, 0.95 if subject.entity else 0.9, verb=verb,
            addressee=_addressee_after(text, speech_end, end, index),
        )
    if verb in word_set("not_a_predicate"):
        return _later_verb_tag(text, subject, end, verbs)
    return _cue_from_subject(subject, "narrative subject", 0.75 if subject.entity else 0.65, verb=verb)


def _skip_junk(text: str, pos: int, end: int) -> int:
    match = _LEADING_JUNK.match(text, pos, end) if pos < end else None
    return match.end() if match else pos


def _is_lower_word_at(text: str, pos: int, end: int) -> bool:
    match = re.match(r"[ \t\n]+[a-z]", text[pos:min(end, pos + 4)])
    return match is not None


def _inverted_tag(text: str, start: int, end: int, index: CharacterIndex) -> Cue | None:
    """'said Luke' / 'asked she' / 'cried Mrs. Bennet, ...'."""
    word = _WORD.match(text, start, end)
    verb_end = _speech_verb_end(text, word.group().lower(), word.end(), end) if word is not None else None
    if word is None or verb_end is None:
        return None
    after = _skip_junk(text, verb_end, end)
    after = _INVERTED_FILLER.match(text, after, end).end()
    subject = (_subject_at(text, after, end, index) or _epithet_subject(text, after, end, index)
               or _description_at(text, after, end, index))
    if subject is None or subject.possessive:
        return None
    signal = "explicit tag" if subject.entity else "pronoun tag"
    return _cue_from_subject(
        subject, signal, 0.95 if subject.entity else 0.9, verb=word.group().lower(),
        addressee=_addressee_after(text, subject.end, end, index),
    )


# After an inverted tag verb: an adverb, or the particle of 'cried out Bull' / 'called out Ann'.
_INVERTED_FILLER = re.compile(r"(?:(?:[a-z]+ly|out|forth|up|in)[ \t\n]+(?=[a-zA-Z]))?")
_EPITHET = re.compile(r"((?:[a-z][a-z\-]+[ \t\n]+){1,2})")


def _epithet_subject(text: str, pos: int, end: int, index: CharacterIndex) -> _Subject | None:
    """'remarked skeptical Anne' / 'drivelled old Horace Talbot': a character named
    after one or two adjectives (never a determiner or preposition: 'said to Anne')."""
    match = _EPITHET.match(text, pos, end)
    if match is None:
        return None
    words = match.group(1).split()
    stops = _NP_STOP | _DETERMINERS | _NON_NAMES | word_set("object_prepositions") | _BODY_STOP
    if any(w in stops or w in speech_verb_forms() for w in words):
        return None
    mention = index.mention_at(match.end())
    if mention is None or mention.start != match.end() or mention.end > end:
        return None
    if possessive_end(text, mention.end) is not None:
        return None
    return _Subject(mention.start, mention.end, mention.entity, None, False)


def _later_verb_tag(text: str, subject: _Subject, end: int, verbs: frozenset[str]) -> Cue | None:
    """'Luke, turning to her, said' : a speech verb later in the same clause."""
    reach = min(end, subject.end + _TAG_REACH)
    for stop in re.finditer(r"[.!?\"“”]", text[subject.end:reach]):
        if not is_abbreviation(text, subject.end + stop.start()):  # 'turning to Mrs. Smith, said'
            reach = subject.end + stop.start()
            break
    for word in _WORD.finditer(text, subject.end, reach):
        if word.group().lower() in verbs:
            signal = "explicit tag" if subject.entity else "pronoun tag"
            return _cue_from_subject(subject, signal, 0.85 if subject.entity else 0.8, verb=word.group().lower())
    return None


def tag_before(text: str, start: int, pos: int, index: CharacterIndex) -> Cue | None:
    """A tag ending right before an opening mark at ``pos``: 'Luke said, "' / 'she asked: "'."""
    floor = max(start, pos - _TAG_REACH * 2)
    segment = text[floor:pos].rstrip()
    if not segment or segment[-1] not in ",:—–-" and not segment[-1].isalpha():
        return None
    sentence_start = floor
    for match in re.finditer(r"[.!?]\s+", segment):
        if not is_abbreviation(text, floor + match.start()):  # 'Mrs. Weston observed': one sentence
            sentence_start = floor + match.end()
    verbs = speech_verb_forms()
    words = list(_WORD.finditer(text, sentence_start, floor + len(segment)))
    for i in range(len(words) - 1, -1, -1):
        lower = words[i].group().lower()
        if lower not in verbs and _speech_verb_end(text, lower, words[i].end(), floor + len(segment)) is None:
            continue  # neither 'said' nor 'went on' / 'put in'
        cue = (_subject_after_verb(text, words[i], floor + len(segment), index)
               or _subject_before_verb(text, sentence_start, words, i, index))
        if cue is not None:
            return cue
        return _nearest_name_before(text, sentence_start, words[i], index)
    return _possessed_speech_before(text, sentence_start, floor + len(segment), index)


def _subject_after_verb(text: str, verb: re.Match[str], end: int, index: CharacterIndex) -> Cue | None:
    """'thus spoke Mary: "' / 'and then cried she, "': an inverted tag right before the
    line; only where the verb opens its clause ('Dr Messinger asked Rosa, "': Rosa is
    asked, not the speaker)."""
    before = text[max(0, verb.start() - 40):verb.start()]
    before = _TRAILING_ADVERBS.sub("", " " + before.rstrip()).rstrip()
    if before and before[-1].isalpha() and not re.search(r"(?:^|\W)(?:and|but|so)$", before):
        return None
    pos = _INVERTED_FILLER.match(text, _skip_junk(text, verb.end(), end), end).end()
    subject = _subject_at(text, pos, end, index) or _epithet_subject(text, pos, end, index)
    if subject is None or subject.possessive or subject.relation is not None or text[subject.end:end].strip(" \t\n,:;—–-"):
        return None
    if subject.entity is None and subject.pronoun not in ("male", "female"):
        return None
    signal = "explicit tag" if subject.entity else "pronoun tag"
    return _cue_from_subject(subject, signal, 0.9 if subject.entity else 0.85, verb=verb.group().lower())


# 'Mary's reply was, "' / 'her last words had been: "'
_SPEECH_NOUN_BEFORE = re.compile(r"([A-Za-z]+)[ \t\n]+(?:was|were|had[ \t\n]+been|is)[ \t\n]*[,:—–-]*$")
# '," was Mary's reply' / '" had been her answer'
_SPEECH_NOUN_AFTER = re.compile(r"(?:was|were|had[ \t\n]+been|is)[ \t\n]+")


def _possessed_speech_before(text: str, floor: int, end: int, index: CharacterIndex) -> Cue | None:
    """"Elizabeth's reply was, \"" / 'Her answer was: "': the possessor of a speech noun
    right before the line is its speaker."""
    match = _SPEECH_NOUN_BEFORE.search(text, floor, end)
    if match is None or match.group(1).lower() not in word_set("speech_nouns"):
        return None
    return _possessor_before(text, floor, match.start(1), index)


def _possessed_speech_after(text: str, start: int, end: int, index: CharacterIndex) -> Cue | None:
    """'"I cannot do without Anne," was Mary's reasoning': the possessor of the speech
    noun the line is said to be."""
    match = _SPEECH_NOUN_AFTER.match(text, start, end)
    if match is None:
        return None
    words = list(_WORD.finditer(text, match.end(), min(end, match.end() + 70)))
    owner = next((k for k, w in enumerate(words[:3])
                  if w.group().lower() in POSSESSIVE_PRONOUNS or w.group().endswith(("'s", "’s"))
                  or k > 0 and w.group() == "s" and possessive_end(text, words[k - 1].end()) is not None), None)
    if owner is None:
        return None
    for word in words[owner + 1:owner + 4]:  # "was Mrs. Weston's [parting] injunction"
        lower = word.group().lower()
        if lower in word_set("speech_nouns"):
            return _possessor_before(text, match.end(), word.start(), index)
        if not word.group().islower():
            return None
    return None


# '"...," came from Sir Thomas' lips' / '" burst from William' / '" from Mr. Wilcox' /
# '" It was Poirot who spoke.': the line's source named right after it.
_SOURCE = re.compile(r"(?:(?:came|burst|broke|escaped)[ \t\n]+(?:[a-z]+[ \t\n]+)?)?from[ \t\n]+|it[ \t\n]+was[ \t\n]+",
                     re.IGNORECASE)
_CLEFT_WHO = re.compile(r"[ \t\n]+who[ \t\n]+([a-z]+)")


def _source_after(text: str, start: int, end: int, index: CharacterIndex) -> Cue | None:
    """'"A dangerous theory!" came from Sir Thomas's tight lips' / '"Hjckrrh!" from the
    Gryphon' / '"There is a later will." It was Poirot who spoke.': the one named."""
    match = _SOURCE.match(text, start, end)
    if match is None:
        return None
    pos = match.end()
    if text[pos:pos + 4].lower() == "the " and index.mention_at(pos) is None:
        pos += 4
    mention = index.mention_at(pos)
    if mention is None or mention.start != pos or mention.end > end:
        return None
    if match.group().lower().startswith("it"):
        who = _CLEFT_WHO.match(text, mention.end, end)
        if who is None or _speech_verb_end(text, who.group(1), who.end(), end) is None:
            return None
    return Cue("explicit tag", mention.start, mention.end, 0.85, mention.entity)


def _possessor_before(text: str, floor: int, noun_start: int, index: CharacterIndex) -> Cue | None:
    """The owner of the noun at ``noun_start`` ("Mary's [last] reply", "her answer"),
    skipping up to three lower-case modifiers ("his quick and angry cry")."""
    words = list(_WORD.finditer(text, max(floor, noun_start - 60), noun_start))
    for _ in range(3):  # "Mary's [last] reply", "his [quick and angry] cry"
        if not words or words[-1].group().lower() in POSSESSIVE_PRONOUNS or not words[-1].group().islower() \
                or words[-1].group() == "s":  # "Catherine s answer": an apostrophe lost
            break
        words.pop()
    if not words:
        return None
    owner = words[-1]
    lower = owner.group().lower()
    if lower in POSSESSIVE_PRONOUNS:
        signal = "pronoun tag"
        return Cue(signal, owner.start(), owner.end(), 0.8, pronoun=POSSESSIVE_PRONOUNS[lower])
    if not lower.endswith(("'s", "’s")) and lower != "s":
        return None
    for mention in index.mentions_between(max(floor, owner.start() - 40), owner.end()):
        if mention.end in (owner.end() - 2, owner.end()) or possessive_end(text, mention.end) == owner.end():
            return Cue("explicit tag", mention.start, mention.end, 0.85, mention.entity)
    return None


def _nearest_name_before(text: str, floor: int, verb: re.Match[str], index: CharacterIndex) -> Cue | None:
    """'Emma laughed, and replied, "' / "Mr. Woodhouse's giving a sigh, and saying, \"":
    the tag verb has no subject of its own; the character named (or "he"/"she") last
    before it speaks, passing over objects ('Clara turned to Anna and said': not Anna)
    and possessors ("Edward's wife"), unless a relative clause makes them the subject
    ('sat with Dan, who said'); without a subject-like one, the last name."""
    verb_word = verb.group().lower()
    found: list[tuple[int, int, str | None, str | None]] = [
        (m.start, m.end, m.entity, None) for m in index.mentions_between(floor, verb.start())]
    for word in _WORD.finditer(text, floor, verb.start()):
        lower = word.group().lower()
        if lower in ("he", "she") or word.group() == "I":
            found.append((word.start(), word.end(), None, SUBJECT_PRONOUNS[lower]))
    found.sort()
    if _COORDINATED.search(text, floor, verb.start()):
        shared = _main_clause_subject(text, floor, verb.start(), found, index)
        if shared is not None:
            return _tag_cue(*shared, verb_word)
    aside = _before_aside(text, found, verb.start())
    if aside is not None:
        return _tag_cue(*aside, verb_word)
    for start, end, entity, pronoun in reversed(found):  # 'at the Rabbit, who said': the Rabbit
        if entity is not None and _WHO.match(text, end):
            return _tag_cue(start, end, entity, pronoun, verb_word)
    for start, end, entity, pronoun in reversed(found):
        if not _is_object(text, floor, start, end):
            return _tag_cue(start, end, entity, pronoun, verb_word)
    names = [f for f in found if f[2] is not None]
    chosen = names[-1] if names else (found[-1] if found else None)
    return _tag_cue(*chosen, verb_word) if chosen else None


_WHO = re.compile(r"[ \t\n]*,?[ \t\n]*who\b")
# A tag verb coordinated with an earlier verb: '..., and said' / 'and was saying' / 'and then replied'.
_COORDINATED = re.compile(r"\band(?:[ \t\n]+(?:then|now|was|were|had|at[ \t\n]+last|[a-z]+ly))*[ \t\n]+$")
# A sentence that opens with a subordinate clause: its subject comes after the clause's comma.
_SUBORDINATE = frozenset("when as while whilst after before if though although since because once until unless".split())


def _main_clause_subject(
    text: str, floor: int, verb_start: int, found: list[tuple[int, int, str | None, str | None]],
    index: CharacterIndex,
) -> tuple[int, int, str | None, str | None] | None:
    """The subject a coordinated tag verb shares with the clause it is joined to.

    Plain 'and said' joins the nearest clause ('signs of floundering that Katharine
    collected herself and asked': Katharine; 'Upstairs Mrs Northcote had Souki by the
    foot and was saying': Mrs Northcote, not the object Souki). ', and said' joins the
    main clause, across any subordinate one ('Henry came into the room where she and
    Eleanor were sitting, and said': Henry). Clauses are tried from the verb leftwards;
    one counts when a name or he/she opens it (within a few words); a sentence's
    leading subordinate clause ('When Tony came in, Brenda looked up and said') is
    passed over. None when no clause has such a subject."""
    coordinator = _COORDINATED.search(text, floor, verb_start)
    verb = _WORD.match(text, verb_start)
    if coordinator is None or _PASSIVE.search(coordinator.group()) and verb is not None and not verb.group().endswith("ing"):
        return None  # 'and was greeted with': the subject is spoken to ('and was saying' is no passive)
    joins_main = text[max(floor, coordinator.start() - 4):coordinator.start()].rstrip().endswith(",")
    if joins_main and not _JOIN_MAIN:
        return None
    limit = coordinator.start()
    sentence = floor
    for stop in re.finditer(r"[.!?][ \t\n]", text[floor:limit]):
        if not is_abbreviation(text, floor + stop.start()):
            sentence = floor + stop.end()
    starts = [(sentence + m.end(), m.group()) for m in _BOUNDARY.finditer(text[sentence:limit])]
    for start, mark in reversed(starts):
        word = mark.strip(" \t\n,;:")
        if mark == ",":  # ', she turned to him and said': a clause of its own after a comma
            chosen = _opening_subject(text, start, limit, found, reach=1)
            if chosen is not None and not re.match(r"[ \t\n]+[a-z]", text[chosen[1]:chosen[1] + 3]):
                chosen = None
        elif word and word not in ("and", "but", "yet", "so"):  # 'that Katharine collected herself and asked'
            if joins_main or "," in text[start:limit]:
                continue  # a subordinate clause the coordinated verb does not belong to
            chosen = _opening_subject(text, start, limit, found, reach=1)
        else:
            chosen = _opening_subject(text, _past_subordinate(text, start, limit), limit, found, reach=40)
        if chosen is not None:
            return chosen
    return _opening_subject(text, _past_subordinate(text, sentence, limit), limit, found, reach=None)


def _past_subordinate(text: str, start: int, limit: int) -> int:
    """Past a clause's leading subordinate clause ('When Tony came in, ...', 'and, as she
    went, ...'): the position after its comma (or ``start``)."""
    pos = _skip_junk(text, start, limit)
    first = _WORD.match(text, pos, limit)
    if first is not None and first.group().lower() in ("and", "but"):
        pos = _skip_junk(text, first.end(), limit)
        first = _WORD.match(text, pos, limit)
    if first is not None and first.group().lower() in _SUBORDINATE:
        comma = text.find(",", pos, limit)
        if comma >= 0:
            return comma + 1
    return start


def _opening_subject(
    text: str, start: int, limit: int, found: list[tuple[int, int, str | None, str | None]], reach: int | None,
) -> tuple[int, int, str | None, str | None] | None:
    """The first name or he/she of ``text[start:limit]`` that is neither an object nor a
    possessor, when it stands within ``reach`` characters of the start."""
    for item in found:
        if item[0] < start or item[0] >= limit:
            continue
        if reach is not None and item[0] - start > reach:
            return None
        if not _is_object(text, start, item[0], item[1]):
            return item
    return None


# Where a clause opens: ', and' / ', but' / ';' (main clauses), or 'that' / 'where' / 'while'...
_BOUNDARY = re.compile(r";|:|,[ \t\n]+(?:and|but|yet|so)\b|,|\b(?:that|where|when|while|whilst|as|till|until)\b")
_JOIN_MAIN = True
_PASSIVE = re.compile(r"\b(?:was|were)\b")



def _before_aside(
    text: str, found: list[tuple[int, int, str | None, str | None]], verb_start: int
) -> tuple[int, int, str | None, str | None] | None:
    """'Clara, under the impression that she was snubbing Dev, added:': a name set off by
    commas from its verb (an adverb or two between: 'thus began') is the subject; the
    names inside the aside are not, nor a name before a new clause ('said Cecil, while
    Miss Bartlett, ..., added')."""
    for start, end, entity, pronoun in reversed(found):  # the nearest: 'Mrs. B. protested, and Lydia, ..., exclaimed'
        aside = text[end + 1:verb_start].rstrip() if text.startswith(",", end) else ""
        aside = _TRAILING_ADVERBS.sub("", aside)  # 'Isabella, embracing Catherine, thus began:'
        opener = _WORD.match(aside.lstrip())
        if opener is not None and opener.group().lower() in _CLAUSE_JOINERS:
            continue  # 'said Cecil, while Miss Bartlett, ..., added': a new clause, its own subject
        if entity is not None and len(aside) > 1 and aside.endswith(",") and not re.search(r"[.!?;]", aside):
            return start, end, entity, pronoun
    return None


# Words that open a clause of its own after a comma ('..., while Anna, ..., added').
_CLAUSE_JOINERS = frozenset("and but while whilst when as though although yet or so whereupon".split())
_TRAILING_ADVERBS = re.compile(r"(?:[ \t\n]+(?:thus|then|now|so|at[ \t\n]+last|presently|[a-z]+ly))+$")


def _tag_cue(start: int, end: int, entity: str | None, pronoun: str | None, verb: str) -> Cue:
    if entity is not None:
        return Cue("explicit tag", start, end, 0.8, entity, verb=verb)
    return Cue("pronoun tag", start, end, 0.75, pronoun=pronoun, verb=verb)


def _is_object(text: str, floor: int, start: int, end: int) -> bool:
    """A name owned ("Edward's") or governed by a preposition ('to Anna')."""
    if possessive_end(text, end) is not None:
        return True
    before = list(_WORD.finditer(text, max(floor, start - 20), start))
    return bool(before) and before[-1].end() >= start - 2 and before[-1].group().lower() in word_set("object_prepositions")


def _subject_before_verb(
    text: str, floor: int, words: list[re.Match[str]], verb_i: int, index: CharacterIndex
) -> Cue | None:
    """The name or pronoun right before a tag verb, skipping adverbs and auxiliaries."""
    skip = word_set("tag_skip_words")
    j = verb_i - 1
    while j >= 0 and (words[j].group().lower() in skip or words[j].group().endswith("ly")):
        j -= 1
    if j < 0:
        return None
    gap = text[words[j].end():words[j + 1].start() if j + 1 < len(words) else words[verb_i].start()]
    if gap.strip():
        return None  # punctuation between subject and verb: not a simple tag
    word = words[j]
    verb = words[verb_i].group().lower()
    for mention in index.mentions_between(max(floor, word.start() - 40), word.end()):
        if mention.end == word.end():
            return Cue("explicit tag", mention.start, mention.end, 0.9, mention.entity, verb=verb)
    lower = word.group().lower()
    if lower in SUBJECT_PRONOUNS and (lower != "i" or word.group() == "I"):
        return Cue("pronoun tag", word.start(), word.end(), 0.85, pronoun=SUBJECT_PRONOUNS[lower], verb=verb)
    for k in range(max(0, j - 3), j + 1):  # 'the old man said' / 'Mr. Inglethorp said'
        if k > 0 and text.startswith(".", words[k - 1].end()) and words[k - 1].group().lower() in gendered_titles():
            continue
        subject = _description_at(text, words[k].start(), words[verb_i].start(), index)
        if subject is not None and subject.end == word.end() and not subject.possessive:
            return _cue_from_subject(subject, "explicit tag", 0.85, verb=verb)
    return None


def sentence_subjects(text: str, start: int, end: int, index: CharacterIndex) -> list[Cue]:
    """The subject of each narration sentence in ``text[start:end]`` that opens with a
    character or a pronoun ('Then Luke walked in.' -> Luke), as "same paragraph" cues."""
    cues: list[Cue] = []
    openers = word_set("sentence_openers")
    for s_start, s_end in sentence_spans(text, start, end):
        pos = _skip_junk(text, s_start, s_end)
        for _ in range(3):
            word = _WORD.match(text, pos, s_end)
            if word is None or word.group().lower() not in openers:
                break
            pos = _skip_junk(text, word.end(), s_end)
        subject = _subject_at(text, pos, s_end, index)
        if subject is None:
            continue
        if subject.possessive:
            if subject.entity is None and not _is_lower_word_at(text, subject.end, s_end):
                continue
        else:
            predicate = _predicate(text, subject.end, s_end)
            if predicate is None or predicate[0] in word_set("not_a_predicate"):
                continue
        cues.append(_cue_from_subject(subject, "narrative subject", 0.6 if subject.entity else 0.5))
    return cues
