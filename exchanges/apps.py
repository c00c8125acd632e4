from django.apps import AppConfig


class ExchangesConfig(AppConfig):
    name = "exchanges"
    verbose_name = "The agency's exchanges with groups"
    default_auto_field = "django.db.models.BigAutoField"
