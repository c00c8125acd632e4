from django.contrib import admin
from django.urls import include, path

from groups import feeds
from liaison import mfa_views
from liaison.forms import EmailAuthenticationForm
from liaison.views import PasswordResetView, SignInView

admin.site.site_header = "Liaison administration"
admin.site.site_title = "Liaison admin"

urlpatterns = [
    path(
        "accounts/login/",
        SignInView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path("accounts/mfa/", mfa_views.manage, name="mfa_manage"),
    path("accounts/mfa/setup/", mfa_views.setup, name="mfa_setup"),
    path("accounts/mfa/verify/", mfa_views.verify, name="mfa_verify"),
    path("accounts/mfa/recovery-codes/", mfa_views.recovery_codes, name="mfa_recovery_codes"),
    path("accounts/mfa/remove/", mfa_views.remove, name="mfa_remove"),
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("meetings.json", feeds.meetings_json, name="meetings_json"),
    path("groups/export.csv", feeds.export_csv, name="meetings_csv"),
    path("groups/", include("groups.urls")),
    path("api/hsds/", include("groups.api_urls")),
    path("portal/", include("groups.portal_urls")),
    path("referrals/", include("referrals.urls")),
    path("volunteer/", include("referrals.volunteer_urls")),
    path("", include("surveys.urls")),
    path("", include("events.urls")),
    path("office/", include("groups.office_urls")),
    path("office/audit/", include("audit.urls")),
    path("", include("liaison.app_urls")),
]
