"""The foundation's own pages: sign-in landing, the agency admin's staff, units and jobs."""

from django.urls import path

from liaison import mfa_views, views

app_name = "liaison"

urlpatterns = [
    path("accounts/home/", views.after_login, name="after_login"),
    path("office/staff/", views.staff_list, name="staff_list"),
    path("office/staff/add/", views.staff_add, name="staff_add"),
    path(
        "office/staff/invitations/<int:pk>/resend/",
        views.staff_invitation_resend,
        name="staff_invitation_resend",
    ),
    path(
        "office/staff/invitations/<int:pk>/withdraw/",
        views.staff_invitation_withdraw,
        name="staff_invitation_withdraw",
    ),
    path("accounts/staff-invitation/<str:token>/", views.staff_invitation, name="staff_invitation"),
    path("office/staff/two-factor/", mfa_views.mfa_policy, name="mfa_policy"),
    path("office/staff/<int:pk>/", views.staff_edit, name="staff_edit"),
    path("office/staff/<int:pk>/reset-mfa/", mfa_views.staff_reset_mfa, name="staff_reset_mfa"),
    path("office/staff/<int:pk>/unlock/", mfa_views.staff_unlock, name="staff_unlock"),
    path("office/jobs/", views.jobs_status, name="jobs_status"),
    path("office/profile/", views.installation_edit, name="installation"),
    path("logo/<slug:version>.<slug:ext>", views.logo, name="logo"),
    path("office/units/", views.unit_list, name="unit_list"),
    path("office/units/add/", views.unit_form, name="unit_add"),
    path("office/units/<int:pk>/", views.unit_form, name="unit_edit"),
]
