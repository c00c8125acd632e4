from django.apps import AppConfig

from groups.directory import page_cache


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = "Self-help group directory"

    def ready(self):
        # Imported once the models are loaded (the receivers import them); importing it connects
        # the audit of leaderships changed outside their services.
        from groups.leadership import receivers  # noqa: F401

        page_cache.connect_signals()
        from groups.meeting_guide import published

        published.connect_signals()
