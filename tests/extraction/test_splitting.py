"""Finding the right incidents in one article: several events told one after the other,
background recalled in passing, running totals, the same day named two ways. Texts
written for these tests."""

from datetime import date

PUB = date(2025, 2, 9)  # a Sunday


def current(result):
    return [i for i in result.incidents if not i.background]


def background(result):
    return [i for i in result.incidents if i.background]


def test_another_attack_told_after_the_first_is_its_own_incident(extractor):
    text = (
        "Samedi, des hommes armés ont attaqué le village de Tassik, tuant trois civils. "
        "Dans l'après-midi du même samedi, une autre attaque contre le village de Warba a "
        "été repoussée par la milice Dan Na Ambassagou."
    )
    found = current(extractor.extract(text, published=PUB, lang="fr"))
    assert len(found) == 2
    assert {i.unknown_place for i in found} == {"Tassik", "Warba"}
    assert [i.killed for i in found if i.unknown_place == "Tassik"] == [3]


def test_a_second_witness_is_not_a_second_attack(extractor):
    text = (
        "Au moins douze civils ont été tués vendredi lors d'une attaque de jihadistes contre "
        "le village de Tassik, a indiqué un habitant. Un autre habitant a avancé un bilan "
        "de 13 morts."
    )
    found = current(extractor.extract(text, published=PUB, lang="fr"))
    assert len(found) == 1
    assert [r.killed for r in found[0].toll_revisions] == [12, 13]


def test_an_earlier_attack_named_in_a_comparison_keeps_its_toll_in_the_background(extractor):
    text = (
        "Gunmen killed 14 soldiers on Friday in an ambush near Ménaka, the army said. "
        "Friday's ambush was the deadliest in the region since an attack on Andéramboukane "
        "that had killed 40 soldiers in March 2023."
    )
    result = extractor.extract(text, published=PUB, lang="en")
    (news,) = current(result)
    assert news.killed == 14
    assert [r.killed for r in news.toll_revisions] == [14]
    assert [i.killed for i in background(result)] == [40]


def test_a_toll_recalled_in_the_pluperfect_is_not_the_news(extractor):
    text = (
        "Des jihadistes ont attaqué vendredi un poste militaire près de Ménaka, tuant cinq "
        "soldats. L'attaque d'Andéramboukane, qui avait coûté la vie à 20 soldats, reste "
        "dans les mémoires."
    )
    result = extractor.extract(text, published=PUB, lang="fr")
    (news,) = current(result)
    assert news.killed == 5
    assert 20 not in [r.killed for r in news.toll_revisions]


def test_a_running_total_since_a_year_is_neither_an_incident_nor_a_toll(extractor):
    text = (
        "Five soldiers were killed on Friday when their vehicle hit a mine between Gao and "
        "Ansongo, the army said.\n"
        "Since March 2012, more than 2,000 soldiers have been killed in attacks in northern "
        "Mali. So far this year, 42 peacekeepers have been killed."
    )
    result = extractor.extract(text, published=PUB, lang="en")
    assert len(result.incidents) == 1
    (news,) = result.incidents
    assert [r.killed for r in news.toll_revisions] == [5]


def test_a_french_running_total_over_years_is_context(extractor):
    text = (
        "Trois civils ont été tués jeudi dans une attaque près de Ménaka. En sept ans, les "
        "violences ont fait dans le pays plus de 10.000 morts, selon des ONG."
    )
    result = extractor.extract(text, published=PUB, lang="fr")
    assert [i.killed for i in result.incidents] == [3]


def test_an_unresolved_weekday_and_the_stated_date_of_that_weekday_are_one_event(extractor):
    text = (
        "Le gouverneur s'est rendu auprès des victimes du massacre survenu dimanche dernier "
        "dans le cercle d'Ansongo.\n"
        "Rappelons que le dimanche 2 février 2025, des djihadistes ont attaqué le village de "
        "Tassik. Le bilan provisoire faisait état de plus de 30 morts."
    )
    result = extractor.extract(text, lang="fr")  # no publication date
    (news,) = result.incidents
    assert not news.background
    assert news.date == date(2025, 2, 2)
    assert news.killed == 30


def test_a_previous_bulletin_is_a_revision_not_a_background_event(extractor):
    text = (
        "The army said on Saturday that it had killed more than 100 militants near Ménaka "
        "since Tuesday. In its previous bulletin, the army had said it killed around 30 "
        "militants near Ménaka."
    )
    result = extractor.extract(text, published=PUB, lang="en")
    assert not background(result)


def test_each_village_attacked_in_its_own_sentence_is_its_own_incident(extractor):
    text = (
        "Vendredi, des hommes armés ont attaqué le village de Tassik avant d'être "
        "repoussés par la milice Dan Na Ambassagou. Dans leur fuite, les assaillants ont "
        "attaqué le village de Warba, faisant deux morts."
    )
    found = current(extractor.extract(text, published=PUB, lang="fr"))
    assert sorted((i.unknown_place, i.killed) for i in found) == [
        ("Tassik", None),
        ("Warba", 2),
    ]


def test_the_same_village_named_again_stays_one_incident(extractor):
    text = (
        "Vendredi, des hommes armés ont attaqué le village de Tassik, tuant quatre civils. "
        "Les assaillants ont incendié le village de Tassik avant de repartir."
    )
    found = current(extractor.extract(text, published=PUB, lang="fr"))
    assert [(i.unknown_place, i.killed) for i in found] == [("Tassik", 4)]
