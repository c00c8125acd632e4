from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "liaison"
    verbose_name = "Accounts and agencies"

    def ready(self):
        from liaison import installation, receivers  # noqa: F401  (connects the session receivers)

        installation.connect_signals()
