from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("", views.audit_list, name="list"),
    path("export.csv", views.audit_csv, name="export"),
    path("exports/<int:pk>/", views.audit_export_status, name="export_status"),
    path("exports/<int:pk>/download/", views.audit_export_download, name="export_download"),
]
