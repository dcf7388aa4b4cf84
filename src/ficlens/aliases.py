"""Group the name forms of the characters into one cluster per person.

A form is a name as written with its title ("Mrs. Gilmore", "Emily", "Emily Gilmore").
The rules, in order:

1. Every multi-word name ("Emily Gilmore", "Uchiha Sasuke") starts a cluster; a longer
   one with the same first and last word absorbs it ("Mary Ann Smith" / "Mary Smith"),
   unless it is a wife named by her husband's name ("Mrs. Charles Musgrove") or its
   title's sex contradicts the cluster's; so does the one with a given name of the same
   diminutive family ("Jim Vane" / "James Vane"). Lower-case particles belong to the
   surname ("van der Luyden" is one word).
2. Titled one-word forms ("Mrs. Gilmore", "Mr. Bennet", "Lady Catherine"): given-name
   titles that match a given name first ("Miss Marianne"), then unmarried titles, then
   the rest, most frequent first. The word as a surname of exactly one cluster whose
   gender fits the title joins it (a known given name's sex decides: "Mr. Denham" is
   Ralph Denham; a rank title, "Admiral Croft", never joins a Mrs./Miss); failing that,
   as the given name of exactly one fitting cluster ("Mrs. Rachel", "Mr. Thaddeus"; not
   after a rank, nor when another title makes the word a family name: "Mr. Thomas"
   beside "Mrs. Thomas"); otherwise the form is its own
   cluster (so "Mr. Bennet" and "Mrs. Bennet" never merge with each other, and "Mrs.
   Bennet" does not join "Elizabeth Bennet" when several female Bennets exist). A Mrs.
   never joins a person who is also the Miss of that surname; when the text names the
   sisters as a family ("the Miss Steeles"), "Miss Steele" is the eldest and does not
   join the sister called "Miss Lucy".
3. Bare one-word forms ("Emily", "Sasuke", "Gilmore", "Lizzy"), most frequent first:
   the word (or its diminutive family: Lizzy ~ Elizabeth) as a given name of the
   clusters; else as a surname, among the clusters whose gender fits the pronouns after
   the bare form ("Archer" ... he: not "Mrs. Archer"). One match joins; several matches
   join the most frequent one only when it has at least twice the mentions of the next
   (an ambiguous bare surname such as "Gilmore" with Emily, Lorelai and Richard Gilmore
   stays on its own). No match: its own cluster. "the Rabbit" joins the one "the White
   Rabbit". (The characters stage then decides a given name two people share, "John",
   per use: see ``character_mentions._shared_given_names``.)

The canonical name is the form with the most name words (titles not counted), ties
broken by frequency: "Emily Gilmore" over "Emily", "Mr. Darcy" over "Darcy"; a bare
title ("Mademoiselle") only when the person has no other name.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon import word_list
from .names import given_names, title_genders


@dataclass(slots=True)
class Cluster:
    forms: Counter[str] = field(default_factory=Counter)
    given: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    gender: Counter[str] = field(default_factory=Counter)

    @property
    def mentions(self) -> int:
        return sum(self.forms.values())

    def gender_guess(self) -> str | None:
        female, male = self.gender.get("female", 0), self.gender.get("male", 0)
        if female > male:
            return "female"
        if male > female:
            return "male"
        return None


@lru_cache(maxsize=1)
def diminutive_families() -> dict[str, frozenset[str]]:
    """Name -> every name of its family ("Lizzy" -> {"Elizabeth", "Lizzy", "Eliza", ...})."""
    families: dict[str, set[str]] = {}
    for line in word_list("diminutives"):
        names = set(line.split())
        for name in names:
            families.setdefault(name, set()).update(names)
    return {name: frozenset(family) for name, family in families.items()}


def _same_given(word: str, given: str) -> bool:
    """One given name, or a spelling of it that differs by one inner letter ("Catharine" /
    "Catherine"): writers and transcribers vary such spellings of one person's name. Short
    names ("Jane" / "June") are different names, so only from six letters."""
    if word == given:
        return True
    if len(word) != len(given) or len(word) < 6 or word[0] != given[0] or word[-1] != given[-1]:
        return False
    return sum(a != b for a, b in zip(word, given)) == 1


def _pet_surname(word: str) -> str | None:
    """ "Skaggsy" -> "Skaggs": a surname with a pet ending, as friends say it; only when the
    word is no given name of its own ("Kitty", "Betty")."""
    if word.endswith("y") and len(word) >= 6 and word not in given_names() and word not in diminutive_families():
        return word[:-1]
    return None


def _given_gender(word: str) -> str | None:
    """The sex of a given name, or of the formal names of its family when the pet form is
    not listed itself ("Freddy" -> Frederick: male), if they agree."""
    known = given_names().get(word)
    if known in ("male", "female"):
        return known
    family = {given_names().get(n) for n in diminutive_families().get(word, ())} - {None}
    family = {g for g in family if g in ("male", "female")}
    return next(iter(family)) if len(family) == 1 else None


def _split(form: str) -> tuple[str | None, list[str]]:
    words = _particles_joined(form.split())
    if len(words) > 1 and words[0] in title_genders():
        return words[0], words[1:]
    return None, words


def _particles_joined(words: list[str]) -> list[str]:
    """ "van der Luyden" is one surname: lower-case particles join the word after them."""
    if all(w[:1].isupper() for w in words):
        return words
    joined: list[str] = []
    pending: list[str] = []
    for word in words:
        if word[:1].islower():
            pending.append(word)
            continue
        joined.append(" ".join(pending + [word]))
        pending = []
    return joined + pending


def _compatible(cluster: Cluster, gender: str | None) -> bool:
    if gender is None:
        return True
    known = {_given_gender(g) for g in cluster.given} - {None}
    if known and _wife_only(cluster):  # "Mrs. Peter Blewett": Peter is her husband, she is a she
        known = {_title_gender(f) for f in cluster.forms} - {None}
    if known:  # "Mrs. Denham" is not "Ralph Denham", "Mr. Denham" is, whatever the pronouns say
        return known == {gender}
    guess = cluster.gender_guess()
    return guess is None or guess == gender


def _choose(candidates: list[Cluster]) -> Cluster | None:
    unique = list({id(c): c for c in candidates}.values())
    if len(unique) == 1:
        return unique[0]
    if not unique:
        return None
    unique.sort(key=lambda c: c.mentions, reverse=True)
    if unique[0].mentions >= 2 * unique[1].mentions:
        return unique[0]
    return None


def cluster_forms(form_counts: Counter[str], form_gender: dict[str, Counter[str]],
                  families: frozenset[str] = frozenset()) -> list[Cluster]:
    """Cluster the name forms (see the module docstring for the rules). ``families``: the
    surnames the text also writes as a family of several ("the Miss Steeles")."""
    clusters: list[Cluster] = []
    epithets = [f for f in form_counts if _epithet_name(f)]
    all_counts, form_counts = form_counts, Counter({f: n for f, n in form_counts.items() if f not in epithets})
    multi = sorted((f for f in form_counts if len(_split(f)[1]) > 1),
                   key=lambda f: (-len(_split(f)[1]), -form_counts[f]))
    for form in multi:
        _, words = _split(form)
        title_gender = _title_gender(form)
        home = next((c for c in clusters if any(_same_given(words[0], g) for g in c.given) and words[-1] in c.surnames
                     and _titles_fit(c, title_gender)
                     and _wife_form(form) == any(_wife_form(f) for f in c.forms)
                     and _compatible(c, _clear_gender(c.gender) and title_gender)), None)
        if home is None:  # "Jim Vane" and "James Vane": one name family, one surname, one such person
            kin = [c for c in clusters if c.given & diminutive_families().get(words[0], frozenset())
                   and words[-1] in c.surnames and _titles_fit(c, title_gender) and not _wife_form(form)
                   and not any(_wife_form(f) for f in c.forms) and _compatible(c, title_gender)]
            home = kin[0] if len(kin) == 1 else None
            if home is not None:
                home.given.add(words[0])
        if home is None:
            home = Cluster()
            clusters.append(home)
            home.given.add(words[0])
            home.surnames.update({words[-1], " ".join(words[1:])})
        _add(home, form, form_counts, form_gender)
    singles = [f for f in form_counts if len(_split(f)[1]) == 1]
    titled = sorted((f for f in singles if _split(f)[0]), key=lambda f: -form_counts[f])
    bare = sorted((f for f in singles if not _split(f)[0]), key=lambda f: -form_counts[f])
    given_words = {g for c in clusters for g in c.given}
    titles_of: dict[str, set[str]] = {}
    for form in titled:
        titles_of.setdefault(_split(form)[1][0], set()).add(_split(form)[0] or "")
    # "Miss Marianne", then "Miss Dashwood", before any Mrs.: a Mrs. never joins a Miss
    titled.sort(key=lambda f: (not (_split(f)[0] in given_name_titles() and _split(f)[1][0] in given_words),
                               _split(f)[0] in _MARRIED, -form_counts[f]))
    for form in titled:
        title, words = _split(form)
        gender = title_genders().get(title or "")
        gender = gender if gender in ("male", "female") else _clear_gender(form_gender.get(form), 2)  # "Admiral Croft": he
        word = words[0]
        same_title = [c for c in clusters if form in c.forms]
        home = same_title[0] if same_title else None
        if home is None:  # "Sir John" -> "Sir John Middleton", "Mrs. Peter" -> "Mrs. Peter Blewett"
            same = [c for c in clusters if any(f.startswith(f"{title} {word} ")
                                               and (title in given_name_titles() or _wife_form(f)) for f in c.forms)]
            home = same[0] if len(same) == 1 else None
        if home is None:  # "Captain Tilney" -> "Captain Frederick Tilney"; "Mr. E." -> the one "Mr. Elton"
            home = _same_title_bearer(clusters, title, word)
        if home is None:
            by_surname = [c for c in clusters if word in c.surnames and _compatible(c, gender)
                          and _titles_fit(c, gender or _rank_gender(title))]
            by_surname = _without_strays(_rivals_that_count(by_surname, title), form_counts[form])
            home = by_surname[0] if len(by_surname) == 1 and _marriage_fits(by_surname[0], title, word) else None
            if home is None and title in _UNMARRIED and len(by_surname) > 1:
                home = _eldest_daughter(by_surname, title, word)
            if home is not None and title in _UNMARRIED and word in families and _given_titled(home, title):
                home = None  # sisters: "Miss Steele" is the eldest, not "Miss Lucy Steele"
            if home is None and not by_surname and _given_name_use(title, word, titles_of) \
                    and not any(word in c.surnames for c in clusters):
                by_given = [c for c in clusters if word in c.given and _compatible(c, gender)] or \
                    [c for c in clusters if c.given & diminutive_families().get(word, frozenset())
                     and _compatible(c, gender) and not _wife_only(c)]  # "Miss Lizzy": Elizabeth Bennet
                home = by_given[0] if len(by_given) == 1 else None
        if home is None:
            home = Cluster()
            clusters.append(home)
            home.surnames.add(word)
        _add(home, form, form_counts, form_gender)
    for form in bare:
        word = form
        if word.startswith("the "):  # "the Rabbit": the one "the White Rabbit"
            named = [c for c in clusters if word[4:] in c.surnames and any(f.startswith("the ") for f in c.forms)]
            if len(named) == 1:
                _add(named[0], form, form_counts, form_gender)
                continue
        family = diminutive_families().get(word, frozenset({word}))
        by_given = [c for c in clusters if c.given & family and not _wife_only(c)] \
            if word[:1].isupper() else []  # "van der Luyden": a surname; "Charles" is no "Mrs. Charles"
        exact_given = [c for c in by_given if word in c.given]
        home = _choose(exact_given) or (None if exact_given else _choose(by_given))
        if home is not None and not exact_given and form_counts[form] > 3 * _given_uses(home) + 3:
            home = None  # "Kitty" (70 times) is not "Lady Catherine": the pet name is someone's usual name
        if home is None and not by_given:
            by_surname = [c for c in clusters if word in c.surnames]
            gender = _clear_gender(form_gender.get(form))
            fitting = [c for c in by_surname if _clear_gender(c.gender) in (None, gender)]
            if gender and fitting:  # "Archer" (he, he, he) is not "Mrs. Archer"
                by_surname = fitting
            men = [c for c in by_surname if _sex(c) == "male"]
            votes = form_gender.get(form) or Counter()
            if men and votes.get("male", 0) >= votes.get("female", 0):  # "Morland": James, not his sister Catherine
                by_surname = men
            if not by_surname:  # "Skaggsy": a pet form of the one "Skaggs"
                by_surname = [c for c in clusters if _pet_surname(word) in c.surnames]
            home = _choose(by_surname) or _by_gender(by_surname, form_gender.get(form))
            if home is None and any(word in c.surnames for c in clusters):
                home = _own(clusters, word)
        if home is None:
            home = _own(clusters, word)
        _add(home, form, form_counts, form_gender)
    for form in epithets:
        _add(_epithet_home(clusters, form), form, all_counts, form_gender)
    return clusters


def _same_title_bearer(clusters: list[Cluster], title: str | None, word: str) -> Cluster | None:
    """The one person the text names with this title and surname in full ("Captain Frederick
    Tilney" for "Captain Tilney": a rank is his own, so his brothers are not "Captain"), or,
    for an initial ("Mr. E.", as a letter-writer coyly puts it), the one person with this
    title whose surname starts with that letter."""
    if title is None:
        return None
    if _INITIAL.fullmatch(word):
        letter = word[0]
        found = [c for c in clusters if any(_split(f)[0] == title and not _INITIAL.fullmatch(_split(f)[1][-1])
                                            and _split(f)[1][-1].startswith(letter) for f in c.forms)]
    elif _rank_gender(title) is not None:
        found = [c for c in clusters if any(_split(f)[0] == title and len(_split(f)[1]) > 1
                                            and _split(f)[1][-1] == word for f in c.forms)]
    else:
        return None
    return found[0] if len(found) == 1 else None


def _epithet_name(form: str) -> str | None:
    """ "Old Horace" -> "Horace": the given name after a narrator's epithet. A surname after
    it ("Poor Knightley") is left to the surname rules: the brothers share it."""
    words = form.split()
    if len(words) == 2 and words[0] in word_list("name_epithets") \
            and (words[1] in given_names() or words[1] in diminutive_families()):
        return words[1]
    return None


def _epithet_home(clusters: list[Cluster], form: str) -> Cluster:
    """The one person whose given name or surname follows the epithet, else a person of its own."""
    word = _epithet_name(form)
    homes = [c for c in clusters if word in c.given or word in c.surnames or word in c.forms]
    unique = list({id(c): c for c in homes}.values())
    if len(unique) == 1:
        return unique[0]
    home = Cluster()
    clusters.append(home)
    home.surnames.add(word)
    return home


@lru_cache(maxsize=1)
def given_name_titles() -> frozenset[str]:
    return frozenset(word_list("given_name_titles"))


def _eldest_daughter(candidates: list[Cluster], title: str, surname: str) -> Cluster | None:
    """Which of several women of one surname a "Miss" + surname names: the one named twice
    as often as any other among those titled only as a Miss or not at all ("Miss Lucas" is
    Charlotte, not her younger sister Maria). No one when a woman of the family is named
    with another title ("Lady Anne Darcy", "Aunt Josephine Barry"): she may be the Miss."""
    pool: list[Cluster] = []
    for c in candidates:
        if _sex(c) != "female" or _wife_only(c):
            continue
        titles = {_split(f)[0] for f in c.forms} - {None, *_UNMARRIED}
        if not titles:
            pool.append(c)
        elif c.given and not titles & _MARRIED:
            return None
    return _choose(pool) if len(pool) > 1 else None


def _given_name_use(title: str | None, word: str, titles_of: dict[str, set[str]]) -> bool:
    """ "Miss Marianne", "Mrs. Rachel", "Mr. Thaddeus": a title before a given name. Never
    after a rank ("Colonel Fitzwilliam" is no "Fitzwilliam Darcy"), and not when another
    surname title carries the same word ("Mr. Thomas" beside "Mrs. Thomas": a family)."""
    if title in given_name_titles():
        return True
    if _rank_gender(title) is not None:
        return False
    return not any(t != title and t not in given_name_titles() for t in titles_of.get(word, ()))


def _title_gender(form: str) -> str | None:
    title, _ = _split(form)
    gender = title_genders().get(title or "")
    return gender if gender in ("male", "female") else None


def _titles_fit(cluster: Cluster, gender: str | None) -> bool:
    """No form of the cluster carries a title of the other gender ("Mrs. John Dashwood" vs "Mr. John Dashwood")."""
    if gender is None:
        return True
    return all(_title_gender(f) in (None, gender) for f in cluster.forms)


_MARRIED = frozenset({"Mrs.", "Mrs", "Missus", "Madame", "Mme."})
_UNMARRIED = frozenset({"Miss", "Mademoiselle", "Mlle."})


# A younger sister is called "Miss Lucy" as a habit: at least this many times (one "Miss
# Emma" from a servant does not make Emma Woodhouse a younger sister).
_GIVEN_TITLED_USES = 2


def _given_titled(cluster: Cluster, title: str) -> bool:
    """The person is called by title and given name alone ("Miss Lucy"), as a younger sister is."""
    return sum(n for f, n in cluster.forms.items()
               if _split(f)[0] == title and _split(f)[1] in ([g] for g in cluster.given)) >= _GIVEN_TITLED_USES


def _marriage_fits(cluster: Cluster, title: str | None, surname: str) -> bool:
    """ "Mrs. Hilbery" and "Miss Hilbery" of one surname are mother and daughter."""
    if title in _MARRIED:
        other = _UNMARRIED
    elif title in _UNMARRIED:
        other = _MARRIED
    else:
        return True
    return not any(_split(f)[0] in other and _split(f)[1][-1] == surname for f in cluster.forms)


_INITIAL = re.compile(r"[A-Z]\.?")


def _rivals_that_count(candidates: list[Cluster], title: str | None) -> list[Cluster]:
    """The people a titled surname may name, when there are several, without a full name
    whose given name is only an initial ("C. Weston Churchill": a signature), and for a
    "Mr." without the man known by a rank ("Captain Frederick Tilney" is "Captain Tilney",
    never "Mr. Tilney")."""
    if len(candidates) < 2:
        return candidates
    named = [c for c in candidates if not all(_INITIAL.fullmatch(g) for g in c.given) or not c.given]
    if named:  # "C. Weston Churchill", an initialled signature, is no rival for "Frank Churchill"
        candidates = named
    if title_genders().get(title or "") != "male" or title in given_name_titles():
        return candidates
    kept = [c for c in candidates if not any(_rank_gender(_split(f)[0]) and _split(f)[0] not in given_name_titles()
                                             for f in c.forms)]
    return kept if kept else candidates


def _without_strays(candidates: list[Cluster], uses: int) -> list[Cluster]:
    """Drop one-off full names with no known given name ("Marry Rodney" from "to marry
    Rodney", "Atheney Jones" misspelt) when the one person left is named more often than
    the titled surname (``uses``): a stray is no rival for "William Rodney". When the titled
    surname is the more frequent ("Mr. Knightley" beside "John Knightley"), it may be
    another person, and the candidates stay as they are."""
    real = [c for c in candidates if not _stray(c)]
    return real if len(real) == 1 and real[0].mentions > uses else candidates


def _stray(cluster: Cluster) -> bool:
    """A full name seen once, untitled, whose first word is no known given name ("Captain
    Aldric Fenwick", titled, is written with care and stays a rival)."""
    full = [f for f in cluster.forms if len(_split(f)[1]) > 1]
    return cluster.mentions <= 1 and bool(full) and not any(_split(f)[0] for f in cluster.forms) and not any(
        given_names().get(g) or diminutive_families().get(g) for g in cluster.given)


def _rank_gender(title: str | None) -> str | None:
    """ "Admiral", "Colonel", "Dr.": titles for either sex, but in a family that also has a
    "Mrs. Croft", "Admiral Croft" is her husband, so such a title never joins a Mrs./Miss."""
    return "male" if title and title_genders().get(title) == "any" else None


def _clear_gender(votes: Counter[str] | None, least: int = 3) -> str | None:
    """The gender the votes give by a wide margin (three to one, at least ``least`` votes)."""
    female, male = (votes or Counter()).get("female", 0), (votes or Counter()).get("male", 0)
    if female >= least and female >= 3 * male:
        return "female"
    if male >= least and male >= 3 * female:
        return "male"
    return None


def _wife_form(form: str) -> bool:
    """ "Mrs. John Dashwood": a wife named by her husband's name, never "John Dashwood" himself."""
    title, words = _split(form)
    return _title_gender(form) == "female" and len(words) > 1 and given_names().get(words[0]) == "male"


def _sex(cluster: Cluster) -> str | None:
    """The person's sex by given name, else by title, else by clear pronoun votes."""
    known = {_given_gender(g) for g in cluster.given} - {None}
    if len(known) == 1 and not _wife_only(cluster):
        return next(iter(known))
    titled = {_title_gender(f) for f in cluster.forms} - {None}
    if len(titled) == 1:
        return next(iter(titled))
    return _clear_gender(cluster.gender)


def _wife_only(cluster: Cluster) -> bool:
    """Every full name of the person is her husband's ("Mrs. Charles Wilcox"): her given
    words are his."""
    full = [f for f in cluster.forms if len(_split(f)[1]) > 1]
    return bool(full) and all(_wife_form(f) for f in full)


def _given_uses(cluster: Cluster) -> int:
    """How often the cluster is named by its given name, bare or in a full name ("Elizabeth", "Elizabeth Bennet")."""
    return sum(n for f, n in cluster.forms.items() if not _split(f)[0] and _split(f)[1][0] in cluster.given)


def _by_gender(candidates: list[Cluster], votes: Counter[str] | None) -> Cluster | None:
    """ "Weston" with "Mr. Weston" and "Mrs. Weston": the one whose titles fit the pronouns
    after the bare name itself; with no clear pronouns, the one man (a bare surname names
    a man far more often than a woman in English prose)."""
    unique = list({id(c): c for c in candidates}.values())
    if len(unique) < 2:
        return None
    female, male = (votes or Counter()).get("female", 0), (votes or Counter()).get("male", 0)
    gender = "female" if female >= 3 and female >= 3 * male else "male" if male >= 2 and male >= 3 * female else None
    if gender is None and female < 3:
        gender = "male"
    if gender is None:
        return None
    fitting = [c for c in unique if any(_title_gender(f) == gender for f in c.forms) and _titles_fit(c, gender)]
    return fitting[0] if len(fitting) == 1 else None


def _own(clusters: list[Cluster], word: str) -> Cluster:
    cluster = Cluster()
    cluster.given.add(word)
    cluster.surnames.add(word)
    clusters.append(cluster)
    return cluster


def _add(cluster: Cluster, form: str, form_counts: Counter[str], form_gender: dict[str, Counter[str]]) -> None:
    cluster.forms[form] += form_counts[form]
    cluster.gender.update(form_gender.get(form, Counter()))


def merge_into(home: Cluster, other: Cluster, clusters: list[Cluster]) -> None:
    """One person after all (the text says so): ``other``'s names join ``home``."""
    home.forms.update(other.forms)
    home.given |= other.given
    home.surnames |= other.surnames
    home.gender.update(other.gender)
    clusters[:] = [c for c in clusters if c is not other]


def canonical(cluster: Cluster) -> str:
    """The form with the most name words, ties broken by frequency, then by text; a bare
    title ("Mademoiselle", "the General") only when the person has no other name."""
    return max(cluster.forms, key=lambda f: (f.split()[-1] not in title_genders(), len(_split(f)[1]),
                                             cluster.forms[f], f))
