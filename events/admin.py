from django.contrib import admin

from events.models import JointEvent, Partner, Registration, Sponsorship


class SponsorshipInline(admin.TabularInline):
    model = Sponsorship
    extra = 0
    raw_id_fields = ["group", "partner"]
    fields = ["role", "is_agency", "group", "partner", "answer"]


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "email", "phone", "status"]


@admin.register(JointEvent)
class JointEventAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "kind", "starts_at", "status", "is_public", "capacity"]
    list_filter = ["status", "kind", "is_public", "agency"]
    search_fields = ["title", "description", "place"]
    date_hierarchy = "starts_at"
    inlines = [SponsorshipInline, RegistrationInline]


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "sector", "contact_name"]
    list_filter = ["sector", "agency"]
    search_fields = ["name", "contact_name"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "event", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "email", "event__title"]
    list_select_related = ["event"]
