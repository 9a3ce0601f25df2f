"""An incident's date from the sentence that describes it, with its window and how it
was reached (``date_basis``). Short texts written for these tests."""

from datetime import date

PUB = date(2025, 3, 11)  # a Tuesday


def live(result):
    return [i for i in result.incidents if not i.background]


def test_a_night_attack_gives_the_window_in_the_output(extractor):
    text = (
        "Des hommes armés ont attaqué le poste de gendarmerie de Bourem dans la nuit de "
        "samedi à dimanche, tuant quatre gendarmes."
    )
    [inc] = live(extractor.extract(text, published=PUB, lang="fr"))
    out = inc.to_dict()
    assert (out["date"], out["date_latest"], out["date_precision"]) == (
        "2025-03-08",
        "2025-03-09",
        "day",
    )
    assert out["date_basis"]["resolved"] == "publication"
    assert "samedi" in out["date_basis"]["expression"]


def test_a_day_further_down_refines_the_leads_last_week(extractor):
    text = (
        "An ambush last week near Bourem killed at least nine soldiers, the army said.\n"
        "The ambush took place on Thursday on the road north of Bourem, according to the army."
    )
    [inc] = live(extractor.extract(text, published=PUB, lang="en"))
    assert (inc.date, inc.date_precision) == (date(2025, 3, 6), "day")


def test_a_date_in_a_clause_about_an_earlier_attack_is_not_this_events(extractor):
    text = (
        "Après avoir tué deux bergers près de Ménaka samedi, les assaillants ont "
        "frappé de nouveau lundi, tuant six villageois près d'Ansongo."
    )
    incs = live(extractor.extract(text, published=PUB, lang="fr"))
    # the earlier attack's date and figure are not this event's
    assert [(i.date, i.killed) for i in incs if i.killed] == [(date(2025, 3, 10), 6)]
    assert all(i.date != date(2025, 3, 8) for i in incs)


def test_a_chronologys_dated_lines_date_the_events_under_them(extractor):
    text = (
        "MERCREDI 5 MARS 2025\n\n"
        "Des hommes armés attaquent un marché près de Ménaka. Trois commerçants sont tués.\n\n"
        "JEUDI 6 MARS 2025\n\n"
        "Une mine explose au passage d'un camion près de Bourem. Deux passagers sont tués."
    )
    incs = live(extractor.extract(text, published=PUB, lang="fr"))
    assert sorted((i.date, i.place, i.killed) for i in incs) == [
        (date(2025, 3, 5), "ml-menaka", 3),
        (date(2025, 3, 6), "ml-bourem", 2),
    ]


def test_without_publication_a_relative_date_is_null_and_says_why(extractor):
    text = "Des jihadistes ont tué cinq soldats mardi près de Bourem, selon l'armée."
    [inc] = live(extractor.extract(text, published=None, lang="fr"))
    out = inc.to_dict()
    assert (out["date"], out["date_precision"]) == (None, None)
    assert out["date_basis"]["resolved"] == "unresolved"
    assert "publication" in out["date_basis"]["note"]


def test_without_publication_an_inferred_year_is_flagged(extractor):
    text = (
        "Attacks on convoys have multiplied since January 2024. On 12 May, gunmen ambushed a "
        "truck convoy near Bourem, killing seven drivers."
    )
    [inc] = live(extractor.extract(text, published=None, lang="en"))
    out = inc.to_dict()
    assert out["date"] == "2024-05-12"
    assert out["date_basis"]["resolved"] == "inferred_year"
    assert "2024" in out["date_basis"]["note"]


def test_a_date_stated_in_full_needs_no_publication_date(extractor):
    text = "Le 3 février 2024, des hommes armés ont tué huit civils près de Ménaka."
    [inc] = live(extractor.extract(text, published=None, lang="fr"))
    assert inc.date == date(2024, 2, 3)
    assert inc.date_basis["resolved"] == "stated"


def test_a_claims_weekday_dates_the_claim_not_the_event(extractor):
    """ "a annoncé mercredi un responsable" in a Tuesday paper about Saturday's attack:
    the Wednesday before publication is before the attack, so it cannot be the day the
    figure was given (left without a day), nor the attack's date."""
    text = (
        "Des jihadistes ont attaqué samedi un convoi près d'Ansongo. Le bilan est de "
        "douze morts, a annoncé mercredi un responsable local."
    )
    [inc] = live(extractor.extract(text, published=PUB, lang="fr"))
    assert inc.date == date(2025, 3, 8)
    assert all(r.reported_on is None or r.reported_on >= inc.date for r in inc.toll_revisions)


def test_without_publication_an_earlier_stated_day_is_another_event(extractor):
    """No publication date, so neither resolves; still "le 9 mars" (a recalled attack)
    is not the day "lundi" names, and its figure does not join this event's."""
    text = (
        "Des jihadistes ont tué douze soldats lundi dans l'attaque d'un camp près de "
        "Bourem, selon l'armée. L'armée n'avait pas subi de telles pertes depuis le 9 mars, "
        "lorsqu'une attaque près de Ménaka avait fait 20 morts."
    )
    incs = extractor.extract(text, published=None, lang="fr").incidents
    assert [i.killed for i in incs if not i.background] == [12]


def test_a_day_that_opens_an_announcement_dates_the_announcement(extractor):
    """ "Samedi, l'armée a annoncé avoir repoussé une attaque": Saturday is when it was
    said; the attack is the night the statement describes, and it is one incident."""
    text = (
        "Samedi, l'armée malienne a annoncé avoir tué huit assaillants après avoir repoussé "
        "une attaque contre son poste de Bourem. « Dans la nuit du jeudi 6 mars au vendredi "
        "7 mars, le poste de Bourem a été attaqué par les terroristes ; deux soldats ont "
        "été tués », précise le communiqué."
    )
    [inc] = live(extractor.extract(text, published=PUB, lang="fr"))
    assert (inc.date, inc.date_latest) == (date(2025, 3, 6), date(2025, 3, 7))
    # the same day heading a sentence that tells the attack itself still dates it
    text = "Samedi, des hommes armés ont attaqué le poste de Bourem, tuant deux soldats."
    [inc] = live(extractor.extract(text, published=PUB, lang="fr"))
    assert inc.date == date(2025, 3, 8)


def test_without_publication_a_named_groups_founding_fixes_the_year(actors):
    """20 January was a Sunday in 2013 and 2019; a text about the MSA (founded 2016)
    is not from 2013. The output says where the year comes from."""
    from incidents.extraction import Extractor

    from .conftest import PLACES, ROUTES

    engine = Extractor(PLACES, actors, ROUTES)
    engine.dates.reference_year = 2026  # undated texts: about 2012-2026
    text = (
        "Le dimanche 20 janvier, des hommes armés ont attaqué un campement près de Ménaka, "
        "tuant six civils. Les combattants du MSA ont ensuite poursuivi les assaillants."
    )
    [inc] = live(engine.extract(text, published=None, lang="fr"))
    out = inc.to_dict()
    assert out["date"] == "2019-01-20"
    assert out["date_basis"]["resolved"] == "inferred_year"
    assert "msa" in out["date_basis"]["note"]


def test_the_day_of_a_funeral_is_not_the_day_of_the_deaths(extractor):
    """ "Les obsèques ... ont eu lieu dimanche": the deaths the sentence recalls happened
    on the day told further on, not on the day of the funeral."""
    text = (
        "Les obsèques des quatre commerçants tués lors de l'attaque du marché de Bourem ont "
        "eu lieu dimanche dans l'après-midi. Pour mémoire, le jeudi 6 mars, des hommes armés "
        "ont ouvert le feu sur le marché de Bourem, tuant quatre commerçants."
    )
    incs = live(extractor.extract(text, published=PUB, lang="fr"))
    assert [(i.date, i.killed) for i in incs] == [(date(2025, 3, 6), 4)]
