"""Editors review extraction candidates; analysts may look at them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(*codenames):
        found = list(Permission.objects.filter(content_type__app_label="incidents",
                                               codename__in=codenames))
        assert len(found) == len(codenames), codenames
        return found

    Group.objects.get(name="Editors").permissions.add(
        *perms("view_extractioncandidate", "change_extractioncandidate"))
    Group.objects.get(name="Analysts").permissions.add(*perms("view_extractioncandidate"))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Analysts"]):
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="incidents", codename__endswith="_extractioncandidate"))


class Migration(migrations.Migration):
    dependencies = [("incidents", "0006_extraction_candidates")]
    operations = [migrations.RunPython(grant, revoke)]
