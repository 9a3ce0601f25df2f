from django.apps import AppConfig


class InterchangeConfig(AppConfig):
    name = "incidents.interchange"
    label = "interchange"
    verbose_name = "Data interchange"
    default_auto_field = "django.db.models.BigAutoField"
