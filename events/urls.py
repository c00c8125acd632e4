from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events/", views.calendar, name="calendar"),
    path("events/feed.ics", views.feed, name="feed"),
    path("events/<int:pk>/", views.event_detail, name="detail"),
    path("events/registrations/<str:token>/confirm/", views.confirm, name="confirm"),
    path("events/registrations/<str:token>/cancel/", views.cancel, name="cancel"),
    path("office/events/", views.office_events, name="office_events"),
    path("office/events/add/", views.event_edit, name="office_event_add"),
    path("office/events/<int:pk>/", views.event_edit, name="office_event"),
    path(
        "office/events/sponsors/<int:pk>/role/",
        views.sponsorship_role,
        name="office_sponsorship_role",
    ),
    path(
        "office/events/<int:pk>/registrations.csv",
        views.registrations_csv,
        name="office_registrations_csv",
    ),
    path("office/partners/", views.partners, name="partners"),
    path("office/partners/add/", views.partner_edit, name="partner_add"),
    path("office/partners/<int:pk>/", views.partner_edit, name="partner"),
]
