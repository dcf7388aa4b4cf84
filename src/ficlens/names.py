"""Candidate names: every capitalised-word sequence in the story, found in one regex pass.

A candidate occurrence is a run of capitalised words joined by spaces, hyphens or name
particles ("Aix-en-Provence", "Cote d'Azur", "Rue de Rivoli"), with an optional leading
title ("Mrs. Gilmore", "King René"). Whether the name is a person, a place or nothing
is decided later, per name, from the evidence of all its occurrences; here we only cut
the text into occurrences and drop what is plainly not a name:

* sentence-initial words that the text also uses in lower case ("Too much has
  happened", "Tell Kirk") or that are function words and interjections ("Well", "Oh");
* all-caps words (shouting, acronyms), "I" and its contractions, "She'd", "It-It";
* a capitalised verb never extends a name: "Hermione Flooed" is a name and a verb when
  the text writes "she Flooed" somewhere (``capitalised_verbs``).

A possessive name followed by a capitalised place word ("King René's Fountain") is one
place name; the person name inside it is remembered as embedded (``embedded_in``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import word_list, word_set

# A capitalised word: optional elision (d', l'), a capital, then word characters,
# apostrophes and hyphenated parts ("Aix-en-Provence", "O'Brien"), optional final period.
_WORD = re.compile(r"(?<![\w-])(?<![\w'’-]['’])(?:[dDlL]['’])?[A-ZÀ-ÖØ-Þ\u0100-\u024F\u0386-\u03AB\u0400-\u042F][\w'’]*"
                   r"(?:-[\w'’]+)*\.?")  # Latin-1 capitals; Latin Extended, Greek, Cyrillic checked below
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-zà-öø-ÿ][a-zà-öø-ÿ'’]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_PARTICLES = frozenset({"de", "del", "della", "di", "du", "da", "des", "la", "le", "van", "von", "der", "den",
                        "ten", "ter", "y", "al", "bin", "ibn", "en", "dos", "das"})
_GAP_SPACE = re.compile(r"[ \t]*\n[ \t]*|[ \t]+")  # one line break: hard-wrapped text
_GAP_PARTICLE = re.compile(r"\s+([a-z]+)(?:\s+(the|la|le|de|der|den|los|las))?\s+")  # "van der", "de la"
_OPENING = "\"“‘'([*_"
_TERMINAL = ".!?…:;"


@dataclass(slots=True)
class Occurrence:
    """One place where a candidate name is written.

    ``start``/``end`` cover title and name ("Mrs. Gilmore"); ``name_start`` is where the
    name proper begins. ``name`` is the key the stage decides on (no title, no article).
    """

    start: int
    end: int
    name_start: int
    name: str
    title: str | None = None
    initial: bool = False
    possessive: bool = False
    article: str | None = None
    article_start: int | None = None
    embedded_in: str | None = None

    @property
    def form(self) -> str:
        """The name as written, with its title: the alias string."""
        return f"{self.title} {self.name}" if self.title else self.name


@dataclass(slots=True)
class _Token:
    start: int
    end: int
    text: str
    possessive: bool


@lru_cache(maxsize=1)
def title_genders() -> dict[str, str]:
    """Title as written ("Mrs.") -> "male" | "female" | "any"."""
    table: dict[str, str] = {}
    for line in word_list("name_titles"):
        parts = line.split()
        if len(parts) == 2:
            table[parts[0]] = parts[1]
    return table


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Given name -> "female" | "male" (names on both lists are left out: no evidence)."""
    female = {n for line in word_list("given_names_female") for n in line.split()}
    male = {n for line in word_list("given_names_male") for n in line.split()}
    table = {n: "female" for n in female - male}
    table.update({n: "male" for n in male - female})
    return table


@lru_cache(maxsize=1)
def not_name_words() -> frozenset[str]:
    """Words that never start a name on their own: function words, interjections, kinship."""
    return word_set("capitalised_common_words") | word_set("interjections") | word_set("kinship_words")


_DRAWN_OUT = re.compile(r"([a-z])\1\1")
_REPEATS = re.compile(r"([a-z])\1+")


@lru_cache(maxsize=1)
def _squeezed_interjections() -> frozenset[str]:
    return frozenset(_REPEATS.sub(r"\1", word) for word in word_set("interjections"))


def is_not_name_word(word: str) -> bool:
    """True for a word that is never a name on its own, drawn-out spellings included.

    Fans spell sounds as they are said ("Oooh", "Arggh", "Hmmmm", "Ooo"): a letter three
    times in a row is a drawn-out sound, never a name, and squeezing doubled letters
    finds the listed interjection behind the rest ("Arggh" is "Argh").
    """
    low = word.lower()
    if low in not_name_words() or _DRAWN_OUT.search(low):
        return True
    return _REPEATS.sub(r"\1", low) in _squeezed_interjections()


def lowercase_counts(text: str, spans: list[tuple[int, int]]) -> Counter[str]:
    """How often each word occurs in lower case: "too" tells us "Too" is no name."""
    counts: Counter[str] = Counter()
    for start, end in spans:
        counts.update(m.group() for m in _LOWER_WORD.finditer(text, start, end))
    return counts


def is_initial(text: str, pos: int, span_start: int) -> bool:
    """True when ``pos`` starts a sentence or a line of dialogue (capitals prove nothing there)."""
    j = pos - 1
    while j >= span_start and text[j] in " \t\r\n":
        if text[j] == "\n" and j > span_start and text[j - 1] in "\n\r":
            return True  # a blank line: a new paragraph
        j -= 1
    if j < span_start:
        return True
    char = text[j]
    if char in _OPENING:
        k = j - 1
        if k < span_start or text[k].isspace() or text[k] in _OPENING:
            return True  # an opening mark
        return text[k] in _TERMINAL  # a closing mark after '.', '?' or '!'
    if char in _TERMINAL:
        return True
    if char == "-" and j > span_start and text[j - 1] == "-":  # "-- Pull out his eyes": a dialogue dash
        j -= 1
        char = "—"
    return char in "—–" and (j == span_start or text[j - 1] in "\n\"“")


def _tokens(text: str, start: int, end: int) -> list[_Token]:
    titles = title_genders()
    tokens: list[_Token] = []
    for match in _WORD.finditer(text, start, end):
        word, t_end = match.group(), match.end()
        initial_letter = word[2] if word[1:2] in ("'", "’") and len(word) > 2 else word[0]
        if not initial_letter.isupper():  # "ł", "ą": lower-case letters of the extended ranges
            continue
        if word.endswith(".") and word not in titles and not re.fullmatch(r"[A-Z]\.", word):
            word, t_end = word[:-1], t_end - 1  # a sentence's full stop, not an abbreviation
        if not word:
            continue
        suffix = re.search(r"(?:-[a-z][a-z'’]*)+$", word)
        if suffix and not _PARTICLE_PART.search(word):
            word = word[:suffix.start()]  # "Woodhouse-ing", "Smith-like": a word made from the name
            t_end = match.start() + len(word)
        possessive = False
        stripped = _POSSESSIVE.sub("", word) if len(word) > 2 else word
        if stripped != word and stripped:
            possessive = True
            t_end = match.start() + len(stripped)
            word = stripped
        if _REGNAL.fullmatch(word) and tokens and tokens[-1].text and not tokens[-1].possessive \
                and text[tokens[-1].end:match.start()] == " " and tokens[-1].text[:1].isupper():
            tokens.append(_Token(match.start(), t_end, word, possessive))  # "Charles II"
            continue
        if word in ("I", "I.") or word.startswith(("I'", "I’")) or (len(word) > 1 and word.isupper() and "." not in word) \
                or _function_word_form(word):
            tokens.append(_Token(match.start(), t_end, "", False))  # a barrier: never part of a name
            continue
        tokens.append(_Token(match.start(), t_end, word, possessive))
    return tokens


_CONTRACTION = re.compile(r"([A-Za-z]+)['’](?:d|ll|re|ve|m|s)", re.IGNORECASE)


def _function_word_form(word: str) -> bool:
    """ "She'd", "They'll" (a function word and a contraction) or "It-It" (a stutter): never a name."""
    contraction = _CONTRACTION.fullmatch(word)
    if contraction:
        return contraction.group(1).lower() in word_set("capitalised_common_words")
    parts = word.split("-")
    return len(parts) > 1 and len({p.lower() for p in parts}) == 1 and parts[0].lower() in word_set("capitalised_common_words")


# "Aix-en-Provence", "Stratford-upon-Avon": lower-case inner parts that belong to a place name.
_PARTICLE_PART = re.compile(r"-(?:en|le|la|de|du|des|sur|upon|on|under|in|am|an|by|of|the)-", re.IGNORECASE)
# Titles of address that never stand inside a name: after a name, they start the next.
_ADDRESS = frozenset({"Mr", "Mrs", "Miss", "Ms", "Mister", "Missus", "Madame", "Monsieur", "Mademoiselle", "Herr",
                      "Frau", "Fraulein", "Fräulein", "Signor", "Signora", "Señor", "Señora"})
# A regnal number after a name ("Charles II", "Henry VIII"); a lone "I" stays the pronoun.
_REGNAL = re.compile(r"(?:II|III|IV|VI|VII|VIII|IX|XI|XII|XIII|XIV|XV|XVI)")
_ORDINALS = frozenset({"First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
                       "Tenth", "Eleventh", "Twelfth", "Great", "Elder", "Younger", "Conqueror", "Confessor"})


def _joins(text: str, left: _Token, right: _Token, run: list[_Token], verbs: frozenset[str] = frozenset()) -> bool:
    """Whether ``right`` continues the name that ``left`` ends."""
    if not left.text or not right.text or left.possessive or right.text in ("The", "A", "An"):
        return False
    if right.text in verbs and left.text not in title_genders():  # "Hermione Flooed": a name, then a verb
        return False
    titles = title_genders()
    if right.text in titles and left.text not in titles and (right.text.endswith(".") or right.text in _ADDRESS):
        return False  # "Miss Lucy Mrs. Ferrars", "Mr. Hastings Miss Howard": a title starts a new name
    gap = text[left.end:right.start]
    if _GAP_SPACE.fullmatch(gap) or gap == "":
        return not (left.text.endswith(".") and left.text not in title_genders() and len(left.text) > 2)
    if gap == " the " and right.text in _ORDINALS and left.text in given_names():
        return True  # "Edward the Second", "Alfred the Great"
    particle = _GAP_PARTICLE.fullmatch(gap)
    if not particle:
        return False
    word = particle.group(1)
    if word in _PARTICLES:
        return True
    if word == "of":  # "Duke of Wellington", "University of Oxford", "City of Fountains"
        head = left.text
        return head in title_genders() or head.lower() in place_cue_words() or head in _of_heads()
    return False


@lru_cache(maxsize=1)
def place_cue_words() -> frozenset[str]:
    return frozenset(line.split()[0].lower() for line in word_list("place_cues"))


_ARTICLES = frozenset({"the", "a", "an"})


@lru_cache(maxsize=1)
def _organisation_words() -> frozenset[str]:
    return frozenset(word.lower() for word in word_list("organisation_cues"))


@lru_cache(maxsize=1)
def _of_heads() -> frozenset[str]:
    return frozenset(line for line in word_list("organisation_cues")) | {"Bank", "Isle", "Lord", "Lady"}


def _runs(text: str, start: int, end: int, verbs: frozenset[str] = frozenset()) -> list[list[_Token]]:
    runs: list[list[_Token]] = []
    current: list[_Token] = []
    for token in _tokens(text, start, end):
        if current and _joins(text, current[-1], token, current, verbs):
            current.append(token)
            continue
        if current:
            runs.append(current)
        current = [token] if token.text else []
    if current:
        runs.append(current)
    return runs


def _strip_leading(run: list[_Token], text: str, span_start: int, lower: Counter[str],
                   mid_caps: Counter[str]) -> tuple[list[_Token], bool]:
    """Drop sentence-initial non-name words ("Tell Kirk", "Oh Sookie"); say if the rest is initial."""
    initial = is_initial(text, run[0].start, span_start)
    function_words = word_set("capitalised_common_words")
    names = given_names()
    cue_named = len(run) > 1 and run[-1].text.lower() in place_cue_words() | _organisation_words() \
        and not any(token.text in title_genders() for token in run[:-1])  # "When Mrs. Hall": a person
    while run:
        word = run[0].text
        if word in title_genders() and len(run) > 1:
            break
        low = word.lower()
        if cue_named and len(run) > 1:  # "The Great Fountain": only the article (or "Perhaps") goes
            if low in _ARTICLES or (initial and is_not_name_word(low) and word not in names):
                run = run[1:]
                continue
            break
        if initial and (is_not_name_word(low) or (lower.get(low, 0) > 0 and not mid_caps.get(word))) and word not in names:
            run = run[1:]
            continue
        if len(run) > 1 and low in word_set("calendar_words") and run[1].text in names:
            run = run[1:]  # "Saturday Ralph Denham came": the day, then the man
            initial = False
            continue
        if not initial and low in function_words and word not in names and len(run) > 1 \
                and low not in word_set("calendar_words"):  # mid-sentence "May Welland" is no modal verb
            run = run[1:]
            continue
        break
    return run, initial


def extract(text: str, spans: list[tuple[int, int]], lower: Counter[str],
            verbs: frozenset[str] | None = None) -> list[Occurrence]:
    """Every candidate-name occurrence in the given paragraph spans, in text order.

    Two passes: the first counts the words written capitalised in mid-sentence
    (``mid_caps``), so that a sentence-initial "Buck Mulligan" keeps "Buck" even though
    the text also has a lower-case "buck"; the second cuts the occurrences.
    """
    verbs = capitalised_verbs(text, spans, lower) if verbs is None else verbs
    all_runs = [(span_start, _runs(text, span_start, span_end, verbs)) for span_start, span_end in spans]
    mid_caps: Counter[str] = Counter()
    for span_start, runs in all_runs:
        for run in runs:
            first = 0 if not is_initial(text, run[0].start, span_start) else 1
            mid_caps.update(token.text for token in run[first:])
    occurrences: list[Occurrence] = []
    for span_start, runs in all_runs:
        index = 0
        while index < len(runs):
            run = runs[index]
            nxt = runs[index + 1] if index + 1 < len(runs) else None
            if nxt and _is_possessive_place(text, run, nxt):
                occurrences.extend(_possessive_place(text, run, nxt, span_start, lower, mid_caps))
                index += 2
                continue
            occurrence = _occurrence(text, run, span_start, lower, mid_caps)
            if occurrence:
                occurrences.append(occurrence)
            index += 1
    return occurrences


# "she Flooed", "they'd Apparated", "he just Disapparated": a capitalised -ed/-ing word
# right after a subject pronoun is a verb made from an in-world noun.
_PRONOUN_VERB = re.compile(r"(?<![\w'’])(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)(?:['’]d|[ \t]+(?:just|then|had|has|have|was|were))?"
                           r"[ \t]+([A-Z][a-z'’]+(?:ed|ing|'d|’d))\b")
_VERB_SUFFIX = re.compile(r"[a-z]{3,}(?:ed|ing)$")


def capitalised_verbs(text: str, spans: list[tuple[int, int]], lower: Counter[str]) -> frozenset[str]:
    """Capitalised words that the text uses as verbs: never the second word of a name.

    A word ending in -ed/-ing that follows a subject pronoun somewhere ("she Flooed"), or
    that ends in -ed and is also written in lower case ("apparated"), is a verb form; "Hermione
    Flooed" is then a name and a verb, not one two-word name. Names ending so ("Fielding",
    "Darling") are never written right after "she".
    """
    found: set[str] = set()
    for start, end in spans:
        for match in _PRONOUN_VERB.finditer(text, start, end):
            found.add(match.group(1))
    return frozenset(w for w in found if _VERB_SUFFIX.search(w) or w.endswith(("'d", "’d"))) \
        | frozenset(w.capitalize() for w, n in lower.items() if n and w.endswith("ed") and _VERB_SUFFIX.search(w))


_VERB_ENDING = re.compile(r"(?:e?d|ing|['’]d)$")


def verb_stem(word: str) -> str:
    """ "Apparated", "Apparating" -> "Apparat"; "Accio'd" -> "Accio"; others unchanged."""
    return _VERB_ENDING.sub("", word) if len(word) > 5 or "'" in word or "’" in word else word


def _is_possessive_place(text: str, run: list[_Token], nxt: list[_Token]) -> bool:
    gap = text[run[-1].end:nxt[0].start]
    return bool(re.fullmatch(r"[ \t]?['’]s?\s+", gap)) and nxt[-1].text.lower() in place_cue_words()


def _possessive_place(text: str, run: list[_Token], nxt: list[_Token], span_start: int,
                      lower: Counter[str], mid_caps: Counter[str]) -> list[Occurrence]:
    """ "King René's Fountain": one place occurrence, and the person name embedded in it."""
    stripped, initial = _strip_leading(run, text, span_start, lower, mid_caps)
    if not stripped:
        stripped = run
    start, end = stripped[0].start, nxt[-1].end
    place = Occurrence(start, end, start, _one_line(text[start:end]), initial=initial)
    _attach_article(text, place, span_start)
    inner = _occurrence(text, stripped, span_start, lower, mid_caps, force=True)
    occurrences = [place]
    if inner:
        inner.embedded_in = place.name
        occurrences.append(inner)
    return occurrences


def _occurrence(text: str, run: list[_Token], span_start: int, lower: Counter[str],
                mid_caps: Counter[str], force: bool = False) -> Occurrence | None:
    stripped, initial = (run, is_initial(text, run[0].start, span_start)) if force else \
        _strip_leading(run, text, span_start, lower, mid_caps)
    while len(stripped) > 1 and (stripped[-1].text in word_set("clause_starts", lower=False)
                                 or _trailing_weekday(stripped)):
        stripped = stripped[:-1]  # "Leicester Abbey Where the abbots", "Colonel Brandon Monday": not the name
    if not stripped:
        return None
    titles = title_genders()
    title = None
    name_tokens = stripped
    if len(stripped) > 1 and stripped[0].text in titles and " of " not in text[stripped[0].end:stripped[1].start]:
        title = stripped[0].text
        name_tokens = stripped[1:]
    if initial and stripped[0] is not run[0]:
        initial = False
    start, name_start, end = stripped[0].start, name_tokens[0].start, name_tokens[-1].end
    if title:  # "Mr. van der Luyden": the particles belong to the name
        name_start = stripped[0].end + len(text[stripped[0].end:name_start]) - len(text[stripped[0].end:name_start].lstrip())
    if title is None:  # "the van der Luydens": the particles before the name are part of it
        particles = _LEADING_PARTICLES.search(text, max(span_start, start - 12), start)
        if particles:
            start = name_start = particles.start()
            initial = False
    start = _epithet_start(text, run, stripped, start)
    occurrence = Occurrence(start, end, name_start, _one_line(text[name_start:end]), title=title, initial=initial,
                            possessive=name_tokens[-1].possessive)
    if title is None:
        _attach_article(text, occurrence, span_start)
    return occurrence


def _epithet_start(text: str, run: list[_Token], stripped: list[_Token], start: int) -> int:
    """ "Old Cotter was sitting at the fire": a narrator's epithet opening the sentence was cut
    as a common word, yet it is written as part of the name; the mention starts with it (the
    name and its alias stay "Cotter")."""
    cut = len(run) - len(stripped)
    if cut < 1 or not stripped:
        return start
    before = run[cut - 1]
    if before.text in word_list("name_epithets") and text[before.end:stripped[0].start] == " ":
        return before.start
    return start


def _trailing_weekday(run: list[_Token]) -> bool:
    """ "saw Colonel Brandon Monday": a weekday after a name is when, not part of it
    (but "President Sunday", a title and the one word, is a name)."""
    last = run[-1].text
    return last.endswith("day") and last.lower() in word_set("calendar_words") \
        and not (len(run) == 2 and run[0].text in title_genders())


_LEADING_PARTICLES = re.compile(r"(?<![\w'’])(?:van|von)(?:[ \t]+(?:der|den|de|ter|ten))?[ \t]+$")
_ARTICLE_BEFORE = re.compile(r"(?:^|(?<=[\s\"“(]))([Tt]he)[ \t]+$")


def _attach_article(text: str, occurrence: Occurrence, span_start: int) -> None:
    window_start = max(span_start, occurrence.start - 5)
    match = _ARTICLE_BEFORE.search(text, window_start, occurrence.start)
    if match:
        occurrence.article = match.group(1)
        occurrence.article_start = match.start(1)


def name_tokens(name: str) -> list[str]:
    """The words of a name, particles included ("Cote d'Azur" -> ["Cote", "d'Azur"])."""
    return name.split()


def _one_line(name: str) -> str:
    """A name as one key however the text is wrapped ("Lady Catherine de\\nBourgh")."""
    return " ".join(name.split()) if any(c in name for c in "\n\r\t  ") else name
