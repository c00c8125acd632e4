from django.contrib import admin

from audit.trail import Action, record
from liaison.admin import ReadOnlyAdmin
from referrals.models import (
    Client,
    ClientIdentity,
    Consent,
    Disclosure,
    FollowUp,
    PeerVolunteer,
    Referral,
    ReferralEvent,
    StorySession,
)
from referrals.services import client_delete


class IdentityInline(admin.StackedInline):
    model = ClientIdentity
    extra = 0


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = ["record_number", "initials", "agency", "unit", "is_active", "created_at"]
    search_fields = ["record_number", "initials"]
    list_select_related = ["agency", "unit"]
    list_filter = ["agency", "is_active", ("deleted_at", admin.EmptyFieldListFilter)]
    inlines = [IdentityInline]
    readonly_fields = ["deleted_at", "deleted_by", "purged_at"]

    def _record_view(self, request, object_id, page):
        client = Client.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if client is not None:
            record(
                Action.IDENTITY_VIEWED,
                request=request,
                obj=client,
                client=client,
                detail=f"Django admin, {page}",
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The identity shows on this page: the view goes to the audit trail like any other."""
        self._record_view(request, object_id, "change page")
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        """The confirmation page names the client: an identity view too."""
        if request.method == "GET":
            self._record_view(request, object_id, "delete confirmation")
        return super().delete_view(request, object_id, extra_context)

    def get_deleted_objects(self, objs, request):
        """A client is not removed from the database here, so nothing else goes with it: the
        confirmation lists the clients by pseudonym only (their identity, referrals and
        consents stay until the purge)."""
        objs = list(objs)
        return [str(obj) for obj in objs], {"clients": len(objs)}, set(), []

    def delete_model(self, request, obj):
        """The same soft delete as the app's: out of every list, identity purged after the
        retention period with a tombstone in the audit trail, restorable until then."""
        client_delete(client=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for client in queryset:
            client_delete(client=client, by=request.user)


@admin.register(PeerVolunteer)
class PeerVolunteerAdmin(admin.ModelAdmin):
    list_display = ["first_name", "group", "availability", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["first_name", "group__name"]
    list_select_related = ["group"]
    autocomplete_fields = ["group"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = [
        "client",
        "agency",
        "volunteer",
        "contact",
        "signed_on",
        "expires_on",
        "revoked_on",
    ]
    list_filter = ["agency", "signed_how"]
    search_fields = ["client__record_number"]
    list_select_related = ["client", "agency", "volunteer", "contact"]
    raw_id_fields = ["client", "volunteer", "contact"]


class EventInline(admin.TabularInline):
    model = ReferralEvent
    extra = 0


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["client", "group", "agency", "kind", "status", "at_discharge", "made_on"]
    list_filter = ["agency", "kind", "status", "at_discharge"]
    search_fields = ["client__record_number", "group__name"]
    list_select_related = ["client", "group", "agency"]
    raw_id_fields = ["client", "group", "meeting", "volunteer"]
    inlines = [EventInline, FollowUpInline]
    date_hierarchy = "made_on"


@admin.register(Disclosure)
class DisclosureAdmin(ReadOnlyAdmin):
    """Read-only: the ledger is append-only."""

    list_display = ["disclosed_at", "client", "agency", "recipient", "method", "disclosed_by"]
    list_filter = ["agency", "method"]
    search_fields = ["client__record_number", "recipient"]
    list_select_related = ["client", "agency", "disclosed_by"]


@admin.register(StorySession)
class StorySessionAdmin(admin.ModelAdmin):
    list_display = ["held_on", "agency", "storyteller", "clients_reached"]
    list_filter = ["agency"]
    raw_id_fields = ["storyteller"]
    filter_horizontal = ["groups"]
