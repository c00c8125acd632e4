from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm

from liaison.formfields import capped_password
from liaison.models import Agency, AgencyUnit, Installation, StaffMembership, User


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


@admin.register(Installation)
class InstallationAdmin(admin.ModelAdmin):
    """The one profile: added once, never deleted (the office edits it at /office/profile/)."""

    list_display = ["name", "organization", "phone", "crisis_line_phone", "updated_at"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Installation.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
