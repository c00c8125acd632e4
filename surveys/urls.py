from django.urls import path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("surveys/<str:token>/", views.respond, name="respond"),
    path("surveys/<str:token>/thanks/", views.thanks, name="thanks"),
    path("evidence/", views.evidence, name="evidence"),
    path("office/surveys/", views.survey_list, name="office_list"),
    path("office/surveys/new/", views.survey_new, name="office_new"),
    path("office/surveys/<int:pk>/", views.survey_edit, name="office_survey"),
    path("office/surveys/<int:pk>/status/", views.survey_status, name="status"),
    path("office/surveys/<int:pk>/open/", views.survey_open_confirm, name="open"),
    path("office/surveys/<int:pk>/link/", views.survey_link_print, name="link_print"),
    path("office/surveys/<int:pk>/questions/add/", views.question_edit, name="question_add"),
    path(
        "office/surveys/<int:pk>/questions/<int:question_pk>/",
        views.question_edit,
        name="question_edit",
    ),
    path(
        "office/surveys/<int:pk>/questions/<int:question_pk>/spanish/",
        views.question_spanish,
        name="question_spanish",
    ),
    path(
        "office/surveys/<int:pk>/questions/<int:question_pk>/change/",
        views.question_change,
        name="question_change",
    ),
    path("office/surveys/<int:pk>/print/", views.survey_print, name="print"),
    path("office/surveys/<int:pk>/enter/", views.survey_enter, name="enter"),
    path("office/surveys/<int:pk>/results/", views.results, name="results"),
    path("office/surveys/<int:pk>/results.csv", views.results_csv, name="results_csv"),
    path("office/surveys/<int:pk>/responses.csv", views.responses_csv, name="responses_csv"),
    path("office/studies/", views.studies, name="studies"),
    path("office/studies/add/", views.study_edit, name="study_add"),
    path("office/studies/<int:pk>/", views.study_edit, name="study_edit"),
]
