from django.urls import path

from events import views as event_views
from groups import listing_views
from referrals import views as referral_views
from surveys import views as survey_views

app_name = "portal"

urlpatterns = [
    path("", listing_views.portal_home, name="home"),
    path("invitation/<str:token>/", listing_views.invitation, name="invitation"),
    path("volunteers/", referral_views.volunteers, name="volunteers"),
    path("volunteers/<int:pk>/", referral_views.volunteers, name="volunteer"),
    path("referrals/", referral_views.leader_referrals, name="referrals"),
    path("events/", event_views.leader_events, name="events"),
    path("events/<int:pk>/answer/", event_views.leader_answer, name="event_answer"),
    path("surveys/", survey_views.leader_surveys, name="surveys"),
    path("surveys/<int:pk>/join/", survey_views.leader_join, name="survey_join"),
]
