"""Create the Editors and Analysts groups with their permissions.

Editors change incidents, add toll revisions (never change their figures),
and curate actors, places, routes, feeds and articles. Analysts only view.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW_ONLY = [
    "incident", "incidentactor", "incidentsource", "tollrevision", "actor", "actoralias",
    "place", "route", "feed", "article", "eventtype", "subeventtype",
]

EDITOR_PERMISSIONS = {
    "incident": ["view", "add", "change"],
    "incidentactor": ["view", "add", "change", "delete"],
    "incidentsource": ["view", "add", "change", "delete"],
    "tollrevision": ["view", "add"],
    "actor": ["view", "add", "change", "delete"],
    "actoralias": ["view", "add", "change", "delete"],
    "place": ["view", "add", "change", "delete"],
    "route": ["view", "add", "change", "delete"],
    "feed": ["view", "add", "change", "delete"],
    "article": ["view", "add", "change"],
    "eventtype": ["view"],
    "subeventtype": ["view"],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they
    # exist now so the groups can be given them on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(pairs):
        codenames = [f"{action}_{model}" for model, actions in pairs for action in actions]
        found = list(Permission.objects.filter(
            content_type__app_label="incidents", codename__in=codenames))
        missing = set(codenames) - {p.codename for p in found}
        if missing:
            raise RuntimeError(f"permissions missing: {sorted(missing)}")
        return found

    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(perms(EDITOR_PERMISSIONS.items()))
    analysts, _ = Group.objects.get_or_create(name="Analysts")
    analysts.permissions.set(perms((model, ["view"]) for model in VIEW_ONLY))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Analysts"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0003_tollrevision_append_only"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, remove_groups)]
