"""Toll claims and revision histories, through the whole engine on short texts."""

from datetime import date

import pytest

PUB = date(2025, 2, 9)


def only(extractor, text, lang="en", pub=PUB):
    result = extractor.extract(text, published=pub, lang=lang)
    live = [i for i in result.incidents if not i.background]
    assert len(live) == 1, result.to_dict()
    return live[0]


def test_killed_and_wounded_are_told_apart_in_english(extractor):
    inc = only(extractor, "Gunmen attacked Bourem on Friday: 10 killed and 15 wounded.")
    assert (inc.killed, inc.wounded) == (10, 15)


def test_killed_and_wounded_are_told_apart_in_french(extractor):
    inc = only(
        extractor,
        "Des hommes armés ont attaqué Bourem vendredi, faisant dix morts et "
        "une quinzaine de blessés.",
        "fr",
    )
    assert (inc.killed, inc.wounded) == (10, 15)


def test_toll_change_in_one_article_gives_two_ordered_revisions_with_sources(extractor):
    inc = only(
        extractor,
        "Jihadists attacked soldiers near Bourem on Friday. A local official "
        "initially said 10 people were killed. The toll later rose to 32, an "
        "NGO said.",
    )
    assert [r.killed for r in inc.toll_revisions] == [10, 32]
    assert [r.said_by for r in inc.toll_revisions] == ["local official", "NGO"]
    assert inc.killed == 32


def test_french_provisional_toll_revised_upwards(extractor):
    inc = only(
        extractor,
        "Des djihadistes ont attaqué des soldats près de Bourem vendredi. Un "
        "bilan provisoire faisait état de 10 morts, selon une source "
        "sécuritaire. Le bilan a été revu à la hausse à 32 morts, selon une "
        "source médicale.",
        "fr",
    )
    assert [(r.killed, r.said_by) for r in inc.toll_revisions] == [
        (10, "security source"),
        (32, "medical source"),
    ]


def test_figures_that_disagree_at_the_same_time_make_a_range_not_a_revision(extractor):
    inc = only(
        extractor,
        "Jihadists attacked an army post near Andéramboukane on Thursday. "
        "The army said 9 were killed, local sources 16.",
    )
    # two claims of one moment, each with its source; the current toll is their range
    assert [(r.killed, r.said_by) for r in inc.toll_revisions] == [
        (9, "army"),
        (16, "local sources"),
    ]
    assert {r.moment for r in inc.toll_revisions} == {0}
    assert not any(r.superseded for r in inc.toll_revisions)
    assert (inc.killed, inc.killed_min, inc.killed_max) == (9, 9, 16)


def test_numbers_that_are_not_tolls_are_not_counted(extractor):
    inc = only(
        extractor,
        "Gunmen burned six villages 90 km from Bourem on Friday and seized 3 "
        "vehicles; a 12-year-old boy was among 4 people killed.",
    )
    assert inc.killed == 4


def test_vague_words_follow_the_written_rule(extractor):
    inc = only(extractor, "Dozens of civilians were killed when gunmen attacked Bourem on Friday.")
    assert inc.killed == 12
    fr = only(
        extractor,
        "Une trentaine de civils ont été tués vendredi à Bourem par des hommes armés.",
        "fr",
    )
    assert fr.killed == 30


def test_breakdowns_are_parts_of_the_total(extractor):
    inc = only(extractor, "Gunmen killed 12 people, including 3 soldiers, near Bourem on Friday.")
    assert inc.killed == 12


def test_each_figure_says_as_of_when_it_was_given(extractor):
    inc = only(
        extractor,
        "Jihadists ambushed a convoy on Friday between Gao and Ansongo. A local official "
        "first gave a provisional toll of 10 dead. On Saturday, a local official and an NGO "
        "said 32 people had been killed. The source did not say how many had been wounded.",
    )
    first, last = (rev.to_dict()["as_of"] for rev in inc.toll_revisions)
    assert first == {"date": None, "basis": "before_next_figure", "superseded": True, "moment": 0}
    assert last == {"date": "2025-02-08", "basis": "stated", "superseded": False, "moment": 1}
    assert inc.wounded is None, "'did not say how many' is no wounded figure"


@pytest.mark.parametrize(
    ("published", "said_on"),
    [(date(2025, 2, 11), date(2025, 2, 11)), (date(2025, 2, 12), date(2025, 2, 11))],
)
def test_a_figure_is_never_said_before_the_event(extractor, published, said_on):
    """ "a déclaré mardi" in Tuesday's paper about last Friday's ambush is that Tuesday,
    not the Tuesday before the attack."""
    inc = only(
        extractor,
        "Des jihadistes ont tendu une embuscade vendredi 7 février à un convoi entre Gao et "
        "Ansongo. Le bilan s'est alourdi : 41 tués, a déclaré mardi un élu local.",
        "fr",
        pub=published,
    )
    assert inc.date == date(2025, 2, 7)
    assert inc.toll_revisions[-1].killed == 41
    assert inc.toll_revisions[-1].reported_on == said_on


def test_wounded_who_died_are_not_a_wounded_count(extractor):
    inc = only(
        extractor,
        "Des hommes armés ont attaqué Bourem vendredi, tuant cinq civils. Plusieurs blessés "
        "ont depuis succombé.",
        "fr",
    )
    assert inc.wounded is None


def test_a_conflicts_running_total_is_not_the_events_toll(extractor):
    inc = only(
        extractor,
        "Gunmen killed 12 villagers near Bourem on Friday. The insurgency has killed "
        "thousands of people since 2012, and more than 20,000 over the past decade.",
    )
    assert [r.killed for r in inc.toll_revisions] == [12]


def test_the_attackers_dead_are_kept_apart_from_the_toll(extractor):
    inc = only(
        extractor,
        "Jihadists ambushed an army convoy near Bourem on Friday. Three soldiers were killed "
        "and four attackers were killed, a local official said.",
    )
    assert (inc.killed, inc.attackers_killed) == (3, 4)
    rev = inc.toll_revisions[-1].to_dict()
    assert (rev["soldiers_killed"], rev["attackers_killed"]) == (3, 4)


def test_militants_killed_by_the_army_alone_are_the_toll(extractor):
    inc = only(
        extractor,
        "The army said its aircraft killed 20 terrorists near Bourem on Friday.",
    )
    assert (inc.killed, inc.attackers_killed) == (20, None)


def test_militants_beside_the_soldiers_dead_are_the_attackers(extractor):
    inc = only(
        extractor,
        "Jihadists attacked an army post in Bourem on Monday. Seven soldiers were killed, "
        "the ministry said. Several dozen terrorists were neutralised, it added.",
    )
    assert (inc.killed, inc.attackers_killed) == (7, 12)


def test_a_vague_word_beside_a_number_is_not_a_second_figure(extractor):
    inc = only(
        extractor,
        "Gunmen killed about 40 people in a village near Bourem on Monday, officials said. "
        '"Many were killed, mostly men," one of them said.',
    )
    assert [r.killed for r in inc.toll_revisions] == [40]


def test_figures_adding_up_to_the_lead_total_are_its_parts(extractor):
    inc = only(
        extractor,
        "Vingt-deux villageois ont été tués lundi près de Bourem, selon des sources locales. "
        "Des hommes armés ont ouvert le feu lors d'un baptême, tuant 15 personnes. Ensuite, "
        "ils ont tué sept autres personnes aux alentours.",
        "fr",
    )
    assert [r.killed for r in inc.toll_revisions] == [22]


def test_an_attack_without_deaths_has_a_toll_of_zero(extractor):
    inc = only(
        extractor,
        "Des hommes armés ont attaqué le poste de gendarmerie de Bourem samedi, sans faire de "
        "victimes.",
        "fr",
    )
    assert inc.killed == 0


def test_a_plain_text_lead_in_the_title_slot_is_read_as_the_report(extractor):
    lead = (
        "Vingt-deux villageois ont été tués lundi près de Bourem lors d'attaques menées "
        "par des hommes armés, ont rapporté mardi des sources locales."
    )
    result = extractor.extract(
        lead + "\n\nCe bilan a été confirmé par un élu.", published=PUB, lang="fr", title=lead
    )
    [inc] = [i for i in result.incidents if not i.background]
    assert (inc.killed, inc.date) == (22, date(2025, 2, 3))


def test_a_total_over_several_attacks_is_not_this_events_toll(extractor):
    inc = only(
        extractor,
        "Des jihadistes ont tué douze civils jeudi à Bourem, selon des habitants. La semaine "
        "précédente, une cinquantaine de personnes avaient été tuées dans plusieurs raids.",
        "fr",
    )
    assert [r.killed for r in inc.toll_revisions] == [12]


def test_a_bare_figure_before_its_source_is_a_concurrent_claim(extractor):
    inc = only(
        extractor,
        "Des hommes armés ont attaqué le marché de Bourem lundi. Un mort est à déplorer selon "
        "les autorités, deux selon des habitants.",
        "fr",
    )
    assert [r.killed for r in inc.toll_revisions] == [1, 2]
    assert (inc.killed, inc.killed_max) == (1, 2)


def test_a_feared_toll_is_speculation_not_a_figure(extractor):
    inc = only(
        extractor,
        "Jihadists attacked a convoy near Bourem on Monday. The provisional toll is that 11 "
        "bodies of soldiers have been found, he said. A security source said the toll could "
        "be as high as 60 dead.",
    )
    assert [r.killed for r in inc.toll_revisions] == [11]


def test_a_part_given_in_apposition_is_not_the_total(extractor):
    inc = only(
        extractor,
        "Gunmen attacked a convoy near Bourem on Monday, killing 11 soldiers. Some 28 people, "
        "20 of them soldiers, were wounded.",
    )
    assert inc.wounded == 28


def test_an_abduction_without_deaths_has_a_toll_of_zero(extractor):
    inc = only(
        extractor,
        "Des hommes armés ont enlevé samedi cinq commerçants près de Bourem.",
        "fr",
    )
    assert inc.sub_event_type == "Abduction/forced disappearance"
    assert inc.killed == 0


@pytest.mark.parametrize(
    ("text", "lang", "killed"),
    [
        (
            "Des hommes armés ont attaqué Bourem vendredi, faisant deux morts et de "
            "nombreux blessés.",
            "fr",
            2,
        ),
        (
            "Gunmen raided a market near Bourem on Friday, killing three and wounding "
            "several others.",
            "en",
            3,
        ),
        (
            "Des jihadistes ont attaqué vendredi un poste militaire près de Bourem, faisant "
            "plusieurs blessés parmi les soldats.",
            "fr",
            0,
        ),
    ],
)
def test_a_vague_wounded_count_is_no_wounded_figure(extractor, text, lang, killed):
    """ "de nombreux blessés", "several wounded": the wounded are left out (a number only
    when one is printed); alone, the outcome is still told: no death reported."""
    inc = only(extractor, text, lang)
    assert (inc.killed, inc.wounded) == (killed, None)


def test_an_approximate_wounded_noun_is_a_wounded_figure(extractor):
    inc = only(
        extractor,
        "Des hommes armés ont attaqué Bourem vendredi, faisant un mort et une vingtaine "
        "de blessés.",
        "fr",
    )
    assert (inc.killed, inc.wounded) == (1, 20)


def test_a_previous_toll_told_after_the_new_one_comes_first(extractor):
    """ "le précédent bilan faisait état d'une « dizaine »", told after the new figure:
    the earlier figure of the history, whatever the order of the sentences (and the
    quote inside "une « dizaine »" does not hide the number)."""
    inc = only(
        extractor,
        "Des jihadistes ont attaqué lundi un camp militaire près de Bourem : 24 soldats ont "
        "été tués, selon un nouveau bilan de l'armée. Le précédent bilan de l'armée faisait "
        "état d'une « dizaine de militaires tués ».",
        "fr",
    )
    assert [r.killed for r in inc.toll_revisions] == [10, 24]
    assert inc.killed == 24
