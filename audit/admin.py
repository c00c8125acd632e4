from django.contrib import admin

from audit.models import AuditEvent
from liaison.admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: the trail is searched here, never edited."""

    list_display = ["at", "actor", "role", "agency_id", "action", "outcome", "client_pseudonym"]
    list_filter = ["action", "outcome", "role"]
    search_fields = ["actor", "client_pseudonym", "request_id", "detail"]
    date_hierarchy = "at"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]
