from django.urls import path

from groups.hsds import api

app_name = "hsds"

urlpatterns = [
    path("", api.api_root, name="root"),
    path("services", api.services, name="services"),
    path("services/<uuid:pk>", api.service_detail, name="service"),
    path("organizations", api.organizations, name="organizations"),
    path("organizations/<uuid:pk>", api.organization_detail, name="organization"),
]
