from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = "Self-help group directory"

    def ready(self):
        from groups import page_cache, receivers  # noqa: F401  (connects the audit receivers)

        page_cache.connect_signals()
