from django.contrib import admin

from jobs.models import JobRun


@admin.register(JobRun)
class JobRunAdmin(admin.ModelAdmin):
    list_display = ["job", "slot", "by_hand", "outcome", "started_at", "finished_at", "attempts"]
    list_filter = ["job", "outcome", "by_hand"]
    date_hierarchy = "slot"
    readonly_fields = [field.name for field in JobRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
