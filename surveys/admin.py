from django.contrib import admin

from surveys.models import Answer, Question, Response, Study, Survey


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = [
        "order",
        "kind",
        "text",
        "required",
        "choices",
        "choices_es",
        "min_value",
        "max_value",
    ]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "agency", "audience", "group", "status", "opens_on", "is_published"]
    list_filter = ["status", "audience", "is_published", "agency"]
    search_fields = ["title", "intro", "summary"]
    raw_id_fields = ["group", "created_by"]
    readonly_fields = ["token", "opens_on", "closed_on", "group_joined_on"]
    inlines = [QuestionInline]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "value"]
    raw_id_fields = ["question"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["pk", "survey", "submitted_on", "via"]
    list_filter = ["via", "survey__agency"]
    list_select_related = ["survey"]
    inlines = [AnswerInline]


@admin.register(Study)
class StudyAdmin(admin.ModelAdmin):
    list_display = ["title", "authors", "year", "agency", "order", "is_published"]
    list_filter = ["is_published", "agency"]
    search_fields = ["title", "authors", "journal"]
