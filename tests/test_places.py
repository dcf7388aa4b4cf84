"""Places: prepositions, cue words, the gazetteer, hyphens, possessive place names."""

from __future__ import annotations

import pytest

from ficlens.characters import CharacterStage
from ficlens.gazetteer import place_kind
from ficlens.notes import NotesStage
from ficlens.pipeline import Pipeline
from ficlens.quotes import QuoteStage
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def upto_characters():
    return Pipeline([NotesStage(), QuoteStage(), CharacterStage()])


def places(analysis):
    return {p.name: p for p in analysis.places}


def test_gazetteer_is_exact():
    assert place_kind("Italy") == "country"
    assert place_kind("Aix-en-Provence") == "city"
    assert place_kind("Nice") == "city"
    assert place_kind("Venic") is None  # no substring matches
    assert place_kind("Luke") is None


def test_prepositions_make_an_unknown_town_a_place(upto_characters):
    a = upto_characters.analyze('''Marnie lived in Brackenmoor. She drove to Brackenmoor every day.
"I'm leaving Brackenmoor," Marnie said.\n''', is_text=True)
    assert "Brackenmoor" in places(a)
    assert all(c.name != "Brackenmoor" for c in a.characters)


def test_cue_words_hyphens_and_abbreviations(upto_characters):
    a = upto_characters.analyze('''Odile walked down the Rue de Lanterne to Café Moreau. She flew into
Aix-en-Provence from Marseille Provence Airport. Aix was quiet. She ate at the Inn.\n''', is_text=True)
    found = places(a)
    assert found["Rue de Lanterne"].kind == "street"
    assert found["Café Moreau"].kind == "venue"
    assert found["Marseille Provence Airport"].kind == "building"
    assert "Aix" in found["Aix-en-Provence"].aliases
    assert "the Inn" in found
    assert "Aix" not in {c.name for c in a.characters}


def test_possessive_place_name_keeps_the_person_out(upto_characters):
    a = upto_characters.analyze('''Odile turned and saw Queen Marguerite's Fountain. Odile smiled.\n''', is_text=True)
    assert "Queen Marguerite's Fountain" in places(a)
    assert all("Marguerite" not in c.aliases for c in a.characters)
    assert any(n.reason == "part of a place name" for n in a.non_characters)


def test_organisations_are_not_places_or_people(upto_characters):
    a = upto_characters.analyze('''Odile called the Harwick Group about the job. Odile said yes.\n''', is_text=True)
    assert "Harwick Group" not in places(a)
    assert any(n.name == "Harwick Group" and n.reason == "organisation" for n in a.non_characters)


def test_place_mentions_slice_the_text(upto_characters):
    a = upto_characters.analyze('''Odile went to the Eiffel Tower and then to Paris.\n''', is_text=True)
    kinds = {m.entity for m in a.mentions if m.category == "place"}
    assert {"Eiffel Tower", "Paris"} <= kinds
    for m in a.mentions:
        assert a.text[m.start:m.end] == m.text


@pytest.mark.shared
def test_one_shot_places(upto_characters):
    a = upto_characters.analyze(SAMPLES / "gilmore-girls_one-shot.txt")
    found = places(a)
    for name in ["Stars Hollow", "Italy", "France"]:
        assert name in found, name
    assert found["Italy"].kind == "country"


@pytest.mark.shared
def test_wip_chapter_places(upto_characters):
    a = upto_characters.analyze(SAMPLES / "gilmore-girls_wip-chapter.txt")
    found = places(a)
    for name in ["Le Grillon", "Cours Mirabeau", "Cote d'Azur", "Paris", "Marseille Provence Airport",
                 "Aix-en-Provence", "Stars Hollow", "Cannes", "Nice", "Avignon", "The Great Fountain",
                 "La Rotonde", "King René's Fountain", "Eiffel Tower"]:
        assert name in found, name
    assert "Aix" in found["Aix-en-Provence"].aliases
    assert found["Cours Mirabeau"].kind == "street"
    assert "Durham Group" not in found and "City of Fountains" not in found


def test_rivers_and_ranges_written_with_the_are_places():
    from ficlens.pipeline import Pipeline

    a = Pipeline().analyze('''They walked along the Danube all morning. Later they saw the Carpathians.
Nobody in the group had ever seen the Danube so high.\n''', is_text=True)
    assert {"Danube", "Carpathians"} <= {p.name for p in a.places}


def test_small_town_after_place_prepositions_is_a_place():
    from ficlens.characters import CharacterStage
    from ficlens.notes import NotesStage
    from ficlens.pipeline import Pipeline
    from ficlens.quotes import QuoteStage

    pipeline = Pipeline([NotesStage(), QuoteStage(), CharacterStage()])
    a = pipeline.analyze('''They had stopped at Quellsby to dine. The next day he set off for Quellsby again,
and by noon he came to Quellsby. Tom lived in the village of Marrowby, far from Quellsby.
''', is_text=True)
    places = {p.name for p in a.places}
    assert {"Quellsby", "Marrowby"} <= places
    assert not any(c.name in ("Quellsby", "Marrowby") for c in a.characters)


def test_a_word_ending_like_an_adjective_of_place_is_no_place(upto_characters):
    """ "in the Belgravian square", "from the Brackenish hills": adjectives made from places;
    a real place with such an ending ("the Atlantic") stays one."""
    a = upto_characters.analyze('''Odile walked back to the Belgravian square. She had lived in Brackenmoor,
and she missed the Belgravian streets. She looked at the Atlantic from Brackenmoor.
The Belgravian houses were quiet, and Odile crossed to the Atlantic again.\n''', is_text=True)
    assert "Belgravian" not in places(a)
    assert "Brackenmoor" in places(a)
    assert "Atlantic" in places(a)


def test_a_place_name_stops_before_a_clause_and_after_a_sentence_adverb(upto_characters):
    """ "Perhaps Leicester Abbey was like that": the adverb is no part of the place; "in
    Leicester Abbey Where the abbots": nor is the clause after it."""
    a = upto_characters.analyze('''Perhaps Leicester Abbey was like that. Wolsey died in Leicester Abbey
Where the abbots buried him. Odile walked to Leicester Abbey again.\n''', is_text=True)
    assert "Leicester Abbey" in places(a)
    assert not any(name.startswith("Perhaps") or name.endswith("Where") for name in places(a))


def test_a_lawsuit_or_firm_named_like_a_place_is_no_place(upto_characters):
    """ "parties in Pellworth and Pellworth" (a lawsuit) and "from Marrant, Dobbs and Co." (a
    firm): "in" and "from" before them made them look like places; a town stays one."""
    a = upto_characters.analyze('''Whole families were made parties in Pellworth and Pellworth without knowing why.
The clerk copied the papers in Pellworth and Pellworth for years. When Pellworth and Pellworth
comes on, the court empties. He had a letter from Marrant, Dobbs and Co. that morning, and
Marrant, Dobbs and Co. wanted money. He lived in Quellsby and walked from Quellsby to town.\n''', is_text=True)
    found = places(a)
    assert not {"Pellworth", "Marrant", "Dobbs"} & set(found)
    assert "Quellsby" in found


def test_a_place_written_in_capitals_is_a_mention(upto_characters):
    """Letter headings ("QUELLSBY, MASSACHUSETTS") name places: a place found elsewhere in
    the text, or a country or region the gazetteer knows; a given name in capitals is not
    taken for the country ("GEORGIA" may be a girl)."""
    a = upto_characters.analyze('''QUELLSBY, MASSACHUSETTS, December 27.

Dear Judy: I came back to Quellsby last night. The road from Quellsby to the sea was
frozen, and GEORGIA says the harbour will close.\n''', is_text=True)
    found = places(a)
    assert found["Quellsby"].mentions == 3
    assert "Massachusetts" in found and found["Massachusetts"].kind == "region"
    assert "Georgia" not in found
    spans = {(m.start, m.end) for m in a.mentions if m.category == "place"}
    assert all(a.text[s:e] for s, e in spans)
    assert any(a.text[s:e] == "MASSACHUSETTS" for s, e in spans)


def test_a_given_name_is_no_place_on_the_ner_vote_alone(upto_characters):
    """A given name that no place preposition and no gazetteer call a place stays a person
    even when the NER model, shown a sentence or two, reads it as a town."""
    a = upto_characters.analyze('''The stone said that Walter Pratt, late of this parish, and also Georgiana wife of the above,
were dead and buried. "Also Georgiana. That's my mother," I explained to the stranger.\n''', is_text=True)
    assert "Georgiana" not in places(a)


def test_a_given_name_before_a_surname_like_place_word_is_a_person(upto_characters):
    """ "the face of Charlotte Temple": a given name and a surname that is
    also a place word, never after "the", "in" or "to", is a person; a street with a
    given name that the text walks along stays a street."""
    a = upto_characters.analyze('''Under a large bonnet he saw the face of Rosalind Temple. She smiled at him.
He recalled the features of Rosalind Temple, whom he had once seen at a ball.
Later he walked down Victoria Street and into Elizabeth Street.\n''', is_text=True)
    found = places(a)
    assert "Rosalind Temple" not in found
    assert {"Victoria Street", "Elizabeth Street"} <= set(found)


def test_the_plural_of_a_persons_name_is_a_family_not_a_place(upto_characters):
    """ "we came across the Pellicots": the plural of a character's name, even after
    "across", is that character's family."""
    a = upto_characters.analyze('''Mrs. Pellicot said that the weather would turn. Mrs. Pellicot smiled.
We wasted a whole day, and came across the Pellicots in the public gardens at Quellsby.\n''', is_text=True)
    found = places(a)
    assert "Pellicots" not in found
    assert "Quellsby" in found


def test_a_compass_adjective_or_a_doctrine_is_no_place(upto_characters):
    """ "against the blue of Northern sky", "the little metropolis of Calvinism": words that
    "of" put where a place could be, but an adjective and a doctrine."""
    a = upto_characters.analyze('''She stood against the cornflower blue of Northern sky, near Brackenmoor.
He had an attachment for the little metropolis of Calvinism; he went to school in Brackenmoor.\n''',
                                is_text=True)
    found = places(a)
    assert not {"Northern", "Calvinism"} & set(found)
    assert "Brackenmoor" in found


def test_a_name_listed_beside_a_place_is_a_place(upto_characters):
    """ "between Sonora and Arizona", "Lapland, Siberia, Spitzbergen": a name coordinated with
    a place is a place when nothing says it is a person; a person listed beside a town
    ("Mr. Dobbs and Paris") keeps what its title says."""
    a = upto_characters.analyze('''The trail ran along the wild border line between Tallowmere and Arizona for days.
He had crossed Lapland, Siberia, Vostrevik and Greenland before he was twenty.
Mr. Dobbs and Paris were all she could think about.\n''', is_text=True)
    found = places(a)
    assert {"Tallowmere", "Vostrevik"} <= set(found)
    assert "Dobbs" not in found


def test_more_place_words_name_places(upto_characters):
    """Points, capes, landings, groves, heaths, "Island of ...", "Pension ...": place words."""
    a = upto_characters.analyze('''The river circles Wallaby Point before it reaches the sea. Did you ever hear of the
Island of Marrau? They sailed from the Lindholm Cape to Tarrow Landing. The Pension Ricasoli had
decided that they would stay. She walked on Fernley Heath, then home to Ashby Grove.\n''', is_text=True)
    found = places(a)
    assert {"Wallaby Point", "Island of Marrau", "Tarrow Landing", "Fernley Heath", "Ashby Grove"} <= set(found)
    assert any(name.endswith("Pension Ricasoli") for name in found)
    assert found["Wallaby Point"].kind == "landmark" and found["Tarrow Landing"].kind == "town"


def test_the_church_written_with_a_capital_is_the_institution(upto_characters):
    """ "in the Church they don't think": "the Church" alone, capitalised, is the
    institution; "Holy Trinity Church" and "the church" are buildings."""
    a = upto_characters.analyze('''Except, of course, in the Church. But then in the Church they don't think.
She was married at Holy Trinity Church, and the church was full.\n''', is_text=True)
    found = places(a)
    assert not any(name.lower() in ("church", "the church") for name in found)
    assert "Holy Trinity Church" in found


def test_ho_is_an_interjection_not_a_town(upto_characters):
    """ "Ho there, inside!": "Ho" is a call, though the gazetteer has a town of that name."""
    a = upto_characters.analyze('''The horse halted out there. "Ho there, inside!" called a voice. "Ho yourself!"
replied Anson.\n''', is_text=True)
    assert "Ho" not in places(a)


def test_country_houses_and_wharves_are_places_of_their_kind(upto_characters):
    """Granges, vicarages, rectories and priories are buildings; wharves and quays landmarks."""
    a = upto_characters.analyze('''They had come to live at Tipton Grange with their uncle. Mr. Brooke walked over
to Lowick Vicarage, and then down to Hermitage Wharf.\n''', is_text=True)
    found = places(a)
    assert found["Tipton Grange"].kind == "building" and found["Lowick Vicarage"].kind == "building"
    assert found["Hermitage Wharf"].kind == "landmark"


def test_a_place_alone_in_quote_marks_is_still_a_mention(upto_characters):
    """ 'succeeded to "Quellsby Row"': a known place in scare quotes mentions the place."""
    a = upto_characters.analyze('''The new houses succeeded to "Quellsby Row". Quellsby Row was a block of cottages
that stood by the brook, and the miners lived in Quellsby Row for years.\n''', is_text=True)
    assert places(a)["Quellsby Row"].mentions == 3


def test_the_parishes_of_and_out_of_mark_places(upto_characters):
    """ "Medical Officer for the parishes of Grimsett" and "sailed out of Hollin" are place contexts."""
    a = upto_characters.analyze('''He was Medical Officer for the parishes of Grimsett and Thursby.
The ship was no sooner out of Hollin than the wind began to blow.\n''', is_text=True)
    assert {"Grimsett", "Hollin"} <= set(places(a))


def test_at_after_a_verb_of_looking_or_aiming_is_no_place_evidence():
    """ "he glared at Quenby", "she laughed at Quenby": a target, not a location; "stayed
    at Quellsby" is one."""
    from ficlens.name_evidence import QuoteIndex, gather
    from ficlens.names import extract, lowercase_counts

    text = "He glared at Quenby. He barked at Quenby once more. They stayed at Quellsby.\n"
    spans = [(0, len(text))]
    evidence = gather(text, extract(text, spans, lowercase_counts(text, spans)), QuoteIndex([]))
    assert evidence["Quenby"].place_weak + evidence["Quenby"].place_strong == 0
    assert evidence["Quellsby"].place_weak == 1


def test_beyond_and_setting_out_for_mark_places():
    """ "hunting beyond Bamangwe", "I may head for Pinacote": a place; "waited for Pinacote"
    says nothing."""
    from ficlens.name_evidence import QuoteIndex, gather
    from ficlens.names import extract, lowercase_counts

    text = "He had been hunting beyond Bamangwe. I may head for Pinacote. She waited for Tamsin.\n"
    spans = [(0, len(text))]
    evidence = gather(text, extract(text, spans, lowercase_counts(text, spans)), QuoteIndex([]))
    assert evidence["Bamangwe"].place_strong == 1 and evidence["Pinacote"].place_strong == 1
    assert evidence["Tamsin"].place_strong + evidence["Tamsin"].place_weak == 0


def test_a_travel_verb_with_a_particle_before_to_marks_a_place():
    """ "drive up to Fiesora", "went back to Quellsby": the destination of a journey."""
    from ficlens.name_evidence import QuoteIndex, gather
    from ficlens.names import extract, lowercase_counts

    text = "We could drive up to Fiesora. Then he went back to Quellsby. She held up to Tamsin a cup.\n"
    spans = [(0, len(text))]
    evidence = gather(text, extract(text, spans, lowercase_counts(text, spans)), QuoteIndex([]))
    assert evidence["Fiesora"].place_strong == 1 and evidence["Quellsby"].place_strong == 1
    assert evidence["Tamsin"].place_strong == 0


def test_books_events_and_the_deity_are_no_places(upto_characters):
    """ "in the Scripture", "through the Revolution", "the programme of Providence": no
    places; "in Providence" with the gazetteer's city is one."""
    a = upto_characters.analyze('''Truly there is law for it, both in the Scripture and the statute-book.
He wore it all through the Revolution, and it got torn some. It formed part of the grand
programme of Providence that was drawn up long ago. Throughout Senior year she wrote to Quellsby.\n''',
                                is_text=True)
    found = places(a)
    assert not {"Scripture", "Revolution", "Providence", "Senior"} & {n.removeprefix("the ") for n in found}
    b = upto_characters.analyze("She was born in Providence and grew up in Providence, far from the sea.\n",
                                is_text=True)
    assert "Providence" in places(b)


def test_a_name_heading_a_hyphened_compound_is_no_mention(upto_characters):
    """ "some London-pride" (a flower) mentions no London; "in Newgate-street" and "in
    London" do."""
    a = upto_characters.analyze('''Two gay hollyhocks and some London-pride were pushed back against the wall.
She lived in London, in Newgate-street, with her aunt.\n''', is_text=True)
    found = places(a)
    assert found["London"].mentions == 1
    spans = [a.text[m.start:m.end] for m in a.mentions if m.category == "place"]
    assert "Newgate" in spans or "Newgate-street" in spans
