from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "liaison"
    verbose_name = "Agency and exchanges"

    def ready(self):
        from liaison import formfields

        formfields.install()
