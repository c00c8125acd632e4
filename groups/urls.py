from django.urls import path

from groups import views

app_name = "groups"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<slug:slug>/", views.group_detail, name="detail"),
    path("<slug:slug>/brief/", views.group_brief, name="brief"),
    path("<slug:slug>/verify/", views.group_verify_view, name="verify"),
    path("<slug:slug>/assessment/", views.assessment_edit, name="assessment"),
]
