"""Tolls as reporters phrase them (issue 9, item 4), one test per rule of
``incidents/extraction/figures.py`` and ``numbers.py``, through the whole engine on
sentences written for these tests."""

from datetime import date

PUB = date(2025, 3, 12)


def live(extractor, text, lang="en", pub=PUB):
    result = extractor.extract(text, published=pub, lang=lang)
    return [i for i in result.incidents if not i.background]


def only(extractor, text, lang="en", pub=PUB):
    incidents = live(extractor, text, lang, pub)
    assert len(incidents) == 1, [(i.killed, i.location_text) for i in incidents]
    return incidents[0]


# --- singular subjects and nouns for the deaths -----------------------------------------


def test_one_person_named_with_an_article_and_a_complement_is_one_death(extractor):
    inc = only(
        extractor,
        "Mardi soir, un chauffeur de la compagnie de transport a été tué par des hommes "
        "armés près de Bourem.",
        "fr",
    )
    assert inc.killed == 1


def test_a_noun_for_the_deaths_binds_its_count_in_french(extractor):
    inc = only(
        extractor,
        "L'armée a annoncé mercredi la mort de huit soldats dans une embuscade tendue "
        "près d'Ansongo.",
        "fr",
    )
    assert inc.killed == 8


def test_a_noun_for_the_deaths_binds_its_count_in_english(extractor):
    inc = only(
        extractor,
        "Officials confirmed the deaths of eleven soldiers after gunmen attacked a patrol "
        "near Bourem on Monday.",
    )
    assert inc.killed == 11


def test_a_burial_counts_the_dead(extractor):
    inc = only(
        extractor,
        "Après l'attaque jihadiste de lundi contre le poste de Bourem, la garde nationale a "
        "inhumé jeudi ses 14 camarades.",
        "fr",
    )
    assert inc.killed == 14


def test_the_armys_word_for_its_fallen_is_a_death(extractor):
    inc = only(
        extractor,
        "Selon l'état-major, trois militaires sont tombés lors de l'attaque du poste de "
        "Bourem lundi.",
        "fr",
    )
    assert inc.killed == 3


def test_a_long_subject_with_its_complement_still_binds_the_verb(extractor):
    inc = only(
        extractor,
        "Vendredi, quatre membres du comité de vigilance de Bourem ont été tués par des "
        "assaillants.",
        "fr",
    )
    assert inc.killed == 4


def test_un_in_english_is_the_united_nations_not_one(extractor):
    inc = only(
        extractor,
        "Four UN peacekeepers from Chad were killed when their convoy hit a mine near "
        "Ansongo on Monday.",
    )
    assert inc.killed == 4


def test_ages_are_not_a_count_or_a_range(extractor):
    inc = only(
        extractor,
        "Residents said five men aged 18 to 35 were killed when gunmen raided a market near "
        "Bourem on Sunday.",
    )
    assert (inc.killed, inc.toll_revisions[-1].killed_max) == (5, 5)


def test_part_of_the_bodies_is_not_another_figure(extractor):
    inc = only(
        extractor,
        'The strike near Bourem on Sunday killed nine herders. "Four of the bodies were '
        'burned," a witness said.',
    )
    assert inc.killed == 9


# --- wounded ------------------------------------------------------------------------------


def test_one_wounded_named_with_an_article_is_a_wounded_count_and_no_death(extractor):
    inc = only(
        extractor,
        "Le camp de Bourem a été visé par des tirs d'obus mardi. Le bilan fait état d'un "
        "gendarme grièvement blessé.",
        "fr",
    )
    assert (inc.killed, inc.wounded) == (0, 1)


def test_victims_with_the_wounded_counted_apart_are_the_dead(extractor):
    inc = only(
        extractor,
        "Des hommes armés ont attaqué le village de Bourem lundi : on compte huit victimes, "
        "dont un enfant, et cinq autres blessés.",
        "fr",
    )
    assert (inc.killed, inc.wounded) == (8, 5)


def test_wounded_who_succumbed_are_no_wounded_count(extractor):
    inc = only(
        extractor,
        "Des jihadistes ont attaqué le poste de Bourem jeudi, tuant six soldats. Plusieurs "
        "blessés ont succombé depuis.",
        "fr",
    )
    assert inc.wounded is None
    assert inc.killed == 6


# --- additions and parts ------------------------------------------------------------------


def test_deaths_told_as_an_addition_add_to_the_figure_before(extractor):
    inc = only(
        extractor,
        "L'embuscade tendue lundi près d'Ansongo a fait cinq morts parmi les civils. Deux "
        "gendarmes ont également été tués.",
        "fr",
    )
    assert inc.killed == 7
    assert [r.killed for r in inc.toll_revisions] == [7]


def test_an_addition_equal_to_a_stated_total_is_its_part(extractor):
    inc = only(
        extractor,
        "Le bilan de l'attaque de Bourem passe à douze morts, selon un élu. Un premier bilan "
        "faisait état de huit morts. Quatre blessés ont depuis succombé, a précisé l'élu.",
        "fr",
    )
    assert [r.killed for r in inc.toll_revisions] == [8, 12]
    assert inc.killed == 12


# --- revision cues ------------------------------------------------------------------------


def test_a_provisional_figure_after_the_other_is_a_disagreeing_one(extractor):
    inc = only(
        extractor,
        "Un kamikaze s'est fait exploser mercredi dans un camp militaire à Bourem, faisant "
        "30 morts selon une source militaire. L'armée parle de 22 morts selon un décompte "
        "provisoire.",
        "fr",
    )
    assert sorted(r.killed for r in inc.toll_revisions) == [22, 30]
    assert len({r.moment for r in inc.toll_revisions}) == 1, "one moment, two claims"
    assert inc.killed == 22


def test_a_provisional_figure_before_another_is_the_earlier_one(extractor):
    inc = only(
        extractor,
        "Des jihadistes ont attaqué un convoi près d'Ansongo vendredi. Un bilan provisoire "
        "faisait état de 6 morts. Une ONG a ensuite recensé 15 morts.",
        "fr",
    )
    assert [r.killed for r in inc.toll_revisions] == [6, 15]


def test_the_latest_toll_said_as_such_comes_after_the_earlier_announcement(extractor):
    inc = only(
        extractor,
        "Selon le dernier bilan de l'armée, au moins 40 soldats ont été tués samedi près de "
        "Bourem. L'armée avait annoncé dimanche matin la mort de douze soldats.",
        "fr",
    )
    assert [r.killed for r in inc.toll_revisions] == [12, 40]
    assert inc.killed == 40


def test_a_count_for_now_is_the_current_one(extractor):
    inc = only(
        extractor,
        "Des jihadistes ont attaqué le marché de Bourem le 3 mars. Les habitants ont enterré "
        "20 morts le lendemain. D'autres blessés sont décédés depuis : on compte pour "
        "l'instant 27 morts, selon un élu.",
        "fr",
    )
    assert [r.killed for r in inc.toll_revisions] == [20, 27]


def test_narrative_first_is_no_initial_toll(extractor):
    inc = only(
        extractor,
        "Les assaillants ont d'abord tiré sur des civils près de Bourem lundi, en tuant "
        "neuf. Selon des habitants, il y aurait eu une quinzaine de morts pour la journée.",
        "fr",
    )
    assert [r.killed for r in inc.toll_revisions] == [9, 15]
    assert len({r.moment for r in inc.toll_revisions}) == 1, "figures of one moment"
    assert inc.killed == 9


# --- alternatives and recalled figures ------------------------------------------------------


def test_alternative_figures_in_an_apposition_are_disagreeing_claims(extractor):
    inc = only(
        extractor,
        "Des jihadistes ont attaqué des hameaux près de Bourem mardi. On parle de plusieurs "
        "dizaines de civils tués – une trentaine, voire une cinquantaine, selon les sources.",
        "fr",
    )
    assert [r.killed for r in inc.toll_revisions] == [30, 50], "never summed, never vague"
    assert len({r.moment for r in inc.toll_revisions}) == 1
    assert inc.killed == 30


def test_a_breakdown_after_a_colon_is_not_an_alternative(extractor):
    inc = only(
        extractor,
        "Des jihadistes ont attaqué le camp de Bourem mercredi. Selon un élu, on compte 25 "
        "morts : 15 soldats et 10 civils.",
        "fr",
    )
    assert [r.killed for r in inc.toll_revisions] == [25]


def test_a_figure_of_a_recalled_attack_is_not_the_current_toll(extractor):
    inc = only(
        extractor,
        "Quatre gendarmes ont été tués lundi lors d'une attaque contre le poste de Bourem. "
        "Le nord du pays avait déjà connu une attaque en ce mois de mars : l'explosion d'une "
        "mine au passage d'un car, il y a une semaine environ, avec un lourd bilan d'au moins "
        "18 civils tués, dont des enfants.",
        "fr",
        pub=None,  # no publication date: the recalled attack's date cannot set it apart
    )
    assert [r.killed for r in inc.toll_revisions] == [4]
    assert inc.killed == 4


# --- headline style, bare auxiliaries, bodies, no loss of life ---------------------------


def test_a_headline_count_with_a_bare_participle_is_the_toll(extractor):
    inc = only(
        extractor,
        "4 peacekeepers killed near Ansongo. Their convoy was ambushed on Monday, the UN said.",
    )
    assert inc.killed == 4


def test_a_french_headline_count_gives_killed_and_wounded(extractor):
    inc = only(
        extractor,
        "Ansongo : 1 garde national tué et 3 blessés. Le poste a été attaqué lundi soir.",
        "fr",
    )
    assert (inc.killed, inc.wounded) == (1, 3)


def test_one_person_who_lost_their_life_is_one_death(extractor):
    inc = only(
        extractor,
        "Lors de l'attaque du poste de Bourem lundi, un élément des forces de défense a "
        "perdu la vie.",
        "fr",
    )
    assert inc.killed == 1


def test_a_member_of_a_force_killed_is_one_death(extractor):
    inc = only(
        extractor,
        "Gunmen attacked a checkpoint near Bourem on Friday. A member of the national guard "
        "was killed, police said.",
    )
    assert inc.killed == 1


def test_bodies_found_are_the_dead(extractor):
    inc = only(
        extractor,
        "Des hommes armés ont attaqué un campement près de Bourem lundi. Les corps de 7 "
        "bergers ont été retrouvés sur place.",
        "fr",
    )
    assert inc.killed == 7


def test_wounded_who_succumbed_in_english_are_no_count(extractor):
    inc = only(
        extractor,
        "Gunmen attacked the market of Bourem on Friday, killing eight traders. Several "
        "wounded later succumbed to their injuries.",
    )
    assert (inc.killed, inc.wounded) == (8, None)


def test_no_loss_of_human_life_is_a_toll_of_zero(extractor):
    inc = only(
        extractor,
        "Des obus sont tombés lundi sur le camp de Bourem. Aucune perte en vie humaine n'a "
        "été enregistrée, selon l'armée.",
        "fr",
    )
    assert inc.killed == 0


def test_the_killers_counted_before_an_active_verb_are_not_the_dead(extractor):
    inc = only(
        extractor,
        "Lundi, près de Bourem, deux hommes armés ont tué trois bergers qui gardaient leurs "
        "troupeaux.",
        "fr",
    )
    assert [r.killed for r in inc.toll_revisions] == [3]


def test_a_headline_participle_with_an_object_is_an_active_verb(extractor):
    inc = only(extractor, "Two gunmen killed five traders near Bourem on Sunday, residents said.")
    assert [r.killed for r in inc.toll_revisions] == [5]


def test_counts_per_side_after_one_verb_add_up_with_their_breakdown(extractor):
    inc = only(
        extractor,
        "Des jihadistes ont attaqué le poste de Bourem lundi, tuant quatre gendarmes et deux "
        "civils.",
        "fr",
    )
    assert inc.killed == 6
    assert inc.toll_revisions[-1].breakdown == {"soldiers": 4, "civilians": 2}


def test_counts_per_side_after_a_noun_for_the_deaths_add_up(extractor):
    inc = only(
        extractor,
        "The army confirmed the deaths of five soldiers and three civilians in the ambush near "
        "Ansongo on Monday.",
    )
    assert inc.killed == 8


def test_the_attackers_after_one_verb_are_kept_apart(extractor):
    inc = only(
        extractor,
        "Gunmen attacked a post near Bourem on Monday, killing four soldiers and two attackers.",
    )
    assert (inc.killed, inc.attackers_killed) == (4, 2)
