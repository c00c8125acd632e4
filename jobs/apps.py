from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Background jobs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each app declares its periodic jobs in `<app>/scheduled.py`; the jobs app never
        # imports the apps above it.
        autodiscover_modules("scheduled")
