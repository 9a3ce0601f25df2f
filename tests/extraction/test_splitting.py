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


def test_attacks_listed_after_the_latest_in_a_series_are_background(extractor):
    text = (
        "Two soldiers were killed when their vehicle struck a mine near Ménaka, the army "
        "said on Sunday.\n"
        "It was the latest in a series of attacks in the region. An attack on a base on "
        "Friday killed 30 soldiers near Andéramboukane.\n"
        "On Saturday, a French soldier died near Andéramboukane when a mine hit his vehicle."
    )
    result = extractor.extract(text, published=PUB, lang="en")
    assert [i.killed for i in current(result)] == [2]
    assert 30 in [i.killed for i in background(result)]


def test_a_new_attack_with_its_own_day_and_toll_is_not_the_dateless_lead(extractor):
    text = (
        "Two soldiers were killed when their vehicle struck a mine near Ménaka, the army "
        "said on Sunday. An ambush on Friday killed 12 soldiers in the Ménaka region."
    )
    found = current(extractor.extract(text, published=PUB, lang="en"))
    assert sorted(i.killed for i in found) == [2, 12]


def test_the_day_given_after_a_dateless_lead_dates_the_same_attack(extractor):
    text = (
        "Gunmen killed 37 civilians in an attack on a village near Ménaka, a local official "
        "said. The attack took place on Friday near Ménaka, where gunmen have killed "
        "hundreds of civilians this year."
    )
    found = current(extractor.extract(text, published=PUB, lang="en"))
    assert [(i.killed, i.date) for i in found] == [(37, date(2025, 2, 7))]


def test_an_attack_earlier_in_the_month_or_the_month_before_is_background(extractor):
    text = (
        "Jihadists attacked a military post near Ménaka on Thursday night, killing one "
        "soldier, the ministry said.\n"
        "At the beginning of February, six soldiers were killed in an attack on a post near "
        "Douentza.\n"
        "The month before, suicide bombers killed six people in Gao."
    )
    result = extractor.extract(text, published=PUB, lang="en")
    assert [i.killed for i in current(result)] == [1]
    assert sorted(i.killed for i in background(result)) == [6, 6]


def test_a_french_title_case_dateline_with_a_lead_is_not_the_place(extractor):
    text = (
        "Gao : l'armée malienne a annoncé samedi que des jihadistes avaient attaqué vendredi "
        "le village de Tassik, dans le nord du pays, tuant trois soldats et en blessant deux "
        "autres."
    )
    (news,) = extractor.extract(text, published=PUB, lang="fr").incidents
    assert news.unknown_place == "Tassik"
    # Gao is where the news came from: only a fallback point, not the event's place
    assert any("dateline" in note for note in news.notes)
    assert news.geo_precision != "exact"


def test_villages_listed_then_given_their_own_tolls_are_one_incident_each(extractor):
    text = (
        "Gunmen on motorcycles attacked the villages of Tassik, Warba, Kelbo and Hamdou on "
        "Wednesday near Ménaka, killing at least 20 people, a local official said. He said 9 "
        "people were killed in Warba, 8 in Tassik and three in Kelbo."
    )
    found = current(extractor.extract(text, published=PUB, lang="en"))
    assert sorted((i.unknown_place, i.killed) for i in found) == [
        ("Hamdou", None),
        ("Kelbo", 3),
        ("Tassik", 8),
        ("Warba", 9),
    ]
    assert {i.date for i in found} == {date(2025, 2, 5)}


def test_a_report_opening_on_the_earlier_deed_files_the_new_one_as_news(extractor):
    text = (
        "Ainsi, après avoir massacré une quarantaine de civils dans le village de Tassik, "
        "vendredi 31 janvier, ces extrémistes ont récidivé ce mardi 4 février. Vers 14 heures, "
        "ils ont fait irruption dans le village de Warba. Le bilan fait état d'au moins 16 "
        "morts."
    )
    result = extractor.extract(text, published=PUB, lang="fr")
    (news,) = current(result)
    assert (news.unknown_place, news.killed, news.date) == ("Warba", 16, date(2025, 2, 4))
    assert [(i.unknown_place, i.killed) for i in background(result)] == [("Tassik", 40)]


def test_where_a_correspondent_is_based_is_not_the_event_place(extractor):
    text = (
        "Vendredi, des terroristes ont enlevé deux personnes dans le village de Tassik, "
        "d'après des témoins qui se sont confiés à notre correspondant basé à Gao."
    )
    (news,) = extractor.extract(text, published=PUB, lang="fr").incidents
    assert news.place != "ml-gao"


def test_a_count_given_this_morning_is_a_later_figure_of_the_same_attack(extractor):
    text = (
        "Gunmen killed at least 12 civilians on Thursday evening in a village near Ménaka, "
        "the mayor said.\n"
        '"This morning we counted 19 dead and the search is ongoing," he added.'
    )
    found = current(extractor.extract(text, published=PUB, lang="en"))
    assert len(found) == 1
    assert [r.killed for r in found[0].toll_revisions] == [12, 19]
    assert found[0].date == date(2025, 2, 6)


def test_the_day_a_report_was_released_does_not_date_the_attacks_it_tells(extractor):
    text = (
        "In a report released on Thursday, an NGO accused the army of killing at least 30 "
        "civilians in a drone strike on a market near Ménaka."
    )
    (news,) = current(extractor.extract(text, published=PUB, lang="en"))
    assert news.date is None
    assert news.killed == 30


def test_two_stated_days_without_a_year_are_two_events(extractor):
    text = (
        "Seven people were killed in a drone strike on the village of Tassik on November "
        "18, witnesses said. On 21 September, a drone strike on the village of Tassik killed "
        "24 people at a funeral."
    )
    found = current(extractor.extract(text, lang="en"))  # no publication date
    assert sorted(i.killed for i in found) == [7, 24]


def test_an_attack_on_another_village_named_in_passing_is_its_own_incident(extractor):
    # the other place carries "autre", not the attack ("l'attaque ... d'une autre localité")
    text = (
        "Au moins huit civils ont été tués dans la nuit de lundi à mardi lors d'une attaque "
        "de jihadistes contre le village de Bara. Les habitants craignent un bilan plus "
        "lourd après l'attaque jeudi matin d'une autre localité voisine, Tassik, par des "
        "hommes armés."
    )
    found = current(extractor.extract(text, lang="fr"))
    assert len(found) == 2
    assert [i.killed for i in found] == [8, None]


def test_two_weekdays_without_a_publication_date_are_two_days(extractor):
    # no publication date: neither weekday resolves, yet Monday night and Thursday differ
    text = (
        "Gunmen killed six civilians in the village of Tassik on Monday night. "
        "On Thursday, gunmen killed four herders near the village of Tassik."
    )
    found = current(extractor.extract(text, lang="en"))
    assert sorted(i.killed for i in found) == [4, 6]


def test_a_night_of_two_weekdays_and_its_second_day_are_one_day(extractor):
    text = (
        "Dans la nuit de jeudi à vendredi, des hommes armés ont attaqué le village de "
        "Tassik, tuant cinq civils. Vendredi, les assaillants ont incendié des greniers "
        "du village de Tassik."
    )
    found = current(extractor.extract(text, lang="fr"))
    assert len(found) == 1 and found[0].killed == 5


def test_a_day_opening_a_sentence_whose_subject_reports_is_the_report_day(extractor):
    # "On Saturday, the army said ...": Saturday is when the army spoke, no event's day
    text = (
        "On the night of Thursday 12 June, jihadists attacked the army post at Tassik, "
        "killing two soldiers. On Saturday, the army said it had killed twelve attackers "
        "after repelling the assault on the Tassik post."
    )
    result = extractor.extract(text, lang="en")
    assert [i.killed for i in current(result)] == [2]
    assert all("Saturday" not in (i.date_basis.get("expression") or "") for i in result.incidents)
