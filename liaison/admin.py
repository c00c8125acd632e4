from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm

from liaison.formfields import capped_password
from liaison.models import (
    Activity,
    Agency,
    AgencyUnit,
    BoardSeat,
    FormalTie,
    StaffMembership,
    Support,
    TrainingSession,
    User,
    Visit,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """For append-only records (the disclosure ledger, the audit trail): read, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EmailUserCreationForm(UserCreationForm):
    password1 = capped_password(UserCreationForm.base_fields["password1"])
    password2 = capped_password(UserCreationForm.base_fields["password2"])

    class Meta:
        model = User
        fields = ["email", "full_name"]


class EmailUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class MembershipInline(admin.TabularInline):
    model = StaffMembership
    extra = 0
    fields = ["agency", "unit", "role", "title", "liaison_hours_per_week", "is_active"]
    autocomplete_fields = ["agency", "unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = EmailUserChangeForm
    add_form = EmailUserCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "agency_name", "role_name", "is_active", "last_login"]
    list_filter = [
        "is_active",
        "is_staff",
        "is_superuser",
        "memberships__role",
        "memberships__agency",
    ]
    search_fields = ["email", "full_name"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("memberships__agency")

    @admin.display(description="agency")
    def agency_name(self, obj):
        return ", ".join(m.agency.name for m in obj.memberships.all()) or "—"

    @admin.display(description="role")
    def role_name(self, obj):
        return ", ".join(m.get_role_display() for m in obj.memberships.all()) or "—"


class UnitInline(admin.TabularInline):
    model = AgencyUnit
    extra = 0
    fields = ["name", "level", "is_active"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "phone", "email", "created_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [UnitInline]


@admin.register(AgencyUnit)
class AgencyUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "level", "is_active"]
    list_filter = ["level", "is_active", "agency"]
    search_fields = ["name", "agency__name"]
    list_select_related = ["agency"]


@admin.register(StaffMembership)
class StaffMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "unit", "role", "liaison_hours_per_week", "is_active"]
    list_filter = ["role", "is_active", "agency", "unit__level"]
    search_fields = ["user__email", "user__full_name", "agency__name", "title"]
    list_select_related = ["user", "agency", "unit"]
    autocomplete_fields = ["user", "agency", "unit"]


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ["group", "staff", "agency", "kind", "status", "planned_on", "done_on", "hours"]
    list_filter = ["status", "kind", "agency"]
    search_fields = ["group__name", "staff__email", "staff__full_name", "contact_person"]
    list_select_related = ["group", "staff", "agency"]
    autocomplete_fields = ["group", "staff", "agency"]
    raw_id_fields = ["meeting"]
    date_hierarchy = "planned_on"


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "kind", "held_on", "hours"]
    list_filter = ["kind", "agency"]
    search_fields = ["title", "presenters"]
    filter_horizontal = ["groups", "attendees"]
    date_hierarchy = "held_on"


@admin.register(BoardSeat)
class BoardSeatAdmin(admin.ModelAdmin):
    list_display = [
        "holder_name",
        "agency",
        "is_self_help_leader",
        "group",
        "term_start",
        "term_end",
    ]
    list_filter = ["is_self_help_leader", "agency"]
    search_fields = ["holder_name", "group__name"]
    autocomplete_fields = ["group", "organization", "agency"]


@admin.register(FormalTie)
class FormalTieAdmin(admin.ModelAdmin):
    list_display = ["__str__", "agency", "status", "signed_on", "renews_on"]
    list_filter = ["kind", "status", "agency"]
    search_fields = ["group__name", "organization__name", "notes"]
    autocomplete_fields = ["group", "organization", "agency"]


@admin.register(Support)
class SupportAdmin(admin.ModelAdmin):
    list_display = ["group", "agency", "kind", "given_on", "amount", "in_kind_value"]
    list_filter = ["kind", "agency"]
    search_fields = ["group__name", "description"]
    autocomplete_fields = ["group", "agency"]
    date_hierarchy = "given_on"


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["kind", "level", "agency", "happened_on"]
    list_filter = ["kind", "level", "agency"]
    search_fields = ["summary", "partners"]
    filter_horizontal = ["groups"]
    date_hierarchy = "happened_on"
