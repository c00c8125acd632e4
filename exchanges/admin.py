from django.contrib import admin

from exchanges.models import Activity, BoardSeat, FormalTie, Support, TrainingSession, Visit


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
