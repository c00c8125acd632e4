from django.urls import path

from groups import hsds

app_name = "hsds"

urlpatterns = [
    path("", hsds.api_root, name="root"),
    path("services", hsds.services, name="services"),
    path("services/<uuid:pk>", hsds.service_detail, name="service"),
    path("organizations", hsds.organizations, name="organizations"),
    path("organizations/<uuid:pk>", hsds.organization_detail, name="organization"),
]
