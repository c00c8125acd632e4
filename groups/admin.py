from django.contrib import admin, messages

from groups.directory import spelling
from groups.directory.search import refresh_search_for
from groups.forms import MeetingForm
from groups.leadership.services import leader_proposal_decide
from groups.listing.changes import listing_snapshot, log_listing_diff
from groups.models import (
    Assessment,
    AudienceTag,
    Contact,
    DirectoryUsage,
    FocusArea,
    GroupLeadership,
    ImportRun,
    ImportSource,
    Language,
    LeaderInvitation,
    ListingChange,
    Location,
    Meeting,
    NewGroupRequest,
    Organization,
    SelfHelpGroup,
    Suggestion,
)
from groups.services import ListingError


class ListingHistoryMixin:
    """Changes made here go into the listing's history like any other, marked as the admin's."""

    def listing_group_id(self, obj):
        return obj.group_id

    def save_model(self, request, obj, form, change):
        # The form has already put the new values on `obj`: read the old ones from the database.
        group_id = self.listing_group_id(obj)
        stored = SelfHelpGroup.objects.filter(pk=group_id).first() if group_id else None
        request._listing_before = listing_snapshot(stored) if stored else {}
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        group = SelfHelpGroup.objects.get(pk=self.listing_group_id(form.instance))
        log_listing_diff(
            getattr(request, "_listing_before", {}),
            listing_snapshot(group),
            by=request.user,
            source=ListingChange.Source.ADMIN,
        )
        refresh_search_for(SelfHelpGroup.objects.filter(pk=group.pk))


class LeadershipInline(admin.TabularInline):
    model = GroupLeadership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "created_at", "ended_at"]
    readonly_fields = ["created_at"]


class MeetingInline(admin.StackedInline):
    model = Meeting
    form = MeetingForm
    extra = 0
    autocomplete_fields = ["location"]
    show_change_link = True


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["first_name", "last_name", "role", "email", "phone", "is_public", "position"]

    class Media:
        css = {"all": ["css/admin.css"]}


@admin.register(SelfHelpGroup)
class SelfHelpGroupAdmin(ListingHistoryMixin, admin.ModelAdmin):
    list_display = ["name", "organization", "status", "autonomy", "verified_at", "updated_at"]
    list_filter = ["status", "autonomy", "focus_areas", "organization", "audience"]
    search_fields = ["name", "slug", "description", "common_issues"]
    list_select_related = ["organization"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organization"]
    filter_horizontal = ["focus_areas", "audience", "listing_languages"]
    readonly_fields = ["verified_by", "created_at", "updated_at"]
    date_hierarchy = "verified_at"
    inlines = [MeetingInline, ContactInline, LeadershipInline]

    def listing_group_id(self, obj):
        return obj.pk

    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "organization",
                    "status",
                    "focus_areas",
                    "audience",
                    "listing_languages",
                ]
            },
        ),
        (
            "What a newcomer should know",
            {
                "fields": [
                    "description",
                    "who_attends",
                    "typical_format",
                    "common_issues",
                    "philosophy",
                ]
            },
        ),
        (
            "Typology",
            {
                "fields": [
                    "problem_locus",
                    "format_structure",
                    "autonomy",
                    "founded_year",
                    "typical_attendance",
                ]
            },
        ),
        ("Public contact", {"fields": ["public_email", "public_phone", "website"]}),
        ("Freshness", {"fields": ["verified_at", "verified_by", "created_at", "updated_at"]}),
    ]


@admin.register(Meeting)
class MeetingAdmin(ListingHistoryMixin, admin.ModelAdmin):
    form = MeetingForm
    list_display = ["__str__", "group", "mode", "access", "status", "updated_at"]
    list_filter = ["status", "mode", "access", "recurrence", "languages"]
    search_fields = ["name", "slug", "group__name"]
    list_select_related = ["group"]
    autocomplete_fields = ["group", "location"]

    def get_fields(self, request, obj=None):
        return ["group", "slug", *MeetingForm.Meta.fields[:2], "days", *MeetingForm.Meta.fields[2:]]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "street", "city", "postal_code"]
    list_filter = ["city", "state"]
    search_fields = ["name", "street", "city", "postal_code"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "approach", "website"]
    list_filter = ["approach", "focus_areas"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["focus_areas"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Its groups are found by its name and short name, and a typo corrected to them.
        if {"name", "short_name"} & set(form.changed_data):
            refresh_search_for(SelfHelpGroup.objects.filter(organization=form.instance))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        spelling.refresh_words()


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]


@admin.register(AudienceTag)
class AudienceTagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "meeting_guide_code", "position"]
    list_editable = ["position"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "native_name", "meeting_guide_code"]
    search_fields = ["name", "code"]


@admin.register(Contact)
class ContactAdmin(ListingHistoryMixin, admin.ModelAdmin):
    list_display = ["public_name", "group", "role", "email", "phone", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["first_name", "last_name", "group__name", "email"]
    list_select_related = ["group"]
    autocomplete_fields = ["group"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["group", "agency", "maturity", "leadership_stability", "autonomy", "updated_at"]
    list_filter = ["agency", "maturity", "autonomy"]
    search_fields = ["group__name", "agency__name", "notes"]
    list_select_related = ["group", "agency"]
    autocomplete_fields = ["group", "agency"]


@admin.register(GroupLeadership)
class GroupLeadershipAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "created_at", "ended_at"]
    list_filter = ["ended_at"]
    search_fields = ["user__email", "user__full_name", "group__name"]
    list_select_related = ["user", "group"]
    autocomplete_fields = ["user", "group"]


@admin.register(DirectoryUsage)
class DirectoryUsageAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "audience", "count"]
    list_filter = ["kind", "audience"]
    date_hierarchy = "day"


@admin.register(ListingChange)
class ListingChangeAdmin(admin.ModelAdmin):
    list_display = ["changed_at", "group", "object_label", "action", "source", "changed_by"]
    list_filter = ["source", "action", "object_type"]
    search_fields = ["group__name", "object_label"]
    list_select_related = ["group", "changed_by"]
    date_hierarchy = "changed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["group", "source", "submitter_name", "created_at", "status", "decided_by"]
    list_filter = ["status", "source"]
    search_fields = ["group__name", "note", "submitter_name", "submitter_email"]
    list_select_related = ["group", "decided_by"]
    autocomplete_fields = ["group"]
    readonly_fields = ["created_at"]


@admin.register(LeaderInvitation)
class LeaderInvitationAdmin(admin.ModelAdmin):
    """Invitations and proposals are made in the app; here the superuser decides the proposals
    for groups that have no leader (and may decide any proposal)."""

    list_display = ["email", "group", "status", "origin", "agency", "invited_by", "created_at"]
    list_filter = ["status", "origin"]
    search_fields = ["email", "name", "group__name"]
    list_select_related = ["group", "invited_by", "agency"]
    actions = ["confirm_proposals", "decline_proposals"]
    readonly_fields = [
        "group",
        "email",
        "name",
        "note",
        "origin",
        "status",
        "invited_by",
        "agency",
        "decided_by",
        "decided_at",
        "created_at",
        "sent_at",
        "expires_at",
        "accepted_at",
        "accepted_by",
        "revoked_at",
    ]

    def has_add_permission(self, request):
        return False

    def _decide(self, request, queryset, *, confirm):
        done = 0
        for invitation in queryset.select_related("group"):
            try:
                leader_proposal_decide(
                    invitation=invitation,
                    by=request.user,
                    confirm=confirm,
                    base_url=request.build_absolute_uri("/")[:-1],
                )
            except ListingError as error:
                self.message_user(request, f"{invitation.email}: {error}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, f"{done} proposal(s) {'confirmed' if confirm else 'declined'}.")

    @admin.action(description="Confirm the proposals and send the invitations")
    def confirm_proposals(self, request, queryset):
        self._decide(request, queryset, confirm=True)

    @admin.action(description="Decline the proposals")
    def decline_proposals(self, request, queryset):
        self._decide(request, queryset, confirm=False)


@admin.register(NewGroupRequest)
class NewGroupRequestAdmin(admin.ModelAdmin):
    list_display = [
        "group",
        "contact_name",
        "created_at",
        "decision",
        "wants_space",
        "wants_publicity",
        "wants_starting_help",
    ]
    list_filter = ["decision", "wants_space", "wants_publicity", "wants_starting_help"]
    search_fields = ["group__name", "contact_name", "contact_email"]
    list_select_related = ["group"]


class ImportRunInline(admin.TabularInline):
    model = ImportRun
    extra = 0
    can_delete = False
    fields = ["started_at", "outcome", "counts", "message", "batch"]
    readonly_fields = fields


@admin.register(ImportSource)
class ImportSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "format", "trusted", "active", "checked_at"]
    list_filter = ["format", "trusted", "active"]
    search_fields = ["name", "url"]
    readonly_fields = ["etag", "last_modified", "checked_at", "created_by"]
    inlines = [ImportRunInline]
