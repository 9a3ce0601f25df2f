"""Background mentions reach the review queue flagged as such, and perpetrators the
catalogue does not know are kept by name for editors to map (issue 9, items 3 and 7)."""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def grant(apps, schema_editor):
    """Editors map unresolved actors in the review queue; analysts may look."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(*codenames):
        return Permission.objects.filter(content_type__app_label="incidents",
                                         codename__in=codenames)

    Group.objects.get(name="Editors").permissions.add(
        *perms("view_unresolvedactor", "change_unresolvedactor"))
    Group.objects.get(name="Analysts").permissions.add(*perms("view_unresolvedactor"))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["Editors", "Analysts"]):
        group.permissions.remove(*Permission.objects.filter(
            content_type__app_label="incidents", codename__endswith="_unresolvedactor"))


class Migration(migrations.Migration):

    dependencies = [
        ('incidents', '0010_incident_killed_qualifier'),
    ]

    operations = [
        migrations.AddField(
            model_name='extractioncandidate',
            name='background',
            field=models.BooleanField(db_index=True, default=False, help_text='An earlier event the article only recalls as context. It is never filed on its own; approve it to promote it to an incident.', verbose_name='background mention'),
        ),
        migrations.CreateModel(
            name='UnresolvedActor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name as written')),
                ('role', models.CharField(choices=[('perpetrator', 'Perpetrator'), ('target', 'Target'), ('escort', 'Escort / ally'), ('victim', 'Victim')], max_length=12, verbose_name='role')),
                ('language', models.CharField(blank=True, max_length=8, verbose_name='language')),
                ('evidence', models.TextField(blank=True, help_text='The sentence that names it.', verbose_name='evidence')),
                ('resolved_at', models.DateTimeField(blank=True, null=True)),
                ('actor', models.ForeignKey(blank=True, help_text='The catalogue actor this name means; the name is added as its alias.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='incidents.actor', verbose_name='mapped to')),
                ('candidate', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='unresolved_actors', to='incidents.extractioncandidate')),
            ],
            options={
                'verbose_name': 'unresolved actor',
                'ordering': ['candidate', 'name'],
                'constraints': [models.UniqueConstraint(fields=('candidate', 'name', 'role'), name='unresolvedactor_unique_per_candidate'), models.CheckConstraint(condition=models.Q(('role__in', ['perpetrator', 'target', 'escort', 'victim'])), name='unresolvedactor_role_valid'), models.CheckConstraint(condition=models.Q(models.Q(('actor__isnull', True), ('resolved_at__isnull', True)), models.Q(('actor__isnull', False), ('resolved_at__isnull', False)), _connector='OR'), name='unresolvedactor_resolved_has_actor')],
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
