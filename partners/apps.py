from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partners (API access)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from partners import signals  # noqa: F401  (connects the receivers)
