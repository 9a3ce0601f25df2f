"""Words the dashboard's scripts show, translated on the server and handed to
them through ``json_script``; and the taxonomy's names marked for translation
(they are data, so ``makemessages`` would not find them otherwise)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

EVENT_TYPE_NAMES = (
    gettext_noop("Battles"),
    gettext_noop("Protests"),
    gettext_noop("Riots"),
    gettext_noop("Explosions/Remote violence"),
    gettext_noop("Violence against civilians"),
    gettext_noop("Strategic developments"),
)

SUB_EVENT_TYPE_NAMES = (
    gettext_noop("Government regains territory"),
    gettext_noop("Non-state actor overtakes territory"),
    gettext_noop("Armed clash"),
    gettext_noop("Excessive force against protesters"),
    gettext_noop("Protest with intervention"),
    gettext_noop("Peaceful protest"),
    gettext_noop("Violent demonstration"),
    gettext_noop("Mob violence"),
    gettext_noop("Chemical weapon"),
    gettext_noop("Air/drone strike"),
    gettext_noop("Suicide bomb"),
    gettext_noop("Shelling/artillery/missile attack"),
    gettext_noop("Remote explosive/landmine/IED"),
    gettext_noop("Grenade"),
    gettext_noop("Sexual violence"),
    gettext_noop("Attack"),
    gettext_noop("Abduction/forced disappearance"),
    gettext_noop("Agreement"),
    gettext_noop("Arrests"),
    gettext_noop("Change to group/activity"),
    gettext_noop("Disrupted weapons use"),
    gettext_noop("Headquarters or base established"),
    gettext_noop("Looting/property destruction"),
    gettext_noop("Non-violent transfer of territory"),
    gettext_noop("Other"),
)


def script_labels() -> dict[str, str | dict[str, str]]:
    return {
        "incidents": _("incidents"),
        "deaths": _("deaths"),
        "killed": _("killed"),
        "unknownToll": _("toll unknown"),
        "open": _("Open incident page"),
        "loading": _("Loading incidents…"),
        "failed": _("Could not load incidents."),
        # Plural forms, picked in the script by Intl.PluralRules ("one"/"other"),
        # which counts as gettext does for English and French (French: 0 and 1 are "one").
        "shown": {
            "one": ngettext(
                "%(shown)s of %(total)s incident", "%(shown)s of %(total)s incidents", 1
            ),
            "other": ngettext(
                "%(shown)s of %(total)s incident", "%(shown)s of %(total)s incidents", 2
            ),
        },
        "more": _("Show more"),
        "none": _("No incident matches."),
        "km": _("km"),
        "kmAlong": _("km from the start of the road"),
        "date": _("date"),
        "perDay": _("per day"),
        "perWeek": _("per week"),
        "perMonth": _("per month"),
        "clearBrush": _("Clear time selection"),
        "offline": _("Map tiles unavailable: showing the offline country outlines."),
        "reported": _("reported"),
        "tollHistory": _("Toll over time"),
        "cluster": _("%(count)s incidents, %(killed)s killed — zoom in"),
        "stack": _("%(count)s incidents at this point"),
        "asReported": _("as reported: “%(text)s”"),
    }
