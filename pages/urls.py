"""The site's addresses: every app's URLs, gathered here (the root URLconf)."""

from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

import groups.urls
from groups.meeting_guide import views as feeds
from liaison import mfa_views
from liaison.forms import EmailAuthenticationForm
from liaison.views import PasswordResetView, SignInView
from pages import views
from referrals import volunteer_views

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
    # The language switch needs no form token: the worst a forged switch does is change the
    # language of someone's pages, and without a token every public page is the same for every
    # visitor, so it can be served from the cache (groups/directory/page_cache.py).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("meetings.json", feeds.meetings_json, name="meetings_json"),
    path("groups/export.csv", feeds.export_csv, name="meetings_csv"),
    # A group's page gathers the agency's knowledge of the group: it is this app's, in the
    # directory's namespace.
    path(
        "groups/",
        include(
            (
                [*groups.urls.urlpatterns, path("<slug:slug>/", views.group_detail, name="detail")],
                "groups",
            )
        ),
    ),
    path("api/hsds/", include("groups.hsds.urls")),
    path("portal/", include("pages.portal_urls")),
    path("referrals/", include("referrals.urls")),
    path("volunteer/", include("referrals.volunteer_urls")),
    path(
        "reminders/stop/<str:token>/",
        volunteer_views.reminder_stop_view,
        name="referral_reminder_stop",
    ),
    path("", include("surveys.urls")),
    path("", include("events.urls")),
    path("office/", include("groups.office_urls")),
    path("office/audit/", include("audit.urls")),
    path("", include("exchanges.urls")),
    path("", include("liaison.urls")),
    path(
        "",
        include(
            (
                [
                    path("", views.home, name="home"),
                    path("help/", views.help_now, name="help"),
                    path("privacy/", views.privacy, name="privacy"),
                    path("accessibility/", views.accessibility, name="accessibility"),
                    path("office/", views.office, name="office"),
                    path("office/style/", views.style_guide, name="style_guide"),
                    path("dashboard/", views.dashboard, name="dashboard"),
                    path("dashboard/export.csv", views.dashboard_csv, name="dashboard_csv"),
                    path("dashboard/summary/", views.dashboard_summary, name="dashboard_summary"),
                    path(
                        "dashboard/referrals/",
                        views.dashboard_figures,
                        {"page": "referrals"},
                        name="dashboard_referrals",
                    ),
                    path(
                        "dashboard/referrals/export.csv",
                        views.dashboard_figures_csv,
                        {"page": "referrals"},
                        name="dashboard_referrals_csv",
                    ),
                    path(
                        "dashboard/follow-ups/",
                        views.dashboard_figures,
                        {"page": "follow_ups"},
                        name="dashboard_follow_ups",
                    ),
                    path(
                        "dashboard/follow-ups/export.csv",
                        views.dashboard_figures_csv,
                        {"page": "follow_ups"},
                        name="dashboard_follow_ups_csv",
                    ),
                    path(
                        "dashboard/stories/",
                        views.dashboard_figures,
                        {"page": "stories"},
                        name="dashboard_stories",
                    ),
                    path(
                        "dashboard/stories/export.csv",
                        views.dashboard_figures_csv,
                        {"page": "stories"},
                        name="dashboard_stories_csv",
                    ),
                ],
                "pages",
            )
        ),
    ),
]
