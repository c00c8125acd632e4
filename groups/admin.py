from django.contrib import admin

from groups.models import GroupLeadership, SelfHelpGroup


class LeadershipInline(admin.TabularInline):
    model = GroupLeadership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "created_at", "ended_at"]
    readonly_fields = ["created_at"]


@admin.register(SelfHelpGroup)
class SelfHelpGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [LeadershipInline]


@admin.register(GroupLeadership)
class GroupLeadershipAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "created_at", "ended_at"]
    list_filter = ["ended_at"]
    search_fields = ["user__email", "user__full_name", "group__name"]
    list_select_related = ["user", "group"]
    autocomplete_fields = ["user", "group"]
