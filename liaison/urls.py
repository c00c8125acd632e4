from django.contrib import admin
from django.urls import include, path

from groups import feeds
from liaison.forms import EmailAuthenticationForm
from liaison.views import SignInView

admin.site.site_header = "Liaison administration"
admin.site.site_title = "Liaison admin"

urlpatterns = [
    path(
        "accounts/login/",
        SignInView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("meetings.json", feeds.meetings_json, name="meetings_json"),
    path("groups/export.csv", feeds.export_csv, name="meetings_csv"),
    path("groups/", include("groups.urls")),
    path("api/hsds/", include("groups.api_urls")),
    path("portal/", include("groups.portal_urls")),
    path("referrals/", include("referrals.urls")),
    path("", include("events.urls")),
    path("office/", include("groups.office_urls")),
    path("", include("liaison.app_urls")),
]
