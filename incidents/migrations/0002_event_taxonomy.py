"""Load ACLED's six event types and their sub-types, in codebook order
(when an event mixes tactics, the type higher in the list wins)."""

from django.db import migrations
from django.utils.text import slugify

TAXONOMY = [
    ("Battles", "#c0392b", [
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Armed clash",
    ]),
    ("Protests", "#2e86c1", [
        "Excessive force against protesters",
        "Protest with intervention",
        "Peaceful protest",
    ]),
    ("Riots", "#d68910", [
        "Violent demonstration",
        "Mob violence",
    ]),
    ("Explosions/Remote violence", "#7d3c98", [
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ]),
    ("Violence against civilians", "#1e8449", [
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ]),
    ("Strategic developments", "#566573", [
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ]),
]


def load(apps, schema_editor):
    EventType = apps.get_model("incidents", "EventType")
    SubEventType = apps.get_model("incidents", "SubEventType")
    for order, (name, color, sub_types) in enumerate(TAXONOMY, start=1):
        event_type, _ = EventType.objects.update_or_create(
            slug=slugify(name.replace("/", " ")),
            defaults={"name": name, "order": order, "color": color},
        )
        for sub_order, sub_name in enumerate(sub_types, start=1):
            SubEventType.objects.update_or_create(
                slug=slugify(sub_name.replace("/", " ")),
                defaults={"name": sub_name, "order": sub_order, "event_type": event_type},
            )


def unload(apps, schema_editor):
    apps.get_model("incidents", "SubEventType").objects.all().delete()
    apps.get_model("incidents", "EventType").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
