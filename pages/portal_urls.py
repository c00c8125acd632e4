from django.urls import path

from events import views as event_views
from groups.leadership import views as leadership_views
from pages import views as page_views
from referrals import views as referral_views
from surveys import views as survey_views

app_name = "portal"

urlpatterns = [
    path("", page_views.portal_home, name="home"),
    path("invitation/<str:token>/", leadership_views.invitation, name="invitation"),
    path("groups/<slug:slug>/leaders/", leadership_views.portal_leaders, name="leaders"),
    path(
        "groups/<slug:slug>/leaders/<int:pk>/end/",
        leadership_views.portal_leadership_end,
        name="leadership_end",
    ),
    path(
        "groups/<slug:slug>/proposals/<int:pk>/",
        leadership_views.portal_proposal,
        name="proposal",
    ),
    path(
        "groups/<slug:slug>/invitations/<int:pk>/resend/",
        leadership_views.portal_invitation_resend,
        name="invitation_resend",
    ),
    path(
        "groups/<slug:slug>/invitations/<int:pk>/withdraw/",
        leadership_views.portal_invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("volunteers/", referral_views.volunteers, name="volunteers"),
    path("volunteers/<int:pk>/", referral_views.volunteers, name="volunteer"),
    path("referrals/", referral_views.leader_referrals, name="referrals"),
    path("events/", event_views.leader_events, name="events"),
    path("events/<int:pk>/", event_views.leader_event, name="event"),
    path("events/<int:pk>/answer/", event_views.leader_answer, name="event_answer"),
    path("surveys/", survey_views.leader_surveys, name="surveys"),
    path("surveys/<int:pk>/join/", survey_views.leader_join, name="survey_join"),
]
